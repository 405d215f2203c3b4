"""A provider lists itself, a moderator approves, editors' listings are claimed, holders enquire."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from directory.models import (
    Claim,
    ClaimStatus,
    CostOption,
    Language,
    ListingStatus,
    Organisation,
    Service,
)
from forum.models import Topic
from pbsite.models import Notification

from .conftest import make_service, make_user

ORGANISATION = {
    "name": "Riverside Pottery",
    "kind": "micro_enterprise",
    "description": "A small pottery by the river.",
    "website": "https://riverside.example",
    "size": "one",
}


def service_data(**changes):
    data = {
        "name": "Pottery class",
        "description": "Make a pot on the wheel.",
        "category": "",
        "who_for": "Adults",
        "at_venue": "on",
        "districts": "OX4, ox1 1aa",
        "languages": "English, Polish",
        "accepts_direct_payments": "on",
        "shareable_by_group": "on",
        "max_group_size": "6",
        "checks": ["insurance"],
        "venue_name": "The Barn",
        "venue_address": "1 River Lane",
        "venue_town": "Oxford",
        "venue_postcode": "ox4 1aa",
        "venue_access": "Step-free",
        "costs-TOTAL_FORMS": "2",
        "costs-INITIAL_FORMS": "0",
        "costs-0-amount": "22.50",
        "costs-0-unit": "session",
        "costs-0-description": "clay included",
        "costs-1-amount": "",
        "costs-1-unit": "session",
        "costs-1-description": "",
        "days-TOTAL_FORMS": "2",
        "days-INITIAL_FORMS": "0",
        "days-0-days": ["SA", "MO"],
        "days-0-opens_at": "10:00",
        "days-0-closes_at": "13:00",
        "days-0-description": "",
        "days-1-opens_at": "",
        "days-1-closes_at": "",
        "days-1-description": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def create_listing(client, provider, submit=True):
    client.force_login(provider)
    data = dict(ORGANISATION, **({"submit": "1"} if submit else {}))
    response = client.post(reverse("directory:new"), data)
    assert response.status_code == 302, response.context["form"].errors
    organisation = Organisation.objects.get(name="Riverside Pottery")
    response = client.post(
        reverse("directory:new_service", args=[organisation.slug]), service_data()
    )
    assert response.status_code == 302, response.context and response.context["form"].errors
    return organisation


def test_provider_creates_a_listing_that_waits_for_a_moderator(client, provider, moderator):
    organisation = create_listing(client, provider)
    assert organisation.status == ListingStatus.PENDING
    assert list(organisation.owners.all()) == [provider]
    service = organisation.services.get()
    assert service.organisation == organisation
    assert sorted(area.district for area in service.service_areas.all()) == ["OX1", "OX4"]
    assert sorted(language.name for language in service.languages.all()) == ["English", "Polish"]
    cost = service.cost_options.get()
    assert (cost.amount_pence, cost.unit, cost.description) == (2250, "session", "clay included")
    assert service.schedules.get().byday == "MO,SA"
    assert service.checks == ["insurance"] and service.max_group_size == 6
    venue = service.public_locations()[0]
    assert (venue.name, venue.postcode) == ("The Barn", "OX4 1AA")
    assert Notification.objects.filter(recipient=moderator).exists()
    # Not public yet: others get 404, the owner sees it with a note.
    client.logout()
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert "Pottery class" not in client.get("/directory/").content.decode()
    client.force_login(provider)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Only you and moderators can see this" in page


def test_draft_then_submit(client, provider):
    client.force_login(provider)
    client.post(reverse("directory:new"), ORGANISATION)
    organisation = Organisation.objects.get()
    assert organisation.status == ListingStatus.DRAFT
    client.post(
        reverse("directory:edit", args=[organisation.slug]), {**ORGANISATION, "submit": "1"}
    )
    organisation.refresh_from_db()
    assert organisation.status == ListingStatus.PENDING


def test_moderator_approves_in_the_admin(client, provider, moderator):
    organisation = create_listing(client, provider)
    url = reverse("directory_organisations:approve", args=[organisation.pk])
    client.force_login(provider)
    assert client.post(url).status_code in (302, 403)
    organisation.refresh_from_db()
    assert organisation.status == ListingStatus.PENDING  # a provider cannot approve itself
    client.force_login(moderator)
    index = client.get(reverse("directory_organisations:index"))
    assert index.status_code == 200 and url in index.content.decode()
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    organisation.refresh_from_db()
    assert organisation.status == ListingStatus.APPROVED
    assert Notification.objects.filter(recipient=provider, verb__contains="approved").exists()
    client.logout()
    assert "Pottery class" in client.get("/directory/").content.decode()
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_provider_edits_its_own_listing_and_nobody_else_can(client, provider):
    organisation = create_listing(client, provider)
    service = organisation.services.get()
    edit_url = reverse("directory:edit_service", args=[organisation.slug, service.uuid])
    response = client.post(
        edit_url,
        service_data(
            name="Pottery for beginners",
            at_venue=None,
            at_home="on",
            **{"costs-INITIAL_FORMS": "0", "days-INITIAL_FORMS": "0"},
        ),
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Pottery for beginners" and service.at_home
    assert service.service_at_locations.count() == 0  # no address kept for home visits
    stranger = make_user("Other Provider", role=Role.PROVIDER)
    client.force_login(stranger)
    assert client.get(edit_url).status_code == 404
    assert client.get(reverse("directory:edit", args=[organisation.slug])).status_code == 404
    assert client.post(reverse("directory:confirm", args=[organisation.slug])).status_code == 404


def test_service_form_errors_keep_what_was_typed(client, provider):
    organisation = create_listing(client, provider)
    response = client.post(
        reverse("directory:new_service", args=[organisation.slug]),
        service_data(
            name="Second class",
            at_venue=None,
            districts="not a place!!",
            venue_postcode="nonsense",
            **{"costs-0-amount": "-3", "days-0-opens_at": "14:00", "days-0-closes_at": "09:00"},
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert "Tick at least one: at home, at a venue, or online." in page
    assert "is not a postcode we recognise" in page
    assert "cannot be less than £0" in page
    assert "The end time must be after the start time." in page
    assert 'value="Second class"' in page
    assert organisation.services.count() == 1  # nothing half-saved


def test_people_without_the_provider_role_cannot_list(client, holder):
    client.force_login(holder)
    response = client.get(reverse("directory:new"))
    assert "You need a provider account" in response.content.decode()
    client.post(reverse("directory:new"), ORGANISATION)
    assert not Organisation.objects.exists()


def test_editor_listing_is_claimed_and_approved(client, provider, moderator):
    service = make_service("Lunch club")  # added by an editor: no owners
    organisation = service.organisation
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Nobody from" in page and "Send an enquiry" not in page
    client.force_login(provider)
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Ask to look after this listing" in page
    claim_url = reverse("directory:claim", args=[organisation.slug])
    response = client.post(claim_url, {"message": ""})
    assert "Tell us how you are connected to it." in response.content.decode()
    client.post(claim_url, {"message": "I run the club."})
    claim = Claim.objects.get()
    assert claim.status == ClaimStatus.PENDING and not organisation.owners.exists()
    response = client.post(claim_url, {"message": "Again"})
    assert "already asked" in response.content.decode()
    client.force_login(moderator)
    index = client.get(reverse("directory_claims:index")).content.decode()
    agree = reverse("directory_claims:approve", args=[claim.pk])
    assert agree in index
    client.post(agree)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED
    assert list(organisation.owners.all()) == [provider]
    client.force_login(provider)
    assert client.get(reverse("directory:edit", args=[organisation.slug])).status_code == 200


def test_declined_claim_gives_no_access(client, provider, moderator):
    organisation = make_service("Lunch club").organisation
    client.force_login(provider)
    client.post(reverse("directory:claim", args=[organisation.slug]), {"message": "Mine!"})
    claim = Claim.objects.get()
    client.force_login(moderator)
    client.post(reverse("directory_claims:decline", args=[claim.pk]))
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DECLINED and not organisation.owners.exists()


def test_listing_page_has_what_a_holder_needs(client, provider):
    service = make_service(
        "Craft club",
        owner=provider,
        who_for="Adults who like making things",
        accepts_direct_payments=True,
        accepts_phbs=True,
        invoices_accepted=True,
        minimum_purchase="4 sessions",
        shareable_by_group=True,
        max_group_size=5,
        costs=((1500, "session"),),
        venue={
            "name": "Hall",
            "address_1": "1 Road",
            "city": "Oxford",
            "postcode": "OX4 1AA",
            "accessibility": "Step-free entrance",
        },
    )
    page = client.get(service.organisation.get_absolute_url()).content.decode()
    for text in [
        "Adults who like making things",
        "£15 per session",
        "Direct payments, Personal health budgets",
        "They can send an invoice",
        "4 sessions",
        "up to 5 people",
        "Monday, 10am to 12 noon",
        "Step-free entrance",
        "Covers OX4",
        "Send an enquiry",
        f"/pools/new/?service={service.uuid}",
        "Report this service",
    ]:
        assert text in page, text


def test_enquiry_opens_a_private_conversation(client, provider, holder):
    service = make_service("Craft club", owner=provider)
    url = reverse("directory:enquire", args=[service.organisation.slug])
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(holder)
    response = client.post(url, {"service": service.pk, "for_whom": "me", "message": ""})
    assert "Write your question" in response.content.decode()
    response = client.post(
        url,
        {
            "service": service.pk,
            "for_whom": "group",
            "when": "Tuesday mornings",
            "how_paid": "Direct payment",
            "message": "Can three of us come together?",
        },
    )
    topic = Topic.objects.get(is_private=True)
    assert response.status_code == 302 and response.url == topic.get_absolute_url()
    assert set(topic.participants.values_list("pk", flat=True)) == {holder.pk, provider.pk}
    first = topic.first_post_text()
    assert "Craft club" in first and "Can three of us come together?" in first
    assert Notification.objects.filter(recipient=provider).exists()


def test_confirming_keeps_a_listing_fresh(client, provider):
    service = make_service("Craft club", owner=provider, confirmed_days_ago=120)
    organisation = service.organisation
    client.force_login(provider)
    client.post(reverse("directory:confirm", args=[organisation.slug]))
    organisation.refresh_from_db()
    assert organisation.freshness().value == "fresh"


def test_reports_hide_a_listing(client, holder, moderator):
    from pbsite import moderation

    service = make_service("Craft club")
    report = moderation.report(service.organisation, reason="spam", reporter=holder)
    moderation.hide_content(report, moderator)
    assert client.get(service.organisation.get_absolute_url()).status_code == 404
    assert not Service.objects.listed().exists()


def test_a_draft_or_waiting_listing_has_no_claim_page(client, provider):
    """The claim page named any organisation, drafts too (issue 13, item 9): now it answers
    only for a listing the visitor could open, and a draft's name is never shown."""
    for status in (ListingStatus.DRAFT, ListingStatus.PENDING):
        organisation = make_service("Secret club", org_name=f"Secret {status}", status=status)
        organisation = organisation.organisation
        client.force_login(provider)
        response = client.get(reverse("directory:claim", args=[organisation.slug]))
        assert response.status_code == 404
        assert organisation.name not in response.content.decode()
        response = client.post(
            reverse("directory:claim", args=[organisation.slug]), {"message": "Mine"}
        )
        assert response.status_code == 404
    assert not Claim.objects.exists()
    listed = make_service("Open club").organisation
    client.force_login(provider)
    assert client.get(reverse("directory:claim", args=[listed.slug])).status_code == 200


def test_is_visible_to_gives_the_answer_visible_to_filters_by(provider, holder, moderator):
    """A listing's page checks the one listing it read (``is_visible_to``), not a query of
    every listing anyone may open (``visible_to``): the same answer for each state and viewer."""
    from django.contrib.auth.models import AnonymousUser

    long_ago = 400  # days: past the time after which an unconfirmed listing is hidden
    states = {
        "listed": {},
        "draft": {"status": ListingStatus.DRAFT},
        "waiting": {"status": ListingStatus.PENDING},
        "hidden": {"hidden": True},
        "not confirmed for long": {"confirmed_days_ago": long_ago},
    }
    stranger = make_user("Other Provider", role=Role.PROVIDER)
    for number, (state, fields) in enumerate(states.items()):
        confirmed = fields.pop("confirmed_days_ago", 1)
        service = make_service(f"Club {number}", owner=provider, confirmed_days_ago=confirmed)
        Organisation.objects.filter(pk=service.organisation_id).update(**fields)
        for viewer in (AnonymousUser(), None, holder, stranger, provider, moderator):
            read = Organisation.objects.with_ownership(viewer).get(pk=service.organisation_id)
            expected = Organisation.objects.visible_to(viewer).filter(pk=read.pk).exists()
            assert read.is_visible_to(viewer) == expected, (state, viewer)
            assert expected == (state == "listed" or viewer in (provider, moderator))


def _section(page: str, service) -> str:
    start = page.index(f'id="service-{service.uuid}"')
    end = page.find('<section class="service"', start + 1)
    return page[start : end if end != -1 else len(page)]


def test_each_service_of_a_listing_shows_its_own_rows_read_afresh(client, provider):
    """A listing's services' prices, times, areas, languages and venues are read for all of
    them at once (``finding.read_details``): each shows its own, and a change at once."""
    venue = {"name": "Hall", "address_1": "1 Road", "city": "Oxford", "postcode": "OX4 1AA"}
    pottery = make_service(
        "Pottery", owner=provider, costs=((1500, "session"),), languages=("Polish",), venue=venue
    )
    organisation = pottery.organisation
    walks = make_service(
        "Walks",
        organisation=organisation,
        districts=("OX28",),
        costs=((0, "free"),),
        days="WE",
        languages=("Welsh",),
    )
    make_service("Quiet", organisation=organisation, districts=(), costs=(), days="", languages=())
    url = organisation.get_absolute_url()
    client.get(url)  # fills per-process caches
    with CaptureQueriesContext(connection) as three:
        page = client.get(url).content.decode()
    first, second = _section(page, pottery), _section(page, walks)
    assert "£15 per session" in first and "Polish" in first and "1 Road" in first
    assert "Covers OX4" in first and "Monday" in first
    assert "Free" in second and "Welsh" in second and "Covers OX28" in second
    assert "Wednesday" in second and "1 Road" not in second and "Polish" not in second
    CostOption.objects.create(service=walks, amount_pence=250, unit="session")
    Language.objects.create(service=walks, name="Gaelic")
    make_service("Fourth", organisation=organisation)
    with CaptureQueriesContext(connection) as four:
        page = client.get(url).content.decode()
    second = _section(page, walks)
    assert "£2.50 per session" in second and "Gaelic" in second
    assert len(four) == len(three)
