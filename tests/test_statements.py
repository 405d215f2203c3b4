"""pbsite.statements: a query's SQL built once, then run with each call's ids."""

import pytest

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
