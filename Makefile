# Anrong: the two commands are `make run` and `make test`. Everything they need is installed here.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
PORT ?= 8000
HOST ?= 127.0.0.1
UV_VERSION := 0.13.9

.PHONY: system-libs run test install lint check test-sqlite test-postgres browsers lock openapi messages bench worker clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: requirements.lock | $(PY)
	$(UV) pip install --quiet --python $(PY) -r requirements.lock
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Compiled translation catalogs are build output (not committed); Babel compiles them without GNU gettext.
messages: $(VENV)/.installed
	$(VENV)/bin/pybabel compile --statistics -d locale -D django

install: $(VENV)/.installed node_modules/.installed messages system-libs

system-libs:
	@scripts/ensure-system-libs.sh

run: export DEBUG ?= true
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Anrong: http://$(HOST):$(PORT)/  (task worker started beside it; Ctrl-C stops both)"
	@$(PY) manage.py db_worker --interval 0.2 --no-reload & WORKER=$$!; \
	$(PY) manage.py escalate_overdue --every 900 & ESCALATE=$$!; \
	$(PY) manage.py sweep_meetings --every 60 & SWEEP=$$!; \
	$(PY) manage.py schedule_news_publishing --every 60 & NEWS=$$!; \
	trap "kill $$WORKER $$ESCALATE $$SWEEP $$NEWS 2>/dev/null" EXIT INT TERM; \
	$(VENV)/bin/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --no-access-log --lifespan off

worker: install
	$(PY) manage.py db_worker

lint: install
	$(VENV)/bin/ruff check .

check: install
	ANRONG_TESTING=true $(PY) manage.py makemigrations --check --dry-run
	DEBUG=false SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | base64 | tr -dc A-Za-z0-9) \
	  ALLOWED_HOSTS=anrong.makassarkota.go.id OIDC_RSA_PRIVATE_KEY_FILE=var/check-oidc-rsa.pem \
	  $(PY) manage.py check --deploy --fail-level WARNING

browsers:
	@scripts/ensure-chromium.sh

test: install browsers lint check
	@scripts/test.sh

lock: $(PY)
	$(UV) pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock --quiet

openapi: install
	ANRONG_TESTING=true $(PY) manage.py export_openapi docs/openapi.json

bench: install
	$(PY) bench/http_baseline.py

# Layanan at 100,000 applications on SQLite and PostgreSQL (127.0.0.1:5432, database anrong_bench).
.PHONY: bench-layanan
bench-layanan: install
	$(PY) bench/layanan.py

# Webhooks from the outbox on PostgreSQL: events/s of one worker, commit-to-arrival p95 at 100/s.
# Makaverse News at 50,000 articles: p95 of the list, an article and a search; compressed bytes.
.PHONY: bench-news
bench-news: install
	$(PY) bench/news.py

.PHONY: bench-outbox
bench-outbox: install
	$(PY) bench/outbox.py

# Lapor on PostgreSQL at 200,000 reports: the public map's viewport and Open311 requests.json.
.PHONY: bench-lapor
bench-lapor: install
	$(PY) bench/lapor.py

clean:
	rm -rf $(VENV) node_modules var

# Refresh the catalogs from the code (needs GNU gettext: apt-get install gettext). Then translate
# the new English entries; `make test` fails while any entry is untranslated or duplicated.
makemessages: install
	ANRONG_TESTING=true $(PY) manage.py makemessages -l en -l id --no-obsolete --ignore=".venv/*" --ignore="node_modules/*" --ignore="var/*"
