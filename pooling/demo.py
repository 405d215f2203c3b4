"""Demo pools in every state, with members, quotes, votes, sessions and accepted agreements."""

import datetime

from accounts.demo import DEMO_MEMBERS as MEMBERS
from accounts.demo import demo_member as _member
from accounts.demo import demo_user
from accounts.models import Role

from . import services, shared_pa
from .models import Pool
from .rules import PoolEvent

POOLS = [
    {
        "title": "A shared PA for Friday nights out in Cowley",
        "description": (
            "Three or four of us would like a PA to come out with us on Friday evenings: the "
            "cinema, a gig, or the pub. Sharing one PA means we can all go out more often."
        ),
        "category": "shared_pa",
        "districts": ["OX4", "OX3"],
        "weekday": 4,
        "time_of_day": "6pm to 10pm",
        "cost_per_session_pence": 7200,
        # The PA is self-employed and cannot be paid from an individual service fund.
        "payment_routes": ["direct_payment", "managed_account", "health_budget", "own_money"],
        "min_members": 3,
        "max_members": 4,
        "state": "forming",
        "members": 2,
    },
    {
        "title": "Weekly pottery class at the Banbury community centre",
        "description": (
            "A local potter will run a two-hour class for up to six of us. The price is per "
            "person, so it only goes ahead if at least four people join."
        ),
        "category": "class",
        "districts": ["OX16", "OX15"],
        "weekday": 2,
        "venue": "Grimsbury Community Centre, Banbury",
        "time_of_day": "10am to 12 noon",
        "split_method": "per_person",
        "price_per_person_pence": 1500,
        "min_members": 4,
        "max_members": 6,
        "state": "viable",
        "members": 4,
    },
    {
        "title": "Minibus to the coast in the summer",
        "description": (
            "A day trip to the seaside with a hired accessible minibus and driver. The cost is "
            "shared equally. Carers are welcome."
        ),
        "category": "day_out",
        "districts": ["OX14", "OX11"],
        "repeat": "once",
        "cost_per_session_pence": 42000,
        "min_members": 4,
        "max_members": 8,
        "state": "agreed",
        "members": 5,
    },
    {
        "title": "Gardener for our street in Witney",
        "description": (
            "A gardener comes every two weeks and works in each of our gardens. We share the "
            "cost by the hours each garden needs."
        ),
        "category": "home_garden",
        "districts": ["OX28"],
        "repeat": "fortnightly",
        "weekday": 1,
        "split_method": "by_use",
        "cost_per_session_pence": 9000,
        "min_members": 2,
        "max_members": 4,
        "state": "active",
        "members": 3,
        "at_home": True,
    },
    {
        "title": "Swimming with a shared PA in Abingdon",
        "description": "We shared a PA for swimming every Saturday for a year.",
        "category": "shared_pa",
        "districts": ["OX14"],
        "weekday": 5,
        "cost_per_session_pence": 5400,
        "pa_employment": "each_member",
        "min_members": 2,
        "max_members": 3,
        "state": "ended",
        "members": 2,
    },
    {
        "title": "Drumming circle in Bicester",
        "description": "We hoped to book a drumming teacher, but not enough people could come.",
        "category": "class",
        "districts": ["OX26"],
        "weekday": 3,
        "cost_per_session_pence": 6000,
        "min_members": 5,
        "max_members": 10,
        "state": "cancelled",
        "members": 2,
    },
]

PAYS = ["direct_payment", "managed_account", "health_budget", "isf", "direct_payment"]
OUTCOMES = [
    "See friends and get out in the evenings",
    "Learn something new and feel less alone",
    "Get out of the house at weekends",
    "Keep my home safe and pleasant",
    "Stay active and well",
]


def load(stdout):
    coordinator = demo_user(Role.HOLDER)
    people = [coordinator, demo_user(Role.CARER)] + [_member(e, n) for e, n in MEMBERS]
    supplier = demo_user(Role.PROVIDER)
    for spec in POOLS:
        if Pool.objects.filter(title=spec["title"]).exists():
            continue
        _build(dict(spec), coordinator, people, supplier)
    stdout.write(f"  {Pool.objects.count()} pools")


def _build(spec, coordinator, people, supplier):
    target_state, member_count = spec.pop("state"), spec.pop("members")
    pool = Pool.objects.create(
        coordinator=coordinator, start_date=datetime.date(2027, 2, 1), **spec
    )
    for index, person in enumerate(people[:member_count]):
        services.join(
            pool,
            person,
            pays_with=PAYS[index],
            use=1 + index % 2,
            support_plan_outcome=OUTCOMES[index],
        )
    pool.refresh_from_db()
    if target_state in ("agreed", "active", "ended"):
        _everyone_accepts(pool, people[:member_count])
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


#: The full names members give for the agreement (a council officer matches them to budgets).
FULL_NAMES = {
    "Maya H": "Maya Hughes",
    "Tom (carer)": "Margaret Carter, whose budget her son Tom Carter manages",
    "Dev R": "Devendra Rao",
    "Lou K": "Louise Kemp",
    # Harriet W gives no full name: the agreement says so, and she can add it later.
    "Marcus T": "Marcus Thompson",
}


def _everyone_accepts(pool, people):
    for person in people:
        services.accept_agreement(
            pool,
            person,
            Pool.objects.get(pk=pool.pk).agreement_version,
            agreement_name=FULL_NAMES.get(person.display_name, ""),
        )
