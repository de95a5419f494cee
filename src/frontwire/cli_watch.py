"""`frontwire watch FEED_URL_OR_FILE… --every 10m --db LEDGER`: feeds and drop folders on watch."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

import typer

from frontwire.cli import (
    DEFAULT_DB,
    DbOption,
    GazetteerOption,
    ModelOption,
    _fail,
    _pipeline,
    app,
    err,
)


@app.command()
def watch(
    sources: Annotated[
        list[str], typer.Argument(help="feed URLs, feed files (.rss/.atom/.xml), drop folders")
    ],
    every: Annotated[str, typer.Option(help="time between polls: 30s, 10m, 1h")] = "10m",
    db: DbOption = DEFAULT_DB,
    state: Annotated[
        Path | None,
        typer.Option(help="what has been seen (default: the ledger's name + .watch.json)"),
    ] = None,
    once: Annotated[bool, typer.Option("--once", help="poll once and stop (cron, tests)")] = False,
    host_delay: Annotated[
        float, typer.Option(help="seconds between two requests to one host")
    ] = 5.0,
    timeout: Annotated[float, typer.Option(help="seconds to wait for a feed's answer")] = 20.0,
    model: ModelOption = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Poll RSS/Atom feeds and drop folders; new articles go into the ledger as they come."""
    from frontwire.ledger.store import LedgerError, open_ledger
    from frontwire.watch import (
        Watcher,
        WatchState,
        default_state_path,
        is_url,
        parse_every,
        stop_on_signals,
    )

    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise _fail(f"--every: {exc}") from exc
    for source in sources:
        if not is_url(source) and not Path(source).exists():
            raise _fail(f"{source}: no such feed file or folder (feeds start with http(s)://)")
    try:
        watch_state = WatchState(state or default_state_path(db))
    except ValueError as exc:
        raise _fail(str(exc)) from exc
    pipeline = _pipeline(model, gazetteer)
    try:
        ledger = open_ledger(db)
    except LedgerError as exc:
        raise _fail(str(exc)) from exc
    stop = threading.Event()
    stop_on_signals(stop)
    with ledger:
        watcher = Watcher(
            sources=list(sources),
            ledger=ledger,
            state=watch_state,
            pipeline=pipeline,
            host_delay=host_delay,
            timeout=timeout,
            stop=stop,
            say=lambda line: err.print(line, highlight=False, soft_wrap=True),
        )
        watcher.run(interval, once=once)
    if stop.is_set():
        err.print("stopped; state written to " + str(watch_state.path))
