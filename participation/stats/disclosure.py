"""Disclosure control: the one choke point every published number passes.

Every count that leaves the database for a person or a file (dashboard,
public page, export, API, report) goes through :func:`disclose` or
:func:`disclose_series` first (SPEC §4 rule 2, TESTPLAN T04-T07). Pure: no
Django, only the standard library, numpy and pandas.

A table is a DataFrame of counts: rows are groups (district, origin, age
band, the dashboard's selection...), columns are the categories of one
attribute (the answer), each cell counts respondents or units. Labels are
unique; a missing label (NaN) is a group of its own. Row, column and grand
totals are always the sums of the cells: for a multiple-choice question they
count answers, not respondents, and a respondent count shown beside it must
come from a disclosed table of its own.

Rules, in order:

1. *Group.* A table whose grand total is below ``k`` shows nothing
   (:attr:`Reason.GROUP`), like :func:`group_is_shown`.
2. *Primary.* A cell or total with ``0 < count < k`` is hidden. A 0 is shown:
   it is not small-cell sensitive by itself, and hiding zeros would only
   blur empty categories.
3. *Uniform (T07).* A group whose respondents all gave the same answer is
   an attribute disclosure ("everyone in this group answered X") when the
   group has fewer than ``uniform_min`` members: the row's cells, zeros
   included, and its total are hidden, except a zero or total that the
   published numbers pin down anyway (hiding it would protect nothing). If
   the whole table is uniform (one answer only) and small, nothing is shown;
   if it is large, every group's uniformity is public already.
4. *Secondary.* Further cells, and totals only as a last resort, are hidden
   until an attacker who solves the linear programme "published cells and
   totals are exact, hidden numbers are unknown but not negative" cannot
   narrow any primary cell or total to an interval narrower than ``k``, and
   cannot rule out that ``k`` members of a uniform group answered otherwise.

The attacker is assumed to know this algorithm. Zero cells are never used as
complementary suppressions (a 0 can only grow, and a row's hidden cells
protect each other only by the sum they hide, which a 0 does not add to),
so a hidden cell outside a uniform row is known to be at least 1; the audit
uses that lower bound, which is stricter than the plain LP with 0. The
``reasons`` are for staff and audit logs; never publish them, since
"primary" tells that a count lies between 1 and k - 1.

The audit is exact for a two-way table with its margins: the table and its
totals form a bipartite network (one node per row, one per column, the
totals row and column included), and the largest change of a hidden number
consistent with the published ones is a maximum flow through the other
hidden numbers. Complements are chosen along cheapest augmenting paths,
preferring cells to totals, small cells to large ones, and ties in the order
of the sorted row and column labels, so the input order does not matter.

Tables that share cells (a release: participation/council/releases) are
audited together by participation.stats.joint_audit, which hides further
numbers with :func:`hide_further`; :func:`group_is_shown` covers group
sizes.
"""

from __future__ import annotations

import dataclasses
import heapq
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

import numpy as np
import pandas as pd

MIN_K: Final = 3
DEFAULT_K: Final = 5
#: Label of the totals row and column in ``values`` frames and in
#: :meth:`Disclosed.to_frame`. Never a category or group code.
TOTAL: Final = "__total__"

_INF: Final = 1 << 60


class Reason(StrEnum):
    """Why a number is hidden (for staff and audit logs, never published)."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    UNIFORM = "uniform"
    GROUP = "group"


def _check_whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be a whole number, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class Policy:
    """Disclosure thresholds. ``k``: the smallest count shown (never below
    :data:`MIN_K`). ``uniform_min``: a group at least this large may be shown
    although all its members gave the same answer (at least ``k``)."""

    k: int = DEFAULT_K
    uniform_min: int = 10

    def __post_init__(self) -> None:
        k = _check_whole(self.k, "k")
        uniform_min = _check_whole(self.uniform_min, "uniform_min")
        if k < MIN_K:
            raise ValueError(f"k must be at least {MIN_K}, not {k}")
        if uniform_min < k:
            raise ValueError(f"uniform_min must be at least k ({k}), not {uniform_min}")


DEFAULT_POLICY: Final = Policy()


@dataclass(frozen=True, eq=False)
class Disclosed:
    """A table after disclosure control; everything here may be published
    except ``reasons`` and the ``*_reasons`` fields.

    ``counts`` has the input's index and columns, dtype ``Int64``, ``<NA>``
    where hidden; ``hidden`` is the matching bool mask. ``row_totals`` and
    ``column_totals`` are ``Int64`` Series, ``total`` the grand total (None
    when hidden). ``values`` holds the caller's derived statistics, ``float64``
    and NaN wherever the count they belong to is hidden; a ``values`` frame
    may carry a :data:`TOTAL` row or column for the totals' statistics.
    """

    counts: pd.DataFrame
    hidden: pd.DataFrame
    reasons: pd.DataFrame
    row_totals: pd.Series
    column_totals: pd.Series
    total: int | None
    values: dict[str, pd.DataFrame]
    policy: Policy
    row_total_reasons: pd.Series
    column_total_reasons: pd.Series
    total_reason: Reason | None
    #: Statistics of a whole row computed from its cells (share agreeing,
    #: mean, their intervals, weighted figures): NaN for a row with any
    #: hidden cell or a hidden total, since e.g. a mean and a total together
    #: with the shown cells could pin down the hidden ones.
    row_values: dict[str, pd.Series] = field(default_factory=dict)

    def to_frame(self, *, totals: bool = True) -> pd.DataFrame:
        """Long format for exports: one row per cell, row by row, then (with
        ``totals``) the row totals, the column totals and the grand total,
        labelled :data:`TOTAL`. Columns: ``row``, ``column``, ``count``
        (Int64), ``hidden`` (bool), then one float column per value."""
        index = list(self.counts.index)
        columns = list(self.counts.columns)
        rows: list[Hashable] = [r for r in index for _ in columns]
        cols: list[Hashable] = columns * len(index)
        counts = [self.counts.to_numpy(dtype=object).ravel()]
        if totals:
            rows += index + [TOTAL] * len(columns) + [TOTAL]
            cols += [TOTAL] * len(index) + columns + [TOTAL]
            counts += [
                self.row_totals.to_numpy(dtype=object),
                self.column_totals.to_numpy(dtype=object),
                np.array([pd.NA if self.total is None else self.total], dtype=object),
            ]
        count = pd.array(np.concatenate(counts), dtype="Int64")
        out = pd.DataFrame(
            {
                "row": pd.Series(rows, dtype=object),
                "column": pd.Series(cols, dtype=object),
                "count": count,
                "hidden": count.isna(),
            }
        )
        for name, frame in self.values.items():
            wide = frame.reindex(index=[*index, TOTAL], columns=[*columns, TOTAL])
            grid = wide.to_numpy(dtype=float, na_value=np.nan)
            parts = [grid[:-1, :-1].ravel()]
            if totals:
                parts += [grid[:-1, -1], grid[-1, :-1], grid[-1:, -1]]
            out[name] = np.concatenate(parts)
        return out


# --------------------------------------------------------------------------
# The audit network


class _Grid:
    """The table and its margins as one (R+1) x (C+1) grid of entries, entry
    ``e = i * (C + 1) + j``; row R holds the column totals, column C the row
    totals. Each entry is an edge between row node ``i`` and column node
    ``R + 1 + j``. Counting totals with a minus sign, every node's entries sum
    to zero, so the changes to hidden entries that keep all published numbers
    true are exactly the circulations of this network, and the most one
    entry can change is a maximum flow through the others."""

    def __init__(self, x: np.ndarray, policy: Policy) -> None:
        self.policy = policy
        n_rows, n_cols = x.shape
        self.n_rows, self.n_cols = n_rows, n_cols
        self.width = n_cols + 1
        full = np.zeros((n_rows + 1, n_cols + 1), dtype=np.int64)
        full[:n_rows, :n_cols] = x
        full[:n_rows, n_cols] = x.sum(axis=1)
        full[n_rows, :n_cols] = x.sum(axis=0)
        full[n_rows, n_cols] = x.sum()
        self.a: list[int] = [int(v) for v in full.ravel()]
        size = len(self.a)
        self.grand = size - 1
        self.hidden = [False] * size
        self.reason: list[Reason | None] = [None] * size
        self.split_node = n_rows + n_cols + 2
        self.uniform = self._uniform_rows(full)
        self.whole_uniform = self._whole_table_uniform(full)
        # A hidden count is at least 1 unless it is 0 itself or sits in a
        # uniform row, whose zeros are hidden too.
        self.lb = [0 if v == 0 else 1 for v in self.a]
        for i in self.uniform:
            for j in range(n_cols):
                self.lb[i * self.width + j] = 0
        # Cheapest complement first: no grand total, then no other total,
        # then the fewest respondents hidden, then the fewest cells.
        base = sum(self.a) + size + 2
        self.cost = [
            (self._is_grand(e) * base + self._is_margin(e)) * base**2
            + self.a[e] * base
            + 1
            for e in range(size)
        ]
        self._incidence_cache: dict[tuple[int, int] | None, list[list[int]]] = {}

    # -- structure ----------------------------------------------------------

    def _is_margin(self, e: int) -> bool:
        i, j = divmod(e, self.width)
        return (i == self.n_rows) != (j == self.n_cols)

    def _is_grand(self, e: int) -> bool:
        return e == self.grand

    def _uniform_rows(self, full: np.ndarray) -> dict[int, int]:
        """Groups below ``uniform_min`` whose members all gave one answer,
        while the table as a whole has more than one answer: row -> that
        answer's column."""
        n_rows, n_cols = self.n_rows, self.n_cols
        if n_cols < 2 or np.count_nonzero(full[n_rows, :n_cols]) < 2:
            return {}
        found = {}
        for i in range(n_rows):
            positive = np.flatnonzero(full[i, :n_cols])
            total = full[i, n_cols]
            if len(positive) == 1 and 0 < total < self.policy.uniform_min:
                found[i] = int(positive[0])
        return found

    def _whole_table_uniform(self, full: np.ndarray) -> bool:
        n_rows, n_cols = self.n_rows, self.n_cols
        return (
            n_cols >= 2
            and 0 < full[n_rows, n_cols] < self.policy.uniform_min
            and np.count_nonzero(full[n_rows, :n_cols]) == 1
        )

    def _ends(self, e: int, split: tuple[int, int] | None) -> tuple[int, int]:
        i, j = divmod(e, self.width)
        u = i
        if split is not None and i == split[0] and j not in (split[1], self.n_cols):
            u = self.split_node
        return u, self.n_rows + 1 + j

    def _incidence(self, split: tuple[int, int] | None) -> list[list[int]]:
        if split not in self._incidence_cache:
            nodes: list[list[int]] = [[] for _ in range(self.split_node + 1)]
            for e in range(len(self.a)):
                u, v = self._ends(e, split)
                nodes[u].append(e)
                nodes[v].append(e)
            self._incidence_cache[split] = nodes
        return self._incidence_cache[split]

    def _cap_forward(self, e: int) -> int:
        # Flow from row node to column node raises a cell and lowers a total.
        return self.a[e] - self.lb[e] if self._is_margin(e) else _INF

    def _cap_backward(self, e: int) -> int:
        return _INF if self._is_margin(e) else self.a[e] - self.lb[e]

    def hide(self, e: int, reason: Reason) -> None:
        if not self.hidden[e]:
            self.hidden[e] = True
            self.reason[e] = reason

    # -- flows ----------------------------------------------------------------

    def _path(
        self,
        src: int,
        dst: int,
        incidence: list[list[int]],
        flow: dict[int, int],
        exclude: int,
        split: tuple[int, int] | None,
        augment: bool,
    ) -> list[tuple[int, bool, int]] | None:
        """Cheapest path with spare capacity from ``src`` to ``dst`` through
        hidden entries (free) and, with ``augment``, shown positive entries
        (at their cost). Returns (entry, forward, spare) steps or None."""
        best = {src: 0}
        back: dict[int, tuple[int, int, bool, int]] = {}
        heap = [(0, src)]
        settled: set[int] = set()
        while heap:
            dist, node = heapq.heappop(heap)
            if node in settled:
                continue
            settled.add(node)
            if node == dst:
                break
            for e in incidence[node]:
                if e == exclude:
                    continue
                hidden = self.hidden[e]
                if not hidden and not (augment and self.a[e] > 0):
                    continue
                u, v = self._ends(e, split)
                used = flow.get(e, 0)
                if node == u:
                    nxt, forward, spare = v, True, self._cap_forward(e) - used
                else:
                    nxt, forward, spare = u, False, self._cap_backward(e) + used
                if spare <= 0 or nxt in settled:
                    continue
                candidate = dist + (0 if hidden else self.cost[e])
                if nxt not in best or candidate < best[nxt]:
                    best[nxt] = candidate
                    back[nxt] = (node, e, forward, spare)
                    heapq.heappush(heap, (candidate, nxt))
        if dst not in settled:
            return None
        path = []
        node = dst
        while node != src:
            node, e, forward, spare = back[node]
            path.append((e, forward, spare))
        return path

    def flow(
        self,
        src: int,
        dst: int,
        need: int,
        *,
        exclude: int = -1,
        split: tuple[int, int] | None = None,
        augment: bool = False,
    ) -> int:
        """Maximum flow from ``src`` to ``dst``, stopped at ``need``. With
        ``augment``, shown entries on the augmenting paths get hidden."""
        if need <= 0:
            return 0
        incidence = self._incidence(split)
        flow: dict[int, int] = {}
        total = 0
        while total < need:
            path = self._path(src, dst, incidence, flow, exclude, split, augment)
            if path is None:
                break
            push = min([need - total, *(spare for _, _, spare in path)])
            for e, forward, _ in path:
                flow[e] = flow.get(e, 0) + (push if forward else -push)
                self.hide(e, Reason.SECONDARY)
            total += push
        return total

    def _nodes(self, e: int) -> tuple[int, int]:
        i, j = divmod(e, self.width)
        return i, self.n_rows + 1 + j

    def width_ok(self, e: int, *, augment: bool) -> bool:
        """Whether the attacker's interval for entry ``e`` is at least ``k``
        wide; with ``augment``, hide complements until it is."""
        k = self.policy.k
        u, v = self._nodes(e)
        # Raising a cell sends flow u -> v along it, so it must come back
        # v -> u through the others; totals carry a minus sign.
        up = (u, v) if self._is_margin(e) else (v, u)
        down = self.flow(up[1], up[0], self.a[e] - self.lb[e], exclude=e)
        raised = self.flow(up[0], up[1], k - down, exclude=e, augment=augment)
        return down + raised >= k

    def others_ok(self, i: int, *, augment: bool) -> bool:
        """Whether ``k`` members of uniform row ``i`` could have given another
        answer: a flow from the row's other cells round to its dominant cell
        and total."""
        k = self.policy.k
        split = (i, self.uniform[i])
        return self.flow(self.split_node, i, k, split=split, augment=augment) >= k

    def determined(self, e: int) -> bool:
        """Whether the published numbers pin entry ``e`` to one value."""
        u, v = self._nodes(e)
        if self._cap_forward(e) > 0 and self.flow(v, u, 1, exclude=e):
            return False
        return not (self._cap_backward(e) > 0 and self.flow(u, v, 1, exclude=e))

    # -- rules ----------------------------------------------------------------

    def primary(self) -> list[int]:
        """Entries with 0 < count < k, smallest first, cells before totals."""
        k = self.policy.k
        small = [e for e, v in enumerate(self.a) if 0 < v < k]
        return sorted(small, key=lambda e: (self.a[e], self._is_margin(e), e))

    def everything_hidden(self) -> bool:
        total = self.a[self.grand]
        return 0 < total < self.policy.k or self.whole_uniform

    def suppress(self) -> None:
        """Apply rules 1-4 to this grid's ``hidden`` and ``reason``."""
        if self.everything_hidden():
            small = self.a[self.grand] < self.policy.k
            for e in range(len(self.a)):
                self.hide(e, Reason.GROUP if small else Reason.UNIFORM)
            return
        primary = self.primary()
        for e in primary:
            self.hide(e, Reason.PRIMARY)
        for i in self.uniform:
            for j in range(self.width):
                self.hide(i * self.width + j, Reason.UNIFORM)
        dominant = [i * self.width + j for i, j in self.uniform.items()]
        for i in self.uniform:
            self.others_ok(i, augment=True)
        for e in dominant + primary:
            self.width_ok(e, augment=True)
        # A hidden number the published ones pin down protects nothing and
        # tells nothing; publish it. Fixing a pinned number leaves the
        # attacker's feasible set as it was, so one pass is enough.
        protected = set(dominant + primary)
        for e in range(len(self.a)):
            if self.hidden[e] and e not in protected and self.determined(e):
                self.hidden[e] = False
                self.reason[e] = None

    def problems(self) -> list[tuple[str, int]]:
        """Unmet rules for the current ``hidden``: (rule, entry) pairs."""
        if all(self.hidden):
            return []
        if self.everything_hidden():
            return [("group", self.grand)]
        found = []
        for e in self.primary():
            if not self.hidden[e]:
                found.append(("primary shown", e))
            elif not self.width_ok(e, augment=False):
                found.append(("primary narrow", e))
        for i, j in self.uniform.items():
            e = i * self.width + j
            if not (self.hidden[e] and self.width_ok(e, augment=False)):
                found.append(("uniform answer", e))
            if not self.others_ok(i, augment=False):
                found.append(("uniform row", e))
        return found


# --------------------------------------------------------------------------
# Public API


def _is_missing(label: Hashable) -> bool:
    return pd.api.types.is_scalar(label) and bool(pd.isna(label))


def _canonical_order(labels: pd.Index) -> list[int]:
    """Positions of ``labels`` in sorted order, a missing label (a group of
    its own) last and mixed types by type name and repr, so any input order
    gives the same order."""
    items = list(labels)
    present = [p for p in range(len(items)) if not _is_missing(items[p])]
    missing = [p for p in range(len(items)) if _is_missing(items[p])]
    try:
        ordered = sorted(present, key=lambda p: items[p])
    except TypeError:
        ordered = sorted(
            present, key=lambda p: (type(items[p]).__name__, repr(items[p]))
        )
    return ordered + missing


def _check_labels(labels: pd.Index, what: str) -> None:
    if labels.has_duplicates:
        raise ValueError(f"{what} labels must be unique")
    if TOTAL in labels:
        raise ValueError(f"{what} labels must not include {TOTAL!r}")


def _whole_counts(counts: pd.DataFrame) -> np.ndarray:
    if counts.isna().to_numpy().any():
        raise ValueError("counts must not be missing")
    if any(pd.api.types.is_bool_dtype(t) for t in counts.dtypes):
        raise ValueError("counts must be numbers, not booleans")
    try:
        x = counts.to_numpy(dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError("counts must be whole non-negative numbers") from error
    if not np.isfinite(x).all() or (x < 0).any() or (x != np.round(x)).any():
        raise ValueError("counts must be whole non-negative numbers")
    return x.astype(np.int64).reshape(counts.shape)


def _mask_values(
    values: Mapping[str, pd.DataFrame], counts: pd.DataFrame, hidden_full: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    out = {}
    rows_allowed = pd.Index([*counts.index, TOTAL])
    cols_allowed = pd.Index([*counts.columns, TOTAL])
    for name, frame in values.items():
        if not isinstance(frame, pd.DataFrame):
            raise TypeError(f"values[{name!r}] must be a DataFrame")
        if frame.index.has_duplicates or frame.columns.has_duplicates:
            raise ValueError(f"values[{name!r}] labels must be unique")
        unknown = [*frame.index.difference(rows_allowed)]
        unknown += [*frame.columns.difference(cols_allowed)]
        if unknown:
            # A statistic without a count could not be checked: refuse it.
            raise ValueError(f"values[{name!r}] has labels not in counts: {unknown!r}")
        index = [*counts.index] + ([TOTAL] if TOTAL in frame.index else [])
        columns = [*counts.columns] + ([TOTAL] if TOTAL in frame.columns else [])
        wide = frame.reindex(index=index, columns=columns)
        try:
            numbers = wide.to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError) as error:
            raise ValueError(f"values[{name!r}] must be numeric") from error
        mask = hidden_full.loc[index, columns].to_numpy()
        numbers = np.where(mask, np.nan, numbers)
        out[name] = pd.DataFrame(numbers, index=wide.index, columns=wide.columns)
    return out


def _mask_row_values(
    row_values: Mapping[str, pd.Series], counts: pd.DataFrame, hidden_full: pd.DataFrame
) -> dict[str, pd.Series]:
    rows_allowed = pd.Index([*counts.index, TOTAL])
    # A row is complete when neither its total nor any of its cells is hidden.
    incomplete = hidden_full.any(axis=1)
    out = {}
    for name, series in row_values.items():
        if not isinstance(series, pd.Series):
            raise TypeError(f"row_values[{name!r}] must be a Series")
        if series.index.has_duplicates:
            raise ValueError(f"row_values[{name!r}] labels must be unique")
        unknown = [*series.index.difference(rows_allowed)]
        if unknown:
            raise ValueError(
                f"row_values[{name!r}] has rows not in counts: {unknown!r}"
            )
        index = [*counts.index] + ([TOTAL] if TOTAL in series.index else [])
        try:
            numbers = series.reindex(index).to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError) as error:
            raise ValueError(f"row_values[{name!r}] must be numeric") from error
        numbers = np.where(incomplete.loc[index].to_numpy(), np.nan, numbers)
        out[name] = pd.Series(numbers, index=pd.Index(index, dtype=object), name=name)
    return out


def _grid_for(
    counts: pd.DataFrame, policy: Policy
) -> tuple[_Grid, list[int], list[int]]:
    if not isinstance(policy, Policy):
        raise TypeError("policy must be a Policy")
    if not isinstance(counts, pd.DataFrame):
        raise TypeError("counts must be a DataFrame")
    _check_labels(counts.index, "row")
    _check_labels(counts.columns, "column")
    x = _whole_counts(counts)
    row_order = _canonical_order(counts.index)
    col_order = _canonical_order(counts.columns)
    grid = _Grid(x[np.ix_(row_order, col_order)], policy)
    # Input position -> grid position, the totals last.
    rows = [0] * len(row_order)
    for position, original in enumerate(row_order):
        rows[original] = position
    cols = [0] * len(col_order)
    for position, original in enumerate(col_order):
        cols[original] = position
    return grid, [*rows, len(rows)], [*cols, len(cols)]


def disclose(
    counts: pd.DataFrame,
    policy: Policy = DEFAULT_POLICY,
    *,
    values: Mapping[str, pd.DataFrame] | None = None,
    row_values: Mapping[str, pd.Series] | None = None,
) -> Disclosed:
    """Apply disclosure control to a two-way table of counts.

    ``counts``: whole non-negative numbers, rows = groups, columns =
    categories, unique labels. ``values``: derived statistics by name (shares,
    means, CI bounds, weighted figures), each a DataFrame labelled like
    ``counts``, optionally with a :data:`TOTAL` row or column for the totals;
    labels outside ``counts`` are refused. ``row_values``: statistics of
    whole rows (a Series by row label, optionally with a :data:`TOTAL` entry
    for the column totals' row), kept only for rows whose cells and total
    are all shown. Returns a :class:`Disclosed` with the same labels, every
    hidden count ``<NA>`` and every value that belongs to a hidden count NaN.
    """
    grid, rows, cols = _grid_for(counts, policy)
    grid.suppress()
    width = grid.width
    n_rows, n_cols = counts.shape

    def entry(r: int, c: int) -> int:
        return rows[r] * width + cols[c]

    hidden = np.zeros((n_rows + 1, n_cols + 1), dtype=bool)
    reason = np.empty((n_rows + 1, n_cols + 1), dtype=object)
    full = np.zeros((n_rows + 1, n_cols + 1), dtype=np.int64)
    for r in range(n_rows + 1):
        for c in range(n_cols + 1):
            hidden[r, c] = grid.hidden[entry(r, c)]
            reason[r, c] = grid.reason[entry(r, c)]
            full[r, c] = grid.a[entry(r, c)]

    index, columns = counts.index, counts.columns
    shown = pd.DataFrame(full[:n_rows, :n_cols], index=index, columns=columns)
    hidden_cells = pd.DataFrame(hidden[:n_rows, :n_cols], index=index, columns=columns)
    row_totals = pd.Series(
        full[:n_rows, n_cols], index=index, dtype="Int64", name=TOTAL
    )
    column_totals = pd.Series(
        full[n_rows, :n_cols], index=columns, dtype="Int64", name=TOTAL
    )
    hidden_full = pd.DataFrame(hidden, index=[*index, TOTAL], columns=[*columns, TOTAL])
    return Disclosed(
        counts=shown.astype("Int64").mask(hidden_cells),
        hidden=hidden_cells,
        reasons=pd.DataFrame(
            reason[:n_rows, :n_cols], index=index, columns=columns, dtype=object
        ),
        row_totals=row_totals.mask(hidden[:n_rows, n_cols]),
        column_totals=column_totals.mask(hidden[n_rows, :n_cols]),
        total=None if hidden[n_rows, n_cols] else int(full[n_rows, n_cols]),
        values=_mask_values(values or {}, counts, hidden_full),
        row_values=_mask_row_values(row_values or {}, counts, hidden_full),
        policy=policy,
        row_total_reasons=pd.Series(reason[:n_rows, n_cols], index=index, dtype=object),
        column_total_reasons=pd.Series(
            reason[n_rows, :n_cols], index=columns, dtype=object
        ),
        total_reason=reason[n_rows, n_cols],
    )


def disclose_series(
    counts: pd.Series,
    policy: Policy = DEFAULT_POLICY,
    *,
    values: Mapping[str, pd.Series] | None = None,
) -> Disclosed:
    """Disclosure control for one-way counts (groups with n and statistics).

    The series becomes a one-column table named after it (``"n"`` if it has
    no name), whose row totals equal its cells and whose column total is the
    grand total; a ``values`` series may carry a :data:`TOTAL` entry for the
    whole population's statistic.
    """
    if not isinstance(counts, pd.Series):
        raise TypeError("counts must be a Series")
    name = "n" if counts.name is None else counts.name
    frames = None
    if values is not None:
        frames = {}
        for key, series in values.items():
            if not isinstance(series, pd.Series):
                raise TypeError(f"values[{key!r}] must be a Series")
            frames[key] = series.to_frame(name=name)
    return disclose(counts.to_frame(name=name), policy, values=frames)


def published(row_values: Mapping[str, pd.Series], policy: Policy = DEFAULT_POLICY):
    """Figures another body has already published under its own disclosure
    control (Statistics Denmark's tables behind an indicator): they count no
    respondent of ours and carry no count, so nothing is hidden; they pass
    here so that every number shown still leaves through this module, and a
    table of them looks like any other (no cells, no totals)."""
    index = None
    frames = {}
    for name, series in row_values.items():
        if not isinstance(series, pd.Series):
            raise TypeError(f"row_values[{name!r}] must be a Series")
        index = series.index if index is None else index.union(series.index)
    index = pd.Index([] if index is None else list(index), dtype=object)
    for name, series in row_values.items():
        frames[name] = pd.Series(
            series.reindex(index).to_numpy(dtype=float, na_value=np.nan),
            index=index,
            name=name,
        )
    empty = pd.DataFrame(index=index, columns=pd.Index([], dtype=object))
    no_counts = pd.Series(pd.NA, index=index, dtype="Int64", name=TOTAL)
    nothing = pd.Series(None, index=index, dtype=object)
    return Disclosed(
        counts=empty.astype("Int64"),
        hidden=empty.astype(bool),
        reasons=empty.astype(object),
        row_totals=no_counts,
        column_totals=pd.Series([], dtype="Int64", name=TOTAL),
        total=None,
        values={},
        policy=policy,
        row_total_reasons=nothing,
        column_total_reasons=pd.Series([], dtype=object),
        total_reason=None,
        row_values=frames,
    )


def audit(counts: pd.DataFrame, disclosed: Disclosed) -> list[str]:
    """Check a published pattern against the true ``counts``: an empty list
    when every rule holds (nothing more would be hidden), otherwise one line
    per unmet rule naming the row and column labels (no counts)."""
    grid, rows, cols = _grid_for(counts, disclosed.policy)
    if not disclosed.counts.index.equals(counts.index) or not (
        disclosed.counts.columns.equals(counts.columns)
    ):
        raise ValueError("disclosed does not have the labels of counts")
    n_rows, n_cols = counts.shape
    hidden = np.zeros((n_rows + 1, n_cols + 1), dtype=bool)
    hidden[:n_rows, :n_cols] = disclosed.hidden.to_numpy(dtype=bool)
    hidden[:n_rows, n_cols] = disclosed.row_totals.isna().to_numpy()
    hidden[n_rows, :n_cols] = disclosed.column_totals.isna().to_numpy()
    hidden[n_rows, n_cols] = disclosed.total is None
    labels_r = [*counts.index, TOTAL]
    labels_c = [*counts.columns, TOTAL]
    where = {}
    for r in range(n_rows + 1):
        for c in range(n_cols + 1):
            e = rows[r] * grid.width + cols[c]
            grid.hidden[e] = bool(hidden[r, c])
            where[e] = (labels_r[r], labels_c[c])
    return [f"{rule}: {where[e]!r}" for rule, e in grid.problems()]


def group_is_shown(
    n: int, policy: Policy = DEFAULT_POLICY, *, population: int | None = None
) -> bool:
    """Whether a dashboard may show anything for a selection of ``n``
    respondents (the differencing rule): not for 0 < n < k. With
    ``population``, the size of the unfiltered view the selection is cut
    from, the rest (population - n) must also be 0 or at least k, or the two
    views' difference would describe fewer than k people."""
    n = _check_whole(n, "n")
    if n < 0:
        raise ValueError("n must not be negative")
    if 0 < n < policy.k:
        return False
    if population is None:
        return True
    rest = _check_whole(population, "population") - n
    if rest < 0:
        raise ValueError("population must be at least n")
    return not 0 < rest < policy.k


def hide_further(
    disclosed: Disclosed,
    *,
    cells: Iterable[tuple[Hashable, Hashable]] = (),
    row_totals: Iterable[Hashable] = (),
    column_totals: Iterable[Hashable] = (),
    total: bool = False,
) -> Disclosed:
    """``disclosed`` with further numbers hidden (reason SECONDARY): what the
    joint audit of a release (participation.stats.joint_audit) adds when
    tables that share cells would otherwise give a hidden number away. The
    statistics of a hidden count, and of a row with anything hidden, are
    hidden with it, as :func:`disclose` does."""
    counts = disclosed.counts.copy()
    hidden = disclosed.hidden.copy()
    reasons = disclosed.reasons.copy()
    r_totals = disclosed.row_totals.copy()
    c_totals = disclosed.column_totals.copy()
    r_reasons = disclosed.row_total_reasons.copy()
    c_reasons = disclosed.column_total_reasons.copy()
    for row, column in cells:
        if not hidden.loc[row, column]:
            counts.loc[row, column] = pd.NA
            hidden.loc[row, column] = True
            reasons.loc[row, column] = Reason.SECONDARY
    for row in row_totals:
        if not pd.isna(r_totals.loc[row]):
            r_totals.loc[row] = pd.NA
            r_reasons.loc[row] = Reason.SECONDARY
    for column in column_totals:
        if not pd.isna(c_totals.loc[column]):
            c_totals.loc[column] = pd.NA
            c_reasons.loc[column] = Reason.SECONDARY
    grand, grand_reason = disclosed.total, disclosed.total_reason
    if total and grand is not None:
        grand, grand_reason = None, Reason.SECONDARY
    index, columns = list(counts.index), list(counts.columns)
    full = np.zeros((len(index) + 1, len(columns) + 1), dtype=bool)
    full[:-1, :-1] = hidden.to_numpy(dtype=bool)
    full[:-1, -1] = r_totals.isna().to_numpy()
    full[-1, :-1] = c_totals.isna().to_numpy()
    full[-1, -1] = grand is None
    hidden_full = pd.DataFrame(full, index=[*index, TOTAL], columns=[*columns, TOTAL])
    return dataclasses.replace(
        disclosed,
        counts=counts,
        hidden=hidden,
        reasons=reasons,
        row_totals=r_totals,
        column_totals=c_totals,
        total=grand,
        values=_mask_values(disclosed.values, counts, hidden_full),
        row_values=_mask_row_values(disclosed.row_values, counts, hidden_full),
        row_total_reasons=r_reasons,
        column_total_reasons=c_reasons,
        total_reason=grand_reason,
    )


def stack_rows(parts: list[tuple[Disclosed, Hashable]]) -> Disclosed:
    """Rows of several disclosed tables with the same columns, one under the
    other: ``parts`` are (table, row label) pairs, each row as its own table
    showed it. For a table whose rows come from different populations (an
    indicator's years, each from its own release). The column totals and
    the grand total of the stack were never audited, so they are hidden."""
    if not parts:
        raise ValueError("nothing to stack")
    policy = parts[0][0].policy
    columns = parts[0][0].counts.columns
    if any(not part.counts.columns.equals(columns) for part, _row in parts):
        raise ValueError("stacked tables must have the same columns")
    labels = [row for _part, row in parts]
    if len(set(labels)) != len(labels):
        raise ValueError("stacked tables must not share a row")

    def rows(frames) -> pd.DataFrame | pd.Series:
        return pd.concat([frame.loc[[row]] for frame, row in frames])

    counts = rows((part.counts, row) for part, row in parts)
    hidden = rows((part.hidden, row) for part, row in parts)
    reasons = rows((part.reasons, row) for part, row in parts)
    row_totals = rows((part.row_totals, row) for part, row in parts)
    row_reasons = rows((part.row_total_reasons, row) for part, row in parts)
    values = {
        name: rows((part.values[name], row) for part, row in parts)
        for name in parts[0][0].values
    }
    row_values = {
        name: rows((part.row_values[name], row) for part, row in parts)
        for name in parts[0][0].row_values
    }
    return Disclosed(
        counts=counts,
        hidden=hidden,
        reasons=reasons,
        row_totals=row_totals,
        column_totals=pd.Series(pd.NA, index=columns, dtype="Int64", name=TOTAL),
        total=None,
        values=values,
        policy=policy,
        row_total_reasons=row_reasons,
        column_total_reasons=pd.Series(None, index=columns, dtype=object),
        total_reason=None,
        row_values=row_values,
    )
