"""What each process keeps of Wagtail's set-up (pbsite.sites, pbsite.view_restrictions): a
change made through the admin's models shows on the very next page view."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction, Site

from pbsite.caching import Memo, begin_memos
from tests.queries import without_cache_reads

from .conftest import make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def memos_kept(db):
    """As in a started process (pbsite.startup.settle): the memos have their tokens."""
    begin_memos()


def test_a_new_site_for_the_host_answers_at_once(client, home, standard_page):
    assert client.get("/").context["page"] == home

    site = Site.objects.create(hostname="testserver", port=80, root_page=standard_page)
    assert client.get("/").context["page"] == standard_page

    site.root_page = home
    site.save()
    assert client.get("/").context["page"] == home


def test_a_deleted_site_no_longer_answers(client, home, standard_page):
    site = Site.objects.create(hostname="testserver", port=80, root_page=standard_page)
    assert client.get("/").context["page"] == standard_page

    site.delete()
    assert client.get("/").context["page"] == home


def test_a_host_no_site_answers_is_not_found(client, home):
    Site.objects.update(is_default_site=False)  # no signal: as a fresh process would find it
    assert client.get("/", HTTP_HOST="elsewhere.example").status_code == 404


def test_a_private_section_is_private_at_once(client, guide_index):
    guide = make_guide(guide_index, "Hiring a PA")
    assert client.get(guide.url).status_code == 200
    assert "Hiring a PA" in client.get(guide_index.url).text

    restriction = PageViewRestriction.objects.create(
        page=guide, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(guide.url).status_code == 302  # to the sign-in page
    assert "Hiring a PA" not in client.get(guide_index.url).text

    restriction.delete()
    assert client.get(guide.url).status_code == 200
    assert "Hiring a PA" in client.get(guide_index.url).text


def test_a_memo_forgotten_in_one_process_is_worked_out_again_in_another(db):
    """Two memos of one name stand for two processes sharing the default cache (Redis, or
    without it the database's cache table: a change must reach every process at once, since
    a memo may decide whether a page is private)."""
    answers = iter(range(10))
    here, there = Memo("test", lambda: next(answers)), Memo("test", lambda: next(answers))
    here.begin()
    there.begin()
    assert (here.get(), there.get()) == (0, 1)
    assert (here.get(), there.get()) == (0, 1)

    here.forget()
    assert (here.get(), there.get()) == (2, 3)
    assert (here.get(), there.get()) == (2, 3)


def test_a_memo_without_its_token_keeps_nothing(db):
    """A cleared (or culled) cache: nothing kept can be told current, so nothing is used."""
    answers = iter(range(10))
    memo = Memo("test-no-token", lambda: next(answers))
    cache.delete(memo.key)
    assert [memo.get(), memo.get()] == [0, 1]
    memo.begin()
    assert [memo.get(), memo.get()] == [2, 2]


# Parts of pages kept for what they show (pbsite.fragments): an edit shows at once.


def test_the_guide_list_shows_an_edited_guide_at_once(client, guide_index):
    guide = make_guide(guide_index, "Hiring a PA")
    assert f'href="{guide.url}"' in client.get(guide_index.url).text

    guide.title, guide.slug, guide.summary = "Employing a PA", "employing-a-pa", "How to start."
    guide.save_revision().publish()
    listed = client.get(guide_index.url).text
    assert "Employing a PA" in listed and "How to start." in listed
    assert 'href="/guides/employing-a-pa/"' in listed
    assert "Hiring a PA" not in listed


def test_a_guide_shows_an_edited_related_guide_at_once(client, guide_index):
    from home.models import GuideRelatedLink

    guide = make_guide(guide_index, "Direct payments")
    related = make_guide(guide_index, "Hiring a PA")
    GuideRelatedLink.objects.create(page=guide, guide=related)
    assert 'href="/guides/hiring-a-pa/"' in client.get(guide.url).text

    related.title, related.slug, related.summary = "Employing a PA", "employing-a-pa", "Start."
    related.save_revision().publish()
    shown = client.get(guide.url).text
    assert 'href="/guides/employing-a-pa/"' in shown and "Employing a PA" in shown
    assert "Hiring a PA" not in shown

    related.unpublish()
    assert "Employing a PA" not in client.get(guide.url).text


def test_an_easy_read_version_shows_an_edited_line_at_once(client, guide_index):
    from home.models import EasyReadPage

    guide = make_guide(guide_index, "Direct payments")
    line = {"picture": "money", "text": "A budget is money for your care."}
    page = EasyReadPage(title="Easy Read", slug="easy-read", body=[{"type": "line", "value": line}])
    guide.add_child(instance=page)
    assert "A budget is money for your care." in client.get(page.url).text

    line = {"picture": "phone", "text": "Phone your council."}
    page.body = [{"type": "line", "value": line}]
    page.save_revision().publish()
    shown = client.get(page.url).text
    assert "Phone your council." in shown and "/static/home/pictograms/phone.svg" in shown
    assert "A budget is money for your care." not in shown


def test_the_glossary_shows_an_edited_word_at_once(client, glossary_page, glossary_terms):
    assert "Money paid to you." in client.get(glossary_page.url).text

    term = glossary_terms[0]
    term.meaning, term.also_known_as = "Council money you spend yourself.", "DP, cash"
    term.save()
    shown = client.get(glossary_page.url).text
    assert "Council money you spend yourself." in shown and "(also called DP, cash)" in shown
    assert "Money paid to you." not in shown


def test_a_memo_keeps_a_bounded_number_of_values(db, monkeypatch):
    monkeypatch.setattr("pbsite.caching.MEMO_VALUES_AT_MOST", 2)
    hosts = Memo("test-hosts", lambda host: host.upper())
    hosts.begin()
    assert [hosts.get(host) for host in ("a", "b", "c")] == ["A", "B", "C"]
    assert len(hosts.values) <= 2


def test_a_redirect_for_a_page_not_found_follows_the_sites_kept_in_memory(client, home):
    """Wagtail's redirects look for a redirect on every page not found, for the Site that
    answers (pbsite.sites tells them, from memory): a redirect for another Site is not taken,
    and a changed Site is seen at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.contrib.redirects.models import Redirect

    default = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="other.example", port=80, root_page=home)
    # Pools no longer there: their view answers "not found" (not Wagtail's page view).
    Redirect.objects.create(old_path="/pools/999998", site=default, redirect_link="/new-page/")
    Redirect.objects.create(old_path="/pools/999999", site=other, redirect_link="/there/")

    assert client.get("/pools/999998/").headers["Location"] == "/new-page/"
    assert client.get("/pools/999999/").status_code == 404
    with CaptureQueriesContext(connection) as queries:
        client.get("/pools/999999/")
    assert not [query for query in queries if "wagtailcore_site" in query["sql"]]

    other.is_default_site, default.is_default_site = True, False
    default.save()
    other.save()
    moved = client.get("/pools/999999/", HTTP_HOST="unknown.example")
    assert moved.headers["Location"] == "/there/"


# The child each address names (home.models.child_row), kept for routing: a change to a page's
# address, liveness or place shows at once.


def test_an_address_follows_a_page_added_renamed_unpublished_moved_and_deleted(
    client, guide_index, standard_page
):
    from home.models import GuidePage

    assert client.get("/guides/hiring-a-pa/").status_code == 404
    guide = make_guide(guide_index, "Hiring a PA")
    assert client.get("/guides/hiring-a-pa/").status_code == 200

    guide.slug = "employing-a-pa"
    guide.save_revision().publish()
    assert client.get("/guides/hiring-a-pa/").status_code == 404
    assert "Hiring a PA" in client.get("/guides/employing-a-pa/").text

    guide.unpublish()
    assert client.get("/guides/employing-a-pa/").status_code == 404
    guide.save_revision().publish()
    assert client.get("/guides/employing-a-pa/").status_code == 200

    # A section renamed: every address below it follows.
    guide_index.slug = "how-to"
    guide_index.save_revision().publish()
    assert client.get("/guides/").status_code == 404
    assert client.get("/how-to/").status_code == 200
    assert client.get("/how-to/employing-a-pa/").status_code == 200
    assert client.get("/guides/employing-a-pa/").status_code == 404

    guide = GuidePage.objects.get(pk=guide.pk)
    guide.move(standard_page, pos="last-child")
    # The old address is no page now: Wagtail's redirect made by the move answers it.
    assert client.get("/how-to/employing-a-pa/").headers["Location"] == "/about/employing-a-pa/"
    assert client.get("/about/employing-a-pa/").status_code == 200

    GuidePage.objects.get(pk=guide.pk).delete()
    assert client.get("/about/employing-a-pa/").status_code == 404


def test_a_page_edited_without_a_new_address_shows_its_edit_at_once(client, guide_index):
    guide = make_guide(guide_index, "Hiring a PA")
    assert "A short guide: Hiring a PA." in client.get(guide.url).text
    guide.summary = "Employing someone yourself."
    guide.save_revision().publish()
    assert "Employing someone yourself." in client.get(guide.url).text
    guide_index.title = "How-to guides"
    guide_index.save_revision().publish()
    assert "How-to guides" in client.get(guide.url).text  # the breadcrumbs


def test_a_page_found_by_its_address_costs_one_query_for_the_page(client, guide_index):
    """The child each address names is kept (routing reads no rows on the way down), and the
    page it ends at is read whole, as its kind, by its id: one query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    guide = make_guide(guide_index, "Hiring a PA")
    client.get(guide.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(guide.url).status_code == 200
    # The Site's root page (pbsite.sites) and the guide: three before (the guide index's row
    # was read on the way down). The memos' tokens are not counted: on the embedded default
    # they are an SQL read of the cache's table, with Redis no query (tests/queries.py).
    sql = without_cache_reads(queries)
    assert len(sql) == 2, sql
    assert f'"home_guidepage"."page_ptr_id" = {guide.pk}' in sql[-1]
