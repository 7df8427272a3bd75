"""What the browser journeys (``test_journeys_*.py``, one per demo role) share: viewports, logging in as a
demo role, reading messages, headings and files. The live server with the demo loaded is ``demo_server`` in
``tests/conftest.py``.

Each journey logs in through the real login form (with the TOTP step where the role needs it), walks
the pages a person would, asserts what the person sees at each step (headings, messages, values),
runs axe-core on the main pages and takes at least one step at a 390 px wide phone viewport.

The demo is loaded into the live server's database at the start of each test (pytest-django flushes
the database after a transactional test; ``tests/conftest.py`` restores the demo from an in-memory
snapshot after the first load).
"""

from __future__ import annotations

import io
import re
from typing import Any

from playwright.sync_api import expect

from conftest import click_and_wait, fresh_totp_code
from samverka.demo.accounts import DEMO_PASSWORD, NATIONAL_SLUG
from tests.conftest import demo_account

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
MSV = NATIONAL_SLUG


# --- helpers -------------------------------------------------------------------------------------------------


def new_page(browser: Any, base_url: str, *, phone: bool = False) -> Any:
    context = browser.new_context(base_url=base_url, locale="sv-SE", viewport=PHONE if phone else DESKTOP)
    page = context.new_page()
    page.set_default_timeout(20000)
    return page


def log_in(page: Any, email: str, *, totp_secret: str = "") -> None:
    """Log in through the login form as a person does (and answer the two-factor step)."""
    page.goto("/accounts/login/")
    expect(page.locator("h1")).to_contain_text("Logga in")
    page.get_by_label(re.compile("E-post", re.I)).first.fill(email)
    page.get_by_label("Lösenord").first.fill(DEMO_PASSWORD)
    click_and_wait(page, page.locator("main form button[type=submit]"))
    if totp_secret:
        expect(heading(page)).to_have_text("Tvåfaktorsautentisering")
        page.locator("input[name=code]").fill(fresh_totp_code(email, totp_secret))
        click_and_wait(page, page.get_by_role("button", name="Logga in"))
    assert "/accounts/login" not in page.url, f"{email}: still on the login page ({page.url})"
    # The header offers "Logga ut" (folded into the menu on a phone).
    expect(page.locator("form[action='/accounts/logout/'] button")).to_have_text("Logga ut")


def log_in_role(page: Any, role: str) -> None:
    account = demo_account(role)
    log_in(page, account.email, totp_secret=account.totp_secret)


def message(page: Any) -> Any:
    """The flash messages (role=status) at the top of the page."""
    return page.locator(".messages")


def heading(page: Any) -> Any:
    return page.locator("main h1")


def task(page: Any, kind: str, title: str) -> Any:
    """The link of one thing waiting on Min sida (``kind`` as the page names it, e.g. "Kallelse att svara på")."""
    return page.locator("li.task").filter(has_text=kind).filter(has_text=title).get_by_role("link").first


def fetch_file(page: Any, href: str) -> tuple[str, bytes]:
    """Download what a link leads to with the page's session: (content type, body)."""
    response = page.request.get(href)
    assert response.status == 200, f"{href}: {response.status}"
    return response.headers.get("content-type", ""), response.body()


def pdf_text(body: bytes) -> str:
    from pypdf import PdfReader

    assert body.startswith(b"%PDF-"), body[:40]
    reader = PdfReader(io.BytesIO(body))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in reader.pages))


def give_password(email: str) -> None:
    """A demo contact without a demo account of its own (a chair, an adjuster) gets the demo password."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(email=email)
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
