"""Each kind's visibility rule is built once for each value of what it reads (the day, the code
of conduct's version, the language) and kept, with what the Whoosh backend compiles from it
(``SearchableKind.visible``, ``visibility_depends_on``). Kept, it must stay exactly the rule:
what a kind hides is never found, from the moment it is hidden."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from modelsearch.backends import get_search_backend

from pa_register.freshness import POLICY
from pa_register.models import Advert, CodeOfConduct, PAProfile
from search.registry import site_search
from search.site import search_site, search_visible
from tests.pa_register.conftest import make_pa
from tests.people import make_user

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOON = datetime.datetime(2027, 1, 12, 12, 0, tzinfo=LONDON)
KEPT_KINDS = sorted(key for key, kind in site_search.kinds.items() if kind.visibility_depends_on)


@pytest.fixture(autouse=True)
def whoosh_backend(whoosh):
    return whoosh


@pytest.fixture(autouse=True)
def nothing_kept_from_other_tests():
    for kind in site_search:
        kind._kept_visible.clear()
    yield
    for kind in site_search:
        kind._kept_visible.clear()


def found_titles(query: str, user=None) -> list[str]:
    return [hit.title for hit in search_site(query, user or AnonymousUser()).hits]


def test_every_kind_keeps_its_rule():
    assert set(site_search.kinds) == set(KEPT_KINDS)


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("key", KEPT_KINDS)
def test_a_kept_rule_is_the_rule_built_now(key, language):
    """For anyone and in each language, the kept queryset asks exactly what a new one asks
    (at one instant: the adverts' rule holds the time)."""
    kind = site_search.get(key)
    person = make_user(f"Reader {key} {language}")
    with translation.override(language), time_machine.travel(NOON, tick=False):
        for user in (AnonymousUser(), person):
            kept = kind.visible(user)
            assert kind.visible(user) is kept
            assert str(kept.query) == str(kind.visible_to(user).query)


def make_advert(title: str, expires_at: datetime.datetime) -> Advert:
    return Advert.objects.create(
        author=make_user(f"Author of {title}"),
        title=title,
        details="Help getting up, three mornings a week.",
        kinds=["personal_care"],
        district="OX4",
        hours_per_week=15,
        rate_pence=1150,
        employment="employed",
        expires_at=expires_at,
    )


def test_an_advert_is_unfindable_the_second_it_expires():
    """The adverts' rule compares with the time: kept between two expiries, it moves on the
    moment one passes, and at once for an advert posted, changed or taken down; an expiry
    written without a signal (``update()``) within a few minutes."""
    kind = site_search.get("pa_wanted")
    minutes = datetime.timedelta(minutes=1)
    with time_machine.travel(NOON, tick=False):
        make_advert("Morning PA in Cowley", NOON + 4.5 * minutes)
        evening = make_advert("Evening PA in Cowley", NOON + datetime.timedelta(days=3))
        assert {"Morning PA in Cowley", "Evening PA in Cowley"} <= set(found_titles("PA Cowley"))
        kept = kind.visible(None)
    with time_machine.travel(NOON + 4.5 * minutes - datetime.timedelta(seconds=1), tick=False):
        assert kind.visible(None) is kept  # nothing has expired: the same rule
        assert "Morning PA in Cowley" in found_titles("PA Cowley")
    with time_machine.travel(NOON + 4.5 * minutes, tick=False):
        assert kind.visible(None) is not kept
        assert "Morning PA in Cowley" not in found_titles("PA Cowley")
        assert "Evening PA in Cowley" in found_titles("PA Cowley")
    with time_machine.travel(NOON + 20 * minutes, tick=False):
        kept = kind.visible(None)
        soon = make_advert("Lunchtime PA in Cowley", NOON + 30 * minutes)
        assert kind.visible(None) is not kept  # a new advert: its expiry is read
        assert "Lunchtime PA in Cowley" in found_titles("PA Cowley")
        soon.expires_at = NOON + 21 * minutes
        soon.save()
    with time_machine.travel(NOON + 22 * minutes, tick=False):
        assert "Lunchtime PA in Cowley" not in found_titles("PA Cowley")
        assert "Evening PA in Cowley" in found_titles("PA Cowley")
        Advert.objects.filter(pk=evening.pk).update(expires_at=NOON + 23 * minutes)
    with time_machine.travel(NOON + 25 * minutes, tick=False):  # the next five minutes
        assert "Evening PA in Cowley" not in found_titles("PA Cowley")


def test_a_kept_rule_never_holds_rows():
    """Kept querysets are narrowed and searched, never iterated: no rows are shared."""
    make_pa("Rowena Keep", about="Hoist and personal care.")
    assert found_titles("hoist")
    for kind in site_search:
        for kept in kind._kept_visible.values():
            assert kept._result_cache is None


def test_a_pa_past_their_confirmation_is_unfindable_the_next_day():
    """The day is part of what the PAs' rule reads: the kept rule moves on with it. (At noon,
    London time: the rule counts local days, and a clock change moves midnight by an hour.)"""
    confirmed = datetime.datetime(2027, 1, 10, 12, 0, tzinfo=LONDON)
    with time_machine.travel(confirmed, tick=False):
        make_pa("Dorothea Lately", about="Hoist and personal care.", confirmed_days_ago=0)
    last_listed_day = confirmed + POLICY.hidden_after - datetime.timedelta(days=1)
    with time_machine.travel(last_listed_day, tick=False):
        assert "Dorothea Lately" in found_titles("hoist")
    with time_machine.travel(last_listed_day + datetime.timedelta(days=2), tick=False):
        assert "Dorothea Lately" not in found_titles("hoist")


def test_a_new_code_of_conduct_hides_pas_who_have_not_accepted_it_at_once():
    CodeOfConduct.objects.create(version=1, introduction="Plain words.", points="I turn up.")
    make_pa("Ottilie Accepted", about="Hoist and personal care.", conduct_version=1)
    assert "Ottilie Accepted" in found_titles("hoist")
    CodeOfConduct.objects.create(version=2, introduction="Plainer words.", points="I listen.")
    assert "Ottilie Accepted" not in found_titles("hoist")


def test_a_rule_compiled_by_running_sql_is_compiled_again_each_search():
    """A subquery's values are read while compiling: the data can change them, so what such a
    queryset compiles to is never kept, even for the same queryset."""
    profile = make_pa("Sidony Subquery", about="Hoist and personal care.")
    make_pa("Tamsin Other", about="Hoist and personal care.")
    unpaused = PAProfile.objects.filter(paused=False).values("pk")
    not_paused = PAProfile.objects.filter(pk__in=unpaused)
    kind = site_search.get("pas")
    backend = get_search_backend()
    assert search_visible(backend, "hoist", kind, None, queryset=not_paused).count() == 2
    # Paused without saving: the index does not hear of it, only the subquery's rows change.
    PAProfile.objects.filter(pk=profile.pk).update(paused=True)
    assert search_visible(backend, "hoist", kind, None, queryset=not_paused).count() == 1


def test_a_search_among_some_keys_is_the_search_of_those_keys():
    """A place search looks the things there up by primary key in the index (``among``): the
    same hits as filtering the queryset by them, visibility still checked."""
    pas = [make_pa(f"Among {n}", about="Hoist and personal care.") for n in range(4)]
    paused = pas[3]
    paused.paused = True
    paused.save()
    kind = site_search.get("pas")
    backend = get_search_backend()
    chosen = [pas[0].pk, pas[2].pk, paused.pk]
    among = search_visible(backend, "hoist", kind, None).among(chosen)
    filtered = search_visible(
        backend, "hoist", kind, None, queryset=kind.visible(None).filter(pk__in=chosen)
    )
    assert sorted(among.ranked_pks(10)) == sorted(filtered.ranked_pks(10))
    assert sorted(among.ranked_pks(10)) == sorted([pas[0].pk, pas[2].pk])
    assert search_visible(backend, "hoist", kind, None).among([]).count() == 0
