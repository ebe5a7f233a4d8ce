"""PostgreSQL only: ``search_match`` (``0006``) also holds what decides whether a visitor may
see an entry's object: a page's tree path and whether it is live, a document's collection
and whether it is released.

The site search checks the first 1,001 matches of a query against what visitors may see
(``search/ranking.py``). Looked up per match in the page table, that check was three
quarters of a broad query's matching time (3,000 buffers for 1,001 matches at 5,000
pages); read from the match row itself it costs nothing more than the row. Triggers keep
the columns in step with every write, whoever makes it (Wagtail's page and document
forms, a move of a subtree, an unpublish of many pages, ``update_index``): when an index
entry is written, from the page or document it names; when a page's path or live flag,
or a document's collection or release changes, on the entries of that object; when the
object is deleted, the columns are emptied, so a stale index entry is never found. Two
partial indexes hold the released documents alone, for the search of documents only."""

from django.conf import settings
from django.db import migrations

TABLE = "search_match"
INDEX_TABLE = "wagtailsearch_indexentry"
PAGE_TABLE = "wagtailcore_page"


def document_table(apps):
    model = apps.get_model(settings.WAGTAILDOCS_DOCUMENT_MODEL)
    return model._meta.db_table, model._meta.app_label, model._meta.model_name


def create_sql(apps):
    table, app_label, model_name = document_table(apps)
    document_type = (
        f"(SELECT id FROM django_content_type WHERE app_label = '{app_label}' "
        f"AND model = '{model_name}')"
    )
    return f"""
ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS page_path varchar(255),
    ADD COLUMN IF NOT EXISTS page_live boolean,
    ADD COLUMN IF NOT EXISTS document_collection_id integer,
    ADD COLUMN IF NOT EXISTS document_approved boolean;
-- The entries of one object, for the triggers on the page and document tables.
CREATE INDEX IF NOT EXISTS search_match_object ON {TABLE} (object_id, content_type_id);
-- The released documents alone, for the search of documents only (``?typ=dokument``): it
-- would otherwise pass every matching page to find the documents among them.
CREATE INDEX IF NOT EXISTS search_match_document_vector_gin ON {TABLE} USING gin (vector)
    WITH (fastupdate = off) WHERE document_approved;
CREATE INDEX IF NOT EXISTS search_match_document_title_gin ON {TABLE} USING gin (title)
    WITH (fastupdate = off) WHERE document_approved;

CREATE OR REPLACE FUNCTION search_match_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM {TABLE} WHERE id = OLD.id;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.id <> NEW.id THEN
        DELETE FROM {TABLE} WHERE id = OLD.id;
    END IF;
    INSERT INTO {TABLE} (id, content_type_id, object_id, title, vector, page_path, page_live,
        document_collection_id, document_approved)
    SELECT NEW.id, NEW.content_type_id, NEW.object_id, NEW.title, NEW.title || NEW.body,
        p.path, p.live, d.collection_id, d.approved
    FROM (SELECT CASE WHEN NEW.object_id ~ '^[0-9]{{1,9}}$' THEN NEW.object_id::integer END
          AS pk) entry
    LEFT JOIN {PAGE_TABLE} p ON p.id = entry.pk AND p.content_type_id = NEW.content_type_id
    LEFT JOIN {table} d ON d.id = entry.pk AND NEW.content_type_id = {document_type}
    ON CONFLICT (id) DO UPDATE SET content_type_id = EXCLUDED.content_type_id,
        object_id = EXCLUDED.object_id, title = EXCLUDED.title, vector = EXCLUDED.vector,
        page_path = EXCLUDED.page_path, page_live = EXCLUDED.page_live,
        document_collection_id = EXCLUDED.document_collection_id,
        document_approved = EXCLUDED.document_approved;
    RETURN NULL;
END
$$;

-- The comparisons sit in the functions, not in the triggers' column lists or WHEN
-- clauses, so that the triggers do not pin the columns' types for later migrations.
CREATE OR REPLACE FUNCTION search_match_page() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.path IS NOT DISTINCT FROM NEW.path
            AND OLD.live IS NOT DISTINCT FROM NEW.live
            AND OLD.content_type_id = NEW.content_type_id THEN
        RETURN NULL;
    END IF;
    UPDATE {TABLE} SET page_path = NULL, page_live = NULL
    WHERE object_id = OLD.id::text AND content_type_id = OLD.content_type_id;
    IF TG_OP = 'UPDATE' THEN
        UPDATE {TABLE} SET page_path = NEW.path, page_live = NEW.live
        WHERE object_id = NEW.id::text AND content_type_id = NEW.content_type_id;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION search_match_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.collection_id IS NOT DISTINCT FROM NEW.collection_id
            AND OLD.approved IS NOT DISTINCT FROM NEW.approved THEN
        RETURN NULL;
    END IF;
    UPDATE {TABLE} SET document_collection_id = NULL, document_approved = NULL
    WHERE object_id = OLD.id::text AND content_type_id = {document_type};
    IF TG_OP = 'UPDATE' THEN
        UPDATE {TABLE} SET document_collection_id = NEW.collection_id,
            document_approved = NEW.approved
        WHERE object_id = NEW.id::text AND content_type_id = {document_type};
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS search_match_page ON {PAGE_TABLE};
CREATE TRIGGER search_match_page AFTER UPDATE OR DELETE
    ON {PAGE_TABLE} FOR EACH ROW EXECUTE FUNCTION search_match_page();
DROP TRIGGER IF EXISTS search_match_document ON {table};
CREATE TRIGGER search_match_document AFTER UPDATE OR DELETE
    ON {table} FOR EACH ROW EXECUTE FUNCTION search_match_document();

UPDATE {TABLE} m SET page_path = p.path, page_live = p.live FROM {PAGE_TABLE} p
    WHERE m.object_id = p.id::text AND m.content_type_id = p.content_type_id;
UPDATE {TABLE} m SET document_collection_id = d.collection_id, document_approved = d.approved
    FROM {table} d WHERE m.object_id = d.id::text AND m.content_type_id = {document_type};
ANALYZE {TABLE};
"""


def drop_sql(apps):
    table = document_table(apps)[0]
    return f"""
DROP TRIGGER IF EXISTS search_match_document ON {table};
DROP TRIGGER IF EXISTS search_match_page ON {PAGE_TABLE};
DROP FUNCTION IF EXISTS search_match_document();
DROP FUNCTION IF EXISTS search_match_page();
DROP INDEX IF EXISTS search_match_object;
DROP INDEX IF EXISTS search_match_document_vector_gin;
DROP INDEX IF EXISTS search_match_document_title_gin;
ALTER TABLE {TABLE} DROP COLUMN IF EXISTS page_path, DROP COLUMN IF EXISTS page_live,
    DROP COLUMN IF EXISTS document_collection_id, DROP COLUMN IF EXISTS document_approved;
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
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(create_sql(apps))


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(drop_sql(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_search_match"),
        ("documents", "0007_document_approved"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
