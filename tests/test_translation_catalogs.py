"""Messages with the same plural rule share one catalog (``pbsite.translation_catalogs``)."""

from django.utils import translation
from django.utils.translation import trans_real

from pbsite.translation_catalogs import django_merges_same_plural_catalogs


def test_django_still_keeps_a_catalog_per_app_so_the_fix_is_still_needed():
    # When this fails, Django merges the catalogs itself: remove pbsite/translation_catalogs.py.
    assert not django_merges_same_plural_catalogs()


def test_british_english_is_looked_up_in_a_few_catalogs_not_one_an_app():
    catalog = trans_real.translation("en-gb")._catalog
    assert len(catalog._catalogs) <= 3


def test_translations_still_come_from_our_catalog_and_djangos():
    with translation.override("pl"):
        assert translation.gettext("Sign in") == "Zaloguj się"  # ours
        assert translation.gettext("This field is required.") == "To pole jest wymagane."


def test_no_message_is_looked_for_in_a_catalog_that_holds_none():
    link, empty = trans_real.translation("en-gb")._fallback, 0
    while link is not None:
        empty += not any(getattr(link, "_catalog", {"x": 1}))
        link = link._fallback
    assert empty == 0
