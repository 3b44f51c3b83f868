"""Releases: every table the council, the public and the API see comes from
one frozen, jointly audited release per population (docs/ARCHITECTURE.md,
"Releases"; docs/SECURITY.md T05-T07).

``populations`` (what a release covers), ``linkage`` and ``numbers`` (its
numbers as sums of inner cells, for participation.stats.joint_audit),
``build`` (making a release in the background), ``between`` (when a release
may replace the published one) and ``store`` (publishing, and reading
published ones). This package re-exports the names callers use.
"""

from participation.council.releases.between import releases_needed  # noqa: F401
from participation.council.releases.build import (  # noqa: F401
    ReleaseError,
    audit_release,
    build_release,
    release_make,
)
from participation.council.releases.populations import (  # noqa: F401
    COUNCIL,
    PUBLIC,
    Population,
    populations,
)
from participation.council.releases.store import (  # noqa: F401
    NOT_RELEASED,
    ReleaseRefused,
    latest_released_wave,
    read_log,
    release_publish,
    released_table,
)
