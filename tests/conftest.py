import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and counters live in the cache: every test starts from an empty one."""
    cache.clear()
    yield
    cache.clear()


def pytest_collection_modifyitems(items):
    """Transactional tests (live server, sockets, real concurrency) flush the database when they
    end; serialized rollback puts back what migrations created (the Wagtail root page, content
    types, taxonomies), so the tests after them in the same process still find it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and marker.kwargs.get("transaction")
        fixtures = getattr(item, "fixturenames", [])
        wants_rollback = transactional or {"live_server", "transactional_db"} & set(fixtures)
        if wants_rollback and "django_db_serialized_rollback" not in fixtures:
            fixtures.append("django_db_serialized_rollback")


@pytest.fixture
def chromium():
    """A headless Debian Chromium for one test. Playwright's sync API runs an event loop in this
    thread, so it is closed after each test: async tests after it need the thread free."""
    import os

    from playwright.sync_api import sync_playwright

    from tests.browser_support import CHROMIUM_ARGS, require_chromium

    path = require_chromium()
    # Playwright's sync API keeps an event loop in this thread; the ORM calls tests make around
    # it are still plain synchronous code, so Django's async-safety guard does not apply.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=path, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()
