"""`frontwire eval events FILE…`: score the event coder's sentence classifier on gold files.

Two kinds of gold file, told apart by their fields:
- CASE 2021 task 2 (`label`): sub-event type over the 25 ACLED classes; the 5 non-ACLED
  codes (ATTRIB, DIPLO, MAN_MADE_DISASTER, NATURAL_DISASTER, ORG_CRIME) must come out as
  "no ACLED event". Accuracy, weighted and macro F1, per-class scores, confusion matrix.
- ACLED notes (`acled_event_type` only): event type accuracy.
- ACLED rows with `notes` and `sub_event_type` (../shared/train/acled_events_notes.jsonl.gz,
  ACLED's own prose from many countries): only the fixed stratified sample of
  `frontwire.eval.acled_sample` is scored, sub-event accuracy and weighted F1. Measurement
  only: no shipped model is trained on these rows.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rich.progress import Progress

from frontwire.eval.gold import iter_jsonl, read_jsonl

NO_EVENT = "no ACLED event"
CASE_BEST_WEIGHTED_F1 = 0.839  # best trained transformer, CASE 2021 task 2 (25 ACLED classes)


def _kind(rows: list[dict]) -> str:
    if rows and "label" in rows[0]:
        return "case"
    if rows and "notes" in rows[0] and "sub_event_type" in rows[0]:
        return "acled_sample"
    if rows and "acled_event_type" in rows[0]:
        return "acled_notes"
    raise ValueError("unknown gold file: expected a `label` or an `acled_event_type` field")


def prf(gold: list[str], pred: list[str], labels: Iterable[str]) -> dict[str, tuple]:
    """Per-label (precision, recall, f1, support)."""
    out = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == lab and p != lab)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[lab] = (p, r, f, tp + fn)
    return out


def averages(per: dict[str, tuple]) -> tuple[float, float]:
    """(weighted F1, macro F1) over labels with support."""
    sup = {k: v for k, v in per.items() if v[3] > 0}
    total = sum(v[3] for v in sup.values())
    weighted = sum(v[2] * v[3] for v in sup.values()) / total if total else 0.0
    macro = sum(v[2] for v in sup.values()) / len(sup) if sup else 0.0
    return weighted, macro


def _predict(coder, texts: list[str], nlp, desc: str) -> list[tuple[str, str] | None]:
    preds: list[tuple[str, str] | None] = []
    with Progress(transient=True) as progress:
        task = progress.add_task(desc, total=len(texts))
        for doc in nlp.pipe(texts, batch_size=32):
            res = coder.classify(doc)
            preds.append((res[0], res[1]) if res else None)
            progress.advance(task)
    return preds


def _case_report(path: Path, rows: list[dict], preds, seconds: float, tax) -> str:
    code_of = {s.name: s.case_code for s in tax.sub_events.values()}
    classes = [s.name for s in tax.sub_events.values()]
    gold = [r.get("acled_sub_event_type") or NO_EVENT for r in rows]
    pred = [p[1] if p else NO_EVENT for p in preds]
    per = prf(gold, pred, classes)
    weighted, macro = averages(per)
    acled_idx = [i for i, g in enumerate(gold) if g != NO_EVENT]
    g_a = [gold[i] for i in acled_idx]
    p_a = [pred[i] for i in acled_idx]
    w_acled, _ = averages(prf(g_a, p_a, classes))
    acc_all = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    acc_acled = sum(g == p for g, p in zip(g_a, p_a, strict=True)) / max(1, len(g_a))
    non = [(g, p) for g, p, r in zip(gold, pred, rows, strict=True) if g == NO_EVENT]
    non_ok = sum(p == NO_EVENT for _, p in non)
    ev_gold = [tax.event_type(g) if g != NO_EVENT else NO_EVENT for g in gold]
    ev_pred = [tax.event_type(p) if p != NO_EVENT else NO_EVENT for p in pred]
    ev_acc = sum(g == p for g, p in zip(ev_gold, ev_pred, strict=True) if g != NO_EVENT) / max(
        1, len(g_a)
    )
    lines = [
        f"## CASE 2021 task 2 — `{path.name}` ({len(rows)} snippets, {len(g_a)} with an "
        f"ACLED label, {len(non)} non-ACLED)",
        "",
        "| measure | frontwire | CASE 2021 best |",
        "|---|---|---|",
        f"| weighted F1, 25 ACLED sub-event types (all snippets) | **{weighted:.3f}** | "
        f"{CASE_BEST_WEIGHTED_F1:.3f} |",
        f"| weighted F1, 25 types (ACLED-labelled snippets only) | {w_acled:.3f} | |",
        f"| macro F1, 25 types | {macro:.3f} | |",
        f"| accuracy, ACLED-labelled snippets | {acc_acled:.3f} | |",
        f"| accuracy, all 30 labels (non-ACLED = no event) | {acc_all:.3f} | |",
        f"| event type accuracy, ACLED-labelled snippets | {ev_acc:.3f} | |",
        f"| non-ACLED snippets coded as no event | {non_ok}/{len(non)} | |",
        f"| seconds (classification only, incl. parse) | {seconds:.1f} | |",
        "",
        "| sub-event type | code | P | R | F1 | n |",
        "|---|---|---|---|---|---|",
    ]
    for c in sorted(classes, key=lambda c: -per[c][3]):
        p, r, f, n = per[c]
        lines.append(f"| {c} | {code_of[c]} | {p:.2f} | {r:.2f} | {f:.2f} | {n} |")
    # confusion matrix, gold rows x predicted columns, CASE codes
    codes = [code_of[c] for c in classes] + ["NONE"]
    to_code = {**code_of, NO_EVENT: "NONE"}
    gold_codes = [
        r["label"] if r.get("acled_sub_event_type") is None else to_code[g]
        for r, g in zip(rows, gold, strict=True)
    ]
    row_labels = sorted(set(gold_codes), key=lambda c: (c not in codes, c))
    cm = Counter(zip(gold_codes, [to_code[p] for p in pred], strict=True))
    lines += [
        "",
        "Confusion matrix (rows: gold CASE code; columns: predicted; NONE = no ACLED event):",
        "",
        "| gold \\ pred | " + " | ".join(codes) + " |",
        "|---|" + "---|" * len(codes),
    ]
    for g in row_labels:
        cells = [str(cm[(g, c)]) if cm[(g, c)] else "·" for c in codes]
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _has_note_prefix(text: str, taxonomy) -> bool:
    """ACLED's own notes may open with the sub-event type ('Looting: ...'): a label in the
    text. The coder reads it; the report also gives the accuracy without those notes."""
    from frontwire.events.classifier import PREFIX_RE

    m = PREFIX_RE.match(text)
    return bool(m) and m.group(1).strip().lower() in taxonomy.note_prefixes


def _notes_report(path: Path, rows: list[dict], preds, seconds: float, taxonomy) -> str:
    gold = [r["acled_event_type"] for r in rows]
    pred = [p[0] if p else NO_EVENT for p in preds]
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    plain = [
        (g, p)
        for r, g, p in zip(rows, gold, pred, strict=True)
        if not _has_note_prefix(r["text"], taxonomy)
    ]
    plain_acc = sum(g == p for g, p in plain) / len(plain) if plain else 0.0
    types = sorted(set(gold) | (set(pred) - {NO_EVENT}))
    per = prf(gold, pred, types)
    lines = [
        f"## ACLED notes — `{path.name}` ({len(rows)} notes)",
        "",
        "| measure | frontwire |",
        "|---|---|",
        f"| event type accuracy | **{acc:.3f}** |",
        f"| event type accuracy, notes without a sub-event prefix ({len(plain)}) | "
        f"{plain_acc:.3f} |",
        f"| notes coded as no event | {pred.count(NO_EVENT)} |",
        f"| seconds (classification only, incl. parse) | {seconds:.1f} |",
        "",
        "| event type | P | R | F1 | n |",
        "|---|---|---|---|---|",
    ]
    for t in types:
        p, r, f, n = per[t]
        lines.append(f"| {t} | {p:.2f} | {r:.2f} | {f:.2f} | {n} |")
    cols = types + [NO_EVENT]
    cm = Counter(zip(gold, pred, strict=True))
    lines += ["", "| gold \\ pred | " + " | ".join(cols) + " |", "|---|" + "---|" * len(cols)]
    for g in sorted(set(gold)):
        lines.append(f"| {g} | " + " | ".join(str(cm[(g, c)]) for c in cols) + " |")
    return "\n".join(lines)


def _read(path: Path, limit: int | None) -> list[dict]:
    """A gold file's rows; for a (gzipped) ACLED rows file, its measurement sample only."""
    if path.suffix != ".gz":
        return read_jsonl(path, limit)
    from frontwire.eval.acled_sample import in_frames_sample

    rows = list(iter_jsonl(path))
    if rows and "notes" in rows[0]:
        rows = [{**r, "text": r["notes"]} for r in rows if in_frames_sample(r) and r.get("notes")]
    return rows[:limit] if limit else rows


def _sample_report(path: Path, rows: list[dict], preds, seconds: float, taxonomy) -> str:
    """Sub-event type on the ACLED-notes sample: ACLED's prose, many countries."""
    classes = list(taxonomy.sub_events)
    gold = [r["sub_event_type"] for r in rows]
    pred = [p[1] if p else NO_EVENT for p in preds]
    per = prf(gold, pred, classes)
    weighted, macro = averages(per)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(gold))
    ev_acc = sum(
        taxonomy.event_type(g) == (p[0] if p else NO_EVENT)
        for g, p in zip(gold, preds, strict=True)
    ) / max(1, len(gold))
    plain = [
        (g, p)
        for r, g, p in zip(rows, gold, pred, strict=True)
        if not _has_note_prefix(r["text"], taxonomy)
    ]
    plain_acc = sum(g == p for g, p in plain) / max(1, len(plain))
    lines = [
        f"## ACLED notes sample — `{path.name}` ({len(rows)} notes, "
        f"{len({r.get('country') for r in rows})} countries, stratified by sub-event type)",
        "",
        "| measure | frontwire |",
        "|---|---|",
        f"| sub-event weighted F1 | **{weighted:.3f}** |",
        f"| sub-event macro F1 | {macro:.3f} |",
        f"| sub-event accuracy | {acc:.3f} |",
        f"| sub-event accuracy, notes without a sub-event prefix ({len(plain)}) | "
        f"{plain_acc:.3f} |",
        f"| event type accuracy | {ev_acc:.3f} |",
        f"| notes coded as no event | {pred.count(NO_EVENT)} |",
        f"| seconds (classification only, incl. parse) | {seconds:.1f} |",
        "",
        "| sub-event type | P | R | F1 | n | most frequent error |",
        "|---|---|---|---|---|---|",
    ]
    for c in sorted(classes, key=lambda c: (-per[c][3], c)):
        p, r, f, n = per[c]
        if not n:
            continue
        errs = Counter(pp for g, pp in zip(gold, pred, strict=True) if g == c and pp != c)
        err = f"{errs.most_common(1)[0][0]} ({errs.most_common(1)[0][1]})" if errs else ""
        lines.append(f"| {c} | {p:.2f} | {r:.2f} | {f:.2f} | {n} | {err} |")
    return "\n".join(lines)


def main(paths: list[Path], *, model: str | None = None, limit: int | None = None) -> str:
    """Score the classifier on each gold file; return a Markdown report."""
    from frontwire.events.coder import EventCoder
    from frontwire.text.nlp import load_nlp

    nlp = load_nlp(model)
    coder = EventCoder.load()
    parts = ["# Events", ""]
    for path in paths:
        path = Path(path)
        rows = _read(path, limit)
        kind = _kind(rows)
        t0 = time.perf_counter()
        preds = _predict(coder, [r["text"] for r in rows], nlp, f"events {path.name}")
        secs = time.perf_counter() - t0
        if kind == "case":
            parts += [_case_report(path, rows, preds, secs, coder.taxonomy), ""]
        elif kind == "acled_sample":
            parts += [_sample_report(path, rows, preds, secs, coder.taxonomy), ""]
        else:
            parts += [_notes_report(path, rows, preds, secs, coder.taxonomy), ""]
    return "\n".join(parts)
