"""The demo survey instrument: "Do you feel represented where you live?"

This is the questionnaire the demo municipality's Integration Council runs
among its residents (SPEC §1 and §3.1): feeling represented, trust, community
and influence, experiences of unfair treatment, taking part in associations and
boards, the resident's own words, and the optional background questions that
give Statistics Denmark's origin category.

The instrument is the XLSForm ``data/medborger-demo.xlsform.csv`` (pyxform's
CSV layout, see scripts/xlsform_csv.py), imported by ``cms/demo/loader.py``
through the same importer staff use (surveys/xlsform/), so every
``load_demo`` also proves that import. The file is what an export of the
survey from the Wagtail admin writes: every text in all nine languages, the
review state of each translation, and Medborger's own columns (kind,
background role, "don't know", "stands alone").

Danish is the source text; the other eight languages are machine-made
translations awaiting human review (``machine`` in the review columns). Texts
are plain, warm and short (B1 level, read on a phone). Background is asked as
where you and your parents were born and citizenship, never as "ethnicity".
Question and choice codes are stable and never translated: answers are stored
against them. A condition (``relevant``) refers to a question in an earlier
step, so the survey works without JavaScript; that is why "taking_part_more"
and "background_more" are steps of their own.
"""

from pathlib import Path

from django.conf import settings

from surveys import xlsform

CODE = "representation"
FORM = Path(__file__).resolve().parent / "data" / "medborger-demo.xlsform.csv"
LANGS = [code for code, _name in settings.LANGUAGES]


def neighbourhood_choices() -> list[dict]:
    """The choices of the form's neighbourhood question, read from the file
    (the participation records use them without the survey in the database):
    ``[{"code", "label": {lang: text}}]`` in the form's order."""
    sheets, errors, _notes, _kind = xlsform.read_sheets(FORM.read_bytes(), FORM.name)
    if errors:
        raise ValueError("; ".join(str(e) for e in errors))
    question = next(
        (
            row
            for row in sheets["survey"].rows
            if row.cells.get("medborger_role") == "neighbourhood"
        ),
        None,
    )
    if question is None:
        raise LookupError("the survey has no neighbourhood question")
    list_name = question.cells["type"].split()[-1]
    return [
        {
            "code": row.cells["name"],
            "label": {
                code: row.cells.get(f"label::{xlsform.language_tag(code)}", "")
                for code in LANGS
            },
        }
        for row in sheets["choices"].rows
        if row.cells.get("list_name") == list_name
    ]
