"""Search speed: the Whoosh backend beside modelsearch's SQLite FTS5 backend, in one run.

    .venv/bin/python tests/benchmarks/search_bench.py [--sizes 1000 10000 50000] [--runs 30]

For each corpus size it builds a synthetic register (PA profiles: a name and area in the title,
skills and availability in the summary, an hourly rate and a joining date as filters) in a
fresh SQLite database, then prints for each backend:

- build rate: ``rebuild_modelsearch_index`` over the corpus, in documents per second;
- index size: the Whoosh folder, or the SQLite pages of modelsearch's index tables;
- single save: re-indexing one edited object (``backend.add``), median of 20;
- query latency p50/p95: a fixed mix of searches, autocompletes, filters and orderings,
  each taking the first 10 hits through modelsearch's API with the model instances loaded;
- CPU per query: each query's median ``time.process_time`` over the runs, and the p50/p95 of
  those medians over the mix. It counts this process only, but on a small virtual machine it
  still grows with the load (shared caches, stolen time): compare runs taken side by side;
- for Whoosh, the same again "cold": with the postings it keeps for recent words emptied
  before every query (search/backends/whoosh_arrays.py), as for words nobody searched lately.

It runs on modelsearch's own test models (a separate settings block below), so it measures
the backends, not whichever site models exist today.

Search relevance on the site's own demo data, for Whoosh and modelsearch's database backend:

    .venv/bin/python tests/benchmarks/search_bench.py --relevance [--worst 5] [--show-all]

For each backend, in a fresh process with its own temporary database, data folder and index
(``SEARCH_BACKEND`` set, ``pbsite.settings.test``): ``migrate``, ``load_demo``,
``update_index``, then every query in ``search_queries.yaml`` through ``search.site.search_site``
as an anonymous visitor. It prints MRR@10 and nDCG@10 per backend, a per-kind breakdown, and
the worst queries with the rank of their first relevant hit (see ``relevance.py``).
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from io import StringIO
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_DIR))

WORK_DIR = Path(tempfile.mkdtemp(prefix="bc-search-bench-"))
INDEX_DIR = WORK_DIR / "whoosh-index"

BACKENDS = {
    "whoosh": {"BACKEND": "search.backends.whoosh", "PATH": str(INDEX_DIR), "AUTO_UPDATE": False},
    "sqlite-fts5": {"BACKEND": "modelsearch.backends.database.sqlite.sqlite", "AUTO_UPDATE": False},
}


def configure_django():
    import django
    from django.conf import settings

    settings.configure(
        SECRET_KEY="benchmark-only",
        USE_TZ=True,
        INSTALLED_APPS=[
            "modelsearch.test.testapp",
            "modelsearch",
            "taggit",
            "django.contrib.auth",
            "django.contrib.contenttypes",
        ],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(WORK_DIR / "db.sqlite3"),
            }
        },
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        MODELSEARCH_BACKENDS=BACKENDS,
    )
    django.setup()


# --- A synthetic register ---------------------------------------------------------------------

FIRST = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ellie",
    "Farah",
    "Gareth",
    "Hana",
    "Ian",
    "Jas",
    "Kofi",
    "Lena",
    "Mo",
    "Nia",
    "Omar",
    "Priya",
]
LAST = [
    "Adams",
    "Bello",
    "Clarke",
    "Desai",
    "Evans",
    "Fisher",
    "Green",
    "Hussain",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Moss",
]
TOWNS = [
    "Oxford",
    "Banbury",
    "Bicester",
    "Witney",
    "Abingdon",
    "Didcot",
    "Thame",
    "Wantage",
    "Henley",
    "Kidlington",
]
SKILLS = [
    "personal care",
    "hoist transfers",
    "autism support",
    "dementia care",
    "driving with own car",
    "cooking and meal planning",
    "medication prompts",
    "epilepsy awareness",
    "British Sign Language",
    "mental health support",
    "shopping and errands",
    "night sitting",
    "weekend cover",
    "supporting days out",
    "learning disability support",
    "PEG feeding",
    "stoma care",
    "first aid certificate",
]
FILLER = [
    "friendly",
    "reliable",
    "patient",
    "calm",
    "experienced",
    "flexible",
    "punctual",
    "kind",
    "cheerful",
    "trained",
    "checked",
    "insured",
    "local",
    "bilingual",
    "organised",
    "respectful",
]

QUERY_MIX = [
    ("search", "hoist", {}),
    ("search", "personal care Banbury", {}),
    ("search", "autism support Witney", {"operator": "and"}),
    ("search", "dementia night sitting", {}),
    ("search", "weekend cover Oxford", {}),
    ("search", "British Sign Language", {}),
    ("autocomplete", "Ban", {}),
    ("autocomplete", "hoi", {}),
    ("filtered", "personal care", {"number_of_pages__lte": 14}),
    ("ordered", "cooking", {"order_by": "-publication_date"}),
]


def profile(rng, number):
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    town = rng.choice(TOWNS)
    skills = rng.sample(SKILLS, 4)
    words = " ".join(rng.choices(FILLER, k=12))
    summary = (
        f"{name} is a {words} personal assistant near {town}. Skills: {', '.join(skills)}. "
        f"Available {rng.choice(['weekdays', 'evenings', 'weekends', 'mornings'])}, "
        f"can travel to {rng.choice(TOWNS)} and {rng.choice(TOWNS)}. Profile {number}."
    )
    return {
        "title": f"{name}, personal assistant in {town}",
        "summary": summary,
        "number_of_pages": rng.randint(11, 20),  # hourly rate in pounds
        "publication_date": date(2020, 1, 1) + timedelta(days=rng.randint(0, 2000)),
    }


def make_corpus(size):
    from modelsearch.test.testapp.models import Book

    Book.objects.all().delete()
    rng = random.Random(size)
    Book.objects.bulk_create([Book(**profile(rng, n)) for n in range(size)], batch_size=2000)


# --- Measurements -----------------------------------------------------------------------------


def index_size(name):
    if name == "whoosh":
        return sum(f.stat().st_size for f in INDEX_DIR.rglob("*") if f.is_file())
    from django.db import connection

    with connection.cursor() as cursor:
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'modelsearch_%' "
                "OR name LIKE 'modelsearch%fts%'"
            )
            return cursor.fetchone()[0] or 0
        except Exception:
            return None


def build(name):
    from django.core.management import call_command

    if name == "whoosh":
        shutil.rmtree(INDEX_DIR, ignore_errors=True)
    started = time.perf_counter()
    call_command("rebuild_modelsearch_index", backend_name=name, stdout=StringIO())
    return time.perf_counter() - started


def single_save(name):
    from modelsearch.backends import get_search_backend
    from modelsearch.test.testapp.models import Book

    backend = get_search_backend(name)
    books = list(Book.objects.order_by("?")[:20])
    timings = []
    for book in books:
        book.title = f"{book.title} (updated)"
        book.save()
        started = time.perf_counter()
        backend.add(book)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def run_query(name, kind, text, options):
    from modelsearch.test.testapp.models import Book

    queryset = Book.objects.all()
    if kind == "filtered":
        queryset = queryset.filter(**options)
        options = {}
    if kind == "autocomplete":
        return list(Book.objects.autocomplete(text, backend=name)[:10])
    return list(queryset.search(text, backend=name, **options)[:10])


def percentile(sorted_values, fraction):
    return sorted_values[max(int(len(sorted_values) * fraction) - 1, 0)]


def query_latencies(name, runs, cold=False):
    """Wall-clock p50/p95 over every run of the mix, and each query's median CPU time
    (``time.process_time``: this process only, though a loaded machine still inflates it).
    ``cold``: Whoosh's kept postings are emptied before every query (untimed), so every word
    is read from the index again, as for a word nobody has searched for lately."""
    for kind, text, options in QUERY_MIX:  # warm up caches and searchers
        run_query(name, kind, text, dict(options))
    wall, cpu = [], {query: [] for query in range(len(QUERY_MIX))}
    for _ in range(runs):
        for query, (kind, text, options) in enumerate(QUERY_MIX):
            if cold:
                from search.backends import whoosh_arrays

                whoosh_arrays.POSTINGS.clear()
            started, started_cpu = time.perf_counter(), time.process_time()
            run_query(name, kind, text, dict(options))
            cpu[query].append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
    wall.sort()
    medians = [statistics.median(timings) for timings in cpu.values()]
    return wall[len(wall) // 2], percentile(wall, 0.95), medians


def print_cpu(size, name, medians):
    """Each query's median CPU time, and the p50/p95 of those medians over the mix."""
    ordered = sorted(medians)
    print(
        f"        {name} at {size}: CPU per query (median of runs), p50 "
        f"{percentile(ordered, 0.5) * 1000:.1f} ms, p95 {percentile(ordered, 0.95) * 1000:.1f} ms"
    )
    for (kind, text, options), median in zip(QUERY_MIX, medians, strict=True):
        extra = f" {options}" if options else ""
        print(f"          {median * 1000:>8.1f} ms  {kind:<12} {text!r}{extra}")


def hit_counts(name):
    from modelsearch.backends import get_search_backend
    from modelsearch.test.testapp.models import Book

    backend = get_search_backend(name)
    return [backend.search(text, Book).count() for _, text, _ in QUERY_MIX[:3]]


def human_size(size):
    if size is None:
        return "n/a"
    return f"{size / 1_048_576:.1f} MB"


# --- Relevance on the demo data (--relevance) -------------------------------------------------

RELEVANCE_BACKENDS = ["whoosh", "database"]
RELEVANCE_SETTINGS = "pbsite.settings.test"


def _relevance():
    from tests.benchmarks import relevance

    return relevance


def fresh_postgres(url):
    """Drop and create the PostgreSQL database ``url`` names, so each run starts empty."""
    from urllib.parse import urlparse

    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def relevance_environment(backend, folder, database_url=None):
    """A site of its own: database, data folder, index and media inside ``folder`` (or the
    PostgreSQL database ``database_url``, emptied first)."""
    env = dict(os.environ)
    if database_url:
        fresh_postgres(database_url)
    env.update(
        DJANGO_SETTINGS_MODULE=RELEVANCE_SETTINGS,
        SEARCH_BACKEND=backend,
        DATA_DIR=str(folder),
        DATABASE_URL=database_url or f"sqlite:///{folder / 'db.sqlite3'}",
        SEARCH_INDEX_DIR=str(folder / "search-index"),
        MEDIA_ROOT=str(folder / "media"),
        REDIS_URL="",
        PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT_DIR), env.get("PYTHONPATH")])),
    )
    return env


def run_step(label, command, env, log):
    started = time.perf_counter()
    completed = subprocess.run(
        command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, check=False
    )
    seconds = time.perf_counter() - started
    if completed.returncode:
        raise RuntimeError(f"{label} failed (exit {completed.returncode}); see {log.name}")
    return seconds


def relevance_for_backend(backend, folder, queries, database_url=None):
    """Build the demo site for ``backend`` in ``folder`` and run the judged queries there."""
    env = relevance_environment(backend, folder, database_url)
    manage = [sys.executable, str(PROJECT_DIR / "manage.py")]
    output = folder / "results.json"
    worker = [sys.executable, str(Path(__file__).resolve()), "--relevance-worker", str(output)]
    if queries:
        worker += ["--queries", str(queries)]
    timings = {}
    with open(folder / "log.txt", "w") as log:
        for label, command in [
            ("migrate", manage + ["migrate", "--noinput"]),
            ("load_demo", manage + ["load_demo"]),
            ("update_index", manage + ["update_index"]),
            ("queries", worker),
        ]:
            timings[label] = run_step(f"{backend}: {label}", command, env, log)
    return json.loads(output.read_text()), timings


def relevance_worker(output, queries):
    """In the child process: Django set up from the environment, queries run, JSON written."""
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser

    from search.registry import site_search
    from search.spelling import rebuild_vocabulary

    # What the worker's task does on a running site (a request never builds it).
    rebuild_vocabulary.call()
    relevance = _relevance()
    judgements = relevance.load_judgements(queries or relevance.QUERIES_FILE)
    started = time.perf_counter()
    results = relevance.run_queries(judgements)
    seconds = time.perf_counter() - started
    visible = []
    for kind in site_search:
        for obj in kind.visible_to(AnonymousUser()):
            visible.append(kind.describe(obj).url)
    output.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "visible_urls": visible,
                "results": [
                    {
                        "query": r.judgement.query,
                        "urls": r.urls,
                        "kinds": r.kinds,
                        "total": r.total,
                        "error": r.error,
                    }
                    for r in results
                ],
            }
        )
    )


def relevance_main(arguments):
    relevance = _relevance()
    queries = arguments.queries.resolve() if arguments.queries else None
    queries_file = queries or relevance.QUERIES_FILE
    judgements = relevance.load_judgements(queries_file)
    by_query = {j.query: j for j in judgements}
    print(f"Search relevance: {len(judgements)} judged queries from {queries_file}")
    summaries = {}
    failed = False
    for backend in arguments.relevance_backends:
        folder = Path(tempfile.mkdtemp(prefix=f"bc-relevance-{backend}-"))
        try:
            data, timings = relevance_for_backend(backend, folder, queries, arguments.database_url)
        except RuntimeError as error:
            print(f"\n{backend}: {error}")
            log = folder / "log.txt"
            if log.exists():
                print("".join(log.read_text().splitlines(keepends=True)[-30:]))
            failed = True
            continue  # the folder is kept, to look into
        if not arguments.keep:
            shutil.rmtree(folder, ignore_errors=True)
        results = [
            relevance.QueryResult(
                by_query[row["query"]],
                urls=row["urls"],
                kinds=row["kinds"],
                total=row["total"],
                error=row["error"],
            )
            for row in data["results"]
        ]
        summary = relevance.summarise(results)
        summaries[backend] = summary
        steps = ", ".join(f"{label} {seconds:.0f}s" for label, seconds in timings.items())
        print(f"\n== {backend} ({steps}{'; kept in ' + str(folder) if arguments.keep else ''})")
        missing = relevance.missing_urls(judgements, data["visible_urls"])
        if missing:
            print(f"   judged URLs that no visible object has: {', '.join(missing)}")
        print(
            f"   MRR@10 {summary['mrr']:.3f}   nDCG@10 {summary['ndcg']:.3f}   "
            f"relevant hit in top 10: {summary['found']}/{summary['queries']}   "
            f"no hits at all: {summary['empty']}   errors: {summary['errors']}   "
            f"queries took {data['seconds']:.1f}s"
        )
        print(f"   {'kind':<10} {'queries':>7} {'MRR@10':>7} {'nDCG@10':>8}")
        for kind, figures in summary["kinds"].items():
            print(
                f"   {kind:<10} {figures['queries']:>7} {figures['mrr']:>7.3f} "
                f"{figures['ndcg']:>8.3f}"
            )
        print(f"   {'class':<10} {'queries':>7} {'MRR@10':>7} {'nDCG@10':>8}")
        for name, figures in summary["classes"].items():
            print(
                f"   {name:<10} {figures['queries']:>7} {figures['mrr']:>7.3f} "
                f"{figures['ndcg']:>8.3f}"
            )
        listed = results if arguments.show_all else relevance.worst(results, arguments.worst)
        print(f"   {'all queries' if arguments.show_all else 'worst queries'}:")
        for result in listed:
            rank = result.first_rank()
            best = [url for url, grade in result.judgement.relevant.items() if grade == 2]
            top = ", ".join(
                f"{kind}:{url.split('#service-')[0]}"
                for kind, url in zip(result.kinds[:3], result.urls[:3], strict=False)
            )
            print(
                f"   - {result.judgement.query!r}: first relevant at "
                f"{rank if rank else 'none'} (nDCG {result.ndcg():.2f}, {result.total} hits)"
                + (f" ERROR {result.error}" if result.error else "")
            )
            print(f"       wanted {', '.join(best)}; got {top or 'nothing'}")
    if len(summaries) > 1:
        print(f"\n{'backend':<10} {'MRR@10':>7} {'nDCG@10':>8}")
        for backend, summary in summaries.items():
            print(f"{backend:<10} {summary['mrr']:>7.3f} {summary['ndcg']:>8.3f}")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--runs", type=int, default=30, help="passes over the query mix")
    parser.add_argument("--backends", nargs="+", choices=list(BACKENDS), default=list(BACKENDS))
    parser.add_argument(
        "--rebuild-processes",
        type=int,
        default=None,
        help="Whoosh's REBUILD_PROCESSES (default: the backend's own default)",
    )
    relevance = parser.add_argument_group("relevance (instead of speed)")
    relevance.add_argument(
        "--relevance", action="store_true", help="MRR@10 and nDCG@10 of the site search"
    )
    relevance.add_argument(
        "--relevance-backends",
        nargs="+",
        choices=RELEVANCE_BACKENDS,
        default=RELEVANCE_BACKENDS,
        metavar="BACKEND",
        help=f"SEARCH_BACKEND values to compare (default: {' '.join(RELEVANCE_BACKENDS)})",
    )
    relevance.add_argument("--queries", type=Path, default=None, help="judged queries (YAML)")
    relevance.add_argument(
        "--database-url",
        default=None,
        help="a PostgreSQL database to build each site in (dropped and created afresh)",
    )
    relevance.add_argument("--worst", type=int, default=5, help="how many worst queries to list")
    relevance.add_argument("--show-all", action="store_true", help="list every query's ranks")
    relevance.add_argument("--keep", action="store_true", help="keep the temporary folders")
    relevance.add_argument("--relevance-worker", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()

    if arguments.relevance_worker:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
        relevance_worker(arguments.relevance_worker, arguments.queries)
        return
    if arguments.relevance:
        shutil.rmtree(WORK_DIR, ignore_errors=True)
        sys.exit(relevance_main(arguments))

    if arguments.rebuild_processes:
        BACKENDS["whoosh"]["REBUILD_PROCESSES"] = arguments.rebuild_processes
    configure_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"Search benchmark (work folder {WORK_DIR})")
    print(
        f"{'docs':>7} {'backend':<12} {'build docs/s':>12} {'size':>9} "
        f"{'save ms':>8} {'p50 ms':>7} {'p95 ms':>7}  hits(hoist, care Banbury, autism Witney)"
    )
    try:
        for size in arguments.sizes:
            make_corpus(size)
            for name in arguments.backends:
                seconds = build(name)
                size_on_disk = index_size(name)
                save = single_save(name)
                p50, p95, cpu_medians = query_latencies(name, arguments.runs)
                print(
                    f"{size:>7} {name:<12} {size / seconds:>12.0f} {human_size(size_on_disk):>9} "
                    f"{save * 1000:>8.1f} {p50 * 1000:>7.2f} {p95 * 1000:>7.2f}  "
                    f"{hit_counts(name)}",
                    flush=True,
                )
                print_cpu(size, name, cpu_medians)
                if name == "whoosh":
                    p50, p95, cpu_medians = query_latencies(name, arguments.runs, cold=True)
                    print(
                        f"{size:>7} {'whoosh-cold':<12} {'':>12} {'':>9} {'':>8} "
                        f"{p50 * 1000:>7.2f} {p95 * 1000:>7.2f}  (no postings kept)",
                        flush=True,
                    )
                    print_cpu(size, "whoosh-cold", cpu_medians)
    finally:
        shutil.rmtree(WORK_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
