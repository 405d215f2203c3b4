"""Areas: UK postcodes and postcode districts (outward codes), the one way every part says "where".

A holder's area is a postcode district such as ``OX4``. PAs, providers and pools list the districts
they cover. Everything here is plain functions on strings, so each part can validate input and
match coverage the same way.
"""

from __future__ import annotations

import csv
import difflib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext

from .request_parsing import clean_text

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
    shown = clean_text(text, most=MAX_INPUT_LENGTH)
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


# --- The gazetteer: towns to districts, and distances between districts ---------------------
#
# ``gazetteer/postcode-districts.csv`` (see ``gazetteer/SOURCE.md``) gives each district a
# centroid and one town. A "place" is a town in one county: Oxford is OX1, OX2, OX3 and OX4;
# there are four Newports (Essex, the Isle of Wight, Telford and Wrekin, Pembrokeshire), so
# "Newport" alone is ambiguous and the person is asked which one, places in England first.

DATA_FILE = Path(__file__).resolve().parent / "gazetteer" / "postcode-districts.csv"
EARTH_RADIUS_MILES = 3958.8
# How close a misspelt town must be to a real one (difflib's ratio) to count as meant.
FUZZY_CUTOFF = 0.82


@dataclass(frozen=True, slots=True)
class District:
    code: str
    latitude: float
    longitude: float
    town: str
    county: str
    country: str


@dataclass(frozen=True, slots=True)
class Place:
    """Somewhere a person named: a town (one or more districts) or one district."""

    name: str
    districts: tuple[str, ...]
    county: str = ""
    country: str = ""

    @property
    def district(self) -> str:
        """The district to show or store when only one is wanted (the first)."""
        return self.districts[0]

    @property
    def is_district(self) -> bool:
        return self.districts == (self.name,)

    @property
    def label(self) -> str:
        """ "Banbury (OX16)", "Oxford (OX1, OX2, OX3, OX4)", or just "OX4"."""
        if self.is_district:
            return self.name
        return f"{self.name} ({few_districts(self.districts, 4)})"

    @property
    def full_name(self) -> str:
        """The town and its county, to tell places of the same name apart."""
        return f"{self.name}, {self.county}" if self.county else self.name

    def __str__(self) -> str:
        return self.label


class AmbiguousPlace(ValidationError):
    """A town name that belongs to several places; ``choices`` lists them, England first."""

    def __init__(self, name: str, choices: list[Place]):
        self.name, self.choices = name, choices
        listed = "; ".join(f"{p.full_name} ({few_districts(p.districts)})" for p in choices)
        super().__init__(
            f"There is more than one {name}: {listed}. Type which one, like "
            f"“{choices[0].full_name}”, or its postcode district, like {choices[0].district}.",
            code="ambiguous_place",
        )


def few_districts(districts: tuple[str, ...], most: int = 3) -> str:
    shown = ", ".join(districts[:most])
    return shown + (" and more" if len(districts) > most else "")


def _simplify(text: str) -> str:
    """Lower case, letters and single spaces; "St." and "Saint" are the same."""
    text = re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("&", " and "))
    words = ["st" if word == "saint" else word for word in text.split()]
    return " ".join(words)


@cache
def district_table() -> dict[str, District]:
    """Every district in the table, by outward code."""
    table: dict[str, District] = {}
    with DATA_FILE.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                latitude, longitude = float(row["latitude"]), float(row["longitude"])
            except (TypeError, ValueError):
                continue
            code = row["postcode"].strip().upper()
            table[code] = District(
                code=code,
                latitude=latitude,
                longitude=longitude,
                town=row["city"].strip(),
                county=row["county"].strip(),
                country=row["country_name"].strip(),
            )
    return table


@cache
def _towns() -> dict[str, list[Place]]:
    """Simplified town name -> the places of that name, England first, then most districts."""
    grouped: dict[tuple[str, str], list[District]] = {}
    for district in district_table().values():
        if district.town:
            grouped.setdefault((district.town, district.county), []).append(district)
    towns: dict[str, list[Place]] = {}
    for (town, county), members in grouped.items():
        codes = tuple(sorted((d.code for d in members), key=_district_sort_key))
        place = Place(name=town, districts=codes, county=county, country=members[0].country)
        towns.setdefault(_simplify(town), []).append(place)
    # Counties and cities the table names only as a county (Birmingham, Leeds, Greater
    # London, Oxfordshire): every district in them, beside any town of that name elsewhere
    # (Leeds is also a village in Kent).
    counties: dict[str, list[District]] = {}
    for district in district_table().values():
        if district.county:
            counties.setdefault(district.county, []).append(district)
    for county, members in counties.items():
        codes = tuple(sorted((d.code for d in members), key=_district_sort_key))
        name = re.sub(r"^(City of|Greater) ", "", county)
        for key in {_simplify(county), _simplify(name)}:
            if not any(place.county == county for place in towns.get(key, ())):
                country = members[0].country
                place = Place(name=name, districts=codes, county=country, country=country)
                towns.setdefault(key, []).append(place)
    for places in towns.values():
        places.sort(key=lambda p: (p.country != "England", -len(p.districts), p.county))
    return towns


def _district_sort_key(code: str):
    match = _DISTRICT_RE.match(code)
    if not match:
        return (code, 0, "")
    number = re.match(r"\d+", match.group("district")).group(0)
    return (match.group("area"), int(number), match.group("district"))


def town_names() -> list[str]:
    """Every town the table names (the ``city`` column), as it spells them."""
    return sorted({district.town for district in district_table().values() if district.town})


def _with_county(simple: str) -> list[Place] | None:
    """ "newport isle of wight" / "newport, isle of wight": the town, narrowed by its county."""
    words = simple.split()
    for cut in range(len(words) - 1, 0, -1):
        town, county = " ".join(words[:cut]), " ".join(words[cut:])
        places = _towns().get(town)
        if places:
            narrowed = [p for p in places if _simplify(p.county).startswith(county)]
            if narrowed:
                return narrowed
    return None


def find_town(text: str, *, fuzzy: bool = True) -> list[Place]:
    """The places a town name could mean, England first; empty if none.

    Any case; "St"/"Saint" and punctuation do not matter; a county may follow the name
    ("Newport, Isle of Wight"); a small misspelling ("Banbery") finds the town meant."""
    simple = _simplify(text or "")
    if not simple:
        return []
    towns = _towns()
    if simple in towns:
        return list(towns[simple])
    if narrowed := _with_county(simple):
        return narrowed
    if fuzzy and len(simple) >= 4:
        # People rarely get the first letter wrong; without this rule "Headington" (not in the
        # table) would be taken for Chadlington and "Cowley" for Rowley.
        same_start = [name for name in towns if name[0] == simple[0]]
        close = difflib.get_close_matches(simple, same_start, n=1, cutoff=FUZZY_CUTOFF)
        if close:
            return list(towns[close[0]])
    return []


def resolve_place(text: str) -> Place:
    """A postcode, a district or a town, as a ``Place``.

    Raises ``AmbiguousPlace`` (a ValidationError with the choices) for a name several places
    share, and ValidationError for anything not recognised."""
    try:
        district = district_of(text)
    except ValidationError:
        pass
    else:
        return Place(name=district, districts=(district,))
    places = find_town(text)
    if len(places) == 1:
        return places[0]
    if places:
        raise AmbiguousPlace(places[0].name, places)
    shown = clean_text(text, most=40)
    raise ValidationError(
        gettext(
            "We could not find a place called “%(place)s”. Check the spelling, or enter the first "
            "part of a postcode in that area instead, like OX4 or OX16."
        )
        % {"place": shown},
        code="unknown_place",
    )


def haversine_miles(first: tuple[float, float], second: tuple[float, float]) -> float:
    lat1, lon1 = map(math.radians, first)
    lat2, lon2 = map(math.radians, second)
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(min(1.0, a)))


def _centroid(code: str) -> tuple[float, float] | None:
    district = district_table().get(code)
    return (district.latitude, district.longitude) if district else None


def distance_miles(first: str, second: str) -> float | None:
    """Miles between two districts' centroids; None if either is not in the table."""
    a, b = _centroid(district_of(first)), _centroid(district_of(second))
    if a is None or b is None:
        return 0.0 if district_of(first) == district_of(second) else None
    return haversine_miles(a, b)


def miles_from(place: Place, districts: Iterable[str]) -> float | None:
    """How far the nearest of ``districts`` is from ``place`` (0 if it covers the place)."""
    wanted = set(place.districts)
    best: float | None = None
    for code in districts:
        if code in wanted:
            return 0.0
        for own in place.districts:
            miles = distance_miles(own, code) if _DISTRICT_RE.match(code or "") else None
            if miles is not None and (best is None or miles < best):
                best = miles
    return best


@cache
def districts_within(place: Place, miles: float) -> frozenset[str]:
    """The place's own districts and every district whose centroid is within ``miles``."""
    centres = [c for c in (_centroid(code) for code in place.districts) if c is not None]
    near = set(place.districts)
    for code, district in district_table().items():
        point = (district.latitude, district.longitude)
        if any(haversine_miles(centre, point) <= miles for centre in centres):
            near.add(code)
    return frozenset(near)


def describe_distance(miles: float | None, place: Place | None = None) -> str:
    """ "covers Banbury", "about 4 miles away", "under a mile away"; empty if unknown."""
    if miles is None:
        return ""
    if miles == 0:
        if place is None:
            return gettext("covers your area")
        return gettext("covers %(place)s") % {"place": place.name}
    if miles < 1:
        return gettext("under a mile away")
    rounded = round(miles)
    return ngettext("about %(miles)d mile away", "about %(miles)d miles away", rounded) % {
        "miles": rounded
    }


def reach(place: Place, within_miles: float = 0) -> frozenset[str]:
    """The districts a search for ``place`` accepts: its own, or all within so many miles."""
    if not within_miles:
        return frozenset(place.districts)
    return districts_within(place, float(within_miles))


def miles_by_district(place: Place, within_miles: float = 0) -> dict[str, int]:
    """Each district a search for ``place`` accepts, with its distance in whole miles (0 for
    the place's own districts): small enough to hand to the database as a CASE."""
    return {
        code: 0 if code in place.districts else round(miles_from(place, [code]) or 0)
        for code in reach(place, within_miles)
    }
