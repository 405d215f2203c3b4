"""The service form's fields are rendered once per process while they show only defaults
(``directory.templatetags.directory_forms``): the same HTML as rendering them each time, and a
change to what they show (a new kind of support, a saved service's values) is never missed."""

import pytest
from django.template import Context, Template
from django.utils import translation

from directory.forms import CostFormSet, ScheduleFormSet, ServiceForm
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


MANAGEMENT = {"costs-TOTAL_FORMS": "2", "costs-INITIAL_FORMS": "0"}
MANAGEMENT |= {"days-TOTAL_FORMS": "2", "days-INITIAL_FORMS": "0"}


def every_field(form) -> str:
    return field_components(form, *[field.name for field in form.visible_fields()])


def test_a_saved_or_sent_service_written_out_reads_as_its_field_components():
    """A saved service's form and rows, and one sent back with errors, are written without
    Django's widget machinery (directory_forms.fields_written_out): the same HTML."""
    service = make_service("Art <club>", costs=((1250, "session"),), checks=["dbs"])
    sent = {
        "name": "Ann's <b>club</b>",
        "minimum_age": "abc",
        "category": "999999",
        "at_venue": "on",
        "checks": ["dbs", "made-up"],
        "costs-0-amount": "-3",
        "days-0-opens_at": "25:00",
        "days-0-days": ["MO"],
        **MANAGEMENT,
    }
    for form in (ServiceForm(instance=service), ServiceForm(sent, instance=service)):
        form.is_valid()
        assert service_fields(form) == every_field(form)
    rows = [*CostFormSet(sent, instance=service, prefix="costs")]
    rows += [*ScheduleFormSet(sent, instance=service, prefix="days")]
    rows += [*CostFormSet(instance=service, prefix="costs")]
    rows += [*ScheduleFormSet(instance=service, prefix="days")]
    assert len(rows) == 10  # two sent of each, a saved one and two empty ones of each
    for row in rows:
        row.is_valid()
        hidden = "".join(str(field) for field in row.hidden_fields())
        assert formset_row_fields(row) == f"\n{hidden}\n{every_field(row)}\n"


def test_error_summaries_read_as_the_summary_included_for_each_form(rf):
    """{% error_summaries %}: a form without errors is given the summary's HTML for none, one
    with errors its summary (what the person typed is still there)."""
    service = make_service("Art club")
    request = rf.post("/")
    sent = {"name": "", "costs-0-amount": "-3", **MANAGEMENT}
    forms_ = [
        ServiceForm(sent, instance=service),
        *CostFormSet(sent, instance=service, prefix="costs"),
    ]
    forms_ += [ServiceForm(instance=service)]
    summaries = Template(
        "{% load directory_forms %}{% for form in forms %}{% error_summaries form %}{% endfor %}"
    )
    included = Template(
        '{% for form in forms %}{% include "components/error_summary.html" with form=form %}'
        "{% endfor %}"
    )
    context = {"forms": forms_, "request": request}
    html = summaries.render(Context(context))
    assert html == included.render(Context(context))
    assert html.count('class="error-summary"') == 2


def test_a_kept_tick_box_or_choice_shows_a_change_at_once():
    """Tick boxes and lists of choices are kept per process for what they show
    (directory_forms._choice_shown): a change to the value, the choices or the language shows."""
    service = make_service("Art club", at_home=False, checks=[])
    names = ("at_home", "category", "checks")
    before = service_fields(ServiceForm(instance=service), *names)
    assert 'name="at_home" id="id_at_home" checked' not in before
    service.at_home, service.checks = True, ["dbs"]
    other = TaxonomyTerm.objects.categories().exclude(pk=service.category_id).first()
    service.category = other
    service.save()
    service.refresh_from_db()
    after = service_fields(ServiceForm(instance=service), *names)
    assert after == every_field_of(ServiceForm(instance=service), names)
    assert " checked" in tag_with(after, 'name="at_home"')
    assert f'<option value="{other.pk}" selected>' in after
    assert " checked" in tag_with(after, 'value="dbs"')
    assert " checked" not in tag_with(before, 'value="dbs"')
    with translation.override("pl"):
        polish = service_fields(ServiceForm(instance=service), *names)
        assert polish == every_field_of(ServiceForm(instance=service), names)
    assert polish != after


def every_field_of(form, names) -> str:
    return field_components(form, *names)


def tag_with(html: str, marker: str) -> str:
    """The tag of ``html`` that holds ``marker``."""
    start = html.rindex("<", 0, html.index(marker))
    return html[start : html.index(">", start) + 1]


def test_a_saved_services_areas_languages_and_venue_read_as_the_orm_reads_them():
    """directory.forms reads them with SQL built once (pbsite.statements.Statement): the same
    values, in the same order, as the querysets it was built from."""
    from directory.forms import _SAVED_DISTRICTS, _SAVED_LANGUAGES, _SAVED_VENUE, VENUE_COLUMNS

    venue = {"name": "Hall", "address_1": "1 High St", "city": "Oxford", "postcode": "OX4 1AA"}
    service = make_service(
        "Art club", districts=("OX4", "OX1", "OX44"), languages=("Welsh", "English"), venue=venue
    )
    plain = make_service("Walks", venue=None)
    for each in (service, plain):
        assert [d for (d,) in _SAVED_DISTRICTS.rows(service=each.pk)] == list(
            each.service_areas.values_list("district", flat=True)
        )
        assert [n for (n,) in _SAVED_LANGUAGES.rows(service=each.pk)] == list(
            each.languages.values_list("name", flat=True)
        )
        expected = each.service_at_locations.values(**VENUE_COLUMNS).first()
        assert _SAVED_VENUE.rows(service=each.pk) == ([expected] if expected else [])
    form = ServiceForm(instance=service)
    assert form.initial["districts"] == "OX1, OX4, OX44"
    assert form.initial["languages"] == "English, Welsh"
    assert form.initial["venue_town"] == "Oxford"


def test_error_summaries_of_a_formset_read_as_one_for_each_of_its_forms(rf):
    """An editor opened, not sent, writes the summary for none once for each row, unbuilt."""
    service = make_service("Art club")
    sent = {"costs-0-amount": "-3", **MANAGEMENT}
    summaries = Template("{% load directory_forms %}{% error_summaries formset %}")
    included = Template(
        '{% for form in formset %}{% include "components/error_summary.html" with form=form %}'
        "{% endfor %}"
    )
    for formset in (
        CostFormSet(instance=service, prefix="costs"),
        CostFormSet(instance=Service(), prefix="costs"),
        CostFormSet(sent, instance=service, prefix="costs"),
    ):
        context = {"formset": formset, "request": rf.post("/")}
        assert summaries.render(Context(context)) == included.render(Context(context))


def test_a_sent_kind_of_support_must_be_one_people_choose_from():
    """The form shows the kept choices; what is sent is still checked against the rows."""
    from directory.models import Taxonomy

    service = make_service("Art club")
    chosen = TaxonomyTerm.objects.categories().first()
    fact = TaxonomyTerm.objects.create(
        taxonomy=Taxonomy.objects.create(name="Not for people to choose"),
        code="not-a-category",
        name="Not a category",
        curated=False,
    )
    sent = {"name": "Art club", "description": "Painting.", "online": "on", **MANAGEMENT}
    form = ServiceForm({**sent, "category": str(fact.pk)}, instance=service)
    assert not form.is_valid() and "category" in form.errors
    form = ServiceForm({**sent, "category": str(chosen.pk)}, instance=service)
    form.is_valid()
    assert "category" not in form.errors
