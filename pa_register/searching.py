"""What the site search may show from the register: listed profiles and open adverts."""

import bisect
from uuid import uuid4

from django.utils import timezone

from accounts.models import public_name_of
from pbsite.caching import Memo
from search.registry import SearchHit, hit_summary

from .models import Advert, PAProfile, advert_address, listed_rule, profile_address

#: Words that ask for a PA. Alone they raise PAs in the results; with a place they show only
#: the PAs who cover it.
PA_WORDS = (
    "pa",
    "pas",
    "personal assistant",
    "personal assistants",
    "carer",
    "carers",
    "care worker",
    "care workers",
    "support worker",
    "support workers",
    "someone who",
    "someone to help",
)

#: Everyday words for taking on a PA and for what PAs offer, as guides and profiles put it.
WORDS = {
    "hire": ("employ",),
    "hiring": ("employ",),
    "recruit": ("employ",),
    "take on": ("employ",),
    "bsl": ("british sign language",),
    "sign language": ("BSL",),
}


def profiles_near(queryset, districts):
    """PAs covering any of the districts, most recently confirmed first."""
    return queryset.covering_any(districts).order_by("-last_confirmed", "pk")


def adverts_near(queryset, districts):
    return queryset.filter(district__in=sorted(districts))


def visible_profiles_depend_on(user) -> tuple:
    """What the listed rule reads: the day (to work out how recently a PA must have confirmed)
    and the code of conduct's current version."""
    return listed_rule()


def visible_profiles(user):
    """Not paused, not hidden by a moderator, and confirmed within the last 6 months."""
    # A hit's title is the person's public name: the account comes with the profile.
    return PAProfile.objects.listed().select_related("user")


def describe_profile(profile: PAProfile) -> SearchHit:
    return _profile_hit(
        profile.display_name, profile.get_absolute_url(), profile.about, profile.districts
    )


#: What a PA's hit shows, read as plain values (see ``describe_profile_values``).
PROFILE_VALUES = ("about", "districts", "user__display_name", "user__deleted_at")


def describe_profile_values(row: dict) -> SearchHit:
    """``describe_profile`` from a row of ``PROFILE_VALUES``: the person named as
    ``User.public_name`` names them (``PAProfile.display_name`` is that)."""
    name = public_name_of(row["user__display_name"], row["user__deleted_at"])
    return _profile_hit(name, profile_address(row["pk"]), row["about"], row["districts"])


def _profile_hit(name, url, about, districts) -> SearchHit:
    return SearchHit(
        title=name,
        url=url,
        summary=hit_summary(about),
        meta=f"Personal assistant · covers {', '.join(districts)}",
    )


def visible_adverts(user):
    return Advert.objects.open()


def visible_adverts_depend_on(user) -> tuple[str, int, int]:
    """What the open rule reads: the time, to the second, compared with each advert's expiry.
    Between two expiries the rule picks the same adverts whatever the time, so what it reads
    is which two expiries the time falls between, in this reading of them (saving or deleting
    any advert makes a new reading): the kept rule then moves on the moment an advert expires.
    An expiry written without a signal (``update()``) is missed by the reading, so the rule is
    also made again every few minutes (``RULE_MADE_AT_LEAST_EVERY``), whatever it says."""
    reading, expiries = _advert_expiries.get()
    now = timezone.now()
    return (
        reading,
        bisect.bisect_right(expiries, now),
        int(now.timestamp() // RULE_MADE_AT_LEAST_EVERY),
    )


#: Seconds: the adverts' kept rule is made again at least this often.
RULE_MADE_AT_LEAST_EVERY = 300


def _read_advert_expiries() -> tuple[str, tuple]:
    """A name for this reading, and the expiries still to come, in order (an advert already
    expired stays closed whatever the time)."""
    now = timezone.now()
    expiries = Advert.objects.filter(expires_at__gt=now).order_by("expires_at")
    return uuid4().hex, tuple(expiries.values_list("expires_at", flat=True))


_advert_expiries = Memo("advert-expiries", _read_advert_expiries)
forget_advert_expiries = _advert_expiries.forget


def describe_advert(advert: Advert) -> SearchHit:
    return _advert_hit(advert.title, advert.get_absolute_url(), advert.details, advert.district)


#: What an advert's hit shows, read as plain values (see ``describe_advert_values``).
ADVERT_VALUES = ("title", "details", "district")


def describe_advert_values(row: dict) -> SearchHit:
    """``describe_advert`` from a row of ``ADVERT_VALUES`` (with ``pk``)."""
    return _advert_hit(row["title"], advert_address(row["pk"]), row["details"], row["district"])


def _advert_hit(title: str, url: str, details: str, district: str) -> SearchHit:
    return SearchHit(
        title=title,
        url=url,
        summary=hit_summary(details),
        meta=f"PA wanted · {district}",
    )
