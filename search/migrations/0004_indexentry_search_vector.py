"""PostgreSQL only: a stored ``title || body`` vector and GIN indexes for the site search.

Wagtail's backend matches ``(title || body) @@ query``; joining the two vectors costs more
than the match itself (about 16 µs an entry: most of a broad query's time). The site
search (``search/ranking.py``) matches a generated column holding that vector instead,
and finds the title matches it ranks first through an index on the title. Wagtail's own
queries (the admin's search) are unchanged; the column fills itself on every write."""

from django.db import migrations

COLUMN = "ec_search_vector"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
        "GENERATED ALWAYS AS (title || body) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS search_indexentry_vector_gin ON {table} USING gin ({COLUMN}) "
        "WITH (fastupdate = off)"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS search_indexentry_title_gin ON {table} USING gin (title) "
        "WITH (fastupdate = off)"
    )
    schema_editor.execute(f"ANALYZE {table}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute("DROP INDEX IF EXISTS search_indexentry_title_gin")
    schema_editor.execute("DROP INDEX IF EXISTS search_indexentry_vector_gin")
    schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_german_stems")]

    operations = [migrations.RunPython(create, drop)]
