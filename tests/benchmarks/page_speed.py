"""Page speed: every page type's median time as a ratio to the log-in page's, on the demo data.

    make bench-pages                     # or .venv/bin/python tests/benchmarks/page_speed.py
    make bench-pages BENCH_ARGS="--runs 15 --only guide"

Loads the demo (``load_demo`` and the search index) into a throwaway test database, then asks for
each page type in tests/accessibility/pages.py through Django's test client (every middleware,
no network), signed in as the demo person its entry names. The pages are asked for in rounds,
one request each per round, so a slow moment on a shared machine falls on every page alike;
each page's median over the rounds is divided by the log-in page's median. Templates are not
instrumented as in tests, so a page of many small templates is not made slower than it is.

Target (issue 14): every page but search within 3x the log-in page. ``--strict`` exits 1 when
one is over; without it this is a benchmark that prints, not a timed assertion. The query count
is of one request after the first (the first may fill caches).
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbsite.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

LOGIN = "sign in"
LIMIT = 3.0


def is_search(name: str) -> bool:
    return name.startswith("search")


def load_demo():
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", stdout=quiet)
        call_command("update_index", stdout=quiet)


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
    from tests.accessibility.browsing import expected_status, resolve

    clients = clients_for(pages)
    rows = []
    for name, path, who in pages:
        url = resolve(path)
        client = clients[who]
        first = client.get(url)
        expected = expected_status(name)
        if first.status_code != expected:
            raise SystemExit(f"{name}: {url} answered {first.status_code}, not {expected}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        rows.append({"name": name, "url": url, "who": who, "queries": len(queries), "times": []})
    for _ in range(runs):
        for row in rows:
            client = clients[row["who"]]
            start = time.perf_counter()
            client.get(row["url"])
            row["times"].append(time.perf_counter() - start)
    for row in rows:
        row["median"] = statistics.median(row["times"])
    return rows


def report(rows) -> int:
    login = next(row for row in rows if row["name"] == LOGIN)["median"]
    over = []
    print(f"{'page':<46} {'median ms':>9} {'x log-in':>8} {'queries':>7}")
    for row in sorted(rows, key=lambda row: row["median"], reverse=True):
        ratio = row["median"] / login
        flag = ""
        if is_search(row["name"]):
            flag = "  (search: no target)"
        elif ratio > LIMIT:
            flag = "  OVER"
            over.append(row["name"])
        print(
            f"{row['name'][:46]:<46} {row['median'] * 1000:>9.1f} {ratio:>8.2f} "
            f"{row['queries']:>7}{flag}"
        )
    print(
        f"\nLog-in page median {login * 1000:.1f} ms. Pages other than search over {LIMIT:g}x: "
        f"{len(over)}" + (f" ({', '.join(over)})" if over else "")
    )
    return len(over)


def profile(pages, top: int = 30):
    """Where the time goes on each page: cProfile's top functions by their own time."""
    import cProfile
    import pstats

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
    args = parser.parse_args()
    # A 404 page is one of the pages: its "Not Found" log lines would bury the table.
    logging.getLogger("django.request").setLevel(logging.ERROR)

    from tests.accessibility.pages import PAGES

    pages = [page for page in PAGES if page[0] == LOGIN or args.only.lower() in page[0].lower()]
    # Not ``setup_test_environment``: it instruments every template render so that the test
    # client can copy each template's context, which weighs most on pages with many templates.
    settings.DEBUG = False
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        load_demo()
        if args.profile:
            profile(pages)
            return
        over = report(measure(pages, args.runs))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if args.strict and over:
        sys.exit(1)


if __name__ == "__main__":
    main()
