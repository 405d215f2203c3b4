from .conftest import make_service


def test_pages_render(client, db):
    service = make_service(
        "Lunch club",
        venue={"name": "Hall", "address_1": "1 Road", "city": "Oxford", "postcode": "OX4 1AA"},
    )
    assert client.get("/directory/").status_code == 200
    response = client.get("/directory/?q=lunch&where=OX4")
    assert response.status_code == 200, response.content
    assert b"Lunch club" in response.content
    assert client.get(service.organisation.get_absolute_url()).status_code == 200
    assert client.get("/directory/api/services").status_code == 200
    assert client.get(f"/directory/api/services/{service.uuid}").status_code == 200
