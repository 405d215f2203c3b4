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
    switcher and the hreflang links both ask: one query, kept on the page for the request.
    Each is read for its address only (``.url``), so with only what that needs."""
    if not isinstance(page, Page) or not page.pk:
        return {}
    if not hasattr(page, "_live_translations"):
        pages = (
            Page.objects.filter(translation_key=page.translation_key)
            .live()
            .only("locale_id", "url_path")
        )
        page._live_translations = {
            language_of(translation.locale_id): translation for translation in pages
        }
    return page._live_translations


def connect() -> None:
    post_save.connect(forget, sender=Locale, dispatch_uid="pbsite.locales.saved")
    post_delete.connect(forget, sender=Locale, dispatch_uid="pbsite.locales.deleted")
    post_migrate.connect(forget, dispatch_uid="pbsite.locales.migrated")
