"""Peer buddies: ranking on constructed cases, and the ask / accept / decline / step-back flow."""

import pytest
from django.urls import reverse

from conversations.services import block
from forum import buddies
from forum.matching import BuddyOffer, Need, rank
from forum.models import (
    BuddyPairing,
    BuddyProfile,
    BuddyRequest,
    BuddyStatus,
    PairingStatus,
    RequestStatus,
    Topic,
)
from pbsite.models import Notification

from .conftest import make_buddy, make_user


def keys(matches):
    return [m.offer.key for m in matches]


def test_shared_budget_type_topics_and_area_rank_first():
    need = Need(budget_type="direct-payment", topics=frozenset({"employing-pas"}), district="OX4")
    near_and_alike = BuddyOffer(
        "near", frozenset({"direct-payment"}), frozenset({"employing-pas"}), frozenset({"OX4"})
    )
    same_area = BuddyOffer(
        "area", frozenset({"direct-payment"}), frozenset({"employing-pas"}), frozenset({"OX1"})
    )
    different = BuddyOffer("far", frozenset({"health"}), frozenset({"caring"}), frozenset({"M1"}))
    assert keys(rank([different, same_area, near_and_alike], need)) == ["near", "area", "far"]


def test_language_outweighs_area():
    need = Need(district="OX4", language="Urdu")
    speaks = BuddyOffer(
        "speaks", languages=frozenset({"english", "urdu"}), districts=frozenset({"M1"})
    )
    near = BuddyOffer("near", districts=frozenset({"OX4"}))
    assert keys(rank([near, speaks], need)) == ["speaks", "near"]


def test_english_is_not_a_reason_on_its_own():
    match = rank([BuddyOffer("a")], Need(language="English"))[0]
    assert match.score == 0 and match.reasons == []


def test_full_buddies_are_left_out_and_ties_go_to_more_room():
    need = Need(topics=frozenset({"money"}))
    full = BuddyOffer("full", topics=frozenset({"money"}), free_places=0)
    roomy = BuddyOffer("roomy", topics=frozenset({"money"}), free_places=3)
    tight = BuddyOffer("tight", topics=frozenset({"money"}), free_places=1)
    assert keys(rank([full, tight, roomy], need)) == ["roomy", "tight"]


def test_each_shared_topic_counts():
    need = Need(topics=frozenset({"money", "assessments"}))
    both = BuddyOffer("both", topics=frozenset({"money", "assessments"}))
    one = BuddyOffer("one", topics=frozenset({"money"}))
    ranked = rank([one, both], need)
    assert keys(ranked) == ["both", "one"] and ranked[0].score == ranked[1].score + 2


@pytest.mark.django_db
class TestFlow:
    @pytest.fixture
    def grace(self):
        return make_buddy(
            "Grace B",
            budget_types=["direct-payment"],
            topics=["employing-pas"],
            districts="OX4",
            capacity=1,
        )

    @pytest.fixture
    def ask(self, newcomer):
        return BuddyRequest.objects.create(
            newcomer=newcomer,
            budget_type="direct-payment",
            topics=["employing-pas"],
            district="OX4",
        )

    def test_suggestions_rank_real_profiles(self, ask, grace):
        make_buddy("Far Away", budget_types=["health"], districts="M1")
        make_user("Not A Buddy")
        BuddyProfile.objects.create(user=make_user("Pending"), status=BuddyStatus.PENDING)
        names = [profile.user.public_name for profile, _ in buddies.suggestions(ask)]
        assert names == ["Grace B", "Far Away"]

    def test_offer_accept_opens_a_private_conversation(self, client, ask, grace, newcomer):
        client.force_login(newcomer)
        client.post(ask.get_absolute_url(), {"buddy": grace.pk})
        pairing = BuddyPairing.objects.get()
        assert pairing.status == PairingStatus.OFFERED
        assert Notification.objects.filter(recipient=grace, verb="asked you to be their buddy")

        client.force_login(grace)
        assert "New Person would like a buddy" in client.get(pairing.get_absolute_url()).text
        response = client.post(
            reverse("forum:pairing_answer", args=[pairing.pk]), {"action": "accept"}
        )
        pairing.refresh_from_db()
        assert pairing.status == PairingStatus.ACCEPTED
        conversation = pairing.conversation
        assert response["Location"] == conversation.get_absolute_url()
        assert conversation.is_private
        assert set(conversation.participants.all()) == {grace, newcomer}
        ask.refresh_from_db()
        assert ask.status == RequestStatus.MATCHED

    def test_accepting_someone_who_has_since_blocked_the_buddy_says_why(
        self, client, ask, grace, newcomer
    ):
        pairing = buddies.offer(ask, grace)
        block(newcomer, grace)
        client.force_login(grace)
        response = client.post(
            reverse("forum:pairing_answer", args=[pairing.pk]), {"action": "accept"}, follow=True
        )
        assert response.status_code == 200
        assert "You cannot send messages to New Person" in response.text
        pairing.refresh_from_db()
        assert pairing.status == PairingStatus.OFFERED
        assert pairing.conversation is None

    def test_a_full_buddy_is_not_suggested_again(self, ask, grace, newcomer):
        buddies.accept(buddies.offer(ask, grace), grace)
        second = BuddyRequest.objects.create(newcomer=make_user("Another"), topics=["money"])
        assert buddies.suggestions(second) == []
        with pytest.raises(buddies.BuddyError):
            buddies.offer(second, grace)

    def test_decline_tells_the_newcomer_and_they_can_choose_again(self, ask, grace, newcomer):
        other_buddy = make_buddy("Second Buddy", districts="OX1")
        pairing = buddies.offer(ask, grace)
        buddies.decline(pairing, grace)
        assert Notification.objects.filter(recipient=newcomer, verb__startswith="cannot be")
        names = [profile.user.public_name for profile, _ in buddies.suggestions(ask)]
        assert names == ["Second Buddy"]  # the buddy who said no is not offered again
        buddies.offer(ask, other_buddy)

    def test_only_the_asked_buddy_can_answer(self, client, ask, grace):
        pairing = buddies.offer(ask, grace)
        stranger = make_buddy("Stranger")
        client.force_login(stranger)
        assert client.get(pairing.get_absolute_url()).status_code == 404
        with pytest.raises(buddies.BuddyError):
            buddies.accept(pairing, stranger)

    def test_buddy_steps_back_and_newcomer_can_ask_someone_else(self, client, ask, grace, newcomer):
        pairing = buddies.accept(buddies.offer(ask, grace), grace)
        client.force_login(grace)
        client.post(reverse("forum:pairing_answer", args=[pairing.pk]), {"action": "end"})
        pairing.refresh_from_db()
        ask.refresh_from_db()
        assert pairing.status == PairingStatus.ENDED and ask.status == RequestStatus.OPEN
        assert Topic.objects.filter(pk=pairing.conversation_id).exists()  # words are kept

    def test_newcomer_asks_for_someone_else(self, client, ask, grace, newcomer):
        buddies.offer(ask, grace)
        client.force_login(newcomer)
        client.post(ask.get_absolute_url(), {"action": "someone-else"})
        assert BuddyPairing.objects.get().status == PairingStatus.ENDED

    def test_other_people_cannot_see_a_request(self, client, ask):
        client.force_login(make_user("Nosy"))
        assert client.get(ask.get_absolute_url()).status_code == 404

    def test_apply_then_moderator_approves(self, client, newcomer, category):
        client.force_login(newcomer)
        response = client.post(
            "/forum/buddies/apply/",
            {
                "budget_types": ["direct-payment"],
                "topics": ["employing-pas"],
                "categories": [category.pk],
                "districts": "ox4, OX1",
                "languages": "English",
                "capacity": 2,
                "agreed_code_of_conduct": "on",
            },
        )
        assert response.status_code == 302
        profile = BuddyProfile.objects.get(user=newcomer)
        assert profile.status == BuddyStatus.PENDING and profile.districts == "OX4, OX1"
        buddies.approve_profile(profile)
        assert buddies.is_buddy(newcomer)

    def test_apply_needs_the_code_of_conduct_and_keeps_answers(self, client, newcomer):
        client.force_login(newcomer)
        response = client.post(
            "/forum/buddies/apply/",
            {
                "budget_types": ["health"],
                "topics": ["health"],
                "districts": "not a place",
                "about": "Ten years with MS",
                "capacity": 1,
            },
        )
        assert "Please read and agree to the code of conduct." in response.text
        assert "is not a postcode we recognise" in response.text
        assert "Ten years with MS" in response.text
        assert not BuddyProfile.objects.exists()

    def test_buddy_badge_on_posts(self, client, grace, member, category):
        from forum import posting

        topic = posting.create_topic(member, category, "Question", "Help")
        posting.reply(topic, grace, "Happy to help")
        assert "Peer buddy</span>" in client.get(topic.get_absolute_url()).text

    def test_unanswered_for_buddies_in_their_categories(self, client, grace, member, category):
        from forum import posting
        from forum.models import Category

        grace.buddy_profile.categories.add(category)
        elsewhere = Category.objects.create(name="Off topic", slug="chat")
        posting.create_topic(member, category, "Waiting for help", "Hi")
        posting.create_topic(member, elsewhere, "Film tonight", "Hi")
        client.force_login(grace)
        text = client.get("/forum/buddies/unanswered/").text
        assert "Waiting for help" in text and "Film tonight" not in text

    def test_buddies_hear_about_new_questions_in_their_categories(self, grace, member, category):
        from forum import posting

        grace.buddy_profile.categories.add(category)
        posting.create_topic(member, category, "Brand new question", "Hi")
        assert Notification.objects.filter(recipient=grace, verb="asked a new question")
