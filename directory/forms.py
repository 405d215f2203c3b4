"""Forms for providers (their organisation and services), holders (enquiries) and claims.

Every field says in plain words what went wrong and what to do. Money is typed in pounds and
kept in pence. A venue's address is only asked for, and only kept, when the service happens at
a venue: a provider who visits people at home never has an address shown.
"""

from __future__ import annotations

import re
from functools import cache

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _

from pbsite.areas import normalise_postcode, parse_districts
from pbsite.caching import Memo
from pbsite.edit_versions import EditVersionFormMixin
from pbsite.forms import ModelForm, MoneyField, RadioSelect
from pbsite.request_parsing import clean_text
from pbsite.statements import Statement

from .filters import MOST_POUNDS
from .models import (
    WEEKDAYS,
    CheckHeld,
    CostOption,
    CostUnit,
    Organisation,
    OrganisationSize,
    Schedule,
    Service,
    TaxonomyTerm,
)

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
MAX_LANGUAGES = 10


def tidy(value: str) -> str:
    """Strip NUL bytes and surrounding space: nobody means to type them."""
    return (value or "").replace("\x00", "").strip()


class TidyMixin:
    """Every text field is tidied before the model sees it."""

    def clean(self):
        data = super().clean()
        for name, value in data.items():
            if isinstance(value, str):
                data[name] = tidy(value)
        return data


def web_address(label: str) -> forms.URLField:
    return forms.URLField(
        label=label,
        required=False,
        assume_scheme="https",
        max_length=200,
        error_messages={"invalid": _("Enter a web address, like https://example.org.")},
    )


class OrganisationForm(EditVersionFormMixin, TidyMixin, ModelForm):
    website = web_address("Website")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "description", "website", "size"]
        labels = {
            "name": "Name of your organisation or group",
            "kind": "What kind of organisation is it?",
        }
        widgets = {"kind": RadioSelect, "size": RadioSelect}
        error_messages = {
            "name": {"required": "Enter the name of your organisation or group."},
            "kind": {"required": "Choose what kind of organisation it is."},
            "description": {"required": "Say in a few sentences what you do."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An optional question: its empty choice is said in words, not "---------".
        self.fields["size"].choices = [("", "We'd rather not say"), *OrganisationSize.choices]


class CommaListField(forms.CharField):
    """A list typed as words separated by commas."""

    def to_python(self, value):
        text = tidy(super().to_python(value))
        return [" ".join(item.split()) for item in re.split(r"[,;\n]+", text) if item.strip()]


def _read_categories(language: str) -> tuple:
    """The kinds of support a service can be, as ``(id, name)`` strings in ``language``."""
    field = forms.ModelChoiceField(TaxonomyTerm.objects.categories(), empty_label=None)
    with override(language):
        return tuple((str(value), str(label)) for value, label in field.choices)


#: The service form shows every category each time, and only an editor changes them: kept
#: per process, forgotten when a category or its taxonomy is saved or deleted (apps.py).
_categories = Memo("service-categories", _read_categories)
forget_categories = _categories.forget


#: A saved service's areas, languages and venue, as its form shows them: the same queries as
#: ``service.service_areas.values_list("district", flat=True)`` and the like, their SQL built
#: once per process (``pbsite.statements``), as building them cost more than the form's fields.
_SAVED_DISTRICTS = Statement(
    lambda service: Service(pk=service).service_areas.values_list("district"), "service"
)
_SAVED_LANGUAGES = Statement(
    lambda service: Service(pk=service).languages.values_list("name"), "service"
)
VENUE_COLUMNS = {
    "venue_name": F("location__name"),
    "venue_address": F("location__address_1"),
    "venue_town": F("location__city"),
    "venue_postcode": F("location__postcode"),
    "venue_access": F("location__accessibility"),
}
#: Its first venue (``.first()``: by the link's id), if it has one.
_SAVED_VENUE = Statement(
    lambda service: (
        Service(pk=service).service_at_locations.order_by("pk").values(**VENUE_COLUMNS)[:1]
    ),
    "service",
)


class ServiceForm(EditVersionFormMixin, TidyMixin, ModelForm):
    url = web_address("Web page for this service")
    districts = forms.CharField(
        label=_("Areas you cover"),
        max_length=400,
        required=False,
        help_text=_(
            "Postcode areas, separated by commas, like OX1, OX4, OX44. "
            "Leave empty only if the service is online and open to anyone."
        ),
    )
    languages = CommaListField(
        label=_("Languages"),
        max_length=300,
        required=False,
        help_text=_("Separated by commas, like English, Polish, British Sign Language."),
    )
    checks = forms.MultipleChoiceField(
        label=_("Checks you hold"),
        choices=CheckHeld.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    venue_name = forms.CharField(label=_("Venue name"), max_length=120, required=False)
    venue_address = forms.CharField(label=_("Venue address"), max_length=200, required=False)
    venue_town = forms.CharField(label=_("Town"), max_length=80, required=False)
    venue_postcode = forms.CharField(label=_("Venue postcode"), max_length=12, required=False)
    venue_access = forms.CharField(
        label=_("Access at the venue"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Step-free entrance? Accessible toilet? Hearing loop? Parking?"),
    )

    VENUE_FIELDS = ["venue_name", "venue_address", "venue_town", "venue_postcode"]

    class Meta:
        model = Service
        fields = [
            "name",
            "description",
            "category",
            "who_for",
            "minimum_age",
            "maximum_age",
            "at_home",
            "at_venue",
            "online",
            "accepts_direct_payments",
            "accepts_managed_accounts",
            "accepts_phbs",
            "accepts_isfs",
            "accepts_self_funders",
            "invoices_accepted",
            "minimum_purchase",
            "shareable_by_group",
            "max_group_size",
            "url",
        ]
        labels = {
            "name": "Name of the service",
            "description": "What happens, in plain words",
            "category": "Kind of support",
            "minimum_age": "Youngest age",
            "maximum_age": "Oldest age",
        }
        error_messages = {
            "name": {"required": "Enter the name of the service."},
            "description": {"required": "Say what happens, in a few sentences."},
        }

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        category = self.fields["category"]
        if self.is_bound:
            # What is sent is checked against the rows; an editor opened, not sent, only
            # shows the kept choices (building this query was a tenth of making the form).
            category.queryset = TaxonomyTerm.objects.categories()
        category.empty_label = "Choose one"
        # Shown from the kept choices.
        category.choices = [("", category.empty_label), *_categories.get(get_language())]
        for name in ("minimum_age", "maximum_age", "max_group_size"):
            self.fields[name].error_messages.update(
                invalid="Enter a whole number, like 18.",
                min_value="Enter 0 or more.",
            )
        service = self.instance
        if service.pk:
            # Read as values, not rows made into objects: the form shows only these.
            using = service._state.db or "default"
            saved = {"using": using, "service": service.pk}
            districts = [district for (district,) in _SAVED_DISTRICTS.rows(**saved)]
            languages = [name for (name,) in _SAVED_LANGUAGES.rows(**saved)]
            self.initial.setdefault("districts", ", ".join(districts))
            self.initial.setdefault("languages", ", ".join(languages))
            self.initial.setdefault("checks", service.checks)
            for venue in _SAVED_VENUE.rows(**saved):
                self.initial.update(venue)  # named as the form's fields (VENUE_COLUMNS)

    def clean_districts(self):
        try:
            return parse_districts(tidy(self.cleaned_data["districts"]))
        except ValidationError as error:
            raise ValidationError(
                _("%(error)s Separate areas with commas, like OX1, OX4.")
                % {"error": error.messages[0]}
            ) from None

    def clean_languages(self):
        languages = self.cleaned_data["languages"]
        if len(languages) > MAX_LANGUAGES:
            raise ValidationError(_("List at most %(most)s languages.") % {"most": MAX_LANGUAGES})
        if any(len(language) > 60 for language in languages):
            raise ValidationError(_("Each language should be a few words at most."))
        return languages

    def clean_venue_postcode(self):
        value = tidy(self.cleaned_data["venue_postcode"])
        return normalise_postcode(value) if value else ""

    def clean(self):
        data = super().clean()
        if not (data.get("at_home") or data.get("at_venue") or data.get("online")):
            self.add_error("at_venue", _("Tick at least one: at home, at a venue, or online."))
        if data.get("at_venue"):
            for name in self.VENUE_FIELDS:
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name,
                        _("Enter the %(field)s.") % {"field": str(self.fields[name].label).lower()},
                    )
        if not data.get("districts") and not data.get("online") and "districts" not in self.errors:
            self.add_error("districts", _("Enter at least one area you cover, like OX4."))
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and low > high:
            self.add_error("maximum_age", _("The oldest age must be more than the youngest."))
        if data.get("max_group_size") and not data.get("shareable_by_group"):
            self.add_error(
                "max_group_size",
                _("Tick “a group can share it” too, or leave the largest group empty."),
            )
        return data


class CostOptionForm(TidyMixin, ModelForm):
    amount = MoneyField(
        label=_("Price in pounds"), required=False, amount_label=_("the price"), most=MOST_POUNDS
    )

    class Meta:
        model = CostOption
        fields = ["unit", "description"]
        labels = {"unit": "Price is", "description": "What this price covers"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].required = False
        if self.instance.pk and self.instance.amount_pence is not None:
            self.initial["amount"] = self.instance.amount_pence

    def has_changed(self):
        # An untouched empty row is not a cost: the unit always has a value.
        return bool(self.data and (self["amount"].value() or self["description"].value()))

    def clean(self):
        data = super().clean()
        unit, amount = data.get("unit") or CostUnit.SESSION, data.get("amount")
        data["unit"] = unit
        if unit != CostUnit.FREE and amount is None and "amount" not in self.errors:
            self.add_error("amount", _("Enter the price, or choose “Free”."))
        return data

    def save(self, commit=True):
        cost = super().save(commit=False)
        data = self.cleaned_data
        cost.amount_pence = 0 if data["unit"] == CostUnit.FREE else data["amount"]
        if commit:
            cost.save()
        return cost


class ScheduleForm(TidyMixin, ModelForm):
    days = forms.MultipleChoiceField(
        label=_("Days"), choices=WEEKDAYS, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Schedule
        fields = ["opens_at", "closes_at", "description"]
        labels = {
            "opens_at": "Starts at",
            "closes_at": "Ends at",
            "description": "Anything else about when",
        }
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "opens_at": {"invalid": "Enter a time like 09:30."},
            "closes_at": {"invalid": "Enter a time like 16:00."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["days"] = self.instance.days

    def clean(self):
        data = super().clean()
        if self.has_changed() and not data.get("days") and "days" not in self.errors:
            self.add_error("days", _("Tick at least one day."))
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and opens >= closes:
            self.add_error("closes_at", _("The end time must be after the start time."))
        return data

    def save(self, commit=True):
        schedule = super().save(commit=False)
        order = [code for code, _name in WEEKDAYS]
        schedule.byday = ",".join(sorted(self.cleaned_data["days"], key=order.index))
        if commit:
            schedule.save()
        return schedule


class SavedRowsFormSet(BaseInlineFormSet):
    """A service's prices or times: the saved rows of an editor opened (not sent) read by SQL
    built once per process (a ``pbsite.statements.Statement`` of the same query, in the
    model's order), not by the queryset the formset builds for each view. A list serves as
    the queryset does: the formset counts it, and gives each form its row by place."""

    def get_queryset(self):
        if not hasattr(self, "_queryset") and not self.is_bound and self.instance.pk:
            self._queryset = _saved_rows_of(self.model).objects(service=self.instance.pk)
        return super().get_queryset()


@cache
def _saved_rows_of(model) -> Statement:
    return Statement(lambda service: model.objects.filter(service_id=service), "service")


# ``absolute_max``: a posted TOTAL_FORMS of 99999999999999999999 made Django build 1,006 forms
# (its default ceiling) for every request; now more than the most we show is an error.
CostFormSet = inlineformset_factory(
    Service,
    CostOption,
    form=CostOptionForm,
    formset=SavedRowsFormSet,
    extra=2,
    max_num=6,
    absolute_max=6,
    can_delete=True,
)
ScheduleFormSet = inlineformset_factory(
    Service,
    Schedule,
    form=ScheduleForm,
    formset=SavedRowsFormSet,
    extra=2,
    max_num=7,
    absolute_max=7,
    can_delete=True,
)


class EnquiryForm(forms.Form):
    """A structured first message, so a small provider gets what it needs to answer."""

    FOR_WHOM = [
        ("me", "For me"),
        ("someone", "For someone I care for"),
        ("group", "For a group of us"),
    ]

    service = forms.ModelChoiceField(
        label=_("Which service are you asking about?"),
        queryset=Service.objects.none(),
        empty_label=None,
        widget=RadioSelect,
        error_messages={
            "required": _("Choose a service."),
            "invalid_choice": _("Choose a service."),
        },
    )
    for_whom = forms.ChoiceField(
        label=_("Who is it for?"),
        choices=FOR_WHOM,
        widget=RadioSelect,
        error_messages={"required": _("Choose who it is for.")},
    )
    when = forms.CharField(
        label=_("When would you like it?"),
        max_length=200,
        required=False,
        help_text=_("For example: Tuesday mornings, from next month."),
    )
    how_paid = forms.CharField(
        label=_("How will you pay?"),
        max_length=200,
        required=False,
        help_text=_("For example: direct payment, or a managed account. Never send bank details."),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your question or what you would like.")},
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.listed().filter(organisation=organisation)

    def clean_message(self):
        message = tidy(self.cleaned_data["message"])
        if not message:
            raise ValidationError(_("Write your question or what you would like."))
        return message

    def title(self) -> str:
        return f"Enquiry about {self.cleaned_data['service'].name}"

    def first_message(self) -> str:
        data = self.cleaned_data
        lines = [
            f"Service: {data['service'].name}",
            f"Who it is for: {dict(self.FOR_WHOM)[data['for_whom']]}",
        ]
        if data.get("when"):
            lines.append(f"When: {tidy(data['when'])}")
        if data.get("how_paid"):
            lines.append(f"How they will pay: {tidy(data['how_paid'])}")
        return "\n\n".join(["\n".join(lines), data["message"]])


class ClaimForm(forms.Form):
    message = forms.CharField(
        label=_("How are you connected to this organisation?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: “I run the group and set it up in 2019.” A moderator reads "
            "this and may contact you."
        ),
        error_messages={"required": _("Tell us how you are connected to it.")},
    )

    def clean_message(self):
        message = clean_text(self.cleaned_data["message"])
        if not message:
            raise ValidationError(_("Tell us how you are connected to it."))
        return message
