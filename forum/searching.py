"""What the site search may show from the forum: public topics only."""

from search.registry import SearchHit, hit_summary

from .models import Topic, topic_address


def visible_topics(user):
    # Topics described one by one (a database backend's hits, the spelling vocabulary's) are
    # read through this queryset: their categories and first posts come in the same query.
    # The search page reads ``TOPIC_VALUES`` through it: ``first_post_words`` is this
    # annotation (and values() leaves the select_related out).
    return Topic.objects.public().with_first_post()


def describe_topic(topic: Topic) -> SearchHit:
    return _topic_hit(
        title=topic.title,
        url=topic.get_absolute_url(),
        first_post=topic.first_post_text(),
        category_name=topic.category.name if topic.category_id else None,
    )


#: What a topic's hit shows, read as plain values (see ``describe_topic_values``): the
#: first readable post's words are ``visible_topics``'s annotation.
TOPIC_VALUES = ("title", "category__name", "first_post_words")


def describe_topic_values(row: dict) -> SearchHit:
    """``describe_topic`` from a row of ``TOPIC_VALUES`` (with ``pk``): the address worked out
    from the id as ``Topic.get_absolute_url`` works it out, the first post's words as
    ``Topic.first_post_text`` reads them from the annotation (none: no readable post)."""
    return _topic_hit(
        title=row["title"],
        url=topic_address(row["pk"]),
        first_post=row["first_post_words"] or "",
        category_name=row["category__name"],  # a name is never null: none, no category
    )


def _topic_hit(*, title: str, url: str, first_post: str, category_name: str | None) -> SearchHit:
    return SearchHit(
        title=title,
        url=url,
        summary=hit_summary(first_post),
        meta=f"Forum · {category_name}" if category_name is not None else "Forum",
    )
