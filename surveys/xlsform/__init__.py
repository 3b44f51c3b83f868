"""XLSForm import, update and export (being split into modules; the whole
of it is in plan.py for now)."""

from surveys.xlsform.plan import (
    CSV_LIMITS,
    MACHINE,
    MAX_FILE_BYTES,
    MAX_UNPACKED_BYTES,
    REVIEWED,
    ImportReport,
    Problem,
    _pyxform_problems,
    xlsform_export,
    xlsform_import,
    xlsform_update,
)

__all__ = [
    "CSV_LIMITS",
    "MACHINE",
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "REVIEWED",
    "ImportReport",
    "Problem",
    "_pyxform_problems",
    "xlsform_export",
    "xlsform_import",
    "xlsform_update",
]
