"""The XLSForm pages of the Wagtail admin (surveys/xlsform_admin.py):
import, download and update, each behind its permission, with problems
listed next to the file."""

from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from surveys import xlsform
from surveys.models import Question, Survey
from tests.admin_helpers import refused, staff_with
from tests.surveys.xlsform.helpers import (
    assert_nothing_imported,
    conditional_form,
    edit_cell,
    xlsx,
)

pytestmark = pytest.mark.django_db


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_admin_import_makes_a_survey_and_shows_the_notes(client):
    staff_with(client, "add_survey", "change_survey")
    url = reverse("surveys_xlsform_import")
    assert client.get(url).status_code == HTTPStatus.OK
    response = client.post(
        url, {"file": upload("members.xlsx", conditional_form()), "code": ""}
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert Survey.objects.filter(code="members").exists()
    assert "${member} != &#x27;no&#x27;" in html


def test_admin_import_of_a_broken_file_lists_the_problems(client):
    staff_with(client, "add_survey")
    data = xlsx({"survey": [["type", "name", "label"], ["text", "bad name", "Q"]]})
    response = client.post(
        reverse("surveys_xlsform_import"), {"file": upload("b.xlsx", data)}
    )
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<td>survey</td>" in html and "<td>2</td>" in html and "B (name)" in html
    assert_nothing_imported()
    wrong = client.post(
        reverse("surveys_xlsform_import"), {"file": upload("b.pdf", b"%PDF")}
    )
    assert wrong.status_code == HTTPStatus.OK
    assert ".xlsx, .xls or .csv" in wrong.content.decode()


def test_admin_import_needs_the_add_permission(client):
    staff_with(client, "change_survey")
    response = client.post(
        reverse("surveys_xlsform_import"),
        {"file": upload("m.xlsx", conditional_form())},
    )
    assert refused(response)
    assert_nothing_imported()


def test_admin_download_and_update(client, demo):
    staff_with(client, "change_survey")
    response = client.get(reverse("surveys_xlsform_export", args=[demo.pk]))
    assert response.status_code == HTTPStatus.OK
    assert (
        response["Content-Disposition"] == 'attachment; filename="representation.xlsx"'
    )
    data = edit_cell(
        response.content, "survey", "trust_people", "label::Somali (so)", "Cusub"
    )
    update = client.post(
        reverse("surveys_xlsform_update", args=[demo.pk]),
        {"file": upload("representation.xlsx", data)},
    )
    assert update.status_code == HTTPStatus.OK
    assert "1 texts changed" in update.content.decode() or "1 text changed" in (
        update.content.decode()
    )
    assert Question.objects.get(survey=demo, code="trust_people").text_so == "Cusub"


def test_admin_download_needs_the_change_permission(client, demo):
    staff_with(client, "add_survey")
    assert refused(client.get(reverse("surveys_xlsform_export", args=[demo.pk])))


def test_admin_index_lists_surveys_with_their_actions(client, demo):
    staff_with(client, "change_survey")
    response = client.get(reverse("surveys_xlsform_index"))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert reverse("surveys_translation_review", args=[demo.pk]) in html
    assert reverse("surveys_xlsform_export", args=[demo.pk]) in html
    assert reverse("surveys_xlsform_import") not in html  # needs add_survey
    # The survey listing offers the same actions per survey.
    listing = client.get(reverse("wagtailsnippets_surveys_survey:list"))
    assert listing.status_code == HTTPStatus.OK
    assert reverse("surveys_xlsform_update", args=[demo.pk]) in listing.content.decode()


def test_admin_index_needs_a_survey_permission(client):
    staff_with(client)
    assert refused(client.get(reverse("surveys_xlsform_index")))


def test_admin_refuses_a_file_over_the_limit_next_to_the_field(client):
    staff_with(client, "add_survey")
    big = upload("big.xlsx", b"PK\x03\x04" + b"0" * xlsform.MAX_FILE_BYTES)
    response = client.post(reverse("surveys_xlsform_import"), {"file": big})
    assert response.status_code == HTTPStatus.OK
    assert "larger than 5 MB" in response.content.decode()
    assert_nothing_imported()
