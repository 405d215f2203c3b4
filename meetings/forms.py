from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pbsite.forms import DATE_HINT, DATE_INVALID, DateInput, RadioSelect

from . import rules
from .models import Format, ListenerQuestion, Meeting, Notes, Topic, Venue

REPEAT_CHOICES = [
    (rules.Repeat.ONCE.value, _("Just once")),
    (rules.Repeat.WEEKLY.value, _("Every week")),
    (rules.Repeat.FORTNIGHTLY.value, _("Every two weeks")),
    (rules.Repeat.MONTHLY.value, _("Every month, on the same weekday (like the second Tuesday)")),
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format=None):
        super().__init__(attrs=attrs, format=format or "%H:%M")


def time_field(label, help_text, *, missing, invalid) -> forms.TimeField:
    """A time box (the browser's picker, 24-hour), saying what to type when it is empty or not
    a time."""
    return forms.TimeField(
        label=label,
        widget=TimeInput,
        help_text=help_text,
        error_messages={"required": missing, "invalid": invalid},
    )


FIELD_ORDER = [
    "title",
    "about",
    "who_for",
    "topic",
    "day",
    "start_time",
    "end_time",
    "repeat",
    "count",
    "format",
    "venue",
    "online_link",
    "captions",
    "dial_in",
    "places",
    "listener_name",
    "listener_role",
]


class MeetingForm(forms.ModelForm):
    """A meeting's details, its day and times in London time, and (for a new one) how often."""

    field_order = FIELD_ORDER

    day = forms.DateField(
        label=_("Day"),
        widget=DateInput,
        help_text=DATE_HINT,
        error_messages={"required": _("Enter the day of the meeting."), "invalid": DATE_INVALID},
    )
    start_time = time_field(
        _("Starts at"),
        _("UK time, like 10:30."),
        missing=_("Enter the time it starts, like 10:30."),
        invalid=_("Enter a time like 10:30 or 14:00."),
    )
    end_time = time_field(
        _("Ends at"),
        _("UK time, like 12:00."),
        missing=_("Enter the time it ends, like 12:00."),
        invalid=_("Enter a time like 12:00 or 15:30."),
    )
    online_link = forms.CharField(
        label=_("Online link"),
        required=False,
        max_length=500,
        help_text=_("Only people who say they are coming will see it."),
    )
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.all(),
        required=False,
        empty_label=_("Choose a venue"),
        help_text=_("Not listed? Ask a moderator to add it, with its access facts."),
        error_messages={
            "invalid_choice": _(
                "That venue has been removed. Choose another venue, or ask a moderator to add it."
            )
        },
    )

    class Meta:
        model = Meeting
        fields = [
            "title",
            "about",
            "who_for",
            "topic",
            "format",
            "venue",
            "online_link",
            "captions",
            "dial_in",
            "places",
            "listener_name",
            "listener_role",
        ]
        widgets = {
            "format": RadioSelect,
            "topic": RadioSelect,
            "about": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {
            "title": _("Title"),
            "about": _("What it is about"),
            "who_for": _("Who it is for"),
            "topic": _("Topic"),
            "format": _("In person or online"),
            "captions": _("The online session has captions"),
            "dial_in": _("Phone dial-in"),
            "places": _("Places"),
            "listener_name": _("A listener from the council"),
            "listener_role": _("Their job"),
        }
        help_texts = {
            "who_for": _("Like: anyone with a personal budget, and their carers."),
            "dial_in": _("A number and code to join by phone. Only people coming see it."),
            "places": _("How many people the room or session can take."),
            "listener_name": _("A named guest from the council who comes to listen, if any."),
        }
        error_messages = {
            "title": {"required": _("Give the meeting a title.")},
            "about": {"required": _("Say in a sentence or two what the meeting is about.")},
            "who_for": {"required": _("Say who the meeting is for.")},
            "topic": {"required": _("Choose a topic.")},
            "format": {"required": _("Choose in person or online.")},
            "places": {
                "required": _("Say how many places there are."),
                "invalid": _("Enter the number of places as a whole number, like 12."),
            },
        }

    def __init__(self, *args, now=None, coming=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.coming = coming
        self.fields["topic"].choices = Topic.choices
        self.fields["format"].choices = Format.choices
        if self.instance.pk and not self.is_bound:
            start, end = self.instance.local_start, self.instance.local_end
            self.initial.update(day=start.date(), start_time=start.time(), end_time=end.time())

    def clean_online_link(self):
        return self.cleaned_data["online_link"].strip()

    def clean(self):
        data = super().clean()
        day, start, end = data.get("day"), data.get("start_time"), data.get("end_time")
        if day and start and end:
            data["starts_at"] = rules.london_time(day, start)
            data["ends_at"] = rules.london_time(day, end)
            for field, problem in rules.time_problems(
                data["starts_at"], data["ends_at"], self.now
            ).items():
                self.add_error("day" if field == "starts_at" else "end_time", problem)
        in_person = data.get("format") == Format.IN_PERSON
        if in_person and not data.get("venue") and "venue" not in self.errors:
            self.add_error("venue", _("Choose the venue for a meeting in person."))
        if data.get("format") == Format.ONLINE:
            link = data.get("online_link", "")
            if not link:
                self.add_error("online_link", _("Paste the link people use to join."))
            elif problem := rules.link_problem(link):
                self.add_error("online_link", problem)
        places = data.get("places")
        if places is not None and (problem := rules.places_problem(places, self.coming)):
            self.add_error("places", problem)
        return data

    def meeting_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields}
        fields.update(starts_at=data["starts_at"], ends_at=data["ends_at"])
        if fields["format"] == Format.ONLINE:
            fields["venue"] = None
        else:
            fields.update(online_link="", dial_in="", captions=False)
        return fields


class NewMeetingForm(MeetingForm):
    repeat = forms.ChoiceField(
        label=_("How often"),
        choices=REPEAT_CHOICES,
        initial=rules.Repeat.ONCE.value,
        widget=RadioSelect,
        error_messages={"required": _("Choose how often the meeting happens.")},
    )
    count = forms.IntegerField(
        label=_("How many meetings to add"),
        min_value=1,
        max_value=12,
        initial=1,
        help_text=_("For a repeating meeting: up to 12 at a time. Each gets its own page."),
        error_messages={
            "invalid": _("Enter a whole number from 1 to 12."),
            "min_value": _("Enter a whole number from 1 to 12."),
            "max_value": _("Enter a whole number from 1 to 12."),
            "required": _("Enter how many meetings to add, from 1 to 12."),
        },
    )


class RsvpForm(forms.Form):
    access_needs = forms.CharField(
        label=_("Anything the organiser should know so you can take part"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Like a wheelchair space, a BSL interpreter, or somewhere quiet. Only the organiser "
            "sees this."
        ),
        error_messages={"max_length": _("Please keep this under 1,000 characters.")},
    )


class NotesForm(forms.ModelForm):
    class Meta:
        model = Notes
        fields = ["discussed", "agreed", "council_questions", "contacts"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}
        help_texts = {
            "discussed": _("In plain English, for people who could not come."),
            "contacts": _(
                "Names, phone numbers or where to ask. Only what people agreed to share."
            ),
        }
        error_messages = {"discussed": {"required": _("Write what the meeting talked about.")}}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = ListenerQuestion
        fields = ["question"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2})}
        labels = {"question": _("A question put to the council's listener")}
        error_messages = {"question": {"required": _("Write the question first.")}}


class AnswerForm(forms.ModelForm):
    class Meta:
        model = ListenerQuestion
        fields = ["answer"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 3})}
        labels = {"answer": _("The council's answer")}

    def clean_answer(self):
        answer = self.cleaned_data["answer"].strip()
        if not answer:
            raise ValidationError(_("Write the answer the council gave."))
        return answer
