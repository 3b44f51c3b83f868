"""A used invitation code is now deleted rather than flagged (T01: an
updated row shares PostgreSQL's xmin with the response stored in the same
transaction). Codes already flagged used are deleted first, so that dropping
the flag makes none of them usable again."""

from django.db import migrations


def delete_used_codes(apps, schema_editor):
    apps.get_model("surveys", "Invitation").objects.filter(used=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0005_lifecycle"),
    ]

    operations = [
        migrations.RunPython(delete_used_codes, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="invitation",
            name="used",
        ),
    ]
