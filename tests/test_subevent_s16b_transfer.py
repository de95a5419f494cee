"""Session-16b: ground taken after the other side fled, withdrew, pulled out, abandoned it or
handed it over is ACLED's "Non-violent transfer of territory" (the codebook: control acquired
without armed interaction), not a fought takeover. Team-written sentences only.

- the 'after ... fled/withdrew' clause qualifies a takeover told in the same sentence, so it
  is not discounted as background there; with no takeover it makes no transfer;
- a fight told in the sentence ('after heavy fighting', 'fled the fighting', 'under fire',
  'to avoid encirclement') keeps the takeover a battle.
"""

from __future__ import annotations

import pytest

from frontwire.ingest.article import make_article

TRANSFER = "Non-violent transfer of territory"


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents captured the market town of Dolo after the soldiers guarding it fled.",
        "Militants took control of the village after the army withdrew from its positions.",
        "The army took control of the district capital after the rebels pulled out overnight.",
        "Government troops recaptured the hill town after the militants abandoned it.",
        "Fighters occupied the border post following the withdrawal of the customs police.",
        "The rebels entered the garrison town once the soldiers had handed it over.",
    ],
)
def test_takeover_after_the_other_side_left_is_a_transfer(sub_event_of, text: str) -> None:
    assert sub_event_of(text) == TRANSFER


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Rebels seized the lakeside town after heavy fighting with government troops.",
            "Non-state actor overtakes territory",
        ),
        (
            "Insurgents captured the town after soldiers fled the fighting.",
            "Non-state actor overtakes territory",
        ),
        (
            "Militants took control of the village after soldiers retreated under fire.",
            "Non-state actor overtakes territory",
        ),
        (
            "Rebels captured the town after government soldiers fled following a gunfight.",
            "Non-state actor overtakes territory",
        ),
        (
            "Insurgents overran the camp after troops withdrew to avoid encirclement.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_takeover_with_a_fight_told_stays_a_battle(sub_event_of, text: str, sub: str) -> None:
    assert sub_event_of(text) == sub


@pytest.mark.parametrize(
    "text",
    [
        "Residents returned to their homes after the militants fled.",
        "Schools reopened in the district after the rebels pulled out.",
        "Police arrested four men after they fled a checkpoint.",
    ],
)
def test_leaving_without_a_takeover_is_no_transfer(sub_event_of, text: str) -> None:
    assert sub_event_of(text) != TRANSFER


def test_forced_withdrawal_told_before_keeps_the_takeover(pipeline) -> None:
    # 'after the withdrawal' points back to a withdrawal the enemy forced: a fought takeover
    text = (
        "Government troops withdrew from the mining town of Krasne on Monday to avoid "
        "encirclement, the army said. Rebel forces took control of the town after the "
        "withdrawal."
    )
    report = pipeline.extract(make_article(text, published="2024-05-07"))
    subs = [e.sub_event_type for e in report.events]
    assert "Non-state actor overtakes territory" in subs
    assert TRANSFER not in subs
