"""The council's figures: shares, intervals, means and participation tables.

Council insights (SPEC §3.3) show survey results and participation records
by background group, with counts, shares, 95 % confidence intervals, and
weighted figures beside the unweighted ones. The database counts and groups;
the functions here take those rows as DataFrames and compute.

They only compute. **Nothing here suppresses small cells**: every figure
these functions return still has to pass participation/stats/disclosure.py, the
one choke point (SPEC §4.2), before it reaches a person or a file. To make
that possible the tables carry the counts behind every share
(``respondents``, ``agree``, ``dont_know``; ``members``, ``board_members``,
``reports``), and ``choice_counts`` gives the plain table of counts the
disclosure function works on.

Conventions:

- Groups are stable codes, never labels; labels are looked up per language
  when rendering. A missing group value (NaN/None) is a group of its own, so
  the groups always add up to the total (nothing disappears between a table
  and its total, which disclosure control relies on). Groups are sorted by
  code; reorder for display.
- The agreement scale is stored as choice codes "1" (strongly disagree) ..
  "5" (strongly agree) and "dk" for don't know (surveys/forms.py;
  "dont_know" is accepted too). "Agree" means 4 or 5 among those who
  answered 1-5; don't know is counted separately and is not in the share.
- Intervals are Wilson score intervals (95 % by default). Weighted shares
  use Kish's effective sample size in place of n.

Pure: standard library, numpy and pandas only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "Composition",
    "AGREE_CODES",
    "DONT_KNOW_CODES",
    "SCALE_CODES",
    "TOTAL",
    "agreement_table",
    "choice_counts",
    "movement",
    "movement_rule_text",
    "target_path",
    "target_status",
    "participation_table",
    "pool_small_groups",
    "representation_ratio",
    "wilson_interval",
]

SCALE_CODES = ("1", "2", "3", "4", "5")
AGREE_CODES = ("4", "5")
DONT_KNOW_CODES = ("dk", "dont_know")
# The group value of the total row that agreement_table appends.
TOTAL = "__all__"


@dataclass(frozen=True)
class Composition:
    """The count columns of a composition report: ``members_<origin>_<age>``
    and ``board_<origin>_<gender>``. The vocabulary comes from the caller
    (participation.associations.models.COMPOSITION, with the origins of
    surveys/origin.py), so this module imports nothing of ours."""

    origins: tuple[str, ...]
    ages: tuple[str, ...]
    genders: tuple[str, ...]

    @property
    def member_fields(self) -> tuple[str, ...]:
        return tuple(f"members_{o}_{a}" for o in self.origins for a in self.ages)

    @property
    def board_fields(self) -> tuple[str, ...]:
        return tuple(f"board_{o}_{g}" for o in self.origins for g in self.genders)


AGREEMENT_COLUMNS = [
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
PARTICIPATION_COLUMNS = [
    "year",
    "kind",
    "origin",
    "reports",
    "members",
    "member_share",
    "board_members",
    "board_share",
]


# --- intervals ----------------------------------------------------------------


def wilson_interval(successes, n, z: float = 1.96):
    """The Wilson score interval for a share ``successes / n``.

    Works on scalars (returns two floats), numpy arrays (two arrays) and
    Series (two Series on the aligned index). ``n`` may be fractional (an
    effective sample size) and so may ``successes``. Where ``n`` is 0 or
    missing both ends are NaN. The interval always holds the share and stays
    within [0, 1]. Raises ValueError when successes is negative or above n.
    """
    if isinstance(successes, pd.Series) or isinstance(n, pd.Series):
        s = successes if isinstance(successes, pd.Series) else None
        m = n if isinstance(n, pd.Series) else None
        if s is not None and m is not None:
            s, m = s.align(m)
        index = (s if s is not None else m).index
        s_values = s.to_numpy(dtype="float64") if s is not None else successes
        m_values = m.to_numpy(dtype="float64") if m is not None else n
        low, high = _wilson(s_values, m_values, z)
        return pd.Series(low, index=index), pd.Series(high, index=index)
    low, high = _wilson(successes, n, z)
    if np.ndim(low) == 0:
        return float(low), float(high)
    return low, high


def _wilson(successes, n, z: float):
    s = np.asarray(successes, dtype="float64")
    n = np.asarray(n, dtype="float64")
    s, n = np.broadcast_arrays(s, n)
    if ((s < 0) | (s > n * (1 + 1e-12))).any():
        raise ValueError("successes must be between 0 and n")
    valid = n > 0
    safe_n = np.where(valid, n, 1.0)
    p = np.clip(np.where(valid, s / safe_n, np.nan), 0.0, 1.0)
    z2 = z * z
    denominator = 1 + z2 / safe_n
    centre = (p + z2 / (2 * safe_n)) / denominator
    half = z * np.sqrt(p * (1 - p) / safe_n + z2 / (4 * safe_n * safe_n)) / denominator
    # Rounding must not push an end past the share or out of [0, 1].
    low = np.clip(np.minimum(centre - half, p), 0.0, 1.0)
    high = np.clip(np.maximum(centre + half, p), 0.0, 1.0)
    low = np.where(valid, low, np.nan)
    high = np.where(valid, high, np.nan)
    return low, high


# --- survey answers -----------------------------------------------------------


def _answer_codes(answers: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The distinct answer codes (trimmed strings) and, per row, the position
    of its code among them (-1: no answer, i.e. missing or blank). Only the
    distinct values are handled in Python, so a million rows stay fast."""
    positions, uniques = pd.factorize(answers, use_na_sentinel=True)
    labels = np.array([str(u).strip() for u in uniques], dtype=object)
    blank = np.flatnonzero(labels == "")
    positions = np.where(np.isin(positions, blank), -1, positions)
    return labels, positions


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def agreement_table(
    rows: pd.DataFrame,
    *,
    by: str,
    weights_col: str | None = None,
    total: bool = True,
) -> pd.DataFrame:
    """Agreement with one statement, by group.

    ``rows`` has one row per respondent for one question × wave: ``answer``
    (an agreement-scale code, see the module docstring; missing = no answer,
    left out), the group column ``by``, and optionally the weight column
    ``weights_col`` (from participation.stats.weighting.rake).

    Returns one row per group (column ``by``), then, with ``total``, a row
    whose ``by`` is ``TOTAL`` for all rows together. Columns:
    ``respondents`` (answered 1-5), ``dont_know``, ``agree`` (answered 4 or
    5), ``share_agree`` = agree / respondents with its Wilson interval
    ``share_low``/``share_high``, ``mean`` (1-5); and from the weights
    ``weighted_share_agree`` with its Wilson interval on the effective
    sample size (``weighted_low``/``weighted_high``), ``weighted_mean`` and
    ``n_eff`` (Kish, among those who answered 1-5). Weighted columns are NaN
    without ``weights_col``; shares and means are NaN for a group with no
    answer on the scale. Raises ValueError for an answer code that is not
    on the scale, or a missing or negative weight.
    """
    labels, positions = _answer_codes(rows["answer"])
    used = labels[np.unique(positions[positions >= 0])]
    unknown = sorted(set(used) - {*SCALE_CODES, *DONT_KNOW_CODES})
    if unknown:
        raise ValueError(f"answers not on the agreement scale: {unknown[:5]}")
    if len(rows) and (rows[by] == TOTAL).any():
        raise ValueError(f"a group may not be called {TOTAL!r}")
    # Who did not answer is in no group and no total.
    answered = positions >= 0
    rows, positions = rows[answered], positions[answered]
    groups = rows[by]
    on_scale = np.isin(labels, SCALE_CODES)[positions]
    agree = np.isin(labels, AGREE_CODES)[positions]
    dont_know = np.isin(labels, DONT_KNOW_CODES)[positions]
    scores = np.array([float(c) if c in SCALE_CODES else 0.0 for c in labels])
    value = scores[positions] if len(labels) else np.zeros(0)
    if weights_col is None:
        weight = np.ones(len(rows))
    else:
        weight = rows[weights_col].to_numpy(dtype="float64")
        if np.isnan(weight).any() or (weight < 0).any():
            raise ValueError("weights must be non-negative numbers")
    w = np.where(on_scale, weight, 0.0)
    parts = pd.DataFrame(
        {
            "respondents": on_scale.astype("int64"),
            "dont_know": dont_know.astype("int64"),
            "agree": agree.astype("int64"),
            "sum_value": value,
            "sum_w": w,
            "sum_w2": w * w,
            "sum_w_agree": w * agree,
            "sum_w_value": w * value,
        },
        index=rows.index,
    )
    sums = parts.groupby(groups, dropna=False, sort=True).sum()
    sums.index.name = by
    if total:
        sums.loc[TOTAL] = parts.sum()
    table = _agreement_figures(sums, weighted=weights_col is not None)
    return table.reset_index()


def _agreement_figures(sums: pd.DataFrame, *, weighted: bool) -> pd.DataFrame:
    """The columns of agreement_table from the per-group sums."""
    out = pd.DataFrame(index=sums.index)
    for name in ("respondents", "dont_know", "agree"):
        out[name] = sums[name].astype("int64")
    n = out["respondents"].astype("float64")
    answered = n.where(n > 0)
    out["share_agree"] = out["agree"] / answered
    out["share_low"], out["share_high"] = wilson_interval(out["agree"], n)
    out["mean"] = sums["sum_value"] / answered
    if weighted:
        sum_w = sums["sum_w"].where(sums["sum_w"] > 0)
        share = sums["sum_w_agree"] / sum_w
        n_eff = (sums["sum_w"] ** 2 / sums["sum_w2"].where(sums["sum_w2"] > 0)).fillna(
            0.0
        )
        out["weighted_share_agree"] = share
        out["weighted_low"], out["weighted_high"] = wilson_interval(
            (share * n_eff).fillna(0.0), n_eff
        )
        out["weighted_mean"] = sums["sum_w_value"] / sum_w
        out["n_eff"] = n_eff
    else:
        for name in AGREEMENT_COLUMNS[7:]:
            out[name] = np.nan
    return out[AGREEMENT_COLUMNS].astype(
        dict.fromkeys(AGREEMENT_COLUMNS[3:], "float64")
    )


def choice_counts(
    rows: pd.DataFrame, *, by: str, choices: list[str] | tuple[str, ...] | None = None
) -> pd.DataFrame:
    """How many gave each answer, by group: the table of counts that goes to
    the disclosure function.

    ``rows`` has one row per answer (a multiple-choice question gives one
    row per chosen option, so a respondent may count in several columns):
    ``answer`` (choice code; missing = no answer, left out) and the group
    column ``by``. Returns int counts with the groups as index (named
    ``by``, sorted, a missing group its own row) and the choice codes as
    columns (named "answer"): ``choices`` in that order, zeros included, or
    else every code found, sorted. Raises ValueError for an answer not in
    ``choices``.
    """
    labels, positions = _answer_codes(rows["answer"])
    answered = positions >= 0
    found = sorted(set(labels[np.unique(positions[answered])]))
    if choices is not None:
        unknown = sorted(set(found) - set(choices))
        if unknown:
            raise ValueError(f"answers not among the choices: {unknown[:5]}")
    columns = list(choices) if choices is not None else found
    counts = (
        pd.DataFrame(
            {
                by: rows[by].to_numpy()[answered],
                "answer": labels[positions[answered]] if len(labels) else [],
            }
        )
        .groupby([by, "answer"], dropna=False, sort=True)
        .size()
        .unstack("answer", fill_value=0)
    )
    counts = counts.reindex(columns=pd.Index(columns, name="answer"), fill_value=0)
    counts.index.name = by
    return counts.astype("int64")


# --- participation ------------------------------------------------------------


def representation_ratio(board_share, population_share):
    """A group's share of board seats divided by its share of the population.

    1 means represented in proportion, below 1 under-represented. Scalars
    give a float, Series a Series (aligned on the index), arrays an array.
    NaN where the population share is 0 or missing.
    """
    if isinstance(board_share, pd.Series) or isinstance(population_share, pd.Series):
        index = next(
            x.index for x in (board_share, population_share) if isinstance(x, pd.Series)
        )
        board, population = (
            (x if isinstance(x, pd.Series) else pd.Series(x, index=index)).astype(
                "float64"
            )
            for x in (board_share, population_share)
        )
        board, population = board.align(population)
        return board / population.where(population > 0)
    board = np.asarray(board_share, dtype="float64")
    population = np.asarray(population_share, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(population > 0, board / population, np.nan)
    return float(ratio) if ratio.ndim == 0 else ratio


def participation_table(
    reports: pd.DataFrame, composition: Composition
) -> pd.DataFrame:
    """Members and board members by origin group, per board kind and year.

    ``reports`` has one row per composition report: ``year``, ``kind`` (the
    association kind code) and the count columns ``composition`` names
    (``members_<origin>_<age>``, ``board_<origin>_<gender>``).
    Rows the database has already summed may carry a ``reports`` column
    (how many reports each row sums); without it each row is one report.
    Returns long format, one row per year × kind × origin (danish, immigrant,
    descendant, unknown; sorted by year, kind, then that order): ``reports``
    (how many reports were summed), ``members``, ``member_share`` (of all
    members of that kind and year), ``board_members``, ``board_share`` (of
    all board members, origin unknown included; NaN when there are none).
    Raises ValueError when a count column is missing.
    """
    fields = (*composition.member_fields, *composition.board_fields)
    missing = [c for c in ("year", "kind", *fields) if c not in reports]
    if missing:
        raise ValueError(f"reports lack columns {missing}")
    if reports.empty:
        return _empty_participation()
    counts = reports[["year", "kind", *fields]].copy()
    counts["reports"] = reports.get("reports", 1)
    sums = counts.groupby(["year", "kind"], sort=True).sum()
    frames = []
    for origin in composition.origins:
        frames.append(
            pd.DataFrame(
                {
                    "origin": origin,
                    "reports": sums["reports"],
                    "members": sums[
                        [f"members_{origin}_{a}" for a in composition.ages]
                    ].sum(axis=1),
                    "board_members": sums[
                        [f"board_{origin}_{g}" for g in composition.genders]
                    ].sum(axis=1),
                }
            )
        )
    long = pd.concat(frames).reset_index()
    keys = ["year", "kind"]
    for count, share in (("members", "member_share"), ("board_members", "board_share")):
        whole = long.groupby(keys)[count].transform("sum").astype("float64")
        long[share] = long[count] / whole.where(whole > 0)
    long["order"] = long["origin"].map(
        {o: i for i, o in enumerate(composition.origins)}
    )
    long = long.sort_values([*keys, "order"], kind="stable").reset_index(drop=True)
    long = long[PARTICIPATION_COLUMNS]
    return long.astype(
        {
            "year": "int64",
            "reports": "int64",
            "members": "int64",
            "board_members": "int64",
            "member_share": "float64",
            "board_share": "float64",
        }
    )


def _empty_participation() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": pd.Series(dtype="int64"),
            "kind": pd.Series(dtype="str"),
            "origin": pd.Series(dtype="str"),
            "reports": pd.Series(dtype="int64"),
            "members": pd.Series(dtype="int64"),
            "member_share": pd.Series(dtype="float64"),
            "board_members": pd.Series(dtype="int64"),
            "board_share": pd.Series(dtype="float64"),
        }
    )


def pool_small_groups(units: dict[str, int], *, minimum: int, pooled: str) -> dict:
    """Which group each group is shown in, so that every shown group sums at
    least ``minimum`` units (associations, boards): a table of one or two
    boards of a kind would describe those boards (T09).

    ``units`` maps a group code to its number of units. Groups below
    ``minimum`` go into the group ``pooled``; while that pool is still below
    ``minimum`` (but not empty), the smallest remaining group joins it (ties
    by code). Returns ``{group: shown group}``; a table whose whole total is
    below ``minimum`` pools everything. Pure and deterministic."""
    if minimum < 1:
        raise ValueError("minimum must be at least 1")
    small = {g for g, n in units.items() if n < minimum}
    shown = {g: n for g, n in units.items() if g not in small}
    pool = sum(units[g] for g in small)
    while small and pool < minimum and shown:
        smallest = min(shown, key=lambda g: (shown[g], str(g)))
        small.add(smallest)
        pool += shown.pop(smallest)
    return {g: (pooled if g in small else g) for g in units}


# --- goals --------------------------------------------------------------------

RISE = ("rise", "up")
FALL = ("fall", "down")
# A change this close to the threshold counts as equal to it, so that
# 0.55 - 0.50 (0.05000000000000004 in floating point) is "more than 0.05" no
# more than it is on paper.
_EPSILON = 1e-9


def _toward_goal(direction: str, baseline: float, latest: float) -> float:
    if direction in RISE:
        return latest - baseline
    if direction in FALL:
        return baseline - latest
    raise ValueError(f"direction must be one of {RISE + FALL}, not {direction!r}")


def movement(
    direction: str, baseline: float, latest: float, *, threshold: float
) -> str:
    """Whether an indicator moved the way its goal wants, as on
    Integrationsbarometer.dk.

    ``direction`` is "rise" (or "up") when the indicator should go up,
    "fall" (or "down") when it should go down. Returns "positive" when
    ``latest`` differs from ``baseline`` in the goal's direction by more
    than ``threshold`` (same unit as the indicator, e.g. 0.02 for two
    percentage points on a share), "negative" when it differs against it by
    more than that, "unchanged" otherwise (a change of exactly the threshold
    included), and "unknown" when either figure is missing (NaN/None, e.g.
    suppressed).
    """
    if threshold < 0 or not math.isfinite(threshold):
        raise ValueError("threshold must be a non-negative number")
    if _missing(baseline) or _missing(latest):
        _toward_goal(direction, 0.0, 0.0)  # still reject a bad direction
        return "unknown"
    change = _toward_goal(direction, float(baseline), float(latest))
    margin = _EPSILON * max(1.0, abs(threshold))
    if change > threshold + margin:
        return "positive"
    if change < -threshold - margin:
        return "negative"
    return "unchanged"


def movement_rule_text(
    direction: str, baseline: float, latest: float, *, threshold: float
) -> dict:
    """The numbers behind ``movement``, for the page that explains the rule
    (the template words and translates it): ``direction`` ("rise"/"fall"),
    ``baseline``, ``latest``, ``change`` (latest - baseline; None when a
    figure is missing), ``threshold`` and ``movement``."""
    result = movement(direction, baseline, latest, threshold=threshold)
    missing = _missing(baseline) or _missing(latest)
    return {
        "direction": "rise" if direction in RISE else "fall",
        "baseline": None if _missing(baseline) else float(baseline),
        "latest": None if _missing(latest) else float(latest),
        "change": None if missing else float(latest) - float(baseline),
        "threshold": float(threshold),
        "movement": result,
    }


# --- targets ---------------------------------------------------------------------

REACHED = "reached"
ON_TRACK = "on_track"
BEHIND = "behind"
NO_TARGET = "no_target"


def target_path(
    year: int, targets: dict[int, float], *, baseline_year=None, baseline=None
) -> float | None:
    """Where the target path stands in ``year``: the straight line from the
    baseline (``baseline_year``, ``baseline``) through the yearly
    ``targets``, read at ``year``. A year with a target is that target; a
    year after the last target is the last target; a year before the first
    point of the path (no baseline, or a year before it) is the first
    target, so nothing is judged against less than the council set. None
    without targets."""
    if not targets:
        return None
    points = sorted((int(y), float(v)) for y, v in targets.items())
    first_target = points[0][1]
    if (
        baseline_year is not None
        and not _missing(baseline)
        and int(baseline_year) < points[0][0]
    ):
        points.insert(0, (int(baseline_year), float(baseline)))
    if year < points[0][0]:
        return first_target
    for (y0, v0), (y1, v1) in zip(points, points[1:], strict=False):
        if y0 <= year <= y1:
            return v0 + (v1 - v0) * (year - y0) / (y1 - y0)
    return points[-1][1]


def target_status(
    direction: str,
    *,
    latest_year: int | None,
    latest: float | None,
    targets: dict[int, float],
    baseline_year=None,
    baseline=None,
) -> str | None:
    """An indicator's latest figure against its targets (issue 17):
    "reached" when it is at or beyond the last target in the wanted
    direction; otherwise "behind" once the last target's year has come, and
    before that "on_track" when it is at or beyond the target path in its
    year (``target_path``), "behind" when it is not. "no_target" without
    targets; None when there is no figure to judge. Being better than the
    baseline alone is never on track: only the path counts. Callers pass
    the figures as shown (rounded), so the status agrees with what a person
    reads."""
    if not targets:
        _toward_goal(direction, 0.0, 0.0)  # still reject a bad direction
        return NO_TARGET
    if latest_year is None or _missing(latest):
        _toward_goal(direction, 0.0, 0.0)
        return None
    last_year = max(targets)
    margin = _EPSILON * max(1.0, abs(float(latest)))
    if _toward_goal(direction, float(targets[last_year]), float(latest)) >= -margin:
        return REACHED
    if latest_year >= last_year:
        return BEHIND
    path = target_path(
        latest_year, targets, baseline_year=baseline_year, baseline=baseline
    )
    if _toward_goal(direction, float(path), float(latest)) >= -margin:
        return ON_TRACK
    return BEHIND
