"""What the site search may show from the guides part: published, public pages only, and the
glossary (which is public by nature)."""

from django.utils.translation import gettext as _

from pbsite.locales import active_locale_id, default_locale_id
from search.registry import SearchHit

from .models import GlossaryTerm, GuidePage, HomePage, StandardPage


def in_reading_languages(pages):
    """English pages, and in another language its translations too: most pages are only in
    English, so a Polish reader still finds them."""
    return pages.filter(locale__in={default_locale_id(), active_locale_id()})


def visible_guides(user):
    return in_reading_languages(GuidePage.objects.live().public())


def popular_guides(limit: int = 5):
    """The guides the home page features (chosen by editors), else the first in the tree."""
    home = HomePage.objects.live().first()
    featured = [link.guide for link in home.featured_guide_links.all()] if home else []
    featured = [guide for guide in featured if guide.live][:limit]
    return featured or list(visible_guides(None).order_by("path")[:limit])


def describe_guide(guide: GuidePage) -> SearchHit:
    return SearchHit(
        title=guide.title,
        url=guide.url,
        summary=guide.summary,
        meta=_("Guide · %(stage)s") % {"stage": guide.get_stage_display()},
    )


def visible_terms(user):
    return GlossaryTerm.objects.all()


def describe_term(term: GlossaryTerm) -> SearchHit:
    return SearchHit(
        title=term.term,
        url=term.get_absolute_url(),
        summary=term.meaning,
        meta=_("Words explained"),
    )


def visible_standard_pages(user):
    return in_reading_languages(StandardPage.objects.live().public())


def describe_standard_page(page: StandardPage) -> SearchHit:
    return SearchHit(title=page.title, url=page.url, summary=page.summary, meta=_("About us"))
