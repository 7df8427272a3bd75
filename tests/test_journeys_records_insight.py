"""Browser journeys of records and insight (the analyst, the registrar): each role's main job, end to end,
as a person does it.

How every journey runs (login, checks, phone viewport, the demo): ``tests/journeys.py``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import assert_accessible, click_and_wait
from samverka.demo.accounts import SORMLAND_SLUG
from tests.journeys import (
    DESKTOP,
    MSV,
    PHONE,
    fetch_file,
    heading,
    log_in_role,
    message,
    new_page,
    pdf_text,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# --- 3. the analyst --------------------------------------------------------------------------------------------

#: Employed people by municipality, sex and year, as a region's own export: municipalities by name and in SCB's
#: "code name" form; one row repeats Eskilstuna's men in 2024 (a duplicate key the quality report must show).
ANALYST_CSV = """Kommun;Kön;År;Antal
Eskilstuna;1;2023;4400
Eskilstuna;2;2023;4100
0484 Eskilstuna;1;2024;4460
0484 Eskilstuna;2;2024;4150
Nyköping;1;2023;3100
Nyköping;2;2023;2950
0480 Nyköping;1;2024;3120
0480 Nyköping;2;2024;2990
Katrineholm;1;2023;1500
Katrineholm;2;2023;1450
Katrineholm;1;2024;1510
Katrineholm;2;2024;1470
Eskilstuna;1;2024;7100
"""


def analyst_journey(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    log_in_role(page, "analyst")
    page.goto(f"/s/{SORMLAND_SLUG}/statistics/")
    expect(heading(page)).to_have_text("Statistik")
    click_and_wait(page, page.get_by_role("link", name="Ny datamängd"))
    expect(heading(page)).to_have_text("Ny datamängd")
    page.get_by_label("Titel").fill("Förvärvsarbetande i tre kommuner")
    page.get_by_label("Kortnamn").fill("forvarvsarbetande-tre-kommuner")
    page.get_by_label("Källa").select_option(label="CSV-fil")
    page.get_by_label("Enhet").fill("personer")
    page.get_by_label("Offentlig").check()
    click_and_wait(page, page.get_by_role("button", name="Skapa datamängden"))
    expect(heading(page)).to_have_text("Förvärvsarbetande i tre kommuner")

    # Upload the CSV with municipality names; the columns are mapped.
    click_and_wait(page, page.get_by_role("link", name="Ladda upp en fil"))
    expect(heading(page)).to_have_text("Ladda upp en fil")
    page.get_by_label("Fil").set_input_files(
        files=[{"name": "forvarvsarbetande.csv", "mimeType": "text/csv", "buffer": ANALYST_CSV.encode()}]
    )
    click_and_wait(page, page.get_by_role("button", name="Ladda upp"))
    expect(heading(page)).to_have_text("Vad kolumnerna betyder")
    expect(page.locator("main table")).to_contain_text("0484 Eskilstuna")

    def guessed(column: str) -> Any:
        return page.get_by_role("combobox", name=f"{column}:", exact=True).locator("option:checked")

    expect(guessed("Kommun")).to_have_text("Region (län eller kommun)")
    expect(guessed("Kön")).to_have_text("Kön")
    expect(guessed("År")).to_have_text("Tid")
    expect(guessed("Antal")).to_have_text("Utelämna")
    expect(guessed("Kolumn med värdena")).to_have_text("Antal")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Importera"))
    expect(page.locator("main")).to_contain_text("kvalitetsrapport")
    click_and_wait(page, page.get_by_role("link", name=re.compile("kvalitetsrapport", re.I)).first)
    expect(heading(page)).to_have_text("Förvärvsarbetande i tre kommuner, version 1")
    main = page.locator("main")
    # The municipality names were matched: three municipalities, not five spellings.
    expect(main.locator("table").filter(has_text="Beteckning").locator("tr").filter(has_text="Kommun")).to_contain_text(
        "3"
    )
    # The report names the duplicate rows and the cells, and says that the error blocks publishing.
    expect(main).to_contain_text("Fel hittades av 1 kontroll: Dubbletter")
    duplicates = main.locator("tr").filter(has_text="Samma kombination av koder")
    expect(duplicates).to_contain_text("rader 4, 14")
    expect(duplicates).to_contain_text("Eskilstuna")
    assert_accessible(page)

    # Publishing without a reason is refused; with the reason it goes ahead and the reason is shown.
    page.get_by_label(re.compile("Jag har läst kvalitetsrapporten")).check()
    click_and_wait(page, page.get_by_role("button", name="Publicera den här versionen"))
    expect(page.locator("main")).to_contain_text("ange varför de kan godtas")
    expect(page.get_by_label(re.compile("Varför felen kan godtas"))).to_be_visible()
    reason = "Raden för Eskilstunas män 2024 finns två gånger i regionens export; den första är den rätta."
    page.get_by_label(re.compile("Jag har läst kvalitetsrapporten")).check()
    page.get_by_label(re.compile("Varför felen kan godtas")).fill(reason)
    click_and_wait(page, page.get_by_role("button", name="Publicera den här versionen"))
    expect(page.locator("main")).to_contain_text("Publicerad")
    expect(page.locator("main")).to_contain_text(reason)

    # The cells read with names; the duplicate is counted once.
    page.set_viewport_size(PHONE)
    click_and_wait(page, page.get_by_role("link", name="Visa cellerna"))
    cells = page.locator("main")
    expect(cells).to_contain_text("Eskilstuna")
    assert_accessible(page)
    page.set_viewport_size(DESKTOP)

    expect(cells.locator("tbody tr").filter(has_text="Eskilstuna").first).to_contain_text("0484")
    expect(cells.get_by_label("Kommun").locator("option").filter(has_text="Eskilstuna (0484)")).to_have_count(1)

    # A chart of the published version.
    page.goto(f"/s/{SORMLAND_SLUG}/analyses/charts/")
    expect(heading(page)).to_have_text("Diagram och kartor")
    click_and_wait(page, page.get_by_role("link", name="Nytt diagram eller ny karta"))
    page.get_by_label("Data").select_option(label="Förvärvsarbetande i tre kommuner – v1 (Publicerad)")
    click_and_wait(page, page.get_by_role("button", name="Välj data"))
    expect(page.locator("main")).to_contain_text("Data: Förvärvsarbetande i tre kommuner, version 1.")
    chart_title = "Förvärvsarbetande män 2024 per kommun"
    page.get_by_label("Titel").fill(chart_title)
    page.get_by_label("Slag").select_option(label="Stapeldiagram")
    page.get_by_label("Hämta data från").select_option(label="Observationer i en datamängdsversion")
    page.get_by_label("Dimension på x-axeln").select_option(label="Kommun")
    page.locator("input[name=filter_sex][value='1']").check()
    page.locator("input[name=filter_period][value='2024']").check()
    page.get_by_label("Enhet").fill("personer")
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Spara"))
    expect(message(page)).to_contain_text("Diagrammet har sparats")
    expect(heading(page)).to_have_text(chart_title)
    data_table = page.locator("main table").filter(has_text="Eskilstuna")
    # Names first, the code second; the duplicate row is counted once (4 460, never 4 460 + 7 100).
    expect(data_table.locator("tr").filter(has_text="Eskilstuna")).to_contain_text(re.compile(r"Eskilstuna\s*0484"))
    expect(data_table.locator("tr").filter(has_text="Eskilstuna")).to_contain_text(re.compile(r"4\s?460"))
    expect(data_table).not_to_contain_text(re.compile(r"11\s?560"))
    expect(page.locator("main")).to_contain_text("aldrig summan")
    assert_accessible(page)

    # An analysis with the chart, as PDF.
    page.goto(f"/s/{SORMLAND_SLUG}/analyses/")
    expect(heading(page)).to_have_text("Analyser")
    click_and_wait(page, page.get_by_role("link", name="Ny analys"))
    expect(heading(page)).to_have_text("Ny analys")
    analysis_title = "Förvärvsarbetande män i tre kommuner"
    page.get_by_label("Titel").fill(analysis_title)
    page.get_by_label("Sammanfattning").fill("Eskilstuna har flest förvärvsarbetande män av de tre kommunerna.")
    page.get_by_label("Offentlig").check()
    click_and_wait(page, page.get_by_role("button", name="Spara"))
    expect(message(page)).to_contain_text("Analysen har skapats")
    expect(heading(page)).to_contain_text(analysis_title)
    expect(heading(page)).to_contain_text("Utkast")
    analysis_url = page.url
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("link", name="Lägg till ett diagram eller en karta"))
    page.get_by_label("Slag").select_option(label="Diagram eller karta")
    block_heading = "Eskilstuna har flest förvärvsarbetande män"
    page.get_by_label("Rubrik").fill(block_heading)
    page.get_by_label("Text").fill("Eskilstuna har fler än dubbelt så många som Katrineholm.")
    page.get_by_label("Diagram").select_option(label=chart_title)
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Spara"))
    expect(heading(page)).to_contain_text(analysis_title)
    expect(page.locator("main")).to_contain_text(block_heading)
    expect(message(page)).to_contain_text("Blocket har sparats")
    expect(page.locator("main")).to_contain_text(block_heading)
    click_and_wait(page, page.get_by_role("button", name="Publicera", exact=True))
    expect(heading(page)).not_to_contain_text("Utkast")
    expect(heading(page)).to_contain_text(analysis_title)
    href = page.get_by_role("link", name="Rapport (PDF)").get_attribute("href")
    content_type, body = fetch_file(page, href)
    assert content_type.startswith("application/pdf")
    text = pdf_text(body)
    assert analysis_title in text and block_heading in text, text[:500]
    assert "Eskilstuna" in text and re.search(r"4\s?460", text), text[:2000]
    assert not re.search(r"11\s?560", text)
    page.set_viewport_size(PHONE)
    page.goto(analysis_url)
    assert_accessible(page)
    page.context.close()

    # Published and public: an anonymous visitor reads it with its chart.
    visitor = new_page(browser, base_url, phone=True)
    visitor.goto(analysis_url)
    expect(heading(visitor)).to_contain_text(analysis_title)
    expect(visitor.locator("main")).to_contain_text(block_heading)
    visitor.context.close()


# --- 4. the registrar ------------------------------------------------------------------------------------------


def registrar_journey(browser: Any, base_url: str) -> None:
    page = new_page(browser, base_url)
    log_in_role(page, "registrar")
    page.goto(f"/s/{MSV}/registry/")
    expect(heading(page)).to_have_text("Diarium")
    assert_accessible(page)
    case_title = "Förfrågan från riksdagsledamot om regionernas kompetensplattformar"
    row = page.locator("main tr").filter(has_text=case_title)
    case_number = row.get_by_role("link").first.inner_text().strip()  # e.g. "MSV 2026/0009"
    click_and_wait(page, row.get_by_role("link").first)
    expect(heading(page)).to_contain_text(case_number)
    expect(heading(page)).to_contain_text(case_title)

    # Register an incoming document on the case.
    click_and_wait(page, page.get_by_role("link", name="Registrera en handling"))
    expect(heading(page)).to_have_text(f"Registrera en handling i {case_number}")
    page.get_by_label("Inkommande").check()
    subject = "Komplettering med uppgifter om en enskild persons hälsa"
    sender = "Eva Ekström"
    page.get_by_label("Ämne").fill(subject)
    page.get_by_label("Avsändare eller mottagare").fill(sender)
    page.get_by_label("Mottaget").fill(timezone.localdate().isoformat())
    page.get_by_label("Handlingstyp").select_option(label="Inkommande skrivelser i ärenden (inkommande-skrivelse)")
    page.get_by_label("Filer").set_input_files(
        files=[{"name": "komplettering.txt", "mimeType": "text/plain", "buffer": "Läkarintyg bifogas.".encode()}]
    )
    assert_accessible(page)
    click_and_wait(page, page.get_by_role("button", name="Registrera handlingen"))
    if page.locator("input[name=register_anyway]").count() and "/documents/new/" in page.url:
        click_and_wait(page, page.get_by_role("button", name="Registrera handlingen"))
    expect(message(page)).to_contain_text(re.compile(rf"Handlingen {re.escape(case_number)}-\d+ har registrerats"))
    document_number = re.search(rf"{re.escape(case_number)}-\d+", message(page).inner_text()).group(0)
    listed = page.locator("main tr").filter(has_text=document_number)
    expect(listed).to_contain_text(sender)
    expect(listed).to_contain_text(subject)
    expect(listed).to_contain_text("komplettering.txt")
    click_and_wait(page, listed.get_by_role("link", name=document_number))
    expect(heading(page)).to_contain_text(f"{document_number} {subject}")
    document_url = page.url

    # Mark it secret: the sender and the subject are hidden in the public diary.
    page.set_viewport_size(PHONE)
    page.get_by_label("Bestämmelse").fill("OSL 21 kap. 1 §")
    page.get_by_label("Markerad den").fill(timezone.localdate().isoformat())
    page.get_by_label("Dölj avsändare eller mottagare").check()
    page.get_by_label("Dölj ärendemeningen").check()
    click_and_wait(page, page.get_by_role("button", name="Sekretessmarkera"))
    expect(message(page)).to_be_visible()
    expect(page.locator("main")).to_contain_text("OSL 21 kap. 1 §")
    expect(page.locator("main")).to_contain_text(sender)  # the registrar still reads it
    assert_accessible(page)
    page.context.close()

    # The public diary, as an anonymous visitor on a phone.
    visitor = new_page(browser, base_url, phone=True)
    visitor.goto(f"/s/{MSV}/diary/")
    expect(heading(visitor)).to_have_text("Offentlig diarieförteckning")
    entry = visitor.locator("main tr").filter(has_text=document_number)
    expect(entry).to_have_count(1)  # the registration itself is always shown
    expect(entry).to_contain_text("[sekretessmarkerad]")
    expect(visitor.locator("main")).not_to_contain_text(sender)
    expect(visitor.locator("main")).not_to_contain_text(subject)
    assert_accessible(visitor)
    # The document's own page and file stay closed to the visitor.
    answer = visitor.goto(document_url)
    assert answer is not None and answer.status in (403, 404), (document_url, answer and answer.status)
    expect(visitor.locator("main")).not_to_contain_text(sender)
    visitor.context.close()


# --- the tests ---------------------------------------------------------------------------------------------------


def test_analyst_imports_names_resolves_the_quality_report_and_publishes_a_chart_and_an_analysis(
    browser: Any, demo_server: str
) -> None:
    analyst_journey(browser, demo_server)


def test_registrar_registers_and_marks_a_document_and_checks_the_public_diary(browser: Any, demo_server: str) -> None:
    registrar_journey(browser, demo_server)
