"""Hiring's demo content: an advert with interviews booked (one with a supporter) and a filled
advert, built again without change; and its registrations."""

from io import StringIO

from accounts import demo as accounts_demo
from accounts.demo import demo_user
from accounts.models import Role
from hiring import demo
from hiring.models import Interview, Kit
from pa_register import demo as register_demo
from pa_register.models import Advert, WorkedTogether
from pbsite.registry import daily_jobs, demo_content, personal_data


def test_demo_books_interviews_and_fills_an_advert_once(db):
    accounts_demo.load(StringIO())
    register_demo.load(StringIO())
    demo.load(StringIO())
    booked = Advert.objects.get(title=demo.BOOKED)
    assert booked.is_open() and Kit.objects.filter(advert=booked).exists()
    with_supporter = Interview.objects.get(response__advert=booked, chosen__isnull=False)
    assert with_supporter.supporter_user == demo_user(Role.CARER)
    assert with_supporter.response.profile.user == demo_user(Role.PA)
    filled = Advert.objects.get(title=demo.FILLED)
    assert filled.filled and not filled.is_open()
    hired = Interview.objects.get(response__advert=filled, offer_accepted=True)
    link = WorkedTogether.objects.get(holder=filled.author, profile=hired.response.profile)
    assert link.hours_agreed == 6 and link.start_date
    counts = (Kit.objects.count(), Interview.objects.count(), WorkedTogether.objects.count())
    demo.load(StringIO())
    assert (
        Kit.objects.count(),
        Interview.objects.count(),
        WorkedTogether.objects.count(),
    ) == counts


def test_hiring_registers_its_data_demo_and_reminders():
    assert "hiring" in personal_data.sections
    assert "hiring" in [loader.name for loader in demo_content]
    assert "interview reminders" in [job.name for job in daily_jobs]


def test_editors_keep_the_question_bank_and_the_living_wage(db, client):
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from hiring.models import HiringSettings

    editors = Group.objects.get(name=Role.EDITOR.value)
    codenames = set(
        editors.permissions.filter(content_type__app_label="hiring").values_list(
            "codename", flat=True
        )
    )
    assert {"add_interviewquestion", "change_hiringsettings"} <= codenames
    settings = HiringSettings.for_site(Site.objects.get(is_default_site=True))
    settings.national_living_wage_pence = 1290
    settings.national_living_wage_from = "2026-04-01"
    settings.save()
    page = client.get("/hiring/checklist/").content.decode()
    assert "£12.90 an hour" in page and "1 April 2026" in page
