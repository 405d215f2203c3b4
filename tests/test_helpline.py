"""The helpline is a site setting staff edit; every place that shows it follows."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from accounts.models import Role
from home.models import StandardPage
from pbsite import helpline
from pbsite.models import Helpline
from tests.people import make_user

pytestmark = pytest.mark.django_db


def settings_url() -> str:
    return f"/admin/settings/pbsite/helpline/{Site.objects.get(is_default_site=True).pk}/"


@pytest.fixture
def contact_page():
    home = Site.objects.get(is_default_site=True).root_page
    page = StandardPage(
        title="Contact a person",
        slug="contact",
        body=[
            {"type": "paragraph", "value": "<p>You can talk to a real person.</p>"},
            {"type": "helpline", "value": None},
        ],
    )
    home.add_child(instance=page)
    return page


def test_a_new_site_starts_with_the_drama_number_the_code_had():
    row = Helpline.objects.get(site=Site.objects.get(is_default_site=True))
    assert (row.phone, row.email, row.hours) == (
        "03069 990123",
        "help@budgetcircle.example",
        "Monday to Friday, 9am to 5pm",
    )


def test_an_editor_changes_the_helpline_and_the_footer_and_contact_page_follow(
    client, contact_page
):
    editor = make_user("Edie E", role=Role.EDITOR)
    client.force_login(editor)
    response = client.post(
        settings_url(),
        {"phone": "0300 123 4567", "email": "talk@example.org", "hours": "Every day, 8am to 8pm"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    client.logout()
    for path in ("/accounts/login/", contact_page.url):
        page = client.get(path).content.decode()
        assert 'href="tel:03001234567">0300 123 4567</a>' in page, path
        assert 'href="mailto:talk@example.org"' in page
        assert "Every day, 8am to 8pm" in page
        assert "03069 990123" not in page
    contact = client.get(contact_page.url).content.decode()
    assert "dial 18001 then 0300 123 4567" in contact


def test_a_number_nobody_could_dial_is_refused_with_what_to_write(client):
    client.force_login(make_user("Edie E", role=Role.EDITOR))
    response = client.post(
        settings_url(),
        {"phone": "ring us", "email": "help@budgetcircle.example", "hours": "Weekdays"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Write the number as people would dial it in the UK" in page
    assert 'value="ring us"' in page
    assert Helpline.objects.get().phone == "03069 990123"


def test_people_who_are_not_staff_cannot_change_it(client):
    client.force_login(make_user("Maya H", role=Role.HOLDER))
    client.post(settings_url(), {"phone": "0300 123 4567", "email": "x@example.org", "hours": "x"})
    assert Helpline.objects.get().phone == "03069 990123"


@pytest.mark.parametrize(
    ("phone", "href"),
    [("03069 990123", "tel:03069990123"), ("+44 300 123 4567", "tel:+443001234567")],
)
def test_tel_links_keep_only_digits_and_a_leading_plus(phone, href):
    helpline.validate_phone(phone)
    assert helpline.tel_href(phone) == href


@pytest.mark.parametrize("phone", ["", "12345", "0300 123 4567 ext 2", "call 0300 123 4567"])
def test_numbers_that_cannot_be_dialled_are_refused(phone):
    with pytest.raises(ValidationError):
        helpline.validate_phone(phone)
