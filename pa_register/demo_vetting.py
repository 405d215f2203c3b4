"""Demo content for vetting: the code of conduct (version 1) accepted by every demo PA, so the
directory stays full, and references checked and pending. Called from ``demo.load``; safe to run
twice."""

from __future__ import annotations

import datetime
import secrets

from django.utils import timezone

from .models import CodeOfConduct, PAProfile, Reference, ReferenceStatus, Reliability, WouldAgain

CODE_INTRODUCTION = (
    "This is what every personal assistant (PA) on Budget Circle promises. It is short on "
    "purpose. The person you support is in charge of their own life: you help them live it "
    "their way."
)
CODE_POINTS = """I treat the person I support with respect, and listen to how they want things done.
I keep what I learn about them private, unless someone is at risk of harm.
I turn up when I say I will. If I cannot, I tell them as early as I can.
I only do tasks I am trained for, and say so when I am not.
I never ask for money up front, borrow money, or accept large gifts.
I never use their bank card, phone or home for anything of my own.
I tell the person, or Budget Circle, if I am worried someone is being harmed.
I am honest about my checks, training and references."""

REFERENCE_ANSWERS = [
    ("about four years", "I employed them as my PA", Reliability.ALWAYS, WouldAgain.YES),
    ("two years", "we worked together at a home care agency", Reliability.ALWAYS, WouldAgain.YES),
    ("eighteen months", "they supported my father", Reliability.MOSTLY, WouldAgain.YES),
]


def load(moderator) -> int:
    """Returns how many references were made."""
    code, _created = CodeOfConduct.objects.get_or_create(
        version=1,
        defaults={
            "published_on": datetime.date(2026, 1, 1),
            "introduction": CODE_INTRODUCTION,
            "points": CODE_POINTS,
        },
    )
    now = timezone.now()
    # One save each (not an update()), so the search index hears of it too.
    for profile in PAProfile.objects.filter(conduct_version__lt=code.version):
        profile.conduct_version, profile.conduct_accepted_at = code.version, now
        profile.save(update_fields=["conduct_version", "conduct_accepted_at"])
    made = 0
    profiles = list(PAProfile.objects.order_by("pk")[:8])
    for number, profile in enumerate(profiles):
        if profile.references.exists():
            continue
        # The first four: two references checked. The next two: one given and waiting for a
        # moderator, one still asked. The rest: none yet.
        if number >= 6:
            continue
        for which in range(2):
            checked = number < 4
            given = checked or which == 0
            known_for, role, reliability, again = REFERENCE_ANSWERS[(number + which) % 3]
            answered = now - datetime.timedelta(days=20 + number + which)
            Reference.objects.create(
                profile=profile,
                referee_name=["Pat Okafor", "Lee Brennan"][which],
                relationship=["Past employer", "Colleague"][which],
                referee_email=f"referee{which + 1}.pa{profile.pk}@demo.budgetcircle.example",
                nonce="" if given else secrets.token_urlsafe(24),
                asked_at=answered - datetime.timedelta(days=3),
                status=ReferenceStatus.GIVEN if given else ReferenceStatus.ASKED,
                answered_at=answered if given else None,
                known_for=known_for if given else "",
                role=role if given else "",
                reliability=reliability if given else "",
                would_again=again if given else "",
                employer_notes="Kind, calm and always on time." if given else "",
                phone_verified_on=answered.date() if checked else None,
                checked_at=answered + datetime.timedelta(days=2) if checked else None,
                checked_by=moderator if checked else None,
            )
            made += 1
    return made
