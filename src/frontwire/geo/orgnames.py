"""Places named inside organisations' names and officials' titles: 'Kramatorsk City Council',
'the U.S. Department of Education', 'Sochi Mayor Anatoly Pakhomov'; none inside a media
outlet's name ('Kyiv Post'), whose home town says nothing about where its stories happen."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from frontwire.events.doctokens import doc_tokens
from frontwire.geo.gazetteer import ADMIN1, ADMIN2, ALTERNATE, COUNTRY, PRIMARY, Gazetteer
from frontwire.geo.lexicon import MAX_NGRAM, TRAILING, Lexicon, is_stop, major_place
from frontwire.text.context import doc_text
from frontwire.text.fold import fold, is_acronym

if TYPE_CHECKING:
    from frontwire.geo.recognize import Context


def org_embedded(ent, gaz: Gazetteer, lex: Lexicon) -> tuple[int, int] | None:
    """The place inside a local institution's name ('Kramatorsk Fire Department',
    'University of Kharkiv'); none inside a media outlet's ('Kyiv Post')."""
    dt = doc_tokens(ent.doc)  # plain lists: no Token objects
    text, idx = dt.text, dt.idx
    toks = [k for k in range(ent.start, ent.end) if not (k == ent.start and dt.lower[k] == "the")]
    if not toks or any(fold(text[k]) in lex.media_heads for k in toks[1:]):
        return None  # 'Kyiv Post', 'The Odesa Journal-Courier'
    words = [fold(text[k]) for k in toks]
    if "of" in words:  # University of Kharkiv, Government of Ukraine
        k = words.index("of")
        place = toks[k + 1 :]
        while place and text[place[-1]] in ("'s", "\u2019s", "'", "\u2019"):
            place = place[:-1]  # 'the Conference Board of Canada's report'
        name = " ".join(text[j] for j in place)
        if k > 0 and place and len(place) <= 3 and (
            words[k - 1] in lex.of_heads or major_place(gaz, lex, name)
        ) and gaz.lookup(TRAILING.sub("", name)) and not is_stop(lex, name):
            return idx[place[0]], idx[place[-1]] + len(text[place[-1]])
    for n in range(min(3, len(toks) - 1), 0, -1):  # Kramatorsk City Council, Sumy Regional Police
        head, rest = toks[:n], words[n:]
        if not text[head[-1]][-1:].isalnum():
            continue  # 'Middlesex-' of 'Middlesex-London EMS', 'Greenville- Spartanburg': no name
        name = " ".join(text[j] for j in head)
        hits = gaz.lookup(name)
        if not hits or is_stop(lex, name) or is_acronym(name):
            continue
        if all(kind == ALTERNATE for _, kind in hits) and not any(
                gaz.entry(i).feature_code in (COUNTRY, ADMIN1)
                or n > 1 and gaz.entry(i).feature_code == ADMIN2 for i, _ in hits) or (
                n > 1 and words[n - 1] == "city") and (
                gaz.lookup(" ".join(text[j] for j in head[:-1]))) and not any(
                kind == PRIMARY and gaz.entry(i).feature_code not in (ADMIN1, ADMIN2)
                for i, kind in hits):
            # ('Dublin City Council' is the town's, not the Irish county 'Dublin City'; a
            # 'Kansas City' body is Kansas City's; 'Prince William Circuit Court' is the
            # county's, by the short name of 'Prince William County'; 'The Tigray Interim
            # Administration' the region's, by another spelling of Tigrai)
            if n == 1:
                break  # 'Smith Foundation': only another name of some county, most likely a person
            continue  # 'Alexandria City Public Schools': try 'Alexandria
        tail = " ".join(rest)
        local = any(tail == h or tail.endswith(" " + h) or tail.startswith(h + " ")
                    for h in lex.local_heads)
        if local or major_place(gaz, lex, name) and any(kind == PRIMARY for _, kind in hits):
            # a local institution, or any body named after a country, region or big city by
            # its own name (not 'the Arakan Army', an armed group named by Rakhine's old name)
            return idx[head[0]], idx[head[-1]] + len(text[head[-1]])
        if n > 1:
            break  # 'Butler County Transportation District': not the town of Butler
    return None


_NAME_BREAKS = frozenset({"of", "in", "for", "at", "on", "and", "the", "de", "&", "-", ",", "'s",
                          "\u2019s", "'", "\u2019", "/"})


def name_runs(ent) -> list[list[int]]:
    """The runs of capitalised words (token indexes) inside an organisation's name, split at
    its function words, hyphens and possessives: 'Conference Board of Canada' -> [Conference
    Board], [Canada]; 'Middlesex-London EMS' -> [Middlesex], [London EMS]."""
    toks = doc_tokens(ent.doc)  # plain lists: no Token objects, no Doc.text rebuilds
    words, space = toks.text, toks.whitespace
    runs: list[list[int]] = [[]]
    for k in range(ent.start, ent.end):
        word = words[k]
        if word.lower() in _NAME_BREAKS or not word[:1].isupper():
            runs.append([])
        else:
            runs[-1].append(k)
        if space[k] == "" and k + 1 < ent.end and words[k + 1] == "-":
            runs.append([])
    return [r for r in runs if r]


def places_in_name(ent, gaz: Gazetteer, lex: Lexicon, known: set[int]
                    ) -> list[tuple[int, int]]:
    """Places named inside an organisation's name, beyond the local institutions of
    `org_embedded`: a country, region or county anywhere in it ('the U.S. Department of
    Education', 'Northern Illinois University', 'Friends of Madison County Public Library'), a
    town after 'of'/'in' ('the Cooper School in Bicester') or one the article names as a place
    elsewhere ('the Hopkinton Police Department'). None inside a media outlet's name ('Kyiv
    Post'): a newspaper's home town says nothing about where its stories happen."""
    toks = doc_tokens(ent.doc)
    words, idx, lower = toks.text, toks.idx, toks.lower
    if any(fold(words[k]) in lex.media_heads for k in range(ent.start, ent.end)):
        return []
    text = doc_text(ent.doc)
    found = []
    for run in name_runs(ent):
        # every stretch of the run, longest first: 'Environment Canada', 'Northern Illinois
        # University'
        spans = [(run[o], run[o + n - 1]) for n in range(min(MAX_NGRAM, len(run)), 0, -1)
                 for o in range(len(run) - n + 1)]
        for first, last in spans:
            start, end = idx[first], idx[last] + len(words[last])
            name = text[start:end]
            if (first, last) == (ent.start, ent.end - 1) or is_stop(lex, name):
                continue  # the whole entity is left to the other rules
            hits = gaz.lookup(name)
            if not hits or fold(name) in lex.demonyms:
                continue
            # a country, or a region or district by its own name; a one-word district
            # ('Bureau', 'Real') is too often a plain word in a name
            dotted = "." in name and is_acronym(name)  # 'S.C. House': a state's letters
            area = any(gaz.entry(i).feature_code == COUNTRY or (kind == PRIMARY or dotted) and (
                gaz.entry(i).feature_code == ADMIN1
                or gaz.entry(i).feature_code == ADMIN2 and first != last) for i, kind in hits)
            if is_acronym(name) and not (area and "." in name):
                continue  # 'U.S.' yes, 'USA Hauling' no
            primary_town = any(kind == PRIMARY for _, kind in hits)
            after_of = first > ent.start and (lower[first - 1] in ("of", "in") or (
                first - 1 > ent.start and lower[first - 1] == "the" and first != last
                and lower[first - 2] in ("of", "in")))  # 'Friends of the New Concord Reservoir'
            # (one word after 'of the' is most often an office: 'the Office of the Secretary')
            if area or (primary_town and (after_of or {i for i, _ in hits} & known)):
                found.append((start, end))
                break
    return found


PARTNER_SPELLING = 10_000  # a town this big is found by another spelling of its name too
_PARTNER = re.compile(r"-\s?([A-Z][a-z]+(?: [A-Z][a-z]+)?)")


def hyphen_partner(text: str, start: int, end: int, gaz: Gazetteer, lex: Lexicon,
                   known: set[int]) -> tuple[int, int] | None:
    """'Middlesex-London EMS', 'the University of Wisconsin-Milwaukee', 'the Odesa-Izmail
    corridor': the town joined by a hyphen to a place found inside an organisation's name, when
    the article names that town elsewhere or it lies in the region before the hyphen (a campus
    of a state's university) or in the region of the town before it."""
    found = _PARTNER.match(text, end)
    if not found:
        return None
    regions = {(e.country_code, e.admin1_code) for i, kind in gaz.lookup(text[start:end])
               if kind == PRIMARY and (e := gaz.entry(i)).feature_code not in (COUNTRY, ADMIN2)}
    words = found.group(1).split()
    for n in range(len(words), 0, -1):
        name = " ".join(words[:n])
        towns = [i for i, kind in gaz.lookup(name) if kind == PRIMARY
                 or gaz.entry(i).population >= PARTNER_SPELLING]  # ('Izmail' for Izmayil)
        if towns and not is_stop(lex, name) and (set(towns) & known or any(
                (gaz.entry(i).country_code, gaz.entry(i).admin1_code) in regions
                for i in towns)):
            return found.start(1), found.start(1) + len(name)
    return None


def place_before_office(ent, gaz: Gazetteer, lex: Lexicon) -> tuple[int, int] | None:
    """'Huntsville Fire Chief Tom Grisham', 'Sochi Mayor Anatoly Pakhomov': a person's name
    that opens with a known place and an office is that place's official."""
    toks = doc_tokens(ent.doc)
    words, idx, lower = toks.text, toks.idx, toks.lower
    for n in range(min(3, len(ent) - 1), 0, -1):  # the office word may close the entity
        last = ent.start + n - 1
        if lower[last + 1] not in lex.office_words:
            continue
        start, end = idx[ent.start], idx[last] + len(words[last])
        name = doc_text(ent.doc)[start:end]
        if gaz.lookup(name) and not is_stop(lex, name) and not is_acronym(name):
            return start, end
    return None


def org_context(name: str, gaz: Gazetteer, context: Context) -> None:
    """'Kyiv Post', 'Donetsk People's Republic': the place inside gives country context."""
    words = name.split()
    for n in range(min(len(words), MAX_NGRAM), 0, -1):
        hits = gaz.lookup(" ".join(words[:n]))
        if hits:
            best = max(hits, key=lambda h: gaz.entry(h[0]).population)
            context.add(gaz.entry(best[0]).country_code, 0.3)
            return
