"""Print packs for professionals: a one-page leaflet with the helpline from the site settings
and a QR code to the right guide, printable and as a tagged PDF."""

import datetime
import io

import pypdf
import pytest
from wagtail.models import Site

from home import qr
from home.models import PrintPackIndexPage, PrintPackPage
from pbsite.models import Helpline

from .conftest import make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def pack(home, guide_index):
    guide = make_guide(guide_index, "Leaving hospital with a budget")
    index = PrintPackIndexPage(title="Print packs for professionals", slug="print-packs")
    home.add_child(instance=index)
    page = PrintPackPage(
        title="Leaflet for hospital wards",
        slug="hospital-ward",
        audience="hospital-ward",
        summary="For ward staff and discharge teams.",
        leaflet_heading="Going home and need help?",
        what_it_is="<p>A <b>personal budget</b> is money from the council for care.</p>",
        who_to_send="<ul><li>Patients going home who will need help.</li></ul>",
        guide=guide,
        last_reviewed=datetime.date(2026, 12, 1),
    )
    index.add_child(instance=page)
    return page


@pytest.fixture
def helpline(db):
    row = Helpline.objects.get(site=Site.objects.get(is_default_site=True))
    row.phone, row.hours = "03069 990456", "Monday to Saturday, 8am to 6pm"
    row.save()
    return row


def test_the_leaflet_shows_the_helpline_from_the_site_settings(client, pack, helpline):
    page = client.get(pack.url).content.decode()
    assert 'class="leaflet__phone"><a href="tel:03069990456">03069 990456</a>' in page
    assert "Monday to Saturday, 8am to 6pm" in page
    assert "dial 18001 then 03069 990456" in page
    assert "Going home and need help?" in page
    assert f'href="{pack.url}pdf/"' in page


def test_the_qr_code_opens_the_right_guide(client, pack, settings):
    settings.SITE_URL = "https://budgetcircle.example"
    address = "https://budgetcircle.example" + pack.guide.url
    page = client.get(pack.url).content.decode()
    assert address in page
    label = f"QR code: opens {address}"
    assert qr.svg(address, label) in page
    assert f'<svg role="img" aria-label="{label}"' in page
    # A different address draws a different code.
    assert qr.svg(address + "x", label) not in page


def test_the_pdf_is_tagged_on_one_a4_page_and_has_the_helpline(client, pack, helpline):
    response = client.get(pack.url + "pdf/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="budget-circle-leaflet-hospital-ward.pdf"' in response["Content-Disposition"]
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("en")
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    text = " ".join(reader.pages[0].extract_text().split())
    assert "03069 990456" in text
    assert "Monday to Saturday, 8am to 6pm" in text
    assert "What is a personal budget?" in text and "Who to send to us" in text


def test_the_index_lists_the_packs(client, pack):
    page = client.get(pack.get_parent().url).content.decode()
    assert pack.url in page and "For ward staff and discharge teams." in page


def test_an_editor_can_update_a_print_pack_in_the_admin(client, pack):
    from accounts.models import Role
    from tests.people import make_user

    client.force_login(make_user("Edie E", role=Role.EDITOR))
    page = client.get(f"/admin/pages/{pack.pk}/edit/")
    assert page.status_code == 200
    assert "the helpline comes from Settings → Helpline" in page.content.decode()
