"""Which postcode districts each PA covers, as rows beside the profile (``PACoverage``).

``PAProfile.districts`` (a JSON list) stays what the PA wrote and what pages show; the rows are
derived from it so that "PAs who cover OX16" is an indexed lookup (``covering_any``), not a scan
of every profile's JSON text. A profile's ``save()`` keeps them in step (``keep_coverage``, a
post_save receiver, which also runs when fixtures are loaded); deleting a profile deletes them.
Whatever writes ``districts`` without ``save()`` (``bulk_create``, ``update()``) must call
``match_coverage`` or write the rows itself (``coverage_rows``).
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import PACoverage, PAProfile


def covered(districts: Iterable) -> set[str]:
    """The districts a profile's list covers, upper case (a search compares in any case)."""
    return {district.upper() for district in districts if isinstance(district, str)}


def coverage_rows(profiles: Iterable[PAProfile]) -> list[PACoverage]:
    """Unsaved coverage rows for saved profiles that have none yet."""
    return [
        PACoverage(profile_id=profile.pk, district=district)
        for profile in profiles
        for district in sorted(covered(profile.districts))
    ]


def match_coverage(profile: PAProfile, *, new: bool = False) -> None:
    """Make the profile's coverage rows match its districts; writes nothing when they do.

    ``new``: the profile was just inserted, so it has no rows to read.
    """
    wanted = covered(profile.districts)
    held = (
        set()
        if new
        else set(PACoverage.objects.filter(profile=profile).values_list("district", flat=True))
    )
    if held == wanted:
        return
    if held - wanted:
        PACoverage.objects.filter(profile=profile, district__in=held - wanted).delete()
    # Two saves of one profile at once may both add a district: the second adds nothing.
    PACoverage.objects.bulk_create(
        [PACoverage(profile=profile, district=d) for d in sorted(wanted - held)],
        ignore_conflicts=True,
    )


def keep_coverage(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """post_save of a PA profile: its coverage rows follow its districts."""
    if update_fields is not None and "districts" not in update_fields:
        return
    # A fixture's profile may replace one already here: read what it holds first.
    match_coverage(instance, new=created and not raw)
