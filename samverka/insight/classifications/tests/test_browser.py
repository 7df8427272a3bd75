"""The public classification pages in a real headless Chromium, checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait
from samverka.insight.classifications.loading import load_classifications
from samverka.insight.classifications.models import ClassificationItem, SunOldLevel

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def classifications(geography: None) -> None:
    """A transactional test starts after other tests may have flushed the tables: load them again."""
    if not ClassificationItem.objects.exists():
        SunOldLevel.objects.all().delete()
        load_classifications(ClassificationItem, SunOldLevel)


def test_search_tree_and_item_pages_are_accessible(page, classifications) -> None:
    page.goto("/classifications/")
    assert_accessible(page)
    page.fill("#id_q", "sjuksköterskor")
    page.select_option("#id_scheme", "ssyk2012")
    click_and_wait(page, "main form button[type=submit]")
    assert "Grundutbildade sjuksköterskor" in page.locator("#search-results").inner_text()
    assert_accessible(page)

    click_and_wait(page, "#search-results a[href='/classifications/ssyk2012/2221/']")
    assert page.locator("h1").inner_text() == "2221 Grundutbildade sjuksköterskor"
    assert_accessible(page)

    click_and_wait(page, "main a[href*='?open=2221']")
    assert page.locator("#item-222").is_visible()
    assert "Barnmorskor" in page.locator("main").inner_text()
    assert_accessible(page)

    page.goto("/classifications/sni2007/?level=5")
    assert page.locator("main table tbody tr").count() == 50
    assert_accessible(page)


def test_regions_pages_draw_their_maps_and_are_accessible(page, classifications) -> None:
    page.goto("/classifications/regions/")
    page.wait_for_selector(".regions-map[data-loaded=true]")
    assert page.locator(".regions-map path.leaflet-interactive").count() == 21
    assert_accessible(page)

    click_and_wait(page, "main table a[href='/classifications/regions/04/']")
    page.wait_for_selector(".regions-map[data-loaded=true]")
    assert page.locator(".regions-map path.leaflet-interactive").count() == 9  # Sörmland's municipalities
    assert_accessible(page)

    click_and_wait(page, "main table a[href='/classifications/regions/0484/']")
    assert page.locator("h1").inner_text() == "0484 Eskilstuna"
    page.wait_for_selector(".regions-map[data-loaded=true]")
    assert_accessible(page)
