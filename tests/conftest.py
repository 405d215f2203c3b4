import contextlib
import functools
import multiprocessing
import queue
import shutil
import time
import uuid

import pytest
from daphne.testing import DaphneProcess
from django.core.cache import cache, caches
from hypothesis import settings as hypothesis_settings

# Property tests check what is true, not how fast: on a shared 2-core machine running browsers
# beside them, Hypothesis's default 200 ms deadline per example fails sound code now and then.
hypothesis_settings.register_profile("budget-circle", deadline=None)
hypothesis_settings.load_profile("budget-circle")


def clear_cache():
    """Empty Redis's cache between tests. The default cache is a table in the test database,
    which each test's rollback (or a transactional test's flush) empties by itself, and which a
    test without the database may not touch."""
    from django.core.cache.backends.db import DatabaseCache

    if not isinstance(caches["default"], DatabaseCache):
        cache.clear()
    else:
        caches["default"].local.clear()  # pbsite.caching: what each process keeps itself
    caches["derived"].clear()


@pytest.fixture(autouse=True)
def site_language_between_tests():
    """Every test starts in the site's language. A request to a /pl/ page activates Polish in
    this thread and nothing deactivates it (each real request activates its own), so the next
    test's ``reverse()`` would give /pl/ addresses and its pages would answer in Polish."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def fresh_cache():
    """allauth's counters and cached words live in the cache: every test starts from none."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def memos_begun(request, fresh_cache):
    """What a started process has (pbsite.startup.settle): the memos' tokens, so the memos
    keep what they work out, as on the site, and a test sees whether a change reaches them."""
    from django.core.cache.backends.db import DatabaseCache

    from pbsite.caching import begin_memos

    if isinstance(caches["default"], DatabaseCache):
        if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
            request.getfixturevalue("transactional_db")
        elif request.node.get_closest_marker("django_db") or "db" in request.fixturenames:
            request.getfixturevalue("db")
        else:
            return  # no database, so no cache table: the memos keep nothing
    begin_memos()


@pytest.fixture(autouse=True)
def fresh_search_index(tmp_path, settings):
    """Django rolls the database back after each test, but Whoosh's files stay. So each test
    gets an empty Whoosh index of its own, and nothing an earlier test indexed (under ids the
    database hands out again) can turn up in a later one."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if "whoosh" not in backend["BACKEND"]:
        yield
        return
    from search.backends.whoosh_store import forget_everything_under

    path = tmp_path / "search-index"
    overridden = {**settings.WAGTAILSEARCH_BACKENDS, "default": {**backend, "PATH": str(path)}}
    settings.WAGTAILSEARCH_BACKENDS = overridden
    yield
    forget_everything_under(path)


@pytest.fixture(autouse=True)
def search_index_writes_at_commit(request):
    """The site writes the search index only after a commit (``search.indexing``). An ordinary
    (non-transactional) test runs inside Django's test transaction, which never commits, so here
    index writes happen where a real commit would have been: at once outside any block of the
    code's own (autocommit), and when the code's outermost ``atomic`` block ends without error.
    A block that rolls back drops its index writes, as a real rollback does. Only index writes
    are treated so; other commit hooks stay as Django's test case leaves them. Transactional
    tests really commit and need none of this."""
    if "db" not in request.fixturenames and not request.node.get_closest_marker("django_db"):
        yield
        return
    if _flushes_database(request.node):
        yield
        return
    from django.db import connections
    from django.db.transaction import Atomic

    def only_test_blocks(connection) -> bool:
        return all(block._from_testcase for block in connection.atomic_blocks)

    def run_index_writes(connection) -> None:
        waiting = [hook for hook in connection.run_on_commit if _is_index_write(hook[1])]
        connection.run_on_commit = [h for h in connection.run_on_commit if h not in waiting]
        for _, write, _ in waiting:
            write()

    original_exit = Atomic.__exit__

    def exit_then_commit_index_writes(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        connection = connections[self.using or "default"]
        ended_well = exc_type is None and not connection.needs_rollback
        if not self._from_testcase and ended_well and only_test_blocks(connection):
            run_index_writes(connection)
        return result

    original_on_commits = {}
    for connection in connections.all():
        original = connection.on_commit

        def on_commit(func, robust=False, *, connection=connection, original=original):
            if _is_index_write(func) and only_test_blocks(connection):
                return func()
            return original(func, robust)

        original_on_commits[connection] = original
        connection.on_commit = on_commit
    Atomic.__exit__ = exit_then_commit_index_writes
    try:
        yield
    finally:
        Atomic.__exit__ = original_exit
        for connection in original_on_commits:
            del connection.on_commit


def _is_index_write(func) -> bool:
    return getattr(func, "search_index_write", False)


@pytest.fixture
def maya(db):
    """A member who signed up and verified her address (the accounts tests' usual person)."""
    from tests.people import make_user

    return make_user("Maya H", verified=True)


@pytest.fixture
def tom(db):
    from tests.people import make_user

    return make_user("Tom C", verified=True)


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


@pytest.fixture
def asgi_live_server(transactional_db):
    """The site as production runs it: ``pbsite.asgi:application`` under Daphne, with WebSockets.

    pytest-django's ``live_server`` is a WSGI thread, so it has no ``/ws/``; browser tests of live
    updates use this instead (``.url`` as ``live_server.url``, and ``.ws_url``). It reuses
    Channels' ``DaphneProcess``, started with "spawn" so the server never inherits this process's
    database connections or Playwright's running event loop, on a port Daphne chooses itself.
    The server uses the test databases, which is why it needs a transactional test: the data a
    test makes is committed, so the server sees it. Static files come from WhiteNoise's middleware
    (``WHITENOISE_USE_FINDERS`` in test settings), as the site serves them. The server process
    handles both the HTTP requests and the sockets, so the in-memory channel layer is enough;
    with ``REDIS_URL`` the Redis layer is used, with a prefix of its own."""
    with _running_daphne() as server:
        yield server


@pytest.fixture
def two_asgi_live_servers(transactional_db):
    """Two Daphne processes serving the same test database, as two workers behind a proxy do:
    what one worker counts or remembers in its own memory, the other cannot see."""
    with _running_daphne() as first, _running_daphne() as second:
        yield first, second


@contextlib.contextmanager
def _running_daphne():
    from django.db import connections

    for connection in connections.all():
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            pytest.fail("asgi_live_server needs a test database in a file, not in memory.")
    databases = {alias: connections[alias].settings_dict["NAME"] for alias in connections}
    process = _SpawnedDaphneProcess(
        "127.0.0.1",
        functools.partial(_asgi_application, databases, f"asgi-test-{uuid.uuid4().hex[:8]}"),
    )
    process.start()
    try:
        deadline = time.monotonic() + 60  # importing the site takes a few seconds on a busy machine
        while not process.ready.wait(timeout=0.5):
            if not process.is_alive() or time.monotonic() > deadline:
                try:
                    _error, trace = process.errors.get(timeout=1)
                except queue.Empty:
                    trace = f"no error reported (exit code {process.exitcode})"
                pytest.fail(f"Daphne did not start:\n{trace}")
        yield _AsgiLiveServer(process.port.value)
    finally:
        process.terminate()
        process.join(timeout=10)
        if process.is_alive():
            process.kill()
            process.join()
        process.errors.close()
        process.close()


class _AsgiLiveServer:
    def __init__(self, port: int):
        self.url = f"http://127.0.0.1:{port}"
        self.ws_url = f"ws://127.0.0.1:{port}"

    def __str__(self):
        return self.url


class _SpawnedDaphneProcess(DaphneProcess):
    """Channels' Daphne test process, started with "spawn" rather than Linux's default fork."""

    _start_method = "spawn"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        context = multiprocessing.get_context("spawn")
        self.port = context.Value("i", 0)
        self.ready = context.Event()
        self.errors = context.Queue()

    @staticmethod
    def _Popen(process_obj):
        return multiprocessing.get_context("spawn").Process._Popen(process_obj)


def _asgi_application(databases: dict, channel_prefix: str):
    """Runs in the server process: use the test process's databases, then load the site."""
    import os
    import sys

    # The chromium fixture allows sync database calls in the test process; the server must not.
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    from django.conf import settings

    for alias, name in databases.items():
        settings.DATABASES[alias]["NAME"] = name
    # The test settings made a data directory of their own on import; DATA_DIR (inherited) wins.
    unused = getattr(sys.modules[settings.SETTINGS_MODULE], "_TEST_DATA", None)
    if unused is not None and str(unused) != os.environ.get("DATA_DIR"):
        shutil.rmtree(unused, ignore_errors=True)
    layer = settings.CHANNEL_LAYERS["default"]
    if layer["BACKEND"].startswith("channels_redis."):
        config = layer.setdefault("CONFIG", {})
        # The test settings keep the layer apart from every cache; a prefix of its own keeps
        # this server's groups apart from the other tests' too.
        config["prefix"] = channel_prefix

    from channels.routing import get_default_application

    return get_default_application()
