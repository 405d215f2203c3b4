"""Template helpers for the provider's service form."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from pbsite.fragments import render_once
from pbsite.templatetags.components import field_components

register = template.Library()


@register.simple_tag
def service_fields(form, *names):
    """``{% field_components form names… %}``, rendered once per process for what they show
    while the form shows nothing typed or saved.

    A new service's form, and the empty rows offered for another price or time, show only their
    fields' defaults: most of the service form's fields, and the same for every provider. A form
    of a saved service or row, or one sent back with errors, is rendered each time."""
    if form.is_bound or not form.instance._state.adding:
        return field_components(form, *names)
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


@register.simple_tag
def formset_row_fields(form):
    """A formset row's fields, as components/form_fields.html shows them; its visible fields as
    :func:`service_fields` renders them (its hidden ones, the service it belongs to, each time)."""
    hidden = format_html_join("", "{}", ((field,) for field in form.hidden_fields()))
    return mark_safe(f"\n{hidden}\n{service_fields(form)}\n")


@register.simple_tag
def management_form(formset):
    """``{{ formset.management_form }}``: its hidden fields side by side, which is all Django's
    form template writes for it while it has no errors, without rendering that template (and
    its conditions and loops) for four inputs. With errors (a tampered form), Django's own."""
    form = formset.management_form
    if form.errors:
        return form.render()
    return format_html_join("", "{}", ((field,) for field in form.hidden_fields()))


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
