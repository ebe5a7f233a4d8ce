"""A GIN index on ``title || body`` of Wagtail's search index table (PostgreSQL only).

The database search backend matches ``(title || body) @@ query``. Without an index on that
expression PostgreSQL has no statistics for it and estimates that a query matches one row;
for a common word it then joins pages and index entries in a nested loop over all pages
(seconds at 5,000 pages, see bench/search_latency.py). With the index, ANALYZE keeps
statistics on the expression and the match itself can use the index. (modelsearch's model
mentions such an index, but Wagtail's migrations do not create it.)"""

from django.db import migrations

INDEX = "search_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))"
    )
    schema_editor.execute(f"ANALYZE {table}")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_editor_search_promotion_permissions"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
