"""Input problems, each said in one line that names the input."""

from __future__ import annotations

import re
from dataclasses import dataclass


class InputError(Exception):
    """An input frontwire cannot read, with the reason in words a user acts on."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


@dataclass(frozen=True)
class Rejected:
    """An input item that was skipped, kept so a batch can record and count it."""

    name: str
    problem: str
    external_id: str | None = None

    def __str__(self) -> str:
        return f"{self.name}: {self.problem}"


def reason_kind(problem: str) -> str:
    """The problem without its particulars, to count failures of one kind together."""
    head = problem.split(";")[0].split(" (")[0]
    return re.sub(r"\d[\d,.]*", "N", head).strip()
