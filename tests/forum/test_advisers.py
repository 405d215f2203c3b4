"""Ask an expert and answers that become guides (issue 17, items 4 and 5), through the views."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from forum import advisers
from forum.models import Adviser, AdviserAnswer, Escalation, Expertise, Post, Topic
from forum.posting import create_topic
from pbsite.models import Notification, Report
from pbsite.templatetags.components import report_url
from tests.forum.conftest import make_buddy
from tests.people import make_user

pytestmark = pytest.mark.django_db

QUEUE = "/forum/advisers/"
QUESTION = "Do I have to pay my PA for bank holidays?"


def make_adviser(name="Hannah Adviser", *, expertise=Expertise.EMPLOYMENT_LAW, days_ago=30):
    user = make_user(name)
    Adviser.objects.create(
        user=user,
        organisation="Oxford Law Centre",
        expertise=expertise,
        checked_on=timezone.localdate() - datetime.timedelta(days=days_ago),
    )
    return user


@pytest.fixture
def question(category, member):
    return create_topic(member, category, QUESTION, "My PA asked about Christmas. What is fair?")


def pass_on(client, user, topic, expertise="employment-law"):
    client.force_login(user)
    return client.post(f"/forum/t/{topic.pk}/advisers/pass/", {"expertise": expertise})


def answer(client, user, topic, body="Bank holidays can count towards 5.6 weeks of holiday."):
    client.force_login(user)
    return client.post(f"/forum/t/{topic.pk}/advisers/answer/", {"body": body})


# --- The journey --------------------------------------------------------------------------------


def test_a_question_passed_to_advisers_is_answered_shown_as_such_and_the_asker_told(
    client, question, member, other
):
    buddy = make_buddy("Grace Buddy")
    adviser = make_adviser()
    make_adviser("Tax Person", expertise=Expertise.TAX_PAYROLL)

    client.force_login(buddy)
    topic_page = client.get(question.get_absolute_url())
    assert "Pass to advisers" in topic_page.text and "Tax and payroll" in topic_page.text
    response = pass_on(client, buddy, question)
    assert response.status_code == 302
    assert Escalation.objects.get().expertise == "employment-law"
    # The employment-law adviser hears about it; the tax adviser does not.
    told = Notification.objects.filter(verb__contains="passed a question")
    assert [n.recipient for n in told] == [adviser]

    client.force_login(adviser)
    waiting = client.get(QUEUE)
    assert waiting.status_code == 200 and QUESTION in waiting.text
    assert "Answer as an adviser" in client.get(question.get_absolute_url()).text
    form = client.get(f"/forum/t/{question.pk}/advisers/answer/")
    assert form.status_code == 200 and "What is fair?" in form.text

    response = answer(client, adviser, question)
    post = Post.objects.get(author=adviser)
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{post.pk}")
    mark = AdviserAnswer.objects.get(post=post)
    assert mark.expertise == "employment-law" and mark.organisation == "Oxford Law Centre"

    client.logout()
    page = client.get(question.get_absolute_url()).text
    checked = mark.checked_on.strftime("%B %Y")
    assert f"Answered by an adviser — Employment law, checked {checked}" in page
    assert 'class="badge badge--adviser"' in page
    assert "answered by Hannah Adviser" in page

    said = Notification.objects.get(recipient=member, verb__contains="as an adviser")
    assert "Employment law" in said.verb and said.url == post.get_absolute_url()
    assert Notification.objects.filter(recipient=buddy, verb__contains="as an adviser").exists()

    client.force_login(adviser)
    assert QUESTION not in client.get(QUEUE).text
    assert QUESTION in client.get(QUEUE + "?show=answered").text

    # The peer thread carries on after the adviser's answer.
    client.force_login(other)
    reply = client.post(question.get_absolute_url(), {"body": "Thanks, that helps me too."})
    assert reply.status_code == 302
    assert question.posts.filter(author=other).exists()


def test_only_the_asker_or_a_peer_buddy_can_pass_a_question_on(client, question, member, other):
    client.force_login(other)
    assert "Pass to advisers" not in client.get(question.get_absolute_url()).text
    response = pass_on(client, other, question)
    assert response.status_code == 302
    assert not Escalation.objects.exists()
    page = client.get(response["Location"]).text
    assert "Only the person who asked, or a peer buddy" in page

    client.logout()
    response = client.post(f"/forum/t/{question.pk}/advisers/pass/", {"expertise": "benefits"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Escalation.objects.exists()

    response = pass_on(client, member, question, "benefits")
    assert response.status_code == 302
    assert Escalation.objects.get().passed_by == member
    # A second press for the same advisers is told, not doubled.
    pass_on(client, member, question, "benefits")
    assert Escalation.objects.count() == 1


def test_a_made_up_expertise_is_refused_in_plain_words(client, question, member):
    response = pass_on(client, member, question, "astrology")
    assert not Escalation.objects.exists()
    assert "Choose one of the kinds of adviser" in client.get(response["Location"]).text


def test_an_adviser_whose_check_lapsed_cannot_answer_as_an_adviser(client, question, member):
    pass_on(client, member, question)
    lapsed = make_adviser(days_ago=400)

    client.force_login(lapsed)
    topic_page = client.get(question.get_absolute_url()).text
    assert "Answer as an adviser" not in topic_page and "check lapsed" in topic_page
    assert "badge--adviser" not in topic_page
    assert client.get(f"/forum/t/{question.pk}/advisers/answer/").status_code == 403
    response = answer(client, lapsed, question, "My answer")
    assert response.status_code == 403
    assert "lapsed" in response.text and "My answer" in response.text
    assert not AdviserAnswer.objects.exists() and not question.posts.filter(author=lapsed).exists()
    queue = client.get(QUEUE)
    assert "lapsed" in queue.text and QUESTION not in queue.text


def test_an_adviser_of_another_expertise_and_a_member_cannot_answer_as_an_adviser(
    client, question, member, other
):
    pass_on(client, member, question)
    tax = make_adviser(expertise=Expertise.TAX_PAYROLL)
    assert answer(client, tax, question).status_code == 403
    assert answer(client, other, question).status_code == 403
    assert client.get(QUEUE).status_code == 403
    assert not AdviserAnswer.objects.exists()


def test_private_and_hidden_topics_are_404_to_advisers(client, question, member, category):
    pass_on(client, member, question)
    adviser = make_adviser()
    Topic.objects.filter(pk=question.pk).update(hidden=True)
    client.force_login(adviser)
    assert client.get(question.get_absolute_url()).status_code == 404
    assert client.get(f"/forum/t/{question.pk}/advisers/answer/").status_code == 404
    assert answer(client, adviser, question).status_code == 404
    assert QUESTION not in client.get(QUEUE).text

    private = Topic.objects.create(title="Just us", author=member, is_private=True)
    assert client.get(f"/forum/t/{private.pk}/advisers/answer/").status_code == 404
    assert pass_on(client, member, private).status_code == 404
    assert not AdviserAnswer.objects.exists()


def test_an_advisers_answer_is_reportable_like_any_post(client, question, member, other):
    pass_on(client, member, question)
    adviser = make_adviser()
    answer(client, adviser, question)
    post = Post.objects.get(author=adviser)
    client.force_login(other)
    assert report_url(post) in client.get(question.get_absolute_url()).text
    response = client.post(report_url(post), {"reason": "other", "details": "Out of date"})
    assert response.status_code == 200
    assert Report.objects.get().content_object == post


# --- The rules ----------------------------------------------------------------------------------


def test_a_check_lasts_a_year_to_the_day():
    checked = datetime.date(2026, 3, 1)
    assert advisers.is_current(checked, datetime.date(2027, 2, 28))
    assert not advisers.is_current(checked, datetime.date(2027, 3, 1))
    assert not advisers.is_current(checked, datetime.date(2026, 2, 28))  # not yet checked
    assert not advisers.is_current(None, checked)
    assert advisers.lapses_on(datetime.date(2028, 2, 29)) == datetime.date(2029, 3, 1)


def test_who_may_pass_a_question_on():
    assert advisers.may_pass(person_id=1, asker_id=1, is_buddy=False, public=True)
    assert advisers.may_pass(person_id=2, asker_id=1, is_buddy=True, public=True)
    assert not advisers.may_pass(person_id=2, asker_id=1, is_buddy=False, public=True)
    assert not advisers.may_pass(person_id=1, asker_id=1, is_buddy=True, public=False)
    assert not advisers.may_pass(person_id=None, asker_id=None, is_buddy=False, public=True)


# --- The admin ----------------------------------------------------------------------------------


def test_a_moderator_checks_an_adviser_in_the_admin(client):
    moderator = make_user("Jo Moderator", role=Role.MODERATOR)
    person = make_user("Hannah New")
    client.force_login(moderator)
    url = "/admin/adviser/new/"
    assert client.get(url).status_code == 200
    data = {
        "email": "nobody@example.com",
        "organisation": "Oxford Law Centre",
        "expertise": "housing",
        "checked_on": "2026-11-30",
    }
    response = client.post(url, data)
    assert response.status_code == 200 and "Nobody has joined with this email" in response.text
    assert "Oxford Law Centre" in response.text

    response = client.post(url, {**data, "email": person.email.upper()})
    assert response.status_code == 302
    record = Adviser.objects.get()
    assert record.user == person and record.checked_by == moderator
    assert record.checked_on == datetime.date(2026, 11, 30)

    member = make_user("Not Staff")
    client.force_login(member)
    assert client.get(url).status_code in (302, 403)


def test_editors_may_read_advisers_answers_but_not_check_advisers(client):
    editor = make_user("Priya Editor", role=Role.EDITOR)
    client.force_login(editor)
    assert client.get("/admin/snippets/forum/adviseranswer/").status_code == 200
    assert client.get("/admin/adviser/").status_code in (302, 403)


# --- Answers become guides ----------------------------------------------------------------------


def answered_question(client, question, member):
    pass_on(client, member, question)
    adviser = make_adviser()
    answer(client, adviser, question, "Yes: **bank holidays** count towards the 5.6 weeks.")
    return AdviserAnswer.objects.get(), adviser


def make_live_guide():
    from home import demo
    from home.models import GuideIndexPage
    from tests.home.conftest import make_guide

    index = GuideIndexPage(title="Guides", slug="guides")
    demo.ensure_home_page().add_child(instance=index)
    body = [{"type": "paragraph", "value": "<p>Holidays for your PA.</p>"}]
    return make_guide(index, "Holidays for PAs", body=body)


def test_an_editor_turns_an_advisers_answer_into_a_guide_block_and_the_guide_shows_it(
    client, question, member
):
    found, adviser = answered_question(client, question, member)
    guide = make_live_guide()
    editor = make_user("Priya Editor", role=Role.EDITOR)
    client.force_login(editor)

    listing = client.get("/admin/snippets/forum/adviseranswer/")
    use_url = f"/admin/snippets/forum/adviseranswer/use-in-guide/{found.pk}/"
    assert listing.status_code == 200 and use_url in listing.text
    form = client.get(use_url)
    assert form.status_code == 200 and "Holidays for PAs" in form.text
    refused = client.post(use_url, {})
    assert refused.status_code == 200 and "Choose the guide to put this answer in" in refused.text

    response = client.post(use_url, {"guide": guide.pk})
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{guide.pk}/edit/"
    # A draft: the live guide does not change until an editor publishes it.
    assert "5.6 weeks" not in client.get(guide.url).text
    editing = client.get(response["Location"])
    assert editing.status_code == 200 and "bank holidays" in editing.text

    published = client.post(f"/admin/bulk/wagtailcore/page/publish/?id={guide.pk}", {})
    assert published.status_code == 302
    client.logout()
    page = client.get(guide.url).text
    assert QUESTION in page and "<strong>bank holidays</strong>" in page
    checked = found.checked_on.strftime("%B %Y")
    assert f"Hannah Adviser, Employment law, checked {checked}" in page
    assert f'href="{found.post.get_absolute_url()}"' in page


def test_erasing_an_adviser_keeps_the_answer_as_a_former_advisers(client, question, member):
    found, adviser = answered_question(client, question, member)
    guide = make_live_guide()
    draft = guide.get_latest_revision_as_object()
    from home.adviser_answers import add_to_guide

    add_to_guide(draft, found, None).publish()
    # Read before the erasure, so the guide's body is kept rendered with the name in it.
    assert "Hannah Adviser, Employment law" in client.get(guide.url).text
    client.force_login(adviser)
    exported = client.post("/accounts/export/")
    assert exported.status_code == 200 and "Oxford Law Centre" in exported.content.decode()

    response = client.post("/accounts/delete/", {"confirm": "on", "email": adviser.email})
    assert response.status_code == 302
    client.logout()
    assert not Adviser.objects.exists()
    found.refresh_from_db()
    assert found.organisation == "" and found.expertise == "employment-law"
    topic_page = client.get(question.get_absolute_url()).text
    assert "Answered by an adviser — Employment law" in topic_page
    assert "Hannah Adviser" not in topic_page and "Oxford Law Centre" not in topic_page
    guide_page = client.get(guide.url).text
    assert "a former adviser, Employment law" in guide_page and "Hannah" not in guide_page
    from tests.test_erasure import where_found

    # Nothing keeps their name or organisation: the guide block points at the answer.
    assert where_found("Hannah Adviser", "Oxford Law Centre") == set()


def test_demo_has_two_advisers_and_five_questions_passed_on_three_answered():
    import io

    from accounts import demo as accounts_demo
    from forum import adviser_demo
    from forum import demo as forum_demo

    for _ in range(2):  # safe to run again
        for loader in (accounts_demo, forum_demo, adviser_demo):
            loader.load(io.StringIO())
    assert Adviser.objects.count() == 2 and all(a.is_current for a in Adviser.objects.all())
    assert Escalation.objects.count() == 5
    assert AdviserAnswer.objects.count() == 3
    assert len({answer.escalation_id for answer in AdviserAnswer.objects.all()}) == 3


def test_a_hidden_answer_does_not_count_on_the_topic_page_or_in_the_queue(
    client, question, member, moderator
):
    adviser = make_adviser()
    pass_on(client, member, question)
    answer(client, adviser, question)
    Post.objects.filter(author=adviser).update(hidden=True)
    for reader in (None, member, moderator):
        client.logout() if reader is None else client.force_login(reader)
        page = client.get(question.get_absolute_url()).text
        assert "waiting for an adviser to answer." in page
        assert "answered by Hannah Adviser" not in page
    client.force_login(adviser)
    assert QUESTION in client.get(QUEUE).text
    assert QUESTION not in client.get(QUEUE + "?show=answered").text


def test_the_waiting_list_reads_no_answers(client, question, django_assert_num_queries):
    """Its questions are those without a shown answer: only the answered list reads answers."""
    adviser = make_adviser()
    pass_on(client, make_buddy("Grace Buddy"), question)
    client.force_login(adviser)
    client.get(QUEUE)
    # Session, account, adviser record, roles, questions, the header's counts.
    with django_assert_num_queries(6):
        assert QUESTION in client.get(QUEUE).text
