"""Wagtail's locales, kept in each process: which is the default, and each one's language.

A guide asked Wagtail four times a request which locale is the default (is this page a
translation? which is its English original?) and once more which language its own locale is: a
query each time (``make bench-pages``). Locales are a few rows that change only when an editor
adds a language, so each process reads them once. It forgets them when a locale is saved or
deleted in this process, and when the database is migrated or flushed (tests); another process
that meets a locale it does not know reads them again (``language_of``).
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from .caching import Memo
from .page_changes import forget_on_page_changes

_languages: dict[int, str] | None = None


def _read() -> dict[int, str]:
    global _languages
    _languages = dict(Locale.objects.values_list("pk", "language_code"))
    return _languages


def _known() -> dict[int, str]:
    return _languages if _languages is not None else _read()


def forget(**_kwargs) -> None:
    global _languages
    _languages = None


def language_of(locale_id: int | None) -> str:
    """The language code of the locale with this id ("" for none)."""
    if locale_id is None:
        return ""
    languages = _known()
    if locale_id not in languages:
        languages = _read()
    return languages.get(locale_id, "")


def locale_id_for(language_code: str) -> int:
    """The id of the locale for this language (Django's variant of it, as Wagtail looks it up);
    Locale.DoesNotExist when the site has none."""
    wanted = get_supported_content_language_variant(language_code)
    for read in (_known, _read):
        for locale_id, code in read().items():
            if code == wanted:
                return locale_id
    raise Locale.DoesNotExist(f"No locale for {wanted!r}")


def default_locale_id() -> int:
    """Wagtail's ``Locale.get_default().pk``, without its query."""
    return locale_id_for(settings.LANGUAGE_CODE)


def active_locale_id() -> int:
    """Wagtail's ``Locale.get_active().pk``: the locale of the language being read, else the
    default."""
    try:
        return locale_id_for(get_language() or settings.LANGUAGE_CODE)
    except (Locale.DoesNotExist, LookupError):
        return default_locale_id()


def live_translations(page) -> dict[str, Page]:
    """The live translations of a Wagtail page, by language code (itself included). The
    switcher and the hreflang links both ask, on every page view: read once per process for
    each page (``_translation_rows``, forgotten when any page changes), and made into pages on
    the page for the request. Each is read for its address only (``.url``), so each page holds
    only what that needs, a page of its own for each request (Wagtail caches on pages)."""
    if not isinstance(page, Page) or not page.pk:
        return {}
    if not hasattr(page, "_live_translations"):
        page._live_translations = {
            language_of(values[TRANSLATION_COLUMNS.index("locale_id")]): Page.from_db(
                "default", TRANSLATION_COLUMNS, values
            )
            for values in _translation_rows.get(page.translation_key)
        }
    return page._live_translations


#: What a translation is read for: its address and language (in the order of Page's fields,
#: as Django makes a page from some of its columns).
TRANSLATION_COLUMNS = [
    field.attname
    for field in Page._meta.concrete_fields
    if field.attname in ("id", "locale_id", "url_path")
]


def _read_translation_rows(translation_key) -> tuple[tuple, ...]:
    pages = Page.objects.filter(translation_key=translation_key).live()
    return tuple(pages.values_list(*TRANSLATION_COLUMNS))


_translation_rows = Memo("page-translations", _read_translation_rows)


def connect() -> None:
    post_save.connect(forget, sender=Locale, dispatch_uid="pbsite.locales.saved")
    post_delete.connect(forget, sender=Locale, dispatch_uid="pbsite.locales.deleted")
    post_migrate.connect(forget, dispatch_uid="pbsite.locales.migrated")
    forget_on_page_changes(_translation_rows.forget, "pbsite.locales.translations")
