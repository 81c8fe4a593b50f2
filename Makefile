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
.PHONY: help install messages demo serve test test-sqlite test-postgres lint format bench clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --python $(PYTHON) --quiet
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

messages: install ## Compile the translations in locale/
	$(MANAGE) compilemessages --ignore=.venv --ignore=.tools -v0

demo: install messages ## Set up the demo on SQLite (migrate, load content); run once or again
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) load_initial_data
	$(MANAGE) create_demo_editor

serve: demo ## Set up and serve the demo with real content at http://127.0.0.1:8000/
	@echo "Serving the catalogue at http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

test: install messages node_modules/axe-core lint test-sqlite test-postgres ## Run everything: lint, SQLite and PostgreSQL suites, browser tests

test-sqlite: install messages ## Test suite on SQLite (no browser)
	DATABASE_URL=sqlite:///$(CURDIR)/db.sqlite3 $(VENV)/bin/pytest -m "not browser" -q

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

bench: install ## Print page speed, size, query and memory figures (EXTRA=500 synthetic practices)
	$(PY) scripts/bench.py --extra $${EXTRA:-500}

clean: ## Remove the virtual environments, the demo database and collected files
	rm -rf $(VENV) .tools db.sqlite3 staticfiles
