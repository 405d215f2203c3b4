"""Helpers and widgets every part's forms share.

Use these widgets, never Django's own, for dates and radio buttons: each fixes something a
person would otherwise meet on every form that has one (see the docstrings).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .areas import POSTCODE_HELP, district_of

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
DISTRICT_LABEL = _("Postcode district")
DISTRICT_HINT = _("The first part of a postcode, like OX4. A full postcode works too.")


class DistrictField(forms.CharField):
    """A search's "where": a postcode or district in, the district out (``OX4 1AA`` -> ``OX4``).

    Town names are not understood yet, so one ("Oxford") gets an error that says what to type
    instead, rather than the general "not a postcode"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)  # room for a place name, which gets its own answer
        kwargs.setdefault("error_messages", {"max_length": TOO_LONG})
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value) or ""
        value = " ".join("".join(ch for ch in value if ch.isprintable()).split())
        if not value:
            return ""
        if not any(ch.isdigit() for ch in value):
            raise ValidationError(
                _(
                    "We can't search by place name yet, so we could not use “%(place)s”. "
                    "Enter the first part of a postcode in that area instead, like OX4 or OX16."
                ),
                code="place_name",
                params={"place": value},
            )
        return district_of(value)
