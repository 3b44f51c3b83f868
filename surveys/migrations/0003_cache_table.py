"""The database cache table (CACHES in config/settings.py), made by migrate so
that no extra set-up step is needed on a fresh machine or in tests."""

from django.core.management import call_command
from django.db import migrations

TABLE = "medborger_cache"


def create(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias,
                 verbosity=0)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_choice_exclusive")]
    operations = [migrations.RunPython(create, drop)]
