# The two commands of the README:  make run  (set up and serve on 127.0.0.1:8000)  and  make test.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
export DEBUG ?= 1

.PHONY: run test setup demo worker beat lint bench

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

setup: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

demo: setup
	$(PY) manage.py seed_demo

run: demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(VENV)/.installed
	DEBUG= $(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

worker: setup
	$(VENV)/bin/celery -A guide worker -Q ingest,scoring,stats,default -l info

beat: setup
	$(VENV)/bin/celery -A guide beat -l info
