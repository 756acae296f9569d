# The two commands of the README:  make run  (set up and serve on 127.0.0.1:8000)  and  make test.
# make run HOST=0.0.0.0 PORT=8080 serves elsewhere.
VENV ?= .venv
HOST ?= 127.0.0.1
PORT ?= 8000
PYTHON ?= python3
PY := $(VENV)/bin/python
export DEBUG ?= 1

.PHONY: run test test-browser setup demo worker beat lint bench

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: setup
	$(PY) manage.py seed_demo

# The beat schedule runs beside the server (lists, pools, profiles stay fresh), and stops with it.
run: demo
	$(PY) manage.py run_schedule & SCHEDULE=$$!; trap 'kill $$SCHEDULE 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed
	DEBUG= $(VENV)/bin/pytest $(PYTEST_ARGS)

test-browser: $(VENV)/.installed
	DEBUG= $(VENV)/bin/pytest tests/browser $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

worker: setup
	$(VENV)/bin/celery -A guide worker -Q ingest,scoring,stats,default -l info

beat: setup
	$(VENV)/bin/celery -A guide beat -l info
