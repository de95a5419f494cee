"""Import the user's GeoNames dumps into a gazetteer (village-level coverage).

Reads any mix of: a country file or allCountries.txt (the 19-column `geoname` table),
alternateNamesV2.txt (or alternateNames.txt), admin1CodesASCII.txt. The result is the
default gazetteer plus everything in the dumps (a dump row replaces the default entry with
the same GeoNames id). GeoNames data is CC BY 4.0 (https://www.geonames.org/).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from frontwire.geo.gazetteer import (
    ADMIN1,
    GazetteerBuilder,
    _keep_alternate,
    _median_point,
    build_default,
)

KEEP_CLASSES = frozenset("PAL")  # populated places, admin areas, regions
SKIP_LANGS = frozenset({"link", "wkdt", "post", "iata", "icao", "faac", "fr_1793", "unlc", "tcid"})


class ImportError_(ValueError):
    """A file that is not a GeoNames dump we know."""


def _rows(path: Path) -> Iterator[list[str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row and not row[0].startswith("#"):
                yield row


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("alternatenames"):
        return "alternates"
    for row in _rows(path):
        if len(row) >= 19:
            return "geonames"
        if len(row) in (4,) and "." in row[0]:
            return "admin1"
        if len(row) >= 4 and row[0].isdigit() and row[1].isdigit():
            return "alternates"
        break
    raise ImportError_(f"{path}: not a GeoNames dump (geoname table, alternateNames, admin1Codes)")


def import_dumps(paths: list[Path], base: GazetteerBuilder | None = None) -> GazetteerBuilder:
    """The default gazetteer (or `base`) extended with the given GeoNames files."""
    kinds = {p: _kind(p) for p in paths}  # a wrong file fails before the long build
    gaz = base or build_default()
    by_id = {g: i for i, g in enumerate(gaz.geonameid) if g}
    # geoname rows first, so alternate names and admin1 names find their entries
    for path in sorted(paths, key=lambda p: ("geonames", "admin1", "alternates").index(kinds[p])):
        kind = kinds[path]
        if kind == "geonames":
            _import_geonames(gaz, path, by_id)
        elif kind == "admin1":
            _import_admin1(gaz, path, by_id)
        else:
            _import_alternates(gaz, path, by_id)
        gaz.sources.append(f"{kind}: {path.name}")
    return gaz


def _import_geonames(gaz: GazetteerBuilder, path: Path, by_id: dict[int, int]) -> None:
    for row in _rows(path):
        if len(row) < 19 or row[6] not in KEEP_CLASSES:
            continue
        gid = int(row[0])
        fcode = row[7] or row[6]
        names = [row[1], row[2], *(n for n in row[3].split(",") if _keep_alternate(n))]
        cc, admin1 = row[8], row[10]
        if gid in by_id:  # better data for a place we have: update it, keep its names
            i = by_id[gid]
            gaz.lat[i], gaz.lon[i] = float(row[4]), float(row[5])
            gaz.population[i] = int(row[14] or 0) or gaz.population[i]
            if gaz.fcode[i] not in ("PCLI", "ADM1", "CONT"):
                gaz.fcode[i] = fcode
            gaz.add_names(i, None, names)
            continue
        key = f"{cc}.{admin1}"
        team = gaz.admin1_entry.get(key) if fcode == ADMIN1 else None
        if team is not None and not gaz.geonameid[team]:  # our team-made region: give it
            gaz.geonameid[team] = gid  # its real id and point
            gaz.lat[team], gaz.lon[team] = float(row[4]), float(row[5])
            gaz.add_names(team, None, names)
            by_id[gid] = team
            continue
        i = gaz.add(names, geonameid=gid, lat=float(row[4]), lon=float(row[5]), cc=cc,
                    admin1=admin1, fcode=fcode, population=int(row[14] or 0))
        by_id[gid] = i
        if fcode == ADMIN1:
            gaz.admin1_entry.setdefault(key, i)
            gaz.admin1_names.setdefault(key, row[1])


def _import_admin1(gaz: GazetteerBuilder, path: Path, by_id: dict[int, int]) -> None:
    """Names and GeoNames ids of every first-level region. A region we lack becomes an
    entry placed at the centre of its towns; a team-made region gets its real id."""
    towns: dict[str, list[tuple[float, float]]] = {}
    for i, code in enumerate(gaz.fcode):
        if code.startswith("PPL"):
            towns.setdefault(f"{gaz.cc[i]}.{gaz.admin1[i]}", []).append((gaz.lat[i], gaz.lon[i]))
    for row in _rows(path):
        if len(row) < 4 or "." not in row[0]:
            continue
        key, name, ascii_name, gid = row[0], row[1], row[2], int(row[3] or 0)
        gaz.admin1_names[key] = name
        i = by_id.get(gid)
        if i is None:
            i = gaz.admin1_entry.get(key)
        if i is None:
            if key not in towns:
                continue  # a region without any town we know: no point to give it
            lat, lon = _median_point(towns[key])
            cc, code = key.split(".", 1)
            i = gaz.add([name, ascii_name], geonameid=gid, lat=lat, lon=lon, cc=cc, admin1=code,
                        fcode=ADMIN1)
        elif not gaz.geonameid[i]:
            gaz.geonameid[i] = gid
        if gid:
            by_id[gid] = i
        gaz.add_names(i, None, [name, ascii_name])
        gaz.admin1_entry[key] = i


def _import_alternates(gaz: GazetteerBuilder, path: Path, by_id: dict[int, int]) -> None:
    for row in _rows(path):
        if len(row) < 4 or row[2] in SKIP_LANGS:
            continue
        i = by_id.get(int(row[1]))
        if i is not None and _keep_alternate(row[3]):
            gaz.add_names(i, None, [row[3]])
