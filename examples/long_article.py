"""Write a long article (a day-by-day chronicle of a war) to stdout, for trying `frontwire run`
on a text of a megabyte: `python examples/long_article.py --kb 1000 > chronicle.txt`.

The sentences are team-written templates filled from small lists (seeded: the same text each
time). A real chronicle this long is rare; the point is to show that one article of 1 MB goes
through (spaCy's length limit respected by parsing sentence-aligned chunks) in time that
grows with its length, not with its square.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys

TOWNS = [
    ("Kharkiv", "Kharkiv region"), ("Kupiansk", "Kharkiv region"),
    ("Pokrovsk", "Donetsk region"), ("Kramatorsk", "Donetsk region"),
    ("Sloviansk", "Donetsk region"), ("Zaporizhzhia", "Zaporizhzhia region"),
    ("Orikhiv", "Zaporizhzhia region"), ("Kherson", "Kherson region"),
    ("Nikopol", "Dnipropetrovsk region"), ("Sumy", "Sumy region"),
    ("Chernihiv", "Chernihiv region"), ("Odesa", "Odesa region"),
    ("Mykolaiv", "Mykolaiv region"), ("Belgorod", "Belgorod region"),
]
ATTACKERS = ["Russian forces", "Russian troops", "Ukrainian forces", "the Russian army"]
SPEAKERS = [
    "the regional governor", "the defence ministry", "the local mayor", "police",
    "a military spokesperson", "the General Staff", "emergency services",
]
WEAPONS = ["a missile", "a glide bomb", "two drones", "artillery fire", "a rocket barrage"]
TARGETS = [
    "a residential building", "a school", "the railway station", "a grain terminal",
    "a power substation", "a hospital", "a bus stop", "an apartment block",
]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "nine", "eleven", "14", "23"]

PARAGRAPHS = [
    "On {date}, {attacker} struck {target} in {town} with {weapon}, {speaker} said. "
    "{N} people were killed and {m} were injured, according to {speaker2}.",
    "{Speaker} said {weapon} hit {target} in {town} overnight on {date}. "
    "Rescuers pulled {n} people from the rubble; {m} of them died in hospital.",
    "Shelling of {town} in the {region} continued on {date}. {Speaker} reported damage "
    "to {target} but no casualties.",
    "{Attacker} said they had captured a village east of {town} on {date}. "
    "{Speaker} denied the claim and said fighting was still going on there.",
    "A drone attack on {town} on {date} set fire to {target}, {speaker} said. "
    "Firefighters put out the blaze by the morning and nobody was hurt.",
    "\u201cThe strikes on {town} have not stopped for a single night,\u201d {speaker} told "
    "reporters on {date}. \u201cPeople are sleeping in the metro again.\u201d",
    "Air defences shot down {n} drones over the {region} on {date}, {speaker} said, "
    "while debris damaged {target} in {town}.",
    "On {date}, {m} civilians were wounded when {weapon} hit {target} in {town}, "
    "{speaker} said. Among them were two children.",
]


def _cap(words: str) -> str:
    return words[0].upper() + words[1:]


def chronicle(kb: int, seed: int = 5) -> str:
    """Paragraphs of the chronicle, one day after another, up to `kb` kilobytes."""
    rng = random.Random(seed)
    day = dt.date(2023, 1, 1)
    out: list[str] = []
    size, limit = 0, kb * 1000
    while size < limit:
        town, region = rng.choice(TOWNS)
        speaker, speaker2 = rng.sample(SPEAKERS, 2)
        attacker = rng.choice(ATTACKERS)
        paragraph = rng.choice(PARAGRAPHS).format(
            date=f"{day.day} {day:%B} {day.year}", attacker=attacker, Attacker=_cap(attacker),
            town=town, region=region, target=rng.choice(TARGETS), weapon=rng.choice(WEAPONS),
            speaker=speaker, Speaker=_cap(speaker), speaker2=speaker2,
            n=rng.choice(NUMBERS), N=_cap(rng.choice(NUMBERS)), m=rng.choice(NUMBERS),
        )
        out.append(paragraph)
        size += len(paragraph.encode()) + 2
        if rng.random() < 0.1:  # some 650 days in a megabyte
            day += dt.timedelta(days=1)
    return "\n\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=1000, help="size in kilobytes (1,000 bytes)")
    args = parser.parse_args()
    sys.stdout.write(chronicle(args.kb))


if __name__ == "__main__":
    main()
