"""T26: files that are not what an upload expects. Every CSV way in — the
representatives' activity import, the staff's statistics upload and
XLSForm import, and the population and statistics commands — answers a
malformed file (a 131,073-character cell, a 10 MB line, NUL bytes, invalid
UTF-8, unbalanced quotes, an empty file, a header only, a BOM only, the
wrong delimiter, too many cells, random bytes) with a translated message,
naming the row and column where it can, and imports nothing. Never a
server error, never a traceback (SPEC §4.4).

The pages are read in English (the representative's URL, the staff's admin
language) so the assertions name the messages; one test reads the Danish
page and expects the Danish catalogue's text. UPLOAD_FUZZ_EXAMPLES sets the
number of random files per way in (.ci/run uses 500: the reading of a file
is the same on either database, and 2,000 took five minutes)."""

import html
import os
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import gettext, override
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.csvread import MESSAGES
from participation.associations.forms import CSV_LIMITS as ACTIVITY_LIMITS
from participation.associations.models import Activity, Status
from participation.council.indicators import CSV_LIMITS as STATISTICS_LIMITS
from participation.council.models import OfficialStatistic, PopulationTable
from surveys.models import Question, Survey
from surveys.xlsform import CSV_LIMITS as XLSFORM_LIMITS
from tests.admin_helpers import staff_with
from tests.participation.factories import (
    AssociationFactory,
    NeighbourhoodFactory,
    RepresentationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("UPLOAD_FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LONG = "x" * 131_073  # one past the csv module's own limit
TEN_MB = "y" * (10 * 1024 * 1024)

UNCLOSED = "A quoted cell is never closed"
NUL = "The cell holds a NUL character"
EMPTY = "The submitted file is empty."  # Django's own, translated by Django


def too_long(limits) -> str:
    return f"The cell is longer than {limits.cell_chars} characters."


def too_wide(limits) -> str:
    return f"The row has more than {limits.columns} cells."


def page(response) -> str:
    """The page as the user reads it (entities such as &quot; decoded)."""
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR
    return html.unescape(response.content.decode())


junk_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(',;\t"\n\r\x00 ab1-æ\ufeff')), st.characters()
    ),
    max_size=400,
)


def junk(header: str) -> st.SearchStrategy[bytes]:
    """Random files: bytes, text, or the form's header over random text."""
    return st.one_of(
        st.binary(max_size=2000),
        junk_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
        junk_text.map(lambda t: (header + t).encode("utf-8", "surrogatepass")),
    )


# --- the activity import (representative) ----------------------------------

ACTIVITY_HEADER = "date,title,kind,neighbourhood,participants_total\n"
ACTIVITY_ROW = "2025-04-01,Fodbold,sport,aalborg_ost,30\n"


@pytest.fixture
def association(client):
    """A signed-in representative's association."""
    place = NeighbourhoodFactory(code="aalborg_ost")
    user = UserFactory()
    association = AssociationFactory(neighbourhood=place, status=Status.APPROVED)
    RepresentationFactory(user=user, association=association, status=Status.APPROVED)
    client.force_login(user)
    return association


def post_activities(client, association, data: bytes, lang="en"):
    with override(lang):
        url = reverse("participation:activity_import", args=[association.public_id])
    upload = SimpleUploadedFile("activities.csv", data, content_type="text/csv")
    return client.post(url, {"file": upload})


ACTIVITY_CASES = {
    "long_cell": (
        ACTIVITY_HEADER + "2025-04-01," + LONG + ",sport,aalborg_ost,3\n",
        too_long(ACTIVITY_LIMITS),
    ),
    "ten_mb_line": (ACTIVITY_HEADER + TEN_MB + "\n", "The file is larger than 1 MB."),
    "nul": (
        ACTIVITY_HEADER + ACTIVITY_ROW.replace("Fodbold", "Fod\x00bold"),
        "The file is not a CSV text file.",
    ),
    "invalid_utf8": (
        ACTIVITY_HEADER.encode() + b"2025-04-01,Fodbold \xff\xfe,sport\n",
        "The file is not UTF-8 text.",
    ),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", "not UTF-8 text"),
    "unbalanced_quotes": (
        ACTIVITY_HEADER + ACTIVITY_ROW.replace("Fodbold", '"Fodbold'),
        UNCLOSED,
    ),
    "text_after_quote": (
        ACTIVITY_HEADER + ACTIVITY_ROW.replace("Fodbold", '"Fod"bold'),
        "The cell has text after its closing quotation mark",
    ),
    "empty": (b"", EMPTY),
    "header_only": (ACTIVITY_HEADER, "The file has no activities."),
    "bom_only": (b"\xef\xbb\xbf", "The header row lacks the column(s)"),
    "wrong_delimiter": (
        (ACTIVITY_HEADER + ACTIVITY_ROW).replace(",", "\t"),
        "The header row lacks the column(s)",
    ),
    "too_many_cells": (
        ACTIVITY_HEADER + "," * 20_000 + "\n",
        too_wide(ACTIVITY_LIMITS),
    ),
}


@pytest.mark.parametrize("case", ACTIVITY_CASES)
def test_activity_import_refuses_a_malformed_file(client, association, case):
    data, message = ACTIVITY_CASES[case]
    response = post_activities(
        client, association, data if isinstance(data, bytes) else data.encode()
    )
    assert response.status_code == HTTPStatus.OK
    assert message in page(response)
    assert not Activity.objects.exists()


def test_activity_import_names_the_row_and_column_of_a_long_cell(client, association):
    data = ACTIVITY_HEADER + ACTIVITY_ROW + "2025-04-02," + LONG + ",sport\n"
    response = post_activities(client, association, data.encode())
    assert [(p.row, p.column) for p in response.context["problems"]] == [(3, "title")]
    assert "<td>3</td><td><code>title</code></td>" in page(response)
    assert not Activity.objects.exists()


def test_activity_import_message_is_in_the_users_language(client, association):
    data = ACTIVITY_HEADER + '2025-04-01,"Fodbold\n'
    response = post_activities(client, association, data.encode(), lang="da")
    with override("da"):
        expected = gettext(MESSAGES["unclosed_quote"])
    assert expected in page(response)
    assert not Activity.objects.exists()


def test_activity_import_of_a_clean_file_still_works(client, association):
    response = post_activities(
        client, association, ("\ufeff" + ACTIVITY_HEADER + ACTIVITY_ROW).encode()
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Activity.objects.get().title == "Fodbold"


@FUZZ
@given(data=junk(ACTIVITY_HEADER))
def test_random_activity_files_get_a_message_and_import_nothing(
    client, association, data
):
    response = post_activities(client, association, data)
    page(response)
    assert response.status_code == HTTPStatus.OK
    assert response.context["problems"] or response.context["form"].errors
    assert not Activity.objects.exists()


# --- the statistics upload (staff) -------------------------------------------

STATISTICS_HEADER = "table,indicator,breakdown,year,group,value_pct\n"
STATISTICS_CASES = {
    "long_cell": (
        STATISTICS_HEADER + "1," + LONG + ",,2022,all,5\n",
        "Line 2, column indicator: " + too_long(STATISTICS_LIMITS),
    ),
    "ten_mb_line": (STATISTICS_HEADER + TEN_MB + "\n", "The file is larger than 2 MB."),
    "nul": (
        STATISTICS_HEADER + "1,share,,2022,all,5\n1,jo\x00bs,,2022,all,5\n",
        "Line 3: " + NUL,
    ),
    "nul_in_a_comment": ("# Source: \x00\n" + STATISTICS_HEADER, "Line 1: " + NUL),
    "invalid_utf8": (
        b"\xc3\x28\xa0\xa1\x81\n1,2\n",
        "Line 1, column table: the header has no such column.",
    ),
    "utf16": (
        ("\ufeff" + STATISTICS_HEADER).encode("utf-16-le"),
        "Line 1: " + NUL,
    ),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", NUL),
    "unbalanced_quotes": (
        STATISTICS_HEADER + '1,"share,,2022,all,5\n',
        "Line 2, column indicator: " + UNCLOSED,
    ),
    "empty": (b"", EMPTY),
    "header_only": (STATISTICS_HEADER, "The file has no figures."),
    "bom_only": (b"\xef\xbb\xbf", "The file has no header line."),
    "wrong_delimiter": (
        STATISTICS_HEADER.replace(",", "\t") + "1\tshare\t\t2022\tall\t5\n",
        "the header has no such column.",
    ),
    "too_many_cells": (
        STATISTICS_HEADER + "1," * 200 + "\n",
        "Line 2, column 101: " + too_wide(STATISTICS_LIMITS),
    ),
}


@pytest.fixture
def statistics_staff(client):
    return staff_with(
        client,
        "add_officialstatistic",
        "view_officialstatistic",
        app_label="participation",
    )


def post_statistics(client, data: bytes):
    url = reverse("wagtailsnippets_participation_officialstatistic:import")
    upload = SimpleUploadedFile("figures.csv", data, content_type="text/csv")
    return client.post(url, {"file": upload, "source": ""})


@pytest.mark.parametrize("case", STATISTICS_CASES)
def test_statistics_upload_refuses_a_malformed_file(client, statistics_staff, case):
    data, message = STATISTICS_CASES[case]
    response = post_statistics(
        client, data if isinstance(data, bytes) else data.encode()
    )
    assert response.status_code == HTTPStatus.OK
    assert message in page(response)
    assert not OfficialStatistic.objects.exists()


def test_statistics_upload_of_a_clean_file_still_works(client, statistics_staff):
    response = post_statistics(
        client, (STATISTICS_HEADER + "1,x,,2022,all,5\n").encode()
    )
    assert response.status_code == HTTPStatus.FOUND
    assert OfficialStatistic.objects.count() == 1


@FUZZ
@given(data=junk(STATISTICS_HEADER))
def test_random_statistics_files_get_a_message_and_import_nothing(
    client, statistics_staff, data
):
    response = post_statistics(client, data)
    page(response)
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors
    assert not OfficialStatistic.objects.exists()


# Statistics Denmark's own formats come in through the same upload and
# commands (participation/council/statbank/): random PX and JSON-stat too.
PX_HEADER = 'CHARSET="ANSI";\nSTUB="køn";\nHEADING="tid";\nVALUES("køn")="Mænd";\n'
JSON_HEADER = '{"version": "2.0", "class": "dataset", "id": ["TID"], "size": [1], '


def statbank_junk() -> st.SearchStrategy[bytes]:
    return st.one_of(junk(PX_HEADER), junk(JSON_HEADER))


@FUZZ
@given(data=statbank_junk())
def test_random_statbank_tables_get_a_message_and_import_nothing(
    client, statistics_staff, data
):
    response = post_statistics(client, data)
    page(response)
    assert response.status_code == HTTPStatus.OK
    assert response.context["form"].errors
    assert not OfficialStatistic.objects.exists()


# --- the XLSForm import (staff) ----------------------------------------------

XLSFORM_HEADER = "survey,type,name,label\n"
XLSFORM_ROW = ",text,q1,Question one\n"
XLSFORM_CASES = {
    "long_cell": (XLSFORM_HEADER + ",text,q1," + LONG + "\n", too_long(XLSFORM_LIMITS)),
    "long_cell_far_right": (
        XLSFORM_HEADER + "," * 20_000 + LONG + "\n",
        too_long(XLSFORM_LIMITS),
    ),
    "ten_mb_line": (XLSFORM_HEADER + TEN_MB + "\n", "The file is larger than 5 MB."),
    "nul": (XLSFORM_HEADER + XLSFORM_ROW.replace("q1", "q\x001"), NUL),
    "invalid_utf8": (
        XLSFORM_HEADER.encode() + b",text,q1,\xff\xfe\n",
        "The CSV file is not UTF-8 text.",
    ),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", "not UTF-8 text"),
    "unbalanced_quotes": (XLSFORM_HEADER + ',text,"q1,Question one\n', UNCLOSED),
    "empty": (b"", EMPTY),
    "header_only": (XLSFORM_HEADER, "The form has no question that Medborger can ask."),
    "bom_only": (b"\xef\xbb\xbf", "The CSV file holds no XLSForm sheets."),
    "wrong_delimiter": (
        (XLSFORM_HEADER + XLSFORM_ROW).replace(",", ";"),
        "The file holds no sheets.",
    ),
    "too_many_cells": (XLSFORM_HEADER + "," * 20_000 + "\n", too_wide(XLSFORM_LIMITS)),
}


@pytest.fixture
def survey_staff(client):
    return staff_with(client, "add_survey")


def post_xlsform(client, data: bytes):
    upload = SimpleUploadedFile("form.csv", data, content_type="text/csv")
    return client.post(reverse("surveys_xlsform_import"), {"file": upload, "code": ""})


@pytest.mark.parametrize("case", XLSFORM_CASES)
def test_xlsform_import_refuses_a_malformed_file(client, survey_staff, case):
    data, message = XLSFORM_CASES[case]
    response = post_xlsform(client, data if isinstance(data, bytes) else data.encode())
    assert response.status_code == HTTPStatus.OK
    assert message in page(response)
    assert not Survey.objects.exists()
    assert not Question.objects.exists()


def test_xlsform_import_names_sheet_row_and_column_of_a_long_cell(client, survey_staff):
    data = XLSFORM_HEADER + XLSFORM_ROW + ",text,q2," + LONG + "\n"
    response = post_xlsform(client, data.encode())
    [problem] = response.context["report"].errors
    assert (problem.sheet, problem.row, problem.column) == ("survey", 3, "D")
    text = page(response)
    assert "<td>survey</td>" in text and "<td>3</td>" in text
    assert not Survey.objects.exists()


def test_xlsform_import_of_a_clean_csv_still_works(client, survey_staff):
    data = XLSFORM_HEADER + XLSFORM_ROW + "settings,form_id\n,clean\n"
    response = post_xlsform(client, data.encode())
    assert response.context["report"].ok, response.context["report"].errors
    assert Survey.objects.filter(code="clean").exists()


@FUZZ
@given(data=junk(XLSFORM_HEADER))
def test_random_xlsform_files_get_a_message_and_import_nothing(
    client, survey_staff, data
):
    response = post_xlsform(client, data)
    page(response)
    assert response.status_code == HTTPStatus.OK
    report = response.context.get("report")
    assert (report and report.errors) or response.context["form"].errors
    assert not Survey.objects.exists()


# --- the commands: import_population and import_statistics -------------------

FOLK1E_HEADER = "OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD\n"
FOLK1E_ROW = "Aalborg;Mænd;25 år;Indvandrere;2023K1;12\n"
POPULATION_CASES = {
    "long_cell": (
        FOLK1E_HEADER + "Aalborg;" + LONG + ";25 år;Indvandrere;2023K1;1\n",
        "Line 2, column KØN: The cell is longer than 1000 characters.",
    ),
    "ten_mb_line": (
        FOLK1E_HEADER + "Aalborg;" + TEN_MB + "\n",
        "Line 2, column KØN: The cell is longer than 1000 characters.",
    ),
    "nul": (FOLK1E_HEADER + FOLK1E_ROW.replace("Mænd", "M\x00nd"), "Line 2: " + NUL),
    "broken_utf16": (b"\xff\xfeO\x00M\x00R", "Line 1: " + NUL),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff", NUL),
    "unbalanced_quotes": (
        FOLK1E_HEADER + FOLK1E_ROW.replace("Mænd", '"Mænd'),
        "Line 2, column KØN: " + UNCLOSED,
    ),
    "empty": (b"", "The file has no header line."),
    "header_only": (FOLK1E_HEADER, "The file has no population rows."),
    "bom_only": (b"\xef\xbb\xbf", "The file has no header line."),
    "wrong_delimiter": (
        (FOLK1E_HEADER + FOLK1E_ROW).replace(";", "|"),
        "The file has no header line.",
    ),
    "too_many_cells": (FOLK1E_HEADER + ";" * 20_000 + "\n", "more than 16384 cells"),
    "huge_count": (
        FOLK1E_HEADER + FOLK1E_ROW.replace(";12", ";99999999999999999999999"),
        "is not a whole number of persons",
    ),
    "long_area": (
        FOLK1E_HEADER + FOLK1E_ROW.replace("Aalborg", "A" * 500),
        "the area name is longer than 120 characters",
    ),
}


def run_command(tmp_path, command: str, data: bytes) -> str:
    """The command's CommandError message (in English); fails the test if
    the command imports or raises anything else."""
    path = tmp_path / "upload.csv"
    path.write_bytes(data)
    with override("en"), pytest.raises(CommandError) as caught:
        call_command(command, str(path))
    return str(caught.value)


@pytest.mark.parametrize("case", POPULATION_CASES)
def test_import_population_refuses_a_malformed_file(tmp_path, case):
    data, message = POPULATION_CASES[case]
    data = data if isinstance(data, bytes) else data.encode()
    assert message in run_command(tmp_path, "import_population", data)
    assert not PopulationTable.objects.exists()


@pytest.mark.parametrize(
    "case", ["long_cell", "nul", "unbalanced_quotes", "header_only", "too_many_cells"]
)
def test_import_statistics_refuses_a_malformed_file(tmp_path, case):
    data, message = STATISTICS_CASES[case]
    said = run_command(tmp_path, "import_statistics", data.encode())
    assert said.startswith("Nothing imported")
    assert message in said
    assert not OfficialStatistic.objects.exists()


@FUZZ
@given(data=junk(FOLK1E_HEADER))
def test_random_population_files_fail_with_a_message(tmp_path, data):
    assert run_command(tmp_path, "import_population", data)
    assert not PopulationTable.objects.exists()


@FUZZ
@given(data=statbank_junk())
def test_random_px_and_json_stat_files_fail_with_a_message(tmp_path, data):
    for command in ("import_population", "import_statistics"):
        assert run_command(tmp_path, command, data)
    assert not PopulationTable.objects.exists()
    assert not OfficialStatistic.objects.exists()
