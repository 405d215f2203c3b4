"""A live stream closes when access ends: leaving a pool group, being taken out of a
conversation, being blocked, deleting the account. What is said afterwards reaches the people
still in the group and nobody who has gone, even though their page is still open.

Run on the configured channel layer: in memory by default, Redis in CI's second run.
"""

import asyncio
import time
import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from accounts.privacy import delete_account
from conversations import services as conversations
from forum import posting
from pbsite import live
from pbsite.asgi import application
from pooling import services
from pooling.models import Pool
from tests.people import make_user as make_person
from tests.pooling.test_pools import make_pool

pytestmark = pytest.mark.django_db(transaction=True)

TIMEOUT = 10  # generous: CI machines are shared and Redis adds a hop


@pytest.fixture(autouse=True)
def _no_rate_limits_left_over():
    cache.clear()
    yield
    cache.clear()


def run(scenario):
    return async_to_sync(scenario)()


def make_user(name):
    """A new address each time: these tests commit, so the same name may meet itself."""
    return make_person(name, email=f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.com")


def cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


async def connect(user) -> WebsocketCommunicator:
    cookie = await database_sync_to_async(cookie_for)(user)
    socket = WebsocketCommunicator(
        application, "/ws/", headers=[(b"cookie", cookie), (b"origin", b"http://testserver")]
    )
    connected, _ = await socket.connect(timeout=TIMEOUT)
    assert connected
    return socket


async def follow(socket, kind, object_id):
    """Follow a stream the way a page does, and wait until the server says it is followed."""
    await socket.send_json_to({"follow": kind, "id": object_id})
    while True:
        message = await socket.receive_json_from(timeout=TIMEOUT)
        if message["type"] == "following":
            assert message == {"type": "following", "stream": kind, "id": object_id}
            return


async def next_event(socket, **expected):
    """The next stream event with these fields (notifications on the same socket are skipped)."""
    while True:
        message = await socket.receive_json_from(timeout=TIMEOUT)
        if message["type"] == "event" and all(message.get(k) == v for k, v in expected.items()):
            return message


async def events_heard(socket, seconds=1.0) -> list[dict]:
    """Every stream event that arrives within ``seconds`` (notifications are not events)."""
    heard = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while (left := deadline - loop.time()) > 0:
        if await socket.receive_nothing(timeout=min(left, 0.2)):
            continue
        message = await socket.receive_json_from(timeout=TIMEOUT)
        if message["type"] == "event":
            heard.append(message)
    return heard


@database_sync_to_async
def pool_of_three():
    ann, bo, cy = make_user("Ann"), make_user("Bo"), make_user("Cy")
    pool = make_pool(ann, max_members=4)
    for person in (ann, bo, cy):
        services.join(pool, person, pays_with="direct_payment")
    pool = Pool.objects.select_related("conversation").get(pk=pool.pk)
    assert pool.conversation_id
    return pool, ann, bo, cy


async def say_in_the_group(pool, ann):
    """Ann writes in the group's conversation, and the pool's page hears a change."""
    await database_sync_to_async(posting.reply)(pool.conversation, ann, "Friday at seven?")
    await database_sync_to_async(live.publish)("pool", pool.pk, {"state": "after"})


def test_leaving_a_pool_group_closes_its_streams():
    async def scenario():
        pool, ann, bo, cy = await pool_of_three()
        bo_socket, cy_socket = await connect(bo), await connect(cy)
        for socket in (bo_socket, cy_socket):
            await follow(socket, "pool", pool.pk)
            await follow(socket, "topic", pool.conversation_id)

        await database_sync_to_async(services.leave)(pool, bo)
        await say_in_the_group(pool, ann)

        assert (await next_event(cy_socket, stream="topic"))["html"]
        assert await next_event(cy_socket, stream="pool", state="after")
        assert await events_heard(bo_socket) == []
        for socket in (bo_socket, cy_socket):
            await socket.disconnect()

    run(scenario)


def test_deleting_the_account_closes_its_streams():
    async def scenario():
        pool, ann, bo, cy = await pool_of_three()
        bo_socket, cy_socket = await connect(bo), await connect(cy)
        for socket in (bo_socket, cy_socket):
            await follow(socket, "pool", pool.pk)
            await follow(socket, "topic", pool.conversation_id)

        await database_sync_to_async(delete_account)(bo)
        # The deleted account's socket is closed outright, before anything else is said.
        assert await bo_socket.receive_output(timeout=TIMEOUT) == {
            "type": "websocket.close",
            "code": 4403,
        }
        await say_in_the_group(pool, ann)

        assert await next_event(cy_socket, stream="topic")
        assert await next_event(cy_socket, stream="pool", state="after")
        assert await bo_socket.receive_nothing(timeout=1)
        await cy_socket.disconnect()

    run(scenario)


def test_taken_out_of_a_conversation_hears_nothing_more():
    async def scenario():
        maya, tom, sam = await database_sync_to_async(
            lambda: (make_user("Maya"), make_user("Tom"), make_user("Sam"))
        )()
        topic = await database_sync_to_async(conversations.start_conversation)(
            maya, [tom, sam], "All three", "Hello both"
        )
        tom_socket, sam_socket = await connect(tom), await connect(sam)
        for socket in (tom_socket, sam_socket):
            await follow(socket, "topic", topic.pk)

        await database_sync_to_async(conversations.remove_participant)(topic, tom)
        await database_sync_to_async(posting.reply)(topic, maya, "Just us two now, Sam")

        assert "Just us two now" in (await next_event(sam_socket, stream="topic"))["html"]
        assert await events_heard(tom_socket) == []
        for socket in (tom_socket, sam_socket):
            await socket.disconnect()

    run(scenario)


def test_blocked_in_a_conversation_of_two_hears_nothing_more():
    async def scenario():
        maya, tom = await database_sync_to_async(lambda: (make_user("Maya"), make_user("Tom")))()
        topic = await database_sync_to_async(conversations.start_conversation)(
            tom, [maya], "Hello", "Hello Maya"
        )
        maya_socket, tom_socket = await connect(maya), await connect(tom)
        for socket in (maya_socket, tom_socket):
            await follow(socket, "topic", topic.pk)

        await database_sync_to_async(conversations.block)(maya, tom)
        await database_sync_to_async(posting.reply)(topic, maya, "Please stop writing to me")

        assert "Please stop" in (await next_event(maya_socket, stream="topic"))["html"]
        assert await events_heard(tom_socket) == []
        for socket in (maya_socket, tom_socket):
            await socket.disconnect()

    run(scenario)


def test_the_server_drops_the_stream_when_access_ends():
    """Not only each event checked: the socket leaves the stream's group, so a stream whose
    check would let them back in (they rejoined) must be followed again to be heard."""

    async def scenario():
        pool, ann, bo, cy = await pool_of_three()
        bo_socket = await connect(bo)
        await follow(bo_socket, "pool", pool.pk)

        await database_sync_to_async(services.leave)(pool, bo)
        await asyncio.sleep(1)  # the "access ended" message reaches Bo's socket
        await database_sync_to_async(services.join)(pool, bo, pays_with="direct_payment")
        await database_sync_to_async(live.publish)("pool", pool.pk, {"state": "rejoined"})
        assert await events_heard(bo_socket) == []

        await follow(bo_socket, "pool", pool.pk)
        await database_sync_to_async(live.publish)("pool", pool.pk, {"state": "welcome back"})
        assert await next_event(bo_socket, stream="pool", state="welcome back")
        await bo_socket.disconnect()

    run(scenario)


def test_an_access_check_never_waits_behind_the_thread_pages_are_rendered_in(monkeypatch):
    """The load test's live updates arrived seconds late: before each event reached a socket,
    Channels closed old database connections, and the socket checked access, both in the one
    thread a worker's pages are rendered in, so every event waited behind every page being
    served. Here that thread is busy for longer than the test waits, and the event arrives
    anyway, checked (a due check that said no would stop it, as the end shows)."""
    from asgiref.sync import sync_to_async

    from pbsite import consumers

    monkeypatch.setattr(consumers, "ACCESS_RECHECK_SECONDS", 0)  # every event is checked

    async def scenario():
        pool, ann, bo, cy = await pool_of_three()
        bo_socket = await connect(bo)
        await follow(bo_socket, "pool", pool.pk)
        pages_thread_busy = asyncio.ensure_future(sync_to_async(time.sleep)(TIMEOUT + 3))
        await asyncio.sleep(0.2)
        await database_sync_to_async(live.publish, thread_sensitive=False)(
            "pool", pool.pk, {"state": "while busy"}
        )
        assert await next_event(bo_socket, stream="pool", state="while busy")
        assert not pages_thread_busy.done()
        await pages_thread_busy
        # And the check still decides: once Bo has left (without the "access ended" message
        # a change would send), the next due check stops his events.
        await database_sync_to_async(
            lambda: pool.memberships.filter(user=bo).update(status="left")
        )()
        await database_sync_to_async(live.publish)("pool", pool.pk, {"state": "after"})
        assert await events_heard(bo_socket) == []
        await bo_socket.disconnect()

    run(scenario)
