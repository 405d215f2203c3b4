"""Load test of the production set-up: nginx, two web workers and the task worker, on PostgreSQL
and Redis, with the demo data. Run by ``make loadtest`` (tests/benchmarks/loadtest.sh starts
everything through the deploy/ scripts first); it needs the same environment as the workers.

For ``--seconds`` (60) it sends mixed traffic through nginx, closed-loop (each client sends its
next request when the last one answered):

- anonymous reading: home, log-in page, forum index, topics, guides, pools board, register;
- searching: ``/search/?q=`` with questions people ask;
- signed-in forum posting: replies to one topic (then the topic page, as the browser would);
- pool joining: signed-in people join open groups;
- 200 WebSockets, signed in, following that topic: every new post must reach every socket.

It prints requests/s and p50/p95/p99 per page kind, errors, and the live-update delivery latency
(POST sent to event received; nginx spreads the sockets over both workers, so most events cross
from one worker to the other through Redis). It exits non-zero on any 5xx or failed request, any
lost write (replies and joins answered as saved but not in the database) or any undelivered live
message. The figures are a benchmark, not an assertion: the README keeps the last run.
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbsite.settings.production")

import django  # noqa: E402

django.setup()

import httpx  # noqa: E402
from websockets.asyncio.client import connect as ws_connect  # noqa: E402

SEARCHES = [
    "direct payment",
    "personal assistant",
    "respite",
    "carers assessment",
    "Oxford",
    "wheelchair",
    "individual service fund",
    "payroll",
    "pool a PA",
    "annual review",
]
POSTS_PER_PERSON = 7  # under the forum's 8 posts per person in 10 minutes
POST_EVERY = 4.0  # seconds, per posting client: a busy evening's forum, many times over
STRAGGLERS = 30  # seconds to wait, after the load, for live updates still on their way
CSRF = secrets.token_hex(16)  # Django accepts any 32-character secret as cookie and token


def prepare(sockets: int, run_id: str) -> dict:
    """People, a topic to post in and groups to join; session cookies made the way a log-in
    makes them (no password hashing, no log-in rate limit in the way)."""
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from wagtail.models import Page

    from accounts.models import User
    from forum.models import Category, Post, Topic
    from pooling.models import Pool

    def person(kind: str, n: int) -> User:
        email = f"load-{run_id}-{kind}{n}@example.com"
        user = User.objects.create_user(
            email=email, password=None, display_name=f"Load {kind} {n}", email_preference="never"
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    def cookie(user: User) -> str:
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; csrftoken={CSRF}"

    category = Category.objects.order_by("pk").first()
    posters = [person("poster", n) for n in range(48)]
    topic = Topic.objects.create(category=category, title=f"Load test {run_id}", author=posters[0])
    for user in posters:  # two approved posts each: trusted, so replies go out at once
        for _ in range(2):
            Post.objects.create(topic=topic, author=user, body_markdown="Warming up.")
    topic.refresh_stats()
    joiners = [person("joiner", n) for n in range(30)]
    pools = [
        Pool.objects.create(
            coordinator=posters[0],
            title=f"Load test group {n}",
            description="A group for the load test.",
            category="shared_pa",
            districts=["OX4"],
            cost_per_session_pence=6000,
            min_members=2,
            max_members=40,
            payment_routes=["direct_payment", "managed_account"],
        )
        for n in range(6)
    ]
    listeners = [person("listener", n) for n in range(max(1, sockets // 4))]
    public_topics = Topic.objects.filter(
        is_private=False, hidden=False, approved=True, category__isnull=False
    ).exclude(pk=topic.pk)
    pages = [
        page.get_url()
        for page in Page.objects.live().public().filter(depth__gte=3).specific()[:12]
        if page.get_url()
    ]
    reading = [("home", "/"), ("log-in page", "/accounts/login/"), ("forum index", "/forum/")]
    reading += [("topic", t.get_absolute_url()) for t in public_topics.order_by("-pk")[:8]]
    reading += [("guide or page", url) for url in pages]
    reading += [("pools board", "/pools/"), ("register", "/register/")]
    return {
        "topic_id": topic.pk,
        "topic_url": topic.get_absolute_url(),
        "posters": [cookie(u) for u in posters],
        "poster_ids": [u.pk for u in posters],
        "joiners": [(u.pk, cookie(u)) for u in joiners],
        "pools": [p.pk for p in pools],
        "listeners": [cookie(u) for u in listeners],
        "reading": reading,
    }


class Results:
    def __init__(self):
        self.timings = defaultdict(list)  # kind -> seconds
        self.statuses = defaultdict(lambda: defaultdict(int))  # kind -> status -> count
        self.failures = []  # (kind, description)
        self.posts = {}  # post id -> monotonic time its POST was sent
        self.refused_posts = 0
        self.joins = []  # (user id, pool id) answered as joined
        self.arrivals = defaultdict(dict)  # socket number -> {post id: monotonic time}
        self.socket_errors = []


async def timed(client, results, kind, method, url, **kwargs):
    start = time.monotonic()
    try:
        response = await client.request(method, url, **kwargs)
    except httpx.HTTPError as error:
        results.failures.append((kind, f"{method} {url}: {type(error).__name__} {error}"))
        return None
    results.timings[kind].append(time.monotonic() - start)
    results.statuses[kind][response.status_code] += 1
    if response.status_code >= 500:
        results.failures.append((kind, f"{method} {url}: {response.status_code}"))
    return response


async def reader(client, plan, results, deadline):
    rng = random.Random()
    while time.monotonic() < deadline:
        kind, url = rng.choice(plan["reading"])
        await timed(client, results, kind, "GET", url)


async def searcher(client, results, deadline):
    rng = random.Random()
    while time.monotonic() < deadline:
        await timed(
            client, results, "search", "GET", "/search/", params={"q": rng.choice(SEARCHES)}
        )


async def poster(client, plan, results, deadline, people, origin):
    """Replies from ``people`` in turn, each at most POSTS_PER_PERSON times, one every
    POST_EVERY seconds."""
    url = f"{plan['topic_url']}"
    turns = [cookie for cookie in people for _ in range(POSTS_PER_PERSON)]
    random.shuffle(turns)
    for n, cookie in enumerate(turns):
        if time.monotonic() >= deadline:
            return
        headers = {"Cookie": cookie, "Origin": origin}
        sent = time.monotonic()
        body = f"Load test reply {n}: has anyone used a payroll service for a PA this year?"
        response = await timed(
            client,
            results,
            "forum post (POST)",
            "POST",
            url,
            data={"body": body, "csrfmiddlewaretoken": CSRF},
            headers=headers,
        )
        if response is None:
            continue
        location = response.headers.get("location", "")
        if response.status_code == 302 and "#post-" in location:
            results.posts[int(location.rsplit("#post-", 1)[1])] = sent
            await timed(client, results, "topic (signed in)", "GET", url, headers=headers)
        elif response.status_code < 500:
            results.refused_posts += 1
        await asyncio.sleep(max(0.0, POST_EVERY - (time.monotonic() - sent)))


async def joiner(client, plan, results, deadline, people, origin):
    turns = [(person, pool) for person in people for pool in plan["pools"]]
    random.shuffle(turns)
    for (user_id, cookie), pool in turns:
        if time.monotonic() >= deadline:
            return
        headers = {"Cookie": cookie, "Origin": origin}
        response = await timed(
            client,
            results,
            "pool join (POST)",
            "POST",
            f"/pools/{pool}/join/",
            data={"pays_with": "direct_payment", "use": "1", "csrfmiddlewaretoken": CSRF},
            headers=headers,
        )
        if response is not None and response.status_code == 302:
            results.joins.append((user_id, pool))
            await timed(
                client, results, "pool page (signed in)", "GET", f"/pools/{pool}/", headers=headers
            )
        await asyncio.sleep(0.3)


async def open_socket(number, ws_url, origin, cookie, topic_id, results, ready):
    try:
        async with ws_connect(
            ws_url, origin=origin, additional_headers={"Cookie": cookie}, open_timeout=30
        ) as socket:
            await socket.send(json.dumps({"follow": "topic", "id": topic_id}))
            while True:
                message = json.loads(await socket.recv())
                if message.get("type") == "following":
                    ready.set_result(True)
                elif message.get("type") == "event" and message.get("event") == "post":
                    results.arrivals[number][message["post_id"]] = time.monotonic()
    except asyncio.CancelledError:
        raise
    except Exception as error:
        results.socket_errors.append(f"socket {number}: {type(error).__name__} {error}")
        if not ready.done():
            ready.set_result(False)


def quantiles(values):
    if len(values) < 2:
        value = values[0] if values else 0.0
        return value, value, value
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


async def run(plan, args) -> tuple[Results, float]:
    results = Results()
    base = args.url.rstrip("/")
    ws_url = base.replace("http", "ws", 1) + "/ws/"
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    loop = asyncio.get_running_loop()
    sockets, ready = [], []
    for number in range(args.sockets):
        future = loop.create_future()
        cookie = plan["listeners"][number % len(plan["listeners"])]
        ready.append(future)
        sockets.append(
            asyncio.create_task(
                open_socket(number, ws_url, base, cookie, plan["topic_id"], results, future)
            )
        )
        if number % 20 == 19:
            await asyncio.gather(*ready[-20:])
    opened = sum(1 for future in await asyncio.gather(*ready) if future)
    print(f"{opened} of {args.sockets} WebSockets open and following the load-test topic")

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        start = time.monotonic()
        deadline = start + args.seconds
        posters = plan["posters"]
        joiners = plan["joiners"]
        tasks = [reader(client, plan, results, deadline) for _ in range(args.readers)]
        tasks += [searcher(client, results, deadline) for _ in range(args.searchers)]
        tasks += [
            poster(client, plan, results, deadline, posters[n :: args.posters], base)
            for n in range(args.posters)
        ]
        tasks += [
            joiner(client, plan, results, deadline, joiners[n :: args.joiners], base)
            for n in range(args.joiners)
        ]
        await asyncio.gather(*tasks)
        elapsed = time.monotonic() - start

    # Every post made must reach every socket: wait for stragglers, then stop listening.
    expected = set(results.posts)
    wait_until = time.monotonic() + STRAGGLERS
    while time.monotonic() < wait_until and any(
        expected - set(results.arrivals[n]) for n in range(args.sockets)
    ):
        await asyncio.sleep(0.2)
    for task in sockets:
        task.cancel()
    await asyncio.gather(*sockets, return_exceptions=True)
    return results, elapsed


def check_writes(plan, results) -> list[str]:
    from forum.models import Post
    from pooling.models import Membership

    problems = []
    saved = set(
        Post.objects.filter(pk__in=list(results.posts), topic_id=plan["topic_id"]).values_list(
            "pk", flat=True
        )
    )
    lost = set(results.posts) - saved
    if lost:
        problems.append(f"{len(lost)} replies answered as saved are not in the database")
    joined = set(
        Membership.objects.filter(pool_id__in=plan["pools"]).values_list("user_id", "pool_id")
    )
    lost_joins = set(results.joins) - joined
    if lost_joins:
        problems.append(f"{len(lost_joins)} joins answered as saved are not in the database")
    return problems


def report(results, elapsed, args) -> list[str]:
    total = sum(len(t) for t in results.timings.values())
    print(f"\n{total} requests in {elapsed:.0f} s through nginx: {total / elapsed:.1f} requests/s")
    print(f"{'kind':<24}{'n':>6}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  statuses")
    for kind in sorted(results.timings, key=lambda k: -len(results.timings[k])):
        values = results.timings[kind]
        p50, p95, p99 = quantiles(values)
        statuses = ", ".join(f"{s}: {c}" for s, c in sorted(results.statuses[kind].items()))
        print(
            f"{kind:<24}{len(values):>6}{len(values) / elapsed:>8.1f}"
            f"{p50 * 1000:>9.0f}{p95 * 1000:>9.0f}{p99 * 1000:>9.0f}  {statuses}"
        )
    problems = [f"{kind}: {what}" for kind, what in results.failures[:20]]
    if len(results.failures) > 20:
        problems.append(f"... and {len(results.failures) - 20} more failed requests")
    print(
        f"\nreplies posted: {len(results.posts)} (refused by a form or limit: "
        f"{results.refused_posts}); pool joins: {len(results.joins)}"
    )
    latencies, missing = [], 0
    for number in range(args.sockets):
        arrivals = results.arrivals[number]
        for post_id, sent in results.posts.items():
            if post_id in arrivals:
                latencies.append(arrivals[post_id] - sent)
            else:
                missing += 1
    if latencies:
        p50, p95, p99 = quantiles(latencies)
        print(
            f"live updates: {len(latencies)} deliveries to {args.sockets} sockets, POST sent to "
            f"event received p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"p99 {p99 * 1000:.0f} ms, slowest {max(latencies) * 1000:.0f} ms; "
            f"undelivered: {missing}"
        )
    if missing:
        problems.append(f"{missing} live updates never reached their socket")
    if not results.posts:
        problems.append("no reply was posted, so nothing was tested live")
    problems += results.socket_errors[:10]
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("SITE_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--sockets", type=int, default=200)
    parser.add_argument("--readers", type=int, default=12)
    parser.add_argument("--searchers", type=int, default=3)
    parser.add_argument("--posters", type=int, default=4)
    parser.add_argument("--joiners", type=int, default=3)
    args = parser.parse_args()
    plan = prepare(args.sockets, secrets.token_hex(3))
    print(
        f"Load test: {args.seconds:.0f} s against {args.url}; {args.readers} readers, "
        f"{args.searchers} searchers, {args.posters} posters, {args.joiners} joiners, "
        f"{args.sockets} WebSockets"
    )
    results, elapsed = asyncio.run(run(plan, args))
    problems = report(results, elapsed, args) + check_writes(plan, results)
    if problems:
        print("\nFAILED:\n  " + "\n  ".join(problems))
        return 1
    print("\nNo server errors, no lost writes, every live update delivered.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
