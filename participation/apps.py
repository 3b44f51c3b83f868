from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """The app label every participation model keeps ("participation"): its
    migrations live here, its models in the packages that name their concern
    (participation/models.py is their import surface; docs/ARCHITECTURE.md)."""

    name = "participation"
    verbose_name = "Participation"
