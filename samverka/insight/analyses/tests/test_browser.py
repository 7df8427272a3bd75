"""An analysis page with a chart and a county map, in a real headless Chromium, checked with axe-core."""

import pytest
from django.urls import reverse

from conftest import assert_accessible, click_and_wait, login
from samverka.insight.analyses.tests.factories import (
    chart_block,
    make_analysis,
    make_chart,
    make_employment,
    text_block,
)
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analysis_with_chart_and_map_is_accessible(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland", county_id="04")
    version = make_employment(space, is_public=True)
    bars = make_chart(space=space, version=version, title="Anställda per yrke och kön", series_dimension="sex")
    counties = make_chart(
        space=space, version=version, title="Anställda per län", kind="map_county", x_dimension="region"
    )
    analysis = make_analysis(
        space=space,
        title="Vårdens kompetensbehov",
        is_public=True,
        publish=True,
        blocks=[
            chart_block(bars, "Nio av tio undersköterskor är kvinnor"),
            chart_block(counties, "Örebro län har flest anställda"),
            text_block("Vad betyder det?", "<p>Fler behöver utbildas.</p>"),
        ],
    )
    page.goto(analysis.get_absolute_url())
    assert page.locator("h1").inner_text().startswith("Vårdens kompetensbehov")
    assert page.locator("svg.chart[role=img]").count() == 1
    assert page.locator("table.data-table").count() == 2
    page.wait_for_selector(".choropleth[data-loaded=true]")
    assert page.locator(".choropleth-map path.leaflet-interactive").count() >= 2
    assert_accessible(page)


def test_map_page_shows_the_table_without_javascript(browser, live_server, geography):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland", county_id="04")
    version = make_employment(space, is_public=True)
    counties = make_chart(
        space=space, version=version, title="Anställda per län", kind="map_county", x_dimension="region"
    )
    analysis = make_analysis(space=space, is_public=True, publish=True, blocks=[chart_block(counties, "Karta")])
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(analysis.get_absolute_url())
    assert page.locator(".choropleth").is_hidden()
    assert page.locator("table.data-table th[scope=row]").all_inner_texts() == ["Södermanlands län 04", "Örebro län 18"]
    context.close()


def test_chart_form_adapts_to_the_chosen_data(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland", county_id="04")
    version = make_employment(space)
    make_user(email="analytiker@example.se", role_in=space, role="analyst")
    login(page, "analytiker@example.se")
    page.goto(reverse("analyses:chart-create", kwargs={"space": space.slug}))
    assert page.locator("select[name=x_dimension]").count() == 0
    assert_accessible(page)
    # htmx renders the definition for the chosen data without leaving the page
    page.select_option("select#id_data_version", str(version.pk))
    page.wait_for_selector("#chart-definition select[name=x_dimension]")
    assert page.locator("select[name=x_dimension] option").all_inner_texts() == [
        "—",
        "Region",
        "Yrke (SSYK 2012)",
        "Kön",
        "År",
    ]
    assert_accessible(page)
    page.fill("input[name=title]", "Kvinnliga svetsare")
    page.select_option("select[name=x_dimension]", "region")
    page.check("input[name=filter_ssyk][value='7212']")
    page.check("input[name=filter_sex][value='2']")
    click_and_wait(page, "#chart-definition button[type=submit]")
    assert page.locator("h1").inner_text().startswith("Kvinnliga svetsare")
    assert page.locator("table.data-table th[scope=row]").all_inner_texts() == ["Södermanlands län 04", "Örebro län 18"]
    assert page.locator("table.data-table td").all_inner_texts()[:2] == ["35", "41"]
