"""The target path (issue 17): an indicator is judged against the straight
path from its baseline through the council's yearly targets: reached, on
track, behind, or no target. Better than the baseline alone is never on
track where a target exists."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from participation.stats.aggregates import (
    BEHIND,
    NO_TARGET,
    ON_TRACK,
    REACHED,
    target_path,
    target_status,
)


def test_the_path_runs_straight_from_the_baseline_through_the_targets():
    targets = {2026: 50.0}
    assert target_path(2023, targets, baseline_year=2023, baseline=40.0) == 40.0
    assert target_path(2024, targets, baseline_year=2023, baseline=40.0) == (
        pytest.approx(43.333333)
    )
    assert target_path(2026, targets, baseline_year=2023, baseline=40.0) == 50.0
    assert target_path(2028, targets, baseline_year=2023, baseline=40.0) == 50.0
    yearly = {2020: 6.0, 2021: 6.5, 2022: 7.0}
    assert target_path(2021, yearly, baseline_year=2018, baseline=5.0) == 6.5
    assert target_path(2019, yearly, baseline_year=2018, baseline=5.0) == 5.5
    # Without a baseline the first target is the least that counts.
    assert target_path(2019, yearly) == 6.0
    assert target_path(2024, {}) is None


def test_aalborgs_table_3_is_behind_every_year_although_it_rises():
    # Tabel 3: the share of employees with a non-western background rose,
    # but stayed below each year's måltal.
    targets = {2019: 5.5, 2020: 6.0, 2021: 6.5, 2022: 7.0}
    for year, figure in ((2019, 5.2), (2020, 5.6), (2021, 6.1), (2022, 6.4)):
        status = target_status(
            "rise",
            latest_year=year,
            latest=figure,
            targets=targets,
            baseline_year=2018,
            baseline=5.0,
        )
        assert status == BEHIND, year


def test_reached_on_track_behind_and_no_target():
    def judge(latest_year, latest, direction="rise", targets=None):
        return target_status(
            direction,
            latest_year=latest_year,
            latest=latest,
            targets={2026: 50.0} if targets is None else targets,
            baseline_year=2023,
            baseline=40.0,
        )

    assert judge(2025, 50.0) == REACHED  # at the target is reached
    assert judge(2025, 47.0) == ON_TRACK  # path asks 46.7 in 2025
    assert judge(2025, 46.0) == BEHIND  # better than the baseline, not on track
    assert judge(2026, 49.9) == BEHIND  # the year came without reaching it
    assert judge(2025, 46.0, targets={}) == NO_TARGET
    assert judge(2025, None) is None
    # Falling: a discrimination share from 20 % to 10 % by 2026.
    falling = {2026: 10.0}
    assert (
        target_status(
            "fall",
            latest_year=2024,
            latest=16.0,
            targets=falling,
            baseline_year=2023,
            baseline=20.0,
        )
        == ON_TRACK
    )
    assert (
        target_status(
            "fall",
            latest_year=2024,
            latest=17.0,
            targets=falling,
            baseline_year=2023,
            baseline=20.0,
        )
        == BEHIND
    )
    with pytest.raises(ValueError):
        target_status("up-ish", latest_year=2024, latest=1, targets=falling)


@given(
    baseline=st.floats(0, 100),
    target=st.floats(0, 100),
    latest=st.floats(0, 100),
    year=st.integers(2024, 2030),
)
def test_a_figure_never_behind_where_a_better_one_is_on_track(
    baseline, target, latest, year
):
    """Monotone: improving the figure never worsens the status."""
    order = {BEHIND: 0, ON_TRACK: 1, REACHED: 2}

    def judge(figure):
        return target_status(
            "rise",
            latest_year=year,
            latest=figure,
            targets={2027: target},
            baseline_year=2023,
            baseline=baseline,
        )

    assert order[judge(latest)] <= order[judge(min(100.0, latest + 1))]
