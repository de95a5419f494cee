"""Sentence-level event classification: which ACLED sub-event type (if any) a span reports.

Decision = trigger evidence from the lexicon (data), ACLED's hierarchy rules (data), and
optionally a small linear model trained on team-written sentences that re-weighs the
candidates the triggers proposed. The model never proposes a class no trigger word supports,
so every decision is explainable by the words that triggered it.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Span

from frontwire.events.lexicon import Hit, Lexicon, SentenceView, Trigger
from frontwire.events.linear import LinearModel
from frontwire.events.modality import Modality
from frontwire.events.taxonomy import NONE, TERRITORY_SUBS, Taxonomy

REPEAT_BONUS = 0.3  # a second hit of the same trigger adds a little
CANDIDATE_RATIO = 0.6  # hierarchy rules only see candidates this close to the best score
LOOSE_RATIO = 0.35  # ... except `loose` rules, which see their trigger types from here
MODEL_MIX = 0.3  # weight of the learned model's log-probabilities against trigger scores
FOLLOW_WEIGHT = 0.5  # sentences after the lead one: context, not the event itself
IRREALIS_FACTOR = 0.3  # a trigger in a future/intended/negated clause counts this much
BACKGROUND_FACTOR = 0.5  # a trigger in an "after ..." clause: background of the news
PREFIX_RE = re.compile(r"^\s*([A-Za-z/ -]{4,40}):\s")
MODEL_ENV = "FRONTWIRE_EVENTS_MODEL"  # a local model (`frontwire train events`) to use instead


def configured_model_path(path: Path | str | None = None) -> Path | None:
    """The local model to load: the given path, else $FRONTWIRE_EVENTS_MODEL, else None
    (the shipped model)."""
    chosen = path or os.environ.get(MODEL_ENV)
    return Path(chosen) if chosen else None


@dataclass
class Classification:
    event_type: str
    sub_event_type: str
    trigger: Hit
    confidence: float
    rule: str
    hits: list[Hit] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    flags: tuple[str, ...] = ()  # what the event keeps of how it was read ('withdrawal')

    def as_tuple(self) -> tuple[str, str, Hit, float]:
        return self.event_type, self.sub_event_type, self.trigger, self.confidence


def trigger_scores(hits: list[Hit]) -> dict[str, float]:
    """Sub-event type -> summed weight of the distinct triggers that hit."""
    best: dict[str, dict[str, float]] = {}
    count: dict[str, int] = {}
    for h in hits:
        per = best.setdefault(h.sub, {})
        per[h.trigger.id] = max(per.get(h.trigger.id, 0.0), h.weight)
        count[h.trigger.id] = count.get(h.trigger.id, 0) + 1
    return {
        sub: sum(per.values()) + REPEAT_BONUS * sum(min(count[t] - 1, 2) for t in per)
        for sub, per in best.items()
    }


class SentenceClassifier:
    def __init__(
        self,
        lexicon: Lexicon,
        taxonomy: Taxonomy,
        model: LinearModel | None = None,
        modality: Modality | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.taxonomy = taxonomy
        self.model = model
        self.modality = modality

    @classmethod
    def load(
        cls, use_model: bool = True, model_path: Path | str | None = None
    ) -> SentenceClassifier:
        """Lexicon, taxonomy and modality from the package data; the shipped linear model,
        or a local one (`model_path`, or $FRONTWIRE_EVENTS_MODEL) trained by the user."""
        from frontwire.events.lexicon import _data

        model = None
        if use_model:
            model = LinearModel.load(configured_model_path(model_path))
        return cls(
            Lexicon.load(),
            Taxonomy.load(),
            model,
            Modality.from_data(_data("triggers.toml")["modality"]),
        )

    def _weigh_modality(self, hits: list[Hit]) -> None:
        """Triggers in future, intended or negated clauses ('a possible attack', 'preparing
        to withdraw') are weak evidence that the event happened."""
        if self.modality is None:
            return
        for h in hits:
            if h.tokens and h.sub != NONE and not h.trigger.negative:
                h.blocked = self.modality.blocked(h.tokens, h.tokens[0].sent)
                h.blocked_checked = True
                if h.blocked:
                    h.factor = IRREALIS_FACTOR
                elif not h.trigger.context and self.modality.background_clause(h.tokens):
                    h.factor = BACKGROUND_FACTOR
                else:
                    h.factor = 1.0

    # ----------------------------------------------------------------- decision
    def decide(
        self, parts: list[tuple[SentenceView, list[Hit]]], weights: list[float]
    ) -> Classification | None:
        """Combine the trigger hits of one or more sentences into one decision."""
        scores: dict[str, float] = {}
        hit_weight: dict[int, float] = {}
        all_hits: list[Hit] = []
        for (_, hits), w in zip(parts, weights, strict=True):
            self._weigh_modality(hits)
            for sub, v in trigger_scores(hits).items():
                scores[sub] = scores.get(sub, 0.0) + w * v
            for h in hits:
                hit_weight[id(h)] = w
            all_hits += hits
        model = self.model
        open_classes = model is not None and model.open_classes
        if not all_hits and not open_classes:
            return None
        rule = "lexicon"
        if model is not None:
            probs = model.predict_parts(parts)
            mix = MODEL_MIX if model.mix is None else model.mix
            if open_classes:  # a model trained on real notes may name a type no trigger did
                for sub in probs:
                    scores.setdefault(sub, 0.0)
            for sub in scores:
                scores[sub] += mix * math.log(max(probs.get(sub, 1e-4), 1e-4) * 10)
            rule = f"lexicon+{model.name}"
        top = max(scores.values())
        cands = {s for s, v in scores.items() if v >= CANDIDATE_RATIO * top and s != NONE}
        weak = {s for s, v in scores.items() if v >= LOOSE_RATIO * top and s != NONE} - cands
        left, fired = self.taxonomy.apply_rules(cands, weak)
        ranked = sorted(((v, s) for s, v in scores.items() if s in left or s == NONE), reverse=True)
        # an event needs at least one trigger reported as having happened (an open model's
        # own proposal needs none, but not against an irrealis trigger of the same type)
        real = {h.sub for h in all_hits if h.factor >= BACKGROUND_FACTOR}
        if open_classes:
            real |= set(scores) - {h.sub for h in all_hits}
        ranked = [(v, s) for v, s in ranked if s == NONE or s in real]
        if not ranked or ranked[0][1] == NONE or ranked[0][0] <= 0:
            return None
        score, sub = ranked[0]
        runner = max(ranked[1][0], 0.0) if len(ranked) > 1 else 0.0
        margin = 1.0 / (1.0 + math.exp(-(score - runner) / 1.5))
        conf = round(min(0.99, 0.5 * margin + 0.5 * min(1.0, score / 4.0)), 3)
        own = [h for h in all_hits if h.sub == sub]
        if own:
            trig = max(own, key=lambda h: (hit_weight[id(h)], h.weight, h.end - h.start))
        else:
            trig = self._model_hit(parts, sub)
            rule = f"{model.name if model else 'model'}-proposed"
        if fired:
            rule += "; hierarchy:" + ",".join(fired)
        flags: tuple[str, ...] = ()
        if self._tells_alone(trig, all_hits):
            # 'troops withdrew from the town', and nobody is said to move in
            sub = trig.trigger.alone  # type: ignore[assignment]
            rule += "; alone"
            flags = (trig.trigger.flag,) if trig.trigger.flag else ()
        return Classification(
            self.taxonomy.event_type(sub),
            sub,
            trig,
            conf,
            f"{rule}; trigger:{trig.trigger.id}",
            all_hits,
            scores,
            flags,
        )

    @staticmethod
    def _tells_alone(trig: Hit, hits: list[Hit]) -> bool:
        """The deciding trigger has a type of its own when no other trigger of the sentence
        tells a change of hands (a withdrawal alone is a movement of forces)."""
        if trig.trigger.alone is None:
            return False
        return not any(
            h.sub in TERRITORY_SUBS and h.trigger.alone is None and h.factor >= BACKGROUND_FACTOR
            for h in hits
        )

    def _model_hit(self, parts: list[tuple[SentenceView, list[Hit]]], sub: str) -> Hit:
        """The word that most supports an open model's proposal, as its trigger."""
        view = parts[0][0]
        k = self.model.strongest_word(view, sub) if self.model else None
        if k is None:  # no known word: the sentence's last unit stands for the sentence
            k = len(view.units) - 1
        u = view.units[k]
        toks = u.tokens
        start_char, end_char = toks[0].idx, toks[-1].idx + len(toks[-1])
        text = u.doc.text[start_char:end_char]
        trig = Trigger(f"model:{sub}", sub, 0.0, (), (u.lemma,))
        return Hit(trig, u.lemma, k, k + 1, start_char, end_char, text, tokens=toks)

    # ------------------------------------------------------------------ entries
    def classify_sentence(self, sent: Span) -> Classification | None:
        view = self.lexicon.view(sent)
        return self.decide([(view, self.lexicon.match(view))], [1.0])

    def classify(self, span: Span) -> Classification | None:
        """Classify a short text (a snippet, an ACLED note): the lead sentence that has
        triggers reports the event; later sentences count half, as context."""
        prefixed = self._note_prefix(span)
        if prefixed is not None:
            return prefixed
        return self.decide(*self.prepare(span))

    def prepare(self, span: Span) -> tuple[list[tuple[SentenceView, list[Hit]]], list[float]]:
        """The sentence views, trigger hits and sentence weights `decide` combines (kept
        apart so training can score one parse under several models)."""
        sents = list(span.sents) if span.doc.has_annotation("SENT_START") else [span]
        parts = []
        for s in sents:
            view = self.lexicon.view(s)
            parts.append((view, self.lexicon.match(view)))
        weights, lead_seen = [], False
        for _, hits in parts:
            is_lead = not lead_seen and any(h.sub != NONE for h in hits)
            weights.append(1.0 if is_lead or not lead_seen else FOLLOW_WEIGHT)
            lead_seen = lead_seen or is_lead
        return parts, weights

    def note_prefix(self, span: Span) -> Classification | None:
        return self._note_prefix(span)

    def _note_prefix(self, span: Span) -> Classification | None:
        """ACLED notes that open with their sub-event type ("Arrests: On 3 May ...")."""
        m = PREFIX_RE.match(span.text)
        if not m or m.group(1).strip().lower() not in self.taxonomy.note_prefixes:
            return None
        sub = self.taxonomy.note_prefixes[m.group(1).strip().lower()]
        start = span.start_char + m.start(1)
        end = span.start_char + m.end(1)
        trig = Trigger("note-prefix", sub, 5.0, (), (m.group(1),))
        hit = Hit(trig, m.group(1), 0, 1, start, end, m.group(1))
        return Classification(
            self.taxonomy.event_type(sub), sub, hit, 0.95, "note-prefix", [hit], {sub: 5.0}
        )
