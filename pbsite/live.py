"""Live streams a signed-in page may follow over its one WebSocket, beside the personal group.

A part registers a stream kind with a permission check, for example the forum::

    live.register_stream("topic", lambda user, topic_id: Topic.objects.visible_to(user)
                         .filter(pk=topic_id).exists())

The page then sends ``{"follow": "topic", "id": 12}`` and gets the events published with
``live.publish("topic", 12, {...})``. Streams nobody may see are refused silently.

Access is checked again before every event reaches a socket, so someone who left a group, was
removed from a conversation or blocked hears nothing more even if their page still follows it.
Where access ends, the part also calls ``live.end_access(user_id, "topic", 12)``: after the
change commits, that person's open sockets stop following the stream.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from .request_parsing import whole_number

logger = logging.getLogger("budgetcircle.live")

_streams: dict[str, Callable[[object, int], bool]] = {}


def register_stream(kind: str, can_follow: Callable[[object, int], bool]) -> None:
    _streams[kind] = can_follow


def stream_group(kind: str, object_id: int) -> str:
    return f"{kind}.{int(object_id)}"


def can_follow(user, kind: str, object_id) -> bool:
    check = _streams.get(kind)
    object_id = whole_number(object_id, low=1)
    return bool(check and object_id is not None and check(user, object_id))


def publish(kind: str, object_id: int, event: dict) -> None:
    """Send an event to everyone following a stream; never fails the caller's request.

    ``stream_id`` travels with the message so each socket can check, as it forwards the event,
    that its person may still follow the stream; the page does not get it."""
    send_to_group(
        stream_group(kind, object_id),
        {"type": "stream.event", "stream": kind, **event, "stream_id": int(object_id)},
    )


def end_access(user_id: int, kind: str, object_id: int) -> None:
    """``user_id`` may no longer follow this stream (they left, were removed or blocked, or
    their account closed): once the change is committed, their open sockets stop following
    it. Each socket checks again first, so someone who has access back keeps the stream."""
    from .notifications import user_group

    message = {"type": "access.ended", "stream": kind, "id": int(object_id)}
    transaction.on_commit(lambda: send_to_group(user_group(user_id), message))


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
