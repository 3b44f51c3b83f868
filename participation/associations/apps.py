from django.apps import AppConfig


class AssociationsConfig(AppConfig):
    """Associations, boards, representatives, composition reports and
    activities. An app of its own for its hooks, templates and template tags;
    its models keep the "participation" label."""

    name = "participation.associations"
    label = "participation_associations"
    verbose_name = "Associations"
