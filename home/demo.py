"""The demo page tree: home, the guides (from home/demo_content/guides/*.yaml), the glossary
(home/demo_content/glossary.yaml) and the plain pages in the footer (home/demo_content/pages.yaml).

Idempotent: every page and term is found by its slug; a page gets a new published revision only
when what the files say differs from what is live, so a second run changes nothing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import nh3
import yaml
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from forum.models import Category
from pbsite.demo_loading import read_demo

from .blocks import GuideBodyBlock
from .models import (
    Audience,
    EasyReadPage,
    GlossaryPage,
    GlossaryTerm,
    GuideIndexPage,
    GuidePage,
    GuideRelatedLink,
    HomeFeaturedGuide,
    HomePage,
    PrintPackIndexPage,
    PrintPackPage,
    Stage,
    StandardPage,
)

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
GUIDES_DIR = CONTENT_DIR / "guides"
GLOSSARY_FILE = CONTENT_DIR / "glossary.yaml"
EASY_READ_DIR = CONTENT_DIR / "easy_read"
TRANSLATIONS_DIR = CONTENT_DIR / "translations"
PRINT_PACKS_FILE = CONTENT_DIR / "print_packs.yaml"

RICH_TEXT_TAGS = {"p", "b", "i", "strong", "em", "a", "ul", "ol", "li", "h2", "h3", "br"}
# Struct block fields that are rich text: a plain sentence in the YAML becomes a paragraph.
RICH_FIELDS = {
    "key_point": {"text"},
    "example": {"story"},
    "warning": {"text"},
    "ask_someone": {"text"},
}
FEATURED_COUNT = 4


class DemoContentError(ValueError):
    """A demo file that cannot be loaded; the message says which and why."""


# --- Reading the files ----------------------------------------------------------------------


def clean_html(html: str) -> str:
    html = str(html).strip()
    if not html.startswith("<"):
        html = f"<p>{html}</p>"
    return nh3.clean(html, tags=RICH_TEXT_TAGS, attributes={"a": {"href"}}, link_rel=None)


def body_from_yaml(items, source: str, category_ids: dict[str, int] | None = None) -> list[dict]:
    """The YAML body (a list of one-key dicts) as StreamField raw data. The files name a forum
    category by its slug; the block keeps the category's id, from ``category_ids`` (none when
    the guides are only read, as ``guide_readability`` does, or the forum has no such category:
    the block then links to the forum's front page)."""
    known = set(GuideBodyBlock.base_blocks)
    stream = []
    for position, item in enumerate(items or [], start=1):
        if not isinstance(item, dict) or len(item) != 1:
            raise DemoContentError(f"{source}: body item {position} is not a one-key mapping")
        ((block_type, value),) = item.items()
        if block_type not in known:
            raise DemoContentError(f"{source}: body item {position} has unknown type {block_type}")
        if block_type == "paragraph":
            value = clean_html(value)
        elif isinstance(value, dict):
            value = {
                key: clean_html(text) if key in RICH_FIELDS.get(block_type, ()) else text
                for key, text in value.items()
            }
        if block_type == "ask_someone" and isinstance(value, dict):
            slug = str(value.get("forum_category") or "")
            value = {**value, "forum_category": (category_ids or {}).get(slug)}
        stream.append({"type": block_type, "value": value})
    return stream


@dataclass
class GuideSpec:
    slug: str
    title: str
    stage: str
    summary: str
    last_reviewed: datetime.date
    body: list[dict]
    audiences: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sources: str = ""
    related: list[str] = field(default_factory=list)


def read_guide(path: Path, category_ids: dict[str, int] | None = None) -> GuideSpec:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise DemoContentError(f"{path.name}: not valid YAML ({error})") from error
    if not isinstance(data, dict):
        raise DemoContentError(f"{path.name}: expected a mapping at the top")
    missing = [key for key in ("title", "stage", "summary", "body") if not data.get(key)]
    if missing:
        raise DemoContentError(f"{path.name}: missing {', '.join(missing)}")
    if data["stage"] not in Stage.values:
        raise DemoContentError(f"{path.name}: unknown stage {data['stage']!r}")
    reviewed = data.get("last_reviewed") or datetime.date.today()
    if isinstance(reviewed, str):
        try:
            reviewed = datetime.date.fromisoformat(reviewed)
        except ValueError as error:
            raise DemoContentError(f"{path.name}: last_reviewed is not a date") from error
    return GuideSpec(
        slug=str(data.get("slug") or path.stem),
        title=str(data["title"]).strip(),
        stage=data["stage"],
        summary=" ".join(str(data["summary"]).split()),
        last_reviewed=reviewed,
        body=body_from_yaml(data["body"], path.name, category_ids),
        audiences=[str(a) for a in data.get("audience") or []],
        tags=[str(t).lower() for t in data.get("tags") or []],
        sources=" ".join(str(data.get("sources") or "").split()),
        related=[str(s) for s in data.get("related") or []],
    )


def read_guides(stdout, category_ids: dict[str, int] | None = None) -> list[GuideSpec]:
    specs = []
    for path in sorted(GUIDES_DIR.glob("*.yaml")) if GUIDES_DIR.is_dir() else []:
        try:
            specs.append(read_guide(path, category_ids))
        except DemoContentError as error:
            stdout.write(f"  skipped a guide: {error}")
    return specs


def read_glossary(stdout) -> list[dict]:
    if not GLOSSARY_FILE.exists():
        return []
    try:
        items = yaml.safe_load(GLOSSARY_FILE.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as error:
        stdout.write(f"  skipped the glossary: not valid YAML ({error})")
        return []
    terms = []
    for item in items:
        if not isinstance(item, dict) or not item.get("term") or not item.get("meaning"):
            stdout.write(f"  skipped a glossary entry without a term and meaning: {item!r:.80}")
            continue
        terms.append(item)
    return terms


# --- Comparing and publishing ---------------------------------------------------------------


def strip_ids(value):
    """Block data without ids, and list items in one shape (``{"type": "item", …}`` or bare)."""
    if (
        isinstance(value, dict)
        and value.get("type") == "item"
        and set(value) <= {"type", "value", "id"}
    ):
        return strip_ids(value.get("value"))
    if isinstance(value, dict):
        return {key: strip_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [strip_ids(item) for item in value]
    return value


def comparable_stream(stream_field, value) -> list:
    """A StreamField value (raw list or StreamValue) in a form two can be compared with ==."""
    block = stream_field.stream_block
    if isinstance(value, list):
        value = block.to_python(value)
    return strip_ids(block.get_prep_value(value))


def differs(page: Page, values: dict) -> bool:
    for name, wanted in values.items():
        current = getattr(page, name)
        model_field = page._meta.get_field(name)
        if model_field.get_internal_type() == "StreamField" or hasattr(model_field, "stream_block"):
            if comparable_stream(model_field, current) != comparable_stream(model_field, wanted):
                return True
        elif current != wanted:
            return True
    return False


def publish(page: Page) -> None:
    page.save_revision(log_action=True).publish()


def ensure_page(parent: Page, model, slug: str, values: dict, stdout) -> tuple[Page, bool]:
    """The child of ``parent`` with this slug, created or brought up to date; True if changed."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **values)
        parent.add_child(instance=page)
        publish(page)
        stdout.write(f"  added {page.url_path}")
        return page, True
    if differs(page, values):
        for name, value in values.items():
            setattr(page, name, value)
        publish(page)
        stdout.write(f"  updated {page.url_path}")
        return page, True
    return page, False


# --- The parts of the tree ------------------------------------------------------------------


def page_words() -> dict:
    """The home, index and footer pages' words (home/demo_content/pages.yaml)."""
    return read_demo("home", "pages", expect=dict)


def ensure_home_page() -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Budget Circle",
                slug="home-budget-circle",
                intro=page_words()["intros"]["home"],
            )
        )
        publish(home)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.save()
        if old_root.specific_class is Page and not old_root.get_children().exists():
            old_root.delete()
    return home


def load_glossary(stdout) -> int:
    changed = 0
    for item in read_glossary(stdout):
        values = {
            "term": str(item["term"]).strip(),
            "meaning": " ".join(str(item["meaning"]).split()),
            "explanation": str(item.get("explanation") or "").strip(),
            "also_known_as": ", ".join(str(name) for name in item.get("also_known_as") or []),
        }
        slug = str(item.get("slug") or "").strip() or _slugify(values["term"])
        term = (
            GlossaryTerm.objects.filter(slug=slug).first()
            or GlossaryTerm.objects.filter(term__iexact=values["term"]).first()
        )
        if term is None:
            GlossaryTerm.objects.create(slug=slug, **values)
            changed += 1
        elif term.slug != slug or any(getattr(term, k) != v for k, v in values.items()):
            term.slug = slug
            for name, value in values.items():
                setattr(term, name, value)
            term.save()
            changed += 1
    return changed


def _slugify(text: str) -> str:
    from django.utils.text import slugify

    return slugify(text)[:80]


def guide_differs(page: GuidePage, spec: GuideSpec, audiences: list[Audience]) -> bool:
    return (
        differs(page, guide_values(spec))
        or set(page.tags.names()) != set(spec.tags)
        or {a.pk for a in page.audiences.all()} != {a.pk for a in audiences}
    )


def guide_values(spec: GuideSpec) -> dict:
    return {
        "title": spec.title,
        "summary": spec.summary,
        "stage": spec.stage,
        "last_reviewed": spec.last_reviewed,
        "sources": spec.sources,
        "body": spec.body,
    }


def ensure_guide(index: GuideIndexPage, spec: GuideSpec, stdout) -> bool:
    audiences = list(Audience.objects.filter(slug__in=spec.audiences))
    page = GuidePage.objects.child_of(index).filter(slug=spec.slug).first()
    created = page is None
    if created:
        page = GuidePage(slug=spec.slug, **guide_values(spec))
    elif not guide_differs(page, spec, audiences):
        return False
    for name, value in guide_values(spec).items():
        setattr(page, name, value)
    page.tags.set(spec.tags)
    page.audiences.set(audiences)
    if created:
        index.add_child(instance=page)
    publish(page)
    stdout.write(f"  {'added' if created else 'updated'} guide {spec.slug}")
    return True


def link_related(index: GuideIndexPage, specs: list[GuideSpec], stdout) -> int:
    """Related guides, once every guide exists; unknown slugs are reported and left out."""
    guides = {guide.slug: guide for guide in GuidePage.objects.child_of(index)}
    changed = 0
    for spec in specs:
        page = guides.get(spec.slug)
        if page is None:
            continue
        missing = [slug for slug in spec.related if slug not in guides]
        if missing:
            stdout.write(f"  {spec.slug}: no guide called {', '.join(missing)} to relate to")
        wanted = [
            slug for slug in dict.fromkeys(spec.related) if slug in guides and slug != spec.slug
        ]
        current = [link.guide.slug for link in page.related_guide_links.select_related("guide")]
        if current != wanted:
            page.related_guide_links = [GuideRelatedLink(guide=guides[slug]) for slug in wanted]
            publish(page)
            changed += 1
    return changed


def feature_guides(home: HomePage, specs: list[GuideSpec]) -> None:
    """The first guide of each stage, in stage order, up to FEATURED_COUNT."""
    first_by_stage = {}
    for spec in specs:
        first_by_stage.setdefault(spec.stage, spec.slug)
    slugs = [first_by_stage[stage] for stage in Stage.values if stage in first_by_stage]
    wanted = list(GuidePage.objects.filter(slug__in=slugs[:FEATURED_COUNT]))
    wanted.sort(key=lambda guide: slugs.index(guide.slug))
    current = [link.guide_id for link in home.featured_guide_links.all()]
    if current != [guide.pk for guide in wanted]:
        home.featured_guide_links = [HomeFeaturedGuide(guide=guide) for guide in wanted]
        publish(home)


def easy_read_body(items, source: str) -> list[dict]:
    """Easy Read YAML (``- heading: …`` or ``- <picture>: words``) as StreamField raw data."""
    from . import pictograms

    stream = []
    for position, item in enumerate(items or [], start=1):
        ((key, text),) = item.items() if isinstance(item, dict) and len(item) == 1 else ((0, 0),)
        # YAML 1.1 reads the keys yes and no as True and False.
        key = {True: "yes", False: "no"}.get(key, key) if isinstance(key, bool) else key
        if key == "heading":
            stream.append({"type": "heading", "value": str(text)})
        elif key in pictograms.PICTOGRAMS:
            stream.append({"type": "line", "value": {"picture": key, "text": str(text)}})
        else:
            raise DemoContentError(f"{source}: item {position} is not a heading or a line")
    return stream


def load_easy_read(index: GuideIndexPage, stdout) -> int:
    """Each guide's Easy Read version (home/demo_content/easy_read/<guide>.yaml), below it.
    None is marked as checked: nobody with learning disabilities has checked the demo's."""
    changed = 0
    for path in sorted(EASY_READ_DIR.glob("*.yaml")) if EASY_READ_DIR.is_dir() else []:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            guide = GuidePage.objects.child_of(index).filter(slug=data["guide"]).first()
            if guide is None:
                raise DemoContentError(f"{path.name}: no guide called {data['guide']}")
            values = {"title": data["title"], "body": easy_read_body(data["body"], path.name)}
        except (yaml.YAMLError, KeyError, TypeError, DemoContentError) as error:
            stdout.write(f"  skipped an Easy Read version: {path.name}: {error}")
            continue
        changed += ensure_page(guide, EasyReadPage, "easy-read", values, stdout)[1]
    return changed


def load_print_packs(home: HomePage, stdout) -> None:
    if not PRINT_PACKS_FILE.exists():
        return
    data = yaml.safe_load(PRINT_PACKS_FILE.read_text(encoding="utf-8"))
    index, _ = ensure_page(
        home,
        PrintPackIndexPage,
        "print-packs",
        {"title": data["title"], "intro": clean_html(data["intro"])},
        stdout,
    )
    for pack in data["packs"]:
        guide = GuidePage.objects.filter(slug=pack["guide"]).first()
        if guide is None:
            stdout.write(f"  skipped the print pack {pack['slug']}: no guide {pack['guide']}")
            continue
        values = {
            "title": pack["title"],
            "audience": pack["audience"],
            "summary": " ".join(pack["summary"].split()),
            "how_to_use": clean_html(pack["how_to_use"]),
            "leaflet_heading": pack["leaflet_heading"],
            "what_it_is": clean_html(pack["what_it_is"]),
            "who_to_send": clean_html(pack["who_to_send"]),
            "guide": guide,
            "last_reviewed": pack["last_reviewed"],
        }
        ensure_page(index, PrintPackPage, pack["slug"], values, stdout)


def standard_body_from_yaml(items, source: str) -> list[dict]:
    """A plain page's body from YAML: paragraph (HTML), helpline (the site setting) and notice."""
    stream = []
    for position, item in enumerate(items or [], start=1):
        if not isinstance(item, dict) or len(item) != 1:
            raise DemoContentError(f"{source}: body item {position} is not a one-key mapping")
        ((block_type, value),) = item.items()
        if block_type == "paragraph":
            stream.append({"type": "paragraph", "value": clean_html(value)})
        elif block_type == "helpline":
            stream.append({"type": "helpline", "value": None})
        elif block_type == "notice":
            stream.append({"type": "notice", "value": dict(value)})
        else:
            raise DemoContentError(f"{source}: body item {position} has unknown type {block_type}")
    return stream


def ensure_translation(page: Page, locale: Locale, values: dict, stdout) -> Page:
    """``page``'s translation into ``locale`` (Wagtail's copy for translation, as an editor's
    "Translate" makes it), with these words, published; brought up to date if they changed."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale)
        translation = translation.specific
        for name, value in values.items():
            setattr(translation, name, value)
        publish(translation)
        stdout.write(f"  added {translation.url_path} ({locale.language_code})")
        return translation
    translation = translation.specific
    if differs(translation, values) or not translation.live:
        for name, value in values.items():
            setattr(translation, name, value)
        publish(translation)
        stdout.write(f"  updated {translation.url_path} ({locale.language_code})")
    return translation


def load_translations(home: HomePage, index: GuideIndexPage, stdout) -> int:
    """The demo's translated pages (home/demo_content/translations/<language>.yaml): the
    first-steps guide and the contact page, in a translated tree below a translated home and
    guide index. None is marked as checked: no fluent speaker has checked the demo's."""
    count = 0
    languages = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    for path in sorted(TRANSLATIONS_DIR.glob("*.yaml")) if TRANSLATIONS_DIR.is_dir() else []:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data.get("language") not in languages:
            stdout.write(f"  skipped {path.name}: {data.get('language')} is not a site language")
            continue
        locale, _ = Locale.objects.get_or_create(language_code=data["language"])
        ensure_translation(
            home,
            locale,
            {"title": data["home"]["title"], "intro": clean_html(data["home"]["intro"])},
            stdout,
        )
        ensure_translation(
            index,
            locale,
            {"title": data["guides"]["title"], "intro": clean_html(data["guides"]["intro"])},
            stdout,
        )
        for guide in data.get("guide_pages") or []:
            english = GuidePage.objects.child_of(index).filter(slug=guide["slug"]).first()
            if english is None:
                stdout.write(f"  skipped a translation: no guide {guide['slug']}")
                continue
            values = {
                "title": guide["title"],
                "summary": " ".join(guide["summary"].split()),
                "sources": " ".join(str(guide.get("sources") or "").split()),
                "body": body_from_yaml(guide["body"], path.name),
            }
            ensure_translation(english, locale, values, stdout)
            count += 1
        for slug, page in (data.get("pages") or {}).items():
            english = StandardPage.objects.child_of(home).filter(slug=slug).first()
            if english is None:
                stdout.write(f"  skipped a translation: no page {slug}")
                continue
            values = {
                "title": page["title"],
                "summary": " ".join(page["summary"].split()),
                "body": standard_body_from_yaml(page["body"], path.name),
            }
            ensure_translation(english, locale, values, stdout)
            count += 1
    return count


@transaction.atomic
def load(stdout):
    words = page_words()
    home = ensure_home_page()
    ensure_page(home.get_parent(), HomePage, home.slug, {"intro": words["intros"]["home"]}, stdout)
    home = HomePage.objects.get(pk=home.pk)

    terms = load_glossary(stdout)
    stdout.write(f"  glossary: {GlossaryTerm.objects.count()} words ({terms} added or changed)")
    ensure_page(
        home,
        GlossaryPage,
        "glossary",
        {"title": "Words explained", "intro": words["intros"]["glossary"]},
        stdout,
    )

    index, _ = ensure_page(
        home,
        GuideIndexPage,
        "guides",
        {"title": "Guides", "intro": words["intros"]["guides"]},
        stdout,
    )
    specs = read_guides(stdout, dict(Category.objects.values_list("slug", "pk")))
    changed = sum(ensure_guide(index, spec, stdout) for spec in specs)
    changed += link_related(index, specs, stdout)
    feature_guides(HomePage.objects.get(pk=home.pk), specs)
    stdout.write(f"  guides: {len(specs)} from files ({changed} added or changed)")
    easy = load_easy_read(index, stdout)
    stdout.write(f"  Easy Read versions: {easy} added or changed")

    for slug, page in words["standard_pages"].items():
        values = {"title": page["title"], "summary": page["summary"], "body": page["body"]}
        ensure_page(home, StandardPage, slug, values, stdout)
    stdout.write("  pages ready")
    load_print_packs(HomePage.objects.get(pk=home.pk), stdout)
    stdout.write("  print packs ready")
    translated = load_translations(HomePage.objects.get(pk=home.pk), index, stdout)
    stdout.write(f"  translated pages: {translated}")
