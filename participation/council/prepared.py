"""How every council page, export, API answer and the public results get a
catalogue table: from the published releases, never from live rows
(participation/council/releases; docs/ARCHITECTURE.md, "How a council table
reaches a page").

A release freezes a population's tables once, audited together; reading one
is a lookup and a JSON decode, so no request counts anything and two reads
differ only when staff have published a new release (T06: reading the API
before and after one answer shows the same numbers).

``prepared_table(key, policy=...)`` returns None for a key outside the
catalogue, and a :class:`Prepared` whose ``table`` is None while no
published release made under the current disclosure settings holds it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation

from participation.council import catalogue
from participation.council.models import Indicator, IndicatorSource
from participation.council.releases.store import NOT_RELEASED, released_table
from participation.stats.disclosure import Policy


@dataclass(frozen=True)
class Prepared:
    """A table as the published releases hold it: ``table`` is None while
    none holds it; ``releases`` are the ones it was read from (logged with
    every export and API read)."""

    table: catalogue.Table | None
    releases: list = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return self.table is not None


def prepared_table(
    key: str, *, policy: Policy, language: str | None = None, scope: str | None = None
) -> Prepared | None:
    """The catalogue table ``key`` under ``policy`` in ``language`` (the
    active one by default) from the published releases, or None for a key
    outside the catalogue."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    found = released_table(key, policy=policy, language=language, scope=scope)
    if found is None:
        return _official(key, policy=policy, language=language)
    if found is NOT_RELEASED:
        return Prepared(None)
    table, releases = found
    return Prepared(table, releases)


def _official(key: str, *, policy: Policy, language: str) -> Prepared | None:
    """An indicator that follows official statistics: Statistics Denmark
    published its figures under its own disclosure control and they count
    no respondent of ours, so they are read as imported (through
    disclosure.published); any other key outside the releases is None."""
    kind, _sep, code = str(key).partition(":")
    if kind != "indicator":
        return None
    indicator = Indicator.objects.filter(
        code=code, source=IndicatorSource.STATISTICS
    ).first()
    if indicator is None:
        return None
    with translation.override(language):
        return Prepared(catalogue.indicator_table(indicator, policy=policy))


def indicator_summary(
    indicator, *, policy: Policy, scope: str | None = None
) -> catalogue.IndicatorSummary | None:
    """The indicator's summary from its released table (the one its page and
    the API show), or None while no published release holds it. Official
    statistics are not ours: Statistics Denmark published them, and they are
    read as imported (:func:`_official`)."""
    found = released_summary(indicator, policy=policy, scope=scope)
    return None if found is None else found[0]


def released_summary(
    indicator, *, policy: Policy, scope: str | None = None
) -> tuple[catalogue.IndicatorSummary, list] | None:
    """:func:`indicator_summary` with the releases it was read from (for the
    read log and the public snapshot's record of what it shows)."""
    found = prepared_table(f"indicator:{indicator.code}", policy=policy, scope=scope)
    if found is None or not found.ready:
        return None
    return catalogue.summary_of(indicator, found.table), found.releases
