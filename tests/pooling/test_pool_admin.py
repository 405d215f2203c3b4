"""Moderators find public pools in the Wagtail admin and hide one (or show it again); pools
shared only by link are not listed there, and nobody else gets in."""

import pytest

from accounts.models import Role
from pooling.models import Pool
from tests.people import make_user

from .test_pools import make_pool

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return make_user("Mo Moderator", role=Role.MODERATOR)


def test_a_moderator_finds_a_public_pool_and_hides_it(client, moderator):
    pool = make_pool(make_user("Ann"), title="Swimming on Tuesdays")
    client.force_login(moderator)
    listing = client.get("/admin/pools/")
    assert listing.status_code == 200 and "Swimming on Tuesdays" in listing.text
    assert "Pools" in client.get("/admin/").text
    response = client.post(f"/admin/pools/edit/{pool.pk}/", {"hidden": "on"})
    assert response.status_code == 302
    pool.refresh_from_db()
    assert pool.hidden
    client.logout()
    assert "Swimming on Tuesdays" not in client.get("/pools/").text
    client.force_login(moderator)
    client.post(f"/admin/pools/edit/{pool.pk}/", {})
    pool.refresh_from_db()
    assert not pool.hidden


def test_unlisted_pools_are_not_in_the_admin(client, moderator):
    pool = make_pool(make_user("Ann"), title="Our family's own pool", visibility="unlisted")
    client.force_login(moderator)
    assert "Our family" not in client.get("/admin/pools/").text
    assert client.get(f"/admin/pools/edit/{pool.pk}/").status_code == 404


def test_nobody_else_reaches_pools_in_the_admin(client):
    pool = make_pool(make_user("Ann"))
    editor = make_user("Ed Editor", role=Role.EDITOR)
    client.force_login(editor)
    assert client.get("/admin/pools/").status_code != 200
    client.post(f"/admin/pools/edit/{pool.pk}/", {"hidden": "on"})
    assert not Pool.objects.get(pk=pool.pk).hidden
    assert client.get(f"/admin/pools/delete/{pool.pk}/").status_code != 200
