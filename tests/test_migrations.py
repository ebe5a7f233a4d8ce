"""The project's migrations keep working on existing databases when Django or Wagtail
ship new migrations of their apps."""

from django.db.migrations.loader import MigrationLoader

PROJECT_APPS = {"home", "images", "documents", "conference", "areas", "legal", "search", "legacy"}


def test_no_migration_depends_on_the_latest_migration_of_an_app():
    # "__latest__" is resolved anew on every run: once an app ships a new migration, an
    # applied migration of ours depends on one that is not applied yet, and migrate fails
    # with an inconsistent history.
    loader = MigrationLoader(None, ignore_no_migrations=True)
    floating = [
        f"{app}.{name} -> {dependency}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in PROJECT_APPS
        for dependency in migration.dependencies
        if dependency[1] == "__latest__"
    ]
    assert floating == []
