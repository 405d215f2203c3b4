"""The one money module: pence in, words out, typed pounds back to pence with one rounding rule."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pbsite.forms import MoneyField
from pbsite.money import NotMoney, format_pence, pence_to_pounds, pounds_to_pence, round_pence


@pytest.mark.parametrize(
    "pence, words",
    [
        (1250, "£12.50"),
        (1200, "£12"),
        (120000, "£1,200"),
        (5, "£0.05"),
        (-250, "-£2.50"),
        (None, ""),
    ],
)
def test_pence_read_as_money(pence, words):
    assert format_pence(pence) == words


@pytest.mark.parametrize(
    "typed, pence",
    [
        ("12.50", 1250),
        ("£12", 1200),
        ("1,200", 120000),
        (" 12.5 ", 1250),
        ("12.345", 1235),
        ("", None),
    ],
)
def test_typed_pounds_become_pence(typed, pence):
    assert pounds_to_pence(typed) == pence


def test_half_a_penny_rounds_up_everywhere():
    assert round_pence(Decimal("0.005")) == 1
    assert round_pence(Decimal("0.015")) == 2  # not banker's rounding (which gives 2 and 2)
    assert round_pence(Decimal("0.025")) == 3


@pytest.mark.parametrize(
    "typed, reason",
    [("twelve", "not_a_number"), ("-3", "negative"), ("NaN", "not_a_number"), ("1e9", "too_big")],
)
def test_what_is_not_money_says_why(typed, reason):
    with pytest.raises(NotMoney) as problem:
        pounds_to_pence(typed)
    assert problem.value.reason == reason


@given(st.integers(min_value=0, max_value=99_999_999))
def test_formatting_then_reading_gives_the_same_pence(pence):
    assert pounds_to_pence(format_pence(pence)) == pence
    assert pounds_to_pence(pence_to_pounds(pence)) == pence


def test_the_form_field_keeps_pence_and_says_what_to_type():
    field = MoneyField(amount_label="the cost")
    assert field.clean("£12.5") == 1250
    with pytest.raises(Exception) as problem:
        field.clean("a lot")
    assert "Enter the cost as an amount in pounds, like 12.50." in str(problem.value)
    assert field.prepare_value(1250) == Decimal("12.50")
