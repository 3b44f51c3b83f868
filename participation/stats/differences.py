"""Differencing between two releases of one population (TESTPLAN T06).

Two releases that both show a figure may be subtracted: the difference
describes the responses added or withdrawn between them. It must itself pass
disclosure: each figure both show changes by 0 or by at least k. A figure
hidden in either release gives nothing to subtract. Pure: no Django.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping


def more_needed(
    old: Mapping[Hashable, int | None], new: Mapping[Hashable, int | None], k: int
) -> int:
    """How many more changes at least would let ``new`` replace ``old``: 0
    when every figure shown in both (the same key, neither None) changed by
    0 or by at least ``k``; otherwise the largest ``k - |change|`` over the
    figures that changed by less. Says nothing about which figure."""
    needed = 0
    for key, before in old.items():
        after = new.get(key)
        if before is None or after is None:
            continue
        change = abs(int(after) - int(before))
        if 0 < change < k:
            needed = max(needed, k - change)
    return needed
