"""What ``import_statistics`` and ``import_population`` share: reading the
file they are given, within statbank.MAX_BYTES, and refusing it with every
problem listed, both in the active language."""

from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext

from participation.council.statbank import MAX_BYTES, StatbankProblem


def read_upload(file: Path) -> bytes:
    """The file's bytes; CommandError if it cannot be read or is larger than
    statbank.MAX_BYTES (checked before reading it)."""
    try:
        if file.stat().st_size > MAX_BYTES:
            too_big = StatbankProblem("too_big", "", {"limit": MAX_BYTES // 2**20})
            raise CommandError(too_big.render(gettext))
        return file.read_bytes()
    except OSError as error:
        raise CommandError(
            gettext("Cannot read %(file)s: %(reason)s")
            % {"file": file, "reason": error.strerror}
        ) from error


def refusal(file: Path, problems: list[str], total: int | None = None) -> CommandError:
    """The error listing every problem of a file nothing was imported from;
    ``total`` counts those left out of ``problems`` too."""
    count = len(problems) if total is None else total
    heading = gettext("Nothing imported: %(count)s problem(s) in %(file)s:") % {
        "count": count,
        "file": file,
    }
    return CommandError(heading + "\n" + "\n".join(f"  {p}" for p in problems))
