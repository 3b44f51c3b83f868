"""`manage.py import_xlsform FILE [--code CODE] [--update]`: a survey from an
XLSForm (.xlsx, .xls or pyxform's .csv), or, with --update, the texts of an
XLSForm taken back into the survey it was exported from (matched by
--code or the form's form_id). Goes through the same services as the admin
(surveys/xlsform/): every problem is reported with its sheet, row and
column, and nothing is imported unless the whole file is valid.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys import xlsform
from surveys.models import Survey


class Command(BaseCommand):
    help = (
        "Import a survey from an XLSForm file, or with --update take its texts "
        "and review states back into an existing survey."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--code",
            default="",
            help="Code of the new survey (default: the form's form_id); with "
            "--update, the survey to update.",
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Update the texts of an existing survey instead of making one.",
        )

    def handle(self, *args, file: Path, code: str, update: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        if update:
            survey = None
            if code:
                survey = Survey.objects.filter(code=code).first()
                if survey is None:
                    raise CommandError(f"No survey has the code {code!r}.")
            report = xlsform.xlsform_update(
                data=data, filename=file.name, survey=survey
            )
        else:
            report = xlsform.xlsform_import(data=data, filename=file.name, code=code)
        for note in report.notes:
            self.stdout.write(f"  note: {note}")
        if not report.ok:
            raise CommandError(
                f"Nothing imported: {len(report.errors)} problem(s) in {file}:\n"
                + "\n".join(f"  {problem}" for problem in report.errors)
            )
        for change in report.changes:
            self.stdout.write(f"  changed: {change}")
        self.stdout.write(self.style.SUCCESS(report.summary))
