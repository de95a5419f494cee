"""The output types of frontwire, in one module.

Every extracted item carries `Evidence` (rule 1 of the design: no fact without its
sentence). The JSON Schema of the output is generated from these models
(`frontwire schema`), and the ledger's tables mirror them. Field names here are a
contract with other tools: add fields, do not rename them.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"

Stance = Literal["assert", "deny", "dismiss", "hedge", "predict"]
Certainty = Literal["fact", "attributed", "disputed"]
Polarity = Literal["positive", "negative"]
# ACLED precision codes: geo 1 = the place itself, 2 = near/part of it, 3 = a region;
# time 1 = the day, 2 = the week, 3 = the month (or vaguer).
GeoPrecision = Literal[1, 2, 3]
TimePrecision = Literal[1, 2, 3]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where a fact comes from: a span of the article text and what produced it."""

    article_id: str
    sentence: int = Field(description="0-based index of the sentence in the article")
    start: int = Field(description="character offset into the article text")
    end: int = Field(description="character offset into the article text, exclusive")
    text: str = Field(description="the words of the span")
    rule: str = Field(description="the rule or model that produced the fact")
    confidence: float = Field(ge=0.0, le=1.0)


class Span(_Model):
    """A piece of the article text."""

    start: int
    end: int
    text: str
    sentence: int = 0


class Article(_Model):
    id: str = Field(description="stable hash of normalized text and URL")
    external_id: str | None = Field(default=None, description="the id the input gave it")
    title: str | None = None
    source: str | None = Field(default=None, description="outlet, e.g. 'NOS' or 'Reuters'")
    url: str | None = None
    published: dt.date | None = None
    language: str = "en"
    text: str


class PlaceMention(Span):
    """One mention of a place; several spellings can point to one place."""

    geo_precision: GeoPrecision = 1
    relation: str | None = Field(
        default=None, description="relative phrase kept as written, e.g. '5 km south of'"
    )


class Place(_Model):
    id: str = Field(description="'gn:<geonameid>' for gazetteer places, else 'x:<folded name>' "
                    "('x:<folded name>@gn:<town>' for a site placed at a town)")
    name: str = Field(description="the gazetteer's name")
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = Field(default=None, description="first-level region name")
    admin2: str | None = None
    near: str | None = Field(
        default=None,
        description="for a place no gazetteer holds ('Kingsley Road'): the id of the article's "
        "town it is located at, with geo_precision 2 (ACLED's rule)",
    )
    seat: str | None = Field(
        default=None,
        description="for a region standing as an event's place: the name of the town it is "
        "coded at (ACLED: a representative town, geo_precision 3); lat/lon are that town's",
    )
    feature_class: str | None = Field(default=None, description="GeoNames class: P, A, ...")
    feature_code: str | None = None
    population: int | None = None
    geo_precision: GeoPrecision = 1
    confidence: float = Field(ge=0.0, le=1.0)
    mentions: list[PlaceMention] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Actor(_Model):
    id: str
    name: str = Field(description="canonical name, ACLED style: 'Military Forces of Russia'")
    inter_code: int | None = Field(default=None, ge=1, le=8, description="ACLED inter code")
    side: str | None = Field(default=None, description="e.g. 'Ukraine', 'Russia'")
    kind: str | None = None
    country_code: str | None = None
    mentions: list[Span] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Figure(_Model):
    """A number with what it counts: '1 person died', '5,000 of the 70,000 residents'."""

    value: int
    counts: str = Field(description="what is counted: killed, injured, missing, residents, ...")
    start: int
    end: int
    text: str
    sentence: int = 0
    approximate: bool = Field(default=False, description="'dozens', 'about', 'more than'")
    qualifier: str | None = Field(default=None, description="'at least', 'more than', 'of', ...")
    evidence: list[Evidence] = Field(default_factory=list)


class DateMention(_Model):
    """A temporal expression resolved against the publication date."""

    text: str
    start: int
    end: int
    sentence: int = 0
    date: dt.date | None = None
    end_date: dt.date | None = None
    time_precision: TimePrecision = 1
    vague: bool = Field(default=False, description="vaguer than a month ('in recent months')")


class Event(_Model):
    id: str
    event_type: str = Field(description="ACLED event type")
    sub_event_type: str = Field(description="ACLED sub-event type")
    event_date: dt.date | None = None
    time_precision: TimePrecision = 3
    place_id: str | None = None
    location: str | None = Field(default=None, description="name of the event's place")
    geo_precision: GeoPrecision | None = None
    actor1: str | None = None
    actor2: str | None = None
    assoc_actor_1: str | None = None
    assoc_actor_2: str | None = None
    inter1: int | None = None
    inter2: int | None = None
    interaction: int | None = None
    fatalities: int = 0
    injuries: int = 0
    certainty: Certainty = "fact"
    claim_ids: list[str] = Field(default_factory=list, description="claims the event rests on")
    trigger: Span | None = None
    flags: list[str] = Field(default_factory=list, description="e.g. 'vague-date'")
    notes: str = Field(default="", description="the sentence(s), ACLED-notes style")
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    evidence: list[Evidence] = Field(default_factory=list)
    parts: list[str] = Field(
        default_factory=list,
        description="for a round-up summary: the ids of the per-place events it sums",
    )


class ClaimSource(_Model):
    name: str = Field(description="canonical name, or the phrase as written if unknown")
    text: str | None = Field(default=None, description="the source phrase as written")
    kind: str = Field(
        default="unnamed",
        description="government, military, think tank, news agency, official, media, "
        "person, unnamed, ...",
    )
    side: str = Field(default="none", description="Ukraine, Russia, third party, none")
    start: int | None = None
    end: int | None = None


class Proposition(_Model):
    """A claim normalised so that claims about the same thing can be compared."""

    subject: str | None = None
    predicate: str = Field(description="withdrawal, encirclement, capture, attack, ...")
    place: str | None = Field(default=None, description="place id when known")
    polarity: Polarity = "positive"
    key: str = Field(description="subject|predicate|place, polarity left out, for grouping")


class Claim(_Model):
    id: str
    source: ClaimSource
    cue: str = Field(description="the reporting word or construction: 'reported', 'according to'")
    cue_span: Span | None = None
    stance: Stance = "assert"
    content: Span
    proposition: Proposition | None = None
    medium: str | None = Field(default=None, description="'Ukrainian radio', 'Telegram channel'")
    date: dt.date | None = None
    negated: bool = Field(default=False, description="negation inside the content")
    evidence: list[Evidence] = Field(default_factory=list)


class Contradiction(_Model):
    claim_a: str
    claim_b: str
    proposition: str = Field(description="the proposition key both claims share")
    reason: str


class Report(_Model):
    """Everything frontwire found in one article. A pure function of article + resources."""

    schema_version: str = SCHEMA_VERSION
    article: Article
    places: list[Place] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    summaries: list[Event] = Field(
        default_factory=list,
        description="round-ups that sum several places or attacks ('attacks on five regions "
        "killed 12'): kept with links to their parts, never counted as events",
    )
    claims: list[Claim] = Field(default_factory=list)
    contradictions: list[Contradiction] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
