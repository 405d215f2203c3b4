"""The language switcher, the hreflang alternates and addresses in the reader's language.

English keeps addresses without a prefix (/guides/...); the other languages have one
(/pl/guides/...): pbsite/urls.py uses i18n_patterns(prefix_default_language=False).
"""

from django import template
from django.conf import settings
from django.utils.translation import get_language, to_locale
from wagtail.models import Page

from pbsite.locales import language_of, live_translations

register = template.Library()


def _prefix(code: str) -> str:
    return "" if code == settings.LANGUAGE_CODE else f"/{code}"


@register.filter
def bcp47(code: str) -> str:
    """Django's language code as HTML's lang wants it: "en-gb" -> "en-GB"."""
    return to_locale(code or "").replace("_", "-")


@register.filter
def in_language(path: str) -> str:
    """A site address written in a template ("/contact/") in the language being read: the
    same address with /pl in front when reading Polish, so a link does not switch back."""
    return _prefix(get_language() or settings.LANGUAGE_CODE) + path


@register.simple_tag(takes_context=True)
def language_choices(context) -> list[dict]:
    """One choice per language for the switcher: where to go next. For a page, its
    translation when there is one; otherwise the same address, which Django's set_language
    puts in the other language (a page nobody has translated is shown in English there)."""
    request = context.get("request")
    if request is None:
        return []
    current = get_language() or settings.LANGUAGE_CODE
    translations = live_translations(context.get("page"))
    # The address without the language: set_language cannot take the prefix off an address
    # in another language than its own request's (/i18n/setlang/ is read in English).
    path = request.path
    if _prefix(current) and path.startswith(_prefix(current) + "/"):
        path = path[len(_prefix(current)) :]
    choices = []
    for code, name in settings.LANGUAGES:
        translation = translations.get(code)
        next_url = translation.url if translation is not None else _prefix(code) + path
        choices.append({"code": code, "name": name, "next": next_url, "current": code == current})
    return choices


@register.simple_tag(takes_context=True)
def hreflang_alternates(context) -> list[tuple[str, str]]:
    """(language, full address) of each translation of this page, when it has more than one."""
    request = context.get("request")
    translations = live_translations(context.get("page"))
    if request is None or len(translations) < 2:
        return []
    return [
        (bcp47(code), request.build_absolute_uri(page.url))
        for code, page in sorted(translations.items())
    ]


@register.simple_tag(takes_context=True)
def content_language(context) -> str:
    """The language of the page's own words, when it is not the interface's: an English page
    shown at /pl/... because nobody has translated it yet. Empty otherwise."""
    page = context.get("page")
    if not isinstance(page, Page):
        return ""
    code = language_of(page.locale_id)
    return code if code and code != get_language() else ""
