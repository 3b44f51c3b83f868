"""A table read from any format, mapped onto what the project stores:
``statistics_frame`` (official statistics, as a ``StatisticsMapping``
says) and ``population_frame`` (FOLK1E)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from participation.council import folk1e
from participation.council.statbank.errors import _Problems
from participation.council.statbank.limits import MAX_PROBLEMS
from participation.council.statbank.table import Dimension, StatbankTable

# --- onto official statistics ------------------------------------------------------

# The group codes of the project's statistics files for DST's HERKOMST
# categories (as folk1e.label_code reads them); any other category keeps its
# code. A total ("I alt") is everyone.
GROUP_CODES = {
    ("danish", "unknown"): "danish_origin",
    ("immigrant", "unknown"): "immigrants",
    ("descendant", "unknown"): "descendants",
    ("immigrant", "western"): "immigrants_western",
    ("immigrant", "non_western"): "immigrants_non_western",
    ("descendant", "western"): "descendants_western",
    ("descendant", "non_western"): "descendants_non_western",
}
ALL_GROUP = "all"
_TIME_NAMES = ("tid", "time", "år", "aar", "year")
_GROUP_NAMES = ("herkomst", "ancestry")
_METRIC_NAMES = ("contentscode", "indhold", "content", "contents")
_YEAR = re.compile(r"(\d{4})(?:\s*[KQMH]\d{1,2})?", re.IGNORECASE)
STATISTICS_COLUMNS = [
    "table",
    "indicator",
    "breakdown",
    "year",
    "group",
    "value",
    "status",
    "position",
]


@dataclass(frozen=True)
class StatisticsMapping:
    """Which of a table's dimensions holds what (each named by its id or
    text, any case; "" to detect):

    - ``year_dimension``: the year (default: the time dimension, TID);
    - ``group_dimension``: the origin group (default: HERKOMST); without
      one, every figure is of ``group`` (default "all");
    - ``indicator`` names the indicator, or ``indicator_dimension`` holds
      it, one per category code (default: the contents dimension,
      ContentsCode, else the file's table id, else ``table``);
    - ``breakdown_dimension``: the breakdown, by category label (default:
      the one dimension left with several categories, or none);
    - ``table``: the table's name (default: the file's table id)."""

    table: str = ""
    indicator: str = ""
    indicator_dimension: str = ""
    year_dimension: str = ""
    group_dimension: str = ""
    group: str = ALL_GROUP
    breakdown_dimension: str = ""

    @property
    def chosen(self) -> bool:
        """Whether anything differs from the defaults."""
        return self != StatisticsMapping()


def _year(text: str) -> int | None:
    match = _YEAR.fullmatch(text.strip())
    return int(match.group(1)) if match else None


def _group_code(label: str, code: str) -> str:
    """The group a HERKOMST category stands for (see GROUP_CODES)."""
    meaning = folk1e.label_code("HERKOMST", label)
    if meaning == "total":
        return ALL_GROUP
    if meaning is None:
        meaning = folk1e.label_code("HERKOMST", code)
    if isinstance(meaning, tuple):
        return GROUP_CODES[meaning]
    return code


def _detect(table: StatbankTable, role: str, names: Iterable[str], *, part=False):
    """The dimension with ``role``, else the first named one of ``names``
    (``part``: or with one of them in its name, as IEHERKOMST)."""
    names = tuple(names)
    for dimension in table.dimensions:
        if role and dimension.role == role:
            return dimension
    for dimension in table.dimensions:
        for text in (dimension.id.casefold(), dimension.label.casefold()):
            if text in names or (part and any(name in text for name in names)):
                return dimension
    return None


@dataclass
class _Roles:
    """What a ``StatisticsMapping`` makes of a table's dimensions: the table
    and fixed indicator and group names, and the dimensions found for each
    role (None where there is none)."""

    name: str
    indicator: str
    group: str
    year: Dimension | None
    group_dimension: Dimension | None
    indicator_dimension: Dimension | None
    breakdown: Dimension | None


def _roles(
    table: StatbankTable, mapping: StatisticsMapping, problems: _Problems
) -> _Roles:
    """The dimensions ``mapping`` names, or those detected. Raises
    StatbankError for a dimension not found, a breakdown to choose or a
    dimension left unmapped."""
    listed = ", ".join(d.id for d in table.dimensions) or "—"

    def chosen(name: str) -> Dimension | None:
        found = table.dimension(name)
        if found is None:
            problems.add("no_dimension", value=name, dimensions=listed)
        return found

    if mapping.year_dimension:
        year_dimension = chosen(mapping.year_dimension)
    else:
        year_dimension = _detect(table, "time", _TIME_NAMES)
        if year_dimension is None:
            problems.add("no_year", dimensions=listed)
    if mapping.group_dimension:
        group_dimension = chosen(mapping.group_dimension)
    else:
        group_dimension = _detect(table, "", _GROUP_NAMES, part=True)
    indicator_dimension = None
    indicator = mapping.indicator.strip()
    if not indicator:
        if mapping.indicator_dimension:
            indicator_dimension = chosen(mapping.indicator_dimension)
        else:
            indicator_dimension = _detect(table, "metric", _METRIC_NAMES)
            if indicator_dimension is None:
                indicator = table.table_id or mapping.table.strip()
    name = mapping.table.strip() or table.table_id
    if not name:
        problems.add("no_table_name")
    breakdown_dimension = None
    if mapping.breakdown_dimension:
        breakdown_dimension = chosen(mapping.breakdown_dimension)
    problems.raise_if_any()  # a dimension not found: the rest would be noise
    used = {d.id for d in (year_dimension, group_dimension, indicator_dimension) if d}
    if not mapping.breakdown_dimension:
        left = [d for d in table.dimensions if d.id not in used and len(d) > 1]
        breakdown_dimension = left[0] if len(left) == 1 else None
        if len(left) > 1:
            problems.add("choose_breakdown", dimensions=", ".join(d.id for d in left))
            used |= {d.id for d in left}
    if breakdown_dimension is not None:
        used.add(breakdown_dimension.id)
    for dimension in table.dimensions:
        if dimension.id not in used and len(dimension) > 1:
            problems.add(
                "unmapped", "dimension", dimension=dimension.id, count=len(dimension)
            )
    problems.raise_if_any()
    return _Roles(
        name=name,
        indicator=indicator,
        group=mapping.group.strip() or ALL_GROUP,
        year=year_dimension,
        group_dimension=group_dimension,
        indicator_dimension=indicator_dimension,
        breakdown=breakdown_dimension,
    )


class _Lengths:
    """Adds "too_long" for a value longer than its field's limit."""

    def __init__(self, limits: Mapping[str, int] | None, problems: _Problems):
        self.limits = dict(limits or {})
        self.problems = problems

    def check(self, value: str, field_name: str, where: str = "", **place) -> None:
        limit = self.limits.get(field_name)
        if limit is not None and len(value) > limit:
            self.problems.add(
                "too_long",
                where,
                value=value[:60],
                limit=limit,
                field=field_name,
                **place,
            )

    def categories(
        self, dimension: Dimension, texts: Iterable[str], field_name: str
    ) -> None:
        """Each of ``texts``, one for each of ``dimension``'s categories."""
        for text, label in zip(texts, dimension.labels, strict=True):
            self.check(
                text,
                field_name,
                "category",
                dimension=dimension.id,
                category=label,
            )


def _year_of(
    dimension: Dimension, years: tuple[int, int], problems: _Problems
) -> dict[str, int]:
    """The year of each of the period dimension's labels, one period a year."""
    year_of: dict[str, int] = {}
    first_of: dict[int, str] = {}
    for code, label in zip(dimension.codes, dimension.labels, strict=True):
        place = {"dimension": dimension.id, "category": label}
        year = _year(label) or _year(code)
        if year is None or not years[0] <= year <= years[1]:
            problems.add("not_a_year", "category", **place)
            continue
        if year in first_of:
            problems.add(
                "same_year",
                "dimension",
                dimension=dimension.id,
                value=first_of[year],
                other=label,
                year=year,
            )
            continue
        first_of[year] = label
        year_of[label] = year
    return year_of


def _group_of(
    dimension: Dimension, problems: _Problems, lengths: _Lengths
) -> dict[str, str]:
    """The group code of each of the group dimension's labels, one label a
    group."""
    group_of: dict[str, str] = {}
    label_of: dict[str, str] = {}
    for code, label in zip(dimension.codes, dimension.labels, strict=True):
        group_code = _group_code(label, code)
        if group_code in label_of:
            problems.add(
                "same_group",
                "dimension",
                dimension=dimension.id,
                value=label_of[group_code],
                other=label,
                group=group_code,
            )
            continue
        label_of[group_code] = label
        group_of[label] = group_code
        lengths.check(
            group_code,
            "group",
            "category",
            dimension=dimension.id,
            category=label,
        )
    return group_of


def _statistics_rows(
    table: StatbankTable,
    roles: _Roles,
    year_of: Mapping[str, int],
    group_of: Mapping[str, str],
) -> pd.DataFrame:
    """One row of official statistics per figure of ``table.frame``."""
    frame = table.frame
    out = pd.DataFrame(index=frame.index)
    out["table"] = roles.name
    if roles.indicator_dimension is not None:
        out["indicator"] = frame[roles.indicator_dimension.id].map(
            roles.indicator_dimension.code_of()
        )
    else:
        out["indicator"] = roles.indicator
    out["breakdown"] = frame[roles.breakdown.id] if roles.breakdown else ""
    out["year"] = frame[roles.year.id].map(year_of).astype("int64")
    out["group"] = (
        frame[roles.group_dimension.id].map(group_of)
        if roles.group_dimension
        else roles.group
    )
    out["value"] = frame["value"].astype("float64")
    out["status"] = frame["status"]
    out["position"] = range(1, len(frame) + 1)
    return out


def statistics_frame(
    table: StatbankTable,
    mapping: StatisticsMapping | None = None,
    *,
    max_lengths: Mapping[str, int] | None = None,
    years: tuple[int, int] = (1900, 2100),
    max_value: float = 1e10,
) -> pd.DataFrame:
    """The table as rows of official statistics, one per figure, in the
    table's order: columns ``STATISTICS_COLUMNS`` — table, indicator,
    breakdown ("" without one), group (str), year (int), value (float, NaN
    where missing), status (str) and position (int, the figure's row in
    ``table.frame`` counted from 1). The year comes from the period's label
    ("2022", "2022K1", "2022M03"); the group from GROUP_CODES for HERKOMST
    labels, else the category's code; the indicator from its dimension's
    codes; the breakdown from its dimension's labels. ``max_lengths`` caps
    the fields' lengths (what the database holds), ``years`` the years, and
    ``max_value`` the size of a figure. Raises StatbankError naming the
    dimension, category or figure."""
    problems = _Problems()
    roles = _roles(table, mapping or StatisticsMapping(), problems)

    lengths = _Lengths(max_lengths, problems)
    lengths.check(roles.name, "table")
    if roles.indicator_dimension is None:
        lengths.check(roles.indicator, "indicator")
    if roles.group_dimension is None:
        lengths.check(roles.group, "group")
    year_of: dict[str, int] = {}
    if roles.year is not None:
        year_of = _year_of(roles.year, years, problems)
    group_of: dict[str, str] = {}
    if roles.group_dimension is not None:
        group_of = _group_of(roles.group_dimension, problems, lengths)
    if roles.indicator_dimension is not None:
        dimension = roles.indicator_dimension
        lengths.categories(dimension, dimension.codes, "indicator")
    if roles.breakdown is not None:
        lengths.categories(roles.breakdown, roles.breakdown.labels, "breakdown")
    problems.raise_if_any()

    out = _statistics_rows(table, roles, year_of, group_of)
    frame = table.frame
    too_large = out.index[out["value"].abs() >= max_value]
    for index in too_large[:MAX_PROBLEMS]:
        row = frame.loc[index]
        problems.add(
            "too_large",
            "cell",
            position=int(out.at[index, "position"]),
            cell=", ".join(str(row[d.id]) for d in table.dimensions),
            value=f"{row['value']:g}",
        )
    problems.raise_if_any()
    return out[STATISTICS_COLUMNS].reset_index(drop=True)


# --- onto the population (FOLK1E) -----------------------------------------------------

_POPULATION_DIMENSIONS = ("OMRÅDE", "KØN", "ALDER", "HERKOMST", "TID")
_BAD_LABEL = {
    "KØN": "bad_gender",
    "ALDER": "bad_age",
    "HERKOMST": "bad_origin",
    "TID": "bad_period",
}
_MAX_COUNT = 10**9  # folk1e's nine digits: PopulationCell.count is 32-bit


def population_frame(table: StatbankTable) -> pd.DataFrame:
    """FOLK1E read from any format as folk1e's ``parse_folk1e`` reads its
    CSV: folk1e.COLUMNS, one row per area × quarter × sex × age × origin
    group in the table's order, totals ("I alt") left out. The dimensions are
    found by their Danish or English id or text (område/OMRÅDE/region, ...);
    another dimension may have one category only. Each category is looked
    up once, so a label folk1e does not know is named once with its
    dimension. Raises StatbankError."""
    problems = _Problems()
    found: dict[str, Dimension] = {}
    for dimension in table.dimensions:
        name = folk1e.column_name(dimension.id)
        if name not in _POPULATION_DIMENSIONS:
            name = folk1e.column_name(dimension.label)
        if name in _POPULATION_DIMENSIONS and name not in found:
            found[name] = dimension
        elif len(dimension) > 1:
            problems.add(
                "population_unmapped",
                "dimension",
                dimension=dimension.id,
                count=len(dimension),
            )
    for name in _POPULATION_DIMENSIONS:
        if name not in found:
            problems.add("population_dimension", value=name)
    problems.raise_if_any()

    meaning: dict[str, dict[str, object]] = {}
    for name, bad in _BAD_LABEL.items():
        dimension = found[name]
        meaning[name] = {}
        first: dict[object, str] = {}
        for label in dimension.labels:
            code = folk1e.label_code(name, label)
            meaning[name][label] = code
            if code is None or (name == "TID" and code == "total"):
                problems.add(bad, "category", dimension=dimension.id, category=label)
            elif code != "total":
                if code in first:
                    problems.add(
                        "same_meaning",
                        "dimension",
                        dimension=dimension.id,
                        value=first[code],
                        other=label,
                    )
                first.setdefault(code, label)
    origins = found["HERKOMST"]
    whole: dict[str, str] = {}
    split: dict[str, str] = {}
    for label in origins.labels:
        code = meaning["HERKOMST"][label]
        if isinstance(code, tuple):
            (whole if code[1] == "unknown" else split).setdefault(code[0], label)
    for origin, label in whole.items():
        if origin in split:
            problems.add(
                "split_and_total",
                "dimension",
                dimension=origins.id,
                value=label,
                other=split[origin],
            )
    problems.raise_if_any()

    frame = table.frame
    columns = {name: frame[found[name].id] for name in _POPULATION_DIMENSIONS}
    keep = pd.Series(True, index=frame.index)
    for name in ("KØN", "ALDER", "HERKOMST"):
        totals = [label for label, code in meaning[name].items() if code == "total"]
        keep &= ~columns[name].isin(totals)
    chosen = frame[keep]
    values = chosen["value"]
    bad = values.isna() | (values < 0) | (values >= _MAX_COUNT) | (values % 1 != 0)
    for index in chosen.index[bad.to_numpy()][:MAX_PROBLEMS]:
        row = chosen.loc[index]
        place = {
            "position": int(frame.index.get_loc(index)) + 1,
            "cell": ", ".join(str(row[d.id]) for d in table.dimensions),
        }
        if math.isnan(row["value"]):
            problems.add("missing_count", "cell", value=row["status"], **place)
        else:
            problems.add("bad_count", "cell", value=f"{row['value']:g}", **place)
    problems.total += max(0, int(bad.sum()) - MAX_PROBLEMS)
    if chosen.empty and not problems.items:
        problems.add("population_no_rows")
    problems.raise_if_any()

    def mapped(name: str) -> list:
        return chosen[found[name].id].map(meaning[name]).tolist()

    genders, ages, origin_pairs, periods = (
        mapped(name) for name in ("KØN", "ALDER", "HERKOMST", "TID")
    )
    records = [
        (
            area,
            f"{period[0]}K{period[1]}",
            period[0],
            period[1],
            gender,
            age,
            folk1e.age_band(age),
            origin[0],
            origin[1],
            int(count),
        )
        for area, period, gender, age, origin, count in zip(
            chosen[found["OMRÅDE"].id].tolist(),
            periods,
            genders,
            ages,
            origin_pairs,
            chosen["value"].tolist(),
            strict=True,
        )
    ]
    return folk1e.records_frame(records)
