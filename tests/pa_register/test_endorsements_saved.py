"""Endorsements (only after both confirm, shown only once approved, one reply) and saved
searches (told about new or newly available PAs)."""

import pytest

from conversations.services import start_conversation
from pa_register import endorsements, freshness, saved_searches
from pa_register.errors import RegisterError
from pa_register.models import Endorsement, SavedSearch, WorkedTogether
from pbsite.models import Notification

from .conftest import make_pa, make_user


@pytest.fixture
def pa(db):
    return make_pa("Endorsed PA")


def talk(holder, pa):
    start_conversation(
        holder, [pa.user], "Hello", "Could you help on Tuesdays?", check_rate_limit=False
    )


def test_endorsement_needs_a_conversation_and_both_confirmations(client, holder, pa, moderator):
    client.force_login(holder)
    client.post(f"/register/pa/{pa.pk}/worked-together/")
    assert not WorkedTogether.objects.exists()  # they never talked here
    talk(holder, pa)
    client.post(f"/register/pa/{pa.pk}/worked-together/")
    link = WorkedTogether.objects.get()
    assert link.holder_confirmed_at and not link.pa_confirmed_at
    assert client.get(f"/register/pa/{pa.pk}/endorse/").status_code == 200
    response = client.post(f"/register/pa/{pa.pk}/endorse/", {"text": "Too early"})
    assert "once you both confirm" in str(response.context["form"].non_field_errors())
    assert not Endorsement.objects.exists()

    client.force_login(pa.user)
    assert Notification.objects.filter(recipient=pa.user, verb__contains="Please confirm").exists()
    client.post(f"/register/profile/worked-together/{link.pk}/confirm/")
    link.refresh_from_db()
    assert link.both_confirmed

    client.force_login(holder)
    client.post(f"/register/pa/{pa.pk}/endorse/", {"text": "Kind, punctual and great fun."})
    endorsement = Endorsement.objects.get()
    page = client.get(pa.get_absolute_url()).content.decode()
    assert "Kind, punctual" not in page  # not until a moderator approves
    with pytest.raises(RegisterError):
        endorsements.endorse(link, holder, "A second one")

    client.force_login(pa.user)
    assert client.get("/admin/pa-endorsements/").status_code != 200
    assert client.post(f"/admin/pa-endorsements/approve/{endorsement.pk}/").status_code != 200
    endorsement.refresh_from_db()
    assert endorsement.approved_at is None
    client.force_login(moderator)
    assert client.get("/register/endorsements/")["Location"] == "/admin/pa-endorsements/"
    assert "Kind, punctual" in client.get("/admin/pa-endorsements/").content.decode()
    client.post(f"/admin/pa-endorsements/approve/{endorsement.pk}/")
    client.logout()
    page = client.get(pa.get_absolute_url()).content.decode()
    assert "Kind, punctual and great fun." in page and "Maya Holder" in page


def test_pa_can_reply_once(client, holder, pa, moderator):
    talk(holder, pa)
    link = endorsements.confirm_work(holder, pa)
    endorsements.confirm_work(pa.user, pa, holder)
    endorsement = endorsements.endorse(link, holder, "Brilliant with my dad.")
    client.force_login(pa.user)
    client.post(f"/register/endorsements/{endorsement.pk}/reply/", {"text": "Too soon"})
    endorsement.refresh_from_db()
    assert endorsement.reply == ""  # not approved yet
    endorsements.approve(endorsement, moderator)
    client.post(f"/register/endorsements/{endorsement.pk}/reply/", {"text": "Thank you!"})
    client.post(f"/register/endorsements/{endorsement.pk}/reply/", {"text": "Changed my mind"})
    endorsement.refresh_from_db()
    assert endorsement.reply == "Thank you!"
    client.logout()
    page = client.get(pa.get_absolute_url()).content.decode()
    assert "Brilliant with my dad." in page and "Maya Holder, who has worked with" in page
    assert "replied:</strong> Thank you!" in page


def test_pa_cannot_confirm_before_the_holder_and_strangers_cannot_approve(holder, pa):
    with pytest.raises(RegisterError):
        endorsements.confirm_work(pa.user, pa, holder)
    talk(holder, pa)
    link = endorsements.confirm_work(holder, pa)
    endorsements.confirm_work(pa.user, pa, holder)
    endorsement = endorsements.endorse(link, holder, "Great")
    with pytest.raises(RegisterError):
        endorsements.approve(endorsement, holder)


def test_saved_search_tells_about_new_and_newly_available_pas(client, holder, skills):
    first = make_pa("First", districts=["OX4"], skills=[skills["hoist"]])
    client.force_login(holder)
    page = client.get("/register/?where=OX4&skills=hoist&page=2").content.decode()
    assert "Save this search" in page
    client.post(
        "/register/saved/", {"name": "Hoist in OX4", "query": "where=OX4&skills=hoist&page=2"}
    )
    saved = SavedSearch.objects.get()
    assert saved.query == "where=OX4&skills=hoist" and saved.matching_ids == [first.pk]
    assert saved_searches.run(saved) == 0  # nobody new

    newcomer = make_pa("Newcomer", districts=["OX4"], skills=[skills["hoist"]])
    make_pa("Elsewhere", districts=["OX16"], skills=[skills["hoist"]])
    assert saved_searches.run(saved) == 1
    told = Notification.objects.filter(recipient=holder)
    assert told.count() == 1 and "1 new PA" in told.get().verb

    newcomer.paused = True
    newcomer.save()
    assert saved_searches.run(saved) == 0
    newcomer.paused = False
    newcomer.save()
    assert saved_searches.run(saved) == 1  # back again: news again

    client.post(f"/register/saved/{saved.pk}/delete/")
    assert not SavedSearch.objects.exists()


def test_saved_searches_belong_to_their_owner(client, holder):
    saved = saved_searches.save(holder, "where=OX4", "Mine")
    other = make_user("Other Holder")
    client.force_login(other)
    assert client.post(f"/register/saved/{saved.pk}/delete/").status_code == 404
    assert "Mine" not in client.get("/register/saved/").content.decode()


def test_a_profile_confirmed_again_counts_as_newly_available(holder, skills):
    stale = make_pa("Back Again", districts=["OX4"], confirmed_days_ago=200)
    saved = saved_searches.save(holder, "where=OX4", "OX4")
    assert saved.matching_ids == []
    freshness.confirm(stale)
    assert saved_searches.run(saved) == 1
