"""The finders that search near a place (pbsite.filters.districts_asked_for): a "how far" that
is not one of the choices, as an edited address gives, is said on the form, and the place typed
is kept; it was a server error on the pooling board and the meetings list."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("finder", ["/pools/", "/meetings/"])
@pytest.mark.parametrize("within", ["25", "abc", "-5"])
def test_a_distance_not_offered_is_said_and_the_place_kept(client, finder, within):
    response = client.get(finder, {"postcode": "OX4", "within": within})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'value="OX4"' in body
