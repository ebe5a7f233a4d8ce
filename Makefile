# E&C site. `make run` starts the demo site, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed

.PHONY: run install migrate demo test test-browser lint format check bench bench-search clean

run: $(STAMP) ## Set up and serve the demo site on 127.0.0.1:$(PORT) (SQLite under var/)
	@mkdir -p var
	$(MANAGE) migrate --noinput -v 0
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_admin
	$(MANAGE) runserver 127.0.0.1:$(PORT)

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

test: $(STAMP) ## The whole suite (DATABASE_URL=postgres://… for PostgreSQL, SQLite otherwise)
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP) ## Django system checks and a migration check
	DJANGO_SETTINGS_MODULE=ec_site.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=ec_site.settings.test $(MANAGE) makemigrations --check --dry-run

bench-search: $(STAMP) ## Search latency on PostgreSQL: 5,000 pages, 500 PDFs (DATABASE_URL=postgres://…)
	$(BIN)/python bench/search_latency.py $(BENCH_ARGS)

lock: ## Re-resolve requirements.lock from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra dev --generate-hashes --universal --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var
