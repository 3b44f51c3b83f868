"""PC-Axis (.px) as Statistikbanken writes it: ``read_px`` and
``px_bytes``."""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from participation.council.statbank.errors import _Problems
from participation.council.statbank.table import (
    _BOM,
    MISSING,
    Dimension,
    StatbankTable,
    _cell_name,
    _cells,
    _check_dimensions,
    _cube_frame,
    _line_of,
    _no_nul,
    _number,
    _ordered,
    _sizes,
    _too_big,
)

_PX_CHARSET = re.compile(rb'(?m)^[ \t]*CHARSET[ \t]*=[ \t]*"([^"\r\n]*)"')
_PX_CODEPAGE = re.compile(rb'(?m)^[ \t]*CODEPAGE[ \t]*=[ \t]*"([^"\r\n]*)"')
_PX_KEYWORD = re.compile(
    r"([A-Za-z][A-Za-z0-9_-]*)"  # keyword
    r"(?:\[([^\]\"\n]*)\])?"  # [language]
    r"(?:\(((?:\"[^\"\n]*\"|[^)\"\n])*)\))?"  # ("subkey", ...)
    r"[ \t]*="
)
_PX_TOKEN = re.compile(
    r'"([^"\n]*)"|(,)|(;)|(TLIST\([^)\n]*\))|([^\s,;"=]+)|(=)|(")', re.IGNORECASE
)
_PX_DATUM = re.compile(r'"([^"\n]*)"|([^\s,";]+)|(")')
_SPACE = re.compile(r"\s*")
_PX_SUBKEY = re.compile(r'"([^"\n]*)"|([^,"\s]+)')


class _Lines:
    """Line numbers of positions met in increasing order, counted once."""

    def __init__(self, text: str, *, first: int = 1, start: int = 0):
        self.text = text
        self.position = start
        self.line = first

    def at(self, position: int) -> int:
        if position < self.position:  # only when recovering: count again
            return _line_of(self.text, position)
        self.line += self.text.count("\n", self.position, position)
        self.position = position
        return self.line


def _px_decode(data: bytes, problems: _Problems) -> str:
    """The text of a PX file. CHARSET="ANSI" (Statistikbanken's) means
    Windows-1252 unless CODEPAGE names another; a file that reads as UTF-8
    is UTF-8 whatever it says (it was saved again by an editor), as
    Windows-1252 Danish text never does."""
    if data.startswith(_BOM):
        data, declared = data[len(_BOM) :], "utf-8"
    else:
        head = data[:65536]
        codepage = _PX_CODEPAGE.search(head)
        charset = _PX_CHARSET.search(head)
        declared = "cp1252"
        if codepage:
            name = codepage.group(1).decode("latin-1").strip()
            try:
                declared = codecs.lookup(name).name
            except LookupError:
                declared = "cp1252"
        elif charset and charset.group(1).strip().upper() not in (b"ANSI", b""):
            declared = "utf-8"
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if declared == "utf-8":
            problems.add(
                "encoding",
                "line",
                line=_line_of(data, error.start),
                encoding="UTF-8",
            )
            return ""
    try:
        return data.decode(declared)
    except (UnicodeError, LookupError, ValueError):
        # Windows-1252 leaves five bytes undefined, and CODEPAGE may name a
        # codec that is no text encoding ("rot13"); Latin-1 reads anything.
        return data.decode("latin-1")


@dataclass
class _Statement:
    keyword: str
    language: str | None
    subkeys: tuple[str, ...]
    items: list[str]
    line: int


def _px_subkeys(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(
        (quoted if quoted is not None else bare).strip()
        for quoted, bare in _PX_SUBKEY.findall(text)
    )


def _px_value(
    text: str, position: int, statement: str, line: int, lines: _Lines, problems
) -> tuple[list[str] | None, int]:
    """The items of one keyword's value from ``position`` to its ";":
    quoted texts next to each other are one item (a long text over several
    lines), commas separate items. Returns (None, where to go on) when the
    value is broken; the problem is added."""
    items: list[str] = []
    parts: list[str] = []
    size = len(text)
    while True:
        position = _SPACE.match(text, position).end()
        if position >= size:
            problems.add("px_unterminated", "line", line=line, keyword=statement)
            return None, position
        match = _PX_TOKEN.match(text, position)
        quoted, comma, end, tlist, bare, equals, quote = match.groups()
        if quoted is not None:
            parts.append(quoted)
        elif comma:
            items.append("".join(parts))
            parts = []
        elif end:
            if parts or items:
                items.append("".join(parts))
            return items, match.end()
        elif tlist or bare:
            line_start = text.rfind("\n", 0, position) + 1
            starts_line = not text[line_start:position].strip()
            if starts_line and _PX_KEYWORD.match(text, position):
                # The next keyword: this one's ";" is missing.
                problems.add("px_unterminated", "line", line=line, keyword=statement)
                return None, position
            parts.append(tlist or bare)
        elif equals:
            problems.add("px_syntax", "line", line=lines.at(position), value="=")
            return None, _resync(text, position)
        else:  # a quotation mark never closed on its line
            problems.add("px_unclosed", "line", line=lines.at(position))
            return None, _resync(text, position)
        position = match.end()


_PX_LINE_KEYWORD = re.compile(
    r"(?m)^[ \t]*(?=[A-Za-z][A-Za-z0-9_-]*(?:\[[^\]\"\n]*\])?"
    r"(?:\((?:\"[^\"\n]*\"|[^)\"\n])*\))?[ \t]*=)"
)


def _resync(text: str, position: int) -> int:
    """The start of the next line that starts with a keyword (or the end):
    where to read on after a broken statement."""
    end_of_line = text.find("\n", position)
    if end_of_line < 0:
        return len(text)
    match = _PX_LINE_KEYWORD.search(text, end_of_line + 1)
    return match.end() if match else len(text)


def _px_scan(
    text: str, problems: _Problems
) -> tuple[list[_Statement], int | None, int, set[tuple]]:
    """The keyword statements before DATA, where DATA's figures start (None
    without DATA) and its line, and the keys of broken statements."""
    statements: list[_Statement] = []
    broken: set[tuple] = set()
    lines = _Lines(text)
    position = 0
    size = len(text)
    while True:
        position = _SPACE.match(text, position).end()
        if position >= size:
            return statements, None, 0, broken
        line = lines.at(position)
        match = _PX_KEYWORD.match(text, position)
        if not match:
            found = text[position : position + 40].split("\n", 1)[0].strip()
            problems.add("px_syntax", "line", line=line, value=found)
            position = _resync(text, position)
            continue
        keyword = match.group(1).upper()
        language = (match.group(2) or "").strip() or None
        subkeys = _px_subkeys(match.group(3))
        if keyword == "DATA":
            return statements, match.end(), line, broken
        shown = keyword + (
            "(" + ",".join(f'"{s}"' for s in subkeys) + ")" if subkeys else ""
        )
        items, position = _px_value(text, match.end(), shown, line, lines, problems)
        if items is None:
            broken.add((keyword, language, subkeys))
            continue
        statements.append(_Statement(keyword, language, subkeys, items, line))


def _px_data(
    text: str,
    start: int,
    line: int,
    dimensions: Sequence[Dimension],
    problems: _Problems,
) -> tuple[list[float], list[str]]:
    """DATA's figures, in order, and their status symbols."""
    end = text.find(";", start)
    stop = len(text) if end < 0 else end
    if end >= 0 and text[end + 1 :].strip():
        after = _SPACE.match(text, end + 1).end()
        problems.add("px_after_data", "line", line=_line_of(text, after))
    expected = _cells(dimensions)
    values: list[float] = []
    statuses: list[str] = []
    lines = _Lines(text, first=line, start=start)
    found = 0
    for match in _PX_DATUM.finditer(text, start, stop):
        found += 1
        if found > expected:
            continue  # counted, not kept
        quoted, bare, quote = match.groups()
        token = quoted if quoted is not None else bare
        if quote:
            problems.add("px_unclosed", "line", line=lines.at(match.start()))
            token = None
        value = _number(token.strip()) if token is not None else None
        if value is not None:
            values.append(value)
            statuses.append("")
        elif token is not None and token.strip() in MISSING:
            values.append(math.nan)
            statuses.append(token.strip() or "..")
        else:
            if token is not None and problems.full:
                problems.total += 1  # counted; no need to name the cell
            elif token is not None:
                problems.add(
                    "bad_number",
                    "figure",
                    line=lines.at(match.start()),
                    position=found,
                    cell=_cell_name(dimensions, found - 1),
                    value=token[:40],
                )
            values.append(math.nan)
            statuses.append("..")
    if found != expected:
        problems.add(
            "px_data_count",
            "line",
            line=line,
            found=found,
            sizes=_sizes(dimensions),
            expected=expected,
        )
    return values, statuses


def read_px(data: bytes) -> StatbankTable:
    """Read a PC-Axis file as Statistikbanken writes it.

    Keywords ``KEYWORD[lang]("subkey")=value;``: quoted texts, several next
    to each other making one (a long text over lines), items separated by
    commas. The table's own language is LANGUAGE's; keywords in another
    ([en]) are left out. Dimensions are STUB then HEADING, each with its
    VALUES (labels), CODES and VARIABLE-CODE (its id) if given, TIMEVAL
    making it the time. DATA lists every figure, the last dimension fastest,
    separated by spaces, tabs, commas or line ends; ".." and "-" (quoted or
    not) mark a missing figure. MATRIX, TITLE, CONTENTS, UNITS, SOURCE and
    NOTE/NOTEX describe the table. Raises StatbankError."""
    problems = _Problems()
    if _too_big(data, problems) or not _no_nul(data, problems):
        problems.raise_if_any()
    text = _px_decode(data, problems)
    problems.raise_if_any()
    statements, data_start, data_line, broken = _px_scan(text, problems)

    language = next(
        (s.items[0] for s in statements if s.keyword == "LANGUAGE" and s.items), None
    )
    keyed: dict[tuple, _Statement] = {}
    for statement in statements:
        if statement.language not in (None, language):
            continue
        key = (statement.keyword, statement.subkeys)
        if key in keyed and statement.keyword in ("NOTE", "NOTEX"):
            keyed[key].items.extend(statement.items)  # notes may come one by one
            continue
        if key in keyed:
            problems.add(
                "px_duplicate",
                "line",
                line=statement.line,
                keyword=statement.keyword,
                first_line=keyed[key].line,
            )
            continue
        keyed[key] = statement
        if statement.keyword == "KEYS":
            problems.add("px_unsupported", "line", line=statement.line, keyword="KEYS")
    broken_keys = {(keyword, subkeys) for keyword, _lang, subkeys in broken}

    def items(keyword: str, *subkeys: str) -> list[str] | None:
        statement = keyed.get((keyword, subkeys))
        return None if statement is None else [i.strip() for i in statement.items]

    def first(keyword: str) -> str:
        found = items(keyword)
        return found[0] if found else ""

    variables = (items("STUB") or []) + (items("HEADING") or [])
    if not variables and not {("STUB", ()), ("HEADING", ())} & broken_keys:
        problems.add("px_no_variables")
    dimensions: list[Dimension] = []
    for variable in variables:
        labels = items("VALUES", variable)
        if labels is None:
            if ("VALUES", (variable,)) not in broken_keys:
                problems.add("px_missing", keyword=f'VALUES("{variable}")')
            continue
        codes = items("CODES", variable)
        if codes is not None and len(codes) != len(labels):
            problems.add(
                "px_codes_count",
                "dimension",
                dimension=variable,
                found=len(codes),
                expected=len(labels),
            )
            codes = None
        code = items("VARIABLE-CODE", variable) or items("VARIABLECODE", variable)
        timeval = items("TIMEVAL", variable) is not None
        dimensions.append(
            Dimension(
                id=code[0] if code else variable,
                label=variable,
                codes=tuple(codes if codes is not None else labels),
                labels=tuple(labels),
                role="time" if timeval else "",
            )
        )
    if data_start is None:
        problems.add("px_missing", keyword="DATA")
    _check_dimensions(dimensions, problems)
    problems.raise_if_any()
    values, statuses = _px_data(text, data_start, data_line, dimensions, problems)
    problems.raise_if_any()
    notes = (items("NOTE") or []) + (items("NOTEX") or [])
    return StatbankTable(
        format="px",
        dimensions=dimensions,
        frame=_cube_frame(dimensions, values, statuses),
        table_id=first("MATRIX"),
        title=first("TITLE") or first("DESCRIPTION"),
        contents=first("CONTENTS"),
        units=first("UNITS"),
        source=first("SOURCE"),
        notes=tuple(notes),
    )


# --- writing -------------------------------------------------------------------

_PX_WIDTH = 250  # Statistikbanken's lines stay under 256 characters


def _px_quoted(text: str) -> str:
    if '"' in text or "\n" in text:
        raise ValueError(
            f"a PX text cannot hold a quotation mark or line end: {text!r}"
        )
    return f'"{text}"'


def _px_list(texts: Sequence[str]) -> str:
    """Quoted items separated by commas, a new line before the line would
    grow past _PX_WIDTH; a long text is cut into quoted pieces on lines of
    their own (the reader joins them)."""
    lines: list[str] = []
    line = ""
    for number, text in enumerate(texts):
        pieces = [text[i : i + 200] for i in range(0, len(text), 200)] or [""]
        quoted = "\n".join(_px_quoted(piece) for piece in pieces)
        comma = "," if number < len(texts) - 1 else ""
        if line and len(line) + len(quoted) + 1 > _PX_WIDTH:
            lines.append(line)
            line = ""
        if "\n" in quoted:
            if line:
                lines.append(line)
            lines.append(quoted + comma)
            line = ""
        else:
            line += quoted + comma
    if line:
        lines.append(line)
    return "\n".join(lines)


_TLISTS = (
    ("A1", re.compile(r"\d{4}")),
    ("Q1", re.compile(r"\d{4}[KQ][1-4]")),
    ("M1", re.compile(r"\d{4}M\d\d")),
)


def _tlist(dimension: Dimension) -> str | None:
    """PX's name for the periods of a time dimension: A1 (years), Q1
    (quarters), M1 (months); None for anything else."""
    for name, pattern in _TLISTS:
        if all(pattern.fullmatch(code) for code in dimension.codes):
            return name
    return None


def _figure(value: float, status: str) -> str:
    if math.isnan(value):
        return f'"{status or ".."}"'
    return str(int(value)) if value.is_integer() else repr(value)


def _decimals(values: Iterable[float]) -> int:
    most = 0
    for value in values:
        if not math.isnan(value) and not value.is_integer():
            most = max(most, len(repr(value).split(".")[-1]))
    return min(most, 15)


def px_bytes(
    table: StatbankTable, *, language: str = "da", charset: str = "ANSI"
) -> bytes:
    """``table`` as a PX file laid out as Statistikbanken writes it: the
    last dimension is the HEADING, the others the STUB, one line of DATA
    per STUB combination; CODES and VARIABLE-CODE only where they differ
    from the labels and the name. ``charset`` "ANSI" writes Windows-1252
    with CRLF line ends, as Statistikbanken does; "UTF-8" writes UTF-8."""
    dimensions = table.dimensions
    values, statuses = _ordered(table)
    decimals = _decimals(values)
    ansi = charset.upper() == "ANSI"
    out = [
        f'CHARSET="{"ANSI" if ansi else "UTF-8"}";',
        'AXIS-VERSION="2006";',
        f'CODEPAGE="{"windows-1252" if ansi else "utf-8"}";',
        f"LANGUAGE={_px_quoted(language)};",
        f"DECIMALS={decimals};",
        f"SHOWDECIMALS={decimals};",
    ]
    for keyword, text in (
        ("MATRIX", table.table_id),
        ("TITLE", table.title),
        ("CONTENTS", table.contents),
        ("UNITS", table.units),
        ("SOURCE", table.source),
    ):
        if text:
            out.append(f"{keyword}={_px_list([text])};")
    if table.notes:
        out.append(f"NOTE={_px_list(table.notes)};")
    stub, heading = dimensions[:-1], dimensions[-1:]
    if stub:
        out.append(f"STUB={_px_list([d.label for d in stub])};")
    if heading:
        out.append(f"HEADING={_px_list([d.label for d in heading])};")
    for dimension in dimensions:
        name = _px_quoted(dimension.label)
        out.append(f"VALUES({name})={_px_list(dimension.labels)};")
    for dimension in dimensions:
        name = _px_quoted(dimension.label)
        if dimension.codes != dimension.labels:
            out.append(f"CODES({name})={_px_list(dimension.codes)};")
        if dimension.id != dimension.label:
            out.append(f"VARIABLE-CODE({name})={_px_quoted(dimension.id)};")
        tlist = _tlist(dimension) if dimension.role == "time" else None
        if tlist:
            out.append(f"TIMEVAL({name})=TLIST({tlist}),{_px_list(dimension.labels)};")
    out.append("DATA=")
    width = len(heading[0]) if heading else 1
    figures = [_figure(v, s) for v, s in zip(values, statuses, strict=True)]
    for start in range(0, len(figures), width):
        out.append(" ".join(figures[start : start + width]))
    out.append(";")
    text = "\n".join(out) + "\n"
    if ansi:
        return text.replace("\n", "\r\n").encode("cp1252")
    return text.encode("utf-8")
