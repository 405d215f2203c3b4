"""PA register benchmark: the "Find a PA" page's p50/p95 time at 1,000 and 10,000 PAs.

    .venv/bin/python tests/benchmarks/register_bench.py [--sizes 1000 10000] [--runs 30]

Builds a synthetic register in a throwaway test database (SQLite unless DATABASE_URL is set;
the search backend is SEARCH_BACKEND, the database one by default), then times whole page
requests through Django's test client for three typical searches, and prints the SQL query
count of each, which must not grow with the register.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbsite.settings.test")
os.environ.setdefault("SEARCH_BACKEND", "database")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SEARCHES = {
    "no filters": "/register/",
    "area + skill + times + rate": (
        "/register/?where=OX4&skills=hoist&days=tue&days=thu&times=morning&max_rate=14"
    ),
    "free text + area": "/register/?q=friendly+cooking&where=OX26",
}
DISTRICTS = ["OX1", "OX2", "OX3", "OX4", "OX14", "OX16", "OX26", "OX28", "OX11", "OX44"]


def build(size: int, rng: random.Random) -> None:
    from django.utils import timezone
    from modelsearch.backends import get_search_backend

    from accounts.models import User
    from pa_register import availability
    from pa_register.coverage import coverage_rows
    from pa_register.models import PACoverage, PAProfile, Skill, TaggedSkill

    PAProfile.objects.all().delete()
    User.objects.filter(email__endswith="@bench.example").delete()
    skills = [
        Skill.objects.get_or_create(name=name, defaults={"curated": True})[0]
        for name in ("Hoist", "PEG feeding", "Autism", "Dementia", "Epilepsy", "Cooking")
    ]
    users = User.objects.bulk_create(
        User(email=f"pa{n}@bench.example", display_name=f"Bench PA {n}", password="!")
        for n in range(size)
    )
    now = timezone.now()
    profiles = PAProfile.objects.bulk_create(
        PAProfile(
            user=user,
            about=rng.choice(["Friendly and calm.", "I love cooking.", "Experienced PA."]),
            kinds=rng.sample(["personal_care", "domestic", "social", "driving"], k=2),
            districts=rng.sample(DISTRICTS, k=2),
            availability=availability.to_mask(rng.sample(availability.ALL_SLOTS, k=8)),
            rate_min_pence=rng.choice([1100, 1200, 1300, 1500]),
            work_arrangements=["self_employed"],
            languages=["English"],
            last_confirmed=now - timezone.timedelta(days=rng.randint(0, 200)),
        )
        for user in users
    )
    # bulk_create sends no save signals: the coverage rows are written here.
    PACoverage.objects.bulk_create(coverage_rows(profiles), batch_size=1000)
    TaggedSkill.objects.bulk_create(
        TaggedSkill(content_object=profile, tag=skill)
        for profile in profiles
        for skill in rng.sample(skills, k=2)
    )
    backend = get_search_backend()
    index = backend.get_index_for_model(PAProfile)
    queryset = PAProfile.objects.select_related("user").prefetch_related("skills")
    for start in range(0, size, 1000):
        index.add_items(PAProfile, list(queryset.order_by("pk")[start : start + 1000]))


def time_search(client: Client, url: str, runs: int):
    client.get(url)  # warm up
    timings, queries = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        queries = len(captured.captured_queries)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, queries, response.context["total"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        for size in args.sizes:
            started = time.perf_counter()
            build(size, random.Random(size))
            print(f"\n{size:,} PAs (built in {time.perf_counter() - started:.0f} s)")
            client = Client()
            for label, url in SEARCHES.items():
                p50, p95, queries, total = time_search(client, url, args.runs)
                print(
                    f"  {label:<30} p50 {p50 * 1000:6.0f} ms   p95 {p95 * 1000:6.0f} ms   "
                    f"{queries} SQL queries   {total:,} matches"
                )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
