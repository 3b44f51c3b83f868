"""participation/stats/weighting.py: raking respondents to the population and
Kish's effective sample size (pure, no database)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.stats.weighting import WeightingError, effective_sample_size, rake

ORIGINS = ["danish", "immigrant", "descendant"]
BANDS = ["under_18", "18_29", "30_49", "50_64", "65_plus"]
GENDERS = ["woman", "man"]


def weighted_shares(sample, weights, column):
    totals = weights.groupby(sample[column]).sum()
    return totals / totals.sum()


# --- by hand -----------------------------------------------------------------


def test_one_margin_by_hand():
    # 3 Danish-origin respondents and 1 immigrant; the population is half and
    # half: each half carries 2 of the 4, so 2/3 each and 2.
    sample = pd.DataFrame({"origin": ["danish", "danish", "danish", "immigrant"]})
    weights = rake(sample, {"origin": pd.Series({"danish": 500, "immigrant": 500})})
    assert weights.tolist() == pytest.approx([2 / 3, 2 / 3, 2 / 3, 2.0], abs=1e-12)
    assert weights.name == "weight"


def test_two_margins_by_hand_with_people_outside_the_margins():
    # Raked cells: Danish women ×2, a Danish man, an immigrant man. Targets
    # for the 4 raked: origin 3 / 1 (75 % / 25 %), gender 2.4 / 1.6 (60/40).
    # The immigrant man alone must carry 1; Danish men then 1.6 - 1 = 0.6;
    # Danish women 2.4 over two = 1.2 each; Danish origin 2.4 + 0.6 = 3. ✓
    # Origin "unknown", gender "other" and no answer are not in the margins:
    # weight 1.
    sample = pd.DataFrame(
        {
            "origin": [
                *("danish", "danish", "danish", "immigrant"),
                *("unknown", "danish", "immigrant"),
            ],
            "gender": ["woman", "woman", "man", "man", "woman", "other", None],
        },
        index=[10, 11, 12, 13, 14, 15, 16],
    )
    margins = {
        "origin": pd.Series({"danish": 75_000, "immigrant": 25_000}),
        "gender": pd.Series({"woman": 0.6, "man": 0.4}),
    }
    weights = rake(sample, margins)
    expected = pd.Series(
        [1.2, 1.2, 0.6, 1.0, 1.0, 1.0, 1.0], index=sample.index, name="weight"
    )
    pd.testing.assert_series_equal(weights, expected, atol=1e-6, check_exact=False)
    assert weights.attrs["raked"] == 4
    assert weights.mean() == pytest.approx(1.0)


def test_a_sample_like_the_population_keeps_weight_one():
    sample = pd.DataFrame(
        [
            (o, b, g)
            for o, n in (("danish", 6), ("immigrant", 3), ("descendant", 1))
            for b in BANDS
            for g in GENDERS
            for _ in range(n)
        ],
        columns=["origin", "age_band", "gender"],
    )
    margins = {
        "origin": pd.Series({"danish": 6000, "immigrant": 3000, "descendant": 1000}),
        "age_band": pd.Series(dict.fromkeys(BANDS, 2000)),
        "gender": pd.Series({"woman": 5000, "man": 5000}),
    }
    weights = rake(sample, margins)
    assert np.allclose(weights, 1.0, atol=1e-12)
    assert weights.attrs["iterations"] == 1


def test_empty_sample_gives_no_weights():
    sample = pd.DataFrame({"origin": pd.Series([], dtype="str")})
    weights = rake(sample, {"origin": pd.Series({"danish": 1, "immigrant": 1})})
    pd.testing.assert_series_equal(
        weights, pd.Series([], index=sample.index, name="weight", dtype="float64")
    )


# --- what cannot be weighted --------------------------------------------------


def test_a_population_group_without_respondents_cannot_be_raked():
    sample = pd.DataFrame({"origin": ["danish", "immigrant", "unknown"]})
    margins = {"origin": pd.Series({"danish": 8, "immigrant": 1, "descendant": 1})}
    with pytest.raises(WeightingError) as caught:
        rake(sample, margins)
    error = caught.value
    assert error.code == "empty_category"
    assert error.params == {"dimension": "origin", "categories": "descendant"}
    assert str(error) == (
        "No respondent has origin descendant, so the answers cannot be "
        "weighted to the population."
    )


def test_a_category_with_no_people_is_not_a_target():
    # A zero in the population (e.g. under_18 when the table starts at 18)
    # is left out: its respondents stay at weight 1 instead of dropping to 0.
    sample = pd.DataFrame({"age_band": ["under_18", "18_29", "30_49", "30_49"]})
    weights = rake(
        sample, {"age_band": pd.Series({"under_18": 0, "18_29": 1, "30_49": 1})}
    )
    assert weights.tolist() == pytest.approx([1.0, 1.5, 0.75, 0.75])


def test_weights_that_would_break_the_cap_fail_rather_than_miss_the_margins():
    # 9 Danish-origin respondents, 1 immigrant; the population is 10 % / 90 %.
    # The immigrant would need weight 9, over the default cap of 5.
    sample = pd.DataFrame({"origin": ["danish"] * 9 + ["immigrant"]})
    margins = {"origin": pd.Series({"danish": 10, "immigrant": 90})}
    with pytest.raises(WeightingError) as caught:
        rake(sample, margins)
    assert caught.value.code == "not_converged"
    uncapped = rake(sample, margins, cap=None)
    assert uncapped.tolist() == pytest.approx([1 / 9] * 9 + [9.0])


def test_the_cap_holds_and_the_margins_are_still_met():
    # Uncapped, the one Danish-origin man would weigh about 5.44; with the
    # cap at 5 the other respondents carry the rest.
    sample = pd.DataFrame(
        {
            "origin": ["danish"] * 6 + ["immigrant"] * 14,
            "gender": ["man"] + ["woman"] * 5 + ["man"] * 7 + ["woman"] * 7,
        }
    )
    margins = {
        "origin": pd.Series({"danish": 0.7, "immigrant": 0.3}),
        "gender": pd.Series({"woman": 0.5, "man": 0.5}),
    }
    assert rake(sample, margins, cap=None).max() == pytest.approx(5.437, abs=1e-3)
    weights = rake(sample, margins, cap=5.0)
    assert weights.max() <= 5.0 * (1 + 1e-6)
    assert weights.attrs["trimmed"] == 1
    for column in margins:
        assert weighted_shares(sample, weights, column).to_dict() == pytest.approx(
            margins[column].to_dict(), abs=1e-7
        )


@pytest.mark.parametrize("kwargs", [{"cap": 0.5}, {"max_iter": 0}, {"tol": 0}], ids=str)
def test_malformed_calls_are_value_errors(kwargs):
    sample = pd.DataFrame({"origin": ["danish"]})
    with pytest.raises(ValueError):
        rake(sample, {"origin": pd.Series({"danish": 1})}, **kwargs)
    with pytest.raises(ValueError):
        rake(sample, {"gender": pd.Series({"man": 1})})
    with pytest.raises(ValueError):
        rake(sample, {"origin": pd.Series({"danish": -1})})


# --- properties ---------------------------------------------------------------


@st.composite
def samples_with_reachable_margins(draw):
    """A sample in which every category occurs, and margins computed from a
    hidden set of positive weights, so that some weighting reaches them."""
    # The first ten rows walk through every category so none is empty.
    first = [(ORIGINS[i % 3], BANDS[i % 5], GENDERS[i % 2]) for i in range(10)]
    more = draw(
        st.lists(
            st.tuples(
                st.sampled_from(ORIGINS),
                st.sampled_from(BANDS),
                st.sampled_from(GENDERS),
            ),
            max_size=80,
        )
    )
    rows = first + more
    n = len(rows)
    sample = pd.DataFrame(rows, columns=["origin", "age_band", "gender"])
    hidden = pd.Series(
        draw(st.lists(st.floats(0.2, 5.0), min_size=n, max_size=n)),
        index=sample.index,
    )
    scale = draw(st.floats(1.0, 1e6))
    margins = {
        column: hidden.groupby(sample[column]).sum() * scale
        for column in ("origin", "age_band", "gender")
    }
    return sample, margins


@settings(max_examples=40, deadline=None)
@given(samples_with_reachable_margins())
def test_raking_reaches_the_margins(case):
    sample, margins = case
    weights = rake(sample, margins, cap=None, max_iter=2000)
    assert weights.mean() == pytest.approx(1.0, abs=1e-9)
    assert (weights > 0).all()
    for column, margin in margins.items():
        shares = weighted_shares(sample, weights, column)
        target = margin / margin.sum()
        assert np.abs(shares - target.reindex(shares.index)).max() <= 1e-7


@settings(max_examples=30, deadline=None)
@given(samples_with_reachable_margins(), st.floats(1.5, 10))
def test_capped_weights_stay_under_the_cap_when_they_converge(case, cap):
    sample, margins = case
    try:
        weights = rake(sample, margins, cap=cap, max_iter=2000)
    except WeightingError as error:
        assert error.code == "not_converged"
        return
    assert weights.max() <= cap * weights.mean() * (1 + 1e-6)
    for column, margin in margins.items():
        shares = weighted_shares(sample, weights, column)
        target = margin / margin.sum()
        assert np.abs(shares - target.reindex(shares.index)).max() <= 1e-7


# --- Kish --------------------------------------------------------------------


def test_kish_by_hand():
    # (1 + 1 + 2 + 2)² / (1 + 1 + 4 + 4) = 36 / 10
    assert effective_sample_size([1, 1, 2, 2]) == pytest.approx(3.6)
    # (9 × 1/9 + 9)² / (9 × 1/81 + 81) = 100 / (730/9) = 90/73
    assert effective_sample_size(pd.Series([1 / 9] * 9 + [9.0])) == pytest.approx(
        90 / 73
    )


def test_kish_of_no_weights_is_zero():
    assert effective_sample_size([]) == 0.0
    assert effective_sample_size([0.0, 0.0]) == 0.0


def test_kish_refuses_negative_or_missing_weights():
    with pytest.raises(ValueError):
        effective_sample_size([1.0, -1.0])
    with pytest.raises(ValueError):
        effective_sample_size([1.0, np.nan])


@settings(deadline=None)
@given(st.integers(1, 500), st.floats(1e-3, 1e3))
def test_kish_of_equal_weights_is_n(n, w):
    assert effective_sample_size(np.full(n, w)) == pytest.approx(n)


@settings(deadline=None)
@given(st.lists(st.floats(0.01, 100), min_size=1, max_size=200), st.floats(0.1, 10))
def test_kish_is_at_most_n_and_ignores_scale(weights, factor):
    n_eff = effective_sample_size(weights)
    assert 1 - 1e-9 <= n_eff <= len(weights) * (1 + 1e-9)
    scaled = effective_sample_size(np.asarray(weights) * factor)
    assert scaled == pytest.approx(n_eff)
