"""The names an XLSForm and Medborger's export use for sheets, columns,
lists and review states, shared by the reader, the import, the update and
the export.

What the export adds (and the import reads back)
------------------------------------------------
- settings: ``form_title`` (the Danish title), ``form_id`` (the survey's
  code), ``default_language`` = ``Danish (da)``.
- Every language as ``label::<English name> (<code>)`` and ``hint::...``.
- ``medborger_texts`` sheet: the survey's own texts (rows ``title``,
  ``intro``, ``consent``, ``thanks`` in the ``name`` column).
- ``medborger_kind`` (agree, yesno, single, multi, number, text),
  ``medborger_role`` (background role), ``medborger_dont_know`` (yes) on the
  survey sheet and ``medborger_exclusive`` (yes) on the choices sheet, so an
  export imports back as the same survey. The agreement scale and yes/no
  questions use the fixed lists ``medborger_agree``, ``medborger_yesno`` and
  ``medborger_yesno_dk`` (their labels are the app's own translations; they
  are not imported as choices).

Review states in the spreadsheet
--------------------------------
For every language but Danish, ``medborger_review_<code>`` (e.g.
``medborger_review_so``) holds the state of the row's label (the question
text, the step title, the choice label, the survey text) in that language,
and ``medborger_review_hint_<code>`` the state of the row's hint (help text,
step introduction): ``reviewed`` or ``machine``; empty where the text is
empty. (No spaces or ``::`` in these names: pyxform turns extra choice
columns into XML names.)

The export also writes a hidden sheet, ``medborger_exported``: a
fingerprint of every text and the review state it was exported with
(form.py reads it; update.py says how an update uses it).
"""

SURVEY, CHOICES, SETTINGS, TEXTS = "survey", "choices", "settings", "medborger_texts"
EXPORTED = "medborger_exported"
FORM_SHEETS = (SURVEY, CHOICES, SETTINGS, TEXTS, EXPORTED)
REVIEW, REVIEW_HINT = "medborger_review", "medborger_review_hint"
KIND, ROLE, DONT_KNOW, EXCLUSIVE = (
    "medborger_kind",
    "medborger_role",
    "medborger_dont_know",
    "medborger_exclusive",
)
REVIEWED, MACHINE = "reviewed", "machine"
AGREE_LIST, YESNO_LIST, YESNO_DK_LIST = (
    "medborger_agree",
    "medborger_yesno",
    "medborger_yesno_dk",
)
FIXED_LISTS = (AGREE_LIST, YESNO_LIST, YESNO_DK_LIST)
