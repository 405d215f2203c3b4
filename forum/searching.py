"""What the site search may show from the forum: public topics only."""

from search.registry import SearchHit

from .models import Topic


def visible_topics(user):
    # The hits shown are loaded through this queryset: their first posts come in one query.
    return Topic.objects.public().with_first_post()


def describe_topic(topic: Topic) -> SearchHit:
    summary = " ".join(topic.first_post_text().split())
    return SearchHit(
        title=topic.title,
        url=topic.get_absolute_url(),
        summary=summary[:200] + ("…" if len(summary) > 200 else ""),
        meta=f"Forum · {topic.category.name}" if topic.category_id else "Forum",
    )
