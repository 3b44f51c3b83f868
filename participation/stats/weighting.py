"""Survey weights: raking the respondents to the population (SPEC §3.3).

The council reads every survey figure weighted to the population, with the
unweighted figure beside it. Respondents are weighted on origin × age band ×
gender to Statistics Denmark's figures (participation/council/folk1e.py gives the
margins) by raking, i.e. iterative proportional fitting on the margins: each
dimension in turn, every respondent's weight is multiplied so that the
weighted sample matches the population's shares on that dimension, until all
dimensions match at once. Raking needs only the margins, so it still works
when some origin × age × gender cells have no respondents, which a survey of
a few hundred people always has.

Decisions the callers rely on:

- **Scale.** Weights are scaled to the sample: the raked respondents' weights
  have mean 1 (sum = their number), so weighted counts read as "respondents"
  and Kish's effective sample size is comparable with n.
- **Respondents outside the margins get weight 1.** A respondent whose value
  on any dimension is not a population category with people in it (origin
  "unknown", gender "other" or "prefer_not", a missing answer, an age band
  the population was cut to exclude) cannot be placed; they keep weight 1 and
  count as themselves. The others are raked among themselves. Drop
  respondents outside the survey's target group before calling if they
  should not count at all.
- **An empty category is an error, not collapsed.** When a population
  category has no respondent (say no descendant answered yet), no weights can
  reproduce that margin. ``rake`` raises ``WeightingError`` (code
  ``empty_category``) naming the dimension and categories; merging
  categories is a judgement (which age bands? immigrants with
  descendants?) that belongs to whoever shows the figure, and showing the
  unweighted figure alone is the honest fallback.
- **Trimming.** With ``cap``, no weight may exceed ``cap`` times the mean
  weight; the cap is kept inside every raking step (not trimmed afterwards)
  so the margins are still met where the cap allows. When the cap and the
  margins cannot both hold, or the iteration does not settle within
  ``max_iter`` sweeps, ``rake`` raises ``WeightingError`` (code
  ``not_converged``) rather than return weights that miss the population.

Error messages are plain-English templates (``WeightingError.message`` with
``params``) for the caller to translate.

Pure: standard library, numpy and pandas only.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

__all__ = ["MESSAGES", "WeightingError", "effective_sample_size", "rake"]

MESSAGES = {
    "empty_category": (
        "No respondent has %(dimension)s %(categories)s, so the answers "
        "cannot be weighted to the population."
    ),
    "not_converged": (
        "The weights did not settle within %(iterations)s rounds (largest "
        "difference from the population share: %(max_error).2g). The sample "
        "may be too uneven for the weight cap of %(cap)s."
    ),
}


class WeightingError(ValueError):
    """The sample cannot be raked to the margins. ``code`` is stable,
    ``message`` an English template from ``MESSAGES``, ``params`` its values."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        self.message = MESSAGES[code]
        super().__init__(self.message % params)


def _shares(dimension: str, margin) -> pd.Series:
    """A margin as shares, without categories that have nobody in them."""
    margin = pd.Series(margin, dtype="float64")
    if not margin.index.is_unique:
        raise ValueError(f"margin {dimension!r} names a category twice")
    if not np.isfinite(margin.to_numpy()).all() or (margin < 0).any():
        raise ValueError(f"margin {dimension!r} must be finite and non-negative")
    margin = margin[margin > 0]
    if margin.empty:
        raise ValueError(f"margin {dimension!r} has no population")
    return margin / margin.sum()


def rake(
    sample: pd.DataFrame,
    margins: Mapping[str, pd.Series],
    *,
    max_iter: int = 100,
    tol: float = 1e-8,
    cap: float | None = 5.0,
) -> pd.Series:
    """One weight per row of ``sample``, raked to ``margins``.

    ``sample`` has one row per respondent and a column per key of
    ``margins`` (e.g. "origin", "age_band", "gender") holding category codes.
    Each margin is a Series indexed by category code with population counts
    or shares (only proportions matter; each margin is normalised on its
    own, so margins need not share a total). Each raking step fits one
    dimension's categories exactly while holding every weight at or below
    ``cap`` (>= 1) times the mean: in a category, the largest weights stop
    at the cap and the others share what is left. Converged means that on
    every dimension each weighted sample share is within ``tol`` of the
    population share.

    Returns a float Series named "weight" on ``sample``'s index: mean 1 over
    the raked rows, 1 for rows outside the margins (see the module
    docstring); an empty Series for an empty sample. ``attrs`` holds
    ``iterations``, ``max_error``, ``raked`` (rows raked) and ``trimmed``
    (rows at the cap). Raises ``WeightingError`` (``empty_category``,
    ``not_converged``) and ``ValueError`` for a malformed call.
    """
    if cap is not None and not cap >= 1:
        raise ValueError("cap must be 1 or more (or None for no cap)")
    if max_iter < 1 or not tol > 0:
        raise ValueError("max_iter must be positive and tol above zero")
    dimensions = list(margins)
    if not dimensions:
        raise ValueError("rake needs at least one margin")
    absent = [d for d in dimensions if d not in sample.columns]
    if absent:
        raise ValueError(f"sample has no column for margins {absent}")

    weights = pd.Series(1.0, index=sample.index, name="weight", dtype="float64")
    if sample.empty:
        return weights
    shares = {d: _shares(d, margins[d]) for d in dimensions}
    # Category position of every row on every dimension; -1 = not in margins.
    codes = np.column_stack(
        [shares[d].index.get_indexer(sample[d]) for d in dimensions]
    )
    inside = (codes >= 0).all(axis=1)
    raked = int(inside.sum())
    for column, d in enumerate(dimensions):
        present = np.bincount(codes[inside, column], minlength=len(shares[d]))
        empty = [str(c) for c, n in zip(shares[d].index, present, strict=True) if not n]
        if empty:
            raise WeightingError(
                "empty_category", dimension=d, categories=", ".join(empty)
            )

    # Rows in the same cell share one weight: iterate over cells, not rows.
    sizes = tuple(len(shares[d]) for d in dimensions)
    flat = np.ravel_multi_index(tuple(codes[inside].T), sizes)
    cell_ids, row_cell, cell_size = np.unique(
        flat, return_inverse=True, return_counts=True
    )
    cells = np.column_stack(np.unravel_index(cell_ids, sizes))
    cell_size = cell_size.astype("float64")
    targets = [shares[d].to_numpy() * raked for d in dimensions]
    # The targets add up to ``raked``, so the mean weight is 1 after every
    # step and the cap is an absolute bound on a weight.
    limit = np.inf if cap is None else float(cap)
    w = np.ones(len(cells))
    error = np.inf
    iterations = 0
    while iterations < max_iter:
        iterations += 1
        for column, target in enumerate(targets):
            w = _fit_dimension(cells[:, column], w, cell_size, target, limit)
        error = (
            max(
                np.abs(_totals(cells[:, column], w, cell_size, target) - target).max()
                for column, target in enumerate(targets)
            )
            / raked
        )
        if error <= tol:
            break
    else:
        raise WeightingError(
            "not_converged",
            iterations=max_iter,
            max_error=float(error),
            cap="none" if cap is None else cap,
        )

    # Mean exactly 1; a capped weight may then sit above the cap by the
    # rounding left in the margins (at most about ``tol``).
    w = w * raked / (w * cell_size).sum()
    values = weights.to_numpy(copy=True)
    values[inside] = w[row_cell]
    weights = pd.Series(values, index=sample.index, name="weight", dtype="float64")
    trimmed = 0 if cap is None else int(cell_size[w >= cap * (1 - 1e-6)].sum())
    weights.attrs = {
        "iterations": iterations,
        "max_error": float(error),
        "raked": raked,
        "trimmed": trimmed,
    }
    return weights


def _totals(cell_codes, w, cell_size, target) -> np.ndarray:
    """Weighted number of respondents in each category of one dimension."""
    return np.bincount(cell_codes, weights=w * cell_size, minlength=len(target))


def _fit_dimension(cell_codes, w, cell_size, target, limit) -> np.ndarray:
    """One raking step: scale each category's weights to its target."""
    w = w.copy()
    for category, total in enumerate(target):
        members = np.flatnonzero(cell_codes == category)
        w[members] = _scale_to(w[members], cell_size[members], total, limit)
    return w


def _scale_to(w, size, total, limit) -> np.ndarray:
    """``min(f * w, limit)`` for the factor f that makes the weighted count
    ``total``: the largest weights are held at the limit and the rest share
    what is left. All at the limit when even that falls short (the caller
    then fails to converge)."""
    if np.isinf(limit):
        return w * (total / (w * size).sum())
    order = np.argsort(-w, kind="stable")
    held = np.concatenate([[0.0], np.cumsum(limit * size[order])])
    free = (w * size).sum() - np.concatenate([[0.0], np.cumsum((w * size)[order])])
    for m in range(len(w)):
        # The m largest weights are held at the limit; the rest scale by f.
        factor = (total - held[m]) / free[m]
        if factor * w[order[m]] <= limit:
            return np.minimum(w * factor, limit)
    return np.full_like(w, limit)


def effective_sample_size(weights) -> float:
    """Kish's effective sample size, (Σw)² / Σw², of a set of weights.

    Equals n when all weights are equal and shrinks as they spread; scale
    does not matter. 0.0 for no weights (or all zero). Raises ValueError on
    negative or missing weights."""
    w = np.asarray(weights, dtype="float64").reshape(-1)
    if np.isnan(w).any() or (w < 0).any():
        raise ValueError("weights must be non-negative numbers")
    squares = float((w * w).sum())
    if squares == 0:
        return 0.0
    return float(w.sum() ** 2 / squares)
