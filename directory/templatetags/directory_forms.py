"""Template helpers for the provider's service form."""

from django import forms, template
from django.forms.formsets import BaseFormSet
from django.utils.safestring import mark_safe

from pbsite.form_renderer import bound_field_html, hidden_field_html
from pbsite.fragments import render_once, written_once
from pbsite.templatetags.components import field_component, field_words

register = template.Library()


@register.simple_tag
def service_fields(form, *names):
    """``{% field_components form names… %}``, rendered once per process for what they show
    while the form shows nothing typed or saved.

    A new service's form, and the empty rows offered for another price or time, show only their
    fields' defaults: most of the service form's fields, and the same for every provider. A form
    of a saved service or row, or one sent back with errors, is written each time, without
    Django's widget machinery (:func:`fields_written_out`)."""
    if form.is_bound or not form.instance._state.adding:
        return fields_written_out(form, *names)
    names = names or [field.name for field in form.visible_fields()]
    shows = (
        f"{type(form).__module__}.{type(form).__qualname__}",
        form.prefix,
        form.auto_id,
        form.use_required_attribute,
        tuple(_shown(form[name]) for name in names),
    )
    context = {"form": form, "names": names}
    return render_once("directory/includes/fields.html", context, shows=shows)


def fields_written_out(form, *names):
    """``field_components(form, *names)``, each field written by
    ``pbsite.form_renderer.bound_field_html`` (the same HTML: tests/directory): the service
    form and its rows show some sixty fields, each costing more through ``as_widget`` than its
    HTML does. A field it does not write is rendered as ``field_components`` renders it."""
    fields = [form[name] for name in names] if names else form.visible_fields()
    words = field_words()
    return mark_safe("".join(_written_out(field, words) for field in fields))


def _written_out(field, words) -> str:
    """One field's component and a newline, as ``field_components`` gives it."""
    shows = _choice_shown(field)
    if shows is None:
        return f"{_component(field, words)}\n"
    return f"{written_once(lambda: _component(field, words), shows=shows)}\n"


def _component(field, words) -> str:
    written = bound_field_html(field, words)
    return written if written is not None else field_component(field)


#: Widgets whose field shows only a few values (a tick, one or some of a list of choices):
#: the same HTML for many services and rows, so kept once per process for what it shows.
CHOICE_WIDGETS = (forms.CheckboxInput, forms.Select, forms.RadioSelect)


def _choice_shown(field) -> tuple | None:
    """Everything the component reads of a tick box's or a list of choices' bound ``field``
    while it has no error, for ``written_once``; None for any other field (its value is a
    person's own words, seldom shown twice), one with an error, or choices read from the
    database as they are shown (not plain values)."""
    form_field, form = field.field, field.form
    widget = form_field.widget
    if not isinstance(widget, CHOICE_WIDGETS) or form.errors.get(field.name):
        return None
    choices = getattr(widget, "choices", ())
    if not isinstance(choices, list | tuple):
        return None
    if any(isinstance(label, list | tuple) for _value, label in choices):
        return None  # groups of choices
    # Their words, not the lazy translations standing for them (whose repr says nothing).
    choices = tuple((value, str(label)) for value, label in choices)
    return (
        "directory_forms.choice_field",
        f"{type(widget).__module__}.{type(widget).__qualname__}",
        repr(widget.attrs),
        getattr(widget, "template_name", None),
        getattr(widget, "option_template_name", None),
        widget.use_required_attribute(field.initial),
        widget.is_localized,
        choices,
        field.html_name,
        field.auto_id,
        str(field.label),
        str(field.help_text),
        form_field.required,
        form_field.disabled,
        form_field.localize,
        form.use_required_attribute,
        repr(field.value()),
    )


@register.simple_tag
def formset_row_fields(form):
    """A formset row's fields, as components/form_fields.html shows them; its visible fields as
    :func:`service_fields` renders them (its hidden ones, the service it belongs to, each time)."""
    hidden = "".join(hidden_field_html(field) or str(field) for field in form.hidden_fields())
    return mark_safe(f"\n{hidden}\n{service_fields(form)}\n")


@register.simple_tag
def management_form(formset):
    """``{{ formset.management_form }}``: its hidden fields side by side, which is all Django's
    form template writes for it while it has no errors, without rendering that template (and
    its conditions and loops) for four inputs. With errors (a tampered form), Django's own.

    An editor opened, not sent, shows only the formset's counts: written once per process for
    them (making the form and its four fields was a twentieth of the editor's work)."""
    if not formset.is_bound:
        shows = (
            "directory_forms.management_form",
            formset.prefix,
            formset.auto_id,
            formset.total_form_count(),
            formset.initial_form_count(),
            formset.min_num,
            formset.max_num,
        )
        return written_once(lambda: _management_fields(formset.management_form), shows=shows)
    form = formset.management_form
    if form.errors:
        return form.render()
    return mark_safe(_management_fields(form))


def _management_fields(form) -> str:
    return "".join(hidden_field_html(field) or str(field) for field in form.hidden_fields())


ERROR_SUMMARY = "components/error_summary.html"


@register.simple_tag(takes_context=True)
def error_summaries(context, forms):
    """``{% include "components/error_summary.html" with form=… %}`` for a form, or for each
    form of a formset. The service editor has seven forms (the service, its prices and its
    times), seldom with an error: a form without errors is given what the summary writes for
    none, rendered once per process, rather than an include that finds nothing to say."""
    none = render_once(ERROR_SUMMARY, {"form": None}, shows=())
    if isinstance(forms, BaseFormSet) and not forms.is_bound:
        return mark_safe(none * forms.total_form_count())  # forms not sent have no errors
    forms = forms if isinstance(forms, BaseFormSet) else [forms]
    summaries = []
    for form in forms:
        if form.errors:
            template = context.template.engine.get_template(ERROR_SUMMARY)
            with context.push(form=form):
                summaries.append(template.render(context))
        else:
            summaries.append(none)
    return mark_safe("".join(summaries))


def _shown(field) -> tuple:
    """What a field's component shows of it: its words, whether it must be answered, its value
    and its choices (a service's kinds of support are rows of the database)."""
    choices = getattr(field.field, "choices", ())
    return (
        field.name,
        str(field.label),
        str(field.help_text),
        field.field.required,
        repr(field.value()),
        tuple((str(value), str(label)) for value, label in choices),
    )
