"""Fail when a Swedish translation is missing or fuzzy (the UI is Swedish by default)."""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    po_path = ROOT / "samverka/locale/sv/LC_MESSAGES/django.po"
    if not po_path.exists():
        print(f"missing {po_path}")
        return 1
    catalogue = polib.pofile(str(po_path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    for msgid in missing[:30]:
        print(f"untranslated: {msgid!r}")
    for msgid in fuzzy[:30]:
        print(f"fuzzy: {msgid!r}")
    if missing or fuzzy:
        print(f"{len(missing)} untranslated and {len(fuzzy)} fuzzy Swedish strings")
        return 1
    print(f"{len(catalogue)} Swedish strings, all translated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
