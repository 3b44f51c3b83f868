from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """Associations, boards and council insights (issues 4 and 5)."""

    name = "participation"
    verbose_name = "Participation"

    def ready(self):
        from participation import admin_exports, signals

        signals.connect()
        admin_exports.install()
