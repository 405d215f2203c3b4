"""Areas: postcodes and districts parse, normalise and match coverage the same way everywhere."""

import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from pbsite.areas import (
    POSTCODE_HELP,
    Postcode,
    covers,
    district_of,
    normalise_postcode,
    parse_districts,
    parse_postcode,
)

# Built from the shape of a UK postcode, independently of pbsite.areas' own regular expressions.
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # never C I K M O V
DIGITS = "0123456789"

areas_ = st.text(LETTERS, min_size=1, max_size=2)
districts_ = st.builds(
    lambda area, digit, extra: f"{area}{digit}{extra}",
    areas_,
    st.sampled_from(DIGITS),
    st.sampled_from(["", *DIGITS, *LETTERS]),
)
inwards = st.builds(
    lambda sector, unit: f"{sector}{unit}",
    st.sampled_from(DIGITS),
    st.text(UNIT_LETTERS, min_size=2, max_size=2),
)
postcodes = st.builds(lambda outward, inward: f"{outward} {inward}", districts_, inwards)
spacing = st.text(" \t\u00a0", max_size=3)


def scatter_spaces(text: str, data) -> str:
    """The same postcode typed with spaces anywhere, as people and phones do."""
    return "".join(char + data.draw(spacing) for char in text)


# --- Valid postcodes ---------------------------------------------------------------------------


@given(postcodes)
def test_a_full_postcode_round_trips(postcode):
    parsed = parse_postcode(postcode)
    assert str(parsed) == postcode
    assert parsed.is_full
    assert parsed.district == postcode.split()[0]
    assert parsed.area == re.match(r"[A-Z]+", postcode).group(0)


@given(districts_)
def test_a_district_round_trips(district):
    parsed = parse_postcode(district)
    assert parsed == Postcode(outward=district)
    assert not parsed.is_full and str(parsed) == district == district_of(district)


@given(st.one_of(postcodes, districts_))
def test_normalise_is_idempotent(text):
    once = normalise_postcode(text)
    assert normalise_postcode(once) == once


@given(st.one_of(postcodes, districts_), st.data())
def test_case_and_spacing_do_not_matter(text, data):
    variants = [
        text.lower(),
        text.upper(),
        text.swapcase(),
        text.replace(" ", ""),
        f"  {text}\n",
        scatter_spaces(text.lower(), data),
    ]
    for variant in variants:
        assert normalise_postcode(variant) == text


@given(postcodes)
def test_the_district_of_a_postcode_is_its_outward_code(postcode):
    assert district_of(postcode) == postcode.split()[0]
    assert district_of(postcode.lower().replace(" ", "")) == postcode.split()[0]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ox4 1aa", "OX4 1AA"),
        ("OX41AA", "OX4 1AA"),
        ("ox4", "OX4"),
        ("sw1a 1aa", "SW1A 1AA"),
        ("EC1A1BB", "EC1A 1BB"),
        ("w1a 0ax", "W1A 0AX"),
        ("m1 1ae", "M1 1AE"),
        ("  b33 8th ", "B33 8TH"),
        ("ox4\u00a01aa", "OX4 1AA"),
    ],
)
def test_known_examples(typed, expected):
    assert normalise_postcode(typed) == expected


# --- Junk ---------------------------------------------------------------------------------------


def assert_plain_error(text):
    with pytest.raises(ValidationError) as caught:
        parse_postcode(text)
    (message,) = caught.value.messages
    assert POSTCODE_HELP in message
    assert len(message) < 200
    assert "Traceback" not in message and "\x00" not in message
    return message


HOSTILE = [
    "",
    "   ",
    "<script>alert(1)</script>",
    "OX4\x001AA",
    "\x00",
    "x" * 10_000,
    "OX4 1AA" * 1_500,
    "'; DROP TABLE accounts_user; --",
    "ß1",  # "ß1".upper() would be "SS1"
    "ﬀ1 1AA",  # a ligature that upper-cases to "FF"
    "OX4 1CA",  # C is never a unit letter
    "OX4 1A",
    "4OX",
    "OX 1AA",
    "OXX4 1AA",
    "１２３",  # full-width digits
    "OX4 1AA OX4",
    "\u202eAA1 4XO",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_and_wrong_input_gets_a_plain_error(text):
    assert_plain_error(text)


@pytest.mark.parametrize("value", [None, 4, 4.5, b"OX4", ["OX4"]])
def test_wrong_types_get_a_plain_error(value):
    assert_plain_error(value)


@given(st.text(max_size=60))
@example("\x00" * 20)
@example("<b>" * 30)
def test_any_text_either_parses_to_a_postcode_or_raises_validation_error(text):
    try:
        parsed = parse_postcode(text)
    except ValidationError as error:
        assert POSTCODE_HELP in error.messages[0]
        return
    # Whatever parses is an ASCII postcode that round-trips and equals the squashed input.
    assert str(parsed).isascii()
    assert parse_postcode(str(parsed)) == parsed
    assert re.sub(r"\s", "", text).upper() == str(parsed).replace(" ", "")


@given(st.text(max_size=10_000))
def test_district_lists_of_junk_raise_validation_error_or_give_real_districts(text):
    try:
        districts = parse_districts(text)
    except ValidationError as error:
        assert POSTCODE_HELP in error.messages[0]
    else:
        assert all(district_of(district) == district for district in districts)


def test_a_ten_thousand_character_string_is_refused_quickly():
    message = assert_plain_error("OX4" + "a" * 10_000)
    assert "aaaaaaaaaa" not in message


# --- Coverage ----------------------------------------------------------------------------------


def test_coverage_matches_whole_districts_only():
    assert covers(["OX4", "OX1"], "ox4 1aa")
    assert covers(["ox4"], "OX4")
    assert not covers(["OX44"], "OX4 1AA")
    assert not covers(["OX4"], "OX44 1AA")
    assert not covers([], "OX4 1AA")


@given(postcodes, st.lists(districts_, max_size=5))
def test_coverage_is_membership_of_the_district(postcode, districts):
    district = postcode.split()[0]
    assert covers(districts, postcode) == (district in districts)
    assert covers([*districts, district.lower()], Postcode(*postcode.split()))


def test_coverage_rejects_a_bad_postcode_plainly():
    with pytest.raises(ValidationError):
        covers(["OX4"], "not a postcode")


def test_parse_districts_cleans_a_typed_list():
    assert parse_districts("ox4, OX1 ox4;OX2\nOX3") == ["OX4", "OX1", "OX2", "OX3"]
    assert parse_districts("OX4 1AA, OX1") == ["OX4", "OX1"]
    assert parse_districts("") == [] and parse_districts(None) == []
    with pytest.raises(ValidationError) as caught:
        parse_districts("OX4, banana")
    assert "banana" in caught.value.messages[0]


@given(st.lists(districts_, max_size=6))
def test_parse_districts_round_trips_a_joined_list(districts):
    expected = list(dict.fromkeys(districts))
    assert parse_districts(", ".join(d.lower() for d in districts)) == expected
    assert parse_districts(" ".join(districts)) == expected


# --- The gazetteer -------------------------------------------------------------------------


def test_every_town_in_the_table_resolves_to_its_districts_or_a_choice():
    from pbsite.areas import AmbiguousPlace, district_table, resolve_place, town_names

    table = district_table()
    assert len(table) == 2848
    names = town_names()
    assert len(names) > 1500
    for name in names:
        try:
            place = resolve_place(name)
        except AmbiguousPlace as ambiguous:
            assert len(ambiguous.choices) > 1, name
            assert all(choice.name.lower() == name.lower() for choice in ambiguous.choices), name
            # Each choice can be typed back ("Newport, Essex") and then resolves to one place.
            for choice in ambiguous.choices:
                assert resolve_place(choice.full_name).districts == choice.districts, name
        else:
            assert place.name == name
            assert place.districts and all(code in table for code in place.districts)
            assert name in {table[code].town for code in place.districts}


def test_a_town_resolves_in_any_case_and_with_small_misspellings():
    from pbsite.areas import resolve_place

    assert resolve_place("BANBURY").districts == ("OX16",)
    assert resolve_place("banbery").districts == ("OX16",)
    assert resolve_place("  witney ").districts == ("OX28",)
    assert resolve_place("Oxford").districts == ("OX1", "OX2", "OX3", "OX4")
    assert resolve_place("saint albans").name == "St Albans"
    assert resolve_place("ox4 1aa").districts == ("OX4",)
    assert "B1" in resolve_place("Birmingham").districts  # named only as a county in the table


def test_four_newports_ask_which_one_england_first():
    from pbsite.areas import AmbiguousPlace, resolve_place

    with pytest.raises(AmbiguousPlace) as raised:
        resolve_place("newport")
    choices = raised.value.choices
    counties = [choice.county for choice in choices]
    assert {"Isle Of Wight", "Essex", "Telford and Wrekin", "Pembrokeshire"} <= set(counties)
    countries = [choice.country for choice in choices]
    assert countries == sorted(countries, key=lambda country: country != "England")
    assert resolve_place("Newport, Essex").districts == ("CB11",)


def test_unknown_places_say_so():
    from pbsite.areas import resolve_place

    with pytest.raises(ValidationError, match="could not find a place called “Xyzzyton”"):
        resolve_place("Xyzzyton")


def test_distance_between_districts_in_miles():
    from pbsite.areas import describe_distance, distance_miles, districts_within, resolve_place

    assert distance_miles("OX4", "OX4") == 0
    assert 23 < distance_miles("OX4", "OX16") < 24.5  # Oxford to Banbury
    assert distance_miles("OX16", "ZZ9") is None
    near = districts_within(resolve_place("Banbury"), 5)
    assert {"OX16", "OX15", "OX17"} <= near and "OX4" not in near
    assert describe_distance(4.4) == "about 4 miles away"
    assert describe_distance(1.2) == "about 1 mile away"
    assert describe_distance(0, resolve_place("Banbury")) == "covers Banbury"
