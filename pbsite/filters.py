"""django-filter filters every finder shares: "where", "how far" and amounts of money."""

import django_filters
from django import forms

from .forms import (
    DISTRICT_HINT,
    DISTRICT_LABEL,
    WITHIN_LABEL,
    DistrictField,
    MoneyField,
    WithinField,
)
from .request_parsing import TextQueryField


class DistrictFilter(django_filters.CharFilter):
    """A postcode, district or town; the cleaned value is a ``pbsite.areas.Place``."""

    field_class = DistrictField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", DISTRICT_LABEL)
        kwargs.setdefault("help_text", DISTRICT_HINT)
        super().__init__(*args, **kwargs)


class WithinFilter(django_filters.Filter):
    """ "Within N miles" of the place; 0 (the empty choice) means the place itself."""

    field_class = WithinField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", WITHIN_LABEL)
        super().__init__(*args, **kwargs)


CHOOSE_FROM_THE_LIST = "Choose from the list."


class FinderFilterSet(django_filters.FilterSet):
    """What every finder's filter set shares: an optional ``sort`` (its first choice is the
    default), one plain answer for a value that is not a choice, and ``keep`` for filters the
    finder applies itself (free text, places, the order)."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if "sort" in self.form.fields:
            self.form.fields["sort"].required = False
        for field in self.form.fields.values():
            field.error_messages["invalid_choice"] = CHOOSE_FROM_THE_LIST
            field.error_messages["invalid_pk_value"] = CHOOSE_FROM_THE_LIST

    def keep(self, queryset, name, value):
        return queryset

    def get_form_class(self):
        """The form class, made once for each filter set class: django-filter makes one from
        the filters' fields on every request, though they are the same every time (the form
        copies its fields, and a queryset afresh, for each request anyway)."""
        made = type(self).__dict__.get("_form_class")
        if made is None:
            made = type(self)._form_class = super().get_form_class()
        return made


def checkboxes(label, choices, method, help_text=""):
    """A group of tick boxes that filters by ``method`` (each finder says in ``help_text``
    whether they mean any or all of the ticked ones)."""
    return django_filters.MultipleChoiceFilter(
        label=label,
        choices=choices,
        method=method,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class TextQueryFilter(django_filters.CharFilter):
    """A finder's search words (``pbsite.request_parsing.TextQueryField``)."""

    field_class = TextQueryField


class PoundsFilter(django_filters.Filter):
    """An amount typed in pounds; the cleaned value is whole pence (``pbsite.forms.MoneyField``:
    pass ``amount_label`` and ``most`` for the messages and the limit)."""

    field_class = MoneyField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)


def panel_shows(form) -> tuple:
    """Everything the filter panel (components/filter_panel.html) shows of a search form, for
    ``pbsite.fragments.render_once``: whether it was sent, and each field's value as sent, its
    errors and the choices read from the database. Labels, hints and fixed choices come with
    the code and the language, which the fragment's key has already."""
    return (form.is_bound, tuple(_field_shows(bound) for bound in form))


def _field_shows(bound) -> tuple:
    value = bound.value()
    if isinstance(value, list | tuple):
        value = tuple(value)
    return (bound.name, value, tuple(str(error) for error in bound.errors), _read_choices(bound))


def _read_choices(bound) -> tuple:
    if not hasattr(bound.field, "queryset"):
        return ()
    return tuple((str(value), str(label)) for value, label in bound.field.choices)
