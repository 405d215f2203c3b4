"""Live pool updates reach members' sockets, and never anyone else's."""

import asyncio

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from pbsite.consumers import UserConsumer
from pooling import services
from pooling.rules import PoolEvent

from .test_pools import make_pool, make_user


async def connect(user):
    communicator = WebsocketCommunicator(UserConsumer.as_asgi(), "/ws/")
    communicator.scope["user"] = user
    connected, _ = await communicator.connect(timeout=10)
    assert connected
    return communicator


@pytest.mark.django_db(transaction=True)
def test_state_change_is_pushed_to_members_only():
    ann, bo, outsider = make_user("Ann"), make_user("Bo"), make_user("Eve")
    pool = make_pool(ann, min_members=2)
    services.join(pool, ann, pays_with="direct_payment")

    async def scenario():
        member = await connect(ann)
        stranger = await connect(outsider)
        await member.send_json_to({"follow": "pool", "id": pool.pk})
        assert (await member.receive_json_from(timeout=10))["type"] == "following"
        await stranger.send_json_to({"follow": "pool", "id": pool.pk})
        assert await stranger.receive_nothing(timeout=0.3)

        await sync_to_async(services.join)(pool, bo, pays_with="isf")  # forming -> viable

        # Notifications arrive too; read until the pool event (a timeout here fails the test).
        seen = []
        while not any(m.get("stream") == "pool" for m in seen):
            seen.append(await member.receive_json_from(timeout=10))
            assert len(seen) < 10, seen
        assert seen[-1]["state"] == "viable"
        assert await stranger.receive_nothing(timeout=0.3)
        await member.disconnect()
        await stranger.disconnect()

    asyncio.run(scenario())


@pytest.mark.django_db
def test_coordinator_can_follow_but_a_non_member_cannot():
    ann, eve = make_user("Ann"), make_user("Eve")
    pool = make_pool(ann)
    assert services.is_member_or_coordinator(ann, pool.pk)
    assert not services.is_member_or_coordinator(eve, pool.pk)
    services.join(pool, eve, pays_with="isf")
    assert services.is_member_or_coordinator(eve, pool.pk)
    services.leave(pool, eve)
    assert not services.is_member_or_coordinator(eve, pool.pk)
    services.coordinator_action(pool, ann, PoolEvent.CANCEL)
