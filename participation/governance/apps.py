from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    """Retention, the data protection report, the backup drill's checksum and
    the neutralising of Wagtail's own spreadsheet exports. An app of its own
    for its hooks, templates and commands; its models keep the
    "participation" label."""

    name = "participation.governance"
    label = "participation_governance"
    verbose_name = "Governance"

    def ready(self):
        from participation.governance import admin_exports

        admin_exports.install()
