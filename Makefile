# The README's two commands: `make demo` and `make test`. Both build the
# virtual environment themselves from the pinned requirements.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
STAMP := $(VENV)/.installed

.PHONY: demo test lint format messages compilemessages check serve clean

$(STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	@command -v msgfmt >/dev/null 2>&1 || { echo "Installing gettext (msgfmt)"; apt-get update -qq && apt-get install -y -qq gettext >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

compilemessages: $(STAMP)
	$(MANAGE) compilemessages --ignore=.venv --verbosity 0

demo: $(STAMP) compilemessages
	$(MANAGE) migrate --noinput --verbosity 0
	$(MANAGE) collectstatic --noinput --verbosity 0
	$(MANAGE) load_demo
	@echo "Serving http://127.0.0.1:8000 with a task worker (stop with Ctrl-C)"
# The task worker makes the releases staff ask for (participation/council/releases)
# beside runserver; the pool job stores waiting survey answers every minute in
# batches of at least k, as cron does in production (docs/DEPLOY.md). Both stop
# when runserver does, Ctrl-C included.
	$(MANAGE) db_worker --no-reload --no-startup-delay --verbosity 0 & worker=$$!; \
	( while sleep 60; do $(MANAGE) flush_pool >/dev/null; done ) & pool=$$!; \
	trap 'kill $$worker $$pool 2>/dev/null; wait $$worker $$pool 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:8000

test: $(STAMP) compilemessages
	$(VENV)/bin/pytest

check: $(STAMP)
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run --noinput

lint: $(STAMP)
	$(VENV)/bin/ruff check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Regenerates the .po files and fails when they were stale (run before committing).
messages: $(STAMP)
	$(MANAGE) makemessages --all --no-location --ignore=.venv --ignore=staticfiles --ignore=tests --ignore=locale_vendor --verbosity 0
	git diff --exit-code --ignore-matching-lines='^"POT-Creation-Date' -- locale/

clean:
	rm -rf $(VENV) staticfiles db.sqlite3
