"""participation/stats/differences.py: two releases of one population may
differ in a figure both show by 0 or by at least k (T06)."""

from participation.stats.differences import more_needed


def test_equal_or_far_apart_figures_need_nothing():
    assert more_needed({"a": 10, "b": 3}, {"a": 10, "b": 8}, 5) == 0


def test_a_figure_that_moved_by_one_needs_k_minus_one_more():
    assert more_needed({"a": 10, "b": 20}, {"a": 11, "b": 20}, 5) == 4


def test_a_withdrawal_counts_like_an_answer():
    assert more_needed({"a": 10}, {"a": 8}, 5) == 3


def test_a_figure_hidden_in_either_release_gives_nothing_to_subtract():
    assert more_needed({"a": None, "b": 4}, {"a": 7, "b": None, "c": 1}, 5) == 0


def test_the_largest_shortfall_is_told_not_which_figure():
    assert more_needed({"a": 10, "b": 10}, {"a": 11, "b": 13}, 5) == 4


def test_nothing_to_compare():
    assert more_needed({}, {}, 5) == 0
