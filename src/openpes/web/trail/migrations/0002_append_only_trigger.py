"""On PostgreSQL, the database itself refuses UPDATE and DELETE on the trail.

The ORM guard stops honest mistakes; the trigger also stops raw SQL from the app's own
database role. (TRUNCATE is left to privileges: grant the app role no TRUNCATE, see
docs/deployment.md; test databases are emptied with TRUNCATE.)
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION openpes_trail_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on trail_auditevent is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS trail_auditevent_append_only ON trail_auditevent;
CREATE TRIGGER trail_auditevent_append_only
    BEFORE UPDATE OR DELETE ON trail_auditevent
    FOR EACH ROW EXECUTE FUNCTION openpes_trail_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS trail_auditevent_append_only ON trail_auditevent;
DROP FUNCTION IF EXISTS openpes_trail_append_only();
"""


def _forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def _backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("trail", "0001_initial")]
    operations = [migrations.RunPython(_forwards, _backwards)]
