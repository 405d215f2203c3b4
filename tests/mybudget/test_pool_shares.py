"""A group's share appears as a regular payment when someone joins; with several budgets they
choose which one it comes from; leaving stops it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mybudget.models import PendingPoolShare, RepeatingLine
from pooling import services
from pooling.models import Pool
from pooling.rules import PoolEvent
from tests.people import make_user

from .conftest import make_budget

pytestmark = pytest.mark.django_db


def make_pool(coordinator, **fields):
    defaults = {
        "title": "Swimming with a shared PA",
        "description": "Saturdays.",
        "category": "shared_pa",
        "districts": ["OX4"],
        "cost_per_session_pence": 6000,
        "min_members": 2,
        "max_members": 4,
        "repeat": "weekly",
    }
    return Pool.objects.create(coordinator=coordinator, **{**defaults, **fields})


def test_joining_with_one_budget_adds_the_share_and_leaving_stops_it(holder):
    budget = make_budget(holder)
    ann = make_user("Ann Coordinator")
    pool = make_pool(ann)
    services.join(pool, ann, pays_with="direct_payment")
    services.join(pool, holder, pays_with="direct_payment", support_plan_outcome="Stay active")
    line = RepeatingLine.objects.get(budget=budget)
    assert line.kind == "pool_share" and line.amount_pence == 3000 and line.every == "week"
    assert line.outcome == "Stay active" and line.until is None
    services.leave(pool, holder)
    line.refresh_from_db()
    assert line.until == max(timezone.localdate(), line.first_date)


def test_accepting_sets_the_agreed_share(holder):
    budget = make_budget(holder)
    ann, bo = make_user("Ann Coordinator"), make_user("Bo")
    pool = make_pool(ann)
    services.join(pool, ann, pays_with="direct_payment")
    services.join(pool, holder, pays_with="direct_payment")
    services.join(pool, bo, pays_with="direct_payment")  # three now: £20 each
    pool.refresh_from_db()
    services.accept_agreement(pool, holder, pool.agreement_version)
    running = RepeatingLine.objects.filter(budget=budget, until__isnull=True)
    assert [line.amount_pence for line in running] == [2000]


def test_with_two_budgets_the_person_chooses_and_the_share_appears_there(client, holder):
    make_budget(holder)
    health = make_budget(holder, name="Health budget")
    ann = make_user("Ann Coordinator")
    pool = make_pool(ann)
    services.join(pool, ann, pays_with="direct_payment")
    services.join(pool, holder, pays_with="health_budget")
    assert not RepeatingLine.objects.exists()
    pending = PendingPoolShare.objects.get(owner=holder)
    client.force_login(holder)
    page = client.get(reverse("mybudget:index")).content.decode()
    assert "Which budget does your share come from?" in page and "£30 each session" in page
    response = client.post(
        reverse("mybudget:pool_share_choose", args=[pending.pk]),
        {f"share{pending.pk}-budget": health.pk},
    )
    assert response.status_code == 302
    assert RepeatingLine.objects.get().budget == health
    assert not PendingPoolShare.objects.filter(owner=holder).exists()


def test_someone_else_cannot_choose_a_budget_for_my_share(client, holder):
    make_budget(holder)
    make_budget(holder, name="Health budget")
    ann = make_user("Ann Coordinator")
    pool = make_pool(ann)
    services.join(pool, holder, pays_with="direct_payment")
    pending = PendingPoolShare.objects.get(owner=holder)
    client.force_login(ann)
    assert client.post(reverse("mybudget:pool_share_choose", args=[pending.pk])).status_code == 404


def test_a_group_starting_later_starts_the_share_on_its_start_day(holder):
    budget = make_budget(holder)
    ann = make_user("Ann Coordinator")
    later = timezone.localdate() + datetime.timedelta(days=30)
    pool = make_pool(ann, start_date=later)
    services.join(pool, holder, pays_with="direct_payment")
    assert RepeatingLine.objects.get(budget=budget).first_date == later


def test_a_cancelled_group_stops_every_members_share(holder):
    budget = make_budget(holder)
    ann = make_user("Ann Coordinator")
    make_budget(ann, name="Ann's budget")
    pool = make_pool(ann)
    services.join(pool, ann, pays_with="direct_payment")
    services.join(pool, holder, pays_with="direct_payment")
    assert RepeatingLine.objects.filter(until__isnull=True).count() == 2
    pool.refresh_from_db()
    services.coordinator_action(pool, ann, PoolEvent.CANCEL)
    assert Pool.objects.get(pk=pool.pk).state == "cancelled"
    line = RepeatingLine.objects.get(budget=budget)
    assert line.until == max(timezone.localdate(), line.first_date)
    assert not RepeatingLine.objects.filter(until__isnull=True).exists()
