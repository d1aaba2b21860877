"""The database table of the API's throttle cache (``settings.CACHES["throttle"]``).

A migration rather than a separate ``createcachetable`` step, so that ``openpes serve`` and
every test database have it. ``createcachetable`` makes the table of each database cache in
the settings and leaves existing tables alone.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "openpes_throttle_cache"


def create(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("integrations", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
