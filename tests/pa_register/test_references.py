"""References (issue 19, item 1): naming referees, the referee's private single-use link, the
moderator's check in the admin, the profile's "2 references checked", sharing with a holder
the PA is talking to, and who else gets a 404. Through the views, with the real task backend
(immediate in tests) and the locmem email outbox."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from accounts.privacy import delete_account
from conversations.services import start_conversation
from pa_register.models import PAProfile, Reference, ReferenceShare, ReferenceStatus
from pbsite.models import Notification
from pbsite.registry import personal_data
from tests.people import make_user
from tests.queries import without_cache_reads

from .conftest import make_pa

pytestmark = pytest.mark.django_db

ANSWERS = {
    "known_for": "three years",
    "role": "I employed her as my PA",
    "reliability": "always",
    "would_again": "yes",
    "employer_notes": "Calm in a crisis; knows the hoist well.",
}


@pytest.fixture
def pa(db):
    return make_pa("Priya Patel")


_commits = {}


@pytest.fixture(autouse=True)
def commits(django_capture_on_commit_callbacks):
    """The email task is queued when the request's transaction commits, as on a real site."""
    _commits["capture"] = django_capture_on_commit_callbacks


def name_referee(client, pa, name="Pat Okafor", email="pat@example.org", **extra):
    client.force_login(pa.user)
    with _commits["capture"](execute=True):
        return client.post(
            reverse("pa_register:my_references"),
            {"name": name, "relationship": "Past employer", "email": email, **extra},
        )


def link_from_outbox(to: str) -> str:
    for message in reversed(mail.outbox):
        if to in message.to:
            return re.search(r"https?://\S+/register/reference/\S+/", message.body).group(0)
    raise AssertionError(f"No email to {to}")


def path_of(link: str) -> str:
    return "/" + link.split("://", 1)[1].split("/", 1)[1]


def given_reference(client, pa, email="pat@example.org", name="Pat Okafor"):
    name_referee(client, pa, name=name, email=email)
    client.logout()
    response = client.post(path_of(link_from_outbox(email)), ANSWERS)
    assert response.status_code == 200
    return Reference.objects.get(profile=pa, referee_email=email)


# --- Naming referees: bad input ------------------------------------------------------------------


def test_a_referee_with_the_pas_own_email_is_refused_and_what_was_typed_is_kept(client, pa):
    response = name_referee(client, pa, email=pa.user.email.upper())
    assert response.status_code == 200
    content = response.content.decode()
    assert "This is your own email address" in content
    assert 'value="Pat Okafor"' in content
    assert not Reference.objects.exists()
    assert mail.outbox == []


def test_the_same_referee_twice_is_refused(client, pa):
    name_referee(client, pa)
    response = name_referee(client, pa, name="Pat again", email=" PAT@example.org ")
    assert "You have already named this person" in response.content.decode()
    assert Reference.objects.count() == 1


def test_a_third_referee_is_refused_while_two_are_waiting(client, pa):
    name_referee(client, pa, email="one@example.org")
    name_referee(client, pa, email="two@example.org")
    page = client.get(reverse("pa_register:my_references")).content.decode()
    assert "Name a referee" not in page  # the form is not offered
    response = client.post(
        reverse("pa_register:my_references"),
        {"name": "Three", "relationship": "Friend", "email": "three@example.org"},
    )
    assert "You have already named two referees" in response.content.decode()
    assert Reference.objects.count() == 2


def test_removing_and_naming_again_cannot_send_endless_emails(client, pa):
    for number in range(6):
        name_referee(client, pa, email=f"person{number}@example.org")
        Reference.objects.filter(profile=pa).delete()
    response = name_referee(client, pa, email="seventh@example.org")
    assert "as many as we send in a day" in response.content.decode()
    assert 'value="seventh@example.org"' in response.content.decode()
    assert len(mail.outbox) == 6


def test_only_a_pa_with_a_profile_names_referees(client):
    holder = make_user("Maya Holder", role=Role.HOLDER)
    client.force_login(holder)
    assert client.get(reverse("pa_register:my_references")).status_code == 404


# --- The referee's link --------------------------------------------------------------------------


def test_the_referee_is_emailed_a_private_link_and_answers_without_an_account(client, pa):
    name_referee(client, pa)
    assert [message.to for message in mail.outbox] == [["pat@example.org"]]
    body = mail.outbox[0].body
    assert "Priya Patel" in body and "30 days" in body
    link = path_of(link_from_outbox("pat@example.org"))
    client.logout()
    page = client.get(link)
    assert page.status_code == 200
    assert "A reference for Priya Patel" in page.content.decode()

    done = client.post(link, ANSWERS)
    assert "Thank you for your reference" in done.content.decode()
    reference = Reference.objects.get()
    assert reference.status == ReferenceStatus.GIVEN
    assert reference.employer_notes == ANSWERS["employer_notes"]
    assert Notification.objects.filter(recipient=pa.user, verb__contains="Pat Okafor").exists()


def test_the_link_dies_after_use(client, pa):
    given_reference(client, pa)
    link = path_of(link_from_outbox("pat@example.org"))
    again = client.get(link)
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert "Send my reference" not in again.content.decode()
    # A second send is refused too, and changes nothing.
    client.post(link, {**ANSWERS, "employer_notes": "Changed!"})
    assert Reference.objects.get().employer_notes == ANSWERS["employer_notes"]


def test_a_link_runs_out_after_30_days(client, pa):
    name_referee(client, pa)
    Reference.objects.update(asked_at=timezone.now() - datetime.timedelta(days=31))
    link = path_of(link_from_outbox("pat@example.org"))
    response = client.get(link)
    assert response.status_code == 410
    assert "run out" in response.content.decode()
    client.post(link, ANSWERS)
    assert Reference.objects.get().status == ReferenceStatus.ASKED
    # An expired referee no longer counts towards the two: the PA may name them again.
    client.force_login(pa.user)
    assert (
        "the link has run out" in client.get(reverse("pa_register:my_references")).content.decode()
    )
    name_referee(client, pa, email="pat@example.org")
    assert Reference.objects.count() == 2


@pytest.mark.parametrize("token", ["nonsense", "a" * 300, "WzEsImFiYyJd:1abc:forged", "%00"])
def test_made_up_or_mangled_links_get_a_kind_page(client, pa, token):
    name_referee(client, pa)
    client.logout()
    response = client.get(f"/register/reference/{token}/")
    assert response.status_code == 404
    assert "We could not find this reference link" in response.content.decode()


def test_a_referee_may_decline_and_the_pa_names_someone_else(client, pa):
    name_referee(client, pa, email="one@example.org")
    name_referee(client, pa, email="two@example.org")
    client.logout()
    link = path_of(link_from_outbox("one@example.org"))
    response = client.post(link, {"decline": "yes"})
    assert "We have told them" in response.content.decode()
    assert Reference.objects.get(referee_email="one@example.org").status == "declined"
    assert Notification.objects.filter(
        recipient=pa.user, verb__contains="cannot give you a reference"
    ).exists()
    assert client.get(link).status_code == 410
    name_referee(client, pa, email="three@example.org")
    assert Reference.objects.filter(referee_email="three@example.org").exists()


def test_an_unfinished_reference_says_what_is_missing_and_keeps_what_was_typed(client, pa):
    name_referee(client, pa)
    client.logout()
    link = path_of(link_from_outbox("pat@example.org"))
    response = client.post(link, {"known_for": "two years"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Choose how reliable they are." in content
    assert 'value="two years"' in content
    assert Reference.objects.get().status == ReferenceStatus.ASKED
    assert client.get(link).status_code == 200  # still alive


# --- The moderator's check, and the profile ----------------------------------------------------


def check_in_admin(client, moderator, reference, phone="2026-12-01"):
    client.force_login(moderator)
    return client.post(
        reverse("pa_references:edit", args=[reference.pk]),
        {"phone_verified_on": phone, "phone_note": "Rang; she confirmed.", "checked": "on"},
    )


def test_a_moderator_checks_references_in_the_admin_and_the_profile_says_so(client, pa, moderator):
    first = given_reference(client, pa, "one@example.org", "Pat One")
    second = given_reference(client, pa, "two@example.org", "Lee Two")
    client.force_login(moderator)
    listing = client.get(reverse("pa_references:index"))
    assert listing.status_code == 200 and "Pat One" in listing.content.decode()
    edit = client.get(reverse("pa_references:edit", args=[first.pk]))
    assert ANSWERS["employer_notes"] in edit.content.decode()

    assert check_in_admin(client, moderator, first).status_code == 302
    first.refresh_from_db()
    assert first.checked_by == moderator and first.phone_verified_on == datetime.date(2026, 12, 1)
    assert first.employer_notes == ANSWERS["employer_notes"]  # the answers are not editable

    client.logout()
    page = client.get(pa.get_absolute_url()).content.decode()
    assert "1 reference checked so far" in page
    check_in_admin(client, moderator, second)
    client.logout()
    page = client.get(pa.get_absolute_url()).content.decode()
    assert f"2 references checked ({timezone.now():%B %Y})" in page
    for private in (ANSWERS["employer_notes"], "Pat One", "one@example.org"):
        assert private not in page


def test_people_who_are_not_moderators_cannot_open_the_admin_references(client, pa, holder):
    reference = given_reference(client, pa)
    client.force_login(holder)
    response = client.get(reverse("pa_references:edit", args=[reference.pk]))
    assert response.status_code in (302, 403)
    assert ANSWERS["employer_notes"] not in response.content.decode()


# --- Sharing with a holder, and the 404s ---------------------------------------------------------


def talk(holder, pa):
    return start_conversation(holder, [pa.user], "About PA work", "Hello, are you free?")


def test_references_are_404_to_everyone_but_a_holder_the_pa_shared_with(client, pa, moderator):
    given_reference(client, pa)
    holder = make_user("Maya Holder", role=Role.HOLDER)
    other_holder = make_user("Olu Holder", role=Role.HOLDER)
    other_pa = make_pa("Sam Other").user
    talk(holder, pa)
    talk(other_holder, pa)  # talking, but not shared with
    url = reverse("pa_register:read_references", args=[pa.pk])

    client.force_login(pa.user)
    response = client.post(reverse("pa_register:share_references", args=[holder.pk]))
    assert response.status_code == 302
    assert ReferenceShare.objects.filter(profile=pa, holder=holder).exists()

    client.logout()
    assert client.get(url).status_code in (302, 404)  # anonymous: sign in first, then 404
    for outsider in (other_holder, other_pa, moderator, pa.user):
        client.force_login(outsider)
        response = client.get(url)
        assert response.status_code == 404, outsider
        assert ANSWERS["employer_notes"] not in response.content.decode()

    client.force_login(holder)
    response = client.get(url)
    assert response.status_code == 200
    assert ANSWERS["employer_notes"] in response.content.decode()
    assert "Read the references" in client.get(pa.get_absolute_url()).content.decode()

    client.force_login(pa.user)
    client.post(reverse("pa_register:withdraw_references", args=[holder.pk]))
    client.force_login(holder)
    assert client.get(url).status_code == 404


def test_references_follow_whether_the_profile_may_be_opened_in_a_fixed_number_of_queries(
    client, pa
):
    """Read by the profile's id and checked with ``is_visible_to`` (as the profile page), and
    whether the holder may read them from one statement (``endorsements.links_to``)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    given_reference(client, pa)
    holder = make_user("Maya Holder", role=Role.HOLDER)
    talk(holder, pa)
    ReferenceShare.objects.create(profile=pa, holder=holder)
    url = reverse("pa_register:read_references", args=[pa.pk])
    client.force_login(holder)
    client.get(url)  # fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    # The session, the person, the profile, what the holder has to do with the PA, the
    # header's counts and the references (8 before: the viewer's roles, the share and the
    # conversation each asked apart), besides the kept memos' tokens (tests/queries.py).
    assert len(sql := without_cache_reads(queries)) == 6, sql
    PAProfile.objects.filter(pk=pa.pk).update(hidden=True)
    assert client.get(url).status_code == 404


def test_my_references_reads_the_references_once_and_not_the_pa_again(client, pa):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    given_reference(client, pa)
    talk(make_user("Maya Holder", role=Role.HOLDER), pa)
    client.force_login(pa.user)
    url = reverse("pa_register:my_references")
    client.get(url)  # fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert "Share my references with Maya Holder" in page
    # The session, the person, the profile (its account is the person's), the references
    # (once: which count towards the two is worked out from them), whom they are shared with,
    # the people the PA is talking to and the header's counts (9 before).
    assert len(queries) == 7, [query["sql"] for query in queries]


def test_anonymous_visitors_are_sent_to_sign_in_not_shown_references(client, pa):
    given_reference(client, pa)
    client.logout()
    response = client.get(reverse("pa_register:read_references", args=[pa.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_pa_cannot_share_with_someone_they_are_not_talking_to(client, pa):
    stranger = make_user("Stranger", role=Role.HOLDER)
    client.force_login(pa.user)
    page = client.get(reverse("pa_register:my_references")).content.decode()
    assert "Share my references with Stranger" not in page
    response = client.post(reverse("pa_register:share_references", args=[stranger.pk]), follow=True)
    assert "only with someone you are talking to" in response.content.decode()
    assert not ReferenceShare.objects.exists()


def test_the_pa_is_offered_one_tap_sharing_with_whoever_answered_their_advert_reply(client, pa):
    from pa_register.models import Advert, AdvertResponse

    holder = make_user("Ann Advertiser", role=Role.HOLDER)
    advert = Advert.objects.create(
        author=holder, title="PA wanted", details="Mornings", district="OX4", employment="employed"
    )
    AdvertResponse.objects.create(advert=advert, profile=pa)
    client.force_login(pa.user)
    page = client.get(reverse("pa_register:my_references")).content.decode()
    assert "Share my references with Ann Advertiser" in page


# --- Erasure and export --------------------------------------------------------------------------


def test_a_pas_erasure_removes_their_referees_references_and_shares(client, pa):
    given_reference(client, pa)
    holder = make_user("Maya Holder", role=Role.HOLDER)
    talk(holder, pa)
    client.force_login(pa.user)
    client.post(reverse("pa_register:share_references", args=[holder.pk]))
    exported = personal_data.export(pa.user)["pa_register"]["pa_profile"]
    assert exported["referees"][0]["email"] == "pat@example.org"
    assert ANSWERS["employer_notes"] not in str(exported)  # the referee's words are not theirs

    delete_account(pa.user)
    assert not Reference.objects.exists()
    assert not ReferenceShare.objects.exists()


def test_a_holders_erasure_removes_what_was_shared_with_them(client, pa):
    holder = make_user("Maya Holder", role=Role.HOLDER)
    talk(holder, pa)
    client.force_login(pa.user)
    client.post(reverse("pa_register:share_references", args=[holder.pk]))
    delete_account(holder)
    assert not ReferenceShare.objects.exists()


def test_is_talking_asks_of_one_person_what_talking_to_lists(pa):
    """``is_talking`` asks its own small questions: the same answer as ``talking_to`` gives
    for each of a holder in a conversation, an advert's author, a stranger and a closed
    account."""
    from pa_register.models import Advert, AdvertResponse
    from pa_register.vetting import is_talking, talking_to

    talked = make_user("Maya Holder", role=Role.HOLDER)
    talk(talked, pa)
    author = make_user("Olu Author", role=Role.HOLDER)
    advert = Advert.objects.create(
        author=author, title="Help", details="Mornings.", district="OX4", employment="employed"
    )
    AdvertResponse.objects.create(advert=advert, profile=pa)
    stranger = make_user("Sam Stranger", role=Role.HOLDER)
    closed = make_user("Jo Closed", role=Role.HOLDER)
    talk(closed, pa)
    closed.is_active = False
    closed.save()
    listed = {person.pk for person in talking_to(pa)}
    for person in (talked, author, stranger, closed, pa.user):
        assert is_talking(pa, person) == (person.pk in listed), person
    assert listed == {talked.pk, author.pk}
