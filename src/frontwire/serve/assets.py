"""The page's third-party assets: Leaflet, marker clustering, the Natural Earth basemap and
Swagger UI for /docs, from pinned npm packages (web/package.json and its lock) installed
into web/node_modules.

Nothing is fetched at run time from anywhere else: the page loads them from this server.
`frontwire serve` runs `npm ci` on its first start when they are missing; so does .ci/run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# What the page loads, relative to node_modules; the check that the install is whole.
REQUIRED = (
    "leaflet/dist/leaflet.js",
    "leaflet/dist/leaflet.css",
    "leaflet.markercluster/dist/leaflet.markercluster.js",
    "leaflet.markercluster/dist/MarkerCluster.css",
    "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-50m.json",
    "world-atlas/land-50m.json",
    "world-atlas/countries-110m.json",
    "world-atlas/land-110m.json",
    "swagger-ui-dist/swagger-ui-bundle.js",
    "swagger-ui-dist/swagger-ui.css",
)


class AssetsMissing(RuntimeError):
    """The npm packages are not installed and cannot be installed here."""


def web_dir() -> Path:
    """web/ of the checkout (package.json + lock), or $FRONTWIRE_WEB_DIR."""
    override = os.environ.get("FRONTWIRE_WEB_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "web"


def vendor_dir() -> Path:
    return web_dir() / "node_modules"


def missing(vendor: Path | None = None) -> list[str]:
    vendor = vendor or vendor_dir()
    return [name for name in REQUIRED if not (vendor / name).is_file()]


def ensure_assets(install: bool = True) -> Path:
    """The folder of installed packages; runs `npm ci` once when they are missing."""
    web = web_dir()
    if not missing():
        return vendor_dir()
    if not install:
        raise AssetsMissing(
            f"{vendor_dir()}: the page's packages are not installed; run: npm ci --prefix {web}"
        )
    npm = shutil.which("npm")
    if npm is None or not (web / "package-lock.json").is_file():
        raise AssetsMissing(
            f"{vendor_dir()}: the page's packages are not installed and "
            + (
                "npm is not on PATH (apt-get install npm)"
                if npm is None
                else f"{web}/package-lock.json is missing"
            )
        )
    result = subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--prefix", str(web)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or missing():
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise AssetsMissing(f"npm ci --prefix {web} failed: {last[0]}")
    return vendor_dir()
