# Lendscope. `make run` and `make test` do all set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
DB     ?= data/lending.duckdb

# Everything the database is built from: a change to any of these makes the database stale.
DATA_INPUTS := $(shell find data -type f \( -name '*.csv' -o -name '*.toml' \) -not -path 'data/snapshots/*' 2>/dev/null | sort)
ETL_CODE    := $(wildcard etl/*.py etl/sources/*.py etl/schema.sql)
# The claim queries run at build time (their verdicts are stored); any named query may become one.
QUERIES     := $(wildcard queries/*.sql)

.PHONY: run test build validate info lint format clean install install-dev bench

# No file watcher: editing a source file would unload the app's modules under live sessions.
# One path rule: the app reads $$LENDSCOPE_DB (etl/paths.py), so it serves the DB that was built.
run: install $(DB)
	@echo "Lendscope: http://localhost:$(PORT) (database $(abspath $(DB)))"
	LENDSCOPE_DB="$(abspath $(DB))" $(VENV)/bin/streamlit run dashboard.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false --server.fileWatcherType none

test: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

build: install
	$(PY) -m etl build --db $(DB)

$(DB): $(DATA_INPUTS) $(ETL_CODE) $(QUERIES) | install
	$(PY) -m etl build --db $(DB)

# Every benchmark (build, pages, browser, console, 10M synthetic rows, load and swap); writes bench/results.md.
bench: install-dev
	$(PY) -m bench.run_all

validate: install
	$(PY) -m etl validate

info: install $(DB)
	$(PY) -m etl info --db $(DB)

lint: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install-dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# uv installs the pinned set in seconds; the stamp files make repeated runs (and offline runs
# once installed) skip the install step.
install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.9.9

$(VENV)/.installed: requirements.txt | $(PY)
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.txt
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) $(DB) .pytest_cache .ruff_cache
