"""The two databases a ledger lives in, behind one small interface.

The store writes its SQL once, with `?` placeholders and SQL that both SQLite (3.35+) and
PostgreSQL (13+) accept (`INSERT ... ON CONFLICT`, `RETURNING`); a `Backend` hides what
still differs: the parameter style, NULL-safe equality, JSON extraction, string
aggregation, how a writing transaction takes its lock, and the connection's errors.
"""

from __future__ import annotations

import re
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

MIGRATIONS = Path(__file__).parent / "migrations"
# One advisory lock id for every writer of a PostgreSQL ledger: writes (and the merge
# recompute inside them) are serialised, so the result depends only on the set of articles.
_PG_WRITE_LOCK = 0x66776C6564676572  # 'fwledger'
SQLITE_BUSY_TIMEOUT_S = 120.0


class LedgerError(RuntimeError):
    """The ledger cannot be used: a bad path, another program's file, an unreachable
    server, a newer schema, or a value it refuses. The message is one line."""


def mask_target(target: str) -> str:
    """A target for messages: a URL's password replaced by ***."""
    return re.sub(r"(://[^/:@]*:)[^@/]*@", r"\1***@", target)


def is_postgres(target: str | Path) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def _one_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


class Backend(ABC):
    """One connection to one ledger database."""

    kind: str
    target: str
    errors: tuple[type[Exception], ...]  # what the driver raises

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def script(self, sql: str) -> None:
        """Run several statements (a migration) inside the current transaction."""

    @abstractmethod
    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        """One transaction; a writing one holds the ledger's write lock until it ends, a
        reading one sees one snapshot. Inside another transaction it joins that one."""

    @abstractmethod
    def tables(self) -> set[str]: ...

    def foreign_keys(self, on: bool) -> None:  # noqa: B027 - only SQLite needs it
        """Turn foreign key enforcement on or off for this connection (migrations)."""

    def check_foreign_keys(self, migration: str) -> None:  # noqa: B027 - only SQLite
        """Raise LedgerError if a row breaks a foreign key (after a migration)."""

    @abstractmethod
    def close(self) -> None: ...

    # SQL that differs -------------------------------------------------------------

    @abstractmethod
    def null_eq(self, column: str) -> str:
        """`column` equals the parameter, NULL equal to NULL."""

    @abstractmethod
    def json_text(self, column: str, *path: str | int) -> str:
        """The text at `path` inside the JSON held in a text column."""

    @abstractmethod
    def agg_distinct(self, expr: str) -> str:
        """The distinct non-null values of `expr` in a group, joined with commas."""

    def collate(self, expr: str) -> str:
        """`expr` compared byte by byte, as SQLite does, whatever the server's locale."""
        return expr

    def one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return next(iter(row.values())) if row else None


class SQLiteBackend(Backend):
    """The embedded default: one file, WAL so readers never wait, BEGIN IMMEDIATE so two
    processes writing take turns (each waits up to the busy timeout)."""

    kind = "sqlite"
    errors = (sqlite3.Error,)

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.target = str(path)
        if not self.path.parent.is_dir():
            raise LedgerError(f"{self.path}: folder {self.path.parent} does not exist")
        if self.path.is_dir():
            raise LedgerError(f"{self.path}: is a folder, not a ledger file")
        try:
            self.conn = sqlite3.connect(
                self.path, timeout=SQLITE_BUSY_TIMEOUT_S, isolation_level=None
            )
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL: a crash of the program loses nothing committed; a power cut
            # may lose the last articles (never corrupts), and each commit skips an fsync.
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute(f"PRAGMA busy_timeout={int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            self.conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            problem = "not a frontwire ledger" if "not a database" in str(exc) else "cannot open"
            raise LedgerError(f"{self.path}: {problem} ({_one_line(exc)})") from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql, tuple(params)).fetchall()]

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def script(self, sql: str) -> None:
        # executescript would commit the open transaction first; split instead.
        for statement in _statements(sql):
            self.conn.execute(statement)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def tables(self) -> set[str]:
        rows = self.query("SELECT name FROM sqlite_master WHERE type='table'")
        return {r["name"] for r in rows if not r["name"].startswith("sqlite_")}

    def foreign_keys(self, on: bool) -> None:
        self.conn.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")

    def check_foreign_keys(self, migration: str) -> None:
        broken = self.query("PRAGMA foreign_key_check")
        if broken:
            raise LedgerError(
                f"{self.target}: {migration} leaves {len(broken)} rows without their "
                f"{broken[0]['parent']} row"
            )

    def close(self) -> None:
        self.conn.close()

    def null_eq(self, column: str) -> str:
        return f"{column} IS ?"

    def json_text(self, column: str, *path: str | int) -> str:
        steps = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        return f"json_extract({column}, '${steps}')"

    def agg_distinct(self, expr: str) -> str:
        return f"GROUP_CONCAT(DISTINCT {expr})"


class PostgresBackend(Backend):
    """A shared server: several processes and machines write; a transaction-scoped
    advisory lock serialises the writers, readers never wait."""

    kind = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg
        from psycopg.rows import dict_row

        self.target = mask_target(url)
        self.errors = (psycopg.Error,)
        self._idle = psycopg.pq.TransactionStatus.IDLE
        try:
            self.conn = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, connect_timeout=10
            )
        except psycopg.Error as exc:
            raise LedgerError(
                f"{self.target}: cannot reach the PostgreSQL ledger ({_one_line(exc)})"
            ) from exc

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cur = self.conn.execute(self._sql(sql), tuple(params))
        return list(cur.fetchall()) if cur.description else []

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(self._sql(sql), rows)

    def script(self, sql: str) -> None:
        for statement in _statements(sql):
            self.conn.execute(statement.replace("%", "%%"))

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        if self.conn.info.transaction_status != self._idle:
            yield
            return
        with self.conn.transaction():
            if write:
                self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_PG_WRITE_LOCK,))
            else:
                self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def tables(self) -> set[str]:
        rows = self.query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return {r["table_name"] for r in rows}

    def close(self) -> None:
        self.conn.close()

    def null_eq(self, column: str) -> str:
        return f"{column} IS NOT DISTINCT FROM ?"

    def json_text(self, column: str, *path: str | int) -> str:
        steps = ",".join(str(p) for p in path)
        return f"({column}::jsonb #>> '{{{steps}}}')"

    def agg_distinct(self, expr: str) -> str:
        return f"string_agg(DISTINCT {expr}, ',')"

    def collate(self, expr: str) -> str:
        return f'{expr} COLLATE "C"'


def _statements(sql: str) -> list[str]:
    """The statements of a migration file: split on ';' at line ends, comments dropped."""
    lines = [line for line in sql.splitlines() if not line.strip().startswith("--")]
    parts = re.split(r";\s*$", "\n".join(lines), flags=re.MULTILINE)
    return [p.strip() for p in parts if p.strip()]


def connect(target: str | Path) -> Backend:
    if is_postgres(target):
        return PostgresBackend(str(target))
    return SQLiteBackend(target)


# -- migrations ----------------------------------------------------------------------


def migration_files(kind: str) -> list[tuple[int, Path]]:
    """The numbered migrations of one backend: (version, file), in order."""
    files = sorted((MIGRATIONS / kind).glob("[0-9][0-9][0-9][0-9]_*.sql"))
    return [(int(f.name[:4]), f) for f in files]


def latest_version(kind: str) -> int:
    return migration_files(kind)[-1][0]


def schema_version(backend: Backend) -> int:
    """The ledger's schema version; 0 for an empty database."""
    tables = backend.tables()
    if not tables:
        return 0
    if "meta" not in tables or "articles" not in tables:
        raise LedgerError(
            f"{backend.target}: not a frontwire ledger (it holds other tables: "
            f"{', '.join(sorted(tables)[:5])})"
        )
    value = backend.scalar("SELECT value FROM meta WHERE key = 'schema_version'")
    return int(value) if value is not None else 1


def migrate(backend: Backend) -> int:
    """Bring the schema up to date, one migration per transaction under the write lock (two
    processes opening a new ledger at once apply each migration once). Returns the version
    the ledger had before."""
    latest = latest_version(backend.kind)
    before = schema_version(backend)
    if before > latest:
        raise LedgerError(
            f"{backend.target}: ledger schema {before} is newer than this frontwire "
            f"({latest}); upgrade frontwire"
        )
    if before == latest:
        return before
    backend.foreign_keys(False)  # SQLite rebuilds tables; checked before each commit
    try:
        for version, path in migration_files(backend.kind):
            with backend.transaction():
                if schema_version(backend) >= version:
                    continue
                backend.script(path.read_text(encoding="utf-8"))
                backend.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (str(version),),
                )
                backend.check_foreign_keys(path.name)
    finally:
        backend.foreign_keys(True)
    return before
