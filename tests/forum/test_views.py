"""The forum's pages through Django's test client."""

import pytest
from django.urls import reverse

from conversations.services import start_conversation
from forum import posting
from forum.models import Post, Topic

from .conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic(member, category):
    return posting.create_topic(member, category, "How do I find a PA quickly?", "Any tips?")


def test_forum_index_lists_categories_and_latest_topics(client, topic, category):
    response = client.get("/forum/")
    assert response.status_code == 200
    assert category.name in response.text
    assert topic.title in response.text
    assert "Leave this site quickly" in response.text


def test_category_filters_unanswered_and_solved(client, topic, member, other, category):
    answered = posting.create_topic(member, category, "Who pays for PA training?", "Asking.")
    answer = posting.reply(answered, other, "Your budget can pay for it.")
    posting.mark_solved(answered, answer, member)

    unanswered = client.get(f"/forum/c/{category.slug}/?show=unanswered").text
    assert topic.title in unanswered and answered.title not in unanswered
    solved = client.get(f"/forum/c/{category.slug}/?show=solved").text
    assert answered.title in solved and topic.title not in solved


def test_category_survives_junk_filters_and_pages(client, topic, category):
    response = client.get(f"/forum/c/{category.slug}/?show=<script>&page=99999999999")
    assert response.status_code == 200


def test_topic_page_shows_posts_in_order_with_reply_form(client, topic, other, member):
    posting.reply(topic, other, "First reply")
    posting.reply(topic, member, "Second reply")
    client.force_login(other)
    text = client.get(topic.get_absolute_url()).text
    assert text.index("Any tips?") < text.index("First reply") < text.index("Second reply")
    assert 'id="reply"' in text


def test_reply_through_the_form(client, topic, other):
    client.force_login(other)
    response = client.post(topic.get_absolute_url(), {"body": "Try the PA register."})
    post = Post.objects.get(body_markdown="Try the PA register.")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#post-{post.pk}")


def test_empty_reply_comes_back_with_a_plain_message(client, topic, other):
    client.force_login(other)
    response = client.post(topic.get_absolute_url(), {"body": "   "})
    assert response.status_code == 200
    assert "Write your message before you send it." in response.text


def test_quote_fills_the_reply_box(client, topic, other):
    client.force_login(other)
    first = topic.posts.first()
    text = client.get(f"{topic.get_absolute_url()}?quote={first.pk}").text
    assert "&gt; Any tips?" in text
    assert f'name="reply_to" value="{first.pk}"' in text


def test_reply_to_links_the_posts(client, topic, other):
    client.force_login(other)
    first = topic.posts.first()
    client.post(topic.get_absolute_url(), {"body": "Answering you", "reply_to": first.pk})
    assert Post.objects.get(body_markdown="Answering you").reply_to == first
    assert "In reply to" in client.get(topic.get_absolute_url()).text


def test_edit_own_post_shows_edited_and_keeps_history(client, topic, member, moderator):
    post = topic.posts.first()
    client.force_login(member)
    response = client.post(
        reverse("forum:edit_post", args=[post.pk]), {"body": "Any tips, please?"}
    )
    assert response.status_code == 302
    assert "edited" in client.get(topic.get_absolute_url()).text
    assert post.revisions.get().body_markdown == "Any tips?"
    # Only moderators read the history.
    assert client.get(reverse("forum:post_history", args=[post.pk])).status_code == 404
    client.force_login(moderator)
    history = client.get(reverse("forum:post_history", args=[post.pk])).text
    assert "Any tips?" in history


def test_nobody_edits_someone_elses_post(client, topic, other):
    client.force_login(other)
    post = topic.posts.first()
    response = client.post(reverse("forum:edit_post", args=[post.pk]), {"body": "Vandalised"})
    assert response.status_code == 404
    post.refresh_from_db()
    assert post.body_markdown == "Any tips?"


def test_moderator_edit_needs_a_reason(client, topic, moderator):
    client.force_login(moderator)
    post = topic.posts.first()
    url = reverse("forum:edit_post", args=[post.pk])
    response = client.post(url, {"body": "Tidied", "reason": ""})
    assert "Say why you are changing" in response.text
    client.post(url, {"body": "Tidied", "reason": "Removed a phone number"})
    assert post.revisions.get().reason == "Removed a phone number"


def test_asker_marks_the_answer_and_it_shows_under_the_question(client, topic, member, other):
    answer = posting.reply(topic, other, "Ask your council for a list of PAs.")
    client.force_login(member)
    client.post(reverse("forum:mark_solved", args=[answer.pk]))
    topic.refresh_from_db()
    assert topic.solved_post == answer
    text = client.get(topic.get_absolute_url()).text
    assert "The answer that helped" in text
    assert text.index("The answer that helped") < text.index("Replies")


def test_only_the_asker_can_mark_the_answer(client, topic, other):
    answer = posting.reply(topic, other, "Me me me")
    client.force_login(other)
    client.post(reverse("forum:mark_solved", args=[answer.pk]))
    topic.refresh_from_db()
    assert topic.solved_post is None


def test_watch_and_mute(client, topic, other):
    client.force_login(other)
    client.post(reverse("forum:watch", args=[topic.pk]), {"level": "watching"})
    assert posting.watch_level(other, topic) == "watching"
    client.post(reverse("forum:watch", args=[topic.pk]), {"level": "muted"})
    assert posting.watch_level(other, topic) == "muted"
    client.post(reverse("forum:watch", args=[topic.pk]), {"level": ""})
    assert posting.watch_level(other, topic) is None


def test_new_topic_form(client, member, category):
    client.force_login(member)
    assert client.get("/forum/new/?category=employing-pas").status_code == 200
    response = client.post(
        "/forum/new/", {"title": "Paying PAs on holiday", "category": category.pk, "body": "How?"}
    )
    topic = Topic.objects.get(title="Paying PAs on holiday")
    assert response["Location"] == topic.get_absolute_url()


def test_new_topic_errors_keep_the_text(client, member):
    client.force_login(member)
    response = client.post("/forum/new/", {"title": "", "category": "", "body": "My long story"})
    assert response.status_code == 200
    assert "My long story" in response.text
    assert "Give your topic a title" in response.text


def test_signed_out_people_read_but_are_asked_to_sign_in(client, topic):
    text = client.get(topic.get_absolute_url()).text
    assert "Sign in</a> or" in text
    response = client.post(topic.get_absolute_url(), {"body": "hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_topic_page_queries_do_not_grow_with_posts(
    client, member, other, category, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_for(size):
        topic = Topic.objects.create(category=category, title=f"Busy {size}", author=member)
        Post.objects.bulk_create(
            Post(
                topic=topic,
                author=(member if i % 2 else other),
                body_markdown=f"Post {i}",
                body_html=f"<p>Post {i}</p>",
            )
            for i in range(size)
        )
        posting.set_watch(other, topic, "watching")
        client.force_login(other)
        client.get(topic.get_absolute_url())  # warm caches (content types, session)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(topic.get_absolute_url())
        assert response.text.count('class="post') >= size
        return len(queries)

    assert count_for(20) == count_for(200)


def test_conversation_is_404_for_outsiders(client, member, other):
    conversation = start_conversation(member, [other], "Hello", "Private words")
    outsider = make_user("Nosy Parker")
    client.force_login(outsider)
    assert client.get(conversation.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(conversation.get_absolute_url()).status_code == 404
    client.force_login(other)
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == 200 and "Private words" in response.text


def test_my_messages_lists_my_conversations_only(client, member, other):
    start_conversation(member, [other], "About Tuesday", "Hi")
    outsider = make_user("Someone Else")
    start_conversation(outsider, [other], "Not for Maya", "Hi")
    client.force_login(member)
    text = client.get("/forum/messages/").text
    assert "About Tuesday" in text and "Not for Maya" not in text


def test_start_conversation_through_the_form(client, member, other):
    client.force_login(member)
    url = f"/forum/messages/new/?to={other.pk}"
    assert other.public_name in client.get(url).text
    response = client.post(url, {"title": "Your advert", "body": "Are you free on Mondays?"})
    topic = Topic.objects.get(title="Your advert")
    assert response["Location"] == topic.get_absolute_url()
    assert set(topic.participants.all()) == {member, other}


def test_new_message_to_nobody_is_404(client, member):
    client.force_login(member)
    assert client.get("/forum/messages/new/?to=99999").status_code == 404
    assert client.get("/forum/messages/new/?to=abc").status_code == 404


def test_blocked_person_cannot_message(client, member, other):
    client.force_login(other)
    client.post(reverse("forum:block", args=[member.pk]))
    client.force_login(member)
    response = client.post(
        f"/forum/messages/new/?to={other.pk}", {"title": "Hi again", "body": "Please answer"}
    )
    assert response.status_code == 200
    assert "You cannot send messages to Tom C" in response.text
    assert "Please answer" in response.text
    assert not Topic.objects.filter(title="Hi again").exists()


def test_blocked_person_cannot_reply_in_an_existing_conversation(client, member, other):
    conversation = start_conversation(member, [other], "Hello", "First")
    client.force_login(other)
    client.post(reverse("forum:block", args=[member.pk]))
    client.force_login(member)
    response = client.post(conversation.get_absolute_url(), {"body": "Why won't you answer"})
    assert "cannot send messages to this person" in response.text
    # Kept in the box, escaped (Django writes &#x27;, the Jinja2 widget templates &#39;).
    assert "Why won&#39;t you answer" in response.text
    assert conversation.posts.count() == 1


def test_unblock(client, member, other):
    client.force_login(other)
    client.post(reverse("forum:block", args=[member.pk]))
    client.post(reverse("forum:block", args=[member.pk]), {"undo": "1"})
    assert "You have not blocked anyone" in client.get("/forum/blocked/").text


def test_hidden_post_is_invisible_except_to_moderators(client, topic, other, moderator):
    bad = posting.reply(topic, other, "Something nasty")
    bad.hide()
    client.force_login(other)
    assert "Something nasty" not in client.get(topic.get_absolute_url()).text
    client.logout()
    assert "Something nasty" not in client.get(topic.get_absolute_url()).text
    client.force_login(moderator)
    assert "Something nasty" in client.get(topic.get_absolute_url()).text


def test_hidden_topic_is_404(client, topic, other):
    topic.hide()
    client.force_login(other)
    assert client.get(topic.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("where", ["reply", "new topic", "edit", "message"])
def test_the_page_after_sending_names_the_sent_draft_once(client, member, other, category, where):
    """The browser forgets a draft only when the server says it has the post (forum.js)."""
    topic = posting.create_topic(member, category, "Finding a PA quickly", "Any tips?")
    client.force_login(member)
    if where == "reply":
        response = client.post(topic.get_absolute_url(), {"body": "Thanks all"})
        key = f"topic-{topic.pk}"
    elif where == "new topic":
        response = client.post(
            "/forum/new/", {"title": "Help with payroll", "category": category.pk, "body": "How?"}
        )
        key = "new-topic"
    elif where == "edit":
        post = topic.posts.get()
        response = client.post(f"/forum/p/{post.pk}/edit/", {"body": "Any tips, please?"})
        key = f"edit-{post.pk}"
    else:
        response = client.post(
            f"/forum/messages/new/?to={other.pk}", {"title": "Hello", "body": "Are you free?"}
        )
        key = f"message-{other.pk}"
    assert response.status_code == 302
    after = client.get(response["Location"]).text
    assert f'data-drafts-sent="{key}"' in after
    assert "data-drafts-sent" not in client.get(response["Location"]).text


def test_a_refused_send_names_no_sent_draft(client, member, category):
    topic = posting.create_topic(member, category, "Finding a PA quickly", "Any tips?")
    client.force_login(member)
    refused = client.post(topic.get_absolute_url(), {"body": "   "})
    assert "Write your message before you send it." in refused.text
    assert "data-drafts-sent" not in refused.text
    assert "data-drafts-sent" not in client.get(topic.get_absolute_url()).text


def test_replies_name_the_post_they_answer_even_one_hidden_from_the_reader(
    client, topic, member, other
):
    first = topic.posts.first()
    answer = Post.objects.create(topic=topic, author=other, body_markdown="Ask the council.")
    hidden = Post.objects.create(topic=topic, author=other, body_markdown="Gone", hidden=True)
    for reply_to in (first, answer, hidden):
        Post.objects.create(topic=topic, author=member, body_markdown="Thanks", reply_to=reply_to)
    text = client.get(topic.get_absolute_url()).text
    for reply_to, name in ((first, "Maya H"), (answer, "Tom C"), (hidden, "Tom C")):
        assert f'In reply to <a href="#post-{reply_to.pk}">{name}</a>' in text
    assert "Gone" not in text


def test_a_held_post_by_an_erased_member_is_only_a_note(client, topic, other):
    Post.objects.create(topic=topic, author=None, body_markdown="Held words", held_for_review=True)
    text = client.get(topic.get_absolute_url()).text
    assert "Held words" not in text
    assert "This post is hidden while a moderator looks at it." in text


def test_a_signed_out_reader_is_never_taken_for_a_removed_author(client, member, other, category):
    """A post or topic whose author's account is gone (``author`` null) is nobody's: a reader
    who is signed out (no id either) is not offered to edit it or to mark an answer."""
    asked = posting.create_topic(member, category, "Can a PA be paid in cash?", "Asking.")
    answer = posting.reply(asked, other, "Ask your council what records they need.")
    Topic.objects.filter(pk=asked.pk).update(author=None)
    Post.objects.filter(topic=asked).update(author=None)

    page = client.get(asked.get_absolute_url()).text

    assert answer.body_markdown.split()[0] in page
    assert reverse("forum:edit_post", args=[answer.pk]) not in page
    assert reverse("forum:mark_solved", args=[answer.pk]) not in page
