"""PA wanted adverts: posting, who is told, one-click replies, shortlists, closing, expiry."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from accounts.models import Role
from forum.models import Topic
from pa_register import adverts
from pa_register.models import Advert, AdvertResponse
from pbsite.models import Notification

from .conftest import make_pa, make_user

ADVERT = {
    "title": "Friendly PA for mornings in Cowley",
    "details": "I need help getting up and going to the shops. I love music.",
    "kinds": ["personal_care"],
    "skills": ["hoist"],
    "district": "ox4 2aa",
    "days": ["tue", "thu"],
    "times": ["morning"],
    "hours_per_week": "6",
    "rate": "12.50",
    "employment": "employed",
}


@pytest.fixture
def fitting_pa(db, skills):
    return make_pa(
        "Fit PA",
        districts=["OX4"],
        skills=[skills["hoist"]],
        slots=["tue-morning", "thu-morning"],
    )


@pytest.fixture
def unfit_pas(db, skills):
    return [
        make_pa("Far PA", districts=["OX16"], skills=[skills["hoist"]], slots=["tue-morning"]),
        make_pa("Busy PA", districts=["OX4"], kinds=["driving"], slots=["sun-night"]),
        make_pa(
            "Stale PA",
            districts=["OX4"],
            skills=[skills["hoist"]],
            slots=["tue-morning", "thu-morning"],
            confirmed_days_ago=200,
        ),
    ]


def test_holder_posts_an_advert_and_matching_pas_are_told(client, holder, fitting_pa, unfit_pas):
    client.force_login(holder)
    response = client.post("/register/wanted/new/", ADVERT)
    advert = Advert.objects.get()
    assert response["Location"] == advert.get_absolute_url()
    assert advert.district == "OX4" and advert.rate_pence == 1250
    assert advert.slots and advert.kinds == ["personal_care"]
    assert advert.expires_at.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    told = Notification.objects.filter(target_id=str(advert.pk))
    assert [n.recipient for n in told] == [fitting_pa.user]


def test_pas_cannot_post_adverts(client, fitting_pa):
    client.force_login(fitting_pa.user)
    assert client.get("/register/wanted/new/").status_code == 403


def test_carers_can_post(client, db, skills):
    carer = make_user("Tom Carer", role=Role.CARER)
    client.force_login(carer)
    assert client.post("/register/wanted/new/", ADVERT).status_code == 302


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": ""}, "title", "Write a headline"),
        ({"details": "Ring 07700 900123"}, "details", "phone number"),
        ({"district": "Narnia"}, "district", "not a postcode"),
        ({"kinds": []}, "kinds", "Choose at least one kind"),
        ({"rate": "-3"}, "rate", "cannot be less than £0"),
        ({"hours_per_week": "500"}, "hours_per_week", "168 hours"),
        ({"start_date": "2001-01-01"}, "start_date", "cannot be in the past"),
        ({"employment": ""}, "employment", "Choose how you will employ"),
    ],
)
def test_advert_form_errors(client, holder, skills, change, field, message):
    client.force_login(holder)
    response = client.post("/register/wanted/new/", {**ADVERT, **change})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Advert.objects.exists()


@pytest.fixture
def advert(client, holder, fitting_pa):
    client.force_login(holder)
    client.post("/register/wanted/new/", ADVERT)
    client.logout()
    return Advert.objects.get()


def test_pa_responds_with_one_click_opening_a_conversation(client, advert, fitting_pa, holder):
    client.force_login(fitting_pa.user)
    page = client.get(advert.get_absolute_url()).content.decode()
    assert "I&#x27;m interested" in page or "I'm interested" in page
    response = client.post(f"/register/wanted/{advert.pk}/respond/")
    reply = AdvertResponse.objects.get()
    assert response["Location"] == reply.conversation.get_absolute_url()
    assert set(reply.conversation.participants.all()) == {holder, fitting_pa.user}
    client.post(f"/register/wanted/{advert.pk}/respond/")  # twice is still once
    assert AdvertResponse.objects.count() == 1 and Topic.objects.count() == 1


def test_holder_sees_responders_with_reasons_and_shortlists(client, advert, holder, skills):
    first = make_pa("First PA", districts=["OX4"], skills=[skills["hoist"]], slots=["tue-morning"])
    second = make_pa(
        "Second PA",
        districts=["OX4", "OX1"],
        skills=[skills["hoist"]],
        slots=["tue-morning", "thu-morning"],
    )
    adverts.respond(advert, first)
    adverts.respond(advert, second)
    client.force_login(holder)
    response = client.get(advert.get_absolute_url())
    rows = response.context["responders"]
    assert [r.profile.display_name for r, _m in rows] == ["Second PA", "First PA"]
    assert "free on Thursday mornings" in rows[0][1].reasons
    assert "not free on Thursday mornings" in rows[1][1].gaps
    first_response = AdvertResponse.objects.get(profile=first)
    client.post(f"/register/wanted/{advert.pk}/responses/{first_response.pk}/shortlist/")
    rows = client.get(advert.get_absolute_url()).context["responders"]
    assert rows[0][0].profile == first and rows[0][0].shortlisted


def test_only_the_author_sees_responders_and_shortlists(client, advert, fitting_pa):
    adverts.respond(advert, fitting_pa)
    reply = AdvertResponse.objects.get()
    client.force_login(fitting_pa.user)
    assert client.get(advert.get_absolute_url()).context["responders"] == []
    url = f"/register/wanted/{advert.pk}/responses/{reply.pk}/shortlist/"
    assert client.post(url).status_code == 404


def test_closing_when_filled_stops_replies(client, advert, holder, fitting_pa):
    client.force_login(holder)
    client.post(f"/register/wanted/{advert.pk}/close/", {"filled": "yes"})
    advert.refresh_from_db()
    assert advert.filled and advert.closed_at
    assert not Advert.objects.open().exists()
    client.force_login(fitting_pa.user)
    assert client.get(advert.get_absolute_url()).status_code == 404
    assert list(client.get("/register/wanted/").context["page"].object_list) == []


def test_adverts_expire_with_a_reminder_first(db, advert, holder):
    start = advert.expires_at - datetime.timedelta(days=30)
    with time_machine.travel(start + datetime.timedelta(days=26), tick=False):
        assert adverts.send_expiry_reminders() == 0
    with time_machine.travel(start + datetime.timedelta(days=28), tick=False):
        assert adverts.send_expiry_reminders() == 1
        assert adverts.send_expiry_reminders() == 0
    assert Notification.objects.filter(
        recipient=holder, verb__contains="ends in a few days"
    ).exists()
    with time_machine.travel(start + datetime.timedelta(days=31), tick=False):
        assert not Advert.objects.open().exists()


def test_wanted_list_filters(client, advert, holder):
    Advert.objects.create(
        author=holder,
        title="Driver in Banbury",
        details="Lifts to the pool",
        kinds=["driving"],
        district="OX16",
        employment="self_employed",
        emergency=True,
    )

    def titles(query):
        response = client.get(f"/register/wanted/?{query}")
        assert response.status_code == 200
        return {a.title for a in response.context["page"].object_list}

    assert titles("") == {"Friendly PA for mornings in Cowley", "Driver in Banbury"}
    assert titles("where=OX16") == {"Driver in Banbury"}
    assert titles("kinds=personal_care") == {"Friendly PA for mornings in Cowley"}
    assert titles("emergency=on") == {"Driver in Banbury"}
    assert titles("where=rubbish") == set()
    page = client.get("/register/wanted/?where=rubbish").content.decode()
    assert "We could not find a place called “rubbish”" in page
    assert "enter the first part of a postcode in that area instead, like OX4" in page
    assert titles("where=banbury") == {"Driver in Banbury"}
    assert "not a postcode" in client.get("/register/wanted/?where=ZZ1+ZZ").content.decode()
    page = client.get("/register/wanted/").content.decode()
    assert "Many personal budgets pay a fixed hourly rate" in page


def test_when_no_pa_was_told_the_holder_is_shown_ways_to_reach_more(client, holder, unfit_pas):
    client.force_login(holder)
    response = client.post("/register/wanted/new/", ADVERT, follow=True)
    page = response.content.decode()
    assert "We told 0" not in page
    assert "No PA on the register fits it yet, so we have not told anyone yet." in page
    assert "Reach more PAs" in page
    assert 'href="/register/?where=OX4&amp;kinds=personal_care"' in page  # search, then save
    assert 'href="/register/?kinds=personal_care"' in page  # a wider area
    assert 'href="/forum/new/"' in page  # ask in the forum


def test_when_pas_were_told_the_message_counts_them(client, holder, fitting_pa):
    client.force_login(holder)
    response = client.post("/register/wanted/new/", ADVERT, follow=True)
    assert "We told 1 PA whose profile fits." in response.content.decode()


def test_the_advert_list_shows_each_change_to_a_card_at_once(client, advert):
    """The list's cards are rendered once per process for what they show
    (``advert_views.advert_cards``): an edit to any of it changes what is kept."""
    page = client.get("/register/wanted/").text
    assert "Friendly PA for mornings in Cowley" in page and "When: Tuesday mornings" in page
    Advert.objects.filter(pk=advert.pk).update(
        title="Friendly PA for evenings", details="Now evenings.", emergency=True, slots=0
    )
    page = client.get("/register/wanted/").text
    assert "Friendly PA for evenings" in page and "Now evenings." in page
    assert 'tag--urgent">Urgent</strong>' in page and "When: Tuesday" not in page
    Advert.objects.filter(pk=advert.pk).update(rate_pence=1400, kinds=["driving"])
    page = client.get("/register/wanted/").text
    assert "£14 an hour" in page and "Driving" in page
    # Kept for each language: the Polish list links to the Polish advert.
    assert f'href="/pl/register/wanted/{advert.pk}/"' in client.get("/pl/register/wanted/").text


def test_an_advert_read_by_kept_sql_shows_each_change_at_once(client, advert, holder, skills):
    """The advert, its skills and its replies are read by SQL built once per process
    (``pbsite.statements``), never kept rows: each change shows on the next visit."""
    client.force_login(holder)
    page = client.get(advert.get_absolute_url()).content.decode()
    assert "<dd>Hoist</dd>" in page and "New PA" not in page
    advert.skills.add(skills["autism"])
    Advert.objects.filter(pk=advert.pk).update(title="Kind PA for evenings")
    pa = make_pa("New PA", districts=["OX4"], skills=[skills["hoist"]])
    adverts.respond(advert, pa)
    page = client.get(advert.get_absolute_url()).content.decode()
    skills_needed = page.split("Skills needed</dt><dd>")[1].split("</dd>")[0]
    assert sorted(skills_needed.split(", ")) == ["Autism", "Hoist"]
    assert "<h1>Kind PA for evenings</h1>" in page
    assert "New PA" in page
    pa.user.display_name = "Renamed PA"
    pa.user.save()
    assert "Renamed PA" in client.get(advert.get_absolute_url()).content.decode()
    other = make_user("Other holder", role=Role.HOLDER)
    client.force_login(other)
    assert "Renamed PA" not in client.get(advert.get_absolute_url()).content.decode()
    assert client.get(f"/register/wanted/{advert.pk + 1000}/").status_code == 404
