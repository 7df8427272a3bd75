"""Add translations to the catalogues without regenerating them.

Several people (or sessions) may add strings at once, so every write takes an
exclusive lock on the Swedish catalogue. An entry already present is updated
only when its Swedish text was empty or fuzzy.

    python scripts/po_add.py "Edit meeting" "Ändra mötet"
    python scripts/po_add.py --context "meeting status" "Held" "Genomfört"
    python scripts/po_add.py --plural "%(n)s rows" "%(n)s row" "%(n)s rad" "%(n)s rader"
    python scripts/po_add.py --json pairs.json   # [["English", "Svenska"], …]

`make messages` (GNU gettext) stays the way to re-extract everything; this
tool only adds.
"""

import argparse
import fcntl
import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
SV = ROOT / "samverka/locale/sv/LC_MESSAGES/django.po"
EN = ROOT / "samverka/locale/en/LC_MESSAGES/django.po"


def _find(catalogue: polib.POFile, msgid: str, context: str | None) -> polib.POEntry | None:
    for entry in catalogue:
        if entry.msgid == msgid and (entry.msgctxt or None) == context:
            return entry
    return None


def add(pairs: list[tuple[str, str, str | None, str | None, str | None]]) -> int:
    """Add (msgid, msgstr, context, msgid_plural, msgstr_plural) entries; return how many changed."""
    changed = 0
    with open(SV, "a", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        sv = polib.pofile(str(SV), wrapwidth=79)
        en = polib.pofile(str(EN), wrapwidth=79)
        for msgid, msgstr, context, plural, msgstr_plural in pairs:
            entry = _find(sv, msgid, context)
            if entry is None:
                kwargs = {"msgid": msgid, "msgctxt": context} if context else {"msgid": msgid}
                if plural:
                    entry = polib.POEntry(
                        **kwargs, msgid_plural=plural, msgstr_plural={0: msgstr, 1: msgstr_plural or msgstr}
                    )
                else:
                    entry = polib.POEntry(**kwargs, msgstr=msgstr)
                sv.append(entry)
                changed += 1
            elif (not entry.translated()) or entry.fuzzy:
                if plural:
                    entry.msgstr_plural = {0: msgstr, 1: msgstr_plural or msgstr}
                else:
                    entry.msgstr = msgstr
                if entry.fuzzy:
                    entry.flags.remove("fuzzy")
                changed += 1
            if _find(en, msgid, context) is None:
                kwargs = {"msgid": msgid, "msgctxt": context} if context else {"msgid": msgid}
                if plural:
                    en.append(polib.POEntry(**kwargs, msgid_plural=plural, msgstr_plural={0: "", 1: ""}))
                else:
                    en.append(polib.POEntry(**kwargs, msgstr=""))
        sv.save()
        en.save()
    return changed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--context")
    parser.add_argument("--plural", help="the English plural msgid")
    parser.add_argument("--json", help="a JSON file of [english, swedish] or [english, swedish, context] lists")
    parser.add_argument("strings", nargs="*")
    args = parser.parse_args()
    pairs: list[tuple[str, str, str | None, str | None, str | None]] = []
    if args.json:
        for item in json.loads(Path(args.json).read_text(encoding="utf-8")):
            context = item[2] if len(item) > 2 else None
            pairs.append((item[0], item[1], context, None, None))
    if args.strings:
        if args.plural:
            if len(args.strings) != 3:
                parser.error("--plural takes: msgid swedish-singular swedish-plural")
            pairs.append((args.strings[0], args.strings[1], args.context, args.plural, args.strings[2]))
        else:
            if len(args.strings) % 2:
                parser.error("give English and Swedish in pairs")
            for i in range(0, len(args.strings), 2):
                pairs.append((args.strings[i], args.strings[i + 1], args.context, None, None))
    print(f"{add(pairs)} entries added or filled")
    return 0


if __name__ == "__main__":
    sys.exit(main())
