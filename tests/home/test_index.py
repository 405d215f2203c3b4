"""/guides/: grouped by stage, filtered by topic and audience, and never a 500 on junk."""

import pytest

from .conftest import make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(guide_index):
    return [
        make_guide(guide_index, "What is a budget", tags=["basics"], audiences=["holder"]),
        make_guide(
            guide_index,
            "Hiring a PA",
            stage="employing-pas",
            tags=["pas", "money"],
            audiences=["holder", "carer"],
        ),
        make_guide(
            guide_index,
            "Being paid",
            stage="employing-pas",
            tags=["money"],
            audiences=["pa", "provider"],
        ),
        make_guide(guide_index, "Hidden draft", tags=["basics"], live=False),
    ]


def titles(response):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    return [a.get_text() for a in soup.select("main .card__title a")]


def test_guides_grouped_by_stage_in_journey_order(client, guides):
    response = client.get("/guides/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index('id="before-you-apply"') < html.index('id="employing-pas"')
    assert titles(response) == ["What is a budget", "Being paid", "Hiring a PA"]
    assert "Hidden draft" not in html
    assert "Assessment and support planning" not in html  # empty stages are left out


def test_filter_by_topic(client, guides):
    assert titles(client.get("/guides/?tag=money")) == ["Being paid", "Hiring a PA"]


def test_filter_by_audience(client, guides):
    assert titles(client.get("/guides/?audience=carer")) == ["Hiring a PA"]


def test_filter_by_both(client, guides):
    assert titles(client.get("/guides/?tag=money&audience=pa")) == ["Being paid"]


def test_no_match_says_what_to_do(client, guides):
    html = client.get("/guides/?tag=basics&audience=pa").content.decode()
    assert "No guides match" in html and "Show all guides" in html


def test_topics_offered_are_those_of_published_guides(client, guide_index, guides):
    make_guide(guide_index, "Secret", tags=["secret-topic"], live=False)
    html = client.get("/guides/").content.decode()
    assert 'value="money"' in html
    assert "secret-topic" not in html


@pytest.mark.parametrize(
    "query",
    [
        "tag=<script>alert(1)</script>",
        "audience=999",
        "audience=holder&audience=carer",
        "tag=" + "x" * 5000,
        "tag=%00",
        "page=-1&sort=title",
        "tag[]=money",
    ],
)
def test_junk_never_fails(client, guides, query):
    response = client.get(f"/guides/?{query}")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_junk_topic_gets_a_plain_error(client, guides):
    html = client.get("/guides/?tag=nonsense").content.decode()
    assert "We have no topic with that name. Choose one from the list." in html
    assert "We could not use part of your choice" in html
