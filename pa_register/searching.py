"""What the site search may show from the register: listed profiles and open adverts."""

from search.registry import SearchHit

from .models import Advert, PAProfile


def visible_profiles(user):
    """Not paused, not hidden by a moderator, and confirmed within the last 6 months."""
    return PAProfile.objects.listed()


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
