"""What an XLSForm import or update tells staff: every problem with where
it is in the spreadsheet (sheet, row, column and its header), and the report
that collects them. The Wagtail admin (surveys/xlsform_admin.py) and
``manage.py import_xlsform`` show it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext

from surveys.models import Survey


@dataclass(frozen=True)
class Problem:
    """One finding, with where it is in the spreadsheet (1-based row, column
    letter and the column's header)."""

    message: str
    sheet: str = ""
    row: int | None = None
    column: str = ""
    header: str = ""

    @property
    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(gettext("sheet “%(sheet)s”") % {"sheet": self.sheet})
        if self.row:
            parts.append(gettext("row %(row)s") % {"row": self.row})
        if self.column:
            column = gettext("column %(column)s") % {"column": self.column}
            if self.header:
                column += f" ({self.header})"
            parts.append(column)
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass
class ImportReport:
    """What an import did. ``errors``: the file was not imported at all.
    ``notes``: what was imported differently or left out. ``changes``: for
    an update, the texts that changed."""

    survey: Survey | None = None
    errors: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    summary: str = ""
    reviews_marked: int = 0
    reviews_removed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def __post_init__(self):
        self._seen: set[Problem] = set()

    def note(self, problems: Iterable[Problem]) -> None:
        """Add notes, each once (a list used by two questions is read twice)."""
        for problem in problems:
            if problem not in self._seen:
                self._seen.add(problem)
                self.notes.append(problem)
