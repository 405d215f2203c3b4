"""allauth's sign-in and sign-up forms, in our words (settings.ACCOUNT_FORMS).

A separate module from ``accounts.forms``: allauth builds its sign-up form on
``ACCOUNT_SIGNUP_FORM_CLASS`` (``accounts.forms.SignupExtraForm``) when its forms module is
imported, so importing allauth's forms from ``accounts.forms`` would be circular.

Every field has its own "required" message, naming what is missing (allauth's and Django's
say "This field is required." for each, which the error summary cannot tell apart), no
placeholder repeating the label (it vanishes as you type), and the password rules are one
sentence rather than a list of four.
"""

from allauth.account import forms as allauth_forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

PASSWORD_RULES = _(
    "Use at least 8 characters. Make it hard to guess: not only numbers, not a common "
    "password, and not like your name or email address."
)


def _ours(field, *, label, required, help_text=None):
    field.label = label
    field.error_messages["required"] = required
    field.widget.attrs.pop("placeholder", None)
    if help_text is not None:
        field.help_text = help_text


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _ours(
            self.fields["login"],
            label=_("Email address"),
            required=_("Enter the email address you signed up with."),
        )
        self.fields["login"].error_messages["invalid"] = _(
            "Enter an email address, like name@example.com."
        )
        _ours(
            self.fields["password"],
            label=_("Password"),
            required=_("Enter your password."),
            help_text=format_html(
                '{} <a href="{}">{}</a>',
                _("Forgotten it?"),
                reverse("account_reset_password"),
                _("Set a new password"),
            ),
        )
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")
            self.fields["remember"].help_text = _("Only on your own phone or computer.")


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _ours(
            self.fields["email"],
            label=_("Email address"),
            required=_("Enter your email address. We send a link to it to check it is yours."),
            help_text=_("Nobody else sees it."),
        )
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an email address, like name@example.com."
        )
        _ours(
            self.fields["password1"],
            label=_("Choose a password"),
            required=_("Choose a password."),
            help_text=PASSWORD_RULES,
        )
        if "password2" in self.fields:
            _ours(
                self.fields["password2"],
                label=_("Type the password again"),
                required=_("Type your password again, so we know it has no typing mistakes."),
            )
