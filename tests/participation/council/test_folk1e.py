"""participation/council/folk1e.py: reading Statistics Denmark's FOLK1E population
table and making the demo's synthetic one (pure, no database)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from participation.council.folk1e import (
    AALBORG_2023_TOTAL,
    COLUMNS,
    MAX_PROBLEMS,
    NATIONAL_ORIGIN_SHARES,
    Folk1eError,
    age_band,
    largest_remainder,
    parse_folk1e,
    parse_folk1e_bytes,
    population_cells,
    population_margins,
    synthetic_folk1e,
)

SAMPLE = Path(__file__).parent.parent / "data" / "folk1e_sample.csv"
HEADER = "OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD"


def frame(records) -> pd.DataFrame:
    """An expected parse result from (area, period, gender, age, origin,
    country_group, count) tuples."""
    rows = [
        (
            area,
            period,
            int(period[:4]),
            int(period[-1]),
            gender,
            age,
            age_band(age),
            origin,
            group,
            count,
        )
        for area, period, gender, age, origin, group, count in records
    ]
    out = pd.DataFrame.from_records(rows, columns=COLUMNS)
    return out.astype(dict.fromkeys(["year", "quarter", "age", "count"], "int64"))


def problems_of(text: str) -> list[tuple]:
    with pytest.raises(Folk1eError) as caught:
        parse_folk1e(text)
    return [(p.code, p.line, p.column, p.value) for p in caught.value.problems]


# --- the sample file --------------------------------------------------------


def test_sample_fixture_keeps_what_makes_it_hard():
    # The fixture is only useful while it has a byte-order mark, Windows line
    # ends, a comment, quoted fields and total rows; keep them when editing.
    data = SAMPLE.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf#")
    assert b"\r\n" in data
    assert b'"Aalborg";"M' in data
    assert b"I alt" in data


def test_sample_file_reads_every_cell_and_skips_totals():
    expected = frame(
        [
            ("Aalborg", "2025K1", "man", 17, "danish", "unknown", 1210),
            ("Aalborg", "2025K1", "man", 17, "immigrant", "western", 38),
            ("Aalborg", "2025K1", "man", 17, "immigrant", "non_western", 95),
            ("Aalborg", "2025K1", "man", 17, "descendant", "non_western", 61),
            ("Aalborg", "2025K1", "man", 25, "danish", "unknown", 1802),
            ("Aalborg", "2025K1", "man", 25, "immigrant", "non_western", 812),
            ("Aalborg", "2025K1", "man", 25, "descendant", "western", 12),
            ("Aalborg", "2025K1", "woman", 44, "danish", "unknown", 1325),
            ("Aalborg", "2025K1", "woman", 44, "immigrant", "non_western", 301),
            ("Aalborg", "2025K1", "woman", 44, "descendant", "non_western", 40),
            ("Aalborg", "2025K1", "woman", 70, "danish", "unknown", 1540),
            ("Aalborg", "2025K1", "woman", 70, "immigrant", "western", 45),
            ("Aalborg", "2025K1", "woman", 100, "danish", "unknown", 21),
            ("Aalborg", "2024K4", "man", 17, "danish", "unknown", 1198),
            ("Aalborg", "2024K4", "woman", 44, "danish", "unknown", 1330),
        ]
    )
    pd.testing.assert_frame_equal(parse_folk1e_bytes(SAMPLE.read_bytes()), expected)


def test_nothing_is_counted_twice():
    # The file's own grand total row ("I alt" × "Alder i alt" × "I alt")
    # says 7302 for 2025K1; the cells read must add up to exactly that.
    parsed = parse_folk1e_bytes(SAMPLE.read_bytes())
    assert parsed.loc[parsed["period"] == "2025K1", "count"].sum() == 7302


def test_windows_1252_and_utf16_downloads_read_the_same():
    text = SAMPLE.read_bytes().decode("utf-8-sig")
    expected = parse_folk1e(text)
    pd.testing.assert_frame_equal(parse_folk1e_bytes(text.encode("cp1252")), expected)
    pd.testing.assert_frame_equal(parse_folk1e_bytes(text.encode("utf-16")), expected)
    # 0x81 is not a Windows-1252 character: Latin-1 takes over.
    latin = b"# \x81 odd byte\n" + text.encode("latin-1")
    pd.testing.assert_frame_equal(parse_folk1e_bytes(latin), expected)


def test_english_labels_and_column_order():
    text = "\n".join(
        [
            "TID,ANCESTRY,SEX,AGE,REGION,INDHOLD",
            "2024Q1,Total,Men,25 years,Aalborg,999",
            "2024Q1,Persons of Danish origin,Men,Age total,Aalborg,999",
            "2024Q1,Persons of Danish origin,Women,1 year,Aalborg,5",
            "2024Q1,Immigrants from non-western countries,Men,25 years,Aalborg,812",
            "2024Q1,Immigrants,Women,30 years,Aalborg,7",
            "2024Q1,Descendants,Women,3 years,Aalborg,2",
        ]
    )
    expected = frame(
        [
            ("Aalborg", "2024K1", "woman", 1, "danish", "unknown", 5),
            ("Aalborg", "2024K1", "man", 25, "immigrant", "non_western", 812),
            ("Aalborg", "2024K1", "woman", 30, "immigrant", "unknown", 7),
            ("Aalborg", "2024K1", "woman", 3, "descendant", "unknown", 2),
        ]
    )
    pd.testing.assert_frame_equal(parse_folk1e(text), expected)


def test_age_bands_at_their_edges():
    assert [age_band(a) for a in (0, 17, 18, 29, 30, 49, 50, 64, 65, 100)] == [
        "under_18",
        "under_18",
        "18_29",
        "18_29",
        "30_49",
        "30_49",
        "50_64",
        "50_64",
        "65_plus",
        "65_plus",
    ]


# --- what is wrong with a file is said, with line, column and value ---------


def test_every_bad_value_is_reported_with_line_column_and_value():
    text = "\n".join(
        [
            HEADER,
            "Aalborg;Mænd;25 år;Flygtninge;2025K1;812",
            "Aalborg;Mænd;26 år;Indvandrere;2025K1;8,5",
            "Aalborg;Mænd;27 år;Indvandrere;2025K1",
            "Aalborg;Ukendt;28 år;Indvandrere;2025K1;3",
            "Aalborg;Mænd;25-29 år;Indvandrere;2025K1;3",
            "Aalborg;Mænd;29 år;Indvandrere;2025-03;3",
            "Aalborg;Mænd;30 år;Indvandrere;2025K1;..",
            ";Mænd;31 år;Indvandrere;2025K1;1",
        ]
    )
    assert problems_of(text) == [
        ("bad_origin", 2, "HERKOMST", "Flygtninge"),
        ("bad_count", 3, "INDHOLD", "8,5"),
        ("field_count", 4, None, None),
        ("bad_gender", 5, "KØN", "Ukendt"),
        ("bad_age", 6, "ALDER", "25-29 år"),
        ("bad_period", 7, "TID", "2025-03"),
        ("bad_count", 8, "INDHOLD", ".."),
        ("empty_area", 9, "OMRÅDE", ""),
    ]


def test_messages_name_line_column_and_value():
    with pytest.raises(Folk1eError) as caught:
        parse_folk1e(HEADER + "\nAalborg;Mænd;25 år;Flygtninge;2025K1;812\n")
    (problem,) = caught.value.problems
    assert str(problem) == (
        "Line 2, column HERKOMST: “Flygtninge” is not an origin group this "
        "importer knows (such as “Indvandrere”)."
    )
    # The template and its values are there for the caller to translate.
    assert problem.message % dict(problem.params) == str(problem)
    assert str(caught.value) == str(problem)


def test_a_missing_column_is_named_with_the_header_line():
    text = "# comment\nOMRÅDE;KØN;ALDER;TID;INDHOLD\nAalborg;Mænd;25 år;2025K1;1\n"
    assert problems_of(text) == [("missing_column", 2, "HERKOMST", None)]


@pytest.mark.parametrize("text", ["", "\n\n", "# SYNTHETIC only a comment\n"])
def test_empty_file_has_no_header(text):
    assert problems_of(text) == [("no_header", None, None, None)]


def test_data_without_a_header_line_is_said_to_lack_one():
    text = "# comment\nAalborg;Mænd;25 år;Indvandrere;2025K1;812\n"
    assert problems_of(text) == [("no_header", 2, None, None)]


def test_a_file_of_totals_only_has_no_rows():
    text = f"{HEADER}\nAalborg;I alt;Alder i alt;I alt;2025K1;7302\n"
    assert problems_of(text) == [("no_rows", None, None, None)]


def test_the_same_cell_twice_is_refused():
    text = "\n".join(
        [
            HEADER,
            "Aalborg;Mænd;25 år;Indvandrere;2025K1;812",
            "Aalborg;Mænd;25 år;Indvandrere;2025K1;812",
        ]
    )
    with pytest.raises(Folk1eError) as caught:
        parse_folk1e(text)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line, problem.params["first_line"]) == (
        "duplicate",
        3,
        2,
    )


def test_a_group_and_its_western_split_together_are_refused():
    text = "\n".join(
        [
            HEADER,
            "Aalborg;Mænd;25 år;Indvandrere fra vestlige lande;2025K1;10",
            "Aalborg;Mænd;25 år;Indvandrere;2025K1;30",
            "Aalborg;Mænd;25 år;Indvandrere fra ikke-vestlige lande;2025K1;20",
        ]
    )
    assert problems_of(text) == [
        ("split_and_total", 3, "HERKOMST", "Indvandrere"),
    ]


def test_a_flood_of_problems_is_cut_short():
    text = HEADER + "\n" + "Aalborg;Mænd;25 år;Flygtninge;2025K1;1\n" * 150
    with pytest.raises(Folk1eError) as caught:
        parse_folk1e(text)
    error = caught.value
    assert error.total == 150
    assert len(error.problems) == MAX_PROBLEMS
    assert error.problems[-1].code == "more_problems"
    assert str(error.problems[-1]) == "… and 51 more problems."


def test_cells_the_csv_reader_refuses_are_reported_with_the_rest():
    """config/csvread.py's problems (T26) join the others, line and column
    named; a count too large for any table is not a count."""
    text = "\n".join(
        [
            HEADER,
            'Aalborg;"Mænd;25 år;Indvandrere;2025K1;1',
            "Aalborg;Mænd;" + "9" * 131_073 + ";Indvandrere;2025K1;1",
            "Aalborg;Mænd;25 år;Indvandrere;2025K1;1",
            "Aalborg;Mænd;26 år;Indvandrere;2025K1;" + "9" * 12,
        ]
    )
    assert problems_of(text) == [
        ("unreadable", 2, "KØN", None),
        ("unreadable", 3, "ALDER", None),
        ("bad_count", 5, "INDHOLD", "9" * 12),
    ]


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"\xff\xfeO\x00M\x00R", 1),  # UTF-16 cut short: read as Windows-1252
        (HEADER.encode() + b"\nAalborg;M\x00nd;25 \xe5r;Indvandrere;2025K1;1\n", 2),
    ],
)
def test_binary_data_is_refused_at_its_first_line(data, line):
    with pytest.raises(Folk1eError) as caught:
        parse_folk1e_bytes(data)
    (problem,) = caught.value.problems
    assert (problem.code, problem.line) == ("binary", line)


# --- margins and cells for weighting -----------------------------------------


def test_margins_are_the_latest_quarter_added_up():
    parsed = parse_folk1e_bytes(SAMPLE.read_bytes())
    margins = population_margins(parsed)
    pd.testing.assert_series_equal(
        margins["origin"],
        pd.Series(
            [5898, 1291, 113],
            index=pd.Index(["danish", "immigrant", "descendant"], name="origin"),
            name="count",
        ),
    )
    # Nobody aged 50-64 in the extract: the band is left out, not zero.
    pd.testing.assert_series_equal(
        margins["age_band"],
        pd.Series(
            [1404, 2626, 1666, 1606],
            index=pd.Index(["under_18", "18_29", "30_49", "65_plus"], name="age_band"),
            name="count",
        ),
    )
    pd.testing.assert_series_equal(
        margins["gender"],
        pd.Series(
            [3272, 4030], index=pd.Index(["woman", "man"], name="gender"), name="count"
        ),
    )


def test_margins_for_a_year_use_its_latest_quarter_and_age_limits():
    parsed = parse_folk1e_bytes(SAMPLE.read_bytes())
    assert population_margins(parsed, 2024)["origin"].to_dict() == {"danish": 2528}
    adults = population_margins(parsed, min_age=18)
    assert adults["age_band"].to_dict() == {
        "18_29": 2626,
        "30_49": 1666,
        "65_plus": 1606,
    }
    assert adults["origin"].sum() == 7302 - 1404


def test_choosing_what_the_table_does_not_hold_is_an_error():
    parsed = parse_folk1e_bytes(SAMPLE.read_bytes())
    with pytest.raises(Folk1eError) as caught:
        population_margins(parsed, 2019)
    assert str(caught.value) == "The table has no figures for 2019."
    with pytest.raises(Folk1eError) as caught:
        population_margins(parsed, area="Aarhus")
    assert caught.value.problems[0].code == "no_area"
    both = pd.concat([parsed, parsed.assign(area="Hele landet")])
    with pytest.raises(Folk1eError) as caught:
        population_margins(both)
    assert caught.value.problems[0].code == "several_areas"
    assert population_margins(both, area="Aalborg")["gender"].sum() == 7302
    with pytest.raises(Folk1eError) as caught:
        population_margins(parsed.iloc[:0])
    assert caught.value.problems[0].code == "no_rows"


def test_cells_cover_every_combination():
    cells = population_cells(parse_folk1e_bytes(SAMPLE.read_bytes()))
    assert list(cells.columns) == ["origin", "age_band", "gender", "count"]
    assert len(cells) == 3 * 5 * 2
    assert cells["count"].sum() == 7302
    indexed = cells.set_index(["origin", "age_band", "gender"])["count"]
    assert indexed["immigrant", "18_29", "man"] == 812
    assert indexed["danish", "65_plus", "woman"] == 1540 + 21
    assert indexed["descendant", "50_64", "woman"] == 0


# --- the synthetic table ----------------------------------------------------


def test_largest_remainder_by_hand():
    assert largest_remainder(10, [1, 1, 1]).tolist() == [4, 3, 3]
    # Quotas 3.5, 1.75, 1.75: floors 3, 1, 1, and the two left go to .75s.
    assert largest_remainder(7, [0.5, 0.25, 0.25]).tolist() == [3, 2, 2]
    assert largest_remainder(0, [0, 0]).tolist() == [0, 0]
    with pytest.raises(ValueError):
        largest_remainder(5, [0, 0])


@settings(max_examples=60, deadline=None)
@given(
    total=st.integers(0, 10**7),
    weights=st.lists(st.floats(0, 1e6), min_size=1, max_size=30).filter(
        lambda w: sum(w) > 0
    ),
)
def test_largest_remainder_adds_up_and_stays_within_one(total, weights):
    counts = largest_remainder(total, weights)
    quotas = total * np.asarray(weights) / sum(weights)
    assert counts.sum() == total
    assert (np.abs(counts - quotas) < 1 + 1e-6).all()


def test_synthetic_aalborg_adds_up_exactly_and_reads_back():
    text = synthetic_folk1e(
        AALBORG_2023_TOTAL, "Aalborg", "2023K1", NATIONAL_ORIGIN_SHARES, seed=2023
    )
    assert text.startswith("# SYNTHETIC")
    parsed = parse_folk1e(text)
    assert parsed["count"].sum() == 222_571
    assert len(parsed) == 2 * 101 * 3
    assert sorted(parsed["age"].unique()) == list(range(101))
    assert set(parsed["period"]) == {"2023K1"}
    assert set(parsed["area"]) == {"Aalborg"}
    # 222571 × (.863, .105, .032) = 192078.77, 23369.96, 7122.27: floors
    # leave 2 over, which go to the two largest remainders.
    assert population_margins(parsed)["origin"].to_dict() == {
        "danish": 192_079,
        "immigrant": 23_370,
        "descendant": 7_122,
    }
    assert "100 år og derover" in text


def test_synthetic_table_is_repeatable_per_seed():
    args = (1000, "Aalborg", "2023K1", NATIONAL_ORIGIN_SHARES)
    assert synthetic_folk1e(*args, seed=1) == synthetic_folk1e(*args, seed=1)
    assert synthetic_folk1e(*args, seed=1) != synthetic_folk1e(*args, seed=2)


@settings(max_examples=25, deadline=None)
@given(
    total=st.integers(0, 2_000_000),
    shares=st.fixed_dictionaries(
        {
            "danish": st.floats(0, 1),
            "immigrant": st.floats(0, 1),
            "descendant": st.floats(0, 1),
        }
    ).filter(lambda s: sum(s.values()) > 0),
    seed=st.integers(0, 2**32 - 1),
)
def test_any_synthetic_table_adds_up_and_reads_back(total, shares, seed):
    parsed = parse_folk1e(synthetic_folk1e(total, "Rebild", "2024K3", shares, seed))
    assert parsed["count"].sum() == total
    origins = ["danish", "immigrant", "descendant"]
    expected = largest_remainder(total, [shares[o] for o in origins])
    by_origin = parsed.groupby("origin")["count"].sum()
    assert [by_origin[o] for o in origins] == expected.tolist()


@pytest.mark.parametrize(
    ("total", "period", "shares"),
    [
        (-1, "2023K1", NATIONAL_ORIGIN_SHARES),
        (100, "2023", NATIONAL_ORIGIN_SHARES),
        (100, "2023K1", {"danish": 1, "refugee": 1}),
        (100, "2023K1", {"danish": 0}),
    ],
)
def test_synthetic_table_refuses_bad_arguments(total, period, shares):
    with pytest.raises(ValueError):
        synthetic_folk1e(total, "Aalborg", period, shares, seed=0)
