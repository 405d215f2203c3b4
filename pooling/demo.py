"""Demo pools in every state, with members, quotes, votes, sessions and accepted agreements.
The pools and their members' details are data (``pooling/demo_content/pools.yaml``); the steps
that take each pool to its state are here."""

import datetime

from accounts.demo import DEMO_MEMBERS as MEMBERS
from accounts.demo import demo_member as _member
from accounts.demo import demo_user
from accounts.models import Role
from pbsite.demo_loading import read_demo

from . import services, shared_pa
from .models import Pool
from .rules import PoolEvent


def load(stdout):
    data = read_demo("pooling", "pools", expect=dict)
    coordinator = demo_user(Role.HOLDER)
    people = [coordinator, demo_user(Role.CARER)] + [_member(e, n) for e, n in MEMBERS]
    supplier = demo_user(Role.PROVIDER)
    for spec in data["pools"]:
        if Pool.objects.filter(title=spec["title"]).exists():
            continue
        _build(dict(spec), coordinator, people, supplier, data)
    stdout.write(f"  {Pool.objects.count()} pools")


def _build(spec, coordinator, people, supplier, data):
    target_state, member_count = spec.pop("state"), spec.pop("members")
    pool = Pool.objects.create(
        coordinator=coordinator, start_date=datetime.date(2027, 2, 1), **spec
    )
    for index, person in enumerate(people[:member_count]):
        services.join(pool, person, use=1 + index % 2, **data["members"][index])
    pool.refresh_from_db()
    if target_state in ("agreed", "active", "ended"):
        _everyone_accepts(pool, people[:member_count], data["agreement_names"])
    if target_state in ("active", "ended"):
        services.coordinator_action(pool, coordinator, PoolEvent.START)
        services.record_session(
            pool,
            coordinator,
            held_on=datetime.date(2026, 11, 3),
            attended=list(services.members(pool)),
            note="Lovely first session",
        )
    if target_state == "ended":
        services.coordinator_action(pool, coordinator, PoolEvent.END)
    if target_state == "cancelled":
        services.coordinator_action(pool, coordinator, PoolEvent.CANCEL)
    if spec["category"] == "shared_pa" and target_state == "forming":
        _advertise_for_a_shared_pa(pool, coordinator)
    if target_state == "viable":
        quote = services.request_quote(pool, coordinator, supplier, "Could you run this?")
        services.answer_quote(
            quote,
            supplier,
            price_pence=8400,
            included="Two hours, clay and firing",
            dates="Wednesdays from February",
        )
        proposal = services.propose(
            pool, coordinator, kind="choose_quote", text="Let's book Oakleaf Crafts", quote=quote
        )
        services.vote(proposal, coordinator, agree=True)


def _advertise_for_a_shared_pa(pool, coordinator):
    """The group's "PA wanted" advert in the register, as the coordinator would post it."""
    from pa_register.models import Advert

    Advert.objects.create(
        author=coordinator,
        group=pool,
        kinds=["social"],
        employment="self_employed",
        hours_per_week=4,
        rate_pence=1800,
        **shared_pa.group_advert_initial(pool),
    )


def _everyone_accepts(pool, people, agreement_names):
    for person in people:
        services.accept_agreement(
            pool,
            person,
            Pool.objects.get(pk=pool.pk).agreement_version,
            agreement_name=agreement_names.get(person.display_name, ""),
        )
