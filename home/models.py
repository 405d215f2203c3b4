"""The site's Wagtail pages: the home page, the guides, the glossary and a few plain pages.

Page tree::

    Root
    └── HomePage (/)
        ├── GuideIndexPage (/guides/)
        │   └── GuidePage (/guides/<slug>/)
        ├── GlossaryPage (/glossary/): the A–Z of GlossaryTerm snippets
        └── StandardPage (/about/, /contact/, /accessibility/, /privacy/, /code-of-conduct/)
"""

from __future__ import annotations

import hashlib
import json
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.http import Http404, HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelsearch.queryset import SearchableQuerySetMixin
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, Site
from wagtail.search import index

from pbsite.caching import Memo
from pbsite.fragments import render_once
from pbsite.locales import active_locale_id, default_locale_id, language_of, live_translations
from pbsite.statements import by_id
from pbsite.view_restrictions import ChecksRestrictionsIfAny, public

from . import easy_read, glossary, qr, readability, reviews
from .blocks import EasyReadBodyBlock, GuideBodyBlock, StandardBodyBlock
from .panels import ReadabilityPanel

# --- Who a guide is for, and where it sits on the journey ---------------------------------


class Stage(models.TextChoices):
    BEFORE_YOU_APPLY = "before-you-apply", gettext_lazy("Before you apply")
    ASSESSMENT_AND_PLANNING = (
        "assessment-and-planning",
        gettext_lazy("Assessment and support planning"),
    )
    WAYS_TO_HOLD_THE_MONEY = "ways-to-hold-the-money", gettext_lazy("Ways to hold the money")
    EMPLOYING_PAS = "employing-pas", gettext_lazy("Employing and working with PAs")
    MANAGING_AND_REVIEWS = "managing-and-reviews", gettext_lazy("Managing and reviews")
    WORKING_WITH_OTHERS = "working-with-others", gettext_lazy("Working with others")


class Audience(models.Model):
    """Who a guide is for. The four rows come from a data migration; slugs are in URLs."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]

    def __str__(self):
        return self.name


# --- Glossary -----------------------------------------------------------------------------


class GlossaryTermQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class GlossaryTerm(index.Indexed, models.Model):
    """A word people meet when they get a budget, said plainly. Edited as a snippet."""

    term = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text=gettext_lazy("Used in the link: /glossary/#slug")
    )
    meaning = models.CharField(
        max_length=200,
        help_text=gettext_lazy(
            "One short sentence, in plain words. Shown wherever the word is explained."
        ),
    )
    explanation = models.TextField(
        blank=True,
        help_text=gettext_lazy(
            "A longer explanation for the glossary page. Leave a blank line between paragraphs."
        ),
    )
    also_known_as = models.CharField(
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "Other names and short forms, separated by commas. For example: DP, direct payments"
        ),
    )

    objects = GlossaryTermQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("term"), FieldPanel("slug")]),
        FieldPanel("meaning"),
        FieldPanel("explanation"),
        FieldPanel("also_known_as"),
    ]
    search_fields = [
        # The site search restricts hits to what a person may see by primary key.
        index.FilterField("id"),
        index.SearchField("term", boost=3),
        index.AutocompleteField("term"),
        index.SearchField("also_known_as", boost=2),
        index.SearchField("meaning"),
        index.SearchField("explanation"),
    ]

    class Meta:
        ordering = [Lower("term")]

    def __str__(self):
        return self.term

    def get_absolute_url(self) -> str:
        return glossary.term_address(self.slug)

    @property
    def aliases(self) -> list[str]:
        return [name.strip() for name in self.also_known_as.split(",") if name.strip()]

    @property
    def letter(self) -> str:
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"

    def as_entry(self) -> glossary.Entry:
        return glossary.Entry(self.slug, self.term, self.meaning, tuple(self.aliases))


class KeptGlossary(NamedTuple):
    entries: tuple[glossary.Entry, ...]
    #: Of every field of every entry, for the keys of what shows them: worked out once.
    digest: str


def keep_glossary(entries: tuple[glossary.Entry, ...]) -> KeptGlossary:
    # Frozen dataclasses: their repr holds every field, in order.
    return KeptGlossary(entries, hashlib.sha256(repr(entries).encode()).hexdigest())


def _read_glossary() -> KeptGlossary:
    return keep_glossary(tuple(term.as_entry() for term in GlossaryTerm.objects.all()))


# Every guide view matches the glossary, which only an editor changes: each process keeps it,
# forgotten when a term is saved or deleted (home/apps.py).
_glossary = Memo("glossary", _read_glossary)
forget_glossary = _glossary.forget
NO_GLOSSARY = keep_glossary(())


def kept_glossary() -> KeptGlossary:
    return _glossary.get()


def glossary_entries() -> tuple[glossary.Entry, ...]:
    return kept_glossary().entries


# --- Pages --------------------------------------------------------------------------------


# The four parts of the site, as the home page introduces them.
PARTS = [
    (
        "Guides",
        "/guides/",
        "Short, plain guides to every stage, from asking for a budget to reviews.",
    ),
    ("Find a PA", "/register/", "Personal assistants near you, and “PA wanted” adverts."),
    ("Forum", "/forum/", "Ask people who already hold a budget. Some can be your peer buddy."),
    ("Pooling board", "/pools/", "Join with others to buy a class, a day out or a shared PA."),
]

# Ways in, for the four kinds of visitor we meet most: each journey is a few next steps.
JOURNEYS = [
    {
        "title": "I'm new",
        "text": "Find out what a personal budget is, how to ask for one and what it can pay for.",
        "links": [
            (
                "You've been offered a direct payment",
                "/guides/you-have-been-offered-a-direct-payment/",
            ),
            ("Guides for before you apply", "/guides/#before-you-apply"),
            ("Words explained", "/glossary/"),
            ("Ask a question in the forum", "/forum/"),
        ],
    },
    {
        "title": "I need a PA",
        "text": "A personal assistant (PA) is someone you pay to help you. Find one, or learn how.",
        "links": [
            ("Find a PA near you", "/register/"),
            ("Post a “PA wanted” advert", "/register/wanted/"),
            ("Guides on employing PAs", "/guides/#employing-pas"),
        ],
    },
    {
        "title": "I want to buy something with others",
        "text": "Share the cost of a class, a trip or a PA with other people who have a budget.",
        "links": [
            ("See the pooling board", "/pools/"),
            ("Guides on working with others", "/guides/#working-with-others"),
        ],
    },
    {
        "title": "I want to help",
        "text": "You have a budget and know how it works, or you run a local service.",
        "links": [
            ("Become a peer buddy", "/forum/buddies/"),
            ("List your service in the directory", "/directory/"),
            ("Guides for PAs and providers", "/guides/?audience=provider"),
        ],
    },
]


class PreviewsInTheEditor:
    """Wagtail's preview panel shows a page in a frame of the editor. A preview goes through
    the middleware as a request for the page's own address, so it would get the public site's
    Content-Security-Policy, whose ``frame-ancestors 'none'`` makes the browser refuse the
    frame (and with it the "Readability check" mode). Previews may be framed by the site itself;
    published pages still may not be framed at all."""

    def serve_preview(self, request, mode_name):
        response = super().serve_preview(request, mode_name)
        response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response


def child_named(parent: Page, slug: str) -> dict:
    """The lookup of a page's child by its slug: what Wagtail's ``child_of`` and treebeard's
    ``get_children`` ask, in fewer words (a child's path starts with its parent's, one step
    deeper), so quicker to build on every page view."""
    return {"path__startswith": parent.path, "depth": parent.depth + 1, "slug": slug}


class FindsItsOneKindOfChild:
    """For a page whose children are all of one kind (``subpage_types`` names one model).

    Wagtail finds the child an address names with two queries: the page, then the page as its
    own kind (``.specific``). Here one query asks for the child as that kind. A child of another
    kind (made before the rule, or by code) is still found, Wagtail's way; an address that names
    no child (an untranslated guide in Polish, looked for in Polish first) is told by a query
    that reads no page.
    """

    def route(self, request, path_components):
        child_models = type(self).clean_subpage_models()
        if not path_components or len(child_models) != 1:
            return super().route(request, path_components)
        row = child_row(self, path_components[0])
        if row is None:
            raise Http404
        model = ContentType.objects.get_for_id(row[0]).model_class()
        if model is not child_models[0]:
            return super().route(request, path_components)
        found = by_id(model).objects(pk=row[1 + PASSED_THROUGH.index("id")])
        if not found:  # gone since the row was kept: Wagtail's way finds out
            return super().route(request, path_components)
        child = found[0]
        child._cached_parent_obj = self  # as Wagtail does: its breadcrumbs need no query
        return child.route(request, path_components[1:])


class PassesThroughItsChildren:
    """Routes through a child (/guides/ on the way to /guides/<slug>/) reading only what that
    needs of it.

    Wagtail reads each child whole, then as its kind (``.specific``): one more query on every
    page below it. A child the address only passes through needs nothing of its own kind but
    its ``route``, which, with the breadcrumbs, reads only a few of the columns every page has
    (``PASSED_THROUGH``). So those are read, and it is made its kind from them, the rest left
    deferred (read if something asks, as Django does); a page the address ends at is read
    whole, as Wagtail does.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        row = child_row(self, path_components[0])
        if row is None:
            raise Http404
        content_type_id, *values = row
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:  # a kind no longer in the code: as Wagtail does
            return super().route(request, path_components)
        if len(path_components) == 1:
            # The address ends here: the child is read whole, as its kind, by its id.
            found = by_id(model).objects(pk=values[PASSED_THROUGH.index("id")])
            if not found:  # gone since the row was kept: Wagtail's way finds out
                return super().route(request, path_components)
            child = found[0]
            child._cached_parent_obj = self  # as Wagtail does: its breadcrumbs need no query
            return child.route(request, [])
        read = dict(zip(PASSED_THROUGH, values, strict=True), content_type_id=content_type_id)
        # The child's own table is not read: its link to the page row is the page's id.
        read[model._meta.pk.attname] = read["id"]
        # Django makes a page from some of its columns in the order of its fields.
        fields = [f.attname for f in model._meta.concrete_fields if f.attname in read]
        child = model.from_db("default", fields, [read[name] for name in fields])
        child._cached_parent_obj = self  # as Wagtail does: its breadcrumbs need no query
        return child.route(request, path_components[1:])


#: What routing through a page and its breadcrumbs read of it.
PASSED_THROUGH = ("id", "path", "depth", "title", "slug", "url_path", "locale_id", "live")


def _read_child_row(parent_path: str, parent_depth: int, slug: str) -> tuple | None:
    named = {"path__startswith": parent_path, "depth": parent_depth + 1, "slug": slug}
    return Page.objects.filter(**named).values_list("content_type_id", *PASSED_THROUGH).first()


#: The child an address names, by its parent and slug: its kind and what routing through it
#: reads (None for no such child). Asked on every view of a page below the home page, and
#: changed only when a page is saved, published, unpublished, moved or deleted, so kept per
#: process and forgotten then (home.apps: pbsite.page_changes).
_child_rows = Memo("page-children", _read_child_row)


def child_row(parent: Page, slug: str) -> tuple | None:
    """The content type id and the PASSED_THROUGH columns of the child of ``parent`` named
    ``slug`` (``child_named``), or None."""
    return _child_rows.get(parent.path, parent.depth, slug)


def forget_child_rows(**_kwargs) -> None:
    _child_rows.forget()


def crumbs_above(page: Page) -> list[tuple[str, str]]:
    """Title and address of each page above this one, the home page first (the root is not a
    page anyone reads). Routing to a page has already loaded every page above it, each kept on
    its child (``_cached_parent_obj``); otherwise (a preview, say) one query reads them."""
    above, current = [], page
    while current.depth > 2 and hasattr(current, "_cached_parent_obj"):
        current = current._cached_parent_obj
        above.append(current)
    if current.depth > 2:
        above = list(page.get_ancestors().filter(depth__gt=1).reverse())
    return [
        (ancestor.title if ancestor.depth > 2 else _("Home"), ancestor.url)
        for ancestor in reversed(above)
    ]


class HomePage(PassesThroughItsChildren, PreviewsInTheEditor, ChecksRestrictionsIfAny, Page):
    """The front door: what Budget Circle is, and a way in for each kind of visitor."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("featured_guide_links", label=gettext_lazy("Featured guides"), max_num=6),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.GuideIndexPage",
        "home.GlossaryPage",
        "home.StandardPage",
        "home.PrintPackIndexPage",
    ]
    max_count = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(journeys=JOURNEYS, parts=PARTS)
        return context

    def route(self, request, path_components):
        """In another language, a page nobody has translated yet is shown in English at the
        same address (/pl/guides/<slug>/), with the interface in that language where it has
        been translated: the English tree answers what this one's tree does not have."""
        try:
            return super().route(request, path_components)
        except Http404:
            if self.locale_id == default_locale_id():
                raise
            english = self.english_home(request)
            if english is None:
                raise
            return english.route(request, path_components)

    @property
    def localized_draft(self):
        """Wagtail's: this home page in the language being read, else itself. Every page view
        starts here; the language's locale is known without Wagtail's query (pbsite.locales),
        and the translation is read as a home page, so it needs no second query as its kind."""
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return self
        try:
            locale_id = active_locale_id()
        except (LookupError, Locale.DoesNotExist):
            return self
        if locale_id == self.locale_id:
            return self
        return self.get_translation_or_none(locale_id) or self

    def english_home(self, request):
        """This home page in English, for routing: usually the root page of the request's Site,
        read already, so it is made a home page from what it holds (``specific_deferred``)."""
        site = Site.find_for_request(request)
        root = site.root_page if site is not None else None
        if (
            root is not None
            and root.translation_key == self.translation_key
            and root.locale_id == default_locale_id()
        ):
            return root.specific_deferred
        return self.get_translation_or_none(default_locale_id())

    def featured_guides(self):
        links = self.featured_guide_links.select_related("guide").defer("guide__body")
        return [link.guide for link in links if link.guide.live]


class HomeFeaturedGuide(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_guide_links")
    guide = models.ForeignKey("home.GuidePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("guide", "home.GuidePage")]


class GuideIndexPage(FindsItsOneKindOfChild, PreviewsInTheEditor, ChecksRestrictionsIfAny, Page):
    """/guides/: every guide, grouped by stage, with filters by topic and by who it is for."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.GuidePage"]
    max_count = 1
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = "guide index page"

    def get_context(self, request, *args, **kwargs):
        from .filters import GuideFilter, filter_fields

        context = super().get_context(request, *args, **kwargs)
        guides = public(GuidePage.objects.child_of(self).live())
        filterset = GuideFilter(request.GET or None, queryset=guides, request=request)
        cards = self.guide_cards(filterset.qs, request)
        context.update(
            filterset=filterset,
            filter_fields=filter_fields(filterset.form),
            guide_list=self.guide_list(cards),
            guide_count=len(cards),
            is_filtered=bool(
                filterset.is_bound
                and filterset.form.is_valid()
                and any(filterset.form.cleaned_data.values())
            ),
        )
        return context

    def guide_cards(self, guides, request) -> list[tuple[str, tuple[str, str | None, str]]]:
        """Each guide's stage and what its card shows: title, address and summary.

        Read as plain values: building thirty pages to show three fields each was most of the
        list's time. Every guide is a child of this page, in its site and language, so its
        address is this page's and its slug, as Wagtail's ``get_url`` would work it out."""
        here = self.get_url(request)
        rows = guides.values_list("stage", "title", "slug", "summary")
        return [
            (stage, (title, child_url(here, slug), summary)) for stage, title, slug, summary in rows
        ]

    def guide_list(self, cards) -> str:
        """The guides under each stage as cards ("" for none), rendered once for what the cards
        show (pbsite.fragments)."""
        from .filters import group_by_stage

        groups = [(stage, tuple(cards)) for stage, cards in group_by_stage(cards)]
        if not groups:
            return ""
        return render_once("home/includes/guide_list.html", {"guide_groups": groups}, shows=groups)


def parent_of(url_path: str) -> tuple[str, str]:
    """A page's ``url_path`` as its parent's (without the last slash) and its own slug."""
    parent, _slash, slug = url_path.rstrip("/").rpartition("/")
    return parent, slug


def address_of(url_path: str, request=None) -> str | None:
    """Wagtail's address (``get_url``) for the page at this ``url_path``, which is all of a
    page that Wagtail reads to work it out (for a kind of page that does not change how).

    Kept per process (``_addresses``): building a page and reading the site root paths for
    each search hit was about 4% of the search page's time."""
    site = Site.find_for_request(request)  # as get_url asks it, and keeps it on the request
    return _addresses.get(url_path, get_language(), site and site.pk, get_script_prefix())


def _work_out_address(url_path: str, language, site_id, script_prefix) -> str | None:
    """``Page.get_url`` for a request to the Site ``site_id`` (None: no request, or no Site
    answers it, which Wagtail treats alike), in the active language and script prefix.

    Of a request, Wagtail reads only which Site answers it (Site.find_for_request, kept as
    ``_wagtail_site``) and its copy of the site root paths, so a stand-in with those gives
    the same answer as any request to that Site."""
    stand_in = HttpRequest()
    stand_in._wagtail_site = None if site_id is None else Site(pk=site_id)
    return Page(url_path=url_path).get_url(stand_in)


#: Each page's address by its ``url_path``, the active language (Wagtail gives a translated
#: site root's address in the language asked for), the Site of the request it is for, and the
#: script prefix (reverse). It changes only with a page's address (saved, published, moved) or
#: the site root paths (a Site, or a site root page and its translations), so it is forgotten
#: on every page change and every Site change (home.apps). In another process than the one that
#: saved a Site, an address is worked out again at once but from that process's copy of the site
#: root paths, which may be up to an hour old, as Wagtail's own ``get_url`` there
#: (pbsite.caching: LOCAL_KEYS, the database cache only: Redis shares one copy, which Wagtail
#: clears); that answer is then kept until the next page or Site change.
_addresses = Memo("page-addresses", _work_out_address)


def forget_addresses(**_kwargs) -> None:
    _addresses.forget()


def child_url(parent_url: str | None, slug: str) -> str | None:
    """The address of a child page, from its parent's (None where the parent has none)."""
    if parent_url is None:
        return None
    address = f"{parent_url.rstrip('/')}/{slug}"
    return f"{address}/" if getattr(settings, "WAGTAIL_APPEND_SLASH", True) else address


class Topic(NamedTuple):
    """A guide's tag, as its topic list shows it (components/tag_list.html)."""

    name: str
    slug: str


class GuidePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.GuidePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class TranslationCheck(Page):
    """A translated page (Polish, Romanian...) says plainly that a fluent speaker has not
    checked it yet, until an editor records who did and when: the same rule, and the same
    plain functions, as an Easy Read version's check (home/easy_read.py)."""

    translation_checked_by = models.CharField(
        gettext_lazy("translation checked by"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "Only for a translation: who checked it, a person fluent in the language, for "
            "example “Anna Nowak, Polish community interpreter”. Leave empty until then."
        ),
    )
    translation_checked_on = models.DateField(
        gettext_lazy("translation checked on"),
        null=True,
        blank=True,
        help_text=gettext_lazy("The day they checked this translation."),
    )

    translation_panels = [
        MultiFieldPanel(
            [FieldPanel("translation_checked_by"), FieldPanel("translation_checked_on")],
            heading=gettext_lazy("Translation checked by a fluent speaker"),
            classname="collapsed",
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = easy_read.check_errors(
            self.translation_checked_by, self.translation_checked_on, timezone.localdate()
        )
        if errors:
            raise ValidationError({f"translation_{name}": text for name, text in errors.items()})

    @property
    def is_translation(self) -> bool:
        return self.locale_id != default_locale_id()

    @property
    def english_version(self):
        """The page this one was translated from, when it is live: one of the page's live
        translations, which the language switcher reads once a request."""
        return live_translations(self).get(language_of(default_locale_id()))

    @property
    def translation_unchecked(self) -> bool:
        """A translation nobody fluent has checked yet (the page then says so)."""
        return self.is_translation and not easy_read.is_checked(
            self.translation_checked_by, self.translation_checked_on
        )


class GuidePage(
    FindsItsOneKindOfChild, PreviewsInTheEditor, ChecksRestrictionsIfAny, TranslationCheck
):
    """A plain-English guide: short blocks, a summary, who it is for, and when it was checked."""

    summary = models.TextField(
        max_length=300,
        help_text=gettext_lazy("One or two sentences. Shown in lists and in search results."),
    )
    stage = models.CharField(max_length=40, choices=Stage.choices)
    audiences = ParentalManyToManyField(
        Audience, blank=True, verbose_name=gettext_lazy("who it is for")
    )
    tags = ClusterTaggableManager(
        through=GuidePageTag, blank=True, verbose_name=gettext_lazy("topics")
    )
    body = StreamField(GuideBodyBlock())
    last_reviewed = models.DateField(
        "checked on",
        help_text=gettext_lazy("The day someone last checked this guide is still right."),
    )
    sources = models.TextField(
        blank=True,
        help_text=gettext_lazy("Where the facts come from, for example a report and its year."),
    )
    # Worked out from the text each time the guide is saved, so lists and reports can sort.
    reading_grade = models.FloatField(null=True, editable=False)
    reading_ease = models.FloatField(null=True, editable=False)
    word_count = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        ReadabilityPanel(heading="How easy is this to read?"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("stage"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="Where this guide belongs",
        ),
        InlinePanel("related_guide_links", label=gettext_lazy("Related guides"), max_num=6),
        MultiFieldPanel([FieldPanel("last_reviewed"), FieldPanel("sources")], heading="Checking"),
        *TranslationCheck.translation_panels,
    ]
    parent_page_types = ["home.GuideIndexPage"]
    # A guide may have one Easy Read version, below it: /guides/<slug>/easy-read/.
    subpage_types = ["home.EasyReadPage"]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("stage"),
        index.RelatedFields("tags", [index.SearchField("name", boost=2)]),
    ]

    class Meta:
        verbose_name = "guide"

    # Editors see a live readability check beside the guide in the preview panel.
    @property
    def preview_modes(self):
        return [("", "The guide"), ("readability", "Readability check")]

    def get_preview_template(self, request, mode_name):
        if mode_name == "readability":
            return "home/readability_preview.html"
        return super().get_preview_template(request, mode_name)

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        if mode_name == "readability":
            context["check"] = self.readability()
        return context

    # -- text and readability --

    def text_parts(self) -> list[tuple[str, list[str]]]:
        """The guide's prose, in order, as (label, units) parts an editor can point at: each
        paragraph or list of a paragraph block, and each other block whole. Units are
        paragraphs, list items or quotes; headings are left out."""
        parts: list[tuple[str, list[str]]] = []
        for number, block in enumerate(self.body, start=1):
            value = block.value
            kind = str(block.block.label)
            match block.block_type:
                case "paragraph":
                    pieces = readability.html_to_parts(value.source)
                case "steps" | "checklist" | "questions":
                    pieces = [[str(item) for item in value["items"]]]
                case "example":
                    pieces = [readability.html_to_units(value["story"].source)]
                case "quote":
                    pieces = [[value["text"]]]
                case "adviser_answer":
                    pieces = [
                        [value["question"], *readability.html_to_units(value["answer"].source)]
                    ]
                case "key_point" | "warning" | "ask_someone":
                    pieces = [readability.html_to_units(value["text"].source)]
                case _:
                    pieces = []
            heading = value.get("heading") if isinstance(value, dict) else None
            name = f"{kind} “{heading}”" if heading else kind
            for position, units in enumerate(pieces, start=1):
                label = _("Block %(number)s: %(name)s") % {"number": number, "name": name}
                if len(pieces) > 1:
                    label = _("%(label)s, part %(position)s") % {
                        "label": label,
                        "position": position,
                    }
                parts.append((label, units))
        return parts

    def text_units(self) -> list[str]:
        """The guide's prose, in order, one unit per paragraph, list item or quote."""
        return [unit for _label, units in self.text_parts() for unit in units]

    def plain_text(self) -> str:
        return readability.as_sentences_text([self.summary, *self.text_units()])

    def readability(self, entries=None) -> readability.Readability:
        entries = glossary_entries() if entries is None else entries
        parts = [(_("Summary"), [self.summary]), *self.text_parts()]
        check = readability.check(self.plain_text(), entries, parts)
        # Jargon is looked for in the body only: the summary is a taster, explained below it.
        body_text = readability.as_sentences_text(self.text_units())
        check.unexplained = readability.unexplained_terms(body_text, entries)
        return check

    def update_readability(self) -> None:
        text = self.plain_text()
        self.reading_grade, self.reading_ease = readability.scores(text)
        self.word_count = readability.word_count(text)

    # Scores follow the text wherever it is saved: a draft revision, a page save, a preview.
    def save_revision(self, *args, **kwargs):
        self.update_readability()
        return super().save_revision(*args, **kwargs)

    def save(self, *args, **kwargs):
        self.update_readability()
        return super().save(*args, **kwargs)

    def minimal_clean(self):
        self.update_readability()
        super().minimal_clean()

    @property
    def reading_minutes(self) -> int:
        return readability.reading_minutes(self.word_count or 0)

    @property
    def is_due_for_review(self) -> bool:
        return reviews.is_due(self.last_reviewed)

    # -- showing the guide --

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return crumbs_above(self)

    def facts(self) -> GuideFacts:
        """Who the guide is for, its topics and its live related guides, as plain values.

        Read once per process for each guide (``_guide_facts``), forgotten when a page, an
        audience, a topic or a link between them changes. A preview's are the draft's, in
        memory (``_cluster_related_objects``), so they are read from it, never kept."""
        if self.pk is None or getattr(self, "_cluster_related_objects", None):
            return GuideFacts(
                audiences=tuple(self.audiences.values_list("name", flat=True)),
                topics=topics_of(self.tagged_items),
                related=tuple(related_rows(self.related_guide_links)),
            )
        return _guide_facts.get(self.pk)

    def related_guide_cards(self, request) -> tuple[tuple[str, str | None, str], ...]:
        """Each live related guide's title, address and summary.

        A guide's address is its parent's and its slug, as ``GuideIndexPage.guide_cards`` works
        it out: Wagtail is asked once for each parent (none for this guide's own, known)."""
        here = self.get_url(request)
        parents = {parent_of(self.url_path)[0]: here and here.rstrip("/").rpartition("/")[0]}
        cards = []
        for title, url_path, summary in self.facts().related:
            parent, slug = parent_of(url_path)
            if parent not in parents:
                parents[parent] = address_of(f"{parent}/", request)
            cards.append((title, child_url(parents[parent], slug), summary))
        return tuple(cards)

    def related_guides_html(self, request) -> str:
        """The related guides' cards ("" for none), rendered once for what they show
        (pbsite.fragments)."""
        cards = self.related_guide_cards(request)
        if not cards:
            return ""
        return render_once("home/includes/related_guides.html", {"cards": cards}, shows=cards)

    def audience_names(self) -> list[str]:
        return list(self.facts().audiences)

    def topics(self) -> list[Topic]:
        """The guide's topics (tags) as names and slugs, in the order given."""
        return list(self.facts().topics)

    def about_html(self) -> str:
        """Who the guide is for, its reading time, when it was checked and its topics, rendered
        once for what they show (pbsite.fragments)."""
        facts = self.facts()
        context = {
            "audiences": facts.audiences,
            "reading_minutes": self.reading_minutes,
            "last_reviewed": self.last_reviewed,
            "topics": facts.topics,
        }
        return render_once("home/includes/guide_about.html", context, shows=tuple(context.items()))

    def easy_read_version(self):
        """The guide's published Easy Read version, if it has one."""
        if not self.numchild:  # most guides have none: no query
            return None
        return public(EasyReadPage.objects.child_of(self).live()).first()

    def rendered_body(self, context=None) -> str:
        """The body as HTML, with the first use of each glossary word explained.

        Matching the glossary takes about half of a guide's time, so the result is cached,
        keyed on the body as it is (the live revision, or a draft in the preview) and on the
        glossary as it is: an edited guide or glossary term is shown at once, never stale.
        """
        # The glossary is in English: a translation does not link its words to it.
        kept = NO_GLOSSARY if self.is_translation else kept_glossary()
        key = rendered_body_key(self, kept.digest)
        cache = caches["derived"]
        if (html := cache.get(key)) is None:
            context = {**(context or {}), "stream": self.body}
            html = render_to_string("home/includes/stream.html", context)
            html = glossary.explain_first_uses(html, kept.entries)
            cache.set(key, html, RENDERED_BODY_SECONDS)
        return mark_safe(html)

    def get_context(self, request, *args, **kwargs):
        from .feedback import blank_feedback_fields

        context = super().get_context(request, *args, **kwargs)
        context["body_html"] = self.rendered_body(context)
        context["about_html"] = self.about_html()
        context["related_guides_html"] = self.related_guides_html(request)
        # No form to build until someone sends an answer: one shown again brings its own form
        # and fields (home/feedback.py); until then there are no errors to sum up.
        context.update(feedback_form=None, feedback_fields=blank_feedback_fields())
        return context

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .feedback import receive_feedback

            return receive_feedback(request, self)
        return super().serve(request, *args, **kwargs)


# A week: keys change with the text and the glossary, so this only clears out old versions.
RENDERED_BODY_SECONDS = 7 * 24 * 60 * 60


def rendered_body_key(page: GuidePage, glossary_digest: str) -> str:
    """The cache key of a guide's rendered body: its id, a digest of its body's stored form
    (which changes with every edit), of the glossary (``KeptGlossary.digest``), and the
    language shown."""
    stored = page.body.get_prep_value()
    digest = hashlib.sha256()
    digest.update(json.dumps(stored, sort_keys=True, default=str).encode())
    digest.update(json.dumps(shown_from_elsewhere(stored), default=str).encode())
    digest.update(glossary_digest.encode())
    digest.update((get_language() or "").encode())
    return f"guide-body:{page.pk}:{digest.hexdigest()}"


def shown_from_elsewhere(stored_body: list) -> list:
    """What a body shows from rows it only points to: each adviser's answer's name (an erased
    adviser becomes "a former adviser" at once, never a week later), expertise, dates and
    post, and each forum category's address. A query per kind, only for a body that has one."""
    from forum.models import AdviserAnswer

    def chosen(block_type, field):
        return [
            block["value"].get(field)
            for block in stored_body
            if block.get("type") == block_type and isinstance(block.get("value"), dict)
        ]

    facts = []
    if answer_ids := [pk for pk in chosen("adviser_answer", "adviser_answer") if pk]:
        # As plain values, and of the adviser only what their name is made from
        # (AdviserAnswer.adviser_name): not the post's text or the adviser's whole account.
        facts += sorted(
            AdviserAnswer.objects.filter(pk__in=answer_ids).values_list(
                "pk",
                "post__author_id",
                "post__author__display_name",
                "post__author__deleted_at",
                "expertise",
                "checked_on",
                "answered_at",
                "post_id",
                "post__topic_id",
            )
        )
    if category_ids := [pk for pk in chosen("ask_someone", "forum_category") if pk]:
        facts += _category_slugs.get(tuple(sorted(set(category_ids))))
    return facts


def _read_category_slugs(category_ids: tuple[int, ...]) -> tuple[tuple[int, str], ...]:
    from forum.models import Category

    return tuple(sorted(Category.objects.filter(pk__in=category_ids).values_list("pk", "slug")))


# A guide's "Ask someone" links to a forum category by its slug, which a moderator seldom
# changes: kept per process, forgotten when a category is saved or deleted (home/apps.py).
_category_slugs = Memo("guide-forum-categories", _read_category_slugs)
forget_category_slugs = _category_slugs.forget


class GuideRelatedLink(Orderable):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="related_guide_links")
    guide = models.ForeignKey(GuidePage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("guide", "home.GuidePage")]


class GuideFacts(NamedTuple):
    """What a guide shows of other rows: who it is for, its topics, and each live related
    guide's title, ``url_path`` and summary (its address is worked out for each request)."""

    audiences: tuple[str, ...]
    topics: tuple[Topic, ...]
    related: tuple[tuple[str, str, str], ...]


def topics_of(tagged_items) -> tuple[Topic, ...]:
    """A guide's topics (tags) as names and slugs, in the order given: read as plain values
    rather than through the tag manager. (A preview's are in memory, in order; modelcluster
    calls that "deferring" its changes.)"""
    if not getattr(tagged_items, "is_deferring", False):
        tagged_items = tagged_items.order_by("pk")
    return tuple(Topic(*row) for row in tagged_items.values_list("tag__name", "tag__slug"))


def related_rows(related_guide_links):
    """Each live related guide's title, ``url_path`` and summary, read as plain values: building
    a page with its fields for each was a tenth of a guide's time."""
    return related_guide_links.filter(guide__live=True).values_list(
        "guide__title", "guide__url_path", "guide__summary"
    )


def _read_guide_facts(page_id: int) -> GuideFacts:
    return GuideFacts(
        audiences=tuple(Audience.objects.filter(guidepage=page_id).values_list("name", flat=True)),
        topics=topics_of(GuidePageTag.objects.filter(content_object_id=page_id)),
        related=tuple(related_rows(GuideRelatedLink.objects.filter(page_id=page_id))),
    )


# Every view of a guide shows its audiences, topics and related guides, which change only when
# an editor publishes a guide or renames an audience or a topic (home/apps.py).
_guide_facts = Memo("guide-facts", _read_guide_facts)
forget_guide_facts = _guide_facts.forget


class GuideFeedback(models.Model):
    """An answer to "Was this guide helpful?". Anonymous on purpose: no user, no address."""

    guide = models.ForeignKey(GuidePage, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    comment = models.TextField(max_length=1000, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        verbose_name = "guide feedback"
        verbose_name_plural = "guide feedback"

    def __str__(self):
        answer = "Helpful" if self.helpful else "Not helpful"
        return f"{answer}: {self.guide.title}"


class GlossaryPage(PreviewsInTheEditor, ChecksRestrictionsIfAny, Page):
    """/glossary/: every GlossaryTerm, A to Z, each with an anchor guides link to."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "glossary page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["glossary_letters"] = self.glossary_letters()
        return context

    def glossary_letters(self) -> str:
        """Every word A to Z ("" for none), rendered once for what it shows (pbsite.fragments)."""
        terms = list(GlossaryTerm.objects.order_by(Lower("term")))
        if not terms:
            return ""
        letters: dict[str, list[GlossaryTerm]] = {}
        for term in terms:
            letters.setdefault(term.letter, []).append(term)
        shown = [(t.slug, t.term, t.meaning, t.explanation, t.also_known_as) for t in terms]
        return render_once("home/includes/glossary_letters.html", {"letters": letters}, shows=shown)


class StandardPage(PreviewsInTheEditor, ChecksRestrictionsIfAny, TranslationCheck):
    """A plain page: about us, contact a person, accessibility, privacy, code of conduct."""

    summary = models.TextField(max_length=300, blank=True)
    body = StreamField(StandardBodyBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        *TranslationCheck.translation_panels,
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = "standard page"


class EasyReadPage(PreviewsInTheEditor, ChecksRestrictionsIfAny, Page):
    """A guide in Easy Read: short sentences, one idea a line, a picture beside each idea.
    It sits below its guide (/guides/<slug>/easy-read/), and says plainly that it has not been
    checked until an editor records who checked it and when."""

    body = StreamField(EasyReadBodyBlock())
    checked_by = models.CharField(
        gettext_lazy("checked by"),
        max_length=200,
        blank=True,
        help_text=gettext_lazy(
            "Who checked it: a person with learning disabilities or a checking group, for "
            "example “Oxford Easy Read checkers”. Leave empty until it has been checked."
        ),
    )
    checked_on = models.DateField(
        gettext_lazy("checked on"),
        null=True,
        blank=True,
        help_text=gettext_lazy("The day they checked this version."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("checked_by"), FieldPanel("checked_on")],
            heading=gettext_lazy("Checked by people with learning disabilities"),
        ),
    ]
    parent_page_types = ["home.GuidePage"]
    subpage_types = []
    max_count_per_parent = 1
    search_fields = [*Page.search_fields, index.SearchField("body")]

    class Meta:
        verbose_name = gettext_lazy("Easy Read version")

    def clean(self):
        super().clean()
        errors = easy_read.check_errors(self.checked_by, self.checked_on, timezone.localdate())
        if errors:
            raise ValidationError(errors)

    @property
    def is_checked(self) -> bool:
        return easy_read.is_checked(self.checked_by, self.checked_on)

    def guide(self):
        return self.get_parent().specific

    def breadcrumbs(self) -> list[tuple[str, str]]:
        guide = self.guide()
        return [*guide.breadcrumbs(), (guide.title, guide.url)]

    def sections(self) -> list[tuple[str, object]]:
        """The body with each run of lines as one list."""
        return easy_read.group_lines([(block.block_type, block) for block in self.body])

    def body_html(self) -> str:
        """The body, its sections in order. Headings and lines show only their words and a named
        picture, so a body of those alone is rendered once for its stored form
        (pbsite.fragments); a video shows documents, which change by themselves."""
        stored = [dict(block) for block in self.body.raw_data]
        context = {"page": self}
        if any(block["type"] not in ("heading", "line") for block in stored):
            return mark_safe(render_to_string("home/includes/easy_read_body.html", context))
        return render_once("home/includes/easy_read_body.html", context, shows=stored)


# --- Print packs for professionals ------------------------------------------------------------


class PrintPackIndexPage(
    FindsItsOneKindOfChild, PreviewsInTheEditor, ChecksRestrictionsIfAny, Page
):
    """/print-packs/: the leaflets GP surgeries, wards and housing offices can print."""

    intro = RichTextField(features=["bold", "italic", "link"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.PrintPackPage"]
    max_count = 1

    class Meta:
        verbose_name = gettext_lazy("print packs page")

    def packs(self):
        return public(PrintPackPage.objects.child_of(self).live())


class PrintPackAudience(models.TextChoices):
    GP_SURGERY = "gp-surgery", gettext_lazy("GP surgery")
    HOSPITAL_WARD = "hospital-ward", gettext_lazy("Hospital ward")
    HOUSING_OFFICE = "housing-office", gettext_lazy("Housing office")


LEAFLET_FEATURES = ["bold", "link", "ul"]


class PrintPackPage(RoutablePageMixin, PreviewsInTheEditor, ChecksRestrictionsIfAny, Page):
    """A one-page leaflet for the staff of one kind of place: what a personal budget is, who
    to send people to, and how to reach a person (the helpline from the site settings), with
    a QR code to the right guide. Prints from the page, or downloads as a tagged PDF."""

    audience = models.CharField(
        gettext_lazy("for staff at"), max_length=20, choices=PrintPackAudience.choices
    )
    summary = models.TextField(
        gettext_lazy("summary"),
        max_length=300,
        help_text=gettext_lazy("One or two sentences for the list of print packs."),
    )
    how_to_use = RichTextField(
        gettext_lazy("how to use it"),
        features=LEAFLET_FEATURES,
        blank=True,
        help_text=gettext_lazy("Shown on the web page only, above the leaflet."),
    )
    leaflet_heading = models.CharField(
        gettext_lazy("leaflet heading"),
        max_length=90,
        help_text=gettext_lazy("For example: “Help for your patients to pay for their care”."),
    )
    what_it_is = RichTextField(
        gettext_lazy("what a personal budget is"),
        features=LEAFLET_FEATURES,
        help_text=gettext_lazy("Three or four short sentences. The leaflet has one page."),
    )
    who_to_send = RichTextField(
        gettext_lazy("who to send to us"),
        features=LEAFLET_FEATURES,
        help_text=gettext_lazy("The people this place sees who would be helped, as a short list."),
    )
    guide = models.ForeignKey(
        GuidePage,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("guide the QR code opens"),
    )
    last_reviewed = models.DateField(
        gettext_lazy("checked on"),
        help_text=gettext_lazy("The day someone last checked this leaflet is still right."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("audience"),
        FieldPanel("summary"),
        FieldPanel("how_to_use"),
        MultiFieldPanel(
            [
                FieldPanel("leaflet_heading"),
                FieldPanel("what_it_is"),
                FieldPanel("who_to_send"),
                PageChooserPanel("guide", "home.GuidePage"),
            ],
            heading=gettext_lazy("The leaflet (the helpline comes from Settings → Helpline)"),
        ),
        FieldPanel("last_reviewed"),
    ]
    parent_page_types = ["home.PrintPackIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = gettext_lazy("print pack")

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return crumbs_above(self)

    def guide_address(self) -> str:
        """The guide's full address, as the QR code holds it and the leaflet prints it."""
        return settings.SITE_URL.rstrip("/") + self.guide.url

    def qr_code(self) -> str:
        label = _("QR code: opens %(address)s") % {"address": self.guide_address()}
        return mark_safe(qr.svg(self.guide_address(), label))

    def pdf_url(self) -> str:
        return self.url + self.reverse_subpage("pdf")

    def pdf_filename(self) -> str:
        return f"budget-circle-leaflet-{self.slug}.pdf"

    @path("")
    def leaflet_page(self, request):
        return self.render(request)

    # Page addresses cannot hold a dot, so the download is /<pack>/pdf/ (named *.pdf when saved).
    @path("pdf/", name="pdf")
    def leaflet_pdf(self, request):
        from pbsite.pdf import pdf_response

        html = render_to_string(
            "home/print_pack_pdf.html", {"page": self, "self": self}, request=request
        )
        return pdf_response(html, request, self.pdf_filename())
