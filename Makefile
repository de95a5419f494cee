# The two commands of the quick start: `make demo` and `make test`.
# Both create .venv from the pinned dependencies (requirements.lock) when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

WEB_STAMP := web/node_modules/.package-lock.json

.PHONY: venv web demo test lint bench eval clean

venv: $(STAMP)

# The workbench's map library and basemap: pinned npm packages (web/package-lock.json).
web: $(WEB_STAMP)

$(WEB_STAMP): web/package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --prefix web --no-audit --no-fund --silent; \
	else echo "npm not found: the workbench's map assets are not installed (apt-get install npm)"; fi

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: venv web
	$(BIN)/frontwire demo

test: venv web
	$(BIN)/ruff check src tests bench
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

bench: venv
	$(BIN)/python bench/throughput.py

eval: venv
	$(BIN)/frontwire eval all --out docs/EVALUATION.md

clean:
	rm -rf $(VENV) frontwire.db .pytest_cache .ruff_cache web/node_modules
