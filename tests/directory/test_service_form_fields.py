"""The service form's fields are rendered once per process while they show only defaults
(``directory.templatetags.directory_forms``): the same HTML as rendering them each time, and a
change to what they show (a new kind of support, a saved service's values) is never missed."""

import pytest

from directory.forms import CostFormSet, ServiceForm
from directory.models import Service, TaxonomyTerm
from directory.templatetags.directory_forms import formset_row_fields, service_fields
from pbsite.templatetags.components import field_components

from .conftest import make_service

pytestmark = pytest.mark.django_db

NAMES = ("name", "category", "at_home", "checks")


def new_service_form(service):
    return ServiceForm(instance=Service(organisation=service.organisation))


def test_a_new_service_reads_the_same_rendered_once_or_each_time():
    service = make_service("Art club")
    expected = field_components(new_service_form(service), *NAMES)
    assert service_fields(new_service_form(service), *NAMES) == expected
    assert service_fields(new_service_form(service), *NAMES) == expected  # kept


def test_a_new_kind_of_support_is_offered_at_once():
    service = make_service("Art club")
    service_fields(new_service_form(service), *NAMES)
    existing = TaxonomyTerm.objects.categories().first()
    TaxonomyTerm.objects.create(
        taxonomy=existing.taxonomy, code="kite-flying", name="Kite flying", curated=True
    )
    assert "Kite flying" in service_fields(new_service_form(service), *NAMES)


def test_a_saved_service_shows_its_own_values():
    service = make_service("Art club")
    service_fields(new_service_form(service), *NAMES)
    html = service_fields(ServiceForm(instance=service), *NAMES)
    assert 'value="Art club"' in html
    assert html == field_components(ServiceForm(instance=service), *NAMES)


def test_empty_rows_read_the_same_and_a_saved_row_its_price():
    service = make_service("Art club", costs=((1250, "session"),))
    rows = CostFormSet(instance=service, prefix="costs").forms
    saved, empty = rows[0], rows[1]
    for row in (saved, empty, empty):
        hidden = "".join(str(field) for field in row.hidden_fields())
        assert formset_row_fields(row) == f"\n{hidden}\n{field_components(row)}\n"
    assert 'value="12.50"' in formset_row_fields(saved)
