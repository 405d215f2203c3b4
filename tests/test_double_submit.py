"""Pressing a button twice (or two tabs at once) gets the first press's result, never a 500 or a
twin; and the search index hears only about what was committed.

Real concurrent requests, as in tests/test_concurrent_edits.py: each press is its own test
client in its own thread with its own database connection, released at the same moment.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from forum.models import Topic
from pa_register import availability
from pa_register.models import Advert, AdvertResponse, PAProfile
from tests.at_once import post_at_once
from tests.directory.conftest import make_service
from tests.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def press_at_once(user, url: str, data: dict, times: int = 3):
    """``times`` presses of the same button by ``user``, all sent at the same moment."""
    return post_at_once(user, url, [data] * times)


def make_advert(author, **fields):
    defaults = {
        "title": "PA for Tuesday mornings",
        "details": "Help to get up and out.",
        "kinds": ["personal_care"],
        "district": "OX4",
        "employment": "self_employed",
    }
    return Advert.objects.create(author=author, **{**defaults, **fields})


def test_pressing_im_interested_twice_at_once_opens_one_conversation():
    holder = make_user("Maya Holder", role=Role.HOLDER)
    pa = make_user("Sam PA", role=Role.PA)
    PAProfile.objects.create(
        user=pa,
        about="I help with shopping.",
        districts=["OX4"],
        kinds=["personal_care"],
        availability=availability.to_mask(["tue-morning"]),
        last_confirmed=timezone.now(),
    )
    advert = make_advert(holder)

    answers = press_at_once(pa, f"/register/wanted/{advert.pk}/respond/", {})

    assert [answer.status_code for answer in answers] == [302] * len(answers)
    assert AdvertResponse.objects.filter(advert=advert).count() == 1
    conversation = AdvertResponse.objects.get(advert=advert).conversation
    assert {answer["Location"] for answer in answers} == {conversation.get_absolute_url()}
    assert Topic.objects.filter(is_private=True, author=pa).count() == 1


def test_sending_one_enquiry_twice_at_once_sends_it_once():
    owner = make_user("Pat Provider", role=Role.PROVIDER)
    service = make_service(
        "Pottery mornings", org_name="Oakleaf Crafts", owner=owner, at_home=True, at_venue=False
    )
    organisation = service.organisation
    maya = make_user("Maya H")
    enquiry = {
        "service": service.pk,
        "for_whom": "me",
        "message": "Do you have a place on Tuesdays?",
    }

    answers = press_at_once(maya, f"/directory/{organisation.slug}/enquire/", enquiry)

    assert [answer.status_code for answer in answers] == [302] * len(answers)
    conversations = Topic.objects.filter(is_private=True, author=maya)
    assert conversations.count() == 1
    assert {answer["Location"] for answer in answers} == {conversations.get().get_absolute_url()}


def test_a_rolled_back_save_leaves_nothing_in_the_search_index(client):
    """An edit that was rolled back must not be findable by its words: the advert still says
    what it said. (Before, the index took the new words inside the transaction and kept them.)"""
    holder = make_user("Maya Holder", role=Role.HOLDER)
    advert = make_advert(holder, title="Shopping on Fridays", details="Help with the shop.")
    with pytest.raises(RuntimeError), transaction.atomic():
        advert.title = "Zebracorn grooming help"
        advert.details = "Zebracorns need brushing."
        advert.save()
        raise RuntimeError("the request failed after saving")

    assert "Shopping on Fridays" not in client.get("/search/", {"q": "zebracorn"}).content.decode()
    # The committed version is indexed, after its commit.
    assert "Shopping on Fridays" in client.get("/search/", {"q": "shopping"}).content.decode()
