"""`manage.py import_statistics` and `manage.py import_population`, and the
statistics upload in the Wagtail admin: a clean file is imported, a file
with errors names line and column and imports nothing, and importing again
replaces rather than adds."""

import io
import json
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import override
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from participation.council.folk1e import synthetic_folk1e
from participation.council.models import (
    Indicator,
    IndicatorTarget,
    OfficialStatistic,
    PopulationCell,
    PopulationTable,
)
from tests.participation.factories import (
    GoalFactory,
    IndicatorFactory,
    OfficialStatisticFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Aalborg's published strategy tables (the demo imports the same file; a copy
# here, so a change to the demo's data cannot change what this test reads).
TABLES = (
    Path(__file__).resolve().parent.parent
    / "data"
    / "aalborg_integrationsstrategi_2023_tables.csv"
)


def run(*args, **options) -> str:
    """The command's output, in English (the messages are translated)."""
    out = io.StringIO()
    with override("en"):
        call_command(*args, stdout=out, **options)
    return out.getvalue()


def write(tmp_path, text: str, name="figures.csv", encoding="utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def table3_indicator():
    return IndicatorFactory(
        statistic_table="3",
        statistic_indicator="municipal_employees_non_western_actual",
        statistic_breakdown="Ansatte med ikke-vestlig baggrund",
        statistic_group="all",
        statistic_target_indicator="municipal_employees_non_western_target",
        baseline_year=2018,
    )


# --- import_statistics ----------------------------------------------------------


def test_the_strategy_tables_import_with_table_3_targets():
    indicator = table3_indicator()
    out = run("import_statistics", str(TABLES))
    assert "Imported 35 figures" in out
    assert "35 new, 0 updated; 4 indicator targets written" in out
    assert OfficialStatistic.objects.count() == 35
    row = OfficialStatistic.objects.get(
        table="2", breakdown="25-29 år", group="immigrants"
    )
    assert row.value == Decimal("57.9")
    assert row.indicator == "employment_rate"
    assert row.source.startswith("Aalborg Kommune, Integrationsstrategi 2023-2026")
    targets = dict(indicator.targets.values_list("year", "value"))
    assert targets == {
        2018: Decimal("5.8"),
        2019: Decimal("6.0"),
        2020: Decimal("6.2"),
        2021: Decimal("6.3"),
    }


def test_importing_the_same_file_again_changes_nothing():
    table3_indicator()
    run("import_statistics", str(TABLES))
    before = list(OfficialStatistic.objects.values_list("table", "year", "value"))
    out = run("import_statistics", str(TABLES))
    assert "0 new, 35 updated" in out
    assert list(OfficialStatistic.objects.values_list("table", "year", "value")) == (
        before
    )
    assert IndicatorTarget.objects.count() == 4


def test_a_corrected_figure_replaces_the_old_one(tmp_path):
    OfficialStatisticFactory(value=Decimal("50"))
    path = write(
        tmp_path,
        "table,indicator,breakdown,year,group,value_pct\n"
        "2,employment_rate,25-29 år,2022,immigrants,57.9\n",
    )
    assert "0 new, 1 updated" in run("import_statistics", path, source="DST")
    row = OfficialStatistic.objects.get()
    assert (row.value, row.source) == (Decimal("57.9"), "DST")


BAD = """\
# Source: a test
table,indicator,breakdown,year,group,value_pct
1,highest_completed_education_share,Grundskole,2022,danish_origin,20.3
1,highest_completed_education_share,Grundskole,22 A,immigrants,22.6
1,highest_completed_education_share,Grundskole,2022,descendants,39;0
2,employment_rate,18-19 år,2022,,61.4
2,employment_rate,18-19 år,2022,immigrants,138.8
1,highest_completed_education_share,Grundskole,2022,danish_origin,20.3
2,employment_rate,18-19 år,2022
"""


def test_a_file_with_errors_names_line_and_column_and_imports_nothing(tmp_path):
    with pytest.raises(CommandError) as caught:
        run("import_statistics", write(tmp_path, BAD))
    message = str(caught.value)
    assert "Nothing imported: 6 problem(s)" in message
    assert "Line 4, column year: “22 A” is not a year." in message
    assert "Line 5, column value_pct: “39;0” is not a number." in message
    assert "Line 6, column group: the field is empty." in message
    assert "Line 7, column value_pct: 138.8 is not a percentage" in message
    assert "Line 8: the same table, indicator, breakdown, year and group" in message
    assert "already on line 3" in message
    assert "Line 9: expected 6 fields, found 4." in message
    assert OfficialStatistic.objects.count() == 0


def test_a_header_without_a_column_or_with_a_strange_one_is_refused(tmp_path):
    missing = write(tmp_path, "table,indicator,breakdown,group,value_pct\n1,x,,all,5\n")
    with pytest.raises(CommandError, match="Line 1, column year: the header has no"):
        run("import_statistics", missing)
    extra = write(
        tmp_path,
        "table,indicator,breakdown,year,group,value_pct,target\n1,x,,2022,all,5,6\n",
    )
    with pytest.raises(CommandError, match="column target: this column is not one"):
        run("import_statistics", extra)
    with pytest.raises(CommandError, match="no header line"):
        run("import_statistics", write(tmp_path, "# only a comment\n"))
    with pytest.raises(CommandError, match="Cannot read"):
        run("import_statistics", str(tmp_path / "missing.csv"))
    assert OfficialStatistic.objects.count() == 0


def test_a_danish_spreadsheet_with_semicolons_and_decimal_commas(tmp_path):
    path = write(
        tmp_path,
        "table;indicator;breakdown;year;group;value\n"
        "4;jobs;I alt;2024;all;1.234,5\n"
        "4;share;;2024;all;12,5\n",
        encoding="cp1252",
    )
    with pytest.raises(CommandError, match="column value"):
        run("import_statistics", path)  # 1.234,5 is ambiguous: refused
    path = write(
        tmp_path,
        "table;indicator;breakdown;year;group;value\n4;share;;2024;all;12,5\n",
        encoding="cp1252",
    )
    run("import_statistics", path)
    row = OfficialStatistic.objects.get()
    assert (row.breakdown, row.value) == ("", Decimal("12.5"))


# --- import_population ----------------------------------------------------------

REAL_LOOKING = """\
OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD
Aalborg;Mænd;25 år;Personer med dansk oprindelse;2023K1;1500
Aalborg;Kvinder;25 år;Personer med dansk oprindelse;2023K1;1450
Aalborg;Mænd;25 år;Indvandrere fra vestlige lande;2023K1;120
Aalborg;Mænd;25 år;Indvandrere fra ikke-vestlige lande;2023K1;180
Aalborg;Kvinder;26 år;Indvandrere fra ikke-vestlige lande;2023K1;170
Aalborg;Kvinder;5 år;Efterkommere fra ikke-vestlige lande;2023K1;90
Aalborg;Kvinder;70 år;Personer med dansk oprindelse;2022K4;999
"""


def test_a_folk1e_download_is_stored_by_our_codes(tmp_path):
    out = run("import_population", write(tmp_path, REAL_LOOKING, encoding="cp1252"))
    table = PopulationTable.objects.get()
    assert (table.name, table.area, table.period, table.year) == (
        "FOLK1E Aalborg 2023K1",
        "Aalborg",
        "2023K1",
        2023,
    )
    assert not table.synthetic
    assert table.source == "Danmarks Statistik, StatBank FOLK1E"
    # The latest quarter only: 2022K4 is left out.
    assert table.total == 3510
    cells = {
        (c.origin, c.country_group, c.age_band, c.gender): c.count
        for c in table.cells.all()
    }
    assert cells == {
        ("danish", "", "18_29", "man"): 1500,
        ("danish", "", "18_29", "woman"): 1450,
        ("immigrant", "western", "18_29", "man"): 120,
        ("immigrant", "non_western", "18_29", "man"): 180,
        ("immigrant", "non_western", "18_29", "woman"): 170,
        ("descendant", "non_western", "under_18", "woman"): 90,
    }
    assert "6 cells, 3510 people" in out
    assert "SYNTHETIC" not in out


def test_a_synthetic_file_is_labelled_synthetic_and_reimport_replaces(tmp_path):
    text = synthetic_folk1e(
        total=10_000,
        area="Testkommune",
        period="2024K1",
        shares={"danish": 0.8, "immigrant": 0.15, "descendant": 0.05},
        seed=1,
    )
    path = write(tmp_path, text)
    out = run("import_population", path)  # no --synthetic: the file says so
    table = PopulationTable.objects.get()
    assert table.synthetic
    assert table.name == "FOLK1E Testkommune 2024K1 (synthetic)"
    assert "Imported SYNTHETIC population table" in out
    assert table.total == 10_000
    cells = PopulationCell.objects.count()
    run("import_population", path)
    assert PopulationTable.objects.count() == 1
    assert PopulationCell.objects.count() == cells
    assert PopulationTable.objects.get().total == 10_000
    smaller = synthetic_folk1e(
        total=5_000,
        area="Testkommune",
        period="2024K1",
        shares={"danish": 0.8, "immigrant": 0.15, "descendant": 0.05},
        seed=1,
    )
    run("import_population", write(tmp_path, smaller, name="again.csv"))
    assert PopulationTable.objects.get().total == 5_000


def test_options_name_the_table_and_mark_it_synthetic(tmp_path):
    path = write(tmp_path, REAL_LOOKING)
    run("import_population", path, name="Aalborg demo", synthetic=True, source="Me")
    table = PopulationTable.objects.get()
    assert (table.name, table.synthetic, table.source) == ("Aalborg demo", True, "Me")


def test_a_bad_folk1e_file_names_line_and_column_and_imports_nothing(tmp_path):
    bad = REAL_LOOKING.replace(";1450", ";mange").replace("Mænd;25", "Drenge;25", 1)
    with pytest.raises(CommandError) as caught:
        run("import_population", write(tmp_path, bad))
    message = str(caught.value)
    assert "Nothing imported: 2 problem(s)" in message
    assert "Line 2, column KØN: “Drenge” is not a sex" in message
    assert "Line 3, column INDHOLD: “mange” is not a whole number" in message
    assert PopulationTable.objects.count() == 0
    two_areas = REAL_LOOKING + "Aarhus;Mænd;25 år;Indvandrere;2023K1;1\n"
    with pytest.raises(CommandError, match="2 areas"):
        run("import_population", write(tmp_path, two_areas, name="two.csv"))
    run("import_population", write(tmp_path, two_areas, name="two.csv"), area="Aarhus")
    assert PopulationTable.objects.get().total == 1


def test_a_failed_reimport_keeps_the_table_as_it_was(tmp_path):
    run("import_population", write(tmp_path, REAL_LOOKING))
    with pytest.raises(CommandError):
        run("import_population", write(tmp_path, "OMRÅDE;KØN\n", name="bad.csv"))
    assert PopulationTable.objects.get().total == 3510


# --- the upload in the Wagtail admin ---------------------------------------------


@pytest.fixture
def staff(client):
    user = UserFactory(superuser=True, totp=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return user


STATISTICS = "wagtailsnippets_participation_officialstatistic"
IMPORT_URL = f"{STATISTICS}:import"


def upload(client, text: str):
    return client.post(
        reverse(IMPORT_URL),
        {"file": SimpleUploadedFile("figures.csv", text.encode()), "source": ""},
    )


def test_staff_upload_statistics_in_the_admin(client, staff):
    listing = client.get(reverse(f"{STATISTICS}:list"))
    assert reverse(IMPORT_URL) in listing.content.decode()
    assert client.get(reverse(IMPORT_URL)).status_code == HTTPStatus.OK
    table3_indicator()
    response = upload(client, TABLES.read_text(encoding="utf-8"))
    assert response.status_code == HTTPStatus.FOUND
    assert OfficialStatistic.objects.count() == 35
    assert IndicatorTarget.objects.count() == 4


def test_an_upload_with_errors_shows_them_and_imports_nothing(client, staff):
    response = upload(client, BAD)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Line 4, column year: “22 A” is not a year." in html
    assert "Line 9: expected 6 fields, found 4." in html
    assert OfficialStatistic.objects.count() == 0


def test_the_upload_is_for_staff_only(client):
    client.force_login(UserFactory(is_staff=True, totp=True))  # no permissions
    response = upload(client, TABLES.read_text(encoding="utf-8"))
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert OfficialStatistic.objects.count() == 0


def test_a_goal_with_indicators_cannot_be_removed_from_the_strategy(client, staff):
    goal = GoalFactory(code="work", title_da="Flere i job")
    IndicatorFactory(goal=goal)
    strategy = goal.strategy
    data = nested_form_data(
        {
            "name_da": strategy.name_da,
            "valid_from": strategy.valid_from,
            "valid_to": strategy.valid_to,
            "goals": inline_formset(
                [
                    {
                        "id": goal.pk,
                        "code": goal.code,
                        "title_da": goal.title_da,
                        "DELETE": "1",
                        "ORDER": "1",
                    }
                ],
                initial=1,
            ),
        }
    )
    response = client.post(
        reverse("wagtailsnippets_participation_strategy:edit", args=[strategy.pk]),
        data,
    )
    assert response.status_code == HTTPStatus.OK
    assert "still has indicators" in response.content.decode()
    assert Indicator.objects.filter(goal=goal).exists()


# --- Statistics Denmark's own formats -----------------------------------------------

# Table 3 as JSON-stat from the API: its two contents (the actual share and
# the måltal) are also its breakdown, which the import is told.
TABLE_3_JSONSTAT = {
    "version": "2.0",
    "class": "dataset",
    "label": "Kommunens ansatte med ikke-vestlig baggrund og måltal (pct.)",
    "source": "Silkeborg Data / Danmarks Statistik",
    "id": ["ContentsCode", "Tid"],
    "size": [2, 3],
    "role": {"metric": ["ContentsCode"], "time": ["Tid"]},
    "dimension": {
        "ContentsCode": {
            "label": "indhold",
            "category": {
                "index": [
                    "municipal_employees_non_western_target",
                    "municipal_employees_non_western_actual",
                ],
                "label": {
                    "municipal_employees_non_western_target": "Måltal",
                    "municipal_employees_non_western_actual": (
                        "Ansatte med ikke-vestlig baggrund"
                    ),
                },
            },
        },
        "Tid": {"label": "tid", "category": {"index": ["2018", "2019", "2020"]}},
    },
    "value": {"0": 5.8, "1": 6.0, "2": 6.2, "3": 4.3, "5": 5.0},
    "status": {"4": ".."},
    "extension": {"px": {"tableid": "3"}},
}


def test_a_json_stat_table_imports_with_the_dimensions_named(tmp_path):
    indicator = table3_indicator()
    path = tmp_path / "tabel3.json"  # the content, not the name, says JSON-stat
    path.write_text(json.dumps(TABLE_3_JSONSTAT), encoding="utf-8")
    out = run("import_statistics", str(path), breakdown_dimension="ContentsCode")
    assert "Imported 5 figures" in out
    assert "1 figures marked missing (such as “..”) were left out." in out
    actual = OfficialStatistic.objects.filter(
        indicator="municipal_employees_non_western_actual"
    )
    assert list(actual.values_list("year", "value", "breakdown", "group")) == [
        (2018, Decimal("4.3"), "Ansatte med ikke-vestlig baggrund", "all"),
        (2020, Decimal("5.0"), "Ansatte med ikke-vestlig baggrund", "all"),
    ]
    assert actual.first().source == "Silkeborg Data / Danmarks Statistik"
    assert dict(indicator.targets.values_list("year", "value")) == {
        2018: Decimal("5.8"),
        2019: Decimal("6.0"),
        2020: Decimal("6.2"),
    }


def test_a_table_that_does_not_fit_names_its_dimension_and_imports_nothing(tmp_path):
    path = tmp_path / "tabel3.json"
    path.write_text(json.dumps(TABLE_3_JSONSTAT), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("import_statistics", str(path), breakdown_dimension="UDDANNELSE")
    assert "The table has no dimension UDDANNELSE" in str(caught.value)
    with pytest.raises(CommandError, match="options are for tables from Stat"):
        run("import_statistics", str(TABLES), table="1")
    assert OfficialStatistic.objects.count() == 0


FOLK1E_PX = """\
CHARSET="ANSI";
AXIS-VERSION="2006";
LANGUAGE="da";
MATRIX="FOLK1E";
TITLE="Befolkningen den 1. i kvartalet efter område, køn, alder, herkomst og tid";
NOTE="SYNTHETIC: made up for a test.";
STUB="område","køn","alder","herkomst";
HEADING="tid";
VALUES("område")="Aalborg";
VALUES("køn")="Mænd","Kvinder";
VALUES("alder")="25 år";
VALUES("herkomst")="Personer med dansk oprindelse",
"Indvandrere fra ikke-vestlige lande";
VALUES("tid")="2023K1";
DATA=
1500
180
1450
170
;
"""


def test_a_folk1e_px_file_is_stored_as_the_csv_would_be(tmp_path):
    path = tmp_path / "FOLK1E.px"
    path.write_bytes(FOLK1E_PX.replace("\n", "\r\n").encode("cp1252"))
    out = run("import_population", str(path))
    table = PopulationTable.objects.get()
    assert table.synthetic  # its note says so
    assert (table.area, table.period, table.total) == ("Aalborg", "2023K1", 3300)
    cells = {
        (c.origin, c.country_group, c.age_band, c.gender): c.count
        for c in table.cells.all()
    }
    assert cells == {
        ("danish", "", "18_29", "man"): 1500,
        ("immigrant", "non_western", "18_29", "man"): 180,
        ("danish", "", "18_29", "woman"): 1450,
        ("immigrant", "non_western", "18_29", "woman"): 170,
    }
    assert "Imported SYNTHETIC population table" in out


def test_a_bad_folk1e_px_file_names_the_category_and_imports_nothing(tmp_path):
    path = tmp_path / "FOLK1E.px"
    path.write_bytes(FOLK1E_PX.replace('"Mænd"', '"Drenge"').encode("cp1252"))
    with pytest.raises(CommandError) as caught:
        run("import_population", str(path))
    assert "Nothing imported: 1 problem(s)" in str(caught.value)
    assert (
        "Dimension køn, category “Drenge”: not a sex in the table (Mænd or Kvinder)."
        in str(caught.value)
    )
    with override("da"), pytest.raises(CommandError) as caught:
        call_command("import_population", str(path), stdout=io.StringIO())
    assert "Dimensionen køn, kategorien »Drenge«: ikke et køn" in str(caught.value)
    assert not PopulationTable.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr("participation.council.management.files.MAX_BYTES", 100)
    path = write(tmp_path, "x" * 101)
    for command in ("import_statistics", "import_population"):
        with pytest.raises(CommandError, match="larger than 0 MB"):
            run(command, path)


def test_staff_upload_a_statbank_table_naming_its_breakdown(client, staff):
    table3_indicator()
    response = client.post(
        reverse(IMPORT_URL),
        {
            "file": SimpleUploadedFile(
                "tabel3.json", json.dumps(TABLE_3_JSONSTAT).encode()
            ),
            "source": "",
            "breakdown_dimension": "contentscode",
        },
        follow=True,
    )
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Imported 5 figures" in html
    assert "1 figures marked missing" in html
    assert OfficialStatistic.objects.count() == 5
    assert IndicatorTarget.objects.count() == 3
    response = client.post(
        reverse(IMPORT_URL),
        {
            "file": SimpleUploadedFile(
                "tabel3.json", json.dumps(TABLE_3_JSONSTAT).encode()
            ),
            "year_dimension": "ÅR",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "The table has no dimension ÅR" in response.content.decode()
