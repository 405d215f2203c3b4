"""The service editor: who may open it, what it reads to decide, its formsets' hidden fields."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role

from .conftest import make_service, make_user


def editor_url(service, slug=None):
    return reverse("directory:edit_service", args=[slug or service.organisation.slug, service.uuid])


def test_only_the_owner_and_moderators_open_a_service(client, provider, moderator):
    service = make_service("Pottery class", owner=provider)
    other = make_service("Choir", owner=make_user("Other Provider", role=Role.PROVIDER))
    client.force_login(provider)
    assert client.get(editor_url(service)).status_code == 200
    # Another listing's service under this listing's address, and its own address: neither.
    assert client.get(editor_url(other, slug=service.organisation.slug)).status_code == 404
    assert client.get(editor_url(other)).status_code == 404
    client.force_login(moderator)
    assert client.get(editor_url(other)).status_code == 200


def test_the_owner_is_known_from_the_query_that_reads_the_service(client, provider):
    service = make_service("Pottery class", owner=provider)
    client.force_login(provider)
    client.get(editor_url(service))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(editor_url(service)).status_code == 200
    read = [query["sql"] for query in queries if 'FROM "directory_service"' in query["sql"]]
    assert len(read) == 1 and '"directory_organisation"' in read[0]
    assert not any('"auth_group"' in query["sql"] for query in queries)  # no roles asked


def test_a_tampered_management_form_is_shown_with_its_errors(client, provider):
    service = make_service("Pottery class", owner=provider)
    client.force_login(provider)
    page = client.post(editor_url(service), {"costs-TOTAL_FORMS": "many"}).content.decode()
    assert "(Hidden field TOTAL_FORMS) Enter a whole number." in page
    assert '<input type="hidden" name="days-TOTAL_FORMS"' in page


def test_an_unknown_service_or_listing_is_not_found(client, provider):
    import uuid

    service = make_service("Pottery class", owner=provider)
    client.force_login(provider)
    unknown = reverse("directory:edit_service", args=[service.organisation.slug, uuid.uuid4()])
    assert client.get(unknown).status_code == 404
    assert client.get(editor_url(service, slug="no-such-listing")).status_code == 404


def test_the_formsets_counts_follow_each_saved_row_at_once(client, provider):
    from directory.models import CostOption, Schedule

    service = make_service("Pottery class", owner=provider)  # one price, one time
    client.force_login(provider)

    def counts(prefix):
        page = client.get(editor_url(service)).content.decode()
        return [
            f'name="{prefix}-{name}" value="{value}"' in page
            for name, value in (("TOTAL_FORMS", total), ("INITIAL_FORMS", initial))
        ]

    total, initial = 3, 1
    assert counts("costs") == [True, True] and counts("days") == [True, True]
    CostOption.objects.create(service=service, unit="hour", amount_pence=500)
    total, initial = 4, 2
    assert counts("costs") == [True, True]
    total, initial = 3, 1
    assert counts("days") == [True, True]
    Schedule.objects.filter(service=service).delete()
    total, initial = 2, 0
    assert counts("days") == [True, True]
