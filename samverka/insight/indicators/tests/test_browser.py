"""The indicator page in a real headless Chromium, checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait
from samverka.insight.indicators.tests.factories import AGES, REGIONS, SSYKS, make_dataset, make_table
from samverka.testing.factories import make_space

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_indicator_page_is_accessible_and_shows_the_result_with_its_definition(page, live_server):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    version = make_table(
        dataset=make_dataset(space=space, title="Sysselsatta efter yrke och ålder", is_synthetic=True),
        dimensions={"period": ("2021",), "ssyk": SSYKS, "region": REGIONS, "age": AGES, "sex": ("1", "2")},
    )
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"/s/{space.slug}/statistics/indicators/")
    assert_accessible(page)

    page.select_option("#id_version", str(version.pk))
    page.select_option("#id_indicator", "age_structure")
    click_and_wait(page, "form.indicator-form button[type=submit]")
    page.select_option("#id_region", "0480")
    click_and_wait(page, "form.indicator-form button[type=submit]")
    main = page.locator("main").inner_text()
    assert "Läkare" in main and "2211" in main  # the name, with the code second
    assert "within 5 years are those aged 60–64" in main
    assert page.locator("table.indicator-table tbody tr").count() == 2
    assert page.locator("a[download]").count() == 1
    assert_accessible(page)
