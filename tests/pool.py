"""Store what waits in the response pool (surveys/pool.py), for tests that
submit and then look at stored responses: a batch of whatever waits."""

from surveys.pool import pool_flush


def flush() -> int:
    """Every pooled response of every wave stored now; returns how many."""
    return pool_flush(minimum=1)


def spearman(ranks: list[int]) -> float:
    """Spearman's rank correlation between positions 0..n-1 and ``ranks``
    (a permutation of them): about 0 for a shuffle, 1 for the same order.
    Over 200 items a shuffle gives |rho| above 0.3 about once in 10^5."""
    n = len(ranks)
    squares = sum((position - rank) ** 2 for position, rank in enumerate(ranks))
    return 1 - 6 * squares / (n * (n * n - 1))
