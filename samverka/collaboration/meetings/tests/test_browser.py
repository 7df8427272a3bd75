"""The meeting pages in a real headless Chromium: an XSS corpus in an agenda never runs, and the
meeting page and the create form pass axe-core (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse

from conftest import assert_accessible, click_and_wait, login
from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.tests.helpers import add_members, make_meeting
from samverka.testing.factories import make_body, make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

XSS_CORPUS = [
    "<script>window.__xss = 1; alert('script')</script>",
    "<img src=x onerror=\"window.__xss = 2; alert('img')\">",
    '<a href="javascript:window.__xss=3;alert(\'href\')" id="xss-link">länk</a>',
    "<a href=\"  JaVaScRiPt:alert('case')\">länk 2</a>",
    "<svg><script>window.__xss = 4</script></svg>",
    '<p onmouseover="window.__xss = 5" style="position:fixed;inset:0">stycke</p>',
    '<iframe srcdoc="<script>parent.__xss = 6</script>"></iframe>',
    '<details open ontoggle="window.__xss = 7">d</details>',
    '<a href="&#x6A;avascript:alert(8)">kodad</a>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=9>",
]


@pytest.fixture
def world():
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    body = make_body(space=space, name="Branschforum Vård och omsorg")
    add_members(body, 2)
    secretariat = make_user(email="sekr@example.se", role_in=space, role="secretariat", full_name="Sara Sekreterare")
    meeting = make_meeting(body, title="Branschforum mars")
    return {"space": space, "body": body, "secretariat": secretariat, "meeting": meeting}


def test_an_xss_corpus_in_an_agenda_never_runs(page, world):
    item = services.agenda_item_add(
        actor=None, meeting=world["meeting"], title="Punkt", description="\n".join(XSS_CORPUS)
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    login(page, "sekr@example.se")
    page.goto(world["meeting"].get_absolute_url())
    page.hover(f"#item-{item.pk}")
    for link in page.locator(f"#item-{item.pk} .richtext a").all():
        link.click(modifiers=["Control"], no_wait_after=True)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("window.__xss === undefined")
    found = page.evaluate(
        """() => {
            const bad = [];
            for (const el of document.querySelectorAll('main *')) {
                for (const attr of el.attributes) {
                    if (attr.name.startsWith('on')) bad.push(el.tagName + ' ' + attr.name);
                    if (/^\\s*javascript:/i.test(attr.value)) bad.push(el.tagName + ' ' + attr.name + '=' + attr.value);
                }
                if (['SCRIPT', 'IFRAME', 'SVG', 'MATH', 'STYLE'].includes(el.tagName.toUpperCase())) bad.push(el.tagName);
            }
            return bad;
        }"""
    )
    assert found == []
    assert page.locator(f"#item-{item.pk}").get_by_text("stycke").count() == 1


def test_meeting_page_and_create_form_are_accessible(page, world):
    services.agenda_item_add(
        actor=None,
        meeting=world["meeting"],
        title="Utbildningsutfall",
        kind="decision",
        presenter="Eva",
        duration_minutes=30,
    )
    services.invitations_send(actor=None, meeting=world["meeting"])
    login(page, "sekr@example.se")
    page.goto(world["meeting"].get_absolute_url())
    assert page.locator("h1").inner_text() == "Branschforum mars"
    assert_accessible(page)
    page.goto(reverse("meetings:meeting-create", kwargs={"space": world["space"].slug, "body": world["body"].pk}))
    click_and_wait(page, "main form button[type=submit]")  # empty: the error summary must be accessible too
    assert page.locator("#error-summary").count() == 1
    assert_accessible(page)
