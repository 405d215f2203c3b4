"""Guides in the Wagtail admin: the glossary snippet, readers' feedback, two reports for
editors (how easy each guide is to read; which guides are due for a check), and a warning on
save when a guide is harder to read than grade 6."""

from django.contrib import messages
from django.db.models import F
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import page_permission_policy, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import readability, reviews
from .adviser_answers import AdviserAnswerViewSet
from .models import GlossaryTerm, GuideFeedback, GuidePage

EDITOR_ACTIONS = ["add", "change", "publish"]

# --- Glossary -----------------------------------------------------------------------------


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossary"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["term", "meaning", "also_known_as"]
    search_fields = ["term", "also_known_as", "meaning"]
    ordering = ["term"]


register_snippet(GlossaryTermViewSet)


# --- Feedback: read and delete, never written by editors ----------------------------------


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(GuideFeedback, FeedbackPermissionPolicy(GuideFeedback))


class GuideFeedbackViewSet(ModelViewSet):
    """What readers said under “Was this guide helpful?”, newest first."""

    model = GuideFeedback
    icon = "comment"
    menu_label = "Guide feedback"
    menu_order = 220
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["guide", "helpful", "comment", "created"]
    list_filter = ["helpful"]
    search_fields = ["comment"]
    form_fields = ["helpful", "comment"]


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return GuideFeedbackViewSet("guide_feedback")


# --- Reports ------------------------------------------------------------------------------


def edit_url(guide) -> str:
    return reverse("wagtailadmin_pages:edit", args=[guide.pk])


def checked_on(guide) -> str:
    return guide.last_reviewed.strftime("%-d %b %Y") if guide.last_reviewed else "Never"


class GuideReadabilityReport(ReportView):
    """Every guide with its Flesch–Kincaid grade and reading ease; hardest to read first."""

    page_title = "Guides: how easy to read"
    header_icon = "doc-full"
    index_url_name = "home_guide_readability"
    index_results_url_name = "home_guide_readability_results"
    permission_policy = page_permission_policy
    any_permission_required = EDITOR_ACTIONS
    columns = [
        TitleColumn("title", label=gettext_lazy("Guide"), get_url=edit_url),
        Column(
            "reading_grade",
            label=gettext_lazy("Grade (aim %(grade)s or lower)")
            % {"grade": readability.TARGET_GRADE},
        ),
        Column("reading_ease", label=gettext_lazy("Reading ease (aim 70 or higher)")),
        Column("word_count", label=gettext_lazy("Words")),
        Column("checked_on", label=gettext_lazy("Checked on"), accessor=checked_on),
        Column(
            "review",
            label=gettext_lazy("Review"),
            accessor=lambda guide: "Due for review" if guide.is_due_for_review else "",
        ),
        Column(
            "live",
            label=gettext_lazy("Published"),
            accessor=lambda guide: "Yes" if guide.live else "Draft",
        ),
    ]
    list_export = ["title", "reading_grade", "reading_ease", "word_count", "last_reviewed", "live"]

    def get_queryset(self):
        return GuidePage.objects.order_by(F("reading_grade").desc(nulls_last=True), "title")

    def get_filename(self):
        return "guides-readability"


class GuidesDueForReviewReport(GuideReadabilityReport):
    """Guides not checked for GUIDE_REVIEW_MONTHS months, the longest-waiting first."""

    index_url_name = "home_guides_due"
    index_results_url_name = "home_guides_due_results"
    header_icon = "date"

    @property
    def page_title(self):
        return f"Guides due for review (not checked for {reviews.review_months()} months)"

    def get_queryset(self):
        return reviews.due_for_review(GuidePage.objects.all())

    def get_filename(self):
        return "guides-due-for-review"


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/guide-readability/",
            GuideReadabilityReport.as_view(),
            name="home_guide_readability",
        ),
        path(
            "reports/guide-readability/results/",
            GuideReadabilityReport.as_view(results_only=True),
            name="home_guide_readability_results",
        ),
        path("reports/guides-due/", GuidesDueForReviewReport.as_view(), name="home_guides_due"),
        path(
            "reports/guides-due/results/",
            GuidesDueForReviewReport.as_view(results_only=True),
            name="home_guides_due_results",
        ),
    ]


class EditorsMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, EDITOR_ACTIONS)


@hooks.register("register_reports_menu_item")
def register_readability_menu_item():
    return EditorsMenuItem(
        "Guides: how easy to read",
        reverse("home_guide_readability"),
        name="guide-readability",
        icon_name="doc-full",
        order=800,
    )


@hooks.register("register_reports_menu_item")
def register_due_menu_item():
    return EditorsMenuItem(
        "Guides due for review",
        reverse("home_guides_due"),
        name="guides-due",
        icon_name="date",
        order=810,
    )


# --- A warning on save --------------------------------------------------------------------


def readability_message(guide: GuidePage) -> str | None:
    """What to tell the editor after saving, or None if the guide and each part of it read
    well. A hard part is named even when the guide as a whole is easy enough."""
    check = guide.readability()
    if not check.needs_work:
        return None
    target = readability.TARGET_GRADE
    if check.too_hard:
        extras = []
        if check.long_sentences:
            extras.append(f"{len(check.long_sentences)} long sentence(s)")
        if check.unexplained:
            extras.append(f"{len(check.unexplained)} word(s) to explain")
        detail = f" It has {' and '.join(extras)}." if extras else ""
        opening = (
            f"“{guide.title}” reads at grade {check.grade:.1f}; our aim is grade "
            f"{target} or lower.{detail}"
        )
    else:
        opening = _("“%(title)s” reads at grade %(grade).1f, but some parts are harder.") % {
            "title": guide.title,
            "grade": check.grade,
        }
    hard = check.hard_parts
    if hard:
        label, _words, grade = hard[0]
        opening += " " + ngettext(
            "%(count)d part is harder than grade %(target)d: %(label)s (grade %(grade).1f).",
            "%(count)d parts are harder than grade %(target)d, starting with %(label)s "
            "(grade %(grade).1f).",
            len(hard),
        ) % {"count": len(hard), "target": target, "label": label, "grade": grade}
    return opening + " " + _("See “How easy is this to read?” in the editor.")


@hooks.register("insert_global_admin_css")
def readability_css():
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin/readability.css"))


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_if_hard_to_read(request, page):
    page = page.specific
    if isinstance(page, GuidePage) and (message := readability_message(page)):
        messages.warning(request, message)


register_snippet(AdviserAnswerViewSet)
