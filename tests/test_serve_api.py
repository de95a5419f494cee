"""The workbench's API (frontwire serve) over a ledger of the team's example articles."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontwire.ledger.store import open_ledger
from frontwire.serve.app import create_app

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def reports(pipeline, example_articles):
    return {key: pipeline.extract(article) for key, article in example_articles.items()}


@pytest.fixture()
def ledger_path(tmp_path: Path, reports) -> Path:
    path = tmp_path / "workbench.db"
    with open_ledger(path) as ledger:
        for report in reports.values():
            ledger.add_report(report)
    return path


@pytest.fixture()
def client(ledger_path: Path):
    with TestClient(create_app(ledger_path)) as test_client:
        yield test_client


def _ok(resp):
    assert resp.status_code == 200, resp.text
    return resp.json()


def _bad(resp, name: str) -> str:
    assert resp.status_code == 422, resp.text
    body = resp.json()
    assert any(err["loc"][-1] == name for err in body["detail"]), body
    assert body["message"].startswith(f"{name}:"), body["message"]
    return body["message"]


def test_events_are_paginated_and_counted(client):
    everything = _ok(client.get("/api/events", params={"limit": 1000}))
    total = everything["total"]
    assert total == len(everything["events"]) >= 8
    first = _ok(client.get("/api/events", params={"limit": 3}))
    second = _ok(client.get("/api/events", params={"limit": 3, "offset": 3}))
    assert first["total"] == second["total"] == total
    ids = [e["id"] for e in first["events"] + second["events"]]
    assert len(set(ids)) == 6
    assert ids == [e["id"] for e in everything["events"][:6]]
    dates = [e["event_date"] for e in everything["events"] if e["event_date"]]
    assert dates == sorted(dates, reverse=True)


def test_filters_select_by_type_date_and_place_spelling(client):
    everything = _ok(client.get("/api/events", params={"limit": 1000}))["events"]
    sub = "Shelling/artillery/missile attack"
    shelling = _ok(client.get("/api/events", params={"event_type": sub}))["events"]
    assert shelling and all(e["sub_event_type"] == sub for e in shelling)
    assert len(shelling) == sum(e["sub_event_type"] == sub for e in everything)
    may_dates = {"date_from": "2024-05-01", "date_to": "2024-05-31"}
    may = _ok(client.get("/api/events", params=may_dates))
    assert may["events"] and all(e["event_date"].startswith("2024-05") for e in may["events"])
    # The article spells it Avdiivka, the gazetteer Avdiyivka: both find the same events.
    by_text = _ok(client.get("/api/events", params={"place": "Avdiivka"}))["events"]
    by_gazetteer = _ok(client.get("/api/events", params={"place": "Avdiyivka"}))["events"]
    assert by_text and [e["id"] for e in by_text] == [e["id"] for e in by_gazetteer]
    assert all(e["place"]["name"] == "Avdiyivka" for e in by_text)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 5000}, "limit"),
        ({"offset": -1}, "offset"),
        ({"date_from": "last tuesday"}, "date_from"),
        ({"date_from": "2024-06-01", "date_to": "2024-05-01"}, "date_to"),
        ({"certainty": "rumour"}, "certainty"),
        ({"review_status": "approved"}, "review_status"),
        ({"radius_km": "-5", "place": "Kharkiv"}, "radius_km"),
        ({"radius_km": "25"}, "radius_km"),
        ({"bbox": "30,40,50"}, "bbox"),
        ({"bbox": "30,95,50,40"}, "bbox"),
        ({"evnt_type": "Battles"}, "evnt_type"),
    ],
)
def test_a_bad_parameter_is_a_422_naming_it(client, params, name):
    _bad(client.get("/api/events", params=params), name)


def test_bad_parameters_on_the_other_listings(client):
    _bad(client.get("/api/events.geojson", params={"certainty": "maybe"}), "certainty")
    _bad(client.get("/api/timeline", params={"date_to": "2024-13-01"}), "date_to")
    perhaps = {"contradictions_only": "perhaps"}
    _bad(client.get("/api/claims", params=perhaps), "contradictions_only")
    _bad(client.get("/api/places", params={"offset": 3}), "offset")


def test_sql_in_a_filter_is_only_a_string(client, ledger_path):
    before = _ok(client.get("/api/events", params={"limit": 1000}))["total"]
    for name in ("place", "actor", "source", "event_type"):
        hostile = "x' OR '1'='1'; DROP TABLE ledger_events; --"
        found = _ok(client.get("/api/events", params={name: hostile}))
        assert found["total"] == 0, name
    assert _ok(client.get("/api/events", params={"limit": 1000}))["total"] == before
    with open_ledger(ledger_path) as ledger:
        assert ledger.count_events() == before


def test_geojson_and_timeline_agree_with_the_listing(client):
    events = _ok(client.get("/api/events", params={"limit": 1000}))["events"]
    geo = _ok(client.get("/api/events.geojson"))
    placed = [e for e in events if e["place"] and e["place"]["lat"] is not None]
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) == len(placed) and geo["unplaced"] == len(events) - len(placed)
    where = {e["id"]: [e["place"]["lon"], e["place"]["lat"]] for e in placed}
    for feature in geo["features"]:
        assert feature["geometry"]["coordinates"] == where[feature["id"]]
    days = _ok(client.get("/api/timeline"))
    assert sum(d["events"] for d in days["days"]) + days["undated"] == len(events)
    kharkiv = _ok(client.get("/api/timeline", params={"place": "Kharkiv"}))["days"]
    assert [d["date"] for d in kharkiv] == ["2024-05-10"]
    assert kharkiv[0]["fatalities"] == 4


def test_event_view_gives_the_words_each_field_came_from(client):
    feature = next(
        f
        for f in _ok(client.get("/api/events.geojson", params={"place": "Kharkiv"}))["features"]
        if f["properties"]["fatalities"]
    )
    event = _ok(client.get(f"/api/events/{feature['id']}"))
    assert event["reviews"] == [] and event["review_status"] == "unreviewed"
    report = event["reports"][0]
    article = _ok(client.get(f"/api/articles/{report['article_id']}"))["article"]
    fields = report["fields"]
    assert {"sentence", "place", "fatalities"} <= set(fields)
    for spans in fields.values():
        for span in spans:
            assert article["text"][span["start"] : span["end"]] == span["text"]
    sentence = fields["sentence"][0]
    toll = fields["fatalities"][0]
    assert sentence["start"] <= toll["start"] < toll["end"] <= sentence["end"]
    assert "Kharkiv" in fields["place"][0]["text"]
    assert client.get("/api/events/Lnosuchevent").status_code == 404


def test_article_view_highlights_every_kind(client, reports):
    report = reports["wire-2024-05-11-kharkiv"]
    prefix = report.article.id[:8]
    body = _ok(client.get(f"/api/articles/{prefix}"))
    text = body["article"]["text"]
    assert body["article"]["id"] == report.article.id
    assert set(body["kinds"]) == {"place", "event", "claim", "figure"}
    for span in body["spans"]:
        assert 0 <= span["start"] < span["end"] <= len(text)
    places = {text[s["start"] : s["end"]] for s in body["spans"] if s["kind"] == "place"}
    assert {"Kharkiv", "Vovchansk"} <= places
    assert client.get("/api/articles/nosucharticle").status_code == 404


def test_claims_board_puts_contradictions_first(client):
    pairs = _ok(client.get("/api/contradictions"))
    assert pairs and all(p["a_stance"] != p["b_stance"] or p["reason"] for p in pairs)
    claims = _ok(client.get("/api/claims"))
    flags = [c["contradicted"] for c in claims]
    assert flags == sorted(flags, reverse=True) and flags[0] and not flags[-1]
    contested = {p[side] for p in pairs for side in ("a_id", "b_id")}
    assert {c["id"] for c in claims if c["contradicted"]} == contested
    only = _ok(client.get("/api/claims", params={"contradictions_only": "true"}))
    assert {c["id"] for c in only} == contested


def test_places_list_their_spellings(client):
    places = _ok(client.get("/api/places"))
    avdiivka = next(p for p in places if p["name"] == "Avdiyivka")
    assert "Avdiivka" in avdiivka["spellings"]


def _first_event_id(client, **params) -> str:
    return _ok(client.get("/api/events", params={"limit": 1, **params}))["events"][0]["id"]


def test_reviews_confirm_edit_and_keep_a_history(client):
    shelling = "Shelling/artillery/missile attack"
    kharkiv = _first_event_id(client, place="Kharkiv", event_type=shelling)
    review = {"event_id": kharkiv, "reviewer": "Olena"}
    saved = client.post("/api/reviews", json={**review, "action": "confirm"})
    assert saved.status_code == 201, saved.text
    assert saved.json()["id"] and saved.json()["at"]
    edited = client.post(
        "/api/reviews",
        json={**review, "action": "edit", "field": "fatalities", "after": "5", "note": "update"},
    )
    assert edited.status_code == 201, edited.text
    assert edited.json()["before"] == 4 and edited.json()["after"] == 5
    event = _ok(client.get(f"/api/events/{kharkiv}"))
    assert event["fatalities"] == 5 and "fatalities" in event["reviewed_fields"]
    assert event["review_status"] in ("confirmed", "edited")
    assert [r["action"] for r in event["reviews"]] == ["confirm", "edit"]
    history = _ok(client.get("/api/reviews", params={"event_id": kharkiv}))
    assert [(r["reviewer"], r["field"], r["before"], r["after"]) for r in history] == [
        ("Olena", None, None, None),
        ("Olena", "fatalities", 4, 5),
    ]
    reviewed = _ok(client.get("/api/events", params={"review_status": event["review_status"]}))
    assert kharkiv in [e["id"] for e in reviewed["events"]]
    geo = _ok(client.get("/api/events.geojson", params={"place": "Kharkiv"}))
    toll = {f["id"]: f["properties"]["fatalities"] for f in geo["features"]}
    assert toll[kharkiv] == 5


def test_a_place_edit_takes_any_spelling(client):
    event_id = _first_event_id(client, place="Kharkiv")
    saved = client.post(
        "/api/reviews",
        json={
            "event_id": event_id,
            "reviewer": "Olena",
            "action": "edit",
            "field": "place_id",
            "after": "Vovchansk",
        },
    )
    assert saved.status_code == 201, saved.text
    event = _ok(client.get(f"/api/events/{event_id}"))
    assert event["place"]["name"] == "Vovchansk"


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ({"action": "edit", "field": "fatalities", "after": "many"}, "after"),
        ({"action": "edit", "field": "fatalities", "after": -3}, "after"),
        ({"action": "edit", "field": "event_date", "after": "10 May"}, "after"),
        ({"action": "edit", "field": "place_id", "after": "Atlantis"}, "after"),
        ({"action": "edit", "field": "notes", "after": "x"}, "field"),
        ({"action": "approve"}, "action"),
        ({"action": "merge", "after": "Lnosuchevent"}, "after"),
        ({"action": "split", "after": ["not-a-report"]}, "after"),
        ({"action": "confirm", "reviewer": ""}, "reviewer"),
    ],
)
def test_a_bad_review_is_a_422_naming_the_field(client, body, name):
    event_id = _first_event_id(client)
    _bad(client.post("/api/reviews", json={"event_id": event_id, "reviewer": "Ana", **body}), name)
    assert _ok(client.get("/api/reviews", params={"event_id": event_id})) == []


def test_a_review_of_an_unknown_event_is_a_404(client):
    resp = client.post(
        "/api/reviews", json={"event_id": "Lnosuchevent", "reviewer": "Ana", "action": "confirm"}
    )
    assert resp.status_code == 404 and "Lnosuchevent" in resp.json()["detail"]


def test_concurrent_reviews_are_all_kept(client, ledger_path):
    event_id = _first_event_id(client)
    app = client.app
    errors: list[str] = []

    def write(worker: int) -> None:
        local = TestClient(app)
        for n in range(4):
            body = {"event_id": event_id, "reviewer": f"analyst {worker}", "note": f"pass {n}"}
            if n % 2:
                body |= {"action": "edit", "field": "injuries", "after": worker * 10 + n}
            else:
                body |= {"action": "confirm"}
            resp = local.post("/api/reviews", json=body)
            if resp.status_code != 201:
                errors.append(resp.text)

    threads = [threading.Thread(target=write, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    history = _ok(client.get("/api/reviews", params={"event_id": event_id}))
    assert len(history) == 24 and len({r["id"] for r in history}) == 24
    assert {r["reviewer"] for r in history} == {f"analyst {w}" for w in range(6)}
    last_edit = max((r for r in history if r["action"] == "edit"), key=lambda r: r["id"])
    assert _ok(client.get(f"/api/events/{event_id}"))["injuries"] == last_edit["after"]


def test_writes_need_the_token_when_the_server_has_one(ledger_path):
    with TestClient(create_app(ledger_path, token="s3cret")) as locked:
        event_id = _first_event_id(locked)
        body = {"event_id": event_id, "reviewer": "Ana", "action": "confirm"}
        assert locked.post("/api/reviews", json=body).status_code == 401
        wrong = {"X-Frontwire-Token": "guess"}
        assert locked.post("/api/reviews", json=body, headers=wrong).status_code == 401
        right = {"Authorization": "Bearer s3cret"}
        assert locked.post("/api/reviews", json=body, headers=right).status_code == 201
        assert _ok(locked.get("/api/meta"))["writes_need_token"] is True


def test_openapi_describes_every_endpoint(client):
    paths = _ok(client.get("/openapi.json"))["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/events.geojson",
        "/api/timeline",
        "/api/places",
        "/api/claims",
        "/api/contradictions",
        "/api/articles/{article_ref}",
        "/api/reviews",
    ):
        assert path in paths
    assert {p["name"] for p in paths["/api/events"]["get"]["parameters"]} >= {
        "date_from",
        "event_type",
        "place",
        "radius_km",
        "review_status",
        "limit",
    }


def test_serve_refuses_a_missing_ledger_in_one_line(tmp_path):
    from frontwire.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "none.db: no such ledger" in lines[0]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"event_type": "Battles"},
        {"event_type": "Shelling/artillery/missile attack"},
        {"place": "Kharkiv", "radius_km": "60"},
        {"place": "Avdiivka"},
        {"review_status": "edited"},
        {"review_status": "confirmed"},
        {"review_status": "unreviewed"},
        {"actor": "russia"},
        {"source": "wire"},
        {"certainty": "attributed"},
        {"date_from": "2024-05-01", "date_to": "2024-07-02"},
        {"bbox": "36,49,38,51"},
    ],
)
def test_the_api_selects_what_the_store_selects(client, ledger_path, params):
    from frontwire.ledger.views import EventFilter

    shelling = _ok(
        client.get("/api/events", params={"event_type": "Shelling/artillery/missile attack"})
    )
    edited, confirmed = shelling["events"][0]["id"], shelling["events"][1]["id"]
    for body in (
        {"event_id": edited, "action": "edit", "field": "event_type", "after": "Battles"},
        {"event_id": edited, "action": "edit", "field": "sub_event_type", "after": "Armed clash"},
        {"event_id": edited, "action": "edit", "field": "fatalities", "after": 7},
        {"event_id": confirmed, "action": "confirm"},
    ):
        assert client.post("/api/reviews", json={"reviewer": "Ana", **body}).status_code == 201
    listed = _ok(client.get("/api/events", params={"limit": 1000, **params}))
    with open_ledger(ledger_path) as ledger:
        flt = EventFilter.model_validate(
            {k: (v.split(",") if k == "bbox" else v) for k, v in params.items()}
        )
        expected = ledger.ledger_events(flt)
    assert [e["id"] for e in listed["events"]] == [e.id for e in expected]
    assert listed["total"] == len(expected)
    geo = _ok(client.get("/api/events.geojson", params=params))
    placed = [e for e in expected if e.place and e.place.lat is not None]
    assert [f["id"] for f in geo["features"]] == [e.id for e in placed]
    for feature, event in zip(geo["features"], placed, strict=True):
        props = feature["properties"]
        assert (props["event_type"], props["fatalities"], props["review_status"]) == (
            event.event_type,
            event.fatalities,
            event.review_status,
        )
    days = _ok(client.get("/api/timeline", params=params))
    assert sum(d["events"] for d in days["days"]) + days["undated"] == len(expected)
    first = _ok(client.get("/api/events.geojson", params={"limit": 3, **params}))
    assert [f["id"] for f in first["features"]] == [e.id for e in expected[:3] if e in placed]
    assert first["events"] == len(expected) and first["truncated"] == (len(expected) > 3)


def test_a_review_survives_re_extraction_of_its_article(client, ledger_path, reports):
    event_id = _first_event_id(client, place="Kharkiv")
    body = {"event_id": event_id, "reviewer": "Olena", "action": "edit", "field": "fatalities"}
    assert client.post("/api/reviews", json={**body, "after": 6}).status_code == 201
    with open_ledger(ledger_path) as ledger:
        assert ledger.add_report(reports["wire-2024-05-11-kharkiv"], replace=True)
    kharkiv = _ok(client.get("/api/events", params={"place": "Kharkiv", "limit": 1}))["events"][0]
    assert kharkiv["fatalities"] == 6 and kharkiv["review_status"] == "edited"
    assert [r["after"] for r in _ok(client.get(f"/api/events/{kharkiv['id']}"))["reviews"]] == [6]


def test_serve_prints_its_address_and_answers(ledger_path):
    import socket
    import subprocess
    import sys

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-c", "from frontwire.cli import app; app()", "serve"]
    server = subprocess.Popen(
        [*command, "--db", str(ledger_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line, line + server.stderr.read()
        for _ in range(100):
            try:
                meta = httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=5).json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert meta["writes_need_token"] is False and "Battles" in meta["event_types"]
        counts = httpx.get(f"http://127.0.0.1:{port}/api/counts", timeout=5).json()
        assert counts["articles"] == 6
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "/static/app.js" in page.text
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_merge_and_split_reshape_the_ledger_and_keep_the_history(client):
    avdiivka = _ok(client.get("/api/events", params={"place": "Avdiivka", "limit": 100}))
    assert avdiivka["total"] >= 2
    first, second = avdiivka["events"][0], avdiivka["events"][1]
    merged = client.post(
        "/api/reviews",
        json={"event_id": second["id"], "reviewer": "Ana", "action": "merge", "after": first["id"]},
    )
    assert merged.status_code == 201, merged.text
    after = _ok(client.get("/api/events", params={"place": "Avdiivka", "limit": 100}))
    assert after["total"] == avdiivka["total"] - 1
    # the merged event may take a new id (the smallest member's): find it by its reports
    kept = {r["event_id"] for r in first["reports"]}
    joined = next(e for e in after["events"] if kept <= {r["event_id"] for r in e["reports"]})
    moved = {r["event_id"] for r in second["reports"]}
    assert moved <= {r["event_id"] for r in joined["reports"]}
    split = client.post(
        "/api/reviews",
        json={
            "event_id": joined["id"],
            "reviewer": "Ana",
            "action": "split",
            "after": sorted(moved),
            "note": "two different days",
        },
    )
    assert split.status_code == 201, split.text
    again = _ok(client.get("/api/events", params={"place": "Avdiivka", "limit": 100}))
    assert again["total"] == avdiivka["total"]
    history = _ok(client.get("/api/reviews"))
    assert [r["action"] for r in history] == ["merge", "split"]


def test_beyond_loopback_writes_always_need_a_token():
    from frontwire.cli_serve import writes_token

    assert writes_token("127.0.0.1", None) is None
    assert writes_token("localhost", None) is None
    assert writes_token("::1", None) is None
    assert writes_token("127.0.0.1", "given") == "given"
    made = writes_token("0.0.0.0", None)
    assert made and len(made) >= 20 and made != writes_token("0.0.0.0", None)
    assert writes_token("192.0.2.7", "given") == "given"
