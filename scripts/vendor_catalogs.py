"""Build allauth and Django catalogs for the languages they do not ship.

Neither django-allauth nor Django has a Somali (so) or Tigrinya (ti) catalog,
so allauth's sign-in, sign-up, e-mail verification, password reset and
two-factor (MFA) pages would show English to those readers, and Django's own
form errors, validator messages, password-validator messages and help texts
and auth form messages would fall back to the default language (Danish). This
script writes

    locale_vendor/<lang>/LC_MESSAGES/django.po

for each such language, with two sets of msgids, deduplicated by
msgctxt + msgid (an msgid both use is one entry, with both sets of source
references):

* allauth's: from the installed allauth's own Danish catalog, the entries
  whose source references lie in allauth's account, MFA and core code or
  templates (social accounts, user sessions, headless and the identity
  provider are left out, as the site does not use them);
* Django's: from Django's Danish catalogs (django/conf/locale and
  django/contrib/auth/locale), the entries that django/forms/,
  django/core/validators.py, django/contrib/auth/password_validation.py,
  django/contrib/auth/forms.py and django/utils/dates.py (month and weekday
  names) use. Django's released .po files carry no
  "#:" source references, so the script reads the gettext calls in those
  source files to learn which msgids they use (and where), and takes the
  entries (plural forms, flags) from the Danish catalogs.

The translations come from scripts/vendor_catalogs/<lang>.json. The .po files
are generated: edit the JSON, then re-run the script. `manage.py
compilemessages` builds the .mo files (git-ignored) and settings.LOCALE_PATHS
lists locale_vendor, so Django merges them into allauth's and its own strings.

The JSON maps a key to a translation. The key is the msgid, or for an entry
with a context "<msgctxt>\\u0004<msgid>" (gettext's own convention). The value
is the msgstr; for an entry with a plural, a list with one msgstr per plural
form of the language. A value may instead be an object
{"msgstr": <str or list>, "reviewed": true} once a native speaker has checked
it: only then is the "machine translation, needs review" comment left off.

After upgrading allauth or Django:

    .venv/bin/python scripts/vendor_catalogs.py               # rebuild the .po files
    .venv/bin/python scripts/vendor_catalogs.py --add-missing # + empty JSON slots
    .venv/bin/python scripts/vendor_catalogs.py --check       # 1 if stale/missing

The script names new msgids that have no translation yet (they are written
untranslated, so the English shows until the JSON has them) and JSON keys that
neither allauth nor Django uses any more (--prune drops those from the JSON).
tests/cms/test_vendor_catalogs.py fails while the .po files are stale or
incomplete.
"""

import argparse
import ast
import json
import re
import sys
from pathlib import Path

import allauth
import django
import polib

REPO = Path(__file__).resolve().parent.parent
ALLAUTH_DIR = Path(allauth.__file__).resolve().parent
DJANGO_DIR = Path(django.__file__).resolve().parent
TABLE_DIR = REPO / "scripts" / "vendor_catalogs"
OUT_DIR = REPO / "locale_vendor"

# The catalog whose msgids are taken. allauth regenerates all its catalogs
# from its sources for each release, so any one holds every msgid; Danish is
# the site's default language.
SOURCE_LANG = "da"

# allauth source references (relative to the allauth package) that count.
PREFIXES = (
    "account/",
    "mfa/",
    "core/",
    "templates/account/",
    "templates/mfa/",
    "templates/allauth/",
)

# Django's catalogs (relative to the django package) whose msgids are taken,
# and the Django sources (files, or folders ending in "/") whose msgids count.
DJANGO_CATALOGS = ("conf/locale", "contrib/auth/locale")
DJANGO_SOURCES = (
    "forms/",
    "core/validators.py",
    "contrib/auth/password_validation.py",
    "contrib/auth/forms.py",
    # Month and weekday names, which dates show in every language
    # (settings.FORMAT_MODULE_PATH, config/formats/<lang>/formats.py).
    "utils/dates.py",
)

# gettext functions -> (msgctxt, msgid, msgid_plural) argument positions, as
# makemessages passes them to xgettext.
GETTEXT_CALLS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}

LANGUAGES = {
    "so": {"name": "Somali", "plural_forms": "nplurals=2; plural=(n != 1);"},
    "ti": {"name": "Tigrinya", "plural_forms": "nplurals=2; plural=(n > 1);"},
}

MARK = "machine translation, needs review"
CTX_SEP = "\x04"
KEPT_FLAGS = ("python-format", "python-brace-format")


def source_catalog() -> Path:
    return ALLAUTH_DIR / "locale" / SOURCE_LANG / "LC_MESSAGES" / "django.po"


def django_catalogs() -> list[Path]:
    return [
        DJANGO_DIR / base / SOURCE_LANG / "LC_MESSAGES" / "django.po"
        for base in DJANGO_CATALOGS
    ]


def key_of(entry: polib.POEntry) -> str:
    if entry.msgctxt is not None:
        return entry.msgctxt + CTX_SEP + entry.msgid
    return entry.msgid


def wanted(entry: polib.POEntry) -> bool:
    if entry.obsolete or not entry.msgid:
        return False
    return any(path.startswith(PREFIXES) for path, _line in entry.occurrences)


def copy_entry(src: polib.POEntry, occurrences) -> polib.POEntry:
    return polib.POEntry(
        msgctxt=src.msgctxt,
        msgid=src.msgid,
        msgid_plural=src.msgid_plural,
        occurrences=list(occurrences),
        flags=[flag for flag in src.flags if flag in KEPT_FLAGS],
    )


def allauth_entries() -> tuple[polib.POFile, list[polib.POEntry]]:
    """allauth's catalog, and its wanted entries with references made relative
    to site-packages ("allauth/account/forms.py")."""
    source = polib.pofile(str(source_catalog()))
    return source, [
        copy_entry(e, [(f"allauth/{path}", line) for path, line in e.occurrences])
        for e in source
        if wanted(e)
    ]


def django_source_files() -> list[Path]:
    files = []
    for item in DJANGO_SOURCES:
        if item.endswith("/"):
            files.extend(sorted((DJANGO_DIR / item).rglob("*.py")))
        else:
            files.append(DJANGO_DIR / item)
    return files


def django_msgids() -> dict[str, list[tuple[str, str]]]:
    """key_of-style key -> [(path, line)] for each gettext call with literal
    arguments in DJANGO_SOURCES (paths relative to site-packages)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in django_source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        rel = path.relative_to(DJANGO_DIR.parent).as_posix()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = getattr(func, "id", None) or getattr(func, "attr", None)
            if name not in GETTEXT_CALLS:
                continue
            ctx_at, msgid_at, _plural_at = GETTEXT_CALLS[name]

            def literal(at, args=node.args):
                if at is None or at >= len(args):
                    return None
                arg = args[at]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    return arg.value
                return None

            msgid = literal(msgid_at)
            if not msgid:  # gettext(variable): nothing to extract
                continue
            ctx = literal(ctx_at)
            key = msgid if ctx is None else ctx + CTX_SEP + msgid
            found.setdefault(key, []).append((rel, str(node.lineno)))
    return {
        key: sorted(set(refs), key=lambda r: (r[0], int(r[1])))
        for key, refs in found.items()
    }


def django_entries() -> list[polib.POEntry]:
    """The entries of Django's Danish catalogs that DJANGO_SOURCES use, in
    catalog order, with those sources as references."""
    used = django_msgids()
    entries = []
    for path in django_catalogs():
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            refs = used.get(key_of(entry))
            if refs:
                entries.append(copy_entry(entry, refs))
    return entries


def merge(*groups: list[polib.POEntry]) -> list[polib.POEntry]:
    """One entry per msgctxt + msgid, in first-seen order; a duplicate adds
    its references and flags to the first."""
    merged: dict[str, polib.POEntry] = {}
    for group in groups:
        for entry in group:
            key = key_of(entry)
            first = merged.get(key)
            if first is None:
                merged[key] = entry
                continue
            if (first.msgid_plural or "") != (entry.msgid_plural or ""):
                raise SystemExit(
                    f"{key!r} has different plurals: "
                    f"{first.msgid_plural!r} / {entry.msgid_plural!r}"
                )
            for ref in entry.occurrences:
                if ref not in first.occurrences:
                    first.occurrences.append(ref)
            for flag in entry.flags:
                if flag not in first.flags:
                    first.flags.append(flag)
    return list(merged.values())


def source_entries() -> tuple[polib.POFile, list[polib.POEntry]]:
    """allauth's catalog (for its header dates) and every entry to build."""
    source, entries = allauth_entries()
    return source, merge(entries, django_entries())


def load_table(lang: str) -> dict:
    path = TABLE_DIR / f"{lang}.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def save_table(lang: str, table: dict) -> None:
    path = TABLE_DIR / f"{lang}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(table, ensure_ascii=False, indent=1)
    path.write_text(text + "\n", encoding="utf-8")


def unpack(value) -> tuple[str | list[str], bool]:
    """A JSON value -> (msgstr or plural msgstrs, reviewed?)."""
    if isinstance(value, dict):
        return value.get("msgstr", ""), bool(value.get("reviewed"))
    return value, False


def nplurals(lang: str) -> int:
    return int(re.search(r"nplurals=(\d+)", LANGUAGES[lang]["plural_forms"])[1])


def is_translated(lang: str, entry: polib.POEntry, value) -> bool:
    msgstr, _ = unpack(value)
    if entry.msgid_plural:
        forms = nplurals(lang)
        return isinstance(msgstr, list) and len(msgstr) == forms and all(msgstr)
    return isinstance(msgstr, str) and bool(msgstr)


def build(lang: str, source: polib.POFile, entries, table: dict) -> polib.POFile:
    info = LANGUAGES[lang]
    po = polib.POFile(wrapwidth=78)
    po.header = (
        f"{info['name']} ({lang}) translation of django-allauth's account and "
        f"MFA pages and of Django's\n"
        "form, validator, password-validation and auth form messages, for "
        "Medborger.\n"
        f"Generated by scripts/vendor_catalogs.py from the msgids of "
        f"django-allauth {allauth.__version__} and\n"
        f"Django {django.__version__} "
        f"and scripts/vendor_catalogs/{lang}.json: edit the JSON, not this file.\n"
        "This file was machine-translated and awaits review by a native speaker."
    )
    po.metadata = {
        "Project-Id-Version": (
            f"django-allauth {allauth.__version__} + Django {django.__version__} "
            "(Medborger)"
        ),
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": source.metadata.get("POT-Creation-Date", ""),
        # Fixed (not today's date) so that a re-run changes nothing unless the
        # msgids or the translations did.
        "PO-Revision-Date": source.metadata.get("POT-Creation-Date", ""),
        "Last-Translator": "Machine translation (awaiting review)",
        "Language-Team": (
            f"{info['name']} (machine translation, awaiting review by a native speaker)"
        ),
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": info["plural_forms"],
    }
    for src in entries:
        value = table.get(key_of(src))
        translated = value is not None and is_translated(lang, src, value)
        msgstr, reviewed = unpack(value) if translated else ("", False)
        entry = copy_entry(src, src.occurrences)
        entry.tcomment = "" if reviewed else MARK
        if src.msgid_plural:
            forms = msgstr if translated else [""] * nplurals(lang)
            entry.msgstr_plural = dict(enumerate(forms))
        else:
            entry.msgstr = msgstr
        po.append(entry)
    return po


def render(po: polib.POFile) -> str:
    text = str(po)
    return text if text.endswith("\n") else text + "\n"


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a .po file is stale or incomplete",
    )
    parser.add_argument(
        "--add-missing",
        action="store_true",
        help="add empty JSON slots for msgids that have no translation",
    )
    parser.add_argument(
        "--prune", action="store_true", help="drop JSON keys no longer used"
    )
    parser.add_argument("languages", nargs="*", metavar="LANG", help="default: all")
    args = parser.parse_args(argv)
    languages = args.languages or sorted(LANGUAGES)
    unknown = sorted(set(languages) - set(LANGUAGES))
    if unknown:
        parser.error(f"unknown language(s) {unknown}; known: {sorted(LANGUAGES)}")

    source, entries = source_entries()
    keys = {key_of(entry) for entry in entries}
    failed = False
    for lang in languages:
        table = load_table(lang)
        missing = [
            e for e in entries if not is_translated(lang, e, table.get(key_of(e)))
        ]
        unused = [key for key in table if key not in keys]
        po = build(lang, source, entries, table)
        path = OUT_DIR / lang / "LC_MESSAGES" / "django.po"
        text = render(po)
        say(
            f"{lang}: {len(po)} entries, {len(missing)} untranslated, "
            f"{len(unused)} unused JSON keys"
        )
        for entry in missing:
            say(f"  untranslated: {key_of(entry)!r}")
        for key in unused:
            say(f"  unused: {key!r}")
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                say(f"  {path.relative_to(REPO)} is stale: re-run this script")
                failed = True
            failed = failed or bool(missing)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if args.add_missing or args.prune:
            if args.prune:
                for key in unused:
                    del table[key]
            if args.add_missing:
                for entry in missing:
                    empty = [""] * nplurals(lang) if entry.msgid_plural else ""
                    table.setdefault(key_of(entry), empty)
            save_table(lang, table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
