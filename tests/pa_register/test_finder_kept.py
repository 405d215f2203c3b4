"""Find a PA's filter panel and result cards are rendered once per process for what they show
(``pbsite.fragments.render_once``) and its curated skills kept (``pbsite.filters``): what
changes must show at once."""

from pa_register.models import PAProfile, Skill

from .conftest import make_pa


def test_a_skill_made_curated_is_a_choice_at_once(client, db, skills):
    assert "Sign language" not in client.get("/register/").content.decode()
    Skill.objects.create(name="Sign language", slug="sign-language", curated=True)
    page = client.get("/register/").content.decode()
    assert 'value="sign-language"' in page and "Sign language" in page


def test_each_search_shows_its_own_words_and_errors(client, db, skills):
    client.get("/register/?q=gardening")
    assert 'value="autism"' in client.get("/register/?q=autism").content.decode()
    first = client.get("/register/?where=ZZ+ZZ").content.decode()
    assert 'aria-invalid="true"' in first
    assert 'aria-invalid="true"' not in client.get("/register/?where=OX4").content.decode()


def test_a_changed_profile_shows_on_its_card_at_once(client, db, skills):
    make_pa("Ana", skills=[skills["hoist"]])
    assert "Loves gardening" not in client.get("/register/").content.decode()
    PAProfile.objects.update(about="Loves gardening.")
    assert "Loves gardening." in client.get("/register/").content.decode()
