"""Other languages: English keeps its addresses; /pl/ and /ro/ show the translated guide and
contact page, the interface strings that are translated, and English for the rest."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Locale

from home import demo
from home.models import GuidePage, StandardPage

ROOT = Path(__file__).resolve().parent.parent.parent
FIRST_STEPS = "/guides/you-have-been-offered-a-direct-payment/"


@pytest.fixture
def site(db):
    demo.load(io.StringIO())


def polish_guide() -> GuidePage:
    english = GuidePage.objects.get(
        slug="you-have-been-offered-a-direct-payment", locale__language_code="en-gb"
    )
    return english.get_translation(Locale.objects.get(language_code="pl"))


def test_makemessages_finds_the_sites_strings(tmp_path, monkeypatch):
    # makemessages writes beside the nearest ``locale`` folder, and the repository's own holds the
    # committed translations: it reads the apps through links from a folder without one instead.
    site, out = tmp_path / "site", tmp_path / "out"
    site.mkdir()
    for app in ROOT.iterdir():
        if (app / "__init__.py").exists() and app.name != "tests":
            (site / app.name).symlink_to(app)
    monkeypatch.chdir(site)
    with override_settings(LOCALE_PATHS=[out]):
        call_command("makemessages", locale=["pl"], symlinks=True, verbosity=0)
    found = (out / "pl" / "LC_MESSAGES" / "django.po").read_text()
    for msgid in [
        'msgid "Skip to main content"',  # base.html
        'msgid "Leave this site quickly"',  # the forum's quick exit
        'msgid "There is a problem"',  # the error summary
        'msgid "Page %(number)s of %(num_pages)s"',  # a blocktranslate with variables
        'msgid "Tick the box to show you understand this cannot be undone."',  # a form error
        'msgid "Dear Sir or Madam,"',  # my budget's chase letter
        'msgid "Language"',  # the language switcher
    ]:
        assert msgid in found
    committed = (ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.po").read_text()
    assert 'msgid "Skip to main content"\nmsgstr "Przejdź do treści"' in committed
    assert (ROOT / "locale" / "pl" / "LC_MESSAGES" / "django.mo").exists()
    assert (ROOT / "locale" / "ro" / "LC_MESSAGES" / "django.mo").exists()


def english_keeps_its_addresses(client):
    html = client.get(FIRST_STEPS).content.decode()
    assert '<html lang="en-GB">' in html
    assert "<h1>You&#x27;ve been offered a direct payment: what happens now</h1>" in html
    assert "Skip to main content" in html
    assert reverse("forum:index") == "/forum/"
    assert client.get("/contact/").status_code == 200
    assert client.get("/en-gb/contact/").status_code == 404


def polish_shows_the_translated_guide_and_interface_with_english_for_the_rest(client):
    response = client.get("/pl" + FIRST_STEPS)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Zaproponowano Ci płatność bezpośrednią: co dalej" in html
    assert "Przejdź do treści" in html  # the skip link, translated
    assert "Porozmawiaj z człowiekiem" in html  # the footer
    assert "Tell us more" in html  # the feedback form: not translated yet, so English
    # Both translations and the English page are named as alternates, for search engines.
    assert 'hreflang="en-GB" href="http://testserver/guides/you-have-been-offered' in html
    assert 'hreflang="ro" href="http://testserver/ro/guides/you-have-been-offered' in html
    # Links in the header and footer stay in Polish.
    assert 'href="/pl/contact/"' in html


def a_page_nobody_has_translated_is_shown_in_english_and_says_so(client):
    html = client.get("/pl/guides/keeping-records/").content.decode()
    assert '<html lang="pl">' in html
    assert '<main id="main" class="container" tabindex="-1" lang="en-GB">' in html
    assert "Ta strona nie jest jeszcze przetłumaczona, więc jest po angielsku." in html
    assert "hreflang=" not in html.split("</head>")[0]


def the_translated_contact_page_keeps_the_helpline(client):
    html = client.get("/ro/contact/").content.decode()
    assert "Vorbiți cu un om" in html
    assert "Sunați la" in html  # the Helpline block, from the site setting, in Romanian
    assert "03069 990" in html


def the_switcher_works_with_a_plain_post(client):
    html = client.get(FIRST_STEPS).content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert 'value="pl" class="link-button" lang="pl">Polski</button>' in html
    response = client.post("/i18n/setlang/", {"language": "pl", "next": FIRST_STEPS})
    assert response.status_code == 302
    assert response["Location"] == "/pl" + FIRST_STEPS
    assert "Zaproponowano Ci" in client.get(response["Location"]).content.decode()
    # From a Polish page that is not a Wagtail page, back to English.
    polish_forum = client.get("/pl/forum/").content.decode()
    assert (
        '<input type="hidden" name="next" value="/forum/">'
        '<button type="submit" name="language" value="en-gb"' in polish_forum
    )
    back = client.post("/i18n/setlang/", {"language": "en-gb", "next": "/forum/"})
    assert back["Location"] == "/forum/"
    assert '<html lang="en-GB">' in client.get(back["Location"]).content.decode()


def a_translation_says_it_is_unchecked_until_an_editor_records_who_checked_it(client):
    assert "Jeszcze nie sprawdzone" in client.get("/pl" + FIRST_STEPS).content.decode()
    assert "Jeszcze nie sprawdzone" not in client.get(FIRST_STEPS).content.decode()
    guide = polish_guide()
    guide.translation_checked_by = "Anna Nowak"
    guide.translation_checked_on = datetime.date(2026, 11, 30)
    guide.save_revision().publish()
    html = client.get("/pl" + FIRST_STEPS).content.decode()
    assert "Jeszcze nie sprawdzone" not in html
    assert "Tłumaczenie sprawdził(a) Anna Nowak" in html


def a_half_recorded_check_is_refused_with_what_to_do():
    page = StandardPage.objects.get(slug="contact", locale__language_code="pl")
    page.translation_checked_by = "Anna Nowak"
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "translation_checked_on" in refused.value.message_dict


def test_each_language_shows_its_pages_and_interface_and_english_keeps_its_addresses(site, client):
    """One load of the demo's pages (it is slow), several things seen through it."""
    english_keeps_its_addresses(client)
    polish_shows_the_translated_guide_and_interface_with_english_for_the_rest(client)
    a_page_nobody_has_translated_is_shown_in_english_and_says_so(client)
    the_translated_contact_page_keeps_the_helpline(client)
    the_switcher_works_with_a_plain_post(client)


def test_a_translation_is_unchecked_until_an_editor_records_who_checked_it_and_when(site, client):
    a_half_recorded_check_is_refused_with_what_to_do()
    a_translation_says_it_is_unchecked_until_an_editor_records_who_checked_it(client)
