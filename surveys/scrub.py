"""The personal-data scrubber for free-text survey answers.

Respondents sometimes write their CPR number, phone number or e-mail address
into a free-text answer ("call me on 12 34 56 78"). Medborger promises
anonymous answers, so every free-text answer is passed through ``scrub()``
before it is saved. Each match is replaced with a placeholder: ``[CPR]``,
``[PHONE]`` or ``[EMAIL]``. ``find_pii()`` is the detector that ``scrub()``
uses, and the tests run it on scrubbed text to show that nothing is left.

What is detected:

- CPR numbers: ``DDMMYY-SSSS``, ``DDMMYYSSSS`` and ``DDMMYY SSSS``, where
  DDMM is a real day of that month (29 February is always allowed, because
  the year's century is not known). The modulus-11 check is not used, because
  CPR numbers issued since 2007 need not pass it.
- Danish phone numbers: 8 digits written as ``12345678``, ``12 34 56 78``
  (the same separator each time: space, dot or hyphen) or ``1234 5678``.
  The number may start with ``+45``, ``0045`` or ``(+45)``, with an optional
  separator after it. The scrubber errs on the side of privacy, so any
  standalone run of 8 digits counts as a phone, even one that could be a
  date like ``01012023``. One shape is let through: two years joined by a
  hyphen (``2019-2023``, both 1900-2099), because year ranges are common in
  answers and are not written like phone numbers.
- E-mail addresses, including Unicode local parts, internationalised domains
  and subdomains.

Numbers that are not personal data are kept: years, prices (``250 kr.``,
``1.500,00 kr``), ages, dates written with separators (``01.02.2023``,
``2023-02-01``), clock times (``10.00-16.00``), and digit runs of any other
length. A match never starts or ends inside a longer run of digits, so an
11-digit reference number is kept whole, not partly eaten.

Matching works on a folded copy of the text, and the replacements are made
in the original text:

- Any Unicode decimal digit counts as its ASCII digit. This covers the
  Arabic-Indic (U+0660-0669) and Extended Arabic-Indic/Persian
  (U+06F0-06F9) digits used by many respondents, and also full-width and
  other script digits.
- Invisible formatting marks are ignored: direction marks (U+200E, U+200F,
  U+061C), embeddings and isolates (U+202A-202E, U+2066-2069), and
  zero-width characters and the soft hyphen. These often end up between
  digits in right-to-left text. A placeholder replaces every original
  character of the match, marks included.
- Other space characters (such as the no-break space) count as a space, and
  Unicode dashes and the minus sign count as a hyphen. A line break is not
  a phone separator.

Every pattern runs in linear time. There are no nested quantifiers that
could backtrack catastrophically, and each candidate e-mail is scanned from
the start of its run of address characters only.

This module is pure Python and does not import Django.
"""

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ScrubResult", "find_pii", "scrub"]

PLACEHOLDERS: dict[str, str] = {"cpr": "[CPR]", "phone": "[PHONE]", "email": "[EMAIL]"}

# Zero-width formatting characters that RTL text (and copy-paste from phones)
# scatters between digits. They are dropped from the folded copy only.
_INVISIBLE_CHARS = (
    "\u00ad\u061c\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
    "\u2066\u2067\u2068\u2069\ufeff"
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_VISIBLE_RUN = re.compile(f"[^{_INVISIBLE_CHARS}]+")

# One-to-one look-alikes. Keeping the mapping one-to-one keeps positions in the
# folded copy the same as in the original.
_LOOKALIKES = {
    # Hyphens, dashes and minus signs.
    **dict.fromkeys(
        "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"
    ),
    # Space separators (Unicode category Zs), and the tab.
    **dict.fromkeys(
        "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
        "\u2008\u2009\u200a\u202f\u205f\u3000",
        " ",
    ),
    "\uff0b": "+",
    "\ufe62": "+",
    "\uff20": "@",
    "\ufe6b": "@",
    "\uff0e": ".",
    "\uff08": "(",
    "\uff09": ")",
}
_LOOKALIKE_TABLE = str.maketrans(_LOOKALIKES)

# Any Unicode decimal digit (category Nd) that is not an ASCII digit.
_OTHER_DIGIT = re.compile(r"[^\D0-9]")


def _ascii_digit(match: re.Match[str]) -> str:
    """The ASCII digit with the same value as the matched Unicode digit."""
    return str(unicodedata.decimal(match.group()))


def _fold(text: str) -> str:
    """Return ``text`` with digits, spaces and look-alikes in ASCII form.

    The result has the same length as ``text``, character for character.
    """
    if not text.isascii():
        text = _OTHER_DIGIT.sub(_ascii_digit, text)
    return text.translate(_LOOKALIKE_TABLE)


# A real day of a month, as DDMM. Any year is allowed, so 29 February is too.
_DDMM = r"""
    (?:
        (?:0[1-9]|[12][0-9]|3[01])(?:0[13578]|1[02])   # 31-day months
      | (?:0[1-9]|[12][0-9]|30)(?:0[469]|11)           # 30-day months
      | (?:0[1-9]|[12][0-9])02                         # February
    )
"""

# RFC 5322 "atext": what may appear in an unquoted local part, plus any
# Unicode letter or digit (\w) for internationalised addresses.
_ATEXT = r"\w!\#$%&'*+/=?^`{|}~\-"

_PII = re.compile(
    rf"""
    # E-mail. The lookbehind means a candidate starts only where a run of
    # address characters starts, so each run is scanned once (linear time).
    (?<![{_ATEXT}.])
    (?P<email>
        (?P<local>[{_ATEXT}.]+)
        @
        (?:[^\W_](?:[\w-]*[^\W_])?\.)+      # domain labels
        [^\W\d_]{{2,}}                      # top-level domain: letters
    )
  | (?<![0-9])
    (?P<cpr>
        {_DDMM} [0-9]{{2}} [ -]? [0-9]{{4}}
    )
    (?![0-9])
  | (?<![0-9])
    (?P<phone>
        (?:
            (?:\(\+45\)|\+45|0045) [ .-]?
          | (?!(?:19|20)[0-9]{{2}}-(?:19|20)[0-9]{{2}}(?![0-9]))  # year range
        )
        (?:
            [0-9]{{8}}
          | [0-9]{{2}} (?P<sep>[ .-]) [0-9]{{2}} (?P=sep) [0-9]{{2}} (?P=sep) [0-9]{{2}}
          | [0-9]{{4}} [ .-] [0-9]{{4}}
        )
    )
    (?![0-9])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class ScrubResult:
    """The outcome of scrubbing one text.

    ``text`` is the text with placeholders in place of personal data.
    ``found`` holds the kinds that were redacted ("cpr", "phone", "email"),
    each once, in order of first appearance.
    """

    text: str
    found: tuple[str, ...]


def _email_start(match: re.Match[str]) -> int | None:
    """Where the address in an e-mail match really starts, in folded coords.

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


def _detect(text: str) -> list[tuple[int, int, str]]:
    """Find personal data in ``text``.

    Returns ``(start, end, kind)`` spans in the original text's coordinates,
    in order and not overlapping.
    """
    folded = _fold(text)
    positions: list[int] | None = None
    if _INVISIBLE.search(folded):
        parts: list[str] = []
        positions = []
        for run in _VISIBLE_RUN.finditer(folded):
            parts.append(run.group())
            positions.extend(range(run.start(), run.end()))
        folded = "".join(parts)

    spans = _folded_spans(folded, 0, len(folded))
    if positions is not None:
        spans = [
            (positions[start], positions[end - 1] + 1, kind)
            for start, end, kind in spans
        ]
    return spans


def _folded_spans(folded: str, begin: int, stop: int) -> list[tuple[int, int, str]]:
    """Find ``(start, end, kind)`` spans in ``folded[begin:stop]``."""
    spans: list[tuple[int, int, str]] = []
    for match in _PII.finditer(folded, begin, stop):
        if match.start("email") >= 0:
            start = _email_start(match)
            if start is None:
                continue
            if start > match.start():
                # The part trimmed off the front is not address, but may
                # still hold a number ("0101901234..me@x.dk"). It has no "@",
                # so this recursion finds numbers only and goes one deep.
                spans.extend(_folded_spans(folded, match.start(), start))
            spans.append((start, match.end(), "email"))
        else:
            kind = "cpr" if match.start("cpr") >= 0 else "phone"
            spans.append((match.start(), match.end(), kind))
    return spans


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
    # a replacement ever made a new match, the next pass would catch it. Each
    # pass removes at least one digit or "@", and placeholders contain
    # neither, so the loop ends.
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
