"""Publishing releases and reading published ones.

:func:`release_publish` replaces a population's published release with an
audited one only when, for every figure both show, the two differ by 0 or
by at least k (participation.stats.differences), checked against every
release of the population published before, at the council's and at the
public threshold; otherwise it says how many more changes are needed, never
which figure blocks.

:func:`released_table` is how every page, export and API answer gets a
table: from the published releases only, in the reader's language. A table
whose rows come from several populations (an indicator's years) is their
published rows stacked (participation.stats.disclosure.stack_rows).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from participation.council import catalogue
from participation.council.models import (
    ExportLog,
    Release,
    ReleaseStatus,
    ReleaseTable,
)
from participation.council.releases import linkage
from participation.council.releases.build import (
    ReleaseError,
    made_under_current_settings,
    release_numbers,
)
from participation.council.releases.populations import (
    COUNCIL,
    PUBLIC,
    Population,
    populations_of,
)
from participation.stats import joint_audit
from participation.stats.differences import more_needed
from participation.stats.disclosure import TOTAL, Policy, stack_rows
from participation.stats.joint_audit import Equation, Number
from surveys.models import Wave


class ReleaseRefused(ReleaseError):
    """Publishing would let two releases be subtracted; ``needed`` is how
    many more changes (responses, withdrawals, reports) are needed at least."""

    def __init__(self, needed: int):
        self.needed = needed
        super().__init__(
            ngettext(
                "Too few answers have changed since the last release: at least "
                "%(n)s more change is needed before it can be replaced.",
                "Too few answers have changed since the last release: at least "
                "%(n)s more changes are needed before it can be replaced.",
                needed,
            )
            % {"n": needed}
        )


def _figures(data: dict) -> dict:
    """Every count a frozen table shows, by (row, column)."""
    table = catalogue.Table.from_data(data, "en")
    out = {}
    for record in table.records():
        for (column, _label), value in zip(table.columns, record["cells"], strict=True):
            out[record["code"], column] = value
        if table.columns:
            out[record["code"], TOTAL] = record["total"]
    return out


def _needed(new: Release, old: Release, *, scopes=(COUNCIL, PUBLIC)) -> int:
    """How many more changes at least ``new`` needs before it may replace
    ``old`` in what ``scopes`` show: every figure both show differs by 0 or
    by at least k, and the difference of the two, audited as one system
    (:func:`_difference_needed`), narrows no hidden change below k."""
    needed = 0
    earlier = {
        (t.scope, t.key): t.data
        for t in ReleaseTable.objects.filter(release=old, scope__in=scopes)
    }
    for table in ReleaseTable.objects.filter(release=new, scope__in=scopes):
        before = earlier.get((table.scope, table.key))
        if before is None:
            continue
        k = new.public_k if table.scope == PUBLIC else new.k
        needed = max(needed, more_needed(_figures(before), _figures(table.data), k))
    if needed:
        return needed
    if PUBLIC in scopes:
        needed = _difference_needed(new, old, scopes=(PUBLIC,), k=new.public_k)
    if COUNCIL in scopes:
        needed = max(needed, _difference_needed(new, old, scopes=scopes, k=new.k))
    return needed


def _difference_needed(new: Release, old: Release, *, scopes, k: int) -> int:
    """The two releases' difference as a system of its own: the changes of
    the inner cells (answers given, or withdrawn, between them) are the
    unknowns; a number both publish gives its change exactly, any other is
    hidden. An attacker who assumes no withdrawals (changes of at least 0;
    the stronger attacker) must not narrow a hidden change to fewer than k
    values unless it is no change at all: one new multicultural answer among
    k Danish-origin ones, whose row is hidden in both, is found this way.
    When a published figure went down, withdrawals are known to have
    happened and this attacker's assumption fails: only the per-figure rule
    applies then."""
    new_numbers, equations = release_numbers(new)
    old_numbers, _equations = release_numbers(old)
    before = {n.key: n for n in old_numbers if n.key[0] in scopes}
    changes = []
    for number in new_numbers:
        earlier = before.get(number.key)
        if earlier is None:
            continue
        cells = frozenset(("d", cell) for cell in number.cells)
        if number.hidden or earlier.hidden:
            changes.append(
                Number(key=number.key, cells=cells, value=0, hidden=True, known=False)
            )
            continue
        change = number.value - earlier.value
        if change < 0:
            return 0
        changes.append(Number(key=number.key, cells=cells, value=change, hidden=False))
    changes = linkage.consistent(changes)
    terms = [
        Equation(terms={("d", cell): coef for cell, coef in e.terms.items()}, rhs=0)
        for e in equations
    ]
    try:
        intervals = joint_audit.bounds(changes, equations=terms)
    except ValueError:
        return 0  # hidden changes below 0: withdrawals, see above
    needed = 0
    for low, high in intervals.values():
        if high > 0 and high - low < k:
            needed = max(needed, int(k - (high - low)))
    return needed


def releases_needed(earlier_ids, *, scope: str, k: int) -> int:
    """How many more changes at least the published releases need before
    they may replace the releases ``earlier_ids`` in what ``scope`` shows (0:
    they may); the public snapshot's rule (participation/council/snapshots.py)."""
    earlier = {r.population: r for r in Release.objects.filter(pk__in=earlier_ids)}
    needed = 0
    for release in Release.objects.filter(status=ReleaseStatus.PUBLISHED):
        old = earlier.get(release.population)
        if old is not None and old.pk != release.pk:
            needed = max(needed, _needed(release, old, scopes=(scope,)))
    return needed


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
    earlier = Release.objects.filter(
        population=release.population,
        status__in=[ReleaseStatus.PUBLISHED, ReleaseStatus.REPLACED],
    )
    needed = max([_needed(release, old) for old in earlier], default=0)
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


def latest_released_wave():
    """The newest wave (by opening day) that has a published release, or None."""
    ids = [
        population.value
        for code in Release.objects.filter(
            status=ReleaseStatus.PUBLISHED, population__startswith="wave:"
        ).values_list("population", flat=True)
        if (population := Population.parse(code)) is not None
    ]
    return Wave.objects.filter(pk__in=ids).order_by("-opens_on", "-pk").first()
