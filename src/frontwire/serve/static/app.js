// frontwire workbench: the ledger on a map and a timeline, every fact with its words, review.
// Plain JavaScript over the JSON API (/docs); filters and the open event live in the URL.
"use strict";

const FILTERS = ["date_from", "date_to", "event_type", "actor", "place", "radius_km", "source",
  "certainty", "review_status"];
const TYPE_COLOURS = {
  "Battles": "#d62728",
  "Explosions/Remote violence": "#ff7f0e",
  "Violence against civilians": "#9467bd",
  "Protests": "#2ca02c",
  "Riots": "#8c564b",
  "Strategic developments": "#1f77b4",
};
// The map draws at most this many events, the newest: a large ledger is narrowed by filters
// or the timeline's brush (the status line says when the map holds fewer than matched).
const MAP_LIMIT = 20000;
const KIND_NAMES = { place: "places", event: "events", claim: "claims", figure: "figures" };
const state = { meta: null, map: null, cluster: null, events: [], selected: null, page: 0 };
const $ = (sel, root = document) => root.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) node.setAttribute(k, v);
  }
  for (const c of children.flat()) node.append(c instanceof Node ? c : String(c ?? ""));
  return node;
};

// ---- the URL holds the view -------------------------------------------------------------
function params() { return new URLSearchParams(location.search); }
function filterQuery(drop = []) {
  const q = new URLSearchParams();
  for (const [k, v] of params()) if (FILTERS.includes(k) && v && !drop.includes(k)) q.set(k, v);
  return q;
}
function setURL(changes, push = true) {
  const q = params();
  for (const [k, v] of Object.entries(changes)) (v === null || v === "") ? q.delete(k) : q.set(k, v);
  const url = `${location.pathname}?${q}`;
  push ? history.pushState(null, "", url) : history.replaceState(null, "", url);
}

async function api(path, options = {}) {
  const headers = { "Content-Type": "application/json" };
  const token = localStorage.getItem("frontwire.token");
  if (token) headers["X-Frontwire-Token"] = token;
  const resp = await fetch(path, { ...options, headers });
  const body = await resp.json().catch(() => ({}));
  if (resp.status === 401) {
    const given = prompt("This server needs its token for reviews:");
    if (given) { localStorage.setItem("frontwire.token", given); return api(path, options); }
  }
  if (!resp.ok) throw new Error(body.message || body.detail || `${resp.status} ${path}`);
  return body;
}
function say(text, error = false) {
  const s = $("#status");
  s.textContent = text;
  s.className = error ? "error" : "muted";
}

// ---- filters form -----------------------------------------------------------------------
function fillForm() {
  const form = $("#filters");
  for (const name of FILTERS) form.elements[name].value = params().get(name) || "";
}
function setupForm() {
  const select = $("#filters").elements.event_type;
  for (const [type, subs] of Object.entries(state.meta.event_types)) {
    const group = el("optgroup", { label: type });
    group.append(el("option", { value: type }, `${type} (all)`));
    for (const sub of subs) group.append(el("option", { value: sub }, sub));
    select.append(group);
  }
  $("#filters").addEventListener("submit", (e) => {
    e.preventDefault();
    const changes = {};
    for (const name of FILTERS) changes[name] = $("#filters").elements[name].value.trim();
    setURL(changes);
    refresh();
  });
  $("#clear").addEventListener("click", () => {
    setURL(Object.fromEntries(FILTERS.map((f) => [f, null])));
    fillForm();
    refresh();
  });
  $("#filters").elements.place.addEventListener("focus", lazyPlaces);
  const reviewer = $("#reviewer");
  reviewer.value = localStorage.getItem("frontwire.reviewer") || "";
  reviewer.addEventListener("change", () => {
    localStorage.setItem("frontwire.reviewer", reviewer.value.trim());
  });
}

// ---- map --------------------------------------------------------------------------------
function setupMap() {
  const map = L.map("map", { worldCopyJump: true, preferCanvas: true, minZoom: 2, maxZoom: 14 })
    .setView([48.5, 34], 5);
  state.map = map;
  // The offline basemap: Natural Earth from the pinned world-atlas package, served here.
  // 1:110m first (small, drawn at once), 1:50m once the page is idle. Land is one filled
  // shape whose outline is the coast; borders are one mesh of the lines countries share.
  drawBasemap("110m").then(() => { document.body.dataset.basemap = "1"; })
    .catch(() => say("basemap not available", true));
  state.cluster = L.markerClusterGroup({ chunkedLoading: true, maxClusterRadius: 40,
    spiderfyOnMaxZoom: true, showCoverageOnHover: false });
  map.addLayer(state.cluster);
  const legend = $("#legend");
  for (const [type, colour] of Object.entries(TYPE_COLOURS)) {
    legend.append(el("span", {}, el("i", { style: `background:${colour}` }), type));
  }
  legend.append(el("span", { class: "muted" }, "size: fatalities · dashed: near / region"));
}

async function drawBasemap(scale) {
  const [land, countries] = await Promise.all([`land-${scale}`, `countries-${scale}`]
    .map((name) => fetch(`/vendor/world-atlas/${name}.json`).then((r) => r.json())));
  const layers = [
    L.geoJSON(topojson.feature(land, land.objects.land), { interactive: false,
      style: { color: "#6d8ba3", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 } }),
    L.geoJSON(topojson.mesh(countries, countries.objects.countries, (a, b) => a !== b), {
      interactive: false, style: { color: "#9b8f7a", weight: 0.8, dashArray: "4 2" } }),
  ];
  for (const layer of state.basemap || []) state.map.removeLayer(layer);
  state.basemap = layers;
  for (const layer of [...layers].reverse()) layer.addTo(state.map).bringToBack();
}

function markerFor(feature) {
  const p = feature.properties;
  const [lon, lat] = feature.geometry.coordinates;
  const colour = TYPE_COLOURS[p.event_type] || "#555";
  const fuzzy = (p.geo_precision || 1) > 1;
  const radius = 5 + 3 * Math.sqrt(p.fatalities || 0) + (fuzzy ? 4 * (p.geo_precision - 1) : 0);
  const marker = L.circleMarker([lat, lon], {
    radius, color: colour, fillColor: colour, weight: fuzzy ? 1 : 1.5,
    fillOpacity: fuzzy ? 0.25 : 0.7, dashArray: fuzzy ? "3 3" : null,
    opacity: p.review_status === "rejected" ? 0.4 : 1,
  });
  marker.bindTooltip(`${p.event_date || "no date"} · ${p.sub_event_type} · ${p.location}` +
    (p.fatalities ? ` · ${p.fatalities} killed` : ""));
  marker.on("click", () => openEvent(p.id));
  return marker;
}

async function loadMap() {
  const q = filterQuery();
  q.set("limit", MAP_LIMIT);
  const data = await api(`/api/events.geojson?${q}`);
  state.cluster.clearLayers();
  state.cluster.addLayers(data.features.map(markerFor));
  if (data.features.length && !state.fitted) {
    const points = data.features.map((f) => [f.geometry.coordinates[1], f.geometry.coordinates[0]]);
    state.map.fitBounds(L.latLngBounds(points), { maxZoom: 8, padding: [30, 30] });
    state.fitted = true;
  }
  return data;
}

// ---- timeline with a brush ----------------------------------------------------------------
async function loadTimeline() {
  const data = await api(`/api/timeline?${filterQuery(["date_from", "date_to"])}`);
  drawTimeline(data.days);
}
const DAY = 86400000;
function drawTimeline(days) {
  const box = $("#timeline");
  box.innerHTML = "";
  if (!days.length) { box.append(el("p", { class: "muted" }, "no dated events")); return; }
  const width = box.clientWidth || 600, height = box.clientHeight || 110, pad = 18;
  const t0 = Date.parse(days[0].date), t1 = Date.parse(days[days.length - 1].date) + DAY;
  const x = (t) => pad + ((t - t0) / (t1 - t0)) * (width - 2 * pad);
  const tAt = (px) => t0 + ((px - pad) / (width - 2 * pad)) * (t1 - t0);
  const max = Math.max(...days.map((d) => d.events));
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const from = params().get("date_from"), to = params().get("date_to");
  const barWidth = Math.min(24, Math.max(1, (width - 2 * pad) / ((t1 - t0) / DAY) - 1));
  for (const d of days) {
    const h = ((height - 2 * pad) * d.events) / max;
    const rect = document.createElementNS(ns, "rect");
    const inRange = (!from || d.date >= from) && (!to || d.date <= to);
    rect.setAttribute("class", `bar${inRange && (from || to) ? " in" : ""}`);
    rect.setAttribute("x", x(Date.parse(d.date)));
    rect.setAttribute("y", height - pad - h);
    rect.setAttribute("width", barWidth);
    rect.setAttribute("height", Math.max(h, 1));
    rect.setAttribute("data-date", d.date);
    const title = document.createElementNS(ns, "title");
    title.textContent = `${d.date}: ${d.events} events, ${d.fatalities} killed`;
    rect.append(title);
    svg.append(rect);
  }
  for (const [t, anchor] of [[t0, "start"], [t1 - DAY, "end"]]) {
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", anchor === "start" ? pad : width - pad);
    label.setAttribute("y", height - 4);
    label.setAttribute("text-anchor", anchor);
    label.textContent = new Date(t).toISOString().slice(0, 10);
    svg.append(label);
  }
  const brush = document.createElementNS(ns, "rect");
  brush.setAttribute("class", "brush");
  brush.setAttribute("y", pad / 2);
  brush.setAttribute("height", height - pad * 1.5);
  const showBrush = (a, b) => {
    brush.setAttribute("x", Math.min(a, b));
    brush.setAttribute("width", Math.abs(b - a));
  };
  if (from || to) {
    showBrush(x(from ? Date.parse(from) : t0), x(to ? Date.parse(to) + DAY : t1));
  } else showBrush(0, 0);
  svg.append(brush);
  let start = null;
  const px = (e) => e.clientX - svg.getBoundingClientRect().left;
  svg.addEventListener("mousedown", (e) => { start = px(e); showBrush(start, start); });
  svg.addEventListener("mousemove", (e) => { if (start !== null) showBrush(start, px(e)); });
  window.addEventListener("mouseup", (e) => {
    if (start === null) return;
    const a = Math.min(start, px(e)), b = Math.max(start, px(e));
    start = null;
    if (b - a < 3) { setURL({ date_from: null, date_to: null }); }  // a click clears the brush
    else {
      const day = (t) => new Date(Math.floor(t / DAY) * DAY).toISOString().slice(0, 10);
      setURL({ date_from: day(tAt(a)), date_to: day(tAt(b) - 1) });
    }
    fillForm();
    refresh();
  });
  box.append(svg);
}

// ---- events list ----------------------------------------------------------------------------
async function loadEvents() {
  const q = filterQuery();
  q.set("limit", 100);
  q.set("offset", state.page * 100);
  const data = await api(`/api/events?${q}`);
  const panel = $("#panel-events");
  panel.innerHTML = "";
  const pager = el("p", {}, `${data.total} events`,
    data.offset > 0 ? el("button", { onclick: () => { state.page--; loadEvents(); } }, "‹ newer") : "",
    data.offset + data.events.length < data.total
      ? el("button", { onclick: () => { state.page++; loadEvents(); } }, "older ›") : "");
  const table = el("table", { id: "events-table" },
    el("tr", {}, ["date", "type", "place", "killed", "sources", "review"].map((h) => el("th", {}, h))));
  for (const e of data.events) {
    table.append(el("tr", { class: `event-row${e.id === state.selected ? " selected" : ""}`,
      "data-id": e.id, onclick: () => openEvent(e.id) },
    el("td", {}, e.event_date || "—"),
    el("td", {}, e.sub_event_type),
    el("td", {}, e.location || e.place?.name || "—"),
    el("td", {}, e.fatalities),
    el("td", {}, e.sources.join(", ")),
    el("td", { class: `status-${e.review_status}` }, e.review_status)));
  }
  panel.append(pager, table);
  return data;
}

// ---- rendering text with highlight spans ----------------------------------------------------
// spans: {start, end, cls, title?, label?, data?}; overlapping spans split into segments.
function renderText(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i], b = points[i + 1];
    // Narrowest innermost, so a field's mark sits inside its sentence's mark.
    const over = spans.filter((s) => s.start <= a && b <= s.end)
      .sort((x, y) => (x.end - x.start) - (y.end - y.start));
    const words = text.slice(a, b);
    if (!over.length) { frag.append(words); continue; }
    let node = document.createTextNode(words);
    for (const s of over) {
      const mark = el("mark", { class: s.cls, title: s.title || null,
        "data-label": s.label && s.end === b ? s.label : null, ...(s.data || {}) });
      mark.append(node);
      node = mark;
    }
    frag.append(node);
  }
  return frag;
}

// ---- event view -----------------------------------------------------------------------------
const FIELD_LABELS = { event_type: "type", place: "place", event_date: "date", actor1: "actor 1",
  actor2: "actor 2", fatalities: "killed", injuries: "injured" };

async function openEvent(id, push = true) {
  state.selected = id;
  if (push) setURL({ event: id, tab: "event" });
  showTab("event", false);
  const panel = $("#panel-event");
  panel.innerHTML = "loading…";
  let e;
  try { e = await api(`/api/events/${encodeURIComponent(id)}`); }
  catch (err) { panel.innerHTML = ""; panel.append(el("p", { class: "error" }, err.message)); return; }
  for (const row of document.querySelectorAll("tr.event-row")) {
    row.classList.toggle("selected", row.dataset.id === id);
  }
  panel.innerHTML = "";
  const mark = (field, value) => e.reviewed_fields.includes(field)
    ? el("span", { class: "reviewed", title: "set by a reviewer" }, value) : value;
  panel.append(el("h3", { id: "event-title" }, `${e.sub_event_type}`),
    el("dl", { class: "fields", id: "event-fields" },
      el("dt", {}, "type"), el("dd", {}, mark("event_type", e.event_type), " / ",
        mark("sub_event_type", e.sub_event_type)),
      el("dt", {}, "date"), el("dd", { "data-field": "event_date" },
        mark("event_date", e.event_date || "unknown"), ` (precision ${e.time_precision})`),
      el("dt", {}, "place"), el("dd", { "data-field": "place" },
        mark("place_id", e.place ? `${e.place.name}${e.place.admin1 ? ", " + e.place.admin1 : ""}` : "—"),
        e.geo_precision ? ` (geo precision ${e.geo_precision})` : ""),
      el("dt", {}, "actors"), el("dd", {}, mark("actor1", e.actor1 || "—"), " vs ",
        mark("actor2", e.actor2 || "—")),
      el("dt", {}, "killed / injured"), el("dd", { "data-field": "fatalities" },
        mark("fatalities", String(e.fatalities)), " / ", mark("injuries", String(e.injuries))),
      el("dt", {}, "certainty"), el("dd", {}, e.certainty),
      el("dt", {}, "review"), el("dd", { class: `status-${e.review_status}`, id: "review-status" },
        e.review_status),
      el("dt", {}, "id"), el("dd", { class: "muted" }, e.id)));
  panel.append(el("h4", {}, `${e.reports.length} report${e.reports.length === 1 ? "" : "s"}`));
  for (const r of e.reports) panel.append(await reportBox(r));
  panel.append(reviewBox(e));
}

async function reportBox(r) {
  const box = el("div", { class: "report", "data-article": r.article_id });
  box.append(el("div", {},
    el("strong", {}, r.source || "unknown source"), ` · ${r.published || "undated"} · `,
    r.url ? el("a", { href: r.url, target: "_blank", rel: "noopener" }, r.title || r.url) : (r.title || ""),
    " · ", el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); openArticle(r.article_id); } },
      "article view")));
  box.append(el("div", { class: "muted" },
    `coded: ${r.event_date || "no date"}, ${r.fatalities} killed, ${r.injuries} injured, ` +
    `${r.actor1 || "?"} vs ${r.actor2 || "?"}, ${r.certainty}`));
  const fields = r.fields || {};
  const list = el("ul", { class: "field-sources" });
  for (const [field, spans] of Object.entries(fields)) {
    if (field === "sentence") continue;
    list.append(el("li", {}, `${FIELD_LABELS[field] || field}: `,
      el("q", { "data-field": field, onmouseenter: () => flash(box, field) }, spans[0].text)));
  }
  box.append(list);
  let article;
  try { article = await api(`/api/articles/${encodeURIComponent(r.article_id)}`); }
  catch { return box; }
  const spans = [];
  for (const s of fields.sentence || []) spans.push({ start: s.start, end: s.end, cls: "sentence" });
  for (const [field, list2] of Object.entries(fields)) {
    if (field === "sentence") continue;
    for (const s of list2) {
      spans.push({ start: s.start, end: s.end, cls: "field", title: FIELD_LABELS[field] || field,
        data: { "data-field": field } });
    }
  }
  const text = el("div", { class: "article-text" });
  text.append(renderText(article.article.text, spans));
  box.append(text);
  requestAnimationFrame(() => {
    const first = $("mark.sentence", text);
    if (first) text.scrollTop = first.offsetTop - text.offsetTop - 20;
  });
  return box;
}
function flash(box, field) {
  for (const m of box.querySelectorAll(`mark.field[data-field="${field}"]`)) {
    m.classList.add("flash");
    setTimeout(() => m.classList.remove("flash"), 900);
  }
}

// ---- review ---------------------------------------------------------------------------------
function reviewer() {
  const name = $("#reviewer").value.trim() || localStorage.getItem("frontwire.reviewer") || "";
  if (!name) { $("#reviewer").focus(); throw new Error("set your reviewer name first (top right)"); }
  localStorage.setItem("frontwire.reviewer", name);
  return name;
}
async function review(event, body, note) {
  const out = $("#review-message");
  try {
    await api("/api/reviews", { method: "POST",
      body: JSON.stringify({ event_id: event.id, reviewer: reviewer(), note: note || "", ...body }) });
    say(`${body.action} saved`);
    const target = body.action === "merge" ? body.after : event.id;
    await Promise.all([loadEvents(), loadMap()]);
    await openEvent(target, target !== event.id);
  } catch (err) { if (out) out.textContent = err.message; say(err.message, true); }
}
function reviewBox(e) {
  const box = el("div", { class: "review-box", id: "review" });
  const note = el("input", { name: "note", placeholder: "note (why)", size: 24 });
  box.append(el("h4", {}, "Review"),
    el("div", {}, el("button", { id: "confirm", onclick: () => review(e, { action: "confirm" }, note.value) },
      "Confirm"), " ",
    el("button", { id: "reject", onclick: () => review(e, { action: "reject" }, note.value) }, "Reject"),
    " ", note));
  const field = el("select", { name: "field" },
    state.meta.editable_fields.map((f) => el("option", { value: f }, f)));
  const value = el("input", { name: "value", placeholder: "new value", size: 16 });
  const current = (f) => f === "place_id" ? (e.place ? e.place.name : "") : (e[f] ?? "");
  field.addEventListener("change", () => { value.value = current(field.value); });
  field.value = "fatalities";
  value.value = current("fatalities");
  box.append(el("form", { id: "edit-form", onsubmit: (ev) => { ev.preventDefault();
    review(e, { action: "edit", field: field.value, after: value.value }, note.value); } },
  "edit", field, value, el("button", { type: "submit" }, "Save")));
  const other = el("input", { name: "merge_into", placeholder: "other event id", size: 20 });
  box.append(el("form", { id: "merge-form", onsubmit: (ev) => { ev.preventDefault();
    review(e, { action: "merge", after: other.value.trim() }, note.value); } },
  "merge into", other, el("button", { type: "submit" }, "Merge")));
  if (e.reports.length > 1) {
    const checks = e.reports.map((r) => el("label", {}, el("input", { type: "checkbox", value: r.event_id }),
      `${r.source || r.article_id} `));
    box.append(el("form", { id: "split-form", onsubmit: (ev) => { ev.preventDefault();
      const ids = checks.map((c) => $("input", c)).filter((i) => i.checked).map((i) => i.value);
      review(e, { action: "split", after: ids }, note.value); } },
    "split off", checks, el("button", { type: "submit" }, "Split")));
  }
  box.append(el("p", { id: "review-message", class: "error" }));
  const history = el("table", { id: "review-history" },
    el("tr", {}, ["when", "who", "action", "field", "before → after", "note"].map((h) => el("th", {}, h))));
  for (const r of e.reviews) {
    history.append(el("tr", {}, el("td", {}, (r.at || "").replace("T", " ").slice(0, 19)),
      el("td", {}, r.reviewer), el("td", {}, r.action), el("td", {}, r.field || ""),
      el("td", {}, r.action === "edit" ? `${r.before ?? "—"} → ${r.after ?? "—"}`
        : (r.after ? JSON.stringify(r.after) : "")), el("td", {}, r.note || "")));
  }
  box.append(el("h4", {}, "History"), e.reviews.length ? history : el("p", { class: "muted" }, "no reviews yet"));
  return box;
}

// ---- claims board ---------------------------------------------------------------------------
function claimCard(side) {
  return el("div", { class: "claim" },
    el("div", {}, el("span", { class: `stance stance-${side.stance}` }, side.stance), " ",
      el("strong", {}, side.source), ` · ${side.outlet || ""} · ${side.date || "undated"}`),
    el("div", {}, el("q", {}, side.content)),
    side.sentence ? el("div", { class: "muted" }, side.sentence) : "");
}
async function loadClaims() {
  const q = filterQuery();
  const [pairs, claims] = await Promise.all([api(`/api/contradictions?${q}`), api(`/api/claims?${q}`)]);
  const panel = $("#panel-claims");
  panel.innerHTML = "";
  panel.append(el("h3", {}, `Contradictions (${pairs.length})`));
  for (const p of pairs) {
    const side = (k) => ({ stance: p[`${k}_stance`], source: p[`${k}_source`], outlet: p[`${k}_outlet`],
      date: p[`${k}_date`], content: p[`${k}_content`], sentence: p[`${k}_sentence`] });
    panel.append(el("div", { class: "muted" }, `${p.proposition}${p.reason ? " — " + p.reason : ""}`),
      el("div", { class: "claims-pair" }, claimCard(side("a")), claimCard(side("b"))));
  }
  const groups = new Map();
  for (const c of claims) {
    const key = c.predicate ? `${c.predicate}${c.place_id ? " @ " + c.place_id : ""}` : "other claims";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(c);
  }
  panel.append(el("h3", {}, `Claims (${claims.length})`));
  for (const [key, list] of groups) {
    const table = el("table", {}, el("tr", {}, ["stance", "source", "outlet", "date", "content"]
      .map((h) => el("th", {}, h))));
    for (const c of list) {
      table.append(el("tr", {}, el("td", { class: `stance stance-${c.stance}` },
        c.stance + (c.contradicted ? " ⚡" : "")), el("td", {}, c.source_name),
      el("td", {}, c.outlet || ""), el("td", {}, c.claim_date || ""), el("td", {}, c.content)));
    }
    panel.append(el("h4", {}, key), table);
  }
}

// ---- places ---------------------------------------------------------------------------------
// Loaded when wanted (the Places tab, or typing a place): a large ledger has many.
function lazyPlaces() {
  if (!state.placesLoaded) { state.placesLoaded = true; loadPlaces().catch(fail); }
}
async function loadPlaces() {
  const places = await api(`/api/places?${filterQuery(["place", "radius_km"])}`);
  const panel = $("#panel-places");
  panel.innerHTML = "";
  const list = $("#place-spellings");
  list.innerHTML = "";
  const table = el("table", {}, el("tr", {}, ["place", "spellings", "region", "mentions"]
    .map((h) => el("th", {}, h))));
  for (const p of places) {
    const spellings = Array.isArray(p.spellings) ? p.spellings : String(p.spellings || "").split(",");
    for (const s of new Set([p.name, ...spellings])) if (s) list.append(el("option", { value: s }));
    table.append(el("tr", { class: "event-row", onclick: () => {
      setURL({ place: p.id }); fillForm(); refresh(); } },
    el("td", {}, p.name), el("td", {}, spellings.join(", ")),
    el("td", {}, [p.admin1, p.country_code].filter(Boolean).join(", ")), el("td", {}, p.n_mentions ?? "")));
  }
  panel.append(table);
}

// ---- article view ---------------------------------------------------------------------------
async function openArticle(id, push = true) {
  if (push) setURL({ article: id, tab: "article" });
  showTab("article", false);
  const panel = $("#panel-article");
  panel.innerHTML = "loading…";
  let a;
  try { a = await api(`/api/articles/${encodeURIComponent(id)}`); }
  catch (err) { panel.innerHTML = ""; panel.append(el("p", { class: "error" }, err.message)); return; }
  panel.innerHTML = "";
  const art = a.article;
  panel.append(el("h3", {}, art.title || art.external_id || art.id),
    el("p", { class: "muted" }, [art.source, art.published, a.outlets.length > 1
      ? `also carried by ${a.outlets.slice(1).map((o) => o.source).join(", ")}` : ""]
      .filter(Boolean).join(" · ")));
  const text = el("div", { class: "article-text", id: "article-text" });
  const kinds = el("div", { class: "kinds" });
  for (const kind of state.meta.highlight_kinds) {
    const box = el("input", { type: "checkbox", checked: "checked" });
    box.addEventListener("change", () => text.classList.toggle(`hide-${kind}`, !box.checked));
    kinds.append(el("label", {}, box, ` ${KIND_NAMES[kind]} (${a.kinds[kind] || 0})`));
  }
  text.append(renderText(art.text, a.spans.map((s) => ({ start: s.start, end: s.end,
    cls: `k-${s.kind}`, title: s.label, label: s.kind, data: { "data-ref": s.ref } }))));
  panel.append(kinds, text);
}

// ---- tabs and start -------------------------------------------------------------------------
function showTab(name, push = true) {
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === name);
  for (const p of document.querySelectorAll(".panel")) p.classList.toggle("active", p.id === `panel-${name}`);
  if (push) setURL({ tab: name }, false);
  if (name === "claims" && !state.claimsLoaded) { state.claimsLoaded = true; loadClaims().catch(fail); }
  if (name === "places") lazyPlaces();
}
function fail(err) { console.error(err); say(err?.message || String(err), true); }

async function refresh() {
  state.page = 0;
  state.claimsLoaded = false;
  state.placesLoaded = false;
  if ($("#tabs button.active")?.dataset.tab === "places") lazyPlaces();
  say("loading…");
  try {
    const [map] = await Promise.all([loadMap(), loadTimeline(), loadEvents()]);
    say(`${map.features.length} events on the map` + (map.unplaced ? `, ${map.unplaced} without a place` : "") +
      (map.truncated ? ` (the newest ${MAP_LIMIT} of ${map.events}: narrow the filters)` : ""));
    if ($("#tabs button.active")?.dataset.tab === "claims") { state.claimsLoaded = true; await loadClaims(); }
    document.body.dataset.ready = "1";
    if (!state.fineBasemap) {  // the finer coast and borders, when nothing else is waiting
      state.fineBasemap = true;
      (window.requestIdleCallback || setTimeout)(() => drawBasemap("50m").catch(() => {}));
    }
  } catch (err) { fail(err); }
}

async function start() {
  state.meta = await api("/api/meta");
  $("#ledger-label").textContent = state.meta.ledger;
  api("/api/counts").then((c) => {  // counting a large ledger may take a moment: not waited for
    $("#ledger-label").textContent = `${state.meta.ledger} · ${c.articles} articles, ` +
      `${c.ledger_events ?? c.events} events, ${c.claims} claims`;
  }).catch(() => {});
  setupForm();
  fillForm();
  setupMap();
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));
  const q = params();
  showTab(q.get("tab") || "events", false);
  await refresh();
  if (q.get("event")) await openEvent(q.get("event"), false);
  if (q.get("tab") === "article" && q.get("article")) await openArticle(q.get("article"), false);
}
window.addEventListener("popstate", () => { fillForm(); refresh(); });
start().catch(fail);
