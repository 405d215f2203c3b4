"""What keeps every page quick (issue 14: every page but search within 3x the log-in page;
the figures come from ``make bench-pages``)."""

import copy
import html
import re
from pathlib import Path

from django import forms
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.template import Context, Template
from django.template.backends.jinja2 import Template as Jinja2Template
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe

from accounts.models import Role
from home import demo
from pbsite.form_renderer import (
    WRITTEN_IN_PYTHON,
    FormRenderer,
    bound_field_html,
    field_html,
    hidden_field_html,
)
from pbsite.forms import DateInput, FieldsCopiedCheaply, RadioSelect
from pbsite.templatetags.components import FIELD_KEYS, _field_row, field_component, field_words
from tests.people import make_user

USERBAR = "<wagtail-userbar"


def _permission_queries(queries) -> list[str]:
    return [query["sql"] for query in queries if "auth_permission" in query["sql"]]


def test_a_signed_in_page_of_ours_asks_nothing_about_admin_permissions(client, maya):
    """Wagtail's user bar asked for the person's permissions (two queries) on every signed-in
    page; off Wagtail's pages it has nothing to edit, so it is not shown there."""
    client.force_login(maya)
    client.get("/forum/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/forum/")
    assert response.status_code == 200
    assert _permission_queries(queries) == []
    # The session, the person, the header's counts (unread notifications and conversations,
    # one query), the categories and the latest topics (eight before: the user bar's two
    # permission queries; six before the counts were read together).
    assert len(queries) == 5, [query["sql"] for query in queries]


def test_an_editor_still_has_the_user_bar_on_a_wagtail_page_and_not_elsewhere(client, db):
    demo.ensure_home_page()
    editor = make_user("Edie E", role=Role.EDITOR, verified=True)
    client.force_login(editor)
    assert USERBAR in client.get("/").text
    assert USERBAR not in client.get("/forum/").text


def test_a_member_gets_no_user_bar_on_a_wagtail_page(client, maya):
    demo.ensure_home_page()
    client.force_login(maya)
    assert USERBAR not in client.get("/").text


class EveryWidget(forms.Form):
    name = forms.CharField(help_text="Your name", initial="Tom O'Neill & Sons")
    story = forms.CharField(widget=forms.Textarea, initial='He said "hello" <b>loudly</b>')
    how = forms.ChoiceField(choices=[("a", "By phone"), ("b", "We'd rather not say")])
    when = forms.ChoiceField(
        choices=[("", "I'd rather not say"), ("m", "Mornings")], widget=RadioSelect
    )
    days = forms.MultipleChoiceField(
        choices=[("mon", "Monday"), ("tue", "Tuesday")], widget=forms.CheckboxSelectMultiple
    )
    agree = forms.BooleanField()
    on = forms.DateField(widget=DateInput)
    secret = forms.CharField(widget=forms.HiddenInput, initial="x")
    grouped = forms.ChoiceField(choices=[("Group", [("1", "One"), ("2", "Two")]), ("3", "Three")])


def _same_html(text: str) -> str:
    """The same HTML written the same way: one entity for a quote, whitespace as a browser
    reads it (a run of it is one space; between two tags it shows nothing here)."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html.unescape(text))).strip()


def test_widgets_render_the_same_html_through_jinja2():
    bound = EveryWidget({"name": "Ann's <script>", "how": "b", "days": ["tue"], "on": "nonsense"})
    for form in (EveryWidget(), bound):
        form.is_valid()
        ours = form.__class__(form.data or None, renderer=FormRenderer())
        theirs = form.__class__(form.data or None, renderer=DjangoTemplates())
        ours.is_valid(), theirs.is_valid()
        for name in form.fields:
            assert _same_html(str(ours[name])) == _same_html(str(theirs[name])), name
        assert _same_html(str(ours)) == _same_html(str(theirs))
        # Still escaped: what a person typed never becomes markup.
        assert "<script>" not in str(ours["name"])


def test_django_widget_templates_go_through_jinja2_and_other_templates_as_before(settings):
    renderer = FormRenderer()
    assert isinstance(renderer.get_template("django/forms/widgets/input.html"), Jinja2Template)
    wagtail_widget = renderer.get_template("wagtailadmin/widgets/chooser.html")
    assert not isinstance(wagtail_widget, Jinja2Template)
    assert settings.FORM_RENDERER == "pbsite.form_renderer.FormRenderer"
    # Our written-out copies (no includes) come before Django's own; a widget we have no copy
    # of is still Django's.
    for name in ("text.html", "select.html", "checkbox_option.html", "textarea.html"):
        template = renderer.get_template(f"django/forms/widgets/{name}")
        assert "pbsite/jinja2/django/forms/widgets" in template.origin.name, name
        assert "{% include" not in Path(template.origin.name).read_text().replace(
            "{% include widget.template_name %}", ""
        )
    assert (
        "pbsite" not in renderer.get_template("django/forms/widgets/multiwidget.html").origin.name
    )


def _optgroups(value) -> list:
    """A select's options for ``value``: ungrouped and in a group, one chosen."""
    widget = forms.Select(choices=[("", value), ("G&'", [(1, "One <1>"), ("2", value)])])
    return widget.get_context("a", "2", {"id": "id_a"})["widget"]["optgroups"]


def test_the_widgets_written_in_python_give_their_templates_html_byte_for_byte():
    renderer = FormRenderer()
    attrs = {"id": "id_a", "class": 'x"y', "maxlength": 40, "required": True, "disabled": False}
    for value in (None, "", "Tom O'Neill & <Sons>", 0, mark_safe("<b>kept</b>")):
        widget = {"type": "text", "name": "a&b", "value": value, "attrs": attrs}
        widget["optgroups"] = _optgroups(value)
        for name, write in WRITTEN_IN_PYTHON.items():
            template = renderer.get_template(name)
            assert isinstance(template, Jinja2Template), name
            expected = template.render({"widget": widget}).strip()
            assert write(widget) == expected, (name, value)
            assert renderer.render(name, {"widget": widget}) == expected, (name, value)
    # An option with a template of its own: the select's template, as before.
    widget["optgroups"][0][1][0]["template_name"] = "django/forms/widgets/input_option.html"
    assert WRITTEN_IN_PYTHON["django/forms/widgets/select.html"](widget) is None


# components/field.html as it was in Django's template language, before its markup moved to
# Jinja2 (pbsite/jinja2/components/field.html): the new one must give the same HTML.
FIELD_IN_DJANGO_TEMPLATES = (Path(__file__).parent / "page_speed" / "field_before.html").read_text()


def test_the_field_component_gives_the_same_html_as_it_did_in_django_templates():
    before = Template(FIELD_IN_DJANGO_TEMPLATES)
    now = get_template("components/field.html")
    bound = EveryWidget({"name": "Ann's <script>", "how": "b", "days": ["tue"], "on": "nonsense"})
    for form in (EveryWidget(), bound):
        form.is_valid()
        for field in form.visible_fields():
            for given in ({}, {"label": "Your <b>name</b>", "hint": "Tom & Jerry's"}):
                expected = before.render(Context({"field": field, **given}))
                assert _same_html(now.render({"field": field, **given})) == _same_html(expected)
    # An error is shown, and linked; what was typed is still escaped.
    shown = now.render({"field": bound["story"]})
    assert 'id="id_story-error"' in shown and 'aria-invalid="true"' in shown
    assert "<script>" not in now.render({"field": bound["name"]})


def test_the_field_component_escapes_words_as_django_templates_do():
    bound = EveryWidget({"name": "x", "how": "b"})
    bound.is_valid()
    for name in ("how", "when"):
        html_text = get_template("components/field.html").render(
            {"field": bound[name], "label": "Tom's", "hint": "Ann's"}
        )
        assert "Tom&#x27;s" in html_text and "Ann&#x27;s" in html_text, name


def test_the_field_component_written_in_python_gives_its_templates_html_byte_for_byte():
    """pbsite.form_renderer.field_html against its reference, pbsite/jinja2/components/field.html:
    every kind of field, empty, filled, with errors, optional, without ids, with words given."""
    reference = FormRenderer().jinja2.get_template("components/field.html")
    bound = EveryWidget({"name": "Ann's <script>", "how": "b", "days": ["tue"], "on": "nonsense"})
    optional = EveryWidget({"name": "x"})
    for field in optional.fields.values():
        field.required = False
    words = field_words()
    for form in (EveryWidget(), bound, optional, EveryWidget(auto_id=False)):
        form.is_valid()
        for field in form.visible_fields():
            for given in ({}, {"label": "Your <b>name</b>", "hint": "Tom & Jerry's"}):
                row = _field_row(field, **given)
                expected = reference.render({**words, **dict(zip(FIELD_KEYS, row, strict=True))})
                assert field_html(*row, words) == expected, (field.name, given)
    assert 'aria-describedby="id_when-hint id_when-error"' in field_component(
        bound["when"], hint="Any time"
    )


class EveryWidgetWithMore(EveryWidget):
    """Every widget, and the attributes a field or its widget can add to it."""

    short = forms.CharField(
        max_length=5, required=False, widget=forms.TextInput(attrs={"class": "x", "id": "mine"})
    )
    locked = forms.IntegerField(disabled=True, initial=3, localize=True)
    described = forms.CharField(
        help_text="Hint", widget=forms.TextInput(attrs={"aria-describedby": "elsewhere"})
    )
    several = forms.MultipleChoiceField(choices=[("1", "One")], widget=forms.SelectMultiple)
    at = forms.SplitDateTimeField(required=False)
    kept = forms.CharField(widget=forms.HiddenInput, show_hidden_initial=True, initial="k")
    ticked = forms.BooleanField(required=False, initial=True, help_text="Tick it")


def test_a_bound_field_written_out_gives_the_field_components_html_byte_for_byte():
    """pbsite.form_renderer.bound_field_html (no as_widget, no widget render) against the field
    component as every other form renders it: every kind of field, empty, filled, with errors,
    optional, without ids, without the required attribute; None only for what it does not
    write (a multi-widget), which its callers render as before. A hidden field likewise."""
    data = {"name": "Ann's <script>", "how": "b", "days": ["tue"], "on": "nonsense", "short": "<>"}
    optional = EveryWidgetWithMore({"name": "x", "several": ["1"]})
    for field in optional.fields.values():
        field.required = False
    forms_ = (
        EveryWidgetWithMore(),
        EveryWidgetWithMore(data),
        optional,
        EveryWidgetWithMore(auto_id=False),
        EveryWidgetWithMore(data, use_required_attribute=False),
        EveryWidgetWithMore(data, prefix="row-1"),
    )
    words, written = field_words(), set()
    for form in forms_:
        form.is_valid()
        for field in form.visible_fields():
            ours = bound_field_html(field, words)
            if ours is None:
                continue
            written.add(field.name)
            assert ours == field_html(*_field_row(field), words), (field.name, form.data)
        for field in form.hidden_fields():
            ours = hidden_field_html(field)
            if ours is not None:
                written.add(field.name)
                assert ours == str(field), field.name
    not_written = set(EveryWidgetWithMore.base_fields) - written
    assert not_written == {"at", "kept"}, not_written
    assert 'aria-invalid="true"' in bound_field_html(forms_[1]["on"], words)


def test_a_forms_fields_copied_cheaply_are_its_own_and_as_django_copies_them():
    from directory.forms import CostFormSet, CostOptionForm, ScheduleForm

    for form_class in (CostOptionForm, ScheduleForm, CostFormSet.form):
        assert isinstance(form_class.base_fields, FieldsCopiedCheaply)  # a formset's form too
        one, other = form_class(), form_class()
        for name, original in form_class.base_fields.items():
            django_copy, ours = copy.deepcopy(dict(form_class.base_fields))[name], one.fields[name]
            assert type(ours) is type(django_copy) and type(ours.widget) is type(django_copy.widget)
            assert vars(ours).keys() == vars(django_copy).keys(), name
            assert ours.widget.attrs == django_copy.widget.attrs, name
            assert list(getattr(ours, "choices", [])) == list(getattr(django_copy, "choices", []))
            # Nothing one form changes reaches another form, or the class.
            ours.widget.attrs["data-changed"] = "yes"
            ours.error_messages["invalid"] = "Changed."
            ours.validators.append(len)
            for changed in (other.fields[name], original):
                assert "data-changed" not in changed.widget.attrs, name
                assert changed.error_messages.get("invalid") != "Changed.", name
                assert len not in changed.validators, name
            if hasattr(ours, "choices"):
                ours.choices.append(("new", "New"))
                assert ("new", "New") not in list(other.fields[name].choices), name


def test_a_finders_fields_copied_cheaply_read_their_own_labels(db):
    """django-filter's choices read the empty label of the field they belong to: a copied
    field's choices are a new iterator over the same list, reading the copy's label."""
    from directory.filters import ServiceFilter
    from pa_register.filters import PAFilter

    for filter_set in (PAFilter, ServiceFilter):
        unmade = filter_set.__new__(filter_set)  # the form class, without a database
        unmade.filters = filter_set.base_filters
        form_class = unmade.get_form_class()
        assert isinstance(form_class.base_fields, FieldsCopiedCheaply)
        django_copies = copy.deepcopy(dict(form_class.base_fields))
        ours = copy.deepcopy(form_class.base_fields)
        for name, field in ours.items():
            assert vars(field).keys() == vars(django_copies[name]).keys(), name
            assert list(getattr(field, "choices", [])) == list(
                getattr(django_copies[name], "choices", [])
            ), name
            choices = getattr(field, "_choices", None)
            if getattr(choices, "field", None) is not None:
                assert (
                    choices.field is field and choices is not form_class.base_fields[name]._choices
                )
                field.empty_label = "Changed"
                assert next(iter(field.choices)) == ("", "Changed"), name
                assert form_class.base_fields[name].empty_label != "Changed", name


def test_a_page_address_is_worked_out_in_english_whatever_was_read_before():
    """The benchmark opens Polish pages through the test client, which leaves Polish active;
    an address worked out after one was a /pl/ address, so a page was timed in Polish."""
    from django.urls import reverse
    from django.utils import translation

    from tests.accessibility.browsing import resolve

    with translation.override("pl"):
        assert reverse("forum:index").startswith("/pl/")
        assert resolve(lambda: reverse("forum:index")) == "/forum/"
        assert resolve("/pl/guides/") == "/pl/guides/"
