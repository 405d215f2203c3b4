"""A page's address worked out from its ``url_path`` (home.models.address_of, as the search hits
and a guide's related guides show it) is Wagtail's own ``get_url``, in every language, for every
Site, and follows a page or Site change at once, though each process keeps it."""

import io

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home import demo
from home.models import GuideIndexPage, GuidePage, address_of
from pbsite.caching import begin_memos

from .conftest import make_guide

pytestmark = pytest.mark.django_db

LANGUAGES = ("en-gb", "pl", "ro")


@pytest.fixture(autouse=True)
def memos_kept(db):
    """As in a started process (pbsite.startup.settle): the memos have their tokens."""
    begin_memos()


def request_to(hostname: str):
    return RequestFactory().get("/", HTTP_HOST=hostname)


def wagtails_addresses(hostname: str) -> dict:
    """Each page's ``get_url``, with no request and with a request to ``hostname``, by
    language: each page read afresh, so Wagtail reads the site root paths as they are now."""
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            for page in Page.objects.order_by("path"):
                request = request_to(hostname)
                found[language, page.url_path] = (page.get_url(), page.get_url(request))
    return found


def addresses_of(url_paths, hostname: str) -> dict:
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            for url_path in url_paths:
                request = request_to(hostname)
                found[language, url_path] = (address_of(url_path), address_of(url_path, request))
    return found


def test_every_demo_page_has_wagtails_address_in_english_polish_and_romanian():
    demo.load(io.StringIO())
    assert GuidePage.objects.exclude(locale__language_code="en-gb").exists()  # translations
    url_paths = list(Page.objects.order_by("path").values_list("url_path", flat=True))

    expected = wagtails_addresses("localhost")
    assert addresses_of(url_paths, "localhost") == expected
    assert addresses_of(url_paths, "localhost") == expected  # kept: the same again
    # A translated guide's address is in its own language (/pl/...), whatever is active.
    assert any(pl and pl.startswith("/pl/") for (pl, _request) in expected.values())

    # With two Sites, Wagtail gives a page of the other Site its host; a request to that Site
    # its own path. Each is worked out afresh at once.
    about = Page.objects.get(slug="about", locale__language_code="en-gb")
    Site.objects.create(hostname="about.example", port=80, root_page=about)
    for hostname in ("localhost", "about.example"):
        expected = wagtails_addresses(hostname)
        assert addresses_of(url_paths, hostname) == expected
    assert expected["en-gb", about.url_path] == ("http://about.example/", "/")


def test_a_guide_renamed_or_moved_and_published_has_its_new_address_at_once(
    guide_index, standard_page
):
    guide = make_guide(guide_index, "Hiring a PA")
    assert address_of(guide.url_path) == "/guides/hiring-a-pa/"

    guide.slug = "employing-a-pa"
    guide.save_revision().publish()
    guide.refresh_from_db()
    assert address_of(guide.url_path) == "/guides/employing-a-pa/" == guide.get_url()

    guide_index.slug = "how-to"
    guide_index.save_revision().publish()
    guide.refresh_from_db()
    assert address_of(guide.url_path) == "/how-to/employing-a-pa/" == guide.get_url()

    guide.move(standard_page, pos="last-child")
    guide.refresh_from_db()
    assert address_of(guide.url_path) == "/about/employing-a-pa/" == guide.get_url()


def test_an_address_follows_a_sites_root_page_and_hostname_at_once(home, guide_index):
    """The same ``url_path`` has another address when the Sites change: nothing kept from
    before is shown."""
    guide = make_guide(guide_index, "Hiring a PA")
    site = Site.objects.get(is_default_site=True)
    assert address_of(guide.url_path) == "/guides/hiring-a-pa/"

    site.root_page = guide_index
    site.save()
    assert address_of(guide.url_path) == "/hiring-a-pa/" == Page.objects.get(pk=guide.pk).url
    assert address_of(home.url_path) is None  # above the Site's root: no address

    site.root_page = home
    site.save()
    other = Site.objects.create(hostname="guides.example", port=80, root_page=guide_index)
    assert address_of(guide.url_path) == "http://guides.example/hiring-a-pa/"
    assert address_of(guide.url_path, request_to("guides.example")) == "/hiring-a-pa/"

    other.hostname = "howto.example"
    other.save()
    assert address_of(guide.url_path) == "http://howto.example/hiring-a-pa/"
    assert address_of(guide.url_path, request_to("howto.example")) == "/hiring-a-pa/"
    # A host no Site has now: the default Site answers, which has the guide too.
    assert address_of(guide.url_path, request_to("guides.example")) == "/guides/hiring-a-pa/"
    for hostname in ("howto.example", "guides.example", "localhost"):
        fresh = Page.objects.get(pk=guide.pk)
        assert address_of(guide.url_path, request_to(hostname)) == fresh.get_url(
            request_to(hostname)
        )

    other.delete()
    assert address_of(guide.url_path) == "/guides/hiring-a-pa/"


def test_an_address_follows_a_page_made_a_translation_of_a_sites_root_at_once(home):
    """A page saved as the home page's Polish translation makes the pages below it the Site's
    in Polish: the same ``url_path`` has an address now, with no Site saved."""
    polish, _ = Locale.objects.get_or_create(language_code="pl")
    index = GuideIndexPage(title="Przewodniki", slug="przewodniki", locale=polish)
    Page.get_first_root_node().add_child(instance=index)
    guide = make_guide(index, "Zatrudnianie asystenta", slug="zatrudnianie")
    assert address_of(index.url_path) is None and address_of(guide.url_path) is None

    index.translation_key = home.translation_key
    index.save()
    assert address_of(index.url_path) == "/pl/" == Page.objects.get(pk=index.pk).get_url()
    assert address_of(guide.url_path) == "/pl/zatrudnianie/"
    assert address_of(guide.url_path) == Page.objects.get(pk=guide.pk).get_url()
