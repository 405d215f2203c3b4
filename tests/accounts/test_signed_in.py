"""Who is signed in (accounts/signed_in.py, pbsite/sessions.py): the person and their session
read by SQL built once per process, with Django's answer every time: a deactivated account, a
changed password, a removed role or an ended session takes effect on the very next request."""

from datetime import timedelta

import pytest
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from accounts.models import Role
from accounts.signed_in import signed_in_user
from pbsite.sessions import SessionStore
from tests.people import make_user

pytestmark = pytest.mark.django_db

SETTINGS = "/accounts/settings/"
ALLAUTH = "allauth.account.auth_backends.AuthenticationBackend"


def session_of(client):
    return SessionStore(client.session.session_key)


def request_with(session):
    request = RequestFactory().get("/")
    request.session = session
    return request


def both_answers(client):
    """What ``signed_in_user`` and Django's ``auth.get_user`` give for the same session, each on
    a fresh copy of it (Django's may flush it)."""
    ours = signed_in_user(request_with(session_of(client)))
    djangos = auth.get_user(request_with(session_of(client)))
    return ours, djangos


def test_the_signed_in_person_is_the_one_django_gives():
    person = make_user("Maya H")
    for backend in ("django.contrib.auth.backends.ModelBackend", ALLAUTH):
        client = Client()
        client.force_login(person, backend=backend)
        ours, djangos = both_answers(client)
        assert ours == djangos == person
        assert ours.is_authenticated and vars(ours).keys() >= {"email", "display_name"}
        assert ours.display_name == "Maya H" and ours.password == person.password


def test_a_deactivated_account_is_signed_out_on_the_next_request(client):
    person = make_user("Maya H")
    client.force_login(person)
    assert client.get(SETTINGS).status_code == 200
    person.is_active = False
    person.save(update_fields=["is_active"])
    ours, djangos = both_answers(client)
    assert not ours.is_authenticated and not djangos.is_authenticated
    assert client.get(SETTINGS).status_code == 302


def test_a_deleted_account_is_signed_out_on_the_next_request(client):
    person = make_user("Maya H")
    client.force_login(person)
    person.delete()
    assert not signed_in_user(request_with(session_of(client))).is_authenticated
    assert client.get(SETTINGS).status_code == 302


def test_a_changed_password_signs_out_other_sessions_and_flushes_them(client):
    person = make_user("Maya H")
    client.force_login(person)
    key = client.session.session_key
    person.set_password("another-Long-pass-for-tests-2")
    person.save()
    session = session_of(client)
    assert not signed_in_user(request_with(session)).is_authenticated
    assert not Session.objects.filter(session_key=key).exists()  # flushed, as Django does
    assert client.get(SETTINGS).status_code == 302


def test_a_session_hash_made_with_an_old_secret_is_renewed_as_django_renews_it(client, settings):
    person = make_user("Maya H")
    client.force_login(person)
    old_key = client.session.session_key
    new_secret = {"SECRET_KEY": "a-new-secret-" * 4, "SECRET_KEY_FALLBACKS": [settings.SECRET_KEY]}
    with override_settings(**new_secret):
        session = session_of(client)
        assert signed_in_user(request_with(session)) == person
        assert session.session_key != old_key  # cycled, with the new secret's hash
        assert session[HASH_SESSION_KEY] == person.get_session_auth_hash()


def test_a_backend_no_longer_listed_signs_nobody_in(client):
    person = make_user("Maya H")
    client.force_login(person)
    session = client.session
    session[BACKEND_SESSION_KEY] = "some.old.Backend"
    session.save()
    assert not signed_in_user(request_with(session_of(client))).is_authenticated


def test_a_removed_role_is_gone_on_the_next_request(client):
    person = make_user("Moe D", role=Role.MODERATOR)
    client.force_login(person)
    assert signed_in_user(request_with(session_of(client))).has_role(Role.MODERATOR)
    person.groups.remove(Group.objects.get(name=Role.MODERATOR.value))
    assert not signed_in_user(request_with(session_of(client))).has_role(Role.MODERATOR)


def test_an_ended_or_unknown_session_is_no_session(client):
    person = make_user("Maya H")
    client.force_login(person)
    key = client.session.session_key
    assert SessionStore(key).load()
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(1))
    expired = SessionStore(key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None
    assert client.get(SETTINGS).status_code == 302


def test_a_signed_in_page_reads_the_session_and_the_person_once_each(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(make_user("Maya H"))
    client.get(SETTINGS)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(SETTINGS).status_code == 200
    sessions = [query for query in queries if 'FROM "django_session"' in query["sql"]]
    # The header's counts are read from the person's row too, in a query of their own.
    people = [query for query in queries if '"accounts_user"."password"' in query["sql"]]
    assert len(sessions) == 1 and len(people) == 1, [query["sql"] for query in queries]
