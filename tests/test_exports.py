"""Every file the platform offers (PDF, Excel, CSV, ICS, zip, GeoJSON), for the demo's objects, is a valid file.

The URL patterns that serve files are found by walking the URL resolver (by the words in their path or
name, and by the views that build a file response); each must be covered (``tests/export_cases.py``) or
excluded with a reason. For each pattern the test samples up to ``LIMIT`` demo objects it applies to,
always including the objects with missing optional data (a meeting without a chair, a plan without
dates…) and one per status, requests the file as the platform administrator (two-factor session) and
checks the file (``tests/export_checks.py``): a PDF parses and reads Swedish (no "None", "persons"…), a
workbook opens, a CSV is UTF-8, semicolon-separated with equal rows and decimal commas, a calendar parses.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client

from tests.conftest import demo_account, file_patterns, log_in
from tests.export_cases import COVERED, Context, Request
from tests.export_checks import CHECKERS, CONTENT_TYPES, page_message

pytestmark = pytest.mark.django_db

#: Patterns that serve a file but are not checked here, and why.
EXCLUDED: dict[str, str] = {
    "mfa_download_recovery_codes": (
        "allauth's plain-text list of the person's own recovery codes; needs a fresh re-authentication, "
        "no demo object; covered by allauth's own tests"
    ),
}


def test_every_file_pattern_is_covered_or_excluded() -> None:
    found = file_patterns()
    assert len(found) > 20, found
    uncovered = sorted(set(found) - set(COVERED) - set(EXCLUDED))
    assert uncovered == [], (
        "URL patterns serving files with no export test (cover them or exclude with a reason):\n"
        + ("\n".join(f"{name}  {found[name]}" for name in uncovered))
    )
    stale = sorted((set(COVERED) | set(EXCLUDED)) - set(found))
    assert stale == [], f"covered or excluded patterns that no longer serve files or exist: {stale}"


def fetch(request: Request, admin: Client) -> tuple[list[str], bytes]:
    client = request.client or admin
    try:
        with transaction.atomic():  # a failing view's database error must not break the walk
            post = request.post is not None
            response = client.post(request.url, request.post) if post else client.get(request.url)
    except Exception as error:  # noqa: BLE001 (a server error is the finding; keep walking)
        return [f"server error {type(error).__name__}: {error}"[:500]], b""
    if response.status_code != 200:
        where = f" → {response['Location']}" if response.has_header("Location") else ""
        return [f"answered {response.status_code}{where}"], b""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    expected = CONTENT_TYPES.get(request.kind)
    if expected and not response["Content-Type"].startswith(expected):
        said = page_message(data) if "html" in response["Content-Type"] else ""
        return [f"content type {response['Content-Type']!r}, expected {expected}{said}"], data
    return [], data


@pytest.mark.parametrize("name", sorted(COVERED))
def test_every_file_is_valid_for_every_demo_object(name: str, demo: None) -> None:
    from samverka.platform.accounts.models import User

    admin = log_in(Client(), "admin")
    ctx = Context(admin=admin, user=User.objects.get(email=demo_account("admin").email))
    requests = list(COVERED[name](ctx))
    assert requests, f"{name}: the demo has no object this file applies to"
    failures = []
    for request in requests:
        problems, data = fetch(request, admin)
        text = ""
        if not problems:
            problems, text = CHECKERS[request.kind](data)
        if not problems and request.synthetic and "syntet" not in text.lower():
            problems = ["derived from synthetic data but does not say so (no “syntetisk/syntetiska”)"]
        failures += [f"{request.url} ({request.about}): {problem}" for problem in problems]
    assert not failures, f"{name}: {len(failures)} of {len(requests)} files invalid:\n" + "\n".join(failures)
