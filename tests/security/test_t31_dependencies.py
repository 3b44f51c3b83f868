"""T31 (partial): the pinned security-critical packages are at or above the
versions that fixed known advisories. pip-audit cannot run on this closed
network (no advisory database is reachable); docs/SECURITY.md says so."""

from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.version import Version

# package: (lowest acceptable version, why)
FLOORS = {
    "django": ("5.2.8", "5.2 LTS security releases through 2025"),
    "wagtail": ("7.4", "7.4 LTS"),
    "django-allauth": ("65.14.1", "TESTPLAN T31: allauth >= 65.14.1"),
    "pillow": ("11.3.0", "image decoder advisories"),
    "cryptography": ("44.0.1", "OpenSSL advisories in bundled wheels"),
}
REQUIREMENTS = Path(__file__).resolve().parents[2] / "requirements.txt"


@pytest.mark.parametrize("package", sorted(FLOORS))
def test_installed_version_is_at_or_above_the_floor(package):
    floor, why = FLOORS[package]
    assert Version(version(package)) >= Version(floor), why


def test_every_runtime_requirement_is_pinned_exactly():
    for line in REQUIREMENTS.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            assert "==" in line, f"not pinned exactly: {line}"
