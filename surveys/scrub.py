"""The personal-data scrubber for free-text survey answers.

Respondents sometimes write their CPR number, phone number or e-mail address
into a free-text answer ("call me on 12 34 56 78"). Medborger promises
anonymous answers, so every free-text answer is passed through ``scrub()``
before it is saved. Each match is replaced with a placeholder: ``[CPR]``,
``[PHONE]`` or ``[EMAIL]``. ``find_pii()`` is the detector that ``scrub()``
uses, and the tests run it on scrubbed text to show that nothing is left.

The scrubber errs on the side of privacy: where a number could be personal
data or not, it is removed, unless one of the "kept" rules below says
otherwise. Each rule is about the shape of what was written, so a respondent
(and a reviewer) can predict the outcome.

Step 1: a canonical copy
------------------------

Matching works on a canonical copy of the text, and the replacements are
made in the original text (every canonical character knows which original
characters it came from):

- Any Unicode digit counts as its ASCII digit: every decimal digit (Arabic-
  Indic U+0660-0669, Extended Arabic-Indic/Persian U+06F0-06F9, full-width,
  Devanagari, mathematical, ...) and every other character with a digit value
  (superscripts and subscripts, circled digits, Ethiopic 1-9, which have no
  decimal value in Unicode).
- Space characters (category Zs, and the tab) count as a space, dashes
  (category Pd, and the minus sign) as a hyphen, and other characters whose
  NFKC form is one ASCII character as that character (full-width "@", ".",
  "/", "+", ...). A line break is not a space.
- Invisible formatting marks are dropped: direction marks (U+200E, U+200F,
  U+061C), embeddings and isolates (U+202A-202E, U+2066-2069), zero-width
  characters and the soft hyphen. These often end up between digits in
  right-to-left text. A placeholder replaces every original character of the
  match, marks included.
- Written-out "@" and "." become symbols, case-insensitively. An "@" is
  ``@`` with or without spaces around it, or "at", "snabel-a" ("snabel a",
  "snabela"; Danish for @) or "@" in brackets (``(at)``, ``[at]``, ``{at}``,
  ``<at>``), or "snabel-a" between spaces. A dot is "dot", "punktum" or
  "prik" between spaces or in brackets, ``(.)`` / ``[.]``, or a "." with
  spaces before it (``c .dk``, ``c . dk``). A bare " at " between spaces is
  weaker evidence, because "at" is a common word in Danish and English (see
  e-mail addresses below).

Step 2: e-mail addresses
------------------------

An address is a local part, an "@" and a domain whose labels end in a
top-level domain of two or more letters, with Unicode local parts,
internationalised domains and subdomains. A local part never contains ".."
and never starts with ".", so an address starts after the last "..". An
address written with a bare " at " ("jens.hansen at gmail.com") counts only if
its local part holds a dot, digit, "_", "-" or "+", or its domain has a
written-out dot, or its domain is a well-known mail provider; "Jeg synes at
aalborg.dk er god" is kept.

Step 3: numbers
---------------

A number is a *run*: digit groups joined by separators. A separator is up
to three spaces, up to two of ``.``, ``-``, ``(`` and ``)``, and up to three
spaces again, in that order (so ``12 34-56 78``, ``010203 - 1234`` and
``+44 (0)20`` are each one run), or a single ``/`` with no spaces (a spaced
``/`` usually means "or": ``1998 / 2015``). A run may start with ``+`` or
``(+``. Matches start and end at group boundaries, never inside a group, so a
glued 11-digit reference number is kept whole, not partly eaten. A run is
classified in this order; the first rule that applies wins:

1. International phone number. A run that starts with ``+`` (optionally in
   parentheses) or with ``00`` and a non-zero digit is a phone number when the
   digits after the prefix (country code included, 1-3 digits) number 8-15
   (E.164's maximum), over as many leading groups as fit; ``+45 12345 678``,
   ``(+45) 12 34 56 78``, ``+46 70 123 45 67``, ``0090 532 123 45 67``.
   The rest of the run, if any, is classified by the rules below.
2. Kept: the whole run is one *kept shape* (listed below).
3. CPR number: the whole run has 10 digits and the first six are a valid
   DDMMYY, whatever the grouping and separators: ``010203-1234``,
   ``010203.1234``, ``01-02-03-1234``, ``01 02 03 12 34``. DDMM must be a real
   day of that month (29 February is always allowed, because the century is
   not known). The modulus-11 check is not used, because CPR numbers issued
   since 2007 need not pass it. So a date followed by a two-digit number and
   nothing else (``12.03.2021 18``) is read as a CPR number.
4. Danish phone number: the whole run has 8 digits, whatever the grouping and
   separators: ``12345678``, ``12 34 56 78``, ``1234 56 78``, ``12 34-56 78``,
   ``12.345.678``. A glued 8-digit run that could be a date (``01012023``)
   counts as a phone too.
5. A longer run is cut at every kept shape inside it, and each piece is
   searched for *readings*: any span of whole groups with 10 digits and a
   valid DDMMYY (CPR), with 8 digits (phone), or with 9-11 digits, three or
   more groups and a leading ``0`` then a non-zero digit (a foreign number
   written the national way: ``0532 123 45 67``, ``0151 2345 6789``).
   Every group in any reading is removed, so no digit of a possible number
   survives; overlapping readings are removed together. Where the removed
   groups can be split exactly into non-overlapping readings, each gets its
   own placeholder (``12 34 56 78/87 65 43 21`` gives two); otherwise they
   get one, ``[CPR]`` if any reading was a CPR number. Groups in no reading
   are kept (``2015 12345678`` keeps the year).

Kept shapes. Each must stand apart: the separator next to it, if any, differs
from the separators inside it (``12.03.2021.1234`` is not a date):

- A date with a four-digit year 1900-2099: day, month, year or year, month,
  day, both separators the same single ``.``, ``-`` or ``/``, day 1-31 and
  month 1-12: ``12.03.2021``, ``12/03/2021``, ``2021-03-12``, ``1.3.2021``.
  A phone number written like this (``20-11-1985``) is kept; one written
  with spaces (``20 11 1985``) is removed.
- A year range: two years 1900-2099, the second later, joined by a hyphen
  (spaces allowed) or a bare slash: ``1990-2001``, ``2015 - 2020``,
  ``2019/2020``. Two years with only a space between are a phone number.
- A time range: ``hh.mm`` to ``hh.mm`` joined by a hyphen (spaces allowed),
  hours 0-24 and minutes 00-59: ``10.00-16.00``.
- An amount: a thousands-grouped number (1-3 digits not starting with 0,
  then groups of exactly three, all joined by the same ``.`` or the same
  space) that ends the run and is followed by a currency (``kr``, ``kr.``,
  ``DKK``, ``kroner``, ``EUR``, ``€``, ``$``, ``£``, ``SEK``, ``NOK``,
  ``USD``, optionally after ``,00`` or ``,-``) or by ``,-``, or that starts
  the run and follows ``kr.``, ``DKK``, ``EUR``, ``€``, ``$`` or ``£``:
  ``12.500.000 kr``, ``kr. 1.250.000``. Without a currency, an 8-digit
  ``12.500.000`` is a phone number.

Everything else in ordinary text is kept because it is too short or too long:
years (``I came in 2015``), prices (``1.500 kr.``, ``12.500,00 kr``: the
comma ends a run), times (``kl. 18.30``), ages and counts (``25 år``),
house numbers and postcodes (``Vesterbro 12, 9000 Aalborg``; a house
number of up to three digits before a postcode makes at most 7 digits, but
``Postboks 1234 9000`` is 8 and is removed), and runs of 9 or 11+ digits
that no rule above claims.

Every pattern runs in linear time: no nested quantifier can backtrack
catastrophically, an e-mail candidate is scanned from the start of its run of
address characters only, spaces are scanned from the start of a run of
spaces only, and a run of digit groups is classified by looking at spans of
at most 11 digits.

This module is pure Python and does not import Django.
"""

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["ScrubResult", "find_pii", "scrub"]

PLACEHOLDERS: dict[str, str] = {"cpr": "[CPR]", "phone": "[PHONE]", "email": "[EMAIL]"}

# (start, end, kind): where a match is, and whether it is "cpr", "phone" or
# "email".
Span = tuple[int, int, str]

# --- step 1: the canonical copy ---------------------------------------------

# Zero-width formatting characters that RTL text (and copy-paste from phones)
# scatters between digits. They are dropped from the canonical copy only.
_INVISIBLE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]+")

# Stand-ins that exist only in the canonical copy: a bare " at " (an "@"
# that needs more evidence) and a written-out dot. They are private-use
# characters, so neither counts as a letter, digit or space.
_WEAK_AT = "\ue000"
_WORD_DOT = "\ue001"

_LOOKALIKES = {
    "\t": " ",
    "\u2212": "-",  # minus sign (category Sm, not Pd)
    "\u2044": "/",  # fraction slash
    "\u2215": "/",  # division slash
    # A respondent cannot type the stand-ins into the canonical copy.
    _WEAK_AT: "\ufffd",
    _WORD_DOT: "\ufffd",
}


def _fold_char(char: str) -> str:
    """The one character that ``char`` counts as (see step 1)."""
    if char in _LOOKALIKES:
        return _LOOKALIKES[char]
    if char.isascii():
        return char
    digit = unicodedata.digit(char, None)
    if digit is not None:
        return str(digit)
    category = unicodedata.category(char)
    if category == "Zs":
        return " "
    if category == "Pd":
        return "-"
    normal = unicodedata.normalize("NFKC", char)
    if len(normal) == 1 and normal.isascii() and normal.isprintable():
        return normal
    return char


class _FoldTable(dict[int, str]):
    """A ``str.translate`` table that folds each character, filled as needed.

    It stops growing at a few thousand entries, so text made of every
    character in Unicode costs time, not memory.
    """

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < 5000:
            self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _fold(text: str) -> str:
    """``text`` with each character folded; same length, position for position."""
    if text.isascii():
        return text.replace("\t", " ")
    return text.translate(_FOLD_TABLE)


_OPEN = r"[(\[{<]"
_CLOSE = r"[)\]}>]"
_SNABEL_A = r"snabel[ -]?a"
_DOT_WORD = r"(?:dot|punktum|prik)"

# Written-out "@" and ".". Each alternative starts at the start of a run of
# spaces (the lookbehind), so a long run of spaces is scanned once.
_TOKENS = re.compile(
    rf"""
    (?P<at>
        (?<![ ])[ ]* (?: @ | {_OPEN}[ ]*(?:at|@|{_SNABEL_A})[ ]*{_CLOSE} ) [ ]*
      | (?<![ ])[ ]+ {_SNABEL_A} [ ]+
    )
  | (?P<weak>
        (?<![ ])[ ]+ at [ ]+
    )
  | (?P<dot>
        (?<![ ])[ ]* {_OPEN}[ ]*(?:{_DOT_WORD}|\.)[ ]*{_CLOSE} [ ]*
      | (?<![ ])[ ]+ {_DOT_WORD} [ ]+
      | (?<![ ])[ ]+ \. [ ]*
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_TOKEN_STAND_INS = {"at": "@", "weak": _WEAK_AT, "dot": _WORD_DOT}


@dataclass(frozen=True)
class _Canonical:
    """The canonical copy of a text, and where each of its characters came from.

    Character ``i`` of ``text`` stands for ``original[starts[i]:ends[i]]``.
    ``starts`` and ``ends`` are None while the copy is position for position.
    """

    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def original(self, start: int, end: int) -> tuple[int, int]:
        """The original ``(start, end)`` of canonical ``text[start:end]``."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]

    def rewrite(
        self, pattern: re.Pattern[str], stand_ins: dict[str, str]
    ) -> "_Canonical":
        """Replace each match of ``pattern`` with the stand-in for its group name
        (at most one character; a missing name removes the match)."""
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for match in pattern.finditer(self.text):
            pieces.append(self.text[last : match.start()])
            starts.extend(range(last, match.start()))
            ends.extend(range(last + 1, match.start() + 1))
            if stand_in := stand_ins.get(match.lastgroup or ""):
                pieces.append(stand_in)
                starts.append(match.start())
                ends.append(match.end())
            last = match.end()
        if not pieces:
            return self
        pieces.append(self.text[last:])
        starts.extend(range(last, len(self.text)))
        ends.extend(range(last + 1, len(self.text) + 1))
        if self.starts is not None and self.ends is not None:
            starts = [self.starts[i] for i in starts]
            ends = [self.ends[i - 1] for i in ends]
        return _Canonical("".join(pieces), starts, ends)


def _canonical(text: str) -> _Canonical:
    """The canonical copy of ``text`` (step 1 of the module docstring)."""
    return (
        _Canonical(_fold(text))
        .rewrite(_INVISIBLE, {})
        .rewrite(_TOKENS, _TOKEN_STAND_INS)
    )


# --- step 2: e-mail addresses -----------------------------------------------

# RFC 5322 "atext": what may appear in an unquoted local part, plus any
# Unicode letter or digit (\w) for internationalised addresses.
_ATEXT = r"\w!\#$%&'*+/=?^`{|}~\-"
_DOTS = "." + _WORD_DOT

_EMAIL = re.compile(
    rf"""
    # The lookbehind means a candidate starts only where a run of address
    # characters starts, so each run is scanned once (linear time).
    (?<![{_ATEXT}{_DOTS}])
    (?P<local>[{_ATEXT}{_DOTS}]+)
    (?P<at>[@{_WEAK_AT}])
    (?P<domain>
        (?:[^\W_](?:[\w-]*[^\W_])?[{_DOTS}])+   # domain labels
        [^\W\d_]{{2,}}                          # top-level domain: letters
    )
    """,
    re.VERBOSE,
)

# A local part with one of these looks like a mailbox, not a word.
_MAILBOX_MARK = re.compile(f"[._+0-9{_WORD_DOT}-]")
_MAIL_PROVIDERS = frozenset(
    [
        "aol",
        "gmail",
        "gmx",
        "googlemail",
        "hotmail",
        "icloud",
        "jubii",
        "live",
        "mail",
        "me",
        "msn",
        "mynet",
        "ofir",
        "outlook",
        "proton",
        "protonmail",
        "yahoo",
        "yandex",
        "ymail",
    ]
)


def _plausible_weak_address(match: re.Match[str]) -> bool:
    """Whether an address written with a bare " at " is an address (step 2)."""
    domain = match.group("domain")
    first_label = re.split(f"[{_DOTS}]", domain, maxsplit=1)[0].lower()
    return (
        _MAILBOX_MARK.search(match.group("local")) is not None
        or _WORD_DOT in domain
        or first_label in _MAIL_PROVIDERS
    )


def _email_start(match: re.Match[str]) -> int | None:
    """Where the address in an e-mail match really starts.

    The run before "@" may hold text that is not part of the address, such
    as "mail...me@x.dk". A local part never contains ".." and never starts
    with ".", so the address starts after the last "..", with leading dots
    removed. Returns None if no local part is left.
    """
    local = match.group("local")
    cut = local.rfind("..")
    offset = cut + 2 if cut >= 0 else 0
    while offset < len(local) and local[offset] == ".":
        offset += 1
    if offset == len(local):
        return None
    return match.start("local") + offset


def _emails(text: str) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` of each e-mail address in canonical ``text``."""
    pos = 0
    while match := _EMAIL.search(text, pos):
        if match.group("at") == _WEAK_AT and not _plausible_weak_address(match):
            # Not an address; its domain may still start one.
            pos = match.start("at") + 1
            continue
        pos = match.end()
        start = _email_start(match)
        if start is not None:
            yield start, match.end()


# --- step 3: numbers --------------------------------------------------------

_SEP_CHARS = rf".\-(){_WORD_DOT}"
_SEP = rf"(?:/|(?=[ {_SEP_CHARS}])[ ]{{0,3}}[{_SEP_CHARS}]{{0,2}}[ ]{{0,3}})"
_RUN = re.compile(rf"(?<![0-9])(?P<plus>(?:\([ ]?)?\+[ ]?)?[0-9]+(?:{_SEP}[0-9]+)*")
_GROUP = re.compile("[0-9]+")

# A real day of a month, as DDMM. Any year is allowed, so 29 February is too.
_DDMM = re.compile(
    r"""
        (?:0[1-9]|[12][0-9]|3[01])(?:0[13578]|1[02])   # 31-day months
      | (?:0[1-9]|[12][0-9]|30)(?:0[469]|11)           # 30-day months
      | (?:0[1-9]|[12][0-9])02                         # February
    """,
    re.VERBOSE,
)

_CURRENCY_AFTER = re.compile(
    r"(?:,(?:-|[0-9]{2}))?[ ]?(?:(?:kr|dkk|kroner|eur|sek|nok|usd)\b|[€$£])|,-",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:\b(?:kr\.?|dkk|eur)|[€$£])[ ]?\Z", re.IGNORECASE)

_DATE_SEPS = frozenset(".-/")
_AMOUNT_SEPS = frozenset(". ")


@dataclass(frozen=True)
class _Run:
    """A run of digit groups in canonical text (step 3)."""

    text: str
    start: int  # where the run starts, its "+" or "(+" included
    plus: bool
    groups: list[tuple[int, int]]

    @property
    def size(self) -> int:
        return len(self.groups)

    def digits(self, i: int) -> str:
        start, end = self.groups[i]
        return self.text[start:end]

    def sep(self, i: int) -> str:
        """The separator between group ``i`` and group ``i + 1``."""
        return self.text[self.groups[i][1] : self.groups[i + 1][0]]

    def span(self, first: int, last: int, kind: str) -> Span:
        return self.groups[first][0], self.groups[last][1], kind


def _number_spans(text: str, begin: int, end: int) -> list[Span]:
    """Spans of CPR and phone numbers in canonical ``text[begin:end]``."""
    spans: list[Span] = []
    for match in _RUN.finditer(text, begin, end):
        groups = [g.span() for g in _GROUP.finditer(text, match.start(), match.end())]
        run = _Run(text, match.start(), match.group("plus") is not None, groups)
        digits = "".join(run.digits(i) for i in range(run.size))
        offsets = [0]
        for i in range(run.size):
            offsets.append(offsets[-1] + len(run.digits(i)))
        spans.extend(_classify(run, digits, offsets))
    return spans


def _classify(run: _Run, digits: str, offsets: list[int]) -> list[Span]:
    """Spans in one run: rules 1 to 5 of step 3 of the module docstring.

    ``digits`` are the run's digits, and ``offsets[i]`` is how many of them
    come before group ``i``.
    """
    first = 0
    spans: list[Span] = []
    international = _international_end(run, digits, offsets)
    if international is not None:
        spans.append((run.start, run.groups[international][1], "phone"))
        first = international + 1
    if first == run.size:
        return spans

    amounts = _amounts(run, first)
    if _kept_shape_end(run, first, first, amounts) == run.size - 1:
        return spans  # rule 2
    total = offsets[run.size] - offsets[first]
    if total == 10 and _DDMM.fullmatch(digits, offsets[first], offsets[first] + 4):
        return [*spans, run.span(first, run.size - 1, "cpr")]  # rule 3
    if total == 8:
        return [*spans, run.span(first, run.size - 1, "phone")]  # rule 4

    # Rule 5: cut at kept shapes, then remove every reading in each piece.
    piece = i = first
    while i < run.size:
        end = _kept_shape_end(run, i, first, amounts)
        if end is None:
            i += 1
            continue
        spans.extend(_piece_spans(run, digits, offsets, piece, i))
        piece = i = end + 1
    spans.extend(_piece_spans(run, digits, offsets, piece, run.size))
    return spans


def _international_end(run: _Run, digits: str, offsets: list[int]) -> int | None:
    """The last group of an international phone number (rule 1), or None."""
    if run.plus:
        prefix = 0
    elif digits.startswith("00") and digits[2:3] not in ("", "0"):
        prefix = 2
    else:
        return None
    end = None
    for i in range(run.size):
        count = offsets[i + 1] - prefix
        if count > 15:
            break
        if count >= 8:
            end = i
    return end


def _amounts(run: _Run, first: int) -> dict[int, int]:
    """Amounts in a run from group ``first``, as {first group: last group}.

    An amount ends the run with a currency after it, or starts the run with
    a currency before it (see "kept shapes" in the module docstring).
    """
    amounts: dict[int, int] = {}
    last = run.size - 1
    if last > first and _CURRENCY_AFTER.match(run.text, run.groups[last][1]):
        separator = run.sep(last - 1)
        head = last
        while (
            head > first
            and run.sep(head - 1) == separator
            and len(run.digits(head)) == 3
        ):
            head -= 1
        # The head is where the three-digit groups joined by ``separator``
        # stop. If it is joined to its left by ``separator`` too, the number
        # goes on past it and is not thousands-grouped.
        stands_apart = head == first or run.sep(head - 1) != separator
        if head < last and stands_apart and _thousands(run, head, last, separator):
            amounts[head] = last
    if first == 0 and not run.plus and last > first:
        window = run.text[max(0, run.start - 5) : run.start]
        if _CURRENCY_BEFORE.search(window):
            separator = run.sep(first)
            end = first
            while (
                end < last
                and run.sep(end) == separator
                and len(run.digits(end + 1)) == 3
            ):
                end += 1
            stands_apart = end == last or run.sep(end) != separator
            if end > first and stands_apart and _thousands(run, first, end, separator):
                amounts.setdefault(first, end)
    return amounts


def _thousands(run: _Run, first: int, last: int, separator: str) -> bool:
    """Whether groups ``first..last`` are a thousands-grouped number."""
    head = run.digits(first)
    return (
        separator in _AMOUNT_SEPS
        and 1 <= len(head) <= 3
        and head[0] != "0"
        and all(len(run.digits(i)) == 3 for i in range(first + 1, last + 1))
    )


def _kept_shape_end(
    run: _Run, i: int, first: int, amounts: dict[int, int]
) -> int | None:
    """The last group of a kept shape starting at group ``i``, or None.

    Groups before ``first`` belong to an international number and do not
    count as neighbours.
    """
    if i in amounts:
        return amounts[i]
    for size, is_shape in ((3, _is_date), (4, _is_time_range), (2, _is_year_range)):
        last = i + size - 1
        if last >= run.size:
            continue
        if not is_shape(run, i):
            continue
        inner = {run.sep(k) for k in range(i, last)}
        before = run.sep(i - 1) if i > first else None
        after = run.sep(last) if last < run.size - 1 else None
        if before not in inner and after not in inner:
            return last
    return None


def _is_date(run: _Run, i: int) -> bool:
    """Whether groups ``i..i+2`` are day.month.year or year-month-day."""
    separator = run.sep(i)
    if separator not in _DATE_SEPS or run.sep(i + 1) != separator:
        return False
    first, middle, last = run.digits(i), run.digits(i + 1), run.digits(i + 2)
    if len(first) == 4:
        first, last = last, first
    return (
        len(first) <= 2
        and len(middle) <= 2
        and len(last) == 4
        and 1 <= int(first) <= 31
        and 1 <= int(middle) <= 12
        and 1900 <= int(last) <= 2099
    )


def _is_time_range(run: _Run, i: int) -> bool:
    """Whether groups ``i..i+3`` are hh.mm-hh.mm."""
    hours = run.digits(i), run.digits(i + 2)
    minutes = run.digits(i + 1), run.digits(i + 3)
    return (
        run.sep(i) == run.sep(i + 2) == "."
        and run.sep(i + 1).strip(" ") == "-"
        and all(len(h) <= 2 and int(h) <= 24 for h in hours)
        and all(len(m) == 2 and int(m) <= 59 for m in minutes)
    )


def _is_year_range(run: _Run, i: int) -> bool:
    """Whether groups ``i`` and ``i+1`` are two years, the second later."""
    start, end = run.digits(i), run.digits(i + 1)
    return (
        run.sep(i).strip(" ") in ("-", "/")
        and len(start) == len(end) == 4
        and 1900 <= int(start) < int(end) <= 2099
    )


def _piece_spans(
    run: _Run, digits: str, offsets: list[int], first: int, stop: int
) -> list[Span]:
    """Spans of readings in groups ``first..stop-1`` (rule 5)."""
    readings: list[Span] = []  # (first group, last group, kind), by first group
    for a in range(first, stop):
        for b in range(a, stop):
            total = offsets[b + 1] - offsets[a]
            if total > 11:
                break
            start = offsets[a]
            if total == 10 and _DDMM.fullmatch(digits, start, start + 4):
                readings.append((a, b, "cpr"))
            elif total == 8 or (
                total >= 9
                and b - a >= 2
                and digits[start] == "0"
                and digits[start + 1] != "0"
            ):
                readings.append((a, b, "phone"))

    spans: list[Span] = []
    i = 0
    while i < len(readings):
        cluster_first, cluster_last = readings[i][0], readings[i][1]
        j = i + 1
        while j < len(readings) and readings[j][0] <= cluster_last:
            cluster_last = max(cluster_last, readings[j][1])
            j += 1
        spans.extend(_tile(run, readings[i:j], cluster_first, cluster_last))
        i = j
    return spans


def _tile(run: _Run, readings: list[Span], first: int, last: int) -> list[Span]:
    """Spans for overlapping readings that together cover groups first..last.

    One span per reading if the fewest non-overlapping readings cover the
    groups exactly; otherwise one span for them all.
    """
    # best[g] = (readings used, last reading) to cover first..g-1 exactly.
    best: dict[int, tuple[int, Span | None]] = {first: (0, None)}
    for reading in readings:  # ordered by first group, so best[a] is final
        a, b, _kind = reading
        if a in best:
            used = best[a][0] + 1
            if b + 1 not in best or used < best[b + 1][0]:
                best[b + 1] = (used, reading)
    if last + 1 not in best:
        kind = "cpr" if any(kind == "cpr" for _a, _b, kind in readings) else "phone"
        return [run.span(first, last, kind)]
    tiles: list[Span] = []
    end = last + 1
    while (reading := best[end][1]) is not None:  # only best[first] has none
        tiles.append(run.span(*reading))
        end = reading[0]
    return tiles[::-1]


# --- the public API ---------------------------------------------------------


@dataclass(frozen=True)
class ScrubResult:
    """The outcome of scrubbing one text.

    ``text`` is the text with placeholders in place of personal data.
    ``found`` holds the kinds that were redacted ("cpr", "phone", "email"),
    each once, in order of first appearance.
    """

    text: str
    found: tuple[str, ...]


def _detect(text: str) -> list[Span]:
    """Find personal data in ``text``.

    Returns ``(start, end, kind)`` spans in the original text's coordinates,
    in order and not overlapping.
    """
    canonical = _canonical(text)
    spans: list[Span] = []
    last = 0
    for start, end in _emails(canonical.text):
        spans.extend(_number_spans(canonical.text, last, start))
        spans.append((start, end, "email"))
        last = end
    spans.extend(_number_spans(canonical.text, last, len(canonical.text)))
    return [(*canonical.original(start, end), kind) for start, end, kind in spans]


def find_pii(text: str) -> list[str]:
    """Return the kinds of personal data still detectable in ``text``.

    Takes any text. Returns one entry ("cpr", "phone" or "email") per match,
    in text order. An empty list means that nothing was found.
    """
    return [kind for _start, _end, kind in _detect(text)]


def scrub(text: str) -> ScrubResult:
    """Replace personal data in a free-text answer with placeholders.

    Takes the answer as typed. Returns a ``ScrubResult`` with the redacted
    text and the kinds that were found. The result always satisfies
    ``find_pii(result.text) == []``.
    """
    found: list[str] = []
    current = text
    # One pass finds everything as far as we know. The loop is a safety net: if
    # a replacement ever made a new match, the next pass would catch it. Every
    # match holds a digit or a written-out "@". Placeholders hold neither and
    # cannot complete one (they hold no space, and their brackets enclose only
    # their own name), so each pass leaves fewer of them and the loop ends.
    while spans := _detect(current):
        pieces: list[str] = []
        last = 0
        for start, end, kind in spans:
            pieces.append(current[last:start])
            pieces.append(PLACEHOLDERS[kind])
            last = end
            if kind not in found:
                found.append(kind)
        pieces.append(current[last:])
        current = "".join(pieces)
    return ScrubResult(text=current, found=tuple(found))
