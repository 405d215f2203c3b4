"""Helpers and widgets every part's forms share.

Use these widgets, never Django's own, for dates and radio buttons: each fixes something a
person would otherwise meet on every form that has one (see the docstrings).
"""

import copy
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelFormMetaclass
from django.forms.widgets import ChoiceWidget
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceIterator

from .areas import POSTCODE_HELP, AmbiguousPlace, Place, district_of, few_districts, resolve_place
from .money import NotMoney, format_pence, pence_to_pounds, pounds_to_pence, round_pence
from .request_parsing import clean_text

ISO_DATE = "%Y-%m-%d"
# Every date box is a picker (DateInput below): the hint and the error describe that control.
# Not "day, month, year": the picker shows the order of the browser's own language.
DATE_HINT = _("Pick the date from the calendar, or type it in.")
DATE_INVALID = _("Enter a real date: the day, month and year, like 27/01/2027.")


def posted(request):
    """The form data to bind: the POST on a POST, else None (an unbound form).

    Not ``request.POST or None``: an empty POST is falsy, so the form would stay unbound and
    say nothing, and the person would not learn what to fill in."""
    return request.POST if request.method == "POST" else None


class FieldsCopiedCheaply(dict):
    """A form class's fields, which Django deep-copies for every form made from it: on the
    service editor, a form and six formset rows, some 4,000 function calls, most of them
    copying lists of choices item by item and going through ``copy``'s generic machinery.

    Each field is copied as its own ``__deepcopy__`` would copy it (the field, its widget, the
    widget's attributes, the field's messages and validators), only directly; a list of
    choices, whose items are never changed in place, as a list (as Django copies a widget's),
    and django-filter's choices as a new iterator over the same list.
    A field or widget with a copy of its own (a model choice, a field of fields) is still
    deep-copied as Django does."""

    def __deepcopy__(self, memo):
        return {name: _copied_field(field, memo) for name, field in self.items()}


def _copied_field(field, memo):
    copies = type(field).__deepcopy__
    if copies not in (forms.Field.__deepcopy__, forms.ChoiceField.__deepcopy__):
        return copy.deepcopy(field, memo)
    copied = _shallow_copy(field)
    memo[id(field)] = copied  # as Django's copy: what refers to the field gets the copy
    copied.widget = _copied_widget(field.widget, memo)
    copied.error_messages = field.error_messages.copy()
    copied.validators = field.validators[:]
    if copies is forms.ChoiceField.__deepcopy__:
        choices = field._choices
        if type(choices) is list:
            copied._choices = choices[:]
        elif isinstance(choices, ChoiceIterator) and choices.field is field:
            # django-filter's choices (a finder's), which read the field's empty and null
            # labels: the copy reads the copied field's, from the same list of choices.
            copied._choices = copy.copy(choices)
            copied._choices.field = copied
        else:
            copied._choices = copy.deepcopy(choices, memo)
    return copied


def _copied_widget(widget, memo):
    copies = type(widget).__deepcopy__
    if copies not in (forms.Widget.__deepcopy__, ChoiceWidget.__deepcopy__):
        return copy.deepcopy(widget, memo)
    copied = _shallow_copy(widget)
    copied.attrs = widget.attrs.copy()
    if copies is ChoiceWidget.__deepcopy__:
        copied.choices = copy.copy(widget.choices)
    return copied


def _shallow_copy(obj):
    """``copy.copy`` for a plain object, without going through its pickling protocol."""
    copied = object.__new__(type(obj))
    copied.__dict__.update(obj.__dict__)
    return copied


class CheaplyCopiedFields(ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        form_class = super().__new__(mcs, name, bases, attrs)
        form_class.base_fields = FieldsCopiedCheaply(form_class.base_fields)
        return form_class


class ModelForm(forms.ModelForm, metaclass=CheaplyCopiedFields):
    """Django's ModelForm, its fields copied for each form without deep-copying every choice
    (:class:`FieldsCopiedCheaply`). Forms made from it by a factory (a formset's) are too."""


class DateInput(forms.DateInput):
    """The browser's date picker, filled in the only format it reads: ISO (``2027-01-04``).

    Django's ``DateInput`` writes the value in the locale's format (``04/01/2027`` in en-GB).
    A ``type=date`` box cannot read that, shows nothing, and sends nothing back, so saving an
    edit without touching the date used to delete it. Typed ISO dates and the locale's formats
    (``4/1/2027``) are both still accepted, for browsers without a picker."""

    input_type = "date"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or ISO_DATE)


class RadioSelect(forms.RadioSelect):
    """Radio buttons without Django's ``---------`` choice when an answer is required.

    A model field with choices and no default gives its form field an empty choice, which a
    select needs but radio buttons show as a button labelled ``---------``, ticked by default.
    A required question never needs it (nothing is ticked until the person chooses); an
    optional one should offer its empty choice in words (``("", "I'd rather not say")``)."""

    def optgroups(self, name, value, attrs=None):
        if not self.is_required:
            return super().optgroups(name, value, attrs)
        every = self.choices
        self.choices = [choice for choice in every if choice[0] not in ("", None)]
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every


TOO_LONG = format_lazy("{} {}", _("That is too long for a postcode or a place."), POSTCODE_HELP)
DISTRICT_LABEL = _("Postcode or town")
DISTRICT_HINT = _("A town, like Banbury, or the first part of a postcode, like OX4.")
WITHIN_LABEL = _("How far")
WITHIN_CHOICES = [
    ("", _("Only that place")),
    ("3", _("Within 3 miles")),
    ("5", _("Within 5 miles")),
    ("10", _("Within 10 miles")),
    ("20", _("Within 20 miles")),
]


class DistrictField(forms.CharField):
    """A search's "where": a postcode, a district or a town in, a ``Place`` out.

    ``OX4 1AA`` and ``ox4`` give the district OX4; ``Banbury`` gives Banbury (OX16) and
    ``oxford`` Oxford (OX1-OX4), small misspellings forgiven. A name several places share
    ("Newport") is an error that lists them, England first, and says how to pick one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("error_messages", {"max_length": TOO_LONG})
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value) or ""
        value = clean_text(value)
        if not value:
            return None
        if any(ch.isdigit() for ch in value):  # a postcode, perhaps mistyped: say so
            district = district_of(value)
            return Place(name=district, districts=(district,))
        try:
            return resolve_place(value)
        except AmbiguousPlace as ambiguous:
            first = ambiguous.choices[0]
            raise ValidationError(
                _(
                    "There is more than one %(place)s: %(choices)s. Type which one, like "
                    "“%(example)s”, or its postcode district, like %(district)s."
                ),
                code="ambiguous_place",
                params={
                    "place": ambiguous.name,
                    "choices": "; ".join(
                        f"{choice.full_name} ({few_districts(choice.districts)})"
                        for choice in ambiguous.choices
                    ),
                    "example": first.full_name,
                    "district": first.district,
                },
            ) from None
        except ValidationError:
            raise ValidationError(
                _(
                    "We could not find a place called “%(place)s”. Check the spelling, or enter "
                    "the first part of a postcode in that area instead, like OX4 or OX16."
                ),
                code="unknown_place",
                params={"place": value[:40]},
            ) from None


class PostcodeDistrictField(forms.CharField):
    """Where someone is, without their address: the first part of a postcode. ``OX4 1AA`` and
    ``ox4`` give ``OX4``; anything else says what a postcode district looks like."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 12)
        kwargs["error_messages"] = {
            "required": _("Enter the first part of your postcode, like OX4."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)

    def clean(self, value):
        value = clean_text(super().clean(value))
        return district_of(value) if value else value


class WithinField(forms.TypedChoiceField):
    """ "Within N miles" of the place asked for; empty means only the place itself."""

    def __init__(self, **kwargs):
        kwargs.setdefault("choices", WITHIN_CHOICES)
        kwargs.setdefault("coerce", int)
        kwargs.setdefault("empty_value", 0)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", WITHIN_LABEL)
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose from the list.")})
        super().__init__(**kwargs)


THE_AMOUNT = _("the amount")


class MoneyField(forms.CharField):
    """Pounds as a person types them ("12.50", "£12", "1,200"), cleaned to whole pence.

    A text box, not a number box: ``type=number`` refuses "£12" silently in some browsers and
    steps by whole pounds. ``amount_label`` names the amount in the messages ("the cost");
    ``most`` is the largest sensible amount in pounds for this question (an hourly rate of
    £500); fractions of a penny round half up, as everywhere (``pbsite.money``)."""

    default_messages = {
        "not_a_number": _("Enter %(label)s as an amount in pounds, like 12.50."),
        "negative": _("%(label)s cannot be less than £0. Enter zero or more, like 12.50."),
        "too_big": _(
            "%(label)s looks too big. Check the number, like 12.50 for twelve pounds fifty."
        ),
        "more_than_most": _("%(label)s must be %(most)s or less."),
    }

    def __init__(self, *args, amount_label=THE_AMOUNT, allow_negative=False, most=None, **kwargs):
        self.amount_label = amount_label
        self.allow_negative = allow_negative
        self.most = None if most is None else Decimal(most)
        kwargs.setdefault("max_length", 14)
        kwargs["error_messages"] = {
            "max_length": _("That is too long for an amount. Enter it like 12.50."),
            **kwargs.get("error_messages", {}),
        }
        super().__init__(*args, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "class": "input input--short"})

    def prepare_value(self, value):
        return pence_to_pounds(value) if isinstance(value, int) else value

    def _problem(self, reason):
        message = self.default_messages[reason] % {
            "label": self.amount_label,
            "most": format_pence(None if self.most is None else round_pence(self.most)),
        }
        return ValidationError(message[:1].upper() + message[1:], code=reason)

    def clean(self, value):
        value = super().clean(value)
        try:
            pence = pounds_to_pence(value, allow_negative=self.allow_negative)
        except NotMoney as problem:
            raise self._problem(problem.reason) from None
        if pence is not None and self.most is not None and pence > round_pence(self.most):
            raise self._problem("more_than_most")
        return pence
