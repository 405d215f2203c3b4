import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import live
from .notifications import user_group


class UserConsumer(AsyncJsonWebsocketConsumer):
    """One socket per open page of a signed-in person: their notifications and followed streams."""

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated or not user.is_active:
            await self.close(code=4401)
            return
        self.user = user
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
        kind, object_id = content.get("follow"), content.get("id")
        if not isinstance(kind, str) or len(self.groups_joined) > 20:
            return
        if await database_sync_to_async(live.can_follow)(self.user, kind, object_id):
            group = live.stream_group(kind, object_id)
            if group not in self.groups_joined:
                await self.channel_layer.group_add(group, self.channel_name)
                self.groups_joined.append(group)
            await self.send_json({"type": "following", "stream": kind, "id": int(object_id)})

    async def notification_new(self, event):
        await self.send_json({**event, "type": "notification"})

    async def stream_event(self, event):
        await self.send_json({**event, "type": "event"})

    async def account_closed(self, event):
        """The account was suspended or deleted: stop sending it anything."""
        await self.close(code=4403)
