"""Short per-process memos of what is costly to compute and rarely changes,
each with a revision in the shared cache that any change bumps.

The council memo (``COUNCIL``): each indicator's summary costs pandas and
disclosure work (about 14 ms), and the overview shows all of them to every
council member who opens it. Web processes keep the summaries for
``COUNCIL_MEMO_SECONDS`` (60 s by default) per language and threshold, so new
survey answers reach the page within a minute. Staff's edits reach it at
once: saving or deleting a strategy, goal, indicator, target, statistic,
population table, composition report, the disclosure settings or a survey
question bumps its revision (participation/council/signals.py), and a memo of an
older revision is not used. What is kept has passed disclosure control
already; the memo changes when numbers are computed, never which numbers are
shown.

config/page_links.py keeps a second memo the same way (the language switcher's
links), with its own revision and setting.
"""

import time
import uuid
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

MAX_ENTRIES = 256

T = TypeVar("T")
_memo: dict[tuple, tuple[float, object]] = {}


class Memo:
    """Values kept for ``settings.<setting>`` seconds (0 turns it off) and
    only while the shared revision under ``revision_key`` is unchanged."""

    def __init__(self, revision_key: str, setting: str, default_seconds: int):
        self.revision_key = revision_key
        self.setting = setting
        self.default_seconds = default_seconds

    def revision(self) -> str:
        return cache.get(self.revision_key) or "0"

    def bump(self) -> None:
        """Make every web process recompute at its next request."""
        cache.set(self.revision_key, uuid.uuid4().hex, None)

    def memoised(
        self,
        name: str,
        key: tuple[Hashable, ...],
        compute: Callable[[], T],
        *,
        keep: Callable[[T], bool] | None = None,
    ) -> T:
        """``compute()``, or what it gave for the same name, key and revision
        less than the setting's seconds ago. With ``keep``, a value is kept
        only when ``keep(value)`` says so (one still incomplete is computed
        again at the next call)."""
        seconds = getattr(settings, self.setting, self.default_seconds)
        if seconds <= 0:
            return compute()
        full = (self.revision_key, name, self.revision(), *key)
        now = time.monotonic()
        hit = _memo.get(full)
        if hit is not None and now - hit[0] < seconds:
            return hit[1]  # type: ignore[return-value]
        value = compute()
        if keep is not None and not keep(value):
            return value
        if len(_memo) >= MAX_ENTRIES:
            _memo.clear()
        _memo[full] = (now, value)
        return value


COUNCIL = Memo("medborger:council:revision", "COUNCIL_MEMO_SECONDS", 60)
REVISION_KEY = COUNCIL.revision_key
revision = COUNCIL.revision
bump = COUNCIL.bump
memoised = COUNCIL.memoised
