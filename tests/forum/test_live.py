"""New posts reach the people following a topic over their WebSocket, and nobody else."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from conversations.services import start_conversation
from forum import posting
from pbsite.asgi import application

from .conftest import make_user, trusted_member

pytestmark = pytest.mark.django_db(transaction=True)


def run(scenario):
    """Each test is an async scenario run to the end (no async test plugin needed)."""
    return async_to_sync(scenario)()


def cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


async def connect(user):
    cookie = await database_sync_to_async(cookie_for)(user)
    communicator = WebsocketCommunicator(
        application, "/ws/", headers=[(b"cookie", cookie), (b"origin", b"http://testserver")]
    )
    connected, _ = await communicator.connect(timeout=10)
    assert connected
    return communicator


async def follow(communicator, topic_id):
    await communicator.send_json_to({"follow": "topic", "id": topic_id})


@database_sync_to_async
def setup_conversation():
    maya, tom = trusted_member("Maya H"), trusted_member("Tom C")
    outsider = make_user("Outsider")
    topic = start_conversation(maya, [tom], "Our chat", "Hello Tom")
    return maya, tom, outsider, topic


def test_participant_receives_a_new_post_and_outsider_is_refused():
    run(_participant_receives_a_new_post_and_outsider_is_refused)


async def _participant_receives_a_new_post_and_outsider_is_refused():
    maya, tom, outsider, topic = await setup_conversation()
    tom_socket = await connect(tom)
    outsider_socket = await connect(outsider)

    await follow(tom_socket, topic.pk)
    assert await tom_socket.receive_json_from(timeout=10) == {
        "type": "following",
        "stream": "topic",
        "id": topic.pk,
    }
    await follow(outsider_socket, topic.pk)
    assert await outsider_socket.receive_nothing(timeout=0.3)

    post = await database_sync_to_async(posting.reply)(topic, maya, "Are you free on **Friday**?")

    event = await tom_socket.receive_json_from(timeout=10)
    while event["type"] != "event":  # the notification of the message may come first
        event = await tom_socket.receive_json_from(timeout=10)
    assert event["stream"] == "topic" and event["event"] == "post"
    assert event["post_id"] == post.pk and event["author"] == "Maya H"
    assert "<strong>Friday</strong>" in event["html"]
    assert f'id="post-{post.pk}"' in event["html"]
    assert await outsider_socket.receive_nothing(timeout=0.3)

    await tom_socket.disconnect()
    await outsider_socket.disconnect()


def test_posts_waiting_for_approval_are_not_sent_live():
    run(_posts_waiting_for_approval_are_not_sent_live)


async def _posts_waiting_for_approval_are_not_sent_live():
    maya, tom, newcomer, _ = await setup_conversation()

    @database_sync_to_async
    def public_topic():
        from forum.models import Category

        category = Category.objects.create(name="Carers", slug="carers")
        return posting.create_topic(maya, category, "A public question", "Hello")

    topic = await public_topic()
    tom_socket = await connect(tom)
    await follow(tom_socket, topic.pk)
    await tom_socket.receive_json_from(timeout=10)
    waiting = await database_sync_to_async(posting.reply)(topic, newcomer, "First post, waits")
    assert not waiting.approved
    assert await tom_socket.receive_nothing(timeout=0.3)
    await tom_socket.disconnect()


def test_signed_out_socket_is_closed():
    run(_signed_out_socket_is_closed)


async def _signed_out_socket_is_closed():
    communicator = WebsocketCommunicator(
        application, "/ws/", headers=[(b"origin", b"http://testserver")]
    )
    connected, _ = await communicator.connect(timeout=10)
    assert not connected
    await asyncio.sleep(0)
