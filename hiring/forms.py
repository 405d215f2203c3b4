from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from directory.models import Service
from pbsite.forms import DateInput, RadioSelect

from . import rules
from .models import Decision


class StatusCheckForm(forms.Form):
    """Five plain questions; the answer (employed, self-employed, agency) is ``rules``'."""

    days_per_week = forms.IntegerField(
        label=_("How many days a week will they work?"),
        min_value=1,
        max_value=7,
        required=False,
        help_text=_("For working out holiday. Leave empty if it changes."),
    )
    notice_weeks = forms.IntegerField(
        label=_("How many weeks' notice should either of you give to end it?"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("The law says at least 1 week once someone has worked for a month."),
        error_messages={
            "required": _("Say how many weeks' notice: 1 is the legal minimum to start with."),
            "min_value": _("Give at least 1 week."),
            "max_value": _("Give 12 weeks at most."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        questions = {}
        for name, question, answers in rules.STATUS_QUESTIONS:
            questions[name] = forms.ChoiceField(
                label=question,
                choices=answers,
                widget=RadioSelect,
                error_messages={"required": _("Choose the answer closest to your plans.")},
            )
        self.fields = {**questions, **self.fields}
        self.fields["days_per_week"].error_messages.update(
            {
                "min_value": _("Give a number of days from 1 to 7."),
                "max_value": _("Give a number of days from 1 to 7."),
                "invalid": _("Give a number of days from 1 to 7."),
            }
        )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or "%Y-%m-%dT%H:%M")


SLOT_FIELDS = [f"time_{n}" for n in range(1, rules.MAX_SLOTS + 1)]
MINUTES = [("30", _("30 minutes")), ("45", _("45 minutes")), ("60", _("1 hour"))]


class ProposeForm(forms.Form):
    place = forms.CharField(
        label=_("Where"),
        max_length=200,
        help_text=_(
            "Somewhere public, like a café or the library, or your home with someone else "
            "there. Don't give your home address until you offer the job."
        ),
        error_messages={"required": _("Say where you will meet.")},
    )
    minutes = forms.ChoiceField(
        label=_("How long"), choices=MINUTES, initial="45", widget=RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, name in enumerate(SLOT_FIELDS, start=1):
            self.fields[name] = forms.DateTimeField(
                label=_("Time %(number)s") % {"number": number},
                required=False,
                widget=DateTimeInput,
                help_text=_("Give 2 to 5 times. Pick the day and the time.") if number == 1 else "",
                error_messages={"invalid": _("Enter a real day and time, like 27/01/2027 10:30.")},
            )

    def clean(self):
        data = super().clean()
        starts = [data[name] for name in SLOT_FIELDS if data.get(name)]
        if any(self.has_error(name) for name in SLOT_FIELDS):
            return data
        for problem in rules.check_slots(starts, timezone.now()):
            self.add_error(None, problem)
        data["starts"] = starts
        return data


class PickForm(forms.Form):
    slot = forms.ChoiceField(
        label=_("Which time suits you?"),
        widget=RadioSelect,
        error_messages={"required": _("Choose a time, or “None of these suit me”.")},
    )
    note = forms.CharField(
        label=_("If none suit: when could you come?"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(slot.pk), str(slot)) for slot in interview.slots.all()]
        self.fields["slot"].choices = [*choices, ("none", _("None of these suit me"))]


SUPPORTER_KINDS = [
    ("member", _("Someone who uses Budget Circle")),
    ("service", _("A local support service from the directory")),
    ("other", _("Someone else: I'll give their name and email")),
]


class NameChoiceIterator(ModelChoiceIterator):
    """Each row's primary key and name, read as values: no model instance for each of the
    directory's services on every interview page."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class NameChoiceField(forms.ModelChoiceField):
    """A choice of rows shown by their ``name`` (what ``str()`` of them says)."""

    iterator = NameChoiceIterator


class SupporterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Who is coming with you?"),
        choices=SUPPORTER_KINDS,
        widget=RadioSelect,
        error_messages={"required": _("Choose who is coming with you.")},
    )
    member = forms.CharField(
        label=_("Their name on Budget Circle"),
        max_length=80,
        required=False,
        help_text=_("As it shows beside their posts."),
    )
    service = NameChoiceField(
        label=_("The service"),
        queryset=Service.objects.none(),
        required=False,
        empty_label=_("Choose a service"),
    )
    name = forms.CharField(label=_("Their name"), max_length=120, required=False)
    email = forms.EmailField(
        label=_("Their email"),
        required=False,
        help_text=_("We email them the time and place, with a calendar file. Nothing else."),
        error_messages={"invalid": _("Enter an email address like name@example.org.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = Service.objects.listed().order_by("name")

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == "member":
            wanted = (data.get("member") or "").strip()
            if not wanted:
                self.add_error("member", _("Give their name as it shows on Budget Circle."))
            else:
                found = list(
                    User.objects.filter(
                        display_name__iexact=wanted, is_active=True, deleted_at__isnull=True
                    )[:2]
                )
                if len(found) != 1:
                    self.add_error(
                        "member",
                        _(
                            "We could not find one member called “%(name)s”. Check the "
                            "spelling, or choose “Someone else” and give their email."
                        )
                        % {"name": wanted},
                    )
                else:
                    data["member_user"] = found[0]
        elif kind == "service":
            if not data.get("service"):
                self.add_error("service", _("Choose the service."))
        elif kind == "other":
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Give their name."))
            if not data.get("email") and not self.has_error("email"):
                self.add_error("email", _("Give their email, so we can tell them the time."))
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=Decision.choices,
        widget=RadioSelect,
        error_messages={"required": _("Choose whether to offer them the job.")},
    )
    message = forms.CharField(
        label=_("A message to them"),
        max_length=800,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("A kind word helps, whatever you decide."),
    )
    start_date = forms.DateField(
        label=_("Start date, if you offer the job"),
        required=False,
        widget=DateInput,
        error_messages={"invalid": _("Enter a real date: the day, month and year.")},
    )
    hours = forms.IntegerField(
        label=_("Hours a week, if you offer the job"),
        min_value=1,
        max_value=60,
        required=False,
        error_messages={
            "min_value": _("Give a number of hours from 1 to 60."),
            "max_value": _("Give a number of hours from 1 to 60."),
            "invalid": _("Give a number of hours from 1 to 60."),
        },
    )
