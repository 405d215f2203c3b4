"""The pooling board through its public interface: services and views via the test client."""

import io
import threading

import pypdf
import pytest
from django.db import close_old_connections, connection
from django.urls import reverse

from pooling import services
from pooling.models import Membership, MembershipStatus, Pool, Transition
from pooling.rules import PoolEvent
from tests.people import make_user

pytestmark = pytest.mark.django_db


def make_pool(coordinator, **fields):
    defaults = {
        "title": "Shared PA for Friday evenings",
        "description": "Three of us want a PA to come to the cinema and the pub.",
        "category": "shared_pa",
        "districts": ["OX4", "OX3"],
        "cost_per_session_pence": 6000,
        "min_members": 2,
        "max_members": 3,
    }
    return Pool.objects.create(coordinator=coordinator, **{**defaults, **fields})


def test_joining_to_the_minimum_makes_the_pool_viable_and_records_it():
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann)
    services.join(pool, ann, pays_with="direct_payment")
    pool.refresh_from_db()
    assert pool.state == "forming"
    services.join(pool, bo, pays_with="managed_account")
    pool.refresh_from_db()
    assert pool.state == "viable"
    assert list(pool.transitions.values_list("to_state", flat=True)) == ["forming", "viable"]
    # Who joined is kept by reference, never as words; the history reads the name today.
    line = Transition.objects.get(pool=pool, actor=bo)
    assert (line.note, line.member.user) == ("{member} joined", bo)
    assert any(h.text == "Bo joined." for h in services.history(pool))


def test_the_history_fills_in_todays_names_and_words_for_every_kind_of_line():
    from django.utils import timezone

    from pooling.models import Proposal, Quote

    ann, bo, gone, sam = make_user("Ann"), make_user("Bo"), make_user("Gus"), make_user("Sam")
    nameless = make_user("")
    pool = make_pool(ann)
    for_son = Membership.objects.create(pool=pool, user=bo, on_behalf_of="my son Danny")
    gone_for = Membership.objects.create(pool=pool, user=gone, on_behalf_of="my mum")
    quote = Quote.objects.create(pool=pool, supplier=sam, requested_by=ann)
    with_quote = Proposal.objects.create(pool=pool, kind="quote", text="Take Sam's", quote=quote)
    long_words = Proposal.objects.create(pool=pool, kind="other", text="x" * 130)
    wordless = Proposal.objects.create(pool=pool, kind="other", text="")
    lines = [
        (
            {"note": "{member} joined", "member": for_son, "actor": bo},
            "Bo (for my son Danny) joined.",
        ),
        ({"note": "{member} joined", "member": gone_for}, "A former member joined."),
        ({"note": "{member} left", "member": None}, "A former member left."),
        ({"note": "Voted for {proposal}", "proposal": long_words}, f"Voted for “{'x' * 120}”."),
        ({"note": "Voted for {proposal}", "proposal": wordless}, "Voted for a suggestion."),
        ({"note": "Voted for {proposal}"}, "Voted for a suggestion."),
        (
            {"note": "Chose the quote from {supplier}", "proposal": with_quote},
            "The group chose the quote from Sam.",
        ),
        (
            {"note": "Chose the quote from {supplier}", "proposal": wordless},
            "The group chose the quote from a supplier.",
        ),
        ({"note": "", "event": "start", "actor": ann}, "Ann started the group."),
        ({"note": "", "event": "end", "actor": gone}, "A former member ended the group."),
        ({"note": "", "event": "cancel", "actor": nameless}, "Member cancelled the group."),
        ({"note": "", "event": "cancel"}, "The group cancelled."),
        ({"note": "", "event": "other", "to_state": "viable"}, None),
    ]
    when = timezone.now()
    for number, (fields, _text) in enumerate(lines):
        defaults = {"from_state": "forming", "to_state": "forming", "event": "joined"}
        fields = {**defaults, **fields, "created_at": when + timezone.timedelta(seconds=number)}
        Transition.objects.create(pool=pool, **fields)
    gone.deleted_at = timezone.now()
    gone.save(update_fields=["deleted_at"])
    texts = [line.text for line in services.history(pool)]
    assert texts[:-1] == [text for _fields, text in lines[:-1]]
    assert texts[-1].startswith("The group is now: ")


def test_member_list_reads_what_members_reads_in_its_order_without_more_queries(
    django_assert_num_queries,
):
    """member_list (SQL built once per process) gives list(members(pool)): the same members,
    their accounts and their pool read with them, in the same order; leavers and waiters left
    out."""
    from django.utils import timezone

    ann, bo, cy, di = make_user("Ann"), make_user("Bo"), make_user("Cy"), make_user("Di")
    pool = make_pool(ann, max_members=5)
    other = make_pool(di)
    now = timezone.now()
    Membership.objects.create(pool=pool, user=cy, joined_at=now)
    Membership.objects.create(pool=pool, user=ann, joined_at=now - timezone.timedelta(days=1))
    Membership.objects.create(pool=pool, user=bo, joined_at=now, status=MembershipStatus.LEFT)
    Membership.objects.create(pool=pool, user=di, joined_at=now, status=MembershipStatus.WAITING)
    Membership.objects.create(pool=other, user=bo, joined_at=now)
    expected = list(services.members(pool))
    with django_assert_num_queries(1):
        found = services.member_list(pool)
        shown = [(m.pk, m.user.public_name, m.pool.title, m.status) for m in found]
    assert shown == [(m.pk, m.user.public_name, m.pool.title, m.status) for m in expected]
    assert [m.user.public_name for m in found] == ["Ann", "Cy"]
    assert services.member_list(other)[0].user == bo


def test_everyone_accepting_agrees_then_a_change_needs_acceptance_again():
    ann, bo, cy = make_user("Ann"), make_user("Bo"), make_user("Cy")
    pool = make_pool(ann)
    for person in (ann, bo):
        services.join(pool, person, pays_with="direct_payment")
    pool.refresh_from_db()
    for person in (ann, bo):
        services.accept_agreement(pool, person, pool.agreement_version)
    pool.refresh_from_db()
    assert pool.state == "agreed"
    agreed_version = pool.agreement_version

    services.join(pool, cy, pays_with="health_budget")
    pool.refresh_from_db()
    assert pool.state == "viable"
    assert pool.agreement_version == agreed_version + 1
    with pytest.raises(services.PoolError, match="changed while you were reading"):
        services.accept_agreement(pool, ann, agreed_version)


def test_full_pool_puts_people_on_the_waiting_list_and_promotes_them_when_a_place_opens():
    people = [make_user(n) for n in ("Ann", "Bo", "Cy", "Di")]
    pool = make_pool(people[0], max_members=3)
    for person in people:
        services.join(pool, person, pays_with="direct_payment")
    di = Membership.objects.get(pool=pool, user=people[3])
    assert di.status == MembershipStatus.WAITING
    services.leave(pool, people[1])
    di.refresh_from_db()
    assert di.status == MembershipStatus.MEMBER
    assert di.user.notifications.filter(verb__contains="place for you").exists()


def test_only_the_coordinator_starts_and_only_an_agreed_pool_starts():
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann)
    for person in (ann, bo):
        services.join(pool, person, pays_with="direct_payment")
    with pytest.raises(services.PoolError, match="once every member has agreed"):
        services.coordinator_action(pool, ann, PoolEvent.START)
    for person in (ann, bo):
        services.accept_agreement(pool, person, Pool.objects.get(pk=pool.pk).agreement_version)
    with pytest.raises(services.PoolError, match="coordinator"):
        services.coordinator_action(pool, bo, PoolEvent.START)
    services.coordinator_action(pool, ann, PoolEvent.START)
    assert Pool.objects.get(pk=pool.pk).state == "active"


def test_shares_shown_to_members_add_up_and_a_newcomer_sees_their_share():
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann, cost_per_session_pence=10000)
    for person in (ann, bo):
        services.join(pool, person, pays_with="direct_payment")
    shares, shortfall = services.current_shares(pool)
    assert shortfall == ""
    assert sum(s.per_session for s in shares) == 10000
    assert services.share_if_joining(pool) in (3333, 3334)


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_gives_exactly_one_place():
    ann = make_user("Ann")
    pool = make_pool(ann, max_members=2)
    services.join(pool, ann, pays_with="direct_payment")
    racers = [make_user("Bo"), make_user("Cy")]
    barrier = threading.Barrier(len(racers))
    outcomes = []

    def take_place(person):
        close_old_connections()
        try:
            barrier.wait(timeout=10)
            membership = services.join(Pool.objects.get(pk=pool.pk), person, pays_with="isf")
            outcomes.append(membership.status)
        finally:
            connection.close()

    threads = [threading.Thread(target=take_place, args=(p,)) for p in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == [MembershipStatus.MEMBER, MembershipStatus.WAITING]
    assert Membership.objects.filter(pool=pool, status=MembershipStatus.MEMBER).count() == 2


# --- views -------------------------------------------------------------------------------------


def test_board_lists_public_pools_and_filters_by_district(client):
    ann = make_user("Ann")
    make_pool(ann, title="Gardening in Banbury", districts=["OX16"])
    make_pool(ann, title="Cinema in Oxford", districts=["OX4"])
    make_pool(ann, title="Secret unlisted", districts=["OX4"], visibility="unlisted")
    page = client.get("/pools/", {"postcode": "ox4 1aa"}).content.decode()
    assert "Cinema in Oxford" in page
    assert "Gardening in Banbury" not in page
    assert "Secret unlisted" not in page


def test_board_finds_pools_by_town_and_nearby_nearest_first(client):
    ann = make_user("Ann")
    make_pool(ann, title="Gardening in Banbury", districts=["OX16"])
    make_pool(ann, title="Cinema in Oxford", districts=["OX4"])
    make_pool(ann, title="Walk near Banbury", districts=["OX15"])
    page = client.get("/pools/", {"postcode": "Banbury"}).content.decode()
    assert "Gardening in Banbury" in page
    assert "Walk near Banbury" not in page and "Cinema in Oxford" not in page
    page = client.get("/pools/", {"postcode": "banbury", "within": "10"}).content.decode()
    assert page.index("Gardening in Banbury") < page.index("Walk near Banbury")
    assert "Cinema in Oxford" not in page
    assert "about 3 miles away" in page
    page = client.get("/pools/", {"postcode": "Newport"}).content.decode()
    assert "There is more than one Newport" in page


def test_board_filters_by_how_people_pay(client):
    ann = make_user("Ann")
    make_pool(ann, title="Direct payments only", payment_routes=["direct_payment"])
    make_pool(ann, title="Any way at all")
    page = client.get("/pools/", {"pays_with": "isf"}).content.decode()
    assert "Any way at all" in page and "Direct payments only" not in page
    page = client.get("/pools/", {"pays_with": "direct_payment"}).content.decode()
    assert "Any way at all" in page and "Direct payments only" in page


def test_creating_a_pool_needs_at_least_one_way_to_pay(client):
    client.force_login(make_user("Ann"))
    response = client.post("/pools/new/", {"title": "Pottery", "payment_routes": []})
    assert "Tick at least one way members can pay." in response.content.decode()
    assert not Pool.objects.exists()


@pytest.mark.parametrize(
    "params",
    [
        {"postcode": "<script>alert(1)</script>"},
        {"pays_with": "bitcoin"},
        {"postcode": "x" * 10000},
        {"postcode": "OX4\x00"},
        {"category": "not-a-category"},
        {"weekday": "99"},
        {"page": "99999999999"},
        {"page": "-1"},
    ],
)
def test_board_answers_bad_input_plainly(client, params):
    response = client.get("/pools/", params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    if "postcode" in params:
        assert "There is a problem" in body


def test_unlisted_pool_is_404_to_outsiders_but_visible_with_the_share_link(client):
    ann = make_user("Ann")
    pool = make_pool(ann, visibility="unlisted")
    assert client.get(pool.get_absolute_url()).status_code == 404
    assert client.get(pool.get_absolute_url(), {"key": "wrong"}).status_code == 404
    assert client.get(pool.get_absolute_url(), {"key": pool.share_token}).status_code == 200
    client.force_login(ann)
    assert client.get(pool.get_absolute_url()).status_code == 200


def test_create_pool_form_keeps_input_and_saves_nothing_on_error(client):
    ann = make_user("Ann")
    client.force_login(ann)
    response = client.post(
        "/pools/new/",
        {
            "title": "Pottery class",
            "description": "<b>Weekly</b> pottery",
            "category": "class",
            "districts_text": "not a district",
            "repeat": "weekly",
            "split_method": "equal",
            "cost": "-5",
            "min_members": "5",
            "max_members": "3",
            "decision_rule": "majority",
            "visibility": "public",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "is not a postcode we recognise" in body
    assert "zero or more" in body
    assert "the same as, or more than" in body
    assert 'value="Pottery class"' in body
    assert "&lt;b&gt;Weekly&lt;/b&gt; pottery" in body
    assert Pool.objects.count() == 0


def test_create_then_join_through_the_site(client):
    ann, bo = make_user("Ann"), make_user("Bo")
    client.force_login(ann)
    response = client.post(
        "/pools/new/",
        {
            "title": "Pottery class",
            "description": "Weekly pottery at the community centre.",
            "category": "class",
            "districts_text": "ox4, OX3",
            "venue": "Cowley Community Centre",
            "repeat": "weekly",
            "weekday": "2",
            "split_method": "equal",
            "cost": "£45.00",
            "payment_routes": ["direct_payment", "own_money"],
            "min_members": "2",
            "max_members": "4",
            "decision_rule": "majority",
            "visibility": "public",
        },
    )
    pool = Pool.objects.get()
    assert response.status_code == 302 and response.url == pool.get_absolute_url()
    assert pool.districts == ["OX4", "OX3"] and pool.cost_per_session_pence == 4500
    assert pool.payment_routes == ["direct_payment", "own_money"]
    client.force_login(bo)
    refused = client.post(
        reverse("pooling:join", args=[pool.pk]), {"pays_with": "isf", "use": "1"}
    ).content.decode()
    assert "This group can only be paid by direct payment, my own money." in refused
    assert not pool.memberships.filter(user=bo).exists()
    response = client.post(
        reverse("pooling:join", args=[pool.pk]),
        {"pays_with": "direct_payment", "use": "1", "max_share": "30"},
    )
    assert response.status_code == 302
    page = client.get(pool.get_absolute_url()).content.decode()
    assert "You have joined the group." in page
    assert "£45" in page
    assert pool.coordinator.notifications.filter(verb="joined your group").exists()


def test_join_form_errors_are_plain_and_nothing_is_saved(client):
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann)
    client.force_login(bo)
    response = client.post(
        reverse("pooling:join", args=[pool.pk]),
        {"use": "lots", "max_share": "abc", "on_behalf_of": "x" * 10000},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose how you will pay your share." in body
    assert "amount in pounds" in body
    assert not Membership.objects.filter(pool=pool).exists()


def test_agreement_lists_each_members_share_and_acceptance(client):
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann, cost_per_session_pence=5000)
    services.join(pool, ann, pays_with="direct_payment", support_plan_outcome="See friends weekly")
    services.join(pool, bo, pays_with="health_budget")
    services.accept_agreement(pool, ann, Pool.objects.get(pk=pool.pk).agreement_version)
    assert client.get(reverse("pooling:agreement", args=[pool.pk])).status_code == 302
    client.force_login(make_user("Outsider"))
    assert client.get(reverse("pooling:agreement", args=[pool.pk])).status_code == 404
    assert client.get(reverse("pooling:agreement_pdf", args=[pool.pk])).status_code == 404
    client.force_login(bo)
    body = client.get(reverse("pooling:agreement", args=[pool.pk])).content.decode()
    assert "£25" in body
    assert "See friends weekly" in body
    assert "Personal health budget" in body
    assert "Not yet" in body and "Yes," in body


def test_agreement_pdf_contains_each_share_and_acceptance(client):
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann, cost_per_session_pence=4500, title="Pottery on Wednesdays")
    services.join(pool, ann, pays_with="direct_payment", support_plan_outcome="Learn a new skill")
    services.join(pool, bo, pays_with="isf")
    for person in (ann, bo):
        services.accept_agreement(pool, person, Pool.objects.get(pk=pool.pk).agreement_version)
    client.force_login(bo)
    response = client.get(reverse("pooling:agreement_pdf", args=[pool.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    text = " ".join(text.split())
    assert "Pottery on Wednesdays" in text
    assert "£22.50" in text
    assert "Learn a new skill" in text
    assert "Individual service fund" in text
    assert text.count("Yes,") == 2
    assert "Every acceptance of every version" in text


def test_the_group_talks_in_one_private_conversation_members_only(client):
    ann, bo, cy, eve = (make_user(n) for n in ("Ann", "Bo", "Cy", "Eve"))
    pool = make_pool(ann, max_members=4)
    for person in (ann, bo, cy):
        services.join(pool, person, pays_with="direct_payment")
    pool.refresh_from_db()
    conversation = pool.conversation
    assert conversation is not None and conversation.is_private
    assert set(conversation.participants.all()) == {ann, bo, cy}
    services.leave(pool, cy)
    assert set(conversation.participants.all()) == {ann, bo}
    client.force_login(eve)
    assert client.get(conversation.get_absolute_url()).status_code == 404
    client.force_login(bo)
    assert client.get(conversation.get_absolute_url()).status_code == 200


def test_coordinator_changes_details_which_needs_acceptance_again(client):
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann)
    for person in (ann, bo):
        services.join(pool, person, pays_with="direct_payment")
    for person in (ann, bo):
        services.accept_agreement(pool, person, Pool.objects.get(pk=pool.pk).agreement_version)
    pool.refresh_from_db()
    assert pool.state == "agreed"
    client.force_login(bo)
    assert client.get(reverse("pooling:edit", args=[pool.pk])).status_code == 404
    client.force_login(ann)
    form = client.get(reverse("pooling:edit", args=[pool.pk])).content.decode()
    assert 'value="OX4, OX3"' in form and 'value="60.00"' in form
    response = client.post(
        reverse("pooling:edit", args=[pool.pk]),
        {
            "title": pool.title,
            "description": pool.description,
            "category": pool.category,
            "districts_text": "OX4",
            "repeat": "weekly",
            "split_method": "equal",
            "cost": "80",
            "payment_routes": ["direct_payment", "isf"],
            "min_members": "2",
            "max_members": "3",
            "decision_rule": "majority",
            "visibility": "public",
        },
    )
    assert response.status_code == 302
    changed = Pool.objects.get(pk=pool.pk)
    assert changed.cost_per_session_pence == 8000 and changed.districts == ["OX4"]
    assert changed.state == "viable"
    assert changed.agreement_version == pool.agreement_version + 1


def test_coordinator_hands_the_role_to_a_member_only(client):
    ann, bo, eve = make_user("Ann"), make_user("Bo"), make_user("Eve")
    pool = make_pool(ann)
    services.join(pool, bo, pays_with="isf")
    with pytest.raises(services.PoolError, match="must be a member"):
        services.transfer_coordinator(pool, ann, eve)
    client.force_login(ann)
    membership = Membership.objects.get(pool=pool, user=bo)
    client.post(reverse("pooling:transfer", args=[pool.pk]), {"member": membership.pk})
    assert Pool.objects.get(pk=pool.pk).coordinator == bo
    assert bo.notifications.filter(verb__contains="coordinator").exists()


def test_joining_after_the_closing_date_is_refused_plainly():
    import datetime

    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann, closing_date=datetime.date(2020, 1, 31))
    with pytest.raises(services.PoolError, match="stopped taking new members on 31 January 2020"):
        services.join(pool, bo, pays_with="isf")
    assert not Membership.objects.filter(pool=pool).exists()


def test_the_coordinator_hears_when_someone_leaves():
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann)
    services.join(pool, bo, pays_with="isf")
    services.leave(pool, bo)
    assert ann.notifications.filter(verb="left your group", actor=bo).exists()


def test_start_a_group_from_a_directory_listing_fills_in_what_we_know(client):
    from tests.directory.conftest import make_service

    service = make_service("Clay Club", districts=("OX16", "OX15"), costs=((4500, "session"),))
    ann = make_user("Ann")
    client.force_login(ann)
    form = client.get("/pools/new/", {"service": str(service.uuid)}).content.decode()
    assert 'value="Share Clay Club"' in form and 'value="OX15, OX16"' in form
    assert 'value="45.00"' in form
    assert client.get("/pools/new/", {"service": "not-a-uuid"}).status_code == 200
    response = client.post(
        "/pools/new/",
        {
            "service": str(service.uuid),
            "title": "Share Clay Club",
            "description": "Pots!",
            "category": "class",
            "districts_text": "OX16",
            "repeat": "weekly",
            "split_method": "equal",
            "cost": "45",
            "payment_routes": ["direct_payment", "managed_account", "isf"],
            "min_members": "2",
            "max_members": "5",
            "decision_rule": "majority",
            "visibility": "public",
        },
    )
    pool = Pool.objects.get()
    assert response.status_code == 302 and pool.service == service
    assert "Clay Club</a>, in the directory" in client.get(pool.get_absolute_url()).content.decode()


def test_outsiders_see_places_and_price_but_never_who_joined_or_what_each_pays(client):
    """Who joined, for whom, and each share are the group's business (issue 13, item 11)."""
    ann, bo, visitor = make_user("Ann"), make_user("Bo Member"), make_user("Cy Outsider")
    pool = make_pool(ann, max_members=4)
    services.join(pool, ann, pays_with="direct_payment")
    services.join(pool, bo, pays_with="direct_payment", on_behalf_of="my son Danny")
    secrets = ["Bo Member", "my son Danny", "£30", "What has happened"]

    for who in (None, visitor):
        client.logout()
        if who is not None:
            client.force_login(who)
        page = client.get(pool.get_absolute_url()).content.decode()
        assert "2 people have joined." in page and "2 members share the cost." in page
        assert "£60" in page  # the price is public
        assert [secret for secret in secrets if secret in page] == []

    client.force_login(bo)
    page = client.get(pool.get_absolute_url()).content.decode()
    assert "Bo Member (for my son Danny)" in page and "£30" in page
    assert "What has happened" in page  # the history, which names who joined


def test_a_pool_card_on_the_board_shows_an_edit_to_each_value_at_once(client):
    """Board cards are kept per process for the values they show (views._pool_card): a change
    to any of them, a new member or another language shows on the next visit."""
    from django.utils import translation

    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann, title="Swimming club", districts=["OX4"], price_per_person_pence=700)
    services.join(pool, ann, pays_with="direct_payment")

    def card(path="/pools/") -> str:
        html = client.get(path, {"postcode": "OX4"}).content.decode()
        start = html.index('<div class="card">')
        return html[start : html.index("</div>", start)]

    assert "Swimming club" in card() and "1 of 3 places taken" in card()
    edits = [
        ({"title": "Pottery club"}, "Pottery club"),
        ({"category": "class"}, "A class or regular activity"),
        ({"districts": ["OX4", "OX33"]}, "OX4, OX33"),
        ({"repeat": "fortnightly"}, "Every two weeks"),
        ({"weekday": 2}, "on Wednesdays"),
        ({"state": "viable"}, "Enough members: agreeing the details"),
        ({"max_members": 6}, "1 of 6 places taken"),
        ({"price_per_person_pence": 950}, "£9.50 each, each session"),
        ({"price_per_person_pence": None, "cost_per_session_pence": 4200}, "£42 a session"),
    ]
    for fields, shown in edits:
        Pool.objects.filter(pk=pool.pk).update(**fields)
        assert shown in card(), fields
    services.join(pool, bo, pays_with="direct_payment")
    assert "2 of 6 places taken" in card()
    assert "covers" in card()
    html = client.get("/pools/", {"postcode": "OX1", "within": "5"}).content.decode()
    assert "mile" in html
    english = card()
    polish = card("/pl/pools/")
    translation.activate("en-gb")
    assert "Pottery club" in polish and polish != english
    # The empty filter form is kept per language: each page shows its language's fields.
    from django.template.loader import render_to_string

    from pooling.filters import PoolFilter

    for prefix, language in (("", "en-gb"), ("/pl", "pl"), ("", "en-gb")):
        page = client.get(f"{prefix}/pools/").content.decode()
        translation.activate(language)
        fields = render_to_string("components/form_fields.html", {"form": PoolFilter().form})
        translation.activate("en-gb")
        assert fields in page, language
