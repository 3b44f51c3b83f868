"""A short memo of what the council's overview and status report compute.

Each indicator's summary costs pandas and disclosure work (about 14 ms), and
the overview shows all of them to every council member who opens it. Web
processes keep the summaries for ``COUNCIL_MEMO_SECONDS`` (60 s by default)
per language and threshold, so new survey answers reach the page within a
minute. Staff's edits reach it at once: saving or deleting a strategy, goal,
indicator, target, statistic, population table, composition report, the
disclosure settings or a survey question bumps a revision in the shared
cache (participation/signals.py), and a memo of an older revision is not
used. What is kept has passed disclosure control already; the memo changes
when numbers are computed, never which numbers are shown.
"""

import time
import uuid
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

REVISION_KEY = "medborger:council:revision"
MAX_ENTRIES = 32

T = TypeVar("T")
_memo: dict[tuple, tuple[float, object]] = {}


def revision() -> str:
    return cache.get(REVISION_KEY) or "0"


def bump() -> None:
    """Make every web process recompute at its next request."""
    cache.set(REVISION_KEY, uuid.uuid4().hex, None)


def memoised(name: str, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, or what it gave for the same name, key and revision
    less than COUNCIL_MEMO_SECONDS ago (0 turns the memo off)."""
    seconds = getattr(settings, "COUNCIL_MEMO_SECONDS", 60)
    if seconds <= 0:
        return compute()
    full = (name, revision(), *key)
    now = time.monotonic()
    hit = _memo.get(full)
    if hit is not None and now - hit[0] < seconds:
        return hit[1]  # type: ignore[return-value]
    value = compute()
    if len(_memo) >= MAX_ENTRIES:
        _memo.clear()
    _memo[full] = (now, value)
    return value
