from .conftest import make_pa


def test_find_page_lists_a_pa(client, skills):
    make_pa("Ana Lopes", skills=[skills["hoist"]])
    response = client.get("/register/?where=OX4&skills=hoist")
    assert response.status_code == 200
    assert "Ana Lopes" in response.content.decode()
    assert "can use a hoist" in response.content.decode()
