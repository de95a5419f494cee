"""The workbench's web application: the API under /api, the page at /, the pinned
front-end packages under /vendor."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from frontwire.events.taxonomy import Taxonomy
from frontwire.ledger.store import LedgerError
from frontwire.serve import routes_read, routes_review
from frontwire.serve.pool import LedgerPool

STATIC = Path(__file__).parent / "static"


def _one_line(errors: list[dict]) -> str:
    parts = []
    for error in errors:
        loc = [str(p) for p in error.get("loc", ()) if p not in ("query", "body", "path")]
        parts.append(f"{'.'.join(loc) or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def create_app(target: str | Path, token: str | None = None, vendor: Path | None = None) -> FastAPI:
    """The app over one ledger. `token`: required on every write when set.
    `vendor`: the installed npm packages (see assets.py); without it the page has no map."""
    pool = LedgerPool(target)

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        pool.close()

    app = FastAPI(
        title="frontwire workbench",
        description="The ledger's events, places, claims, articles and reviews.",
        version="1",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's own /docs loads Swagger UI from a CDN; ours is served here
        redoc_url=None,
    )
    app.state.pool = pool
    app.state.token = token
    app.state.taxonomy = Taxonomy.load()  # the vocabularies /meta lists, read once per app
    shown = str(getattr(pool.get(), "target", target))  # a server's password is masked
    # A file ledger by its name: the page need not show the server's folders.
    app.state.label = shown if "://" in shown else Path(shown).name

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: v for k, v in e.items() if k in ("type", "loc", "msg")} for e in exc.errors()]
        return JSONResponse({"detail": errors, "message": _one_line(errors)}, status_code=422)

    @app.exception_handler(LedgerError)
    async def _ledger(_: Request, exc: LedgerError) -> JSONResponse:
        return JSONResponse({"detail": str(exc), "message": str(exc)}, status_code=422)

    app.include_router(routes_read.router)
    app.include_router(routes_review.router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", headers={"Cache-Control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if vendor is not None:
        app.mount("/vendor", StaticFiles(directory=vendor), name="vendor")

        @app.get("/docs", include_in_schema=False)
        def docs() -> HTMLResponse:
            ui = "/vendor/swagger-ui-dist"
            return get_swagger_ui_html(
                openapi_url="/openapi.json",
                title="frontwire workbench API",
                swagger_js_url=f"{ui}/swagger-ui-bundle.js",
                swagger_css_url=f"{ui}/swagger-ui.css",
                swagger_favicon_url=f"{ui}/favicon-32x32.png",
            )

    return app
