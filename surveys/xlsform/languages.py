"""Which of our languages each XLSForm text column holds.

``label::<Name> (<code>)`` and ``hint::...`` columns: the code in
parentheses (two or three letters) or the language's name picks one of our
languages (settings.LANGUAGES). Columns in other languages are reported and
not imported. The settings sheet's ``default_language`` names the language
of the columns without a language. When the form has no Danish column, its
default language fills the Danish texts (and the report says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language_info, gettext

from surveys import translation_review
from surveys.xlsform.layout import CHOICES, SURVEY, TEXTS
from surveys.xlsform.report import Problem
from surveys.xlsform.sheets import Sheet, split_key

_ISO3 = {
    "dan": "da",
    "eng": "en",
    "ara": "ar",
    "fas": "fa",
    "per": "fa",
    "som": "so",
    "tur": "tr",
    "ukr": "uk",
    "tir": "ti",
    "pol": "pl",
}
# Names forms use beside Django's English and native names.
_NAMES = {
    "da": ("dansk",),
    "en": ("engelsk",),
    "ar": ("arabisk", "العربية"),
    "fa": ("farsi", "persisk", "فارسی"),
    "so": ("af-soomaali", "af soomaali", "somalisk"),
    "tr": ("türkçe", "tyrkisk"),
    "uk": ("українська", "ukrainsk"),
    "ti": ("tigrinja",),
    "pl": ("polski", "polsk"),
}
_CODE_IN_PARENS = re.compile(r"\(\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*\)\s*$")
_BARE_CODE = re.compile(r"([a-z]{2,3})(?:[-_][a-z0-9]+)*")


def our_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_tag(code: str) -> str:
    """How a column names one of our languages: ``Somali (so)``."""
    return f"{get_language_info(code)['name']} ({code})"


def language_code(tag: str | None) -> str | None:
    """Our language code for an XLSForm language tag (``Somali (so)``,
    ``english``, ``Dansk``, ``fa-IR``), or None when it is not ours."""
    if not tag:
        return None
    ours = our_languages()
    text = " ".join(tag.split())
    match = _CODE_IN_PARENS.search(text)
    if match:
        code = _ISO3.get(match.group(1).lower(), match.group(1).lower())
        return code if code in ours else None
    name = text.lower()
    for code in ours:
        info = get_language_info(code)
        names = {
            info["name"].lower(),
            info["name_local"].lower(),
            *_NAMES.get(code, ()),
        }
        if name in names:
            return code
    match = _BARE_CODE.fullmatch(name)
    if match:
        code = _ISO3.get(match.group(1), match.group(1))
        return code if code in ours else None
    return None


@dataclass
class Languages:
    """Which column holds which of our languages.

    ``default_tag``: the form's default language as the form names it (the
    columns without a language are in it). ``danish_from_default``: the form
    has no Danish column, so its default language fills the Danish texts."""

    default_tag: str | None
    codes: dict[str | None, str | None]
    danish_from_default: bool

    def is_default(self, tag: str | None) -> bool:
        if tag is None:
            return True
        if self.default_tag is None:
            return False
        if tag.lower() == self.default_tag.lower():
            return True
        code = self.codes.get(tag)
        return code is not None and code == language_code(self.default_tag)

    def columns(self, sheet: Sheet, base: str) -> dict[str, list[str]]:
        """{our code: header keys holding that language's ``base``}, the
        column that names the language first."""
        found: dict[str, list[str]] = {}
        keys = sheet.keys(base)
        ordered = [k for k in keys if split_key(k)[1] is not None] + [
            k for k in keys if split_key(k)[1] is None
        ]
        for key in ordered:
            tag = split_key(key)[1]
            code = self.codes.get(tag)
            if code:
                found.setdefault(code, []).append(key)
        if self.danish_from_default:
            default_keys = [k for k in ordered if self.is_default(split_key(k)[1])]
            if default_keys:
                found["da"] = default_keys
        return found

    def review_columns(self, sheet: Sheet, base: str) -> dict[str, str]:
        """{our code: header key} of the review columns ``<base>_<code>``
        (``<base>::<language>`` is read too)."""
        found: dict[str, str] = {}
        pattern = re.compile(rf"{re.escape(base)}_([a-z]{{2,3}})")
        for key in sheet.headers:
            match = pattern.fullmatch(key)
            if match:
                code = match.group(1)
            elif split_key(key)[0] == base:
                code = language_code(split_key(key)[1])
            else:
                continue
            if code and code in translation_review.review_languages():
                found.setdefault(code, key)
        return found


def read_languages(
    sheets: dict[str, Sheet], default_language: str, *, danish_fallback: bool
) -> tuple[Languages, list[Problem]]:
    tags: list[str] = []
    plain = False
    for name in (SURVEY, CHOICES, TEXTS):
        sheet = sheets.get(name)
        for key in sheet.headers if sheet else ():
            base, tag = split_key(key)
            if base not in ("label", "hint"):
                continue
            if tag is None:
                plain = True
            elif tag not in tags:
                tags.append(tag)
    default_tag = default_language.strip() or None
    if default_tag is None and tags:
        default_tag = tags[0]
    codes: dict[str | None, str | None] = {tag: language_code(tag) for tag in tags}
    codes[None] = language_code(default_tag)
    langs = Languages(default_tag=default_tag, codes=codes, danish_from_default=False)
    has_danish = any(code == "da" for tag, code in codes.items() if tag or plain)
    langs.danish_from_default = danish_fallback and not has_danish
    notes = []
    for tag in tags:
        if codes[tag] is None and not (
            langs.danish_from_default and langs.is_default(tag)
        ):
            notes.append(
                Problem(
                    gettext(
                        "Texts in “%(language)s” were not imported: it is not one "
                        "of the survey's languages (%(ours)s)."
                    )
                    % {"language": tag, "ours": ", ".join(our_languages())}
                )
            )
    if langs.danish_from_default:
        if default_tag:
            message = gettext(
                "The form has no Danish texts: the Danish texts were filled with "
                "the form's default language, “%(language)s”. Translate them "
                "into Danish before the survey opens."
            ) % {"language": default_tag}
        else:
            message = gettext(
                "The form does not say which language its texts are in and has no "
                "Danish column: its texts were imported as the Danish texts."
            )
        notes.append(Problem(message))
    elif plain and not danish_fallback and default_tag is None:
        notes.append(
            Problem(
                gettext(
                    "Columns without a language (such as “label”) were not used: "
                    "the settings sheet names no default language."
                )
            )
        )
    return langs, notes
