"""A group looking for one PA (a "PA wanted" advert); quotes talked over in private."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from accounts.privacy import delete_account
from conversations.services import block
from pa_register import adverts
from pa_register.models import Advert
from pooling import services
from pooling.models import Pool, Quote

from ..pa_register.conftest import make_pa
from .test_pools import make_pool, make_user

pytestmark = pytest.mark.django_db

ADVERT_FORM = {
    "title": "Shared PA for Friday nights",
    "details": "Three of us want a PA for the cinema and the pub.",
    "district": "OX4",
    "kinds": ["social"],
    "employment": "self_employed",
}


@pytest.fixture
def group():
    ann, bo, cy = make_user("Ann"), make_user("Bo"), make_user("Cy")
    ann.groups.add(Group.objects.get_or_create(name=Role.HOLDER.value)[0])
    pool = make_pool(ann, max_members=4)
    for person in (ann, bo, cy):
        services.join(pool, person, pays_with="direct_payment")
    return Pool.objects.get(pk=pool.pk), ann, bo, cy


def new_advert_url(pool):
    return reverse("pa_register:advert_new") + f"?pool={pool.pk}"


def test_the_coordinator_starts_from_an_advert_filled_in_from_the_group(group, client):
    pool, ann, _bo, _cy = group
    client.force_login(ann)
    page = client.get(new_advert_url(pool)).content.decode()
    assert f'value="Shared PA for our group: {pool.title}"' in page
    assert "We are a group of 3 people who will share one PA" in page
    assert 'value="OX4"' in page
    assert f'<input type="hidden" name="pool" value="{pool.pk}">' in page
    assert "PAs who reply reach every member" in page


def test_posting_links_the_advert_to_the_group_and_says_so(group, client):
    pool, ann, bo, _cy = group
    client.force_login(ann)
    response = client.post(reverse("pa_register:advert_new"), {**ADVERT_FORM, "pool": pool.pk})
    advert = Advert.objects.get()
    assert response.status_code == 302 and advert.group == pool and advert.author == ann
    page = client.get(advert.get_absolute_url()).content.decode()
    assert "3 people will share this PA" in page
    listing = client.get(reverse("pa_register:adverts")).content.decode()
    assert "A group sharing one PA" in listing

    client.force_login(bo)  # a member sees the group's advert on the pool page
    assert advert.get_absolute_url() in client.get(pool.get_absolute_url()).content.decode()


def test_an_ordinary_advert_has_no_group(group, client):
    _pool, ann, _bo, _cy = group
    client.force_login(ann)
    client.post(reverse("pa_register:advert_new"), ADVERT_FORM)
    advert = Advert.objects.get()
    assert advert.group is None
    assert "will share this PA" not in client.get(advert.get_absolute_url()).content.decode()
    listing = client.get(reverse("pa_register:adverts")).content.decode()
    assert "A group sharing one PA" not in listing


@pytest.mark.parametrize("who", ["member", "stranger"])
def test_only_the_coordinator_can_advertise_for_the_group(group, client, who):
    pool, _ann, bo, _cy = group
    person = bo if who == "member" else make_user("Dee")
    person.groups.add(Group.objects.get_or_create(name=Role.HOLDER.value)[0])
    client.force_login(person)
    assert client.get(new_advert_url(pool)).status_code == 404
    response = client.post(reverse("pa_register:advert_new"), {**ADVERT_FORM, "pool": pool.pk})
    assert response.status_code == 200 and not Advert.objects.exists()
    assert "We could not post this advert for the group" in response.content.decode()


def test_a_group_that_closed_while_they_typed_keeps_what_they_typed(group, client):
    pool, ann, _bo, _cy = group
    client.force_login(ann)
    assert client.get(new_advert_url(pool)).status_code == 200
    Pool.objects.filter(pk=pool.pk).update(state="cancelled")
    response = client.post(reverse("pa_register:advert_new"), {**ADVERT_FORM, "pool": pool.pk})
    page = response.content.decode()
    assert response.status_code == 200 and not Advert.objects.exists()
    assert "Save it again to post it as your own" in page
    assert 'value="Shared PA for Friday nights"' in page  # what they typed is still there
    assert 'name="pool"' not in page  # saving again posts it as their own
    client.post(reverse("pa_register:advert_new"), ADVERT_FORM)
    assert Advert.objects.get().group is None


@pytest.mark.parametrize("value", ["abc", "99999999", "1" * 40, "-1"])
def test_a_made_up_group_is_not_found(group, client, value):
    _pool, ann, _bo, _cy = group
    client.force_login(ann)
    assert client.get(reverse("pa_register:advert_new") + f"?pool={value}").status_code == 404


def test_a_cancelled_group_cannot_advertise(group, client):
    pool, ann, _bo, _cy = group
    Pool.objects.filter(pk=pool.pk).update(state="cancelled")
    client.force_login(ann)
    assert client.get(new_advert_url(pool)).status_code == 404
    assert "Look for a PA the group can share" not in (
        client.get(pool.get_absolute_url()).content.decode()
    )


def test_a_pa_who_replies_reaches_every_member_they_may_message(group):
    pool, ann, bo, cy = group
    block(cy, make_user("Placeholder"))  # an unrelated block changes nothing
    pa = make_pa("Sam")
    block(cy, pa.user)  # Cy does not want messages from Sam
    advert = Advert.objects.create(author=ann, group=pool, **{**ADVERT_FORM, "kinds": ["social"]})
    response = adverts.respond(advert, pa)
    participants = set(response.conversation.participants.all())
    assert participants == {pa.user, ann, bo}


def test_a_reply_to_one_persons_advert_reaches_only_them(group):
    _pool, ann, _bo, _cy = group
    advert = Advert.objects.create(author=ann, **{**ADVERT_FORM, "kinds": ["social"]})
    response = adverts.respond(advert, make_pa("Sam"))
    assert set(response.conversation.participants.all()) == {response.profile.user, ann}


def test_asking_for_a_quote_opens_a_private_conversation_with_the_supplier(group, client):
    pool, ann, bo, _cy = group
    supplier = make_user("Oakleaf")
    quote = services.request_quote(pool, ann, supplier, "Could you do Fridays?")
    conversation = quote.conversation
    assert conversation.is_private
    assert set(conversation.participants.all()) == {ann, supplier}
    first = conversation.posts.order_by("pk").first()
    assert "Could you do Fridays?" in first.body_markdown
    assert reverse("pooling:quote_answer", args=[quote.pk]) in first.body_markdown

    client.force_login(supplier)
    page = client.get(reverse("pooling:quote_answer", args=[quote.pk])).content.decode()
    assert conversation.get_absolute_url() in page
    client.force_login(bo)  # another member is not in that conversation
    assert client.get(conversation.get_absolute_url()).status_code == 404


def test_a_supplier_who_blocked_the_coordinator_cannot_be_asked(group):
    pool, ann, _bo, _cy = group
    supplier = make_user("Oakleaf")
    block(supplier, ann)
    with pytest.raises(services.PoolError, match="We have not sent the request"):
        services.request_quote(pool, ann, supplier, "Hello")
    assert not Quote.objects.exists()


def test_asking_the_same_supplier_twice_is_a_plain_error_and_one_quote(group):
    pool, ann, _bo, _cy = group
    supplier = make_user("Oakleaf")
    services.request_quote(pool, ann, supplier, "Hello")
    with pytest.raises(services.PoolError, match="You have already asked Oakleaf for a quote"):
        services.request_quote(pool, ann, supplier, "Hello again")
    assert Quote.objects.count() == 1


def test_the_quotes_page_costs_the_same_queries_however_many_quotes(group, client):
    pool, ann, _bo, _cy = group
    client.force_login(ann)
    url = reverse("pooling:decisions", args=[pool.pk])

    def queries_with(count):
        for n in range(Quote.objects.count(), count):
            services.request_quote(pool, ann, make_user(f"Supplier{n}"), "Hello")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    queries_with(1)  # the first page fills per-process caches (the helpline)
    assert queries_with(1) == queries_with(4)


def test_when_the_coordinator_leaves_the_site_the_groups_advert_moves_to_the_new_coordinator(
    group,
):
    pool, ann, bo, _cy = group
    advert = Advert.objects.create(author=ann, group=pool, **{**ADVERT_FORM, "kinds": ["social"]})

    delete_account(ann)

    advert = Advert.objects.get(pk=advert.pk)
    pool.refresh_from_db()
    assert pool.coordinator != ann and advert.author == pool.coordinator
    assert advert.group == pool
