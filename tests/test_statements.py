"""pbsite.statements: a query's SQL built once, then run with each call's ids."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pbsite.statements import Statement
from tests.people import make_user

pytestmark = pytest.mark.django_db


def test_a_statement_answers_for_the_ids_it_is_given_each_time():
    from accounts.models import User

    first, second = make_user("Ana First"), make_user("Bea Second")
    User.objects.filter(pk=second.pk).update(is_active=False)
    names = Statement(
        lambda person: User.objects.filter(pk=person).values("display_name", "is_active"),
        "person",
    )
    assert names.row(person=first.pk) == {"display_name": "Ana First", "is_active": True}
    assert names.row(person=second.pk) == {"display_name": "Bea Second", "is_active": False}
    assert names.row(person=second.pk + 1000) is None


def test_an_id_that_does_not_reach_the_sql_is_refused():
    from accounts.models import User

    unused = Statement(lambda person: User.objects.values("pk"), "person")
    with pytest.raises(ValueError, match="person"):
        unused.row(person=1)


def test_rows_gives_every_row_in_the_querys_order_converted_as_the_orm_converts_them():
    from accounts.models import User

    people = [make_user(name) for name in ("Cal Third", "Ana First", "Bea Second")]
    User.objects.filter(pk=people[0].pk).update(is_active=False)
    others = Statement(
        lambda person: (
            User.objects.exclude(pk=person)
            .filter(pk__in=[p.pk for p in people])
            .order_by("display_name")
            .values_list("display_name", "is_active")
        ),
        "person",
    )
    assert others.rows(person=people[1].pk) == [("Bea Second", True), ("Cal Third", False)]
    assert others.rows(person=people[2].pk) == [("Ana First", True), ("Cal Third", False)]


def test_a_statement_makes_model_instances_with_what_it_selects_related():
    from forum.models import Category, Post, Topic

    author = make_user("Cy Author")
    category = Category.objects.create(name="Employing PAs", slug="employing-pas", order=1)
    topic = Topic.objects.create(category=category, title="Training", author=author)
    Post.objects.create(topic=topic, author=author, body_markdown="Who pays?")
    Post.objects.create(topic=topic, author=None, body_markdown="A former member's reply")
    posts = Statement(
        lambda topic: Post.objects.select_related("author").filter(topic_id=topic), "topic"
    )
    made = posts.objects(topic=topic.pk)
    assert [post.pk for post in made] == list(topic.posts.values_list("pk", flat=True))
    assert made[0].author.display_name == "Cy Author"
    assert made[0].created == topic.posts.first().created
    assert made[1].author is None
    assert posts.objects(topic=topic.pk + 1000) == []


def test_a_statement_gives_every_row_and_an_id_may_be_asked_twice():
    from accounts.models import User

    first, second = make_user("Ana First"), make_user("Bea Second")
    people = Statement(
        lambda person: User.objects.filter(pk__gte=person, pk__lte=person).values("display_name"),
        "person",
    )
    assert people.rows(person=first.pk) == [{"display_name": "Ana First"}]
    assert people.rows(person=second.pk) == [{"display_name": "Bea Second"}]
    assert people.rows(person=second.pk + 1000) == []


def test_an_id_may_be_a_list_built_once_for_each_power_of_two():
    from accounts.models import User

    people = [make_user(name) for name in ("Ana First", "Bea Second", "Cal Third")]
    ids = [person.pk for person in people]
    names = Statement(
        lambda people, after: (
            User.objects.filter(pk__in=people, pk__gt=after)
            .order_by("display_name")
            .values_list("display_name")
        ),
        "people",
        "after",
    )
    assert names.rows(people=ids[:2], after=0) == [("Ana First",), ("Bea Second",)]
    assert names.rows(people=[ids[2], ids[0]], after=0) == [("Ana First",), ("Cal Third",)]
    assert names.rows(people=ids, after=ids[0]) == [("Bea Second",), ("Cal Third",)]
    assert names.rows(people=(ids[1],), after=0) == [("Bea Second",)]
    assert names.rows(people=[*ids, ids[1]], after=ids[1]) == [("Cal Third",)]
    assert len(names._built) == 3  # lists of two, of three or four, and of one
    with pytest.raises(ValueError, match="at least one"):
        names.rows(people=[], after=0)


def test_a_query_django_knows_finds_nothing_asks_nothing():
    from accounts.models import User

    make_user("Ana First")
    nobody = Statement(lambda: User.objects.filter(pk__in=[]))
    with CaptureQueriesContext(connection) as queries:
        assert nobody.objects() == []
        assert nobody.rows() == []
        assert nobody.row() is None
    assert len(queries) == 0


def test_an_id_may_be_a_uuid_and_another_text():
    import uuid

    from directory.models import Service
    from tests.directory.conftest import make_service

    pottery, choir = make_service("Pottery class"), make_service("Choir")
    named = Statement(
        lambda slug, service: (
            Service.objects.filter(organisation__slug=slug, uuid=service).values("name").order_by()
        ),
        "slug",
        "service",
    )
    for service in (pottery, choir):
        found = named.row(slug=service.organisation.slug, service=service.uuid)
        assert found == {"name": service.name}
    assert named.row(slug=pottery.organisation.slug, service=choir.uuid) is None
    assert named.row(slug=pottery.organisation.slug, service=uuid.uuid4()) is None
    assert named.rows(slug=choir.organisation.slug, service=choir.uuid) == [{"name": "Choir"}]
