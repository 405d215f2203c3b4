"""Two edits of the same thing at once: one is saved, the other is told and keeps its text.

Real concurrent requests: each racer is its own test client in its own thread, with its own
database connection, and all of them send the form they loaded (the same starting version) at
the same moment, through the whole stack (middleware, the view's transaction). On SQLite the
write transactions queue for the lock; on PostgreSQL they really overlap, and only the row lock
and the version check keep one from overwriting another.
"""

from __future__ import annotations

import threading
from html.parser import HTMLParser

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.utils import timezone

from accounts.models import Role
from forum import posting
from forum.models import Category, Post, PostRevision, Topic
from pa_register import availability
from pa_register.models import Advert, PAProfile
from pooling.models import Pool
from tests.at_once import post_at_once
from tests.directory.conftest import make_service
from tests.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)

CONFLICT = "Someone else changed this while you were typing."
RACERS = 4


class EditForm(HTMLParser):
    """The values a browser would send from the page's form that carries ``edit_version``."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._fields = None
        self._textarea = None
        self._select = None
        self.feed(html)
        self.fields = next(f for f in self.forms if any(n == "edit_version" for n, _ in f))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._fields = []
            self.forms.append(self._fields)
        elif self._fields is None or "name" not in attrs and tag != "option":
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "file", "button"):
                default = "on" if kind in ("checkbox", "radio") else ""
                value = attrs.get("value")
                self._fields.append((attrs["name"], default if value is None else value))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self._fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self._fields.append((self._textarea[0], self._textarea[1].lstrip("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._fields = None

    def with_value(self, name: str, value: str) -> dict[str, list[str]]:
        data: dict[str, list[str]] = {}
        for key, val in self.fields:
            data.setdefault(key, []).append(val)
        data[name] = [value]
        return data


def race(user, url: str, field: str, texts: list[str]):
    """Everyone loads the edit page first, then all send their text at the same moment."""
    reader = Client()
    reader.force_login(user)
    page = reader.get(url)
    assert page.status_code == 200, url
    form = EditForm(page.content.decode())
    sent = post_at_once(user, url, [form.with_value(field, text) for text in texts])
    return dict(zip(texts, sent, strict=True))


def assert_one_saved_and_the_others_told(answers, current_text: str):
    saved = [text for text, answer in answers.items() if answer.status_code == 302]
    told = {text: answer for text, answer in answers.items() if answer.status_code == 200}
    problems = [_error_summary(a.content.decode()) for a in told.values()]
    assert len(saved) == 1, f"{len(saved)} edits saved from the same version; pages said {problems}"
    assert len(told) == len(answers) - 1
    assert current_text == saved[0]
    for text, answer in told.items():
        page = answer.content.decode()
        assert CONFLICT in page
        assert "What it says now" in page
        assert text in page  # what they typed is still in the form
        assert page.index(saved[0]) < page.index(text)  # the current version above it
    return saved[0]


def _error_summary(page: str) -> str:
    start = page.find('class="error-summary"')
    return page[start : start + 1500] if start >= 0 else "no error summary"


def texts(what: str) -> list[str]:
    return [f"{what}, as racer {n} wrote it at the same moment." for n in range(RACERS)]


def test_editing_one_post_at_once_saves_one_keeps_history_and_tells_the_rest():
    author = make_user("Maya H")
    category = Category.objects.create(name="Employing PAs", slug="employing-pas")
    topic = Topic.objects.create(category=category, title="Finding a PA", author=author)
    post = Post.objects.create(topic=topic, author=author, body_markdown="The first words.")

    answers = race(author, f"/forum/p/{post.pk}/edit/", "body", texts("My post"))

    post.refresh_from_db()
    assert_one_saved_and_the_others_told(answers, post.body_markdown)
    history = list(PostRevision.objects.filter(post=post).values_list("body_markdown", flat=True))
    assert history == ["The first words."]


def test_edits_at_once_without_a_starting_version_all_reach_the_history():
    """An old page (no hidden version) still saves, but every text saved is either the post
    now or one of its earlier versions: none is lost between two edits."""
    author = make_user("Maya H")
    category = Category.objects.create(name="Employing PAs", slug="employing-pas")
    topic = Topic.objects.create(category=category, title="Finding a PA", author=author)
    post = Post.objects.create(topic=topic, author=author, body_markdown="The first words.")
    written = [f"Edit number {n} of the post." for n in range(8)]
    barrier = threading.Barrier(len(written))
    errors = []

    def edit(text):
        close_old_connections()
        try:
            barrier.wait(timeout=30)
            posting.edit_post(Post.objects.get(pk=post.pk), author, text)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit, args=(text,)) for text in written]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    post.refresh_from_db()
    history = list(PostRevision.objects.filter(post=post).values_list("body_markdown", flat=True))
    assert len(history) == len(written)
    assert sorted([*history, post.body_markdown]) == sorted(["The first words.", *written])


def test_editing_a_pa_profile_at_once():
    pa = make_user("Sam PA", role=Role.PA)
    profile = PAProfile.objects.create(
        user=pa,
        about="I help with shopping.",
        districts=["OX4"],
        kinds=["personal_care"],
        languages=["English"],
        work_arrangements=["self_employed"],
        rate_min_pence=1200,
        rate_max_pence=1500,
        availability=availability.to_mask(["tue-morning"]),
        last_confirmed=timezone.now(),
    )
    answers = race(pa, "/register/profile/", "about", texts("About me"))
    profile.refresh_from_db()
    assert_one_saved_and_the_others_told(answers, profile.about)


def test_editing_an_advert_at_once():
    holder = make_user("Maya Holder", role=Role.HOLDER)
    advert = Advert.objects.create(
        author=holder,
        title="PA for Tuesday mornings",
        details="Help to get up and out.",
        kinds=["personal_care"],
        district="OX4",
        employment="self_employed",
    )
    answers = race(holder, f"/register/wanted/{advert.pk}/edit/", "details", texts("Details"))
    advert.refresh_from_db()
    assert_one_saved_and_the_others_told(answers, advert.details)


def test_editing_ones_own_member_profile_in_two_tabs_at_once():
    maya = make_user("Maya H", about="I hold a budget.")
    answers = race(maya, "/accounts/settings/", "about", texts("About me"))
    maya.refresh_from_db()
    assert_one_saved_and_the_others_told(answers, maya.about)


def test_editing_a_directory_listing_and_a_service_at_once():
    owner = make_user("Pat Provider", role=Role.PROVIDER)
    service = make_service(
        "Pottery mornings", org_name="Oakleaf Crafts", owner=owner, at_home=True, at_venue=False
    )
    organisation = service.organisation
    answers = race(owner, f"/directory/{organisation.slug}/edit/", "description", texts("We"))
    organisation.refresh_from_db()
    assert_one_saved_and_the_others_told(answers, organisation.description)

    url = f"/directory/{organisation.slug}/services/{service.uuid}/"
    answers = race(owner, url, "description", texts("The service"))
    service.refresh_from_db()
    assert_one_saved_and_the_others_told(answers, service.description)


def test_editing_a_pool_at_once():
    ann = make_user("Ann")
    pool = Pool.objects.create(
        coordinator=ann,
        title="Shared PA for Friday evenings",
        description="Cinema and the pub.",
        category="shared_pa",
        districts=["OX4"],
        cost_per_session_pence=6000,
        min_members=2,
        max_members=3,
    )
    answers = race(ann, f"/pools/{pool.pk}/edit/", "description", texts("Our group"))
    pool.refresh_from_db()
    assert_one_saved_and_the_others_told(answers, pool.description)
