"""participation/stats/disclosure.py: small-cell suppression (TESTPLAN T04-T07).

Pure: no database. The LP attacker (T05) uses scipy, a test-only dependency.
"""

import dataclasses

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from participation.stats.disclosure import (
    DEFAULT_K,
    MIN_K,
    TOTAL,
    Policy,
    Reason,
    audit,
    disclose,
    disclose_series,
    group_is_shown,
)

P, S, U, G = Reason.PRIMARY, Reason.SECONDARY, Reason.UNIFORM, Reason.GROUP


def table(rows, index=None, columns=None):
    rows = np.asarray(rows, dtype=np.int64).reshape(len(rows), -1)
    index = index or [f"r{i}" for i in range(rows.shape[0])]
    columns = columns or [f"c{j}" for j in range(rows.shape[1])]
    return pd.DataFrame(rows, index=index, columns=columns)


def shown(rows, index, columns):
    """The expected published counts: None is hidden."""
    return pd.DataFrame(rows, index=index, columns=columns, dtype="Int64")


def grid(counts, disclosed):
    """The table with its totals as one (R+1) x (C+1) grid, and what is
    hidden of it."""
    x = counts.to_numpy(dtype=np.int64)
    n_rows, n_cols = x.shape
    full = np.zeros((n_rows + 1, n_cols + 1), dtype=np.int64)
    full[:n_rows, :n_cols] = x
    full[:n_rows, n_cols] = x.sum(axis=1)
    full[n_rows, :n_cols] = x.sum(axis=0)
    full[n_rows, n_cols] = x.sum()
    hidden = np.zeros(full.shape, dtype=bool)
    hidden[:n_rows, :n_cols] = disclosed.hidden.to_numpy(dtype=bool)
    hidden[:n_rows, n_cols] = disclosed.row_totals.isna().to_numpy()
    hidden[n_rows, :n_cols] = disclosed.column_totals.isna().to_numpy()
    hidden[n_rows, n_cols] = disclosed.total is None
    return full, hidden


def uniform_rows(counts, policy):
    """Rows the T07 rule applies to, by the rule's own wording."""
    x = counts.to_numpy()
    if x.shape[1] < 2 or np.count_nonzero(x.sum(axis=0)) < 2:
        return {}
    return {
        i: int(np.flatnonzero(row)[0])
        for i, row in enumerate(x)
        if np.count_nonzero(row) == 1 and row.sum() < policy.uniform_min
    }


class Attacker:
    """T05: the linear programme of everything published. Hidden cells and
    totals are unknowns >= 0; published numbers are exact; every row and
    column of the grid (totals included) adds up."""

    def __init__(self, counts, disclosed):
        full, hidden = grid(counts, disclosed)
        self.full, self.hidden = full, hidden
        self.var = {
            pos: n for n, pos in enumerate(zip(*np.nonzero(hidden), strict=True))
        }
        n_rows, n_cols = full.shape[0] - 1, full.shape[1] - 1
        lines = [
            [((i, j), 1) for j in range(n_cols)] + [((i, n_cols), -1)]
            for i in range(n_rows + 1)
        ] + [
            [((i, j), 1) for i in range(n_rows)] + [((n_rows, j), -1)]
            for j in range(n_cols + 1)
        ]
        a_eq = np.zeros((len(lines), len(self.var)))
        b_eq = np.zeros(len(lines))
        for row, line in enumerate(lines):
            for pos, sign in line:
                if pos in self.var:
                    a_eq[row, self.var[pos]] += sign
                else:
                    b_eq[row] -= sign * full[pos]
        self.a_eq, self.b_eq = a_eq, b_eq

    def extreme(self, objective, sense):
        """The largest (sense=-1) or smallest (sense=1) value of the linear
        objective {position: weight} over hidden positions."""
        c = np.zeros(len(self.var))
        for pos, weight in objective.items():
            c[self.var[pos]] = sense * weight
        result = linprog(c, A_eq=self.a_eq, b_eq=self.b_eq, bounds=(0, None))
        if result.status == 3:
            return sense * -np.inf
        assert result.status == 0, result.message  # the truth is feasible
        return sense * result.fun

    def interval(self, pos):
        return self.extreme({pos: 1}, 1), self.extreme({pos: 1}, -1)


# -- strategies ---------------------------------------------------------------

counts_st = st.one_of(st.integers(0, 6), st.integers(0, 40))


@st.composite
def tables(draw):
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 6))
    cells = draw(
        st.lists(counts_st, min_size=n_rows * n_cols, max_size=n_rows * n_cols)
    )
    return table(np.array(cells).reshape(n_rows, n_cols))


policies = st.sampled_from(
    [Policy(), Policy(k=3, uniform_min=3), Policy(k=3), Policy(k=4, uniform_min=6)]
)


# -- Policy --------------------------------------------------------------------


def test_policy_defaults():
    assert (Policy().k, Policy().uniform_min) == (DEFAULT_K, 10)
    assert Policy(k=MIN_K).k == 3


@pytest.mark.parametrize(
    "kwargs", [{"k": 2}, {"k": 0}, {"k": -5}, {"k": 6, "uniform_min": 5}]
)
def test_policy_below_minimum_raises(kwargs):
    with pytest.raises(ValueError):
        Policy(**kwargs)


@pytest.mark.parametrize("kwargs", [{"k": True}, {"k": 5.0}, {"uniform_min": "10"}])
def test_policy_needs_whole_numbers(kwargs):
    with pytest.raises(TypeError):
        Policy(**kwargs)


# -- T04 primary -----------------------------------------------------------------


def test_t04_small_cell_hidden_with_the_cheapest_complements():
    counts = table([[2, 10, 7], [12, 9, 20], [15, 30, 8]], list("abc"), list("xyz"))
    d = disclose(counts)
    expected = shown(
        [[None, 10, None], [12, 9, 20], [None, 30, None]], list("abc"), list("xyz")
    )
    pd.testing.assert_frame_equal(d.counts, expected)
    assert d.reasons.loc["a", "x"] == P
    assert {d.reasons.loc[r, c] for r, c in [("a", "z"), ("c", "x"), ("c", "z")]} == {S}
    assert d.reasons.loc["b", "y"] is None
    # Totals are public: every row and column keeps two hidden cells.
    assert d.row_totals.tolist() == [19, 41, 53]
    assert d.column_totals.tolist() == [29, 49, 35]
    assert d.total == 113


def test_t04_zero_is_shown_and_never_a_complement():
    counts = table([[0, 3, 9], [0, 8, 6], [0, 11, 10]], list("abc"), list("xyz"))
    d = disclose(counts)
    assert d.counts["x"].tolist() == [0, 0, 0]
    assert d.hidden.loc["a", "y"]
    assert not d.hidden["x"].any()
    assert audit(counts, d) == []


def test_t04_small_totals_are_hidden():
    counts = table([[1, 2, 0], [9, 12, 7], [8, 6, 15]], list("abc"), list("xyz"))
    d = disclose(counts)
    assert pd.isna(d.row_totals["a"])
    assert d.row_total_reasons["a"] == P
    assert d.hidden.loc["a", "x"] and d.hidden.loc["a", "y"]
    assert audit(counts, d) == []


def test_t04_one_column_table_hides_the_row_total_with_its_cell():
    counts = table([[3], [10], [12]], list("abc"), ["n"])
    d = disclose(counts)
    expected = shown([[None], [None], [12]], list("abc"), ["n"])
    pd.testing.assert_frame_equal(d.counts, expected)  # 10: the smallest partner
    assert d.row_totals.isna().tolist() == [True, True, False]
    assert d.column_totals.tolist() == [25]
    assert d.total == 25


def test_t04_series_hides_a_second_group_and_keeps_the_total():
    n = pd.Series([2, 10, 7, 30], index=list("pqrs"), name="n")
    mean = pd.Series([4.0, 3.5, 2.0, 1.0, 2.2], index=[*"pqrs", TOTAL])
    d = disclose_series(n, values={"mean": mean})
    assert d.counts["n"].isna().tolist() == [True, False, True, False]
    assert d.reasons["n"].tolist() == [P, None, S, None]
    assert d.total == 49
    pd.testing.assert_frame_equal(
        d.values["mean"],
        pd.DataFrame({"n": [np.nan, 3.5, np.nan, 1.0, 2.2]}, index=[*"pqrs", TOTAL]),
    )


def test_t04_series_without_a_name_is_called_n():
    d = disclose_series(pd.Series([6, 8], index=["a", "b"]))
    assert list(d.counts.columns) == ["n"]
    assert not d.hidden.to_numpy().any()


def test_t04_all_zero_table_is_shown():
    counts = table([[0, 0], [0, 0]], list("ab"), list("xy"))
    d = disclose(counts)
    pd.testing.assert_frame_equal(d.counts, counts.astype("Int64"))
    assert d.total == 0
    assert d.row_totals.tolist() == [0, 0]


def test_t04_group_below_k_shows_nothing():
    counts = table([[1, 2], [0, 1]], list("ab"), list("xy"))
    d = disclose(counts)
    assert d.hidden.to_numpy().all()  # the zero too
    assert d.row_totals.isna().all() and d.column_totals.isna().all()
    assert d.total is None and d.total_reason == G
    assert set(d.reasons.to_numpy().ravel()) == {G}


def test_t04_everything_small_but_group_large():
    counts = table([[1, 2, 1], [2, 1, 2], [1, 1, 2]], list("abc"), list("xyz"))
    d = disclose(counts)
    assert d.hidden.to_numpy().all()
    assert (d.reasons == P).to_numpy().all()
    # Nine hidden cells each known to be at least 1 would pin each other
    # to their values if the totals stayed; so they go too.
    assert d.total is None
    assert audit(counts, d) == []


def test_t04_empty_table():
    counts = pd.DataFrame(
        index=pd.Index([], dtype=object), columns=["x", "y"], dtype="int64"
    )
    d = disclose(counts)
    pd.testing.assert_frame_equal(d.counts, counts.astype("Int64"))
    assert d.total == 0
    assert d.column_totals.tolist() == [0, 0]
    assert d.to_frame(totals=False).empty


def test_t04_missing_group_is_a_group_of_its_own():
    index = pd.Index(["b", np.nan, "a"], name="origin")
    counts = pd.DataFrame(
        [[2, 10, 7], [12, 9, 20], [15, 30, 8]], index=index, columns=list("xyz")
    )
    d = disclose(counts)
    assert d.counts.index.equals(index)
    assert d.hidden.loc["b", "x"] and not d.hidden.iloc[1].any()
    again = disclose(counts.iloc[[1, 2, 0]])
    pd.testing.assert_frame_equal(again.hidden.loc[index], d.hidden)


@pytest.mark.parametrize(
    "counts",
    [
        table([[1, -2]]),
        table([[1, 2]]).astype(float) + 0.5,
        pd.DataFrame({"x": [1.0, np.nan]}),
        pd.DataFrame({"x": [True, False]}),
        pd.DataFrame({"x": ["a", "b"]}),
        pd.DataFrame([[1, 2]], columns=["x", "x"]),
        pd.DataFrame([[1, 2]], columns=["x", TOTAL]),
    ],
)
def test_t04_bad_counts_are_refused(counts):
    with pytest.raises(ValueError):
        disclose(counts)


def test_t04_whole_float_counts_are_accepted():
    d = disclose(table([[6, 7]]).astype(float))
    assert d.counts.to_numpy().tolist() == [[6, 7]]


# -- derived values -------------------------------------------------------------


def test_t08_values_hidden_where_counts_are():
    counts = table([[2, 10, 7], [12, 9, 20], [15, 30, 8]], list("abc"), list("xyz"))
    share = counts.div(counts.sum(axis=1), axis=0)
    share[TOTAL] = counts.sum(axis=1) / counts.to_numpy().sum()
    d = disclose(counts, values={"share": share})
    out = d.values["share"]
    assert out[["x", "y", "z"]].isna().equals(d.hidden)
    pd.testing.assert_series_equal(out[TOTAL], share[TOTAL])
    assert out.loc["b", "x"] == share.loc["b", "x"]


def test_t08_values_of_hidden_totals_are_hidden():
    counts = table([[1, 2, 0], [9, 12, 7], [8, 6, 15]], list("abc"), list("xyz"))
    mean = pd.DataFrame(1.0, index=[*"abc", TOTAL], columns=[*"xyz", TOTAL])
    d = disclose(counts, values={"mean": mean})
    assert np.isnan(d.values["mean"].loc["a", TOTAL])
    assert np.isnan(d.values["mean"].loc["a", "x"])


def test_t08_values_with_labels_outside_counts_are_refused():
    counts = table([[6, 7]], ["a"], ["x", "y"])
    with pytest.raises(ValueError):
        disclose(counts, values={"mean": pd.DataFrame({"z": [1.0]}, index=["a"])})


def test_t08_row_statistics_need_every_cell_of_their_row():
    """A row's mean with its total and its shown cells would pin down two
    hidden cells, so a row statistic is only shown for a complete row."""
    counts = table([[2, 10, 7], [12, 9, 20], [15, 30, 8]], list("abc"), list("xyz"))
    weights = pd.Series({"x": 1, "y": 2, "z": 3})
    mean = counts.mul(weights).sum(axis=1) / counts.sum(axis=1)
    mean[TOTAL] = 2.0
    d = disclose(counts, row_values={"mean": mean})
    incomplete = d.hidden.any(axis=1) | d.row_totals.isna()
    out = d.row_values["mean"]
    assert incomplete["a"]
    assert out[incomplete[incomplete].index].isna().all()
    assert out[incomplete[~incomplete].index].equals(
        mean[incomplete[~incomplete].index]
    )
    assert np.isnan(out[TOTAL]) == (d.total is None or d.column_totals.isna().any())
    with pytest.raises(ValueError):
        disclose(counts, row_values={"mean": pd.Series({"nowhere": 1.0})})


def test_long_format_for_exports():
    counts = table([[2, 9], [8, 6]], ["a", "b"], ["x", "y"])
    d = disclose(counts, values={"share": counts / 25})
    expected = pd.DataFrame(
        {
            "row": pd.Series(
                ["a", "a", "b", "b", "a", "b", TOTAL, TOTAL, TOTAL], dtype=object
            ),
            "column": pd.Series(
                ["x", "y", "x", "y", TOTAL, TOTAL, "x", "y", TOTAL], dtype=object
            ),
            "count": pd.array(
                [None, None, None, None, 11, 14, 10, 15, 25], dtype="Int64"
            ),
            "hidden": [True] * 4 + [False] * 5,
            "share": [np.nan] * 9,
        }
    )
    pd.testing.assert_frame_equal(d.to_frame(), expected)


# -- T05 secondary ---------------------------------------------------------------


def test_t05_primary_alone_in_its_row_gets_a_partner():
    counts = table([[2, 40, 35, 50], [30, 31, 32, 33]], list("ab"), list("wxyz"))
    d = disclose(counts)
    assert d.hidden.sum(axis=1).tolist() == [2, 2]
    assert d.hidden.loc["a", "w"] and d.hidden.loc["b", "w"]
    assert not d.hidden.loc["a", "x"]  # not the smallest complement


def test_t05_audit_finds_primary_only_suppression_unsafe():
    counts = table([[2, 10, 7], [12, 9, 20], [15, 30, 8]], list("abc"), list("xyz"))
    d = disclose(counts)
    only_primary = d.reasons == P
    unsafe = dataclasses.replace(
        d, hidden=only_primary, counts=d.counts.mask(only_primary)
    )
    assert audit(counts, unsafe) != []


def test_t05_hand_table_lp_interval():
    counts = table([[2, 10, 7], [12, 9, 20], [15, 30, 8]], list("abc"), list("xyz"))
    attacker = Attacker(counts, disclose(counts))
    low, high = attacker.interval((0, 0))
    assert low <= 2 <= high
    assert high - low >= DEFAULT_K


def test_t05_order_of_rows_and_columns_does_not_matter():
    counts = table([[2, 10, 7], [12, 9, 20], [15, 30, 8]], list("abc"), list("xyz"))
    shuffled = counts.loc[["c", "a", "b"], ["z", "x", "y"]]
    first, second = disclose(counts), disclose(shuffled)
    pd.testing.assert_frame_equal(
        first.hidden.loc[shuffled.index, shuffled.columns], second.hidden
    )


# -- T07 uniform groups -------------------------------------------------------------


def descendants_by_district():
    """A district (Nørrebro) where all 7 descendants answered "agree"."""
    return pd.DataFrame(
        [[7, 0, 0], [12, 9, 20], [15, 30, 8], [6, 6, 6]],
        index=pd.Index(["norrebro", "vesterbro", "amager", "valby"], name="district"),
        columns=pd.Index(["agree", "neutral", "disagree"], name="answer"),
    )


def test_t07_uniform_small_group_is_not_published_as_uniform():
    counts = descendants_by_district()
    d = disclose(counts)
    row = d.counts.loc["norrebro"]
    assert row.isna().sum() >= 2  # the answer and at least one alternative
    assert pd.isna(row["agree"])
    assert set(d.reasons.loc["norrebro"].dropna()) == {U}
    assert audit(counts, d) == []
    # The export says no more than the dashboard.
    export = d.to_frame()
    cells = export[(export["row"] == "norrebro") & (export["column"] == "agree")]
    assert cells["hidden"].all() and cells["count"].isna().all()


def test_t07_lp_attacker_cannot_rule_out_other_answers():
    counts = descendants_by_district()
    attacker = Attacker(counts, disclose(counts))
    hidden_others = {(0, j): 1 for j in (1, 2) if attacker.hidden[0, j]}
    assert attacker.extreme(hidden_others, -1) >= DEFAULT_K


def test_t07_uniform_group_of_uniform_min_is_shown():
    counts = descendants_by_district()
    counts.loc["norrebro"] = [10, 0, 0]
    d = disclose(counts)
    assert d.counts.loc["norrebro"].tolist() == [10, 0, 0]


def test_t07_small_table_with_one_answer_shows_nothing():
    counts = table([[3, 0], [4, 0]], list("ab"), list("xy"))
    d = disclose(counts)
    assert d.hidden.to_numpy().all() and d.total is None
    assert d.total_reason == U


def test_t07_large_table_with_one_answer_is_public():
    counts = table([[7, 0], [8, 0]], list("ab"), list("xy"))
    d = disclose(counts)
    assert not d.hidden.to_numpy().any()


def test_t07_one_column_table_is_never_uniform():
    d = disclose(table([[6], [7]], list("ab"), ["n"]))
    assert not d.hidden.to_numpy().any()


# -- T06 differencing ------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "expected"), [(0, True), (1, False), (4, False), (5, True)]
)
def test_t06_group_is_shown(n, expected):
    assert group_is_shown(n) is expected


@pytest.mark.parametrize(
    ("n", "population", "expected"),
    [(47, 50, False), (45, 50, True), (50, 50, True), (3, 50, False)],
)
def test_t06_group_and_its_complement(n, population, expected):
    assert group_is_shown(n, population=population) is expected


def test_t06_group_is_shown_follows_k():
    assert group_is_shown(3, Policy(k=3))
    with pytest.raises(ValueError):
        group_is_shown(-1)


# -- properties ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(tables(), policies)
def test_t04_property_published_numbers_are_zero_or_at_least_k(counts, policy):
    d = disclose(counts, policy)
    full, hidden = grid(counts, d)
    published = full[~hidden]
    assert ((published == 0) | (published >= policy.k)).all()
    # Published numbers are the true ones.
    pd.testing.assert_frame_equal(
        d.counts, counts.astype("Int64").mask(d.hidden), check_dtype=True
    )
    assert audit(counts, d) == []  # idempotent: nothing left to hide


@settings(max_examples=150, deadline=None)
@given(tables(), policies)
def test_t05_property_no_line_with_one_hidden_number(counts, policy):
    full, hidden = grid(counts, disclose(counts, policy))
    for lines in (hidden, hidden.T):
        values = full if lines is hidden else full.T
        for line, line_values in zip(lines, values, strict=True):
            if (line & (line_values > 0)).any():
                assert line.sum() >= 2


@settings(max_examples=100, deadline=None)
@given(tables(), policies)
def test_t08_property_values_hidden_with_counts(counts, policy):
    rows = counts.sum(axis=1).replace(0, np.nan)
    share = counts.div(rows, axis=0)
    share[TOTAL] = rows / max(int(counts.to_numpy().sum()), 1)
    d = disclose(counts, policy, values={"share": share})
    out = d.values["share"]
    cells = out[counts.columns]
    assert cells[d.hidden].isna().all(axis=None)
    pd.testing.assert_frame_equal(
        cells.mask(d.hidden), share[counts.columns].mask(d.hidden)
    )
    assert out[TOTAL][d.row_totals.isna()].isna().all()


@settings(max_examples=100, deadline=None)
@given(tables(), policies, st.randoms(use_true_random=False))
def test_t05_property_row_and_column_order_do_not_matter(counts, policy, random):
    index, columns = list(counts.index), list(counts.columns)
    random.shuffle(index)
    random.shuffle(columns)
    first = disclose(counts, policy)
    second = disclose(counts.loc[index, columns], policy)
    pd.testing.assert_frame_equal(first.hidden.loc[index, columns], second.hidden)
    pd.testing.assert_series_equal(first.row_totals[index], second.row_totals)
    pd.testing.assert_series_equal(first.column_totals[columns], second.column_totals)
    assert first.total == second.total


@settings(max_examples=200, deadline=None)
@given(tables(), policies)
def test_t05_lp_attacker_interval_at_least_k(counts, policy):
    """Every hidden primary cell or total stays within an interval at least k
    wide; in a uniform group the other answers could hold k people."""
    d = disclose(counts, policy)
    full, hidden = grid(counts, d)
    if hidden.all():
        return  # nothing published, nothing to solve
    attacker = Attacker(counts, d)
    for pos in zip(*np.nonzero(hidden & (full > 0) & (full < policy.k)), strict=True):
        low, high = attacker.interval(pos)
        assert low - 1e-6 <= full[pos] <= high + 1e-6
        assert high - low >= policy.k - 1e-6, (pos, low, high)
    for i, j in uniform_rows(counts, policy).items():
        others = {(i, c): 1 for c in range(counts.shape[1]) if c != j and hidden[i, c]}
        assert others, "a uniform row shows all its zeros"
        assert attacker.extreme(others, -1) >= policy.k - 1e-6
        low, high = attacker.interval((i, j))
        assert high - low >= policy.k - 1e-6
