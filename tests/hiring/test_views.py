"""Hiring through the site: a holder turns an advert into a kit, books an interview with a PA
and a supporter, makes an offer; the PA accepts; the others are told; and privacy."""

import datetime
import io
import re

import icalendar
import pypdf
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from hiring import services
from hiring.models import Interview, Kit
from pa_register import adverts
from pa_register.models import Advert, WorkedTogether
from pbsite.models import Notification
from tests.people import make_user

pytestmark = pytest.mark.django_db

EMPLOYEE = {
    "control": "me",
    "substitute": "no",
    "business": "no",
    "equipment": "me",
    "paid": "wage",
}


def local(days, hour=10, minute=30):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def field(moment):
    return moment.strftime("%Y-%m-%dT%H:%M")


def pdf_text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def make_kit(client, advert, holder, **answers):
    client.force_login(holder)
    return client.post(
        reverse("hiring:status_check", args=[advert.pk]),
        {**EMPLOYEE, **answers, "days_per_week": "3", "notice_weeks": "2"},
    )


def propose(client, response, times, place="Cowley Library café"):
    data = {"place": place, "minutes": "45"}
    for number, moment in enumerate(times, start=1):
        data[f"time_{number}"] = field(moment)
    return client.post(reverse("hiring:propose", args=[response.pk]), data)


def test_a_holder_turns_an_advert_into_a_kit_for_an_employee(client, advert, holder):
    client.force_login(holder)
    assert client.get(reverse("hiring:kit", args=[advert.pk])).url.endswith("/status/")
    response = make_kit(client, advert, holder)
    assert response.status_code == 302
    kit = Kit.objects.get(advert=advert)
    assert kit.status == "employed"
    page = client.get(reverse("hiring:kit", args=[advert.pk])).content.decode()
    assert "Contract of employment: an outline" in page and "Offer letter" in page
    assert "Service agreement" not in page


def test_a_self_employed_pa_gets_a_service_agreement_instead(client, advert, holder):
    make_kit(client, advert, holder, control="them", business="yes", paid="invoice")
    page = client.get(reverse("hiring:kit", args=[advert.pk])).content.decode()
    assert "Service agreement: an outline" in page and "Contract of employment" not in page
    contract = reverse("hiring:document", args=[advert.pk, "contract-outline"])
    assert client.get(contract).status_code == 404


def test_the_status_check_keeps_answers_when_one_is_missing(client, advert, holder):
    client.force_login(holder)
    response = client.post(
        reverse("hiring:status_check", args=[advert.pk]),
        {**EMPLOYEE, "paid": "", "days_per_week": "9", "notice_weeks": "2"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose the answer closest to your plans." in page
    assert "Give a number of days from 1 to 7." in page
    assert re.search(r'name="control" value="me"[^>]*checked', page)  # kept what was typed
    assert not re.search(r'name="paid" value="[a-z]+"[^>]*checked', page)
    assert not Kit.objects.exists()


def test_the_contract_outline_pdf_is_tagged_with_holiday_pay_and_the_living_wage(
    client, advert, holder
):
    make_kit(client, advert, holder)
    page = client.get(reverse("hiring:document", args=[advert.pk, "contract-outline"]))
    assert "84.0 hours a year" in page.content.decode()
    response = client.get(reverse("hiring:document_pdf", args=[advert.pk, "contract-outline"]))
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("en")
    assert reader.metadata.title == "Contract of employment: an outline: Morning PA in Cowley"
    text = pdf_text(response)
    assert "At least 5.6 weeks' paid holiday a year" in text
    assert "For this job: 84.0 hours a year." in text and "16.8 working days" in text
    assert "£12.21 an hour from 1 April 2025" in text
    assert "The rate in your advert is below it" in text  # £11.50 offered
    assert "2 weeks' notice" in text
    assert "Check with an adviser" in text


def test_the_interview_questions_pdf_chooses_by_skill_and_kind(client, advert, holder):
    make_kit(client, advert, holder)
    response = client.get(reverse("hiring:document_pdf", args=[advert.pk, "interview-questions"]))
    text = pdf_text(response)
    assert "Have you used a hoist before?" in text  # the advert's skill
    assert "keeping my dignity" in text  # its kind of support
    assert "driving record" not in text


def test_editors_add_questions_to_the_bank(client, advert, holder):
    from hiring.models import InterviewQuestion

    InterviewQuestion.objects.create(text="How do you feel about cats?", kind="personal_care")
    make_kit(client, advert, holder)
    page = client.get(reverse("hiring:document", args=[advert.pk, "interview-questions"]))
    assert "How do you feel about cats?" in page.content.decode()


def test_the_employers_checklist_says_the_living_wage_and_its_date(client):
    page = client.get(reverse("hiring:checklist")).content.decode()
    assert "£12.21 an hour" in page and "1 April 2025" in page
    assert "Employers' liability insurance." in page
    assert "Don't give your home address until you offer the job." in page


def test_the_whole_journey_interview_supporter_offer_accept_others_told(
    client, advert, holder, responses, pas
):
    sam = pas[0]
    supporter = make_user("Ann Friend", role=Role.CARER)
    make_kit(client, advert, holder)
    response = propose(client, responses[0], [local(3), local(4, 14)])
    interview = Interview.objects.get(response=responses[0])
    assert response.url == interview.get_absolute_url()
    assert Notification.objects.filter(recipient=sam.user, verb__contains="interview").exists()

    client.post(
        reverse("hiring:supporter", args=[interview.pk]), {"kind": "member", "member": "ann friend"}
    )
    interview.refresh_from_db()
    assert interview.supporter_user == supporter
    assert not Notification.objects.filter(recipient=supporter).exists()  # no time yet

    client.force_login(sam.user)
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Pick a time" in page and "Ann Friend" not in page
    slot = interview.slots.first()
    client.post(reverse("hiring:pick", args=[interview.pk]), {"slot": str(slot.pk)})
    interview.refresh_from_db()
    assert interview.chosen == slot
    assert Notification.objects.filter(recipient=supporter, verb__contains="interview").exists()
    assert Notification.objects.filter(recipient=holder, verb__contains="picked a time").exists()

    for person in (sam.user, holder, supporter):
        client.force_login(person)
        ics = client.get(reverse("hiring:ics", args=[interview.pk]))
        event = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")[0]
        assert event.decoded("dtstart") == slot.starts_at
        assert str(event["location"]) == "Cowley Library café"

    client.force_login(supporter)
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Cowley Library café" in page and "Your decision" not in page
    assert "Sam Patel" not in page  # the supporter sees the time and the place only

    client.force_login(holder)
    client.post(
        reverse("hiring:decide", args=[interview.pk]),
        {"decision": "offer", "message": "Lovely to meet you.", "start_date": "", "hours": "6"},
    )
    client.force_login(sam.user)
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Lovely to meet you." in page
    client.post(reverse("hiring:answer", args=[interview.pk]), {"answer": "yes"})

    advert.refresh_from_db()
    assert advert.filled and not advert.is_open()
    link = WorkedTogether.objects.get(holder=holder, profile=sam)
    assert link.hours_agreed == 6 and link.both_confirmed
    for other in pas[1:]:
        assert Notification.objects.filter(
            recipient=other.user, verb__contains="found a PA"
        ).exists()
    assert not Notification.objects.filter(recipient=sam.user, verb__contains="found a PA")


def test_a_supporter_by_email_gets_the_time_and_a_calendar_file(
    client, advert, holder, responses, django_capture_on_commit_callbacks
):
    make_kit(client, advert, holder)
    propose(client, responses[0], [local(3), local(4)])
    interview = Interview.objects.get()
    response = client.post(
        reverse("hiring:supporter", args=[interview.pk]),
        {"kind": "other", "name": "Bea", "email": "bea@example.org"},
    )
    assert response.status_code == 302 and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        services.pick(interview, responses[0].profile.user, interview.slots.first().pk)
    sent = [m for m in mail.outbox if m.to == ["bea@example.org"]]
    assert len(sent) == 1
    assert "Cowley Library café" in sent[0].body
    assert sent[0].attachments[0][0] == "interview.ics"


def test_private_things_are_404_to_everyone_else(client, advert, holder, responses, pas):
    make_kit(client, advert, holder)
    propose(client, responses[0], [local(3), local(4)])
    interview = Interview.objects.get()
    services.pick(interview, pas[0].user, interview.slots.first().pk)
    urls = [
        reverse("hiring:kit", args=[advert.pk]),
        reverse("hiring:status_check", args=[advert.pk]),
        reverse("hiring:document", args=[advert.pk, "offer-letter"]),
        reverse("hiring:document_pdf", args=[advert.pk, "offer-letter"]),
        reverse("hiring:propose", args=[responses[0].pk]),
        interview.get_absolute_url(),
        reverse("hiring:ics", args=[interview.pk]),
    ]
    posts = [
        reverse("hiring:pick", args=[interview.pk]),
        reverse("hiring:supporter", args=[interview.pk]),
        reverse("hiring:decide", args=[interview.pk]),
        reverse("hiring:answer", args=[interview.pk]),
    ]
    other_holder = make_user("Other Holder", role=Role.HOLDER)
    moderator = make_user("Jo Moderator", role=Role.MODERATOR, is_staff=True)
    for person in (None, other_holder, pas[1].user, moderator):
        client.logout()
        if person:
            client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == 404, (person, url)
        for url in posts:
            assert client.post(url, {"answer": "yes", "decision": "offer"}).status_code == 404
    # The PA of this interview sees it, but not the holder's kit.
    client.force_login(pas[0].user)
    assert client.get(interview.get_absolute_url()).status_code == 200
    assert client.get(urls[0]).status_code == 404
    assert client.post(posts[2], {"decision": "offer"}).status_code == 404


def test_bad_times_keep_what_was_typed(client, advert, holder, responses):
    make_kit(client, advert, holder)
    past = local(-1)
    response = propose(client, responses[0], [past, local(3)], place="The café")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Every time must be in the future" in page
    assert field(past) in page and 'value="The café"' in page
    same = propose(client, responses[0], [local(3), local(3)])
    assert "Two of the times are the same" in same.content.decode()
    one = propose(client, responses[0], [local(3)])
    assert "Give at least 2 times" in one.content.decode()
    nonsense = client.post(
        reverse("hiring:propose", args=[responses[0].pk]),
        {"place": "x", "minutes": "45", "time_1": "not a date", "time_2": "2027-13-45T99:99"},
    )
    assert nonsense.status_code == 200
    assert "Enter a real day and time" in nonsense.content.decode()
    assert not Interview.objects.exists()


def test_picking_twice_keeps_the_first_and_says_so(client, advert, holder, responses):
    make_kit(client, advert, holder)
    propose(client, responses[0], [local(3), local(4)])
    interview = Interview.objects.get()
    first, second = interview.slots.all()
    client.force_login(responses[0].profile.user)
    client.post(reverse("hiring:pick", args=[interview.pk]), {"slot": str(first.pk)})
    response = client.post(
        reverse("hiring:pick", args=[interview.pk]), {"slot": str(second.pk)}, follow=True
    )
    assert response.status_code == 200
    assert "You have already picked" in response.content.decode()
    interview.refresh_from_db()
    assert interview.chosen == first
    bogus = client.post(reverse("hiring:pick", args=[interview.pk]), {"slot": "999999"})
    assert bogus.status_code in (200, 302)


def test_none_suit_tells_the_holder_and_they_offer_again(client, advert, holder, responses):
    make_kit(client, advert, holder)
    propose(client, responses[0], [local(3), local(4)])
    interview = Interview.objects.get()
    client.force_login(responses[0].profile.user)
    client.post(
        reverse("hiring:pick", args=[interview.pk]), {"slot": "none", "note": "Afternoons only"}
    )
    assert Notification.objects.filter(recipient=holder, verb__contains="none of").exists()
    client.force_login(holder)
    assert "Afternoons only" in client.get(interview.get_absolute_url()).content.decode()
    propose(client, responses[0], [local(5, 14), local(6, 15)])
    interview.refresh_from_db()
    assert not interview.none_suit
    assert [s.starts_at for s in interview.slots.all()] == [local(5, 14), local(6, 15)]


def test_two_tabs_accepting_fill_the_advert_once(client, advert, holder, responses, pas):
    make_kit(client, advert, holder)
    interviews = []
    for response in responses[:2]:
        propose(client, response, [local(3), local(4)])
        interview = Interview.objects.get(response=response)
        services.pick(interview, response.profile.user, interview.slots.first().pk)
        services.decide(interview, holder, "offer")
        interviews.append(interview)
    client.force_login(pas[0].user)
    url = reverse("hiring:answer", args=[interviews[0].pk])
    client.post(url, {"answer": "yes"})
    again = client.post(url, {"answer": "yes"}, follow=True)
    assert "You have already answered this offer." in again.content.decode()
    client.force_login(pas[1].user)
    late = client.post(
        reverse("hiring:answer", args=[interviews[1].pk]), {"answer": "yes"}, follow=True
    )
    assert "This job has already been filled." in late.content.decode()
    assert WorkedTogether.objects.count() == 1
    interviews[1].refresh_from_db()
    assert interviews[1].answered_at is None
    assert Advert.objects.get(pk=advert.pk).filled


def test_not_this_time_sends_the_kind_message(client, advert, holder, responses):
    make_kit(client, advert, holder)
    propose(client, responses[0], [local(3), local(4)])
    interview = Interview.objects.get()
    client.force_login(holder)
    bad = client.post(reverse("hiring:decide", args=[interview.pk]), {"message": "Thanks!"})
    assert bad.status_code == 200 and "Thanks!" in bad.content.decode()
    client.post(
        reverse("hiring:decide", args=[interview.pk]),
        {"decision": "not_this_time", "message": "Thank you, it was good to meet."},
    )
    pa = responses[0].profile.user
    assert Notification.objects.filter(recipient=pa, verb__contains="not this time").exists()
    client.force_login(pa)
    page = client.get(interview.get_absolute_url()).content.decode()
    assert "Thank you, it was good to meet." in page and "Yes, I accept" not in page


def test_reminders_the_day_before_once(advert, holder, responses):
    interview = services.propose(
        responses[0], holder, [local(1), local(2)], place="Library", minutes=45
    )
    services.pick(interview, responses[0].profile.user, interview.slots.first().pk)
    assert services.send_reminders() == 1
    assert services.send_reminders() == 0
    assert Notification.objects.filter(recipient=holder, verb__contains="tomorrow").exists()


def test_my_data_has_my_interviews_and_deleting_takes_me_off(advert, holder, responses):
    from hiring import privacy

    supporter = make_user("Ann Friend")
    interview = services.propose(
        responses[0], holder, [local(3), local(4)], place="Library", minutes=45
    )
    services.set_supporter(interview, holder, member=supporter)
    exported = privacy.export(holder)
    assert exported["interviews_i_held"][0]["place"] == "Library"
    assert privacy.export(responses[0].profile.user)["interviews_i_was_invited_to"]
    privacy.erase(supporter)
    interview.refresh_from_db()
    assert interview.supporter_user is None
    privacy.erase(holder)
    assert not Interview.objects.exists()


def test_an_endorsement_waits_for_the_first_day_then_works(advert, holder, responses):
    from pa_register import endorsements
    from pa_register.errors import RegisterError

    interview = services.propose(
        responses[0], holder, [local(3), local(4)], place="Library", minutes=45
    )
    services.pick(interview, responses[0].profile.user, interview.slots.first().pk)
    first_day = timezone.localdate() + datetime.timedelta(days=14)
    services.decide(interview, holder, "offer", start_date=first_day, hours=10)
    link = services.answer_offer(interview, responses[0].profile.user, accept=True)
    assert link.start_date == first_day and link.hours_agreed == 10
    with pytest.raises(RegisterError, match="once they have started"):
        endorsements.endorse(link, holder, "Kind and on time.")
    WorkedTogether.objects.filter(pk=link.pk).update(start_date=timezone.localdate())
    assert endorsements.endorse(link, holder, "Kind and on time.").text == "Kind and on time."


def test_a_service_from_the_directory_can_come_along(client, advert, holder, responses):
    from tests.directory.conftest import make_service

    service = make_service("Oxford Carers Support")
    interview = services.propose(
        responses[0], holder, [local(3), local(4)], place="Library", minutes=45
    )
    client.force_login(holder)
    page = client.get(interview.get_absolute_url()).text
    assert f'<option value="{service.pk}">Oxford Carers Support</option>' in page
    client.post(
        reverse("hiring:supporter", args=[interview.pk]),
        {"kind": "service", "service": service.pk},
    )
    interview.refresh_from_db()
    assert interview.supporter_service == service
    page = client.get(interview.get_absolute_url()).text
    assert f'<option value="{service.pk}" selected>Oxford Carers Support</option>' in page
    assert "<dt>Coming with you</dt><dd>Oxford Carers Support</dd>" in page


def test_an_interviews_page_reads_what_it_shows_in_one_query(
    client, advert, holder, responses, django_assert_num_queries
):
    """The page reads only the columns it shows of the tables it joins: nothing it shows is
    left to be read again on its own (each role, a member or a service coming along)."""
    from tests.directory.conftest import make_service

    service = make_service("Oxford Carers Support")
    pa = responses[0].profile.user
    interview = services.propose(
        responses[0], holder, [local(3), local(4)], place="Library", minutes=45
    )
    services.set_supporter(interview, holder, service=service)
    client.force_login(holder)
    client.get(interview.get_absolute_url())  # the service choices' first read
    # Session, account, the interview, header counts, service choices, the times offered.
    with django_assert_num_queries(6):
        page = client.get(interview.get_absolute_url()).text
    assert "Interview with " + pa.public_name in page
    assert "<dt>Coming with you</dt><dd>Oxford Carers Support</dd>" in page
    client.force_login(pa)
    with django_assert_num_queries(5):  # and no service choices
        page = client.get(interview.get_absolute_url()).text
    assert "With " + holder.public_name + ", who posted the advert." in page


def test_a_kit_read_by_kept_sql_shows_each_change_at_once(client, advert, holder, pas):
    """The kit's page reads the advert, the kit and the replies by SQL built once per process
    (``pbsite.statements``), never kept rows: each change shows on the next visit, and the
    advert is only its author's."""
    make_kit(client, advert, holder)
    kit_url = reverse("hiring:kit", args=[advert.pk])
    page = client.get(kit_url).content.decode()
    assert "Nobody has replied yet." in page and "Sam Patel" not in page
    adverts.respond(advert, pas[0])
    Advert.objects.filter(pk=advert.pk).update(title="Evening PA in Cowley")
    page = client.get(kit_url).content.decode()
    assert "Sam Patel" in page and "Offer interview times" in page
    assert "Recruitment kit: Evening PA in Cowley" in page
    Kit.objects.filter(advert=advert).update(status="agency")
    assert "Your checklist as an employer" not in client.get(kit_url).content.decode()
    client.force_login(pas[1].user)
    assert client.get(kit_url).status_code == 404
