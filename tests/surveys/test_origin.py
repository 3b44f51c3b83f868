"""Tests for the origin category rule (surveys.origin), from data/README.md.

Each edge case in the README's "Statistics Denmark's origin categories"
section is one named case below. The hypothesis tests check that the
function is total and that its main invariants hold.
"""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from surveys.origin import CountryGroup, Origin, derive_country_group, derive_origin

CODES = ["yes", "no", "dk", None]

DANISH, IMMIGRANT = Origin.DANISH, Origin.IMMIGRANT
DESCENDANT, UNKNOWN = Origin.DESCENDANT, Origin.UNKNOWN


def case(
    born: str | None,
    mother: str | None,
    father: str | None,
    citizen: str | None,
    expected: Origin,
    why: str,
) -> object:
    """One row of the decision table, with an id saying why it holds."""
    return pytest.param(born, mother, father, citizen, expected, id=why)


# The README's edge cases. Columns: born_in_denmark, mother_danish,
# father_danish, citizen, expected origin, and an id that says why.
# fmt: off
ORIGIN_CASES = [
    # Danish origin: at least one parent is both born in DK and a citizen.
    # Where the person was born does not matter.
    case("yes", "yes", "yes", "yes", DANISH, "danish-both-parents-danish"),
    case("yes", "yes", "no",  "yes", DANISH, "danish-only-mother-danish"),
    case("yes", "no",  "yes", "yes", DANISH, "danish-only-father-danish"),
    case("no",  "yes", "no",  "yes", DANISH, "danish-born-abroad-mother-danish"),
    case("no",  "no",  "yes", "no",  DANISH,
         "danish-born-abroad-father-danish-foreign-citizen"),
    case("dk",  "yes", "dk",  None,  DANISH, "danish-birthplace-unknown-mother-danish"),
    case(None,  None,  "yes", None,  DANISH, "danish-only-father-answered"),
    case("yes", "dk",  "yes", "dk",  DANISH, "danish-one-parent-yes-other-dont-know"),
    # Immigrant: born abroad, and neither parent is both.
    case("no",  "no",  "no",  "no",  IMMIGRANT, "immigrant-both-parents-not-danish"),
    case("no",  "no",  "no",  "yes", IMMIGRANT, "immigrant-now-danish-citizen"),
    case("no",  "no",  "dk",  None,  IMMIGRANT,
         "immigrant-mother-no-father-dont-know"),
    case("no",  None,  "no",  "no",  IMMIGRANT,
         "immigrant-father-no-mother-unanswered"),
    # Born abroad with nothing known of the parents also counts as immigrant.
    case("no",  "dk",  "dk",  "no",  IMMIGRANT, "immigrant-parents-dont-know"),
    case("no",  None,  None,  None,  IMMIGRANT, "immigrant-parents-unanswered"),
    case("no",  "dk",  None,  "yes", IMMIGRANT,
         "immigrant-parents-unknown-danish-citizen"),
    # Descendant: born in Denmark, and neither parent is both.
    case("yes", "no",  "no",  "no",  DESCENDANT,
         "descendant-both-parents-not-danish"),
    case("yes", "no",  "no",  "yes", DESCENDANT,
         "descendant-danish-citizen-parents-not-danish"),
    # Parents born in Denmark who both keep a foreign citizenship: each
    # parent is "no" (born here, but not a citizen), so the child descends.
    case("yes", "no",  "no",  "no",  DESCENDANT,
         "descendant-parents-born-dk-kept-foreign-citizenship"),
    # One parent "no", the other unknown: DST counts the unknown parent as
    # not Danish, so neither parent is both.
    case("yes", "no",  "dk",  "yes", DESCENDANT,
         "descendant-mother-no-father-dont-know"),
    case("yes", None,  "no",  None,  DESCENDANT,
         "descendant-father-no-mother-unanswered"),
    # Born in Denmark with nothing known of the parents: descendant only for
    # a foreign citizen.
    case("yes", "dk",  "dk",  "no",  DESCENDANT,
         "descendant-parents-dont-know-foreign-citizen"),
    case("yes", None,  None,  "no",  DESCENDANT,
         "descendant-parents-unanswered-foreign-citizen"),
    case("yes", "dk",  "dk",  "yes", UNKNOWN,
         "unknown-born-dk-parents-dont-know-danish-citizen"),
    case("yes", "dk",  None,  "dk",  UNKNOWN,
         "unknown-born-dk-parents-and-citizenship-dont-know"),
    case("yes", None,  None,  None,  UNKNOWN,
         "unknown-born-dk-parents-and-citizenship-unanswered"),
    # Birthplace unknown and no Danish parent: immigrant or descendant, we
    # cannot tell which.
    case("dk",  "no",  "no",  "no",  UNKNOWN,
         "unknown-birthplace-dont-know-parents-not-danish"),
    case(None,  "no",  "no",  "yes", UNKNOWN,
         "unknown-birthplace-unanswered-parents-not-danish"),
    case("dk",  "dk",  None,  "no",  UNKNOWN,
         "unknown-birthplace-and-parents-unknown-foreign-citizen"),
    case(None,  None,  None,  None,  UNKNOWN, "unknown-nothing-answered"),
    # Codes are trimmed and lower-cased; other codes count as unanswered.
    case(" Yes ", "NO", "no", None,  DESCENDANT, "codes-ignore-case-and-space"),
    case("yes", "maybe", "",  "no",  DESCENDANT,
         "unrecognised-parent-code-counts-as-unanswered"),
    case("perhaps", "no", "no", "no", UNKNOWN,
         "unrecognised-birthplace-code-counts-as-unanswered"),
]
# fmt: on


@pytest.mark.parametrize(
    ("born", "mother", "father", "citizen", "expected"),
    ORIGIN_CASES,
)
def test_derive_origin_readme_cases(
    born: str | None,
    mother: str | None,
    father: str | None,
    citizen: str | None,
    expected: Origin,
) -> None:
    assert (
        derive_origin(
            born_in_denmark=born,
            mother_danish=mother,
            father_danish=father,
            citizen=citizen,
        )
        is expected
    )


def test_citizen_defaults_to_unanswered() -> None:
    assert (
        derive_origin(born_in_denmark="yes", mother_danish="dk", father_danish="dk")
        is Origin.UNKNOWN
    )


def test_arguments_are_keyword_only() -> None:
    with pytest.raises(TypeError):
        derive_origin("yes", "no", "no")  # type: ignore[misc]


WESTERN, NON_WESTERN = CountryGroup.WESTERN, CountryGroup.NON_WESTERN
NO_GROUP = CountryGroup.UNKNOWN


# fmt: off
@pytest.mark.parametrize(
    ("origin", "code", "expected"),
    [
        pytest.param(IMMIGRANT,  "western",     WESTERN,     id="immigrant-western"),
        pytest.param(IMMIGRANT,  "non_western", NON_WESTERN,
                     id="immigrant-non-western"),
        pytest.param(DESCENDANT, "western",     WESTERN,     id="descendant-western"),
        pytest.param(DESCENDANT, "non_western", NON_WESTERN,
                     id="descendant-non-western"),
        pytest.param(IMMIGRANT,  None,          NO_GROUP,    id="immigrant-unanswered"),
        pytest.param(DESCENDANT, "dk",          NO_GROUP,    id="descendant-dont-know"),
        pytest.param(IMMIGRANT,  "nordic",      NO_GROUP,
                     id="unrecognised-code-gives-unknown"),
        pytest.param(IMMIGRANT,  " Non_Western ", NON_WESTERN,
                     id="code-ignores-case-and-space"),
        pytest.param(DANISH,     "western",     NO_GROUP,
                     id="danish-origin-has-no-country-group"),
        pytest.param(DANISH,     "non_western", NO_GROUP,
                     id="danish-origin-ignores-non-western"),
        pytest.param(UNKNOWN,    "non_western", NO_GROUP,
                     id="unknown-origin-has-no-country-group"),
    ],
)
# fmt: on
def test_derive_country_group(
    origin: Origin, code: str | None, expected: CountryGroup
) -> None:
    assert derive_country_group(origin=origin, country_group=code) is expected


def test_enum_values_are_the_stored_codes() -> None:
    # These strings are stored in the database and used in exports.
    assert [o.value for o in Origin] == ["danish", "immigrant", "descendant", "unknown"]
    assert [g.value for g in CountryGroup] == ["western", "non_western", "unknown"]


def table_oracle(
    born: str | None, mother: str | None, father: str | None, citizen: str | None
) -> Origin:
    """The decision table in surveys.origin's docstring, row by row."""
    parents = {mother, father}
    if "yes" in parents:
        return DANISH
    parents_row = "no" if "no" in parents else "nothing known"
    rows = {
        ("no", "no"): IMMIGRANT,
        ("no", "nothing known"): IMMIGRANT,
        ("yes", "no"): DESCENDANT,
        ("yes", "nothing known"): DESCENDANT if citizen == "no" else UNKNOWN,
    }
    return rows.get((born, parents_row), UNKNOWN)


def test_every_combination_matches_decision_table() -> None:
    # Only 4**4 = 256 combinations, so check them all, and report all misses.
    misses = []
    for born, mother, father, citizen in itertools.product(CODES, repeat=4):
        result = derive_origin(
            born_in_denmark=born,
            mother_danish=mother,
            father_danish=father,
            citizen=citizen,
        )
        expected = table_oracle(born, mother, father, citizen)
        if result is not expected:
            misses.append((born, mother, father, citizen, result, expected))
    assert misses == []


answer = st.sampled_from(CODES)


@given(born=answer, mother=answer, father=answer, citizen=answer)
def test_derive_origin_is_total(
    born: str | None, mother: str | None, father: str | None, citizen: str | None
) -> None:
    result = derive_origin(
        born_in_denmark=born,
        mother_danish=mother,
        father_danish=father,
        citizen=citizen,
    )
    assert isinstance(result, Origin)


@given(
    born=answer,
    other_parent=answer,
    citizen=answer,
    yes_parent=st.sampled_from(["mother", "father"]),
)
def test_any_danish_parent_gives_danish_origin(
    born: str | None, other_parent: str | None, citizen: str | None, yes_parent: str
) -> None:
    mother, father = "yes", other_parent
    if yes_parent == "father":
        mother, father = father, mother
    result = derive_origin(
        born_in_denmark=born,
        mother_danish=mother,
        father_danish=father,
        citizen=citizen,
    )
    assert result is Origin.DANISH


@given(mother=answer, father=answer, citizen=answer)
def test_born_abroad_without_danish_parent_is_immigrant(
    mother: str | None, father: str | None, citizen: str | None
) -> None:
    result = derive_origin(
        born_in_denmark="no",
        mother_danish=mother,
        father_danish=father,
        citizen=citizen,
    )
    expected = Origin.DANISH if "yes" in (mother, father) else Origin.IMMIGRANT
    assert result is expected


@given(
    born=answer,
    mother=answer,
    father=answer,
    citizen=answer,
    code=st.none() | st.text(),
)
def test_country_group_only_for_immigrants_and_descendants(
    born: str | None,
    mother: str | None,
    father: str | None,
    citizen: str | None,
    code: str | None,
) -> None:
    origin = derive_origin(
        born_in_denmark=born,
        mother_danish=mother,
        father_danish=father,
        citizen=citizen,
    )
    group = derive_country_group(origin=origin, country_group=code)
    assert isinstance(group, CountryGroup)
    if origin in (Origin.DANISH, Origin.UNKNOWN):
        assert group is CountryGroup.UNKNOWN


@given(
    born=st.none() | st.text(),
    mother=st.none() | st.text(),
    father=st.none() | st.text(),
    citizen=st.none() | st.text(),
)
def test_derive_origin_never_raises_on_arbitrary_codes(
    born: str | None, mother: str | None, father: str | None, citizen: str | None
) -> None:
    result = derive_origin(
        born_in_denmark=born,
        mother_danish=mother,
        father_danish=father,
        citizen=citizen,
    )
    assert isinstance(result, Origin)
