from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pbsite.edit_versions import EditVersioned


class Role(models.TextChoices):
    """Roles are Django groups of these names, so editors manage them in Wagtail's admin."""

    HOLDER = "Holder", _("Budget holder")
    CARER = "Carer", _("Family carer")
    BUDDY = "Peer buddy", _("Peer buddy")
    PA = "Personal assistant", _("Personal assistant")
    PROVIDER = "Provider", _("Provider")
    MODERATOR = "Moderator", _("Moderator")
    EDITOR = "Editor", _("Editor")
    # An adviser is whoever has a current check (forum.Adviser); the group only names the demo
    # adviser's login, as every role's group does.
    ADVISER = "Adviser", _("Adviser")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("display_name", "Site admin")
        return self._create_user(email, password, **extra_fields)


class EmailPreference(models.TextChoices):
    IMMEDIATELY = "immediately", _("Straight away")
    DAILY = "daily", _("Once a day, in one email")
    NEVER = "never", _("Never: I'll check the site")


def avatar_path(user, filename):
    return f"avatars/{user.pk}/{filename}"


def public_name_of(display_name: str, deleted_at) -> str:
    """The name everyone else sees for an account with these values: a search hit reads the
    two values, not the account, and must name it as ``User.public_name`` does."""
    if deleted_at:
        return gettext("Former member")
    return display_name or gettext("Member")


class User(EditVersioned, AbstractUser):
    """Signs in with an email address; everyone else only ever sees ``display_name``."""

    edit_version_quiet_fields = frozenset({"last_login"})

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=40,
        help_text=_("The name other people see. You can use a nickname."),
    )
    about = models.TextField(blank=True, max_length=600)
    avatar = models.ImageField(upload_to=avatar_path, blank=True)
    email_preference = models.CharField(
        "Email me about new notifications",
        max_length=12,
        choices=EmailPreference.choices,
        default=EmailPreference.DAILY,
    )
    profile_hidden = models.BooleanField(default=False, help_text=_("Hidden by a moderator."))
    suspended_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.public_name

    @property
    def public_name(self) -> str:
        return public_name_of(self.display_name, self.deleted_at)

    def get_full_name(self):
        return self.public_name

    def get_short_name(self):
        return self.public_name

    @cached_property
    def role_values(self) -> frozenset[str]:
        """The names of this person's roles (their groups), read once for this user object,
        which lives as long as a request: several parts ask about roles on one page (may they
        post adverts, organise meetings, moderate). Forgotten when the groups change
        (:func:`forget_roles`)."""
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: Role) -> bool:
        """Has this person any of these roles?"""
        return any(str(role) in self.role_values for role in roles)

    @property
    def role_names(self) -> list[str]:
        return [Role(name).label for name in sorted(self.role_values)]

    def get_absolute_url(self):
        return reverse("accounts:settings")


def email_fingerprint(email: str) -> str:
    """A keyed hash (HMAC-SHA256 with SECRET_KEY) of an email address: the same address always
    gives the same fingerprint, and nobody can turn it back into the address."""
    from django.utils.crypto import salted_hmac

    normalised = (email or "").strip().lower()
    return salted_hmac("budgetcircle.suspended-email", normalised, algorithm="sha256").hexdigest()


class SuspendedEmail(models.Model):
    """What is kept of a suspended person who deleted their account: a fingerprint of their
    email address, so they cannot sign up again with it. Never the address itself."""

    fingerprint = models.CharField(max_length=64, unique=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "suspended email fingerprint"

    def __str__(self):
        return f"Suspended email {self.fingerprint[:12]}…"

    @classmethod
    def is_suspended(cls, email: str) -> bool:
        return cls.objects.filter(fingerprint=email_fingerprint(email)).exists()


def forget_roles(sender, instance, reverse, **kwargs):
    """A user object's groups changed through it (``user.groups.add``): its kept role names
    (:attr:`User.role_values`) are read again on the next question."""
    if not reverse:
        instance.__dict__.pop("role_values", None)
