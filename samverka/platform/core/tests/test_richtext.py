"""Rich text of agendas, minutes and events: safe HTML, stable when cleaned again."""

import pytest

from samverka.platform.core.richtext import sanitise, to_plain

XSS = [
    '<script>alert("x")</script>Text',
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">länk</a>',
    '<a href="JaVaScRiPt:alert(1)">länk</a>',
    '<p onclick="alert(1)" style="color:red">stycke</p>',
    "<svg><script>alert(1)</script></svg>",
    '<iframe src="https://example.com"></iframe>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
]


@pytest.mark.parametrize("payload", XSS)
def test_nothing_executable_survives(payload: str) -> None:
    cleaned = sanitise(payload).lower()
    for needle in ("<script", "onerror", "onclick", "javascript:", "<iframe", "<svg", "data:text", "style="):
        assert needle not in cleaned


@pytest.mark.parametrize(
    "text", ["Tom & Jerry", "<foo>a & b</foo>", "<p>x &amp; y</p>", "rad 1\nrad 2\n\nnytt stycke", "<b>fet</b> & mer"]
)
def test_cleaning_twice_changes_nothing(text: str) -> None:
    once = sanitise(text)
    assert sanitise(once) == once
    assert "&amp;amp;" not in once


def test_plain_text_becomes_paragraphs_and_back() -> None:
    html = sanitise("Första stycket\nmed radbrytning\n\nAndra & sista")
    assert html == "<p>Första stycket<br>med radbrytning</p><p>Andra &amp; sista</p>"
    assert to_plain(html) == "Första stycket\nmed radbrytning\n\nAndra & sista"
