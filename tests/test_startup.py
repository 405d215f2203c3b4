"""The web server's entry points settle the process before serving (``pbsite.startup``)."""

import gc
import importlib


def test_the_asgi_application_freezes_what_start_up_made_and_still_serves():
    gc.unfreeze()
    try:
        asgi = importlib.reload(importlib.import_module("pbsite.asgi"))
        assert gc.get_freeze_count() > 10_000
        assert asgi.application is not None
    finally:
        gc.unfreeze()
