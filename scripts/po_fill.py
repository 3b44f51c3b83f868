"""Fill msgstrs into the nine .po files from a JSON file of
{key: {lang: msgstr}}; marks each as a machine translation needing review.

The key is the msgid, or "<msgctxt>\\u0004<msgid>" for an entry with a
context (gettext's convention). For an entry with a msgid_plural the msgstr
is a list with one string per plural form of the file's Plural-Forms.
English (en) needs no JSON: its empty or fuzzy entries get the msgid itself.

Usage: .venv/bin/python scripts/po_fill.py translations.json
Prints, per language, how many entries were filled and which stay empty.
The files are then rewrapped by gettext's msgcat, as makemessages writes them,
so that `make messages` finds nothing to change.
"""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

MARK = "machine translation, needs review"
SOURCE_LANGUAGE = "en"


def nplurals(po: polib.POFile) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", po.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else 2


def needs_work(entry: polib.POEntry) -> bool:
    return "fuzzy" in entry.flags or not entry.translated()


def text_for(entry, lang, table, n):
    """The msgstr (str, or list for a plural entry) for entry, or None."""
    key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
    text = table.get(key, {}).get(lang)
    if text is None and lang == SOURCE_LANGUAGE and needs_work(entry):
        if entry.msgid_plural:
            text = [entry.msgid] + [entry.msgid_plural] * (n - 1)
        else:
            text = entry.msgid
    if text is None:
        return None
    if entry.msgid_plural and (not isinstance(text, list) or len(text) != n):
        sys.exit(f"{lang}: {entry.msgid!r} needs a list of {n} plural forms")
    if not entry.msgid_plural and not isinstance(text, str):
        sys.exit(f"{lang}: {entry.msgid!r} has no plural; give one string")
    return text


def main(path: str) -> None:
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    for po_path in sorted(Path("locale").glob("*/LC_MESSAGES/django.po")):
        lang = po_path.parts[1]
        po = polib.pofile(str(po_path))
        n = nplurals(po)
        filled, missing = 0, []
        for entry in po:
            if entry.obsolete:
                continue
            text = text_for(entry, lang, table, n)
            if text is None:
                if needs_work(entry):
                    missing.append(entry.msgid)
                continue
            if entry.msgid_plural:
                entry.msgstr_plural = dict(enumerate(text))
            else:
                entry.msgstr = text
            entry.flags = [f for f in entry.flags if f != "fuzzy"]
            entry.previous_msgid = entry.previous_msgid_plural = None
            entry.previous_msgctxt = None
            if MARK not in entry.tcomment:
                entry.tcomment = MARK
            filled += 1
        po.save()
        msgcat = shutil.which("msgcat") or sys.exit("gettext's msgcat is needed")
        subprocess.run([msgcat, "-o", str(po_path), str(po_path)], check=True)  # noqa: S603
        print(f"{lang}: {filled} filled, {len(missing)} still empty or fuzzy")
        for msgid in missing:
            print(f"    {msgid!r}")


if __name__ == "__main__":
    main(sys.argv[1])
