"""Page speed on a site grown to 100x the demo: each page's median as a ratio to the log-in page's.

    make bench-grow                                   # or:
    .venv/bin/python tests/benchmarks/grow_bench.py [--factor 100] [--runs 5] [--only search]

Builds the demo in a throwaway test database and a temporary DATA_DIR (its own search index),
then copies the register (PA profiles, each with an account of its own), the directory
(organisations with their services and the districts they cover) and the forum (topics with
their first post) ``factor - 1`` times, each copy's text varied with words drawn from the
demo's own (``bulk_create``: no save signals, so the PAs' coverage rows are written beside
them), and rebuilds the search index once. Then it
times every page type of tests/accessibility/pages.py, plus a few place searches, with the
machinery of ``page_speed.py``: the same table, the same log-in baseline.

Target (issue 15): the search page within 3x the log-in page here too. A benchmark that
prints, not a timed test.
"""

import copy as copying
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

DATA_DIR = Path(tempfile.mkdtemp(prefix="bc-grow-"))
os.environ["DATA_DIR"] = str(DATA_DIR)  # before the settings are read (page_speed sets up)
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks import page_speed  # noqa: E402  (sets Django up)

PLACE_SEARCHES = [
    ("search, a PA near a town", "/search/?q=find+a+PA+near+Banbury", None),
    ("search, PA in a district", "/search/?q=PA+in+OX4", None),
    ("search, one word", "/search/?q=hoist", None),
]


def _varied(text: str, rng: random.Random, words: list[str]) -> str:
    return f"{text} {' '.join(rng.sample(words, 6))}"


def _fresh_pk(obj) -> None:
    pk = obj._meta.pk
    obj.pk = pk.get_default() if pk.has_default() else None
    obj._state.adding = True


def grow(factor: int, seed: int = 15) -> dict[str, int]:
    """Copy the register, directory and forum ``factor - 1`` times (bulk inserts)."""
    import uuid

    from django.contrib.auth import get_user_model

    from directory.models import Organisation, Service, ServiceArea
    from forum.models import Post, Topic
    from pa_register.coverage import coverage_rows
    from pa_register.models import PACoverage, PAProfile

    rng = random.Random(seed)
    words = sorted(
        {
            word.strip(".,;:!?()").lower()
            for profile in PAProfile.objects.all()
            for word in profile.about.split()
            if len(word) > 3
        }
    )
    User = get_user_model()
    profiles = list(PAProfile.objects.select_related("user"))
    for copy in range(1, factor):
        users = []
        for profile in profiles:
            user = profile.user
            _fresh_pk(user)
            user.email = f"grow{copy}-{profile.pk}@grown.example"
            user.password = "!"
            users.append(user)
        users = User.objects.bulk_create(users, batch_size=500)
        clones = []
        originals = PAProfile.objects.order_by("pk")[: len(profiles)]
        for original, user in zip(originals, users, strict=True):
            _fresh_pk(original)
            original.user = user
            original.about = _varied(original.about, rng, words)
            clones.append(original)
        PAProfile.objects.bulk_create(clones, batch_size=500)
        PACoverage.objects.bulk_create(coverage_rows(clones), batch_size=1000)

    organisations = list(Organisation.objects.all())
    services = list(Service.objects.all())
    areas = list(ServiceArea.objects.all())
    for copy in range(1, factor):
        new_orgs, org_map = [], {}
        for org in Organisation.objects.filter(pk__in=[o.pk for o in organisations]):
            old = org.pk
            _fresh_pk(org)
            org.slug = f"{org.slug[:40]}-{copy}"
            org_map[old] = org
            new_orgs.append(org)
        Organisation.objects.bulk_create(new_orgs, batch_size=500)
        new_services, service_map = [], {}
        for service in Service.objects.filter(pk__in=[s.pk for s in services]):
            old = service.pk
            _fresh_pk(service)
            service.uuid = uuid.uuid4()
            service.organisation = org_map[service.organisation_id]
            service.description = _varied(service.description, rng, words)
            service_map[old] = service
            new_services.append(service)
        Service.objects.bulk_create(new_services, batch_size=500)
        new_areas = []
        for area in areas:
            new_areas.append(
                ServiceArea(
                    service=service_map[area.service_id], district=area.district, name=area.name
                )
            )
        ServiceArea.objects.bulk_create(new_areas, batch_size=1000)

    topics = list(Topic.objects.filter(is_private=False))
    first_posts = {}
    for post in Post.objects.filter(topic__in=topics).order_by("created", "pk"):
        first_posts.setdefault(post.topic_id, post)
    for _ in range(1, factor):
        new_topics, new_posts = [], []
        for topic in Topic.objects.filter(pk__in=[t.pk for t in topics]):
            old = topic.pk
            _fresh_pk(topic)
            topic.title = _varied(topic.title, rng, words)
            topic.solved_post = None
            new_topics.append((old, topic))
        Topic.objects.bulk_create([topic for _, topic in new_topics], batch_size=500)
        for old, topic in new_topics:
            post = first_posts.get(old)
            if post is None:
                continue
            clone = copying.copy(post)
            _fresh_pk(clone)
            clone.topic = topic
            clone.reply_to = None
            clone.body_markdown = _varied(clone.body_markdown, rng, words)
            new_posts.append(clone)
        Post.objects.bulk_create(new_posts, batch_size=500)
    return {
        "PA profiles": PAProfile.objects.count(),
        "services": Service.objects.count(),
        "topics": Topic.objects.count(),
    }


def main():
    import argparse
    import logging

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, default=100, help="copies of the demo (100)")
    parser.add_argument("--runs", type=int, default=5, help="timed requests per page (5)")
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    args = parser.parse_args()
    logging.getLogger("django.request").setLevel(logging.ERROR)

    from tests.accessibility.pages import PAGES

    pages = [
        page
        for page in [*PAGES, *PLACE_SEARCHES]
        if page[0] == page_speed.LOGIN or args.only.lower() in page[0].lower()
    ]
    settings.DEBUG = False
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        started = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            call_command("load_demo", stdout=quiet)
            sizes = grow(args.factor)
            grown = time.perf_counter()
            call_command("update_index", stdout=quiet)
        print(
            f"Grown {args.factor}x in {grown - started:.0f} s, indexed in "
            f"{time.perf_counter() - grown:.0f} s: "
            + ", ".join(f"{count:,} {name}" for name, count in sizes.items())
        )
        page_speed.report(page_speed.measure(pages, args.runs))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(DATA_DIR, ignore_errors=True)


if __name__ == "__main__":
    main()
