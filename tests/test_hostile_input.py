"""The hostile battery: every page type and every form on it, sent the input an outside tester
sends, must answer with a page, never a server error (issue 13, item 4).

Pages are the list in tests/accessibility/pages.py (every page type, each as the visitor or demo
person its entry names) and the Open Referral UK API. Each page is sent:

- in its query string, every number the site reads from a query string anywhere (``page``,
  ``to``, ``quote``, ``reply_to``, ``pool``...) and every field of the page's own search and
  filter forms, set to each hostile value below, then all of them sent twice;
- to each form on it, every field set to each hostile value, and then the form as the page
  filled it in with only its number-like fields (hidden ids, choices, boxes) made hostile.

A form that refuses the input shows again what was typed in its text boxes.

The demo site is loaded once for the module (inside a transaction rolled back at the end), and
each test runs in a savepoint of its own, so a form that changes something changes it for that
page's test only.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from accounts.demo import demo_user

from .accessibility.pages import PAGES

HUGE = "99999999999999999999"
HOSTILE = {
    "superscript two": "²",
    "Arabic-Indic three": "٣",
    "full-width twelve": "１２",
    "circled one": "①",
    "exponent": "1e3",
    "minus one": "-1",
    "zero": "0",
    "a fraction": "1.5",
    "Infinity": "Infinity",
    "NaN": "NaN",
    "huge": HUGE,
    "NUL": "\x00",
    "NUL after a digit": "1\x00",
    "100,000 digits": "9" * 100_000,
}
# What the number-only variant of each form sends (a sample: the rest are covered above).
NUMBERS_ONLY = {name: HOSTILE[name] for name in ("superscript two", "Infinity", "huge", "NUL")}
TYPED = "1e3"  # a form that refuses this must show it again in each text box

# Every name the site reads a number (or an id) from in a query string, on any page.
QUERY_NUMBERS = [
    "page",
    "per_page",
    "to",
    "quote",
    "reply_to",
    "pool",
    "report",
    "service",
    "key",
    "version",
    "categories",
    "attended",
    "id",
    "show",
]
API_PAGES = [
    "/directory/api/",
    "/directory/api/services",
    "/directory/api/taxonomies",
    "/directory/api/taxonomy_terms",
    "/directory/api/service_at_locations",
]
API_PARAMETERS = [
    "page",
    "per_page",
    "taxonomy_term_id",
    "taxonomy_id",
    "modified_after",
    "day",
    "postcode",
    "search",
]
SKIPPED_ACTIONS = ("/accounts/logout/",)  # signing out would end the rest of the page's test
ATTACKED: set = set()  # forms already sent everything, as (who, action, field names)


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """The demo site, loaded once for every test here and rolled back when they are done."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.fixture
def site(demo_site, db):
    return demo_site


def client_for(who) -> Client:
    client = Client(raise_request_exception=False)
    if who is not None:
        client.force_login(demo_user(who))
    return client


def resolve(path) -> str:
    return path() if callable(path) else path


def crash(response, what: str) -> str | None:
    if response.status_code < 500:
        return None
    error = response.exc_info[1] if getattr(response, "exc_info", None) else None
    return f"{what} answered {response.status_code}: {error!r}"[:400]


def short(value) -> str:
    return repr(value if len(str(value)) < 30 else f"{str(value)[:12]}…({len(str(value))})")


# --- Reading the forms on a page ---------------------------------------------------------------


def form_fields(form) -> list[tuple[str, str, str]]:
    """``(name, kind, value)`` of each named control, in order, as the page filled it in."""
    fields = []
    for control in form.find_all(["input", "select", "textarea", "button"]):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        if control.name == "select":
            chosen = control.find("option", selected=True) or control.find("option")
            fields.append((name, "select", chosen.get("value", chosen.text) if chosen else ""))
        elif control.name == "textarea":
            fields.append((name, "textarea", control.text))
        elif control.name == "button":
            fields.append((name, "button", control.get("value", "")))
        else:
            kind = control.get("type", "text").lower()
            if kind in ("checkbox", "radio") and not control.has_attr("checked"):
                fields.append((name, kind, None))  # not sent unless made hostile
            else:
                fields.append((name, kind, control.get("value", "")))
    return fields


def forms_on(content: bytes, page_url: str, method: str):
    soup = BeautifulSoup(content, "html.parser")
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() != method:
            continue
        action = urljoin("http://testserver" + page_url, form.get("action") or page_url)
        yield urlsplit(action)._replace(scheme="", netloc="").geturl(), form_fields(form)


def looks_like_number(kind: str, value) -> bool:
    return kind in ("hidden", "checkbox", "radio", "select", "number") or (
        value is not None and str(value).isascii() and str(value).isdigit()
    )


TEXT_KINDS = {"text", "email", "search", "url", "tel", "number", "textarea"}


def shows_again(content: bytes, action: str, sent: dict) -> list[str]:
    """The text boxes of the form posted to ``action`` that do not show what was typed."""
    missing = []
    for again_action, fields in forms_on(content, action, "post"):
        if again_action.split("?")[0] != action.split("?")[0]:
            continue
        for name, kind, value in fields:
            if kind in TEXT_KINDS and sent.get(name) == TYPED and (value or "").strip() != TYPED:
                missing.append(name)
        return missing
    return missing


# --- The tests ---------------------------------------------------------------------------------


def with_query(path: str, data: dict) -> tuple[str, list]:
    parts = urlsplit(path)
    kept = [(key, value) for key, value in parse_qsl(parts.query) if key not in data]
    pairs = kept + [
        (key, one)
        for key, value in data.items()
        for one in (value if isinstance(value, list) else [value])
    ]
    return parts.path, pairs


def query_string_attacks(client, path: str, names: list[str]) -> list[str]:
    failures = []
    for label, value in HOSTILE.items():
        target, pairs = with_query(path, {name: value for name in names})
        response = client.get(target, pairs)
        failures.append(crash(response, f"{target} with every parameter {label}"))
    target, pairs = with_query(path, {name: ["1", HUGE] for name in names})
    response = client.get(target, pairs)
    failures.append(crash(response, f"{target} with every parameter twice, 1 then {HUGE}"))
    return [failure for failure in failures if failure]


PAGE_IDS = [name for name, _path, _who in PAGES]


@pytest.mark.parametrize(("name", "path", "who"), PAGES, ids=PAGE_IDS)
def test_every_page_survives_hostile_query_strings(site, name, path, who):
    client = client_for(who)
    url = resolve(path)
    page = client.get(url)
    assert page.status_code < 500, crash(page, url)
    names = set(QUERY_NUMBERS)
    for _action, fields in forms_on(page.content, url, "get"):
        names.update(field for field, _kind, _value in fields)
    failures = query_string_attacks(client, url, sorted(names))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("path", API_PAGES)
def test_the_open_referral_api_survives_hostile_query_strings(site, path):
    client = client_for(None)
    failures = query_string_attacks(client, path, API_PARAMETERS)
    assert not failures, "\n".join(failures)
    for value in ("²", "1e3", "-1", "1.5", HUGE, "\x00"):
        response = client.get(path, {"page": value, "per_page": value})
        if path != "/directory/api/":
            assert response.status_code == 400, (value, response.status_code)
            assert "whole number" in response.json()["error"]


def post_attacks(client, action: str, fields: list) -> list[str]:
    failures = []

    def send(data: dict, what: str):
        response = client.post(action, data)
        failures.append(crash(response, f"POST {action} {what}"))
        return response

    names = list(dict.fromkeys(name for name, _kind, _value in fields))
    for label, value in HOSTILE.items():
        send({name: value for name in names}, f"every field {label}")
    as_filled = {}
    for name, _kind, value in fields:
        if value is not None:
            as_filled.setdefault(name, value)
    numbers = {name for name, kind, value in fields if looks_like_number(kind, value)}
    for label, value in NUMBERS_ONLY.items():
        data = {**as_filled, **dict.fromkeys(numbers, value)}
        send(data, f"as filled in, number fields {label}: {sorted(numbers)}")
    send({name: [as_filled.get(name, "1"), HUGE] for name in names}, "every field twice")
    typed = {name: TYPED for name in names}
    response = send(typed, f"every field {TYPED!r}")
    if response.status_code == 200 and (missing := shows_again(response.content, action, typed)):
        failures.append(f"POST {action}: refused {TYPED!r} but lost it from {missing}")
    return [failure for failure in failures if failure]


@pytest.mark.parametrize(("name", "path", "who"), PAGES, ids=PAGE_IDS)
def test_every_form_survives_hostile_posts(site, name, path, who):
    client = client_for(who)
    url = resolve(path)
    page = client.get(url)
    assert page.status_code < 500, crash(page, url)
    failures = []
    for action, fields in forms_on(page.content, url, "post"):
        # The same form on many pages (report, block, the notification buttons) once only.
        key = (who, action, tuple(name for name, _kind, _value in fields))
        if action.startswith(SKIPPED_ACTIONS) or key in ATTACKED:
            continue
        ATTACKED.add(key)
        failures += post_attacks(client, action, fields)
        if who is not None and "_auth_user_id" not in client.session:
            client.force_login(demo_user(who))  # a form signed them out: sign in again
    assert not failures, "\n".join(failures)
