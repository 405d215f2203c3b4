"""Requests sent at the same moment from separate signed-in browsers, for race tests.

Each request runs in its own thread with its own database connection, released by one barrier,
so the server really handles them concurrently (on SQLite and on PostgreSQL)."""

from __future__ import annotations

import threading

from django.db import close_old_connections, connection
from django.test import Client


def post_at_once(user, url: str, payloads: list) -> list:
    """POST each payload to ``url`` as ``user``, all at once; the answers, in payload order."""
    clients = []
    for _ in payloads:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        clients.append(client)
    barrier = threading.Barrier(len(payloads))
    answers: list = [None] * len(payloads)

    def post(index, client, data):
        close_old_connections()
        try:
            barrier.wait(timeout=30)
            answers[index] = client.post(url, data)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(index, client, data))
        for index, (client, data) in enumerate(zip(clients, payloads, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert all(answer is not None for answer in answers), "a request did not finish"
    return answers
