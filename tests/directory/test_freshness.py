"""Freshness rules: sink after 90 days, hide after 180, remind before each; the daily command."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from directory import freshness, reminders
from directory.freshness import Freshness
from directory.models import Organisation, Service
from pbsite.models import Notification

from .conftest import make_service

TODAY = datetime.date(2026, 6, 1)


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def test_freshness_states():
    assert freshness.freshness(days_ago(0), TODAY) is Freshness.FRESH
    assert freshness.freshness(days_ago(89), TODAY) is Freshness.FRESH
    assert freshness.freshness(days_ago(90), TODAY) is Freshness.STALE
    assert freshness.freshness(days_ago(179), TODAY) is Freshness.STALE
    assert freshness.freshness(days_ago(180), TODAY) is Freshness.HIDDEN


def test_notes_say_it_in_words():
    assert freshness.freshness_note(days_ago(1), TODAY) == "Confirmed as up to date on 31 May 2026."
    assert "Some details may have changed" in freshness.freshness_note(days_ago(100), TODAY)


def test_listed_hides_after_180_days(db):
    make_service("Old", confirmed_days_ago=180)
    make_service("Nearly old", confirmed_days_ago=179)
    assert list(Service.objects.listed().values_list("name", flat=True)) == ["Nearly old"]


def test_reminders_before_sinking_and_before_hiding_once_each(db, provider):
    service = make_service("Club", owner=provider, confirmed_days_ago=0)
    organisation = service.organisation
    today = timezone.localdate()
    assert reminders.send_reminders(today + datetime.timedelta(days=82)) == 0
    assert reminders.send_reminders(today + datetime.timedelta(days=83)) == 1
    assert reminders.send_reminders(today + datetime.timedelta(days=84)) == 0  # not twice
    first = Notification.objects.get(recipient=provider)
    assert "move down the list" in first.verb and first.url.endswith("/edit/")
    assert reminders.send_reminders(today + datetime.timedelta(days=166)) == 1
    assert "hidden in 2 weeks" in Notification.objects.latest("pk").verb
    assert reminders.send_reminders(today + datetime.timedelta(days=170)) == 0
    assert reminders.send_reminders(today + datetime.timedelta(days=181)) == 0  # already hidden
    freshness.confirm(organisation)
    organisation.refresh_from_db()
    assert organisation.reminders_sent == 0 and organisation.last_confirmed == today


def test_listings_nobody_looks_after_get_no_reminder(db):
    make_service("Unclaimed", confirmed_days_ago=85)
    assert reminders.send_reminders() == 0
    assert not Notification.objects.exists()


def test_the_daily_command(db, provider):
    make_service("Club", owner=provider, confirmed_days_ago=85)
    out = StringIO()
    call_command("send_freshness_reminders", stdout=out)
    assert "Reminded the owners of 1 listing." in out.getvalue()
    assert Organisation.objects.get().reminders_sent == 1
