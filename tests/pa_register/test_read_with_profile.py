"""What a PA's profile page reads with the profile, or keeps per process, rather than in
queries of its own: each answer is for the person it was read for, and a change shows at once."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from pa_register.models import CodeOfConduct, PAProfile, ReferenceShare
from tests.people import make_user
from tests.queries import without_cache_reads

from .conftest import make_pa

pytestmark = pytest.mark.django_db


def test_a_profile_read_for_one_holder_answers_for_nobody_else(holder):
    other = make_user("Sam Other")
    profile = make_pa("Ana PA")
    ReferenceShare.objects.create(profile=profile, holder=holder)
    read = PAProfile.objects.with_reference_share(holder).get(pk=profile.pk)
    assert read.shares_references_with(holder)
    assert not read.shares_references_with(other)  # asked of the database
    ReferenceShare.objects.create(profile=profile, holder=other)
    assert read.shares_references_with(other)


def test_a_new_code_of_conduct_is_current_at_once_and_a_later_one_on_its_day():
    def publish(version, day):
        CodeOfConduct.objects.create(
            version=version, published_on=day, introduction="Promises.", points="I turn up."
        )

    later = timezone.now() + datetime.timedelta(days=3)
    assert CodeOfConduct.current_version() == 0
    publish(1, timezone.localdate())
    assert CodeOfConduct.current_version() == 1  # not the kept "none yet"
    publish(2, timezone.localdate(later))
    assert CodeOfConduct.current_version() == 1
    assert CodeOfConduct.current_version(later) == 2
    CodeOfConduct.objects.get(version=2).delete()
    assert CodeOfConduct.current_version(later) == 1


def test_a_profile_page_shows_each_change_to_its_details_at_once(client, skills):
    """The details everyone sees are rendered once per process for what they show
    (``views.profile_details``): an edit to any of them changes what is kept."""
    from pa_register.models import Check, Reference

    profile = make_pa("Ana PA", skills=[skills["hoist"]])
    url = profile.get_absolute_url()
    client.get(url)
    PAProfile.objects.filter(pk=profile.pk).update(about="Loves gardening.", short_notice=True)
    page = client.get(url).content.decode()
    assert "Loves gardening." in page and "Can often cover at short notice." in page
    profile.skills.add(skills["dementia"])
    assert '<li class="tag">Dementia</li>' in client.get(url).content.decode()
    Check.objects.create(profile=profile, kind="first_aid", dated=timezone.localdate())
    assert "<strong>First aid:</strong> The PA says" in client.get(url).content.decode()
    Reference.objects.create(
        profile=profile,
        referee_name="Jo",
        relationship="Employer",
        referee_email="jo@example.org",
        status="given",
        checked_at=timezone.now(),
    )
    assert "1 reference checked so far" in client.get(url).content.decode()
    profile.user.display_name = "Ana Renamed"
    profile.user.save()
    assert "Times Ana Renamed is usually free" in client.get(url).content.decode()


def test_working_together_is_offered_to_each_viewer_as_it_stands_for_them(client, holder):
    from conversations.services import start_conversation
    from pa_register.models import WorkedTogether

    profile = make_pa("Ana PA")
    url = profile.get_absolute_url()
    offer = "We have worked together"
    stranger = make_user("Sam Stranger")
    client.force_login(stranger)
    assert offer not in client.get(url).content.decode()
    start_conversation(holder, [profile.user], "About PA work", "Hello", check_rate_limit=False)
    client.force_login(holder)
    assert offer in client.get(url).content.decode()
    client.force_login(stranger)
    assert offer not in client.get(url).content.decode()
    now = timezone.now()
    WorkedTogether.objects.create(holder=holder, profile=profile, holder_confirmed_at=now)
    client.force_login(holder)
    page = client.get(url).content.decode()
    assert offer not in page and "You said you have worked with Ana PA" in page


@pytest.mark.parametrize(
    "state",
    [
        {},
        {"paused": True},
        {"hidden": True},
        {"confirmed_days_ago": 400},
        {"safeguarding_hold_since": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)},
        {"inactive": True},
    ],
)
def test_a_profile_page_opens_for_exactly_whom_visible_to_lets_see_it(client, holder, state):
    """The page reads the profile by its id and checks ``is_visible_to`` after: the same rule
    as the ``visible_to`` filter, for a stranger, its PA, a moderator and someone signed out."""
    state = dict(state)
    inactive = state.pop("inactive", False)
    profile = make_pa("Ana PA", **state)
    if inactive:
        profile.user.is_active = False
        profile.user.save()
    moderator = make_user("Jo Moderator", role=Role.MODERATOR)
    # A closed account cannot sign in, so its PA is only asked about while it is open.
    viewers = (None, holder, moderator) if inactive else (None, holder, moderator, profile.user)
    for viewer in viewers:
        if viewer is None:
            client.logout()
        else:
            client.force_login(viewer)
        shown = client.get(profile.get_absolute_url()).status_code == 200
        allowed = PAProfile.objects.visible_to(viewer).filter(pk=profile.pk).exists()
        assert shown == allowed, (state, inactive, viewer)


def test_what_a_viewer_has_to_do_with_a_pa_is_read_for_them_alone(holder):
    """``endorsements.links_to`` (one statement built once per process) gives each answer the
    rules ask one at a time, for the viewer and PA it is asked about and no other."""
    from conversations.services import block, has_blocked, have_talked, start_conversation
    from pa_register import endorsements, vetting
    from pa_register.models import Advert, AdvertResponse, WorkedTogether

    other = make_user("Sam Other")
    first, second = make_pa("Ana PA"), make_pa("Bea PA")

    def check():
        for viewer in (holder, other):
            for profile in (first, second):
                links = endorsements.links_to(profile, viewer)
                assert links.said_worked == (
                    WorkedTogether.objects.filter(holder=viewer, profile=profile).exists()
                )
                assert links.talked == have_talked(viewer, profile.user)
                assert links.answered == (
                    AdvertResponse.objects.filter(profile=profile, advert__author=viewer).exists()
                )
                assert links.shared == (
                    ReferenceShare.objects.filter(profile=profile, holder=viewer).exists()
                )
                assert links.blocked == (
                    has_blocked(viewer, profile.user) or has_blocked(profile.user, viewer)
                )
                assert vetting.is_talking(profile, viewer, links) == vetting.is_talking(
                    profile, viewer
                )
                assert vetting.may_read(viewer, profile, links) == vetting.may_read(viewer, profile)

    check()
    WorkedTogether.objects.create(holder=holder, profile=second)
    start_conversation(holder, [first.user], "About PA work", "Hello", check_rate_limit=False)
    advert = Advert.objects.create(
        author=other, title="PA wanted", details="Mornings", kinds=["driving"], district="OX16"
    )
    AdvertResponse.objects.create(advert=advert, profile=second)
    ReferenceShare.objects.create(profile=first, holder=holder)
    ReferenceShare.objects.create(profile=second, holder=other)
    block(second.user, holder)
    block(other, first.user)
    check()
    assert endorsements.links_to(first, None) is None


def test_the_message_link_on_a_profile_follows_blocks_either_way_at_once(client, holder):
    from conversations.services import block, unblock

    profile = make_pa("Ana PA")
    url = profile.get_absolute_url()
    link = 'class="message-link"'
    client.force_login(holder)
    assert link in client.get(url).content.decode()
    block(profile.user, holder)
    assert link not in client.get(url).content.decode()
    unblock(profile.user, holder)
    block(holder, profile.user)
    assert link not in client.get(url).content.decode()
    unblock(holder, profile.user)
    assert link in client.get(url).content.decode()
    profile.user.is_active = False
    profile.user.save()
    client.force_login(make_user("Jo Moderator", role=Role.MODERATOR))
    assert link not in client.get(url).content.decode()


def test_a_profile_signed_in_reads_what_the_viewer_has_to_do_with_the_pa_in_one_query(
    client, holder
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conversations.services import start_conversation

    profile = make_pa("Ana PA")
    start_conversation(holder, [profile.user], "About PA work", "Hello", check_rate_limit=False)
    ReferenceShare.objects.create(profile=profile, holder=holder)
    client.force_login(holder)
    url = profile.get_absolute_url()
    client.get(url)  # fills per-process caches
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url).content.decode()
    assert "Read the references Ana PA shared with you" in page
    assert 'class="message-link"' in page and "We have worked together" in page
    # The session, the person, the profile, its checks, its checked references, what the
    # viewer has to do with the PA (one statement: 3 queries before), its skills, the header's
    # counts and the endorsements, besides the kept memos' tokens (tests/queries.py).
    assert len(sql := without_cache_reads(queries)) == 9, sql


def test_a_profile_and_the_viewers_work_link_read_by_kept_sql_show_each_change_at_once(
    client, holder
):
    """The profile and the viewer's work link are read by SQL built once per process
    (``pbsite.statements``), never kept rows: each change shows on the next visit."""
    from pa_register.models import WorkedTogether

    profile = make_pa("Ana PA")
    client.force_login(holder)
    url = profile.get_absolute_url()
    assert "You said you have worked with" not in client.get(url).content.decode()
    WorkedTogether.objects.create(
        holder=holder, profile=profile, holder_confirmed_at=timezone.now()
    )
    assert "You said you have worked with Ana PA" in client.get(url).content.decode()
    WorkedTogether.objects.update(pa_confirmed_at=timezone.now())
    profile.user.display_name = "Ana Renamed"
    profile.user.save()
    page = client.get(url).content.decode()
    assert "Write an endorsement of Ana Renamed" in page
    PAProfile.objects.filter(pk=profile.pk).update(hidden=True)
    assert client.get(url).status_code == 404
    assert client.get(f"/register/pa/{profile.pk + 1000}/").status_code == 404
