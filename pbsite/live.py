"""Live streams a signed-in page may follow over its one WebSocket, beside the personal group.

A part registers a stream kind with a permission check, for example the forum::

    live.register_stream("topic", lambda user, topic_id: Topic.objects.visible_to(user)
                         .filter(pk=topic_id).exists())

The page then sends ``{"follow": "topic", "id": 12}`` and gets the events published with
``live.publish("topic", 12, {...})``. Streams nobody may see are refused silently.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger("budgetcircle.live")

_streams: dict[str, Callable[[object, int], bool]] = {}


def register_stream(kind: str, can_follow: Callable[[object, int], bool]) -> None:
    _streams[kind] = can_follow


def stream_group(kind: str, object_id: int) -> str:
    return f"{kind}.{int(object_id)}"


def can_follow(user, kind: str, object_id) -> bool:
    check = _streams.get(kind)
    try:
        return bool(check and check(user, int(object_id)))
    except (TypeError, ValueError):
        return False


def publish(kind: str, object_id: int, event: dict) -> None:
    """Send an event to everyone following a stream; never fails the caller's request."""
    send_to_group(stream_group(kind, object_id), {"type": "stream.event", "stream": kind, **event})


#: The event loop serving this process's sockets, once one has connected. The in-memory layer
#: wakes a socket's reader only from that loop, so a thread the server did not start (the task
#: worker inside the web process) sends through it rather than through a loop of its own.
_socket_loop: asyncio.AbstractEventLoop | None = None


def remember_socket_loop() -> None:
    """Called by a socket as it connects, on the loop that serves it."""
    global _socket_loop
    _socket_loop = asyncio.get_running_loop()


def send_to_group(group: str, message: dict) -> None:
    """Send one channel-layer message from sync code. Live updates are a bonus: a channel
    layer that is down is logged, never raised into the request that caused the update."""
    try:
        loop = _socket_loop
        if loop is not None and loop.is_running():
            send = get_channel_layer().group_send(group, message)
            asyncio.run_coroutine_threadsafe(send, loop).result(timeout=10)
        else:
            async_to_sync(get_channel_layer().group_send)(group, message)
    except Exception:
        logger.exception("Could not send %s to %s", message.get("type"), group)
