"""Demo hiring: the demo holder's Cowley advert has a kit and interviews booked (one with the
demo carer as supporter, with the demo PA), and the Abingdon advert is filled: an offer made
through the kit and accepted. Running it twice changes nothing."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import Role
from pa_register import adverts
from pa_register.models import Advert, PAProfile
from pa_register.searching import forget_advert_expiries

from . import services
from .models import Decision, Interview, Kit

BOOKED = "Morning PA in Cowley, hoist needed"
FILLED = "Help at home in Abingdon, two mornings a week"
EMPLOYED_ANSWERS = {
    "control": "me",
    "substitute": "no",
    "business": "no",
    "equipment": "me",
    "paid": "wage",
}


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, 30), tzinfo=timezone.get_current_timezone()
    )


def _other_pas(count: int, skip) -> list[PAProfile]:
    return list(
        PAProfile.objects.exclude(user__in=skip).select_related("user").order_by("pk")[:count]
    )


@transaction.atomic
def load(stdout) -> None:
    holder = demo_user(Role.HOLDER)
    carer = demo_user(Role.CARER)
    pa = PAProfile.objects.filter(user=demo_user(Role.PA)).first()
    booked = Advert.objects.filter(title=BOOKED, author=holder).first()
    filled = Advert.objects.filter(title=FILLED, author=holder).first()
    if pa is None or booked is None or filled is None:
        stdout.write("Hiring: the register's demo is missing; nothing to add.")
        return
    for advert in (booked, filled):
        if not Kit.objects.filter(advert=advert).exists():
            services.save_kit(advert, holder, EMPLOYED_ANSWERS, days_per_week=3, notice_weeks=2)
    others = _other_pas(3, [holder, carer, pa.user])
    if Interview.objects.filter(response__advert=booked).exists():
        return
    # Booked: the demo PA picked a time and the demo carer comes along; another PA is choosing.
    if not booked.is_open():
        Advert.objects.filter(pk=booked.pk).update(
            expires_at=timezone.now() + datetime.timedelta(days=20), closed_at=None
        )
        forget_advert_expiries()  # update() sends no signal: the search's kept rule reads them
        booked.refresh_from_db()
    first = adverts.respond(booked, pa)
    interview = services.propose(
        first,
        holder,
        [_at(3, 10), _at(4, 14), _at(6, 11)],
        place="Cowley Library café, OX4",
        minutes=45,
    )
    services.set_supporter(interview, holder, member=carer)
    services.pick(interview, pa.user, interview.slots.first().pk)
    second = adverts.respond(booked, others[0])
    services.propose(
        second, holder, [_at(5, 10), _at(5, 15)], place="Cowley Library café, OX4", minutes=30
    )
    # Filled: an offer accepted; the other PA who replied was told.
    if not filled.is_open():
        Advert.objects.filter(pk=filled.pk).update(
            expires_at=timezone.now() + datetime.timedelta(days=20), closed_at=None, filled=False
        )
        forget_advert_expiries()  # update() sends no signal: the search's kept rule reads them
        filled.refresh_from_db()
    hired = adverts.respond(filled, others[1])
    adverts.respond(filled, others[2])
    offered = services.propose(
        hired, holder, [_at(1, 10), _at(2, 10)], place="Abingdon Library, OX14", minutes=45
    )
    services.pick(offered, others[1].user, offered.slots.first().pk)
    Interview.objects.filter(pk=offered.pk).update(reminded_at=timezone.now())
    offered.refresh_from_db()
    services.decide(
        offered,
        holder,
        Decision.OFFER,
        message="It was lovely to meet you. I would like you to start next month.",
        start_date=timezone.localdate() + datetime.timedelta(days=28),
        hours=6,
    )
    offered.refresh_from_db()
    services.answer_offer(offered, others[1].user, accept=True)
    stdout.write("Hiring: 2 recruitment kits, 3 interviews, 1 offer accepted.")
