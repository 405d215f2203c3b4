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


def test_a_pages_skills_and_checks_read_by_kept_sql_answer_as_the_orm_does(db, skills):
    """``finding.for_each_of``: the SQL is kept for each number of profiles, never the rows;
    each call answers for its own ids, and a change shows at once."""
    import datetime

    from pa_register import finding
    from pa_register.models import Check, CheckKind, TaggedSkill

    ana = make_pa("Ana", skills=[skills["hoist"], skills["autism"]])
    bea = make_pa("Bea", skills=[skills["autism"]])
    cal = make_pa("Cal")
    verified = datetime.datetime(2025, 3, 2, tzinfo=datetime.UTC)
    Check.objects.create(
        profile=ana, kind=CheckKind.FIRST_AID, dated=datetime.date(2025, 3, 1), verified_at=verified
    )
    Check.objects.create(profile=bea, kind=CheckKind.FIRST_AID, dated=datetime.date(2025, 3, 1))

    def by_orm(ids):
        names, slugs = {}, {}
        for tagged in TaggedSkill.objects.filter(content_object__in=ids).order_by("pk"):
            names.setdefault(tagged.content_object_id, []).append(tagged.tag.name)
            slugs.setdefault(tagged.content_object_id, set()).add(tagged.tag.slug)
        checks = {}
        for check in Check.objects.filter(profile__in=ids, verified_at__isnull=False):
            checks.setdefault(check.profile_id, []).append(check.name)
        return names, slugs, checks

    def by_kept_sql(ids):
        checks = {
            pk: [check.name for check in found]
            for pk, found in finding.verified_checks(ids).items()
        }
        return finding.skill_names(ids), finding.skill_slugs(ids), checks

    for ids in (
        [ana.pk],
        [bea.pk],
        [ana.pk, bea.pk],
        [cal.pk, bea.pk],
        [cal.pk, ana.pk, bea.pk],
        [],
    ):
        assert by_kept_sql(ids) == by_orm(ids), ids
    assert finding.skill_names([ana.pk])[ana.pk] == ["Hoist", "Autism"]  # the order given
    bea.skills.add(skills["hoist"])
    Check.objects.filter(profile=bea).update(verified_at=verified)
    assert by_kept_sql([ana.pk, bea.pk]) == by_orm([ana.pk, bea.pk])
    assert finding.skill_names([ana.pk, bea.pk])[bea.pk] == ["Autism", "Hoist"]
    assert [check.name for check in finding.verified_checks([bea.pk])[bea.pk]] == ["First aid"]


def test_the_unfiltered_register_read_by_kept_sql_answers_as_the_orm_does(db, skills):
    """``finding.listed_page`` and ``listed_count``: the SQL is kept for the listed rule's
    values, the order and the page's place, never the rows; each order and page answers as the
    filtered queryset does, and a profile hidden, paused, added or confirmed shows at once."""
    from django.http import QueryDict

    from pa_register import finding
    from pa_register.filters import PAFilter

    for number, name in enumerate(["Ana", "Bea", "Cal", "Dee", "Eve"]):
        make_pa(name, confirmed_days_ago=number * 40, rate_min_pence=1500 - number * 100)

    def both(query, page):
        answers = []
        for from_listed in (True, False):
            pa_filter = PAFilter(QueryDict(query), queryset=PAProfile.objects.listed())
            assert pa_filter.form.is_valid()
            found = finding.search(pa_filter, from_listed=from_listed)
            assert (found.listed_rule is not None) == from_listed
            pairs = found[page]
            answers.append(
                (found.count(), [(p.pk, p.user.display_name, p.about, m) for p, m in pairs])
            )
        return answers

    def assert_same_answers():
        for query in ("", "sort=recent", "sort=rate", "sort=best"):
            for page in (slice(0, 20), slice(0, 2), slice(2, 4), slice(4, 6)):
                kept, built = both(query, page)
                assert kept == built, (query, page)

    assert_same_answers()
    first = PAProfile.objects.order_by("-last_confirmed").first()
    PAProfile.objects.filter(pk=first.pk).update(about="Changed words.")
    assert both("", slice(0, 1))[0][1][0][2] == "Changed words."
    PAProfile.objects.filter(pk=first.pk).update(paused=True)
    assert_same_answers()
    assert both("", slice(0, 20))[0][0] == 4
    make_pa("Fay", confirmed_days_ago=0)
    assert_same_answers()
    assert both("", slice(0, 1))[0][1][0][1] == "Fay"


def test_a_narrowed_search_is_not_read_by_the_kept_sql(db, skills):
    from django.http import QueryDict

    from pa_register import finding
    from pa_register.filters import PAFilter

    make_pa("Ana", skills=[skills["hoist"]])
    for query in ("where=OX4", "kinds=personal_care", "skills=hoist", "q=friendly", "days=tue"):
        pa_filter = PAFilter(QueryDict(query), queryset=PAProfile.objects.listed())
        assert pa_filter.form.is_valid(), query
        found = finding.search(pa_filter, from_listed=True)
        assert getattr(found, "listed_rule", None) is None, query


def test_a_new_code_of_conduct_hides_the_profiles_that_have_not_accepted_it_at_once(
    client, db, skills
):
    from pa_register.models import CodeOfConduct

    make_pa("Ana", about="Ana here.", conduct_version=1)
    make_pa("Bea", about="Bea here.", conduct_version=2)
    CodeOfConduct.objects.create(version=1, introduction="One.")
    page = client.get("/register/").content.decode()
    assert "Ana here." in page and "Bea here." in page
    CodeOfConduct.objects.create(version=2, introduction="Two.")
    page = client.get("/register/").content.decode()
    assert "Ana here." not in page and "Bea here." in page
    assert "1 PA found" in page
