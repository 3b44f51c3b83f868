"""Population figures from Statistics Denmark's table FOLK1E, for weighting.

The council's survey results are weighted to the population (SPEC §3.3) on
origin × age band × gender. The population comes from StatBank table FOLK1E
("population on the first day of the quarter by area, sex, age and
ancestry"), which staff download as CSV and import unchanged. This module
reads that file, and makes a synthetic one in the same format for the demo
(real per-municipality rows are not available on the closed network; the
synthetic table says so in its first line). A download as PX or JSON-stat
is read by participation/council/statbank/ into the same frame, through
this module's ``column_name`` and ``label_code``: what a label means is
decided here, once.

The file, as StatBank writes it::

    OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD
    Aalborg;Mænd;25 år;Indvandrere fra ikke-vestlige lande;2025K1;812

What the reader accepts, to read a real download unchanged:

- UTF-8 with or without a byte-order mark, or Windows-1252 / Latin-1
  (``parse_folk1e_bytes`` decides); CRLF or LF line ends; quoted fields;
  semicolons (or tabs or commas, judged from the header line).
- Lines starting with ``#`` and blank lines anywhere are skipped, so a
  synthetic file can carry its "# SYNTHETIC" label.
- Columns are found by name in any order (Danish names, or the English
  AREA/REGION, SEX, AGE, ANCESTRY, TIME); extra columns are ignored.
- Danish or English labels: Mænd/Kvinder (Men/Women); "25 år" (25 years),
  "100 år og derover"; "Personer med dansk oprindelse", "Indvandrere",
  "Efterkommere" and DST's western / non-western splits such as
  "Indvandrere fra ikke-vestlige lande"; quarters "2025K1" (or "2025Q1").
- Total rows ("I alt", "Alder i alt", "Total", "Age, total", "TOT") are
  skipped so that nobody is counted twice. A file that holds both
  "Indvandrere" and its western/non-western split for the same cell, or the
  same cell twice, is refused for the same reason.

Everything wrong with a file is reported at once as a ``Folk1eError`` whose
``problems`` each name the line, the column and the bad value. Their
messages are plain English templates (``Folk1eProblem.message`` with
``params``) so that the caller can translate them; ``MESSAGES`` lists them
all.

Output of ``parse_folk1e`` (one row per area × quarter × sex × age × origin
group, in file order): ``area`` (str, as in the file), ``period`` (str,
"2025K1"), ``year`` (int), ``quarter`` (int), ``gender`` ("man"/"woman"),
``age`` (int; the open top group "100 år og derover" is 100), ``age_band``
("under_18", "18_29", "30_49", "50_64", "65_plus"), ``origin`` ("danish",
"immigrant", "descendant"), ``country_group`` ("western", "non_western",
or "unknown" when the file does not split, and always for Danish origin, as
in surveys/origin.py), ``count`` (int).

Pure: standard library, numpy, pandas and the shared CSV reader
(config/csvread.py) only.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from config.csvread import CsvLimits, CsvReadError, csv_line
from surveys.origin import POPULATION_ORIGINS

__all__ = [
    "AALBORG_2023_TOTAL",
    "AGE_BANDS",
    "COLUMNS",
    "MESSAGES",
    "NATIONAL_ORIGIN_SHARES",
    "Folk1eError",
    "Folk1eProblem",
    "age_band",
    "column_name",
    "label_code",
    "largest_remainder",
    "parse_folk1e",
    "parse_folk1e_bytes",
    "population_cells",
    "population_margins",
    "records_frame",
    "select_population",
    "synthetic_folk1e",
]

COLUMNS = [
    "area",
    "period",
    "year",
    "quarter",
    "gender",
    "age",
    "age_band",
    "origin",
    "country_group",
    "count",
]
AGE_BANDS = ("under_18", "18_29", "30_49", "50_64", "65_plus")

POPULATION_GENDERS = ("woman", "man")

# Aalborg Kommune, 1 January 2023 (../shared/data/published_population_shares.csv,
# a secondary source citing DST). The demo's synthetic table adds up to it.
AALBORG_2023_TOTAL = 222_571
# Denmark as a whole (same file, kommunen.dk: 86.3 / 10.5 / 3.2 per cent). No
# origin split is published for Aalborg; its shares are close to the national
# ones, so the demo uses these rather than the capital-area municipality type.
NATIONAL_ORIGIN_SHARES = {"danish": 0.863, "immigrant": 0.105, "descendant": 0.032}

# At most this many problems are kept; the last one says how many more there were.
MAX_PROBLEMS = 100

MESSAGES = {
    "no_header": (
        "The file has no header line. The first line that is not a comment "
        "must name the columns OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD."
    ),
    "missing_column": "Line %(line)s: the header has no column %(column)s.",
    "field_count": (
        "Line %(line)s: expected %(expected)s fields separated by "
        "“%(delimiter)s”, found %(found)s."
    ),
    "empty_area": "Line %(line)s, column %(column)s: the area is empty.",
    "bad_gender": (
        "Line %(line)s, column %(column)s: “%(value)s” is not a sex in the "
        "table (Mænd or Kvinder)."
    ),
    "bad_age": (
        "Line %(line)s, column %(column)s: “%(value)s” is not a single year "
        "of age such as “25 år”."
    ),
    "bad_origin": (
        "Line %(line)s, column %(column)s: “%(value)s” is not an origin group "
        "this importer knows (such as “Indvandrere”)."
    ),
    "bad_period": (
        "Line %(line)s, column %(column)s: “%(value)s” is not a quarter such as 2025K1."
    ),
    "bad_count": (
        "Line %(line)s, column %(column)s: “%(value)s” is not a whole number "
        "of persons."
    ),
    "duplicate": (
        "Line %(line)s: the same area, quarter, sex, age and origin group is "
        "already on line %(first_line)s."
    ),
    "split_and_total": (
        "Line %(line)s, column %(column)s: the file has both “%(value)s” as a "
        "whole and split into western and non-western countries (line "
        "%(first_line)s); people would be counted twice."
    ),
    "no_rows": (
        "The file has no population rows. Totals such as “I alt” are "
        "skipped: download FOLK1E with KØN, ALDER and HERKOMST broken down."
    ),
    "several_areas": (
        "The table holds %(count)s areas (%(value)s). Choose the one to weight to."
    ),
    "no_year": "The table has no figures for %(value)s.",
    "no_area": "The table has no figures for the area “%(value)s”.",
    "more_problems": "… and %(count)s more problems.",
    # The reason is config/csvread.py's message, already translated.
    "unreadable": "Line %(line)s, column %(column)s: %(reason)s",
    "binary": "Line %(line)s: %(reason)s",
}


@dataclass(frozen=True)
class Folk1eProblem:
    """One thing wrong with a FOLK1E file.

    ``code`` is stable; ``message`` is an English template from ``MESSAGES``
    filled from ``params`` (which always hold ``line``, ``column`` and
    ``value``, None where they do not apply)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code]

    @property
    def line(self) -> int | None:
        return self.params.get("line")

    @property
    def column(self) -> str | None:
        return self.params.get("column")

    @property
    def value(self) -> str | None:
        return self.params.get("value")

    def __str__(self) -> str:
        return self.message % dict(self.params)


class Folk1eError(ValueError):
    """A FOLK1E file (or a choice made on one) that cannot be used.

    ``problems`` lists at most ``MAX_PROBLEMS`` of them in line order;
    ``total`` is how many there were."""

    def __init__(self, problems: list[Folk1eProblem], *, total: int | None = None):
        self.problems = problems
        self.total = len(problems) if total is None else total
        super().__init__("\n".join(str(p) for p in problems))


def _problem(code: str, line=None, column=None, value=None, **extra) -> Folk1eProblem:
    return Folk1eProblem(
        code, {"line": line, "column": column, "value": value, **extra}
    )


# --- labels -----------------------------------------------------------------

# Header names: Danish variable ids as StatBank writes them, and English texts.
_HEADER_ALIASES = {
    "område": "OMRÅDE",
    "omraade": "OMRÅDE",
    "omrade": "OMRÅDE",
    "area": "OMRÅDE",
    "region": "OMRÅDE",
    "køn": "KØN",
    "koen": "KØN",
    "kon": "KØN",
    "sex": "KØN",
    "alder": "ALDER",
    "age": "ALDER",
    "herkomst": "HERKOMST",
    "ancestry": "HERKOMST",
    "tid": "TID",
    "time": "TID",
    "indhold": "INDHOLD",
    "content": "INDHOLD",
    "value": "INDHOLD",
}
_REQUIRED = ("OMRÅDE", "KØN", "ALDER", "HERKOMST", "TID", "INDHOLD")

_TOTALS = {
    "i alt",
    "ialt",
    "total",
    "tot",
    "alder i alt",
    "age, total",
    "age total",
    "køn i alt",
    "sex, total",
    "herkomst i alt",
    "ancestry, total",
}
_GENDERS = {
    "mænd": "man",
    "maend": "man",
    "mand": "man",
    "men": "man",
    "males": "man",
    "male": "man",
    "kvinder": "woman",
    "kvinde": "woman",
    "women": "woman",
    "females": "woman",
    "female": "woman",
}
_ORIGINS = {
    "personer med dansk oprindelse": ("danish", "unknown"),
    "dansk oprindelse": ("danish", "unknown"),
    "persons of danish origin": ("danish", "unknown"),
    "danish origin": ("danish", "unknown"),
    "indvandrere": ("immigrant", "unknown"),
    "immigrants": ("immigrant", "unknown"),
    "efterkommere": ("descendant", "unknown"),
    "descendants": ("descendant", "unknown"),
    "indvandrere fra vestlige lande": ("immigrant", "western"),
    "indvandrere fra ikke vestlige lande": ("immigrant", "non_western"),
    "efterkommere fra vestlige lande": ("descendant", "western"),
    "efterkommere fra ikke vestlige lande": ("descendant", "non_western"),
    "immigrants from western countries": ("immigrant", "western"),
    "immigrants from non western countries": ("immigrant", "non_western"),
    "descendants from western countries": ("descendant", "western"),
    "descendants from non western countries": ("descendant", "non_western"),
}
_AGE_RE = re.compile(
    r"^(\d{1,3})\s*(?:år|aar|years?)?\s*(?:og derover|og over|and over|\+)?$"
)
_PERIOD_RE = re.compile(r"^(\d{4})\s*[kq]([1-4])$")
_COUNT_RE = re.compile(r"^\d+$")
_MAX_AGE = 150
# A billion people in one cell of one municipality is not a count (nor fits the
# table: PopulationCell.count is a 32-bit integer).
_MAX_COUNT_DIGITS = 9
# FOLK1E's labels are short; past this a cell is refused before it is read.
CSV_LIMITS = CsvLimits(cell_chars=1_000)


def _key(label: str) -> str:
    """A label folded for lookup: case, spacing and hyphen variants ignored."""
    label = label.replace("\u00a0", " ").casefold()
    label = re.sub(r"[-‐‑–—]", " ", label)
    return " ".join(label.split())


def _is_total(label: str) -> bool:
    key = _key(label)
    return key in _TOTALS or key.replace(" ", "") in _TOTALS


def age_band(age: int) -> str:
    """The survey's age band code for a whole age in years."""
    if age < 18:
        return "under_18"
    if age < 30:
        return "18_29"
    if age < 50:
        return "30_49"
    if age < 65:
        return "50_64"
    return "65_plus"


def _parse_age(label: str) -> int | None:
    match = _AGE_RE.match(_key(label))
    if not match:
        return None
    age = int(match.group(1))
    return age if age <= _MAX_AGE else None


def _parse_period(label: str) -> tuple[int, int] | None:
    match = _PERIOD_RE.match(_key(label))
    if not match:
        return None
    return int(match.group(1)), int(match.group(2))


def column_name(name: str) -> str:
    """FOLK1E's variable id (OMRÅDE, KØN, ALDER, HERKOMST, TID, INDHOLD) for
    a column or dimension named ``name`` in Danish or English, any case
    ("køn", "Sex", "Tid"); other names come back unchanged."""
    return _HEADER_ALIASES.get(_key(name), name)


def label_code(column: str, label: str):
    """What a FOLK1E label means in our codes: for ``column`` "KØN" a
    gender ("man"/"woman"), "ALDER" an age (int), "HERKOMST" an (origin,
    country_group) pair, "TID" a (year, quarter) pair; "total" for a total
    such as "I alt"; None for a label this module does not know. The one
    lookup behind every way a FOLK1E table comes in (CSV here, PX and
    JSON-stat through participation/council/statbank/)."""
    if _is_total(label):
        return "total"
    if column == "KØN":
        return _GENDERS.get(_key(label))
    if column == "ALDER":
        return _parse_age(label)
    if column == "HERKOMST":
        return _ORIGINS.get(_key(label))
    if column == "TID":
        return _parse_period(label)
    return None


# --- reading ----------------------------------------------------------------


def parse_folk1e_bytes(data: bytes) -> pd.DataFrame:
    """Decode a downloaded FOLK1E file and parse it (see ``parse_folk1e``).

    UTF-16 with a byte-order mark, else UTF-8 (a BOM is dropped), else
    Windows-1252, else Latin-1, which decodes anything."""
    encodings = ("utf-8-sig", "cp1252")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16", *encodings)
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return parse_folk1e(text)
    return parse_folk1e(data.decode("latin-1"))


def _delimiter(header: str) -> str:
    for delimiter in (";", "\t", ","):
        if delimiter in header:
            return delimiter
    return ";"


def _split(line: str, delimiter: str, number: int) -> list[str]:
    """The stripped cells of one line; raises CsvReadError."""
    fields = csv_line(line, number=number, limits=CSV_LIMITS, delimiter=delimiter)
    return [f.strip() for f in fields]


def _unreadable(error: CsvReadError, names: list[str]) -> Folk1eProblem:
    column: str | int | None = error.column
    if error.column is not None and error.column <= len(names):
        column = names[error.column - 1] or error.column
    return _problem(
        "unreadable",
        error.row,
        column if column is not None else "?",
        reason=error.message,
    )


def parse_folk1e(text: str) -> pd.DataFrame:
    """Read a FOLK1E CSV text; return one row per population cell.

    Columns in ``COLUMNS`` (see the module docstring). Total rows are left
    out. Raises ``Folk1eError`` listing every problem found, each with its
    line number (1 is the first line of the text, comments included).
    """
    text = text.removeprefix("\ufeff")
    lines = text.splitlines()
    for number, line in enumerate(lines, start=1):
        if "\x00" in line:  # binary data (or UTF-16): nothing more to say
            nul = CsvReadError("nul", row=number)
            raise Folk1eError([_problem("binary", number, reason=nul.message)])
    numbered = [
        (number, line)
        for number, line in enumerate(lines, start=1)
        if line.strip() and not line.lstrip().lstrip("\ufeff").startswith("#")
    ]
    if not numbered:
        raise Folk1eError([_problem("no_header")])

    header_line, header = numbered[0]
    delimiter = _delimiter(header)
    try:
        cells = _split(header, delimiter, header_line)
    except CsvReadError as error:
        raise Folk1eError([_unreadable(error, [])]) from None
    names = [column_name(n.lstrip("\ufeff")) for n in cells]
    position: dict[str, int] = {}
    for index, name in enumerate(names):
        position.setdefault(name, index)
    missing = [name for name in _REQUIRED if name not in position]
    if len(missing) == len(_REQUIRED):
        raise Folk1eError([_problem("no_header", header_line)])
    if missing:
        raise Folk1eError(
            [_problem("missing_column", header_line, name) for name in missing]
        )

    problems: list[Folk1eProblem] = []
    records: list[tuple] = []
    seen: dict[tuple, int] = {}
    # (area, period, gender, age, origin) -> {country_group: first line}
    splits: dict[tuple, dict[str, int]] = {}
    cache: dict[tuple[str, str], object] = {}

    def lookup(column: str, label: str):
        if (column, label) not in cache:
            cache[column, label] = label_code(column, label)
        return cache[column, label]

    width = len(names)
    for number, line in numbered[1:]:
        try:
            fields = _split(line, delimiter, number)
        except CsvReadError as error:
            problems.append(_unreadable(error, names))
            continue
        while len(fields) > width and fields[-1] == "":
            fields.pop()
        if len(fields) != width:
            if any(fields):
                problems.append(
                    _problem(
                        "field_count",
                        number,
                        expected=width,
                        found=len(fields),
                        delimiter=delimiter,
                    )
                )
            continue
        raw = {name: fields[index] for name, index in position.items()}
        gender = lookup("KØN", raw["KØN"])
        age = lookup("ALDER", raw["ALDER"])
        origin = lookup("HERKOMST", raw["HERKOMST"])
        if "total" in (gender, age, origin):
            continue
        period = lookup("TID", raw["TID"])
        row_problems = []
        if not raw["OMRÅDE"]:
            row_problems.append(_problem("empty_area", number, "OMRÅDE", ""))
        if gender is None:
            row_problems.append(_problem("bad_gender", number, "KØN", raw["KØN"]))
        if age is None:
            row_problems.append(_problem("bad_age", number, "ALDER", raw["ALDER"]))
        if origin is None:
            row_problems.append(
                _problem("bad_origin", number, "HERKOMST", raw["HERKOMST"])
            )
        if period is None or period == "total":
            row_problems.append(_problem("bad_period", number, "TID", raw["TID"]))
        count_text = raw["INDHOLD"].replace("\u00a0", "").replace(" ", "")
        if (
            not _COUNT_RE.match(count_text)
            or len(count_text.lstrip("0")) > _MAX_COUNT_DIGITS
        ):
            row_problems.append(
                _problem("bad_count", number, "INDHOLD", raw["INDHOLD"])
            )
        if row_problems:
            problems.extend(row_problems)
            continue

        year, quarter = period
        origin_code, group = origin
        cell = (raw["OMRÅDE"], year, quarter, gender, age, origin_code)
        if cell + (group,) in seen:
            problems.append(
                _problem("duplicate", number, first_line=seen[cell + (group,)])
            )
            continue
        seen[cell + (group,)] = number
        groups = splits.setdefault(cell, {})
        whole, split = "unknown" in groups, bool(set(groups) - {"unknown"})
        if (group == "unknown" and split) or (group != "unknown" and whole):
            problems.append(
                _problem(
                    "split_and_total",
                    number,
                    "HERKOMST",
                    raw["HERKOMST"],
                    first_line=min(groups.values()),
                )
            )
            continue
        groups[group] = number
        records.append(
            (
                raw["OMRÅDE"],
                f"{year}K{quarter}",
                year,
                quarter,
                gender,
                age,
                age_band(age),
                origin_code,
                group,
                int(count_text),
            )
        )

    if not problems and not records:
        problems.append(_problem("no_rows"))
    if problems:
        total = len(problems)
        if total > MAX_PROBLEMS:
            shown = problems[: MAX_PROBLEMS - 1]
            shown.append(_problem("more_problems", count=total - len(shown)))
            problems = shown
        raise Folk1eError(problems, total=total)
    return records_frame(records)


def records_frame(records: list[tuple]) -> pd.DataFrame:
    """The parse result from tuples in ``COLUMNS`` order, with its dtypes."""
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    for name in ("year", "quarter", "age", "count"):
        frame[name] = frame[name].astype("int64")
    return frame


# --- population for weighting ----------------------------------------------


def select_population(
    frame: pd.DataFrame,
    *,
    year: int | None = None,
    area: str | None = None,
    min_age: int | None = None,
    max_age: int | None = None,
) -> pd.DataFrame:
    """The rows of one area and one quarter, within an age range.

    ``area`` may be left out when the table holds one area only. The quarter
    is the latest one in ``year`` (any year when None): a survey wave is
    weighted to the most recent population known for its year. ``min_age``
    and ``max_age`` (inclusive) restrict the population to the survey's
    target group: pass the survey's lowest age (e.g. 15), or the under_18
    margin counts every baby in the municipality. Raises ``Folk1eError``
    (codes ``no_rows``, ``several_areas``, ``no_area``, ``no_year``)."""
    if frame.empty:
        raise Folk1eError([_problem("no_rows")])
    if area is None:
        areas = sorted(frame["area"].unique())
        if len(areas) > 1:
            raise Folk1eError(
                [_problem("several_areas", value=", ".join(areas), count=len(areas))]
            )
    else:
        frame = frame[frame["area"] == area]
        if frame.empty:
            raise Folk1eError([_problem("no_area", value=area)])
    if year is not None:
        frame = frame[frame["year"] == year]
        if frame.empty:
            raise Folk1eError([_problem("no_year", value=str(year))])
    year, quarter = max(zip(frame["year"], frame["quarter"], strict=True))
    frame = frame[(frame["year"] == year) & (frame["quarter"] == quarter)]
    if min_age is not None:
        frame = frame[frame["age"] >= min_age]
    if max_age is not None:
        frame = frame[frame["age"] <= max_age]
    return frame.reset_index(drop=True)


def population_margins(
    frame: pd.DataFrame,
    year: int | None = None,
    *,
    area: str | None = None,
    min_age: int | None = None,
    max_age: int | None = None,
) -> dict[str, pd.Series]:
    """Population totals for raking: keys "origin", "age_band", "gender".

    Each Series is indexed by the codes (in the survey's order: danish,
    immigrant, descendant; the age bands from youngest; woman, man), named
    "count", int. Categories with no people (e.g. under_18 when
    ``min_age=18``) are left out, so raking never aims at zero. Rows are
    chosen by ``select_population``."""
    chosen = select_population(
        frame, year=year, area=area, min_age=min_age, max_age=max_age
    )
    orders = {
        "origin": POPULATION_ORIGINS,
        "age_band": AGE_BANDS,
        "gender": POPULATION_GENDERS,
    }
    margins = {}
    for dimension, order in orders.items():
        totals = chosen.groupby(dimension)["count"].sum()
        totals = totals.reindex(list(order), fill_value=0).astype("int64")
        totals = totals[totals > 0]
        totals.index.name = dimension
        totals.name = "count"
        margins[dimension] = totals
    return margins


def population_cells(
    frame: pd.DataFrame,
    year: int | None = None,
    *,
    area: str | None = None,
    min_age: int | None = None,
    max_age: int | None = None,
) -> pd.DataFrame:
    """Population counts by origin × age band × gender.

    Columns: origin, age_band, gender, count (int); every combination, zero
    where nobody is counted, in the survey's code order. Rows are chosen by
    ``select_population``."""
    chosen = select_population(
        frame, year=year, area=area, min_age=min_age, max_age=max_age
    )
    index = pd.MultiIndex.from_product(
        [POPULATION_ORIGINS, AGE_BANDS, POPULATION_GENDERS],
        names=["origin", "age_band", "gender"],
    )
    counts = chosen.groupby(["origin", "age_band", "gender"])["count"].sum()
    counts = counts.reindex(index, fill_value=0).astype("int64")
    return counts.reset_index()


# --- synthetic table for the demo --------------------------------------------


def largest_remainder(total: int, weights) -> np.ndarray:
    """Whole numbers proportional to ``weights`` that add up to ``total``.

    Each gets the floor of its exact quota; the units left over go one each
    to the largest remainders (ties to the earlier position)."""
    weights = np.asarray(weights, dtype=float)
    if total < 0 or (weights < 0).any() or not np.isfinite(weights).all():
        raise ValueError("total and weights must be non-negative and finite")
    if weights.sum() <= 0:
        if total:
            raise ValueError("weights must not all be zero when total is positive")
        return np.zeros(len(weights), dtype="int64")
    quotas = total * weights / weights.sum()
    counts = np.floor(quotas).astype("int64")
    left = total - int(counts.sum())
    order = np.argsort(-(quotas - counts), kind="stable")
    counts[order[:left]] += 1
    return counts


_SYNTHETIC_ORIGIN_LABELS = {
    "danish": "Personer med dansk oprindelse",
    "immigrant": "Indvandrere",
    "descendant": "Efterkommere",
}


def _age_profile(origin: str, ages: np.ndarray) -> np.ndarray:
    """A plausible relative size of each year of age in a Danish university
    city (Aalborg-like): Danish origin about flat to 55 with a student bump,
    immigrants mostly of working age, descendants mostly children."""
    if origin == "danish":
        survival = np.exp(-((np.clip(ages - 62, 0, None) / 21.0) ** 2))
        students = 0.45 * np.exp(-(((ages - 23) / 4.0) ** 2))
        return survival + students
    if origin == "immigrant":
        return np.exp(-(((ages - 34) / 13.0) ** 2)) + 0.08 * np.exp(-ages / 40.0)
    return (ages + 1.0) * np.exp(-ages / 9.0)


def synthetic_folk1e(
    total: int,
    area: str,
    period: str,
    shares: Mapping[str, float],
    seed: int,
) -> str:
    """A SYNTHETIC population table in FOLK1E's CSV format.

    One row per sex × single year of age 0..100 (100 is "100 år og
    derover") × origin group, for ``area`` and ``period`` (e.g. "2023K1").
    ``shares`` maps "danish", "immigrant" and "descendant" to their shares
    (normalised; a group left out gets none). The counts add up exactly to
    ``total``, and each origin group exactly to its largest-remainder share
    of it; ages and sexes follow a smooth plausible profile with a little
    seeded noise, so the same arguments give the same text. The first lines
    are "# SYNTHETIC ..." comments, which ``parse_folk1e`` skips.
    """
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise ValueError("total must be a whole number of persons, 0 or more")
    if _parse_period(period) is None:
        raise ValueError(f"period must be a quarter such as 2023K1, not {period!r}")
    if not area.strip():
        raise ValueError("area must not be empty")
    unknown = set(shares) - set(POPULATION_ORIGINS)
    if unknown:
        raise ValueError(f"unknown origin groups in shares: {sorted(unknown)}")
    origins = list(POPULATION_ORIGINS)
    origin_weights = [float(shares.get(o, 0.0)) for o in origins]
    origin_totals = largest_remainder(total, origin_weights)

    rng = np.random.default_rng(seed)
    ages = np.arange(101)
    # Share of men at each age: a little over half when young, fewer among
    # the oldest; immigrants lean slightly more male.
    men = 0.51 - 0.14 / (1 + np.exp(-(ages - 82) / 5.0))
    counts: dict[str, np.ndarray] = {}
    for origin, origin_total in zip(origins, origin_totals, strict=True):
        profile = _age_profile(origin, ages) * rng.lognormal(0.0, 0.06, ages.size)
        share_men = np.clip(
            men + (0.02 if origin == "immigrant" else 0.0) + rng.normal(0, 0.01, 101),
            0.05,
            0.95,
        )
        cells = np.concatenate([profile * share_men, profile * (1 - share_men)])
        counts[origin] = largest_remainder(int(origin_total), cells)

    out: list[str] = [
        f"# SYNTHETIC population table in the format of Statistics Denmark's "
        f"FOLK1E. Not real figures: generated for the Medborger demo "
        f"(total {total}, seed {seed}).",
        "# Origin shares: "
        + ", ".join(
            f"{o} {int(t)}" for o, t in zip(origins, origin_totals, strict=True)
        ),
    ]
    rows: list[list[str]] = [["OMRÅDE", "KØN", "ALDER", "HERKOMST", "TID", "INDHOLD"]]
    for sex_index, sex in enumerate(("Mænd", "Kvinder")):
        for age in ages:
            label = "100 år og derover" if age == 100 else f"{age} år"
            for origin in origins:
                count = counts[origin][sex_index * ages.size + age]
                rows.append(
                    [area, sex, label, _SYNTHETIC_ORIGIN_LABELS[origin], period]
                    + [str(int(count))]
                )
    body = _write_rows(rows)
    return "\n".join(out) + "\n" + body


def _write_rows(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    return buffer.getvalue()
