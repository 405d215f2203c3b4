"""The one WebSocket at /ws/: who may connect, the personal group, and followed streams.

These run on whatever CHANNEL_LAYERS the settings configure: the in-memory layer by default, and
Redis when REDIS_URL is set (CI's second run), so the same tests prove both.
"""

import uuid

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from pbsite import live, moderation
from pbsite.asgi import application
from pbsite.notifications import user_group
from tests.people import make_user as make_person

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()
TIMEOUT = 10  # generous: CI machines are shared and Redis adds a hop


def run(scenario):
    return async_to_sync(scenario)()


def make_user(name, **extra):
    """A new address each time: these tests commit, so the same name may meet itself."""
    return make_person(name, email=f"{name.lower()}-{uuid.uuid4().hex[:6]}@example.com", **extra)


def cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


def communicator(cookie: bytes = b"") -> WebsocketCommunicator:
    headers = [(b"origin", b"http://testserver")]
    if cookie:
        headers.append((b"cookie", cookie))
    return WebsocketCommunicator(application, "/ws/", headers=headers)


async def connect(user) -> WebsocketCommunicator:
    socket = communicator(await database_sync_to_async(cookie_for)(user))
    connected, _ = await socket.connect(timeout=TIMEOUT)
    assert connected
    return socket


@pytest.fixture
def secret_stream():
    """A real stream kind, registered the way every part registers its own: only Maya may follow
    number 7."""
    kind = f"test-{uuid.uuid4().hex[:8]}"
    live.register_stream(
        kind, lambda user, object_id: user.display_name == "Maya" and object_id == 7
    )
    yield kind
    live._streams.pop(kind, None)


def test_the_configured_channel_layer_is_in_use():
    layer = get_channel_layer()
    expected = "RedisChannelLayer" if settings.REDIS_URL else "InMemoryChannelLayer"
    assert type(layer).__name__ == expected


def test_anonymous_connections_are_refused():
    async def scenario():
        connected, code = await communicator().connect(timeout=TIMEOUT)
        assert not connected and code == 4401

    run(scenario)


def test_a_forged_session_cookie_is_refused():
    async def scenario():
        socket = communicator(f"{settings.SESSION_COOKIE_NAME}=not-a-real-session".encode())
        connected, code = await socket.connect(timeout=TIMEOUT)
        assert not connected and code == 4401

    run(scenario)


def test_a_suspended_person_is_refused():
    async def scenario():
        user = await database_sync_to_async(make_user)("Sus")
        cookie = await database_sync_to_async(cookie_for)(user)
        await database_sync_to_async(moderation.suspend_user)(user)
        connected, _ = await communicator(cookie).connect(timeout=TIMEOUT)
        assert not connected

    run(scenario)


def test_a_signed_in_person_joins_their_personal_group_only():
    async def scenario():
        maya, tom = await database_sync_to_async(lambda: (make_user("Maya"), make_user("Tom")))()
        maya_socket, tom_socket = await connect(maya), await connect(tom)

        await get_channel_layer().group_send(
            user_group(maya.pk), {"type": "notification.new", "id": 1, "text": "Hello Maya"}
        )

        message = await maya_socket.receive_json_from(timeout=TIMEOUT)
        assert message["type"] == "notification" and message["text"] == "Hello Maya"
        assert await tom_socket.receive_nothing(timeout=0.5)
        await maya_socket.disconnect()
        await tom_socket.disconnect()

    run(scenario)


def test_follow_a_stream_only_when_permitted(secret_stream):
    async def scenario():
        maya, tom = await database_sync_to_async(lambda: (make_user("Maya"), make_user("Tom")))()
        maya_socket, tom_socket = await connect(maya), await connect(tom)

        await maya_socket.send_json_to({"follow": secret_stream, "id": 7})
        assert await maya_socket.receive_json_from(timeout=TIMEOUT) == {
            "type": "following",
            "stream": secret_stream,
            "id": 7,
        }
        await tom_socket.send_json_to({"follow": secret_stream, "id": 7})
        await maya_socket.send_json_to({"follow": secret_stream, "id": 8})
        await maya_socket.send_json_to({"follow": "not-registered", "id": 7})
        assert await tom_socket.receive_nothing(timeout=0.5)
        assert await maya_socket.receive_nothing(timeout=0.5)

        await database_sync_to_async(live.publish)(secret_stream, 7, {"text": "for 7"})
        await database_sync_to_async(live.publish)(secret_stream, 8, {"text": "for 8"})

        event = await maya_socket.receive_json_from(timeout=TIMEOUT)
        assert event == {"type": "event", "stream": secret_stream, "text": "for 7"}
        assert await maya_socket.receive_nothing(timeout=0.5), "not following 8"
        assert await tom_socket.receive_nothing(timeout=0.5), "refused, so hears nothing"
        await maya_socket.disconnect()
        await tom_socket.disconnect()

    run(scenario)


def test_junk_from_the_page_is_ignored_and_the_socket_stays_usable(secret_stream):
    async def scenario():
        maya = await database_sync_to_async(make_user)("Maya")
        socket = await connect(maya)
        for junk in ["not json", "[1, 2]", '"follow"', "{}", "x" * 10_000, "\x00"]:
            await socket.send_to(text_data=junk)
        await socket.send_to(bytes_data=b"\x00\x01")
        for bad in [
            {"follow": secret_stream, "id": "seven"},
            {"follow": secret_stream, "id": None},
            {"follow": secret_stream, "id": [7]},
            {"follow": ["list"], "id": 7},
            {"follow": "<script>", "id": 7},
        ]:
            await socket.send_json_to(bad)
        assert await socket.receive_nothing(timeout=0.5)

        await socket.send_json_to({"follow": secret_stream, "id": 7})
        reply = await socket.receive_json_from(timeout=TIMEOUT)
        assert reply["type"] == "following"
        await socket.disconnect()

    run(scenario)


def test_odd_numbers_as_a_stream_id_are_no_id_at_all(secret_stream):
    """JSON allows what ``int()`` chokes on or misreads: ``Infinity`` (an OverflowError that
    ended the socket), ``1e400``, floats, numbers past 64 bits, and digits from other scripts
    ("７" read as 7). None of them follows anything, and the socket stays usable (issue 13,
    item 4)."""

    async def scenario():
        maya = await database_sync_to_async(make_user)("Maya")
        socket = await connect(maya)
        for raw_id in [
            "Infinity",
            "-Infinity",
            "NaN",
            "1e400",
            "7.0",
            "7.5",
            "99999999999999999999",
            "-7",
            "true",
            '"\uff17"',  # full-width 7
            '"\u0667"',  # Arabic-Indic 7
            '"7\u0000"',
            '" 7"',
            '"+7"',
            '"7_0"',
        ]:
            await socket.send_to(text_data=f'{{"follow": "{secret_stream}", "id": {raw_id}}}')
        assert await socket.receive_nothing(timeout=0.5)

        await socket.send_to(text_data=f'{{"follow": "{secret_stream}", "id": "7"}}')
        reply = await socket.receive_json_from(timeout=TIMEOUT)
        assert reply == {"type": "following", "stream": secret_stream, "id": 7}
        await socket.disconnect()

    run(scenario)


def test_suspending_someone_closes_their_open_sockets():
    async def scenario():
        user = await database_sync_to_async(make_user)("Troll")
        socket = await connect(user)
        await database_sync_to_async(moderation.suspend_user)(user)
        closed = await socket.receive_output(timeout=TIMEOUT)
        assert closed == {"type": "websocket.close", "code": 4403}

    run(scenario)


def test_deleting_an_account_closes_its_open_sockets():
    from accounts.privacy import delete_account

    async def scenario():
        user = await database_sync_to_async(make_user)("Leaving")
        socket = await connect(user)
        await database_sync_to_async(delete_account)(user)
        closed = await socket.receive_output(timeout=TIMEOUT)
        assert closed == {"type": "websocket.close", "code": 4403}

    run(scenario)
