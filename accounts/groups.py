"""What the staff roles may do in the Wagtail admin, as data, and one function that makes the
groups say so.

Editors look after the guides and the other pages (add, change, publish, lock and unlock, as
Wagtail's own editors and moderators can), the glossary, readers' feedback, the curated PA
skills, the forum's categories and the directory's listings and categories, and may upload
images and documents. They never see the moderation queue or manage people.

Moderators get exactly what moderation needs: the moderation queue (reports), the forum's
posts, topics, buddy applications and pairings, and approving directory listings and claims.
They edit no pages and manage no people. The PA checks and endorsement queues and the pools are
admin screens (``/admin/pa-checks/``, ``/admin/pa-endorsements/``, ``/admin/pools/``) whose
permission policy asks ``is_moderator`` itself (``accounts.admin_permissions``).

A data migration (``accounts/migrations/0002_staff_groups.py``) runs :func:`sync_role_groups`
so a real site gets these groups, adding to whatever its admins gave them; ``load_demo`` runs it
again with ``exact=True`` so the demo groups hold exactly this and nothing more.
"""

from __future__ import annotations

from .models import Role

MODERATOR = Role.MODERATOR.value
EDITOR = Role.EDITOR.value

ACCESS_ADMIN = "wagtailadmin.access_admin"


def _crud(app_label: str, model: str, actions=("add", "change", "delete", "view")) -> list[str]:
    return [f"{app_label}.{action}_{model}" for action in actions]


# Model permissions, as "app_label.codename".
GROUP_PERMISSIONS: dict[str, list[str]] = {
    MODERATOR: [
        ACCESS_ADMIN,
        # The moderation queue: see reports and act on them (dismiss, hide, suspend).
        *_crud("pbsite", "report", ("view", "change")),
        # The forum's admin screens: approve or hide posts, move, pin or lock topics,
        # decide buddy applications and look after pairings.
        *_crud("forum", "post", ("view", "change")),
        *_crud("forum", "topic", ("view", "change")),
        *_crud("forum", "buddyprofile", ("view", "change")),
        *_crud("forum", "buddypairing", ("view", "change")),
        # Advisers: check them (organisation, expertise, the day checked) once a year.
        *_crud("forum", "adviser", ("add", "change", "view")),
        # The directory: approve listings (and hide a listing or a service), decide claims.
        *_crud("directory", "organisation", ("view", "change")),
        *_crud("directory", "service", ("view", "change")),
        *_crud("directory", "claim", ("view", "change")),
        # Meetings: venues and their access facts, hide or cancel a meeting, approve organisers.
        # Moderators delete nothing: an approval is switched off, a venue changed.
        *_crud("meetings", "venue", ("add", "change", "view")),
        *_crud("meetings", "meeting", ("view", "change")),
        *_crud("meetings", "organiserapproval", ("add", "change", "view")),
        # PA references: read them, record a phone check, mark them checked.
        *_crud("pa_register", "reference", ("view", "change")),
    ],
    EDITOR: [
        ACCESS_ADMIN,
        *_crud("home", "glossaryterm"),
        *_crud("home", "guidefeedback", ("view", "delete")),
        *_crud("pa_register", "skill"),
        # The PAs' code of conduct: a new version is a new row (none is deleted).
        *_crud("pa_register", "codeofconduct", ("add", "change", "view")),
        *_crud("forum", "category"),
        # Advisers' answers: read them and put good ones in guides ("Use in a guide").
        *_crud("forum", "adviseranswer", ("view",)),
        *_crud("directory", "organisation"),
        *_crud("directory", "service"),
        *_crud("directory", "taxonomy"),
        *_crud("directory", "taxonomyterm"),
        # Settings → Helpline: the number, email address and hours every page shows.
        *_crud("pbsite", "helpline", ("view", "change")),
        # Hiring: the interview question bank, and Settings → Hiring figures (the living wage).
        *_crud("hiring", "interviewquestion"),
        *_crud("hiring", "hiringsettings", ("view", "change")),
        # "Translate": copy a page (and its children) into another language to translate it.
        "simple_translation.submit_translation",
    ],
}

# On the root page, so they cover every page of every site, as Wagtail's default groups do.
PAGE_PERMISSIONS: dict[str, list[str]] = {
    EDITOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

# On the root collection: upload, edit and choose images and documents.
COLLECTION_PERMISSIONS: dict[str, list[str]] = {
    EDITOR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}


def ensure_permissions_exist(apps) -> None:
    """Django makes permissions after all migrations have run; a data migration needs them
    before that, so make them now (the later pass finds them and leaves them be)."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _app_migrated(apps, app_label: str) -> bool:
    """False inside an early migration for a part whose models do not exist yet (a fresh
    database migrating in order): that part's own migration grants its permissions later
    (``meetings/migrations/0002_moderators_manage_meetings.py``)."""
    try:
        apps.get_app_config(app_label)
    except LookupError:
        return False
    return True


def _permission(Permission, dotted: str):
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise LookupError(f"There is no permission {dotted}: check accounts/groups.py.") from None


def _existing(Permission, dotted: str) -> list:
    try:
        return [_permission(Permission, dotted)]
    except LookupError:
        return []


MODEL_ACTIONS = ("add", "change", "delete", "view")


def _model_is_made_yet(apps, dotted: str) -> bool:
    """False for a model permission whose model a later migration makes: an older data
    migration runs this file as it is today, and that model's own migration syncs again."""
    app_label, codename = dotted.split(".", 1)
    action, _, model = codename.partition("_")
    if action not in MODEL_ACTIONS:
        return True
    try:
        apps.get_model(app_label, model)
    except LookupError:
        return False
    return True


def sync_role_groups(apps, *, exact: bool = False, skip_missing: bool = False) -> dict[str, object]:
    """Make every role's group and give the staff groups their permissions.

    ``apps`` is a migration's app registry or ``django.apps.apps``. With ``exact`` the staff
    groups lose any model, page or collection permission not listed here. A migration passes
    ``skip_missing``: permissions of models a later migration makes are given by that one.
    Returns the groups by name.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    root_page = Page.objects.filter(depth=1).order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()

    for name in (MODERATOR, EDITOR):
        group = groups[name]
        wanted = [
            found
            for dotted in GROUP_PERMISSIONS.get(name, [])
            if _app_migrated(apps, dotted.split(".", 1)[0]) and _model_is_made_yet(apps, dotted)
            for found in (
                _existing(Permission, dotted) if skip_missing else [_permission(Permission, dotted)]
            )
        ]
        if exact:
            group.permissions.set(wanted)
        else:
            group.permissions.add(*wanted)

        page_permissions = [
            _permission(Permission, f"wagtailcore.{codename}")
            for codename in PAGE_PERMISSIONS.get(name, [])
        ]
        if exact:
            GroupPagePermission.objects.filter(group=group).exclude(
                page=root_page, permission__in=page_permissions
            ).delete()
        if root_page is not None:
            for permission in page_permissions:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=permission
                )

        collection_permissions = [
            _permission(Permission, dotted) for dotted in COLLECTION_PERMISSIONS.get(name, [])
        ]
        if exact:
            GroupCollectionPermission.objects.filter(group=group).exclude(
                collection=root_collection, permission__in=collection_permissions
            ).delete()
        if root_collection is not None:
            for permission in collection_permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
    return groups
