"""What the site search may show from the register: listed profiles and open adverts."""

from search.registry import SearchHit

from .models import Advert, PAProfile, listed_rule

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
    about = " ".join(profile.about.split())
    return SearchHit(
        title=profile.display_name,
        url=profile.get_absolute_url(),
        summary=about[:200] + ("…" if len(about) > 200 else ""),
        meta=f"Personal assistant · covers {', '.join(profile.districts)}",
    )


def visible_adverts(user):
    return Advert.objects.open()


def describe_advert(advert: Advert) -> SearchHit:
    details = " ".join(advert.details.split())
    return SearchHit(
        title=advert.title,
        url=advert.get_absolute_url(),
        summary=details[:200] + ("…" if len(details) > 200 else ""),
        meta=f"PA wanted · {advert.district}",
    )
