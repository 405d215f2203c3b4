"""Form details every page shares (issue 12, items 3 and 10): dates a picker can read, radio
buttons without "---------", "(optional)" said once, the report form's own labels, sign-in and
sign-up in our words, an error summary that says only what is true, a favicon and a helpline
number that can never ring a real line."""

import datetime
import importlib
import re
from pathlib import Path

import django_filters
import pytest
from django import forms as django_forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.models import Role
from directory.forms import OrganisationForm
from pa_register.advert_forms import AdvertForm
from pa_register.check_forms import CheckForm
from pa_register.models import Advert
from pbsite import forms as shared
from pooling import services
from pooling.forms import JoinForm, PoolForm, ProposalForm, SessionRecordForm
from pooling.models import Pool
from tests.accounts.conftest import public_topic
from tests.people import make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
FORM_DEFINITION = re.compile(r"^class \w+\([\w.]*(Form|FilterSet|Mixin)\b", re.MULTILINE)


def modules_defining_forms():
    """Every module of ours that defines a form or filter set, found by reading the source, so a
    new form cannot slip past these checks by living in a file nobody listed."""
    for app in settings.INSTALLED_APPS:
        top = app.split(".")[0]
        folder = ROOT / top
        if not (folder / "__init__.py").exists():
            continue
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts or "tests" in path.parts:
                continue
            if FORM_DEFINITION.search(path.read_text()):
                yield ".".join(path.relative_to(ROOT).with_suffix("").parts)


FORM_MODULES = sorted(set(modules_defining_forms()))


def test_the_form_checks_see_every_form_module():
    assert {"home.feedback", "forum.forms", "pooling.filters", "accounts.forms"} <= set(
        FORM_MODULES
    )


def our_form_classes():
    for name in FORM_MODULES:
        importlib.import_module(name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    apps = {name.split(".")[0] for name in FORM_MODULES}
    # Forms inside Wagtail's admin keep Wagtail's own widgets (its date picker, its radios).
    return {
        cls
        for cls in below(django_forms.BaseForm)
        if cls.__module__.split(".")[0] in apps and not issubclass(cls, WagtailAdminModelForm)
    }


def is_radio(widget) -> bool:
    """Radio buttons (Django's checkbox lists are a kind of RadioSelect too)."""
    return isinstance(widget, django_forms.RadioSelect) and not isinstance(
        widget, django_forms.CheckboxSelectMultiple
    )


def make_pool(coordinator, **fields):
    defaults = {
        "title": "Shared PA for Friday evenings",
        "description": "Three of us want a PA to come to the cinema and the pub.",
        "category": "shared_pa",
        "districts": ["OX4"],
        "cost_per_session_pence": 6000,
        "min_members": 2,
        "max_members": 3,
    }
    return Pool.objects.create(coordinator=coordinator, **{**defaults, **fields})


def rendered(form) -> str:
    return render_to_string("components/form_fields.html", {"form": form})


# --- Dates -----------------------------------------------------------------------------------


def test_every_date_field_uses_the_shared_picker_widget():
    for cls in our_form_classes():
        for name, field in cls.base_fields.items():
            if isinstance(field, django_forms.DateField):
                assert isinstance(field.widget, shared.DateInput), f"{cls.__name__}.{name}"


def test_date_boxes_are_filled_in_iso_which_a_picker_can_read():
    holder = make_user("Ann", role=Role.HOLDER)
    start = datetime.date(2027, 1, 4)
    pool = make_pool(holder, start_date=start, closing_date=datetime.date(2026, 12, 20))
    advert = Advert(author=holder, title="PA", details="Mornings.", district="OX4")
    advert.start_date = start
    for form, name in [
        (PoolForm(instance=pool), "start_date"),
        (PoolForm(instance=pool), "closing_date"),
        (AdvertForm(instance=advert), "start_date"),
        (SessionRecordForm(pool=pool, initial={"held_on": start}), "held_on"),
    ]:
        html = str(form[name])
        assert 'type="date"' in html
        assert re.search(r'value="20\d\d-\d\d-\d\d"', html), html
        assert "/" not in re.search(r'value="([^"]*)"', html).group(1)
    assert 'value="2027-01-04"' in str(PoolForm(instance=pool)["start_date"])


@pytest.mark.parametrize("typed", ["2027-01-04", "04/01/2027", "4/1/2027"])
def test_a_date_from_the_picker_or_typed_the_british_way_is_read(typed):
    form = SessionRecordForm({"held_on": typed}, pool=make_pool(make_user("Ann", role=Role.HOLDER)))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["held_on"] == datetime.date(2027, 1, 4)


def test_date_hints_describe_the_picker_not_a_typed_format():
    for form in (PoolForm(), AdvertForm(), CheckForm()):
        page = rendered(form)
        assert "27 1 2027" not in page and "27 3 2025" not in page
    assert str(shared.DATE_HINT) in rendered(PoolForm())


# --- Radio buttons ---------------------------------------------------------------------------


def test_every_radio_field_uses_the_shared_widget():
    for cls in our_form_classes():
        for name, field in cls.base_fields.items():
            if is_radio(field.widget):
                assert isinstance(field.widget, shared.RadioSelect), f"{cls.__name__}.{name}"


DASHES_CHOICE = re.compile(r'<input type="radio"[^>]*value=""[^>]*>\s*<label[^>]*>-+</label>')


def test_no_radio_button_is_dashes_and_none_is_ticked_on_a_new_form():
    ann = make_user("Ann", role=Role.HOLDER)
    pool = make_pool(ann, payment_routes=["direct_payment"])
    for form in (
        PoolForm(),
        ProposalForm(pool=pool),
        OrganisationForm(),
        JoinForm(pool=pool),
        CheckForm(),
    ):
        page = rendered(form)
        assert not DASHES_CHOICE.search(page), type(form).__name__
        required_radios = [
            name
            for name, field in form.fields.items()
            if is_radio(field.widget) and field.required and form[name].value() in (None, "")
        ]
        for name in required_radios:
            assert not re.search(rf'name="{name}"[^>]*checked', page), name
    assert "We&#x27;d rather not say" in rendered(OrganisationForm())


def test_the_pages_the_issue_named_show_no_dashes(client):
    ann = make_user("Ann", role=Role.HOLDER)
    provider = make_user("Pat", role=Role.PROVIDER)
    pool = make_pool(ann)
    services.join(pool, ann, pays_with="direct_payment")
    client.force_login(ann)
    for url in ("/pools/new/", f"/pools/{pool.pk}/decisions/"):
        page = client.get(url).content.decode()
        assert 'type="radio"' in page, url
        assert not DASHES_CHOICE.search(page), url
    client.force_login(provider)
    page = client.get("/directory/new/").content.decode()
    assert 'type="radio"' in page and not DASHES_CHOICE.search(page)


# --- "(optional)" once -----------------------------------------------------------------------


def test_no_label_says_optional_itself_the_field_component_does():
    for cls in our_form_classes():
        for name, field in cls.base_fields.items():
            assert "optional" not in str(field.label or "").lower(), f"{cls.__name__}.{name}"
    filtersets = [
        cls
        for cls in django_filters.FilterSet.__subclasses__()
        if cls.__module__.split(".")[0] in {"directory", "forum", "home", "pa_register", "pooling"}
    ]
    assert len(filtersets) >= 4
    for cls in filtersets:
        for name, one in cls.base_filters.items():
            assert "optional" not in str(one.label or "").lower(), f"{cls.__name__}.{name}"


def test_optional_is_said_once_on_the_advert_form():
    page = rendered(AdvertForm())
    assert "(optional) <span" not in page
    optional = [
        name
        for name, field in AdvertForm().fields.items()
        if not field.required
        and not isinstance(field.widget, django_forms.CheckboxInput)
        and not field.widget.is_hidden  # edit_version: never shown, so never "optional"
    ]
    assert page.count("(optional)") == len(optional) == 6


# --- The report form -------------------------------------------------------------------------


def test_the_report_forms_questions_keep_their_own_labels(client):
    maya, tom = make_user("Maya H"), make_user("Tom B")
    post = public_topic(tom).posts.get()
    post_type = ContentType.objects.get_for_model(post)
    client.force_login(maya)
    page = client.get(f"/report/{post_type.pk}/{post.pk}/").content.decode()
    assert "<h1>Report this post</h1>" in page
    assert re.search(r'<legend class="field__label">What is wrong\?</legend>', page)
    assert re.search(r'<label class="field__label" for="id_details">Tell us more ', page)
    assert not re.search(r'class="field__label"[^>]*>post', page)
    # A failed POST says nothing was saved: true here, unlike on a search.
    page = client.post(f"/report/{post_type.pk}/{post.pk}/", {}).content.decode()
    assert "Nothing has been saved yet. What you typed is still here." in page


# --- Sign in and sign up ---------------------------------------------------------------------

LIBRARY_VOICE = ["Sign In", "Sign Up", "Remember Me", "This field is required.", "Password (again)"]


def test_sign_in_is_in_our_words(client):
    page = client.get("/accounts/login/").content.decode()
    for phrase in LIBRARY_VOICE:
        assert phrase not in page
    assert "<h1>Sign in</h1>" in page
    assert "Keep me signed in on this device" in page
    assert 'placeholder="Email' not in page and 'placeholder="Password' not in page
    page = client.post("/accounts/login/", {}).content.decode()
    assert "This field is required." not in page
    assert "Enter the email address you signed up with." in page
    assert "Enter your password." in page


def test_sign_up_is_in_our_words_with_the_password_rules_in_one_sentence(client):
    page = client.get("/accounts/signup/").content.decode()
    for phrase in LIBRARY_VOICE:
        assert phrase not in page
    assert "<h1>Create an account</h1>" in page
    assert "<ul><li>Your password" not in page
    assert "Use at least 8 characters." in page
    page = client.post("/accounts/signup/", {"password1": "x" * 12}).content.decode()
    assert "This field is required." not in page
    assert "What you typed is still here, except passwords" in page


def test_after_a_file_was_chosen_the_summary_says_to_choose_it_again(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    maya = make_user("Maya H")
    client.force_login(maya)
    picture = SimpleUploadedFile("me.png", b"not really a png", content_type="image/png")
    page = client.post(
        "/accounts/settings/", {"display_name": "", "avatar": picture}
    ).content.decode()
    assert "except the file you chose" in page


# --- Favicon and helpline --------------------------------------------------------------------


def test_every_page_has_a_favicon(client):
    page = client.get("/accounts/login/").content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page).group(1)
    name = href.removeprefix(settings.STATIC_URL)
    svg = (Path(settings.BASE_DIR) / "pbsite" / "static" / name).read_text()
    assert svg.startswith("<svg") and "<title>" in svg


UK_NUMBER = re.compile(r"\b0\d{2,4} ?\d{3} ?\d{3,4}\b")


def in_drama_range(number: str) -> bool:
    digits = number.replace(" ", "")
    return digits.startswith("03069990") and len(digits) == 11


def test_the_helpline_is_a_number_ofcom_keeps_for_drama(db):
    from pbsite.models import Helpline

    # The site setting a new site starts with (made for each site by a data migration).
    helpline = Helpline.objects.get()
    assert in_drama_range(helpline.phone)
    sources = [
        render_to_string("components/get_help.html", {"helpline": helpline}),
        (Path(settings.BASE_DIR) / "pbsite" / "templates" / "500.html").read_text(),
    ]
    for text in sources:
        numbers = UK_NUMBER.findall(text)
        assert numbers, text[:200]
        assert all(in_drama_range(number) for number in numbers), numbers


# --- The directory's search: the same place box, and its ticks say they mean "any" -----------


def test_directory_search_has_the_same_place_box_and_says_ticks_mean_any(client):
    response = client.get("/directory/", {"where": "Banbery Cross"})
    page = response.content.decode()
    assert '<label class="field__label" for="id_where">Postcode or town' in page
    assert "enter the first part of a postcode in that area instead" in page
    assert "Nothing has been saved" not in page
    assert "we show services that take any of them" in page
