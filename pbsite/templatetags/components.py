"""Template helpers for the shared components (loaded as builtins in settings)."""

from django import forms, template
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaulttags import CsrfTokenNode
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from pbsite.form_renderer import field_html
from pbsite.fragments import written_once
from pbsite.money import format_pence
from pbsite.pagination import query_without_page as _query_without_page
from pbsite.statements import Statement
from pbsite.templatetags.languages import in_language

register = template.Library()


@register.simple_tag
def report_url(obj) -> str:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return reverse("report", args=[content_type.pk, obj.pk])


@register.simple_tag(takes_context=True)
def page_userbar(context) -> str:
    """Wagtail's user bar (edit this page, its accessibility checks) on Wagtail's own pages only.

    Elsewhere it has no page to edit, and asking whether the person may use the admin costs two
    queries (their permissions and their groups') on every signed-in page."""
    from wagtail.admin.templatetags.wagtailuserbar import get_page_instance, wagtailuserbar

    if get_page_instance(context) is None:
        return ""
    request = context.get("request")
    if request is None or not may_use_admin(request.user):
        return ""
    return wagtailuserbar(context)


def _admin_access(person):
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    return (
        Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
        .filter(Q(user=person) | Q(group__user=person))
        .values("pk")[:1]
    )


_admin_access_of = Statement(_admin_access, "person")


def may_use_admin(user) -> bool:
    """``user.has_perm("wagtailadmin.access_admin")``, which Wagtail's user bar asks first: for
    a signed-in person who is not an admin, all their permissions were read (two queries of
    joins built each time, 2,000 Python calls) to answer no on every Wagtail page. Here the one
    permission is asked in a query built once per process (``pbsite.statements``), with the
    same answer while every backend asks permissions as Django's ModelBackend does (an active
    person's own or their groups' permissions; any for an active superuser); else, or once
    their permissions have been read anyway, ``has_perm`` itself answers."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or hasattr(user, "_perm_cache") or not _permissions_are_the_models():
        return user.has_perm("wagtailadmin.access_admin")
    return _admin_access_of.row(person=user.pk) is not None


def _permissions_are_the_models() -> bool:
    from django.contrib.auth import get_backends
    from django.contrib.auth.backends import ModelBackend

    return all(
        type(backend).has_perm is ModelBackend.has_perm
        and type(backend).get_all_permissions is ModelBackend.get_all_permissions
        for backend in get_backends()
    )


#: Stand in for what differs between requests while the header's links are written once.
_ACCOUNT_LINKS_STAND_INS = {
    "unread_messages": "\x00unread-messages\x00",
    "unread_notifications": "\x00unread-notifications\x00",
    "csrf_token": "\x00csrf-token\x00",
}


@register.simple_tag(takes_context=True)
def account_links(context) -> str:
    """The header's links for a signed-in person (components/account_links.html): the same on
    every page but for the language, whether the page is in My budget, the two counts and the
    CSRF token, so written once per language and section (pbsite.fragments) and each request's
    counts and token put in, as the template would write them. Rendering them, with the
    messages link's include, on every page was about 1,000 Python calls, a twelfth of a simple
    page's, paid by every signed-in page and never by the log-in page."""
    # The section in the reader's language: /pl/my-budget/ is in My budget too.
    in_budget = in_section(context["request"].path, in_language("/my-budget/"))
    stand_ins = _ACCOUNT_LINKS_STAND_INS
    fixed = written_once(
        lambda: render_to_string(
            "components/account_links.html", {"in_budget": in_budget, **stand_ins}
        ).removesuffix("\n"),
        shows=("account links", in_budget),
    )
    # As {{ unread_messages|default:0 }}, {{ unread_notifications }} and {% csrf_token %}.
    messages = render_value_in_context(context.get("unread_messages") or 0, context)
    notifications = render_value_in_context(context.get("unread_notifications", ""), context)
    token_field = CsrfTokenNode().render(context)
    return mark_safe(
        fixed.replace(stand_ins["unread_messages"], messages)
        .replace(stand_ins["unread_notifications"], notifications)
        .replace(CsrfTokenNode().render(Context(stand_ins)), token_field)
    )


@register.simple_tag
def widget(field, **attrs):
    """Render a field's widget linked to its hint and error, as screen readers need."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    attrs = {key.replace("_", "-"): value for key, value in attrs.items() if value is not False}
    return field.as_widget(attrs=attrs)


@register.simple_tag
def field_component(field, label="", hint=""):
    """The field component (components/field.html): label or legend, hint, inline error and the
    widget linked to both, written by ``pbsite.form_renderer.field_html`` (the markup of
    pbsite/jinja2/components/field.html, byte for byte, in Python)."""
    return mark_safe(field_html(*_field_row(field, label, hint), field_words()))


@register.simple_tag
def field_components(form, *names):
    """The field component for each of ``names`` of ``form`` (all its visible fields without
    names), each followed by a newline as ``{% include "components/field.html" %}`` on a line of
    its own gives. A form of thirty fields included one by one spent more on Django's include
    and a template render per field than on the fields."""
    fields = [form[name] for name in names] if names else form.visible_fields()
    words = field_words()
    return mark_safe("".join(f"{field_html(*_field_row(field), words)}\n" for field in fields))


def _field_row(field, label="", hint="") -> tuple:
    """What the field component shows of a field, in ``field_html``'s order."""
    context = _field_context(field, label, hint)
    return tuple(context.get(key) for key in FIELD_KEYS)


FIELD_KEYS = ("field", "label", "hint", "choice_group", "checkbox", "widget")


def _field_context(field, label="", hint="") -> dict:
    choice_group, checkbox = is_choice_group(field), is_checkbox(field)
    context = {
        "field": field,
        "label": label or field.label,
        "hint": hint or field.help_text,
        "choice_group": choice_group,
        "checkbox": checkbox,
    }
    if not choice_group:
        context["widget"] = widget(field) if checkbox else widget(field, **{"class": "input"})
    return context


def field_words() -> dict:
    """The words a field component may show, translated: "(optional)" and "Error:"."""
    return {"optional": gettext("(optional)"), "error_word": gettext("Error:")}


@register.filter
def is_choice_group(field) -> bool:
    """Radio buttons and checkbox lists are a fieldset with a legend, not a label."""
    widget = field.field.widget
    return getattr(widget, "input_type", "") in ("radio", "checkbox") and hasattr(widget, "choices")


@register.filter
def is_checkbox(field) -> bool:
    return field.field.widget.__class__.__name__ == "CheckboxInput"


@register.filter
def not_kept_on_error(form) -> dict:
    """What a form shown again cannot give back, though the person typed or chose it:
    passwords (never sent back to the browser) and files (a browser cannot be given one)."""
    lost = {"password": False, "file": False}
    for field in form:
        widget = field.field.widget
        if isinstance(widget, forms.PasswordInput) and not widget.render_value:
            lost["password"] = lost["password"] or bool(field.data)
        elif isinstance(widget, forms.FileInput):
            lost["file"] = lost["file"] or bool(form.files.get(field.html_name))
    return lost


@register.filter
def chosen_filters(form) -> list[str]:
    """What a search form was asked, in words, for the summary above its results: one
    "Label: value, value" line for each field the search gave a value (choices by their labels,
    a ticked box by its label alone)."""
    if not form.is_bound:
        return []
    chosen = []
    for bound in form:
        if bound.is_hidden:
            continue
        value = bound.value()
        if is_checkbox(bound):
            if value and value not in ("0", "false", "False"):
                chosen.append(str(bound.label))
            continue
        values = value if isinstance(value, list | tuple) else [value]
        values = [str(item).strip() for item in values if item not in (None, "")]
        values = [item for item in values if item]
        if not values:
            continue
        if hasattr(bound.field, "queryset"):
            # Model choices: name what validation already loaded, rather than query again.
            cleaned = getattr(form, "cleaned_data", {}).get(bound.name)
            if cleaned is not None:
                found = list(cleaned) if hasattr(cleaned, "__iter__") else [cleaned]
                values = [bound.field.label_from_instance(item) for item in found] or values
            chosen.append(f"{bound.label}: {', '.join(values)}")
            continue
        labels = {}
        for key, label in getattr(bound.field, "choices", []):
            if isinstance(label, list | tuple):  # a group of choices
                labels.update({str(k): str(v) for k, v in label})
            else:
                labels[str(key)] = str(label)
        words = ", ".join(labels.get(item, item) for item in values)
        chosen.append(f"{bound.label}: {words}")
    return chosen


@register.simple_tag
def filter_panel(form, fields, action, searched):
    """The search form with its filters (components/filter_panel.html), rendered once per
    process for what it shows (``pbsite.filters.panel_shows``): a finder's dozens of tick boxes
    were a fifth of its page, the same for everyone who opens it or pages through results."""
    from pbsite.filters import panel_shows
    from pbsite.fragments import render_once

    context = {"form": form, "fields": fields, "action": action, "searched": searched}
    shows = (fields, str(action), bool(searched), panel_shows(form))
    return render_once("components/filter_panel.html", context, shows=shows)


@register.filter
def scam_signs(text) -> list[str]:
    """The signs of a scam against budget holders in ``text`` (``pbsite.moderation_rules``)."""
    from pbsite.moderation_rules import scam_signs as signs

    return signs(str(text or ""))


#: The guide the safety note links to: a guide about staying safe if the site has one, or
#: else the guide on employing a PA (checks, references, paying through payroll).
SAFETY_GUIDE_SLUGS = ["staying-safe", "employing-a-pa"]


SAFETY_GUIDE_KEY = "safety-guide-url"
# Shown beside every post with a sign of a scam: kept a minute in each process, as the helpline
# is (pbsite.models), rather than a query each time. A guide unpublished or moved is linked to
# its old address for up to that minute.
SAFETY_GUIDE_SECONDS = 60


def _safety_guide_url() -> str:
    from wagtail.models import Page

    pages = {page.slug: page for page in Page.objects.live().filter(slug__in=SAFETY_GUIDE_SLUGS)}
    chosen = next((pages[slug] for slug in SAFETY_GUIDE_SLUGS if slug in pages), None)
    return (chosen.url or "") if chosen is not None else ""


@register.simple_tag
def safety_guide_url() -> str:
    return caches["derived"].get_or_set(SAFETY_GUIDE_KEY, _safety_guide_url, SAFETY_GUIDE_SECONDS)


@register.simple_tag(takes_context=True)
def query_without_page(context) -> str:
    """This page's query string without ``page=``, for links to the next and previous pages."""
    request = context.get("request")
    return _query_without_page(request.GET) if request is not None else ""


@register.filter
def money(pence) -> str:
    """Whole pence as money people read: ``{{ 1250|money }}`` -> £12.50, 1200 -> £12."""
    return format_pence(pence)


@register.filter
def in_section(path, section_url) -> bool:
    """Whether ``path`` is in the part of the site at ``section_url`` (``/forum/t/3/`` is in
    ``/forum/``; ``/for-professionals/`` is not), for the navigation's current-page mark."""
    section = str(section_url)
    return bool(section) and str(path).startswith(
        section if section.endswith("/") else section + "/"
    )
