"""What a PA's profile page reads with the profile, or keeps per process, rather than in
queries of its own: each answer is for the person it was read for, and a change shows at once."""

import datetime

import pytest
from django.utils import timezone

from pa_register.models import CodeOfConduct, PAProfile, ReferenceShare
from tests.people import make_user

from .conftest import make_pa

pytestmark = pytest.mark.django_db


def test_a_profile_read_for_one_holder_answers_for_nobody_else(holder):
    other = make_user("Sam Other")
    profile = make_pa("Ana PA")
    ReferenceShare.objects.create(profile=profile, holder=holder)
    read = PAProfile.objects.with_reference_share(holder).get(pk=profile.pk)
    assert read.shares_references_with(holder)
    assert not read.shares_references_with(other)  # asked of the database
    ReferenceShare.objects.create(profile=profile, holder=other)
    assert read.shares_references_with(other)


def test_a_new_code_of_conduct_is_current_at_once_and_a_later_one_on_its_day():
    def publish(version, day):
        CodeOfConduct.objects.create(
            version=version, published_on=day, introduction="Promises.", points="I turn up."
        )

    later = timezone.now() + datetime.timedelta(days=3)
    assert CodeOfConduct.current_version() == 0
    publish(1, timezone.localdate())
    assert CodeOfConduct.current_version() == 1  # not the kept "none yet"
    publish(2, timezone.localdate(later))
    assert CodeOfConduct.current_version() == 1
    assert CodeOfConduct.current_version(later) == 2
    CodeOfConduct.objects.get(version=2).delete()
    assert CodeOfConduct.current_version(later) == 1
