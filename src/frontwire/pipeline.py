"""Pipeline: loads every resource once, then turns articles into Reports.

`Pipeline.extract(article)` is a pure function of the article and the loaded resources:
no I/O, same input, same output. That is what makes it cacheable and parallel.
"""

from __future__ import annotations

import gc
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from frontwire.claims.contradictions import find_contradictions
from frontwire.claims.extractor import ClaimExtractor
from frontwire.events.casualties import CasualtyWords
from frontwire.events.coder import EventCoder
from frontwire.events.figures import find_figures
from frontwire.events.region_seat import RegionSeats
from frontwire.geo.parser import GeoParser
from frontwire.model import Article, Report
from frontwire.text.context import ArticleContext
from frontwire.text.nlp import load_nlp, model_name, parse
from frontwire.timex import DateWords, find_dates


@dataclass
class Failure:
    """An article that could not be processed, with the reason (the batch goes on)."""

    article_id: str
    reason: str


class Pipeline:
    def __init__(
        self,
        model: str | None = None,
        gazetteer: Path | None = None,
        events_model: Path | None = None,
        nlp: Language | None = None,
    ) -> None:
        """Every resource is loaded here, once, and belongs to this Pipeline (no module keeps
        a copy). `nlp`: a spaCy model the caller already loaded, to share rather than load a
        second copy (about half a second and 45 MB); `model` then only names it."""
        self.model_name = model_name(model)
        self.nlp = nlp if nlp is not None else load_nlp(self.model_name)
        self.geo = GeoParser.load(gazetteer)
        self.claims = ClaimExtractor.load()
        # number, casualty and headline words: one copy, read by find_figures and the coder
        self.casualty_words = CasualtyWords.load()
        # date words and patterns, with the same number words ('three days ago')
        self.date_words = DateWords.load(self.casualty_words.figures)
        self.coder = EventCoder.load(events_model, self.casualty_words, self.date_words)
        self.seats = RegionSeats(self.geo.gazetteer)  # region-only events: at the seat
        # The model, gazetteer and lexicons live as long as the Pipeline: moving them out of
        # the collector's reach spares every full collection a walk through all of them.
        # Unfrozen first, so that what an earlier, dropped Pipeline held (nothing else keeps
        # its resources) is collected now rather than kept frozen for good.
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        # Seconds spent in each stage since load: read by bench/, never by the stages.
        self.stage_seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def _timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stage_seconds[stage] += time.perf_counter() - start

    def extract(self, article: Article) -> Report:
        return self._report(article, parse(self.nlp, article.text))

    def extract_many(
        self, articles: Iterable[Article], batch_size: int = 16
    ) -> Iterator[Report | Failure]:
        """Reports in input order; an article that fails yields a Failure, not an exception."""
        limit = self.nlp.max_length
        # A text over spaCy's limit goes through the stream empty and is parsed in chunks
        # when its turn comes: the others keep their batching.
        pairs = ((a.text if len(a.text) <= limit else "", a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            try:
                if len(article.text) > limit:
                    doc = parse(self.nlp, article.text)
                yield self._report(article, doc)
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
                yield Failure(article.id, f"{type(exc).__name__}: {exc}")

    def _report(self, article: Article, doc) -> Report:
        ctx = ArticleContext(article, doc)
        with self._timed("dates"):
            dates = find_dates(ctx, self.date_words)
        with self._timed("figures"):
            figures = find_figures(ctx, self.casualty_words)
        with self._timed("geo"):
            places = self.geo.parse(ctx)
        with self._timed("claims"):
            claims = self.claims.extract(ctx, places, dates)
            contradictions = find_contradictions(claims, exclusive=self.claims.exclusive)
        with self._timed("events"):
            coded = self.coder.code_article(ctx, places, dates, figures, claims)
            places = self.seats.code_at_seats(coded.events, places)
        return Report(
            article=article,
            places=places,
            actors=coded.actors,
            events=coded.events,
            summaries=coded.summaries,
            claims=claims,
            contradictions=contradictions,
            figures=figures,
            dates=dates,
        )
