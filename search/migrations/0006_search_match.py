"""PostgreSQL only: ``search_match``, a narrow copy of Wagtail's index entries that the site
search matches against (``search/ranking.py``).

An index entry row is wide (both vectors, the title and the whole indexed text), so its
stored ``title || body`` vector lives out of line: finding the first 1,000 matches of a
broad word read about 6,000 buffers and took 4.5 ms at 5,000 pages. The same entries
with only their ids, title vector and match vector take a sixth of the space and the
same scan 0.6 ms, so the wide table's own stored vector (``0004``) is dropped. Triggers
keep the copy in step with every insert, update, delete and truncate of the index table,
whoever writes it (Wagtail's indexer, ``update_index``, a test database flush); ranking
still reads the wide rows, for the few candidates only."""

from django.db import migrations

TABLE = "search_match"
INDEX_TABLE = "wagtailsearch_indexentry"

CREATE = f"""
CREATE TABLE IF NOT EXISTS {TABLE} (
    id integer PRIMARY KEY,
    content_type_id integer NOT NULL,
    object_id varchar(50) NOT NULL,
    title tsvector NOT NULL,
    -- title || body, stored: a phrase is checked against the positions of each match.
    vector tsvector NOT NULL
);
CREATE INDEX IF NOT EXISTS search_match_vector_gin ON {TABLE} USING gin (vector)
    WITH (fastupdate = off);
CREATE INDEX IF NOT EXISTS search_match_title_gin ON {TABLE} USING gin (title)
    WITH (fastupdate = off);

CREATE OR REPLACE FUNCTION search_match_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM {TABLE} WHERE id = OLD.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
        DELETE FROM {TABLE} WHERE id = OLD.id;
    END IF;
    INSERT INTO {TABLE} (id, content_type_id, object_id, title, vector)
    VALUES (NEW.id, NEW.content_type_id, NEW.object_id, NEW.title, NEW.title || NEW.body)
    ON CONFLICT (id) DO UPDATE SET content_type_id = EXCLUDED.content_type_id,
        object_id = EXCLUDED.object_id, title = EXCLUDED.title, vector = EXCLUDED.vector;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_match_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE {TABLE};
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS search_match_sync ON {INDEX_TABLE};
CREATE TRIGGER search_match_sync AFTER INSERT OR UPDATE OR DELETE ON {INDEX_TABLE}
    FOR EACH ROW EXECUTE FUNCTION search_match_sync();
DROP TRIGGER IF EXISTS search_match_truncate ON {INDEX_TABLE};
CREATE TRIGGER search_match_truncate AFTER TRUNCATE ON {INDEX_TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION search_match_truncate();

INSERT INTO {TABLE} (id, content_type_id, object_id, title, vector)
    SELECT id, content_type_id, object_id, title, title || body FROM {INDEX_TABLE}
    ON CONFLICT (id) DO NOTHING;
-- The wide table's match vector (0004) and its index are no longer read; the title index
-- stays (Wagtail's own queries use it too).
DROP INDEX IF EXISTS search_indexentry_vector_gin;
ALTER TABLE {INDEX_TABLE} DROP COLUMN IF EXISTS ec_search_vector;
ANALYZE {TABLE};
"""

DROP = f"""
DROP TRIGGER IF EXISTS search_match_truncate ON {INDEX_TABLE};
DROP TRIGGER IF EXISTS search_match_sync ON {INDEX_TABLE};
DROP FUNCTION IF EXISTS search_match_truncate();
DROP FUNCTION IF EXISTS search_match_sync();
DROP TABLE IF EXISTS {TABLE};
ALTER TABLE {INDEX_TABLE} ADD COLUMN IF NOT EXISTS ec_search_vector tsvector
    GENERATED ALWAYS AS (title || body) STORED;
CREATE INDEX IF NOT EXISTS search_indexentry_vector_gin ON {INDEX_TABLE}
    USING gin (ec_search_vector) WITH (fastupdate = off);
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_indexed_words")]

    operations = [migrations.RunPython(create, drop)]
