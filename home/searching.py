"""What the site search may show from the guides part: published, public pages only, and the
glossary (which is public by nature)."""

from search.registry import SearchHit

from .models import GlossaryTerm, GuidePage, StandardPage


def visible_guides(user):
    return GuidePage.objects.live().public()


def describe_guide(guide: GuidePage) -> SearchHit:
    return SearchHit(
        title=guide.title,
        url=guide.url,
        summary=guide.summary,
        meta=f"Guide · {guide.get_stage_display()}",
    )


def visible_terms(user):
    return GlossaryTerm.objects.all()


def describe_term(term: GlossaryTerm) -> SearchHit:
    return SearchHit(
        title=term.term,
        url=term.get_absolute_url(),
        summary=term.meaning,
        meta="Words explained",
    )


def visible_standard_pages(user):
    return StandardPage.objects.live().public()


def describe_standard_page(page: StandardPage) -> SearchHit:
    return SearchHit(title=page.title, url=page.url, summary=page.summary, meta="About us")
