import datetime
import io

import pytest

from forum.models import Category
from home import demo
from home.models import (
    Audience,
    GlossaryPage,
    GlossaryTerm,
    GuideIndexPage,
    GuidePage,
    StandardPage,
)

# One of every block, so a rendering test covers them all.
EVERY_BLOCK = [
    {
        "type": "paragraph",
        "value": "<h2>What it is</h2><p>A direct payment is money paid to you. "
        'See <a href="/about/">about</a>.</p><ul><li>One thing</li></ul>',
    },
    {"type": "key_point", "value": {"heading": "You choose", "text": "<p>It is your plan.</p>"}},
    {"type": "steps", "value": {"heading": "How to ask", "items": ["Call the council", "Ask"]}},
    {"type": "checklist", "value": {"heading": "Have ready", "items": ["Your NHS number"]}},
    {"type": "questions", "value": {"heading": "Questions to ask", "items": ["How long?"]}},
    {"type": "example", "value": {"name": "Sam", "story": "<p>Sam hired a PA in March.</p>"}},
    {"type": "quote", "value": {"text": "It changed my week.", "who": "A holder in Oxford"}},
    {"type": "warning", "value": {"heading": "Tax", "text": "<p>Check with HMRC first.</p>"}},
    {
        "type": "ask_someone",
        "value": {
            "heading": "Ask someone",
            "text": "<p>Others can help.</p>",
            "forum_category": "employing-pas",  # a slug here; make_guide gives the block its id
        },
    },
]


def every_block() -> list[dict]:
    """EVERY_BLOCK as a guide stores it: "Ask someone" holds the forum category's id."""
    category, _ = Category.objects.get_or_create(
        slug="employing-pas", defaults={"name": "Employing PAs"}
    )
    return [
        {**block, "value": {**block["value"], "forum_category": category.pk}}
        if block["type"] == "ask_someone"
        else block
        for block in EVERY_BLOCK
    ]


@pytest.fixture
def home(db):
    return demo.ensure_home_page()


@pytest.fixture
def guide_index(home):
    index = GuideIndexPage(title="Guides", slug="guides")
    home.add_child(instance=index)
    return index


def make_guide(
    index,
    title,
    *,
    slug=None,
    stage="before-you-apply",
    tags=(),
    audiences=(),
    body=None,
    live=True,
    last_reviewed=datetime.date(2026, 9, 14),
    **extra,
):
    guide = GuidePage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        summary=f"A short guide: {title}.",
        stage=stage,
        body=body if body is not None else every_block(),
        last_reviewed=last_reviewed,
        live=live,
        **extra,
    )
    guide.tags.set(list(tags))
    guide.audiences.set(list(Audience.objects.filter(slug__in=audiences)))
    index.add_child(instance=guide)
    return guide


@pytest.fixture
def guide(guide_index):
    return make_guide(guide_index, "Direct payments", tags=["money"], audiences=["holder", "carer"])


@pytest.fixture
def glossary_terms(db):
    return [
        GlossaryTerm.objects.create(
            term="direct payment",
            slug="direct-payment",
            meaning="Money paid to you.",
            also_known_as="DP",
        ),
        GlossaryTerm.objects.create(
            term="personal assistant",
            slug="personal-assistant",
            meaning="Someone you employ to help you.",
            also_known_as="PA",
        ),
        GlossaryTerm.objects.create(
            term="HMRC",
            slug="hmrc",
            meaning="The government's tax office.",
        ),
    ]


@pytest.fixture
def glossary_page(home):
    page = GlossaryPage(title="Words explained", slug="glossary")
    home.add_child(instance=page)
    return page


@pytest.fixture
def standard_page(home):
    page = StandardPage(
        title="About Budget Circle",
        slug="about",
        summary="Who we are.",
        body=[
            {"type": "paragraph", "value": "<p>We are a group of holders.</p>"},
            {
                "type": "notice",
                "value": {"title": "", "text": "We never ask for bank details.", "kind": "info"},
            },
        ],
    )
    home.add_child(instance=page)
    return page


@pytest.fixture
def quiet():
    return io.StringIO()
