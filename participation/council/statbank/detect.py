"""Which of Statistikbanken's formats a file is, and reading it with the
reader for that format."""

from __future__ import annotations

import re

from participation.council.statbank.errors import StatbankError, StatbankProblem
from participation.council.statbank.jsonstat import read_jsonstat
from participation.council.statbank.limits import MAX_BYTES
from participation.council.statbank.px import read_px
from participation.council.statbank.statbank_csv import read_statbank_csv
from participation.council.statbank.table import _BOM, StatbankTable

FORMATS = ("px", "json-stat", "csv")

_PX_START = re.compile(rb"[A-Z][A-Z0-9_-]*(?:\[[^\]\n]*\])?(?:\([^\n]*?\))?[ \t]*=")


def detect_format(data: bytes) -> str:
    """The format of ``data`` (one of ``FORMATS``) by its content: JSON
    starts with "{" (or "["), a PX file with a keyword such as CHARSET= or
    AXIS-VERSION=; anything else is read as CSV."""
    head = data[:4096].removeprefix(_BOM).lstrip()
    if head[:1] in (b"{", b"["):
        return "json-stat"
    if _PX_START.match(head):
        return "px"
    return "csv"


def read_statbank(data: bytes) -> StatbankTable:
    """Read a table in any of ``FORMATS`` (``detect_format`` decides).
    Raises StatbankError."""
    if len(data) > MAX_BYTES:
        raise StatbankError(
            [StatbankProblem("too_big", "", {"limit": MAX_BYTES // (1024 * 1024)})]
        )
    reader = {"px": read_px, "json-stat": read_jsonstat, "csv": read_statbank_csv}
    return reader[detect_format(data)](data)
