"""The cells of an XLSForm that Medborger reads as more than text: the
``type`` (select lists, groups and repeats, the types a survey can ask),
the simple ``relevant`` and ``constraint`` expressions a survey can
represent, and yes/no cells such as ``required``. Pure functions, no
Django.
"""

from __future__ import annotations

import re

TRUE_WORDS = {"yes", "true", "true()", "1"}
FALSE_WORDS = {"no", "false", "false()", "0", ""}

# The relevant and constraint expressions.

_REF = r"\$\{\s*([A-Za-z_][\w.\-]*)\s*\}"
_VALUE = r"""(?:'([^']*)'|"([^"]*)"|(-?\d+))"""
_EQUALS = re.compile(rf"^{_REF}\s*=\s*{_VALUE}$")
_SELECTED = re.compile(rf"^selected\s*\(\s*{_REF}\s*,\s*{_VALUE}\s*\)$")
_OR = re.compile(r"\s+or\s+")
_AND = re.compile(r"\s+and\s+")
_BOUND = re.compile(r"^\.\s*(>=|<=|>|<|=)\s*(-?\d+)$")
_BOUND_REVERSED = re.compile(r"^(-?\d+)\s*(>=|<=|>|<)\s*\.$")
_LENGTH = re.compile(r"^string-length\s*\(\s*\.\s*\)\s*(<=|<)\s*(\d+)$")


def _strip_parens(text: str) -> str:
    text = " ".join(text.split())
    while text.startswith("(") and text.endswith(")"):
        depth = 0
        for index, char in enumerate(text):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth == 0 and index < len(text) - 1:
                return text
        text = text[1:-1].strip()
    return text


def parse_relevant(expression: str) -> tuple[str, list[str]] | None:
    """``${q} = 'x' or selected(${q}, 'y')`` → ("q", ["x", "y"]); None for
    anything else (other operators, several questions, and, not ...)."""
    reference = None
    values: list[str] = []
    for term in _OR.split(_strip_parens(expression)):
        term = _strip_parens(term)
        match = _EQUALS.match(term) or _SELECTED.match(term)
        if not match:
            return None
        name = match.group(1)
        value = next(g for g in match.groups()[1:] if g is not None)
        if reference not in (None, name) or not value:
            return None
        reference = name
        if value not in values:
            values.append(value)
    return (reference, values) if reference else None


def parse_bounds(expression: str) -> tuple[int | None, int | None] | None:
    """``. >= 0 and . <= 120`` → (0, 120); None when not that simple."""
    low = high = None
    for part in _AND.split(_strip_parens(expression)):
        part = _strip_parens(part)
        match = _BOUND.match(part)
        if match:
            op, number = match.group(1), int(match.group(2))
        else:
            match = _BOUND_REVERSED.match(part)
            if not match:
                return None
            flipped = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}
            op, number = flipped[match.group(2)], int(match.group(1))
        if op in (">=", ">", "="):
            value = number + 1 if op == ">" else number
            low = value if low is None else max(low, value)
        if op in ("<=", "<", "="):
            value = number - 1 if op == "<" else number
            high = value if high is None else min(high, value)
    return low, high


def parse_max_length(expression: str) -> int | None:
    """``string-length(.) <= 200`` → 200; None when not that simple."""
    match = _LENGTH.match(_strip_parens(expression))
    if not match:
        return None
    limit = int(match.group(2)) - (1 if match.group(1) == "<" else 0)
    return limit if limit >= 1 else None


# The type column.

SELECT = re.compile(
    r"^(select_one|select one from|select one|select1|add select one prompt using"
    r"|select_multiple|select all that apply from|select all that apply"
    r"|select multiple from|select multiple|add select multiple prompt using)"
    r"\s+(\S+)(?:\s+(or_other))?$",
    re.IGNORECASE,
)
FROM_FILE = (
    "select_one_from_file",
    "select_multiple_from_file",
    "select one from file",
    "select multiple from file",
    "select_one_external",
    "select one external",
    "rank",
)
TEXT_TYPES = {"text", "string", "q string", "add text prompt"}
INTEGER_TYPES = {"integer", "int", "q int", "add integer prompt"}
NOTE_TYPES = {"note", "q note", "add note prompt"}
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "imei",
    "start-geopoint",
    "background-audio",
    "background-geopoint",
    "start time",
    "end time",
    "device id",
    "subscriber id",
    "sim id",
    "phone number",
}


def group_control(type_: str) -> str:
    """begin_group / end_group / begin_repeat / end_repeat, or ""."""
    words = type_.lower().replace("_", " ").split()
    if len(words) == 2 and words[0] in ("begin", "end"):
        kind = {"group": "group", "repeat": "repeat", "loop": "repeat"}.get(words[1])
        if kind:
            return f"{words[0]}_{kind}"
    return ""


def truthy(value: str) -> bool | None:
    """A yes/no cell (``required``, ``medborger_exclusive``): True, False, or
    None for anything else (such as a condition)."""
    word = value.strip().lower().lstrip("=")
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None
