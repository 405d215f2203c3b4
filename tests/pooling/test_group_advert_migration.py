"""The move of a group's advert link from the register (``Advert.pool``) to pooling
(``GroupAdvert``) keeps every existing link, both ways."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("pa_register", "0004_edit_version"), ("pooling", "0009_edit_version")]
AFTER = [
    ("pa_register", "0005_advert_pool_moves_to_pooling"),
    ("pooling", "0010_group_advert_link_moves_from_register"),
]


def migrate(targets):
    """Move the two apps to ``targets``; the models as the database then stands (apps that
    build on later migrations of the two, such as hiring, were taken back with them)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    loader = MigrationExecutor(connection).loader
    applied = [node for node in loader.applied_migrations if node in loader.graph.nodes]
    return loader.project_state(applied).apps


@pytest.fixture
def schema_put_back():
    """Every app at its latest migration again afterwards, whatever happened: taken back to
    the two targets, the apps that build on later migrations (a PA's code of conduct, hiring)
    stayed behind, and the next test in this process found columns missing."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_existing_group_adverts_keep_their_group_through_the_move_and_back(schema_put_back):
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Pool = old.get_model("pooling", "Pool")
    Advert = old.get_model("pa_register", "Advert")
    coordinator = User.objects.create(email="coordinator@example.org", display_name="Cora")
    pool = Pool.objects.create(
        title="Gardening together",
        description="We share a PA.",
        category="shared_pa",
        coordinator=coordinator,
    )
    fields = {"author": coordinator, "details": "Help with the garden", "district": "OX4"}
    shared = Advert.objects.create(title="Shared PA", pool=pool, **fields)
    own = Advert.objects.create(title="Just me", **fields)

    new = migrate(AFTER)
    GroupAdvert = new.get_model("pooling", "GroupAdvert")
    assert list(GroupAdvert.objects.values_list("advert_id", "pool_id")) == [(shared.pk, pool.pk)]
    assert new.get_model("pa_register", "Advert").objects.count() == 2

    old = migrate(BEFORE)
    Advert = old.get_model("pa_register", "Advert")
    assert Advert.objects.get(pk=shared.pk).pool_id == pool.pk
    assert Advert.objects.get(pk=own.pk).pool_id is None
