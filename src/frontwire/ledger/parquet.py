"""Parquet tables of the ledger: events (ACLED's columns, typed), claims and places.

The schemas below are the documented contract (docs/OUTPUT.md): dates are date32, counts
and codes integers, coordinates float64, everything else text; unknown values are null.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from frontwire.ledger.export import AcledTables, acled_columns

_INT = pa.int32()
_TYPED_EVENT_COLUMNS: dict[str, pa.DataType] = {
    "event_date": pa.date32(),
    "year": _INT,
    "time_precision": _INT,
    "inter1": _INT,
    "inter2": _INT,
    "interaction": _INT,
    "iso": _INT,
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    "geo_precision": _INT,
    "fatalities": _INT,
    "timestamp": pa.int64(),
    "injuries": _INT,
    "n_sources": _INT,
}


def events_schema(tables: AcledTables | None = None) -> pa.Schema:
    """The ACLED CSV's columns in its order, typed (`tables`: the exporter's)."""
    columns = acled_columns(tables)
    return pa.schema(
        [pa.field(name, _TYPED_EVENT_COLUMNS.get(name, pa.string())) for name in columns]
    )


CLAIMS_SCHEMA = pa.schema(
    [
        pa.field("claim_id", pa.string()),
        pa.field("article_id", pa.string()),
        pa.field("claim_date", pa.date32()),
        pa.field("source_name", pa.string()),
        pa.field("source_kind", pa.string()),
        pa.field("source_side", pa.string()),
        pa.field("cue", pa.string()),
        pa.field("stance", pa.string()),
        pa.field("content", pa.string()),
        pa.field("predicate", pa.string()),
        pa.field("polarity", pa.string()),
        pa.field("place_id", pa.string()),
        pa.field("outlet", pa.string()),
        pa.field("contradicted", pa.bool_()),
    ]
)

PLACES_SCHEMA = pa.schema(
    [
        pa.field("place_id", pa.string()),
        pa.field("name", pa.string()),
        pa.field("geonameid", pa.int64()),
        pa.field("latitude", pa.float64()),
        pa.field("longitude", pa.float64()),
        pa.field("country_code", pa.string()),
        pa.field("country", pa.string()),
        pa.field("admin1", pa.string()),
        pa.field("admin2", pa.string()),
        pa.field("feature_code", pa.string()),
        pa.field("geo_precision", _INT),
        pa.field("n_mentions", _INT),
        pa.field("n_articles", _INT),
        pa.field("spellings", pa.list_(pa.string())),
    ]
)


def _date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _table(rows: Iterable[dict], schema: pa.Schema) -> pa.Table:
    rows = list(rows)
    columns = {}
    for field in schema:
        values = [row.get(field.name) for row in rows]
        if pa.types.is_date32(field.type):
            values = [_date(v) for v in values]
        elif pa.types.is_string(field.type):
            values = [None if v is None else str(v) for v in values]
        columns[field.name] = pa.array(values, type=field.type)
    return pa.table(columns, schema=schema)


def events_table(
    rows: Iterable[dict[str, object]], tables: AcledTables | None = None
) -> pa.Table:
    """ACLED rows (export.ledger_event_row) as a typed table."""
    return _table(rows, events_schema(tables))


def claims_table(claims: Iterable[dict], contradicted_ids: set[str]) -> pa.Table:
    """The ledger's claim rows; `contradicted` marks a claim in any contradiction."""
    rows = []
    for claim in claims:
        claim_id = claim.get("id") or claim.get("claim_id")
        article_id = claim.get("article_id") or str(claim_id).rsplit("-C", 1)[0]
        rows.append(
            {**claim, "claim_id": claim_id, "article_id": article_id,
             "contradicted": claim_id in contradicted_ids}
        )
    return _table(rows, CLAIMS_SCHEMA)


def places_table(records: Iterable[dict]) -> pa.Table:
    """Place records (export.place_record) as a typed table, spellings as a list."""
    return _table(records, PLACES_SCHEMA)


def write_table(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path)
