"""Spreadsheet-safe cells (TESTPLAN T10): text that a spreadsheet would run
as a formula is written with a leading apostrophe.

A cell is dangerous when, after any leading spaces, quotes or control
characters, it starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage
return or a NUL (the Symfony CVE-2021-41270 lesson: the tab and carriage
return prefixes slip past a check of the first character alone). Numbers are
left alone: a negative number is a number, not a formula. Pure: no Django.
"""

from __future__ import annotations

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
# What a spreadsheet skips before it decides whether a cell is a formula.
_SKIPPED = " \"'\u00a0\n\x0b\x0c"


def is_dangerous(text: str) -> bool:
    """Whether a spreadsheet could read ``text`` as a formula."""
    if not text:
        return False
    if text[0] in TRIGGERS:
        return True
    stripped = text.lstrip(_SKIPPED)
    return bool(stripped) and stripped[0] in TRIGGERS


def neutralise(value: object) -> object:
    """``value`` with a leading ``'`` if it is text a spreadsheet would run
    as a formula; every other value (numbers, None) unchanged. NUL bytes are
    removed from text, which no spreadsheet cell should carry."""
    if not isinstance(value, str):
        return value
    if is_dangerous(value):
        return "'" + value.replace("\0", "")
    return value.replace("\0", "")
