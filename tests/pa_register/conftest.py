import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from pa_register import availability
from pa_register.models import PAProfile, Skill
from tests.people import make_user

CURATED = [
    ("Hoist", "hoist", "can use a hoist"),
    ("PEG feeding", "peg-feeding", "can do PEG feeding"),
    ("Autism", "autism", "has autism experience"),
    ("Dementia", "dementia", "has dementia experience"),
    ("British Sign Language", "bsl", "uses British Sign Language"),
]


@pytest.fixture
def skills(db):
    return {
        slug: Skill.objects.create(name=name, slug=slug, curated=True, phrase=phrase)
        for name, slug, phrase in CURATED
    }


def make_pa(
    name,
    *,
    districts=("OX4",),
    kinds=("personal_care",),
    slots=("tue-morning",),
    skills=(),
    confirmed_days_ago=1,
    **fields,
):
    user = make_user(name, role=Role.PA)
    defaults = {
        "about": f"I am {name}, a friendly PA.",
        "languages": ["English"],
        "work_arrangements": ["self_employed"],
        "rate_min_pence": 1200,
        "rate_max_pence": 1500,
    }
    profile = PAProfile.objects.create(
        user=user,
        districts=list(districts),
        kinds=list(kinds),
        availability=availability.to_mask(slots),
        last_confirmed=timezone.now() - datetime.timedelta(days=confirmed_days_ago),
        **{**defaults, **fields},
    )
    if skills:
        profile.skills.set([s.name if hasattr(s, "name") else s for s in skills])
    return profile


@pytest.fixture
def holder(db):
    return make_user("Maya Holder", role=Role.HOLDER)


@pytest.fixture
def moderator(db):
    return make_user("Jo Moderator", role=Role.MODERATOR)


@pytest.fixture
def pa_user(db):
    return make_user("Sam PA", role=Role.PA)
