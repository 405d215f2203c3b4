from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Guides and pages"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save
        from django.utils.translation import gettext_lazy as _
        from taggit.models import Tag
        from wagtail.models import Site
        from wagtail.signals import page_published, page_unpublished

        from forum.models import Category
        from pbsite.page_changes import forget_on_page_changes
        from pbsite.registry import demo_content, navigation
        from search.registry import register as register_search
        from search.registry import same_for_everyone

        from . import adviser_answers, demo, filters, searching
        from .models import (
            Audience,
            GlossaryTerm,
            GuidePage,
            GuidePageTag,
            GuideRelatedLink,
            StandardPage,
            forget_addresses,
            forget_category_slugs,
            forget_child_rows,
            forget_glossary,
            forget_guide_facts,
        )

        navigation.register(_("Guides"), "/guides/", order=10)

        register_search(
            "guides",
            "Guides",
            GuidePage,
            visible_to=searching.visible_guides,
            visibility_depends_on=searching.visible_pages_depend_on,
            describe=searching.describe_guide,
            # A hit shows four values: building Wagtail pages for them cost more than the search.
            hit_values=searching.GUIDE_VALUES,
            describe_values=searching.describe_guide_values,
            order=10,
            popular=searching.popular_guides,
            popular_heading=_("Guides people find useful"),
            title_first=True,
            synonyms=searching.WORDS,
        )
        register_search(
            "glossary",
            "Words explained",
            GlossaryTerm,
            visible_to=searching.visible_terms,
            visibility_depends_on=same_for_everyone,
            describe=searching.describe_term,
            hit_values=searching.TERM_VALUES,
            describe_values=searching.describe_term_values,
            # A definition is a line long, so any word of it scores high; but a guide on the
            # same words says what to do about it, and should come first ("advocate", "housing
            # deposit": the database backend's scores are not calibrated, and a term named
            # like the query outranked the guide there at full weight).
            order=15,
            weight=0.8,
            # A word said once in a line-long definition is the whole answer: it should not
            # count for a third of what a guide saying it ten times gets (issue 15).
            saturation=1.2,
            synonyms=searching.glossary_abbreviations,
        )
        for signal in (post_save, post_delete):
            signal.connect(
                searching.forget_abbreviations,
                sender=GlossaryTerm,
                dispatch_uid=f"home.glossary_abbreviations.{signal is post_save}",
            )
            signal.connect(
                forget_glossary,
                sender=GlossaryTerm,
                dispatch_uid=f"home.glossary.{signal is post_save}",
            )
        # A guide's audiences, topics and related guides (GuidePage.facts): kept until a page,
        # an audience, a topic, a guide's topic or related link, or its audiences change.
        forget_on_page_changes(forget_guide_facts, "home.guide_facts")
        # The child each address names (routing): kept until a page changes.
        forget_on_page_changes(forget_child_rows, "home.child_rows")
        # Each page's address (address_of): kept until a page or a Site changes.
        forget_on_page_changes(forget_addresses, "home.addresses")
        for signal in (post_save, post_delete):
            signal.connect(
                forget_addresses,
                sender=Site,
                dispatch_uid=f"home.addresses.site.{signal is post_save}",
            )
        for sender in (Audience, Tag, GuidePageTag, GuideRelatedLink):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_guide_facts,
                    sender=sender,
                    dispatch_uid=f"home.guide_facts.{sender._meta.label}.{signal is post_save}",
                )
        # A guide's audiences changed through Django's manager (no page saved). Its links' own
        # rows send no signals: Django sends none for a many-to-many field's own table.
        m2m_changed.connect(
            forget_guide_facts,
            sender=GuidePage.audiences.through,
            dispatch_uid="home.guide_facts.audiences",
        )
        for signal in (post_save, post_delete):
            signal.connect(
                forget_category_slugs,
                sender=Category,
                dispatch_uid=f"home.guide_categories.{signal is post_save}",
            )
        for signal in (page_published, page_unpublished):
            signal.connect(
                filters.forget_topics, dispatch_uid=f"home.topics.{signal is page_published}"
            )
        register_search(
            "pages",
            "About Budget Circle",
            StandardPage,
            visible_to=searching.visible_standard_pages,
            visibility_depends_on=searching.visible_pages_depend_on,
            describe=searching.describe_standard_page,
            hit_values=searching.STANDARD_PAGE_VALUES,
            describe_values=searching.describe_standard_page_values,
            order=90,
        )
        # After the forum (40) and its advisers (41): a guide's "Ask someone" names a category.
        demo_content.register("pages", demo.load, order=45)
        demo_content.register(
            "adviser answer in a guide", adviser_answers.load_demo_answer_in_guide, order=46
        )
