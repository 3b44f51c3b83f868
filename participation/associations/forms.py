"""Forms of the representatives' area. Each names exactly the fields a
representative may set: the association, the requester, the status and the
history come from the request and the URL, never from the post (T18)."""

import datetime

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import get_language_info, gettext
from django.utils.translation import gettext_lazy as _

from config.csvread import CsvLimits, CsvReadError, csv_rows
from participation.associations.models import (
    AGES,
    ASSOCIATION_KIND_CHOICES,
    ASSOCIATION_KINDS,
    BOARD_FIELDS,
    GENDERS,
    MEMBER_FIELDS,
    ORIGINS,
    Activity,
    ActivityKind,
    Association,
    CompositionReport,
    Neighbourhood,
    Status,
)
from surveys import messages
from surveys.origin import Origin

MAX_COUNT = 10**6
ORIGIN_LABELS = {**messages.ORIGIN_LABELS, Origin.UNKNOWN.value: _("Origin not known")}
AGE_LABELS = [_("Under 18"), _("18 and over")]
GENDER_LABELS = [_("Women"), _("Men"), _("Other or not stated")]
FIRST_YEAR = 2000


def activity_language_choices():
    """The nine site languages, each named in itself, and "other"."""
    return [
        (code, get_language_info(code)["name_local"]) for code, _n in settings.LANGUAGES
    ] + [("other", gettext("Other languages"))]


class CodeChoiceField(forms.ModelChoiceField):
    """Chooses a category by its stable code (what a CSV file names)."""

    def __init__(self, queryset, **kwargs):
        super().__init__(queryset, to_field_name="code", **kwargs)


class AssociationRequestForm(forms.ModelForm):
    """A representative asks for a new association."""

    kind = forms.ChoiceField(label=_("kind"), choices=ASSOCIATION_KIND_CHOICES)
    neighbourhood = CodeChoiceField(
        Neighbourhood.objects.all(), label=_("neighbourhood")
    )
    note = forms.CharField(
        label=_("Note to the secretariat"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example your role in the association."),
    )

    class Meta:
        model = Association
        fields = [
            "name",
            "kind",
            "neighbourhood",
            "cvr",
            "description",
            "contact_email",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class AssociationEditForm(forms.ModelForm):
    """A representative corrects their association's details. The kind of a
    public board is staff's business, so it is left out for boards."""

    neighbourhood = CodeChoiceField(
        Neighbourhood.objects.all(), label=_("neighbourhood")
    )

    class Meta:
        model = Association
        fields = [
            "name",
            "kind",
            "neighbourhood",
            "cvr",
            "description",
            "contact_email",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_public_board:
            del self.fields["kind"]
        else:
            self.fields["kind"].choices = ASSOCIATION_KIND_CHOICES


class JoinForm(forms.Form):
    """Ask to represent an association that is already registered."""

    association = forms.ModelChoiceField(
        Association.objects.none(),
        label=_("Association"),
        to_field_name="public_id",
        empty_label=_("Choose an association"),
    )
    note = forms.CharField(
        label=_("Note to the secretariat"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example your role in the association."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["association"].queryset = (
            Association.objects.filter(
                status=Status.APPROVED, kind__in=ASSOCIATION_KINDS
            )
            .exclude(representations__user=user)
            .order_by("name")
        )


def _count(label):
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=MAX_COUNT,
        initial=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
        error_messages={
            "required": _("Enter a whole number (0 if there are none)."),
            "invalid": _("Enter a whole number, such as 0 or 12."),
            "min_value": _("The number cannot be negative."),
        },
    )


class CompositionReportForm(forms.Form):
    """Members by origin group and age group; board members by origin group
    and gender; the board's size, which the board counts must add up to.
    ``version`` is the version the form was made from (empty for a new
    report); the service refuses a save made against an older one."""

    year = forms.IntegerField(
        label=_("Year"),
        validators=[MinValueValidator(FIRST_YEAR)],
        error_messages={"invalid": _("Enter a year, such as 2026.")},
    )
    board_size = _count(_("Number of board members"))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, association: Association, fixed_year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.association = association
        self.fixed_year = fixed_year
        if not association.is_public_board:
            for name in MEMBER_FIELDS:
                self.fields[name] = _count(
                    CompositionReport._meta.get_field(name).verbose_name
                )
        for name in BOARD_FIELDS:
            self.fields[name] = _count(
                CompositionReport._meta.get_field(name).verbose_name
            )
        if fixed_year is not None:
            self.fields["year"].widget = forms.HiddenInput()
            self.fields["year"].initial = fixed_year
        self.fields["year"].validators.append(
            MaxValueValidator(
                timezone.localdate().year,
                message=_("The year cannot be in the future."),
            )
        )

    def _grid(self, prefix, columns):
        return [
            (ORIGIN_LABELS[origin], [self[f"{prefix}_{origin}_{c}"] for c in columns])
            for origin in ORIGINS
        ]

    @property
    def member_grid(self):
        """Rows of (origin group, [under 18, 18 and over]) bound fields."""
        if self.association.is_public_board:
            return []
        return self._grid("members", AGES)

    @property
    def board_grid(self):
        """Rows of (origin group, [women, men, other]) bound fields."""
        return self._grid("board", GENDERS)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if self.fixed_year is not None and year != self.fixed_year:
            raise forms.ValidationError(
                _("The year of a report cannot be changed."), code="year_changed"
            )
        if (
            self.fixed_year is None
            and self.association.reports.filter(year=year).exists()
        ):
            raise forms.ValidationError(
                _("There is already a report for %(year)s. Open it to correct it."),
                code="exists",
                params={"year": year},
            )
        return year

    def clean(self):
        data = super().clean()
        size = data.get("board_size")
        counts = [data.get(name) for name in BOARD_FIELDS]
        if size is not None and None not in counts and sum(counts) != size:
            self.add_error(
                "board_size",
                forms.ValidationError(
                    _(
                        "The board members counted by group add up to %(sum)s, "
                        "but the board has %(size)s members."
                    ),
                    code="board_sum",
                    params={"sum": sum(counts), "size": size},
                ),
            )
        return data

    def counts(self) -> dict[str, int]:
        return {
            name: self.cleaned_data.get(name) or 0
            for name in ("board_size", *MEMBER_FIELDS, *BOARD_FIELDS)
        }


class ActivityForm(forms.ModelForm):
    """One activity. Participants of unknown origin are those not counted
    in a known group, so "not known" needs no box of its own."""

    kind = CodeChoiceField(ActivityKind.objects.all(), label=_("kind of activity"))
    neighbourhood = CodeChoiceField(
        Neighbourhood.objects.all(), label=_("neighbourhood")
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages used"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("%(value)s is not one of the languages.")},
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "date",
            "kind",
            "neighbourhood",
            "participants_total",
            "participants_danish",
            "participants_immigrant",
            "participants_descendant",
            "volunteers",
            "languages",
        ]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        help_texts = {
            "participants_danish": _("Leave at 0 when you do not know."),
        }
        error_messages = {
            "date": {"invalid": _("Enter a date such as 2026-05-17.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = activity_language_choices()
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
        for name in (
            "participants_total",
            "participants_danish",
            "participants_immigrant",
            "participants_descendant",
            "volunteers",
        ):
            field = self.fields[name]
            field.required = name == "participants_total"
            field.widget.attrs["inputmode"] = "numeric"
            field.error_messages["min_value"] = _("The number cannot be negative.")
            field.error_messages["invalid"] = _(
                "Enter a whole number, such as 0 or 12."
            )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                _("The date is in the future: record activities once they are over."),
                code="future",
            )
        if date < datetime.date(FIRST_YEAR, 1, 1):
            raise forms.ValidationError(_("The date is too far back."), code="past")
        return date

    def clean(self):
        data = super().clean()
        for name in (
            "participants_danish",
            "participants_immigrant",
            "participants_descendant",
            "volunteers",
        ):
            if data.get(name) is None and name not in self.errors:
                data[name] = 0
        total = data.get("participants_total")
        known = [
            data.get(name)
            for name in (
                "participants_danish",
                "participants_immigrant",
                "participants_descendant",
            )
        ]
        if total is not None and None not in known and sum(known) > total:
            self.add_error(
                "participants_total",
                forms.ValidationError(
                    _(
                        "The participants counted by origin add up to %(sum)s, "
                        "more than the %(total)s in total."
                    ),
                    code="participants_sum",
                    params={"sum": sum(known), "total": total},
                ),
            )
        return data

    def activity_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# --- CSV import -----------------------------------------------------------------

CSV_COLUMNS = [
    "date",
    "title",
    "kind",
    "neighbourhood",
    "participants_total",
    "participants_danish",
    "participants_immigrant",
    "participants_descendant",
    "volunteers",
    "languages",
]
CSV_REQUIRED = {"date", "title", "kind", "neighbourhood", "participants_total"}
MAX_CSV_BYTES = 1_000_000
MAX_CSV_ROWS = 2_000
# Notes in columns the import ignores may be as long as a spreadsheet cell.
CSV_LIMITS = CsvLimits()


class CsvProblem:
    """One problem of an uploaded file: the row (1 is the header), the column
    (if any) and the message."""

    def __init__(self, row: int | None, column: str, message: str):
        self.row, self.column, self.message = row, column, message

    def __repr__(self):
        return f"CsvProblem({self.row}, {self.column!r}, {self.message!r})"


def _column_name(header: list[str], column: int | None) -> str:
    """The header's name of a 1-based column, or its number."""
    if column is None:
        return ""
    if column <= len(header) and header[column - 1]:
        return header[column - 1]
    return str(column)


class ActivityImportForm(forms.Form):
    """A CSV file of activities. Every row is checked with ActivityForm; the
    file is imported only when every row is clean."""

    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma or semicolon separated, with a header row."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 1 MB. Split it into smaller files."),
                code="too_big",
            )
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not UTF-8 text. Save it as “CSV UTF-8” and try again."),
                code="encoding",
            ) from None
        if "\x00" in text:
            raise forms.ValidationError(
                _("The file is not a CSV text file."), code="binary"
            )
        return text

    def parse(self) -> tuple[list[dict], list[CsvProblem]]:
        """Rows ready for ``activities_import`` and the problems found; rows
        are returned only when there are no problems. A file that cannot be
        read as CSV (config/csvread.py) ends the check at that row."""
        text = self.cleaned_data["file"]
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        header: list[str] = []
        rows, problems = [], []
        try:
            records = csv_rows(text, limits=CSV_LIMITS, delimiter=delimiter)
            first = next(records, None)
            header = [name.strip().lower() for name in (first.cells if first else [])]
            missing = sorted(CSV_REQUIRED - set(header))
            if missing:
                return [], [
                    CsvProblem(
                        1,
                        "",
                        gettext("The header row lacks the column(s): %(columns)s.")
                        % {"columns": ", ".join(missing)},
                    )
                ]
            counted = 0
            for record in records:
                number = record.number
                if not record.cells:
                    continue  # an empty line
                counted += 1
                if counted > MAX_CSV_ROWS:
                    problems.append(
                        CsvProblem(
                            number,
                            "",
                            gettext("The file has more than %(max)s rows.")
                            % {"max": MAX_CSV_ROWS},
                        )
                    )
                    break
                if len(record.cells) > len(header):
                    problems.append(
                        CsvProblem(
                            number,
                            "",
                            gettext("The row has more cells than the header."),
                        )
                    )
                    continue
                raw_row = dict(zip(header, record.cells, strict=False))
                values = {k: v.strip() for k, v in raw_row.items() if k in CSV_COLUMNS}
                if not any(values.values()):
                    continue  # a blank line
                data = {k: v for k, v in values.items() if k != "languages"}
                languages = (
                    values.get("languages", "").replace("|", " ").replace(",", " ")
                )
                form = ActivityForm(data={**data, "languages": languages.split()})
                if form.is_valid():
                    rows.append(form.activity_fields())
                    continue
                for column, errors in form.errors.items():
                    for message in errors:
                        problems.append(
                            CsvProblem(
                                number, "" if column == "__all__" else column, message
                            )
                        )
        except CsvReadError as error:
            problems.append(
                CsvProblem(error.row, _column_name(header, error.column), error.message)
            )
        if not rows and not problems:
            problems.append(
                CsvProblem(None, "", gettext("The file has no activities."))
            )
        return (rows if not problems else []), problems
