"""What can be wrong with a Statistikbanken file or a mapping of it: the
messages (marked for makemessages here, translated where shown), where a
problem is, ``StatbankProblem``, ``StatbankError`` and the collector the
readers add problems to."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from participation.council.statbank.limits import MAX_PROBLEMS


def gettext_noop(message: str) -> str:
    """Marks a message for makemessages; it is translated where shown
    (``StatbankProblem.render``), so this module needs no Django."""
    return message


# Where a problem is, filled from its params.
WHERE = {
    "line": gettext_noop("Line %(line)s"),
    "line_column": gettext_noop("Line %(line)s, column %(column)s"),
    "figure": gettext_noop("Line %(line)s, figure %(position)s (%(cell)s)"),
    "json": gettext_noop("In the JSON at %(path)s"),
    "dimension": gettext_noop("Dimension %(dimension)s"),
    "category": gettext_noop("Dimension %(dimension)s, category “%(category)s”"),
    "cell": gettext_noop("Figure %(position)s (%(cell)s)"),
}

# What is wrong. Those with a place in WHERE start in lower case, as they
# follow it ("Line 4: ...").
MESSAGES = {
    # Any format.
    "too_big": gettext_noop(
        "The file is larger than %(limit)s MB. Download fewer categories at a time."
    ),
    "binary": gettext_noop(
        "the file holds a NUL character, so it is not a PX, JSON-stat or CSV text file."
    ),
    "encoding": gettext_noop(
        "the text is not %(encoding)s, as the file says: this byte cannot be read."
    ),
    "more_problems": gettext_noop("… and %(count)s more problems."),
    "too_many_cells": gettext_noop(
        "The table has more figures than the %(limit)s that can be imported. "
        "Choose fewer categories when downloading it."
    ),
    "too_many_dimensions": gettext_noop(
        "The table has %(count)s dimensions; at most %(limit)s can be imported."
    ),
    "empty_dimension": gettext_noop("the dimension has no categories."),
    "empty_label": gettext_noop("a category has no label."),
    "duplicate_dimension": gettext_noop("the dimension is named twice."),
    "reserved_name": gettext_noop("a dimension cannot be named “value” or “status”."),
    "duplicate_label": gettext_noop("two categories have the label “%(value)s”."),
    "duplicate_code": gettext_noop("two categories have the code “%(value)s”."),
    "label_too_long": gettext_noop("a label is longer than %(limit)s characters."),
    "bad_number": gettext_noop(
        "“%(value)s” is not a number, nor a symbol for a missing figure such as “..”."
    ),
    "no_figures": gettext_noop("The table has no figures."),
    # PX.
    "px_syntax": gettext_noop(
        "expected a keyword such as TITLE= here, found “%(value)s”."
    ),
    "px_unclosed": gettext_noop(
        'a quoted text is never closed: a quotation mark (") is missing.'
    ),
    "px_unterminated": gettext_noop("%(keyword)s does not end with “;”."),
    "px_duplicate": gettext_noop(
        "%(keyword)s is given twice (first on line %(first_line)s)."
    ),
    "px_missing": gettext_noop("The PX file has no %(keyword)s."),
    "px_no_variables": gettext_noop(
        "The PX file has neither STUB nor HEADING, so it names no dimensions."
    ),
    "px_unsupported": gettext_noop(
        "%(keyword)s is not supported: download the table again as PX without it."
    ),
    "px_codes_count": gettext_noop(
        "CODES gives %(found)s codes for %(expected)s VALUES."
    ),
    "px_data_count": gettext_noop(
        "DATA holds %(found)s figures, but %(sizes)s categories make %(expected)s."
    ),
    "px_after_data": gettext_noop("there is text after the “;” that ends DATA."),
    # JSON-stat.
    "json_syntax": gettext_noop("the file is not valid JSON: %(reason)s."),
    "json_invalid": gettext_noop("The file is not valid JSON: %(reason)s."),
    "json_not_dataset": gettext_noop(
        "The file is not a JSON-stat dataset: expected an object with "
        "“class”: “dataset”, “id”, “size”, “dimension” and “value”."
    ),
    "json_several": gettext_noop(
        "The file holds %(count)s datasets (%(value)s); import one table at a time."
    ),
    "json_missing": gettext_noop("the field is missing."),
    "json_type": gettext_noop("expected %(expected)s."),
    "json_size_mismatch": gettext_noop(
        "“id” names %(ids)s dimensions but “size” gives %(sizes)s sizes."
    ),
    "json_dimension_size": gettext_noop(
        "the dimension has %(found)s categories but “size” says %(expected)s."
    ),
    "json_index": gettext_noop(
        "the category positions are not 0 to %(last)s, each once."
    ),
    "json_value_count": gettext_noop(
        "“value” holds %(found)s figures, but %(sizes)s categories make %(expected)s."
    ),
    "json_value_position": gettext_noop(
        "“%(value)s” is not a position from 0 to %(last)s."
    ),
    # CSV.
    "csv_no_header": gettext_noop("The file has no header line."),
    "csv_not_statbank": gettext_noop(
        "the last column is “%(value)s”; a table from Statistikbanken ends "
        "with the column INDHOLD."
    ),
    "csv_unreadable": gettext_noop(
        "the line cannot be read as CSV (a quotation mark may be missing)."
    ),
    "csv_field_count": gettext_noop(
        "expected %(expected)s fields separated by “%(delimiter)s”, found %(found)s."
    ),
    "csv_column_name": gettext_noop("the column has no name, or is named twice."),
    "csv_duplicate": gettext_noop(
        "the same categories are already on line %(first_line)s."
    ),
    # Official statistics (statistics_frame).
    "no_dimension": gettext_noop(
        "The table has no dimension %(value)s. Its dimensions are %(dimensions)s."
    ),
    "no_year": gettext_noop(
        "Say which dimension holds the year: none is named TID. The table's "
        "dimensions are %(dimensions)s."
    ),
    "choose_breakdown": gettext_noop(
        "Say which dimension is the breakdown: %(dimensions)s each have several "
        "categories."
    ),
    "unmapped": gettext_noop(
        "the dimension has %(count)s categories but is not the year, group, "
        "indicator or breakdown. Choose one of its categories when downloading, "
        "or make it the breakdown."
    ),
    "no_table_name": gettext_noop("Name the table: the file does not give its name."),
    "not_a_year": gettext_noop(
        "not a year or a period of one, such as 2022 or 2022K1."
    ),
    "same_year": gettext_noop(
        "“%(value)s” and “%(other)s” are both in %(year)s; download one period a year."
    ),
    "same_group": gettext_noop(
        "“%(value)s” and “%(other)s” are both the group %(group)s."
    ),
    "too_long": gettext_noop(
        "“%(value)s” is longer than %(limit)s characters, the most a %(field)s "
        "can have."
    ),
    "too_large": gettext_noop("%(value)s is too large to store."),
    # Population (population_frame).
    "population_dimension": gettext_noop(
        "The table has no dimension %(value)s; FOLK1E has OMRÅDE, KØN, ALDER, "
        "HERKOMST and TID."
    ),
    "population_unmapped": gettext_noop(
        "the dimension is not one of FOLK1E's and has %(count)s categories: "
        "choose one of them when downloading."
    ),
    "bad_gender": gettext_noop("not a sex in the table (Mænd or Kvinder)."),
    "bad_age": gettext_noop("not a single year of age such as “25 år”."),
    "bad_origin": gettext_noop(
        "not an origin group this importer knows (such as “Indvandrere”)."
    ),
    "bad_period": gettext_noop("not a quarter such as 2025K1."),
    "same_meaning": gettext_noop(
        "“%(value)s” and “%(other)s” mean the same, so people would be counted twice."
    ),
    "split_and_total": gettext_noop(
        "the dimension has both “%(value)s” and its split into western and "
        "non-western countries (“%(other)s”), so people would be counted twice."
    ),
    "missing_count": gettext_noop(
        "the figure is missing (“%(value)s”); every population cell needs one."
    ),
    "bad_count": gettext_noop("%(value)s is not a whole number of persons."),
    "population_no_rows": gettext_noop(
        "The table has no population figures. Totals such as “I alt” are "
        "skipped: download FOLK1E with KØN, ALDER and HERKOMST broken down."
    ),
}

# Words put into "json_type"'s "%(expected)s", translated with it.
EXPECTED = {
    "texts": gettext_noop("a list of texts"),
    "whole_numbers": gettext_noop("a list of whole numbers"),
    "object": gettext_noop("an object"),
    "text": gettext_noop("a text"),
    "list_or_object": gettext_noop("a list or an object"),
    "number": gettext_noop("a number or null"),
}


def _same(message: str) -> str:
    return message


@dataclass(frozen=True)
class StatbankProblem:
    """One thing wrong with a file or with a mapping of it.

    ``code`` is a key of ``MESSAGES``; ``where`` a key of ``WHERE`` or ""
    for the whole file; ``params`` fill both templates (``line``,
    ``keyword``, ``path``, ``dimension``, ``category``, ``position``,
    ``cell``, ``value`` ... as the templates need)."""

    code: str
    where: str = ""
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code]

    def render(self, translate: Callable[[str], str] = _same) -> str:
        """The problem in words: ``translate`` is ``gettext`` to show it in
        the active language; without it, English."""
        params = dict(self.params)
        if "expected" in params and params["expected"] in EXPECTED.values():
            params["expected"] = translate(str(params["expected"]))
        text = translate(MESSAGES[self.code]) % params
        if not self.where:
            return text
        return f"{translate(WHERE[self.where]) % params}: {text}"

    def __str__(self) -> str:
        return self.render()


class StatbankError(ValueError):
    """A file, or a mapping of it, that cannot be imported. ``problems``
    lists at most ``MAX_PROBLEMS`` in the order found; ``total`` is how many
    there were."""

    def __init__(self, problems: list[StatbankProblem], *, total: int | None = None):
        self.problems = problems
        self.total = len(problems) if total is None else total
        super().__init__("\n".join(str(problem) for problem in problems))

    def render(self, translate: Callable[[str], str] = _same) -> list[str]:
        return [problem.render(translate) for problem in self.problems]


class _Problems:
    """Collects problems, keeping the first MAX_PROBLEMS."""

    def __init__(self):
        self.items: list[StatbankProblem] = []
        self.total = 0

    def add(self, code: str, where: str = "", **params) -> None:
        self.total += 1
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(StatbankProblem(code, where, params))

    @property
    def full(self) -> bool:
        return self.total >= MAX_PROBLEMS

    def raise_if_any(self) -> None:
        if not self.items:
            return
        items = self.items
        if self.total > len(items):
            items = items[: MAX_PROBLEMS - 1]
            items.append(
                StatbankProblem("more_problems", "", {"count": self.total - len(items)})
            )
        raise StatbankError(items, total=self.total)
