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

.PHONY: run test build validate info lint format clean install install-dev bench serve screenshots

# No file watcher: editing a source file would unload the app's modules under live sessions.
# app/server.py is `streamlit run` with TCP_NODELAY; .streamlit/config.toml turns the post-rerun GC off.
# One path rule: the app reads $$LENDSCOPE_DB (etl/paths.py), so it serves the DB that was built.
run: install $(DB)
	@echo "Lendscope: http://localhost:$(PORT) (database $(abspath $(DB)))"
	LENDSCOPE_DB="$(abspath $(DB))" $(PY) -m app.server run dashboard.py --server.headless true --server.port $(PORT) \
		--browser.gatherUsageStats false --server.fileWatcherType none

# Test files run in parallel, one worker per core; a file's tests share one worker (its servers and
# browser start once). `pytest tests/x.py` by hand stays serial.
test: install-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -n auto --dist loadfile

build: install
	$(PY) -m etl build --db $(DB)

$(DB): $(DATA_INPUTS) $(ETL_CODE) $(QUERIES) | install
	$(PY) -m etl build --db $(DB)

# WORKERS instances behind HAProxy (deploy/serve.py; deploy/README.md for a real host). PORT is
# HAProxy's (8500 unless given; instances on PORT+1 …); WORKERS defaults to one per core.
SERVE_PORT := $(if $(filter command line environment,$(origin PORT)),$(PORT),8500)
WORKERS    ?= $(shell nproc 2>/dev/null || echo 1)
serve: install $(DB)
	@command -v haproxy >/dev/null 2>&1 || { echo "make serve needs HAProxy: sudo apt-get install haproxy (Debian/Ubuntu)" >&2; exit 2; }
	$(PY) -m deploy.serve --port $(SERVE_PORT) --workers $(WORKERS) --db $(DB)

# Every benchmark (build, pages, browser, console, 10M synthetic rows, load and swap); writes bench/results.md.
bench: install-dev
	$(PY) -m bench.run_all

# Every page in both languages at 1440, 1280 and 390 px wide -> test-artifacts/ (needs Chromium).
screenshots: install-dev $(DB)
	$(PY) -m tests.screenshots --db $(DB)

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
