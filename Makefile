# The two commands of the README: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate demo serve screenshots bench search-eval clean

$(STAMP): requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed: install it, or run make PYTHON=python3.11 ...")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	@if [ ! -f var/.demo-loaded ]; then $(PY) manage.py load_demo && touch var/.demo-loaded; else echo "Demo content already loaded (delete var/.demo-loaded to load again)."; fi

## The web server, a task worker (emails, feed fetches) and the scheduler, stopped together by Ctrl+C.
serve:
	HOST=$(HOST) PORT=$(PORT) $(PY) scripts/serve.py

## Command 1: install everything, build the demo hub once, serve it with its worker.
run: demo serve

## Command 2: the whole test suite (checks, SQLite, PostgreSQL, browser).
test: install
	$(PY) scripts/run_tests.py

screenshots: install
	$(PY) scripts/screenshots.py

bench: install
	$(PY) bench/search.py
	$(PY) bench/pages.py

## Relevance of every search backend on the judged queries (also a gate inside `make test`).
search-eval: install
	$(PY) scripts/search_eval.py

clean:
	rm -rf $(VENV) var static_collected node_modules
