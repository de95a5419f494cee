# The two commands of the quick start: `make demo` and `make test`.
# Both create .venv from the pinned dependencies (requirements.lock) when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint bench eval clean

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: venv
	$(BIN)/frontwire demo

test: venv
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
	rm -rf $(VENV) frontwire.db .pytest_cache .ruff_cache
