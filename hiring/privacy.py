"""Hiring's part of "download my data" and "delete my account".

A holder's kits and interviews go with their adverts (the register deletes those); here the
interviews a PA was invited to are exported, and a deleted supporter is taken off interviews.
"""

from .models import Interview, Kit


def _interview(interview: Interview, role: str) -> dict:
    return {
        "as": role,
        "advert": interview.response.advert.title,
        "place": interview.place,
        "time": interview.chosen.starts_at if interview.chosen_id else None,
        "times_offered": [slot.starts_at for slot in interview.slots.all()],
        "decision": interview.decision,
        "message": interview.decision_message if role != "supporter" else "",
        "offer_accepted": interview.offer_accepted,
    }


def export(user) -> dict:
    related = ("chosen", "response__advert")
    return {
        "recruitment_kits": [
            {
                "advert": kit.advert.title,
                "status": kit.get_status_display(),
                "answers": kit.answers,
                "days_per_week": kit.days_per_week,
                "notice_weeks": kit.notice_weeks,
            }
            for kit in Kit.objects.filter(advert__author=user).select_related("advert")
        ],
        "interviews_i_held": [
            {
                **_interview(interview, "holder"),
                "pa": interview.response.profile.display_name,
                "supporter": interview.supporter_label,
                "supporter_email": interview.supporter_email,
            }
            for interview in Interview.objects.filter(response__advert__author=user)
            .select_related(
                *related, "response__profile__user", "supporter_user", "supporter_service"
            )
            .prefetch_related("slots")
        ],
        "interviews_i_was_invited_to": [
            _interview(interview, "pa")
            for interview in Interview.objects.filter(response__profile__user=user)
            .select_related(*related)
            .prefetch_related("slots")
        ],
        "interviews_i_supported": [
            _interview(interview, "supporter")
            for interview in Interview.objects.filter(supporter_user=user)
            .select_related(*related)
            .prefetch_related("slots")
        ],
    }


def erase(user) -> None:
    # Kits and interviews hang on the adverts and replies the register deletes; delete them
    # here too, so nothing is left should the register keep an advert one day.
    Kit.objects.filter(advert__author=user).delete()
    Interview.objects.filter(response__advert__author=user).delete()
    Interview.objects.filter(response__profile__user=user).delete()
    Interview.objects.filter(supporter_user=user).update(supporter_user=None)
