"""The table every reader returns: its ``Dimension``s and the long frame
(see the package docstring), built and checked alike for every format, and
what the readers share: the size checks and the reading of a number."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from participation.council.statbank.errors import _Problems
from participation.council.statbank.limits import (
    MAX_BYTES,
    MAX_CELLS,
    MAX_DIMENSIONS,
    MAX_LABEL,
)

# Statistikbanken's symbols for a figure that is not there (".." not
# available or confidential, "-" nothing to report); PX allows one to six dots.
MISSING = frozenset({"", ".", "..", "...", "....", ".....", "......", "-"})
# Names no dimension may have: the frame's own columns.
RESERVED = ("value", "status")


@dataclass(frozen=True)
class Dimension:
    """One dimension of a table: ``id`` names its column in the frame;
    ``label`` is its text ("herkomst"; the id where the file has none);
    ``codes`` and ``labels`` its categories in order (the codes are the
    labels where the file has none); ``role`` "time", "metric" or ""."""

    id: str
    label: str
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    role: str = ""

    def __len__(self) -> int:
        return len(self.codes)

    def named(self, name: str) -> bool:
        """Whether ``name`` (any case) is this dimension's id or text."""
        wanted = name.strip().casefold()
        return wanted in (self.id.casefold(), self.label.casefold())

    def code_of(self) -> dict[str, str]:
        return dict(zip(self.labels, self.codes, strict=True))


@dataclass
class StatbankTable:
    """A table read from one file: its dimensions, the long ``frame`` (see
    the module docstring), and what the file says about it: ``table_id``
    (PX MATRIX, JSON-stat extension.px.tableid), ``title``, ``contents``,
    ``units``, ``source`` and ``notes``."""

    format: str
    dimensions: list[Dimension]
    frame: pd.DataFrame
    table_id: str = ""
    title: str = ""
    contents: str = ""
    units: str = ""
    source: str = ""
    notes: tuple[str, ...] = ()

    @property
    def synthetic(self) -> bool:
        """Made-up figures say so at the start of a note or the title."""
        return any(
            text.lstrip().startswith("SYNTHETIC") for text in (self.title, *self.notes)
        )

    def dimension(self, name: str) -> Dimension | None:
        """The dimension named ``name`` (its id or text, any case)."""
        return next((d for d in self.dimensions if d.named(name)), None)


def _cells(dimensions: Sequence[Dimension]) -> int:
    count = 1
    for dimension in dimensions:
        count *= len(dimension)
    return count


def _cell_name(dimensions: Sequence[Dimension], position: int) -> str:
    """The labels of the figure at ``position`` (0-based) of a full table."""
    labels = []
    for dimension in reversed(dimensions):
        size = len(dimension) or 1
        labels.append(dimension.labels[position % size] if dimension.labels else "")
        position //= size
    return ", ".join(reversed(labels))


def _cube_frame(
    dimensions: Sequence[Dimension], values: list[float], statuses: list[str]
) -> pd.DataFrame:
    if dimensions:
        index = pd.MultiIndex.from_product(
            [list(d.labels) for d in dimensions], names=[d.id for d in dimensions]
        )
        frame = index.to_frame(index=False)
    else:
        frame = pd.DataFrame(index=range(len(values)))
    frame["value"] = pd.Series(values, dtype="float64", index=frame.index)
    frame["status"] = pd.Series(statuses, dtype=object, index=frame.index)
    return frame


def cube_table(
    dimensions: Sequence[Dimension],
    values: Sequence[float | None],
    statuses: Sequence[str] | None = None,
    *,
    format: str = "",
    **about,
) -> StatbankTable:
    """A table of every combination of ``dimensions`` (the last changing
    fastest) with ``values`` in that order (None where missing) and
    optional ``statuses``; ``about`` sets table_id, title, contents, units,
    source, notes. Raises StatbankError if the dimensions or the number of
    values are wrong, as a file with them would."""
    problems = _Problems()
    _check_dimensions(dimensions, problems)
    problems.raise_if_any()
    if len(values) != _cells(dimensions):
        problems.add(
            "json_value_count",
            found=len(values),
            sizes=_sizes(dimensions),
            expected=_cells(dimensions),
        )
        problems.raise_if_any()
    given = list(statuses) if statuses is not None else [""] * len(values)
    numbers = [math.nan if v is None else float(v) for v in values]
    marks = [
        (s or "..") if v is None else (s or "")
        for v, s in zip(values, given, strict=True)
    ]
    frame = _cube_frame(dimensions, numbers, marks)
    return StatbankTable(format, list(dimensions), frame, **about)


def _sizes(dimensions: Sequence[Dimension]) -> str:
    return " × ".join(str(len(d)) for d in dimensions) or "0"


def _check_dimensions(dimensions: Sequence[Dimension], problems: _Problems) -> None:
    """What every format must hold to: a bounded number of dimensions and
    figures, each dimension with categories whose labels and codes are
    unique and short, no two dimensions of one id."""
    if len(dimensions) > MAX_DIMENSIONS:
        problems.add("too_many_dimensions", count=len(dimensions), limit=MAX_DIMENSIONS)
        return
    ids: set[str] = set()
    for dimension in dimensions:
        where = {"dimension": dimension.id}
        if dimension.id in ids:
            problems.add("duplicate_dimension", "dimension", **where)
        ids.add(dimension.id)
        if dimension.id in RESERVED:
            problems.add("reserved_name", "dimension", **where)
        if not len(dimension):
            problems.add("empty_dimension", "dimension", **where)
        if any(not label for label in dimension.labels):
            problems.add("empty_label", "dimension", **where)
        for kind, texts in (("label", dimension.labels), ("code", dimension.codes)):
            seen: set[str] = set()
            for text in texts:
                if len(text) > MAX_LABEL:
                    problems.add(
                        "label_too_long", "dimension", limit=MAX_LABEL, **where
                    )
                    break
                if text in seen:
                    problems.add(f"duplicate_{kind}", "dimension", value=text, **where)
                    break
                seen.add(text)
    cells = _cells(dimensions)
    if cells > MAX_CELLS:
        problems.add("too_many_cells", limit=MAX_CELLS)


def _ordered(table: StatbankTable) -> tuple[list[float], list[str]]:
    """Values and statuses of every combination of the dimensions, the last
    fastest ("..", missing, where the frame has no row)."""
    dimensions = table.dimensions
    frame = table.frame
    if not dimensions:
        return frame["value"].tolist(), frame["status"].tolist()
    index = pd.MultiIndex.from_product(
        [list(d.labels) for d in dimensions], names=[d.id for d in dimensions]
    )
    full = frame.set_index([d.id for d in dimensions])[["value", "status"]]
    full = full.reindex(index)
    statuses = [s if isinstance(s, str) else ".." for s in full["status"].tolist()]
    return full["value"].astype("float64").tolist(), statuses


# --- what the readers share ----------------------------------------------------

_BOM = b"\xef\xbb\xbf"


def _line_of(data: bytes | str, position: int) -> int:
    newline = b"\n" if isinstance(data, bytes) else "\n"
    return data.count(newline, 0, position) + 1  # type: ignore[arg-type]


def _no_nul(data: bytes, problems: _Problems) -> bool:
    nul = data.find(b"\x00")
    if nul >= 0:
        problems.add("binary", "line", line=_line_of(data, nul))
        return False
    return True


def _too_big(data: bytes, problems: _Problems) -> bool:
    if len(data) > MAX_BYTES:
        problems.add("too_big", limit=MAX_BYTES // (1024 * 1024))
        return True
    return False


_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d{1,3})?")


def _number(text: str) -> float | None:
    """A finite float from a plain decimal number; None for anything else."""
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None
