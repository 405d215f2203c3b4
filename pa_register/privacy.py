"""The register's part of "download my data" and "delete my account".

Deleting an account removes the PA's profile, checks and evidence files, and the person's
adverts (with the replies to them). Nothing of it is worth keeping once they have gone.
A PA's referees and their references go with the profile (a reference is the referee's
personal data too, and is only worth anything beside the profile); shares of references with
a holder go with either of them.
"""

from __future__ import annotations

from pbsite.images import delete_folder

from .models import (
    Advert,
    AdvertResponse,
    Check,
    Endorsement,
    PAProfile,
    Reference,
    ReferenceShare,
    SavedSearch,
    WorkedTogether,
    pa_photo_path,
)


def _check(check: Check) -> dict:
    return {
        "kind": check.get_kind_display(),
        "name": check.name,
        "dated": check.dated,
        "valid_until": check.valid_until,
        "dbs_level": check.dbs_level,
        "on_update_service": check.update_service,
        "evidence_file": check.evidence.name.rsplit("/", 1)[-1] if check.evidence else None,
        "verified_at": check.verified_at,
    }


def export(user) -> dict:
    profile = PAProfile.objects.filter(user=user).prefetch_related("skills", "checks").first()
    return {
        "pa_profile": None
        if profile is None
        else {
            "url": profile.get_absolute_url(),
            "about": profile.about,
            "skills": [skill.name for skill in profile.skills.all()],
            "kinds_of_support": profile.get_kinds_display(),
            "districts": profile.districts,
            "availability": profile.availability_words(),
            "rate_min_pence": profile.rate_min_pence,
            "rate_max_pence": profile.rate_max_pence,
            "how_i_work": profile.get_work_arrangements_display(),
            "languages": profile.languages,
            "gender": profile.gender,
            "short_notice": profile.short_notice,
            "paused": profile.paused,
            "last_confirmed": profile.last_confirmed,
            "checks": [_check(check) for check in profile.checks.all()],
            "code_of_conduct_version_accepted": profile.conduct_version or None,
            "code_of_conduct_accepted_at": profile.conduct_accepted_at,
            "ready_to_show_right_to_work_since": profile.right_to_work_ready_on,
            # The referees they named; what a referee wrote is not theirs to read.
            "referees": [
                {
                    "name": reference.referee_name,
                    "how_they_know_me": reference.relationship,
                    "email": reference.referee_email,
                    "asked": reference.asked_at,
                    "status": reference.get_status_display(),
                    "checked_by_a_moderator": reference.checked_at,
                }
                for reference in Reference.objects.filter(profile=profile)
            ],
            "references_shared_with": [
                share.holder.public_name
                for share in ReferenceShare.objects.filter(profile=profile).select_related("holder")
            ],
            "adverts_i_replied_to": [
                {"advert": response.advert.title, "replied": response.created}
                for response in AdvertResponse.objects.filter(profile=profile).select_related(
                    "advert"
                )
            ],
        },
        "pa_wanted_adverts": [
            {
                "title": advert.title,
                "details": advert.details,
                "district": advert.district,
                "created": advert.created,
                "status": advert.status_text,
            }
            for advert in Advert.objects.filter(author=user)
        ],
        "saved_searches": [
            {"name": saved.name, "query": saved.query, "created": saved.created}
            for saved in SavedSearch.objects.filter(user=user)
        ],
        "endorsements_i_wrote": [
            {"about": e.work.profile.display_name, "text": e.text, "created": e.created}
            for e in Endorsement.objects.filter(work__holder=user).select_related(
                "work__profile__user"
            )
        ],
    }


def erase(user) -> None:
    for check in Check.objects.filter(profile__user=user).exclude(evidence=""):
        check.evidence.delete(save=False)
    profile = PAProfile.objects.filter(user=user).first()
    if profile is not None:
        storage = profile.photo.storage
        if profile.photo:
            profile.photo.delete(save=False)
        delete_folder(storage, pa_photo_path(profile, "").rstrip("/"))
    # Cascades: their referees and references, and whom they shared them with.
    Reference.objects.filter(profile__user=user).delete()
    PAProfile.objects.filter(user=user).delete()
    ReferenceShare.objects.filter(holder=user).delete()  # references PAs shared with them
    # A group's "PA wanted" advert has moved to the group's new coordinator by now (the group's
    # part hands it over first: see pbsite.registry.personal_data's order).
    Advert.objects.filter(author=user).delete()
    SavedSearch.objects.filter(user=user).delete()
    WorkedTogether.objects.filter(holder=user).delete()  # and the endorsements they wrote
