"""Moderation: one Report model for any content, and the three actions moderators take.

Each part registers the models people can report::

    moderation.register(Post, label="forum post", author=lambda post: post.author,
                        hide=lambda post: post.hide())

``hide`` must make the content invisible to everyone but moderators. Every action is written to
Wagtail's audit log, so the admin's history shows who did what and when.

Reports act before a moderator does (``moderation_rules``): a part may pass ``after_report``,
called with the content after each person's report (the forum hides a post that three trusted
members, or one peer buddy, reported), and ``release``, called when a moderator dismisses the
reports (the post is shown again). ``report(..., flag=ReportFlag.SCAM)`` puts a report first in
the queue without hiding anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import ratelimit
from .models import RISK_ORDER, Report, ReportFlag, ReportReason, ReportStatus


@dataclass(frozen=True)
class Reportable:
    model: type
    label: str
    author: Callable
    hide: Callable
    summary: Callable
    after_report: Callable | None = None
    release: Callable | None = None


_registry: dict[type, Reportable] = {}


class ModerationError(Exception):
    """An action a moderator may not take; the message says why, in plain words."""


class ReportRefused(Exception):
    """A report not filed (its sender has sent a lot lately); the message says what to do."""


REPORTS_WINDOW_SECONDS = 3600


def reports_allowed() -> int:
    """How many reports one person may send in an hour (about different things: a second
    report of the same thing is the first one again)."""
    return getattr(settings, "REPORTS_PER_HOUR", 20)


def register(
    model,
    *,
    label: str,
    author: Callable,
    hide: Callable,
    summary: Callable = str,
    after_report: Callable | None = None,
    release: Callable | None = None,
):
    _registry[model] = Reportable(model, label, author, hide, summary, after_report, release)


def reportable_for(obj) -> Reportable:
    for model in type(obj).__mro__:
        if model in _registry:
            return _registry[model]
    raise LookupError(f"{type(obj).__name__} is not registered with moderation.")


def is_reportable(obj) -> bool:
    return any(model in _registry for model in type(obj).__mro__)


def registered_models() -> list[type]:
    return list(_registry)


def is_reportable_model(model) -> bool:
    return any(cls in _registry for cls in model.__mro__)


def _open_report_by(reporter, content_type, object_id: str) -> Report | None:
    return (
        Report.objects.open()
        .filter(reporter=reporter, content_type=content_type, object_id=object_id)
        .first()
    )


@transaction.atomic
def report(obj, *, reason: str, reporter=None, details: str = "", flag: str = "") -> Report:
    """File a report; the system files its own (for example crisis words) with no reporter.

    One person has one open report about one thing: sending it again (a double click, or 30
    times) gives back the report they already sent, with what the later one adds (see
    :func:`_with_later_worry`). A person may send ``reports_allowed()``
    reports an hour; beyond that ``ReportRefused`` says why.
    """
    entry = reportable_for(obj)
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    object_id = str(obj.pk)
    if reporter is not None:
        existing = _open_report_by(reporter, content_type, object_id)
        if existing is not None:
            return _with_later_worry(existing, reason, details)
        if not ratelimit.hit(
            "moderation.report", reporter.pk, reports_allowed(), REPORTS_WINDOW_SECONDS
        ):
            raise ReportRefused(
                _(
                    "You have sent a lot of reports in the last hour, so we have not sent this "
                    "one. Please try again in an hour. If someone is in danger now, call 999."
                )
            )
    try:
        with transaction.atomic():
            filed = Report.objects.create(
                content_type=content_type,
                object_id=object_id,
                content_summary=str(entry.summary(obj))[:2000],
                reporter=reporter,
                reason=reason if reason in ReportReason.values else ReportReason.OTHER,
                details=(details or "")[:2000],
                flag=flag if flag in ReportFlag.values else ReportFlag.NONE,
            )
    except IntegrityError:
        # The same person's same report, sent twice at once: the other request made it.
        existing = _open_report_by(reporter, content_type, object_id)
        if existing is None:
            raise
        return existing
    if reporter is not None and entry.after_report is not None:
        entry.after_report(obj)
    return filed


def _with_later_worry(existing: Report, reason: str, details: str) -> Report:
    """A person who reported something as spam and then comes back worried for someone's
    safety must not be told "already reported" while the queue still says spam: a riskier
    reason moves their report up the queue, and new words are added to what they wrote."""
    changed = []
    if reason in RISK_ORDER and RISK_ORDER[reason] < RISK_ORDER.get(
        existing.reason, len(RISK_ORDER)
    ):
        existing.reason = reason
        changed.append("reason")
    details = (details or "").strip()
    if details and details not in existing.details:
        existing.details = "\n\n".join(filter(None, [existing.details, details]))[:2000]
        changed.append("details")
    if changed:
        existing.save(update_fields=changed)
    return existing


def open_reports_about(obj):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return Report.objects.open().filter(content_type=content_type, object_id=str(obj.pk))


def reporters_to_count(obj) -> list[int]:
    """The people whose open reports about ``obj`` count towards hiding it: each once, never
    its author, and not someone whose earlier report about it a moderator dismissed."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    about = Report.objects.filter(content_type=content_type, object_id=str(obj.pk))
    overruled = about.filter(status=ReportStatus.DISMISSED).values("reporter_id")
    author = reportable_for(obj).author(obj)
    reporters = (
        about.open()
        .filter(reporter__isnull=False)
        .exclude(reporter_id__in=overruled)
        .values_list("reporter_id", flat=True)
        .distinct()
    )
    return [pk for pk in reporters if author is None or pk != author.pk]


def put_first(obj, flag: str) -> None:
    """Every open report about ``obj`` goes to the front of the queue, for ``flag``."""
    open_reports_about(obj).update(flag=flag)


def _resolve(report_obj: Report, status: str, moderator) -> None:
    """Resolve this report and every other open report about the same content."""
    Report.objects.open().filter(
        content_type=report_obj.content_type, object_id=report_obj.object_id
    ).update(status=status, resolved_at=timezone.now(), resolved_by=moderator)
    report_obj.refresh_from_db()


@transaction.atomic
def dismiss(report_obj: Report, moderator) -> None:
    """Nothing wrong: the reports close, and content hidden until a moderator looked is shown
    again."""
    content = report_obj.content_object
    if content is not None and is_reportable(content):
        release = reportable_for(content).release
        if release is not None:
            release(content)
    _resolve(report_obj, ReportStatus.DISMISSED, moderator)
    log(report_obj, "budgetcircle.report.dismiss", user=moderator)


@transaction.atomic
def hide_content(report_obj: Report, moderator) -> None:
    content = report_obj.content_object
    if content is not None:
        reportable_for(content).hide(content)
        # Also in the content's own history, so its admin page shows who hid it.
        log(content, "budgetcircle.report.hide", user=moderator)
    _resolve(report_obj, ReportStatus.HIDDEN, moderator)
    log(report_obj, "budgetcircle.report.hide", user=moderator)


@transaction.atomic
def suspend_author(report_obj: Report, moderator) -> None:
    content = report_obj.content_object
    author = reportable_for(content).author(content) if content is not None else None
    if author is not None:
        _check_may_suspend(author, moderator)
        suspend_user(author)
        log(author, "budgetcircle.report.suspend", user=moderator)
    _resolve(report_obj, ReportStatus.SUSPENDED, moderator)
    log(report_obj, "budgetcircle.report.suspend", user=moderator)


def _check_may_suspend(author, moderator) -> None:
    if moderator is not None and author.pk == moderator.pk:
        raise ModerationError("You cannot suspend your own account.")
    if author.is_superuser and not getattr(moderator, "is_superuser", False):
        raise ModerationError("Only a site administrator can suspend another administrator.")


def suspend_user(user) -> None:
    """A suspended person cannot sign in; what they posted stays until hidden separately.

    Sessions end by themselves (Django refuses inactive users on their next request); open
    WebSockets are told to close once the suspension is committed.
    """
    user.suspended_at = timezone.now()
    user.is_active = False
    user.save(update_fields=["suspended_at", "is_active"])
    transaction.on_commit(lambda: close_live_connections(user.pk))


def close_live_connections(user_id: int) -> None:
    from .live import send_to_group
    from .notifications import user_group

    send_to_group(user_group(user_id), {"type": "account.closed"})
