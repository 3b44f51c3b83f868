"""participation/stats/joint_audit.py: linked tables audited as one system.

Pure: no database. The attacker here (:class:`Attacker`) is written apart
from the module: a dense integer programme per hidden number (scipy
``milp``) over every inner cell, the published numbers exact and the hidden
ones at least ``at_least``.
"""

import dataclasses
import random
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

from participation.stats.disclosure import TOTAL, Policy, Reason, disclose
from participation.stats.disclosure import audit as audit_one_table
from participation.stats.joint_audit import (
    NONE,
    OTHERS,
    ROOM,
    WIDTH,
    Equation,
    Finding,
    Number,
    audit,
    bounds,
    disclosed_mask,
    protect,
    table_numbers,
)

K = 5
POLICY = Policy(k=K, uniform_min=10)
ANSWERS = ["agree", "neutral", "disagree"]
#: More than any count here: the attacker's "unbounded".
CEILING = 10_000


# -- the independent attacker --------------------------------------------------


class Attacker:
    """Integer programmes over every inner cell: published numbers and
    equations exact, hidden numbers at least their ``at_least``."""

    def __init__(self, numbers, equations=()):
        cells = {c for n in numbers for c in n.cells}
        cells |= {c for e in equations for c in e.terms}
        self.column = {c: j for j, c in enumerate(sorted(cells, key=repr))}
        equal = [(self.vector(n.cells), n.value) for n in numbers if not n.hidden]
        equal += [(self.vector(e.terms), e.rhs) for e in equations]
        floor = [(self.vector(n.cells), n.at_least) for n in numbers if n.hidden]
        self.constraints = []
        for rows, exact in ((equal, True), (floor, False)):
            if rows:
                a = np.array([r for r, _ in rows])
                b = np.array([v for _, v in rows], dtype=float)
                self.constraints.append(LinearConstraint(a, b, b if exact else np.inf))

    def vector(self, cells):
        """A row over the inner cells: 1 for each of a set of cells, or the
        coefficients of a mapping."""
        weights = cells if isinstance(cells, Mapping) else dict.fromkeys(cells, 1)
        v = np.zeros(len(self.column))
        for cell, weight in weights.items():
            v[self.column[cell]] = weight
        return v

    def extreme(self, number, sign):
        """The largest (sign=-1) or smallest (sign=1) value of ``number``."""
        res = milp(
            sign * self.vector(number.cells),
            integrality=np.ones(len(self.column)),
            bounds=Bounds(0, CEILING),
            constraints=self.constraints,
        )
        assert res.status == 0, res.message  # the truth is feasible
        return round(sign * res.fun)


def assert_safe(numbers, equations=(), k=K):
    """Every hidden number meets its rule against the independent attacker."""
    attacker = Attacker(numbers, equations)
    for n in numbers:
        if not n.hidden:
            continue
        assert n.at_least <= n.value
        if n.rule == NONE:
            continue
        high = attacker.extreme(n, -1)
        assert high >= n.value
        if n.rule == ROOM:
            assert high >= n.value + k, (n.key, high)
        elif high - n.value < k:  # else the minimum (<= value) cannot matter
            low = attacker.extreme(n, 1)
            assert low <= n.value and high - low >= k, (n.key, low, high)


def hidden_keys(numbers):
    return {n.key for n in numbers if n.hidden}


# -- building tables from records ----------------------------------------------


def crosstab(records, attribute, rows, columns=ANSWERS, answer="answer"):
    counts = pd.DataFrame(0, index=rows, columns=columns)
    for record in records:
        counts.loc[record[attribute], record[answer]] += 1
    return counts


def numbers_of(key, counts, members, policy=POLICY, rule=NONE):
    """Disclose one table alone and express it as numbers; ``members[row]``
    are the inner cells (without the answer) a table row sums."""
    disclosed = disclose(counts, policy)
    return table_numbers(
        key,
        counts,
        disclosed_mask(disclosed),
        lambda row, answer: {(*m, answer) for m in members[row]},
        k=policy.k,
        uniform_min=policy.uniform_min,
        rule=rule,
    )


# -- 1. one table: the same verdict as disclose's exact method -----------------


@st.composite
def small_tables(draw):
    n_rows = draw(st.integers(2, 4))
    n_cols = draw(st.integers(2, 4))
    count = st.one_of(st.integers(0, 4), st.integers(0, 20))
    cells = draw(st.lists(count, min_size=n_rows * n_cols, max_size=n_rows * n_cols))
    return pd.DataFrame(
        np.array(cells).reshape(n_rows, n_cols),
        index=[f"r{i}" for i in range(n_rows)],
        columns=[f"c{j}" for j in range(n_cols)],
    )


@settings(max_examples=50, deadline=None)
@given(small_tables())
def test_single_table_disclosed_alone_passes_the_joint_audit(counts):
    disclosed = disclose(counts, POLICY)
    numbers = table_numbers(
        "t", counts, disclosed_mask(disclosed), lambda r, c: {(r, c)}
    )
    assert audit(numbers, K) == []
    assert audit(numbers, K, integer=False) == []


@settings(max_examples=50, deadline=None)
@given(small_tables())
def test_single_table_verdict_matches_disclose_without_complements(counts):
    """Drop the complements disclose chose: the exact single-table audit and
    the joint audit then agree on whether anything is unsafe."""
    d = disclose(counts, POLICY)
    keep = {Reason.PRIMARY, Reason.UNIFORM, Reason.GROUP}
    n_rows, n_cols = counts.shape
    mask = disclosed_mask(d)
    for i in range(n_rows + 1):
        for j in range(n_cols + 1):
            if i < n_rows and j < n_cols:
                reason = d.reasons.iat[i, j]
            elif i < n_rows:
                reason = d.row_total_reasons.iat[i]
            elif j < n_cols:
                reason = d.column_total_reasons.iat[j]
            else:
                reason = d.total_reason
            mask[i, j] = reason in keep
    bare = dataclasses.replace(
        d,
        hidden=pd.DataFrame(mask[:n_rows, :n_cols], counts.index, counts.columns),
        row_totals=counts.sum(axis=1).astype("Int64").mask(mask[:n_rows, n_cols]),
        column_totals=counts.sum().astype("Int64").mask(mask[n_rows, :n_cols]),
        total=None if mask[n_rows, n_cols] else int(counts.to_numpy().sum()),
    )
    numbers = table_numbers("t", counts, mask, lambda r, c: {(r, c)})
    assert bool(audit_one_table(counts, bare)) == bool(audit(numbers, K))


def test_primary_without_complements_is_a_finding():
    counts = pd.DataFrame([[2, 10], [12, 9]], index=["a", "b"], columns=["x", "y"])
    hidden = np.zeros((3, 3), dtype=bool)
    hidden[0, 0] = True
    numbers = table_numbers("t", counts, hidden, lambda r, c: {(r, c)})
    assert audit(numbers, K) == [Finding(("t", "a", "x"), 2, 2, WIDTH)]
    assert audit(protect(numbers, K), K) == []


def test_table_numbers_keys_rules_and_lower_bounds():
    counts = pd.DataFrame(
        [[3, 0, 0], [9, 12, 7], [8, 6, 15]],
        index=["norrebro", "vesterbro", "amager"],
        columns=ANSWERS,
    )
    numbers = {
        n.key: n
        for n in table_numbers(
            "d", counts, disclosed_mask(disclose(counts, POLICY)), lambda r, c: {(r, c)}
        )
    }
    uniform = numbers["d", "norrebro", "agree"]
    assert uniform.hidden and uniform.rule == WIDTH and uniform.at_least == 0
    others = numbers["d", "norrebro", OTHERS]
    assert (others.value, others.hidden, others.rule) == (0, True, ROOM)
    assert others.cells == {("norrebro", "neutral"), ("norrebro", "disagree")}
    total = numbers["d", "norrebro", TOTAL]
    assert total.hidden and total.at_least == 1 and total.rule == WIDTH
    assert numbers["d", TOTAL, TOTAL].cells == {
        (r, c) for r in counts.index for c in counts.columns
    }
    assert numbers["d", "amager", "disagree"].rule == NONE


def test_table_numbers_refuses_overlapping_cells():
    counts = pd.DataFrame([[6, 7]], index=["a"], columns=["x", "y"])
    with pytest.raises(ValueError, match="share"):
        table_numbers("t", counts, np.zeros((2, 3), bool), lambda r, c: {"same"})


# -- 2. origin and country group: subtraction recovers a hidden 1 --------------

#: (origin, country group) -> answers agree, neutral, disagree. Country group
#: "unknown" is Danish plus unknown origin.
INNER = {
    ("danish", "unknown"): [20, 15, 12],
    ("unknown", "unknown"): [1, 6, 7],
    ("immigrant", "western"): [3, 4, 2],
    ("immigrant", "non_western"): [8, 9, 6],
    ("descendant", "western"): [2, 5, 3],
    ("descendant", "non_western"): [6, 7, 5],
}


def linked_release(rule=NONE):
    records = [
        {"origin": o, "group": g, "answer": a}
        for (o, g), counts in INNER.items()
        for a, n in zip(ANSWERS, counts, strict=True)
        for _ in range(n)
    ]
    origins = ["danish", "immigrant", "descendant", "unknown"]
    groups = ["western", "non_western", "unknown"]
    by_origin = numbers_of(
        "origin",
        crosstab(records, "origin", origins),
        {o: [(o, g) for (o2, g) in INNER if o2 == o] for o in origins},
        rule=rule,
    )
    by_group = numbers_of(
        "group",
        crosstab(records, "group", groups),
        {g: [(o, g) for (o, g2) in INNER if g2 == g] for g in groups},
        rule=rule,
    )
    return by_origin, by_group


def test_linked_tables_each_safe_alone_are_unsafe_together_until_protected():
    by_origin, by_group = linked_release()
    assert audit(by_origin, K) == [] and audit(by_group, K) == []
    # Group "unknown" agree (21) minus Danish agree (20) is the hidden 1.
    assert audit(by_origin + by_group, K) == [
        Finding(("origin", "unknown", "agree"), 1, 1, WIDTH)
    ]
    protected = protect(by_origin + by_group, K)
    assert audit(protected, K) == []
    assert_safe(protected)
    before, after = by_origin + by_group, protected
    assert [n.key for n in after] == [n.key for n in before]
    newly = [m for n, m in zip(before, after, strict=True) if m.hidden and not n.hidden]
    assert newly and all(m.at_least == 1 and m.value > 0 for m in newly)
    assert hidden_keys(before) <= hidden_keys(after)
    low, high = bounds(protected)["origin", "unknown", "agree"]
    assert low <= 1 <= high and high - low >= K


def test_linked_tables_protected_with_every_hidden_number_wide():
    by_origin, by_group = linked_release(rule=WIDTH)
    protected = protect(by_origin + by_group, K)
    assert audit(protected, K) == []
    assert all(n.rule == WIDTH for n in protected if n.key[2] != OTHERS)
    assert_safe(protected)  # now every hidden number, complements too


# -- 3. tables sharing only their answer margins -------------------------------


@st.composite
def populations(draw, attributes, min_size=0, max_size=60):
    size = draw(st.integers(min_size, max_size))
    values = {name: st.sampled_from(levels) for name, levels in attributes.items()}
    values["answer"] = st.sampled_from(ANSWERS)
    return draw(st.lists(st.fixed_dictionaries(values), min_size=size, max_size=size))


ORIGINS = ["danish", "immigrant", "descendant"]
AGES = ["young", "middle", "old"]


def shared_blocks(records):
    """Origin x answer and age x answer over separate inner blocks, tied by
    "the same respondents answered a", each disclosed alone."""
    a = numbers_of(
        "A", crosstab(records, "origin", ORIGINS), {o: [("A", o)] for o in ORIGINS}
    )
    b = numbers_of("B", crosstab(records, "age", AGES), {g: [("B", g)] for g in AGES})
    equations = [
        Equation(
            {("A", o, ans): 1 for o in ORIGINS} | {("B", g, ans): -1 for g in AGES}
        )
        for ans in ANSWERS
    ]
    return a, b, equations


@settings(max_examples=30, deadline=None)
@given(populations({"origin": ORIGINS, "age": AGES}, min_size=25))
def test_tables_sharing_only_published_answer_margins_stay_safe(records):
    a, b, equations = shared_blocks(records)
    margins = {(TOTAL, c) for c in [*ANSWERS, TOTAL]}
    assume(not any(n.hidden for n in a + b if n.key[1:] in margins))
    assert audit(a, K) == [] and audit(b, K) == []
    assert audit(a + b, K, equations=equations) == []


def test_hidden_answer_margins_of_two_tables_narrow_each_other():
    """Each table alone hides its answer totals with a wide interval; the
    attacker knows both tables' totals are equal and intersects the two."""
    rows = [
        ("danish", "old", "agree"),
        ("danish", "middle", "neutral"),
        ("danish", "young", "disagree"),
        *[("immigrant", age, "agree") for age in ("young", "middle", "old")],
        ("immigrant", "young", "disagree"),
        ("descendant", "young", "agree"),
        ("descendant", "middle", "agree"),
        ("descendant", "young", "neutral"),
        ("descendant", "middle", "neutral"),
        ("descendant", "old", "neutral"),
    ]
    records = [{"origin": o, "age": g, "answer": a} for o, g, a in rows]
    a, b, equations = shared_blocks(records)
    assert audit(a, K) == [] and audit(b, K) == []
    findings = audit(a + b, K, equations=equations)
    assert Finding(("A", TOTAL, "disagree"), 2, 6, WIDTH) in findings
    protected = protect(a + b, K, equations=equations)
    assert audit(protected, K, equations=equations) == []
    assert_safe(protected, equations)


# -- 4. one number in two tables -----------------------------------------------


def test_number_hidden_in_one_table_and_published_in_another_is_disclosed():
    cells = {("immigrant", "agree"), ("descendant", "agree")}
    numbers = [
        Number(("t1", "agree"), cells, 4, hidden=True, at_least=1),
        Number(("t2", "agree"), cells, 4, hidden=False),
        Number(("t2", "other"), {("immigrant", "no"), ("descendant", "no")}, 9, False),
        Number(
            ("t2", TOTAL),
            cells | {("immigrant", "no"), ("descendant", "no")},
            13,
            False,
        ),
    ]
    assert audit(numbers, K) == [Finding(("t1", "agree"), 4, 4, WIDTH)]
    assert bounds(numbers)["t1", "agree"] == (4, 4)
    protected = protect(numbers, K)
    assert audit(protected, K) == []
    assert hidden_keys(protected) >= {("t1", "agree"), ("t2", "agree")}
    assert_safe(protected)


def test_copies_of_one_number_with_different_values_are_refused():
    numbers = [
        Number("a", {"x", "y"}, 4, hidden=False),
        Number("b", {"y", "x"}, 5, hidden=False),
    ]
    with pytest.raises(ValueError, match="same cells"):
        audit(numbers, K)


# -- 5. the uniform-group rule -------------------------------------------------


def district_table():
    return pd.DataFrame(
        [[3, 0, 0], [9, 12, 7], [8, 6, 15], [11, 7, 9]],
        index=["norrebro", "vesterbro", "amager", "valby"],
        columns=ANSWERS,
    )


def test_uniform_group_others_could_hold_k_people():
    counts = district_table()
    numbers = numbers_of("d", counts, {r: [(r,)] for r in counts.index})
    assert audit(numbers, K) == []
    low, high = bounds(numbers)["d", "norrebro", OTHERS]
    assert low == 0 and high >= K


def test_uniform_group_shown_as_zeros_elsewhere_is_a_room_finding():
    counts = district_table()
    numbers = numbers_of("d", counts, {r: [(r,)] for r in counts.index})
    # An indicator published elsewhere: Norrebro's residents who did not agree.
    indicator = Number(
        ("indicator", "norrebro", "not agree"),
        {("norrebro", "neutral"), ("norrebro", "disagree")},
        0,
        hidden=False,
    )
    findings = audit([*numbers, indicator], K)
    assert findings == [Finding(("d", "norrebro", OTHERS), 0, 0, ROOM)]
    protected = protect([*numbers, indicator], K)
    assert audit(protected, K) == []
    assert_safe(protected)
    # Only the zero that pins the others could help: it is hidden, known >= 0.
    hidden_indicator = protected[-1]
    assert hidden_indicator.hidden and hidden_indicator.at_least == 0


# -- 6. random linked releases against the independent attacker ----------------

SIMPLE = {"a": ["a0", "a1", "a2"], "b": ["b0", "b1"]}
#: "c" coarsens "a" (like country group inside origin).
COARSE = {"a0": "c0", "a1": "c1", "a2": "c1"}


def random_release(records):
    inner = [(a, b) for a in SIMPLE["a"] for b in SIMPLE["b"]]
    for record in records:
        record["c"] = COARSE[record["a"]]
    by_a = numbers_of(
        "A",
        crosstab(records, "a", SIMPLE["a"]),
        {a: [m for m in inner if m[0] == a] for a in SIMPLE["a"]},
    )
    by_b = numbers_of(
        "B",
        crosstab(records, "b", SIMPLE["b"]),
        {b: [m for m in inner if m[1] == b] for b in SIMPLE["b"]},
    )
    by_c = numbers_of(
        "C",
        crosstab(records, "c", ["c0", "c1"]),
        {c: [m for m in inner if COARSE[m[0]] == c] for c in ["c0", "c1"]},
    )
    return by_a + by_b + by_c


@settings(max_examples=30, deadline=None)
@given(populations(SIMPLE, max_size=45))
def test_protected_random_release_withstands_the_attacker(records):
    numbers = random_release(records)
    protected = protect(numbers, K)
    assert audit(protected, K) == []
    assert hidden_keys(numbers) <= hidden_keys(protected)
    assert_safe(protected)


# -- 7. order ------------------------------------------------------------------


@settings(max_examples=20, deadline=None)
@given(populations(SIMPLE, min_size=5, max_size=45), st.randoms(use_true_random=False))
def test_input_order_does_not_change_what_is_hidden(records, rng):
    numbers = random_release(records)
    shuffled = numbers[:]
    rng.shuffle(shuffled)
    assert hidden_keys(protect(shuffled, K)) == hidden_keys(protect(numbers, K))
    assert audit(shuffled, K) == audit(numbers, K)


def test_linked_release_order_does_not_matter():
    numbers = [n for t in linked_release() for n in t]
    expected = hidden_keys(protect(numbers, K))
    for seed in range(3):
        shuffled = numbers[:]
        random.Random(seed).shuffle(shuffled)
        assert hidden_keys(protect(shuffled, K)) == expected


# -- the programmes themselves -------------------------------------------------


def test_integer_attacker_is_narrower_than_the_lp():
    # z is even (z = 2x) and z + w = 3: the LP lets z be 0..3, whole numbers 0 or 2.
    numbers = [
        Number("z", {"z"}, 2, hidden=True, at_least=0),
        Number("z+w", {"z", "w"}, 3, hidden=False),
    ]
    even = [Equation({"z": 1, "x": -2})]
    assert audit(numbers, 3, equations=even, integer=False) == []
    assert audit(numbers, 3, equations=even) == [Finding("z", 0, 2, WIDTH)]
    assert bounds(numbers, equations=even) == {"z": (0, 2)}
    assert bounds(numbers, equations=even, integer=False) == {"z": (0, 3)}
    protected = protect(numbers, 3, equations=even)
    assert audit(protected, 3, equations=even) == []


def test_unbounded_and_empty_numbers():
    numbers = [
        Number("free", {"x", "y"}, 3, hidden=True, at_least=1),
        Number("y", {"y"}, 1, hidden=False),
        Number("nothing", frozenset(), 0, hidden=True, rule=NONE),
    ]
    assert bounds(numbers) == {"free": (1, float("inf")), "nothing": (0, 0)}
    assert audit(numbers, K) == []


def test_contradictions_are_refused():
    with pytest.raises(ValueError, match="contradict"):
        audit(
            [
                Number("a", {"x"}, 3, hidden=False),
                Number("b", {"x", "y"}, 2, hidden=False),
                Number("c", {"y"}, 0, hidden=True),
            ],
            K,
        )
    with pytest.raises(ValueError, match="key"):
        audit([Number("a", {"x"}, 1, True), Number("a", {"y"}, 1, True)], K)
    with pytest.raises(ValueError, match="at_least"):
        Number("a", {"x"}, 1, hidden=True, at_least=2)
    with pytest.raises(ValueError, match="rule"):
        Number("a", {"x"}, 1, hidden=True, rule="wide")


def test_cost_chooses_the_complement():
    # p = row - cell: hiding either protects p; by default the smaller goes.
    numbers = [
        Number("p", {"x"}, 1, hidden=True, at_least=1),
        Number("row", {"x", "y"}, 31, hidden=False, rule=NONE),
        Number("cell", {"y"}, 30, hidden=False, rule=NONE),
    ]
    assert audit(numbers, K) == [Finding("p", 1, 1, WIDTH)]
    default = protect(numbers, K)
    assert hidden_keys(default) == {"p", "cell"}
    big_first = protect(numbers, K, cost=lambda n: -n.value)
    assert hidden_keys(big_first) == {"p", "row"}
    for result in (default, big_first):
        assert audit(result, K) == []


def test_numbers_are_plain_values():
    n = Number("a", ["x", "x", "y"], np.int64(3), hidden=1)
    assert n.cells == frozenset({"x", "y"}) and n.value == 3 and n.hidden is True
    assert dataclasses.replace(n, hidden=False).hidden is False
