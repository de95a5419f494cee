"""Terminal tables (rich) for reports and ledger queries."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

from frontwire.model import Report


def _short(text: str | None, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _coords(lat: float | None, lon: float | None) -> str:
    return f"{lat:.3f}, {lon:.3f}" if lat is not None and lon is not None else ""


def report_tables(report: Report) -> list[Table]:
    places = {p.id: p for p in report.places}
    title = report.article.title or report.article.external_id or report.article.id
    place_table = Table(title=f"Places — {title}", title_justify="left")
    for col in ("place", "geonameid", "coordinates", "admin1", "cc", "prec", "conf", "mentions"):
        place_table.add_column(col)
    for p in report.places:
        place_table.add_row(
            p.name,
            str(p.geonameid or ""),
            _coords(p.lat, p.lon),
            p.admin1 or "",
            p.country_code or "",
            str(p.geo_precision),
            f"{p.confidence:.2f}",
            ", ".join(sorted({m.text for m in p.mentions})),
        )
    event_table = Table(title="Events", title_justify="left")
    for col in ("type / sub-event", "date", "place", "actors", "killed", "injured", "certainty"):
        event_table.add_column(col)
    for e in report.events:
        place = places.get(e.place_id or "")
        event_table.add_row(
            f"{e.event_type} / {e.sub_event_type}",
            f"{e.event_date or ''} (p{e.time_precision})",
            place.name if place else (e.location or ""),
            " vs ".join(a for a in (e.actor1, e.actor2) if a),
            str(e.fatalities),
            str(e.injuries),
            e.certainty,
        )
    claim_table = Table(title="Claims", title_justify="left")
    for col in ("id", "source", "stance", "proposition", "content"):
        claim_table.add_column(col)
    for c in report.claims:
        prop = c.proposition
        claim_table.add_row(
            c.id,
            f"{c.source.name} ({c.source.kind}, {c.source.side})",
            c.stance,
            f"{prop.predicate} {prop.polarity}" if prop else "",
            _short(c.content.text, 70),
        )
    tables = [place_table, event_table]
    if report.summaries:
        roundups = Table(title="Round-ups (totals over several events; not events)")
        for col in ("type", "date", "killed", "injured", "sums", "sentence"):
            roundups.add_column(col)
        for s in report.summaries:
            roundups.add_row(
                s.event_type,
                str(s.event_date or ""),
                str(s.fatalities),
                str(s.injuries),
                f"{len(s.parts)} events",
                _short(s.notes, 60),
            )
        tables.append(roundups)
    tables.append(claim_table)
    if report.contradictions:
        contra = Table(title="Contradictions", title_justify="left")
        for col in ("claim", "vs claim", "proposition"):
            contra.add_column(col)
        for x in report.contradictions:
            contra.add_row(x.claim_a, x.claim_b, x.proposition)
        tables.append(contra)
    if report.figures:
        figs = Table(title="Figures", title_justify="left")
        for col in ("value", "counts", "text"):
            figs.add_column(col)
        for f in report.figures:
            figs.add_row(f"{f.value:,}", f.counts, _short(f.text, 60))
        tables.append(figs)
    return tables


def print_report(report: Report, console: Console) -> None:
    for table in report_tables(report):
        console.print(table)


def rows_table(title: str, rows: Iterable[dict], columns: list[tuple[str, str]]) -> Table:
    """A table of dict rows; columns are (key, heading) pairs."""
    table = Table(title=title, title_justify="left")
    for _, heading in columns:
        table.add_column(heading)
    for row in rows:
        table.add_row(*[_short(_cell(row.get(key))) for key, _ in columns])
    return table


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)
