"""`manage.py export_xlsform CODE OUT`: write the survey CODE as an XLSForm
(.xlsx) with every language and the review state of every translation
(surveys/xlsform/layout.py describes the columns), for a translator to fill in and
`import_xlsform --update` to take back."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys import xlsform
from surveys.models import Survey


class Command(BaseCommand):
    help = "Export a survey as an XLSForm spreadsheet (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("code", help="The survey's code.")
        parser.add_argument("out", type=Path, help="The .xlsx file to write.")

    def handle(self, *args, code: str, out: Path, **options):
        survey = Survey.objects.filter(code=code).first()
        if survey is None:
            raise CommandError(f"No survey has the code {code!r}.")
        data = xlsform.xlsform_export(survey=survey)
        try:
            out.write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {out}: {error.strerror}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote the survey {code!r} to {out} ({len(data)} bytes)."
            )
        )
