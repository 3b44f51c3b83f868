"""Making a release: build every table of a population once, audit them all
together, hide what the joint audit asks for, freeze them.

``release_make`` (a service, called from the admin, the demo and the
``make_release`` command) records a Release and queues :func:`build_release`
(django-tasks, ``manage.py db_worker``); the task updates the release's
progress as it goes, and ends with the release AUDITED (ready to publish)
or FAILED with a message for staff.

The joint audit (participation.stats.joint_audit): every number of every
table, council and public copies, is a sum of inner cells
(releases.linkage). First the public copies alone are protected at the
public threshold (what a visitor of the public page holds), then all of it
at the council's threshold (what a council member holds, public page
included), until both hold at once. Then an independent audit (the
attacker's integer programme) checks the result; a release that fails it
is not kept.
"""

from __future__ import annotations

import time
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from participation.council import catalogue
from participation.council.models import (
    DisclosureSettings,
    Indicator,
    Release,
    ReleaseStatus,
    ReleaseTable,
)
from participation.council.releases import between, linkage
from participation.council.releases.numbers import links, release_numbers
from participation.council.releases.populations import (
    COUNCIL,
    PUBLIC,
    REPORTS,
    WAVE,
    Population,
    council_keys,
    public_keys,
)
from participation.stats import joint_audit
from participation.stats.disclosure import TOTAL, Policy, hide_further

#: Ahead of Wagtail's index updates in the same queue; behind nothing else.
PRIORITY = 5
#: How often (in tables) the task writes its progress.
PROGRESS_EVERY = 10


class ReleaseError(Exception):
    """A release cannot be made or published; ``str()`` is for staff."""


def made_under_current_settings(release: Release) -> bool:
    """Whether the disclosure settings are still those ``release`` was made
    under (a release made under others is never made, published or read)."""
    return all(
        catalogue.policy(public=public, settings=release)
        == catalogue.policy(public=public)
        for public in (False, True)
    )


def release_make(*, population: Population, user=None, now: bool = False) -> Release:
    """Record a release of ``population`` under the current disclosure
    settings and queue its making (with the ImmediateBackend of the tests it
    is made when the transaction commits); ``now``: make it here and now
    (the demo, ``manage.py make_release``), raising ReleaseError if it fails."""
    if population.kind == WAVE and population.wave() is None:
        raise ReleaseError(gettext("This wave has not opened yet."))
    release = _record(population, user=user, current=DisclosureSettings.load())
    if now:
        build_release.call(release_id=release.pk)
        release.refresh_from_db()
        return release
    transaction.on_commit(lambda: build_release.enqueue(release_id=release.pk))
    return release


def _record(population: Population, *, user, current) -> Release:
    return Release.objects.create(
        population=population.code,
        k=current.k,
        public_k=current.public_k,
        uniform_min=current.uniform_min,
        made_by=user,
        tables_total=len(council_keys(population)) + len(public_keys(population)),
    )


def _indicator_table(indicator: Indicator, population: Population, policy: Policy):
    if population.kind == WAVE:
        return catalogue.indicator_table(
            indicator, policy=policy, wave=population.wave()
        )
    return catalogue.indicator_table(indicator, policy=policy, year=population.value)


def _build(population: Population, key: str, policy: Policy, frame):
    """The table ``key`` holding only ``population``'s rows."""
    kind, _sep, rest = key.partition(":")
    if kind == "indicator":
        indicator = Indicator.objects.get(code=rest)
        return _indicator_table(indicator, population, policy)
    if kind == "representation":
        rows = frame[frame["year"] == population.value]
        return catalogue.representation_table(rows, scope=rest, policy=policy)
    return catalogue.table_for_key(key, policy=policy)


def _protect(numbers, equations, *, k: int, public_k: int) -> list:
    """Hide further numbers until the public copies hold at ``public_k`` on
    their own and everything holds at ``k`` together."""
    for _round in range(10):
        public = [n for n in numbers if n.key[0] == PUBLIC]
        protected = {
            n.key: n for n in joint_audit.protect(public, public_k, equations=equations)
        }
        # A public copy hidden there is hidden as the engine hid it (its
        # lower bound 0 for a zero hidden as a last resort).
        numbers = [protected.get(n.key, n) for n in numbers]
        together = joint_audit.protect(numbers, k, equations=equations)
        changed = [n for n in together if n.key[0] == PUBLIC and n.hidden] != [
            n for n in numbers if n.key[0] == PUBLIC and n.hidden
        ]
        numbers = together
        if not changed:
            return numbers
    raise ReleaseError(gettext("The joint audit did not settle."))


def _apply(tables: dict, before: list, after: list) -> int:
    """Hide in the tables what the joint audit added; how many numbers."""
    was = {n.key for n in before if n.hidden}
    added = defaultdict(list)
    for number in after:
        if number.hidden and number.key not in was:
            scope, key, row, column = number.key
            added[scope, key].append((row, column))
    for where, positions in added.items():
        table = tables[where]
        table.disclosed = hide_further(
            table.disclosed,
            cells=[(r, c) for r, c in positions if r != TOTAL and c != TOTAL],
            row_totals=[r for r, c in positions if r != TOTAL and c == TOTAL],
            column_totals=[c for r, c in positions if r == TOTAL and c != TOTAL],
            total=any(r == TOTAL and c == TOTAL for r, c in positions),
        )
    return sum(len(p) for p in added.values())


@task(priority=PRIORITY)
def build_release(*, release_id: int) -> str:
    """Make the release ``release_id`` (see the module docstring)."""
    release = Release.objects.get(pk=release_id)
    try:
        return _make(release)
    except Exception as error:  # staff must learn that it failed, and why
        Release.objects.filter(pk=release.pk).update(
            status=ReleaseStatus.FAILED, message=f"{type(error).__name__}: {error}"
        )
        raise


def _make(release: Release) -> str:
    started = time.monotonic()
    population = Population.parse(release.population)
    if not made_under_current_settings(release):
        raise ReleaseError(gettext("The disclosure settings changed; make it again."))
    council = catalogue.policy(settings=release)
    public = catalogue.policy(public=True, settings=release)
    frame = catalogue.participation_frame() if population.kind == REPORTS else None
    tables: dict = {}
    jobs = [(COUNCIL, key, council) for key in council_keys(population)]
    jobs += [(PUBLIC, key, public) for key in public_keys(population)]
    with translation.override(settings.LANGUAGE_CODE):
        for done, (scope, key, policy) in enumerate(jobs, start=1):
            table = _build(population, key, policy, frame)
            if table is not None:
                tables[scope, key] = table
            if done % PROGRESS_EVERY == 0:
                Release.objects.filter(pk=release.pk).update(tables_done=done)
    built = time.monotonic()
    kinds = (
        linkage.ReportLinks.kinds_counted(population.value, frame)
        if population.kind == REPORTS
        else None
    )
    numbers, equations = links(population, tables, kinds)
    protected = _protect(numbers, equations, k=release.k, public_k=release.public_k)
    added = _apply(tables, numbers, protected)
    findings = joint_audit.audit(
        [n for n in protected if n.key[0] == PUBLIC],
        release.public_k,
        equations=equations,
    ) + joint_audit.audit(protected, release.k, equations=equations)
    if findings:
        raise ReleaseError(
            gettext("The audit found %(n)s hidden numbers narrower than k.")
            % {"n": len(findings)}
        )
    audited = time.monotonic()
    languages = [code for code, _name in settings.LANGUAGES]
    data = catalogue.tables_to_data(list(tables.values()), languages)
    rows = [
        ReleaseTable(release=release, scope=scope, key=key, data=item)
        for (scope, key), item in zip(tables, data, strict=True)
    ]
    audit = {
        "tables": len(tables),
        "numbers": len(protected),
        "hidden": sum(1 for n in protected if n.hidden),
        "added": added,
        "seconds_build": round(built - started, 2),
        "seconds_audit": round(audited - built, 2),
        "kinds": kinds,
    }
    ReleaseTable.objects.bulk_create(rows, batch_size=200)
    Release.objects.filter(pk=release.pk).update(tables_done=len(jobs), audit=audit)
    # Compared with the releases published so far here, in the background,
    # so that publishing is quick (releases.between).
    release.audit = audit
    audit[between.CHECKED] = between.check(release)
    audit["seconds"] = round(time.monotonic() - started, 2)
    needed = audit[between.CHECKED]["needed"]
    Release.objects.filter(pk=release.pk).update(
        status=ReleaseStatus.AUDITED,
        made_at=timezone.now(),
        audit=audit,
        message=between.refusal(needed) if needed else "",
    )
    return ReleaseStatus.AUDITED


def audit_release(release: Release) -> list:
    """The joint audit of a made release: every hidden number whose integer
    interval is narrower than the release's k (the public copies also alone
    at the public threshold). [] when it holds. For the CI check of the
    demo's releases, and for staff's peace of mind."""
    numbers, equations = release_numbers(release)
    public = [n for n in numbers if n.key[0] == PUBLIC]
    return joint_audit.audit(
        public, release.public_k, equations=equations
    ) + joint_audit.audit(numbers, release.k, equations=equations)
