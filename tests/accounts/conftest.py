import re

from django.contrib.auth import get_user_model

from tests.people import make_user as make_person

User = get_user_model()


def make_user(name, *, verified=True, **extra):
    """A member whose email address is already verified (as after sign-up), unless told not."""
    return make_person(name, verified=verified, **extra)


def public_topic(author, title="Finding a PA for evenings", body="Any tips?"):
    """A forum topic anyone can read (approved, as a moderator would for a new member)."""
    from forum import posting
    from forum.models import Category

    category, _ = Category.objects.get_or_create(
        slug="employing-pas", defaults={"name": "Employing PAs"}
    )
    topic = posting.create_topic(author, category, title, body)
    posting.approve(topic.posts.get())
    topic.refresh_from_db()
    return topic


def link_in(message, path_start: str) -> str:
    """The path of the one link in an email whose path starts with ``path_start``."""
    found = re.findall(r"https?://[^/\s]+(" + re.escape(path_start) + r"\S*)", message.body)
    assert len(found) == 1, message.body
    return found[0]


def main_text(response) -> str:
    """The page's <main>, so the header and footer never decide what a test sees."""
    html = response.content.decode()
    match = re.search(r"<main\b.*?</main>", html, re.S)
    assert match, html[:500]
    return match.group(0)
