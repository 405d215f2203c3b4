"""Which page types may live where, and that every page type and block renders."""

from pathlib import Path

import pytest
from wagtail.models import Page

from home.models import (
    EasyReadPage,
    GlossaryPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    PrintPackIndexPage,
    StandardPage,
)

from .conftest import EVERY_BLOCK, make_guide

pytestmark = pytest.mark.django_db


def test_home_page_lives_only_under_the_root(home):
    root = Page.get_first_root_node()
    assert HomePage.can_create_at(root) is False  # there is one already (max_count = 1)
    assert HomePage.parent_page_types == ["wagtailcore.Page"]
    assert not HomePage.can_create_at(home)
    assert set(home.specific_class.allowed_subpage_models()) == {
        GuideIndexPage,
        GlossaryPage,
        StandardPage,
        PrintPackIndexPage,
    }


def test_guide_index_only_under_home_and_only_once(home):
    assert GuideIndexPage.can_create_at(home)
    home.add_child(instance=GuideIndexPage(title="Guides", slug="guides"))
    assert not GuideIndexPage.can_create_at(home)
    assert not GuideIndexPage.can_create_at(Page.get_first_root_node())


def test_guides_only_under_the_guide_index(home, guide_index, standard_page):
    assert GuidePage.can_create_at(guide_index)
    assert not GuidePage.can_create_at(home)
    assert not GuidePage.can_create_at(standard_page)
    assert GuidePage.allowed_subpage_models() == [EasyReadPage]  # its Easy Read version
    assert GuideIndexPage.allowed_subpage_models() == [GuidePage]


def test_standard_and_glossary_pages_under_home(home, guide_index):
    assert StandardPage.can_create_at(home)
    assert not StandardPage.can_create_at(guide_index)
    assert GlossaryPage.can_create_at(home)
    home.add_child(instance=GlossaryPage(title="Words explained", slug="glossary"))
    assert not GlossaryPage.can_create_at(home)


def test_every_block_renders(client, guide):
    response = client.get("/guides/direct-payments/")
    assert response.status_code == 200
    html = response.content.decode()
    for expected in [
        "<h2>What it is</h2>",  # paragraph, with its heading
        "Key point: </span>You choose",  # key_point
        "<li>Call the council</li>",  # steps
        "checklist__box",  # checklist
        "How long?",  # questions
        "Example: Sam’s story",  # example
        "It changed my week.",  # quote
        "A holder in Oxford",
        "Warning: </span>Tax",  # warning
        'href="/forum/c/employing-pas/"',  # ask_someone → forum category
        'href="/forum/buddies/"',  # ask_someone → a peer buddy
    ]:
        assert expected in html, expected
    assert len(EVERY_BLOCK) == len({block["type"] for block in EVERY_BLOCK}) == 9


def test_guide_shows_checked_on_reading_time_audience_and_tags(client, guide):
    html = client.get(guide.url).content.decode()
    assert "Checked on</dt><dd>14 September 2026" in html
    assert "About 1 minute" in html
    assert "People with a budget, Family carers" in html
    assert 'href="/guides/?tag=money"' in html


def test_guide_ends_with_how_to_reach_a_person_and_links_print_css(client, guide):
    html = client.get(guide.url).content.decode()
    assert html.index("Talk to a person") > html.index("guide-body")
    assert 'href="/static/css/print.css" media="print"' in html
    assert 'href="/static/home/guides-print.css" media="print"' in html


def test_print_stylesheets_exist_with_a4_and_link_addresses(client):
    from django.contrib.staticfiles import finders

    site_print = Path(finders.find("css/print.css")).read_text()
    guide_print = Path(finders.find("home/guides-print.css")).read_text()
    assert "size: A4" in site_print and "attr(href)" in site_print
    assert ".guide-feedback" in guide_print


def test_related_guides_shown_when_published(client, guide_index, guide):
    from home.models import GuideRelatedLink

    other = make_guide(guide_index, "Hiring a PA", stage="employing-pas")
    draft = make_guide(guide_index, "Secret draft", live=False)
    guide.related_guide_links = [GuideRelatedLink(guide=other), GuideRelatedLink(guide=draft)]
    guide.save()
    html = client.get(guide.url).content.decode()
    assert "Hiring a PA" in html
    assert "Secret draft" not in html


def test_related_guides_cost_no_query_each(client, guide_index, guide):
    """Related guides are read with only what their cards show: a field left out would be
    read again for each guide, one query each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.models import GuideRelatedLink

    def queries_with(count: int) -> int:
        related = [make_guide(guide_index, f"Related {len(guide_index.get_children())}")]
        related += [make_guide(guide_index, f"More {n}") for n in range(count - 1)]
        guide.related_guide_links = [GuideRelatedLink(guide=page) for page in related]
        guide.save()
        client.get(guide.url)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(guide.url).content.decode()
        assert all(f'href="{page.url}"' in html and page.summary in html for page in related)
        return len(queries)

    assert queries_with(1) == queries_with(3)


def test_unpublished_guide_is_not_found(client, guide_index):
    make_guide(guide_index, "Not yet", live=False)
    assert client.get("/guides/not-yet/").status_code == 404


def test_standard_page_renders_paragraph_and_notice(client, standard_page):
    html = client.get("/about/").content.decode()
    assert "We are a group of holders." in html
    assert "We never ask for bank details." in html
    assert "notice--info" in html


def test_home_page_has_the_journeys_and_parts(client, home):
    html = client.get("/").content.decode()
    for journey in [
        "I'm new",
        "I need a PA",
        "I want to buy something with others",
        "I want to help",
    ]:
        assert journey.replace("'", "&#x27;") in html
    for part in ['href="/register/"', 'href="/forum/"', 'href="/pools/"', 'href="/guides/"']:
        assert part in html


def test_home_page_lists_featured_guides(client, home, guide):
    from home.models import HomeFeaturedGuide

    home.featured_guide_links = [HomeFeaturedGuide(guide=guide)]
    home.save()
    html = client.get("/").content.decode()
    assert "Guides people read first" in html and guide.url in html


def test_glossary_page_lists_terms_a_to_z_with_anchors(client, glossary_page, glossary_terms):
    html = client.get("/glossary/").content.decode()
    assert 'id="direct-payment"' in html
    assert 'href="#letter-D"' in html and 'href="#letter-H"' in html
    assert html.index("direct payment") < html.index("HMRC") < html.index("personal assistant")
    assert "also called DP" in html


def test_a_guides_breadcrumbs_name_and_link_each_page_above_it_in_one_query(
    client, guide, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from home.models import GuidePage

    guide.breadcrumbs()  # the first fills Wagtail's per-process cache of site root paths
    read_alone = GuidePage.objects.get(pk=guide.pk)  # not routed: nothing above it loaded
    with CaptureQueriesContext(connection) as queries:
        crumbs = read_alone.breadcrumbs()
    assert crumbs == [("Home", "/"), ("Guides", "/guides/")]
    # The ancestors only, not each one's specific page too (three queries before).
    assert len(queries) == 1
    client.get(guide.url)
    # Served, the pages above were loaded on the way down (no query for the crumbs), the
    # default locale is known (it was a query four times a page), and the guide is found as a
    # guide in one query; its audiences, topics, category and translations are kept in the
    # process (GuidePage.facts, pbsite.locales). 21 before, then 14, then 9.
    with django_assert_max_num_queries(4):
        assert client.get(guide.url).status_code == 200
