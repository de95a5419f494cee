"""`frontwire serve`: the analyst's workbench over a ledger, in the browser.

Registered on the main command line by one import at the end of cli.py.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from frontwire.cli import app

err = Console(stderr=True)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def writes_token(host: str, token: str | None) -> str | None:
    """The token writes need: the one given; beyond loopback a fresh one when none is."""
    if token or _is_loopback(host):
        return token or None
    return secrets.token_urlsafe(18)


def _fail(message: str) -> typer.Exit:
    err.print(f"[bold red]frontwire serve:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _port_free(host: str, port: int) -> str | None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


@app.command()
def serve(
    db: Annotated[str, typer.Option("--db", help="ledger: a SQLite file or postgresql://...")],
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="port to listen on")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="FRONTWIRE_TOKEN",
            help="writes (reviews) need this token; beyond loopback one is made when not given",
        ),
    ] = None,
) -> None:
    """The workbench: the ledger on a map and a timeline, articles, claims and review."""
    import uvicorn

    from frontwire.ledger.store import LedgerError
    from frontwire.serve.app import create_app
    from frontwire.serve.assets import AssetsMissing, ensure_assets

    if "://" not in db and not Path(db).is_file():
        raise _fail(f"{db}: no such ledger (make one with frontwire run or frontwire demo)")
    made = writes_token(host, token)
    if made != token:
        err.print(f"listening beyond loopback: writes need the token {made}")
    token = made
    problem = _port_free(host, port)
    if problem:
        raise _fail(f"{host}:{port}: cannot listen ({problem}); try --port")
    try:
        vendor = ensure_assets()
    except AssetsMissing as exc:
        raise _fail(str(exc)) from None
    try:
        web = create_app(db, token=token, vendor=vendor)
    except LedgerError as exc:
        raise _fail(str(exc)) from None
    shown = f"[{host}]" if ":" in host else host
    print(
        f"frontwire workbench on http://{shown}:{port}/  (ledger {web.state.label}; Ctrl-C stops)",
        flush=True,
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")
