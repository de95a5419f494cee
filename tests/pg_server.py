"""A throwaway PostgreSQL for the ledger tests, and `ledger_factory` for both backends.

Registered from conftest.py (`pytest_plugins`). Fixtures:

- `pg_url` (session): the URL of a PostgreSQL server. FRONTWIRE_TEST_PG (an existing
  server's URL) if set; otherwise a cluster started once per test session: `initdb` into a
  temporary folder, `pg_ctl start` listening only on a unix socket in that folder, fsync
  off; stopped and removed at the end. As root the cluster runs as the `postgres` user
  (initdb refuses root). Without a server a test that needs one is skipped with one line
  saying why, except under CI=1, where it fails.
- `pg_target` : a fresh, empty PostgreSQL ledger target (its own schema) for one test.
- `ledger_factory` (parametrised 'sqlite' and 'postgresql'): makes empty ledgers of the
  test's backend.

      def test_x(ledger_factory):
          a = ledger_factory()            # a new, empty ledger (a Ledger, open)
          b = ledger_factory()            # another one, independent of a
          a2 = ledger_factory("a")        # named: the first call creates ledger "a",
          a3 = ledger_factory("a")        #   later calls open more connections to it
          target = ledger_factory.target("a")   # its path or URL, for open_ledger() in
                                                # another process (two concurrent writers)
          ledger_factory.backend          # 'sqlite' or 'postgresql'

  Every ledger it opened is closed when the test ends.

Run the PostgreSQL tests: `.venv/bin/python -m pytest tests/test_ledger*.py` starts the
cluster itself when `initdb` is on PATH or in /usr/lib/postgresql/*/bin; or point
FRONTWIRE_TEST_PG at a server: FRONTWIRE_TEST_PG=postgresql://user@localhost/db.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwire.ledger.store import Ledger, open_ledger

_counter = itertools.count()
_server = {"what": "none"}  # for the summary line
_outcomes: dict[str, int] = {"passed": 0, "failed": 0, "skipped": 0}


def postgres_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: PATH first, then Debian's place."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    return None


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL needed in CI: {why}")
    pytest.skip(f"PostgreSQL tests skipped: {why}")


class _Cluster:
    """initdb + pg_ctl in a temporary folder; as root, run as the `postgres` user."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.dir = Path(tempfile.mkdtemp(prefix="fwpg-"))
        self.data = self.dir / "data"
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = "postgres"
            try:
                entry = pwd.getpwnam(self.user)
            except KeyError as exc:
                raise RuntimeError("running as root and there is no 'postgres' user") from exc
            os.chown(self.dir, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log = self.dir / "log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip()} {tail}")

    def start(self) -> str:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = (
            f"-F -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            f"-c listen_addresses='' -k {self.dir} -c max_connections=100"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "log"),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )
        host = urllib.parse.quote(str(self.dir), safe="")
        return f"postgresql://postgres@/postgres?host={host}"

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def _pg_server() -> Iterator[str | Exception]:
    """The server's URL, or why there is none (fixtures skip or fail on it per test)."""
    configured = os.environ.get("FRONTWIRE_TEST_PG")
    if configured:
        import psycopg

        try:
            psycopg.connect(configured, connect_timeout=10).close()
        except psycopg.Error as exc:
            yield RuntimeError(f"FRONTWIRE_TEST_PG cannot be reached: {exc}")
            return
        _server["what"] = "FRONTWIRE_TEST_PG"
        yield configured
        return
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        yield RuntimeError(
            "no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin "
            "and FRONTWIRE_TEST_PG is not set"
        )
        return
    cluster = _Cluster(bin_dir)
    try:
        url = cluster.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        cluster.stop()
        yield exc
        return
    _server["what"] = f"a throwaway cluster from {bin_dir}"
    try:
        yield url
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_url(_pg_server: str | Exception) -> str:
    if isinstance(_pg_server, Exception):
        _unavailable(str(_pg_server).splitlines()[0])
    assert isinstance(_pg_server, str)
    return _pg_server


def with_schema(url: str, schema: str) -> str:
    """The URL with the search path set to `schema` (one ledger per schema)."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query)
    query = [(k, v) for k, v in query if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def new_pg_target(url: str) -> str:
    """A fresh, empty schema on the server, as a ledger target."""
    import psycopg

    schema = f"fw_{os.getpid()}_{next(_counter)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.execute(f"CREATE SCHEMA {schema}")
    return with_schema(url, schema)


@pytest.fixture
def pg_target(pg_url: str) -> str:
    return new_pg_target(pg_url)


class LedgerFactory:
    """Empty ledgers of one backend for one test (see the module's docstring)."""

    def __init__(self, backend: str, tmp_path: Path, pg_url: str | None) -> None:
        self.backend = backend
        self._tmp = tmp_path
        self._pg_url = pg_url
        self._targets: dict[str, str] = {}
        self._open: list[Ledger] = []

    def target(self, name: str) -> str:
        if name not in self._targets:
            if self.backend == "sqlite":
                self._targets[name] = str(self._tmp / f"{name}.db")
            else:
                assert self._pg_url is not None
                self._targets[name] = new_pg_target(self._pg_url)
        return self._targets[name]

    def __call__(self, name: str | None = None) -> Ledger:
        ledger = open_ledger(self.target(name or f"ledger{next(_counter)}"))
        self._open.append(ledger)
        return ledger

    def close(self) -> None:
        for ledger in self._open:
            ledger.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LedgerFactory]:
    pg = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    factory = LedgerFactory(request.param, tmp_path, pg)
    yield factory
    factory.close()


def _uses_postgres(nodeid: str) -> bool:
    return "[postgresql" in nodeid or "test_ledger_postgres" in nodeid


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not _uses_postgres(report.nodeid):
        return
    if report.when == "call" or (report.when == "setup" and not report.passed):
        _outcomes[report.outcome] = _outcomes.get(report.outcome, 0) + 1


def pytest_terminal_summary(terminalreporter) -> None:
    """One line saying whether the PostgreSQL tests ran, so a skip cannot pass unseen."""
    if any(_outcomes.values()):
        terminalreporter.write_line(
            f"PostgreSQL ledger tests: {_outcomes['passed']} passed, {_outcomes['failed']} "
            f"failed, {_outcomes['skipped']} skipped (server: {_server['what']})"
        )
