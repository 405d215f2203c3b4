"""Demo people: one for every role, with logins printed by ``manage.py load_demo``."""

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth.models import Group

from .groups import sync_role_groups
from .models import EmailPreference, Role, User

DEMO_PASSWORD = "demo-budget-circle"

DEMO_PEOPLE = [
    ("holder@demo.budgetcircle.example", "Maya H", Role.HOLDER, "Holder in Oxford (OX4)"),
    ("carer@demo.budgetcircle.example", "Tom (carer)", Role.CARER, "Looks after his mum's budget"),
    ("buddy@demo.budgetcircle.example", "Grace B", Role.BUDDY, "Peer buddy, 8 years a holder"),
    ("pa@demo.budgetcircle.example", "Sam the PA", Role.PA, "Personal assistant in Banbury"),
    ("provider@demo.budgetcircle.example", "Oakleaf Crafts", Role.PROVIDER, "Small craft group"),
    ("moderator@demo.budgetcircle.example", "Jo (moderator)", Role.MODERATOR, "Moderates"),
    ("editor@demo.budgetcircle.example", "Priya (editor)", Role.EDITOR, "Edits the guides"),
    (
        "adviser@demo.budgetcircle.example",
        "Hannah O (adviser)",
        Role.ADVISER,
        "Employment law adviser at a law centre",
    ),
]


def ensure_role_groups() -> dict[str, Group]:
    """Role groups; the Moderator and Editor groups get exactly the admin permissions
    accounts/groups.py lists (earlier demo loads gave them more)."""
    return sync_role_groups(apps, exact=True)


def load(stdout) -> list[tuple[str, str, str]]:
    groups = ensure_role_groups()
    logins = []
    for email, name, role, about in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            email=email, defaults={"display_name": name, "about": about}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.email_preference = EmailPreference.NEVER
            user.save()
        user.groups.add(groups[role.value])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        logins.append((role.label, email, DEMO_PASSWORD))
    admin, created = User.objects.get_or_create(
        email="admin@demo.budgetcircle.example",
        defaults={"display_name": "Site admin", "is_staff": True, "is_superuser": True},
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    EmailAddress.objects.get_or_create(
        user=admin, email=admin.email, defaults={"verified": True, "primary": True}
    )
    logins.append(("Site admin (everything)", admin.email, DEMO_PASSWORD))
    stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for label, email, _password in logins:
        stdout.write(f"  {label:<26} {email}")
    return logins


def demo_user(role: Role) -> User:
    email = next(email for email, _name, r, _about in DEMO_PEOPLE if r == role)
    return User.objects.get(email=email)


# Holders who take part in groups and meetings in the demo (no role beyond holder).
DEMO_MEMBERS = [
    ("pool-member-1@demo.budgetcircle.example", "Dev R"),
    ("pool-member-2@demo.budgetcircle.example", "Lou K"),
    ("pool-member-3@demo.budgetcircle.example", "Harriet W"),
    ("pool-member-4@demo.budgetcircle.example", "Marcus T"),
    ("pool-member-5@demo.budgetcircle.example", "Shona (for her son)"),
]


def demo_member(email, name) -> User:
    """A demo holder, made once; later calls give the same person."""
    user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.email_preference = EmailPreference.NEVER
        user.save()
        user.groups.add(Group.objects.get_or_create(name=Role.HOLDER.value)[0])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user
