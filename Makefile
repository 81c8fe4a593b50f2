# The catalogue's everyday commands. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
UV := .tools/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install messages demo serve test test-sqlite test-postgres lint format bench clean backup restore cluster

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON) --quiet
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

messages: install ## Compile the translations in locale/ and locale-vendor/
	$(MANAGE) compilemessages --ignore=.venv --ignore=.tools -v0

demo: install messages ## Set up the demo on SQLite (migrate, load content); run once or again
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_initial_data
	$(MANAGE) create_demo_editor

serve: demo ## Set up and serve the demo with real content at http://127.0.0.1:8000/
	@echo "Serving the catalogue at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install messages node_modules/axe-core lint test-sqlite test-postgres ## Run everything: lint, SQLite and PostgreSQL suites, browser tests

test-sqlite: install messages ## Test suite on SQLite (browser, cluster and fuzz tests run on PostgreSQL)
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 $(VENV)/bin/pytest -m "not browser and not cluster and not fuzz" -q

node_modules/axe-core: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

test-postgres: install messages node_modules/axe-core ## Test suite on a throwaway PostgreSQL, browser tests included
	$(PY) scripts/with_postgres.py $(VENV)/bin/pytest -q

lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Apply ruff's fixes and formatting
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

SIZE ?= 10000
bench: install messages ## Load-test the pages on PostgreSQL under gunicorn (SIZE=10000 practices)
	$(PY) scripts/bench.py --size $(SIZE)

backup: install ## Back up the database into BACKUP_DIR (default backups/), named by UTC time
	$(MANAGE) backup_catalogue

restore: install ## Restore FILE=backups/… into the configured, empty database (FORCE=1: replace)
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/catalogue-<time>.dump [FORCE=1]" >&2; exit 2; }
	$(MANAGE) restore_catalogue "$(FILE)" $(if $(FORCE),--force)

cluster: install messages ## Two gunicorn servers behind nginx on loopback: checks, then a 60 s load
	$(PY) scripts/cluster.py

clean: ## Remove the virtual environments, the demo database and collected files
	rm -rf $(VENV) .tools db.sqlite3 staticfiles
