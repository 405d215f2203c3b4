"""Areas: UK postcodes and postcode districts (outward codes), the one way every part says "where".

A holder's area is a postcode district such as ``OX4``. PAs, providers and pools list the districts
they cover. Everything here is plain functions on strings, so each part can validate input and
match coverage the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError

# The outward code: area (1-2 letters) + district (digit, then an optional digit or letter).
# The inward code: sector digit + unit (two letters, never C I K M O V).
_OUTWARD = r"(?P<area>[A-Z]{1,2})(?P<district>[0-9][0-9A-Z]?)"
_INWARD = r"(?P<sector>[0-9])(?P<unit>[ABD-HJLNP-UW-Z]{2})"
_POSTCODE_RE = re.compile(rf"^{_OUTWARD}{_INWARD}$")
_DISTRICT_RE = re.compile(rf"^{_OUTWARD}$")
MAX_INPUT_LENGTH = 12

POSTCODE_HELP = "Enter a postcode like OX4 1AA, or just the first part, like OX4."


@dataclass(frozen=True, slots=True)
class Postcode:
    """A parsed postcode or district. ``inward`` is empty when only the district was given."""

    outward: str
    inward: str = ""

    @property
    def district(self) -> str:
        return self.outward

    @property
    def area(self) -> str:
        return re.match(r"[A-Z]+", self.outward).group(0)

    @property
    def is_full(self) -> bool:
        return bool(self.inward)

    def __str__(self) -> str:
        return f"{self.outward} {self.inward}".strip()


def _squash(text: str) -> str:
    """Drop all whitespace (people type "ox41aa" and "OX4  1AA", and paste non-breaking spaces)."""
    return re.sub(r"\s+", "", text)


def parse_postcode(text: str) -> Postcode:
    """Parse a full postcode (``ox4 1aa``) or a district (``ox4``); ValidationError if neither."""
    if not isinstance(text, str) or not text.strip():
        raise ValidationError("Enter a postcode. " + POSTCODE_HELP, code="required")
    if len(text) > MAX_INPUT_LENGTH * 3 or "\x00" in text:
        raise ValidationError("That is not a postcode. " + POSTCODE_HELP, code="invalid")
    squashed = _squash(text)
    # Postcodes are ASCII. Checking before upper-casing matters: "ß1".upper() is "SS1".
    if squashed.isascii():
        squashed = squashed.upper()
    if match := _POSTCODE_RE.match(squashed):
        outward = match.group("area") + match.group("district")
        return Postcode(outward=outward, inward=match.group("sector") + match.group("unit"))
    if match := _DISTRICT_RE.match(squashed):
        return Postcode(outward=squashed)
    shown = "".join(ch for ch in text.strip()[:MAX_INPUT_LENGTH] if ch.isprintable())
    raise ValidationError(
        f"“{shown}” is not a postcode we recognise. " + POSTCODE_HELP, code="invalid"
    )


def normalise_postcode(text: str) -> str:
    """``ox4 1aa`` -> ``OX4 1AA``; ``ox4`` -> ``OX4``."""
    return str(parse_postcode(text))


def district_of(text: str) -> str:
    """The postcode district (outward code) of a postcode or district."""
    return parse_postcode(text).district


def parse_districts(text: str) -> list[str]:
    """A comma- or space-separated list of districts, validated, de-duplicated, in order.

    A full postcode in the list ("OX4 1AA, OX1") counts as its district.
    """
    districts: list[str] = []
    for part in _list_items(text or ""):
        district = district_of(part)
        if district not in districts:
            districts.append(district)
    return districts


def _list_items(text: str) -> Iterable[str]:
    for item in re.split(r"[,;\n]+", text):
        if not item.strip():
            continue
        try:
            parse_postcode(item)
        except ValidationError:
            # Not one postcode: perhaps several districts separated by spaces ("OX1 OX4").
            yield from item.split()
        else:
            yield item


def covers(districts: Iterable[str], postcode: str | Postcode) -> bool:
    """Does a coverage list of districts include this postcode or district?"""
    wanted = postcode if isinstance(postcode, Postcode) else parse_postcode(postcode)
    return wanted.district in {district_of(d) for d in districts}


def area_overlap(first: Iterable[str], second: Iterable[str]) -> set[str]:
    """Districts two coverage lists have in common."""
    return {district_of(d) for d in first} & {district_of(d) for d in second}
