"""Demo register: 60+ fictional PAs across Oxfordshire and a dozen "PA wanted" adverts.

Everything is made from a seeded random generator over the words in
``pa_register/demo_content/register.yaml``, so each run builds the same register, and
people and adverts are looked up by email or title first, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import functools
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, demo_user
from accounts.models import EmailPreference, Role, User
from pbsite.demo_loading import read_demo

from . import availability, demo_vetting
from .models import (
    Advert,
    Check,
    CheckKind,
    DBSLevel,
    PAProfile,
    Skill,
    SupportKind,
    WorkArrangement,
)


@functools.cache
def words() -> dict:
    """The register's demo words (pa_register/demo_content/register.yaml), read once."""
    return read_demo("pa_register", "register", expect=dict)


def load(stdout) -> None:
    with transaction.atomic():
        skills = _ensure_skills()
        rng = random.Random(20261123)
        moderator = demo_user(Role.MODERATOR)
        # The demo PA's profile comes first, so on a new site it is /register/pa/1/.
        created = _ensure_profile(demo_user(Role.PA), 99, random.Random(99), skills, moderator)
        for number in range(62):
            user = _demo_pa_user(number, rng)
            created += _ensure_profile(user, number, rng, skills, moderator)
        adverts = _ensure_adverts(skills)
        demo_vetting.load(moderator)  # references and the code of conduct (its own module)
    stdout.write(
        f"PA register: {PAProfile.objects.count()} PA profiles ({created} new), "
        f"{adverts} new adverts."
    )


def _ensure_skills() -> dict[str, Skill]:
    skills = {}
    for row in words()["curated_skills"]:
        name, phrase = row["name"], row["phrase"]
        skill, _ = Skill.objects.get_or_create(
            name=name, defaults={"curated": True, "phrase": phrase}
        )
        skills[name] = skill
    return skills


def _demo_pa_user(number: int, rng: random.Random) -> User:
    first_names, initials = words()["first_names"], words()["initials"]
    first = first_names[number % len(first_names)]
    name = f"{first} {initials[(number * 7) % len(initials)]}"
    email = f"pa{number + 1:02d}@demo.budgetcircle.example"
    user, created = User.objects.get_or_create(email=email, defaults={"display_name": name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.email_preference = EmailPreference.NEVER
        user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    user.groups.add(Group.objects.get_or_create(name=Role.PA.value)[0])
    return user


def _ensure_profile(user, number, rng, skills, moderator) -> int:
    """Make this person's profile if it is missing. Returns 1 if it made one."""
    if PAProfile.objects.filter(user=user).exists():
        return 0
    is_sam = number == 99
    districts = words()["districts"]
    home = "OX16" if is_sam else districts[number % len(districts)]
    nearby = rng.sample([d for d in districts if d != home], k=rng.randint(0, 3))
    kinds = rng.sample(SupportKind.values, k=rng.randint(1, 4))
    if "Own car" in skills and rng.random() < 0.3:
        kinds = sorted({*kinds, SupportKind.DRIVING})
    slots = rng.sample(availability.ALL_SLOTS, k=rng.randint(3, 14))
    low = rng.choice([1100, 1150, 1200, 1250, 1300, 1400, 1500])
    # Freshness: most are current, some are sinking, a few are hidden until confirmed.
    age = rng.choice([1, 3, 7, 12, 20, 30, 45, 60, 75] * 3 + [95, 120, 150, 200])
    if is_sam:
        age = 2
    languages = ["English"] + (rng.sample(words()["languages"], k=1) if rng.random() < 0.3 else [])
    profile = PAProfile.objects.create(
        user=user,
        about=" ".join(
            [
                rng.choice(words()["about_openings"]).format(years=rng.randint(1, 15)),
                rng.choice(words()["about_middles"]),
                f"I live near {words()['towns'][home]}.",
            ]
        ),
        kinds=kinds,
        districts=[home, *nearby],
        availability=availability.to_mask(slots),
        rate_min_pence=low,
        rate_max_pence=low + rng.choice([0, 100, 200, 300]),
        work_arrangements=rng.sample(WorkArrangement.values, k=rng.randint(1, 2)),
        languages=languages,
        gender=rng.choice(["woman", "woman", "man", "man", "non_binary", ""]),
        short_notice=rng.random() < 0.35,
        last_confirmed=timezone.now() - datetime.timedelta(days=age),
        created=timezone.now() - datetime.timedelta(days=age + rng.randint(0, 400)),
    )
    chosen = rng.sample(list(skills), k=rng.randint(1, 4))
    if is_sam:
        chosen = ["Hoist", "Dementia", "Own car"]
    free = rng.sample(words()["free_skills"], k=rng.randint(0, 2))
    profile.skills.set([*chosen, *free])
    _ensure_checks(profile, rng, moderator)
    return 1


def _ensure_checks(profile, rng, moderator) -> None:
    today = timezone.localdate()
    if rng.random() < 0.85:
        dbs = Check.objects.create(
            profile=profile,
            kind=CheckKind.DBS,
            dbs_level=rng.choice([DBSLevel.ENHANCED, DBSLevel.ENHANCED_BARRED, DBSLevel.STANDARD]),
            update_service=rng.random() < 0.4,
            # Some are older than 3 years: the profile says they are out of date.
            dated=today - datetime.timedelta(days=rng.randint(30, 1400)),
        )
        _maybe_verify(dbs, rng, moderator)
    for kind in (CheckKind.FIRST_AID, CheckKind.MOVING, CheckKind.INSURANCE):
        if rng.random() < 0.5:
            dated = today - datetime.timedelta(days=rng.randint(30, 900))
            check = Check.objects.create(
                profile=profile,
                kind=kind,
                dated=dated,
                valid_until=dated
                + datetime.timedelta(days=365 * (1 if kind == "insurance" else 3)),
            )
            _maybe_verify(check, rng, moderator)
    if "health" in profile.kinds and rng.random() < 0.6:
        Check.objects.create(
            profile=profile,
            kind=CheckKind.HEALTH_TASKS,
            dated=today - datetime.timedelta(days=rng.randint(30, 500)),
        )


def _maybe_verify(check, rng, moderator) -> None:
    if rng.random() < 0.6:
        check.verified_at = timezone.now() - datetime.timedelta(days=rng.randint(1, 200))
        check.verified_by = moderator
        check.save(update_fields=["verified_at", "verified_by"])


def _ensure_adverts(skills) -> int:
    authors = [demo_user(Role.HOLDER), demo_user(Role.CARER)]
    created = 0
    towns = words()["towns"]
    for number, row in enumerate(words()["adverts"]):
        title, district, days, times = row["title"], row["district"], row["days"], row["times"]
        if Advert.objects.filter(title=title).exists():
            continue
        advert = Advert.objects.create(
            author=authors[number % len(authors)],
            title=title,
            details=(
                f"I live in {towns.get(district, district)}. I am looking for someone kind and "
                "reliable who will stay for a while. We can meet for a cup of tea first."
            ),
            kinds=row["kinds"],
            district=district,
            slots=availability.to_mask(f"{day}-{time}" for day in days for time in times),
            hours_per_week=len(days) * len(times) * 3,
            rate_pence=row["rate_pence"],
            emergency=row["urgent"],
            employment=WorkArrangement.EMPLOYED if number % 3 else WorkArrangement.SELF_EMPLOYED,
            created=timezone.now() - datetime.timedelta(days=number),
            expires_at=timezone.now() + datetime.timedelta(days=30 - number),
        )
        advert.skills.set([skills[name] for name in row["skills"]])
        created += 1
    return created
