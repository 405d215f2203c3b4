"""Someone who has written a lot lately and then contacts a PA, asks a provider, asks for a quote
or replies to an advert is told plainly to wait, with what they typed still in the form: never a
server error. Every caller of ``start_conversation`` catches the one ``ConversationError``."""

import pytest
from django.urls import reverse

from accounts.models import Role
from forum.models import Post, Topic
from pa_register.models import Advert, AdvertResponse
from pooling import services
from pooling.models import Quote
from tests.directory.conftest import make_service
from tests.pa_register.conftest import make_pa, skills  # noqa: F401 (a fixture)
from tests.pa_register.test_adverts import ADVERT
from tests.people import make_user
from tests.pooling.test_pools import make_pool

pytestmark = pytest.mark.django_db

WAIT = "Please wait 10 minutes"


@pytest.fixture
def written_too_much(settings):
    """The forum's limit is reached: nobody may start anything until the ten minutes pass."""
    settings.FORUM_POSTS_PER_10_MINUTES = 0


def test_contacting_a_pa(client, written_too_much):
    holder = make_user("Maya Holder", role=Role.HOLDER)
    profile = make_pa("Contact Me")
    client.force_login(holder)
    response = client.post(
        f"/register/pa/{profile.pk}/contact/",
        {"what_help": "Getting up and dressed", "when": "Tuesday mornings", "where": "OX4 1AA"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert WAIT in page
    assert "Getting up and dressed" in page and "Tuesday mornings" in page
    assert not Topic.objects.exists()


def test_a_directory_enquiry(client, written_too_much):
    provider = make_user("Pat Provider", role=Role.PROVIDER)
    holder = make_user("Maya Holder", role=Role.HOLDER)
    service = make_service("Craft club", owner=provider)
    client.force_login(holder)
    response = client.post(
        reverse("directory:enquire", args=[service.organisation.slug]),
        {
            "service": service.pk,
            "for_whom": "group",
            "when": "Tuesday mornings",
            "how_paid": "Direct payment",
            "message": "Can three of us come together?",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert WAIT in page and "Can three of us come together?" in page
    assert not Topic.objects.exists()


def test_a_quote_request(client, written_too_much):
    ann, bo = make_user("Ann"), make_user("Bo")
    pool = make_pool(ann, max_members=4)
    for person in (ann, bo):
        services.join(pool, person, pays_with="direct_payment")
    supplier = make_user("Oakleaf")
    client.force_login(ann)
    response = client.post(
        reverse("pooling:quote_request") + f"?to={supplier.pk}",
        {"to": supplier.pk, "pool": pool.pk, "message": "Fridays please, for all of us"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert WAIT in page and "Fridays please, for all of us" in page
    assert not Quote.objects.exists()
    assert not Topic.objects.filter(title__startswith="A quote").exists()


def test_replying_to_an_advert(client, skills, settings):  # noqa: F811
    holder = make_user("Maya Holder", role=Role.HOLDER)
    pa = make_pa("Fit PA", districts=["OX4"], skills=[skills["hoist"]])
    client.force_login(holder)
    client.post("/register/wanted/new/", ADVERT)
    advert = Advert.objects.get()
    settings.FORUM_POSTS_PER_10_MINUTES = 0
    client.force_login(pa.user)
    response = client.post(f"/register/wanted/{advert.pk}/respond/", follow=True)
    assert response.status_code == 200
    assert WAIT in response.content.decode()
    assert not AdvertResponse.objects.exists() and not Post.objects.exists()
