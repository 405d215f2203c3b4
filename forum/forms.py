from django import forms
from django.utils.translation import gettext_lazy as _

from pbsite.areas import parse_districts, parse_postcode
from pbsite.edit_versions import EditVersionFormMixin
from pbsite.request_parsing import IdMultipleChoiceField

from .models import BuddyProfile, BuddyRequest, BudgetType, Category, HelpTopic, WatchLevel
from .posting import one_line

MESSAGE_HELP = (
    "You can use **bold**, *italics*, lists and links. Please do not share anyone's address, "
    "phone number or bank details."
)


def message_field(label="Your message"):
    return forms.CharField(
        label=label,
        help_text=MESSAGE_HELP,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8, "data-draft": "true"}),
        error_messages={
            "required": _("Write your message before you send it."),
            "max_length": _("Your message is too long. Please keep it under 10,000 characters."),
        },
    )


class ReplyForm(forms.Form):
    body = message_field()
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write your message before you send it."))
        return body


class TopicForm(ReplyForm):
    title = forms.CharField(
        label=_("Your question or topic, in a few words"),
        help_text=_("For example: How do I find a PA who can start quickly?"),
        max_length=150,
        error_messages={
            "required": _("Give your topic a title, so people know what it is about."),
            "max_length": _("Please make the title shorter: 150 characters at most."),
        },
    )
    category = forms.ModelChoiceField(
        label=_("Where does it belong?"),
        queryset=Category.objects.all(),
        empty_label=_("Choose a category"),
        error_messages={"required": _("Choose a category for your topic.")},
    )
    field_order = ["title", "category", "body"]

    def clean_title(self):
        title = one_line(self.cleaned_data["title"])
        if len(title) < 5:
            raise forms.ValidationError(
                _("Please make the title a little longer, so people know what it is about.")
            )
        return title


class ConversationForm(ReplyForm):
    title = forms.CharField(
        label=_("What is it about?"),
        max_length=150,
        error_messages={"required": _("Say in a few words what the conversation is about.")},
    )
    field_order = ["title", "body"]

    def clean_title(self):
        return one_line(self.cleaned_data["title"])


class EditPostForm(EditVersionFormMixin, forms.Form):
    conflict_attributes = {"body": "body_markdown"}
    body = message_field("Your message")
    reason = forms.CharField(
        label=_("Why are you changing it?"),
        help_text=_("Moderators must give a reason when they change someone else's post."),
        required=False,
        max_length=300,
    )


class WatchForm(forms.Form):
    level = forms.ChoiceField(
        choices=[*WatchLevel.choices, ("", _("Normal: only when someone mentions me"))],
        required=False,
    )


class BuddyProfileForm(forms.ModelForm):
    budget_types = forms.MultipleChoiceField(
        label=_("Which kinds of budget have you had?"),
        choices=BudgetType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of budget you have had.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("What could you help with?"),
        choices=HelpTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing you could help with.")},
    )
    categories = IdMultipleChoiceField(
        label=_("Which parts of the forum should we tell you about?"),
        help_text=_("We will let you know when someone asks a new question there."),
        queryset=Category.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agreed_code_of_conduct = forms.BooleanField(
        label=_("I have read the code of conduct and I agree to it"),
        help_text=_(
            "Buddies listen, share what worked for them, and never ask for money or "
            "private details. The code of conduct is at /code-of-conduct/."
        ),
        error_messages={"required": _("Please read and agree to the code of conduct.")},
    )

    class Meta:
        model = BuddyProfile
        fields = [
            "budget_types",
            "topics",
            "categories",
            "employs_pas",
            "is_carer",
            "health_topics",
            "districts",
            "languages",
            "capacity",
            "about",
            "agreed_code_of_conduct",
        ]
        labels = {
            "employs_pas": "I employ (or have employed) my own PAs",
            "is_carer": "I am, or have been, a family carer",
            "health_topics": "Health conditions you are happy to talk about",
            "districts": "Which postcode districts are you in or near?",
            "languages": "Which languages do you speak?",
            "capacity": "How many newcomers could you help at once?",
            "about": "A few words about you, for newcomers",
        }
        help_texts = {
            "health_topics": "Only if you want to. For example: MS, depression, autism.",
            "districts": "The first part of a postcode, like OX4. Separate them with commas.",
            "languages": "Separate more than one with commas, like: English, Urdu.",
        }
        widgets = {"about": forms.Textarea(attrs={"rows": 4})}

    def clean_districts(self):
        districts = self.cleaned_data["districts"]
        return ", ".join(parse_districts(districts)) if districts else ""

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is None or not 1 <= capacity <= 10:
            raise forms.ValidationError(_("Choose a number from 1 to 10."))
        return capacity


class BuddyRequestForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("What would you like help with?"),
        choices=HelpTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one thing you would like help with.")},
    )

    class Meta:
        model = BuddyRequest
        fields = ["budget_type", "topics", "district", "language", "details"]
        labels = {
            "budget_type": "What kind of budget do you have?",
            "district": "The first part of your postcode",
            "language": "Which language would you like to talk in?",
            "details": "Anything else you would like your buddy to know?",
        }
        help_texts = {
            "budget_type": "Leave it if you are not sure. That is fine.",
            "district": "Like OX4. This helps us find someone near you. You can leave it empty.",
            "details": "Only share what you are happy for your buddy to read.",
        }
        widgets = {"details": forms.Textarea(attrs={"rows": 4})}

    def clean_district(self):
        district = self.cleaned_data["district"].strip()
        return parse_postcode(district).district if district else ""
