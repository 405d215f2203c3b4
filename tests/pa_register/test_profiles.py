"""Profile pages, the editor, checks and evidence, contacting a PA: what shows and to whom."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from forum.models import Post, Topic
from pa_register.models import Check, CheckKind, PAProfile

from .conftest import make_pa

GOOD = {
    "about": "I have worked as a PA for six years. I love walks and cooking.",
    "curated_skills": ["hoist"],
    "other_skills": "gardening, baking",
    "kinds": ["personal_care", "social"],
    "districts": "ox4, OX1, OX4",
    "free_tue": ["morning", "evening"],
    "free_sat": ["night"],
    "rate_min": "12.50",
    "rate_max": "15",
    "work_arrangements": ["self_employed"],
    "languages": "english, polish",
    "gender": "woman",
    "short_notice": "on",
}


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "green").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def pa_client(client, pa_user):
    client.force_login(pa_user)
    return client


def test_pa_creates_a_profile_with_every_field(pa_client, pa_user, skills):
    data = {**GOOD, "photo": SimpleUploadedFile("me.png", png_bytes(), "image/png")}
    response = pa_client.post("/register/profile/", data)
    assert response.status_code == 302
    profile = PAProfile.objects.get(user=pa_user)
    assert response["Location"] == profile.get_absolute_url()
    assert profile.districts == ["OX4", "OX1"]
    assert profile.slots == ["tue-morning", "tue-evening", "sat-night"]
    assert (profile.rate_min_pence, profile.rate_max_pence) == (1250, 1500)
    assert profile.languages == ["English", "Polish"]
    assert sorted(s.name for s in profile.skills.all()) == ["Baking", "Gardening", "Hoist"]
    assert profile.kinds == ["personal_care", "social"]
    assert profile.gender == "woman" and profile.short_notice
    assert profile.photo.name.startswith(f"pa-photos/{pa_user.pk}/")
    page = pa_client.get(profile.get_absolute_url()).content.decode()
    assert "Sam PA" in page and "£12.50 to £15 an hour" in page


def test_editing_shows_the_saved_values(pa_client, pa_user, skills):
    pa_client.post("/register/profile/", GOOD)
    form = pa_client.get("/register/profile/").context["form"]
    assert form.initial["districts"] == "OX4, OX1"
    assert form.initial["free_tue"] == ["morning", "evening"]
    assert sorted(form.initial["other_skills"].split(", ")) == ["Baking", "Gardening"]
    assert form.initial["curated_skills"] == ["hoist"]


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"about": ""}, "about", "Write a few words about yourself"),
        ({"about": "Call me on 07700 900123"}, "about", "take out any email address or phone"),
        ({"about": "Email me: sam@example.com"}, "about", "take out any email address or phone"),
        ({"about": "x" * 1501}, "about", "1,500 characters or fewer"),
        ({"kinds": []}, "kinds", "Choose at least one kind of support"),
        ({"kinds": ["juggling"]}, "kinds", "Choose from the list"),
        ({"curated_skills": ["not-a-skill"]}, "curated_skills", "Choose skills from the list"),
        ({"other_skills": "<script>"}, "other_skills", "does not look like a skill"),
        ({"other_skills": ",".join(f"skill{n}" for n in range(11))}, "other_skills", "10 at most"),
        ({"districts": ""}, "districts", "Enter at least one area"),
        ({"districts": "OX4, Narnia"}, "districts", "not a postcode we recognise"),
        ({"free_tue": [], "free_sat": []}, "free_mon", "Tick at least one time"),
        ({"free_tue": ["teatime"]}, "free_tue", "Choose from the list"),
        ({"rate_min": "-1"}, "rate_min", "cannot be less than £0"),
        ({"rate_min": "lots"}, "rate_min", "Enter the hourly rate as an amount in pounds"),
        ({"rate_max": "9999"}, "rate_max", "The hourly rate must be £500 or less"),
        ({"rate_min": "20", "rate_max": "15"}, "rate_max", "same as or more than your lowest"),
        ({"work_arrangements": []}, "work_arrangements", "Choose at least one way you work"),
        ({"languages": ""}, "languages", "Enter at least one language"),
        ({"languages": "English; 123%$"}, "languages", "does not look like a language"),
        ({"gender": "robot"}, "gender", "Select a valid choice"),
    ],
)
def test_every_field_is_validated_in_plain_words(
    pa_client, pa_user, skills, change, field, message
):
    response = pa_client.post("/register/profile/", {**GOOD, **change})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not PAProfile.objects.filter(user=pa_user).exists()  # nothing half-saved
    page = response.content.decode()
    assert "There is a problem" in page
    assert "I have worked as a PA" in page or field == "about"  # what was typed is kept


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("me.png", b"not an image", "image/png"), "Upload a valid image"),
        (SimpleUploadedFile("me.gif", b"GIF89a" + b"\x00" * 20, "image/gif"), "image"),
    ],
)
def test_photo_must_be_a_real_picture(pa_client, skills, upload, message):
    response = pa_client.post("/register/profile/", {**GOOD, "photo": upload})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["photo"])


def test_people_without_the_pa_role_cannot_make_a_profile(client, holder):
    client.force_login(holder)
    assert client.get("/register/profile/").status_code == 403


def test_confirm_and_pause(pa_client, pa_user, skills):
    profile = make_pa("Irrelevant")  # someone else
    pa_client.post("/register/profile/", GOOD)
    mine = PAProfile.objects.get(user=pa_user)
    PAProfile.objects.filter(pk=mine.pk).update(
        last_confirmed=mine.last_confirmed - datetime.timedelta(days=100), reminders_sent=1
    )
    pa_client.post("/register/profile/confirm/")
    mine.refresh_from_db()
    assert mine.freshness().value == "fresh" and mine.reminders_sent == 0
    pa_client.post("/register/profile/pause/")
    mine.refresh_from_db()
    assert mine.paused
    assert not PAProfile.objects.listed().filter(pk=mine.pk).exists()
    assert pa_client.get(mine.get_absolute_url()).status_code == 200  # the owner still sees it
    assert profile.pk != mine.pk


def test_anonymous_visitors_see_profiles_but_nothing_private(client, skills, moderator):
    profile = make_pa("Priya PA", skills=[skills["hoist"]])
    check = Check.objects.create(
        profile=profile,
        kind=CheckKind.DBS,
        dbs_level="enhanced",
        dated=datetime.date(2025, 3, 1),
        evidence=SimpleUploadedFile("dbs-certificate.pdf", b"%PDF-1.4 secret", "application/pdf"),
    )
    response = client.get(profile.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Priya PA" in page
    assert profile.user.email not in page
    assert "dbs-certificate" not in page and "/evidence/" not in page
    assert "sign in" in page and "Contact this PA" not in page
    assert client.get(f"/register/checks/{check.pk}/evidence/").status_code == 302  # sign in
    assert client.get(f"/register/pa/{profile.pk}/contact/").status_code == 302
    assert "Budget Circle has not checked it yet" in page


def test_evidence_only_for_the_pa_and_moderators(client, moderator, holder):
    profile = make_pa("Evi")
    check = Check.objects.create(
        profile=profile,
        kind=CheckKind.FIRST_AID,
        dated=datetime.date(2025, 3, 1),
        evidence=SimpleUploadedFile("first-aid.pdf", b"%PDF-1.4 certificate", "application/pdf"),
    )
    assert "/media/" not in check.evidence.path and "private" in check.evidence.path
    url = f"/register/checks/{check.pk}/evidence/"
    client.force_login(holder)
    assert client.get(url).status_code == 404
    client.force_login(profile.user)
    response = client.get(url)
    assert response.status_code == 200 and b"certificate" in b"".join(response.streaming_content)
    client.force_login(moderator)
    assert client.get(url).status_code == 200


def test_pa_cannot_verify_their_own_check_through_any_route(client, moderator):
    profile = make_pa("Sneaky")
    client.force_login(profile.user)
    client.post(
        "/register/profile/checks/",
        {"kind": "first_aid", "dated": "2025-01-01", "verified_at": "2025-01-02"},
    )
    check = Check.objects.get(profile=profile)
    assert check.verified_at is None
    assert client.post(f"/admin/pa-checks/verify/{check.pk}/").status_code in (302, 403, 404)
    assert client.post(f"/register/checks/{check.pk}/verify/").status_code == 404  # moved
    assert client.get("/admin/pa-checks/").status_code != 200
    check.refresh_from_db()
    assert check.verified_at is None
    client.force_login(moderator)
    assert client.get("/register/checks/")["Location"] == "/admin/pa-checks/"  # moved
    queue = client.get("/admin/pa-checks/")
    assert queue.status_code == 200 and "Sneaky" in queue.text
    response = client.post(f"/admin/pa-checks/verify/{check.pk}/")
    assert response.status_code == 302 and response["Location"] == "/admin/pa-checks/"
    check.refresh_from_db()
    assert check.verified_by == moderator
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "Checked by Budget Circle on" in page


def test_changing_a_verified_check_needs_checking_again(client, moderator):
    from pa_register import checks

    profile = make_pa("Changer")
    check = Check.objects.create(
        profile=profile, kind=CheckKind.FIRST_AID, dated=datetime.date(2025, 1, 1)
    )
    checks.verify(check, moderator)
    client.force_login(profile.user)
    client.post(
        f"/register/profile/checks/{check.pk}/", {"kind": "first_aid", "dated": "2025-01-01"}
    )
    check.refresh_from_db()
    assert check.verified_at is not None  # nothing changed
    client.post(
        f"/register/profile/checks/{check.pk}/", {"kind": "first_aid", "dated": "2025-02-01"}
    )
    check.refresh_from_db()
    assert check.verified_at is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"dated": "2025-01-01"}, "kind", "Choose what kind of check"),
        ({"kind": "dbs", "dated": "2025-01-01"}, "dbs_level", "Choose the level"),
        ({"kind": "other", "dated": "2025-01-01"}, "title", "name of the course"),
        ({"kind": "first_aid"}, "dated", "Enter the date"),
        ({"kind": "first_aid", "dated": "31/02/2025"}, "dated", "Enter a real date"),
        ({"kind": "first_aid", "dated": "2999-01-01"}, "dated", "cannot be in the future"),
        (
            {"kind": "insurance", "dated": "2025-01-01", "valid_until": "2024-01-01"},
            "valid_until",
            "must be after",
        ),
    ],
)
def test_check_form_errors(client, db, data, field, message):
    profile = make_pa("Form Filler")
    client.force_login(profile.user)
    response = client.post("/register/profile/checks/", data)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Check.objects.exists()


def test_evidence_must_be_a_document_or_photo(client, db):
    profile = make_pa("Uploader")
    client.force_login(profile.user)
    response = client.post(
        "/register/profile/checks/",
        {
            "kind": "first_aid",
            "dated": "2025-01-01",
            "evidence": SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream"),
        },
    )
    assert "Upload a PDF" in " ".join(response.context["form"].errors["evidence"])


def test_contact_opens_a_private_conversation_revealing_nothing(client, holder):
    profile = make_pa("Contact Me")
    client.force_login(holder)
    form_page = client.get(f"/register/pa/{profile.pk}/contact/")
    assert form_page.status_code == 200
    bad = client.post(
        f"/register/pa/{profile.pk}/contact/", {"what_help": "", "when": "", "where": "Narnia"}
    )
    assert bad.status_code == 200
    assert set(bad.context["form"].errors) == {"what_help", "when", "where"}
    assert not Topic.objects.exists()
    response = client.post(
        f"/register/pa/{profile.pk}/contact/",
        {"what_help": "Getting up and dressed", "when": "Tuesday mornings", "where": "OX4 1AA"},
    )
    topic = Topic.objects.get()
    assert response["Location"] == topic.get_absolute_url()
    assert topic.is_private
    assert set(topic.participants.all()) == {holder, profile.user}
    message = Post.objects.get(topic=topic).body_markdown
    assert "Getting up and dressed" in message and "**Where:** OX4" in message
    assert "1AA" not in message  # only the district travels
    page = client.get(topic.get_absolute_url()).content.decode()
    assert profile.user.email not in page and holder.email not in page


def test_hidden_profiles_are_404_to_others_and_reportable(client, holder):
    profile = make_pa("Hidden One", hidden=True)
    assert client.get(profile.get_absolute_url()).status_code == 404
    visible = make_pa("Reportable")
    client.force_login(holder)
    page = client.get(visible.get_absolute_url()).content.decode()
    assert "Report this profile" in page
