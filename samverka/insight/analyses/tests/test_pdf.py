"""The analysis as a PDF report (A4) and as a presentation (landscape, one message per page)."""

import pytest
from django.urls import reverse

from samverka.insight.analyses.tests.factories import (
    chart_block,
    make_analysis,
    make_chart,
    make_employment,
    text_block,
)
from samverka.insight.analyses.views.analyses import pdf_context
from samverka.platform.core.pdf import page_texts, render_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysis(space):
    version = make_employment(space)
    bars = make_chart(space=space, version=version, title="Anställda per yrke och kön", series_dimension="sex")
    counties = make_chart(
        space=space, version=version, title="Anställda per län", kind="map_county", x_dimension="region"
    )
    return make_analysis(
        space=space,
        title="Vårdens kompetensbehov",
        blocks=[
            text_block("Varför det här spelar roll", "<p>Vården behöver fler undersköterskor.</p>"),
            chart_block(bars, "Nio av tio undersköterskor är kvinnor"),
            chart_block(counties, "Örebro län har flest anställda"),
        ],
    )


def test_report_has_summary_headings_charts_and_tables(analysis):
    document = render_document("analyses/pdf/report.html", pdf_context(analysis))
    pages = page_texts(document)
    text = " ".join(pages)
    for expected in (
        "Vårdens kompetensbehov",
        "Var tredje svetsare",  # the summary
        "Varför det här spelar roll",
        "Nio av tio undersköterskor är kvinnor",
        "Örebro län har flest anställda",
        "Undersköterskor",  # chart text and table
        "Södermanlands län",  # the map's table
        "Page 1 of",
    ):
        assert expected in text, expected
    # Every page is numbered out of the real total, the last one included.
    total = len(document.pages)
    assert all(f"Page {n} of {total}" in page for n, page in enumerate(pages, start=1))
    assert document.pages[0].width < document.pages[0].height  # A4 portrait


def test_presentation_has_one_message_per_landscape_page(analysis):
    document = render_document("analyses/pdf/slides.html", pdf_context(analysis))
    pages = page_texts(document)
    assert len(pages) == 4  # title page + one per block
    assert "Vårdens kompetensbehov" in pages[0] and "Var tredje svetsare" in pages[0]
    assert "Varför det här spelar roll" in pages[1] and "Vården behöver fler" in pages[1]
    assert "Nio av tio undersköterskor är kvinnor" in pages[2] and "Undersköterskor" in pages[2]
    assert "Örebro län har flest anställda" in pages[3]
    assert all(page.width > page.height for page in document.pages)


@pytest.mark.parametrize("name", ["analysis-report", "analysis-slides"])
def test_pdf_downloads(client, space, make_role_user, analysis, name):
    client.force_login(make_role_user(space, "member"))
    response = client.get(reverse(f"analyses:{name}", kwargs={"space": space.slug, "pk": analysis.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
