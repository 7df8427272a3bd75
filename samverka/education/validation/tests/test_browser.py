"""A journey in a real headless Chromium at phone width (390 px), checked with axe-core on every page: someone
looks for where to validate as an assistant nurse, reads the offer and the suppressed outcomes; an analyst
uploads a template with a bad row (named by its cell, nothing saved) and then the corrected file."""

import io

import pytest
from openpyxl import Workbook

from conftest import assert_accessible, click_and_wait, login
from samverka.education.glossary.loading import load_platform_terms
from samverka.education.validation.models import ValidationOutcome
from samverka.education.validation.services import UPLOAD_COLUMNS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page):
    """Nothing wider than the phone: the page does not scroll sideways (tables scroll in their own box)."""
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('main *')).filter(e => e.getBoundingClientRect().right > 392"
        " && !e.closest('.table-scroll')).slice(0, 5).map(e => e.tagName + '.' + e.className)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, f"{page.url}: {wide}"


def template_file(tmp_path, started_men):
    book = Workbook()
    book.active.append(list(UPLOAD_COLUMNS))
    row = {
        "year": 2024,
        "ssyk_code": "8332",
        "provider_name": "Nyköpings vux",
        "municipality_code": "0480",
        "started_men": started_men,
        "completed_men": 6,
    }
    book.active.append([row.get(name) for name in UPLOAD_COLUMNS])
    path = tmp_path / f"utfall-{started_men}.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_a_person_finds_a_validation_and_an_analyst_reports_figures(page, world, tmp_path):
    load_platform_terms()
    page.set_viewport_size({"width": 390, "height": 844})

    page.goto("/validation/")
    assert_accessible(page)
    page.fill("#id_q", "undersköterska")
    click_and_wait(page, "main form[role=search] button[type=submit]")
    results = page.locator("main section").inner_text()
    assert "Validering till undersköterska" in results and "Validering bussförare" not in results
    fits(page)
    assert_accessible(page)

    click_and_wait(page, "text=Validering till undersköterska")
    assert "Vård- och omsorgscollege" in page.locator("main").inner_text()
    fits(page)
    assert_accessible(page)

    click_and_wait(page, "main >> text=Valideringsutfall i")
    table = page.locator("table.outcomes").inner_text()
    assert ".." in table  # the three men who started are masked, and the total with them
    fits(page)
    assert_accessible(page)

    login(page, world.analyst.email)
    page.goto(f"/s/{world.space.slug}/validation/outcomes/upload/")
    assert_accessible(page)
    page.set_input_files("#id_file", template_file(tmp_path, started_men=-4))
    click_and_wait(page, "main form button[type=submit]")
    problems = page.locator("main section.error-summary").inner_text()
    assert "G2" in problems  # started_men of row 2
    assert not ValidationOutcome.objects.filter(provider_name="Nyköpings vux").exists()
    fits(page)
    assert_accessible(page)

    page.set_input_files("#id_file", template_file(tmp_path, started_men=9))
    click_and_wait(page, "main form button[type=submit]")
    assert page.url.endswith(f"/s/{world.space.slug}/validation/outcomes/")
    assert "Nyköpings vux" in page.locator("main").inner_text()
    assert ValidationOutcome.objects.get(provider_name="Nyköpings vux").started_men == 9
    fits(page)
    assert_accessible(page)
