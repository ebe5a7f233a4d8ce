"""A GIN index on the title vector of Wagtail's search index table (PostgreSQL only).

The search ranks only a bounded set of candidates (``search/engine.py``): the entries
whose title matches, which rank highest, and the first entries whose text matches. This
index finds the title matches without reading every entry's vectors."""

from django.db import migrations

INDEX = "search_indexentry_title_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin (title)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_german_stems")]

    operations = [migrations.RunPython(create_index, drop_index)]
