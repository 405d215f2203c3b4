"""Easy Read versions, the captioned video block and the pictograms."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from home import easy_read, pictograms
from home.blocks import CaptionedVideoBlock
from home.models import EasyReadPage

from .conftest import make_guide

pytestmark = pytest.mark.django_db

LINES = [
    {"type": "heading", "value": "What it is"},
    {"type": "line", "value": {"picture": "money", "text": "A budget is money for your care."}},
    {"type": "line", "value": {"picture": "person", "text": "You choose who helps you."}},
    {"type": "heading", "value": "Getting help"},
    {"type": "line", "value": {"picture": "phone", "text": "Phone your council."}},
]


def add_easy_read(guide, **extra):
    page = EasyReadPage(title=f"{guide.title}: Easy Read", slug="easy-read", body=LINES, **extra)
    guide.add_child(instance=page)
    return page


def test_a_guide_links_to_its_easy_read_version(client, guide):
    page = client.get(guide.url).content.decode()
    assert "Read this in Easy Read" not in page
    easy = add_easy_read(guide)
    page = client.get(guide.url).content.decode()
    assert f'<a href="{easy.url}" class="easy-read-link">Read this in Easy Read</a>' in page
    assert easy.url == guide.url + "easy-read/"


def test_each_idea_is_a_line_with_its_picture_and_alt_text(client, guide):
    html = client.get(add_easy_read(guide).url).content.decode()
    lists = re.findall(r'<ul class="easy-read-lines">(.*?)</ul>', html, re.S)
    assert len(lists) == 2  # one list under each heading
    assert lists[0].count('class="easy-read-line"') == 2
    assert (
        '<img class="easy-read-line__picture" src="/static/home/pictograms/money.svg" '
        'alt="A banknote with a pound sign" width="64" height="64">'
    ) in lists[0]
    assert '<h2 class="easy-read-heading">Getting help</h2>' in html
    assert f'our guide <a href="{guide.url}">{guide.title}</a>' in html


def test_it_says_plainly_it_has_not_been_checked_until_an_editor_records_who_and_when(
    client, guide
):
    easy = add_easy_read(guide)
    page = client.get(easy.url).content.decode()
    assert "Not checked yet" in page
    assert "People with learning disabilities have not checked this Easy Read version" in page

    easy.checked_by = "Oxford Easy Read checkers"
    easy.checked_on = datetime.date(2026, 11, 20)
    easy.save_revision().publish()
    page = client.get(easy.url).content.decode()
    assert "Not checked yet" not in page
    assert "Checked by Oxford Easy Read checkers on 20 November 2026." in page


@pytest.mark.parametrize(
    ("who", "day", "field"),
    [
        ("Oxford checkers", None, "checked_on"),
        ("", datetime.date(2026, 11, 20), "checked_by"),
        ("Oxford checkers", datetime.date(2099, 1, 1), "checked_on"),
    ],
)
def test_a_half_recorded_or_future_check_is_refused_with_what_to_do(guide, who, day, field):
    easy = add_easy_read(guide)
    easy.checked_by, easy.checked_on = who, day
    with pytest.raises(ValidationError) as raised:
        easy.full_clean()
    assert field in raised.value.message_dict


def test_checked_means_both_who_and_when():
    day = datetime.date(2026, 11, 20)
    assert easy_read.is_checked("Oxford checkers", day)
    assert not easy_read.is_checked("Oxford checkers", None)
    assert not easy_read.is_checked("  ", day)


def test_every_pictogram_is_a_drawn_svg_with_a_title_free_alt_text():
    folder = Path(settings.BASE_DIR) / "home" / "static" / "home" / "pictograms"
    drawn = {path.stem for path in folder.glob("*.svg")}
    assert drawn == set(pictograms.PICTOGRAMS)
    assert len(drawn) >= 15
    for name in drawn:
        svg = (folder / f"{name}.svg").read_text()
        assert svg.startswith("<svg") and 'viewBox="0 0 64 64"' in svg
        assert pictograms.alt_text(name)


def test_only_one_easy_read_version_per_guide(guide):
    add_easy_read(guide)
    assert not EasyReadPage.can_create_at(guide)
    other = make_guide(guide.get_parent(), "Another guide")
    assert EasyReadPage.can_create_at(other)


# --- The captioned video block ------------------------------------------------------------


def document(name: str, content: bytes) -> Document:
    doc = Document(title=name)
    doc.file.save(name, ContentFile(content), save=False)
    doc.save()
    return doc


@pytest.fixture
def captions():
    return document("bsl.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello.\n")


@pytest.fixture
def video():
    return document("bsl.mp4", b"\x00\x00\x00\x18ftypmp42")


def video_value(**values):
    block = CaptionedVideoBlock()
    data = {
        "title": "This guide in British Sign Language",
        "video": None,
        "video_url": "",
        "transcript": "Hello. This is Budget Circle.",
        **values,
    }
    return block, block.to_python({k: getattr(v, "pk", v) for k, v in data.items()})


def test_a_captioned_video_plays_with_its_captions_track_and_transcript(video, captions):
    block, value = video_value(video=video, captions=captions)
    block.clean(value)
    html = block.render(value)
    assert f'src="{video.url}"' in html
    assert f'<track kind="captions" src="{captions.url}" srclang="en"' in html
    assert "<summary>Read the transcript</summary>" in html
    assert "Hello. This is Budget Circle." in html


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({}, "video"),  # neither a file nor an address
        ({"video_url": "http://example.org/bsl.mp4"}, "video_url"),
        ({"use_file": True, "video_url": "https://example.org/bsl.mp4"}, "video"),  # both
    ],
)
def test_a_video_needs_one_source_on_https(video, captions, change, field):
    if change.pop("use_file", False):
        change["video"] = video
    block, value = video_value(captions=captions, **change)
    with pytest.raises(ValidationError) as raised:
        block.clean(value)
    assert field in raised.value.block_errors


def test_captions_must_be_a_webvtt_file(video):
    not_vtt = document("captions.vtt", b"1\n00:00:00,000 --> 00:00:02,000\nHello.\n")  # SRT
    block, value = video_value(video=video, captions=not_vtt)
    with pytest.raises(ValidationError) as raised:
        block.clean(value)
    assert "captions" in raised.value.block_errors
    block, value = video_value(video_url="https://example.org/bsl.mp4", captions=None)
    with pytest.raises(ValidationError):
        block.clean(value)


def test_an_editor_can_add_an_easy_read_version_in_the_admin(client, guide):
    from accounts.models import Role
    from tests.people import make_user

    client.force_login(make_user("Edie E", role=Role.EDITOR))
    page = client.get(f"/admin/pages/add/home/easyreadpage/{guide.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Easy Read line" in html and "Captioned video" in html
    assert "Checked by people with learning disabilities" in html
