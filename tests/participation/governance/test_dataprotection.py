"""The data-protection page for staff (participation/governance/dataprotection.py and
dataprotection_admin.py): generated from the models and the
settings, shown in the Wagtail admin and downloadable for the DPIA."""

import csv
import datetime
import io
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from participation.council.models import ExportLog
from participation.governance import dataprotection
from participation.governance.dataprotection_admin import DOWNLOAD_URL_NAME, URL_NAME
from participation.governance.models import RetentionLog
from surveys.models import Answer, SurveyResponse
from tests.admin_helpers import speaks_english
from tests.participation.factories import UserFactory
from tests.surveys.factories import SurveyFactory, WaveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = UserFactory(superuser=True, totp=True)
    speaks_english(user)
    client.force_login(user)
    return user


@pytest.fixture
def surveys():
    kept = SurveyFactory(code="kept", title_da="Uden frist", title_en="No period")
    limited = SurveyFactory(
        code="limited",
        title_da="Med frist",
        title_en="With a period",
        free_text_retention_months=12,
        response_retention_years=3,
    )
    WaveFactory(
        survey=limited,
        code="w2023",
        name="Baseline 2023",
        opens_on=datetime.date(2023, 3, 1),
        closes_on=datetime.date(2023, 3, 31),
    )
    return kept, limited


def store(overview, code):
    (found,) = [s for s in overview.stores if s.code == code]
    return found


# --- generated from the models and settings ------------------------------------


def test_every_model_that_refers_to_people_or_responses_is_described():
    assert dataprotection.undescribed_models() == []


def test_the_overview_lists_what_the_brief_names():
    with translation.override("en"):
        overview = dataprotection.overview()
    codes = {s.code for s in overview.stores}
    assert {
        "surveys.SurveyResponse",
        "surveys.Answer",
        "surveys.Invitation",
        "surveys.TranslationReview",
        "participation.AnswerCoding",
        "participation.CompositionReport",
        "participation.CompositionRevision",
        "participation.Activity",
        "participation.Association",
        "participation.Representation",
        "auth.User",
        "account.EmailAddress",
        "mfa.Authenticator",
        "sessions.Session",
        "participation.ExportLog",
        "participation.ApiToken",
        "participation.RetentionLog",
        "cache",
        "others",
    } <= codes


@pytest.mark.parametrize("model", [SurveyResponse, Answer, ExportLog, RetentionLog])
def test_fields_come_from_the_model_with_their_verbose_names(model):
    with translation.override("en"):
        overview = dataprotection.overview()
        found = store(overview, model._meta.label)
        expected = {
            f.name: str(f.verbose_name)
            for f in model._meta.get_fields()
            if f.concrete or (f.many_to_many and not f.auto_created)
        }
    assert {f.name: f.label.lower() for f in found.fields} == {
        name: label.lower() for name, label in expected.items()
    }
    assert found.where[0] == model._meta.db_table


def test_a_field_added_to_a_model_appears_without_editing_the_page(monkeypatch):
    """The list is read from _meta when the page is made, not written down."""
    from django.db import models

    extra = models.DateField("day of the extra field", null=True)
    extra.set_attributes_from_name("extra_day")
    extra.model = SurveyResponse
    real = SurveyResponse._meta.get_fields

    monkeypatch.setattr(
        SurveyResponse._meta, "get_fields", lambda **kw: (*real(**kw), extra)
    )
    with translation.override("en"):
        fields = store(dataprotection.overview(), "surveys.SurveyResponse").fields
    assert ("extra_day", "Day of the extra field", "date") in {
        (f.name, f.label, f.kind) for f in fields
    }


def test_field_names_follow_the_language():
    with translation.override("da"):
        da = store(dataprotection.overview(), "participation.ExportLog")
    with translation.override("en"):
        en = store(dataprotection.overview(), "participation.ExportLog")
    assert {f.label for f in en.fields} >= {"Exported on", "Format"}
    assert [f.name for f in da.fields] == [f.name for f in en.fields]


def test_how_long_comes_from_each_survey_and_the_session_settings(surveys):
    with (
        override_settings(SESSION_IDLE_TIMEOUT=1800, SESSION_COOKIE_AGE=8 * 3600),
        translation.override("en"),
    ):
        overview = dataprotection.overview()
    responses = " ".join(store(overview, "surveys.SurveyResponse").retention)
    assert "No period (kept): kept until deleted by staff" in responses
    assert "With a period (limited): deleted 3 years after each wave closes" in (
        responses
    )
    answers = " ".join(store(overview, "surveys.Answer").retention)
    assert "free text is deleted 12 months after each wave closes" in answers
    sessions = " ".join(store(overview, "sessions.Session").retention)
    assert "after 30 minutes without activity" in sessions
    assert "at the latest 8 hours after signing in" in sessions
    assert "clearsessions" in sessions
    assert store(overview, "sessions.Session").where == ["django_session"]
    cache = store(overview, "cache")
    assert cache.where == ["medborger_cache"]
    assert "Survey throttle entries expire after 1 minute." in cache.retention
    assert store(overview, "participation.ExportLog").retention == [
        "Until deleted by staff."
    ]


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://:secret-password@redis.internal:6379/0",
        }
    }
)
def test_the_cache_location_never_shows_a_redis_password():
    with translation.override("en"):
        overview = dataprotection.overview()
    assert store(overview, "cache").where == ["Redis (REDIS_URL)"]
    assert "secret-password" not in dataprotection.to_markdown(overview)


def test_the_legal_note_names_article_9_and_explicit_consent():
    with translation.override("en"):
        notes = " ".join(dataprotection.overview().legal_notes)
    assert "GDPR article 9" in notes
    assert "explicit consent" in notes
    assert "DPIA" in notes


def test_durations_read_as_people_say_them():
    with translation.override("en"):
        assert dataprotection.duration(3600) == "1 hour"
        assert dataprotection.duration(8 * 3600) == "8 hours"
        assert dataprotection.duration(300) == "5 minutes"
        assert dataprotection.duration(2 * 86400) == "2 days"
        assert dataprotection.duration(90) == "90 seconds"


# --- the page and the files -------------------------------------------------------


def test_staff_see_the_page_with_the_retention_by_wave(client, staff, surveys):
    RetentionLog.objects.create(
        ran_on=datetime.date(2024, 4, 1),
        survey_code="limited",
        wave_code="w2023",
        free_texts_deleted=7,
    )
    response = client.get(reverse(URL_NAME))
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Data protection" in html
    assert "GDPR article 9" in html
    assert "participation_exportlog" in html
    assert "Language answered in" in html  # SurveyResponse.language
    assert "Baseline 2023" in html
    assert "March 31, 2026" in html  # responses of the limited survey go
    assert "March 31, 2024" in html  # its free text goes
    assert "<td>7</td>" in html
    assert reverse(DOWNLOAD_URL_NAME, args=["md"]) in html
    assert "Data protection" in client.get("/admin/reports/").content.decode() or (
        reverse(URL_NAME) in client.get("/admin/").content.decode()
    )


def test_the_markdown_file_is_an_attachment(client, staff, surveys):
    response = client.get(reverse(DOWNLOAD_URL_NAME, args=["md"]))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/markdown")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.md"')
    text = response.content.decode("utf-8")
    assert text.startswith("# Data protection overview: Medborger")
    assert "## Legal notes" in text
    assert "| Language answered in | `language` | text |" in text
    assert "| limited | w2023 | 2023-03-31 | 2024-03-31 | 2026-03-31 | 0 |" in text


def test_the_csv_file_is_an_attachment_with_a_row_per_field(client, staff):
    response = client.get(reverse(DOWNLOAD_URL_NAME, args=["csv"]))
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment; filename=")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Where kept", "Kind of data", "Table", "Field"]
    by_name = {(row[2], row[4]): row for row in rows[1:]}
    row = by_name[("surveys_surveyresponse", "submitted_on")]
    assert row[3] == "Submitted on" and row[5] == "date"
    assert all(len(row) == len(rows[0]) for row in rows)


def test_an_unknown_format_is_not_found(client, staff):
    # (Django's LocaleMiddleware first tries the address under /da/.)
    response = client.get("/admin/data-protection/download/xlsx/", follow=True)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "attachment" not in response.get("Content-Disposition", "")


def test_the_page_is_read_only(client, staff):
    response = client.post(reverse(URL_NAME))
    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_only_people_given_the_permission_see_it(client):
    url, download = reverse(URL_NAME), reverse(DOWNLOAD_URL_NAME, args=["csv"])
    assert client.get(url).status_code == HTTPStatus.FOUND  # to the login
    council = UserFactory(council=True, totp=True)
    client.force_login(council)
    for address in (url, download):
        response = client.get(address)
        assert response.status_code == HTTPStatus.FOUND, address
        assert "attachment" not in response.get("Content-Disposition", "")
    editor = UserFactory(is_staff=True, totp=True)
    speaks_english(editor)
    group = Group.objects.create(name="Editors reading data protection")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    for address in (url, download):
        response = client.get(address)
        assert response.status_code == HTTPStatus.FOUND, address  # admin home
        assert "attachment" not in response.get("Content-Disposition", "")
    group.permissions.add(Permission.objects.get(codename="view_retentionlog"))
    editor = type(editor).objects.get(pk=editor.pk)  # no cached permissions
    client.force_login(editor)
    assert client.get(url).status_code == HTTPStatus.OK
