"""participation/stats/kanon.py: the row-level export is k-anonymous (SPEC §4.2).

Pure: no database. A star counts as a value of its own, so the check is a
plain group-by of the published values.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.stats.kanon import (
    OTHER,
    SUPPRESSED,
    merge_adjacent,
    merge_rare,
    number_bands,
    protect,
)

AGES = ["under_18", "18_29", "30_49", "50_64", "65_plus"]


def smallest_group(frame: pd.DataFrame, quasi) -> int:
    """How many rows the rarest published combination has."""
    return int(frame.groupby(list(quasi), dropna=False).size().min())


def rows(*tuples, columns=("origin", "gender")) -> pd.DataFrame:
    return pd.DataFrame(list(tuples), columns=list(columns), dtype=object)


# --- hierarchies -----------------------------------------------------------------


def test_merge_rare_puts_one_more_rare_value_into_other_per_level():
    counts = {"da": 50, "ar": 9, "ti": 2, "so": 2, "": 30}
    assert merge_rare(counts) == [
        {"so": OTHER, "ti": OTHER},  # one value alone would only be renamed
        {"so": OTHER, "ti": OTHER, "ar": OTHER},
    ]


def test_merge_rare_joins_an_existing_other_and_keeps_the_missing_answer():
    counts = {"woman": 50, "man": 45, "other": 3, "prefer_not": 2, "": 9}
    assert merge_rare(counts) == [
        {"prefer_not": OTHER},
        {"prefer_not": OTHER, "man": OTHER},
    ]
    assert merge_rare({"a": 1}) == []


def test_merge_adjacent_merges_the_smallest_neighbours():
    counts = {"under_18": 3, "18_29": 20, "30_49": 40, "50_64": 30, "65_plus": 4}
    levels = merge_adjacent(AGES, counts)
    assert levels[0] == {"under_18": "under_18..18_29", "18_29": "under_18..18_29"}
    assert levels[1] == {
        **levels[0],
        "50_64": "50_64..65_plus",
        "65_plus": "50_64..65_plus",
    }
    assert len(levels) == 3  # the last leaves two groups
    assert len(set(levels[-1].values())) == 2


def test_number_bands_nest_and_leave_the_missing_answer():
    levels = number_bands(["0", "4", "5", "12", "19", "", "x"])
    assert levels[0] == {
        "0": "0-4",
        "4": "0-4",
        "5": "5-9",
        "12": "10-14",
        "19": "15-19",
    }
    assert levels[1]["12"] == levels[1]["19"] == "10-19"
    assert levels[2]["5"] == "0-19"


# --- protect -----------------------------------------------------------------------


def test_an_empty_frame_comes_back_empty():
    frame = pd.DataFrame({"origin": [], "answer": []}, dtype=object)
    out, report = protect(frame, quasi=["origin"], k=5)
    pd.testing.assert_frame_equal(out, frame)
    assert (report.rows, report.dropped, report.suppressed) == (0, 0, {"origin": 0})
    assert not report.changed


def test_a_frame_that_is_already_k_anonymous_is_unchanged():
    frame = rows(*[("danish", "woman")] * 5, *[("immigrant", "man")] * 6)
    frame["answer"] = [str(i % 3) for i in range(len(frame))]
    out, report = protect(frame, quasi=["origin", "gender"], k=5)
    pd.testing.assert_frame_equal(out, frame)
    assert not report.changed


def test_a_star_is_a_value_of_its_own_not_a_wildcard():
    # sdcMicro would star only the "other" row: (danish, *) matches both
    # (danish, woman) rows, so it counts 3 with NA as a wildcard. Counted as
    # a value of its own, the three rows must read alike.
    frame = rows(("danish", "woman"), ("danish", "woman"), ("danish", "other"))
    out, report = protect(frame, quasi=["origin", "gender"], k=3)
    assert out.to_numpy().tolist() == [["danish", SUPPRESSED]] * 3
    assert report.suppressed == {"origin": 0, "gender": 3}


def test_the_less_important_column_is_starred():
    frame = rows(("danish", "woman"), ("danish", "man"))
    frame = pd.concat([frame, rows(("immigrant", "woman"), ("immigrant", "man"))])
    frame = frame.reset_index(drop=True)
    out, _report = protect(frame, quasi=["origin", "gender"], k=2)
    assert out["origin"].tolist() == frame["origin"].tolist()
    assert set(out["gender"]) == {SUPPRESSED}
    out, _report = protect(frame, quasi=["gender", "origin"], k=2)
    assert out["gender"].tolist() == frame["gender"].tolist()
    assert set(out["origin"]) == {SUPPRESSED}


def test_recoding_is_chosen_where_it_loses_less_than_stars():
    # Two rows per age band: no band reaches k = 4 alone, each pair of
    # neighbours does.
    ages = ["18_29", "30_49", "50_64", "65_plus"]
    frame = pd.DataFrame({"age": [a for a in ages for _ in range(2)]}, dtype=object)
    counts = frame["age"].value_counts().to_dict()
    hierarchy = {"age": merge_adjacent(ages, counts)}
    out, report = protect(frame, quasi=["age"], k=4, hierarchies=hierarchy)
    assert report.suppressed == {"age": 0}
    assert report.generalised_cells == {"age": 8}
    assert set(out["age"]) == {"18_29..30_49", "50_64..65_plus"}
    assert report.generalised["age"]["65_plus"] == "50_64..65_plus"


def test_fewer_than_k_rows_are_all_dropped():
    frame = rows(("danish", "woman"), ("immigrant", "man"))
    out, report = protect(frame, quasi=["origin", "gender"], k=3)
    assert out.empty
    assert list(out.columns) == ["origin", "gender"]
    assert (report.rows, report.dropped, report.kept) == (2, 2, 0)


def test_the_row_order_does_not_change_the_result():
    rng = np.random.default_rng(7)
    frame = pd.DataFrame(
        {
            "origin": rng.choice(["danish", "immigrant", "descendant"], 300),
            "gender": rng.choice(["woman", "man", "other"], 300, p=[0.5, 0.45, 0.05]),
            "age": rng.choice(AGES, 300),
        }
    ).astype(object)
    out, report = protect(frame, quasi=list(frame.columns), k=5)
    shuffled = frame.sample(frac=1, random_state=3)
    again, report_again = protect(shuffled, quasi=list(frame.columns), k=5)
    pd.testing.assert_frame_equal(again.sort_index(), out.sort_index())
    assert report_again == report


def test_bad_arguments_are_refused():
    frame = rows(("danish", "woman"))
    with pytest.raises(ValueError, match="k must be"):
        protect(frame, quasi=["origin"], k=0)
    with pytest.raises(ValueError, match="quasi-identifiers"):
        protect(frame, quasi=["age"], k=2)


# --- the property ------------------------------------------------------------------


@st.composite
def frames(draw):
    """Skewed categorical QIs (a few common values, a long tail), one of them
    sometimes a number with bands, an ordinal one sometimes, and an answer
    column that is not a QI."""
    n = draw(st.integers(20, 2000))
    width = draw(st.integers(3, 7))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    data, hierarchies = {}, {}
    for j in range(width):
        size = draw(st.integers(1, 12))
        skew = draw(st.floats(0.3, 3.0))
        weights = 1 / np.arange(1, size + 1) ** skew
        name = f"q{j}"
        if j == 0 and draw(st.booleans()):
            values = [str(v) for v in rng.integers(0, 40, n)]
            values = [v if rng.random() > 0.2 else "" for v in values]
            data[name] = values
            hierarchies[name] = number_bands(set(values))
            continue
        categories = [f"v{i}" for i in range(size)]
        data[name] = list(rng.choice(categories, n, p=weights / weights.sum()))
        counts = pd.Series(data[name]).value_counts().to_dict()
        kind = draw(st.sampled_from(["none", "rare", "ordinal"]))
        if kind == "rare":
            hierarchies[name] = merge_rare(counts)
        elif kind == "ordinal":
            hierarchies[name] = merge_adjacent(categories, counts)
    data["answer"] = [f"a{i}" for i in range(n)]
    frame = pd.DataFrame(data, index=rng.permutation(n) + 100).astype(object)
    return frame, [f"q{j}" for j in range(width)], hierarchies


@settings(max_examples=50, deadline=None)
@given(frames(), st.sampled_from([3, 5, 10]))
def test_every_published_combination_has_k_rows(case, k):
    frame, quasi, hierarchies = case
    out, report = protect(frame, quasi=quasi, k=k, hierarchies=hierarchies)

    # Rows are dropped only when nothing else can protect them, and reported.
    assert report.dropped == (len(frame) if len(frame) < k else 0)
    assert len(out) == report.kept == len(frame) - report.dropped
    if len(out):
        assert smallest_group(out, quasi) >= k

    # Rows keep their index and order; the answer column is untouched.
    before = frame.loc[out.index]
    assert list(out.index) == [i for i in frame.index if i in set(out.index)]
    pd.testing.assert_series_equal(out["answer"], before["answer"])

    for name in quasi:
        recoded = report.generalised[name]
        if recoded:
            # It is one level of the column's hierarchy, as the rows have it.
            present = set(frame[name])
            levels = [
                {value: to for value, to in level.items() if value in present}
                for level in hierarchies[name]
            ]
            assert recoded in [_changes(level) for level in levels]
        star = out[name] == SUPPRESSED
        expected = before[name].map(lambda v, r=recoded: r.get(v, v))
        # Every value is the original, its reported recoding, or a star.
        assert (out[name][~star] == expected[~star]).all()
        assert report.suppressed[name] == int(star.sum())
        assert report.generalised_cells[name] == int(
            ((expected != before[name]) & ~star).sum()
        )


def _changes(level: dict) -> dict:
    return {value: to for value, to in level.items() if value != to}
