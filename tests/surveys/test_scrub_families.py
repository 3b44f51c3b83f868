"""Family tests for the free-text scrubber (surveys.scrub): TESTPLAN item T03.

test_scrub.py holds the named cases and the first properties. This file
generates whole families, the way an attacker test would: CPR numbers in any
grouping, Danish phone numbers in any grouping with or without +45/0045,
foreign numbers with any country code, written-out e-mail addresses, each in
any Unicode digit system with RTL marks between its characters. It also
generates the ordinary numbers the scrubber must keep: years, year ranges,
prices, dates, times, ages, counts and addresses.

Each generated item is fenced off from the filler as in test_scrub.py (by a
separator holding "," or ";"), so the properties are exact: the item becomes
one placeholder, or stays unchanged, and the filler is scrubbed as it would
be on its own.

A few generated shapes are genuinely the same as a kept shape (a phone number
written 20-11-1985 is a date); the generators skip exactly those, with the
rule from the module docstring of surveys/scrub.py that decides it.
"""

import datetime
import re
import unicodedata

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from surveys.scrub import ScrubResult, find_pii, scrub
from tests.surveys.test_scrub import PLACEHOLDER, RTL_MARKS, SEPARATORS, filler

EXAMPLES = settings(max_examples=100, deadline=None)

# Digit systems a respondent's keyboard or phone may produce. The first seven
# are Unicode decimal digits; the rest have a digit value but no decimal
# value (superscripts and the like), and the scrubber reads them too.
DIGIT_SYSTEMS = [
    "0123456789",
    "٠١٢٣٤٥٦٧٨٩",  # Arabic-Indic
    "۰۱۲۳۴۵۶۷۸۹",  # Extended Arabic-Indic (Persian, Urdu)
    "０１２３４５６７８９",  # full-width
    "०१२३४५६७८९",  # Devanagari
    "๐๑๒๓๔๕๖๗๘๙",  # Thai
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",  # mathematical bold
    "⁰¹²³⁴⁵⁶⁷⁸⁹",  # superscripts
    "₀₁₂₃₄₅₆₇₈₉",  # subscripts
    "⓪①②③④⑤⑥⑦⑧⑨",  # circled
]

# Look-alikes the scrubber folds: (ASCII, stand-ins).
SPACE_LIKE = [" ", "\u00a0", "\u2009", "\u202f", "\u3000"]
HYPHEN_LIKE = ["-", "\u2013", "\u2012", "\u2212", "\uff0d"]
DOT_LIKE = [".", "\uff0e"]

PROVIDERS = ["gmail", "hotmail", "outlook", "yahoo", "icloud"]


def ascii_digits(text: str) -> str:
    """The digits in ``text``, in any script, as ASCII."""
    return "".join(
        str(unicodedata.digit(ch))
        for ch in text
        if unicodedata.digit(ch, None) is not None
    )


# --- rendering: digit systems, look-alikes and RTL marks --------------------


@st.composite
def rendered(draw: st.DrawFn, text: str) -> str:
    """``text`` (ASCII) with its digits in one or several Unicode digit
    systems, its spaces, hyphens and dots as look-alikes, and RTL marks
    between some of its characters."""
    mixed = draw(st.booleans())
    system = draw(st.sampled_from(DIGIT_SYSTEMS))
    chars: list[str] = []
    for index, char in enumerate(text):
        if index and draw(st.integers(0, 5)) == 0:
            chars.append(draw(st.sampled_from(RTL_MARKS)))
        if char.isdigit():
            if mixed:
                system = draw(st.sampled_from(DIGIT_SYSTEMS))
            chars.append(system[int(char)])
        elif char == " ":
            chars.append(draw(st.sampled_from(SPACE_LIKE)))
        elif char == "-":
            chars.append(draw(st.sampled_from(HYPHEN_LIKE)))
        elif char == ".":
            chars.append(draw(st.sampled_from(DOT_LIKE)))
        else:
            chars.append(char)
    return "".join(chars)


# --- digit groups and separators --------------------------------------------


@st.composite
def separator(draw: st.DrawFn) -> str:
    """A separator between digit groups, in the scrubber's canonical form:
    up to three spaces, up to two of . - ( ), up to three spaces; or a bare
    slash. Several at once and mixed ones included."""
    if draw(st.integers(0, 6)) == 0:
        return "/"
    punctuation = draw(
        st.sampled_from(["", ".", "-", "..", "--", ".-", "-.", "(", ")", ")-", "-("])
    )
    before = draw(st.integers(0, 3))
    after = draw(st.integers(0 if punctuation else 1, 3))
    return " " * before + punctuation + " " * after


@st.composite
def grouped(draw: st.DrawFn, digits: str) -> tuple[list[str], list[str]]:
    """``digits`` cut into groups at random places, with a random separator
    at each cut. Returns (groups, separators)."""
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1))))
    bounds = [0, *cuts, len(digits)]
    groups = [digits[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    separators = [draw(separator()) for _ in cuts]
    return groups, separators


def joined(groups: list[str], separators: list[str]) -> str:
    return groups[0] + "".join(
        s + g for s, g in zip(separators, groups[1:], strict=True)
    )


def canonical_separator(text: str) -> str:
    """A separator as the scrubber compares it: spaces before a dot fold
    into the dot (" ." and " . " are written-out dots)."""
    return re.sub(r" +\. *", "\ue001", text)


def is_kept_shape(groups: list[str], separators: list[str]) -> bool:
    """Whether a whole run is a date, year range, time range or amount, by
    the rules of surveys/scrub.py's module docstring (a generated phone or
    CPR number in such a shape is kept by design)."""
    seps = [canonical_separator(s) for s in separators]
    sizes = [len(g) for g in groups]
    values = [int(g) for g in groups]
    if len(groups) == 3 and seps[0] == seps[1] and seps[0] in (".", "-", "/"):
        day, month, year = values if sizes[2] == 4 else values[::-1]
        small = sizes[:2] if sizes[2] == 4 else sizes[1:]
        if (
            4 in (sizes[0], sizes[2])
            and max(small) <= 2
            and 1 <= day <= 31
            and 1 <= month <= 12
            and 1900 <= year <= 2099
        ):
            return True
    if len(groups) == 2 and sizes == [4, 4] and seps[0].strip(" ") in ("-", "/"):
        return 1900 <= values[0] < values[1] <= 2099
    if (
        len(groups) == 4
        and seps[0] == seps[2] == "."
        and seps[1].strip(" ") == "-"
        and sizes[1] == sizes[3] == 2
        and max(sizes[0], sizes[2]) <= 2
    ):
        return max(values[0], values[2]) <= 24 and max(values[1], values[3]) <= 59
    # A thousands-grouped number is an amount when a currency follows, and
    # the filler after the fence may start with "-" (",-") or "kr".
    return (
        len(groups) >= 2
        and len(set(seps)) == 1
        and seps[0] in (".", " ")
        and sizes[0] <= 3
        and groups[0][0] != "0"
        and all(size == 3 for size in sizes[1:])
    )


# --- the families -----------------------------------------------------------


@st.composite
def ddmmyy(draw: st.DrawFn) -> str:
    """A real day as DDMMYY (29 February in any year, as the scrubber allows)."""
    if draw(st.integers(0, 9)) == 0:
        return f"2902{draw(st.integers(0, 99)):02d}"
    day = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)))
    return day.strftime("%d%m%y")


@st.composite
def cpr_family(draw: st.DrawFn) -> str:
    """A CPR number cut into any groups with any separators."""
    digits = draw(ddmmyy()) + f"{draw(st.integers(0, 9999)):04d}"
    groups, separators = draw(grouped(digits))
    assume(not is_kept_shape(groups, separators))
    return joined(groups, separators)


@st.composite
def danish_phone_family(draw: st.DrawFn) -> str:
    """A Danish phone number (8 digits) in any grouping, with or without a
    +45 / 0045 / (+45) prefix."""
    digits = f"{draw(st.integers(0, 10**8 - 1)):08d}"
    groups, separators = draw(grouped(digits))
    body = joined(groups, separators)
    prefix = draw(
        st.sampled_from(["", "+45", "+ 45", "0045", "00 45", "(+45)", "( +45)"])
    )
    if not prefix:
        assume(not is_kept_shape(groups, separators))
        return body
    if prefix.endswith(")"):
        return prefix + draw(st.sampled_from(["", " ", "  ", "-", "."])) + body
    return prefix + draw(st.one_of(st.just(""), separator())) + body


@st.composite
def foreign_phone_family(draw: st.DrawFn) -> str:
    """A number with any country code (1-3 digits, written +cc, 00cc or
    (+cc)) and 7-12 national digits in any grouping, sometimes with a
    "(0)" trunk digit as in "+44 (0)20 ..."."""
    code = str(draw(st.integers(1, 999)))
    national = "".join(
        str(draw(st.integers(0, 9))) for _ in range(draw(st.integers(7, 12)))
    )
    groups, separators = draw(grouped(national))
    body = joined(groups, separators)
    style = draw(st.sampled_from(["+{}", "+ {}", "00{}", "00 {}", "(+{})", "\uff0b{}"]))
    prefix = style.format(code)
    if prefix.endswith(")"):
        return prefix + draw(st.sampled_from(["", " ", "-", "."])) + body
    if len(code) + len(national) < 15 and draw(st.booleans()):
        # Country codes 1-3 digits, trunk digit and number: at most 15.
        return prefix + " (0)" + draw(st.sampled_from(["", " "])) + body
    return prefix + draw(st.one_of(st.just(""), separator())) + body


LOCAL_CHARS = "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789æøåçşğüöıйжїعلیأ"
LABEL_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789øå"
STRONG_ATS = [
    "@",
    " @ ",
    "@ ",
    " @",
    "(at)",
    " (at) ",
    "[at]",
    " [ at ] ",
    "{at}",
    "<at>",
    " (AT) ",
    "(@)",
    " snabel-a ",
    " snabel a ",
    " Snabela ",
    " (snabel-a) ",
    "[snabel-a]",
]
WORD_DOTS = [
    " dot ",
    " DOT ",
    "(dot)",
    " (dot) ",
    "[dot]",
    " punktum ",
    " prik ",
    "(.)",
    " [.] ",
    " .",
    " . ",
]


@st.composite
def email_family(draw: st.DrawFn) -> str:
    """An e-mail address with its "@" and dots written out in Danish or
    English, bracketed or not, or written plainly."""
    segment = st.text(alphabet=LOCAL_CHARS, min_size=1, max_size=8)
    local_parts = draw(st.lists(segment, min_size=1, max_size=3))
    local_dots = st.sampled_from([".", ".", *WORD_DOTS])
    local = local_parts[0] + "".join(draw(local_dots) + p for p in local_parts[1:])
    if draw(st.booleans()):
        local += draw(st.sampled_from(["+", "_", "-"])) + draw(segment)

    label = st.text(alphabet=LABEL_CHARS, min_size=1, max_size=8)
    labels = draw(st.lists(label, min_size=1, max_size=2))
    if draw(st.integers(0, 3)) == 0:
        labels[0] = draw(st.sampled_from(PROVIDERS))
    tld = draw(st.sampled_from(["dk", "com", "org", "co.uk", "com.tr", "se", "рф"]))
    domain_dots = st.sampled_from([".", ".", *WORD_DOTS])
    parts = [*labels, *tld.split(".")]
    dots = [draw(domain_dots) for _ in parts[1:]]
    domain = parts[0] + "".join(d + p for d, p in zip(dots, parts[1:], strict=True))

    weak = draw(st.integers(0, 3)) == 0
    if weak:
        # A bare " at " counts only with more evidence (module docstring).
        evidence = (
            re.search(r"[._+\-0-9]| dot | punktum | prik |\(|\[| \.", local)
            or any(d != "." for d in dots)
            or labels[0] in PROVIDERS
        )
        assume(evidence)
        at = draw(st.sampled_from([" at ", " AT ", "  at  "]))
    else:
        at = draw(st.sampled_from(STRONG_ATS))
    return local + at + domain


# --- PII properties ---------------------------------------------------------

FENCE = st.sampled_from(SEPARATORS)

FAMILIES = {
    "cpr": ("cpr", cpr_family()),
    "danish-phone": ("phone", danish_phone_family()),
    "foreign-phone": ("phone", foreign_phone_family()),
    "email": ("email", email_family()),
}


def assert_removed_exactly(
    kind: str, item: str, left: str, right: str, fence: str
) -> None:
    """The item, alone or fenced in filler, becomes exactly its placeholder."""
    alone = scrub(item)
    assert alone == ScrubResult(text=PLACEHOLDER[kind], found=(kind,)), item
    assert ascii_digits(alone.text) == ""  # no digit of the item survives

    text = left + fence + item + fence + right
    result = scrub(text)
    assert find_pii(result.text) == []
    assert result.text == (
        scrub(left).text + fence + PLACEHOLDER[kind] + fence + scrub(right).text
    )
    assert kind in result.found


@EXAMPLES
@given(item=cpr_family().flatmap(rendered), left=filler, right=filler, fence=FENCE)
def test_cpr_family_is_removed(item: str, left: str, right: str, fence: str) -> None:
    assert_removed_exactly("cpr", item, left, right, fence)


@EXAMPLES
@given(
    item=danish_phone_family().flatmap(rendered), left=filler, right=filler, fence=FENCE
)
def test_danish_phone_family_is_removed(
    item: str, left: str, right: str, fence: str
) -> None:
    assert_removed_exactly("phone", item, left, right, fence)


@EXAMPLES
@given(
    item=foreign_phone_family().flatmap(rendered),
    left=filler,
    right=filler,
    fence=FENCE,
)
def test_foreign_phone_family_is_removed(
    item: str, left: str, right: str, fence: str
) -> None:
    assert_removed_exactly("phone", item, left, right, fence)


@EXAMPLES
@given(item=email_family().flatmap(rendered), left=filler, right=filler, fence=FENCE)
def test_email_family_is_removed(item: str, left: str, right: str, fence: str) -> None:
    assert_removed_exactly("email", item, left, right, fence)


# Each example draws several items, so fewer examples cover as much.
@settings(max_examples=100, deadline=None)
@given(
    items=st.lists(st.sampled_from(list(FAMILIES)), min_size=2, max_size=4),
    data=st.data(),
)
def test_mixed_families_in_one_answer(items: list[str], data: st.DataObject) -> None:
    drawn = [
        (FAMILIES[f][0], data.draw(FAMILIES[f][1].flatmap(rendered))) for f in items
    ]
    text = "Hej; " + " ; og ".join(item for _kind, item in drawn) + "; tak"
    result = scrub(text)
    assert find_pii(result.text) == []
    assert (
        result.text
        == "Hej; " + " ; og ".join(PLACEHOLDER[k] for k, _ in drawn) + "; tak"
    )
    assert result.found == tuple(dict.fromkeys(kind for kind, _item in drawn))


# --- ordinary numbers are kept ----------------------------------------------

TOWNS = ["Aalborg", "Aarhus C", "København NV", "Odense", "Vejle Øst"]
STREETS = ["Vesterbro", "Boulevarden", "Nørregade", "Sønder Allé", "Hasserisvej"]


def dotted(amount: int) -> str:
    """1234567 -> "1.234.567", as Danish prices are written."""
    return f"{amount:,}".replace(",", ".")


@st.composite
def kept_number(draw: st.DrawFn) -> str:
    """A sentence with a number that is not personal data."""
    kind = draw(
        st.sampled_from(
            ["year", "range", "price", "date", "time", "age", "address", "mixed"]
        )
    )
    year = draw(st.integers(1900, 2099))
    if kind == "year":
        return draw(
            st.sampled_from(["I came in {}", "Jeg kom i {}.", "Siden {} har"])
        ).format(year)
    if kind == "range":
        start = draw(st.integers(1900, 2098))
        end = draw(st.integers(start + 1, 2099))
        joiner = draw(st.sampled_from(["-", "\u2013", " - ", "/", " \u2013 "]))
        return f"Jeg boede der {start}{joiner}{end}."
    if kind == "price":
        amount = draw(st.integers(0, 10**10))
        small = draw(st.integers(0, 9_999_999))  # a glued amount of 8 digits is a phone
        return draw(
            st.sampled_from(
                [
                    f"Det koster {small} kr",
                    f"Det koster {small} kr.",
                    f"Huslejen er {dotted(amount)} kr.",
                    f"Huslejen er {dotted(amount)},00 kr",
                    f"Lånet er {dotted(amount)},-",
                    f"Lånet er kr. {dotted(amount)}",
                    f"Budgettet er DKK {dotted(amount)}",
                    f"Budgettet er {dotted(amount)} DKK",
                    f"Billetten kostede {small},50 kr",
                ]
            )
        )
    if kind == "date":
        day = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)))
        sep = draw(st.sampled_from([".", "/", "-"]))
        if draw(st.booleans()):
            return f"Mødet var {day.year}{sep}{day.month:02d}{sep}{day.day:02d}."
        d = f"{day.day:02d}" if draw(st.booleans()) else str(day.day)
        m = f"{day.month:02d}" if draw(st.booleans()) else str(day.month)
        return f"Mødet var {d}{sep}{m}{sep}{day.year}."
    if kind == "time":
        h1, h2 = draw(st.integers(0, 23)), draw(st.integers(0, 23))
        m1, m2 = draw(st.integers(0, 59)), draw(st.integers(0, 59))
        dash = draw(st.sampled_from(["-", " - ", "\u2013"]))
        return draw(
            st.sampled_from(
                [
                    f"Vi mødes kl. {h1}.{m1:02d}",
                    f"Åbent {h1:02d}.{m1:02d}{dash}{h2:02d}.{m2:02d}",
                    f"Åbent {h1}.{m1:02d}{dash}{h2}.{m2:02d} hver dag",
                ]
            )
        )
    if kind == "age":
        count = draw(st.integers(0, 120))
        return draw(
            st.sampled_from(
                [f"Jeg er {count} år", f"Vi har {count} børn", f"{count} år"]
            )
        )
    if kind == "address":
        street, town = draw(st.sampled_from(STREETS)), draw(st.sampled_from(TOWNS))
        house = f"{draw(st.integers(1, 299))}{draw(st.sampled_from(['', 'A', 'B']))}"
        postcode = draw(st.integers(1000, 9990))
        floor = draw(st.sampled_from(["", ", 2. tv", ", st. th."]))
        comma = draw(st.sampled_from([",", ""])) if not floor else ","
        return f"{street} {house}{floor}{comma} {postcode} {town}"
    # Several kept shapes next to each other in one run.
    day = draw(st.dates(datetime.date(1900, 1, 1), datetime.date(2099, 12, 31)))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    return f"Den {day:%d.%m.%Y} {hour:02d}.{minute:02d}"


@EXAMPLES
@given(
    sentences=st.lists(kept_number(), min_size=1, max_size=5),
    joiner=st.sampled_from([", ", "; ", " og ", ". Og ", " و ", " / "]),
    left=filler,
    right=filler,
    fence=st.sampled_from(SEPARATORS),
)
def test_ordinary_numbers_are_kept(
    sentences: list[str], joiner: str, left: str, right: str, fence: str
) -> None:
    kept = joiner.join(sentences)
    assert scrub(kept) == ScrubResult(text=kept, found=())
    text = left + fence + kept + fence + right
    assert (
        scrub(text).text == scrub(left).text + fence + kept + fence + scrub(right).text
    )


@EXAMPLES
@given(sentence=kept_number().flatmap(rendered))
def test_ordinary_numbers_are_kept_in_any_script(sentence: str) -> None:
    assert scrub(sentence) == ScrubResult(text=sentence, found=())
