"""Two people (or two tabs) editing the same thing: the second is told, and keeps what they typed.

Every editable model (forum posts, PA profiles, member profiles, listings, services, pools and
adverts) has an ``edit_version`` that goes up by one each time the row is saved. An edit form
carries the version the person started from in a hidden field. Saving compares it with the row's
version under a row lock (``SELECT … FOR UPDATE`` on PostgreSQL; on SQLite every write
transaction begins ``IMMEDIATE``, so it already holds the only write lock): if someone saved in
between, nothing is written and :class:`EditConflict` says so. The form then shows
:data:`CONFLICT_MESSAGE`, the current version above the person's own text, and the new version
in its hidden field, so saving again (after checking both) goes through.

Use:

- the model: ``class Advert(EditVersioned, models.Model)``;
- the form: ``class AdvertForm(EditVersionFormMixin, forms.ModelForm)`` (a plain form that edits
  an object passes ``edits=obj``);
- the view: ``saved = save_unless_changed(form)`` (or ``save_unless_changed(form, some_service)``),
  which returns ``None`` after a conflict, the form then carrying the message.

A form posted without the hidden field (an old page, a script) is saved as before: the check
needs to know where the person started.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Someone else changed this while you were typing. Your text is below; the current version "
    "is above it. Check both, then save again."
)


class EditConflict(Exception):
    """The row changed since the person started editing. ``current`` is the row as it is now."""

    def __init__(self, current):
        super().__init__(str(CONFLICT_MESSAGE))
        self.current = current


class EditVersioned(models.Model):
    """An ``edit_version`` that every save raises by one, checked when an edit says where it
    started (:meth:`expect_edit_version`)."""

    edit_version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text=_(
            "Goes up by one at each save, so two edits at once cannot overwrite each other."
        ),
    )

    # Saves of only these fields (bookkeeping nobody types, like ``last_login``) leave the
    # version alone, so signing in on another device is not an edit.
    edit_version_quiet_fields: frozenset[str] = frozenset()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        expected = self.__dict__.pop("_expected_edit_version", None)
        update_fields = kwargs.get("update_fields")
        quiet = update_fields is not None and set(update_fields) <= self.edit_version_quiet_fields
        if self._state.adding or self.pk is None or quiet:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        rows = type(self)._base_manager.using(using).filter(pk=self.pk)
        with transaction.atomic(using=using):
            current = rows.select_for_update().values_list("edit_version", flat=True).first()
            if current is not None:
                if expected is not None and current != expected:
                    raise EditConflict(rows.get())
                self.edit_version = current + 1
                if update_fields is not None:
                    kwargs["update_fields"] = {*update_fields, "edit_version"}
            return super().save(*args, **kwargs)

    def expect_edit_version(self, version: int | None) -> None:
        """The next save writes only if the row is still at ``version``."""
        self._expected_edit_version = version


def lock_row(instance) -> None:
    """Hold ``instance``'s row until the transaction ends (``SELECT … FOR UPDATE``), so a second
    request doing the same (a double click) waits and then sees what the first one did. On
    SQLite the write transaction already holds the only write lock."""
    model = instance._meta.model  # not type(): request.user is a lazy stand-in
    list(model._base_manager.select_for_update().filter(pk=instance.pk).values_list("pk"))


def check_edit_version(current: EditVersioned, expected: int | None) -> None:
    """For services that lock the row themselves: raise if it moved on from ``expected``."""
    if expected is not None and current.edit_version != expected:
        raise EditConflict(current)


class EditVersionFormMixin:
    """A hidden ``edit_version`` field holding the version the person started from.

    For a ModelForm the edited object is ``self.instance``; a plain form passes ``edits=``.
    ``started_from`` is the version posted back (``None`` when none was posted).
    ``conflict_attributes`` names the object's attribute for a field of another name, for
    showing the current version (``{"body": "body_markdown"}``)."""

    conflict_attributes: dict[str, str] = {}

    def __init__(self, *args, edits: EditVersioned | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.edited = edits if edits is not None else getattr(self, "instance", None)
        self.edit_conflict = None
        self.fields["edit_version"] = forms.CharField(required=False, widget=forms.HiddenInput)
        if self.edited is not None and self.edited.pk is not None:
            self.initial.setdefault("edit_version", self.edited.edit_version)

    @property
    def started_from(self) -> int | None:
        raw = (self.cleaned_data.get("edit_version") or "").strip()
        # ASCII digits only: int() also reads "²" and "٣", which no page of ours ever sends.
        if raw.isascii() and raw.isdigit() and len(raw) < 12:
            return int(raw)
        return None

    def _post_clean(self):
        super()._post_clean()
        if self.edited is not None and self.edited.pk is not None:
            self.edited.expect_edit_version(self.started_from)

    def show_conflict(self, current: EditVersioned) -> None:
        """Say what happened, show ``current`` above the form, and start again from it."""
        self.add_error(None, CONFLICT_MESSAGE)
        self.edit_conflict = current_values(self, current)
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = str(current.edit_version)


def save_unless_changed(form: EditVersionFormMixin, save: Callable | None = None):
    """Run ``save`` (the form's own by default) in a savepoint. After an edit conflict nothing
    is kept, the form shows it, and ``None`` is returned."""
    try:
        with transaction.atomic():
            return (save or form.save)()
    except EditConflict as conflict:
        form.show_conflict(conflict.current)
        return None


def current_values(form, current) -> list[tuple[str, str]]:
    """The row as it is now, as (label, text) for each of the form's visible fields it has."""
    rows = []
    for bound in form.visible_fields():
        name = getattr(form, "conflict_attributes", {}).get(bound.name, bound.name)
        if isinstance(bound.field, forms.FileField) or not _has_attribute(current, name):
            continue
        value = getattr(current, name)
        labels = {str(key): label for key, label in getattr(bound.field, "choices", [])}
        if isinstance(value, models.Manager):
            text = ", ".join(str(item) for item in value.all())
        elif isinstance(value, list | tuple | set):
            text = ", ".join(str(labels.get(str(item), item)) for item in value)
        elif isinstance(value, bool):
            text = str(_("Yes") if value else _("No"))
        elif str(value) in labels:
            text = str(labels[str(value)])
        else:
            text = "" if value is None else str(value)
        rows.append((str(bound.label), text))
    return rows


def _has_attribute(obj, name: str) -> bool:
    try:
        getattr(obj, name)
    except Exception:  # a related object that is not there, a property that needs more
        return False
    return True
