from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from pbsite.areas import parse_districts
from pbsite.edit_versions import EditVersionFormMixin
from pbsite.forms import DATE_HINT, DATE_INVALID, DateInput, MoneyField, RadioSelect
from pbsite.fragments import render_once
from pbsite.request_parsing import IdMultipleChoiceField

from .models import (
    Membership,
    PaEmployment,
    PaysWith,
    Pool,
    Proposal,
    ProposalKind,
    Quote,
    QuoteStatus,
    Repeat,
    Weekday,
)
from .rules import SplitMethod

SPLIT_CHOICES = [
    (SplitMethod.EQUAL.value, "Share the cost equally"),
    (SplitMethod.BY_USE.value, "Share by how much each person uses"),
    (SplitMethod.PER_PERSON.value, "A set price for each person"),
]


MOST_POUNDS = 100_000  # more, for one session of anything a group buys, is a typing slip


class PoolForm(EditVersionFormMixin, forms.ModelForm):
    districts_text = forms.CharField(
        label=_("Which areas?"),
        help_text=_("Postcode districts, separated by commas. For example: OX4, OX14."),
        max_length=200,
        error_messages={"required": _("Enter at least one postcode district, like OX4.")},
    )
    cost = MoneyField(
        most=MOST_POUNDS,
        label=_("Total cost for each session (£)"),
        help_text=_(
            "What the whole group pays each time. Leave empty if each person pays a price."
        ),
        required=False,
        amount_label="the cost",
    )
    price_each = MoneyField(
        most=MOST_POUNDS,
        label=_("Price for each person, each session (£)"),
        help_text=_("Only if the provider charges per person."),
        required=False,
        amount_label="the price for each person",
    )
    payment_routes = forms.MultipleChoiceField(
        label=_("How can members pay their share?"),
        help_text=(
            _("Tick every way the provider or PA can be paid. If you are not sure, tick them all.")
        ),
        choices=PaysWith.choices,
        initial=list(PaysWith.values),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Tick at least one way members can pay."),
            "invalid_choice": _("Tick only the ways of paying shown in the list."),
        },
    )

    class Meta:
        model = Pool
        fields = [
            "title",
            "description",
            "category",
            "districts_text",
            "venue",
            "at_home",
            "repeat",
            "weekday",
            "start_date",
            "time_of_day",
            "split_method",
            "cost",
            "price_each",
            "payment_routes",
            "min_members",
            "max_members",
            "closing_date",
            "decision_rule",
            "visibility",
        ]
        labels = {
            "title": "What does the group want to buy?",
            "description": "Tell people more",
            "category": "What kind of thing is it?",
            "venue": "Where will it happen?",
            "at_home": "It happens in members' homes",
            "repeat": "How often?",
            "weekday": "Which day?",
            "start_date": "When would it start?",
            "time_of_day": "What time?",
            "split_method": "How will you share the cost?",
            "min_members": "Fewest people needed",
            "max_members": "Most people who can join",
            "closing_date": "Last day to join",
            "decision_rule": "How will the group decide things?",
            "visibility": "Who can see this group?",
        }
        help_texts = {
            "title": "For example: a shared PA for Friday evenings out.",
            "venue": "A public place, like a community centre. Never a home address.",
            "time_of_day": "For example: 6pm to 10pm.",
            "start_date": DATE_HINT,
            "closing_date": DATE_HINT,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "category": RadioSelect,
            "split_method": RadioSelect(choices=SPLIT_CHOICES),
            "decision_rule": RadioSelect,
            "visibility": RadioSelect,
            "start_date": DateInput(),
            "closing_date": DateInput(),
        }
        error_messages = {
            "title": {"required": "Say what the group wants to buy."},
            "description": {"required": "Tell people a little more about the group."},
            "category": {"required": "Choose what kind of thing it is."},
            "min_members": {"required": "Enter the fewest people needed, like 3."},
            "max_members": {"required": "Enter the most people who can join, like 6."},
            "start_date": {"invalid": DATE_INVALID},
            "closing_date": {"invalid": DATE_INVALID},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["split_method"].choices = SPLIT_CHOICES
        if self.instance.pk:
            self.fields["districts_text"].initial = ", ".join(self.instance.districts)
            self.fields["cost"].initial = self.instance.cost_per_session_pence
            self.fields["price_each"].initial = self.instance.price_per_person_pence
        self.order_fields(self.Meta.fields)

    def clean_districts_text(self):
        return parse_districts(self.cleaned_data["districts_text"])

    def clean(self):
        data = super().clean()
        low, high = data.get("min_members"), data.get("max_members")
        if low is not None and low < 2:
            self.add_error("min_members", _("A group needs at least 2 people."))
        if high is not None and high > 50:
            self.add_error("max_members", _("A group can have up to 50 people."))
        if low and high and high < low:
            self.add_error(
                "max_members", _("The most people must be the same as, or more than, the fewest.")
            )
        method = data.get("split_method")
        if method == SplitMethod.PER_PERSON and data.get("price_each") is None:
            self.add_error("price_each", _("Enter the price for each person, like 8.50."))
        if method != SplitMethod.PER_PERSON and data.get("cost") is None:
            self.add_error("cost", _("Enter the total cost for each session, like 60.00."))
        opens, closes = data.get("start_date"), data.get("closing_date")
        if opens and closes and closes > opens:
            self.add_error("closing_date", _("The last day to join must be before the start date."))
        return data

    def save(self, commit=True):
        pool = super().save(commit=False)
        pool.districts = self.cleaned_data["districts_text"]
        pool.cost_per_session_pence = self.cleaned_data.get("cost") or 0
        pool.price_per_person_pence = self.cleaned_data.get("price_each")
        if commit:
            pool.save()
        return pool


class JoinForm(forms.ModelForm):
    max_share = MoneyField(
        most=MOST_POUNDS,
        label=_("The most you can pay each session (£)"),
        help_text=_("Optional. Nobody is asked to pay more than this."),
        required=False,
        amount_label="the most you can pay",
    )

    class Meta:
        model = Membership
        fields = ["pays_with", "use", "on_behalf_of", "support_plan_outcome"]
        labels = {
            "pays_with": "How will you pay your share?",
            "use": "How many sessions or hours will you use each time?",
            "on_behalf_of": "Are you joining for someone else? Their first name",
            "support_plan_outcome": "Which outcome in your support plan does this help with?",
        }
        help_texts = {
            "use": "Usually 1. Only matters if the group shares the cost by use.",
            "support_plan_outcome": (
                "For example: “see friends more often”. "
                "This goes in the group agreement for your social worker."
            ),
        }
        widgets = {"pays_with": RadioSelect(choices=PaysWith.choices)}
        error_messages = {
            "pays_with": {"required": "Choose how you will pay your share."},
            "use": {"invalid": "Enter a number, like 1 or 1.5."},
        }

    def __init__(self, *args, pool=None, **kwargs):
        super().__init__(*args, **kwargs)
        if pool is not None:
            routes = set(pool.payment_routes)
            field = self.fields["pays_with"]
            field.choices = [(value, label) for value, label in PaysWith.choices if value in routes]
            field.widget.choices = field.choices
            accepted = ", ".join(label.lower() for _, label in field.choices)
            field.error_messages["invalid_choice"] = (
                f"This group can only be paid by {accepted}. Choose one of those."
            )

    def clean_use(self):
        use = self.cleaned_data.get("use")
        if use is None or use <= 0:
            raise ValidationError(_("Enter how much you will use, more than 0, like 1."))
        if use > 100:
            raise ValidationError(_("Enter a number of sessions or hours under 100."))
        return use


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["kind", "text", "quote"]
        labels = {
            "kind": "What kind of suggestion is it?",
            "text": "What do you suggest?",
            "quote": "Which quote? (only for choosing a quote)",
        }
        widgets = {"kind": RadioSelect, "text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "kind": {"required": "Choose what kind of suggestion it is."},
            "text": {
                "required": "Say what you suggest, in a sentence or two.",
                "max_length": "Please keep your suggestion under 1,000 characters.",
            },
        }

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        # A quote's label names its supplier.
        answered = pool.quotes.filter(status=QuoteStatus.ANSWERED).select_related("supplier")
        self.fields["quote"].queryset = answered
        self.fields["quote"].required = False
        self.fields["quote"].empty_label = "No quote"

    def clean(self):
        data = super().clean()
        if data.get("kind") == ProposalKind.CHOOSE_QUOTE and not data.get("quote"):
            self.add_error("quote", _("Choose which quote the group should take."))
        return data


class QuoteRequestForm(forms.Form):
    pool = forms.ModelChoiceField(
        queryset=Pool.objects.none(),
        label=_("Which of your groups is this for?"),
        empty_label=None,
        widget=RadioSelect,
        error_messages={"required": _("Choose one of your groups.")},
    )
    message = forms.CharField(
        label=_("Message"),
        help_text=_("Say what the group needs. Don't share anyone's contact details."),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Please keep your message under 1,000 characters.")},
    )

    def __init__(self, *args, coordinator, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pool"].queryset = Pool.objects.filter(coordinator=coordinator).exclude(
            state__in=["ended", "cancelled"]
        )


class QuoteAnswerForm(forms.ModelForm):
    price = MoneyField(
        most=MOST_POUNDS,
        label=_("Your price for each session (£)"),
        help_text=_("The price for the whole group, each time."),
        amount_label="your price",
        error_messages={"required": _("Enter your price for each session, like 60.00.")},
    )

    class Meta:
        model = Quote
        fields = ["price", "included", "dates"]
        help_texts = {
            "included": "For example: 4 hours, travel, and materials.",
            "dates": "For example: Fridays from March.",
        }
        widgets = {"included": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "included": {"required": "Say what the price includes."},
            "dates": {"required": "Say when you could do it."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["included"].required = True
        self.fields["dates"].required = True
        self.order_fields(["price", "included", "dates"])


class SessionRecordForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date of the session"),
        help_text=DATE_HINT,
        widget=DateInput(),
        error_messages={
            "required": _("Enter the date of the session."),
            "invalid": DATE_INVALID,
        },
    )
    attended = IdMultipleChoiceField(
        queryset=Membership.objects.none(),
        label=_("Who came?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("Please keep the note under 300 characters.")},
    )

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        field.queryset = pool.memberships.filter(status="member").select_related("user")
        field.label_from_instance = lambda membership: membership.display_name


TERM_FIELDS = [
    "title",
    "description",
    "category",
    "districts",
    "venue",
    "at_home",
    "repeat",
    "weekday",
    "start_date",
    "time_of_day",
    "split_method",
    "cost_per_session_pence",
    "price_per_person_pence",
    "min_members",
    "max_members",
    "closing_date",
    "decision_rule",
    "visibility",
]


class TransferForm(forms.Form):
    member = forms.ModelChoiceField(
        queryset=Membership.objects.none(),
        label=_("Who should coordinate the group now?"),
        widget=RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose a member to hand the role to.")},
    )

    def __init__(self, *args, pool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        field.queryset = (
            pool.memberships.filter(status="member")
            .exclude(user=pool.coordinator)
            .select_related("user")
        )
        field.label_from_instance = lambda membership: membership.display_name


# --- Added for issue 12 (agreement names, who employs a shared PA, votes that change things) ---


AGREEMENT_NAME_HINT = _(
    "The name your council knows you by (or the person you are joining for), so an officer can "
    "match the agreement to a budget. Only this group sees it, in the agreement and its PDF: "
    "never on public pages. You can leave it empty, but the council may ask for it."
)


FORM_FIELDS = "components/form_fields.html"


class AcceptAgreementForm(forms.Form):
    """Accepting one version of the agreement, with the full name to put in it."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=99999)
    agreement_name = forms.CharField(
        label=_("Your full name for the agreement"),
        help_text=AGREEMENT_NAME_HINT,
        required=False,
        max_length=120,
        error_messages={"max_length": _("Please keep the name under 120 characters.")},
    )

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement_name"].widget.attrs["autocomplete"] = "name"
        if membership is not None:
            self.initial.setdefault("version", membership.pool.agreement_version)
            self.initial.setdefault("agreement_name", membership.agreement_name)

    def fields_html(self) -> str:
        """Its fields, as components/form_fields.html renders them. Blank, they show nothing
        but the version and the name, so each process renders them once for those two."""
        if self.is_bound:
            return render_to_string(FORM_FIELDS, {"form": self})
        shown = ("accept", self["version"].value(), self["agreement_name"].value())
        return render_once(FORM_FIELDS, {"form": self}, shows=shown)


class PaEmploymentForm(forms.Form):
    """For a shared PA: who employs them. The coordinator sets it; members accept it again."""

    employment = forms.ChoiceField(
        label=_("Who employs the PA?"),
        choices=PaEmployment.choices,
        widget=RadioSelect,
        error_messages={
            "required": _("Choose who employs the PA."),
            "invalid_choice": _("Choose one of the ways shown."),
        },
    )
    employer_name = forms.CharField(
        label=_("Name of the self-employed PA or the agency"),
        help_text=_("If you know it. Leave it empty if each member employs the PA."),
        required=False,
        max_length=120,
        error_messages={"max_length": _("Please keep the name under 120 characters.")},
    )


KEEP_THE_SAME = [("", _("Keep it the same"))]


class ProposalChangesForm(ProposalForm):
    """A suggestion, plus the new price or schedule that an agreed vote puts into the agreement."""

    new_price_each = MoneyField(
        most=MOST_POUNDS,
        label=_("New price for each person, each session (£)"),
        help_text=_(
            "Only when changing the price. If the group agrees, this goes in the agreement."
        ),
        required=False,
        amount_label="the new price for each person",
    )
    new_cost = MoneyField(
        most=MOST_POUNDS,
        label=_("New total cost for each session (£)"),
        help_text=_("Only when changing the price, if the group pays one price and shares it."),
        required=False,
        amount_label="the new total cost",
    )
    new_repeat = forms.ChoiceField(
        label=_("How often, from now on"),
        choices=KEEP_THE_SAME + list(Repeat.choices),
        required=False,
        widget=RadioSelect,
    )
    new_weekday = forms.TypedChoiceField(
        label=_("Which day, from now on"),
        choices=KEEP_THE_SAME + [(str(v), label) for v, label in Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=RadioSelect,
    )
    new_time_of_day = forms.CharField(
        label=_("What time, from now on"),
        help_text=_("For example: 6pm to 10pm."),
        required=False,
        max_length=40,
    )
    new_start_date = forms.DateField(
        label=_("New start date"),
        required=False,
        widget=DateInput,
        help_text=DATE_HINT,
        error_messages={"invalid": DATE_INVALID},
    )

    PRICE_FIELDS = ("new_price_each", "new_cost")
    SCHEDULE_FIELDS = ("new_repeat", "new_weekday", "new_time_of_day", "new_start_date")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        price = [f for f in self.PRICE_FIELDS if data.get(f) not in (None, "")]
        schedule = [f for f in self.SCHEDULE_FIELDS if data.get(f) not in (None, "")]
        if len(price) == 2:
            self.add_error(
                "new_cost",
                _("Fill in either a price for each person or a total cost, not both."),
            )
        if price and kind != ProposalKind.CHANGE_PRICE:
            self.add_error(
                price[0],
                _(
                    "You gave a new price, so choose “Change the price or how we share it” "
                    "above, or clear the new price."
                ),
            )
        if schedule and kind != ProposalKind.CHANGE_SCHEDULE:
            self.add_error(
                schedule[0],
                _(
                    "You gave a new day or time, so choose “Change when we meet” above, or "
                    "clear the new day and time."
                ),
            )
        return data

    @property
    def changes(self) -> dict:
        """The new terms as plain values, for services.propose (empty if none were given)."""
        data = self.cleaned_data
        found = {
            "price_per_person_pence": data.get("new_price_each"),
            "cost_per_session_pence": data.get("new_cost"),
            "repeat": data.get("new_repeat") or None,
            "weekday": data.get("new_weekday"),
            "time_of_day": data.get("new_time_of_day") or None,
            "start_date": data["new_start_date"].isoformat()
            if data.get("new_start_date")
            else None,
        }
        return {field: value for field, value in found.items() if value is not None}
