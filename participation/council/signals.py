"""Staff's edits to what the council pages compute from reach them at once
(config/memo.py): any save or delete of these models, by any path,
bumps the memo's revision."""

from django.db.models.signals import post_delete, post_save

from config import memo
from participation.associations.models import CompositionReport
from participation.council.models import (
    DisclosureSettings,
    Goal,
    Indicator,
    IndicatorTarget,
    OfficialStatistic,
    PopulationTable,
    Release,
    Strategy,
)
from surveys.models import Choice, Question, Wave

WATCHED = (
    CompositionReport,
    DisclosureSettings,
    Goal,
    Indicator,
    IndicatorTarget,
    OfficialStatistic,
    PopulationTable,
    Release,
    Strategy,
    Question,
    Choice,
    Wave,
)


def council_figures_changed(sender, **kwargs):
    memo.bump()


def connect() -> None:
    for model in WATCHED:
        for signal in (post_save, post_delete):
            signal.connect(
                council_figures_changed,
                sender=model,
                dispatch_uid=f"council-memo-{model._meta.label}",
            )
