"""Demo register: 60+ fictional PAs across Oxfordshire and a dozen "PA wanted" adverts.

Everything is made from a seeded random generator, so each run builds the same register, and
people and adverts are looked up by email or title first, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, demo_user
from accounts.models import EmailPreference, Role, User

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

CURATED_SKILLS = [
    ("Hoist", "can use a hoist"),
    ("PEG feeding", "can do PEG feeding"),
    ("Autism", "has worked with autistic people"),
    ("Dementia", "has dementia care experience"),
    ("Epilepsy", "knows what to do in a seizure"),
    ("Mental health", "has mental health experience"),
    ("British Sign Language", "uses British Sign Language"),
    ("Learning disabilities", "has learning disability experience"),
    ("Medication", "can help with medicines"),
    ("Stoma and catheter care", "can help with stoma and catheter care"),
    ("Wheelchair user support", "is used to supporting wheelchair users"),
    ("Own car", "has a car and can drive you"),
]
FREE_SKILLS = ["Cooking", "Gardening", "Swimming", "Art and crafts", "Music", "Football", "Baking"]

DISTRICTS = [
    "OX1",
    "OX2",
    "OX3",
    "OX4",
    "OX5",
    "OX7",
    "OX9",
    "OX10",
    "OX11",
    "OX12",
    "OX13",
    "OX14",
    "OX15",
    "OX16",
    "OX17",
    "OX18",
    "OX20",
    "OX25",
    "OX26",
    "OX27",
    "OX28",
    "OX29",
    "OX33",
    "OX39",
    "OX44",
    "OX49",
]
TOWNS = {
    "OX1": "Oxford",
    "OX2": "north Oxford",
    "OX3": "Headington",
    "OX4": "Cowley",
    "OX5": "Kidlington",
    "OX7": "Chipping Norton",
    "OX9": "Thame",
    "OX10": "Wallingford",
    "OX11": "Didcot",
    "OX12": "Wantage",
    "OX13": "Abingdon villages",
    "OX14": "Abingdon",
    "OX15": "Bloxham",
    "OX16": "Banbury",
    "OX17": "Banbury villages",
    "OX18": "Carterton",
    "OX20": "Woodstock",
    "OX25": "Bicester villages",
    "OX26": "Bicester",
    "OX27": "Bicester villages",
    "OX28": "Witney",
    "OX29": "Witney villages",
    "OX33": "Wheatley",
    "OX39": "Chinnor",
    "OX44": "Garsington",
    "OX49": "Watlington",
}
FIRST_NAMES = [
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Hamza",
    "Isla",
    "Jonah",
    "Kasia",
    "Leon",
    "Maria",
    "Nadia",
    "Owen",
    "Priya",
    "Quinn",
    "Rosa",
    "Sunil",
    "Tara",
    "Uche",
    "Vera",
    "Will",
    "Yasmin",
    "Zofia",
    "Aled",
    "Bea",
    "Carlos",
    "Dina",
    "Eddie",
    "Farah",
    "Gwen",
]
INITIALS = "ABCDEFGHJKLMNPRSTW"
LANGUAGES = ["Polish", "Urdu", "Punjabi", "Portuguese", "Romanian", "Arabic", "Somali", "Welsh"]
ABOUT_OPENINGS = [
    "I have been a PA for {years} years and I really enjoy it.",
    "I used to work in a care home and now I work for people directly.",
    "I am a calm, patient person and I like to have a laugh.",
    "I started as a PA when my neighbour needed help, and never looked back.",
    "I am a student nurse and I work as a PA around my studies.",
]
ABOUT_MIDDLES = [
    "I like to help people do the things that matter to them, at their own pace.",
    "I am happy to help with cooking, shopping and getting out and about.",
    "I know how important it is to keep the same PA, so I stay for the long term.",
    "I am good at routines and I always turn up on time.",
]

ADVERTS = [
    (
        "Morning PA in Cowley, hoist needed",
        "OX4",
        ["personal_care"],
        ["Hoist"],
        ["mon", "wed", "fri"],
        ["morning"],
        1250,
        False,
    ),
    (
        "Urgent: overnight cover in Banbury this week",
        "OX16",
        ["overnight"],
        [],
        ["tue", "wed"],
        ["night"],
        1300,
        True,
    ),
    (
        "Driver and companion for trips out from Witney",
        "OX28",
        ["driving", "social"],
        ["Own car"],
        ["sat"],
        ["morning", "afternoon"],
        1200,
        False,
    ),
    (
        "PA for a young autistic man in Bicester",
        "OX26",
        ["social"],
        ["Autism"],
        ["tue", "thu"],
        ["afternoon"],
        1300,
        False,
    ),
    (
        "Help at home in Abingdon, two mornings a week",
        "OX14",
        ["domestic"],
        [],
        ["mon", "thu"],
        ["morning"],
        1150,
        False,
    ),
    (
        "PEG feeding support in Didcot",
        "OX11",
        ["health", "personal_care"],
        ["PEG feeding"],
        ["mon", "tue", "wed", "thu", "fri"],
        ["evening"],
        1450,
        False,
    ),
    (
        "Urgent: my PA left, need morning help in Headington",
        "OX3",
        ["personal_care"],
        [],
        ["mon", "tue", "wed", "thu", "fri"],
        ["morning"],
        1300,
        True,
    ),
    (
        "Dementia-friendly companion in Thame",
        "OX9",
        ["social", "domestic"],
        ["Dementia"],
        ["wed"],
        ["afternoon"],
        1200,
        False,
    ),
    (
        "BSL-using PA for a Deaf woman in Oxford",
        "OX1",
        ["social", "personal_care"],
        ["British Sign Language"],
        ["sat", "sun"],
        ["afternoon"],
        1400,
        False,
    ),
    (
        "Weekend PA in Wantage",
        "OX12",
        ["personal_care", "domestic"],
        [],
        ["sat", "sun"],
        ["morning", "evening"],
        1250,
        False,
    ),
    (
        "Evening help in Kidlington, epilepsy aware",
        "OX5",
        ["personal_care"],
        ["Epilepsy"],
        ["mon", "wed"],
        ["evening"],
        1300,
        False,
    ),
    (
        "Swimming buddy and PA in Carterton",
        "OX18",
        ["social"],
        [],
        ["fri"],
        ["afternoon"],
        1150,
        False,
    ),
]


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
    for name, phrase in CURATED_SKILLS:
        skill, _ = Skill.objects.get_or_create(
            name=name, defaults={"curated": True, "phrase": phrase}
        )
        skills[name] = skill
    return skills


def _demo_pa_user(number: int, rng: random.Random) -> User:
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    name = f"{first} {INITIALS[(number * 7) % len(INITIALS)]}"
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
    home = "OX16" if is_sam else DISTRICTS[number % len(DISTRICTS)]
    nearby = rng.sample([d for d in DISTRICTS if d != home], k=rng.randint(0, 3))
    kinds = rng.sample(SupportKind.values, k=rng.randint(1, 4))
    if "Own car" in skills and rng.random() < 0.3:
        kinds = sorted({*kinds, SupportKind.DRIVING})
    slots = rng.sample(availability.ALL_SLOTS, k=rng.randint(3, 14))
    low = rng.choice([1100, 1150, 1200, 1250, 1300, 1400, 1500])
    # Freshness: most are current, some are sinking, a few are hidden until confirmed.
    age = rng.choice([1, 3, 7, 12, 20, 30, 45, 60, 75] * 3 + [95, 120, 150, 200])
    if is_sam:
        age = 2
    languages = ["English"] + (rng.sample(LANGUAGES, k=1) if rng.random() < 0.3 else [])
    profile = PAProfile.objects.create(
        user=user,
        about=" ".join(
            [
                rng.choice(ABOUT_OPENINGS).format(years=rng.randint(1, 15)),
                rng.choice(ABOUT_MIDDLES),
                f"I live near {TOWNS[home]}.",
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
    free = rng.sample(FREE_SKILLS, k=rng.randint(0, 2))
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
    for number, (title, district, kinds, skill_names, days, times, rate, urgent) in enumerate(
        ADVERTS
    ):
        if Advert.objects.filter(title=title).exists():
            continue
        advert = Advert.objects.create(
            author=authors[number % len(authors)],
            title=title,
            details=(
                f"I live in {TOWNS.get(district, district)}. I am looking for someone kind and "
                "reliable who will stay for a while. We can meet for a cup of tea first."
            ),
            kinds=kinds,
            district=district,
            slots=availability.to_mask(f"{day}-{time}" for day in days for time in times),
            hours_per_week=len(days) * len(times) * 3,
            rate_pence=rate,
            emergency=urgent,
            employment=WorkArrangement.EMPLOYED if number % 3 else WorkArrangement.SELF_EMPLOYED,
            created=timezone.now() - datetime.timedelta(days=number),
            expires_at=timezone.now() + datetime.timedelta(days=30 - number),
        )
        advert.skills.set([skills[name] for name in skill_names])
        created += 1
    return created
