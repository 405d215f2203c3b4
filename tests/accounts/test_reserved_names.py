"""Nobody can pass as the people who run the site: staff words and the site's own name are kept
for them, at sign-up and when changing a display name (issue 13, item 9)."""

import html

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.models import Role
from accounts.names import reserved_word_in
from tests.people import PASSWORD

pytestmark = pytest.mark.django_db

User = get_user_model()

TAKEN = [
    "Site admin",
    "Jo (moderator)",
    "Budget Circle team",
    "moderator",
    "admin",
    "staff",
    "official",
    "SITE ADMIN",
    "siteadmin",
    "BudgetCircle",
    "budget  circle",
    "A d m i n",
    "Jo - Mod",
    "Ａｄｍｉｎ",  # full-width letters
    "Modérator",
    "The Official Sam",
]
FINE = ["Maya H", "Badminton Bob", "Staffordshire Sam", "Modesty", "Jo Moderately"]


@pytest.mark.parametrize("name", TAKEN)
def test_staff_words_are_recognised(name):
    assert reserved_word_in(name)


@pytest.mark.parametrize("name", FINE)
def test_ordinary_names_are_fine(name):
    assert reserved_word_in(name) is None


@pytest.mark.parametrize("name", ["Site admin", "Jo (moderator)", "Budget Circle team"])
def test_sign_up_refuses_a_staff_name_plainly_and_keeps_what_was_typed(client, name):
    data = {
        "display_name": name,
        "email": "someone@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "role": Role.HOLDER.value,
    }
    response = client.post("/accounts/signup/", data)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Please choose a different name. Names with" in page
    assert "kept for the people who run Budget Circle" in page
    assert f'value="{name}"' in page and 'value="someone@example.com"' in page
    assert not User.objects.filter(email="someone@example.com").exists()


def settings_data(name):
    return {"display_name": name, "about": "", "email_preference": "daily"}


def test_changing_your_name_to_a_staff_name_is_refused(client, maya):
    client.force_login(maya)
    response = client.post("/accounts/settings/", settings_data("Maya (Moderator)"))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "Names with “moderator” in them are kept" in page
    assert 'value="Maya (Moderator)"' in page
    maya.refresh_from_db()
    assert maya.display_name == "Maya H"


def test_moderators_may_say_so_and_everyone_keeps_the_name_they_have(client, maya, tom):
    tom.groups.add(Group.objects.get_or_create(name=Role.MODERATOR.value)[0])
    client.force_login(tom)
    response = client.post("/accounts/settings/", settings_data("Tom (moderator)"))
    assert response.status_code == 302
    tom.refresh_from_db()
    assert tom.display_name == "Tom (moderator)"
    # Someone who already had such a name (from before the rule) can still save their settings.
    User.objects.filter(pk=maya.pk).update(display_name="Maya Staff")
    client.force_login(maya)
    response = client.post("/accounts/settings/", settings_data("Maya Staff"))
    assert response.status_code == 302
