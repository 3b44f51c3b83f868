"""participation/stats/aggregates.py: shares with Wilson intervals, weighted
agreement tables, counts for disclosure control, participation tables and
goal movement (pure, no database)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.associations.models import (
    BOARD_FIELDS,
    COMPOSITION,
    MEMBER_FIELDS,
)
from participation.stats.aggregates import (
    TOTAL,
    agreement_table,
    choice_counts,
    movement,
    movement_rule_text,
    participation_table,
    pool_small_groups,
    representation_ratio,
    wilson_interval,
)

# --- Wilson ------------------------------------------------------------------


def test_wilson_textbook_values():
    # 8 of 10: the textbook 95 % Wilson interval 0.490-0.943.
    low, high = wilson_interval(8, 10)
    assert (round(low, 3), round(high, 3)) == (0.490, 0.943)
    # Newcombe (1998): 0 of 10 gives 0-0.2775, and 10 of 10 its mirror.
    assert wilson_interval(0, 10) == (0.0, pytest.approx(0.2775, abs=1e-4))
    assert wilson_interval(10, 10) == (pytest.approx(0.7225, abs=1e-4), 1.0)


def test_wilson_is_nan_without_respondents():
    low, high = wilson_interval(0, 0)
    assert math.isnan(low)
    assert math.isnan(high)


def test_wilson_works_on_series_and_arrays():
    low, high = wilson_interval(
        pd.Series([8, 0, 3], index=["a", "b", "c"]),
        pd.Series([10, 0, 4], index=["a", "b", "c"]),
    )
    assert list(low.index) == ["a", "b", "c"]
    assert low["a"] == pytest.approx(0.490157, abs=1e-6)
    assert high["a"] == pytest.approx(0.943319, abs=1e-6)
    assert math.isnan(low["b"])
    low, high = wilson_interval(np.array([8, 1]), 10)
    assert isinstance(low, np.ndarray)
    assert low[0] == pytest.approx(0.490157, abs=1e-6)
    assert high[1] == pytest.approx(0.404156, abs=1e-6)


def test_wilson_is_narrower_at_lower_confidence():
    low95, high95 = wilson_interval(8, 10)
    low90, high90 = wilson_interval(8, 10, z=1.645)
    assert low95 < low90 < 0.8 < high90 < high95


def test_wilson_refuses_impossible_counts():
    with pytest.raises(ValueError):
        wilson_interval(11, 10)
    with pytest.raises(ValueError):
        wilson_interval(-1, 10)


@settings(deadline=None)
@given(
    st.integers(1, 10**6).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))
)
def test_wilson_holds_the_share_within_0_and_1(case):
    successes, n = case
    low, high = wilson_interval(successes, n)
    assert 0.0 <= low <= successes / n <= high <= 1.0


@settings(deadline=None)
@given(st.floats(0.01, 1e5), st.floats(0.0, 1.0))
def test_wilson_on_an_effective_sample_size(n_eff, share):
    low, high = wilson_interval(share * n_eff, n_eff)
    assert 0.0 <= low <= high <= 1.0
    assert low <= share * n_eff / n_eff <= high


# --- agreement ----------------------------------------------------------------

COLUMNS = [
    "respondents",
    "dont_know",
    "agree",
    "share_agree",
    "share_low",
    "share_high",
    "mean",
    "weighted_share_agree",
    "weighted_low",
    "weighted_high",
    "weighted_mean",
    "n_eff",
]


def answers():
    """Group a: 1, 4, 5, don't know, 5; group b: 2, 3, 4; one without a
    group who answered 4, one with a group who did not answer."""
    return pd.DataFrame(
        {
            "answer": ["1", "4", "5", "dk", "5", "2", "3", "4", "4", None],
            "origin": ["a", "a", "a", "a", "a", "b", "b", "b", None, "b"],
            "weight": [1.0, 2.0, 1.0, 1.0, 1.0, 0.5, 0.5, 2.0, 1.0, 1.0],
        }
    )


def table(rows):
    """An expected agreement table from (group, *COLUMNS) tuples."""
    out = pd.DataFrame.from_records(rows, columns=["origin", *COLUMNS])
    return out.astype(
        {"respondents": "int64", "dont_know": "int64", "agree": "int64"}
        | dict.fromkeys(COLUMNS[3:], "float64")
    )


def test_agreement_by_hand_unweighted():
    # Wilson ends to 6 places, worked from the closed formula in 30-digit
    # decimal arithmetic (not with this module).
    nan = np.nan
    expected = table(
        [
            # a: 3 of 4 agree; mean (1 + 4 + 5 + 5) / 4; Wilson(3, 4).
            ("a", 4, 1, 3, 0.75, 0.300636, 0.954414, 3.75, nan, nan, nan, nan, nan),
            # b: 1 of 3; mean (2 + 3 + 4) / 3; Wilson(1, 3).
            ("b", 3, 0, 1, 1 / 3, 0.061490, 0.792345, 3.0, nan, nan, nan, nan, nan),
            # No group: its own row, so the groups add up to the total.
            (nan, 1, 0, 1, 1.0, 0.206543, 1.0, 4.0, nan, nan, nan, nan, nan),
            # all: 5 of 8; mean 28 / 8; Wilson(5, 8).
            (TOTAL, 8, 1, 5, 0.625, 0.305738, 0.863158, 3.5, nan, nan, nan, nan, nan),
        ]
    )
    result = agreement_table(answers(), by="origin")
    pd.testing.assert_frame_equal(result, expected, atol=1e-6)


def test_agreement_by_hand_weighted():
    result = agreement_table(answers(), by="origin", weights_col="weight")
    weighted = result.set_index("origin")[
        ["weighted_share_agree", "weighted_mean", "n_eff"]
    ]
    # a: scale answers weigh 1, 2, 1, 1 (the don't know is not counted):
    #    agree (2 + 1 + 1) / 5, mean (1 + 8 + 5 + 5) / 5, n_eff 5² / 7.
    assert weighted.loc["a"].tolist() == pytest.approx([0.8, 3.8, 25 / 7])
    # b: weights .5, .5, 2: agree 2 / 3, mean (1 + 1.5 + 8) / 3, n_eff 9 / 4.5.
    assert weighted.loc["b"].tolist() == pytest.approx([2 / 3, 3.5, 2.0])
    # all: agree 7 / 9, mean (19 + 10.5 + 4) / 9, n_eff 81 / 12.5.
    assert weighted.loc[TOTAL].tolist() == pytest.approx([7 / 9, 33.5 / 9, 6.48])
    # The weighted interval is Wilson on the effective sample size.
    row = result.set_index("origin").loc["a"]
    assert (row["weighted_low"], row["weighted_high"]) == pytest.approx(
        wilson_interval(0.8 * 25 / 7, 25 / 7)
    )
    assert row["weighted_low"] == pytest.approx(0.317294, abs=1e-6)
    # The unweighted figures are beside the weighted ones, unchanged.
    pd.testing.assert_frame_equal(
        result[COLUMNS[:7]], agreement_table(answers(), by="origin")[COLUMNS[:7]]
    )


def test_equal_weights_give_the_unweighted_figures():
    rows = answers().assign(weight=1.0)
    result = agreement_table(rows, by="origin", weights_col="weight")
    assert result["weighted_share_agree"].tolist() == pytest.approx(
        result["share_agree"].tolist()
    )
    assert result["weighted_low"].tolist() == pytest.approx(
        result["share_low"].tolist()
    )
    assert result["n_eff"].tolist() == pytest.approx(result["respondents"].tolist())


def test_only_dont_know_gives_no_share():
    rows = pd.DataFrame({"answer": ["dk", "dont_know"], "origin": ["a", "a"]})
    result = agreement_table(rows, by="origin", total=False)
    assert result[["respondents", "dont_know", "agree"]].values.tolist() == [[0, 2, 0]]
    assert (
        result[["share_agree", "share_low", "share_high", "mean"]].isna().all(axis=None)
    )


def test_answers_may_be_whole_numbers_and_blanks_are_no_answer():
    rows = pd.DataFrame({"answer": [1, 5, 4, "", " 2 "], "origin": ["a"] * 5})
    result = agreement_table(rows, by="origin", total=False)
    assert result[["respondents", "agree"]].values.tolist() == [[4, 2]]
    assert choice_counts(rows, by="origin").to_dict("records") == [
        {"1": 1, "2": 1, "4": 1, "5": 1}
    ]


def test_agreement_of_no_answers_is_a_zero_total():
    rows = pd.DataFrame(
        {"answer": pd.Series([], dtype="str"), "origin": pd.Series([], dtype="str")}
    )
    nan = np.nan
    expected = table([(TOTAL, 0, 0, 0, nan, nan, nan, nan, nan, nan, nan, nan, nan)])
    pd.testing.assert_frame_equal(agreement_table(rows, by="origin"), expected)


def test_agreement_refuses_what_is_not_on_the_scale():
    with pytest.raises(ValueError, match="yes"):
        agreement_table(pd.DataFrame({"answer": ["yes"], "g": ["a"]}), by="g")
    with pytest.raises(ValueError):
        agreement_table(pd.DataFrame({"answer": ["1"], "g": [TOTAL]}), by="g")
    with pytest.raises(ValueError):
        agreement_table(
            pd.DataFrame({"answer": ["1"], "g": ["a"], "w": [-1.0]}),
            by="g",
            weights_col="w",
        )


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["1", "2", "3", "4", "5", "dk"]),
            st.sampled_from(["x", "y", "z"]),
            st.floats(0.1, 5.0),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_agreement_groups_add_up_to_the_total(rows):
    frame = pd.DataFrame(rows, columns=["answer", "g", "w"])
    result = agreement_table(frame, by="g", weights_col="w").set_index("g")
    groups, total = result.drop(index=TOTAL), result.loc[TOTAL]
    for column in ("respondents", "dont_know", "agree"):
        assert groups[column].sum() == total[column]
    shares = result.dropna(subset=["share_agree"])
    assert (shares["share_low"] <= shares["share_agree"] + 1e-12).all()
    assert (shares["share_agree"] <= shares["share_high"] + 1e-12).all()
    assert (shares["weighted_low"] <= shares["weighted_share_agree"] + 1e-12).all()
    assert (shares["n_eff"] <= shares["respondents"] + 1e-9).all()


# --- counts for disclosure control ---------------------------------------------


def test_choice_counts_by_hand():
    counts = choice_counts(answers(), by="origin")
    expected = pd.DataFrame(
        [[1, 0, 0, 1, 2, 1], [0, 1, 1, 1, 0, 0], [0, 0, 0, 1, 0, 0]],
        index=pd.Index(["a", "b", np.nan], name="origin"),
        columns=pd.Index(["1", "2", "3", "4", "5", "dk"], name="answer"),
    )
    pd.testing.assert_frame_equal(counts, expected)


def test_choice_counts_keep_choices_nobody_chose():
    rows = pd.DataFrame({"answer": ["yes", "yes", "no"], "g": ["a", "b", "b"]})
    counts = choice_counts(rows, by="g", choices=["yes", "no", "dk"])
    expected = pd.DataFrame(
        [[1, 0, 0], [1, 1, 0]],
        index=pd.Index(["a", "b"], name="g"),
        columns=pd.Index(["yes", "no", "dk"], name="answer"),
    )
    pd.testing.assert_frame_equal(counts, expected)
    with pytest.raises(ValueError):
        choice_counts(rows, by="g", choices=["yes"])


def test_choice_counts_of_no_answers_are_empty():
    rows = pd.DataFrame(
        {"answer": pd.Series([], dtype="str"), "g": pd.Series([], dtype="str")}
    )
    counts = choice_counts(rows, by="g", choices=["yes", "no"])
    assert counts.empty
    assert list(counts.columns) == ["yes", "no"]
    assert counts.index.name == "g"


# --- participation --------------------------------------------------------------


def report(year, kind, **counts):
    return {
        "year": year,
        "kind": kind,
        "association": "x",
        **dict.fromkeys(MEMBER_FIELDS + BOARD_FIELDS, 0),
        **counts,
    }


def test_participation_by_hand():
    reports = pd.DataFrame(
        [
            report(
                2024,
                "school_board",
                members_danish_adult=10,
                members_immigrant_adult=2,
                members_immigrant_child=1,
                board_danish_woman=3,
                board_danish_man=2,
                board_immigrant_woman=1,
            ),
            report(
                2024,
                "school_board",
                members_danish_adult=5,
                members_descendant_adult=3,
                members_unknown_child=2,
                board_danish_man=2,
                board_descendant_other=1,
                board_unknown_woman=1,
            ),
            report(2024, "daycare_board", board_danish_woman=5),
        ]
    )
    nan = np.nan
    expected = pd.DataFrame.from_records(
        [
            # No members reported: no member share; all five on the board Danish.
            (2024, "daycare_board", "danish", 1, 0, nan, 5, 1.0),
            (2024, "daycare_board", "immigrant", 1, 0, nan, 0, 0.0),
            (2024, "daycare_board", "descendant", 1, 0, nan, 0, 0.0),
            (2024, "daycare_board", "unknown", 1, 0, nan, 0, 0.0),
            # 23 members (15 + 3 + 3 + 2), 10 board members (7 + 1 + 1 + 1).
            (2024, "school_board", "danish", 2, 15, 15 / 23, 7, 0.7),
            (2024, "school_board", "immigrant", 2, 3, 3 / 23, 1, 0.1),
            (2024, "school_board", "descendant", 2, 3, 3 / 23, 1, 0.1),
            (2024, "school_board", "unknown", 2, 2, 2 / 23, 1, 0.1),
        ],
        columns=[
            "year",
            "kind",
            "origin",
            "reports",
            "members",
            "member_share",
            "board_members",
            "board_share",
        ],
    )
    pd.testing.assert_frame_equal(participation_table(reports, COMPOSITION), expected)


def test_participation_of_no_reports_is_empty():
    reports = pd.DataFrame(columns=["year", "kind", *MEMBER_FIELDS, *BOARD_FIELDS])
    result = participation_table(reports, COMPOSITION)
    assert result.empty
    assert list(result.columns) == [
        "year",
        "kind",
        "origin",
        "reports",
        "members",
        "member_share",
        "board_members",
        "board_share",
    ]


def test_participation_needs_every_count_column():
    reports = pd.DataFrame([report(2024, "sport")]).drop(columns="board_unknown_other")
    with pytest.raises(ValueError, match="board_unknown_other"):
        participation_table(reports, COMPOSITION)


def test_representation_ratio():
    # 10 % of school-board seats for a group that is 13.7 % of the population.
    assert representation_ratio(0.10, 0.137) == pytest.approx(0.7299, abs=1e-4)
    assert math.isnan(representation_ratio(0.1, 0.0))
    ratio = representation_ratio(
        pd.Series({"immigrant": 0.05, "descendant": 0.02, "danish": 0.93}),
        pd.Series({"immigrant": 0.105, "descendant": 0.0, "danish": 0.863}),
    )
    assert ratio["immigrant"] == pytest.approx(0.05 / 0.105)
    assert math.isnan(ratio["descendant"])
    assert ratio["danish"] == pytest.approx(0.93 / 0.863)
    assert representation_ratio(np.array([0.1, 0.2]), 0.2).tolist() == [0.5, 1.0]


# --- goals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "baseline", "latest", "threshold", "expected"),
    [
        # Aalborg's non-western municipal employees, 4.3 % (2018) -> 5.4 % (2021).
        ("rise", 4.3, 5.4, 0.5, "positive"),
        ("rise", 0.50, 0.56, 0.05, "positive"),
        # Exactly the threshold is not "more than" it, floating point or not.
        ("rise", 0.50, 0.55, 0.05, "unchanged"),
        ("rise", 0.50, 0.45, 0.05, "unchanged"),
        ("rise", 0.50, 0.44, 0.05, "negative"),
        # Experienced discrimination should fall.
        ("fall", 0.20, 0.14, 0.05, "positive"),
        ("fall", 0.20, 0.26, 0.05, "negative"),
        ("fall", 0.20, 0.22, 0.05, "unchanged"),
        ("up", 1.0, 2.0, 0.0, "positive"),
        ("down", 1.0, 2.0, 0.0, "negative"),
        ("rise", 1.0, 1.0, 0.0, "unchanged"),
        ("rise", np.nan, 0.5, 0.05, "unknown"),
        ("fall", 0.5, None, 0.05, "unknown"),
    ],
)
def test_movement(direction, baseline, latest, threshold, expected):
    assert movement(direction, baseline, latest, threshold=threshold) == expected


def test_movement_refuses_a_bad_direction_or_threshold():
    with pytest.raises(ValueError):
        movement("sideways", 0.1, 0.2, threshold=0.01)
    with pytest.raises(ValueError):
        movement("sideways", np.nan, 0.2, threshold=0.01)
    with pytest.raises(ValueError):
        movement("rise", 0.1, 0.2, threshold=-0.01)


def test_movement_rule_text_gives_the_numbers():
    assert movement_rule_text("up", 4.3, 5.4, threshold=0.5) == {
        "direction": "rise",
        "baseline": 4.3,
        "latest": 5.4,
        "change": pytest.approx(1.1),
        "threshold": 0.5,
        "movement": "positive",
    }
    assert movement_rule_text("fall", np.nan, 5.4, threshold=0.5) == {
        "direction": "fall",
        "baseline": None,
        "latest": 5.4,
        "change": None,
        "threshold": 0.5,
        "movement": "unknown",
    }


# --- pool_small_groups ------------------------------------------------------------


def test_pool_small_groups_keeps_large_groups():
    assert pool_small_groups({"a": 5, "b": 3}, minimum=3, pooled="p") == {
        "a": "a",
        "b": "b",
    }


def test_pool_small_groups_pools_small_ones_and_tops_the_pool_up():
    shown = pool_small_groups({"a": 9, "b": 4, "c": 1, "d": 1}, minimum=3, pooled="p")
    # c and d make 2 < 3: the smallest other group (b) joins them.
    assert shown == {"a": "a", "b": "p", "c": "p", "d": "p"}


def test_pool_small_groups_with_everything_small_pools_everything():
    assert set(pool_small_groups({"a": 1, "b": 1}, minimum=3, pooled="p").values()) == {
        "p"
    }


def test_pool_small_groups_empty():
    assert pool_small_groups({}, minimum=3, pooled="p") == {}


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 12), max_size=8),
    st.integers(1, 5),
)
def test_pool_small_groups_property_every_shown_group_is_large(units, minimum):
    shown = pool_small_groups(units, minimum=minimum, pooled="\0pool")
    sums: dict = {}
    for group, target in shown.items():
        sums[target] = sums.get(target, 0) + units[group]
    if sum(units.values()) >= minimum:
        assert all(n >= minimum for n in sums.values())
