"""Publishing releases and reading published ones.

:func:`release_publish` replaces a population's published release with an
audited one only when the two may be subtracted without harm
(releases.between, checked while the release was made); otherwise it says
how many more changes are needed, never which figure blocks.

:func:`released_table` is how every page, export and API answer gets a
table: from the published releases only, in the reader's language. A table
whose rows come from several populations (an indicator's years) is their
published rows stacked (participation.stats.disclosure.stack_rows).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from participation.council import catalogue
from participation.council.models import (
    ExportLog,
    Release,
    ReleaseStatus,
    ReleaseTable,
)
from participation.council.releases.between import needed_since, refusal
from participation.council.releases.build import (
    ReleaseError,
    made_under_current_settings,
)
from participation.council.releases.populations import (
    COUNCIL,
    PUBLIC,
    REPORTS,
    WAVE,
    Population,
    populations_of,
)
from participation.stats.disclosure import Policy, stack_rows
from surveys.models import Wave


class ReleaseRefused(ReleaseError):
    """Publishing would let two releases be subtracted; ``needed`` is how
    many more changes (responses, withdrawals, reports) are needed at least."""

    def __init__(self, needed: int):
        self.needed = needed
        super().__init__(refusal(needed))


def release_publish(*, release: Release) -> Release:
    """Publish an audited release (see the module docstring); raises
    ReleaseError (ReleaseRefused when too little changed)."""
    if release.status != ReleaseStatus.AUDITED:
        raise ReleaseError(gettext("Only an audited release can be published."))
    if not made_under_current_settings(release):
        raise ReleaseError(
            gettext(
                "The disclosure settings changed since it was made; make a new one."
            )
        )
    needed = needed_since(release)
    if needed:
        Release.objects.filter(pk=release.pk).update(
            message=str(ReleaseRefused(needed))
        )
        raise ReleaseRefused(needed)
    with transaction.atomic():
        Release.objects.filter(
            population=release.population, status=ReleaseStatus.PUBLISHED
        ).update(status=ReleaseStatus.REPLACED)
        release.status = ReleaseStatus.PUBLISHED
        release.published_at = timezone.now()
        release.message = ""
        release.save(update_fields=["status", "published_at", "message"])
    return release


def _scope(policy: Policy, release: Release) -> str | None:
    """Which copies of ``release`` a reader under ``policy`` may read."""
    if policy == catalogue.policy(settings=release):
        return COUNCIL
    if policy == catalogue.policy(public=True, settings=release):
        return PUBLIC
    return None


class NotReleased:
    """No published release holds the table (yet)."""


NOT_RELEASED = NotReleased()


def released_table(
    key: str, *, policy: Policy, language: str, scope: str | None = None
) -> tuple[catalogue.Table, list[Release]] | NotReleased | None:
    """The table ``key`` as the published releases hold it, under ``policy``
    (a release made under other settings holds nothing for it), in
    ``language``, with the releases it came from; NOT_RELEASED when none
    holds it; None for a key outside the catalogue."""
    found = populations_of(key)
    if found is None:
        return None
    codes = [p.code for p in found]
    releases = {
        r.population: r
        for r in Release.objects.filter(
            population__in=codes, status=ReleaseStatus.PUBLISHED
        )
    }
    parts, unreleased = [], False
    for population in found:
        release = releases.get(population.code)
        if release is None:
            unreleased = True
            continue
        wanted = scope or _scope(policy, release)
        if wanted is None:
            unreleased = True  # made under other settings
            continue
        row = (
            ReleaseTable.objects.filter(release=release, scope=wanted, key=key)
            .values_list("data", flat=True)
            .first()
        )
        if row is not None:
            parts.append((release, catalogue.Table.from_data(row, language)))
    if not parts:
        # Every population's published release lacks it: not in the catalogue.
        return NOT_RELEASED if unreleased or not found else None
    if len(parts) == 1 and len(found) == 1:
        return parts[0][1], [parts[0][0]]
    return _stacked(parts), [release for release, _table in parts]


def _stacked(parts) -> catalogue.Table:
    """The rows of several populations' copies of one table, one row per
    year (the latest population's row when two share a year), oldest first."""
    parts = sorted(parts, key=lambda p: Population.parse(p[0].population).value)
    by_row = {}
    for _release, table in parts:
        for code in table.disclosed.counts.index:
            by_row[code] = table
    newest = parts[-1][1]
    if not by_row:
        return newest  # no population has a row yet
    newest.disclosed = stack_rows(
        [(by_row[code].disclosed, code) for code in sorted(by_row)]
    )
    newest.rows = [(code, str(code)) for code in sorted(by_row)]
    return newest


def read_log(*, user, key: str, fmt: str, releases) -> None:
    """Log that ``user`` read table ``key`` (as a file of ``fmt``, or
    "api"), one row per release it came from (T22; visible to staff)."""
    ExportLog.objects.bulk_create(
        [
            ExportLog(user=user, table=key, format=fmt, release=release)
            for release in releases or [None]
        ]
    )


def _published(kind: str) -> list[int]:
    """The values (wave ids, years) of the published releases of ``kind``."""
    return [
        population.value
        for code in Release.objects.filter(
            status=ReleaseStatus.PUBLISHED, population__startswith=f"{kind}:"
        ).values_list("population", flat=True)
        if (population := Population.parse(code)) is not None
    ]


def released_report_years() -> list[int]:
    """The years of reports with a published release, newest first: what
    the participation page and the API offer (never the live reports)."""
    return sorted(_published(REPORTS), reverse=True)


def latest_released_wave():
    """The newest wave (by opening day) that has a published release, or None."""
    return (
        Wave.objects.filter(pk__in=_published(WAVE))
        .order_by("-opens_on", "-pk")
        .first()
    )
