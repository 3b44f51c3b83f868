from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        # Both connect receivers: the instrument's revision, and an edited
        # text losing its review, whichever path saves it.
        from surveys import signals, translation_review  # noqa: F401
