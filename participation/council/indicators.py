"""Goals and indicators (SPEC §3.3): the yearly measurements of
an indicator, its movement against the baseline, and the import of the
official statistics some indicators follow.

``measurements(indicator)`` returns raw figures with the count behind each
one. It does not suppress anything: whoever shows a figure to a person or
writes it to a file passes it through participation/stats/disclosure.py first
(SPEC §4.2). The database does the counting and summing; Python only turns
a handful of grouped rows into shares.

Statistics files (``manage.py import_statistics``, the staff upload, the
demo) are read by ``parse_statistics_file`` — the project's own long CSV
(``parse_statistics_csv``), or a table as Statistikbanken gives it (PX,
JSON-stat, its CSV; participation/council/statbank/) — and written by
``statistics_import``, so every way in checks the same things.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from django.db import transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Cast, ExtractYear
from django.utils.translation import gettext

from config.csvread import CsvLimits, CsvReadError, csv_line
from participation.associations.models import (
    BOARD_FIELDS,
    MEMBER_FIELDS,
    PUBLIC_BOARD_KINDS,
    AssociationKind,
    CompositionReport,
    Status,
)
from participation.council import statbank
from participation.council.models import (
    ORIGIN_GROUP_CODES,
    AgeBand,
    Indicator,
    IndicatorDirection,
    IndicatorSource,
    IndicatorTarget,
    IndicatorUnit,
    OfficialStatistic,
    ParticipationMeasure,
    PopulationCell,
    PopulationTable,
    answer_codes,
)
from participation.council.statbank import StatisticsMapping
from participation.council.targets import target_rule
from participation.stats import aggregates, charts
from surveys.models import Answer, SurveyResponse

POSITIVE = "positive"
NEGATIVE = "negative"
UNCHANGED = "unchanged"


class Measurement(NamedTuple):
    """One year's figure of an indicator.

    ``value`` is in the indicator's unit (a percentage is 0-100). ``n`` is
    the count behind it — respondents who answered 1-5, board seats or
    members of known origin — and ``count`` the part of ``n`` the share is
    of (respondents agreeing, seats or members held by the group): the
    disclosure choke point suppresses on them. Both are None for official
    statistics, which are published figures, not our respondents."""

    year: int
    value: float
    n: int | None = None
    count: int | None = None


@dataclass(frozen=True)
class Movement:
    """An indicator's latest figure against its baseline.

    ``status`` is "positive", "negative" or "unchanged", or None while there
    is no baseline or no figure after the baseline year. ``rule`` says in
    words how the status was decided (shown beside it, as on
    Integrationsbarometer.dk). ``baseline_n`` and ``latest_n`` are the counts
    behind the two figures (None for official statistics and for a baseline
    that staff typed in)."""

    status: str | None
    baseline_year: int
    baseline: float | None
    baseline_n: int | None
    latest_year: int | None
    latest: float | None
    latest_n: int | None
    change: float | None
    rule: str
    # Against the targets (issue 17): "reached", "on_track", "behind",
    # "no_target", or None without a figure to judge; the last target and
    # its year, the target path in the latest figure's year, and the rule
    # in one sentence.
    target_status: str | None = aggregates.NO_TARGET
    target_year: int | None = None
    target: float | None = None
    target_path: float | None = None
    target_rule: str = ""


# --- measurements -------------------------------------------------------------


def measurements(indicator: Indicator, *, wave=None, year=None) -> list[Measurement]:
    """The indicator's figure for every year that has one, oldest first.

    Survey: per wave (the year is the year the wave closes), the percentage
    of the group's respondents answering 4 or 5 among those answering 1-5 on
    the question. Participation: per report year, across the approved
    associations or boards of the indicator's kind (all associations, public
    boards not included, when no kind is set), the group's percentage of the
    board seats or members whose origin is known, or that board share
    divided by the group's share of the adult population. Statistics: the
    imported rows with the indicator's table, indicator, breakdown and
    group. Raw numbers: suppress before showing them.

    ``wave`` (survey) or ``year`` (participation) keeps the figure of one
    release's population only (participation/council/releases)."""
    if indicator.source == IndicatorSource.SURVEY:
        return _survey_measurements(indicator, wave=wave)
    if indicator.source == IndicatorSource.COMPOSITE:
        return _composite_measurements(indicator, wave=wave)
    if indicator.source == IndicatorSource.PARTICIPATION:
        return _participation_measurements(indicator, year=year)
    if indicator.source == IndicatorSource.STATISTICS:
        return _statistics_measurements(indicator)
    return []


def _percent(count: int, n: int) -> float:
    return 100.0 * count / n


def survey_answers(indicator: Indicator) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The answer codes a survey indicator counts, and the other answers
    that say something (its share is of both together)."""
    counted = indicator.counted_answers()
    others = tuple(c for c in answer_codes(indicator.question) if c not in counted)
    return counted, others


def _survey_measurements(indicator: Indicator, *, wave=None) -> list[Measurement]:
    counted, others = survey_answers(indicator)
    answers = Answer.objects.filter(
        question_id=indicator.question_id, choice__in=counted + others
    )
    if wave is not None:
        answers = answers.filter(response__wave=wave)
    origins = ORIGIN_GROUP_CODES.get(indicator.group)
    if origins:
        answers = answers.filter(response__origin__in=origins)
    rows = (
        answers.values(year=ExtractYear("response__wave__closes_on"))
        .annotate(n=Count("id"), count=Count("id", filter=Q(choice__in=counted)))
        .order_by("year")
    )
    return _shares(rows)


def _shares(rows) -> list[Measurement]:
    """Rows of year, n and count (the database's) as measurements."""
    return [
        Measurement(
            row["year"], _percent(row["count"], row["n"]), row["n"], row["count"]
        )
        for row in rows
        if row["n"]
    ]


def _composite_measurements(indicator: Indicator, *, wave=None) -> list[Measurement]:
    """Per wave, the group's respondents whose mean answer (1-5) over the
    index's questions they answered is 4 or more, among those who answered
    at least one of them. The database sums each respondent's answers and
    counts the respondents."""
    questions = list(indicator.components.values_list("pk", flat=True))
    mine = Answer.objects.filter(
        response=OuterRef("pk"),
        question_id__in=questions,
        choice__in=aggregates.SCALE_CODES,
    ).values("response")
    answered = mine.annotate(c=Count("id")).values("c")
    total = mine.annotate(s=Sum(Cast("choice", output_field=IntegerField()))).values(
        "s"
    )
    responses = SurveyResponse.objects.annotate(
        answered=Subquery(answered), total=Subquery(total)
    ).filter(answered__gt=0)
    if wave is not None:
        responses = responses.filter(wave=wave)
    origins = ORIGIN_GROUP_CODES.get(indicator.group)
    if origins:
        responses = responses.filter(origin__in=origins)
    rows = (
        responses.values(year=ExtractYear("wave__closes_on"))
        .annotate(
            n=Count("id"),
            count=Count("id", filter=Q(total__gte=4 * F("answered"))),
        )
        .order_by("year")
    )
    return _shares(rows)


def _added(fields: Iterable[str]):
    """The fields added up in the database, row by row."""
    fields = list(fields)
    total = F(fields[0])
    for name in fields[1:]:
        total = total + F(name)
    return total


def counted_kinds(kinds: Iterable[str] | None) -> list[str]:
    """The kinds of association a participation figure counts: ``kinds``,
    or (None) every kind that is not a public board."""
    if kinds is not None:
        return list(kinds)
    return [str(k) for k in AssociationKind.values if k not in PUBLIC_BOARD_KINDS]


def participation_measure(indicator: Indicator) -> str:
    """What a participation indicator counts: "members" or "board_members"
    (the participation tables' measures)."""
    if indicator.measure == ParticipationMeasure.MEMBERS_SHARE:
        return "members"
    return "board_members"


def indicator_kinds(indicator: Indicator) -> list[str]:
    """The kinds a participation indicator counts: its own, or every kind
    that is not a public board."""
    own = indicator.association_kind
    return counted_kinds([own] if own else None)


def _participation_rows(indicator: Indicator, *, year=None) -> list[dict]:
    """Per year: ``count`` (the group's seats or members), ``n`` (those of
    known origin) across the associations or boards of the indicator's kind."""
    reports = CompositionReport.objects.filter(
        association__status=Status.APPROVED,
        association__kind__in=indicator_kinds(indicator),
    )
    if year is not None:
        reports = reports.filter(year=year)
    fields = (
        MEMBER_FIELDS if participation_measure(indicator) == "members" else BOARD_FIELDS
    )
    origins = ORIGIN_GROUP_CODES[indicator.group]
    # Field names are <members|board>_<origin>_<age|gender>.
    group_fields = [f for f in fields if f.split("_")[1] in origins]
    known_fields = [f for f in fields if f.split("_")[1] != "unknown"]
    return list(
        reports.values("year")
        .annotate(count=Sum(_added(group_fields)), n=Sum(_added(known_fields)))
        .order_by("year")
    )


def _participation_measurements(
    indicator: Indicator, *, year=None
) -> list[Measurement]:
    rows = [row for row in _participation_rows(indicator, year=year) if row["n"]]
    if indicator.measure != ParticipationMeasure.REPRESENTATION_RATIO:
        return [
            Measurement(
                row["year"], _percent(row["count"], row["n"]), row["n"], row["count"]
            )
            for row in rows
        ]
    out = []
    for row in rows:
        population = population_share(indicator.group, year=row["year"])
        if population:
            share = row["count"] / row["n"]
            out.append(
                Measurement(row["year"], share / population, row["n"], row["count"])
            )
    return out


def population_table_for(year: int) -> PopulationTable | None:
    """The population table to compare a year with: the latest one of that
    year or before (a real table before a synthetic one of the same year),
    else the earliest one after it; None without any table."""
    tables = PopulationTable.objects.filter(cells__isnull=False).distinct()
    return (
        tables.filter(year__lte=year).order_by("-year", "synthetic", "-period").first()
        or tables.order_by("year", "synthetic", "period").first()
    )


def population_share(group: str, *, year: int) -> float | None:
    """The group's share (0-1) of the adult population (18 and over, the age
    of board members) in the table for ``year``; None without a table."""
    table = population_table_for(year)
    if table is None:
        return None
    origins = ORIGIN_GROUP_CODES.get(group)
    totals = (
        PopulationCell.objects.filter(table=table)
        .exclude(age_band=AgeBand.UNDER_18)
        .aggregate(
            total=Sum("count"),
            group=Sum("count", filter=Q(origin__in=origins) if origins else Q()),
        )
    )
    if not totals["total"]:
        return None
    return (totals["group"] or 0) / totals["total"]


def _statistics_measurements(indicator: Indicator) -> list[Measurement]:
    rows = OfficialStatistic.objects.filter(
        table=indicator.statistic_table,
        indicator=indicator.statistic_indicator,
        breakdown=indicator.statistic_breakdown,
        group=indicator.statistic_group,
    ).order_by("year")
    return [
        Measurement(year, float(value))
        for year, value in rows.values_list("year", "value")
    ]


# --- movement -----------------------------------------------------------------


def _movement(
    direction: str,
    baseline: float | Decimal,
    latest: float | Decimal,
    *,
    threshold: float | Decimal,
) -> str:
    """Positive, negative or unchanged: how ``latest`` compares with
    ``baseline`` for an indicator that should ``direction`` ("rise" or
    "fall"), by the one rule in participation/stats/aggregates.py's ``movement``
    (a change of more than ``threshold``, in the indicator's unit, in the
    wanted direction is positive; as much the other way negative; the
    threshold or less unchanged). Only "rise" and "fall" are accepted here,
    the indicator's own codes."""
    if direction not in (IndicatorDirection.RISE, IndicatorDirection.FALL):
        raise ValueError(f"direction must be 'rise' or 'fall', not {direction!r}")
    return aggregates.movement(
        direction, float(baseline), float(latest), threshold=float(threshold)
    )


def _number(value: float | Decimal) -> str:
    return f"{float(value):g}"


def movement_rule(indicator: Indicator) -> str:
    """The rule behind an indicator's movement, in words (active language)."""
    threshold = _number(indicator.threshold)
    if indicator.unit == IndicatorUnit.PERCENT:
        amount = gettext("%(threshold)s percentage points") % {"threshold": threshold}
    else:
        amount = threshold
    params = {"amount": amount, "year": indicator.baseline_year}
    if indicator.direction == IndicatorDirection.FALL:
        text = gettext(
            "The figure should fall. Positive if it has fallen by more than "
            "%(amount)s since the baseline in %(year)s, negative if it has risen "
            "by more than that, otherwise unchanged."
        )
    else:
        text = gettext(
            "The figure should rise. Positive if it has risen by more than "
            "%(amount)s since the baseline in %(year)s, negative if it has fallen "
            "by more than that, otherwise unchanged."
        )
    return text % params


def movement(
    indicator: Indicator,
    *,
    measured: list[Measurement] | None = None,
    targets: dict[int, float] | None = None,
) -> Movement:
    """The indicator's latest figure after its baseline year against its
    baseline, by ``_movement``, and against its targets (the indicator's own
    unless ``targets`` is given), by aggregates.target_status on the figures
    rounded as shown. The baseline is the value staff entered or, if none,
    the measurement of the baseline year. Pass ``measured`` when the
    measurements are at hand already. Raw numbers, like measurements()."""
    if measured is None:
        measured = measurements(indicator)
    if targets is None:
        targets = {
            int(year): float(value)
            for year, value in indicator.targets.values_list("year", "value")
        }
    baseline: float | None = None
    baseline_n: int | None = None
    if indicator.baseline_value is not None:
        baseline = float(indicator.baseline_value)
    else:
        for point in measured:
            if point.year == indicator.baseline_year:
                baseline, baseline_n = point.value, point.n
    later = [point for point in measured if point.year > indicator.baseline_year]
    latest = later[-1] if later else None
    status = change = None
    if baseline is not None and latest is not None:
        status = _movement(
            indicator.direction, baseline, latest.value, threshold=indicator.threshold
        )
        change = latest.value - baseline
    unit = indicator.unit
    shown_targets = {
        year: charts.rounded(value, unit) for year, value in targets.items()
    }
    last_year = max(shown_targets) if shown_targets else None
    path = (
        aggregates.target_path(
            latest.year,
            shown_targets,
            baseline_year=indicator.baseline_year,
            baseline=charts.rounded(baseline, unit),
        )
        if latest is not None and shown_targets
        else None
    )
    return Movement(
        status=status,
        baseline_year=indicator.baseline_year,
        baseline=baseline,
        baseline_n=baseline_n,
        latest_year=latest.year if latest else None,
        latest=latest.value if latest else None,
        latest_n=latest.n if latest else None,
        change=change,
        rule=movement_rule(indicator),
        target_status=aggregates.target_status(
            indicator.direction,
            latest_year=latest.year if latest else None,
            latest=charts.rounded(latest.value, unit) if latest else None,
            targets=shown_targets,
            baseline_year=indicator.baseline_year,
            baseline=charts.rounded(baseline, unit),
        ),
        target_year=last_year,
        target=shown_targets[last_year] if last_year is not None else None,
        target_path=charts.rounded(path, unit),
        target_rule=target_rule(indicator, shown_targets),
    )


# --- official statistics: reading and importing --------------------------------

STATISTICS_COLUMNS = ("table", "indicator", "breakdown", "year", "group")
VALUE_COLUMNS = ("value_pct", "value")
MAX_LENGTHS = {"table": 40, "indicator": 100, "breakdown": 200, "group": 40}
YEARS = (1900, 2100)
# No field the importer knows is longer than 200 characters; past this a
# cell is refused before it is looked at, and so is a row wider than this.
CSV_LIMITS = CsvLimits(cell_chars=1_000, columns=100)


class StatisticRow(NamedTuple):
    line: int
    table: str
    indicator: str
    breakdown: str
    year: int
    group: str
    value: Decimal

    @property
    def key(self) -> tuple:
        return (self.table, self.indicator, self.breakdown, self.year, self.group)


@dataclass
class StatisticsFile:
    """What ``parse_statistics_file`` read: the rows, the source named in a
    "# Source:" comment line or by the table (or ""), every problem found,
    each saying where (line and column, or dimension, category and figure),
    and how many figures a Statistikbanken table marks as missing ("..")
    and so are ``skipped``. Nothing may be imported while there are
    problems."""

    rows: list[StatisticRow]
    source: str
    problems: list[str]
    skipped: int = 0


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _where(line: int, column: str | int | None) -> str:
    params = {"line": line, "column": column}
    if column:
        return gettext("Line %(line)s, column %(column)s") % params
    return gettext("Line %(line)s") % params


def _problem(line: int, column: str | None, message: str, **params) -> str:
    params = {"line": line, "column": column, **params}
    return f"{_where(line, column)}: {message % params}"


def _unreadable(error: CsvReadError, names: list[str]) -> str:
    """A line config/csvread.py cannot read, as ``_problem`` words it."""
    column: str | int | None = error.column
    if error.column is not None and error.column <= len(names):
        column = names[error.column - 1] or error.column
    return f"{_where(error.row, column)}: {error.message}"


def parse_statistics_csv(data: bytes) -> StatisticsFile:
    """Read official statistics in long format: comment lines start with
    "#"; a header names the columns table, indicator, breakdown (may be
    empty), year, group and value_pct (a percentage, 0-100) or value; one
    figure per line. Commas, or semicolons with decimal commas (a Danish
    spreadsheet). Line numbers count every line of the file."""
    text = _decode(data)
    source = ""
    numbered: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\x00" in line:  # binary data (or UTF-16): nothing more to say
            nul = CsvReadError("nul", row=number)
            return StatisticsFile([], source, [_unreadable(nul, [])])
        stripped = line.strip()
        if stripped.startswith("#"):
            comment = stripped.lstrip("#").strip()
            if comment.casefold().startswith("source:") and not source:
                source = comment.split(":", 1)[1].strip()
            continue
        if stripped:
            numbered.append((number, line))
    if not numbered:
        return StatisticsFile([], source, [gettext("The file has no header line.")])
    header_line, header = numbered[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        names = [
            name.strip().casefold()
            for name in csv_line(
                header, number=header_line, limits=CSV_LIMITS, delimiter=delimiter
            )
        ]
    except CsvReadError as error:
        return StatisticsFile([], source, [_unreadable(error, [])])
    problems: list[str] = []
    for name in (*STATISTICS_COLUMNS, "value_pct"):
        if name == "value_pct" and any(v in names for v in VALUE_COLUMNS):
            continue
        if name == "breakdown" and name not in names:
            continue
        if name not in names:
            problems.append(
                _problem(header_line, name, gettext("the header has no such column."))
            )
    known = {*STATISTICS_COLUMNS, *VALUE_COLUMNS}
    for name in names:
        if name not in known:
            problems.append(
                _problem(
                    header_line,
                    name or "?",
                    gettext("this column is not one the importer knows."),
                )
            )
    duplicated = {name for name in names if names.count(name) > 1}
    for name in sorted(duplicated):
        problems.append(
            _problem(header_line, name, gettext("the column is named twice."))
        )
    if problems:
        return StatisticsFile([], source, problems)
    value_column = "value_pct" if "value_pct" in names else "value"
    rows: list[StatisticRow] = []
    seen: dict[tuple, int] = {}
    for number, line in numbered[1:]:
        try:
            fields = csv_line(
                line, number=number, limits=CSV_LIMITS, delimiter=delimiter
            )
        except CsvReadError as error:
            problems.append(_unreadable(error, names))
            continue
        if len(fields) != len(names):
            problems.append(
                _problem(
                    number,
                    None,
                    gettext("expected %(expected)s fields, found %(found)s."),
                    expected=len(names),
                    found=len(fields),
                )
            )
            continue
        raw = {name: field.strip() for name, field in zip(names, fields, strict=True)}
        row, row_problems = _statistic_row(number, raw, value_column, delimiter)
        problems.extend(row_problems)
        if row is None:
            continue
        if row.key in seen:
            problems.append(
                _problem(
                    number,
                    None,
                    gettext(
                        "the same table, indicator, breakdown, year and group "
                        "is already on line %(first)s."
                    ),
                    first=seen[row.key],
                )
            )
            continue
        seen[row.key] = number
        rows.append(row)
    if not rows and not problems:
        problems.append(gettext("The file has no figures."))
    return StatisticsFile(rows, source, problems)


def _statistic_row(
    number: int, raw: dict[str, str], value_column: str, delimiter: str
) -> tuple[StatisticRow | None, list[str]]:
    problems = []
    for column in ("table", "indicator", "group"):
        if not raw[column]:
            problems.append(_problem(number, column, gettext("the field is empty.")))
    for column, limit in MAX_LENGTHS.items():
        if len(raw.get(column, "")) > limit:
            problems.append(
                _problem(
                    number,
                    column,
                    gettext("longer than %(limit)s characters."),
                    limit=limit,
                )
            )
    year = None
    try:
        year = int(raw["year"])
    except ValueError:
        problems.append(
            _problem(
                number, "year", gettext("“%(value)s” is not a year."), value=raw["year"]
            )
        )
    else:
        if not YEARS[0] <= year <= YEARS[1]:
            problems.append(
                _problem(
                    number,
                    "year",
                    gettext("“%(value)s” is not a year."),
                    value=raw["year"],
                )
            )
    text = raw[value_column].replace("\u00a0", "").replace(" ", "")
    if delimiter == ";":
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) >= Decimal(10) ** 10:
        problems.append(
            _problem(
                number,
                value_column,
                gettext("“%(value)s” is not a number."),
                value=raw[value_column],
            )
        )
        value = None
    elif value_column == "value_pct" and not 0 <= value <= 100:
        problems.append(
            _problem(
                number,
                value_column,
                gettext("%(value)s is not a percentage between 0 and 100."),
                value=raw[value_column],
            )
        )
        value = None
    else:
        value = _stored(value)
    if problems or year is None or value is None:
        return None, problems
    row = StatisticRow(
        line=number,
        table=raw["table"],
        indicator=raw["indicator"],
        breakdown=raw.get("breakdown", ""),
        year=year,
        group=raw["group"],
        value=value,
    )
    return row, []


def _stored(value: Decimal) -> Decimal:
    """The value as OfficialStatistic.value keeps it: four decimals at most."""
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        return value.quantize(Decimal("0.0001"))
    return value


def parse_statistics_file(
    data: bytes, *, mapping: StatisticsMapping | None = None
) -> StatisticsFile:
    """Read official statistics in whichever layout the file has, told by
    its content: the project's own long CSV (``parse_statistics_csv``), or
    a table from Statistikbanken — PX, JSON-stat, or its CSV whose last
    column is INDHOLD — whose dimensions ``mapping`` names (by default TID
    is the year and HERKOMST the group; see statbank.StatisticsMapping).
    A Statistikbanken figure marked missing ("..") is skipped and counted;
    the table's source is the file's SOURCE or "source". Problems are in
    the active language."""
    mapping = mapping or StatisticsMapping()
    if statbank.detect_format(data) == "csv" and not statbank.is_statbank_csv(data):
        parsed = parse_statistics_csv(data)
        if mapping.chosen:
            parsed.problems.insert(
                0,
                gettext(
                    "The table, indicator and dimension options are for tables "
                    "from Statistikbanken; this file is in the project's own "
                    "CSV layout, which names them in its columns. Leave the "
                    "options empty."
                ),
            )
        return parsed
    try:
        table = statbank.read_statbank(data)
        frame = statbank.statistics_frame(
            table, mapping, max_lengths=MAX_LENGTHS, years=YEARS
        )
    except statbank.StatbankError as error:
        return StatisticsFile([], "", error.render(gettext))
    rows: list[StatisticRow] = []
    skipped = 0
    for record in frame.itertuples(index=False):
        if math.isnan(record.value):
            skipped += 1
            continue
        rows.append(
            StatisticRow(
                line=record.position,
                table=record.table,
                indicator=record.indicator,
                breakdown=record.breakdown,
                year=int(record.year),
                group=record.group,
                value=_stored(Decimal(repr(float(record.value)))),
            )
        )
    problems = []
    if not rows:
        problems.append(
            gettext(
                "The table has no figures to import: every one is missing "
                "(such as “..”)."
            )
        )
    return StatisticsFile(rows, table.source, problems, skipped=skipped)


def statistics_import(*, rows: list[StatisticRow], source: str) -> dict[str, int]:
    """Store the rows (a row with the same table, indicator, breakdown, year
    and group is replaced), then copy yearly targets to every indicator
    that takes them from one of the imported tables. All or nothing.
    Returns how many rows were created and updated and how many targets
    were written."""
    created = updated = 0
    with transaction.atomic():
        for row in rows:
            _statistic, was_created = OfficialStatistic.objects.update_or_create(
                table=row.table,
                indicator=row.indicator,
                breakdown=row.breakdown,
                year=row.year,
                group=row.group,
                defaults={"value": row.value, "source": source},
            )
            created += was_created
            updated += not was_created
        tables = {row.table for row in rows}
        targets = sum(
            indicator_targets_sync(indicator=indicator)
            for indicator in Indicator.objects.filter(
                source=IndicatorSource.STATISTICS, statistic_table__in=tables
            ).exclude(statistic_target_indicator="")
        )
    return {"created": created, "updated": updated, "targets": targets}


def indicator_targets_sync(*, indicator: Indicator) -> int:
    """Copy the yearly targets (måltal) an indicator takes from imported
    statistics: the rows of its table and group whose indicator is its
    ``statistic_target_indicator``, any breakdown (the first by name where a
    year has several). A target of another year is left alone. Returns how
    many targets were written."""
    if not indicator.statistic_target_indicator:
        return 0
    rows = OfficialStatistic.objects.filter(
        table=indicator.statistic_table,
        indicator=indicator.statistic_target_indicator,
        group=indicator.statistic_group,
    ).order_by("year", "breakdown")
    written = 0
    done: set[int] = set()
    for year, value in rows.values_list("year", "value"):
        if year in done:
            continue
        done.add(year)
        IndicatorTarget.objects.update_or_create(
            indicator=indicator, year=year, defaults={"value": value}
        )
        written += 1
    return written
