"""k-anonymity for the one-row-per-response export (SPEC §4.2).

Raw responses leave the database only through a file in which every
combination of quasi-identifier values occurs at least ``k`` times
(participation/council/raw_export.py says which columns those are). This
module makes a frame so, the way sdcMicro's workflow does: global recoding
along hierarchies first, then local suppression of single values, and rows
dropped only as a last resort. Pure: numpy and pandas, nothing of ours.

Columns in: any; ``quasi`` names the quasi-identifiers (QIs), most important
first. Their values are hashable labels, in practice text, where a missing
answer is a value of its own (``""``). Columns out: the same, in the same
order, with the same index less the dropped rows; non-QI columns are not
touched, QI values are generalised or replaced by :data:`SUPPRESSED`.

Suppressed values count as a value of their own
    A combination holding ``"*"`` must itself occur ``k`` times. sdcMicro
    counts a suppressed value (NA) as matching every value of its column, so
    a row of ``(immigrant, *)`` helps every ``(immigrant, x)`` reach ``k``.
    That is optimistic: the value behind a star can often be inferred (an
    origin from the answers it is derived from, a country group from the
    origin), and then the starred rows were never candidates for the other
    combinations. Counted as its own value, a star can only make the file
    coarser: whoever knows a resident's values finds at least the ``k`` rows
    of the resident's published combination, whatever else he infers.

What is lost
    A star loses its cell. A recoded value that stands for ``g`` of the
    ``N`` values the column has loses ``(g - 1) / (N - 1)`` of it (Iyengar's
    loss metric), a dropped row all its QIs. A lost cell weighs 2 in the
    most important column down to 1 in the least (:func:`_importance`).

1. Global recoding (generalisation)
    A QI may have a hierarchy: levels of recoding, each a mapping from the
    column's original values to coarser ones (values not in a mapping stay);
    :func:`merge_rare`, :func:`merge_adjacent` and :func:`number_bands`
    build the usual ones. Greedily, starting from no recoding, each round
    tries every column at every level above its current one, runs step 2 on
    the result, and keeps the recoding that loses least in all, as long as
    that is less than before. Lazily: what a recoding saved when last tried
    is taken as a bound on what it saves now, so a round stops trying once
    the best found saves more than any untried one did (a round that finds
    nothing has tried every one afresh).

2. Local suppression, by clustering
    Rows with one combination are treated alike, so this works on the
    distinct combinations and their row counts. Combinations of at least
    ``k`` rows stay as they are. The others ("unsafe") are clustered top
    down along the importance order, like sdcMicro's ``localSuppression``
    with an importance vector suppresses the least important first:

    - split by the value of the most important column; a group of ``2k``
      rows or more is split further by the next column, a group of ``k`` to
      ``2k - 1`` rows is a cluster;
    - the groups under ``k``, and what the splits below them left over, are
      pooled and split again by the columns after this one, which they may
      still share (this column is starred where the pool's clusters differ
      in it); what is still left over, under ``k`` rows, goes back up to
      the column before;
    - at the top, what is left joins the cluster, or the combination of
      ``k`` rows or more, where it costs the fewest new stars. Only when
      there is nothing to join (the frame has fewer than ``k`` rows) are
      rows dropped.

    A cluster is published as one combination: its rows keep the values
    they all share and get a star in every column where they differ. Every
    published combination thus has at least ``k`` rows; clusters that come
    out alike, or like a combination kept as it was, only add up.

The :class:`Report` says which values each column's recoding merged, how
many cells it changed and how many values were suppressed per column, and
how many rows were dropped: the export page shows it to staff.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import pandas as pd

#: What a suppressed value reads in the protected frame.
SUPPRESSED: Final = "*"
#: What :func:`merge_rare` merges rare values into.
OTHER: Final = "other"
#: Joins the first and last value of a run merged by :func:`merge_adjacent`.
RANGE: Final = ".."

#: A hierarchy: level 1, 2, ... as mappings from the original values.
Hierarchy = Sequence[Mapping[Hashable, Hashable]]


@dataclass(frozen=True)
class Report:
    """What :func:`protect` did, per QI in the order given.

    ``generalised`` maps a column to ``{original value: value written}`` for
    the values its recoding changed (empty when it kept its values);
    ``generalised_cells`` counts the cells of the protected frame that show
    such a value; ``suppressed`` counts the cells that show
    :data:`SUPPRESSED` in place of a value. ``dropped`` rows are left out.
    """

    k: int
    rows: int
    dropped: int = 0
    generalised: dict[str, dict[Hashable, Hashable]] = field(default_factory=dict)
    generalised_cells: dict[str, int] = field(default_factory=dict)
    suppressed: dict[str, int] = field(default_factory=dict)

    @property
    def kept(self) -> int:
        return self.rows - self.dropped

    @property
    def changed(self) -> bool:
        """Whether any value was generalised or suppressed or a row dropped."""
        return bool(
            self.dropped
            or any(self.generalised_cells.values())
            or any(self.suppressed.values())
        )


# --- hierarchies -----------------------------------------------------------


def merge_rare(
    counts: Mapping[Hashable, int],
    *,
    into: Hashable = OTHER,
    keep: Iterable[Hashable] = ("",),
) -> list[dict[Hashable, Hashable]]:
    """Levels of a nominal column from its values' row counts: each level
    puts one more of the rarest values (fewest rows, ties by value) into
    ``into``, which absorbs its own rows if it is already a value. Values in
    ``keep`` (the missing answer) are never merged. The last level leaves two
    groups; a level that would only rename one value is skipped."""
    keep = set(keep)
    rare = sorted(
        (value for value in counts if value != into and value not in keep),
        key=lambda value: (counts[value], str(value)),
    )
    levels = []
    # Merging one value into an ``into`` not yet there would only rename it.
    for merged in range(1 if into in counts else 2, len(rare)):
        levels.append(dict.fromkeys(rare[:merged], into))
    return levels


def merge_adjacent(
    order: Sequence[Hashable], counts: Mapping[Hashable, int]
) -> list[dict[Hashable, Hashable]]:
    """Levels of an ordinal column (age bands) from its values in order and
    their row counts: each level merges the two neighbouring groups with the
    fewest rows together (ties to the first), named ``first..last`` by the
    values they run from and to. Values not in ``order`` are never merged.
    The last level leaves two groups."""
    groups = [[value] for value in order]
    levels = []
    while len(groups) > 2:
        sizes = [sum(counts.get(v, 0) for v in group) for group in groups]
        pair = min(range(len(groups) - 1), key=lambda i: sizes[i] + sizes[i + 1])
        groups[pair : pair + 2] = [groups[pair] + groups[pair + 1]]
        levels.append(
            {
                value: f"{group[0]}{RANGE}{group[-1]}"
                for group in groups
                if len(group) > 1
                for value in group
            }
        )
    return levels


def number_bands(
    values: Iterable[Hashable], widths: Sequence[int] = (5, 10, 20)
) -> list[dict[Hashable, Hashable]]:
    """Levels of a whole-number column (text such as ``"12"``): one per
    width, each putting a number into the band ``low-high`` of that width
    that holds it (``"10-14"``, ``"10-19"``, ...). Widths should each divide
    the next, so every level is coarser than the one before. Values that are
    not whole numbers (the missing answer) stay."""
    numbers = {}
    for value in values:
        try:
            numbers[value] = int(str(value))
        except ValueError:
            continue
    levels = []
    for width in widths:
        level = {}
        for value, number in numbers.items():
            low = number // width * width
            level[value] = f"{low}-{low + width - 1}"
        levels.append(level)
    return levels


# --- the protection -----------------------------------------------------------


def _dense(codes: np.ndarray) -> np.ndarray:
    """One whole number per distinct row of a 2-D array of codes >= 0,
    numbered 0, 1, ... in order of first appearance."""
    key = np.zeros(codes.shape[0], dtype=np.int64)
    for j in range(codes.shape[1]):
        column = codes[:, j].astype(np.int64)
        key = pd.factorize(key * (int(column.max(initial=0)) + 1) + column)[0]
    return key.astype(np.int64)


def _distinct(codes: np.ndarray, weights: np.ndarray):
    """The distinct rows of ``codes``, the weight of each, and which
    distinct row each row of ``codes`` is."""
    key = _dense(codes)
    total = np.bincount(key, weights=weights)
    first = np.zeros(len(total), dtype=np.int64)
    first[key[::-1]] = np.arange(len(key))[::-1]
    return codes[first], total, key


_NONE = np.zeros(0, dtype=np.int64)


class _Clusters:
    """Local suppression by clustering (module docstring, step 2) of the
    distinct combinations ``codes`` (codes >= 1; 0 is the star), each
    counting ``weights`` rows.

    A cluster is a list ``[rows, weight, low, high]``: the combinations it
    holds, their rows, and each column's lowest and highest code among them
    (the cluster is published with a star wherever they differ)."""

    def __init__(self, codes: np.ndarray, weights: np.ndarray, k: int):
        self.codes, self.weights, self.k = codes, weights, k
        self.width = codes.shape[1]

    def cluster(self, rows: np.ndarray, weight: float) -> list:
        values = self.codes[rows]
        return [rows, weight, values.min(axis=0), values.max(axis=0)]

    def merge(self, clusters: list[list], extra: list) -> None:
        """Put the cluster ``extra`` into the one of ``clusters`` where it
        costs the fewest new stars (cells of a column that becomes mixed)."""
        _rows, weight, low, high = extra
        lows = np.array([c[2] for c in clusters])
        highs = np.array([c[3] for c in clusters])
        weights = np.array([c[1] for c in clusters])
        before = (lows != highs).sum(axis=1) * weights
        new_low, new_high = np.minimum(lows, low), np.maximum(highs, high)
        after = (new_low != new_high).sum(axis=1) * (weights + weight)
        best = int(np.argmin(after - before))
        target = clusters[best]
        target[0] = np.concatenate([target[0], extra[0]])
        target[1] += weight
        target[2], target[3] = new_low[best], new_high[best]

    def split(self, rows: np.ndarray, weight: float, depth: int):
        """Clusters of at least k rows among ``rows`` (which agree on the
        columns before ``depth`` that were not skipped), and the rows left
        over (fewer than k) with their weight."""
        if weight < self.k:
            return [], rows, weight
        if depth == self.width or weight < 2 * self.k:
            # Fewer than 2k rows make one cluster whatever is split below.
            return [self.cluster(rows, weight)], _NONE, 0.0
        column = self.codes[rows, depth]
        order = np.argsort(column, kind="stable")
        rows, column = rows[order], column[order]
        starts = np.flatnonzero(column[1:] != column[:-1]) + 1
        sums = np.add.reduceat(self.weights[rows], np.concatenate(([0], starts)))
        bounds = [0, *starts.tolist()]
        ends = [*starts.tolist(), len(rows)]
        clusters, left, left_weight = [], [], 0.0
        for start, end, part in zip(bounds, ends, sums.tolist(), strict=True):
            if part < self.k:
                left.append(rows[start:end])
                left_weight += part
                continue
            found, rest, rest_weight = self.split(rows[start:end], part, depth + 1)
            clusters += found
            left.append(rest)
            left_weight += rest_weight
        left = np.concatenate(left) if left else _NONE
        if left_weight >= self.k:
            # Together they may still agree on the columns after this one.
            found, left, left_weight = self.split(left, left_weight, depth + 1)
            clusters += found
        return clusters, left, left_weight

    def protect(self) -> tuple[np.ndarray, np.ndarray]:
        """The published codes of each combination (0 where starred) and
        which combinations are dropped."""
        codes, weights, k = self.codes, self.weights, self.k
        published = codes.copy()
        drop = np.zeros(len(codes), dtype=bool)
        unsafe = np.flatnonzero(weights < k)
        if not len(unsafe):
            return published, drop
        clusters, left, left_weight = self.split(
            unsafe, float(weights[unsafe].sum()), 0
        )
        if len(left):
            # What no cluster took joins the cluster or the kept combination
            # where it costs the fewest stars, unless there is none.
            kept = [
                self.cluster(np.array([i]), weights[i])
                for i in np.flatnonzero(weights >= k)
            ]
            if clusters or kept:
                candidates = clusters + kept
                self.merge(candidates, self.cluster(left, left_weight))
                clusters = [c for c in candidates if c[1] >= k and len(c[0]) > 1]
            else:
                drop[left] = True
        if clusters:
            member = np.concatenate([c[0] for c in clusters])
            mixed = np.array([c[2] != c[3] for c in clusters])
            which = np.repeat(np.arange(len(clusters)), [len(c[0]) for c in clusters])
            published[member] = np.where(mixed[which], 0, published[member])
        return published, drop


@dataclass
class _Column:
    """One QI: its original values, and for each hierarchy level (0 is the
    values as they are) the code of each original value's value at that
    level (from 1; 0 is the star) and the values those codes stand for."""

    name: str
    values: np.ndarray
    levels: list[tuple[np.ndarray, np.ndarray]]

    @classmethod
    def build(cls, name: str, values: np.ndarray, hierarchy: Hierarchy) -> _Column:
        levels = []
        for mapping in [{}, *hierarchy]:
            shown = np.empty(len(values), dtype=object)
            shown[:] = [mapping.get(v, v) for v in values]
            codes, uniques = pd.factorize(shown, use_na_sentinel=False)
            labels = np.empty(len(uniques) + 1, dtype=object)
            labels[0] = SUPPRESSED
            labels[1:] = list(uniques)
            levels.append((codes.astype(np.int64) + 1, labels))
        return cls(name, values, levels)

    def changed(self, level: int) -> np.ndarray:
        """Which original values the level writes differently."""
        codes, labels = self.levels[level]
        return np.array(
            [labels[c] != v for c, v in zip(codes, self.values, strict=True)],
            dtype=bool,
        )

    def loss(self, level: int) -> np.ndarray:
        """The information a cell of each original value loses at the level:
        (g - 1) / (N - 1) when its value there stands for g of the column's
        N values (Iyengar's loss metric; a star loses 1)."""
        codes, _labels = self.levels[level]
        if len(codes) < 2:
            return np.zeros(len(codes))
        return (np.bincount(codes)[codes] - 1) / (len(codes) - 1)


@dataclass
class _Outcome:
    """One choice of levels, protected: the distinct generalised
    combinations, their rows, which one each original combination became,
    their published codes and which are dropped, and the cost."""

    levels: list[int]
    weights: np.ndarray
    which: np.ndarray
    published: np.ndarray
    drop: np.ndarray
    cost: float


def _outcome(
    original: np.ndarray,
    weights: np.ndarray,
    columns: list[_Column],
    levels: list[int],
    k: int,
) -> _Outcome:
    general = np.column_stack(
        [
            column.levels[level][0][original[:, j]]
            for j, (column, level) in enumerate(zip(columns, levels, strict=True))
        ]
    )
    distinct, merged, which = _distinct(general, weights)
    published, drop = _Clusters(distinct, merged, k).protect()
    # Each original combination's loss, column by column, by importance.
    star = published[which] == 0
    loss = np.column_stack(
        [
            np.where(star[:, j], 1.0, column.loss(level)[original[:, j]])
            for j, (column, level) in enumerate(zip(columns, levels, strict=True))
        ]
    )
    loss[drop[which]] = 1.0
    cost = float(weights @ loss @ _importance(len(columns)))
    return _Outcome(levels, merged, which, published, drop, cost)


def _importance(width: int) -> np.ndarray:
    """What a lost cell of each column weighs: 2 for the most important
    column down to 1 for the least, evenly."""
    if width < 2:
        return np.ones(width)
    return 2 - np.arange(width) / (width - 1)


def _generalise(
    original: np.ndarray, weights: np.ndarray, columns: list[_Column], k: int
) -> _Outcome:
    """Greedy global recoding (module docstring, step 1): the outcome of the
    levels chosen.

    Lazily: what a recoding saved when last tried is taken as a bound on
    what it saves now (recodings seldom help more once others are made), so
    only the most promising are tried again each round."""
    best = _outcome(original, weights, columns, [0] * len(columns), k)
    # (column, level) -> the saving when last tried; none tried yet.
    saving = {
        (j, level): np.inf
        for j in range(len(columns))
        for level in range(1, len(columns[j].levels))
    }
    while saving and best.cost > 0:
        # Most promising first; the less important column and the lower
        # level first among equals.
        queue = sorted(saving, key=lambda c: (-saving[c], -c[0], c[1]))
        step = None
        for j, level in queue:
            if step is not None and best.cost - step.cost >= saving[(j, level)]:
                break
            levels = [*best.levels]
            levels[j] = level
            trial = _outcome(original, weights, columns, levels, k)
            saving[(j, level)] = best.cost - trial.cost
            if trial.cost < (step or best).cost:
                step = trial
        if step is None:
            break
        changed = next(
            j
            for j, (now, then) in enumerate(zip(best.levels, step.levels, strict=True))
            if now != then
        )
        best = step
        # The column just recoded starts afresh from its new level.
        saving = {
            (j, level): np.inf if j == changed else value
            for (j, level), value in saving.items()
            if level > best.levels[j]
        }
    return best


def protect(
    frame: pd.DataFrame,
    *,
    quasi: Sequence[str],
    k: int,
    hierarchies: Mapping[str, Hierarchy] | None = None,
) -> tuple[pd.DataFrame, Report]:
    """``frame`` made k-anonymous on the columns ``quasi`` (most important
    first; a column listed in ``hierarchies`` may be recoded along its
    levels), and the :class:`Report` of what was done. See the module
    docstring for the algorithm; the result depends only on the values, not
    on the order of the rows."""
    if k < 1:
        raise ValueError("k must be at least 1")
    quasi = list(quasi)
    hierarchies = hierarchies or {}
    unknown = [c for c in [*quasi, *hierarchies] if c not in frame.columns]
    if unknown or len(set(quasi)) != len(quasi):
        raise ValueError(f"quasi-identifiers not once in the frame: {unknown}")
    n = len(frame)
    if not quasi or n == 0:
        return frame.copy(), Report(
            k=k,
            rows=n,
            generalised={c: {} for c in quasi},
            generalised_cells=dict.fromkeys(quasi, 0),
            suppressed=dict.fromkeys(quasi, 0),
        )

    per_column, columns = [], []
    for name in quasi:
        values = frame[name].to_numpy(dtype=object)
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        # Codes in the order of the values, not of the rows.
        rank = np.argsort(np.argsort([str(v) for v in uniques], kind="stable"))
        ordered = np.empty(len(uniques), dtype=object)
        ordered[rank] = list(uniques)
        per_column.append(rank[codes])
        columns.append(_Column.build(name, ordered, hierarchies.get(name, ())))
    row_codes = np.column_stack(per_column).astype(np.int64)
    # Distinct combinations, sorted by value so that ties do not depend on
    # the order of the rows.
    original, weights, row_combination = _distinct(row_codes, np.ones(n))
    order = np.lexsort(original.T[::-1])
    original, weights = original[order], weights[order]
    position = np.empty_like(order)
    position[order] = np.arange(len(order))
    row_combination = position[row_combination]

    outcome = _generalise(original, weights, columns, k)
    final = outcome.which[row_combination]
    kept_rows = ~outcome.drop[final]
    out = frame.loc[kept_rows].copy()
    final = final[kept_rows]
    generalised, generalised_cells, suppressed = {}, {}, {}
    for j, column in enumerate(columns):
        level = outcome.levels[j]
        codes, labels = column.levels[level]
        published = outcome.published[final, j]
        out[column.name] = pd.Series(labels[published], index=out.index, dtype=object)
        changed = column.changed(level)
        generalised[column.name] = {
            value: labels[code]
            for value, code, differs in zip(column.values, codes, changed, strict=True)
            if differs
        }
        star = published == 0
        suppressed[column.name] = int(star.sum())
        generalised_cells[column.name] = int(
            (changed[row_codes[kept_rows, j]] & ~star).sum()
        )
    report = Report(
        k=k,
        rows=n,
        dropped=int(n - kept_rows.sum()),
        generalised=generalised,
        generalised_cells=generalised_cells,
        suppressed=suppressed,
    )
    return out, report
