"""My budget's part of "download my data" and "delete my account".

Everything here is the person's own: on deletion their budgets, lines, repeating lines,
timelines and sharing go, and every receipt file is deleted from storage (the whole
``receipts/<id>/`` folder, so none is left behind). Sharing given to them by others ends.
"""

from __future__ import annotations

from pbsite.images import delete_folder

from .models import (
    Budget,
    PendingPoolShare,
    RepeatingLine,
    Share,
    SpendingLine,
    Timeline,
    receipt_storage,
    receipts_folder,
)


def export(user) -> dict:
    return {
        "budgets": [
            {
                "name": b.name,
                "given_by": b.given_by,
                "amount_pence": b.amount_pence,
                "every": b.every,
                "held_as": b.held_as,
                "start_date": b.start_date,
                "review_date": b.review_date,
                "end_date": b.end_date,
                "kept_for": b.kept_for,
                "lines": [
                    {
                        "date": line.on,
                        "in_or_out": line.direction,
                        "who": line.who,
                        "what": line.what,
                        "amount_pence": line.amount_pence,
                        "outcome": line.outcome,
                        "receipt": bool(line.receipt),
                    }
                    for line in SpendingLine.objects.filter(budget=b).order_by("on", "pk")
                ],
                "repeating_lines": [
                    {
                        "what": r.what,
                        "who": r.who,
                        "kind": r.kind,
                        "amount_pence": r.amount_pence,
                        "hours": str(r.hours) if r.hours is not None else None,
                        "rate_pence": r.rate_pence,
                        "every": r.every,
                        "first_date": r.first_date,
                        "until": r.until,
                        "outcome": r.outcome,
                    }
                    for r in RepeatingLine.objects.filter(budget=b)
                ],
            }
            for b in Budget.objects.filter(owner=user)
        ],
        "timelines": [
            {
                "kind": t.kind,
                "title": t.title,
                "organisation": t.organisation,
                "contact_name": t.contact_name,
                "contact_details": t.contact_details,
                "reference": t.reference,
                "your_name": t.your_name,
                "stages": [
                    {
                        "stage": s.code,
                        "done_on": s.done_on,
                        "promised_by": s.promised_by,
                        "note": s.note,
                    }
                    for s in t.stages.all()
                ],
            }
            for t in Timeline.objects.filter(owner=user)
        ],
        "shared_with": [
            {
                "person": s.person.public_name,
                "role": s.role,
                "can_add_lines": s.can_add_lines,
                "since": s.created_at,
                "ended": s.ended_at,
            }
            for s in Share.objects.filter(owner=user).select_related("person")
        ],
        "shared_with_me_by": [
            {"person": s.owner.public_name, "since": s.created_at, "ended": s.ended_at}
            for s in Share.objects.filter(person=user).select_related("owner")
        ],
    }


def erase(user) -> None:
    delete_folder(receipt_storage(), receipts_folder(user.pk))
    for line in SpendingLine.objects.filter(budget__owner=user).exclude(receipt=""):
        line.receipt.delete(save=False)  # a receipt stored anywhere else, should one be
    PendingPoolShare.objects.filter(owner=user).delete()
    Budget.objects.filter(owner=user).delete()
    Timeline.objects.filter(owner=user).delete()
    Share.objects.filter(owner=user).delete()
    Share.objects.filter(person=user).delete()
    SpendingLine.objects.filter(added_by=user).update(added_by=None)
