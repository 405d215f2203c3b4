"""The demo loader builds the tree from the YAML files, publishes revisions, and a second run
changes nothing."""

import io
import textwrap

import pytest
from wagtail.models import Locale, Page, Revision, Site

from home import demo
from home.models import GlossaryPage, GlossaryTerm, GuideIndexPage, GuidePage, StandardPage

pytestmark = pytest.mark.django_db

GUIDE_A = """
title: What a personal budget is
slug: what-is-a-personal-budget
stage: before-you-apply
audience: [holder, carer]
tags: [basics, money]
summary: >
  A personal budget is money for your support. You choose how it is spent.
last_reviewed: 2026-09-14
sources: Report 004 (Oxfordshire, 2019).
related: [hiring-a-pa, no-such-guide]
body:
  - paragraph: "<p>A <b>personal budget</b> is money from the council.</p><script>x</script>"
  - key_point: {heading: You are in charge, text: You decide what helps.}
  - steps: {heading: How to ask, items: [Call the council, Ask for an assessment]}
  - checklist: {heading: Have ready, items: [Your NHS number]}
  - questions: {heading: Questions to ask, items: ["How long will it take?"]}
  - example: {name: Amir, story: Amir used his budget to go swimming.}
  - quote: {text: It gave me my week back., who: A holder in Oxford}
  - warning: {heading: Keep records, text: Keep every receipt.}
  - ask_someone:
      {heading: Ask someone, text: People here can help., forum_category: getting-started}
"""

GUIDE_B = """
title: Hiring a PA
slug: hiring-a-pa
stage: employing-pas
audience: [holder]
tags: [pas]
summary: How to find and hire a personal assistant.
last_reviewed: 2025-01-10
related: [what-is-a-personal-budget]
body:
  - paragraph: "<p>A PA is someone you employ.</p>"
"""

GLOSSARY = """
- term: personal budget
  slug: personal-budget
  meaning: Money from the council for your care and support.
  explanation: It can be paid to you or held for you.
  also_known_as: [PB]
- term: personal assistant
  slug: personal-assistant
  meaning: Someone you employ to help you.
  also_known_as: [PA]
"""


@pytest.fixture
def content(tmp_path, monkeypatch):
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "what-is-a-personal-budget.yaml").write_text(textwrap.dedent(GUIDE_A))
    (guides / "hiring-a-pa.yaml").write_text(textwrap.dedent(GUIDE_B))
    (guides / "broken.yaml").write_text("title: [unclosed\n")
    (tmp_path / "glossary.yaml").write_text(textwrap.dedent(GLOSSARY))
    monkeypatch.setattr(demo, "GUIDES_DIR", guides)
    monkeypatch.setattr(demo, "GLOSSARY_FILE", tmp_path / "glossary.yaml")
    monkeypatch.setattr(demo, "TRANSLATIONS_DIR", tmp_path / "translations")
    return tmp_path


def snapshot():
    return (
        Page.objects.count(),
        Revision.objects.count(),
        GlossaryTerm.objects.count(),
        sorted(Page.objects.values_list("url_path", flat=True)),
    )


def test_loader_builds_the_tree(content, client):
    out = io.StringIO()
    demo.load(out)
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert GuideIndexPage.objects.get().url == "/guides/"
    assert GlossaryPage.objects.get().url == "/glossary/"
    assert sorted(StandardPage.objects.values_list("slug", flat=True)) == [
        "about",
        "accessibility",
        "code-of-conduct",
        "contact",
        "privacy",
    ]
    assert GuidePage.objects.live().count() == 2
    assert "skipped a guide: broken.yaml" in out.getvalue()
    assert "no guide called no-such-guide" in out.getvalue()
    for path in [
        "/",
        "/guides/",
        "/glossary/",
        "/about/",
        "/contact/",
        "/accessibility/",
        "/privacy/",
        "/code-of-conduct/",
        "/guides/what-is-a-personal-budget/",
    ]:
        assert client.get(path).status_code == 200, path


def test_guides_carry_everything_from_the_file(content):
    demo.load(io.StringIO())
    guide = GuidePage.objects.get(slug="what-is-a-personal-budget")
    assert guide.live and guide.has_unpublished_changes is False
    assert guide.revisions.exists() and guide.live_revision_id
    assert sorted(guide.tags.names()) == ["basics", "money"]
    assert sorted(a.slug for a in guide.audiences.all()) == ["carer", "holder"]
    assert [url for _title, url, _summary in guide.related_guide_cards(None)] == [
        "/guides/hiring-a-pa/"
    ]
    assert [block.block_type for block in guide.body] == [
        "paragraph",
        "key_point",
        "steps",
        "checklist",
        "questions",
        "example",
        "quote",
        "warning",
        "ask_someone",
    ]
    assert "<script>" not in guide.body[0].value.source
    assert guide.body[1].value["text"].source == "<p>You decide what helps.</p>"
    assert guide.sources == "Report 004 (Oxfordshire, 2019)."
    assert guide.reading_grade is not None and guide.word_count > 20
    term = GlossaryTerm.objects.get(slug="personal-budget")
    assert term.aliases == ["PB"]


def test_second_run_changes_nothing(content):
    demo.load(io.StringIO())
    before = snapshot()
    out = io.StringIO()
    demo.load(out)
    assert snapshot() == before
    assert "added" not in out.getvalue().replace("added or changed", "")
    assert "updated" not in out.getvalue()


def test_a_changed_file_updates_the_page_by_slug(content):
    demo.load(io.StringIO())
    revisions = GuidePage.objects.get(slug="hiring-a-pa").revisions.count()
    path = content / "guides" / "hiring-a-pa.yaml"
    path.write_text(path.read_text().replace("How to find and hire", "How to find, and hire,"))
    demo.load(io.StringIO())
    guide = GuidePage.objects.get(slug="hiring-a-pa")
    assert guide.summary.startswith("How to find, and hire,")
    assert guide.revisions.count() == revisions + 1
    assert guide.live_revision_id == guide.revisions.order_by("-pk").first().pk
    assert GuidePage.objects.count() == 2


def test_guides_appearing_later_are_added(content):
    demo.load(io.StringIO())
    (content / "guides" / "later.yaml").write_text(
        GUIDE_B.replace("hiring-a-pa", "later-one").replace("Hiring a PA", "Later")
    )
    demo.load(io.StringIO())
    assert GuidePage.objects.filter(slug="later-one", live=True).exists()


def test_the_real_demo_guides_all_load():
    """Every file in home/demo_content/guides/ parses, and the loader publishes each one."""
    files = sorted(demo.GUIDES_DIR.glob("*.yaml")) if demo.GUIDES_DIR.is_dir() else []
    if not files:
        pytest.skip("home/demo_content/guides/ has no guides yet")
    problems = []
    for path in files:
        try:
            demo.read_guide(path)
        except demo.DemoContentError as error:
            problems.append(str(error))
    assert problems == []
    demo.load(io.StringIO())
    english = GuidePage.objects.live().filter(locale=Locale.get_default())
    assert english.count() == len(files)
    # And the translations (home/demo_content/translations/): the first-steps guide in two.
    assert GuidePage.objects.live().exclude(locale=Locale.get_default()).count() == 2
    assert GlossaryTerm.objects.count() >= (40 if demo.GLOSSARY_FILE.exists() else 0)
