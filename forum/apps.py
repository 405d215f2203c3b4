from django.apps import AppConfig


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = "Forum"

    def ready(self):
        from pbsite import live, moderation
        from pbsite.registry import demo_content, personal_data
        from search.registry import register as register_search

        from . import (
            adviser_demo,
            adviser_privacy,
            demo,
            privacy,
            private_access,
            reports,
            searching,
        )
        from .models import Post, Topic

        moderation.register(
            Post,
            label="post",
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
            Topic, label="topic", author=lambda topic: topic.author, hide=lambda topic: topic.hide()
        )
        live.register_stream("topic", private_access.can_follow_topic)
        register_search(
            "forum",
            "Forum topics",
            Topic,
            visible_to=searching.visible_topics,
            describe=searching.describe_topic,
            order=40,
            weight=0.8,  # chatter: below an answer that says the same
        )
        personal_data.register("forum", export=privacy.export_forum, erase=privacy.erase_forum)
        demo_content.register("forum", demo.load, order=40)
        personal_data.register(
            "advisers", export=adviser_privacy.export_advisers, erase=adviser_privacy.erase_advisers
        )
        demo_content.register("advisers", adviser_demo.load, order=41)
