# Samverka — two commands: `make run` (serve the demo) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
# Absolute links in e-mails and calendar files point at the port the demo is served on.
SITE_URL ?= http://localhost:$(PORT)
DEMO := DJANGO_SETTINGS_MODULE=config.settings.demo SITE_URL=$(SITE_URL)
DEV := DJANGO_SETTINGS_MODULE=config.settings.dev SITE_URL=$(SITE_URL)

.PHONY: run dev test setup bench bench-compare lint format messages scale clean screenshots

# The demo as its users will see it: debug off, gunicorn on localhost, static files from WhiteNoise.
run: setup
	$(DEMO) $(PY) manage.py load_demo --if-empty
	@echo "Samverka is served at $(SITE_URL)/ — demo accounts are listed in README.md"
	$(DEMO) $(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --timeout 120 \
		--access-logfile -

# Development: debug on, Django's server reloading on every change.
dev: setup
	$(DEV) $(PY) manage.py load_demo --if-empty
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

setup: $(VENV)/.installed var/npm/.copied var/.migrated
	$(PY) manage.py compile_translations
	$(PY) manage.py collectstatic --no-input -v0

$(VENV)/.installed: requirements/base.txt requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

var/npm/.copied: node_modules/.installed scripts/copy_assets.py
	$(PYTHON) scripts/copy_assets.py
	touch $@

var/.migrated: $(VENV)/.installed $(wildcard samverka/*/*/migrations/*.py)
	mkdir -p var
	$(PY) manage.py migrate --no-input
	touch $@

test:
	bash scripts/test.sh

# docs/screenshots: the main pages as each demo role sees them, desktop and 390 px phone (a fresh demo database).
screenshots: setup
	$(PY) scripts/screenshots.py

bench: setup
	bash scripts/bench.sh

# The two newest runs of `make bench` side by side (or two given: make bench-compare RUNS="a.jsonl b.jsonl").
bench-compare: $(VENV)/.installed
	$(PY) benchmarks/compare.py $(RUNS)

scale: setup
	$(PY) manage.py generate_national_data

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l sv -l en --no-obsolete --no-location --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'benchmarks/*'

clean:
	rm -rf var node_modules $(VENV)
