"""One ledger connection per server thread.

SQLite connections belong to the thread that opened them, and FastAPI runs each request
in a worker thread; opening one ledger per thread and keeping it avoids both the thread
error and re-checking the schema on every request.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from frontwire.ledger.store import Ledger, open_ledger


class LedgerPool:
    def __init__(self, target: str | Path) -> None:
        self.target = target
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[Ledger] = []
        # Open once here so that a bad target fails at start with its one-line message.
        self.get()

    def get(self) -> Ledger:
        ledger = getattr(self._local, "ledger", None)
        if ledger is None:
            ledger = open_ledger(self.target)
            self._local.ledger = ledger
            with self._lock:
                self._opened.append(ledger)
        return ledger

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for ledger in opened:
            # A connection of another thread may refuse; the process is ending anyway.
            with contextlib.suppress(Exception):
                ledger.close()


class ThreadLedger:
    """Stands for the ledger of whichever thread uses it: FastAPI may resolve a dependency
    in one worker thread and run the endpoint in another."""

    def __init__(self, pool: LedgerPool) -> None:
        self._pool = pool

    def __getattr__(self, name: str):
        return getattr(self._pool.get(), name)
