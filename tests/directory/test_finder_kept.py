"""Find support's filter panel and result cards are rendered once per process for what they
show (``pbsite.fragments.render_once``) and its categories kept (``pbsite.filters``): what
changes must show at once."""

import pytest

from directory.models import CostOption

from .conftest import category, make_service

pytestmark = pytest.mark.django_db


def test_a_renamed_category_shows_at_once(client):
    client.get("/directory/")
    term = category("day-activities")
    term.name = "Days out and about"
    term.save()
    assert "Days out and about" in client.get("/directory/").content.decode()


def test_a_changed_price_shows_on_its_card_at_once(client):
    service = make_service("Craft mornings", costs=((1500, "session"),))
    assert "£15 per session" in client.get("/directory/").content.decode()
    CostOption.objects.filter(service=service).update(amount_pence=1250)
    assert "£12.50 per session" in client.get("/directory/").content.decode()


def test_the_first_page_read_at_once_counts_and_pages_as_before(client):
    make_service("Craft mornings")
    response = client.get("/directory/?q=craft")
    assert response.context["total"] == 1
    assert [service.name for service in response.context["results"]] == ["Craft mornings"]
    for number in range(24):
        make_service(f"Club {number:02d}")
    first, second = client.get("/directory/"), client.get("/directory/?page=2")
    assert first.context["total"] == second.context["total"] == 25
    assert len(first.context["results"]) == 20 and len(second.context["results"]) == 5
    shown = first.context["results"] + second.context["results"]
    assert len({service.pk for service in shown}) == 25


def card_of(html: str, name: str) -> str:
    """The result card (its <li>) that names this service."""
    named = html.index(f">{name}</a></h3>")
    return html[html.rindex('<li class="result">', 0, named) : html.index("</li>", named)]


def test_a_changed_kind_way_of_delivery_or_payment_shows_on_its_card_at_once(client):
    """The card is kept under the codes and flags whose labels it shows, not the labels."""
    service = make_service("Craft mornings", kind="micro_enterprise")
    card = card_of(client.get("/directory/").content.decode(), "Craft mornings")
    assert "Micro-enterprise" in card and "Online or by phone" not in card
    assert "Direct payments" not in card
    service.organisation.kind = "charity"
    service.organisation.save()
    service.online = service.accepts_direct_payments = True
    service.save()
    card = card_of(client.get("/directory/").content.decode(), "Craft mornings")
    assert "Charity" in card and "Micro-enterprise" not in card
    assert "At a venue, Online or by phone" in card
    assert "Direct payments" in card


def test_a_card_is_kept_for_each_language(client):
    make_service("Craft mornings")
    english = card_of(client.get("/directory/").content.decode(), "Craft mornings")
    polish = card_of(client.get("/pl/directory/").content.decode(), "Craft mornings")
    assert 'href="/directory/' in english and 'href="/pl/directory/' in polish
