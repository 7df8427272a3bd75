"""Every button that deletes, voids, cancels, rejects, withdraws, removes, discards or revokes looks like it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
#: Buttons, and links drawn as buttons (they lead to a confirmation page of the same action).
BUTTON = re.compile(
    r"""<button\b(?P<attrs>[^>]*)>(?P<label>.*?)</button>|<a\b(?P<link_attrs>[^>]*\bclass=["'](?:[^"']*\s)?button\b[^>]*)>(?P<link_label>.*?)</a>""",
    re.S,
)
LABEL = re.compile(
    r"""\{%\s*(?:translate|trans)\s+["'](?P<text>[^"']+)["']|\{%\s*blocktranslate\b[^%]*%\}(?P<block>[^{]+)"""
)
DESTRUCTIVE = re.compile(r"^(Delete|Remove|Void|Cancel|Reject|Withdraw|Discard|Dispose|Revoke|Execute the disposal)\b")


def destructive_buttons():
    for path in sorted(ROOT.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for match in BUTTON.finditer(text):
            attrs = match.group("attrs") if match.group("attrs") is not None else match.group("link_attrs")
            label = LABEL.search(match.group("label") or match.group("link_label") or "")
            words = (label.group("text") or label.group("block") or "").strip() if label else ""
            if DESTRUCTIVE.search(words):
                line = text.count("\n", 0, match.start()) + 1
                yield path.relative_to(ROOT), line, attrs, words


def test_the_scan_finds_the_destructive_buttons():
    found = list(destructive_buttons())
    assert len(found) >= 15, found
    labels = {label for *_rest, label in found}
    assert {"Void the case", "Cancel the meeting", "Reject the item"} <= labels


def test_every_destructive_button_is_styled_as_such():
    unstyled = [
        f"{path}:{line}: {label!r} ({attrs.strip()})"
        for path, line, attrs, label in destructive_buttons()
        if not re.search(r"""class=["'][^"']*\bbutton--danger\b""", attrs)
    ]
    assert unstyled == []


def test_the_danger_style_exists():
    css = (ROOT / "static" / "samverka" / "samverka.css").read_text(encoding="utf-8")
    assert ".button--danger" in css
