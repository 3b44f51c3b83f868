"""Published results snapshots (SPEC §3.3 "public results pages", §4.2,
TESTPLAN T06): the public results page at /<code>/results/ never reads live
figures. It shows the latest ResultsSnapshot, which froze, when staff
published it, exactly what the page shows: for each published indicator its
texts in every language, its disclosed yearly figures and targets and its
movement, read from the published releases' public copies
(participation/council/releases). A new snapshot is refused while any
public figure of the releases it would read differs from the last
snapshot's releases by 1 to k - 1 (the same per-figure rule as between
releases), so two snapshots cannot be subtracted to describe fewer than k
people.

Writes: :func:`snapshot_take`. Reads: :func:`snapshot_basis`,
:func:`snapshot_may_refresh`, :func:`snapshot_latest`, and
:func:`snapshot_results`, which turns a snapshot into what a page shows in
one language.

``ResultsSnapshot.figures`` (version 1)::

    {"version": 1, "k": 5, "synthetic": bool, "languages": ["da", ...],
     "goals": [{"code": str, "title": {lang: str},
                "indicators": [{
                    "goal": str, "code": str,
                    "name": {lang: str}, "description": {lang: str},
                    "unit": "percent" | "ratio" | "count",
                    "direction": "rise" | "fall", "threshold": float,
                    "synthetic": bool,
                    "records": [{"year": int, "figure": float | None,
                                 "hidden": bool, "target": float | None}],
                    "movement": {"status": "positive" | "negative" |
                                 "unchanged" | None,
                                 "baseline_year": int,
                                 "latest_year": int | None}}]}]}

Every figure in it passed participation.council.catalogue (and so the disclosure choke
point) with the public threshold; a hidden figure is None. No count is kept.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from participation.associations.models import CompositionReport
from participation.council import catalogue, prepared
from participation.council.coding import approved_quotes
from participation.council.indicators import (
    NEGATIVE,
    POSITIVE,
    UNCHANGED,
    movement_rule,
    population_table_for,
)
from participation.council.models import (
    DisclosureSettings,
    Indicator,
    IndicatorSource,
    ParticipationMeasure,
    PopulationTable,
    ResultsSnapshot,
    Theme,
)
from participation.council.releases.between import releases_needed
from participation.council.releases.populations import PUBLIC
from participation.council.targets import (
    snapshot_target_sentence,
    target_label,
    target_rule,
)
from participation.council.templatetags.council_tags import chart_number_format
from participation.stats import charts
from participation.stats.aggregates import NO_TARGET
from participation.stats.disclosure import Policy
from surveys.models import SurveyResponse

VERSION = 1
SOURCE_LANGUAGE = "da"


class SnapshotRefused(Exception):
    """Some published figure would change by fewer than k since the last
    snapshot; ``needed`` is how many more changes are needed at least."""

    def __init__(self, *, needed: int, k: int):
        self.needed = needed
        self.k = k
        super().__init__(refusal_message(needed=needed, k=k))


def refusal_message(*, needed: int, k: int) -> str:
    """Why no new snapshot may be taken, in the active language (never
    which figure blocks it)."""
    more = ngettext(
        "A figure on the public page would change by too little since the "
        "results were last published: at least %(n)s more change is needed.",
        "A figure on the public page would change by too little since the "
        "results were last published: at least %(n)s more changes are needed.",
        needed,
    ) % {"n": needed}
    why = ngettext(
        "Every figure must stay the same or change by at least %(k)s, so that "
        "the difference between the two cannot describe fewer than %(k)s person.",
        "Every figure must stay the same or change by at least %(k)s, so that "
        "the difference between the two cannot describe fewer than %(k)s people.",
        k,
    ) % {"k": k}
    return f"{more} {why}"


# --- reads ---------------------------------------------------------------------


def snapshot_basis() -> int:
    """How many responses and records the public figures rest on now: survey
    responses plus composition reports (withdrawn responses are deleted, so
    they count down)."""
    return SurveyResponse.objects.count() + CompositionReport.objects.count()


def snapshot_latest() -> ResultsSnapshot | None:
    """The snapshot the public page shows: the last one taken."""
    return ResultsSnapshot.objects.order_by("-pk").first()


def snapshot_may_refresh(*, policy: Policy | None = None) -> tuple[bool, int]:
    """Whether a new snapshot may be taken now, and if not how many more
    changes are needed at least: every public figure the last snapshot's
    releases and the published ones both show must be equal or differ by at
    least k (participation.stats.differences). Always allowed when no
    snapshot exists yet. ``policy`` defaults to the public thresholds."""
    policy = policy or catalogue.policy(public=True)
    last = snapshot_latest()
    if last is None:
        return True, 0
    needed = releases_needed(last.releases, scope=PUBLIC, k=policy.k)
    return needed == 0, needed


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _texts(obj, name: str) -> dict[str, str]:
    """A modeltranslation field in every language, Danish where a language
    has no text of its own."""
    source = getattr(obj, f"{name}_{SOURCE_LANGUAGE}", "") or ""
    return {code: getattr(obj, f"{name}_{code}", "") or source for code in _languages()}


def _site_is_synthetic() -> bool:
    """A site holding a synthetic population table is a demo or a test site,
    and its responses and records are as made-up as that table."""
    return PopulationTable.objects.filter(synthetic=True).exists()


def _indicator_synthetic(indicator, records: list[dict], *, site: bool) -> bool:
    """Official statistics are published figures, real even on the demo
    site; our own figures are synthetic on a synthetic site, and a
    representation ratio is whenever its population table is."""
    if indicator.source == IndicatorSource.STATISTICS:
        return False
    if site:
        return True
    if indicator.measure == ParticipationMeasure.REPRESENTATION_RATIO:
        for record in records:
            if record["figure"] is None:
                continue
            table = population_table_for(record["year"])
            if table is not None and table.synthetic:
                return True
    return False


def _indicator_figures(
    indicator, *, policy: Policy, site_synthetic: bool, releases: set
) -> dict | None:
    """The indicator as the public page shows it, from the published
    releases' public copies (official statistics as imported); None while no
    published release holds it. Adds the releases read to ``releases``."""
    found = prepared.released_summary(indicator, policy=policy, scope=PUBLIC)
    if found is None:
        return None
    summary, read = found
    releases.update(release.pk for release in read)
    by_year: dict[int, dict] = {}
    for record in summary.table.records():
        year = int(record["code"])
        value = record.get("value")
        by_year[year] = {
            "year": year,
            "figure": charts.rounded(value, indicator.unit),
            "hidden": value is None,
            "target": charts.rounded(record.get("target"), indicator.unit),
        }
    # Targets of years without a figure yet (policy, not data) still show.
    for year, target in summary.table.targets.items():
        by_year.setdefault(
            year,
            {
                "year": year,
                "figure": None,
                "hidden": False,
                "target": charts.rounded(target, indicator.unit),
            },
        )
    records = [by_year[year] for year in sorted(by_year)]
    movement = summary.movement
    return {
        "goal": indicator.goal.code,
        "code": indicator.code,
        "name": _texts(indicator, "name"),
        "description": _texts(indicator, "description"),
        "unit": indicator.unit,
        "direction": indicator.direction,
        "threshold": float(indicator.threshold),
        "synthetic": _indicator_synthetic(indicator, records, site=site_synthetic),
        "records": records,
        "movement": {
            "status": movement.status,
            "baseline_year": movement.baseline_year,
            "latest_year": movement.latest_year,
            "target_status": movement.target_status,
            "target_year": movement.target_year,
            "target": movement.target,
            "target_path": movement.target_path,
        },
    }


def snapshot_figures(*, policy: Policy, synthetic: bool | None = None) -> dict:
    """What a snapshot taken now would hold (see the module docstring):
    the published indicators by goal, in the goals' and indicators' order.
    ``synthetic`` None: decided by whether the site holds a synthetic
    population table."""
    site_synthetic = _site_is_synthetic() if synthetic is None else synthetic
    indicators = (
        Indicator.objects.filter(published=True)
        .select_related("goal", "goal__strategy")
        .order_by("goal__strategy", "goal__sort_order", "goal_id", "sort_order", "code")
    )
    goals: list[dict] = []
    releases: set[int] = set()
    goal_pk = None
    for indicator in indicators:
        if indicator.goal_id != goal_pk:
            goal_pk = indicator.goal_id
            goals.append(
                {
                    "code": indicator.goal.code,
                    "title": _texts(indicator.goal, "title"),
                    "indicators": [],
                }
            )
        figures = _indicator_figures(
            indicator, policy=policy, site_synthetic=site_synthetic, releases=releases
        )
        if figures is not None:
            goals[-1]["indicators"].append(figures)
    voices = _voices(policy=policy, releases=releases)
    return {
        "releases": sorted(releases),
        "version": VERSION,
        "voices": voices,
        "k": policy.k,
        "synthetic": site_synthetic,
        "languages": _languages(),
        "goals": goals,
    }


def _voices(*, policy: Policy, releases: set) -> list[dict]:
    """Residents' own words per wave, newest first (issue 17): the themes of
    the open answers with how many mentioned each, from the public copy of
    the wave's release (a hidden count is None), and the quotes staff
    approved, in the words and language they were written in, with staff's
    Danish translation where given. Adds the releases read to ``releases``."""
    names = {theme.code: theme for theme in Theme.objects.all()}
    out = []
    for wave in catalogue.explorer_waves().order_by("-opens_on", "-pk"):
        found = prepared.prepared_table(
            f"themes:all:{wave.pk}", policy=policy, scope=PUBLIC
        )
        themes = []
        if found is not None and found.ready:
            releases.update(release.pk for release in found.releases)
            for record in found.table.records():
                theme = names.get(record["code"])
                if theme is None:
                    continue
                themes.append(
                    {
                        "code": theme.code,
                        "name": _texts(theme, "name"),
                        "count": record["total"],
                    }
                )
        quotes = [
            {
                "text": quote["quote"],
                "language": quote["language"],
                "translation": quote["translation"],
            }
            for quote in approved_quotes(wave=wave)
        ]
        if themes or quotes:
            out.append(
                {
                    "wave": wave.code,
                    "name": _texts(wave, "name"),
                    "closes_on": wave.closes_on.isoformat(),
                    "themes": themes,
                    "quotes": quotes,
                }
            )
    return out


# --- writes --------------------------------------------------------------------


def snapshot_take(
    *, today: datetime.date | None = None, synthetic: bool | None = None
) -> ResultsSnapshot:
    """Freeze what the public results page shows now, with the public
    threshold, from the published releases. Raises :class:`SnapshotRefused`
    unless this is the first snapshot or every figure it shares with the
    last one is equal or differs by at least k.
    ``synthetic``: label the figures as synthetic demo data (None: decided
    from the data, see :func:`snapshot_figures`)."""
    with transaction.atomic():
        # One snapshot at a time: the settings row is the lock, so a second
        # click waits and then sees the snapshot the first one took.
        row = DisclosureSettings.load()
        DisclosureSettings.objects.select_for_update().filter(pk=row.pk).first()
        policy = catalogue.policy(public=True)
        allowed, needed = snapshot_may_refresh(policy=policy)
        if not allowed:
            raise SnapshotRefused(needed=needed, k=policy.k)
        figures = snapshot_figures(policy=policy, synthetic=synthetic)
        snapshot = ResultsSnapshot(
            taken_on=today or timezone.localdate(),
            basis=snapshot_basis(),
            k=policy.k,
            releases=figures.pop("releases"),
            figures=figures,
        )
        snapshot.full_clean()
        snapshot.save()
    return snapshot


# --- what the public page shows ------------------------------------------------


@dataclass(frozen=True)
class PublishedIndicator:
    code: str
    name: str
    description: str
    chart: dict
    chart_id: str
    status: str | None
    movement: str
    rule: str
    synthetic: bool
    # Against the council's targets (issue 17); snapshots taken before
    # targets were judged say "no target".
    target_status: str | None = NO_TARGET
    target_label: str = ""
    target_text: str = ""
    target_rule: str = ""


@dataclass(frozen=True)
class PublishedGoal:
    code: str
    title: str
    indicators: list[PublishedIndicator] = field(default_factory=list)


@dataclass(frozen=True)
class PublishedVoices:
    """One wave's themes (name, count or None when hidden) and quotes (text,
    language, Danish translation) in the language asked."""

    name: str
    closes_on: datetime.date
    themes: list[tuple[str, int | None]]
    quotes: list[dict]


@dataclass(frozen=True)
class PublishedResults:
    taken_on: datetime.date
    k: int
    synthetic: bool
    goals: list[PublishedGoal]
    voices: list[PublishedVoices] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(goal.indicators for goal in self.goals) and not self.voices


def _in(texts, language: str) -> str:
    if not isinstance(texts, dict):
        return ""
    return texts.get(language) or texts.get(SOURCE_LANGUAGE) or ""


def movement_text(status: str | None, *, baseline_year, latest_year) -> str:
    """An indicator's movement in plain words (active language)."""
    params = {"baseline": baseline_year, "latest": latest_year}
    if status == POSITIVE:
        return (
            gettext(
                "Going the right way: the figure for %(latest)s is better than at "
                "the start in %(baseline)s."
            )
            % params
        )
    if status == NEGATIVE:
        return (
            gettext(
                "Going the wrong way: the figure for %(latest)s is worse than at "
                "the start in %(baseline)s."
            )
            % params
        )
    if status == UNCHANGED:
        return (
            gettext(
                "About the same: the figure for %(latest)s is close to the start "
                "in %(baseline)s."
            )
            % params
        )
    return gettext("There are not yet enough published figures to tell.")


def indicator_chart(records, *, name: str, unit: str, k: int) -> dict:
    """The chart spec of an indicator's yearly ``records`` (year, figure,
    hidden, target) in the active language: the public results page and the
    council pages draw indicators the same way."""
    return charts.indicator_chart(
        records,
        unit=unit,
        title=name,
        figure_label=gettext("Measured"),
        target_label=gettext("Target"),
        year_label=gettext("Year"),
        description=gettext(
            "Line chart of “%(name)s” by year. The same figures are in the table."
        )
        % {"name": name},
        hidden_text=ngettext(
            "Not shown (fewer than %(k)s person)",
            "Not shown (fewer than %(k)s people)",
            k,
        )
        % {"k": k},
        missing_text=gettext("No figure"),
        number_format=chart_number_format(),
    )


def _published_indicator(data: dict, *, language: str, k: int) -> PublishedIndicator:
    name = _in(data.get("name"), language)
    unit = data.get("unit", "percent")
    movement = data.get("movement") or {}
    baseline_year = movement.get("baseline_year")
    shape = SimpleNamespace(
        threshold=data.get("threshold", 0),
        unit=unit,
        direction=data.get("direction", "rise"),
        baseline_year=baseline_year,
    )
    rule = movement_rule(shape)
    target_status = movement.get("target_status", NO_TARGET)
    targets = {
        int(r["year"]): r["target"]
        for r in data.get("records") or []
        if r.get("target") is not None
    }
    chart = indicator_chart(data.get("records") or [], name=name, unit=unit, k=k)
    code = str(data.get("code", ""))
    return PublishedIndicator(
        code=code,
        name=name,
        description=_in(data.get("description"), language),
        chart=chart,
        chart_id=f"chart-{code}",
        status=movement.get("status"),
        movement=movement_text(
            movement.get("status"),
            baseline_year=baseline_year,
            latest_year=movement.get("latest_year"),
        ),
        rule=rule,
        synthetic=bool(data.get("synthetic")),
        target_status=target_status,
        target_label=target_label(target_status),
        target_text=snapshot_target_sentence(movement, unit=unit),
        target_rule=target_rule(shape, targets),
    )


def snapshot_results(
    snapshot: ResultsSnapshot | None, *, language: str
) -> PublishedResults | None:
    """What the public page shows of ``snapshot`` in ``language`` (texts
    falling back to Danish), or None without a snapshot or with figures this
    code cannot read."""
    if snapshot is None:
        return None
    figures = snapshot.figures
    if not isinstance(figures, dict) or figures.get("version") != VERSION:
        return None
    k = int(figures.get("k", snapshot.k))
    try:
        goals = [
            PublishedGoal(
                code=str(goal.get("code", "")),
                title=_in(goal.get("title"), language),
                indicators=[
                    _published_indicator(item, language=language, k=k)
                    for item in goal.get("indicators", [])
                ],
            )
            for goal in figures.get("goals", [])
        ]
    except (AttributeError, KeyError, TypeError, ValueError):
        return None
    try:
        voices = [
            PublishedVoices(
                name=_in(item.get("name"), language),
                closes_on=datetime.date.fromisoformat(item["closes_on"]),
                themes=[
                    (_in(theme.get("name"), language), theme.get("count"))
                    for theme in item.get("themes", [])
                ],
                quotes=[
                    {
                        "text": str(quote.get("text", "")),
                        "language": str(quote.get("language", "")),
                        "translation": str(quote.get("translation", "")),
                    }
                    for quote in item.get("quotes", [])
                ],
            )
            for item in figures.get("voices", [])
        ]
    except (AttributeError, KeyError, TypeError, ValueError):
        voices = []
    return PublishedResults(
        taken_on=snapshot.taken_on,
        voices=voices,
        k=k,
        synthetic=bool(figures.get("synthetic"))
        or any(i.synthetic for g in goals for i in g.indicators),
        goals=goals,
    )
