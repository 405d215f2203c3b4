"""``pbsite.choices.LabelsLookedUp``: the same labels as Django's ``get_FOO_display()``."""

from django.db import models
from django.utils import translation

from directory.models import CostOption, CostUnit, Organisation, OrganisationKind


def test_a_label_is_the_choice_s_label_in_the_language_of_the_moment():
    organisation = Organisation(kind=OrganisationKind.CHARITY)
    assert organisation.get_kind_display() == "Charity"
    with translation.override("pl"):
        polish = organisation.get_kind_display()
        assert polish == str(OrganisationKind.CHARITY.label)
    assert models.Model._get_FIELD_display(organisation, Organisation._meta.get_field("kind")) == (
        "Charity"
    )


def test_a_value_that_is_not_a_choice_is_shown_as_it_is_as_django_does():
    assert Organisation(kind="something_else").get_kind_display() == "something_else"
    assert CostOption(unit=CostUnit.HOUR).get_unit_display() == str(CostUnit.HOUR.label)
