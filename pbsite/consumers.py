import json
import random
import time

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model

from . import live
from .notifications import user_group
from .request_parsing import whole_number

# How long a socket trusts its last access check before asking the database again. Every path
# that ends access also tells the socket at once (``live.end_access``, ``account_closed``), so
# this only bounds how stale an answer can be for a change that forgot to; without it a busy
# stream costs two queries per event per socket, and 200 sockets fall minutes behind.
ACCESS_RECHECK_SECONDS = 15
# Each socket waits a little longer than that, by a random part of it, so that the hundred
# sockets that began following a busy topic together do not all ask the database on the same
# event (a burst that held that event back for every one of them).
ACCESS_RECHECK_SPREAD = 0.5


def _access_check(func):
    """Run an access check in the thread pool, not in the one thread Django's synchronous views
    share (``thread_sensitive``): a live event must not wait behind every page being rendered
    in this worker, nor each socket's check behind every other socket's."""
    return database_sync_to_async(func, thread_sensitive=False)


class UserConsumer(AsyncJsonWebsocketConsumer):
    """One socket per open page of a signed-in person: their notifications and followed streams."""

    async def dispatch(self, message):
        """Channels' own ``dispatch`` first closes old database connections through
        ``sync_to_async``, in the one thread a worker's synchronous views share: every event
        for every open socket waited behind every page being rendered (the load test's live
        updates arrived seconds late). Nothing here touches the database but through
        ``database_sync_to_async``, which tidies the connections of the thread it runs in."""
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=4401)
            return
        self.user = user
        self.access_checked_at: dict[str, float] = {}  # stream group -> when access was last read
        self.access_recheck_after = ACCESS_RECHECK_SECONDS * (
            1 + random.random() * ACCESS_RECHECK_SPREAD
        )
        live.remember_socket_loop()
        self.groups_joined = [user_group(user.pk)]
        await self.channel_layer.group_add(self.groups_joined[0], self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # Pages only send small JSON messages; anything else is ignored, never an error.
        if text_data is not None and len(text_data) <= 1000:
            await super().receive(text_data=text_data, **kwargs)

    @classmethod
    async def decode_json(cls, text_data):
        try:
            return json.loads(text_data)
        except ValueError:
            return None

    async def receive_json(self, content, **kwargs):
        if not isinstance(content, dict) or "follow" not in content:
            return
        kind, object_id = content.get("follow"), whole_number(content.get("id"), low=1)
        if not isinstance(kind, str) or object_id is None or len(self.groups_joined) > 20:
            return
        if await database_sync_to_async(live.can_follow)(self.user, kind, object_id):
            group = live.stream_group(kind, object_id)
            if group not in self.groups_joined:
                await self.channel_layer.group_add(group, self.channel_name)
                self.groups_joined.append(group)
            self.access_checked_at[group] = time.monotonic()
            await self.send_json({"type": "following", "stream": kind, "id": object_id})

    async def notification_new(self, event):
        await self.send_json({**event, "type": "notification"})

    async def stream_event(self, event):
        """Forward an event only while this person may still follow its stream."""
        kind, object_id = event.get("stream"), event.get("stream_id")
        group = live.stream_group(kind, object_id) if object_id is not None else None
        if group is None or group not in self.groups_joined:
            return
        checked_at = self.access_checked_at.get(group, 0.0)
        if time.monotonic() - checked_at > self.access_recheck_after:
            if not await _access_check(self._may_follow)(kind, object_id):
                await self._stop_following(group)
                return
            self.access_checked_at[group] = time.monotonic()
        await self.send_json(
            {**{key: value for key, value in event.items() if key != "stream_id"}, "type": "event"}
        )

    async def access_ended(self, event):
        """Sent to the personal group where access ends (see ``live.end_access``)."""
        kind, object_id = event.get("stream"), event.get("id")
        if not isinstance(kind, str) or not isinstance(object_id, int):
            return
        group = live.stream_group(kind, object_id)
        if group in self.groups_joined and not await _access_check(self._may_follow)(
            kind, object_id
        ):
            await self._stop_following(group)

    def _may_follow(self, kind: str, object_id: int) -> bool:
        """Access as it is now: the person read afresh (their account may have closed or their
        role changed since the socket opened), then the stream's own check."""
        user = get_user_model()._default_manager.filter(pk=self.user.pk, is_active=True).first()
        return user is not None and live.can_follow(user, kind, object_id)

    async def _stop_following(self, group: str) -> None:
        self.access_checked_at.pop(group, None)
        if group in self.groups_joined:
            self.groups_joined.remove(group)
            await self.channel_layer.group_discard(group, self.channel_name)

    async def account_closed(self, event):
        """The account was suspended or deleted: stop sending it anything."""
        await self.close(code=4403)
