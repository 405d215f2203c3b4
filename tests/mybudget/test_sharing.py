"""Sharing: invite a carer, buddy or advocate (who must be a member), read only or adding
lines, stop at any time; the audit log records it; a sharer removed while typing keeps what
they typed and nothing is saved."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from mybudget.models import Share, SpendingLine
from pbsite.models import Notification
from tests.people import make_user

from .conftest import line_data, make_budget

pytestmark = pytest.mark.django_db


def invite(client, owner, email, access="see"):
    client.force_login(owner)
    return client.post(
        reverse("mybudget:sharing"), {"email": email, "role": "carer", "access": access}
    )


def accept(client, person):
    share = Share.objects.get(person=person, ended_at__isnull=True)
    client.force_login(person)
    client.post(reverse("mybudget:share_accept", args=[share.pk]))
    return share


def test_an_invitation_to_someone_who_is_not_a_member_is_explained(client, holder):
    response = invite(client, holder, "nobody-here@example.com")
    page = response.content.decode()
    assert "Nobody on Budget Circle has that email address" in page
    assert "nobody-here@example.com" in page  # what was typed is kept
    assert not Share.objects.exists()


def test_a_read_only_share_lets_them_see_after_accepting_but_not_add(client, holder):
    budget = make_budget(holder)
    tom = make_user("Tom C")
    invite(client, holder, "tom.c@example.com")
    assert Notification.objects.get(recipient=tom).url == reverse("mybudget:index")
    client.force_login(tom)
    assert client.get(budget.get_absolute_url()).status_code == 404  # not accepted yet
    accept(client, tom)
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "shared with you by Maya H" in page and "Add the line" not in page
    response = client.post(reverse("mybudget:line_new", args=[budget.pk]), line_data())
    assert response.status_code == 404 and not SpendingLine.objects.exists()
    labels = list(ModelLogEntry.objects.values_list("action", "label", "user_id"))
    assert (
        "budgetcircle.mybudget.share",
        f"Budget sharing {Share.objects.get().pk}",
        holder.pk,
    ) in labels
    assert (
        "budgetcircle.mybudget.share_accepted",
        f"Budget sharing {Share.objects.get().pk}",
        tom.pk,
    ) in labels
    assert not [label for _a, label, _u in labels if "Tom" in label or "Maya" in label]


def test_a_sharer_who_may_add_lines_adds_one_with_their_name_on_it(client, holder):
    budget = make_budget(holder)
    tom = make_user("Tom C")
    invite(client, holder, "tom.c@example.com", access="add")
    accept(client, tom)
    response = client.post(reverse("mybudget:line_new", args=[budget.pk]), line_data())
    assert response.status_code == 302
    assert SpendingLine.objects.get().added_by == tom


def test_stopping_sharing_while_they_type_keeps_their_words_and_saves_nothing(client, holder):
    budget = make_budget(holder)
    tom = make_user("Tom C")
    invite(client, holder, "tom.c@example.com", access="add")
    share = accept(client, tom)
    page = client.get(budget.get_absolute_url()).content.decode()
    assert "Add the line" in page  # Tom starts typing...
    client.force_login(holder)
    client.post(reverse("mybudget:share_end", args=[share.pk]))  # ...and Maya stops sharing
    client.force_login(tom)
    response = client.post(
        reverse("mybudget:line_new", args=[budget.pk]), line_data(what="Tom-typed-this")
    )
    assert response.status_code == 404
    page = response.content.decode()
    assert "stopped sharing it while you were typing" in page and "Tom-typed-this" in page
    assert "Social care budget" not in page  # nothing of the budget itself
    assert not SpendingLine.objects.exists()
    assert client.get(budget.get_absolute_url()).status_code == 404
    assert ModelLogEntry.objects.filter(action="budgetcircle.mybudget.share_ended").count() == 1


def test_the_person_shared_with_can_stop_seeing_it(client, holder):
    budget = make_budget(holder)
    tom = make_user("Tom C")
    invite(client, holder, "tom.c@example.com")
    share = accept(client, tom)
    client.post(reverse("mybudget:share_end", args=[share.pk]))
    assert client.get(budget.get_absolute_url()).status_code == 404


def test_a_carer_keeps_a_budget_on_someones_behalf(client):
    carer = make_user("Tom Carer")
    client.force_login(carer)
    client.post(
        reverse("mybudget:budget_new"),
        {
            "name": "Mum's budget",
            "amount": "300",
            "every": "week",
            "held_as": "managed_account",
            "start_date": "2026-11-02",
            "kept_for": "Mum (Margaret)",
        },
    )
    page = client.get(reverse("mybudget:index")).content.decode()
    assert "kept for Mum (Margaret)" in page
