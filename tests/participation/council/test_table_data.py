"""participation/council/catalogue/table.py: a table built once carries its
labels in every language (``Table.to_data``) and is read back in one
(``Table.from_data``) with the numbers disclosure control published, so a
release can freeze every council table once and serve it in each language:
the frozen table's records and files equal the table built in that language,
and nothing disclosure control keeps for staff is written down."""

import datetime
import json

import pandas as pd
import pytest
from django.conf import settings
from django.utils.translation import override

from participation.associations.models import AssociationKind, Status
from participation.council import catalogue, exports
from participation.council.coding import answer_code
from participation.council.models import (
    IndicatorSource,
    OriginGroup,
    ParticipationMeasure,
    QuoteStatus,
    Theme,
)
from participation.stats.disclosure import TOTAL, Policy, Reason
from surveys.models import Answer, BackgroundRole, QuestionKind
from tests.participation.factories import (
    AssociationFactory,
    CompositionReportFactory,
    IndicatorFactory,
    IndicatorTargetFactory,
    OfficialStatisticFactory,
    PopulationCellFactory,
    PopulationTableFactory,
)
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyResponseFactory,
    WaveFactory,
)

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
POLICY = Policy(k=5, uniform_min=10)
YEAR = 2023
KINDS = (
    "survey",
    "survey_weighted",
    "survey_age_band",
    "participation",
    "representation",
    "indicator_survey",
    "indicator_participation",
    "indicator_statistics",
    "themes",
)


@pytest.fixture
def survey():
    """An agreement question (in Danish and English) of a wave closed in
    2023, answered with an age band (choices in Danish and English) and a
    gender: many Danish-origin and immigrant respondents, three descendants
    (too few to show), and a population table to weight them to."""
    section = SectionFactory()
    question = QuestionFactory(
        section=section,
        code="represented",
        kind=QuestionKind.AGREE,
        text_da="Jeg føler mig repræsenteret.",
        text_en="I feel represented.",
    )
    age = QuestionFactory(
        section=section,
        code="age",
        kind=QuestionKind.SINGLE,
        background_role=BackgroundRole.AGE_BAND,
    )
    for code, danish, english in (
        ("18_29", "18-29 år", "18-29 years"),
        ("30_49", "30-49 år", "30-49 years"),
    ):
        ChoiceFactory(question=age, code=code, label_da=danish, label_en=english)
    gender = QuestionFactory(
        section=section,
        code="gender",
        kind=QuestionKind.SINGLE,
        background_role=BackgroundRole.GENDER,
    )
    wave = WaveFactory(
        survey=section.survey,
        opens_on=datetime.date(YEAR, 3, 1),
        closes_on=datetime.date(YEAR, 4, 1),
    )
    answers = (
        [("danish", "4", "30_49", "woman")] * 8
        + [("danish", "2", "18_29", "man")] * 6
        + [("danish", "5", "30_49", "man")] * 6
        + [("immigrant", "5", "18_29", "woman")] * 6
        + [("immigrant", "1", "30_49", "man")] * 6
        + [("descendant", "4", "18_29", "woman")] * 3
    )
    for origin, choice, band, sex in answers:
        response = SurveyResponseFactory(wave=wave, origin=origin)
        Answer.objects.create(response=response, question=question, choice=choice)
        Answer.objects.create(response=response, question=age, choice=band)
        Answer.objects.create(response=response, question=gender, choice=sex)
    population = PopulationTableFactory(year=YEAR, period=f"{YEAR}K1")
    for origin, count in (("danish", 800), ("immigrant", 150), ("descendant", 50)):
        for band in ("18_29", "30_49"):
            for sex in ("woman", "man"):
                PopulationCellFactory(
                    table=population,
                    origin=origin,
                    age_band=band,
                    gender=sex,
                    count=count,
                )
    return question, wave, population


@pytest.fixture
def reports():
    """Board members of four school boards and three sports clubs in 2023."""
    for n in range(4):
        CompositionReportFactory(
            association=AssociationFactory(
                status=Status.APPROVED, kind=AssociationKind.SCHOOL_BOARD
            ),
            year=YEAR,
            board_danish_woman=3 + n,
            board_immigrant_man=2,
            board_descendant_woman=1,
        )
    for _n in range(3):
        CompositionReportFactory(
            association=AssociationFactory(
                status=Status.APPROVED, kind=AssociationKind.SPORT
            ),
            year=YEAR,
            members_danish_adult=40,
            members_immigrant_adult=9,
            board_danish_man=5,
            board_immigrant_woman=1,
        )


def themes(question, wave):
    """Open answers coded into two themes named in Danish and English."""
    text = QuestionFactory(section=question.section, code="why", kind=QuestionKind.TEXT)
    barrier = Theme.objects.create(
        code="language", name_da="Sprogbarrierer", name_en="Language barriers"
    )
    invited = Theme.objects.create(
        code="invited", name_da="Ikke inviteret", name_en="Not invited", sort_order=1
    )
    for n, response in enumerate(wave.responses.order_by("pk")):
        answer = Answer.objects.create(response=response, question=text, text="Svar")
        answer_code(
            answer=answer,
            themes=[barrier] if n % 3 else [barrier, invited],
            quote_status=QuoteStatus.NONE,
            quote="",
        )


def indicators(question):
    """An indicator of each source, named in Danish and English."""
    on_survey = IndicatorFactory(
        source=IndicatorSource.SURVEY,
        question=question,
        group=OriginGroup.IMMIGRANT,
        name_da="Indvandrere der føler sig repræsenteret",
        name_en="Immigrants who feel represented",
    )
    IndicatorTargetFactory(indicator=on_survey, year=YEAR)
    on_boards = IndicatorFactory(
        source=IndicatorSource.PARTICIPATION,
        measure=ParticipationMeasure.BOARD_SHARE,
        association_kind=AssociationKind.SCHOOL_BOARD,
        group=OriginGroup.MULTICULTURAL,
        name_da="Bestyrelsesposter",
        name_en="Board seats",
    )
    official = IndicatorFactory(name_da="Beskæftigelse", name_en="Employment")
    for year, value in ((2022, "57.9"), (2023, "59.1")):
        OfficialStatisticFactory(year=year, value=value)
    IndicatorTargetFactory(indicator=official, year=2026)
    return {
        "indicator_survey": on_survey,
        "indicator_participation": on_boards,
        "indicator_statistics": official,
    }


@pytest.fixture
def world(survey, reports):
    question, wave, population = survey
    themes(question, wave)
    return {
        "question": question,
        "wave": wave,
        "population": population,
        **indicators(question),
    }


def build(kind, world):
    """The catalogue table of ``kind``, built in the active language."""
    question, wave = world["question"], world["wave"]
    origin = catalogue.BREAKDOWNS["origin"]
    if kind == "survey":
        return catalogue.survey_table(question, wave, origin, policy=POLICY)
    if kind == "survey_weighted":
        return catalogue.survey_table(
            question,
            wave,
            origin,
            policy=POLICY,
            weighted=True,
            population=world["population"],
        )
    if kind == "survey_age_band":
        return catalogue.survey_table(
            question, wave, catalogue.BREAKDOWNS["age_band"], policy=POLICY
        )
    if kind == "participation":
        return catalogue.participation_origin_table(
            catalogue.participation_frame(),
            year=YEAR,
            measure="board_members",
            policy=POLICY,
        )
    if kind == "representation":
        return catalogue.representation_table(
            catalogue.participation_frame(), scope="school_daycare", policy=POLICY
        )
    if kind.startswith("indicator_"):
        return catalogue.indicator_table(world[kind], policy=POLICY)
    if kind == "themes":
        return catalogue.theme_table(policy=POLICY)
    raise AssertionError(kind)


@pytest.fixture
def tables(world):
    """One table of each kind, built once, in Danish (the default language)."""
    return {kind: build(kind, world) for kind in KINDS}


def frozen(table):
    """The table's data as a release stores it: through JSON text."""
    text = json.dumps(table.to_data(LANGUAGES), allow_nan=False, ensure_ascii=False)
    return json.loads(text), text


def assert_same_disclosed(read, built):
    pd.testing.assert_frame_equal(read.counts, built.counts)
    pd.testing.assert_frame_equal(read.hidden, built.hidden)
    pd.testing.assert_series_equal(read.row_totals, built.row_totals)
    pd.testing.assert_series_equal(read.column_totals, built.column_totals)
    assert read.total == built.total
    assert read.policy == built.policy
    assert read.values.keys() == built.values.keys()
    for name, frame in built.values.items():
        pd.testing.assert_frame_equal(read.values[name], frame)
    assert read.row_values.keys() == built.row_values.keys()
    for name, series in built.row_values.items():
        pd.testing.assert_series_equal(read.row_values[name], series)
    # The reasons are never written: the frozen table knows none.
    assert read.reasons.shape == built.reasons.shape
    assert read.reasons.index.equals(built.reasons.index)
    assert all(pd.api.types.is_object_dtype(t) for t in read.reasons.dtypes)
    assert read.reasons.isna().all().all()
    assert read.row_total_reasons.isna().all()
    assert read.column_total_reasons.isna().all()
    assert read.total_reason is None


@pytest.mark.parametrize("kind", KINDS)
def test_a_frozen_table_reads_back_as_built_in_every_language(tables, kind):
    table = tables[kind]
    data, _text = frozen(table)
    for language in LANGUAGES:
        read = catalogue.Table.from_data(data, language)
        assert_same_disclosed(read.disclosed, table.disclosed)
        assert (read.key, read.empty, read.show_total, read.targets) == (
            table.key,
            table.empty,
            table.show_total,
            table.targets,
        )
        assert [code for code, _label in read.rows] == [
            code for code, _label in table.rows
        ]
        with override(language):
            assert read.records() == table.records(), language
            for fmt in ("csv", "json"):
                assert exports.export(read, fmt) == exports.export(table, fmt), (
                    language,
                    fmt,
                )
            assert read.title == str(table.title)
            assert read.notes == [str(note) for note in table.notes]


def test_every_kind_has_numbers_to_compare(tables):
    """The tables above are not empty: the comparison compares something."""
    for kind, table in tables.items():
        shown = [
            value
            for record in table.records()
            for value in (*record["cells"], record["total"], record.get("value"))
            if value is not None
        ]
        assert shown, kind
    weighted = tables["survey_weighted"]
    assert any(s.code == "n_eff" for s in weighted.statistics), "not weighted"
    assert weighted.disclosed.row_values["n_eff"].notna().any()
    assert tables["indicator_statistics"].disclosed.counts.columns.empty


def test_labels_differ_by_language_where_translated(tables):
    data, _text = frozen(tables["survey_weighted"])
    assert data["title"]["da"] == "Jeg føler mig repræsenteret."
    assert data["title"]["en"] == "I feel represented."
    assert data["title"]["ar"] == "Jeg føler mig repræsenteret."  # Danish fallback
    assert data["row_heading"]["da"] == "Oprindelsesgruppe"
    assert data["row_heading"]["en"] == "Origin group"
    columns = dict(map(tuple, data["columns"]))
    assert columns["5"]["da"] == "Helt enig"
    assert columns["5"]["en"] == "Strongly agree"
    assert columns["5"]["uk"] not in ("Helt enig", "Strongly agree")
    # The note is translated around its numbers, which stay as computed
    # (35 respondents) in every language.
    weighted = data["notes"][-1]
    assert weighted["da"].startswith("Vægtet til befolkningen")
    assert weighted["en"].startswith("Weighted to the population")
    assert all(" 35." in weighted[lang] for lang in ("da", "en"))

    ages = dict(map(tuple, frozen(tables["survey_age_band"])[0]["rows"]))
    assert ages["18_29"] == {**ages["18_29"], "da": "18-29 år", "en": "18-29 years"}

    indicator = frozen(tables["indicator_survey"])[0]
    assert indicator["row_heading"]["da"] == "År"
    assert indicator["row_heading"]["en"] == "Year"
    assert indicator["title"]["en"] == "Immigrants who feel represented"
    group = dict(map(tuple, indicator["columns"]))["group"]
    assert (group["da"], group["en"]) == ("Enig (4-5)", "Agree (4-5)")
    boards = frozen(tables["indicator_participation"])[0]
    group = dict(map(tuple, boards["columns"]))["group"]
    assert (group["da"], group["en"]) == (
        "Multikulturel baggrund",
        "Multicultural background",
    )

    theme_rows = dict(map(tuple, frozen(tables["themes"])[0]["rows"]))
    assert theme_rows["language"]["en"] == "Language barriers"
    assert theme_rows["language"]["da"] == "Sprogbarrierer"

    data, _text = frozen(tables["survey"])
    files = {}
    for language in ("da", "en"):
        with override(language):
            content = exports.to_csv(catalogue.Table.from_data(data, language))
        files[language] = content.decode().splitlines()
    assert files["da"][0].startswith("\ufeffOprindelsesgruppe,Helt uenig,")
    assert files["en"][0].startswith("\ufeffOrigin group,Strongly disagree,")
    assert files["da"][-1].startswith("Alle,")
    assert files["en"][-1].startswith("All,")


@pytest.mark.parametrize("kind", KINDS)
def test_a_frozen_table_equals_the_table_built_in_its_language(world, tables, kind):
    """Frozen once (built in Danish), read in English or Arabic: the records
    and the files of the table built in that language. Rows a table sorts by
    label keep the Danish order; where the orders differ the records are
    compared row by row."""
    data, _text = frozen(tables[kind])
    for language in ("en", "ar"):
        with override(language):
            built = build(kind, world)
            read = catalogue.Table.from_data(data, language)
            records, expected = read.records(), built.records()
            if [r["code"] for r in records] != [r["code"] for r in expected]:
                assert sorted(records, key=by_code) == sorted(expected, key=by_code)
                continue
            assert records == expected, language
            for fmt in ("csv", "json"):
                assert exports.export(read, fmt) == exports.export(built, fmt)


def by_code(record):
    return str(record["code"])


def test_codes_keep_their_type_and_targets_their_years(tables):
    data, _text = frozen(tables["indicator_statistics"])
    assert [code for code, _texts in data["rows"]] == [2022, 2023]
    assert data["disclosed"]["index"] == [2022, 2023]
    read = catalogue.Table.from_data(data, "da")
    assert read.targets == {2026: 60.0}
    assert all(isinstance(code, int) for code, _label in read.rows)
    assert read.disclosed.counts.index.dtype == object
    survey_data, _text = frozen(tables["survey"])
    assert all(isinstance(code, str) for code, _texts in survey_data["rows"])


def test_a_hidden_cell_stays_hidden_and_no_reason_is_written(tables):
    table = tables["survey"]
    assert table.disclosed.hidden.loc["descendant"].any()
    data, text = frozen(table)
    position = data["disclosed"]["index"].index("descendant")
    assert None in data["disclosed"]["counts"][position]
    read = catalogue.Table.from_data(data, "en")
    assert read.disclosed.counts.loc["descendant"].isna().any()
    pd.testing.assert_frame_equal(read.disclosed.hidden, table.disclosed.hidden)
    assert "reason" not in text
    for reason in (Reason.PRIMARY, Reason.SECONDARY, Reason.UNIFORM):
        assert f'"{reason.value}"' not in text
    # The statistics of a row with a hidden cell are null, not NaN.
    share = data["disclosed"]["row_values"]["share_agree"]
    assert share["data"][share["index"].index("descendant")] is None
    assert TOTAL in share["index"]


def test_values_frames_keep_their_total_labels(tables):
    table = tables["participation"]
    assert table.disclosed.values
    data, _text = frozen(table)
    read = catalogue.Table.from_data(data, "da").disclosed
    for name, frame in table.disclosed.values.items():
        pd.testing.assert_frame_equal(read.values[name], frame)


def test_many_tables_are_frozen_together_as_one_by_one(tables):
    together = catalogue.tables_to_data(tables.values(), ["da", "en"])
    assert together == [table.to_data(["da", "en"]) for table in tables.values()]
    assert set(together[0]["title"]) == {"da", "en"}


def test_a_language_not_frozen_falls_back_to_danish(tables):
    data = tables["survey"].to_data(["da", "en"])
    read = catalogue.Table.from_data(data, "so")
    assert read.title == "Jeg føler mig repræsenteret."
    assert read.row_heading == "Oprindelsesgruppe"
    only_english = tables["survey"].to_data(["en"])
    assert catalogue.Table.from_data(only_english, "so").title == "I feel represented."


def test_unknown_data_is_refused(tables):
    data = tables["survey"].to_data(["da"])
    with pytest.raises(ValueError, match="version"):
        catalogue.Table.from_data({**data, "version": 99}, "da")
    with pytest.raises(ValueError, match="language"):
        tables["survey"].to_data([])


def test_labels_are_lazy_until_shown(tables):
    """Built in Danish, read in English: every label follows the reader."""
    table = tables["survey_weighted"]
    with override("en"):
        assert str(table.title) == "I feel represented."
        assert str(table.row_heading) == "Origin group"
        assert str(dict(table.columns)["5"]) == "Strongly agree"
        assert str(table.statistics[0].label) == "Agree (4-5)"
        assert str(table.notes[-1]).startswith("Weighted to the population")
        assert table.records()[-1]["label"] == "All"
    assert str(table.notes[-1]).startswith("Vægtet til befolkningen")
    assert table.records()[-1]["label"] == "Alle"


def test_a_table_without_rows_reads_back(survey):
    question, wave, _population = survey
    unanswered = QuestionFactory(section=question.section, kind=QuestionKind.AGREE)
    table = catalogue.survey_table(
        unanswered, wave, catalogue.BREAKDOWNS["origin"], policy=POLICY
    )
    assert not table.rows and table.disclosed.counts.empty
    data, _text = frozen(table)
    read = catalogue.Table.from_data(data, "en")
    assert read.empty == table.empty
    assert_same_disclosed(read.disclosed, table.disclosed)
    with override("en"):
        assert read.records() == table.records()
        assert exports.to_json(read) == exports.to_json(table)
