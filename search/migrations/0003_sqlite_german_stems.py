"""SQLite only: the full-text table of Wagtail's search index holds German word stems.

Wagtail's triggers copy title and body into the FTS5 table word for word, so on SQLite
„Netzwerk“ did not find „Netzwerken“ (PostgreSQL stems with its ``german``
configuration). These triggers store the stems (``search/stemming.py``, registered on
every SQLite connection as ``ec_german_stems``) instead; the index table itself keeps
the text as written, for the excerpts. Existing entries are converted here."""

from django.db import migrations

TABLE = "wagtailsearch_indexentry"
FTS = f"{TABLE}_fts"

STEMMING_TRIGGERS = [
    f"""CREATE TRIGGER insert_wagtailsearch_indexentry_fts AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(title, body, autocomplete, rowid)
        VALUES (ec_german_stems(NEW.title), ec_german_stems(NEW.body), NEW.autocomplete, NEW.id);
    END""",
    f"""CREATE TRIGGER update_wagtailsearch_indexentry_fts AFTER UPDATE ON {TABLE} BEGIN
        UPDATE {FTS} SET title = ec_german_stems(NEW.title), body = ec_german_stems(NEW.body),
        autocomplete = NEW.autocomplete WHERE rowid = NEW.id;
    END""",
]
PLAIN_TRIGGERS = [
    f"""CREATE TRIGGER insert_wagtailsearch_indexentry_fts AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {FTS}(title, body, autocomplete, rowid)
        VALUES (NEW.title, NEW.body, NEW.autocomplete, NEW.id);
    END""",
    f"""CREATE TRIGGER update_wagtailsearch_indexentry_fts AFTER UPDATE ON {TABLE} BEGIN
        UPDATE {FTS} SET title = NEW.title, body = NEW.body, autocomplete = NEW.autocomplete
        WHERE rowid = NEW.id;
    END""",
]


def _replace_triggers(schema_editor, triggers, title, body):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [FTS])
        if cursor.fetchone() is None:  # SQLite without FTS5: Wagtail's fallback backend
            return
    schema_editor.execute("DROP TRIGGER IF EXISTS insert_wagtailsearch_indexentry_fts")
    schema_editor.execute("DROP TRIGGER IF EXISTS update_wagtailsearch_indexentry_fts")
    for trigger in triggers:
        schema_editor.execute(trigger)
    schema_editor.execute(f"DELETE FROM {FTS}")
    schema_editor.execute(
        f"INSERT INTO {FTS}(rowid, title, body, autocomplete) "
        f"SELECT id, {title}, {body}, autocomplete FROM {TABLE}"
    )


def stem(apps, schema_editor):
    _replace_triggers(
        schema_editor, STEMMING_TRIGGERS, "ec_german_stems(title)", "ec_german_stems(body)"
    )


def unstem(apps, schema_editor):
    _replace_triggers(schema_editor, PLAIN_TRIGGERS, "title", "body")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_indexentry_title_body_gin"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(stem, unstem)]
