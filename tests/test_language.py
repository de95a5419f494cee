"""Language identification: English is never refused, other languages are named and recorded."""

from __future__ import annotations

import json
import pickle
from collections import Counter
from pathlib import Path

import pytest

from frontwire.ingest.errors import Rejected
from frontwire.ingest.language import LanguageIdentifier
from frontwire.ingest.readers import ReadOptions, read_inputs
from frontwire.model import Article

SHORT_TEXTS = Path(__file__).parent / "data" / "language_short.jsonl"


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier()


@pytest.fixture(scope="module")
def short_texts() -> list[dict]:
    return [json.loads(line) for line in SHORT_TEXTS.read_text("utf-8").splitlines()]


def test_no_short_english_text_is_refused(identifier, short_texts) -> None:
    english = [item for item in short_texts if item["lang"] == "en"]
    assert len(english) >= 30
    refused = [(item["id"], identifier.refusal(item["text"])) for item in english]
    assert [r for r in refused if r[1]] == []


def test_dutch_russian_and_ukrainian_are_told_apart(identifier, short_texts) -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for item in short_texts:
        total[item["lang"]] += 1
        right[item["lang"]] += identifier.identify(item["text"]) == item["lang"]
    for lang in ("nl", "ru", "uk"):
        assert total[lang] >= 30
        assert right[lang] / total[lang] >= 0.9, (lang, right[lang], total[lang])


@pytest.mark.parametrize(
    "headline",
    [
        "Gunmen kill 7 over land row; police die in ambush",
        "Two die over weekend as drones hit Kherson; was third attack in a week",
        "Vladimir Putin Portugal expels Diplomats",
        "Telmanovo;Telmanovo;Telmanovo;Telmanovo",
    ],
)
def test_headlines_with_foreign_looking_words_stay_english(identifier, headline) -> None:
    assert identifier.refusal(headline) is None


def test_too_short_to_tell_is_none_and_the_refusal_names_the_language(identifier) -> None:
    assert identifier.identify("Kyiv.") is None
    ukrainian = "Обстріл Харкова триває, повідомляє обласна адміністрація."
    assert identifier.refusal(ukrainian) == "language uk not handled yet"


def test_a_foreign_file_is_recorded_with_its_language_not_lost(tmp_path: Path) -> None:
    (tmp_path / "a-en.txt").write_text(
        "Russian forces shelled Kupiansk on Tuesday, killing two civilians, the governor said.",
        encoding="utf-8",
    )
    (tmp_path / "b-nl.txt").write_text(
        "Twee soldaten zijn gedood bij een aanval op het dorp, zegt het leger. Volgens de "
        "burgemeester is de stroom in de hele stad uitgevallen.",
        encoding="utf-8",
    )
    english, dutch = read_inputs([tmp_path])
    assert isinstance(english, Article) and english.language == "en"
    assert isinstance(dutch, Rejected)
    assert dutch.name.endswith("b-nl.txt") and dutch.problem == "language nl not handled yet"


def test_reader_options_travel_to_workers_and_identify_there() -> None:
    options = ReadOptions(source="Wire")
    options.languages.identify("Russian forces shelled the town of Kupiansk on Tuesday.")
    copy = pickle.loads(pickle.dumps(options))
    assert copy.source == "Wire"
    dutch = "Het leger zegt dat het dorp bij Bachmoet is heroverd, meldt de gouverneur"
    assert copy.languages.identify(dutch) == "nl"


ENGLISH_REPORT = (
    "Russian forces shelled the outskirts of the city overnight, and two people were killed "
    "when a rocket hit a bus stop near the market, the regional governor said on Sunday. "
    "Emergency crews said the fire that followed was put out by morning, and that the "
    "wounded were taken to hospital. The army said it had shot down most of the drones "
    "that were launched against the region from the south."
)
DUTCH_REPORT_WITH_AN_ENGLISH_QUOTE = (
    "Russische troepen hebben de stad in de nacht opnieuw beschoten. Volgens de gouverneur "
    "kwamen twee mensen om het leven toen een raket een bushalte bij de markt trof. "
    '"The situation is very difficult," zei hij tegen verslaggevers. De brandweer had het '
    "vuur pas in de ochtend onder controle, en de gewonden zijn naar het ziekenhuis gebracht."
)


def test_clearly_english_prose_needs_no_detector() -> None:
    identifier = LanguageIdentifier()
    assert identifier.identify(ENGLISH_REPORT) == "en"
    assert identifier._detector is None, "English prose is told by its words alone"


def test_a_foreign_text_quoting_english_still_asks_the_detector() -> None:
    identifier = LanguageIdentifier()
    assert identifier.identify(DUTCH_REPORT_WITH_AN_ENGLISH_QUOTE) == "nl"
    assert identifier._detector is not None
