"""The group agreement a council officer reads: full names, start date, who employs a shared PA,
the history in sentences, and a tagged PDF a screen reader can read."""

import datetime
import io

import pypdf
import pytest
from django.urls import reverse

from pa_register.models import Advert
from pooling import services
from pooling.models import Membership, Pool

from .test_pools import make_pool, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed_pool():
    maya, tom = make_user("Maya H"), make_user("Tom C")
    pool = make_pool(
        maya,
        title="Shared PA for the cinema",
        category="shared_pa",
        start_date=datetime.date(2027, 2, 1),
    )
    for person in (maya, tom):
        services.join(pool, person, pays_with="direct_payment")
    return Pool.objects.get(pk=pool.pk), maya, tom


def accept(client, pool, person, name):
    client.force_login(person)
    version = Pool.objects.get(pk=pool.pk).agreement_version
    return client.post(
        reverse("pooling:accept", args=[pool.pk]), {"version": version, "agreement_name": name}
    )


def pdf_text(response) -> str:
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_accepting_asks_for_the_full_name_and_explains_who_sees_it(agreed_pool, client):
    pool, maya, _tom = agreed_pool
    client.force_login(maya)
    page = client.get(pool.get_absolute_url()).content.decode()
    assert "Your full name for the agreement" in page
    assert "never on public pages" in page
    accept(client, pool, maya, "  Maya   Hughes ")
    membership = Membership.objects.get(pool=pool, user=maya)
    assert membership.agreement_name == "Maya Hughes"
    assert membership.accepted_version == pool.agreement_version


def test_a_member_may_accept_without_a_full_name_and_add_it_later(agreed_pool, client):
    pool, maya, _tom = agreed_pool
    accept(client, pool, maya, "")
    membership = Membership.objects.get(pool=pool, user=maya)
    assert membership.accepted_version == pool.agreement_version
    agreement = client.get(reverse("pooling:agreement", args=[pool.pk])).content.decode()
    assert "Full name: not given yet" in agreement
    assert "without giving your full name" in agreement
    response = accept(client, pool, maya, "Maya Hughes")
    assert response.status_code == 302
    assert Membership.objects.get(pool=pool, user=maya).agreement_name == "Maya Hughes"
    assert Membership.objects.get(pool=pool, user=maya).acceptances.count() == 1


def test_full_names_are_in_the_agreement_for_the_group_but_never_on_public_pages(
    agreed_pool, client
):
    pool, maya, tom = agreed_pool
    accept(client, pool, maya, "Maya Hughes")
    accept(client, pool, tom, "Thomas Clarke")
    agreement = client.get(reverse("pooling:agreement", args=[pool.pk])).content.decode()
    assert "Full name: Maya Hughes" in agreement and "Full name: Thomas Clarke" in agreement
    client.logout()
    public = client.get(pool.get_absolute_url()).content.decode()
    board = client.get(reverse("pooling:board")).content.decode()
    for page in (public, board):
        assert "Hughes" not in page and "Clarke" not in page
    client.force_login(make_user("Outsider"))
    assert "Hughes" not in client.get(pool.get_absolute_url()).content.decode()


def test_history_lines_read_as_sentences_without_the_name_twice(agreed_pool, client):
    pool, maya, tom = agreed_pool
    accept(client, pool, maya, "Maya Hughes")
    accept(client, pool, tom, "Thomas Clarke")
    services.coordinator_action(Pool.objects.get(pk=pool.pk), maya, services.PoolEvent.START)
    client.force_login(tom)
    for url in (pool.get_absolute_url(), reverse("pooling:agreement", args=[pool.pk])):
        page = client.get(url).content.decode()
        assert "Tom C joined." in page
        assert "Maya H started the group." in page
        assert "(Tom C)" not in page and "joined (" not in page


def test_who_employs_a_shared_pa_comes_from_the_groups_advert_until_the_coordinator_says(
    agreed_pool, client
):
    pool, maya, tom = agreed_pool
    client.force_login(tom)
    url = reverse("pooling:agreement", args=[pool.pk])
    assert "Who employs the PA: Not agreed yet" in " ".join(
        client.get(url).content.decode().replace("</strong>", "").split()
    )
    Advert.objects.create(
        author=maya, group=pool, title="PA", details="x", district="OX4", employment="agency"
    )
    assert "An agency employs the PA and bills each member." in client.get(url).content.decode()

    # Only the coordinator may say, and saying it makes a new version to accept.
    employer_url = reverse("pooling:pa_employment", args=[pool.pk])
    assert client.post(employer_url, {"employment": "self_employed"}).status_code == 404
    client.force_login(maya)
    bad = client.post(employer_url, {"employment": "", "employer_name": "Sam Patel"})
    assert "Choose who employs the PA." in bad.content.decode()
    assert 'value="Sam Patel"' in bad.content.decode()
    version = Pool.objects.get(pk=pool.pk).agreement_version
    accept(client, pool, maya, "Maya Hughes")
    client.post(employer_url, {"employment": "self_employed", "employer_name": "Sam Patel"})
    changed = Pool.objects.get(pk=pool.pk)
    assert changed.pa_employment == "self_employed"
    assert changed.agreement_version == version + 1
    page = client.get(url).content.decode()
    assert "The PA is self-employed and bills each member (Sam Patel)." in page
    assert "Maya H changed the details: who employs the PA." in page


def test_the_agreement_pdf_is_tagged_and_has_what_a_council_officer_needs(agreed_pool, client):
    pool, maya, tom = agreed_pool
    services.set_pa_employment(pool, maya, employment="each_member")
    accept(client, pool, maya, "Maya Hughes")
    accept(client, pool, tom, "Thomas Clarke")
    response = client.get(reverse("pooling:agreement_pdf", args=[pool.pk]))
    assert response["Content-Type"] == "application/pdf"

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    catalog = reader.trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog
    assert str(catalog["/Lang"]).startswith("en")
    assert reader.metadata.title == "Group agreement: Shared PA for the cinema"

    text = pdf_text(response)
    assert "Maya Hughes" in text and "Thomas Clarke" in text
    assert "Start date: 1 February 2027" in text
    assert "Who employs the PA: Each member employs the PA for their own hours." in text
    assert "Tom C joined." in text
    assert "Everyone accepted version" in text
    assert "joined (" not in text


def test_the_full_name_is_in_my_data_export_and_goes_when_i_delete_my_account(agreed_pool, client):
    from pooling import privacy

    pool, maya, tom = agreed_pool
    accept(client, pool, tom, "Thomas Clarke")
    exported = privacy.export(tom)["memberships"][0]
    assert exported["name_for_the_agreement"] == "Thomas Clarke"
    privacy.erase(tom)
    assert Membership.objects.get(pool=pool, user=tom).agreement_name == ""
