"""``manage.py import_xlsform`` and ``export_xlsform``
(surveys/management/commands/): import with a report, refuse a broken file,
and round-trip a survey unchanged."""

import pytest
from django.core.management import CommandError, call_command

from surveys.models import Survey
from tests.surveys.xlsform.helpers import FIXTURES, assert_nothing_imported, snapshot

pytestmark = pytest.mark.django_db


def test_import_command_imports_a_fixture_and_reports(capsys):
    call_command("import_xlsform", str(FIXTURES / "or_other.xlsx"), "--code", "colours")
    out = capsys.readouterr().out
    assert "or_other" in out and "Imported the survey “colours”" in out
    assert Survey.objects.filter(code="colours").exists()


def test_import_command_refuses_a_broken_file(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"nope")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_xlsform", str(path))
    assert_nothing_imported()


def test_export_and_update_commands_round_trip(demo, tmp_path, capsys):
    before = snapshot(demo)
    out = tmp_path / "demo.xlsx"
    call_command("export_xlsform", demo.code, str(out))
    call_command("import_xlsform", str(out), "--update")
    assert "0 texts changed" in capsys.readouterr().out
    assert snapshot(demo) == before
    with pytest.raises(CommandError, match="No survey"):
        call_command("export_xlsform", "nope", str(out))
