"""The workbench in a real headless Chromium (Debian's /usr/bin/chromium, driven by
Playwright): filter, open an event and see its sentence, review, reload, export.

Without Chromium the tests skip with one line; under CI (CI set) they fail instead, since
.ci/run installs it. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import csv
import io
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from frontwire.ledger.store import open_ledger

CHROMIUM = Path(os.environ.get("FRONTWIRE_CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"
SHELLING = "Shelling/artillery/missile attack"


def _unavailable(why: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"browser tests under CI: {why}")
    pytest.skip(why)


@pytest.fixture(scope="module")
def chromium() -> Path:
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} not installed (apt-get install -y chromium)")
    return CHROMIUM


@pytest.fixture(scope="module")
def vendor() -> Path:
    from frontwire.serve.assets import AssetsMissing, ensure_assets

    try:
        return ensure_assets()
    except AssetsMissing as exc:
        _unavailable(str(exc))
        raise


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def ledger_path(tmp_path_factory, pipeline, example_articles) -> Path:
    path = tmp_path_factory.mktemp("workbench") / "demo.db"
    with open_ledger(path) as ledger:
        for article in example_articles.values():
            ledger.add_report(pipeline.extract(article))
    return path


@pytest.fixture(scope="module")
def server(chromium, vendor, ledger_path):
    """`frontwire serve`'s app under uvicorn on a free loopback port, in a thread."""
    import uvicorn

    from frontwire.serve.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(ledger_path, vendor=vendor), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chrome = pw.chromium.launch(executable_path=str(chromium), args=FLAGS)
        yield chrome
        chrome.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], errors


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def _ready(page) -> None:
    page.wait_for_function("document.body.dataset.ready === '1'", timeout=20000)


def _rows(page) -> list[dict[str, str]]:
    cells = page.eval_on_selector_all(
        "#events-table tr.event-row",
        "rows => rows.map(r => [r.dataset.id, ...[...r.cells].map(c => c.textContent)])",
    )
    keys = ("id", "date", "type", "place", "killed", "sources", "review")
    return [dict(zip(keys, row, strict=True)) for row in cells]


def _apply(page, **filters: str) -> None:
    page.evaluate("delete document.body.dataset.ready")
    for name, value in filters.items():
        field = page.locator(f"#filters [name={name}]")
        if field.evaluate("el => el.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)
    page.click("#filters button[type=submit]")
    _ready(page)


def test_the_page_shows_the_ledger_on_an_offline_map(server, page):
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(server + "/")
    _ready(page)
    # The Natural Earth basemap, drawn from the pinned package this server serves.
    page.wait_for_function("document.body.dataset.basemap === '1'", timeout=20000)
    assert page.locator(".leaflet-overlay-pane canvas").count() >= 1
    on_map = page.evaluate("state.cluster.getLayers().length")
    assert (
        on_map
        == page.evaluate("(async () => (await fetch('/api/events.geojson')).json())()")[
            "features"
        ].__len__()
    )
    assert len(_rows(page)) >= 8
    assert page.locator("#timeline rect.bar").count() >= 5
    # Everything came from this server: nothing fetched from the internet.
    assert requests and all(url.startswith(server) for url in requests)
    _shot(page, "workbench-overview")


def test_filter_open_review_reload_and_export(server, page, ledger_path):
    page.goto(server + "/")
    _ready(page)
    _apply(page, event_type=SHELLING, date_from="2024-05-01", date_to="2024-05-31")
    rows = _rows(page)
    assert rows and all(r["type"] == SHELLING and r["date"].startswith("2024-05") for r in rows)
    assert {r["place"] for r in rows} == {"Kharkiv", "Vovchansk"}
    assert "event_type=Shelling" in page.url and "date_from=2024-05-01" in page.url
    assert page.locator("#timeline rect.bar.in").count() >= 1
    _shot(page, "workbench-filtered")

    kharkiv = next(r for r in rows if r["place"] == "Kharkiv")
    vovchansk = next(r for r in rows if r["place"] == "Vovchansk")
    page.click(f"tr.event-row[data-id='{kharkiv['id']}']")
    page.locator("#panel-event mark.sentence").first.wait_for()
    assert "Kharkiv" in page.locator("#panel-event .report").first.inner_text()
    toll = page.locator("#panel-event mark.field[data-field=fatalities]").first
    assert toll.inner_text().strip()
    assert toll.evaluate("t => t.closest('mark.sentence') !== null")
    _shot(page, "workbench-event")

    page.fill("#reviewer", "Olena")
    page.dispatch_event("#reviewer", "change")
    page.click("#confirm")
    page.wait_for_selector("#review-status.status-confirmed")

    page.click("#tabs button[data-tab=events]")
    page.click(f"tr.event-row[data-id='{vovchansk['id']}']")
    page.wait_for_selector("#panel-event .report[data-article] >> text=Vovchansk")
    page.select_option("#edit-form select[name=field]", "fatalities")
    page.fill("#edit-form input[name=value]", "3")
    page.fill("#review input[name=note]", "the governor's later count")
    page.click("#edit-form button[type=submit]")
    page.wait_for_selector("#review-history >> text=0 → 3")

    page.reload()
    _ready(page)
    page.wait_for_selector("#review-history >> text=0 → 3")
    assert page.locator("#review-history").inner_text().count("Olena") == 1
    statuses = {r["place"]: (r["review"], r["killed"]) for r in _rows(page)}
    assert statuses["Kharkiv"][0] == "confirmed"
    assert statuses["Vovchansk"] == ("edited", "3")
    assert page.locator("#reviewer").input_value() == "Olena"  # set once per browser
    _shot(page, "workbench-reviewed")

    geo = page.evaluate(
        "async () => (await fetch('/api/events.geojson?review_status=edited')).json()"
    )
    assert [(f["id"], f["properties"]["fatalities"]) for f in geo["features"]] == [
        (vovchansk["id"], 3)
    ]
    from typer.testing import CliRunner

    from frontwire.cli import app

    out = ledger_path.parent / "events.csv"
    result = CliRunner().invoke(
        app, ["export", "--db", str(ledger_path), "--format", "acled-csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    exported = {
        r["ledger_event_id"]: r for r in csv.DictReader(io.StringIO(out.read_text("utf-8")))
    }
    assert exported[vovchansk["id"]]["fatalities"] == "3"
    assert exported[vovchansk["id"]]["review_status"] == "edited"
    assert exported[kharkiv["id"]]["review_status"] == "confirmed"


def test_article_view_highlights_by_kind(server, page):
    page.goto(server + "/?place=Kharkiv")
    _ready(page)
    page.click("#events-table tr.event-row >> nth=0")
    page.click("#panel-event .report a >> text=article view")
    page.wait_for_selector("#article-text mark.k-place")
    for kind in ("place", "event", "claim", "figure"):
        assert page.locator(f"#article-text mark.k-{kind}").count() > 0, kind
    assert "Kharkiv" in page.locator("#article-text mark.k-place").all_inner_texts()
    assert "tab=article" in page.url
    _shot(page, "workbench-article")


def test_api_docs_are_served_from_here(server, page):
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(server + "/docs")
    page.get_by_text("/api/events.geojson", exact=True).wait_for(timeout=20000)
    assert requests and all(url.startswith(server) for url in requests)
