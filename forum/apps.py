from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self):
        from django.urls import reverse_lazy
        from django.utils.translation import gettext_lazy as _

        from conversations.services import register_thread_opener
        from pbsite import live, moderation
        from pbsite.registry import demo_content, header_counts, navigation, personal_data
        from search.registry import HelpLink, same_for_everyone
        from search.registry import register as register_search

        from . import (
            adviser_demo,
            adviser_privacy,
            buddies,
            context_processors,
            demo,
            posting,
            privacy,
            private_access,
            reports,
            searching,
        )
        from .models import Post, Topic

        navigation.register(_("Forum"), reverse_lazy("forum:index"), order=40)
        header_counts.register("unread_messages", context_processors.unread_conversations)

        moderation.register(
            Post,
            label=_("post"),
            author=lambda post: post.author,
            hide=lambda post: post.hide(),
            after_report=reports.after_report,
            release=lambda post: post.release(),
            summary=lambda post: (
                f"{post.author.public_name if post.author else 'Someone'} "
                f"in “{post.topic.title}”: {post.body_markdown}"
            ),
        )
        moderation.register(
            Topic,
            label=_("topic"),
            author=lambda topic: topic.author,
            hide=lambda topic: topic.hide(),
        )
        live.register_stream("topic", private_access.can_follow_topic)
        register_thread_opener(posting.open_conversation_thread)
        posting.question_asked.connect(
            lambda sender, topic, **kwargs: buddies.tell_buddies_about_question(topic),
            weak=False,
            dispatch_uid="forum.buddies.tell_buddies_about_question",
        )
        register_search(
            "forum",
            "Forum topics",
            Topic,
            visible_to=searching.visible_topics,
            visibility_depends_on=same_for_everyone,  # public topics, for everyone
            describe=searching.describe_topic,
            # A hit shows three values: building a topic and its category for each cost a
            # third more than reading them (0.89 -> 0.65 ms for a page's two topics).
            hit_values=searching.TOPIC_VALUES,
            describe_values=searching.describe_topic_values,
            order=40,
            weight=0.8,  # chatter: below an answer that says the same
            saturation=1.2,  # a question's words said again in every reply add little
            nothing_found=HelpLink(
                "forum:new_topic",
                _("ask in the forum"),
                _("people who hold a budget answer questions every day"),
            ),
        )
        personal_data.register("forum", export=privacy.export_forum, erase=privacy.erase_forum)
        demo_content.register("forum", demo.load, order=40)
        personal_data.register(
            "advisers", export=adviser_privacy.export_advisers, erase=adviser_privacy.erase_advisers
        )
        demo_content.register("advisers", adviser_demo.load, order=41)
