"""Right to work, the code of conduct and safeguarding holds (issue 19, item 2): who is listed
(the find page, its free-text search through the search index, and a profile's visibility),
the PA's banner asking to re-accept, and a safeguarding report that takes a profile off the
register until a moderator decides in the moderation queue."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from pa_register.models import CodeOfConduct, PAProfile
from pbsite.models import Notification, Report
from tests.people import make_user

from .conftest import make_pa

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"


def names(response):
    return [result.profile.display_name for result in response.context["results"]]


def publish(version: int, days_ago: int = 0) -> CodeOfConduct:
    return CodeOfConduct.objects.create(
        version=version,
        published_on=timezone.localdate() - datetime.timedelta(days=days_ago),
        introduction="What every PA promises.",
        points=f"I turn up when I say I will.\nVersion {version} promise.",
    )


def accept(client, profile):
    client.force_login(profile.user)
    return client.post(reverse("pa_register:code_of_conduct"))


# --- Code of conduct ----------------------------------------------------------------------------


def test_a_pa_is_listed_only_once_they_accept_the_current_code(client, db):
    publish(1, days_ago=10)
    ada = make_pa("Ada", about="Knows British Sign Language well.")
    assert names(client.get("/register/")) == []
    assert names(client.get("/register/?q=sign+language")) == []
    assert not PAProfile.objects.filter(pk=ada.pk).listed().exists()
    client.logout()
    assert client.get(ada.get_absolute_url()).status_code == 404

    owner_page = client.get(ada.get_absolute_url(), follow=True)  # as the PA, signed in below
    client.force_login(ada.user)
    owner_page = client.get(ada.get_absolute_url()).content.decode()
    assert "Nobody can find your profile until you read and accept" in owner_page

    response = accept(client, ada)
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.conduct_version == 1 and ada.conduct_accepted_at is not None
    client.logout()
    assert names(client.get("/register/")) == ["Ada"]
    assert names(client.get("/register/?q=sign+language")) == ["Ada"]
    assert client.get(ada.get_absolute_url()).status_code == 200


def test_a_new_version_drops_every_profile_until_its_pa_accepts_again(client, db):
    publish(1, days_ago=30)
    ada = make_pa("Ada", about="Knows British Sign Language well.")
    ben = make_pa("Ben")
    accept(client, ada)
    accept(client, ben)
    client.logout()
    assert sorted(names(client.get("/register/"))) == ["Ada", "Ben"]

    future = publish(2, days_ago=-5)  # published for next week: nothing changes yet
    assert sorted(names(client.get("/register/"))) == ["Ada", "Ben"]
    future.published_on = timezone.localdate()
    future.save()
    assert names(client.get("/register/")) == []
    assert names(client.get("/register/?q=sign+language")) == []

    client.force_login(ada.user)
    banner = client.get(ada.get_absolute_url()).content.decode()
    assert "We have changed the code of conduct" in banner
    page = client.get(reverse("pa_register:code_of_conduct")).content.decode()
    assert "Version 2 promise." in page and "I accept the code of conduct" in page
    accept(client, ada)
    client.logout()
    assert names(client.get("/register/")) == ["Ada"]
    assert names(client.get("/register/?q=sign+language")) == ["Ada"]


def test_anyone_may_read_the_code_but_only_a_pa_accepts_it(client, db):
    publish(1)
    page = client.get(reverse("pa_register:code_of_conduct"))
    assert page.status_code == 200 and "I turn up when I say I will." in page.content.decode()
    assert "I accept" not in page.content.decode()
    holder = make_user("Maya Holder", role=Role.HOLDER)
    client.force_login(holder)
    assert client.post(reverse("pa_register:code_of_conduct")).status_code == 404


def test_without_any_code_yet_the_page_says_so_and_nobody_drops(client, db):
    make_pa("Ada")
    assert names(client.get("/register/")) == ["Ada"]
    page = client.get(reverse("pa_register:code_of_conduct"))
    assert page.status_code == 200 and "writing the code of conduct" in page.content.decode()


def test_editors_keep_the_code_in_the_admin_and_moderators_do_not(client, db):
    editor = make_user("Eddie Editor", role=Role.EDITOR)
    moderator = make_user("Mo Moderator", role=Role.MODERATOR)
    client.force_login(editor)
    add = "/admin/snippets/pa_register/codeofconduct/add/"
    response = client.post(
        add,
        {
            "version": "1",
            "published_on": "2026-12-01",
            "title": "Code of conduct for personal assistants",
            "introduction": "What every PA promises.",
            "points": "I turn up when I say I will.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CodeOfConduct.objects.get().version == 1
    client.force_login(moderator)
    assert client.get(add).status_code in (302, 403)


# --- Right to work ------------------------------------------------------------------------------


def test_a_pa_says_they_are_ready_to_show_their_right_to_work(client, db):
    ada = make_pa("Ada")
    client.force_login(ada.user)
    client.post(reverse("pa_register:right_to_work_ready"), {"ready": "yes"})
    ada.refresh_from_db()
    assert ada.right_to_work_ready_on == timezone.localdate()
    client.logout()
    page = client.get(ada.get_absolute_url()).content.decode()
    assert "Ready to show their right to work" in page
    assert reverse("pa_register:right_to_work") in page
    client.force_login(ada.user)
    client.post(reverse("pa_register:right_to_work_ready"), {"ready": "no"})
    ada.refresh_from_db()
    assert ada.right_to_work_ready_on is None


def test_the_right_to_work_guide_explains_the_check_and_stores_nothing(client, db):
    page = client.get(reverse("pa_register:right_to_work")).content.decode()
    assert "share code" in page and "https://www.gov.uk/view-right-to-work" in page
    assert "dated copy" in page and "never store" in page
    assert "<input" not in page.split("<main", 1)[1].split("</main>", 1)[0]


# --- Safeguarding -------------------------------------------------------------------------------


def report(client, reporter, profile, reason):
    content_type = ContentType.objects.get_for_model(PAProfile)
    client.force_login(reporter)
    return client.post(
        f"/report/{content_type.pk}/{profile.pk}/", {"reason": reason, "details": "Worried."}
    )


def test_a_safeguarding_report_takes_a_pa_off_the_register_until_a_moderator_lifts_it(
    client, moderator
):
    ada = make_pa("Ada")
    holder = make_user("Maya Holder", role=Role.HOLDER)
    report(client, holder, ada, "spam")  # other worries wait for the moderator
    client.logout()
    assert names(client.get("/register/")) == ["Ada"]

    worried = make_user("Wyn Worried", role=Role.CARER)
    report(client, worried, ada, "safety")
    client.logout()
    assert names(client.get("/register/")) == []
    assert client.get(ada.get_absolute_url()).status_code == 404
    told = Notification.objects.get(recipient=ada.user, verb__contains="safeguarding worry")
    assert "off the register" in told.verb
    client.force_login(ada.user)
    assert "Off the register for now" in client.get(ada.get_absolute_url()).content.decode()

    client.force_login(moderator)
    safety = Report.objects.get(reason="safety")
    assert client.post(f"{QUEUE}dismiss/{safety.pk}/").status_code == 302
    client.logout()
    assert names(client.get("/register/")) == ["Ada"]
    assert Notification.objects.filter(
        recipient=ada.user, verb__contains="back on the register"
    ).exists()


def test_a_moderator_may_keep_a_reported_pa_off_the_register(client, moderator):
    ada = make_pa("Ada")
    holder = make_user("Maya Holder", role=Role.HOLDER)
    report(client, holder, ada, "safety")
    client.force_login(moderator)
    client.post(f"{QUEUE}hide/{Report.objects.get().pk}/")
    client.logout()
    assert names(client.get("/register/")) == []
    ada.refresh_from_db()
    assert ada.hidden
    assert Notification.objects.filter(
        recipient=ada.user, verb__contains="keeping your PA profile off"
    ).exists()
