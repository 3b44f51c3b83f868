"""Fill msgstrs into the nine .po files from a JSON file of
{msgid: {lang: msgstr}}; marks each as a machine translation needing review.

Usage: .venv/bin/python scripts/po_fill.py translations.json
"""

import json
import sys
from pathlib import Path

import polib

MARK = "machine translation, needs review"


def main(path: str) -> None:
    table = json.loads(Path(path).read_text(encoding="utf-8"))
    for po_path in sorted(Path("locale").glob("*/LC_MESSAGES/django.po")):
        lang = po_path.parts[1]
        po = polib.pofile(str(po_path))
        for entry in po:
            texts = table.get(entry.msgid)
            if texts and lang in texts:
                entry.msgstr = texts[lang]
                entry.flags = [f for f in entry.flags if f != "fuzzy"]
                if MARK not in entry.tcomment:
                    entry.tcomment = MARK
        po.save()


if __name__ == "__main__":
    main(sys.argv[1])
