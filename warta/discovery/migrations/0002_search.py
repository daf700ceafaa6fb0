import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = """
CREATE VIRTUAL TABLE discovery_search_fts USING fts5(
    title_terms, body_terms, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER discovery_search_fts_insert AFTER INSERT ON discovery_searchentry BEGIN
    INSERT INTO discovery_search_fts(rowid, title_terms, body_terms)
    VALUES (new.page_id, new.title_terms, new.body_terms);
END;
CREATE TRIGGER discovery_search_fts_delete AFTER DELETE ON discovery_searchentry BEGIN
    DELETE FROM discovery_search_fts WHERE rowid = old.page_id;
END;
CREATE TRIGGER discovery_search_fts_update AFTER UPDATE ON discovery_searchentry BEGIN
    DELETE FROM discovery_search_fts WHERE rowid = old.page_id;
    INSERT INTO discovery_search_fts(rowid, title_terms, body_terms)
    VALUES (new.page_id, new.title_terms, new.body_terms);
END;
"""
SQLITE_BACKWARD = """
DROP TRIGGER discovery_search_fts_update;
DROP TRIGGER discovery_search_fts_delete;
DROP TRIGGER discovery_search_fts_insert;
DROP TABLE discovery_search_fts;
"""
POSTGRES_FORWARD = """
ALTER TABLE discovery_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', title_terms), 'A')
    || setweight(to_tsvector('simple', body_terms), 'B')
) STORED;
CREATE INDEX discovery_searchentry_vector ON discovery_searchentry USING GIN (search_vector);
CREATE INDEX discovery_searchentry_path_like
    ON discovery_searchentry (path varchar_pattern_ops);
"""
POSTGRES_BACKWARD = """
DROP INDEX discovery_searchentry_path_like;
DROP INDEX discovery_searchentry_vector;
ALTER TABLE discovery_searchentry DROP COLUMN search_vector;
"""


def _run(schema_editor, script):
    """Run `script` statement by statement (statements end with `;` at a line's end)."""
    statement = []
    for line in script.strip().splitlines():
        statement.append(line)
        if line.endswith(";") and (line.startswith("END") or not statement[0].startswith("CREATE TRIGGER")):
            schema_editor.execute("\n".join(statement), params=None)
            statement = []


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_FORWARD)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _run(schema_editor, SQLITE_BACKWARD)
    elif vendor == "postgresql":
        _run(schema_editor, POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [
        ("discovery", "0001_related_reads"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="wagtailcore.page",
                    ),
                ),
                ("path", models.CharField(db_index=True, max_length=255)),
                ("story_type", models.CharField(blank=True, db_index=True, max_length=20)),
                ("published_at", models.DateTimeField(db_index=True)),
                ("title", models.CharField(max_length=255)),
                ("text", models.TextField(blank=True)),
                ("title_terms", models.TextField(blank=True)),
                ("body_terms", models.TextField(blank=True)),
                (
                    "section",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.page",
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
            },
        ),
        migrations.RunPython(forward, backward),
    ]
