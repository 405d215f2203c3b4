"""The form renderer: Django's own form and widget templates through Jinja2, the rest as usual.

Every widget, every radio button and every option of a select is a template of its own
(``input_option.html`` includes ``input.html``, which includes ``attrs.html``), and through
Django's template language those made up a third of a form page's time (``make bench-pages``).
Django ships the same templates for Jinja2 (``django/forms/jinja2/``), written to give the same
HTML, and Jinja2 compiles each to Python once. Any other template a form or widget names (Wagtail's
admin widgets, a template of ours) is found and rendered exactly as before.

Django's Jinja2 widget templates still include one another: a text box is text.html, which
includes input.html, which includes attrs.html, and a select includes select_option.html for each
option. ``pbsite/jinja2/django/forms/widgets/`` has the same templates with their includes written
out (the same HTML; tests/test_page_speed.py), found before Django's own. The field component's
markup is there too (``pbsite/jinja2/components/field.html``), as the reference for
:func:`field_html`, which writes it.

The plainest of them, an ``<input>`` and a ``<textarea>``, are written by :func:`input_html` and
:func:`textarea_html` from the same context instead: a form has dozens, and a template render
each (finding the template, a Jinja2 context, the render) costs ten times the markup's own work.
"""

from pathlib import Path

import django.forms
from django.forms.boundfield import BoundWidget
from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property
from django.utils.html import conditional_escape
from markupsafe import escape

DJANGO_FORMS = "django/forms/"
OURS = Path(__file__).resolve().parent / "jinja2"


class WidgetsWrittenOut(Jinja2):
    """Django's Jinja2 form renderer, our written-out widget templates found first."""

    @cached_property
    def engine(self):
        engine = self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [OURS, Path(django.forms.__file__).resolve().parent / "jinja2"],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
        # Words the field component shows (labels, hints, errors) escaped as Django's templates
        # escape them (an apostrophe is &#x27;, where Jinja2 writes &#39;), so pages read the same.
        engine.env.filters["escape_as_django"] = conditional_escape
        return engine


def attrs_html(attrs: dict) -> str:
    """Django's attrs.html, escaped as its Jinja2 template escapes: False leaves an attribute
    out, True writes its name alone."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_html(widget: dict) -> str:
    """Django's input.html (text, number, email, hidden and the like) for a widget's context."""
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    return (
        f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}'
        f"{attrs_html(widget['attrs'])}>"
    )


def textarea_html(widget: dict) -> str:
    """Django's textarea.html for a widget's context."""
    value = escape(widget["value"]) if widget["value"] else ""
    attrs = attrs_html(widget["attrs"])
    return f'<textarea name="{escape(widget["name"])}"{attrs}>\n{value}</textarea>'


def select_html(widget: dict) -> str | None:
    """Django's select.html for a widget's context; None if an option has a template of its own."""
    options = []
    for group_name, choices, _index in widget["optgroups"]:
        if group_name:
            options.append(f'\n  <optgroup label="{escape(group_name)}">')
        for option in choices:
            if option["template_name"] != f"{DJANGO_FORMS}widgets/select_option.html":
                return None
            options.append(
                f'\n  <option value="{escape(option["value"])}"{attrs_html(option["attrs"])}>'
                f"{escape(option['label'])}</option>"
            )
        if group_name:
            options.append("\n  </optgroup>")
    attrs = attrs_html(widget["attrs"])
    return f'<select name="{escape(widget["name"])}"{attrs}>{"".join(options)}\n</select>'


#: Django's widget templates written in Python, by name: each gives exactly its template's HTML.
INPUTS = ("color", "date", "datetime", "email", "file", "hidden", "input", "number", "password")
INPUTS += ("search", "tel", "text", "time", "url", "checkbox")
WRITTEN_IN_PYTHON = {f"{DJANGO_FORMS}widgets/{name}.html": input_html for name in INPUTS}
WRITTEN_IN_PYTHON[f"{DJANGO_FORMS}widgets/textarea.html"] = textarea_html
WRITTEN_IN_PYTHON[f"{DJANGO_FORMS}widgets/select.html"] = select_html


RADIO_OR_TICK_BOX = (
    f"{DJANGO_FORMS}widgets/radio_option.html",
    f"{DJANGO_FORMS}widgets/checkbox_option.html",
)


def field_html(field, label, hint, choice_group, checkbox, widget, words) -> str:
    """The field component's markup (``pbsite/jinja2/components/field.html``) written in
    Python, byte for byte that template's HTML (tests/test_page_speed.py): label or legend,
    hint, inline error and the widget (``widget``, its HTML, unless ``choice_group``). A form
    page shows up to 54 fields, and a template render each cost four times the markup's own
    work. ``words`` are the translated "(optional)" and "Error:". Words from the form (label,
    hint, errors, a choice's label) are escaped as Django's templates escape them."""
    if choice_group:
        options = (option.data for option in field)
        widget, label_for = _choices_html(options, field.field.widget, field.form.renderer), None
    else:
        label_for = field.id_for_label
    return _field_markup(
        field.errors, field.auto_id, field.field.required, label, hint, words,
        choice_group=choice_group, checkbox=checkbox, widget=widget, label_for=label_for,
    )  # fmt: skip


def bound_field_html(bound, words) -> str | None:
    """The field component of the bound field ``bound`` with its own label and hint: what
    ``{% field_component bound %}`` gives (:func:`field_html` of its widget's HTML), byte for
    byte (tests/test_page_speed.py), without going through Django's ``BoundField.as_widget``
    and ``Widget.render``. Those ask the form for the field's errors three times (making an
    empty error list each time), and the renderer for the widget's template: on the service
    editor's sixty fields, more work than the HTML. The widget's context is still Django's own
    (``get_context``), with the attributes ``as_widget`` would give it; None for a widget not
    written in Python here (a select with its own option template, a multi-widget), which the
    caller renders as usual."""
    field, form, widget = bound.field, bound.form, bound.field.widget
    errors = form.errors.get(bound.name) or ()
    label, hint, auto_id = bound.label, bound.help_text, bound.auto_id
    if field.localize:
        widget.is_localized = True
    if getattr(widget, "input_type", "") in ("radio", "checkbox") and hasattr(widget, "choices"):
        if not widget.use_fieldset:
            return None
        # As ``BoundField.subwidgets`` gives them when the component iterates the field.
        id_ = widget.attrs.get("id") or auto_id
        attrs = _widget_attrs(bound, errors, {"id": id_} if id_ else {})
        options = list(widget.subwidgets(bound.html_name, bound.value(), attrs))
        if any(option["template_name"] not in RADIO_OR_TICK_BOX for option in options):
            return None
        kind = {"widget": _choices_html(options, widget, form.renderer), "label_for": None}
        return _field_markup(
            errors, auto_id, field.required, label, hint, words, choice_group=True, **kind
        )
    write = WRITTEN_IN_PYTHON.get(widget.template_name)
    if write is None or getattr(widget, "use_fieldset", False):
        return None
    # As the ``widget`` tag asks for it, then as ``as_widget`` adds to it.
    checkbox = type(widget).__name__ == "CheckboxInput"
    attrs = {} if checkbox else {"class": "input"}
    described = ([f"{auto_id}-hint"] if hint else []) + ([f"{auto_id}-error"] if errors else [])
    if errors:
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    attrs = _widget_attrs(bound, errors, attrs)
    if auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", auto_id)
    html = write(widget.get_context(bound.html_name, bound.value(), attrs)["widget"])
    if html is None:
        return None
    label_for = widget.id_for_label(widget.attrs.get("id") or auto_id)
    return _field_markup(
        errors, auto_id, field.required, label, hint, words,
        choice_group=False, checkbox=checkbox, widget=html, label_for=label_for,
    )  # fmt: skip


def hidden_field_html(bound) -> str | None:
    """``str(bound)`` for a hidden field: its ``<input type="hidden">``, with its id (None for
    one that also carries its initial value, which the caller renders as usual)."""
    field, widget, auto_id = bound.field, bound.field.widget, bound.auto_id
    write = WRITTEN_IN_PYTHON.get(widget.template_name)
    if write is None or field.show_hidden_initial or not widget.is_hidden:
        return None
    attrs = _widget_attrs(bound, (), {})
    if auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", auto_id)
    return write(widget.get_context(bound.html_name, bound.value(), attrs)["widget"])


def _widget_attrs(bound, errors, attrs: dict) -> dict:
    """``BoundField.build_widget_attrs`` of ``attrs``, the field's ``errors`` read once. Its
    own ``aria-describedby`` (Django's ids for a hint and an error) is never added: the
    component gives its own whenever the field has a hint or an error, and a hidden field or
    a choice group gets none."""
    field, widget = bound.field, bound.field.widget
    attrs = dict(attrs)
    if (
        widget.use_required_attribute(bound.initial)
        and field.required
        and bound.form.use_required_attribute
    ):
        attrs["required"] = True
    if field.disabled:
        attrs["disabled"] = True
    if not widget.is_hidden and errors:
        attrs["aria-invalid"] = "true"
    return attrs


def _field_markup(errors, auto_id, required, label, hint, words, **kind) -> str:
    """The component around a widget (``kind``: choice_group, checkbox, widget, label_for):
    for a choice group, ``widget`` is its choices' HTML."""
    id_ = escape(auto_id)
    error_line = hint_line = optional_mark = ""
    if errors:
        messages = " ".join(conditional_escape(error) for error in errors)
        error_line = (
            f'<p class="field__error" id="{id_}-error"><span class="visually-hidden">'
            f"{escape(words['error_word'])}</span> {messages}</p>"
        )
    if hint:
        hint_line = f'<div class="field__hint" id="{id_}-hint">{conditional_escape(hint)}</div>'
    if not required:
        optional_mark = f' <span class="field__optional">{escape(words["optional"])}</span>'
    label, widget = conditional_escape(label), kind["widget"]
    if kind["choice_group"]:
        body = _choice_group_html(id_, label + optional_mark, hint_line, error_line, widget)
    elif kind["checkbox"]:
        body = (
            f'\n  {error_line}\n  <div class="choice choice--single">\n    {widget}\n    '
            f'<label for="{escape(kind["label_for"])}" class="field__label">{label}</label>'
            f"\n  </div>\n  {hint_line}"
        )
    else:
        body = (
            f'\n  <label class="field__label" for="{escape(kind["label_for"])}">{label}'
            f"{optional_mark}</label>\n  {hint_line}\n  {error_line}\n  {widget}"
        )
    modifier = " field--error" if errors else ""
    return f'<div class="field{modifier}" id="{id_}-field">{body}\n</div>'


def _choices_html(options, widget, renderer) -> str:
    """A label and a radio button or tick box for each of ``options`` (their contexts, of the
    choice widget ``widget``)."""
    return "".join(
        f'\n      <div class="choice">{_option_html(option, widget, renderer)}<label for="'
        f'{escape(option["attrs"].get("id"))}">{conditional_escape(option["label"])}</label></div>'
        for option in options
    )


def _choice_group_html(id_, legend, hint_line, error_line, choices) -> str:
    """Radio buttons or tick boxes: a fieldset, its legend, and a label for each choice."""
    described = " ".join(
        ([f"{id_}-hint"] if hint_line else []) + ([f"{id_}-error"] if error_line else [])
    )
    if error_line and not hint_line:
        described = f" {described}"  # as the template writes it: a space before the error's id
    described_by = f' aria-describedby="{described}"' if described else ""
    return (
        f'\n  <fieldset class="field__group"{described_by}>\n    <legend class="field__label">'
        f"{legend}</legend>\n    {hint_line}\n    {error_line}\n    "
        f'<div class="choices" id="{id_}">{choices}\n    </div>\n  </fieldset>'
    )


def _option_html(option: dict, widget, renderer) -> str:
    """One radio button or tick box: Django's input_option.html, or its own template's HTML."""
    if option["template_name"] in RADIO_OR_TICK_BOX:
        return input_html(option)
    return str(BoundWidget(widget, option, renderer).tag())


class FormRenderer(BaseRenderer):
    def __init__(self):
        self.jinja2 = WidgetsWrittenOut()
        self.django = DjangoTemplates()

    def render(self, template_name, context, request=None):
        write = WRITTEN_IN_PYTHON.get(template_name)
        written = None if write is None else write(context["widget"])
        if written is None:
            return super().render(template_name, context, request)
        return written

    def get_template(self, template_name):
        if template_name.startswith(DJANGO_FORMS):
            try:
                return self.jinja2.get_template(template_name)
            except TemplateDoesNotExist:
                pass
        return self.django.get_template(template_name)
