"""Where it stands: a timeline with a passed promised date tells its owner (the daily job,
through notify()) and makes a chase letter and a complaint letter naming the contact and dates."""

import datetime
import io
import re

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from mybudget.models import Stage, Timeline
from mybudget.tasks import send_reminders
from pbsite.models import Notification
from pbsite.registry import daily_jobs
from tests.people import make_user

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.fixture
def stalled(holder):
    today = timezone.localdate()
    timeline = Timeline.objects.create(
        owner=holder,
        kind="application",
        title="My social care assessment",
        organisation="Oxfordshire County Council",
        contact_name="Jan Okafor",
        reference="ASC-20417",
        your_name="Maya Hughes",
    )
    Stage.objects.create(
        timeline=timeline, code="asked_for_assessment", done_on=datetime.date(2026, 6, 1)
    )
    Stage.objects.create(
        timeline=timeline, code="assessed", promised_by=today - datetime.timedelta(days=10)
    )
    return timeline


def test_a_passed_promise_is_told_once_to_the_owner_only(stalled, holder):
    other = make_user("Someone Else")
    assert "my budget: promised dates that passed" in daily_jobs.jobs
    assert send_reminders() == 1
    notification = Notification.objects.get()
    assert notification.recipient == holder
    assert "a promised date has passed (Assessed, promised by" in notification.text
    assert notification.url == stalled.get_absolute_url()
    assert send_reminders() == 0  # once only
    assert not Notification.objects.filter(recipient=other).exists()


def test_a_new_promised_date_is_told_again_when_it_too_passes(client, stalled, holder):
    send_reminders()
    client.force_login(holder)
    today = timezone.localdate()
    client.post(
        stalled.get_absolute_url(),
        {
            "asked_for_assessment_done": "2026-06-01",
            "assessed_promised": (today - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert Stage.objects.get(code="assessed").reminded_at is None
    assert send_reminders() == 1


def test_the_chase_letter_names_the_contact_the_dates_and_the_promise(client, stalled, holder):
    client.force_login(holder)
    page = text_of(client.get(stalled.get_absolute_url()))
    assert "A promised date has passed" in page and "10 days late" in page
    letter = text_of(client.get(reverse("mybudget:letter", args=[stalled.pk, "chase"])))
    promised = timezone.localdate() - datetime.timedelta(days=10)
    promised_words = f"{promised.day} {promised:%B %Y}"
    assert "Dear Jan Okafor," in letter
    assert "(your reference ASC-20417)" in letter
    assert "Asked for an assessment: 1 June 2026." in letter
    assert f"I was told this would happen: assessed by {promised_words}." in letter
    assert "Maya Hughes" in letter
    pdf = client.get(reverse("mybudget:letter_pdf", args=[stalled.pk, "chase"]))
    reader = pypdf.PdfReader(io.BytesIO(pdf.content))
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Dear Jan Okafor," in text and promised_words in text


def test_the_complaint_letter_asks_for_the_complaints_procedure(client, stalled, holder):
    client.force_login(holder)
    letter = text_of(client.get(reverse("mybudget:letter", args=[stalled.pk, "complaint"])))
    assert "formal complaint to Oxfordshire County Council" in letter
    assert "Local Government and Social Care Ombudsman" in letter


def test_a_date_it_happened_cannot_be_in_the_future_and_nothing_is_saved(client, stalled, holder):
    client.force_login(holder)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(
        stalled.get_absolute_url(),
        {
            "asked_for_assessment_done": "2026-06-01",
            "money_started_done": tomorrow.isoformat(),
            "assessed_note": "typed-note-kept",
        },
    )
    page = response.content.decode().replace("&#x27;", "'")
    assert "The date it happened can't be in the future." in page and "typed-note-kept" in page
    assert not Stage.objects.filter(code="money_started").exists()
    assert Stage.objects.get(code="assessed").note == ""


def test_starting_a_timeline(client, holder):
    client.force_login(holder)
    response = client.post(
        reverse("mybudget:timeline_new"),
        {"kind": "review", "title": "My yearly review", "contact_name": "Jan"},
    )
    timeline = Timeline.objects.get()
    assert response.status_code == 302 and timeline.kind == "review"
    assert "Review due" in text_of(client.get(timeline.get_absolute_url()))


def test_each_stage_links_its_live_guides_read_in_one_query(client, stalled, holder):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home import demo
    from home.models import GuideIndexPage
    from tests.home.conftest import make_guide

    home = demo.ensure_home_page()
    index = home.add_child(instance=GuideIndexPage(title="Guides", slug="guides"))
    make_guide(index, "Getting assessed")
    make_guide(index, "Getting an advocate")
    make_guide(index, "Challenging your budget", live=False)
    client.force_login(holder)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(stalled.get_absolute_url()).content.decode()
    assert page.count('href="/guides/getting-assessed/"') == 2  # asked for, and assessed
    assert 'href="/guides/getting-an-advocate/"' in page  # the date passed: "late"
    assert "challenging-your-budget" not in page  # not live
    guide_lookups = [q for q in queries.captured_queries if '"slug" IN' in q["sql"]]
    assert len(guide_lookups) == 1


def test_the_guides_linked_are_kept_until_a_page_changes(client, stalled, holder):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home import demo
    from home.models import GuideIndexPage
    from tests.home.conftest import make_guide

    home = demo.ensure_home_page()
    index = home.add_child(instance=GuideIndexPage(title="Guides", slug="guides"))
    assessed = make_guide(index, "Getting assessed")
    client.force_login(holder)
    url = stalled.get_absolute_url()
    assert 'href="/guides/getting-assessed/"' in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert 'href="/guides/getting-assessed/"' in client.get(url).content.decode()
    assert not [q for q in queries.captured_queries if '"slug" IN' in q["sql"]]

    assessed.unpublish()
    assert "getting-assessed" not in client.get(url).content.decode()
    make_guide(index, "Getting an advocate")  # a new guide for a passed date: "late"
    assert 'href="/guides/getting-an-advocate/"' in client.get(url).content.decode()
    index.get_children().get(slug="getting-an-advocate").specific.delete()
    assert "getting-an-advocate" not in client.get(url).content.decode()
