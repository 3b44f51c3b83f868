"""Between releases (T06): a release of a population may replace the
published one only when, for every figure both show, the two differ by 0 or
by at least k (participation.stats.differences), and their difference,
audited as one system, narrows no hidden change below k; checked against
every release of the population published before, at the council's and at
the public threshold. Otherwise staff learn how many more changes are
needed, never which figure blocks.

The check reads both releases' frozen tables only, so it runs once, at the
end of making a release (releases.build, in the background), against the
releases published by then; publishing re-checks only against a release
published since (:func:`needed_since`). The public snapshot uses the same
rule (:func:`releases_needed`).
"""

from __future__ import annotations

from django.utils.translation import ngettext

from participation.council import catalogue
from participation.council.models import Release, ReleaseStatus, ReleaseTable
from participation.council.releases import linkage
from participation.council.releases.numbers import release_numbers
from participation.council.releases.populations import COUNCIL, PUBLIC
from participation.stats import joint_audit
from participation.stats.differences import more_needed
from participation.stats.disclosure import TOTAL
from participation.stats.joint_audit import Equation, Number

#: Where a made release keeps the result of the check (Release.audit).
CHECKED = "between"


def refusal(needed: int) -> str:
    """What staff are told when a release needs ``needed`` more changes."""
    return ngettext(
        "Too few answers have changed since the last release: at least "
        "%(n)s more change is needed before it can be replaced.",
        "Too few answers have changed since the last release: at least "
        "%(n)s more changes are needed before it can be replaced.",
        needed,
    ) % {"n": needed}


def earlier(release: Release):
    """The releases of ``release``'s population published before (now
    published or replaced)."""
    return Release.objects.filter(
        population=release.population,
        status__in=[ReleaseStatus.PUBLISHED, ReleaseStatus.REPLACED],
    ).exclude(pk=release.pk)


def check(release: Release) -> dict:
    """The check against every release published so far, as kept in
    ``release.audit[CHECKED]``: which releases were compared, and how many
    more changes are needed (0: it may be published)."""
    compared = list(earlier(release).order_by("pk"))
    return {
        "compared": [old.pk for old in compared],
        "needed": max([needed_between(release, old) for old in compared], default=0),
    }


def needed_since(release: Release) -> int:
    """How many more changes ``release`` needs before it may be published:
    the check kept when it was made, and the check against any release
    published since (another release made and published meanwhile)."""
    kept = (release.audit or {}).get(CHECKED) or {"compared": [], "needed": 0}
    since = earlier(release).exclude(pk__in=kept["compared"])
    return max([kept["needed"], *(needed_between(release, old) for old in since)])


def figures(data: dict) -> dict:
    """Every count a frozen table shows, by (row, column)."""
    table = catalogue.Table.from_data(data, "en")
    out = {}
    for record in table.records():
        for (column, _label), value in zip(table.columns, record["cells"], strict=True):
            out[record["code"], column] = value
        if table.columns:
            out[record["code"], TOTAL] = record["total"]
    return out


def needed_between(new: Release, old: Release, *, scopes=(COUNCIL, PUBLIC)) -> int:
    """How many more changes at least ``new`` needs before it may replace
    ``old`` in what ``scopes`` show: every figure both show differs by 0 or
    by at least k, and the difference of the two, audited as one system
    (:func:`difference_needed`), narrows no hidden change below k."""
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
        needed = max(needed, more_needed(figures(before), figures(table.data), k))
    if needed:
        return needed
    if PUBLIC in scopes:
        needed = difference_needed(new, old, scopes=(PUBLIC,), k=new.public_k)
    if COUNCIL in scopes:
        needed = max(needed, difference_needed(new, old, scopes=scopes, k=new.k))
    return needed


def difference_needed(new: Release, old: Release, *, scopes, k: int) -> int:
    """The two releases' difference as a system of its own: the changes of
    the inner cells (answers given, or withdrawn, between them) are the
    unknowns; a number both publish gives its change exactly, any other is
    hidden. An attacker who assumes no withdrawals (changes of at least 0;
    the stronger attacker) must not narrow a hidden change to fewer than k
    values unless it is no change at all, or at least k for certain (a
    change of k or more answers, like a count of k or more, shows no small
    group): one new multicultural answer among k Danish-origin ones, whose
    row is hidden in both, is found this way.
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
        if high > 0 and low < k and high - low < k:
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
            needed = max(needed, needed_between(release, old, scopes=(scope,)))
    return needed
