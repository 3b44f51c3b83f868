"""participation/council/statbank/: Statistics Denmark's PX, JSON-stat and
CSV read into one long frame and mapped onto official statistics and the
FOLK1E population (pure, no database)."""

import json
import math
from decimal import Decimal

import pandas as pd
import pytest
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from participation.council import statbank
from participation.council.folk1e import parse_folk1e
from participation.council.indicators import (
    MAX_LENGTHS,
    parse_statistics_file,
)
from participation.council.statbank import (
    MAX_CELLS,
    STATISTICS_COLUMNS,
    Dimension,
    StatbankError,
    StatisticsMapping,
    cube_table,
    detect_format,
    jsonstat_text,
    population_frame,
    px_bytes,
    read_jsonstat,
    read_px,
    read_statbank,
    read_statbank_csv,
    statistics_frame,
)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# A FOLK1E subset as Statistikbanken writes it: Windows-1252, CRLF, a title
# over two lines, English keywords beside the Danish ones, CODES, the
# values of ALDER over two lines, the periods in the HEADING.
FOLK1E_PX = """CHARSET="ANSI";
AXIS-VERSION="2006";
CODEPAGE="iso-8859-15";
LANGUAGE="da";
LANGUAGES="da","en";
CREATION-DATE="20230512 08:00";
DECIMALS=0;
SHOWDECIMALS=0;
MATRIX="FOLK1E";
SUBJECT-AREA="Befolkning og valg";
SUBJECT-CODE="02";
DESCRIPTION="FOLK1E: Befolkningen den 1. i kvartalet efter område, køn, alder, "
"herkomst og tid";
TITLE="Befolkningen den 1. i kvartalet efter område, køn, alder, herkomst og "
"tid";
TITLE[en]="Population at the first day of the quarter by region, sex, age, "
"ancestry and time";
CONTENTS="Befolkningen den 1. i kvartalet";
UNITS="antal";
STUB="område","køn","alder","herkomst";
STUB[en]="region","sex","age","ancestry";
HEADING="tid";
HEADING[en]="time";
VALUES("område")="Aalborg";
VALUES("køn")="I alt","Mænd","Kvinder";
VALUES("alder")="25 år",
"26 år";
VALUES("herkomst")="Personer med dansk oprindelse","Indvandrere";
VALUES("tid")="2023K1","2023K2";
VALUES[en]("region")="Aalborg";
CODES("område")="851";
CODES("køn")="TOT","1","2";
CODES("alder")="25","26";
CODES("herkomst")="5","4";
CODES("tid")="2023K1","2023K2";
TIMEVAL("tid")=TLIST(Q1),"2023K1","2023K2";
ELIMINATION("køn")="I alt";
SOURCE="Danmarks Statistik";
DATA=
2950 2960 300 310
2880 2890 290 300
1500 1505 180 185
1470 1475 170 175
1450 1455 120 125
1410 1415 120 125
;
""".replace("\n", "\r\n").encode("cp1252")
# The same figures as FOLK1E's CSV (without the totals "I alt").
FOLK1E_CSV = """\
OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD
Aalborg;Mænd;25 år;Personer med dansk oprindelse;2023K1;1500
Aalborg;Mænd;25 år;Personer med dansk oprindelse;2023K2;1505
Aalborg;Mænd;25 år;Indvandrere;2023K1;180
Aalborg;Mænd;25 år;Indvandrere;2023K2;185
Aalborg;Mænd;26 år;Personer med dansk oprindelse;2023K1;1470
Aalborg;Mænd;26 år;Personer med dansk oprindelse;2023K2;1475
Aalborg;Mænd;26 år;Indvandrere;2023K1;170
Aalborg;Mænd;26 år;Indvandrere;2023K2;175
Aalborg;Kvinder;25 år;Personer med dansk oprindelse;2023K1;1450
Aalborg;Kvinder;25 år;Personer med dansk oprindelse;2023K2;1455
Aalborg;Kvinder;25 år;Indvandrere;2023K1;120
Aalborg;Kvinder;25 år;Indvandrere;2023K2;125
Aalborg;Kvinder;26 år;Personer med dansk oprindelse;2023K1;1410
Aalborg;Kvinder;26 år;Personer med dansk oprindelse;2023K2;1415
Aalborg;Kvinder;26 år;Indvandrere;2023K1;120
Aalborg;Kvinder;26 år;Indvandrere;2023K2;125
"""

# Employment rate by origin and age in the API's JSON-stat 2.0, with a
# confidential (null, "..") figure.
EMPLOYMENT = {
    "version": "2.0",
    "class": "dataset",
    "label": "Beskæftigelsesfrekvens efter område, herkomst, alder og tid",
    "source": "Danmarks Statistik",
    "updated": "2023-11-30T07:00:00Z",
    "id": ["OMRÅDE", "HERKOMST", "ALDER", "ContentsCode", "Tid"],
    "size": [1, 3, 2, 1, 2],
    "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
    "dimension": {
        "OMRÅDE": {
            "label": "område",
            "category": {"index": ["851"], "label": {"851": "Aalborg"}},
        },
        "HERKOMST": {
            "label": "herkomst",
            "category": {
                "index": {"5": 0, "4": 1, "3": 2},
                "label": {
                    "5": "Personer med dansk oprindelse",
                    "4": "Indvandrere",
                    "3": "Efterkommere",
                },
            },
        },
        "ALDER": {
            "label": "alder",
            "category": {
                "index": ["1819", "2024"],
                "label": {"1819": "18-19 år", "2024": "20-24 år"},
            },
        },
        "ContentsCode": {
            "label": "indhold",
            "category": {"index": ["BESK"], "label": {"BESK": "Beskæftigelse (pct.)"}},
        },
        "Tid": {
            "label": "tid",
            "category": {"index": ["2021", "2022"], "label": {"2021": "2021"}},
        },
    },
    "value": [61.0, 61.4, 64.5, 64.9, 38.1, 38.8, None, 55.2, 46.0, 46.8, 56.0, 56.4],
    "status": {"6": ".."},
    "extension": {"px": {"tableid": "RAS300"}},
}


def employment_bytes(**changes) -> bytes:
    return json.dumps({**EMPLOYMENT, **changes}, ensure_ascii=False).encode()


def problems_of(data: bytes, reader=read_statbank) -> list[tuple[str, str, dict]]:
    with pytest.raises(StatbankError) as caught:
        reader(data)
    return [(p.code, p.where, dict(p.params)) for p in caught.value.problems]


def messages_of(data: bytes, reader=read_statbank) -> list[str]:
    with pytest.raises(StatbankError) as caught:
        reader(data)
    return [str(p) for p in caught.value.problems]


# --- PX ---------------------------------------------------------------------


def test_a_folk1e_px_file_is_read_into_one_long_frame():
    table = read_statbank(FOLK1E_PX)
    assert table.format == "px"
    assert table.table_id == "FOLK1E"
    assert table.title == (
        "Befolkningen den 1. i kvartalet efter område, køn, alder, herkomst og tid"
    )
    assert (table.units, table.source) == ("antal", "Danmarks Statistik")
    assert [d.id for d in table.dimensions] == [
        "område",
        "køn",
        "alder",
        "herkomst",
        "tid",
    ]
    gender = table.dimension("KØN")
    assert gender.labels == ("I alt", "Mænd", "Kvinder")
    assert gender.codes == ("TOT", "1", "2")
    assert table.dimension("tid").role == "time"
    first = table.frame.iloc[0].to_dict()
    assert first == {
        "område": "Aalborg",
        "køn": "I alt",
        "alder": "25 år",
        "herkomst": "Personer med dansk oprindelse",
        "tid": "2023K1",
        "value": 2950.0,
        "status": "",
    }
    assert len(table.frame) == 1 * 3 * 2 * 2 * 2
    men = table.frame[table.frame["køn"] == "Mænd"]
    assert men["value"].tolist() == [1500, 1505, 180, 185, 1470, 1475, 170, 175]


def test_folk1e_in_px_gives_the_frame_the_csv_gives():
    expected = parse_folk1e(FOLK1E_CSV)
    pd.testing.assert_frame_equal(population_frame(read_px(FOLK1E_PX)), expected)


def test_folk1e_in_json_stat_and_statbanks_csv_give_the_same_frame():
    expected = parse_folk1e(FOLK1E_CSV)
    table = read_px(FOLK1E_PX)
    for text in (jsonstat_text(table), jsonstat_text(table, sparse=True)):
        from_json = read_statbank(text.encode())
        assert from_json.format == "json-stat"
        pd.testing.assert_frame_equal(population_frame(from_json), expected)
    from_csv = read_statbank_csv(FOLK1E_CSV.encode("cp1252"))
    pd.testing.assert_frame_equal(population_frame(from_csv), expected)


def test_a_utf8_px_file_and_one_saved_again_as_utf8_are_read_alike():
    text = FOLK1E_PX.decode("cp1252")
    declared = text.replace('CHARSET="ANSI";', 'CHARSET="UTF-8";').replace(
        'CODEPAGE="iso-8859-15";', 'CODEPAGE="utf-8";'
    )
    resaved = text.encode("utf-8")  # still says ANSI
    for data in (declared.encode("utf-8"), resaved, b"\xef\xbb\xbf" + resaved):
        pd.testing.assert_frame_equal(read_px(data).frame, read_px(FOLK1E_PX).frame)


def test_a_codepage_that_is_no_text_encoding_is_read_as_latin_1():
    for codepage in (b"rot13", b"base64", b"idna", b"no-such-codepage"):
        data = FOLK1E_PX.replace(b"iso-8859-15", codepage)
        assert read_px(data).dimension("køn").labels == ("I alt", "Mænd", "Kvinder")


def test_missing_figures_in_px_are_nan_with_their_symbol():
    data = FOLK1E_PX.replace(b"290 300\r\n", b'".." -\r\n').replace(
        b"170 175", b'"-" "...."'
    )
    frame = read_px(data).frame
    missing = frame[frame["value"].isna()]
    assert missing["status"].tolist() == ["..", "-", "-", "...."]
    assert (frame.loc[frame["value"].notna(), "status"] == "").all()


def test_px_writer_and_reader_round_trip():
    table = read_px(FOLK1E_PX)
    for charset in ("ANSI", "UTF-8"):
        again = read_px(px_bytes(table, charset=charset))
        pd.testing.assert_frame_equal(again.frame, table.frame)
        assert again.dimensions == table.dimensions
        assert (again.table_id, again.title) == (table.table_id, table.title)


def test_a_long_note_is_written_over_lines_and_read_back_whole():
    note = "SYNTHETIC " + "lang tekst med æøå " * 40
    table = cube_table(
        [Dimension("TID", "tid", ("2023",), ("2023",))], [1], notes=(note,)
    )
    data = px_bytes(table)
    assert max(len(line) for line in data.split(b"\r\n")) < 256
    again = read_px(data)
    assert again.notes == (note.strip(),)
    assert again.synthetic


PX_CASES = {
    "missing_semicolon": (
        FOLK1E_PX.replace(b'UNITS="antal";', b'UNITS="antal"'),
        [("px_unterminated", "line", {"line": 19, "keyword": "UNITS"})],
    ),
    "unclosed_quote": (
        FOLK1E_PX.replace(b'SOURCE="Danmarks Statistik";', b'SOURCE="Danmarks;'),
        [("px_unclosed", "line", {"line": 38})],
    ),
    "missing_values": (
        FOLK1E_PX.replace(b'VALUES("alder")="25 \xe5r",\r\n"26 \xe5r";\r\n', b""),
        [("px_missing", "", {"keyword": 'VALUES("alder")'})],
    ),
    "too_few_figures": (
        FOLK1E_PX.replace(b"1410 1415 120 125\r\n", b""),
        [
            (
                "px_data_count",
                "line",
                {"line": 39, "found": 20, "sizes": "1 × 3 × 2 × 2 × 2", "expected": 24},
            )
        ],
    ),
    "bad_figure": (
        FOLK1E_PX.replace(b"1450 1455", b"1450 l455"),
        [
            (
                "bad_number",
                "figure",
                {
                    "line": 44,
                    "position": 18,
                    "cell": "Aalborg, Kvinder, 25 år, Personer med dansk oprindelse, "
                    "2023K2",
                    "value": "l455",
                },
            )
        ],
    ),
    "twice": (
        FOLK1E_PX.replace(b'UNITS="antal";', b'UNITS="antal";\r\nMATRIX="X";'),
        [
            (
                "px_duplicate",
                "line",
                {"line": 20, "keyword": "MATRIX", "first_line": 9},
            )
        ],
    ),
    "codes_count": (
        FOLK1E_PX.replace(b'CODES("k\xf8n")="TOT","1","2";', b'CODES("k\xf8n")="1";'),
        [
            (
                "px_codes_count",
                "dimension",
                {"dimension": "køn", "found": 1, "expected": 3},
            )
        ],
    ),
    "no_data": (
        FOLK1E_PX.split(b"DATA=")[0],
        [("px_missing", "", {"keyword": "DATA"})],
    ),
    "keys": (
        FOLK1E_PX.replace(b"DATA=", b'KEYS("alder")=VALUES;\r\nDATA='),
        [("px_unsupported", "line", {"line": 39, "keyword": "KEYS"})],
    ),
    "garbage_line": (
        FOLK1E_PX.replace(b'UNITS="antal";', b'UNITS="antal";\r\n{{oops}}'),
        [("px_syntax", "line", {"line": 20, "value": "{{oops}}"})],
    ),
    "declared_utf8_but_not": (
        FOLK1E_PX.replace(b'CODEPAGE="iso-8859-15";', b'CODEPAGE="utf-8";'),
        [("encoding", "line", {"line": 12, "encoding": "UTF-8"})],
    ),
    "same_label_twice": (
        FOLK1E_PX.replace(b'"Indvandrere";', b'"Personer med dansk oprindelse";'),
        [
            (
                "duplicate_label",
                "dimension",
                {"dimension": "herkomst", "value": "Personer med dansk oprindelse"},
            )
        ],
    ),
    "text_after_data": (
        FOLK1E_PX + b'NOTE="late";\r\n',
        [("px_after_data", "line", {"line": 47})],
    ),
}


@pytest.mark.parametrize("case", PX_CASES)
def test_a_broken_px_file_names_what_and_where(case):
    data, expected = PX_CASES[case]
    assert detect_format(data) == "px"
    assert problems_of(data) == expected


def test_px_problems_read_as_sentences():
    data, _expected = PX_CASES["bad_figure"]
    assert messages_of(data) == [
        "Line 44, figure 18 (Aalborg, Kvinder, 25 år, Personer med dansk "
        "oprindelse, 2023K2): “l455” is not a number, nor a symbol for a missing "
        "figure such as “..”."
    ]
    data, _expected = PX_CASES["missing_semicolon"]
    assert messages_of(data) == ["Line 19: UNITS does not end with “;”."]


def test_every_problem_is_reported_at_once():
    data = (
        FOLK1E_PX.replace(b'UNITS="antal";', b'UNITS="antal"')
        .replace(b"1450 1455", b"x y")
        .replace(b"1410 1415", b"a b")
    )
    codes = [code for code, _where, _params in problems_of(data)]
    assert codes == ["px_unterminated"]  # DATA is not read while the header is
    data = FOLK1E_PX.replace(b"1450 1455", b"x y").replace(b"1410 1415", b"a b")
    codes = [code for code, _where, _params in problems_of(data)]
    assert codes == ["bad_number"] * 4


def test_at_most_a_hundred_problems_are_listed_with_the_rest_counted():
    rows = "\n".join(["x"] * 24)
    data = FOLK1E_PX.split(b"DATA=")[0] + b"DATA=\n" + rows.encode() + b"\n;"
    problems = problems_of(data)
    assert len(problems) == 24
    years = tuple(str(year) for year in range(1900, 2050))
    table = cube_table([Dimension("TID", "tid", years, years)], [1] * 150)
    header = px_bytes(table).split(b"DATA=")[0]
    data = header + b"DATA=\r\n" + b"x " * 150 + b";\r\n"
    with pytest.raises(StatbankError) as caught:
        read_px(data)
    assert len(caught.value.problems) == 100
    assert caught.value.total == 150
    assert str(caught.value.problems[-1]) == "… and 51 more problems."


# --- JSON-stat ------------------------------------------------------------------


def employment_expected() -> pd.DataFrame:
    rows = []
    labels = {
        "5": "Personer med dansk oprindelse",
        "4": "Indvandrere",
        "3": "Efterkommere",
    }
    values = iter(EMPLOYMENT["value"])
    for origin in ("5", "4", "3"):
        for age in ("18-19 år", "20-24 år"):
            for year in ("2021", "2022"):
                value = next(values)
                rows.append(
                    {
                        "OMRÅDE": "Aalborg",
                        "HERKOMST": labels[origin],
                        "ALDER": age,
                        "ContentsCode": "Beskæftigelse (pct.)",
                        "Tid": year,
                        "value": math.nan if value is None else value,
                        "status": ".." if value is None else "",
                    }
                )
    frame = pd.DataFrame(rows)
    frame["status"] = frame["status"].astype(object)
    return frame


def test_json_stat_dense_and_sparse_give_the_same_frame():
    dense = read_statbank(employment_bytes())
    sparse = {str(i): v for i, v in enumerate(EMPLOYMENT["value"]) if v is not None}
    from_sparse = read_statbank(employment_bytes(value=sparse))
    expected = employment_expected()
    pd.testing.assert_frame_equal(dense.frame, expected, check_column_type=False)
    pd.testing.assert_frame_equal(from_sparse.frame, expected, check_column_type=False)
    assert dense.table_id == "RAS300"
    assert dense.dimension("herkomst").codes == ("5", "4", "3")
    assert dense.dimension("Tid").role == "time"
    assert dense.dimension("ContentsCode").role == "metric"
    assert dense.dimension("tid").labels == ("2021", "2022")  # label defaults to code


def test_json_stat_status_as_one_text_a_list_or_an_object():
    provisional = read_jsonstat(employment_bytes(status="p")).frame
    assert set(provisional["status"]) == {"p"}
    listed = ["e"] + [None] * 11
    frame = read_jsonstat(employment_bytes(status=listed)).frame
    assert frame["status"].tolist()[:2] == ["e", ""]
    assert frame["status"].tolist()[6] == ".."  # a null figure without a status


def test_json_stat_1_bundles_as_the_api_wrote_them_are_read():
    dataset = {
        key: value
        for key, value in EMPLOYMENT.items()
        if key not in ("version", "class", "id", "size", "role")
    }
    dataset["dimension"] = {
        **EMPLOYMENT["dimension"],
        "id": EMPLOYMENT["id"],
        "size": EMPLOYMENT["size"],
        "role": EMPLOYMENT["role"],
    }
    data = json.dumps({"dataset": dataset}).encode()
    table = read_statbank(data)
    pd.testing.assert_frame_equal(
        table.frame, employment_expected(), check_column_type=False
    )
    assert table.dimension("Tid").role == "time"


def without(key):
    return {k: v for k, v in EMPLOYMENT.items() if k != key}


JSON_CASES = {
    "syntax": (
        b'{"version": "2.0",\n "class": "dataset",\n "id": [,]}',
        [
            (
                "json_syntax",
                "line_column",
                {"line": 3, "column": 9, "reason": "Expecting value"},
            )
        ],
    ),
    "not_a_dataset": (
        json.dumps({"class": "collection", "link": {}}).encode(),
        [("json_not_dataset", "", {})],
    ),
    "a_list": (b"[1, 2, 3]", [("json_not_dataset", "", {})]),
    "several": (
        json.dumps({"a": {"dimension": {}}, "b": {"dimension": {}}}).encode(),
        [("json_several", "", {"count": 2, "value": "a, b"})],
    ),
    "ids_not_texts": (
        employment_bytes(id=["OMRÅDE", 2, "ALDER", "ContentsCode", "Tid"]),
        [("json_type", "json", {"path": "id", "expected": "a list of texts"})],
    ),
    "size_mismatch": (
        employment_bytes(size=[1, 3, 2, 1]),
        [("json_size_mismatch", "", {"ids": 5, "sizes": 4})],
    ),
    "dimension_size": (
        employment_bytes(size=[1, 3, 3, 1, 2]),
        [
            (
                "json_dimension_size",
                "dimension",
                {"dimension": "ALDER", "found": 2, "expected": 3},
            )
        ],
    ),
    "missing_dimension": (
        employment_bytes(
            dimension={k: v for k, v in EMPLOYMENT["dimension"].items() if k != "Tid"}
        ),
        [("json_missing", "json", {"path": "dimension.Tid"})],
    ),
    "bad_index": (
        employment_bytes(
            dimension={
                **EMPLOYMENT["dimension"],
                "HERKOMST": {"category": {"index": {"5": 0, "4": 0, "3": 2}}},
            }
        ),
        [
            (
                "json_index",
                "json",
                {"path": "dimension.HERKOMST.category.index", "last": 2},
            )
        ],
    ),
    "value_count": (
        employment_bytes(value=EMPLOYMENT["value"][:-1]),
        [
            (
                "json_value_count",
                "",
                {"found": 11, "sizes": "1 × 3 × 2 × 1 × 2", "expected": 12},
            )
        ],
    ),
    "bad_value": (
        employment_bytes(value=[*EMPLOYMENT["value"][:-1], "56,4"]),
        [
            (
                "bad_number",
                "cell",
                {
                    "position": 12,
                    "cell": "Aalborg, Efterkommere, 20-24 år, "
                    "Beskæftigelse (pct.), 2022",
                    "value": "56,4",
                },
            )
        ],
    ),
    "bad_position": (
        employment_bytes(value={"0": 1, "12": 2, "x": 3}),
        [
            (
                "json_value_position",
                "json",
                {"path": "value", "value": "12", "last": 11},
            ),
            (
                "json_value_position",
                "json",
                {"path": "value", "value": "x", "last": 11},
            ),
        ],
    ),
    "no_value": (
        without("value") and json.dumps(without("value")).encode(),
        [("json_missing", "json", {"path": "value"})],
    ),
    "not_utf8": (
        employment_bytes().replace("æ".encode(), b"\xe6"),  # Windows-1252
        [("encoding", "line", {"line": 1, "encoding": "UTF-8"})],
    ),
    "too_many_cells": (
        employment_bytes(size=[1, 3, 2, 1, 10**9]),
        [("too_many_cells", "", {"limit": MAX_CELLS})],
    ),
}


@pytest.mark.parametrize("case", JSON_CASES)
def test_a_broken_json_stat_file_names_what_and_where(case):
    data, expected = JSON_CASES[case]
    assert detect_format(data) == "json-stat"
    assert problems_of(data) == expected


def test_json_problems_read_as_sentences():
    data, _expected = JSON_CASES["bad_index"]
    assert messages_of(data) == [
        "In the JSON at dimension.HERKOMST.category.index: the category positions "
        "are not 0 to 2, each once."
    ]


def test_deeply_nested_or_huge_numbers_are_problems_not_crashes():
    assert problems_of(b"[" * 100_000 + b"]" * 100_000)[0][0] in (
        "json_invalid",
        "json_not_dataset",
    )
    huge = b'{"value": [' + b"9" * 5000 + b"]}"
    assert problems_of(huge)[0][0] == "json_invalid"
    infinite = employment_bytes().replace(b"61.0", b"Infinity")
    assert problems_of(infinite)[0][0] == "bad_number"


# --- Statistikbanken's CSV ---------------------------------------------------------

EMPLOYMENT_CSV = """\
OMRÅDE;HERKOMST;ALDER;TID;INDHOLD
Aalborg;Personer med dansk oprindelse;18-19 år;2022;61,4
Aalborg;Indvandrere;18-19 år;2022;38,8
Aalborg;Efterkommere;18-19 år;2022;..
"""


def test_statbanks_csv_with_decimal_commas_and_missing_figures():
    for data in (
        EMPLOYMENT_CSV.encode("cp1252"),
        b"\xef\xbb\xbf" + EMPLOYMENT_CSV.encode(),
        EMPLOYMENT_CSV.replace("\n", "\r\n").encode(),
    ):
        table = read_statbank(data)
        assert table.format == "csv"
        assert table.frame["value"].tolist()[:2] == [61.4, 38.8]
        assert math.isnan(table.frame["value"].iloc[2])
        assert table.frame["status"].tolist() == ["", "", ".."]
        assert table.dimension("herkomst").labels == (
            "Personer med dansk oprindelse",
            "Indvandrere",
            "Efterkommere",
        )


CSV_CASES = {
    "not_indhold": (
        "OMRÅDE;KØN;TID;ANTAL\nAalborg;Mænd;2022;1\n",
        [("csv_not_statbank", "line", {"line": 1, "value": "ANTAL"})],
    ),
    "field_count": (
        EMPLOYMENT_CSV + "Aalborg;Indvandrere;2022;5\n",
        [
            (
                "csv_field_count",
                "line",
                {"line": 5, "expected": 5, "found": 4, "delimiter": ";"},
            )
        ],
    ),
    "twice": (
        EMPLOYMENT_CSV + "Aalborg;Indvandrere;18-19 år;2022;40\n",
        [("csv_duplicate", "line", {"line": 5, "first_line": 3})],
    ),
    "bad_number": (
        EMPLOYMENT_CSV.replace("38,8", "38.8,1"),
        [
            (
                "bad_number",
                "line_column",
                {"line": 3, "column": "INDHOLD", "value": "38.8,1"},
            )
        ],
    ),
    "unclosed_quote": (
        EMPLOYMENT_CSV.replace("Indvandrere;", '"Indvandrere;'),
        [("csv_unreadable", "line", {"line": 3})],
    ),
    "header_only": ("OMRÅDE;TID;INDHOLD\n", [("no_figures", "", {})]),
    "empty": ("", [("csv_no_header", "", {})]),
}


@pytest.mark.parametrize("case", CSV_CASES)
def test_a_broken_statbank_csv_names_what_and_where(case):
    text, expected = CSV_CASES[case]
    assert problems_of(text.encode(), read_statbank_csv) == expected


# --- limits and content detection ---------------------------------------------------


def test_the_format_is_told_by_the_content_not_the_name():
    assert detect_format(FOLK1E_PX) == "px"
    assert detect_format(b"\xef\xbb\xbf  \n" + FOLK1E_PX) == "px"
    assert detect_format(employment_bytes()) == "json-stat"
    assert detect_format(EMPLOYMENT_CSV.encode()) == "csv"
    assert detect_format(b"# SYNTHETIC\nOMR\xc5DE;K\xd8N\n") == "csv"
    assert detect_format(b"table,indicator\n1,x\n") == "csv"
    assert statbank.is_statbank_csv(EMPLOYMENT_CSV.encode("cp1252"))
    assert not statbank.is_statbank_csv(b"table,indicator,year,group,value_pct\n")


def test_files_and_tables_beyond_the_limits_are_refused_before_reading():
    assert problems_of(b" " * (statbank.MAX_BYTES + 1)) == [
        ("too_big", "", {"limit": 20})
    ]
    ages = tuple(f"{n} år" for n in range(1000))
    dimensions = [
        Dimension("ALDER", "alder", ages, ages),
        Dimension("X", "x", ages, ages),
    ]
    header = FOLK1E_PX.split(b"STUB=")[0].decode("cp1252")
    text = header + (
        'STUB="alder";\nHEADING="x";\n'
        f'VALUES("alder")={",".join(chr(34) + a + chr(34) for a in ages)};\n'
        f'VALUES("x")={",".join(chr(34) + a + chr(34) for a in ages)};\nDATA=\n;'
    )
    assert problems_of(text.encode("cp1252")) == [
        ("too_many_cells", "", {"limit": MAX_CELLS})
    ]
    assert len(dimensions[0]) == 1000


def test_the_empty_file_is_a_problem_in_every_format():
    assert problems_of(b"") == [("csv_no_header", "", {})]
    assert problems_of(b"", read_px)[0][0] == "px_no_variables"
    assert problems_of(b"", read_jsonstat)[0][0] == "json_syntax"


# --- the fuzz: no input raises anything but StatbankError -------------------------

PX_PIECES = st.sampled_from(
    [
        'CHARSET="ANSI";',
        'STUB="køn";',
        'HEADING="tid";',
        'VALUES("køn")="Mænd","Kvinder";',
        'VALUES("tid")="2023K1";',
        'CODES("køn")="1";',
        'VARIABLE-CODE("køn")="KØN";',
        "DATA=",
        "1 2",
        '".."',
        "-",
        ";",
        '"',
        ",",
        "=",
        "\n",
        "TLIST(A1)",
        "KEYS",
        "\x00",
        "æ",
    ]
)


@FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_give_statbank_errors_only(data):
    for reader in (read_statbank, read_px, read_jsonstat, read_statbank_csv):
        try:
            reader(data)
        except StatbankError as error:
            assert error.problems
            assert all(str(problem) for problem in error.problems)


@FUZZ
@given(
    pieces=st.lists(PX_PIECES, max_size=40),
    encoding=st.sampled_from(["cp1252", "utf-8"]),
)
def test_random_px_text_gives_statbank_errors_only(pieces, encoding):
    data = "".join(pieces).encode(encoding)
    try:
        table = read_px(data)
    except StatbankError as error:
        assert all(str(problem) for problem in error.problems)
        return
    for mapper in (population_frame, statistics_frame):
        try:
            mapper(table)
        except StatbankError as error:
            assert all(str(problem) for problem in error.problems)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=20,
)


@FUZZ
@given(
    changes=st.dictionaries(
        st.sampled_from(
            ["id", "size", "dimension", "value", "status", "role", "class"]
        ),
        JSON_VALUES,
        max_size=3,
    )
)
def test_random_json_stat_gives_statbank_errors_only(changes):
    try:
        table = read_jsonstat(employment_bytes(**changes))
    except StatbankError as error:
        assert all(str(problem) for problem in error.problems)
        return
    for mapper in (population_frame, statistics_frame):
        try:
            mapper(table)
        except StatbankError as error:
            assert all(str(problem) for problem in error.problems)


CSV_PIECES = st.sampled_from([*'Aa1;,."\n\r-æ ', "INDHOLD", "TID", "..", "2022"])


@FUZZ
@given(pieces=st.lists(CSV_PIECES, max_size=60))
def test_random_statbank_csv_gives_statbank_errors_only(pieces):
    text = "".join(pieces)
    for data in (text.encode("utf-8"), ("TID;INDHOLD\n" + text).encode("cp1252")):
        try:
            table = read_statbank_csv(data)
        except StatbankError:
            continue
        try:
            statistics_frame(table, StatisticsMapping(table="x"))
        except StatbankError as error:
            assert all(str(problem) for problem in error.problems)


# --- onto official statistics -------------------------------------------------------


def test_a_table_maps_onto_statistics_rows_with_detected_dimensions():
    rows = statistics_frame(read_statbank(employment_bytes()))
    assert list(rows.columns) == STATISTICS_COLUMNS
    first = rows.iloc[0].to_dict()
    assert first == {
        "table": "RAS300",
        "indicator": "BESK",
        "breakdown": "18-19 år",
        "year": 2021,
        "group": "danish_origin",
        "value": 61.0,
        "status": "",
        "position": 1,
    }
    assert list(dict.fromkeys(rows["group"])) == [
        "danish_origin",
        "immigrants",
        "descendants",
    ]
    assert rows["position"].tolist() == list(range(1, 13))
    assert rows.loc[6, "status"] == ".." and math.isnan(rows.loc[6, "value"])


def test_the_mapping_names_the_table_indicator_and_dimensions():
    table = read_statbank(employment_bytes())
    mapping = StatisticsMapping(
        table="2",
        indicator="employment_rate",
        year_dimension="tid",
        group_dimension="herkomst",
        breakdown_dimension="Alder",
    )
    rows = statistics_frame(table, mapping)
    assert set(rows["table"]) == {"2"}
    assert set(rows["indicator"]) == {"employment_rate"}
    by_group = statistics_frame(
        table,
        StatisticsMapping(breakdown_dimension="HERKOMST", group_dimension="ALDER"),
    )
    assert by_group.loc[0, "breakdown"] == "Personer med dansk oprindelse"
    assert by_group.loc[0, "group"] == "1819"  # not an origin: the category's code


def test_a_table_without_origin_groups_is_of_everyone_or_the_given_group():
    table = cube_table(
        [
            Dimension("ContentsCode", "indhold", ("a", "b"), ("A", "B"), "metric"),
            Dimension("Tid", "tid", ("2020", "2021"), ("2020", "2021"), "time"),
        ],
        [1, 2, 3, 4],
        table_id="3",
    )
    rows = statistics_frame(
        table, StatisticsMapping(breakdown_dimension="ContentsCode")
    )
    assert rows[["indicator", "breakdown", "year", "group"]].values.tolist() == [
        ["a", "A", 2020, "all"],
        ["a", "A", 2021, "all"],
        ["b", "B", 2020, "all"],
        ["b", "B", 2021, "all"],
    ]
    rows = statistics_frame(table, StatisticsMapping(group="immigrants"))
    assert set(rows["group"]) == {"immigrants"} and set(rows["breakdown"]) == {""}


def test_the_empty_table_maps_onto_no_rows():
    table = read_statbank_csv(b"TID;INDHOLD\n2022;..\n")
    rows = statistics_frame(table, StatisticsMapping(table="t", indicator="i"))
    assert rows["value"].isna().all() and len(rows) == 1
    empty = statbank.StatbankTable(
        "csv",
        [Dimension("TID", "TID", (), ())],
        pd.DataFrame({"TID": [], "value": [], "status": []}),
        table_id="t",
    )
    pd.testing.assert_frame_equal(
        statistics_frame(empty),
        pd.DataFrame(
            {
                "table": pd.Series([], dtype=object),
                "indicator": pd.Series([], dtype=object),
                "breakdown": pd.Series([], dtype=object),
                "year": pd.Series([], dtype="int64"),
                "group": pd.Series([], dtype=object),
                "value": pd.Series([], dtype="float64"),
                "status": pd.Series([], dtype=object),
                "position": pd.Series([], dtype="int64"),
            }
        ),
        check_dtype=False,
        check_index_type=False,
    )


MAPPING_CASES = {
    "no_year": (
        cube_table(
            [Dimension("HERKOMST", "herkomst", ("4",), ("Indvandrere",))],
            [1],
            table_id="t",
        ),
        StatisticsMapping(),
        [("no_year", "", {"dimensions": "HERKOMST"})],
    ),
    "no_such_dimension": (
        None,
        StatisticsMapping(breakdown_dimension="KØN"),
        [
            (
                "no_dimension",
                "",
                {
                    "value": "KØN",
                    "dimensions": "OMRÅDE, HERKOMST, ALDER, ContentsCode, Tid",
                },
            )
        ],
    ),
    "choose_breakdown": (
        None,
        StatisticsMapping(group_dimension="ContentsCode"),
        [("choose_breakdown", "", {"dimensions": "HERKOMST, ALDER"})],
    ),
    "unmapped": (
        None,
        StatisticsMapping(breakdown_dimension="ContentsCode", group_dimension="OMRÅDE"),
        [
            ("unmapped", "dimension", {"dimension": "HERKOMST", "count": 3}),
            ("unmapped", "dimension", {"dimension": "ALDER", "count": 2}),
        ],
    ),
    "not_a_year": (
        cube_table(
            [Dimension("Tid", "tid", ("x",), ("1. kvartal",), "time")],
            [1],
            table_id="t",
        ),
        StatisticsMapping(),
        [("not_a_year", "category", {"dimension": "Tid", "category": "1. kvartal"})],
    ),
    "same_year": (
        cube_table(
            [Dimension("TID", "tid", ("2022K1", "2022K2"), ("2022K1", "2022K2"))],
            [1, 2],
            table_id="t",
        ),
        StatisticsMapping(),
        [
            (
                "same_year",
                "dimension",
                {
                    "dimension": "TID",
                    "value": "2022K1",
                    "other": "2022K2",
                    "year": 2022,
                },
            )
        ],
    ),
    "too_long": (
        None,
        StatisticsMapping(table="x" * 41),
        [("too_long", "", {"value": "x" * 41, "limit": 40, "field": "table"})],
    ),
    "no_name": (
        read_statbank_csv(b"TID;INDHOLD\n2022;1\n"),
        StatisticsMapping(),
        [("no_table_name", "", {})],
    ),
}


@pytest.mark.parametrize("case", MAPPING_CASES)
def test_a_mapping_that_does_not_fit_names_the_dimension(case):
    table, mapping, expected = MAPPING_CASES[case]
    table = table or read_statbank(employment_bytes())
    with pytest.raises(StatbankError) as caught:
        statistics_frame(table, mapping, max_lengths=MAX_LENGTHS)
    assert [
        (p.code, p.where, dict(p.params)) for p in caught.value.problems
    ] == expected


def test_statistics_files_in_any_format_become_the_same_rows():
    table = read_statbank(employment_bytes())
    mapping = StatisticsMapping(table="2", indicator="employment_rate")
    from_json = parse_statistics_file(employment_bytes(), mapping=mapping)
    from_px = parse_statistics_file(px_bytes(table), mapping=mapping)
    assert not from_json.problems and not from_px.problems
    assert from_json.rows == from_px.rows
    assert from_json.skipped == from_px.skipped == 1
    assert from_json.source == "Danmarks Statistik"
    assert from_json.rows[0].value == Decimal("61.0")
    with translation.override("en"):
        refused = parse_statistics_file(
            b"table,indicator,breakdown,year,group,value_pct\n", mapping=mapping
        )
    assert "options are for tables from Statistikbanken" in refused.problems[0]


# --- onto the population ------------------------------------------------------------


def test_folk1e_labels_the_csv_reader_does_not_know_are_named_once_per_dimension():
    data = FOLK1E_PX.replace('"Mænd"'.encode("cp1252"), b'"Drenge"').replace(
        b'"Indvandrere";', b'"Flygtninge";'
    )
    with pytest.raises(StatbankError) as caught:
        population_frame(read_px(data))
    assert [str(p) for p in caught.value.problems] == [
        "Dimension køn, category “Drenge”: not a sex in the table (Mænd or Kvinder).",
        "Dimension herkomst, category “Flygtninge”: not an origin group this "
        "importer knows (such as “Indvandrere”).",
    ]


def test_folk1e_with_a_missing_count_or_both_a_whole_and_its_split_is_refused():
    data = FOLK1E_PX.replace(b"180 185", b'180 ".."')
    assert [(p.code, p.params["position"]) for p in _population_problems(data)] == [
        ("missing_count", 12)
    ]
    split = FOLK1E_PX.replace(
        b'"Indvandrere";', b'"Indvandrere fra ikke-vestlige lande";'
    ).replace(b'"Personer med dansk oprindelse",', b'"Indvandrere",')
    assert [p.code for p in _population_problems(split)] == ["split_and_total"]
    no_age = cube_table(
        [Dimension("KØN", "køn", ("1",), ("Mænd",))], [1], table_id="FOLK1E"
    )
    assert [p.params["value"] for p in _population_problems(None, no_age)] == [
        "OMRÅDE",
        "ALDER",
        "HERKOMST",
        "TID",
    ]


def _population_problems(data, table=None):
    with pytest.raises(StatbankError) as caught:
        population_frame(table or read_px(data))
    return caught.value.problems


# --- translation ----------------------------------------------------------------------


def test_problems_are_shown_in_the_active_language():
    data, _expected = PX_CASES["missing_semicolon"]
    with pytest.raises(StatbankError) as caught:
        read_px(data)
    with translation.override("da"):
        danish = caught.value.render(gettext)
    assert danish == ["Linje 19: UNITS slutter ikke med »;«."]
    for code, template in {**statbank.MESSAGES, **statbank.WHERE}.items():
        with translation.override("da"):
            assert gettext(template) != template, code
