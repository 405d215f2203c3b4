"""An agreed money or schedule vote changes the agreement by itself (a new version members accept
again), or tells the coordinator exactly what to change; a vote that fails changes nothing."""

import datetime

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from pooling import services
from pooling.models import Membership, Pool, Proposal
from pooling.rules import PROPOSAL_FIELDS, DecisionOutcome, agreed_changes, history_sentence

from .test_pools import make_pool, make_user


@pytest.fixture
def pottery(db):
    """Three people in a per-person pottery class at £15, who have all accepted version 1."""
    ann, bo, cy = make_user("Ann"), make_user("Bo"), make_user("Cy")
    pool = make_pool(
        ann,
        title="Pottery on Wednesdays",
        category="class",
        split_method="per_person",
        price_per_person_pence=1500,
        cost_per_session_pence=0,
        max_members=4,
        weekday=2,
        decision_rule="everyone_money",
    )
    for person in (ann, bo, cy):
        services.join(pool, person, pays_with="direct_payment")
    for person in (ann, bo, cy):
        services.accept_agreement(pool, person, Pool.objects.get(pk=pool.pk).agreement_version)
    pool = Pool.objects.get(pk=pool.pk)
    assert pool.state == "agreed"
    return pool, ann, bo, cy


def decisions_url(pool):
    return reverse("pooling:decisions", args=[pool.pk])


def vote(client, person, proposal, choice):
    client.force_login(person)
    return client.post(
        reverse("pooling:vote", args=[proposal.pool_id, proposal.pk]), {"agree": choice}
    )


def terms(pool):
    pool = Pool.objects.get(pk=pool.pk)
    shares, _ = services.current_shares(pool)
    return (
        pool.price_per_person_pence,
        pool.cost_per_session_pence,
        pool.split_method,
        pool.weekday,
        pool.time_of_day,
        pool.agreement_version,
        pool.state,
        [share.per_session for share in shares],
    )


def test_an_agreed_new_price_changes_the_shares_and_asks_everyone_to_accept_again(pottery, client):
    pool, ann, bo, cy = pottery
    old_version = pool.agreement_version
    client.force_login(bo)
    response = client.post(
        decisions_url(pool),
        {
            "kind": "change_price",
            "text": "£18 each, so the potter can buy clay",
            "new_price_each": "18",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get(pool=pool)
    assert proposal.changes == {"price_per_person_pence": 1800}
    page = client.get(decisions_url(pool)).content.decode()
    assert "If the group agrees, the agreement changes by itself" in page
    assert "Price for each person, each session: £15 to £18" in page

    for person in (ann, bo, cy):
        vote(client, person, proposal, "yes")
    pool = Pool.objects.get(pk=pool.pk)
    assert pool.price_per_person_pence == 1800
    shares, _ = services.current_shares(pool)
    assert [share.per_session for share in shares] == [1800, 1800, 1800]
    assert pool.agreement_version == old_version + 1
    assert pool.state == "viable"  # everyone must accept the new version before it is agreed
    assert not Membership.objects.filter(pool=pool, accepted_version=pool.agreement_version)

    page = client.get(decisions_url(pool)).content.decode()
    assert "What changed: this is now in version 2 of the agreement, which every member" in page
    assert "Price for each person, each session: £15 to £18" in page
    for person in (ann, bo):
        assert person.notifications.filter(
            verb__contains="Please read version 2 and accept it",
            url=reverse("pooling:agreement", args=[pool.pk]),
        ).exists()
    agreement = client.get(reverse("pooling:agreement", args=[pool.pk])).content.decode()
    assert "Each person pays £18 each session." in agreement
    assert "The group agreed a change: Price for each person, each session: £15 to £18." in (
        agreement
    )


def test_an_agreed_new_day_and_start_date_change_the_schedule(pottery, client):
    pool, ann, bo, cy = pottery
    client.force_login(ann)
    client.post(
        decisions_url(pool),
        {
            "kind": "change_schedule",
            "text": "Thursdays from March",
            "new_weekday": "3",
            "new_time_of_day": "2pm to 4pm",
            "new_start_date": "2027-03-04",
        },
    )
    proposal = Proposal.objects.get(pool=pool)
    for person in (ann, bo):  # not about money: more than half is enough
        vote(client, person, proposal, "yes")
    pool = Pool.objects.get(pk=pool.pk)
    assert (pool.weekday, pool.time_of_day) == (3, "2pm to 4pm")
    assert pool.start_date == datetime.date(2027, 3, 4)
    assert pool.agreement_version == 2
    page = client.get(decisions_url(pool)).content.decode()
    assert "Day: Wednesday to Thursday" in page and "Start date: not set to 4 March 2027" in page


def test_an_agreed_suggestion_without_new_details_tells_the_coordinator_what_to_do(pottery, client):
    pool, ann, bo, cy = pottery
    client.force_login(bo)
    client.post(decisions_url(pool), {"kind": "change_price", "text": "£18 each"})
    proposal = Proposal.objects.get(pool=pool)
    before = terms(pool)
    for person in (bo, cy, ann):
        vote(client, person, proposal, "yes")
    assert Proposal.objects.get(pk=proposal.pk).outcome == "passed"
    assert terms(pool) == before
    assert ann.notifications.filter(
        verb__contains="Nothing changed by itself: please change the group's details to match",
        url=reverse("pooling:edit", args=[pool.pk]),
    ).exists()
    coordinator_page = client.get(decisions_url(pool)).content.decode()  # ann voted last
    assert "Nothing changed by itself" in coordinator_page
    assert f'href="{reverse("pooling:edit", args=[pool.pk])}"' in coordinator_page
    client.force_login(bo)
    assert (
        "We have asked Ann, who coordinates the group"
        in client.get(decisions_url(pool)).content.decode()
    )


@pytest.mark.parametrize(
    "votes",
    [
        ("yes", "no"),  # money needs everyone: one no ends it
        ("no", "no"),
        ("no", "yes", "yes"),
    ],
)
def test_a_vote_that_fails_changes_nothing(pottery, client, votes):
    pool, ann, bo, cy = pottery
    client.force_login(ann)
    client.post(
        decisions_url(pool),
        {"kind": "change_price", "text": "Pay £30 each", "new_price_each": "30"},
    )
    proposal = Proposal.objects.get(pool=pool)
    before = terms(pool)
    for person, choice in zip((ann, bo, cy), votes, strict=False):
        if Proposal.objects.get(pk=proposal.pk).outcome == "open":
            vote(client, person, proposal, choice)
    assert Proposal.objects.get(pk=proposal.pk).outcome == "rejected"
    assert terms(pool) == before
    assert Proposal.objects.get(pk=proposal.pk).applied_changes == {}
    page = client.get(decisions_url(pool)).content.decode()
    assert "Not agreed." in page and "Nothing has changed." in page


def test_the_new_details_must_match_the_kind_of_suggestion(pottery, client):
    pool, ann, _bo, _cy = pottery
    client.force_login(ann)
    response = client.post(
        decisions_url(pool),
        {"kind": "other", "text": "A new price", "new_price_each": "18", "new_cost": "60"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Proposal.objects.exists()
    assert "choose “Change the price or how we share it”" in page
    assert "not both" in page
    assert 'value="18"' in page and "A new price" in page


# --- the rule, on plain values -----------------------------------------------------------------

TERMS = st.fixed_dictionaries(
    {
        "cost_per_session_pence": st.integers(0, 100_000),
        "price_per_person_pence": st.none() | st.integers(0, 100_000),
        "split_method": st.sampled_from(["equal", "by_use", "per_person"]),
        "repeat": st.sampled_from(["once", "weekly", "fortnightly", "monthly"]),
        "weekday": st.none() | st.integers(0, 6),
        "time_of_day": st.text(max_size=10),
        "start_date": st.none() | st.dates().map(lambda d: d.isoformat()),
    }
)
KINDS = st.sampled_from(
    ["choose_quote", "change_schedule", "change_price", "add_member", "end_pool", "other"]
)


@given(terms=TERMS, proposed=TERMS, kind=KINDS)
def test_a_failed_or_open_vote_never_changes_anything(terms, proposed, kind):
    for outcome in (DecisionOutcome.OPEN, DecisionOutcome.REJECTED):
        assert agreed_changes(outcome=outcome, kind=kind, proposed=proposed, current=terms) == {}


@given(terms=TERMS, proposed=TERMS, kind=KINDS)
def test_a_passed_vote_changes_only_what_its_kind_may_and_only_real_changes(terms, proposed, kind):
    changes = agreed_changes(outcome="passed", kind=kind, proposed=proposed, current=terms)
    assert set(changes) <= set(PROPOSAL_FIELDS.get(kind, ()))
    for field, (old, new) in changes.items():
        assert old == terms[field] and old != new
    after = {**terms, **{field: new for field, (_old, new) in changes.items()}}
    # Applying the same change again changes nothing more.
    assert agreed_changes(outcome="passed", kind=kind, proposed=proposed, current=after) == {}


def test_a_new_price_for_each_person_makes_the_split_per_person_and_a_total_shares_it():
    equal = {
        "cost_per_session_pence": 6000,
        "price_per_person_pence": None,
        "split_method": "equal",
    }
    assert agreed_changes(
        outcome="passed",
        kind="change_price",
        proposed={"price_per_person_pence": 1800},
        current=equal,
    ) == {"price_per_person_pence": (None, 1800), "split_method": ("equal", "per_person")}
    each = {
        "cost_per_session_pence": 0,
        "price_per_person_pence": 1500,
        "split_method": "per_person",
    }
    assert agreed_changes(
        outcome="passed",
        kind="change_price",
        proposed={"cost_per_session_pence": 7200},
        current=each,
    ) == {
        "cost_per_session_pence": (0, 7200),
        "price_per_person_pence": (1500, None),
        "split_method": ("per_person", "equal"),
    }


@pytest.mark.parametrize(
    ("event", "note", "actor", "expected"),
    [
        ("membership_changed", "Maya H joined", "Maya H", "Maya H joined."),
        ("start", "", "Maya H", "Maya H started the group."),
        ("cancel", "", "", "The group cancelled."),
        ("end", "The group voted to end", "Bo", "The group voted to end."),
        ("terms_changed", "The details changed", "Ann", "Ann changed the details."),
        (
            "terms_changed",
            "Chose the quote from Oakleaf",
            "Bo",
            "The group chose the quote from Oakleaf.",
        ),
        ("all_accepted", "Everyone accepted version 2", "Bo", "Everyone accepted version 2."),
        ("membership_changed", "", "Bo", "The group is now: Running."),
    ],
)
def test_history_lines_are_sentences_that_name_each_person_once(event, note, actor, expected):
    assert history_sentence(event=event, note=note, actor=actor, state_label="Running") == expected
