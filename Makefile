# Budget Circle: two commands, `make run` and `make test`. Only Python 3.11 and make are assumed.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
export DJANGO_SETTINGS_MODULE ?= pbsite.settings.dev

.PHONY: run test install lock migrate demo lint format check bench-search bench-relevance bench-pages bench-grow screenshots clean \
	loadtest bench-serving

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs the pinned versions in requirements.lock, then the project itself.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e ".[dev]"
	touch $(STAMP)

# After changing pyproject.toml's dependencies: resolve them in a fresh venv and pin what came.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet -e ".[dev]"
	echo "# Pinned versions for make install: regenerate with make lock after changing pyproject.toml." > requirements.lock
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v "^-e " >> requirements.lock
	rm -rf .venv-lock

install: $(STAMP)

migrate: install
	$(MANAGE) migrate --noinput

# Serves as production does (deploy/web.sh: uvicorn, HTTP and WebSockets) through the Procfile and
# honcho, with the task worker: a process of its own with Redis, threads of the web process
# without. Demo content is loaded when the database is new. The address and the demo logins come
# last, once the site answers.
run: install
	@mkdir -p "$${DATA_DIR:-data}"
	@if [ ! -f "$${DATA_DIR:-data}/.demo-loaded" ]; then \
		$(MANAGE) migrate --noinput && $(MANAGE) load_demo && $(MANAGE) update_index && touch "$${DATA_DIR:-data}/.demo-loaded"; \
	else \
		$(MANAGE) migrate --noinput; \
	fi
	$(MANAGE) collectstatic --noinput --verbosity 0
	@if [ -n "$$REDIS_URL" ]; then procs="web worker"; export EMBEDDED_WORKER=false; else procs=web; fi; \
	HOST=$(HOST) $(BIN)/honcho start -f Procfile -p $(PORT) $$procs & server=$$!; \
	trap 'kill -TERM $$server 2>/dev/null; wait $$server' INT TERM; \
	for try in $$(seq 200); do \
		$(BIN)/python -c "import socket; socket.create_connection(('$(HOST)', $(PORT)), 1)" 2>/dev/null && up=1 && break; \
		kill -0 $$server 2>/dev/null || break; sleep 0.5; \
	done; \
	if [ -n "$$up" ]; then \
		echo ""; \
		echo "Demo logins (password demo-budget-circle): holder@, carer@, buddy@, pa@, provider@,"; \
		echo "  moderator@, editor@ and admin@demo.budgetcircle.example"; \
		echo "Budget Circle is at http://$(HOST):$(PORT)/  (another port: PORT=8001 make run; stop: Ctrl-C)"; \
	fi; \
	wait $$server

demo: migrate
	$(MANAGE) load_demo

# The test settings, whatever the shell exports: pytest-django prefers the environment to pyproject.
test: install
	DJANGO_SETTINGS_MODULE=pbsite.settings.test $(BIN)/python -m pytest -n auto --maxprocesses 12 --dist loadfile -q $(PYTEST_ARGS)
	# Search backend conformance: modelsearch's and Wagtail's own suites, each with its settings.
	$(BIN)/python -m pytest -q -p no:cacheprovider --confcutdir=tests/search/conformance tests/search/conformance/test_modelsearch_backend.py --ds=tests.search.conformance.modelsearch_settings
	$(BIN)/python -m pytest -q -p no:cacheprovider --confcutdir=tests/search/conformance tests/search/conformance/test_wagtail_page_search.py --ds=tests.search.conformance.wagtail_settings

# lint-imports checks the layers in pyproject.toml ([tool.importlinter]; README, "Layout").
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

# Search speed (Whoosh beside SQLite FTS5) on 1,000/10,000/50,000 synthetic register entries.
bench-search: install
	$(BIN)/python tests/benchmarks/search_bench.py $(BENCH_ARGS)

# Search relevance (MRR@10, nDCG@10) of the site search on the demo data, Whoosh beside the
# database backend, over the judged queries in tests/benchmarks/search_queries.yaml.
bench-relevance: install
	$(BIN)/python tests/benchmarks/search_bench.py --relevance $(BENCH_ARGS)

# The production set-up (deploy/: nginx, two web workers, the task worker) on PostgreSQL and
# Redis, under 60 s of mixed load with 200 WebSockets; fails on a 5xx, a lost write or a lost
# live update. Needs PostgreSQL, Redis and nginx running/installed (.ci/run sees to it).
loadtest: install
	tests/benchmarks/loadtest.sh

# Daphne, uvicorn (1 and 2 workers), gunicorn + uvicorn workers and nginx + 2 uvicorn side by
# side on the demo data: requests/s and p95 at concurrency 1, 8 and 32, and RSS per worker.
bench-serving: install
	$(BIN)/python tests/benchmarks/serving_bench.py $(BENCH_ARGS)

# Page speed on the demo data: each page type's median CPU time per request (test client, signed
# in as its person) as a ratio to the log-in page's; the target is 3x for every page but search.
# The demo is built once into data/page-speed-demo/ and copied for each run. BENCH_ARGS="--only
# guide --runs 15", "--profile" for where the time goes, "--strict" to exit 1 when one is over,
# "--rebuild" to build the saved demo again.
bench-pages: install
	$(BIN)/python tests/benchmarks/page_speed.py $(BENCH_ARGS)

# The same table on a site grown to 100x the demo (register, directory and forum copied with
# varied text, one index rebuild, in a temporary DATA_DIR); BENCH_ARGS="--factor 10 --only search".
bench-grow: install
	$(BIN)/python tests/benchmarks/grow_bench.py $(BENCH_ARGS)

# Full-page PNGs of every page type in tests/accessibility/pages.py at 320 and 1280 px, from a
# fresh demo site in a temporary data folder, into screenshots/ (e.g. 320-a-pas-profile.png).
SCREENSHOTS ?= screenshots
screenshots: install
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	export DATA_DIR="$$tmp" DEBUG=False; \
	$(MANAGE) migrate --noinput --verbosity 0 && \
	$(MANAGE) load_demo > /dev/null && $(MANAGE) update_index > /dev/null && \
	$(BIN)/python tests/accessibility/screenshots.py --out $(SCREENSHOTS)

clean:
	rm -rf $(VENV) static_collected
