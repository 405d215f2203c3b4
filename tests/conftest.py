import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and counters live in the cache: every test starts from an empty one."""
    cache.clear()
    yield
    cache.clear()


def _flushes_database(item):
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction")
    fixtures = getattr(item, "fixturenames", [])
    return bool(transactional or {"live_server", "transactional_db"} & set(fixtures))


def pytest_collection_modifyitems(items):
    """Transactional tests (live server, sockets, real concurrency) start from what migrations
    created (the Wagtail root page, content types, taxonomies): serialized rollback loads it.
    pytest-django reads ``serialized_rollback`` from the marker, so the marker carries it."""
    for item in items:
        if not _flushes_database(item):
            continue
        marker = item.get_closest_marker("django_db")
        options = dict(marker.kwargs) if marker else {}
        options.update(transaction=True, serialized_rollback=True)
        item.add_marker(pytest.mark.django_db(**options), append=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test empties the database when it ends, and Django only refills it when
    the next transactional test starts. Under xdist the next test in this process may be an
    ordinary one, so refill it here, straight after the flush."""
    result = yield
    # After the last test the test database is already gone: nothing to refill.
    if nextitem is not None and _flushes_database(item):
        _restore_migration_data(item.config)
    return result


def _restore_migration_data(config):
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


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
