"""A version's quality report, publishing it and its cells, in a real headless Chromium, checked with axe-core."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.insight.statistics.models import VersionStatus
from samverka.insight.statistics.tests.factories import import_tab6471, make_dataset
from samverka.insight.statistics.tests.scb import recorded
from samverka.testing.factories import make_space, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_analyst_reads_the_quality_report_and_publishes(page):
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    make_user(email="analytiker@example.se", role_in=space, role="analyst")
    dataset = make_dataset(space=space, title="Folkmängd per län", is_public=True)
    data = recorded("TAB6471_data.jsonstat2.json")
    data["value"][0] += 1000  # a total that does not add up
    version = import_tab6471(dataset, content=data)

    login(page, "analytiker@example.se")
    page.goto(dataset.get_absolute_url())
    assert_accessible(page)
    click_and_wait(page, f"a[href='{version.get_absolute_url()}']")
    main = page.locator("main").inner_text()
    assert "TotSa" in main and "245284" not in main  # the total in the example is 246284
    assert "246284" in main.replace("\u00a0", "").replace(" ", "")
    assert_accessible(page)
    assert "cell 0" in main and "Fel hittades av 1 kontroll" in main  # where the error is, and that it blocks (sv)
    page.get_by_role("checkbox").check()
    click_and_wait(page, "form[action$='/publish/'] button[type=submit]")  # without a reason: refused
    version.refresh_from_db()
    assert version.status == VersionStatus.DRAFT
    assert (
        page.locator("#id_accept_reason").is_visible()
        and "ange varför de kan godtas" in page.locator("main").inner_text()
    )
    assert_accessible(page)
    page.get_by_role("checkbox").check()
    page.fill("#id_accept_reason", "Planterat fel för provet; totalen rättas i nästa version.")
    click_and_wait(page, "form[action$='/publish/'] button[type=submit]")
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED
    assert "Planterat fel för provet" in page.locator("main").inner_text()  # the reason is shown with it
    assert_accessible(page)

    page.goto(version.get_absolute_url() + "cells/?region=04")
    assert page.locator("tbody tr").count() == 100  # a page
    assert f"{11 * 3 * 4} " in page.locator("main").inner_text()  # of all the cells of Södermanland
    assert_accessible(page)
