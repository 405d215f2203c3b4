import pytest

from accounts.models import Role
from forum.models import BuddyProfile, BuddyStatus, Category, Post
from tests.people import make_user


@pytest.fixture
def category(db):
    return Category.objects.create(name="Employing PAs", slug="employing-pas", order=1)


@pytest.fixture
def moderator(db):
    return make_user("Jo Moderator", role=Role.MODERATOR)


@pytest.fixture
def member(db):
    """A member who already has two approved posts, so their posts go straight up."""
    return trusted_member("Maya H")


@pytest.fixture
def other(db):
    return trusted_member("Tom C")


@pytest.fixture
def newcomer(db):
    return make_user("New Person")


def trusted_member(name):
    user = make_user(name)
    from forum.models import Topic

    history = Topic.objects.create(
        category=Category.objects.get_or_create(slug="off-topic", defaults={"name": "Off topic"})[
            0
        ],
        title=f"Earlier chat by {name}",
        author=user,
    )
    for text in ("Hello everyone", "Thanks for the welcome"):
        Post.objects.create(topic=history, author=user, body_markdown=text, approved=True)
    return user


def make_buddy(name, **profile):
    user = make_user(name, role=Role.BUDDY)
    defaults = {"status": BuddyStatus.APPROVED, "capacity": 2, "agreed_code_of_conduct": True}
    BuddyProfile.objects.create(user=user, **{**defaults, **profile})
    return user
