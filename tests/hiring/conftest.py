import pytest

from accounts.models import Role
from pa_register import adverts
from pa_register.models import Advert, Skill
from tests.pa_register.conftest import make_pa
from tests.people import make_user


@pytest.fixture
def holder(db):
    return make_user("Maya Holder", role=Role.HOLDER)


@pytest.fixture
def advert(holder):
    advert = Advert.objects.create(
        author=holder,
        title="Morning PA in Cowley",
        details="Help getting up, three mornings a week.",
        kinds=["personal_care"],
        district="OX4",
        hours_per_week=15,
        rate_pence=1150,
        employment="employed",
    )
    advert.skills.set([Skill.objects.create(name="Hoist", slug="hoist", curated=True)])
    return advert


@pytest.fixture
def pas(db):
    return [make_pa(name) for name in ("Sam Patel", "Rita Osei", "Lee Chan")]


@pytest.fixture
def responses(advert, pas):
    return [adverts.respond(advert, profile) for profile in pas]
