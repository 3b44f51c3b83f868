"""config/csvread.py, the CSV reader every import uses: a valid file reads
as the ``csv`` module reads it, and whatever is wrong with one comes out as
a CsvReadError naming the row and the column (no database)."""

import csv
import io

import pytest
from django.utils.translation import override
from hypothesis import given, settings
from hypothesis import strategies as st

from config.csvread import (
    EXCEL_MAX_CELL,
    CsvLimits,
    CsvReadError,
    CsvRow,
    csv_line,
    csv_rows,
)

LIMITS = CsvLimits(cell_chars=100, columns=5)


@pytest.fixture(autouse=True)
def _english():
    with override("en"):
        yield


def read(text: str, **kwargs) -> list[CsvRow]:
    return list(csv_rows(text, limits=kwargs.pop("limits", LIMITS), **kwargs))


def error_of(text: str, **kwargs) -> CsvReadError:
    with pytest.raises(CsvReadError) as caught:
        read(text, **kwargs)
    return caught.value


def test_rows_are_numbered_like_spreadsheet_rows():
    text = 'a,b\r\n\r\n"two\nlines",x\n"say ""hi""",\n'
    assert read(text) == [
        CsvRow(1, ["a", "b"]),
        CsvRow(2, []),  # an empty line is a row
        CsvRow(3, ["two\nlines", "x"]),
        CsvRow(4, ['say "hi"', ""]),
    ]


def test_semicolons_and_a_starting_number():
    assert read("a;b\n1;2", delimiter=";", first_row=7) == [
        CsvRow(7, ["a", "b"]),
        CsvRow(8, ["1", "2"]),
    ]


def test_an_empty_text_has_no_rows():
    assert read("") == []
    assert csv_line("", number=3, limits=LIMITS) == []


def test_a_cell_over_the_forms_limit_names_row_and_column():
    error = error_of("a,b\nc," + "x" * 101 + "\n")
    assert (error.code, error.row, error.column) == ("too_long", 2, 2)
    assert str(error) == "Row 2, column 2: The cell is longer than 100 characters."


@pytest.mark.parametrize("quote", ['"', ""])
def test_a_cell_over_the_csv_modules_limit_names_row_and_column(quote):
    """131,073 characters is where the csv module itself gives up
    (``csv.Error: field larger than field limit``)."""
    long = quote + "x" * 131_073 + quote
    text = f"h1,h2,h3\nok,fine,good\n1,2,{long}\n"
    error = error_of(text, limits=CsvLimits())
    assert (error.code, error.row, error.column) == ("too_long", 3, 3)
    # The form's limit, which the cell is over too.
    assert error.message == f"The cell is longer than {EXCEL_MAX_CELL} characters."


def test_a_ten_megabyte_line_is_refused_at_its_first_long_cell():
    error = error_of("a,b\n" + "y," * 10 + "z" * 10_000_000 + "\n", limits=CsvLimits())
    assert (error.code, error.row, error.column) == ("too_long", 2, 11)


def test_an_unclosed_quote_names_the_cell_it_opens():
    error = error_of('a,b\nc,"d\ne,f\n')
    assert (error.code, error.row, error.column) == ("unclosed_quote", 2, 2)
    assert "quotation mark" in error.message


def test_text_after_a_closing_quote_is_refused():
    error = error_of('a,b,c\n1,"2"x,3\n')
    assert (error.code, error.row, error.column) == ("after_quote", 2, 2)


def test_a_quote_inside_an_unquoted_cell_is_kept():
    assert read('5" screen,b\n') == [CsvRow(1, ['5" screen', "b"])]


def test_a_nul_character_is_binary_data():
    error = error_of("a,b\n\nc,d\x00\n")
    assert (error.code, error.row, error.column) == ("nul", 3, 2)
    assert "not a CSV text file" in error.message


def test_a_row_wider_than_the_limit():
    error = error_of("a,b\n1,2,3,4,5,6\n")
    assert (error.code, error.row, error.column) == ("too_many_columns", 2, 6)
    assert error.message == "The row has more than 5 cells."


def test_csv_line_names_the_line_it_was_given():
    assert csv_line('x;"y;z"', number=4, limits=LIMITS, delimiter=";") == [
        "x",
        "y;z",
    ]
    with pytest.raises(CsvReadError) as caught:
        csv_line('x,"y', number=9, limits=LIMITS)
    assert (caught.value.row, caught.value.column) == (9, 2)
    assert str(caught.value).startswith("Row 9, column 2: ")


def test_a_message_without_a_column_names_the_row():
    assert str(CsvReadError("nul", row=4)).startswith("Row 4: ")


def test_limits_cannot_exceed_what_the_csv_module_reads():
    with pytest.raises(ValueError):
        CsvLimits(cell_chars=csv.field_size_limit() + 1)
    with pytest.raises(ValueError):
        CsvLimits(columns=0)


cells = st.text(
    alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=["Cs"]),
    max_size=20,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=5), max_size=8))
def test_a_file_the_csv_module_writes_reads_back_the_same(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    assert [row.cells for row in read(buffer.getvalue())] == rows


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(
        st.text(max_size=300),
        st.text(alphabet='",;\n\r\x00ab ', max_size=300),
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_text_gives_rows_within_the_limits_or_one_clear_error(text, delimiter):
    try:
        rows = read(text, delimiter=delimiter)
    except CsvReadError as error:
        assert error.row >= 1
        assert error.column is None or error.column >= 1
        assert str(error).startswith(f"Row {error.row}")
        return
    for row in rows:
        assert len(row.cells) <= LIMITS.columns
        assert all(len(c) <= LIMITS.cell_chars and "\x00" not in c for c in row.cells)
