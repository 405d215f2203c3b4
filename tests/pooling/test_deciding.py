"""Quotes, votes and the sessions record, through services and the test client."""

import csv
import io

import pytest
from django.urls import reverse

from pooling import services
from pooling.models import Pool, Proposal, Quote, SessionRecord

from .test_pools import make_pool, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    ann, bo, cy = make_user("Ann"), make_user("Bo"), make_user("Cy")
    pool = make_pool(ann, max_members=4, decision_rule="everyone_money")
    for person in (ann, bo, cy):
        services.join(pool, person, pays_with="direct_payment")
    return Pool.objects.get(pk=pool.pk), ann, bo, cy


def test_quote_requested_answered_and_chosen_by_everyone_changes_the_price(group, client):
    pool, ann, bo, cy = group
    supplier = make_user("Oakleaf")
    client.force_login(ann)
    response = client.post(
        reverse("pooling:quote_request") + f"?to={supplier.pk}",
        {"to": supplier.pk, "pool": pool.pk, "message": "Fridays please"},
    )
    assert response.status_code == 302
    quote = Quote.objects.get(pool=pool, supplier=supplier)
    assert supplier.notifications.filter(verb="asked you for a quote").exists()

    client.force_login(bo)
    assert client.get(reverse("pooling:quote_answer", args=[quote.pk])).status_code == 404
    client.force_login(supplier)
    bad = client.post(
        reverse("pooling:quote_answer", args=[quote.pk]),
        {"price": "-3", "included": "", "dates": "Fridays"},
    )
    assert (
        "zero or more" in bad.content.decode()
        and "Say what the price includes" in bad.content.decode()
    )
    assert 'value="Fridays"' in bad.content.decode()
    client.post(
        reverse("pooling:quote_answer", args=[quote.pk]),
        {"price": "72", "included": "Four hours and travel", "dates": "Fridays"},
    )
    quote.refresh_from_db()
    assert quote.price_per_session_pence == 7200 and quote.status == "answered"

    proposal = services.propose(pool, ann, kind="choose_quote", text="Take Oakleaf", quote=quote)
    assert services.vote(proposal, ann, agree=True) == "open"
    assert services.vote(proposal, bo, agree=True) == "open"  # money: everyone must agree
    assert services.vote(proposal, cy, agree=True) == "passed"
    pool.refresh_from_db()
    assert pool.cost_per_session_pence == 7200
    assert Quote.objects.get(pk=quote.pk).status == "chosen"
    with pytest.raises(services.PoolError, match="finished"):
        services.vote(proposal, ann, agree=False)


def test_one_no_vote_rejects_a_money_proposal_under_the_everyone_rule(group):
    pool, ann, bo, cy = group
    proposal = services.propose(pool, ann, kind="change_price", text="Pay £5 more each")
    services.vote(proposal, ann, agree=True)
    assert services.vote(proposal, bo, agree=False) == "rejected"
    assert Proposal.objects.get(pk=proposal.pk).outcome == "rejected"


def test_outsiders_cannot_propose_vote_or_see_decisions(group, client):
    pool, ann, _bo, _cy = group
    outsider = make_user("Dee")
    with pytest.raises(services.PoolError):
        services.propose(pool, outsider, kind="other", text="Let me in")
    proposal = services.propose(pool, ann, kind="other", text="Meet at 7")
    with pytest.raises(services.PoolError):
        services.vote(proposal, outsider, agree=True)
    client.force_login(outsider)
    assert client.get(reverse("pooling:decisions", args=[pool.pk])).status_code == 404
    assert client.get(reverse("pooling:record_csv", args=[pool.pk])).status_code == 404


def test_proposal_form_errors_are_plain(group, client):
    pool, ann, _bo, _cy = group
    client.force_login(ann)
    response = client.post(
        reverse("pooling:decisions", args=[pool.pk]), {"kind": "choose_quote", "text": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Say what you suggest" in body and "Choose which quote" in body
    assert not Proposal.objects.exists()


def test_vote_through_the_site(group, client):
    pool, ann, bo, _cy = group
    proposal = services.propose(pool, ann, kind="other", text="Meet at 7pm")
    client.force_login(bo)
    url = reverse("pooling:vote", args=[pool.pk, proposal.pk])
    client.post(url, {"agree": "maybe"})
    assert not proposal.votes.exists()
    client.post(url, {"agree": "yes"})
    assert proposal.votes.get().agree is True
    page = client.get(reverse("pooling:decisions", args=[pool.pk])).content.decode()
    assert "You voted yes" in page


def test_sessions_record_and_csv_export(group, client):
    pool, ann, bo, cy = group
    client.force_login(bo)
    members = {m.user.display_name: m for m in services.members(pool)}
    response = client.post(
        reverse("pooling:record", args=[pool.pk]),
        {
            "held_on": "2026-11-20",
            "attended": [members["Ann"].pk, members["Bo"].pk],
            "note": '=HYPERLINK("x")',
        },
    )
    assert response.status_code == 302
    assert SessionRecord.objects.get().attended.count() == 2
    bad = client.post(reverse("pooling:record", args=[pool.pk]), {"held_on": "31/02/2026"})
    assert "Enter a real date" in bad.content.decode()
    rows = list(
        csv.reader(
            io.StringIO(client.get(reverse("pooling:record_csv", args=[pool.pk])).content.decode())
        )
    )
    assert rows[0][:4] == ["Date", "Note", "Ann", "Bo"]
    assert rows[1][0] == "2026-11-20"
    assert rows[1][1].startswith("'=")  # not run as a spreadsheet formula
    assert rows[1][2:5] == ["came", "came", "did not come"]
