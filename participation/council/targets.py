"""An indicator against the council's targets, in words: the status
badge, the sentence a council member reads aloud and the rule behind it
(issue 17). The status itself is decided by participation/stats/
aggregates.py's ``target_status`` on the figures as shown; this module
only says it, in the active language, for the council pages, the public
page and the API alike."""

from django.utils.translation import gettext, gettext_lazy

from participation.council.models import IndicatorDirection
from participation.stats import aggregates


def target_rule(indicator, targets: dict[int, float]) -> str:
    """How an indicator is judged against its targets, in one sentence
    (active language). ``indicator`` needs ``unit``, ``direction`` and
    ``baseline_year`` only (the public page passes what its snapshot kept)."""
    if not targets:
        return gettext(
            "No target is set, so the figure is not judged against one; the "
            "development since the baseline is shown instead."
        )
    year = max(targets)
    params = {
        "target": _shown(targets[year], indicator.unit),
        "year": year,
        "baseline_year": indicator.baseline_year,
    }
    if indicator.direction == IndicatorDirection.FALL:
        text = gettext(
            "Reached when the figure is at or below the target of %(target)s for "
            "%(year)s; on track when it is at or below the straight path from the "
            "baseline in %(baseline_year)s through the yearly targets; behind "
            "otherwise, and behind once %(year)s has come without reaching it."
        )
    else:
        text = gettext(
            "Reached when the figure is at or above the target of %(target)s for "
            "%(year)s; on track when it is at or above the straight path from the "
            "baseline in %(baseline_year)s through the yearly targets; behind "
            "otherwise, and behind once %(year)s has come without reaching it."
        )
    return text % params


TARGET_LABELS = {
    aggregates.REACHED: gettext_lazy("Target reached"),
    aggregates.ON_TRACK: gettext_lazy("On track"),
    aggregates.BEHIND: gettext_lazy("Behind target"),
    aggregates.NO_TARGET: gettext_lazy("No target"),
}


def target_label(status: str | None) -> str:
    """The target status as a badge says it (active language)."""
    return str(TARGET_LABELS.get(status, gettext_lazy("Not yet known")))


def target_sentence(
    status: str | None, *, target, year, path, latest_year, unit: str
) -> str:
    """The figure against the target, in words a council member can read
    aloud (active language); empty while there is no figure to judge."""
    params = {
        "target": _shown(target, unit) if target is not None else "",
        "year": year,
        "path": _shown(path, unit) if path is not None else "",
        "latest_year": latest_year,
    }
    if status == aggregates.NO_TARGET:
        return gettext("No target has been set.")
    if status == aggregates.REACHED:
        return (
            gettext("The target of %(target)s for %(year)s has been reached.") % params
        )
    if status == aggregates.ON_TRACK:
        return (
            gettext(
                "On track for the target of %(target)s in %(year)s: the path to it "
                "asked for %(path)s in %(latest_year)s."
            )
            % params
        )
    if status == aggregates.BEHIND:
        if latest_year is not None and year is not None and latest_year >= year:
            return (
                gettext(
                    "Behind: the target of %(target)s for %(year)s was not reached."
                )
                % params
            )
        return (
            gettext(
                "Behind the path to the target of %(target)s in %(year)s: it "
                "asked for %(path)s in %(latest_year)s."
            )
            % params
        )
    return ""


def _shown(value, unit: str) -> str:
    """A figure in an indicator's unit as the rule sentence writes it."""
    # Both import this module (through participation.council.catalogue).
    from participation.council.catalogue import unit_kind  # a cycle
    from participation.council.templatetags.council_tags import (  # a cycle
        format_figure,
    )

    return format_figure(value, unit_kind(unit))


def snapshot_target_sentence(movement: dict, *, unit: str) -> str:
    """:func:`target_sentence` of the movement a public snapshot kept (one
    taken before targets were judged says "no target")."""
    return target_sentence(
        movement.get("target_status", aggregates.NO_TARGET),
        target=movement.get("target"),
        year=movement.get("target_year"),
        path=movement.get("target_path"),
        latest_year=movement.get("latest_year"),
        unit=unit,
    )
