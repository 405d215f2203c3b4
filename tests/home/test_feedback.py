"""“Was this guide helpful?”: valid, invalid, hostile and rate-limited answers, without JS."""

import pytest

from home.models import GuideFeedback

pytestmark = pytest.mark.django_db


def send(client, guide, **data):
    return client.post(guide.url, data, REMOTE_ADDR=data.pop("ip", "10.0.0.1"))


def test_yes_with_a_comment_is_saved_and_thanks_the_reader(client, guide):
    response = send(client, guide, helpful="yes", comment="Clear, thanks.")
    assert response.status_code == 302
    assert response["Location"] == guide.url + "#feedback"
    feedback = GuideFeedback.objects.get()
    assert feedback.guide_id == guide.pk and feedback.helpful is True
    assert feedback.comment == "Clear, thanks."
    page = client.get(response["Location"]).content.decode()
    assert "Thank you. Your answer helps us make this guide better." in page


def test_no_without_a_comment_is_saved(client, guide):
    send(client, guide, helpful="no")
    assert GuideFeedback.objects.get().helpful is False


def test_missing_answer_shows_the_error_and_keeps_the_comment(client, guide):
    response = send(client, guide, comment="I could not find the phone number")
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "Choose yes or no." in html
    assert "I could not find the phone number</textarea>" in html
    assert not GuideFeedback.objects.exists()


def test_too_long_comment_is_refused_and_kept(client, guide):
    comment = "x" * 1001
    response = send(client, guide, helpful="yes", comment=comment)
    assert response.status_code == 400
    assert "Please keep it under 1000 characters" in response.content.decode()
    assert comment in response.content.decode()
    assert not GuideFeedback.objects.exists()


@pytest.mark.parametrize("answer", ["maybe", "", "1", "<script>"])
def test_made_up_answers_are_refused(client, guide, answer):
    response = send(client, guide, helpful=answer)
    assert response.status_code == 400
    assert not GuideFeedback.objects.exists()


def test_hostile_comment_is_stored_as_text_and_escaped_in_the_admin(client, admin_client, guide):
    send(client, guide, helpful="no", comment='<script>alert("x")</script>\x07 ok')
    feedback = GuideFeedback.objects.get()
    assert feedback.comment == '<script>alert("x")</script> ok'
    listing = admin_client.get("/admin/guide_feedback/").content.decode()
    assert "&lt;script&gt;alert" in listing
    assert '<script>alert("x")' not in listing


def test_sixth_answer_in_an_hour_is_refused_kindly_and_keeps_the_comment(client, guide):
    for _ in range(5):
        assert send(client, guide, helpful="yes").status_code == 302
    response = send(client, guide, helpful="no", comment="One more thought")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have sent a lot of answers in the last hour" in html
    assert "One more thought</textarea>" in html
    assert GuideFeedback.objects.count() == 5
    # Someone else, elsewhere, is not held up.
    assert send(client, guide, helpful="yes", ip="10.0.0.2").status_code == 302


def test_feedback_needs_the_csrf_token(guide):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(guide.url, {"helpful": "yes"})
    assert response.status_code == 403
    assert not GuideFeedback.objects.exists()


def test_form_is_on_every_guide_without_javascript(client, guide):
    html = client.get(guide.url).content.decode()
    assert 'id="feedback"' in html
    assert 'method="post"' in html and 'name="helpful"' in html and 'name="comment"' in html
