"""What each process keeps of a guide's surroundings (GuidePage.facts, the forum categories its
"Ask someone" names, pbsite.locales.live_translations): every change an editor or a moderator
can make shows on the very next view of the guide."""

import pytest
from taggit.models import Tag
from wagtail.models import Locale

from forum.models import Category
from home.models import Audience, GuidePageTag, GuideRelatedLink

from .conftest import make_guide

pytestmark = pytest.mark.django_db


def about(client, guide) -> str:
    return client.get(guide.url).text


def test_a_renamed_or_changed_audience_shows_at_once(client, guide):
    assert "Family carers" in about(client, guide)
    carer = Audience.objects.get(slug="carer")
    carer.name = "People who care for someone"
    carer.save()
    assert "People who care for someone" in about(client, guide)

    guide.audiences.set(list(Audience.objects.filter(slug="holder")))
    guide.save()
    assert "People who care for someone" not in about(client, guide)


def test_a_topic_added_renamed_or_taken_off_shows_at_once(client, guide):
    assert "?tag=money" in about(client, guide)
    money = Tag.objects.get(slug="money")
    money.name = "Paying for things"
    money.save()
    assert "Paying for things" in about(client, guide)

    housing = Tag.objects.create(name="Housing", slug="housing")
    GuidePageTag.objects.create(content_object=guide, tag=housing)
    assert "?tag=housing" in about(client, guide)

    GuidePageTag.objects.filter(content_object=guide, tag=housing).delete()
    assert "?tag=housing" not in about(client, guide)


def test_a_related_guide_shows_its_changes_at_once(client, guide_index, guide):
    other = make_guide(guide_index, "Hiring a PA")
    assert "Hiring a PA" not in about(client, guide)

    link = GuideRelatedLink.objects.create(page=guide, guide=other)
    assert 'href="/guides/hiring-a-pa/"' in about(client, guide)

    other.title, other.slug = "Employing a PA", "employing-a-pa"
    other.summary = "Everything about being an employer."
    other.save_revision().publish()
    html = about(client, guide)
    assert "Employing a PA" in html and 'href="/guides/employing-a-pa/"' in html
    assert "Everything about being an employer." in html

    other.unpublish()
    assert "Employing a PA" not in about(client, guide)
    other.save_revision().publish()
    assert "Employing a PA" in about(client, guide)

    link.delete()
    assert "Employing a PA" not in about(client, guide)


def test_a_renamed_guide_list_moves_the_related_guides_addresses_at_once(
    client, guide_index, guide
):
    other = make_guide(guide_index, "Hiring a PA")
    GuideRelatedLink.objects.create(page=guide, guide=other)
    assert 'href="/guides/hiring-a-pa/"' in about(client, guide)

    guide_index.slug = "help"
    guide_index.save_revision().publish()
    guide.refresh_from_db()
    assert 'href="/help/hiring-a-pa/"' in about(client, guide)


def test_a_renamed_forum_category_moves_ask_someones_link_at_once(client, guide):
    assert "employing-pas/" in about(client, guide)
    category = Category.objects.get(slug="employing-pas")
    category.slug = "hiring-and-employing"
    category.save()
    html = about(client, guide)
    assert "hiring-and-employing" in html and "employing-pas/" not in html


def test_a_translation_published_or_unpublished_shows_in_the_switcher_at_once(client, guide):
    polish = Locale.objects.get_or_create(language_code="pl")[0]
    assert "/pl/guides/direct-payments/" in about(client, guide)  # the same page, in Polish

    translation = guide.copy_for_translation(polish, copy_parents=True)
    translation.slug = "platnosci-bezposrednie"
    translation.save_revision().publish()
    html = about(client, guide)
    assert "/pl/guides/platnosci-bezposrednie/" in html and 'hreflang="pl"' in html

    translation.refresh_from_db()  # publishing changed the row, not this copy of it
    translation.unpublish()
    html = about(client, guide)
    assert "platnosci-bezposrednie" not in html and 'hreflang="pl"' not in html


def test_a_guide_read_again_asks_nothing_of_its_surroundings(client, guide_index, guide):
    """Its audiences, topics, related guides, category and translations are kept."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    GuideRelatedLink.objects.create(page=guide, guide=make_guide(guide_index, "Hiring a PA"))
    client.get(guide.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(guide.url).status_code == 200
    tables = " ".join(query["sql"] for query in queries)
    for table in ("home_audience", "taggit_tag", "home_guiderelatedlink", "forum_category"):
        assert table not in tables
    assert '"translation_key" = ' not in tables
