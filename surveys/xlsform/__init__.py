"""Survey definitions as XLSForm spreadsheets (the format of KoboToolbox and
ODK, https://xlsform.org), in and out.

Three services, used by ``manage.py import_xlsform`` / ``export_xlsform`` and
by the Wagtail admin (surveys/xlsform_admin.py):

- ``xlsform_import(data=, filename=, code=)`` makes a new Survey from an
  XLSForm (.xlsx, legacy .xls, or pyxform's CSV layout).
- ``xlsform_update(data=, filename=, survey=)`` takes the texts of an
  XLSForm back into an existing survey: only texts change, matched by codes.
- ``xlsform_export(survey=)`` writes a survey as an .xlsx XLSForm.

Both imports read and check the whole file first and write in one
transaction: a file with a problem (each reported with its sheet, row and
column) imports nothing. What is read but cannot be represented in
Medborger is listed in the report's notes, never dropped silently.

The flow, one module per step:

- sheets.py reads the file's sheets into rows of text cells (size limits);
- languages.py tells which of our languages each text column holds;
- form.py turns the rows into a Form: rows with texts per language and
  review states;
- plan.py walks the survey sheet and plans sections, questions and choices
  (expressions.py parses types, conditions and constraints);
- importer.py checks the file with pyxform and writes the planned survey;
  update.py writes only the texts a translator changed into a survey;
- export.py writes a survey back out with the columns of layout.py, so an
  export imports back as the same survey and updates it with no change.

report.py holds the Problem and ImportReport every step returns.
"""

from surveys.xlsform.export import xlsform_export
from surveys.xlsform.importer import xlsform_import
from surveys.xlsform.languages import language_tag
from surveys.xlsform.layout import MACHINE, REVIEWED
from surveys.xlsform.report import ImportReport, Problem
from surveys.xlsform.sheets import CSV_LIMITS, MAX_FILE_BYTES, read_sheets
from surveys.xlsform.update import xlsform_update

__all__ = [
    "CSV_LIMITS",
    "MACHINE",
    "MAX_FILE_BYTES",
    "REVIEWED",
    "ImportReport",
    "Problem",
    "language_tag",
    "read_sheets",
    "xlsform_export",
    "xlsform_import",
    "xlsform_update",
]
