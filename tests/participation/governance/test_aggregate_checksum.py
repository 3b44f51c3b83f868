"""`manage.py aggregate_checksum` (participation/management/commands/
aggregate_checksum.py): digests of every disclosed catalogue table and the
row counts, for the backup and restore drill (TESTPLAN T29,
tests/security/test_t29_backup_restore.py). ``build_council_data`` is the
small fixture database both use."""

import hashlib
import io
import json
import re
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from participation.associations.models import AssociationKind, CompositionReport, Status
from participation.council import catalogue, exports
from participation.council.coding import answer_code
from participation.council.models import DisclosureSettings, QuoteStatus, Theme
from participation.governance.management.commands.aggregate_checksum import count_digest
from surveys.models import Answer, Question, SurveyResponse, Wave
from tests.conftest import build_small_survey
from tests.participation.factories import (
    AssociationFactory,
    CompositionReportFactory,
    IndicatorFactory,
    NeighbourhoodFactory,
    OfficialStatisticFactory,
)
from tests.surveys.factories import AnswerFactory, SurveyResponseFactory, WaveFactory

LANGS = [code for code, _name in settings.LANGUAGES]
ORIGINS = ("danish", "immigrant", "descendant", "unknown")
COMMENTS = (
    "أريد المزيد من الاجتماعات باللغة العربية",
    "ኣኼባታት ብትግርኛ ይሕግዙና",
    "Flere møder om aftenen",
    "Більше зустрічей українською",
)


@dataclass
class CouncilData:
    wave: Wave
    responses: int
    reports: int


def add_responses(wave: Wave, number: int, *, start: int = 0, agree=None) -> None:
    """``number`` responses in all nine languages and four origin groups,
    each answering the agreement, yes/no, multiple-choice and text
    questions of the small survey (tests/conftest.py)."""
    questions = {q.code: q for q in Question.objects.filter(survey=wave.survey)}
    for i in range(start, start + number):
        response = SurveyResponseFactory(
            wave=wave,
            language=LANGS[i % len(LANGS)],
            origin=ORIGINS[i % len(ORIGINS)],
            receipt_hash=hashlib.sha256(f"t29-{wave.pk}-{i}".encode()).hexdigest(),
        )
        AnswerFactory(
            response=response,
            question=questions["represented"],
            choice=agree or str(i % 5 + 1),
        )
        AnswerFactory(
            response=response,
            question=questions["member"],
            choice="yes" if i % 3 else "no",
        )
        AnswerFactory(
            response=response,
            question=questions["kinds"],
            choice=("sport", "culture")[i % 2],
        )
        if i % 2 == 0:
            AnswerFactory(
                response=response,
                question=questions["comment"],
                text=COMMENTS[i % len(COMMENTS)],
            )


def build_council_data(responses: int = 60) -> CouncilData:
    """A small municipality: the small survey with one opened wave and
    ``responses`` responses in nine languages, some open answers coded with
    a theme, five approved associations and boards with last year's
    composition reports, one pending (not counted), and an indicator on
    official statistics."""
    survey = build_small_survey()
    wave = WaveFactory(survey=survey, code="t29", name="Måling 2025")
    add_responses(wave, responses)
    theme = Theme.objects.create(
        code="meetings", name="Møder", name_da="Møder", name_ar="اجتماعات"
    )
    for answer in Answer.objects.filter(question__code="comment").order_by("pk")[:12]:
        answer_code(
            answer=answer, themes=[theme], quote_status=QuoteStatus.NONE, quote=""
        )
    east = NeighbourhoodFactory(
        code="aalborg-ost", name="Aalborg Øst", name_da="Aalborg Øst"
    )
    kinds = [AssociationKind.SCHOOL_BOARD] * 3 + [AssociationKind.SPORT] * 2
    for n, kind in enumerate(kinds):
        CompositionReportFactory(
            association=AssociationFactory(
                kind=kind, neighbourhood=east, name=f"Bestyrelse {n} · مجلس"
            ),
            members_danish_adult=20 + n,
            members_immigrant_adult=6 + n,
            members_descendant_child=5,
            board_danish_woman=3,
            board_immigrant_man=2 + n % 2,
            board_descendant_woman=1,
        )
    CompositionReportFactory(
        association=AssociationFactory(status=Status.PENDING, neighbourhood=east),
        members_danish_adult=99,
    )
    IndicatorFactory(code="employment")
    OfficialStatisticFactory()
    return CouncilData(
        wave=wave, responses=responses, reports=CompositionReport.objects.count()
    )


def run(**options) -> dict:
    out = io.StringIO()
    call_command("aggregate_checksum", stdout=out, **options)
    return json.loads(out.getvalue())


@pytest.fixture
def council_data(db) -> CouncilData:
    return build_council_data()


def test_every_catalogue_table_is_hashed_and_every_table_counted(council_data):
    result = run()
    wave = council_data.wave.pk
    keys = set(result["table_checksums"])
    for question in ("represented", "member", "kinds"):
        for breakdown in catalogue.BREAKDOWNS:
            assert f"survey:{question}:{wave}:{breakdown}" in keys
            assert f"survey:{question}:{wave}:{breakdown}:weighted" in keys
    year = CompositionReport.objects.first().year
    assert {
        f"participation:members:{year}",
        f"participation:board_members:{year}",
        "indicator:employment",
        "themes:all:all",
        f"themes:comment:{wave}",
        *(f"representation:{scope}" for scope in catalogue.REPRESENTATION_SCOPES),
    } <= keys
    # Background and free-text questions have no survey table.
    assert not any(k.startswith(("survey:born_dk", "survey:comment")) for k in keys)
    assert result["tables"] == len(keys)
    digests = [result["checksum"], *result["table_checksums"].values()]
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in digests)
    assert (
        result["checksum"]
        == hashlib.sha256(
            "".join(
                f"{k} {d}\n" for k, d in sorted(result["table_checksums"].items())
            ).encode()
        ).hexdigest()
    )
    rows = result["row_digests"]
    assert rows["surveys_surveyresponse"] == count_digest(
        "surveys_surveyresponse", council_data.responses
    )
    assert rows["participation_compositionreport"] == count_digest(
        "participation_compositionreport", council_data.reports
    )
    assert "django_migrations" in rows
    assert "participation_answercoding_themes" in rows  # many-to-many tables too
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in rows.values())
    assert "medborger_cache" in result["tables_without_model"]
    assert (result["language"], result["k"]) == ("da", 5)


def test_a_table_is_hashed_as_the_json_file_the_council_downloads(council_data):
    key = f"survey:represented:{council_data.wave.pk}:origin"
    with translation.override("da"):
        table = catalogue.table_for_key(key, policy=catalogue.policy())
        expected = hashlib.sha256(exports.to_json(table)).hexdigest()
    assert run()["table_checksums"][key] == expected


def test_the_output_holds_digests_only(council_data):
    out = io.StringIO()
    call_command("aggregate_checksum", stdout=out)
    text = out.getvalue()
    for comment in COMMENTS:
        assert comment not in text
        assert json.dumps(comment)[1:-1] not in text
    assert "Bestyrelse" not in text


def test_the_same_data_gives_the_same_output_and_new_answers_change_it(
    council_data,
):
    first = run()
    assert run() == first
    before = CompositionReport.objects.count()

    add_responses(council_data.wave, 10, start=1000, agree="5")

    second = run()
    assert second["checksum"] != first["checksum"]
    origin = f"survey:represented:{council_data.wave.pk}:origin"
    assert second["table_checksums"][origin] != first["table_checksums"][origin]
    for key, digest in first["table_checksums"].items():
        if key.startswith(("participation:", "representation:", "indicator:")):
            assert second["table_checksums"][key] == digest, key
    rows = second["row_digests"]
    assert rows["surveys_surveyresponse"] == count_digest(
        "surveys_surveyresponse", council_data.responses + 10
    )
    assert rows["participation_compositionreport"] == count_digest(
        "participation_compositionreport", before
    )


def test_it_changes_nothing(council_data):
    """Reading the disclosure settings would make their row; the command's
    transaction is rolled back, so no table changes."""
    DisclosureSettings.objects.all().delete()
    responses = SurveyResponse.objects.count()

    first = run()

    assert not DisclosureSettings.objects.exists()
    assert SurveyResponse.objects.count() == responses
    assert run()["row_digests"] == first["row_digests"]


def test_labels_follow_the_language_and_an_unknown_one_is_refused(council_data):
    danish, arabic = run(), run(language="ar")
    assert arabic["language"] == "ar"
    assert arabic["checksum"] != danish["checksum"]
    assert arabic["row_digests"] == danish["row_digests"]
    with pytest.raises(CommandError, match="--language"):
        run(language="xx")
