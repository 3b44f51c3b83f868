"""Every number a release publishes or hides, as a sum of inner cells
(participation.stats.joint_audit), so that all of a release's tables are
audited as the one system an attacker holding all of them would solve.

Inner cells, per population:

- A wave, per question: for the nested pair origin / country group, one cell
  per (origin, country group, answer) that the two tables allow (Danish and
  unknown origin have country group "unknown" only); for every other
  breakdown (age band, gender, neighbourhood, language, channel) one cell
  per (group, answer). A table row is the sum of its cells: the origin row
  "immigrant" is (immigrant, western) + (immigrant, non-western) +
  (immigrant, unknown); the country-group row "unknown" is (danish,
  unknown) + (immigrant, unknown) + (descendant, unknown) + (unknown,
  unknown). Breakdowns other than the nested pair share only the answer
  totals (each answer has one group in each breakdown); no table crosses two
  of them, so the cube behind them adds nothing an attacker could use beyond
  the equations "answer a counted by origin = answer a counted by age band"
  (a transportation problem with equal totals always has an integer
  solution). An indicator row of the wave is the sum of the origin cells of
  its group and of the agreeing (or the other 1-5) answers.
- A wave's open answers: per theme and origin, one cell per set of the
  questions a respondent gave the theme in (the table of all questions
  counts a respondent once, a question's table counts those whose set holds
  it).
- A year of reports: one cell per (measure, kind, origin); a pooled row is
  the sum of its kinds, a representation or indicator row the sum over its
  kinds and origin groups.

Weighted and unweighted survey tables have the same counts: they are the
same numbers (one row of the system), so a cell hidden in one and shown in
the other is found at once.

What the attacker knows of a hidden number, from what the tables show and
how disclosure control works (zeros are never hidden as complements; a
table shows a row only for a group that is there): a hidden total is at
least 1; a hidden cell is at least 1 when its row shows a count above 0 (a
group whose members all gave one answer hides that answer's cell and may
hide its zeros, so a row showing only zeros could be one) and the table is
not wholly hidden (fewer than k in all); a hidden column total of a wholly
hidden table may be 0.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Hashable, Iterable

import pandas as pd

from participation.council import catalogue
from participation.council.indicators import (
    counted_kinds,
    indicator_kinds,
    participation_measure,
    survey_answers,
)
from participation.council.models import ORIGIN_GROUP_CODES, Indicator, IndicatorSource
from participation.stats.disclosure import TOTAL
from participation.stats.joint_audit import Equation, Number
from surveys.origin import MULTICULTURAL, ORIGINS, CountryGroup

NESTED = ("origin", "country_group")
#: The country groups an origin can have (surveys.origin.derive_country_group).
COUNTRY_GROUPS_OF = {
    "immigrant": (
        CountryGroup.WESTERN.value,
        CountryGroup.NON_WESTERN.value,
        CountryGroup.UNKNOWN.value,
    ),
    "descendant": (
        CountryGroup.WESTERN.value,
        CountryGroup.NON_WESTERN.value,
        CountryGroup.UNKNOWN.value,
    ),
}

Cells = Callable[[Hashable, Hashable], frozenset]


def table_numbers(scope: str, table: catalogue.Table, cells: Cells) -> list[Number]:
    """The numbers of ``table`` (its cells, row and column totals and grand
    total, as its records show them) with ``cells(row, column)`` the inner
    cells of one of its cells. What the attacker knows of a hidden number is
    read from what the table shows, as the attacker reads it (see the module
    docstring), so an audit of the frozen table sets up the same system."""
    disclosed = table.disclosed
    rows = list(disclosed.counts.index)
    columns = list(disclosed.counts.columns)
    if not columns:
        return []  # official statistics: no counts of ours
    counts = disclosed.counts
    row_totals = disclosed.row_totals
    whole = disclosed.total is None and bool(counts.isna().to_numpy().all())
    whole = whole and bool(row_totals.isna().all())
    if table.show_total:
        whole = whole and bool(disclosed.column_totals.isna().all())
    # A row showing a count above 0 is not a group whose members all gave
    # one answer (that answer's cell would be hidden), so each of its hidden
    # cells is a small count or a complement: at least 1.
    not_uniform = {r: bool((counts.loc[r].fillna(0) > 0).any()) for r in rows}
    grid = {(r, c): cells(r, c) for r in rows for c in columns}
    truth = _full_truth(table)
    out = []

    def add(row, column, members: list, value, at_least: int) -> None:
        support = frozenset().union(*members) if members else frozenset()
        hidden = value is None or pd.isna(value)
        true = truth.get((row, column)) if truth is not None else None
        if hidden:
            value = at_least if true is None else true
        out.append(
            Number(
                key=(scope, table.key, row, column),
                cells=support,
                value=int(value),
                hidden=bool(hidden),
                at_least=at_least if hidden else 0,
                known=not hidden or true is not None,
            )
        )

    for r in rows:
        for c in columns:
            add(r, c, [grid[r, c]], counts.loc[r, c], int(not whole and not_uniform[r]))
        add(r, TOTAL, [grid[r, c] for c in columns], row_totals.loc[r], 1)
    if table.show_total:
        for c in columns:
            add(
                TOTAL,
                c,
                [grid[r, c] for r in rows],
                disclosed.column_totals.loc[c],
                int(not whole),
            )
        add(TOTAL, TOTAL, list(grid.values()), disclosed.total, 1)
    return out


def _full_truth(table: catalogue.Table) -> dict | None:
    """The table's true counts and totals by (row, column), while a release
    is made (``Table.truth``); None for a table read from a release."""
    counts = table.truth
    if counts is None:
        return None
    out = {}
    for r in counts.index:
        for c in counts.columns:
            out[r, c] = int(counts.loc[r, c])
        out[r, TOTAL] = int(counts.loc[r].sum())
    for c in counts.columns:
        out[TOTAL, c] = int(counts[c].sum())
    out[TOTAL, TOTAL] = int(counts.to_numpy().sum())
    return out


def consistent(numbers: list[Number]) -> list[Number]:
    """The numbers with every hidden copy of a sum valued like a copy whose
    value is known (published, or its true count while a release is made),
    or else like the largest lower bound of its copies, marked not known:
    a frozen table keeps no hidden count, and the audit needs only its
    copies to agree."""
    groups: dict[frozenset, list[int]] = {}
    for i, number in enumerate(numbers):
        groups.setdefault(number.cells, []).append(i)
    out = list(numbers)
    for copies in groups.values():
        known = [numbers[i].value for i in copies if numbers[i].known]
        value = known[0] if known else max(numbers[i].at_least for i in copies)
        for i in copies:
            if numbers[i].hidden and numbers[i].value != value:
                out[i] = dataclasses.replace(numbers[i], value=value, known=bool(known))
    return out


# --- a wave ------------------------------------------------------------------


def _nested_combos(origins: Iterable[str], groups: Iterable[str]) -> list[tuple]:
    groups = set(groups)
    return [
        (o, g)
        for o in origins
        for g in COUNTRY_GROUPS_OF.get(o, (CountryGroup.UNKNOWN.value,))
        if g in groups
    ]


class WaveLinks:
    """The inner cells of one wave's tables (see the module docstring)."""

    def __init__(self, wave_id: int):
        self.wave_id = wave_id
        self.tables: dict[str, catalogue.Table] = {}

    def survey_parts(self, key: str) -> tuple[str, str] | None:
        parts = key.split(":")
        return (parts[1], parts[3]) if parts[0] == "survey" else None

    def combos(self, question: str) -> list[tuple]:
        by = {}
        for breakdown in NESTED:
            table = self.tables.get(
                catalogue.survey_key(question, self.wave_id, breakdown, weighted=False)
            )
            by[breakdown] = (
                [code for code, _label in table.rows] if table is not None else None
            )
        origins = by["origin"] or list(ORIGINS)
        groups = by["country_group"] or [g.value for g in CountryGroup]
        return _nested_combos(origins, groups)

    def survey_cells(self, question: str, breakdown: str) -> Cells:
        if breakdown in NESTED:
            combos = self.combos(question)
            position = NESTED.index(breakdown)

            def nested(row, column):
                return frozenset(
                    ("s", question, "ocg", combo, column)
                    for combo in combos
                    if combo[position] == row
                )

            return nested
        return lambda row, column: frozenset({("s", question, breakdown, row, column)})

    def equations(self) -> list[Equation]:
        """Each answer counted once in every breakdown of its question."""
        out = []
        questions = sorted(
            {q for q, _b in filter(None, map(self.survey_parts, self.tables))}
        )
        for question in questions:
            blocks = {}
            for breakdown in catalogue.BREAKDOWNS:
                table = self.tables.get(
                    catalogue.survey_key(
                        question, self.wave_id, breakdown, weighted=False
                    )
                )
                if table is None or breakdown == "country_group":
                    continue
                cells = self.survey_cells(question, breakdown)
                blocks[breakdown] = (table, cells)
            if "origin" not in blocks:
                continue
            origin_table, origin_cells = blocks.pop("origin")
            answers = [code for code, _label in origin_table.columns]
            for _breakdown, (table, cells) in sorted(blocks.items()):
                for answer in answers:
                    terms: dict = {}
                    for row, _label in origin_table.rows:
                        for cell in origin_cells(row, answer):
                            terms[cell] = terms.get(cell, 0) + 1
                    for row, _label in table.rows:
                        for cell in cells(row, answer):
                            terms[cell] = terms.get(cell, 0) - 1
                    out.append(Equation(terms=terms, rhs=0))
        return out

    def indicator_cells(self, indicator: Indicator) -> Cells:
        if indicator.source == IndicatorSource.COMPOSITE:
            return self.composite_cells(indicator)
        question = indicator.question.code
        origins = ORIGIN_GROUP_CODES.get(indicator.group) or ORIGINS
        combos = [c for c in self.combos(question) if c[0] in origins]
        counted, others = survey_answers(indicator)
        answers = {"group": counted, "rest": others}

        def cells(row, column):
            return frozenset(
                ("s", question, "ocg", combo, answer)
                for combo in combos
                for answer in answers[column]
            )

        return cells

    def composite_cells(self, indicator: Indicator) -> Cells:
        """An index counts respondents by their mean over several questions:
        no sum of the questions' answer cells, so its counts are cells of
        their own, per origin and column for its set of questions. Two
        indices of the same questions for different groups share them (the
        multicultural row is the immigrants' plus the descendants')."""
        questions = tuple(sorted(indicator.components.values_list("code", flat=True)))
        origins = ORIGIN_GROUP_CODES.get(indicator.group) or ORIGINS

        def cells(row, column):
            return frozenset(("i", questions, origin, column) for origin in origins)

        return cells

    def theme_cells(self, key: str) -> Cells:
        """A theme table counts respondents: over all questions, one who gave
        the theme in two answers counts once (coding.theme_counts_frame). So
        the inner cells are, per theme and origin, the respondents who gave
        it in exactly the questions S (S a non-empty set of the questions
        whose table has the theme): a question's cell sums the S holding it,
        the all-questions cell sums every S."""
        question = key.split(":")[1]
        per_question = {
            k.split(":")[1]: {code for code, _label in t.rows}
            for k, t in self.tables.items()
            if k.startswith("themes:") and not k.startswith("themes:all:")
        }

        def subsets(theme):
            having = sorted(q for q, themes in per_question.items() if theme in themes)
            return [
                frozenset(c)
                for size in range(1, len(having) + 1)
                for c in itertools.combinations(having, size)
            ]

        def cells(row, column):
            return frozenset(
                ("t", row, column, subset)
                for subset in subsets(row)
                if question == "all" or question in subset
            )

        return cells


# --- a year of reports -------------------------------------------------------


class ReportLinks:
    """The inner cells of one year's report tables (see the module docstring)."""

    def __init__(self, year: int, kinds: dict[str, list[str]]):
        self.year = year
        #: Kinds with something to count, per measure (others are no row):
        #: what the release was made from (kinds_counted), kept with it.
        self.kinds = kinds
        self.tables: dict[str, catalogue.Table] = {}

    @staticmethod
    def kinds_counted(year: int, frame: pd.DataFrame) -> dict[str, list[str]]:
        rows = frame[frame["year"] == year]
        return {
            measure: sorted(
                str(kind)
                for kind, n in rows.groupby("kind")[measure].sum().items()
                if n > 0
            )
            for measure in catalogue.PARTICIPATION_MEASURES
        }

    def participation_cells(self, key: str) -> Cells:
        measure = key.split(":")[1]
        shown = {code for code, _label in self.tables[key].rows}
        pooled = [k for k in self.kinds[measure] if k not in shown]

        def cells(row, column):
            kinds = pooled if row == catalogue.POOLED else [row]
            return frozenset(("p", measure, kind, column) for kind in kinds)

        return cells

    def activity_cells(self, rest: str) -> Cells:
        """Both activity tables of the year are margins of one cube, row of
        the kinds table × half year × origin: a kind's row sums its halves, a
        half year's row sums the kinds' rows (the pooled kinds are one row,
        as the attacker sees them)."""
        by = rest.split(":")[0]
        kinds_table = self.tables.get(f"activities:kinds:{self.year}")
        kinds = [code for code, _label in kinds_table.rows] if kinds_table else []
        halves = (1, 2)

        def cells(row, column):
            if by == "kinds":
                return frozenset(("a", row, half, column) for half in halves)
            return frozenset(("a", kind, int(row), column) for kind in kinds)

        return cells

    def grouped_cells(
        self, measure: str, kinds: Iterable[str], group: Iterable[str]
    ) -> Cells:
        kinds = [k for k in kinds if k in self.kinds[measure]]
        group = tuple(group)
        known = [o for o in ORIGINS if o != "unknown"]
        columns = {"group": group, "rest": tuple(o for o in known if o not in group)}
        return lambda row, column: frozenset(
            ("p", measure, kind, origin) for kind in kinds for origin in columns[column]
        )

    def representation_cells(self, scope: str) -> Cells:
        _label, kinds = catalogue.REPRESENTATION_SCOPES[scope]
        return self.grouped_cells("board_members", counted_kinds(kinds), MULTICULTURAL)

    def indicator_cells(self, indicator: Indicator) -> Cells:
        return self.grouped_cells(
            participation_measure(indicator),
            indicator_kinds(indicator),
            ORIGIN_GROUP_CODES[indicator.group],
        )
