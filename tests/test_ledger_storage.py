"""The ledger's storage on both backends: correcting it (replace, delete, failures), what
the schema guarantees (foreign keys, text once), filters with bound parameters, places by
any spelling, reviews, and the same contents whatever the order or the writers."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from frontwire.ledger.store import Ledger, LedgerError, open_ledger
from frontwire.ledger.views import EventFilter, Review
from frontwire.model import Place
from test_ledger import CHUHUIV, KHARKIV, KYIV, make_report

AVDIIVKA = Place(
    id="gn:712451",
    name="Avdiivka",
    geonameid=712451,
    lat=48.1394,
    lon=37.7497,
    country_code="UA",
    admin1="Donetska",
    confidence=0.9,
)


def snapshot(ledger: Ledger) -> dict:
    """What the ledger holds, as comparable values (not counts alone)."""
    return {
        "events": [e.model_dump(mode="json") for e in ledger.ledger_events()],
        "contradictions": [
            (c["a_id"], c["b_id"], c["proposition"], c["reason"]) for c in ledger.contradictions()
        ],
        "places": [(p["id"], p["n_mentions"], p["spellings"]) for p in ledger.places()],
        "counts": ledger.counts(),
    }


def _strike(day: int, source: str, killed: int, stance: str = "assert") -> object:
    text = {
        "assert": f"Russian rockets hit a school in Kharkiv on May {day}, {source} said; "
        f"{killed} people were killed.",
        "deny": f"{source} denied on May {day} that its forces struck Kharkiv.",
    }[stance]
    return make_report(
        text, source, f"2024-05-{day:02d}", killed, stance, with_event=stance == "assert"
    )


# -- correcting the ledger ---------------------------------------------------------------


def test_replace_takes_new_metadata_and_keeps_reviews(ledger_factory) -> None:
    text = "Artillery shelled the outskirts of Kharkiv overnight, wounding three residents."
    dated = make_report(text, "NOS", "2023-03-04")
    undated = dated.model_copy(
        update={
            "article": dated.article.model_copy(update={"source": None, "published": None}),
            "events": [dated.events[0].model_copy(update={"event_date": None})],
        }
    )
    with ledger_factory() as ledger:
        assert ledger.add_report(undated) is True
        [before] = ledger.ledger_events()
        assert before.event_date is None and before.sources == []
        ledger.add_review(Review(event_id=before.id, reviewer="ana", action="confirm"))
        assert ledger.add_report(dated) is False, "without replace the stored report stays"
        assert ledger.ledger_events()[0].event_date is None
        assert ledger.add_report(dated, replace=True) is True
        [after] = ledger.ledger_events()
        assert after.event_date == dt.date(2023, 3, 4)
        assert after.sources == ["NOS"] and after.reports[0].source == "NOS"
        assert ledger.counts()["articles"] == 1 and ledger.counts()["events"] == 1
        assert after.review_status == "confirmed", "the review follows the re-coded event"
        assert len(ledger.reviews()) == 1
        assert ledger.report(dated.article.id) == dated


def test_delete_removes_what_the_article_brought_and_keeps_reviews(ledger_factory) -> None:
    first = _strike(10, "Kharkiv regional administration", 4)
    second = _strike(11, "National Police of Ukraine", 3)
    denial = _strike(11, "Russian Ministry of Defence", 0, "deny")
    with ledger_factory() as ledger:
        for report in (first, second, denial):
            ledger.add_report(report)
        [merged] = ledger.ledger_events()
        assert merged.fatalities == 3 and merged.n_sources == 2
        assert len(ledger.contradictions()) == 2
        ledger.add_review(Review(event_id=merged.id, reviewer="ana", action="confirm"))

        assert ledger.delete_article(second.article.id) is True
        assert ledger.delete_article(second.article.id) is False
        [left] = ledger.ledger_events()
        assert left.fatalities == 4 and left.n_sources == 1
        assert [r.article_id for r in left.reports] == [first.article.id]
        assert {c["a_id"] for c in ledger.contradictions()} | {
            c["b_id"] for c in ledger.contradictions()
        } == {first.claims[0].id, denial.claims[0].id}
        assert ledger.report(second.article.id) is None
        assert ledger.places()[0]["n_mentions"] == 2

        ledger.delete_article(first.article.id)
        ledger.delete_article(denial.article.id)
        counts = ledger.counts()
        assert counts["articles"] == counts["events"] == counts["ledger_events"] == 0
        assert counts["claims"] == counts["contradictions"] == counts["places"] == 0
        assert counts["reviews"] == 1, "reviews are records: never deleted with articles"


def test_an_article_that_fails_to_store_leaves_nothing_behind(ledger_factory) -> None:
    first = _strike(10, "Kharkiv regional administration", 4)
    second = _strike(11, "National Police of Ukraine", 3)
    # A claim id already taken by the first article: the insert fails half-way through.
    clashing = second.model_copy(
        update={"claims": [second.claims[0].model_copy(update={"id": first.claims[0].id})]}
    )
    with ledger_factory() as ledger:
        ledger.add_report(first)
        before = snapshot(ledger)
        with pytest.raises(LedgerError) as caught:
            ledger.add_report(clashing)
        assert second.article.id in str(caught.value) and "\n" not in str(caught.value)
        assert not ledger.has_article(second.article.id)
        assert snapshot(ledger) == before
        assert ledger.add_report(second) is True, "the ledger still takes writes"


def test_find_articles_by_id_prefix_external_id_or_url(ledger_factory) -> None:
    report = make_report(
        "Two drones struck an energy facility in Kharkiv, the mayor said.",
        "Ukrinform",
        "2024-05-12",
        url="https://example.org/news/kharkiv-drones",
    )
    with ledger_factory() as ledger:
        ledger.add_report(report)
        article_id = report.article.id
        assert ledger.find_articles(article_id) == [article_id]
        assert ledger.find_articles(article_id[:8]) == [article_id]
        assert ledger.find_articles(article_id[:3]) == [], "prefixes start at 6 characters"
        assert ledger.find_articles("https://example.org/news/kharkiv-drones") == [article_id]
        assert ledger.find_articles("%%%%%%") == []


def test_failures_one_row_per_input_and_reason(ledger_factory) -> None:
    with ledger_factory() as ledger:
        ledger.record_failure("feed.xml#4", "empty text", "item-4")
        ledger.record_failure("notes.txt", "no text after cleaning")
        ledger.record_failure("feed.xml#4", "empty text")
        ledger.record_failure("feed.xml#4", "too long")
        rows = {(f["input"], f["reason"]): f for f in ledger.failures()}
        assert len(rows) == 3
        again = rows[("feed.xml#4", "empty text")]
        assert again["count"] == 2 and again["external_id"] == "item-4"
        assert again["first_at"] <= again["last_at"]
        ledger.clear_failures("feed.xml#4")
        assert [f["input"] for f in ledger.failures()] == ["notes.txt"]


# -- what the schema guarantees ------------------------------------------------------------


def test_foreign_keys_are_enforced(ledger_factory) -> None:
    with ledger_factory() as ledger, pytest.raises(ledger.db.errors), ledger.db.transaction():
        ledger.db.execute(
            'INSERT INTO place_mentions (article_id, place_id, start, "end", text) '
            "VALUES ('no-such-article', 'gn:706483', 0, 7, 'Kharkiv')"
        )


def test_article_text_is_stored_once(ledger_factory) -> None:
    text = "Shelling damaged a hospital in Kharkiv on Tuesday, the regional governor said."
    report = make_report(text, "Suspilne", "2024-05-14")
    with ledger_factory() as ledger:
        ledger.add_report(report)
        row = ledger.db.one("SELECT text, report_json FROM articles")
        assert row["text"] == report.article.text
        stored = json.loads(row["report_json"])
        assert "text" not in stored["article"]
        assert len(row["report_json"]) <= len(report.model_dump_json()) - len(text)
        assert ledger.report(report.article.id) == report
        assert list(ledger.reports()) == [report]


def test_a_file_that_is_not_a_ledger_is_one_line(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("shopping list: bread, tea\n" * 50)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    cases = {
        tmp_path / "missing-dir" / "x.db": "does not exist",
        notes: "not a frontwire ledger",
        other: "not a frontwire ledger",
        tmp_path: "is a folder",
    }
    for target, problem in cases.items():
        with pytest.raises(LedgerError) as caught:
            open_ledger(target)
        message = str(caught.value)
        assert problem in message and str(target) in message and "\n" not in message
    assert not (tmp_path / "missing-dir").exists()


# -- syndication, filters, places ----------------------------------------------------------


def test_outlets_are_kept_and_filter_by_source(ledger_factory) -> None:
    report = make_report(
        "A missile hit a warehouse in Kharkiv, the city's mayor said.",
        "Ukrinform",
        "2024-05-15",
        url="https://example.org/a",
    )
    with ledger_factory() as ledger:
        ledger.add_report(report)
        article_id = report.article.id
        assert ledger.add_outlet(article_id, "Kyiv Independent", "https://example.net/b")
        assert not ledger.add_outlet(article_id, "Kyiv Independent", "https://example.net/b")
        assert [o["source"] for o in ledger.outlets(article_id)] == [
            "Ukrinform",
            "Kyiv Independent",
        ]
        [event] = ledger.ledger_events(EventFilter(source="independent"))
        assert event.sources == ["Kyiv Independent", "Ukrinform"]
        assert ledger.count_events(EventFilter(source="Reuters")) == 0
        with pytest.raises(LedgerError):
            ledger.add_outlet("not-an-article", "Reuters")


def test_filters_are_bound_parameters(ledger_factory) -> None:
    with ledger_factory() as ledger:
        ledger.add_report(_strike(10, "Kharkiv regional administration", 4))
        hostile = "x' OR 1=1 --"
        flt = EventFilter(place=hostile)
        assert ledger.ledger_events(flt) == [] and ledger.count_events(flt) == 0
        assert ledger.claims(flt) == [] and ledger.places(flt) == []
        assert list(ledger.article_events(flt)) == []
        assert ledger.ledger_events(EventFilter(actor="%")) == []
        assert ledger.ledger_events(EventFilter(source="' OR ''='")) == []
        assert ledger.counts()["articles"] == 1, "nothing was run"


def test_place_by_any_spelling_seen(ledger_factory) -> None:
    dutch = make_report(
        "Bij beschietingen op Avdiïvka kwamen zaterdag twee mensen om, meldde de gouverneur.",
        "NOS",
        "2024-02-10",
        2,
        place=AVDIIVKA,
        spelling="Avdiïvka",
    )
    german = make_report(
        "In Awdijiwka wurden am Sonntag drei Zivilisten verletzt, teilte die Polizei mit.",
        "Tagesschau",
        "2024-02-11",
        place=AVDIIVKA,
        spelling="Awdijiwka",
    )
    with ledger_factory() as ledger:
        ledger.add_report(dutch)
        ledger.add_report(german)
        for spelling in ("Avdiivka", "AVDIÏVKA", "awdijiwka", "gn:712451"):
            assert ledger.resolve_place(spelling) == ["gn:712451"], spelling
            assert ledger.count_events(EventFilter(place=spelling)) == 1, spelling
        assert ledger.resolve_place("Bakhmut") == []
        [place] = ledger.places()
        assert place["spellings"] == ["Avdiïvka", "Awdijiwka"]
        assert [e["place"] for e in ledger.events(place="awdijiwka")] == ["Avdiivka"]


def test_radius_around_a_place(ledger_factory) -> None:
    reports = [
        make_report(
            "Shells hit a bus stop in Kharkiv, killing one.",
            "Suspilne",
            "2024-05-10",
            1,
            place=KHARKIV,
        ),
        make_report(
            "A drone struck a depot in Chuhuiv at dawn.", "Suspilne", "2024-05-10", place=CHUHUIV
        ),
        make_report(
            "Air defence shot down missiles over Kyiv.", "Ukrinform", "2024-05-10", place=KYIV
        ),
    ]
    with ledger_factory() as ledger:
        for report in reports:
            ledger.add_report(report)

        def near(km: float) -> set[str]:
            events = ledger.ledger_events(EventFilter(place="Kharkiv", radius_km=km))
            return {e.place.name for e in events if e.place}

        assert near(0) == {"Kharkiv"}
        assert near(30) == {"Kharkiv"}, "Chuhuiv lies about 35 km from Kharkiv"
        assert near(50) == {"Kharkiv", "Chuhuiv"}
        assert near(500) == {"Kharkiv", "Chuhuiv", "Kyiv"}
        assert {p["name"] for p in ledger.places(EventFilter(place="Kharkiv", radius_km=50))} == {
            "Kharkiv",
            "Chuhuiv",
        }


def test_filters_on_every_listing(ledger_factory) -> None:
    may10 = _strike(10, "Kharkiv regional administration", 4)
    may20 = _strike(20, "Ukrinform", 2)
    clash = make_report(
        "Ukrainian and Russian troops clashed near Kharkiv, the General Staff said.",
        "General Staff of Ukraine",
        "2024-05-15",
        kind=("Battles", "Armed clash"),
        actor1="Military Forces of Ukraine",
    )
    with ledger_factory() as ledger:
        for report in (may10, may20, clash):
            ledger.add_report(report)
        ids = [e.event_date.day for e in ledger.ledger_events()]
        assert ids == [20, 15, 10], "newest first"
        window = EventFilter(date_from=dt.date(2024, 5, 12), date_to=dt.date(2024, 5, 31))
        assert [e.event_date.day for e in ledger.ledger_events(window)] == [20, 15]
        assert ledger.count_events(EventFilter(event_type="Armed clash")) == 1
        assert ledger.count_events(EventFilter(event_type="Explosions/Remote violence")) == 2
        assert ledger.count_events(EventFilter(actor="forces of ukraine")) == 1
        assert ledger.count_events(EventFilter(certainty="fact")) == 3
        assert ledger.count_events(EventFilter(certainty="disputed")) == 0
        page = ledger.ledger_events(EventFilter(limit=1, offset=1))
        assert [e.event_date.day for e in page] == [15]
        assert [c["outlet"] for c in ledger.claims(EventFilter(source="ukrinform"))] == [
            "Ukrinform"
        ]
        assert len(list(ledger.article_events(window))) == 2


# -- reviews -----------------------------------------------------------------------------


def test_reviews_are_records_laid_over_the_ledger(ledger_factory) -> None:
    with ledger_factory() as ledger:
        ledger.add_report(_strike(10, "Kharkiv regional administration", 4))
        [event] = ledger.ledger_events()
        review = ledger.add_review(
            Review(
                event_id=event.id,
                reviewer="ana",
                action="edit",
                field="fatalities",
                after="5",
                note="hospital figure",
            )
        )
        assert review.id is not None and review.at is not None
        assert review.before == 4 and review.after == 5
        assert review.report_event_ids == [event.reports[0].event_id]
        edited = ledger.ledger_event(event.id)
        assert edited.fatalities == 5 and edited.review_status == "edited"
        assert edited.reviewed_fields == ["fatalities"]
        assert ledger.count_events(EventFilter(review_status="edited")) == 1
        assert ledger.count_events(EventFilter(review_status="unreviewed")) == 0

        ledger.add_report(_strike(11, "National Police of Ukraine", 3))
        [merged] = ledger.ledger_events()
        assert merged.n_sources == 2 and merged.fatalities == 5, "the review wins"
        assert [r.id for r in ledger.reviews(merged.id)] == [review.id]

        with pytest.raises(LedgerError):
            ledger.add_review(Review(event_id="Lnothing", reviewer="ana", action="confirm"))
        with pytest.raises(LedgerError):
            ledger.add_review(
                Review(
                    event_id=merged.id,
                    reviewer="ana",
                    action="edit",
                    field="fatalities",
                    after="many",
                )
            )
        assert len(ledger.reviews()) == 1


# -- the same ledger whatever the order or the writers -----------------------------------


def test_three_reports_in_every_order_give_one_ledger(ledger_factory) -> None:
    reports = [
        _strike(10, "Kharkiv regional administration", 4),
        _strike(11, "National Police of Ukraine", 3),
        _strike(12, "Ukrinform", 2),
    ]
    seen = []
    for order in itertools.permutations(reports):
        with ledger_factory() as ledger:
            for report in order:
                ledger.add_report(report)
            seen.append(snapshot(ledger))
    assert all(s == seen[0] for s in seen)
    days = [[r["event_date"] for r in e["reports"]] for e in seen[0]["events"]]
    assert days == [["2024-05-12"], ["2024-05-10", "2024-05-11"]], "days 10, 11, 12: two events"


_WRITER = """
import sys
from frontwire.ledger.store import open_ledger
from frontwire.model import Report
with open_ledger(sys.argv[1]) as ledger:
    for line in open(sys.argv[2], encoding="utf-8"):
        ledger.add_report(Report.model_validate_json(line))
"""


def _reports(n: int) -> list:
    places = [KHARKIV, CHUHUIV, KYIV, AVDIIVKA]
    outlets = ["Suspilne", "Ukrinform", "NOS", "Kyiv Independent", "Russian Ministry of Defence"]
    out = []
    for i in range(n):
        place = places[i % len(places)]
        source = outlets[i % len(outlets)]
        day = 1 + (i * 7) % 20
        stance = "deny" if source.startswith("Russian") else "assert"
        text = (
            f"{source} reported that shelling hit {place.name} on May {day}; "
            f"{i % 5} people were killed (report {i})."
            if stance == "assert"
            else f"{source} denied striking {place.name} on May {day} (statement {i})."
        )
        out.append(
            make_report(
                text,
                source,
                f"2024-05-{day:02d}",
                i % 5,
                stance,
                place=place,
                with_event=stance == "assert",
            )
        )
    return out


def test_two_processes_writing_at_once_give_the_sequential_ledger(
    ledger_factory, tmp_path: Path
) -> None:
    reports = _reports(24)
    with ledger_factory("sequential") as ledger:
        for report in reports:
            ledger.add_report(report)
        expected = snapshot(ledger)
    halves = [reports[::2], list(reversed(reports[1::2]))]
    target = ledger_factory.target("concurrent")
    open_ledger(target).close()  # the schema first, so both writers only add articles
    writers = []
    for n, half in enumerate(halves):
        batch = tmp_path / f"half{n}.jsonl"
        batch.write_text("".join(r.model_dump_json() + "\n" for r in half), encoding="utf-8")
        writers.append(
            subprocess.Popen(
                [sys.executable, "-c", _WRITER, target, str(batch)],
                stderr=subprocess.PIPE,
                text=True,
            )
        )
    for writer in writers:
        _, err = writer.communicate(timeout=240)
        assert writer.returncode == 0, err
    with ledger_factory("concurrent") as ledger:
        assert snapshot(ledger) == expected
    assert expected["counts"]["articles"] == 24 and expected["contradictions"]
