"""The ledger's listings and exports: `frontwire events | claims | places | export`.

Every command takes the same filter options; they build one `EventFilter` that the ledger
applies. Registers itself on the main `app` (imported at the end of cli.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, get_args

import typer
from pydantic import ValidationError

from frontwire.cli import DEFAULT_DB, DbOption, ViewFormat, _fail, app, err, out
from frontwire.ledger.views import EventFilter, LedgerEvent, ReviewStatus
from frontwire.model import Certainty

DateFrom = Annotated[
    str | None, typer.Option("--from", help="events on or after this day (YYYY-MM-DD)")
]
DateTo = Annotated[str | None, typer.Option("--to", help="events on or before this day")]
TypeOpt = Annotated[str | None, typer.Option("--type", help="event or sub-event type")]
ActorOpt = Annotated[str | None, typer.Option("--actor", help="part of an actor's name")]
PlaceOpt = Annotated[
    str | None,
    typer.Option("--place", help="a place by any spelling (ledger or gazetteer) or its id"),
]
RadiusOpt = Annotated[
    str | None, typer.Option("--radius-km", help="with --place: events within this distance")
]
SourceOpt = Annotated[str | None, typer.Option("--source", help="part of an outlet's name")]
CertaintyOpt = Annotated[
    str | None, typer.Option("--certainty", help="fact, attributed or disputed")
]
ReviewOpt = Annotated[
    str | None,
    typer.Option("--review-status", help="unreviewed, confirmed, rejected or edited"),
]


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    acled_csv = "acled-csv"
    geojson = "geojson"
    parquet = "parquet"


class Layer(StrEnum):
    reports = "reports"
    events = "events"
    places = "places"
    claims = "claims"


# Which layers each format writes, the first being its default.
LAYERS: dict[ExportFormat, tuple[Layer, ...]] = {
    ExportFormat.jsonl: (Layer.reports, Layer.events, Layer.places, Layer.claims),
    ExportFormat.acled_csv: (Layer.events,),
    ExportFormat.geojson: (Layer.events, Layer.places),
    ExportFormat.parquet: (Layer.events, Layer.claims, Layer.places),
}


# -- the filter ------------------------------------------------------------------------


@dataclass
class Near:
    """A radius around a place the gazetteer knows but the ledger does not: applied here,
    since the ledger cannot place what it never stored."""

    lat: float
    lon: float
    km: float

    def holds(self, lat: float | None, lon: float | None) -> bool:
        from frontwire.geo.distance import haversine_km

        if lat is None or lon is None:
            return False
        return haversine_km(self.lat, self.lon, lat, lon) <= self.km


@dataclass
class Selection:
    flt: EventFilter
    near: Near | None = None
    limit: int | None = None  # with `near`: cut after the radius, which the ledger cannot


def _day(option: str, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(f"{option} {value!r}: not a date (YYYY-MM-DD)") from None


def _distance(value: str | float | None) -> float | None:
    if value is None:
        return None
    try:
        km = float(value)
    except ValueError:
        raise _fail(f"--radius-km {value!r}: not a number of kilometres") from None
    if not km >= 0:  # also refuses nan
        raise _fail(f"--radius-km {value}: a distance cannot be negative")
    return km


def _choice(option: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    if value.lower() not in allowed:
        raise _fail(f"{option} {value!r}: not one of {', '.join(allowed)}")
    return value.lower()


def _text(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not value.strip():
        raise _fail(f"{option}: empty")
    return value.strip()


def gazetteer_place(spelling: str) -> tuple[str, float, float] | None:
    """The gazetteer's place for a spelling: its 'gn:' id and point. A primary name beats an
    alternate, then the larger population (the place a bare name most often means)."""
    from frontwire.geo.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    entries = [(gazetteer.entry(idx), kind) for idx, kind in gazetteer.lookup(spelling)]
    entries = [(e, kind) for e, kind in entries if e.geonameid]
    if not entries:
        return None
    best, _ = min(entries, key=lambda pair: (pair[1], -pair[0].population, pair[0].geonameid))
    return f"gn:{best.geonameid}", best.lat, best.lon


def build_selection(
    ledger,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    event_type: str | None = None,
    actor: str | None = None,
    place: str | None = None,
    radius_km: str | float | None = None,
    source: str | None = None,
    certainty: str | None = None,
    review_status: str | None = None,
    limit: int | None = None,
) -> Selection:
    """The options as one EventFilter; a bad value ends the command with one line."""
    radius = _distance(radius_km)
    if radius is not None and place is None:
        raise _fail("--radius-km needs --place: the radius is around a place")
    if limit is not None and limit < 1:
        raise _fail(f"--limit {limit}: must be 1 or more")
    first, last = _day("--from", date_from), _day("--to", date_to)
    if first and last and first > last:
        raise _fail(f"--from {first} is after --to {last}: no day lies between them")
    near = None
    place = _text("--place", place)
    if place is not None and not ledger.resolve_place(place):
        # Not a spelling the ledger has seen: the gazetteer may know it ('Bachmut').
        found = gazetteer_place(place)
        if found is None:
            raise _fail(f"--place {place!r}: no such place in the ledger or the gazetteer")
        place, lat, lon = found
        if radius is not None and ledger.place(place) is None:
            near = Near(lat, lon, radius)
    try:
        flt = EventFilter(
            date_from=first,
            date_to=last,
            event_type=_text("--type", event_type),
            actor=_text("--actor", actor),
            place=None if near else place,
            radius_km=None if near else radius,
            source=_text("--source", source),
            certainty=_choice("--certainty", certainty, get_args(Certainty)),
            review_status=_choice("--review-status", review_status, get_args(ReviewStatus)),
            limit=None if near else limit,
        )
    except ValidationError as exc:  # what the checks above missed, still on one line
        problem = exc.errors()[0]
        raise _fail(f"{'.'.join(map(str, problem['loc']))}: {problem['msg']}") from None
    return Selection(flt, near, limit if near else None)


# -- reading the ledger, under the selection ------------------------------------------------


@contextmanager
def open_for_reading(db: str) -> Iterator:
    """The ledger at `db`, which must exist: reading never creates an empty one."""
    from frontwire.ledger.store import LedgerError, open_ledger

    if not db.startswith(("postgresql://", "postgres://")) and not Path(db).is_file():
        raise _fail(f"{db}: no ledger here; fill one with 'frontwire run PATH… --db {db}'")
    try:
        ledger = open_ledger(db)
    except LedgerError as exc:
        raise _fail(str(exc)) from exc
    with ledger:
        yield ledger


def selected_events(ledger, sel: Selection) -> list[LedgerEvent]:
    events = ledger.ledger_events(sel.flt)
    if sel.near is not None:
        events = [e for e in events if e.place and sel.near.holds(e.place.lat, e.place.lon)]
    return events[: sel.limit]


def selected_places(ledger, sel: Selection) -> list[dict]:
    rows = ledger.places(sel.flt)
    if sel.near is not None:
        rows = [r for r in rows if sel.near.holds(r.get("lat"), r.get("lon"))]
    return rows


def selected_claims(ledger, sel: Selection, contradictions_only: bool = False) -> list[dict]:
    rows = ledger.claims(sel.flt, contradictions_only=contradictions_only)
    if sel.near is not None:
        near_ids = {r["id"] for r in selected_places(ledger, sel)}
        rows = [r for r in rows if r.get("place_id") in near_ids]
    return rows


def _json_dump(rows: list) -> None:
    sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")


# -- listings --------------------------------------------------------------------------------


def event_summary(event: LedgerEvent) -> dict[str, object]:
    """A ledger event as one table line."""
    place = event.place
    return {
        "event_date": event.event_date.isoformat() if event.event_date else "",
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "place": place.name if place else event.location,
        "admin1": place.admin1 if place else None,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "fatalities": event.fatalities,
        "injuries": event.injuries,
        "n_sources": event.n_sources,
        "sources": ", ".join(event.sources),
        "certainty": event.certainty,
        "review_status": event.review_status,
    }


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    event_type: TypeOpt = None,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    radius_km: RadiusOpt = None,
    source: SourceOpt = None,
    certainty: CertaintyOpt = None,
    review_status: ReviewOpt = None,
    limit: Annotated[int | None, typer.Option(help="at most this many, newest first")] = None,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.table,
) -> None:
    """Ledger events, merged across sources, newest first."""
    from frontwire.render import rows_table

    with open_for_reading(str(db)) as ledger:
        sel = build_selection(
            ledger, date_from=date_from, date_to=date_to, event_type=event_type, actor=actor,
            place=place, radius_km=radius_km, source=source, certainty=certainty,
            review_status=review_status, limit=limit,
        )
        found = selected_events(ledger, sel)
    if fmt is ViewFormat.json:
        _json_dump([e.model_dump(mode="json") for e in found])
        return
    columns = [
        ("event_date", "date"),
        ("event_type", "type"),
        ("sub_event_type", "sub-event"),
        ("place", "place"),
        ("admin1", "admin1"),
        ("actor1", "actor1"),
        ("actor2", "actor2"),
        ("fatalities", "killed"),
        ("injuries", "injured"),
        ("n_sources", "n"),
        ("sources", "sources"),
        ("certainty", "certainty"),
        ("review_status", "review"),
    ]
    out.print(rows_table("Events", [event_summary(e) for e in found], columns))


@app.command()
def claims(
    db: DbOption = DEFAULT_DB,
    contradictions: Annotated[
        bool, typer.Option("--contradictions", help="only contradicted claims, side by side")
    ] = False,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    event_type: TypeOpt = None,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    radius_km: RadiusOpt = None,
    source: SourceOpt = None,
    certainty: CertaintyOpt = None,
    review_status: ReviewOpt = None,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.table,
) -> None:
    """Claims in the ledger: who says what, with which stance; or their contradictions."""
    from frontwire.render import rows_table

    with open_for_reading(str(db)) as ledger:
        sel = build_selection(
            ledger, date_from=date_from, date_to=date_to, event_type=event_type, actor=actor,
            place=place, radius_km=radius_km, source=source, certainty=certainty,
            review_status=review_status,
        )
        if contradictions:
            rows = ledger.contradictions(sel.flt)
            if sel.near is not None:
                kept = {c["id"] for c in selected_claims(ledger, sel)}
                rows = [r for r in rows if r.get("a_id") in kept or r.get("b_id") in kept]
        else:
            rows = selected_claims(ledger, sel)
    if fmt is ViewFormat.json:
        _json_dump(rows)
        return
    if contradictions:
        columns = [
            ("proposition", "proposition"),
            ("a_source", "source A"),
            ("a_stance", "stance"),
            ("a_date", "date"),
            ("a_content", "says"),
            ("b_source", "source B"),
            ("b_stance", "stance"),
            ("b_date", "date"),
            ("b_content", "says"),
        ]
        title = "Contradictions"
    else:
        columns = [
            ("claim_date", "date"),
            ("source_name", "source"),
            ("source_kind", "kind"),
            ("source_side", "side"),
            ("stance", "stance"),
            ("predicate", "predicate"),
            ("polarity", "polarity"),
            ("content", "content"),
            ("outlet", "outlet"),
        ]
        title = "Claims"
    out.print(rows_table(title, rows, columns))


@app.command()
def places(
    db: DbOption = DEFAULT_DB,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    event_type: TypeOpt = None,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    radius_km: RadiusOpt = None,
    source: SourceOpt = None,
    certainty: CertaintyOpt = None,
    review_status: ReviewOpt = None,
    fmt: Annotated[ViewFormat, typer.Option("--format", "-f")] = ViewFormat.table,
) -> None:
    """Places in the ledger with their spellings and how often they are mentioned."""
    from frontwire.render import rows_table

    with open_for_reading(str(db)) as ledger:
        sel = build_selection(
            ledger, date_from=date_from, date_to=date_to, event_type=event_type, actor=actor,
            place=place, radius_km=radius_km, source=source, certainty=certainty,
            review_status=review_status,
        )
        rows = selected_places(ledger, sel)
    for row in rows:
        row.pop("json", None)
    if fmt is ViewFormat.json:
        _json_dump(rows)
        return
    shown = [
        {**row, "spellings": ", ".join(row["spellings"])}
        if isinstance(row.get("spellings"), list)
        else row
        for row in rows
    ]
    columns = [
        ("name", "place"),
        ("geonameid", "geonameid"),
        ("lat", "lat"),
        ("lon", "lon"),
        ("admin1", "admin1"),
        ("country_code", "cc"),
        ("n_mentions", "mentions"),
        ("n_articles", "articles"),
        ("spellings", "spellings"),
    ]
    out.print(rows_table("Places", shown, columns))


# -- export ----------------------------------------------------------------------------------


def _check_target(output: Path, directory: bool) -> None:
    """A target the export can be written to, or one line saying why not."""
    folder = output if directory else output.parent
    if not folder.is_dir():
        raise _fail(f"--out {output}: no such directory {str(folder)!r}")
    if not directory and output.is_dir():
        raise _fail(f"--out {output}: is a directory; give a file name")


def write_atomically(files: dict[Path, Callable[[Path], None]]) -> None:
    """Each writer fills a temporary file beside its target; only when all succeed are they
    renamed into place, so an error leaves nothing half-written."""
    done: dict[Path, str] = {}
    umask = os.umask(0)
    os.umask(umask)
    try:
        for target, write in files.items():
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            os.close(fd)
            done[target] = tmp
            write(Path(tmp))
            os.chmod(tmp, 0o666 & ~umask)  # as an ordinary file, not mkstemp's private 0600
        for target, tmp in done.items():
            os.replace(tmp, target)
    finally:
        for tmp in done.values():
            if os.path.exists(tmp):
                os.unlink(tmp)


def _text_writer(produce: Callable[[IO[str]], None]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as handle:
            produce(handle)

    return write


def _layer_text(ledger, sel: Selection, fmt: ExportFormat, layer: Layer) -> Callable[[IO], None]:
    """What a text format writes for one layer, as a function of the handle."""
    from frontwire.ledger import export as ex

    tables = ex.AcledTables.load()  # ACLED's columns and code tables, read once per export

    def produce(handle: IO[str]) -> None:
        if fmt is ExportFormat.acled_csv:
            rows = (ex.ledger_event_row(e, tables=tables) for e in selected_events(ledger, sel))
            ex.write_acled_csv(rows, handle, tables)
        elif fmt is ExportFormat.geojson:
            if layer is Layer.places:
                features, left_out = ex.place_features(selected_places(ledger, sel))
            else:
                rows = (ex.ledger_event_row(e, tables=tables) for e in selected_events(ledger, sel))
                features, left_out = ex.event_features(rows)
            handle.write(ex.feature_collection(features) + "\n")
            if left_out:
                err.print(f"{left_out} {layer.value} without coordinates left out of the GeoJSON")
        elif layer is Layer.reports:
            for report in _selected_reports(ledger, sel):
                handle.write(report.model_dump_json() + "\n")
        else:
            for item in _layer_items(ledger, sel, layer):
                handle.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")

    return produce


def _selected_reports(ledger, sel: Selection) -> Iterator:
    """All reports; with a filter, those of the articles behind the selected events."""
    if sel.flt == EventFilter() and sel.near is None:
        yield from ledger.reports()
        return
    wanted = {r.article_id for e in selected_events(ledger, sel) for r in e.reports}
    yield from (r for r in ledger.reports() if r.article.id in wanted)


def _layer_items(ledger, sel: Selection, layer: Layer) -> list[dict]:
    from frontwire.ledger.export import place_record

    if layer is Layer.events:
        return [e.model_dump(mode="json") for e in selected_events(ledger, sel)]
    if layer is Layer.places:
        return [place_record(r) for r in selected_places(ledger, sel)]
    return selected_claims(ledger, sel)


def _parquet_writer(ledger, sel: Selection, layer: Layer) -> Callable[[Path], None]:
    from frontwire.ledger import export as ex
    from frontwire.ledger import parquet as pqx

    if layer is Layer.events:
        tables = ex.AcledTables.load()
        table = pqx.events_table(
            (ex.ledger_event_row(e, tables=tables) for e in selected_events(ledger, sel)), tables
        )
    elif layer is Layer.places:
        table = pqx.places_table(ex.place_record(r) for r in selected_places(ledger, sel))
    else:
        contradicted = {
            claim_id
            for pair in ledger.contradictions(sel.flt)
            for claim_id in (pair.get("a_id"), pair.get("b_id"))
        }
        table = pqx.claims_table(selected_claims(ledger, sel), contradicted)
    return lambda path: pqx.write_table(table, path)


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    layer: Annotated[
        Layer | None,
        typer.Option(
            help="what to export: events (ACLED rows), places (with all spellings), claims, "
            "or reports (JSONL); default: the format's first"
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="file (default: stdout); for parquet a folder (one file per layer) or a "
            ".parquet file",
        ),
    ] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    event_type: TypeOpt = None,
    actor: ActorOpt = None,
    place: PlaceOpt = None,
    radius_km: RadiusOpt = None,
    source: SourceOpt = None,
    certainty: CertaintyOpt = None,
    review_status: ReviewOpt = None,
) -> None:
    """Export the ledger: ACLED's CSV (one row per ledger event), GeoJSON (events or places),
    Parquet (events, claims, places) or JSON Lines."""
    allowed = LAYERS[fmt]
    if layer is not None and layer not in allowed:
        names = ", ".join(a.value for a in allowed)
        raise _fail(f"--layer {layer.value}: {fmt.value} exports {names}")
    to_folder = fmt is ExportFormat.parquet and output is not None and output.suffix != ".parquet"
    if fmt is ExportFormat.parquet and output is None:
        raise _fail("--format parquet needs --out: a folder or a .parquet file")
    if output is not None:
        _check_target(output, directory=to_folder)
    with open_for_reading(str(db)) as ledger:
        sel = build_selection(
            ledger, date_from=date_from, date_to=date_to, event_type=event_type, actor=actor,
            place=place, radius_km=radius_km, source=source, certainty=certainty,
            review_status=review_status,
        )
        if fmt is ExportFormat.parquet:
            assert output is not None
            layers = [layer] if layer else list(allowed)
            files = {
                (output / f"{each.value}.parquet" if to_folder else output): _parquet_writer(
                    ledger, sel, each
                )
                for each in (layers if to_folder else [layer or allowed[0]])
            }
            write_atomically(files)
            err.print("wrote " + ", ".join(str(p) for p in files))
            return
        produce = _layer_text(ledger, sel, fmt, layer or allowed[0])
        if output is None:
            produce(sys.stdout)
            return
        write_atomically({output: _text_writer(produce)})
    err.print(f"wrote {output}")
