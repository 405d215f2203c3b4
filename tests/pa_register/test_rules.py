"""Plain rules, on constructed cases: availability, freshness, checks' expiry, the match score."""

import datetime

import pytest
import time_machine
from django.test import override_settings

from pa_register import availability, checks, freshness, reminders
from pa_register.errors import RegisterError
from pa_register.matching import Candidate, Need, rank, score
from pa_register.models import Check, CheckKind, PAProfile
from pbsite.models import Notification

from .conftest import make_pa

NOW = datetime.datetime(2026, 6, 1, 10, 0, tzinfo=datetime.UTC)


def days_ago(days):
    return NOW - datetime.timedelta(days=days)


# --- availability --------------------------------------------------------------------------


def test_availability_round_trips_and_describes_in_words():
    mask = availability.to_mask(["tue-morning", "tue-evening", "sun-night", "nonsense"])
    assert availability.to_slots(mask) == ["tue-morning", "tue-evening", "sun-night"]
    assert availability.describe(availability.to_slots(mask)) == [
        "Tuesday mornings and evenings",
        "Sunday nights",
    ]
    assert availability.overlap(mask, availability.to_mask(["tue-evening", "wed-morning"])) == [
        "tue-evening"
    ]
    grid = availability.grid(mask)
    assert grid[1] == ("Tuesday", [True, False, True, False])
    assert grid[0] == ("Monday", [False, False, False, False])


# --- freshness -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "state"),
    [
        (0, freshness.Freshness.FRESH),
        (89, freshness.Freshness.FRESH),
        (90, freshness.Freshness.STALE),
        (179, freshness.Freshness.STALE),
        (180, freshness.Freshness.HIDDEN),
        (400, freshness.Freshness.HIDDEN),
    ],
)
def test_freshness_thresholds(age, state):
    assert freshness.freshness(days_ago(age), NOW) is state


def test_profile_hidden_after_180_days_until_confirmed(db):
    with time_machine.travel(NOW, tick=False):
        profile = make_pa("Old Profile", confirmed_days_ago=0)
    with time_machine.travel(NOW + datetime.timedelta(days=179), tick=False):
        assert PAProfile.objects.listed().filter(pk=profile.pk).exists()
    with time_machine.travel(NOW + datetime.timedelta(days=181), tick=False):
        assert not PAProfile.objects.listed().filter(pk=profile.pk).exists()
        assert not profile.is_listed()
        freshness.confirm(profile)
        assert PAProfile.objects.listed().filter(pk=profile.pk).exists()
        assert profile.reminders_sent == 0


def test_reminders_sent_once_before_sinking_and_once_before_hiding(db):
    with time_machine.travel(NOW, tick=False):
        profile = make_pa("Forgetful PA", confirmed_days_ago=0)
    inbox = Notification.objects.filter(recipient=profile.user)

    with time_machine.travel(NOW + datetime.timedelta(days=82), tick=False):
        assert reminders.send_reminders() == 0
    with time_machine.travel(NOW + datetime.timedelta(days=84), tick=False):
        assert reminders.send_reminders() == 1
        assert reminders.send_reminders() == 0  # not twice
    assert "move down" in inbox.get().verb
    with time_machine.travel(NOW + datetime.timedelta(days=167), tick=False):
        assert reminders.send_reminders() == 1
    assert inbox.count() == 2
    assert "hidden in 2 weeks" in inbox.first().verb
    with time_machine.travel(NOW + datetime.timedelta(days=200), tick=False):
        assert reminders.send_reminders() == 0  # hidden already: nothing more to warn about


def test_someone_away_for_months_gets_only_the_latest_reminder(db):
    with time_machine.travel(NOW, tick=False):
        profile = make_pa("Away PA", confirmed_days_ago=170)
        assert reminders.send_reminders() == 1
    assert Notification.objects.filter(recipient=profile.user).count() == 1
    profile.refresh_from_db()
    assert profile.reminders_sent == 2


def test_paused_profiles_get_no_reminders(db):
    with time_machine.travel(NOW, tick=False):
        make_pa("Paused PA", confirmed_days_ago=170, paused=True)
        assert reminders.send_reminders() == 0


def test_reminder_command_runs(db):
    from io import StringIO

    from django.core.management import call_command

    with time_machine.travel(NOW, tick=False):
        make_pa("Command PA", confirmed_days_ago=85)
        out = StringIO()
        call_command("send_register_reminders", stdout=out)
    assert "1 PA" in out.getvalue()


# --- checks --------------------------------------------------------------------------------


def test_add_months_clamps_to_month_end():
    assert checks.add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert checks.add_months(datetime.date(2023, 5, 10), 36) == datetime.date(2026, 5, 10)
    assert checks.add_months(datetime.date(2026, 3, 15), -36) == datetime.date(2023, 3, 15)


@override_settings(PA_DBS_VALID_MONTHS=12)
def test_dbs_expiry_follows_the_setting(db):
    profile = make_pa("Dee BS")
    check = Check.objects.create(
        profile=profile, kind=CheckKind.DBS, dbs_level="enhanced", dated=datetime.date(2025, 1, 10)
    )
    assert check.expires_on == datetime.date(2026, 1, 10)
    assert check.is_expired(datetime.date(2026, 1, 11))
    assert not check.is_expired(datetime.date(2026, 1, 10))


def test_dbs_expires_after_36_months_by_default(db):
    profile = make_pa("Dee Default")
    check = Check.objects.create(
        profile=profile, kind=CheckKind.DBS, dbs_level="basic", dated=datetime.date(2023, 6, 1)
    )
    assert check.expires_on == datetime.date(2026, 6, 1)


def test_only_a_moderator_can_verify(db, moderator):
    profile = make_pa("Vera")
    check = Check.objects.create(profile=profile, kind=CheckKind.FIRST_AID, dated=NOW.date())
    with pytest.raises(RegisterError):
        checks.verify(check, profile.user)
    other_pa = make_pa("Other PA").user
    with pytest.raises(RegisterError):
        checks.verify(check, other_pa)
    check.refresh_from_db()
    assert check.verified_at is None
    checks.verify(check, moderator)
    check.refresh_from_db()
    assert check.verified_by == moderator and check.verified_at is not None


def test_check_lines_say_what_is_checked_expired_or_only_stated(db, moderator):
    profile = make_pa("Lina")
    today = datetime.date(2026, 6, 1)
    verified = Check.objects.create(
        profile=profile, kind=CheckKind.FIRST_AID, dated=datetime.date(2026, 1, 5)
    )
    checks.verify(verified, moderator, now=datetime.datetime(2026, 2, 3, 12, tzinfo=datetime.UTC))
    expired = Check.objects.create(
        profile=profile, kind=CheckKind.DBS, dbs_level="enhanced", dated=datetime.date(2020, 1, 1)
    )
    stated = Check.objects.create(
        profile=profile, kind=CheckKind.MOVING, dated=datetime.date(2026, 1, 1)
    )
    assert checks.describe(verified, today).text.startswith(
        "Checked by Budget Circle on 3 February 2026"
    )
    assert checks.describe(expired, today).status == "expired"
    assert "1 January 2023" in checks.describe(expired, today).text
    assert "has not checked it yet" in checks.describe(stated, today).text
    missing = checks.missing_kinds([verified, expired, stated])
    assert missing == [
        "Employer's or public liability insurance",
        "Training for health tasks (delegated by a nurse)",
    ]


def test_current_verified_checks_excludes_expired_and_unverified(db, moderator):
    profile = make_pa("Quinn")
    fresh = Check.objects.create(
        profile=profile, kind=CheckKind.DBS, dbs_level="enhanced", dated=datetime.date(2025, 1, 1)
    )
    old = Check.objects.create(
        profile=profile, kind=CheckKind.DBS, dbs_level="enhanced", dated=datetime.date(2021, 1, 1)
    )
    Check.objects.create(profile=profile, kind=CheckKind.FIRST_AID, dated=datetime.date(2025, 1, 1))
    lapsed = Check.objects.create(
        profile=profile,
        kind=CheckKind.INSURANCE,
        dated=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2026, 1, 1),
    )
    for check in (fresh, old, lapsed):
        checks.verify(check, moderator)
    current = set(Check.objects.current_verified(datetime.date(2026, 6, 1)))
    assert current == {fresh}


# --- matching ------------------------------------------------------------------------------


def candidate(
    pk=1, *, skills=(), kinds=(), slots=(), districts=("OX4",), age=1, rate=None, short=False
):
    return Candidate(
        pk=pk,
        skills=frozenset(skills),
        kinds=frozenset(kinds),
        slots=availability.to_mask(slots),
        districts=tuple(districts),
        last_confirmed=days_ago(age),
        rate_min_pence=rate,
        short_notice=short,
    )


HOIST_NEED = Need(
    skills={"hoist": "can use a hoist", "peg": "can do PEG feeding"},
    kinds=frozenset({"personal_care"}),
    slots=availability.to_mask(["tue-morning", "thu-morning"]),
    district="OX4",
)


def test_perfect_match_scores_100_with_reasons():
    match = score(
        candidate(
            skills={"hoist", "peg"},
            kinds={"personal_care"},
            slots=["tue-morning", "thu-morning", "fri-night"],
        ),
        HOIST_NEED,
        NOW,
    )
    assert match.score == 100
    assert match.reasons == [
        "covers OX4",
        "can use a hoist",
        "can do PEG feeding",
        "offers personal care",
        "free on Tuesday mornings",
        "free on Thursday mornings",
    ]
    assert match.gaps == []


def test_partial_match_scores_each_part_and_says_what_is_missing():
    match = score(
        candidate(skills={"hoist"}, kinds={"personal_care"}, slots=["tue-morning"]), HOIST_NEED, NOW
    )
    # area 20 + skills 40 * 2/3 + availability 25 * 1/2 + freshness 15
    assert match.score == round(20 + 40 * 2 / 3 + 12.5 + 15)
    assert "does not list: do PEG feeding" in match.gaps
    assert "not free on Thursday mornings" in match.gaps


def test_area_and_freshness_weigh_in():
    covers = score(candidate(districts=["OX4"]), Need(district="OX4"), NOW)
    elsewhere = score(candidate(districts=["OX14"]), Need(district="OX4"), NOW)
    assert covers.score - elsewhere.score == 20
    assert "does not cover OX4" in elsewhere.gaps
    stale = score(candidate(age=100), Need(), NOW)
    assert stale.score == 85 + 5 and stale.stale
    hidden = score(candidate(age=200), Need(), NOW)
    assert hidden.score == 85


def test_rank_puts_best_first_and_stale_profiles_last_whatever_their_score():
    strong_but_stale = candidate(
        1,
        skills={"hoist", "peg"},
        kinds={"personal_care"},
        age=120,
        slots=["tue-morning", "thu-morning"],
    )
    weak_fresh = candidate(2, skills={"hoist"}, age=2)
    strong_fresh = candidate(
        3, skills={"hoist", "peg"}, kinds={"personal_care"}, age=5, slots=["tue-morning"]
    )
    order = [c.pk for c, _m in rank([strong_but_stale, weak_fresh, strong_fresh], HOIST_NEED, NOW)]
    assert order == [3, 2, 1]


def test_empty_need_ranks_by_freshness():
    older, newer = candidate(1, age=30), candidate(2, age=3)
    assert [c.pk for c, _m in rank([older, newer], Need(), NOW)] == [2, 1]


def test_rate_and_short_notice_reasons():
    match = score(
        candidate(rate=1200, short=True), Need(max_rate_pence=1250, short_notice=True), NOW
    )
    assert "can cover at short notice" in match.reasons
    assert "can work for £12.50 an hour" in match.reasons


def test_a_result_cards_checks_read_as_values_are_named_and_dated_as_checks():
    """``finding.VerifiedCheck`` (a card's checks, read as plain values) says what ``Check``
    says: its name, in the language of the moment, and whether it is out of date."""
    from django.utils import translation

    from pa_register.finding import VerifiedCheck
    from pa_register.models import DBSLevel

    today = datetime.date(2027, 6, 1)
    dates = (None, datetime.date(2020, 1, 1), datetime.date(2026, 1, 1), datetime.date(2028, 1, 1))
    levels = ("", *DBSLevel.values)
    for kind in CheckKind.values:
        for title in ("", "Makaton"):
            for level in levels:
                for dated in dates[1:]:
                    for valid_until in dates:
                        fields = dict(kind=kind, title=title, dbs_level=level, dated=dated)
                        check = Check(**fields, valid_until=valid_until)
                        value = VerifiedCheck(**fields, valid_until=valid_until)
                        assert value.is_expired(today) == check.is_expired(today), fields
                        for language in ("en-gb", "pl"):
                            with translation.override(language):
                                assert value.name == check.name, (fields, language)
    barred = VerifiedCheck("dbs", "", DBSLevel.ENHANCED_BARRED, today, None)
    assert barred.name == "Enhanced DBS check with the adults' barred list"
    assert VerifiedCheck("dbs", "", "standard", today, None).name == "Standard DBS check"
    assert VerifiedCheck("other", "Makaton", "", today, None).name == "Makaton"
    assert VerifiedCheck("first_aid", "", "", today, None).name == "First aid"
