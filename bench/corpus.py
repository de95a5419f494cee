"""A benchmark corpus of realistic wire reports, generated from team-written templates.

Deterministic (seeded): the same corpus every run, so throughput figures compare.
"""

from __future__ import annotations

import datetime as dt
import random

PLACES = [
    ("Kharkiv", "Kharkiv region"),
    ("Kupiansk", "Kharkiv region"),
    ("Pokrovsk", "Donetsk region"),
    ("Kostiantynivka", "Donetsk region"),
    ("Kramatorsk", "Donetsk region"),
    ("Sloviansk", "Donetsk region"),
    ("Zaporizhzhia", "Zaporizhzhia region"),
    ("Orikhiv", "Zaporizhzhia region"),
    ("Kherson", "Kherson region"),
    ("Nikopol", "Dnipropetrovsk region"),
    ("Sumy", "Sumy region"),
    ("Chernihiv", "Chernihiv region"),
    ("Odesa", "Odesa region"),
    ("Mykolaiv", "Mykolaiv region"),
    ("Belgorod", "Belgorod region"),
    ("Kursk", "Kursk region"),
    ("Aleppo", "Aleppo governorate"),
    ("Idlib", "Idlib governorate"),
    ("El Fasher", "North Darfur"),
    ("Khartoum", "Khartoum state"),
    ("Goma", "North Kivu"),
    ("Mogadishu", "Banadir region"),
]
ATTACKERS = [
    "Russian forces",
    "Russian troops",
    "Ukrainian forces",
    "the Russian army",
    "government forces",
    "the Rapid Support Forces",
    "M23 rebels",
    "al-Shabaab fighters",
    "unidentified gunmen",
    "Syrian government troops",
]
SOURCES = [
    "the regional governor",
    "the defence ministry",
    "police",
    "the local mayor",
    "a military spokesperson",
    "the General Staff",
    "the United Nations",
    "a hospital official",
    "the Institute for the Study of War",
    "state media",
]
WEAPONS = [
    "artillery",
    "a missile strike",
    "a drone attack",
    "a glide bomb",
    "rocket fire",
    "an air strike",
    "mortar fire",
    "a roadside bomb",
]
NUMBERS = ["two", "three", "four", "five", "seven", "12", "at least 9", "dozens of", "one"]
DAYS = [
    "on Monday",
    "on Tuesday",
    "overnight",
    "yesterday",
    "today",
    "on Saturday",
    "earlier this week",
    "last week",
    "two days ago",
]

TEMPLATES = [
    "{attacker} shelled {place} {day}, killing {n} civilians and wounding {m}, {source} said.",
    "{N} people were killed in {weapon} on {place} {day}, according to {source}.",
    "{source} said {attacker} had launched {weapon} on the outskirts of {place}.",
    "Fighting continued near {place} in the {region}, where {attacker} tried to advance {day}.",
    "{attacker} have taken control of the village of {place2}, {source} said {day}.",
    "{source} denied that {attacker} had withdrawn from {place}.",
    "Residents of {place} were evacuated after {weapon} hit a school {day}.",
    "\u201cThe situation in {place} is very difficult,\u201d {source} told reporters.",
    "{source} reported that {n} soldiers were wounded in clashes near {place2}.",
    "Protesters gathered in central {place} {day} to demand the release of detained activists.",
    "{attacker} said they had shot down {n} drones over the {region} {day}.",
    "A {weapon_bare} struck an apartment block in {place}, injuring {m} people, {source} said.",
    "The power station in {place} was damaged, leaving {big} residents without electricity.",
    "{source} said {attacker} would have to leave {place2} sooner or later.",
    "Aid groups said about {big} people had fled {place} since the offensive began.",
]


def _fill(template: str, rng: random.Random) -> str:
    place, region = rng.choice(PLACES)
    place2, _ = rng.choice(PLACES)
    text = template.format(
        attacker=rng.choice(ATTACKERS),
        place=place,
        place2=place2,
        region=region,
        day=rng.choice(DAYS),
        n=rng.choice(NUMBERS),
        N=rng.choice(NUMBERS).capitalize(),
        m=rng.choice(NUMBERS),
        source=rng.choice(SOURCES),
        weapon=rng.choice(WEAPONS),
        weapon_bare=rng.choice(["missile", "drone", "shell", "rocket"]),
        big=f"{rng.randint(1, 90) * 1000:,}",
    )
    return text[0].upper() + text[1:]


def make_corpus(n: int = 320, seed: int = 7) -> list[dict]:
    """`n` articles of 6 to 14 sentences in 2 to 4 paragraphs, with publication dates."""
    rng = random.Random(seed)
    start = dt.date(2024, 1, 1)
    articles = []
    for i in range(n):
        sentences = [_fill(rng.choice(TEMPLATES), rng) for _ in range(rng.randint(6, 14))]
        cut = sorted(rng.sample(range(1, len(sentences)), k=min(3, len(sentences) - 1)))
        paragraphs, last = [], 0
        for c in cut + [len(sentences)]:
            paragraphs.append(" ".join(sentences[last:c]))
            last = c
        articles.append(
            {
                "id": f"bench-{i:04d}",
                "text": "\n\n".join(p for p in paragraphs if p),
                "published": (start + dt.timedelta(days=rng.randint(0, 300))).isoformat(),
                "source": rng.choice(["Frontline Wire", "Eastern Monitor", "Kyiv Desk"]),
            }
        )
    return articles
