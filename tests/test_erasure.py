"""Deleting an account erases the person (issue 13, item 1; and from item 9 the coordinator's
hand-over and avatars' EXIF data).

Each test plants unique words (a name, an email address, what the person wrote) in one part,
deletes the account through the "delete my account" form, then scans every text column of every
table, the stored files, public pages and the search index for them. Only the fields the
README's retention table lists may still hold something, and each test names them.
"""

from __future__ import annotations

import importlib
import io
import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse
from PIL import Image
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from accounts.models import Role, SuspendedEmail, User
from conversations.services import start_conversation
from forum.models import BuddyProfile, BuddyRequest, Category, Post, Topic
from forum.posting import approve, create_topic, edit_post
from pa_register.models import Advert
from pbsite import moderation
from pbsite.models import Notification
from pooling import services
from pooling.models import AgreementAcceptance, Pool, Proposal, SessionRecord, Transition
from search.site import SiteSearchResults
from tests.pa_register.conftest import make_pa
from tests.people import make_user

pytestmark = pytest.mark.django_db

NAME = "Evequorn Twotree"
EMAIL = "evequorn.private@example.com"


def where_found(*needles: str) -> set[str]:
    """Every ``table.column`` (text and JSON columns of every table) holding one of
    ``needles``, ignoring case."""
    wanted = [needle.lower() for needle in needles]
    hits = set()
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*[f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(needle in (text or "").lower() for needle in wanted):
                    hits.add(f"{model._meta.db_table}.{field.column}")
    return hits


def found_by_search(word: str, user=None) -> int:
    from django.contrib.auth.models import AnonymousUser

    return SiteSearchResults(word, user or AnonymousUser()).total


def eve(**extra):
    return make_user(NAME, email=EMAIL, verified=True, **extra)


def delete_account(client, user) -> None:
    client.force_login(user)
    response = client.post("/accounts/delete/", {"confirm": "on", "email": user.email})
    assert response.status_code == 302, response.content.decode()[:500]
    client.logout()


def page_text(client, url, user=None) -> str:
    client.logout()
    if user is not None:
        client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def make_pool(coordinator, **fields):
    defaults = {
        "title": "Swimming on Fridays",
        "description": "A swimming session with a shared helper.",
        "category": "shared_pa",
        "districts": ["OX4"],
        "cost_per_session_pence": 6000,
        "min_members": 2,
        "max_members": 4,
    }
    return Pool.objects.create(coordinator=coordinator, **{**defaults, **fields})


# --- pooling: history by reference, memberships, proposals, session notes, agreements -------


def test_a_members_name_label_words_and_details_leave_the_group_but_its_record_stays(client):
    ann = make_user("Ann Coordinator")
    person = eve()
    pool = make_pool(ann)
    services.join(pool, ann, pays_with="direct_payment")
    services.join(
        pool,
        person,
        pays_with="managed_account",
        on_behalf_of="Zanzibarina",
        support_plan_outcome="outcome-frobnitz",
    )
    pool.refresh_from_db()
    services.accept_agreement(pool, person, pool.agreement_version, agreement_name="Eve Quuxley")
    proposal = services.propose(pool, person, kind="other", text="Let us try proposal-plugh")
    services.vote(proposal, person, agree=True)
    proposal.refresh_from_db()
    if proposal.outcome == "open":
        services.vote(proposal, ann, agree=True)
    services.record_session(
        pool, person, held_on="2026-11-20", attended=[], note="session-thud went well"
    )
    planted = [NAME, EMAIL, "Zanzibarina", "frobnitz", "Quuxley", "plugh", "session-thud"]
    assert where_found(*planted)  # the test plants what it looks for

    client.force_login(person)
    exported = client.post("/accounts/export/").content.decode()
    assert "proposal-plugh" in exported and "session-thud" in exported
    assert "Zanzibarina" in exported and "Quuxley" in exported

    delete_account(client, person)

    assert where_found(*planted) == set()
    member_view = page_text(client, pool.get_absolute_url(), ann)
    assert "A former member (for" not in member_view
    assert "A former member joined." in member_view and "A former member left." in member_view
    assert "The group voted: a suggestion passed" in member_view
    decisions = page_text(client, reverse("pooling:decisions", args=[pool.pk]), ann)
    assert "removed when the person who made it left" in decisions
    outsider_view = page_text(client, pool.get_absolute_url())
    for word in planted:
        assert word not in member_view and word not in outsider_view and word not in decisions


def test_other_members_copies_of_the_agreement_keep_a_former_member_with_their_share(client):
    ann, bo = make_user("Ann Coordinator"), make_user("Bo Member")
    person = eve()
    pool = make_pool(ann, min_members=2)
    for member in (bo, person):
        services.join(pool, member, pays_with="direct_payment")
    pool.refresh_from_db()
    for member, name in ((bo, "Bo Fullname"), (person, "Eve Quuxley")):
        services.accept_agreement(pool, member, pool.agreement_version, agreement_name=name)

    delete_account(client, person)

    acceptance = (
        AgreementAcceptance.objects.filter(membership__user=person)
        .select_related("membership__user")
        .get()
    )
    assert acceptance.per_session_pence == 3000  # half of £60, as agreed
    assert acceptance.membership.display_name == "Former member"
    assert where_found("Quuxley", NAME) == set()


def test_old_history_notes_lose_names_in_the_data_migration():
    """Rows written before history stored who by reference ("Eve (for Sam) joined")."""
    ann = make_user("Ann Coordinator")
    person = eve()
    pool = make_pool(ann)
    membership = services.join(pool, person, pays_with="direct_payment", on_behalf_of="Sammy")
    proposal = Proposal.objects.create(pool=pool, author=person, kind="other", text="Go bowling")
    old = [
        Transition.objects.create(
            pool=pool,
            from_state="forming",
            to_state="forming",
            event="membership_changed",
            actor=person,
            note=f"{NAME} (for Sammy) joined",
        ),
        Transition.objects.create(
            pool=pool,
            from_state="forming",
            to_state="forming",
            event="coordinator_changed",
            actor=ann,
            note=f"{NAME} is now the coordinator",
        ),
        Transition.objects.create(
            pool=pool,
            from_state="forming",
            to_state="forming",
            event="vote_passed",
            actor=ann,
            note="The group voted: “Go bowling” passed (2 yes, 0 no)",
        ),
    ]
    migration = importlib.import_module("pooling.migrations.0008_history_by_reference")
    migration.names_out_of_history(apps, None)

    for transition in old:
        transition.refresh_from_db()
        assert NAME not in transition.note and "Sammy" not in transition.note
        assert "Go bowling" not in transition.note
    assert [t.member for t in old[:2]] == [membership, membership]
    assert old[2].proposal == proposal
    lines = [line.text for line in services.history(pool)]
    assert f"{NAME} (for Sammy) joined." in lines  # read today, from the references
    assert "The group voted: “Go bowling” passed (2 yes, 0 no)." in lines


# --- the coordinator deletes their account --------------------------------------------------


def test_a_coordinator_who_deletes_their_account_hands_the_group_to_the_longest_member(client):
    person = eve()
    first, second = make_user("Bo First"), make_user("Cy Second")
    pool = make_pool(person)
    services.join(pool, person, pays_with="direct_payment")
    services.join(pool, first, pays_with="direct_payment")
    services.join(pool, second, pays_with="direct_payment")

    delete_account(client, person)

    pool.refresh_from_db()
    assert pool.coordinator == first
    assert pool.state in ("forming", "viable")
    told_first = Notification.objects.filter(recipient=first, target_id=str(pool.pk))
    assert any("made you the coordinator" in n.text for n in told_first)
    told_second = Notification.objects.filter(recipient=second, target_id=str(pool.pk))
    assert any(n.text.startswith("Bo First is now coordinating") for n in told_second)
    lines = " ".join(line.text for line in services.history(pool))
    assert "Bo First is now the coordinator, as the longest-standing member." in lines
    assert where_found(NAME, EMAIL) == set()


def test_a_coordinator_alone_in_their_group_closes_it_on_leaving(client):
    person = eve()
    pool = make_pool(person)
    services.join(pool, person, pays_with="direct_payment")

    delete_account(client, person)

    pool.refresh_from_db()
    assert pool.state == "cancelled"
    assert pool.coordinator == person  # the emptied account: the record still has a coordinator
    lines = [line.text for line in services.history(pool)]
    assert "The group closed: its coordinator left and nobody was left." in lines
    assert where_found(NAME, EMAIL) == set()


# --- avatars -------------------------------------------------------------------------------


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 80, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = {1: "N", 2: (51.0, 45.0, 12.5), 3: "W", 4: (1.0, 15.0, 3.2)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    data = out.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the upload has a position
    return data


def upload_avatar(client, user, data: bytes, name="eve-at-home.jpg"):
    client.force_login(user)
    response = client.post(
        "/accounts/settings/",
        {
            "display_name": user.display_name,
            "about": "",
            "email_preference": "never",
            "avatar": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:800]
    user.refresh_from_db()
    return user.avatar.name


def test_an_uploaded_avatar_is_stored_without_its_exif_gps_position(client):
    person = eve()
    stored = upload_avatar(client, person, jpeg_with_gps())

    with default_storage.open(stored) as stored_file:
        data = stored_file.read()
    image = Image.open(io.BytesIO(data))
    assert image.size == (40, 30)
    assert not image.getexif() and not image.getexif().get_ifd(0x8825)
    assert b"Exif" not in data and b"PhoneMaker" not in data
    assert "eve-at-home" not in stored  # the original file name is not kept either


def test_every_avatar_ever_uploaded_is_deleted_when_replaced_and_on_erasure(client):
    person = eve()
    first = upload_avatar(client, person, jpeg_with_gps())
    # An avatar an older version of the site left behind when it was replaced.
    leftover = default_storage.save(f"avatars/{person.pk}/old-one.png", io.BytesIO(b"x"))
    second = upload_avatar(client, person, jpeg_with_gps())
    assert not default_storage.exists(first)  # replacing deletes the old file
    assert default_storage.exists(second) and default_storage.exists(leftover)

    delete_account(client, person)

    assert not default_storage.exists(second) and not default_storage.exists(leftover)
    assert default_storage.listdir(f"avatars/{person.pk}")[1] == []


# --- moderation: reports, the audit log, suspensions ---------------------------------------


def test_reports_keep_safeguarding_words_only_and_the_audit_log_names_nobody(client):
    category = Category.objects.create(name="Chat", slug="chat")
    person = eve()
    moderator = make_user("Jo Moderator", role=Role.MODERATOR)
    other = make_user("Tom Other")
    topic = create_topic(other, category, "Hello all", "A first post by Tom")
    theirs = create_topic(person, category, "Worry topic", "spammy-wibble buy now")
    their_post = theirs.posts.get()
    worrying = Post.objects.create(
        topic=theirs, author=person, body_markdown="safety-quark I feel unsafe", approved=True
    )
    made = moderation.report(
        topic.posts.get(), reason="other", reporter=person, details="report-grault details"
    )
    spam = moderation.report(their_post, reason="spam", reporter=other)
    safety = moderation.report(worrying, reason="safety", reporter=other)
    moderation.hide_content(spam, moderator)
    log(person, "budgetcircle.report.suspend", user=moderator)
    assert any(NAME in entry.label for entry in ModelLogEntry.objects.all())

    delete_account(client, person)

    for report in (made, spam, safety):
        report.refresh_from_db()
    assert made.details == "" and made.reporter_id == person.pk  # who, by id, not their words
    assert "spammy-wibble" not in spam.content_summary
    assert "safety-quark" in safety.content_summary  # a safeguarding record (retention table)
    assert safety.content_summary.startswith("a former member in")
    assert where_found("report-grault", NAME, EMAIL) == set()
    assert where_found("spammy-wibble") <= {
        # Public posts stay under "Former member" (retention table); the hidden one too.
        "forum_post.body_markdown",
        "forum_post.body_html",
        "wagtailsearch_indexentry.body_text",
    }
    entries = ModelLogEntry.objects.all()
    assert entries.filter(user=moderator).count() >= 3  # who did what is kept
    assert not [e.label for e in entries if NAME in e.label or "spammy" in e.label]
    user_type = ContentType.objects.get_for_model(User)
    assert entries.get(content_type=user_type, object_id=str(person.pk)).label.endswith(
        "by a former member"
    )


def test_a_suspended_person_who_erases_cannot_sign_up_again_with_the_same_email(client):
    person = eve()
    moderation.suspend_user(person)
    from accounts import privacy

    privacy.delete_account(User.objects.get(pk=person.pk))  # they can't sign in: staff do it
    assert SuspendedEmail.objects.count() == 1
    assert where_found(EMAIL, "evequorn.private") == set()  # a keyed hash, not the address

    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "New Name",
            "email": EMAIL.upper(),
            "password1": "a-Long-pass-for-tests-1",
            "password2": "a-Long-pass-for-tests-1",
            "role": Role.HOLDER.value,
        },
    )
    assert response.status_code == 200
    assert "was suspended by our moderators" in response.content.decode()
    assert not User.objects.filter(email__iexact=EMAIL).exists()
    # Someone never suspended can delete and join again with the same address.
    again = make_user("Never Suspended", email="fine@example.com")
    delete_account(client, again)
    response = client.post(
        "/accounts/signup/",
        {
            "display_name": "Back Again",
            "email": "fine@example.com",
            "password1": "a-Long-pass-for-tests-1",
            "password2": "a-Long-pass-for-tests-1",
            "role": Role.HOLDER.value,
        },
    )
    assert response.status_code == 302


# --- notifications -------------------------------------------------------------------------


def test_others_notifications_lose_titles_that_held_the_persons_name_or_words(client):
    person = eve()
    other = make_user("Tom Other")
    start_conversation(person, [other], f"About {NAME} and title-zork", "message-zork-body")
    titles = Notification.objects.filter(recipient=other).values_list("target_title", flat=True)
    assert any("title-zork" in title for title in titles)

    delete_account(client, person)

    assert where_found(NAME, EMAIL, "zork") == set()
    notifications = Notification.objects.filter(recipient=other)
    assert notifications and all(n.text.startswith("Former member") for n in notifications)
    page = page_text(client, "/notifications/", other)
    assert NAME not in page and "zork" not in page


# --- forum ---------------------------------------------------------------------------------


def test_forum_private_words_go_public_posts_stay_under_former_member_and_search_forgets(
    client,
):
    category = Category.objects.create(name="Chat", slug="chat")
    person = eve()
    other = make_user("Tom Other")
    topic = create_topic(person, category, "Question about hoists", "public-xyzzyx words")
    post = topic.posts.get()
    approve(post)
    edit_post(post, person, "public-xyzzyx words, edited", reason="edit-reason-quux")
    conversation = start_conversation(person, [other], "Private chat", "private-fnord words")
    Post.objects.create(
        topic=conversation, author=other, body_markdown=f"Hello {NAME}, how are you?"
    )
    BuddyProfile.objects.create(user=person, about="buddy-about-blarg", status="approved")
    BuddyRequest.objects.create(newcomer=person, details="request-details-blarg")
    assert found_by_search("Evequorn") == 0  # names are never indexed
    assert found_by_search("xyzzyx") == 1

    delete_account(client, person)

    assert where_found(NAME, EMAIL, "fnord", "blarg", "quux", "Private chat") == set()
    # Retention table: public posts and the titles of public topics stay, under Former member.
    assert where_found("xyzzyx") <= {
        "forum_post.body_markdown",
        "forum_post.body_html",
        "wagtailsearch_indexentry.body_text",
    }
    public = page_text(client, topic.get_absolute_url())
    assert "Former member" in public and NAME not in public
    assert found_by_search("Evequorn") == 0
    assert Topic.objects.get(pk=conversation.pk).title == "A conversation with a former member"


# --- PA register -----------------------------------------------------------------------------


def test_a_pas_profile_photo_adverts_and_search_entries_go(client):
    profile = make_pa(NAME, about="pa-about-wibblewobble", districts=("OX4",))
    person = profile.user
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, format="PNG")
    profile.photo.save("face.png", SimpleUploadedFile("face.png", png.getvalue()))
    photo = profile.photo.name
    Advert.objects.create(
        author=person,
        title="advert-snarfle wanted",
        details="advert-details-snarfle",
        kinds=["driving"],
        district="OX4",
        employment="self_employed",
    )
    assert found_by_search("wibblewobble") >= 1 or found_by_search("snarfle") >= 1

    delete_account(client, person)

    assert where_found(NAME, "wibblewobble", "snarfle", person.email) == set()
    assert not default_storage.exists(photo)
    assert found_by_search("wibblewobble") == 0 and found_by_search("snarfle") == 0


# --- pooling: proposals and session notes in isolation ----------------------------------------


def test_proposal_text_and_session_notes_are_erased_and_exported(client):
    ann = make_user("Ann Coordinator")
    person = eve()
    pool = make_pool(ann)
    services.join(pool, ann, pays_with="direct_payment")
    services.join(pool, person, pays_with="direct_payment")
    Proposal.objects.create(pool=pool, author=person, kind="other", text="prop-gorp")
    SessionRecord.objects.create(
        pool=pool, held_on="2026-11-01", note="note-gorp", recorded_by=person
    )
    client.force_login(person)
    data = json.loads(client.post("/accounts/export/").content)
    assert data["pools"]["suggestions_i_made"][0]["text"] == "prop-gorp"
    assert data["pools"]["sessions_i_recorded"][0]["note"] == "note-gorp"

    delete_account(client, person)

    assert where_found("gorp", NAME) == set()
    assert Proposal.objects.filter(pool=pool).count() == 1  # the group's record keeps the vote


# --- everything else a person can leave behind, in one go ---------------------------------------


def test_saved_searches_claims_blocks_quotes_endorsements_and_buddy_pairings_go(client):
    from conversations.models import Block
    from directory.models import Claim, Organisation
    from forum.models import BuddyPairing, TopicWatch
    from pa_register.models import Endorsement, SavedSearch, WorkedTogether
    from pooling.models import Quote

    person = eve()
    ann, newcomer = make_user("Ann Coordinator"), make_user("New Person")
    pa = make_pa("Pat Assistant")
    SavedSearch.objects.create(user=person, name="saved-snork", query="q=snork-query")
    organisation = Organisation.objects.create(
        name="Riverside Club", slug="riverside", kind="group"
    )
    Claim.objects.create(organisation=organisation, claimant=person, message="claim-snork")
    organisation.owners.add(person)
    Block.objects.create(blocker=person, blocked=ann)
    pool = make_pool(ann)
    Quote.objects.create(
        pool=pool,
        supplier=person,
        requested_by=ann,
        request_message="Could you quote?",
        price_per_session_pence=4000,
        included="quote-included-snork",
        dates="quote-dates-snork",
    )
    asked = Quote.objects.create(
        pool=make_pool(person, title="Another group"),
        supplier=pa.user,
        requested_by=person,
        request_message="request-snork",
    )
    work = WorkedTogether.objects.create(holder=person, profile=pa)
    Endorsement.objects.create(work=work, text="endorse-snork: a lovely PA")
    topic = create_topic(ann, Category.objects.create(name="Chat", slug="chat"), "Hi", "Hello")
    TopicWatch.objects.create(user=person, topic=topic, level="watching")
    BuddyProfile.objects.create(user=person, status="approved", about="buddy-snork")
    request = BuddyRequest.objects.create(newcomer=newcomer, details="help me please")
    BuddyPairing.objects.create(request=request, buddy=person)
    planted = [NAME, EMAIL, "snork"]
    assert len(where_found(*planted)) >= 8

    client.force_login(person)
    exported = client.post("/accounts/export/").content.decode()
    for word in ("saved-snork", "claim-snork", "quote-included-snork", "request-snork"):
        assert word in exported
    assert "endorse-snork" in exported

    delete_account(client, person)

    assert where_found(*planted) == set()
    assert not organisation.owners.exists()
    asked.refresh_from_db()
    assert asked.request_message == ""  # the supplier's copy no longer holds their words
    assert not BuddyPairing.objects.filter(buddy=person).exists()


# --- my budget: budgets, lines, receipts, timelines, sharing -----------------------------------


def test_my_budget_is_exported_and_erased_with_every_receipt_file(client):
    import datetime

    from mybudget.models import Budget, RepeatingLine, Share, SpendingLine, Stage, Timeline

    person = eve()
    carer = make_user("Tom Carer")
    budget = Budget.objects.create(
        owner=person,
        name="budget-quibble",
        amount_pence=115000,
        every="four_weeks",
        held_as="direct_payment",
        start_date=datetime.date(2026, 6, 1),
        kept_for="Zanzibarina",
    )
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, format="PNG")
    line = SpendingLine(
        budget=budget,
        on=datetime.date(2026, 6, 3),
        direction="out",
        what="line-quibble",
        who="Sam",
        amount_pence=5450,
        outcome="outcome-quibble",
        added_by=person,
    )
    line.receipt.save("r.png", SimpleUploadedFile("r.png", png.getvalue()), save=True)
    receipt = line.receipt.name
    storage = line.receipt.storage
    leftover = storage.save(f"receipts/{person.pk}/left-behind.pdf", io.BytesIO(b"%PDF-1.4"))
    RepeatingLine.objects.create(
        budget=budget,
        kind="pa_hours",
        what="pa-quibble",
        amount_pence=16200,
        every="week",
        first_date=datetime.date(2026, 6, 1),
    )
    timeline = Timeline.objects.create(
        owner=person, kind="application", title="timeline-quibble", contact_name="Jan Quibble"
    )
    Stage.objects.create(timeline=timeline, code="assessed", note="stage-quibble")
    Share.objects.create(owner=person, person=carer, role="carer")
    planted = [NAME, EMAIL, "quibble", "Zanzibarina"]
    assert where_found(*planted)
    assert storage.exists(receipt)

    client.force_login(person)
    exported = client.post("/accounts/export/").content.decode()
    for word in ("budget-quibble", "line-quibble", "pa-quibble", "timeline-quibble", "Tom Carer"):
        assert word in exported

    delete_account(client, person)

    assert where_found(*planted) == set()
    assert not storage.exists(receipt) and not storage.exists(leftover)
    assert not Budget.objects.exists() and not Share.objects.exists()
