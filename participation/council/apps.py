from django.apps import AppConfig


class CouncilConfig(AppConfig):
    """The council's strategy, indicators, catalogue of tables, pages,
    exports, API and published results. An app of its own for its hooks,
    templates, commands and signals; its models keep the "participation"
    label."""

    name = "participation.council"
    label = "participation_council"
    verbose_name = "Council"

    def ready(self):
        from participation.council import signals

        signals.connect()
