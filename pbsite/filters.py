"""django-filter filters every finder shares: "where", "how far" and amounts of money."""

import copy

import django_filters
from django import forms
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language, override

from .areas import reach
from .caching import Memo
from .forms import (
    DISTRICT_HINT,
    DISTRICT_LABEL,
    WITHIN_LABEL,
    DistrictField,
    FieldsCopiedCheaply,
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


def districts_asked_for(cleaned_data: dict, place_field: str = "postcode") -> frozenset | None:
    """The districts a finder's place and "how far" accept, or None when no place was given.
    A "how far" that is not one of the choices (an edited address) is already an error on the
    form, said to the person; the place alone is searched rather than failing the page."""
    place = cleaned_data.get(place_field)
    if place is None:
        return None
    return reach(place, cleaned_data.get("within") or 0)


CHOOSE_FROM_THE_LIST = "Choose from the list."


class FiltersCopiedShallowly(dict):
    """A filter set's filters, which django-filter deep-copies for every request (each label,
    choice and queryset: some 3,500 function calls on a finder) only so that each filter can be
    told its filter set (``parent``), the one thing about a filter that changes from one
    request to the next. A shallow copy of each does as well."""

    def __deepcopy__(self, memo):
        return {name: _copy_filter(filter_) for name, filter_ in self.items()}


def _copy_filter(filter_):
    copied = copy.copy(filter_)
    if filter_.method is not None:
        copied.method = filter_.method  # calls the method of the copy's parent, not the original's
    return copied


class FinderFilterSet(django_filters.FilterSet):
    """What every finder's filter set shares: an optional ``sort`` (its first choice is the
    default), one plain answer for a value that is not a choice, and ``keep`` for filters the
    finder applies itself (free text, places, the order)."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        if "sort" in self.form.fields:
            self.form.fields["sort"].required = False
        for name, field in self.form.fields.items():
            field.error_messages["invalid_choice"] = CHOOSE_FROM_THE_LIST
            field.error_messages["invalid_pk_value"] = CHOOSE_FROM_THE_LIST
            if hasattr(field, "queryset"):
                # Shown from the kept choices; what is sent is still checked against the rows.
                field.widget.choices = _database_choices.get(type(self), name, get_language())

    @classmethod
    def get_filters(cls):
        return FiltersCopiedShallowly(super().get_filters())

    def keep(self, queryset, name, value):
        return queryset

    def get_form_class(self):
        """The form class, made once for each filter set class: django-filter makes one from
        the filters' fields on every request, though they are the same every time (the form
        copies its fields, and a queryset afresh, for each request anyway). Its fields are
        copied for each form without deep-copying every choice (``FieldsCopiedCheaply``)."""
        made = type(self).__dict__.get("_form_class")
        if made is None:
            made = super().get_form_class()
            made.base_fields = FieldsCopiedCheaply(made.base_fields)
            type(self)._form_class = made
        return made


def _read_choices(filter_set, name: str, language: str) -> tuple:
    """A filter's choices read from the database (curated skills, categories), as strings."""
    field = filter_set.base_filters[name].field
    with override(language):
        return tuple((str(value), str(label)) for value, label in field.choices)


#: The finders' choices read from the database, which every visit shows: kept per process,
#: forgotten when their rows change (``choices_read_from``).
_database_choices = Memo("finder-choices", _read_choices)


def choices_read_from(*models) -> None:
    """Forget the finders' kept choices when a row of these models is saved or deleted (from
    the app's ``ready``)."""
    for model in models:
        uid = f"pbsite.filters.choices.{model._meta.label}"
        post_save.connect(_database_choices.forget, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(_database_choices.forget, sender=model, dispatch_uid=f"{uid}.deleted")


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
    errors = tuple(str(error) for error in bound.errors)
    return (bound.name, value, errors, _read_choices_shown(bound))


def _read_choices_shown(bound) -> tuple:
    return tuple(bound.field.widget.choices) if hasattr(bound.field, "queryset") else ()
