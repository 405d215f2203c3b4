"""The conversations app takes over the forum's participants and blocks without moving a row:
every conversation keeps its people, every block stays, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("forum", "0005_advisers_and_escalations"), ("conversations", None)]
AFTER = [
    ("forum", "0006_participants_and_blocks_to_conversations"),
    ("conversations", "0001_participants_and_blocks_from_forum"),
]


def migrate(targets):
    """Move the two apps to ``targets``; the models as they stand then (other apps at their
    latest)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    loader = MigrationExecutor(connection).loader
    moved = {app for app, _name in targets}
    others = [node for node in loader.graph.leaf_nodes() if node[0] not in moved]
    applied = [(app, name) for app, name in targets if name is not None]
    return loader.project_state([*others, *applied]).apps


@pytest.mark.django_db(transaction=True)
def test_conversations_keep_their_people_and_blocks_through_the_move_and_back():
    old = migrate(BEFORE)
    with pytest.raises(LookupError):
        old.get_model("conversations", "Participant")
    User = old.get_model("accounts", "User")
    Topic = old.get_model("forum", "Topic")
    ann = User.objects.create(email="ann@example.org", display_name="Ann")
    bo = User.objects.create(email="bo@example.org", display_name="Bo")
    talk = Topic.objects.create(title="Just us", author=ann, is_private=True)
    old.get_model("forum", "Participant").objects.create(topic=talk, user=ann)
    old.get_model("forum", "Participant").objects.create(topic=talk, user=bo)
    old.get_model("forum", "Block").objects.create(blocker=bo, blocked=ann)

    new = migrate(AFTER)
    with pytest.raises(LookupError):
        new.get_model("forum", "Participant")
    Participant = new.get_model("conversations", "Participant")
    assert set(Participant.objects.values_list("topic_id", "user_id")) == {
        (talk.pk, ann.pk),
        (talk.pk, bo.pk),
    }
    assert set(new.get_model("forum", "Topic").objects.get(pk=talk.pk).participants.all()) == {
        new.get_model("accounts", "User").objects.get(pk=ann.pk),
        new.get_model("accounts", "User").objects.get(pk=bo.pk),
    }
    Block = new.get_model("conversations", "Block")
    assert list(Block.objects.values_list("blocker_id", "blocked_id")) == [(bo.pk, ann.pk)]
    ContentType = new.get_model("contenttypes", "ContentType")
    assert not ContentType.objects.filter(app_label="forum", model="participant").exists()

    old = migrate(BEFORE)
    assert old.get_model("forum", "Participant").objects.filter(topic_id=talk.pk).count() == 2
    assert old.get_model("forum", "Block").objects.filter(blocker_id=bo.pk).count() == 1
    ContentType = old.get_model("contenttypes", "ContentType")
    assert not ContentType.objects.filter(app_label="conversations").exists()
    migrate(AFTER)
