"""Wagtail's user bar on Wagtail's pages (page_userbar): whether the person may use the admin is
asked in a query built once (may_use_admin), with has_perm's answer every time, and a change to
someone's groups or permissions takes effect on the very next request."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.groups import sync_role_groups
from accounts.models import Role, User
from home import demo
from pbsite.templatetags.components import may_use_admin
from tests.people import make_user

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar"


def fresh(user):
    return User.objects.get(pk=user.pk)  # as the next request reads them


def same_answer(user) -> bool:
    ours, djangos = may_use_admin(fresh(user)), fresh(user).has_perm("wagtailadmin.access_admin")
    assert ours == djangos
    return ours


def test_the_answer_is_has_perms_for_every_kind_of_person():
    sync_role_groups(apps)
    access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    holder = make_user("Hal H", role=Role.HOLDER)
    moderator = make_user("Moe M", role=Role.MODERATOR)
    editor = make_user("Eda E", role=Role.EDITOR)
    given = make_user("Gil G")
    given.user_permissions.add(access)
    superuser = make_user("Sue S", is_superuser=True)
    assert [same_answer(person) for person in (holder, moderator, editor, given, superuser)] == [
        False,
        True,
        True,
        True,
        True,
    ]
    User.objects.filter(pk__in=[moderator.pk, superuser.pk]).update(is_active=False)
    assert not same_answer(moderator) and not same_answer(superuser)


def test_a_role_removed_or_a_permission_taken_away_shows_on_the_next_page(client):
    sync_role_groups(apps)
    demo.ensure_home_page()
    moderator = make_user("Moe M", role=Role.MODERATOR)
    client.force_login(moderator)
    assert USERBAR in client.get("/").text
    moderator.groups.remove(Group.objects.get(name=Role.MODERATOR.value))
    assert not same_answer(moderator)
    assert USERBAR not in client.get("/").text
    given = make_user("Gil G")
    access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    given.user_permissions.add(access)
    client.force_login(given)
    assert USERBAR in client.get("/").text
    given.user_permissions.remove(access)
    assert USERBAR not in client.get("/").text


def test_nobody_signed_in_sees_no_user_bar(client):
    demo.ensure_home_page()
    assert USERBAR not in client.get("/").text


def test_a_member_on_a_wagtail_page_is_asked_about_the_admin_in_one_query(client):
    demo.ensure_home_page()
    client.force_login(make_user("Maya H"))
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert USERBAR not in client.get("/").text
    # Two before (all the person's permissions, and all their groups').
    assert len([query for query in queries if "auth_permission" in query["sql"]]) == 1
