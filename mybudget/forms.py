"""My budget's forms. Amounts are ``MoneyField`` (whole pence), dates the shared picker."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from pbsite.forms import DATE_HINT, DateInput, MoneyField, RadioSelect
from pbsite.images import reencode_image
from pbsite.request_parsing import clean_text

from . import rules
from .models import (
    TIMELINE_KINDS,
    Budget,
    BudgetPeriod,
    HeldAs,
    RepeatEvery,
    ShareRole,
)

MAX_RECEIPT_BYTES = 5 * 1024 * 1024
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".webp")
EARLIEST = datetime.date(2000, 1, 1)


def long_date(day: datetime.date) -> str:
    return rules.long_date(day)


def optional_text(label, *, max_length: int, help_text="") -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, required=False, help_text=help_text)


def optional_date(label, **kwargs) -> forms.DateField:
    """A date box (the shared picker) that may be left empty."""
    return forms.DateField(label=label, widget=DateInput, required=False, **kwargs)


class BudgetForm(forms.ModelForm):
    amount = MoneyField(
        label=_("How much it is"),
        amount_label=_("the amount"),
        help_text=_("In pounds, as the council or NHS told you, like 1150 or 287.50."),
    )
    every = forms.ChoiceField(
        label=_("How often it comes"), choices=BudgetPeriod.choices, widget=RadioSelect
    )
    held_as = forms.ChoiceField(
        label=_("How it is held"), choices=HeldAs.choices, widget=RadioSelect
    )

    class Meta:
        model = Budget
        fields = ["name", "given_by", "start_date", "review_date", "end_date", "kept_for"]
        labels = {
            "name": _("What you call this budget"),
            "given_by": _("Who gives it"),
            "start_date": _("When it started"),
            "review_date": _("When it is next reviewed"),
            "end_date": _("When it ends"),
            "kept_for": _("Who it is for, if you keep it for someone else"),
        }
        help_texts = {
            "name": _("For example: social care budget, or health budget."),
            "given_by": _("For example: Oxfordshire County Council, or the NHS."),
            "start_date": DATE_HINT,
            "review_date": _("If you know it. We will show it on the page."),
            "end_date": _("Only if it ends on a set day."),
            "kept_for": _("For example: Mum. Leave it empty if it is your own budget."),
        }
        widgets = {
            "start_date": DateInput,
            "review_date": DateInput,
            "end_date": DateInput,
        }

    field_order = ["name", "given_by", "amount", "every", "held_as", "start_date"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["amount"] = self.instance.amount_pence
            self.initial["every"] = self.instance.every
            self.initial["held_as"] = self.instance.held_as

    def clean_name(self):
        return clean_text(self.cleaned_data.get("name"))

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if not amount:
            raise ValidationError(_("Enter how much the budget is, more than £0, like 1150."))
        return amount

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start < EARLIEST:
            raise ValidationError(_("Check the year: the start date looks too long ago."))
        if start > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError(_("The start date is more than a year away. Check the year."))
        return start

    def clean(self):
        data = super().clean()
        start = data.get("start_date")
        for name, words in (
            ("review_date", _("The review date must be after the start date.")),
            ("end_date", _("The end date must be after the start date.")),
        ):
            if start and data.get(name) and data[name] <= start:
                self.add_error(name, words)
        return data

    def save(self, commit=True):
        budget = super().save(commit=False)
        budget.amount_pence = self.cleaned_data["amount"]
        budget.every = self.cleaned_data["every"]
        budget.held_as = self.cleaned_data["held_as"]
        if commit:
            budget.save()
        return budget


def check_receipt(upload):
    """A photo (stored re-encoded, without its EXIF data) or a PDF (checked by its bytes), under
    5 MB; anything else is refused in plain words."""
    if not upload:
        return None
    if upload.size > MAX_RECEIPT_BYTES:
        raise ValidationError(
            _(
                "That file is too big (%(size)s MB). Choose one smaller than 5 MB, or take a "
                "photo of the receipt instead."
            ),
            params={"size": upload.size // (1024 * 1024)},
        )
    name = (upload.name or "").lower()
    upload.seek(0)
    head = upload.read(1024)
    if name.endswith(".pdf") or head.startswith(b"%PDF-"):
        upload.seek(max(upload.size - 2048, 0))
        tail = upload.read()
        if not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
            raise ValidationError(
                _(
                    "That file says it is a PDF but we could not read it as one. Choose another "
                    "PDF, or a photo of the receipt."
                )
            )
        upload.seek(0)
        return SimpleUploadedFile("receipt.pdf", upload.read(), content_type="application/pdf")
    if not name.endswith(IMAGE_TYPES):
        raise ValidationError(
            _("A receipt must be a photo (JPEG, PNG or WebP) or a PDF. Choose one of those.")
        )
    return reencode_image(upload)


class LineForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Money out or in"),
        choices=[
            ("out", _("Money out: I paid for something")),
            ("in", _("Money in: a top-up or a refund")),
        ],
        widget=RadioSelect,
        initial="out",
    )
    on = forms.DateField(label=_("Date"), widget=DateInput, help_text=DATE_HINT)
    amount = MoneyField(
        label=_("How much"), amount_label=_("the amount"), help_text=_("In pounds, like 54.50.")
    )
    what = forms.CharField(
        label=_("What it was for"),
        max_length=200,
        help_text=_("For example: 4 hours with Sam, or the art class."),
    )
    who = forms.CharField(label=_("Who was paid, or who paid in"), max_length=120, required=False)
    outcome = forms.CharField(
        label=_("Which outcome in your support plan it is for"),
        max_length=200,
        required=False,
        help_text=_("For example: see friends more. It helps at your review."),
    )
    receipt = forms.FileField(
        label=_("A photo or PDF of the receipt"),
        required=False,
        help_text=_(
            "A photo (JPEG, PNG or WebP) or a PDF, smaller than 5 MB. Only you and "
            "people you share with can see it."
        ),
    )

    # Quick entry on a phone: what, how much and when first; money out is already chosen.
    field_order = ["what", "amount", "on", "direction", "who", "outcome", "receipt"]

    def __init__(self, *args, budget: Budget, **kwargs):
        self.budget = budget
        super().__init__(*args, **kwargs)
        self.fields["receipt"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp,.pdf"

    def clean_what(self):
        what = clean_text(self.cleaned_data.get("what"))
        if not what:
            raise ValidationError(_("Say what it was for, like: 4 hours with Sam."))
        return what

    def clean_who(self):
        return clean_text(self.cleaned_data.get("who"))

    def clean_outcome(self):
        return clean_text(self.cleaned_data.get("outcome"))

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if not amount:
            raise ValidationError(_("Enter an amount more than £0, like 54.50."))
        return amount

    def clean_on(self):
        day = self.cleaned_data["on"]
        budget = self.budget
        if day < budget.start_date:
            raise ValidationError(
                _(
                    "This budget started on %(start)s. Choose a date on or after that, or add "
                    "the line to another budget."
                ),
                params={"start": long_date(budget.start_date)},
            )
        if budget.end_date and day > budget.end_date:
            raise ValidationError(
                _("This budget ended on %(end)s. Choose a date on or before that."),
                params={"end": long_date(budget.end_date)},
            )
        if day > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError(_("That date is more than a year away. Check the year."))
        return day

    def clean_receipt(self):
        return check_receipt(self.cleaned_data.get("receipt"))


class RepeatingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of payment"),
        choices=[
            ("pa_hours", _("A PA's hours at their hourly rate")),
            ("other", _("Something else with a set price")),
        ],
        widget=RadioSelect,
        initial="pa_hours",
    )
    what = forms.CharField(
        label=_("What it is for"), max_length=200, help_text=_("For example: Sam, my PA.")
    )
    who = forms.CharField(label=_("Who is paid"), max_length=120, required=False)
    hours = forms.DecimalField(
        label=_("Hours each time (for a PA)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        help_text=_("For example: 12, or 7.5 for seven and a half hours."),
        error_messages={
            "invalid": _("Enter the hours as a number, like 12 or 7.5."),
            "max_decimal_places": _("Enter the hours to two decimal places at most, like 7.25."),
            "max_digits": _("That is more hours than there are in a week."),
        },
    )
    rate = MoneyField(
        label=_("Hourly rate (for a PA)"),
        amount_label=_("the hourly rate"),
        required=False,
        help_text=_("In pounds, like 13.50."),
    )
    amount = MoneyField(
        label=_("Set price each time (for something else)"),
        amount_label=_("the price"),
        required=False,
    )
    every = forms.ChoiceField(
        label=_("How often"), choices=RepeatEvery.choices, widget=RadioSelect, initial="week"
    )
    first_date = forms.DateField(label=_("First payment"), widget=DateInput, help_text=DATE_HINT)
    until = optional_date(_("Last payment"), help_text=_("Only if you know when it stops."))
    outcome = forms.CharField(
        label=_("Which outcome in your support plan it is for"), max_length=200, required=False
    )

    def __init__(self, *args, budget: Budget, **kwargs):
        self.budget = budget
        super().__init__(*args, **kwargs)

    def clean_what(self):
        what = clean_text(self.cleaned_data.get("what"))
        if not what:
            raise ValidationError(_("Say what it is for, like: Sam, my PA."))
        return what

    def clean_first_date(self):
        day = self.cleaned_data["first_date"]
        if day < self.budget.start_date:
            raise ValidationError(
                _("This budget started on %(start)s. Choose a date on or after that."),
                params={"start": long_date(self.budget.start_date)},
            )
        if self.budget.end_date and day > self.budget.end_date:
            raise ValidationError(
                _("This budget ended on %(end)s. Choose a date on or before that."),
                params={"end": long_date(self.budget.end_date)},
            )
        return day

    def clean(self):
        data = super().clean()
        if data.get("kind") == "pa_hours":
            hours, rate = data.get("hours"), data.get("rate")
            if hours is None and "hours" not in self.errors:
                self.add_error("hours", _("Enter how many hours each time, like 12."))
            elif hours is not None and not (Decimal(0) < hours <= 168):
                self.add_error("hours", _("Enter between 0.25 and 168 hours (a whole week)."))
            if not rate and "rate" not in self.errors:
                self.add_error("rate", _("Enter the PA's hourly rate, like 13.50."))
            if not self.errors:
                data["amount"] = rules.times_pence(hours, rate)
        elif not data.get("amount") and "amount" not in self.errors:
            self.add_error("amount", _("Enter the price each time, more than £0, like 25."))
        first, until = data.get("first_date"), data.get("until")
        if first and until and until < first:
            self.add_error("until", _("The last payment can't be before the first."))
        return data


class ChooseBudgetForm(forms.Form):
    budget = forms.ModelChoiceField(
        label=_("Which budget does your share come from?"),
        queryset=Budget.objects.none(),
        widget=RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("Choose the budget your share comes from."),
            "invalid_choice": _("Choose one of your budgets."),
        },
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["budget"].queryset = Budget.objects.filter(owner=owner)


class ShareForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address on Budget Circle"),
        max_length=254,
        help_text=_(
            "They need to have joined Budget Circle. We tell them, and they choose "
            "whether to accept."
        ),
        error_messages={"invalid": _("Enter an email address, like name@example.com.")},
    )
    role = forms.ChoiceField(
        label=_("Who they are to you"), choices=ShareRole.choices, widget=RadioSelect
    )
    access = forms.ChoiceField(
        label=_("What they can do"),
        choices=[
            ("see", _("See my budget, spending and timelines only")),
            ("add", _("See them, and add spending lines")),
        ],
        widget=RadioSelect,
    )

    def __init__(self, *args, owner, **kwargs):
        self.owner = owner
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        person = User.objects.filter(
            email__iexact=email, is_active=True, deleted_at__isnull=True
        ).first()
        if person is None:
            raise ValidationError(
                _(
                    "Nobody on Budget Circle has that email address. Check it, or ask them to "
                    "join first, then invite them again."
                )
            )
        if person.pk == self.owner.pk:
            raise ValidationError(_("That is your own email address. Enter the other person's."))
        self.person = person
        return email


class TimelineForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you waiting for?"),
        choices=[(k.value, label) for k, label in TIMELINE_KINDS.items()],
        widget=RadioSelect,
    )
    title = forms.CharField(
        label=_("What it is about"),
        max_length=120,
        help_text=_("For example: my social care assessment."),
    )
    organisation = optional_text(
        _("Who you are dealing with"),
        max_length=120,
        help_text=_("For example: Oxfordshire County Council."),
    )
    contact_name = optional_text(_("Your contact's name"), max_length=120)
    contact_details = optional_text(
        _("How to reach them"), max_length=200, help_text=_("A phone number or an email address.")
    )
    reference = optional_text(_("Their reference number"), max_length=60)
    your_name = optional_text(
        _("Your name, for letters"),
        max_length=120,
        help_text=_("The name they know you by. Only used in letters you make."),
    )

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, str) and name != "kind":
                data[name] = clean_text(value)
        if "title" in data and not data["title"]:
            self.add_error("title", _("Say what it is about, like: my social care assessment."))
        return data


class StagesForm(forms.Form):
    """Each stage's date it happened and the date someone promised it by."""

    def __init__(self, *args, timeline, **kwargs):
        self.timeline = timeline
        super().__init__(*args, **kwargs)
        recorded = {stage.code: stage for stage in timeline.stages.all()}
        self.stage_rows = []
        for code, label in rules.STAGES[rules.TimelineKind(timeline.kind)]:
            stage = recorded.get(code)
            self.fields[f"{code}_done"] = optional_date(
                _("%(stage)s: the date it happened") % {"stage": label}
            )
            self.fields[f"{code}_promised"] = optional_date(
                _("%(stage)s: the date they promised") % {"stage": label}
            )
            self.fields[f"{code}_note"] = optional_text(
                _("%(stage)s: a note") % {"stage": label}, max_length=300
            )
            if stage:
                self.initial.setdefault(f"{code}_done", stage.done_on)
                self.initial.setdefault(f"{code}_promised", stage.promised_by)
                self.initial.setdefault(f"{code}_note", stage.note)
            self.stage_rows.append((code, label))

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        for code, _label in self.stage_rows:
            done = data.get(f"{code}_done")
            if done and done > today:
                self.add_error(f"{code}_done", _("The date it happened can't be in the future."))
            for name in (f"{code}_done", f"{code}_promised"):
                if data.get(name) and data[name] < EARLIEST:
                    self.add_error(name, _("Check the year: that date looks too long ago."))
            data[f"{code}_note"] = clean_text(data.get(f"{code}_note"))
        return data

    def stages(self):
        for code, label in self.stage_rows:
            yield label, [self[f"{code}_done"], self[f"{code}_promised"], self[f"{code}_note"]]


class StatementForm(forms.Form):
    start = optional_date(_("From"))
    end = optional_date(_("To"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the statement can't be before its start."))
        if data.get("start") and data.get("end") and (data["end"] - data["start"]).days > 3700:
            self.add_error("end", _("Choose ten years or less for one statement."))
        return data
