"""Syndicated copies: the same wire story carried by several outlets, found at ingest.

MinHash signatures over word 3-shingles, indexed by locality-sensitive hashing (datasketch),
find the articles whose texts share most of their shingles with a new one; the estimated
Jaccard similarity then decides. A copy is not extracted again: the outlet that carried it is
recorded on the kept article (`ledger.add_outlet`), so its events are counted once.

The index outlives a run: signatures are appended to a file beside the ledger
(`<ledger>.minhash`, 4 bytes per permutation per article), and rebuilt from the ledger's
articles when that file is missing or behind (see docs/SCALE.md for the costs).
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

# Measured on team-made variants and distinct reports of the same events (docs/SCALE.md):
# any two variants of a story (rewritten lead, added or trimmed paragraphs) share at least
# 0.35 of their shingles, different reports of one strike at most 0.01; at 0.3 with 128
# permutations every pair is told right (64 permutations miss 2 % of the copy pairs).
DEFAULT_THRESHOLD = 0.3
NUM_PERM = 128
SHINGLE_WORDS = 3
# Too few shingles make the estimate meaningless: a two-line brief is never called a copy.
MIN_SHINGLES = 12
_WORD = re.compile(r"\w+")
_MAGIC = b"FWMH1"
# 32-bit values (datasketch 2): 4 bytes a permutation, in memory and in the index file.
SCHEME = "affine32"


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The text's overlapping runs of `size` words, case and punctuation folded."""
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def permutations(num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash's permutations (fixed seed): a CopyIndex makes them once and signs every text
    with them, since making them (about 0.4 ms) costs more than signing a text."""
    return MinHash(num_perm=num_perm, seed=1, scheme=SCHEME).permutations


def signature(
    text: str, num_perm: int = NUM_PERM, perms: np.ndarray | None = None
) -> MinHash | None:
    """The MinHash of the text's shingles, or None for a text too short to compare.
    `perms`: the caller's `permutations(num_perm)`, made here when not given."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    if perms is None:
        perms = permutations(num_perm)
    minhash = MinHash(num_perm=num_perm, seed=1, scheme=SCHEME, permutations=perms)
    minhash.update_batch(list(found))
    return minhash


class CopyIndex:
    """Which article, if any, a new text is a copy of.

    Compact by design, because it grows with the ledger: the signatures sit in one numpy
    array (4 bytes a permutation), the LSH bands in sorted numpy runs (`_BandTable`, 12 bytes
    a band), about 1 KB an article in all where datasketch's MinHashLSH holds some 10 KB.
    """

    BLOCK = 4096

    def __init__(
        self,
        path: Path | None = None,
        threshold: float = DEFAULT_THRESHOLD,
        num_perm: int = NUM_PERM,
    ) -> None:
        self.path = path
        self.threshold = threshold
        self.num_perm = num_perm
        self.perms = permutations(num_perm)
        self.bands, self.rows = _optimal_param(threshold, num_perm, 0.5, 0.5)
        self._table = _BandTable()
        self._ids: list[str] = []
        self._number: dict[str, int] = {}  # article id -> row of the values (-1: too short)
        # signatures in blocks of BLOCK rows: the index grows by 2 MB at a time, never by
        # doubling one array (which took peak RSS up by half the index at each step)
        self._blocks: list[np.ndarray] = []
        self._record = struct.Struct(f"<16s{num_perm}I")
        rng = np.random.default_rng(20240312)
        self._mix = rng.integers(1, 2**63, size=self.rows, dtype=np.uint64) | np.uint64(1)
        self._salt = rng.integers(1, 2**63, size=self.bands, dtype=np.uint64)

    def __len__(self) -> int:
        return len(self._number)

    def copy_of(self, article_id: str, text: str) -> tuple[str | None, MinHash | None]:
        """(the id of the article this text copies, or None; the text's signature)."""
        minhash = signature(text, self.num_perm, self.perms)
        if minhash is None:
            return None, None
        values = minhash.hashvalues.astype(np.uint32)
        best, best_score = None, self.threshold
        for row in sorted(self._table.find(self._band_keys(values))):
            candidate = self._ids[row]
            if candidate == article_id:
                continue
            stored = self._blocks[row // self.BLOCK][row % self.BLOCK]
            score = float(np.count_nonzero(stored == values)) / self.num_perm
            # Ties go to the earlier article: the same answer for the same ledger.
            if score > best_score or (best is None and score == best_score):
                best, best_score = candidate, score
        return best, minhash

    def add(self, article_id: str, minhash: MinHash | None, persist: bool = True) -> None:
        if article_id in self._number:
            return
        if minhash is None:
            values = np.zeros(self.num_perm, dtype=np.uint32)
        else:
            values = minhash.hashvalues.astype(np.uint32)
        self._insert(article_id, values)
        if persist and self.path is not None:
            with self.path.open("ab") as handle:
                if handle.tell() == 0:
                    handle.write(_MAGIC + struct.pack("<I", self.num_perm))
                handle.write(self._record.pack(article_id.encode().ljust(16), *values))

    def load(self) -> int:
        """Signatures from the index file; the number read (0 when there is none)."""
        if self.path is None or not self.path.exists():
            return 0
        raw = self.path.read_bytes()
        header = len(_MAGIC) + 4
        if raw[: len(_MAGIC)] != _MAGIC or struct.unpack("<I", raw[len(_MAGIC) : header])[0] != (
            self.num_perm
        ):
            return 0
        usable = (len(raw) - header) // self._record.size  # a torn last record is dropped
        records = np.frombuffer(
            raw,
            dtype=np.dtype([("id", "S16"), ("values", "<u4", (self.num_perm,))]),
            count=usable,
            offset=header,
        )
        for key, values in zip(records["id"], records["values"], strict=True):
            self._insert(key.decode().strip(), values)
        return len(self)

    def rebuild(self, articles: Iterable[tuple[str, str]]) -> int:
        """The index from (article id, text) pairs, e.g. every article of a ledger."""
        if self.path is not None:
            tmp = self.path.with_name(self.path.name + ".tmp")
            tmp.unlink(missing_ok=True)
            final, self.path = self.path, tmp
        for article_id, text in articles:
            self.add(article_id, signature(text, self.num_perm, self.perms))
        if self.path is not None:
            if self.path.exists():
                os.replace(self.path, final)
            self.path = final
        return len(self)

    def _insert(self, article_id: str, values: np.ndarray) -> None:
        if article_id in self._number:
            return
        if not values.any():  # too short to compare: known, not indexed
            self._number[article_id] = -1
            return
        row = len(self._ids)
        if row == len(self._blocks) * self.BLOCK:
            self._blocks.append(np.zeros((self.BLOCK, self.num_perm), dtype=np.uint32))
        self._blocks[row // self.BLOCK][row % self.BLOCK] = values
        self._ids.append(article_id)
        self._number[article_id] = row
        self._table.add(self._band_keys(values), row)

    def _band_keys(self, values: np.ndarray) -> np.ndarray:
        bands = values[: self.bands * self.rows].astype(np.uint64).reshape(self.bands, self.rows)
        return (bands * self._mix).sum(axis=1, dtype=np.uint64) ^ self._salt


class _BandTable:
    """Band keys -> article rows, in sorted numpy runs merged as they grow (a log-structured
    merge): 12 bytes a band, a query costs a binary search per run. The newest articles wait
    in a dict (key -> rows) until BUFFER of them make a run."""

    BUFFER = 512

    def __init__(self) -> None:
        self._runs: list[tuple[np.ndarray, np.ndarray]] = []
        self._keys: list[np.ndarray] = []
        self._rows: list[int] = []
        self._pending: dict[int, list[int]] = {}

    def add(self, keys: np.ndarray, row: int) -> None:
        self._keys.append(keys)
        self._rows.append(row)
        for key in keys.tolist():
            self._pending.setdefault(key, []).append(row)
        if len(self._keys) >= self.BUFFER:
            self._flush()

    def find(self, keys: np.ndarray) -> set[int]:
        found: set[int] = set()
        for run_keys, run_rows in self._runs:
            left = np.searchsorted(run_keys, keys, "left")
            right = np.searchsorted(run_keys, keys, "right")
            for lo, hi in zip(left.tolist(), right.tolist(), strict=True):
                if hi > lo:
                    found.update(run_rows[lo:hi].tolist())
        # one dict look-up a band, where testing each pending article's keys cost ~50 ms
        for key in keys.tolist():
            found.update(self._pending.get(key, ()))
        return found

    def _flush(self) -> None:
        keys = np.concatenate(self._keys)
        rows = np.repeat(np.array(self._rows, dtype=np.int32), [len(k) for k in self._keys])
        self._keys, self._rows, self._pending = [], [], {}
        self._runs.append(_sorted(keys, rows))
        while len(self._runs) > 1 and len(self._runs[-2][0]) <= 2 * len(self._runs[-1][0]):
            newer, older = self._runs.pop(), self._runs.pop()
            self._runs.append(
                _sorted(np.concatenate([older[0], newer[0]]), np.concatenate([older[1], newer[1]]))
            )


def _sorted(keys: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")
    return keys[order], rows[order]


def index_path(target: str | Path) -> Path | None:
    """Where the copy index of a ledger lives: beside a ledger file, in the user's cache
    for a database server (keyed by the address, so two databases never share one)."""
    text = str(target)
    if "://" not in text:
        return Path(text + ".minhash")
    cache = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "frontwire"
    cache.mkdir(parents=True, exist_ok=True)
    return cache / f"{hashlib.sha256(text.encode()).hexdigest()[:16]}.minhash"


def open_copy_index(ledger, threshold: float = DEFAULT_THRESHOLD) -> CopyIndex:
    """The copy index of `ledger`, read from its file, or rebuilt from the ledger's articles
    when the file is missing or knows fewer articles than the ledger holds."""
    target = getattr(ledger, "target", None) or getattr(ledger, "path", None)
    index = CopyIndex(index_path(target) if target else None, threshold=threshold)
    known = index.load()
    held = ledger.counts().get("articles", 0)
    if known < held:
        index = CopyIndex(index.path, threshold=threshold)
        index.rebuild((r.article.id, r.article.text) for r in ledger.reports())
    return index
