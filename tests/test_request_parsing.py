"""The one parser for numbers people send us (pbsite/request_parsing.py, issue 13 item 4)."""

import pytest
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from pbsite.request_parsing import LARGEST, id_param, number_param, whole_number


@pytest.mark.parametrize(
    "raw",
    [
        "²",
        "٣",
        "１２",
        "①",
        "1e3",
        "-1",
        "+1",
        " 1",
        "1 ",
        "1_000",
        "1.5",
        "Infinity",
        "NaN",
        "",
        "\x00",
        "1\x00",
        "99999999999999999999",
        str(LARGEST + 1),
        "9" * 100_000,
        None,
        True,
        1.0,
        float("inf"),
        [1],
    ],
)
def test_anything_but_plain_digits_is_no_number(raw):
    assert whole_number(raw) is None
    assert whole_number(raw, default=1) == 1


def test_plain_digits_are_read_within_their_bounds():
    assert whole_number("0") == 0 and whole_number("007") == 7
    assert whole_number(str(LARGEST)) == LARGEST
    assert whole_number(12) == 12
    assert whole_number("0", low=1) is None and whole_number("0", low=1, default=5) == 5
    assert whole_number("11", high=10) is None


def test_query_parameters_take_the_last_value_sent():
    query = QueryDict("page=1&page=2&to=%C2%B2&id=0")
    assert number_param(query, "page") == 2
    assert number_param(query, "to", default=1) == 1
    assert number_param(query, "missing") is None
    assert id_param(query, "id") is None


@given(st.one_of(st.text(), st.integers(), st.floats(), st.none(), st.booleans()))
def test_never_fails_and_never_leaves_the_bounds(value):
    number = whole_number(value, low=1, high=1000)
    assert number is None or (type(number) is int and 1 <= number <= 1000)
