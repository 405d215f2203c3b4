"""Forum benchmark: render time of a 200-post topic, and live-update latency to 50 sockets.

    .venv/bin/python tests/benchmarks/forum_bench.py

Uses a throwaway test database and the in-memory channel layer (set REDIS_URL to try Redis).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pbsite.settings.test")
os.environ.setdefault("SEARCH_BACKEND", "database")

import django  # noqa: E402

django.setup()

from asgiref.sync import async_to_sync, sync_to_async  # noqa: E402
from channels.testing import WebsocketCommunicator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

SOCKETS = 50


def build():
    from accounts.models import User
    from forum import posting
    from forum.models import Category, Post, Topic

    people = [
        User.objects.create_user(email=f"bench{i}@example.com", display_name=f"Bench {i}")
        for i in range(SOCKETS + 1)
    ]
    category = Category.objects.create(name="Bench", slug="bench")
    topic = Topic.objects.create(category=category, title="A long topic", author=people[0])
    for i in range(200):
        Post.objects.create(topic=topic, author=people[i % 5], body_markdown=f"Post **{i}**")
    for person in people[1:]:
        posting.set_watch(person, topic, "muted")  # time the live path, not notifications
    return people, topic


def time_render(topic, viewer):
    client = Client()
    client.force_login(viewer)
    client.get(topic.get_absolute_url())
    timings = []
    for _ in range(10):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(topic.get_absolute_url())
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200
    return statistics.median(timings), len(queries)


def cookie(user):
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


async def time_live(topic, author, listeners):
    from forum import posting
    from pbsite.asgi import application

    sockets = []
    for person in listeners:
        headers = [(b"cookie", await sync_to_async(cookie)(person)), (b"origin", b"http://x")]
        socket = WebsocketCommunicator(application, "/ws/", headers=headers)
        assert (await socket.connect())[0]
        await socket.send_json_to({"follow": "topic", "id": topic.pk})
        await socket.receive_json_from(timeout=10)
        sockets.append(socket)
    start = time.perf_counter()
    await sync_to_async(posting.reply)(topic, author, "Live message")
    arrivals = []
    for socket in sockets:
        event = await socket.receive_json_from(timeout=10)
        while event.get("type") != "event":
            event = await socket.receive_json_from(timeout=10)
        arrivals.append(time.perf_counter() - start)
    for socket in sockets:
        await socket.disconnect()
    return statistics.median(arrivals), max(arrivals)


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        people, topic = build()
        render, queries = time_render(topic, people[1])
        print(f"200-post topic: median render {render * 1000:.0f} ms, {queries} SQL queries")
        median, worst = async_to_sync(time_live)(topic, people[0], people[1 : SOCKETS + 1])
        print(
            f"Live update to {SOCKETS} sockets (post saved to message received): "
            f"median {median * 1000:.0f} ms, slowest {worst * 1000:.0f} ms"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
