"""Shared layout components through the pages that use them (Django test client)."""

import pytest

pytestmark = pytest.mark.django_db

SEARCH_PAGES = [
    # (page, a search with a valid filter, the filter's words in the summary, a broken search)
    (
        "/register/",
        "?where=OX4&kinds=personal_care&sort=best",
        "Postcode or town: OX4",
        "?where=ZZ+ZZ",
    ),
    (
        "/directory/",
        "?where=OX4&pay=direct_payments",
        "How you pay: Direct payments",
        "?where=ZZ+ZZ",
    ),
]


@pytest.mark.parametrize(("path", "query", "words", "broken"), SEARCH_PAGES)
def test_filters_are_the_open_form_before_a_search(client, path, query, words, broken):
    html = client.get(path).content.decode()
    assert '<div class="filter-panel">' in html
    assert "filter-summary" not in html and '<details class="filter-panel"' not in html


@pytest.mark.parametrize(("path", "query", "words", "broken"), SEARCH_PAGES)
def test_after_a_search_a_summary_and_the_results_come_before_the_folded_filters(
    client, path, query, words, broken
):
    html = client.get(path + query).content.decode()
    # What was chosen, in words (choices by their labels, not their codes).
    assert "You searched for:" in html
    assert words in html
    # The filters fold into a closed <details> ("Change your search"), one tap away without
    # JavaScript, and the results heading follows them.
    assert '<details class="filter-panel">' in html
    assert "<summary>Change your search</summary>" in html
    assert html.index("You searched for:") < html.index("filter-panel__form")
    assert html.index("filter-panel__form") < html.index('id="results-title"')
    assert f'<a class="filter-panel__clear" href="{path}">' in html


@pytest.mark.parametrize(("path", "query", "words", "broken"), SEARCH_PAGES)
def test_with_errors_the_filters_stay_open_beside_their_messages(
    client, path, query, words, broken
):
    html = client.get(path + broken).content.decode()
    assert "error-summary" in html
    assert '<div class="filter-panel">' in html
    assert '<details class="filter-panel"' not in html and "You searched for:" not in html


def test_ticked_boxes_and_several_choices_read_as_words(client):
    from pa_register.models import SupportKind

    html = client.get("/register/?kinds=personal_care&kinds=driving&short_notice=on").content
    html = html.decode()
    labels = [SupportKind("personal_care").label, SupportKind("driving").label]
    assert f"{labels[0]}, {labels[1]}" in html
    summary = html.split('class="filter-summary"')[1].split("</div>")[0]
    assert "personal_care" not in summary
    assert "<li>Can cover at short notice</li>" in summary


def test_site_address_for_printed_links_is_the_address_the_reader_used(client):
    response = client.get("/site-address.css", HTTP_HOST="localhost:8123")
    assert response["Content-Type"].startswith("text/css")
    assert response.content.decode().strip() == ':root { --site-address: "http://localhost:8123"; }'
    page = client.get("/register/").content.decode()
    assert 'href="/site-address.css" media="print"' in page
