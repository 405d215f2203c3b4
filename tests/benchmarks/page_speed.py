"""Page speed: each page type's CPU time per request as a ratio to the log-in page's (demo data).

    make bench-pages                     # or .venv/bin/python tests/benchmarks/page_speed.py
    make bench-pages BENCH_ARGS="--runs 15 --only guide"
    make bench-pages BENCH_ARGS=--strict  # exit 1 when a page other than search is over 3x

The demo (``load_demo`` and the search index) is built once into a SQLite file and an index
folder under ``data/page-speed-demo/`` and copied into a throwaway data folder for each run, so a
run starts in seconds. The copy is rebuilt when what makes it changes (migrations, the demo
loaders and their content, the search code, the search backend) and each day (the demo's dates
are relative to today), or with ``--rebuild`` (after a change to how a model saves). On
PostgreSQL (``DATABASE_URL``) the demo is loaded into a test database for each run instead.

Each page type in tests/accessibility/pages.py is asked for through Django's test client (every
middleware, no network), signed in as the demo person its entry names. Every page is asked for
once first (to fill per-process caches; its queries and calls are counted after that), then in
rounds, one request each per round, so a
slow moment falls on every page alike; the log-in page, the yardstick, is asked for eight times
a round, spread through it, so its median rests on eight times as many samples. What is timed
is the process's CPU time for each request
(``time.process_time``), not the wall clock: on a shared, busy machine the wall clock mostly
measures the other processes. Each page's median over the rounds is divided by the log-in page's.
Templates are not instrumented as in tests, so a page of many small templates is not made slower
than it is.

Target (issue 14): every page but search within 3x the log-in page. ``--strict`` exits 1 when
one is over; without it this is a benchmark that prints, not a timed assertion. The query count
is of one request after the first. ``calls x`` is a second yardstick that does not move between
runs: the Python function calls of one request (cProfile) as a ratio to the log-in page's.
"""

import argparse
import cProfile
import hashlib
import logging
import os
import pstats
import shutil
import sqlite3
import statistics
import sys
import time
from datetime import date
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbsite.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

LOGIN = "sign in"
LIMIT = 3.0
#: How many times a round asks for the log-in page, spread through the round.
LOGIN_SAMPLES_PER_ROUND = 8
CACHE_DIR = BASE_DIR / "data" / "page-speed-demo"
# What the demo database is made from: a change to any of these builds it again. Not every
# models.py (most changes there are to behaviour, and a change of schema comes with a migration):
# ``--rebuild`` after changing how a model saves the demo.
DEMO_SOURCES = [
    "*/migrations/*.py",
    "*/demo*.py",
    "home/demo_content/**/*",
    "pbsite/registry.py",
    "pbsite/management/commands/load_demo.py",
    "search/**/*.py",
]


def is_search(name: str) -> bool:
    return name.startswith("search")


def quietly(*args):
    with open(os.devnull, "w") as quiet:
        call_command(*args, stdout=quiet)


def demo_key() -> str:
    digest = hashlib.sha256()
    files = sorted({path for pattern in DEMO_SOURCES for path in BASE_DIR.glob(pattern)})
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(BASE_DIR)).encode())
            digest.update(path.read_bytes())
    digest.update(f"{settings.SEARCH_BACKEND} {date.today().isoformat()}".encode())
    return digest.hexdigest()[:16]


def copy_tree(source: Path, target: Path):
    if target.exists():
        shutil.rmtree(target)
    if source.exists():
        shutil.copytree(source, target)


def sqlite_demo(rebuild: bool):
    """Copy the saved demo into this run's (throwaway) data folder, building it first if need be."""
    database = Path(settings.DATABASES["default"]["NAME"])
    index = Path(settings.SEARCH_INDEX_DIR)
    media = Path(settings.MEDIA_ROOT)
    saved = CACHE_DIR / demo_key()
    if rebuild or not (saved / "done").exists():
        print(f"Building the demo database once into {saved} …", file=sys.stderr)
        shutil.rmtree(CACHE_DIR, ignore_errors=True)
        quietly("migrate", "--no-input")
        quietly("load_demo")
        quietly("update_index")
        connection.close()
        saved.mkdir(parents=True)
        # The backup API copies a consistent database whatever the journal (WAL) holds.
        with sqlite3.connect(database) as source, sqlite3.connect(saved / "demo.sqlite3") as copy:
            source.backup(copy)
        copy_tree(index, saved / "search-index")
        copy_tree(media, saved / "media")
        (saved / "done").touch()
    else:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(saved / "demo.sqlite3", database)
        copy_tree(saved / "search-index", index)
        copy_tree(saved / "media", media)
    # What the building run cached (the database cache table, per-process caches) is not this
    # run's: every page fills its own caches with its first request.
    for alias in settings.CACHES:
        caches[alias].clear()


def clients_for(pages) -> dict:
    from accounts.demo import demo_user

    clients = {}
    for who in {who for _name, _path, who in pages}:
        client = Client()
        if who is not None:
            client.force_login(demo_user(who))
        clients[who] = client
    return clients


def measure(pages, runs: int) -> list[dict]:
    from pbsite.startup import settle
    from tests.accessibility.browsing import expected_status, resolve

    clients = clients_for(pages)
    settle()  # as the web server's entry points (pbsite/asgi.py, wsgi.py) do before serving
    urls = []
    for name, path, who in pages:
        url = resolve(path)
        first = clients[who].get(url)
        expected = expected_status(name)
        if first.status_code != expected:
            raise SystemExit(f"{name}: {url} answered {first.status_code}, not {expected}")
        urls.append(url)
    # Queries and calls are counted once every page has been opened, in the state the timed
    # rounds see: opening a page can add data another page shows (endorsing a PA gives their
    # profile a worked-together link to read).
    rows = []
    for (name, _path, who), url in zip(pages, urls, strict=True):
        client = clients[who]
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        row = {"name": name, "url": url, "who": who, "queries": len(queries), "times": []}
        row["calls"] = python_calls(client, url)
        rows.append(row)
    login = next(row for row in rows if row["name"] == LOGIN)
    others = [row for row in rows if row is not login]
    # The yardstick is asked for again after every few pages, so each round gives it many
    # times as many samples as a page, taken all through the round: its median then moves
    # less with a slow moment, and it follows another page each time, as every page does.
    every = max(len(others) // LOGIN_SAMPLES_PER_ROUND, 1)
    for _ in range(runs):
        for position, row in enumerate(others):
            if position % every == 0:
                timed_get(clients, login)
            timed_get(clients, row)
    for row in rows:
        row["median"] = statistics.median(row["times"])
    return rows


def python_calls(client, url) -> int:
    """How many Python function calls one request makes (cProfile): unlike CPU time, the same
    on any machine at any load, so a second yardstick that does not move between runs (it
    does not see work done in C, such as SQLite's)."""
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    return pstats.Stats(profiler).total_calls


def timed_get(clients, row) -> None:
    client = clients[row["who"]]
    start = time.process_time()
    client.get(row["url"])
    row["times"].append(time.process_time() - start)


def report(rows) -> int:
    login_row = next(row for row in rows if row["name"] == LOGIN)
    login, login_calls = login_row["median"], login_row["calls"]
    over, over_in_calls = [], []
    print(f"{'page':<46} {'CPU ms':>7} {'x log-in':>8} {'queries':>7} {'calls x':>7}")
    for row in sorted(rows, key=lambda row: row["median"], reverse=True):
        ratio = row["median"] / login
        calls_ratio = row["calls"] / login_calls
        if calls_ratio > LIMIT and not is_search(row["name"]):
            over_in_calls.append(row["name"])
        flag = ""
        if is_search(row["name"]):
            flag = "  (search: no target)"
        elif ratio > LIMIT:
            flag = "  OVER"
            over.append(row["name"])
        print(
            f"{row['name'][:46]:<46} {row['median'] * 1000:>7.1f} {ratio:>8.2f} "
            f"{row['queries']:>7} {calls_ratio:>7.2f}{flag}"
        )
    print(
        f"\nLog-in page median {login * 1000:.1f} ms CPU. Pages other than search over "
        f"{LIMIT:g}x: {len(over)}" + (f" ({', '.join(over)})" if over else "")
    )
    print(
        f"In Python function calls (log-in page {login_calls:,}), pages other than search over "
        f"{LIMIT:g}x: {len(over_in_calls)}"
    )
    return len(over)


def search_mix(runs_of_login: int = 3) -> None:
    """The search page asked once for each of the judged queries (``search_queries.yaml``),
    in order, as a running site meets them: what is kept for a query's words (its compiled
    query, its terms' scores on the searcher) helps a later query only where they share words,
    unlike the pages above, each asked for again and again. Printed beside the log-in page's
    median, asked between the searches."""
    from urllib.parse import urlencode

    from relevance import load_judgements

    clients = clients_for([(LOGIN, "/accounts/login/", None)])
    client = clients[None]
    login_url = "/accounts/login/"
    searches, logins = [], []
    for judgement in load_judgements():
        start = time.process_time()
        client.get("/search/?" + urlencode({"q": judgement.query}))
        searches.append(time.process_time() - start)
        for _ in range(runs_of_login):
            start = time.process_time()
            client.get(login_url)
            logins.append(time.process_time() - start)
    login = statistics.median(logins)
    ratios = sorted(seconds / login for seconds in searches)
    ninetieth = ratios[int(len(ratios) * 0.9)]
    print(
        f"\nSearch, each of the {len(ratios)} judged queries asked once: median "
        f"{statistics.median(ratios):.2f}x the log-in page ({login * 1000:.1f} ms), "
        f"90th percentile {ninetieth:.2f}x, slowest {ratios[-1]:.2f}x"
    )


def profile(pages, top: int = 30):
    """Where the time goes on each page: cProfile's top functions by their own time."""
    from tests.accessibility.browsing import resolve

    clients = clients_for(pages)
    for name, path, who in pages:
        url = resolve(path)
        clients[who].get(url)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(3):
            clients[who].get(url)
        profiler.disable()
        print(f"\n=== {name} ({url}) ===")
        pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="timed requests per page (9)")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--strict", action="store_true", help="exit 1 if a page is over 3x")
    parser.add_argument("--profile", action="store_true", help="profile the pages instead")
    parser.add_argument("--rebuild", action="store_true", help="build the saved demo again")
    args = parser.parse_args()
    # A 404 page is one of the pages: its "Not Found" log lines would bury the table.
    logging.getLogger("django.request").setLevel(logging.ERROR)

    from tests.accessibility.pages import PAGES

    pages = [page for page in PAGES if page[0] == LOGIN or args.only.lower() in page[0].lower()]
    # Not ``setup_test_environment``: it instruments every template render so that the test
    # client can copy each template's context, which weighs most on pages with many templates.
    settings.DEBUG = False
    sqlite = connection.vendor == "sqlite"
    if sqlite:
        sqlite_demo(args.rebuild)
    else:
        old_name = connection.creation.create_test_db(verbosity=0)
    try:
        if not sqlite:
            quietly("load_demo")
            quietly("update_index")
        if args.profile:
            profile(pages)
            return
        over = report(measure(pages, args.runs))
        if any(is_search(name) for name, _path, _who in pages):
            search_mix()
    finally:
        if not sqlite:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        connections.close_all()
    if args.strict and over:
        sys.exit(1)


if __name__ == "__main__":
    main()
