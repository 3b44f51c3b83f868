"""Joint disclosure audit: every table of a release as one system.

:mod:`participation.stats.disclosure` protects one two-way table with its
margins exactly. A release publishes many tables of one population (every
breakdown of every question, nested categories such as country group inside
origin, indicator rows, theme counts), and tables that share respondents can
undo each other's suppressions: a hidden 1 in one table may be the difference
of two published cells of another ("linked tables", SPEC §4.2). This module
audits a whole release at once and hides further numbers until it is safe.
Pure: numpy, pandas and scipy (HiGHS), nothing of ours but the constants of
:mod:`~participation.stats.disclosure`.

The model
    Pick the finest cross-classification the release touches, the *inner
    cells* (for a survey question: every combination of the breakdown
    variables the tables cut it by, times the answer). Every number of the
    release, published or hidden, is a :class:`Number`: the sum of a set of
    inner cells. Structural facts that are not published numbers (two
    separately modelled tables count the same respondents per answer) are
    :class:`Equation` s over inner cells.

The attacker
    knows every published number exactly, every equation, that inner cells
    are whole numbers >= 0, and each hidden number's ``at_least``: a hidden
    count outside a uniform row is known to be >= 1 because zeros are never
    hidden as complements (``disclose`` hides zeros only inside uniform rows
    and tables it withholds whole; there ``at_least`` is 0). For every hidden
    number he solves the integer programme "min and max of its sum".
    A hidden number is protected when that interval is at least ``k`` wide
    (rule :data:`WIDTH`), or, for the other answers of a uniform group (rule
    :data:`ROOM`), when ``k`` members could have answered otherwise: max >=
    value + k. Rule :data:`NONE` needs nothing (the number may be published).

Rows and components
    Numbers with the same set of inner cells are one *row* (a column total
    shared by tables, a weighted and an unweighted copy of one table): if any
    copy is published, every hidden copy is disclosed exactly. Copies must
    have one value (they count the same people); a mismatch is a ValueError.
    Inner cells joined by any number or equation form a *component*
    (union-find); components are independent systems and are solved one by
    one: a release has thousands of numbers, a component tens to a few
    thousand inner cells. Inner cells that every number and equation treat
    alike (the same rows, the same coefficients) are merged into one variable,
    which changes no bound (a sum of whole numbers >= 0 is any whole number
    >= 0).

Exact disclosure, then bounds
    Duplicates, the common exact disclosure between tables, are found by
    hashing the cell sets. Other exact disclosures are left to the LP: it
    finds every one (min = max), including those that follow from
    non-negativity, which a row-space (rank) test misses (a published 0 pins
    every cell under it), and scipy has no sparse rank-revealing
    factorisation, so a rank test would cost a dense factorisation per
    component on top of the LPs it cannot replace. A hidden number with an
    inner cell that no published number or equation bounds is unbounded above
    and is not solved at all.

    Bounds come from ``scipy.optimize.linprog(method="highs")``: the integer
    bound lies within the LP's, so a narrow LP interval is a finding. Where
    the LP is wide enough, integer programmes (``scipy.optimize.milp``)
    decide, unless the LP optimum is already a whole vertex (always so for a
    single table with margins, a network), in which case the LP bound is the
    integer one. A verdict needs no optimum, only "is there a whole solution
    with the sum >= value + k" (max - value >= k is enough for WIDTH: the
    minimum is at most the value), a feasibility programme HiGHS ends at its
    first solution; exact integer optima are solved only for narrow numbers
    and :func:`bounds`. ``integer=False`` stops at the LP (rounded inwards:
    the attacker knows the counts are whole). If HiGHS runs out of
    :data:`MIP_SECONDS`, the best whole solution found so far is used, which
    can only make the audit stricter. A published number of one variable
    fixes it: fixed variables are substituted out before HiGHS sees the
    programme, which it would otherwise presolve away on every solve.

Protection (:func:`protect`)
    Hidden numbers needing protection are checked one at a time in a fixed
    order (sorted repr of their keys). While one is narrow: a hidden copy of
    a published row gets the published copies hidden with it; otherwise the
    published rows whose constraints bind in the LP of the checked side(s)
    (non-zero ``res.eqlin.marginals`` of the whole programme, fixed variables
    included) are candidates, and the cheapest with value > 0 is hidden
    (``at_least=1``; ``cost``, by default the value then the number of inner
    cells, so small cells before big totals; ties by the sorted repr of the
    keys). Hiding a number replaces "= value" by ">= at_least", a
    relaxation: a number once protected stays protected, so only narrow
    numbers and newly hidden ones are checked again; a newly hidden number
    is audited under its own ``rule``. When no binding number with value > 0
    exists, hiding other numbers cannot move the LP bound (the same dual
    solution still proves it), so only when the integer programme alone was
    narrow are all published numbers > 0 of the component hidden; then, as a
    last resort, the binding published zeros (``at_least=0``, the one case a
    zero is hidden: a uniform group whose other answers another table shows
    as zeros). A number pinned by the equations and lower bounds alone cannot
    be fixed by hiding anything and stays a finding. Every step hides at
    least one number, so protection ends.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, linprog, milp

from participation.stats.disclosure import DEFAULT_K, DEFAULT_POLICY, TOTAL

WIDTH: Final = "width"
ROOM: Final = "room"
NONE: Final = "none"
RULES: Final = frozenset({WIDTH, ROOM, NONE})
#: Column label of the virtual "other answers" number of a uniform row in
#: :func:`table_numbers` keys. Never a category or group code.
OTHERS: Final = "__others__"
#: Time HiGHS may spend on one integer programme, in seconds.
MIP_SECONDS: Final = 20.0

_EPS: Final = 1e-6
_DUAL_EPS: Final = 1e-9


def _whole(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"{name} must be a whole number, not {value!r}")
    return int(value)


@dataclass(frozen=True)
class Number:
    """One number of a release: the sum of the inner cells ``cells``.

    ``value`` is the true count (>= 0; 0 when ``cells`` is empty). A hidden
    number's ``at_least`` is the lower bound the attacker knows (at most the
    value). ``rule`` is what it needs while hidden: :data:`WIDTH`,
    :data:`ROOM` or :data:`NONE`; a published number keeps its rule for when
    :func:`protect` hides it. ``known=False``: the value is not the true
    count but one all its copies share, at least ``at_least`` (a frozen
    release keeps no hidden count); WIDTH is then judged from both ends of
    the interval, never from the value."""

    key: Hashable
    cells: frozenset[Hashable]
    value: int
    hidden: bool
    at_least: int = 0
    rule: str = WIDTH
    known: bool = True

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "cells", frozenset(self.cells))
        set_(self, "value", _whole(self.value, "value"))
        set_(self, "at_least", _whole(self.at_least, "at_least"))
        set_(self, "hidden", bool(self.hidden))
        if self.value < 0:
            raise ValueError(f"{self.key!r}: value must not be negative")
        if not 0 <= self.at_least <= self.value:
            raise ValueError(f"{self.key!r}: at_least must lie in 0..value")
        if self.rule not in RULES:
            raise ValueError(f"{self.key!r}: rule must be one of {sorted(RULES)}")
        if not self.cells and self.value:
            raise ValueError(f"{self.key!r}: a sum of no cells is 0")


@dataclass(frozen=True)
class Equation:
    """A structural fact everyone knows: ``sum(coef * cell) == rhs`` over
    inner cells (whole coefficients; zeros are dropped)."""

    terms: Mapping[Hashable, int]
    rhs: int = 0

    def __post_init__(self) -> None:
        terms = {}
        for cell, coef in dict(self.terms).items():
            if whole := _whole(coef, "coefficient"):
                terms[cell] = whole
        object.__setattr__(self, "terms", MappingProxyType(terms))
        object.__setattr__(self, "rhs", _whole(self.rhs, "rhs"))

    def __hash__(self) -> int:
        return hash((frozenset(self.terms.items()), self.rhs))


@dataclass(frozen=True)
class Finding:
    """A hidden number the attacker narrows to ``low..high`` (whole numbers,
    both ends possible), against its ``rule``."""

    key: Hashable
    low: int
    high: int
    rule: str


# --------------------------------------------------------------------------
# One component: its rows, variables and programmes


@dataclass
class _Side:
    """One LP optimum: the whole-number bound it implies, and whether the
    LP's vertex is whole (then it is the integer optimum too)."""

    maximize: bool
    bound: float
    whole: bool


@dataclass
class _Model:
    """The programme of a component in its current state. Variables that a
    published number of their own fixes are left out (HiGHS would presolve
    them away on every solve): columns are the variables left, ``a_* @ x``
    plus the fixed ones' share."""

    a_eq: sparse.csr_array
    b_eq: np.ndarray
    a_ub: sparse.csr_array  # -(a hidden sum) <= -(its lower bound)
    b_ub: np.ndarray
    lower: np.ndarray
    free: np.ndarray  # in no equality: unbounded above
    fixed: np.ndarray  # by variable
    value: np.ndarray  # by variable: the fixed value, 0 elsewhere
    column: np.ndarray  # by variable: its column if not fixed


@dataclass
class _Verdict:
    width_ok: bool
    room_ok: bool
    integer_only: bool  # narrow only under the integer programme
    sides: list[_Side]

    @property
    def ok(self) -> bool:
        return self.width_ok and self.room_ok


class _Component:
    """Rows and equations sharing inner cells. ``state`` holds every
    number's (hidden, at_least), shared with the caller and changed by
    :meth:`hide`; the programmes are rebuilt when it changes."""

    def __init__(
        self,
        numbers: Sequence[Number],
        copies: list[list[int]],
        equations: list[Equation],
        state: list[list[Any]],
        integer: bool,
    ) -> None:
        self.numbers, self.state, self.integer = numbers, state, integer
        self.order = [tuple(sorted(repr(numbers[i].key) for i in c)) for c in copies]
        ranked = sorted(range(len(copies)), key=self.order.__getitem__)
        self.copies = [copies[r] for r in ranked]
        self.order = [self.order[r] for r in ranked]
        self.value = [numbers[c[0]].value for c in self.copies]
        self.known = [all(numbers[i].known for i in c) for c in self.copies]
        self.equations = sorted(
            equations,
            key=lambda e: (sorted((repr(c), v) for c, v in e.terms.items()), e.rhs),
        )
        # Inner cells that every row and equation treat alike are one variable.
        signature: dict[Hashable, list[tuple[int, int]]] = {}
        for r, c in enumerate(self.copies):
            for cell in numbers[c[0]].cells:
                signature.setdefault(cell, []).append((r, 1))
        base = len(self.copies)
        for q, equation in enumerate(self.equations):
            for cell, coef in equation.terms.items():
                signature.setdefault(cell, []).append((base + q, coef))
        variable: dict[tuple, int] = {}
        of_cell: dict[Hashable, int] = {}
        for cell in sorted(signature, key=repr):
            key = tuple(signature[cell])
            of_cell[cell] = variable.setdefault(key, len(variable))
        self.n = len(variable)
        self.vars = [
            np.array(sorted({of_cell[x] for x in numbers[c[0]].cells}), dtype=np.int64)
            for c in self.copies
        ]
        self.eq_terms = []
        for equation in self.equations:
            merged: dict[int, int] = {}
            for cell, coef in equation.terms.items():
                merged[of_cell[cell]] = coef  # merged cells share coefficients
            self.eq_terms.append((merged, equation.rhs))
        self._model: _Model | None = None
        self._cache: dict[tuple[int, bool, str], Any] = {}

    # -- state -------------------------------------------------------------

    def published(self, r: int) -> bool:
        return any(not self.state[i][0] for i in self.copies[r])

    def lower(self, r: int) -> int:
        return max(
            (self.state[i][1] for i in self.copies[r] if self.state[i][0]), default=0
        )

    def rules(self, r: int) -> set[str]:
        return {self.numbers[i].rule for i in self.copies[r] if self.state[i][0]}

    def hide(self, rows: Iterable[int]) -> list[int]:
        """Hide every copy of ``rows`` (at_least 1 if the value is > 0);
        returns the rows that were published."""
        changed = []
        for r in rows:
            if self.published(r):
                changed.append(r)
            for i in self.copies[r]:
                if not self.state[i][0]:
                    self.state[i] = [True, 1 if self.value[r] > 0 else 0]
        if changed:
            self._model = None
            self._cache.clear()
        return changed

    # -- programmes ----------------------------------------------------------

    def _rows(self) -> tuple[list[int], list, list, np.ndarray]:
        """The published rows, the equalities (published rows, then the
        equations) and the lower-bound rows as (terms, rhs), and the lower
        bounds of single variables."""
        pub = [r for r in range(len(self.copies)) if self.published(r)]
        eq = [(dict.fromkeys(self.vars[r].tolist(), 1), self.value[r]) for r in pub]
        eq += self.eq_terms
        lower = np.zeros(self.n)
        ub = []
        for r in range(len(self.copies)):
            bound = 0 if self.published(r) else self.lower(r)
            if bound > 0 and len(self.vars[r]) == 1:
                lower[self.vars[r][0]] = max(lower[self.vars[r][0]], bound)
            elif bound > 0:
                ub.append((dict.fromkeys(self.vars[r].tolist(), -1), -bound))
        return pub, eq, ub, lower

    def _matrix(self, rows: list) -> tuple[sparse.csr_array, np.ndarray]:
        i = [t for t, (terms, _) in enumerate(rows) for _ in terms]
        j = [v for terms, _ in rows for v in terms]
        data = [c for terms, _ in rows for c in terms.values()]
        a = sparse.csr_array((data, (i, j)), shape=(len(rows), self.n))
        return a, np.array([rhs for _, rhs in rows], dtype=float)

    def _build(self) -> _Model:
        if self._model is not None:
            return self._model
        pub, eq, ub, lower = self._rows()
        fixed, value = np.zeros(self.n, dtype=bool), np.zeros(self.n)
        for r in pub:
            if len(self.vars[r]) == 1:
                fixed[self.vars[r][0]], value[self.vars[r][0]] = True, self.value[r]
        parts = []
        for rows, exact in ((eq, True), (ub, False)):
            a, b = self._matrix(rows)
            b = b - a @ value
            a = a[:, ~fixed]
            keep = np.diff(a.indptr) > 0
            # A row of fixed variables only checks the input.
            left = np.abs(b[~keep]) if exact else -b[~keep]
            if np.any(left > _EPS):
                raise ValueError(
                    "the published numbers, lower bounds and equations contradict "
                    "each other"
                )
            parts += [a[keep], b[keep]]
        a_eq, b_eq, a_ub, b_ub = parts
        self._model = _Model(
            a_eq,
            b_eq,
            a_ub,
            b_ub,
            lower[~fixed],
            np.diff(a_eq.tocsc().indptr) == 0,
            fixed,
            value,
            np.cumsum(~fixed) - 1,
        )
        return self._model

    def _objective(self, m: _Model, r: int, maximize: bool) -> tuple[np.ndarray, float]:
        """Row ``r``'s sum over the variables left, and the fixed share."""
        row = self.vars[r]
        c = np.zeros(len(m.lower))
        c[m.column[row[~m.fixed[row]]]] = -1.0 if maximize else 1.0
        return c, float(m.value[row].sum())

    def _linprog(self, r: int, c: np.ndarray, *model: Any) -> Any:
        """linprog over ``model`` = (a_eq, b_eq, a_ub, b_ub, lower)."""
        a_eq, b_eq, a_ub, b_ub, lower = model
        res = linprog(
            c,
            A_ub=a_ub if len(b_ub) else None,
            b_ub=b_ub if len(b_ub) else None,
            A_eq=a_eq if len(b_eq) else None,
            b_eq=b_eq if len(b_eq) else None,
            bounds=np.column_stack([lower, np.full(len(c), np.inf)]),
            method="highs",
        )
        if res.status == 2:
            raise ValueError(
                "the published numbers, lower bounds and equations contradict "
                f"each other (around {self.numbers[self.copies[r][0]].key!r})"
            )
        if res.status not in (0, 3):
            raise RuntimeError(f"HiGHS: {res.message}")
        return res

    def lp(self, r: int, maximize: bool) -> _Side:
        """The LP bound of row ``r``'s sum (inf when unbounded above)."""
        if (r, maximize, "lp") in self._cache:
            return self._cache[r, maximize, "lp"]
        m = self._build()
        c, fixed = self._objective(m, r, maximize)
        if maximize and m.free[c != 0].any():
            side = _Side(maximize, math.inf, True)
        elif not c.any():
            side = _Side(maximize, round(fixed), True)
        else:
            res = self._linprog(r, c, m.a_eq, m.b_eq, m.a_ub, m.b_ub, m.lower)
            if res.status == 3:
                side = _Side(maximize, math.inf, True)
            else:
                value = (-res.fun if maximize else res.fun) + fixed
                bound = (
                    math.floor(value + _EPS) if maximize else math.ceil(value - _EPS)
                )
                whole = bool(np.all(np.abs(res.x - np.round(res.x)) < _EPS))
                side = _Side(maximize, bound, whole)
        self._cache[r, maximize, "lp"] = side
        return side

    def binding(self, r: int, maximize: bool) -> list[int]:
        """The published rows whose constraints bind in the LP of row ``r``:
        non-zero marginals of the whole programme, fixed variables included
        (so every published number has a marginal of its own)."""
        pub, eq, ub, lower = self._rows()
        a_eq, b_eq = self._matrix(eq)
        a_ub, b_ub = self._matrix(ub)
        c = np.zeros(self.n)
        c[self.vars[r]] = -1.0 if maximize else 1.0
        res = self._linprog(r, c, a_eq, b_eq, a_ub, b_ub, lower)
        if res.status != 0 or not len(pub):
            return []
        marginals = np.abs(np.asarray(res.eqlin.marginals)[: len(pub)])
        return [pub[t] for t in np.flatnonzero(marginals > _DUAL_EPS)]

    def bound(self, r: int, maximize: bool) -> float:
        """The attacker's bound: the integer optimum where it may differ
        from the LP's, else the LP bound."""
        side = self.lp(r, maximize)
        if not self.integer or side.whole:
            return side.bound
        if (r, maximize, "mip") not in self._cache:
            m = self._build()
            c, fixed = self._objective(m, r, maximize)
            res = self._milp(c, m)
            # The best whole solution found (the optimum unless time ran out);
            # the true value is always one.
            found = self.value[r]
            if res.x is not None:
                found = round(abs(c) @ res.x + fixed)
            self._cache[r, maximize, "mip"] = found
        return self._cache[r, maximize, "mip"]

    def reaches(self, r: int, target: float, maximize: bool) -> bool:
        """Whether row ``r``'s sum can be >= ``target`` (``maximize``) or <=
        ``target`` in whole numbers: the LP bound where it is whole, else a
        feasibility programme, which HiGHS ends at the first solution."""
        side = self.lp(r, maximize)
        if (side.bound < target) if maximize else (side.bound > target):
            return False
        if not self.integer or side.whole:
            return True
        if (r, maximize, "mip") in self._cache:
            found = self._cache[r, maximize, "mip"]
            return found >= target if maximize else found <= target
        key = (r, maximize, f"reach {target}")
        if key not in self._cache:
            m = self._build()
            c, fixed = self._objective(m, r, maximize)
            goal = abs(c)
            bound = (target - fixed, np.inf) if maximize else (-np.inf, target - fixed)
            res = self._milp(np.zeros(len(c)), m, LinearConstraint(goal, *bound))
            self._cache[key] = res.x is not None
        return self._cache[key]

    def _milp(self, c: np.ndarray, m: _Model, *extra: LinearConstraint) -> Any:
        constraints = [*extra]
        if len(m.b_eq):
            constraints.append(LinearConstraint(m.a_eq, m.b_eq, m.b_eq))
        if len(m.b_ub):
            constraints.append(LinearConstraint(m.a_ub, -np.inf, m.b_ub))
        return milp(
            c,
            integrality=np.ones(len(c)),
            bounds=Bounds(m.lower, np.inf),
            constraints=constraints,
            options={"time_limit": MIP_SECONDS, "mip_rel_gap": 0.0},
        )

    def interval(self, r: int) -> tuple[int, float]:
        if self.published(r):
            return self.value[r], self.value[r]
        return int(self.bound(r, False)), self.bound(r, True)

    def judge(self, r: int, k: int) -> _Verdict:
        """Whether row ``r`` meets the rules of its hidden copies."""
        rules, v = self.rules(r), self.value[r]
        if self.published(r):
            return _Verdict(WIDTH not in rules, ROOM not in rules, False, [])
        verdict = _Verdict(True, True, False, [])
        if not rules & {WIDTH, ROOM}:
            return verdict
        high = self.lp(r, True)
        verdict.sides.append(high)
        narrow_lp = False
        if ROOM in rules:
            narrow_lp = high.bound < v + k
            verdict.room_ok = not narrow_lp and self.reaches(r, v + k, True)
        # With the true value, room of k above it is enough; without it (a
        # frozen release knows only lower bounds), the width from both ends.
        if WIDTH in rules and not (
            self.known[r] and high.bound - v >= k and self.reaches(r, v + k, True)
        ):
            low = self.lp(r, False)
            verdict.sides.append(low)
            if high.bound - low.bound < k:
                verdict.width_ok, narrow_lp = False, True
            else:
                top = self.bound(r, True)
                verdict.width_ok = self.reaches(r, top - k, False)
        verdict.integer_only = not verdict.ok and not narrow_lp
        return verdict

    def needing(self) -> list[int]:
        return [r for r in range(len(self.copies)) if self.rules(r) & {WIDTH, ROOM}]

    # -- protection ----------------------------------------------------------

    def _binding(self, r: int, verdict: _Verdict) -> list[int]:
        found = {b for side in verdict.sides for b in self.binding(r, side.maximize)}
        return sorted(found)

    def protect(self, k: int, cost: Callable[[Number], Any]) -> None:
        def price(r: int) -> tuple:
            return min(
                (cost(self.numbers[i]), repr(self.numbers[i].key))
                for i in self.copies[r]
                if not self.state[i][0]
            )

        queue = [(self.order[r], r) for r in self.needing()]
        heapq.heapify(queue)
        while queue:
            _, r = heapq.heappop(queue)
            while not (verdict := self.judge(r, k)).ok:
                if self.published(r):
                    hidden = self.hide([r])  # a copy of a published number
                    continue
                binding = self._binding(r, verdict)
                positive = [b for b in binding if self.value[b] > 0]
                rest = [
                    b
                    for b in range(len(self.copies))
                    if verdict.integer_only and self.published(b) and self.value[b]
                ]
                if positive:
                    hidden = self.hide([min(positive, key=price)])
                elif rest:
                    hidden = self.hide(rest)
                elif binding:
                    hidden = self.hide(binding)
                else:
                    break  # pinned by the equations and lower bounds alone
                for h in hidden:
                    if h != r and self.rules(h) & {WIDTH, ROOM}:
                        heapq.heappush(queue, (self.order[h], h))


class _System:
    """A release split into components; ``state[i]`` is number ``i``'s
    (hidden, at_least)."""

    def __init__(
        self, numbers: Iterable[Number], equations: Iterable[Equation], integer: bool
    ) -> None:
        self.numbers = list(numbers)
        equations = list(equations)
        for n in self.numbers:
            if not isinstance(n, Number):
                raise TypeError("numbers must be Number instances")
        for e in equations:
            if not isinstance(e, Equation):
                raise TypeError("equations must be Equation instances")
            if not e.terms and e.rhs:
                raise ValueError("an equation without cells must have rhs 0")
        keys: dict[Hashable, int] = {}
        rows: dict[frozenset, list[int]] = {}
        for i, n in enumerate(self.numbers):
            if keys.setdefault(n.key, i) != i:
                raise ValueError(f"two numbers have the key {n.key!r}")
            rows.setdefault(n.cells, []).append(i)
        for copies in rows.values():
            values = {self.numbers[i].value for i in copies}
            if len(values) > 1:
                names = sorted(repr(self.numbers[i].key) for i in copies)
                raise ValueError(f"numbers summing the same cells differ: {names}")
        self.state = [[n.hidden, n.at_least if n.hidden else 0] for n in self.numbers]
        parent: dict[Hashable, Hashable] = {}

        def find(x: Hashable) -> Hashable:
            parent.setdefault(x, x)
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        groups = [list(c) for c in rows] + [list(e.terms) for e in equations]
        for cells in groups:
            for cell in cells[1:]:
                a, b = find(cells[0]), find(cell)
                if a != b:
                    parent[a] = b
        by_root: dict[Hashable, tuple[list, list]] = {}
        empty: list[list[int]] = []
        for cells, copies in rows.items():
            if not cells:
                empty.append(copies)
                continue
            by_root.setdefault(find(next(iter(cells))), ([], []))[0].append(copies)
        for e in equations:
            if e.terms:
                by_root.setdefault(find(next(iter(e.terms))), ([], []))[1].append(e)
        self.components = [
            _Component(self.numbers, copies, eqs, self.state, integer)
            for copies, eqs in by_root.values()
        ]
        if empty:
            self.components.append(
                _Component(self.numbers, empty, [], self.state, integer)
            )


# --------------------------------------------------------------------------
# Public API


def bounds(
    numbers: Iterable[Number],
    *,
    equations: Iterable[Equation] = (),
    integer: bool = True,
) -> dict[Hashable, tuple[int, int | float]]:
    """The attacker's interval (low, high) of every hidden number, by key:
    whole numbers, both ends attainable; ``high`` is ``math.inf`` when
    nothing published bounds the number. A hidden copy of a published number
    gets (value, value). ``integer=False``: the LP bounds, rounded inwards.
    Raises ValueError when the numbers contradict each other."""
    system = _System(numbers, equations, integer)
    out = {}
    for component in system.components:
        for r, copies in enumerate(component.copies):
            hidden = [i for i in copies if system.numbers[i].hidden]
            if hidden:
                interval = component.interval(r)
                for i in hidden:
                    out[system.numbers[i].key] = interval
    return out


def _findings(system: _System, k: int) -> list[Finding]:
    found = []
    for component in system.components:
        for r in component.needing():
            verdict = component.judge(r, k)
            if verdict.ok:
                continue
            low, high = component.interval(r)
            for i in component.copies[r]:
                number = system.numbers[i]
                if not system.state[i][0]:
                    continue
                if (number.rule == WIDTH and not verdict.width_ok) or (
                    number.rule == ROOM and not verdict.room_ok
                ):
                    found.append(Finding(number.key, low, int(high), number.rule))
    return sorted(found, key=lambda f: (repr(f.key), f.rule))


def _check_k(k: int) -> int:
    k = _whole(k, "k")
    if k < 1:
        raise ValueError("k must be at least 1")
    return k


def audit(
    numbers: Iterable[Number],
    k: int,
    *,
    equations: Iterable[Equation] = (),
    integer: bool = True,
) -> list[Finding]:
    """The hidden numbers the attacker narrows too far: WIDTH numbers whose
    interval is narrower than ``k``, ROOM numbers whose maximum is below
    value + ``k``, each with the attacker's interval; sorted by the repr of
    the key. ``[]`` when the release is safe. ``integer=False`` audits
    against the LP attacker only (cheaper, can miss integer narrowing)."""
    return _findings(_System(numbers, equations, integer), _check_k(k))


def _default_cost(number: Number) -> tuple[int, int]:
    return number.value, len(number.cells)


def protect(
    numbers: Iterable[Number],
    k: int,
    *,
    equations: Iterable[Equation] = (),
    cost: Callable[[Number], Any] | None = None,
) -> list[Number]:
    """The numbers in input order, published ones hidden (``hidden=True``,
    ``at_least=1``; 0 for a zero hidden as a last resort) until
    :func:`audit` finds nothing. ``cost(number)`` orders candidate
    complements, cheapest first (default: value, then number of cells); ties
    go by key, so the input order does not change the result. See the module
    docstring for the heuristic; a number pinned by ``equations`` and lower
    bounds alone cannot be fixed and is still reported by :func:`audit`."""
    k = _check_k(k)
    system = _System(numbers, equations, integer=True)
    for component in system.components:
        component.protect(k, cost or _default_cost)
    return [
        replace(n, hidden=True, at_least=system.state[i][1])
        if system.state[i][0] and not n.hidden
        else n
        for i, n in enumerate(system.numbers)
    ]


# --------------------------------------------------------------------------
# From disclosed tables to numbers


def disclosed_mask(disclosed: Any) -> np.ndarray:
    """The (R+1) x (C+1) hidden mask of a
    :class:`~participation.stats.disclosure.Disclosed` table, its row totals
    in the last column, its column totals in the last row."""
    cells = disclosed.hidden.to_numpy(dtype=bool)
    n_rows, n_cols = cells.shape
    mask = np.zeros((n_rows + 1, n_cols + 1), dtype=bool)
    mask[:n_rows, :n_cols] = cells
    mask[:n_rows, n_cols] = disclosed.row_totals.isna().to_numpy()
    mask[n_rows, :n_cols] = disclosed.column_totals.isna().to_numpy()
    mask[n_rows, n_cols] = disclosed.total is None
    return mask


def table_numbers(
    key: Hashable,
    counts: pd.DataFrame,
    hidden: np.ndarray | pd.DataFrame,
    cells: Callable[[Hashable, Hashable], Iterable[Hashable]],
    *,
    k: int = DEFAULT_K,
    uniform_min: int = DEFAULT_POLICY.uniform_min,
    rule: str = NONE,
) -> list[Number]:
    """The numbers of one two-way table with margins, disclosed with
    ``disclose(counts, Policy(k, uniform_min))``.

    ``hidden``: the (R+1) x (C+1) mask, totals last (:func:`disclosed_mask`).
    ``cells(row, column)``: the inner cells a table cell sums (several for a
    coarser row, e.g. origin "immigrant" = (immigrant, western, a) and
    (immigrant, non_western, a)); a table's cells must not share inner cells.
    Keys are ``(key, row, column)`` with :data:`~participation.stats.disclosure.TOTAL`
    for totals. What the attacker knows and what each number needs follow
    ``disclose``: a hidden count > 0 is >= 1, except in a uniform row and in a
    table withheld whole (zeros hidden too; its grand total stays >= 1);
    counts in 1..k-1 and a uniform row's answer need WIDTH, the rest
    ``rule`` (NONE, as ``disclose``: a count >= k could be published; WIDTH
    demands the width of every number that is or gets hidden). A uniform row
    (a group below ``uniform_min`` with one answer) adds the hidden ROOM
    number ``(key, row, OTHERS)``, the sum of its other answers (0), and a
    small table with one answer only adds ``(key, TOTAL, OTHERS)``.
    """
    x = counts.to_numpy(dtype=np.int64)
    n_rows, n_cols = x.shape
    mask = np.asarray(hidden, dtype=bool)
    if mask.shape != (n_rows + 1, n_cols + 1):
        raise ValueError(f"hidden must be {(n_rows + 1, n_cols + 1)}, not {mask.shape}")
    full = np.zeros((n_rows + 1, n_cols + 1), dtype=np.int64)
    full[:n_rows, :n_cols] = x
    full[:n_rows, n_cols] = x.sum(axis=1)
    full[n_rows, :n_cols] = x.sum(axis=0)
    full[n_rows, n_cols] = x.sum()
    rows, columns = [*counts.index, TOTAL], [*counts.columns, TOTAL]
    grid = [[frozenset(cells(r, c)) for c in counts.columns] for r in counts.index]
    flat = [cell for line in grid for s in line for cell in s]
    if len(flat) != len(set(flat)):
        raise ValueError(f"{key!r}: two cells of one table share inner cells")

    def union(parts: Iterable[frozenset]) -> frozenset:
        return frozenset().union(*parts)

    for line in grid:
        line.append(union(line))
    grid.append([union(grid[i][j] for i in range(n_rows)) for j in range(n_cols + 1)])
    positive = np.count_nonzero(full[n_rows, :n_cols])
    uniform = {}
    if n_cols >= 2 and positive >= 2:
        for i in range(n_rows):
            nonzero = np.flatnonzero(x[i])
            if len(nonzero) == 1 and full[i, n_cols] < uniform_min:
                uniform[i] = int(nonzero[0])
    withheld = bool(mask.all())
    out = []
    for i in range(n_rows + 1):
        for j in range(n_cols + 1):
            value, shut = int(full[i, j]), bool(mask[i, j])
            # Zeros are hidden too in a withheld table and in a uniform row.
            zeros_hidden = (withheld and (i, j) != (n_rows, n_cols)) or (
                i in uniform and j < n_cols
            )
            known = int(shut and value > 0 and not zeros_hidden)
            needs = WIDTH if 0 < value < k or uniform.get(i, -1) == j else rule
            out.append(
                Number(
                    (key, rows[i], columns[j]), grid[i][j], value, shut, known, needs
                )
            )
    for i, j in uniform.items():
        others = union(grid[i][c] for c in range(n_cols) if c != j)
        out.append(Number((key, rows[i], OTHERS), others, 0, True, 0, ROOM))
    if n_cols >= 2 and positive == 1 and 0 < full[n_rows, n_cols] < uniform_min:
        j = int(np.flatnonzero(full[n_rows, :n_cols])[0])
        others = union(grid[n_rows][c] for c in range(n_cols) if c != j)
        out.append(Number((key, TOTAL, OTHERS), others, 0, True, 0, ROOM))
    return out
