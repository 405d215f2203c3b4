"""New "PA wanted" adverts are limited per person per day (issue 13, item 9: 10 in 1.1 s)."""

import pytest

from pa_register.models import Advert

from .test_adverts import ADVERT

pytestmark = pytest.mark.django_db


def test_new_adverts_are_limited_per_day_but_changes_are_not(client, holder, skills, settings):
    settings.ADVERTS_PER_DAY = 2
    client.force_login(holder)
    for number in range(2):
        response = client.post("/register/wanted/new/", {**ADVERT, "title": f"PA {number}"})
        assert response.status_code == 302

    refused = client.post("/register/wanted/new/", {**ADVERT, "title": "PA for evenings"})

    page = refused.content.decode()
    assert refused.status_code == 200
    assert "You have posted a lot of adverts today" in page
    assert 'value="PA for evenings"' in page
    assert Advert.objects.count() == 2
    # Changing an advert already up is not a new one.
    advert = Advert.objects.first()
    changed = client.post(f"/register/wanted/{advert.pk}/edit/", {**ADVERT, "title": "Changed"})
    assert changed.status_code == 302
    advert.refresh_from_db()
    assert advert.title == "Changed"
