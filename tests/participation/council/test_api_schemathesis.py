"""schemathesis over /api/v1/openapi.json, against the WSGI
application in-process: no operation answers 5xx, every response matches the
schema (status, content type, body), invalid parameters are refused, and no
council operation answers 200 without a token. Once with a council token
(schemathesis also probes each council operation without and with a wrong
token: ignored_auth), once with none.

A modest number of examples per operation keeps the run under a minute; the
database holds a little of everything so that 200s have something to show.
"""

import datetime
from http import HTTPStatus

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from participation.associations.models import AssociationKind
from participation.council import api_tokens, snapshots
from participation.council.models import (
    IndicatorSource,
    OriginGroup,
    ParticipationMeasure,
)
from tests.participation.factories import (
    AssociationFactory,
    CompositionReportFactory,
    IndicatorFactory,
    UserFactory,
)
from tests.surveys.factories import (
    AnswerFactory,
    QuestionFactory,
    SectionFactory,
    SurveyResponseFactory,
    WaveFactory,
)

EXAMPLES = settings(
    max_examples=10,
    deadline=None,
    # The database fixture is set up once per test, on purpose: the API is
    # read-only, so every example sees the same data.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _data():
    section = SectionFactory()
    question = QuestionFactory(section=section, code="represented")
    wave = WaveFactory(
        survey=section.survey,
        opens_on=datetime.date(2023, 3, 1),
        closes_on=datetime.date(2023, 4, 1),
    )
    for n in range(24):
        AnswerFactory(
            response=SurveyResponseFactory(
                wave=wave, origin=("danish", "immigrant", "descendant")[n % 3]
            ),
            question=question,
            choice=str(1 + n % 5),
        )
    for n in range(3):
        CompositionReportFactory(
            association=AssociationFactory(kind=AssociationKind.SCHOOL_BOARD),
            year=2024,
            members_danish_adult=10 + n,
            board_danish_woman=4,
            board_immigrant_man=2 + n,
        )
    IndicatorFactory(
        code="school-boards",
        source=IndicatorSource.PARTICIPATION,
        measure=ParticipationMeasure.BOARD_SHARE,
        association_kind=AssociationKind.SCHOOL_BOARD,
        group=OriginGroup.MULTICULTURAL,
        baseline_year=2024,
        published=True,
    )
    snapshots.snapshot_take()


@pytest.fixture(autouse=True)
def data(db):
    _data()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """The WSGI app closes the database connection at the end of each
    request (close_old_connections), which on PostgreSQL kills the test's
    transaction; Django's test Client disconnects it the same way."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded when the module is collected (the schema needs no database): one
# test per operation. (schemathesis.pytest.from_fixture, the lazy loader,
# does not work with pytest 9.)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def council_key(db):
    user = UserFactory(council=True, totp=True)
    return api_tokens.api_token_create(user=user, name="schemathesis")[1]


@schema.parametrize()
@EXAMPLES
def test_with_a_council_token(case, council_key):
    # Not negative_data_rejection here: a negative case may be one without
    # the Authorization header, which the header added below puts back, so
    # the request is valid and rightly answered 200. Invalid parameters with
    # a token are refused in test_api.py
    # (test_t06_t17_a_table_outside_the_catalogue_is_404), and without a
    # token in the test below.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {council_key}"},
        excluded_checks=[schemathesis.checks.negative_data_rejection],
    )


@schema.parametrize()
@EXAMPLES
def test_without_a_token(case):
    response = case.call_and_validate()
    if case.path.startswith("/api/v1/council/"):
        assert response.status_code != HTTPStatus.OK
