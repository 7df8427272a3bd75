"""An id printed bare in a template is localised: with the thousands separator on, object 219511 becomes
"219 511", which breaks an HTML id, an anchor or a form value once a table passes a thousand rows."""

import re

from django.conf import settings

from conftest import ROOT

BARE_ID = re.compile(r"\{\{\s*[\w.]*\.(pk|id)\s*\}\}")


def test_no_template_prints_a_primary_key_through_number_formatting() -> None:
    assert settings.USE_THOUSAND_SEPARATOR
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "samverka").rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if BARE_ID.search(line)
    ]
    assert offenders == [], "print ids with |stringformat:'s' (or |unlocalize): " + ", ".join(offenders)
