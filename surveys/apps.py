from django.apps import AppConfig
from django.db.backends.signals import connection_created


def secure_delete(sender, connection, **kwargs):
    """SQLite: overwrite deleted content with zeros (SPEC §4.1), so a used
    invitation code, a pooled or a withdrawn response leaves nothing in the
    database file. PostgreSQL has no such switch: surveys/pool.py rewrites
    its small tables instead (docs/DEPLOY.md)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA secure_delete = ON")


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        # Both connect receivers: the instrument's revision, and an edited
        # text losing its review, whichever path saves it.
        from surveys import signals, translation_review  # noqa: F401

        connection_created.connect(secure_delete, dispatch_uid="surveys.secure_delete")
