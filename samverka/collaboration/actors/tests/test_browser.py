"""The register and the landscape map in headless Chromium, checked with axe-core (WCAG 2.1 AA)."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.collaboration.actors import services
from samverka.collaboration.actors.models import CorrectionSuggestion
from samverka.testing.factories import (
    make_body,
    make_contact,
    make_membership,
    make_organisation,
    make_space,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sormland_landscape(*, publish=True):
    space = make_space(
        slug="sormland", name="Kompetensplattform Sörmland", county_id="04", owner_name="Region Sörmland"
    )
    volvo = make_organisation(name="Volvo Construction Equipment", org_number="556021-9338")
    make_organisation(name="Nyköpings gymnasium", type="education_provider", educates=True, municipality_id="0480")
    make_organisation(name="Region Sörmland", type="region", level="regional", municipality_id=None, employs=True)
    forum = make_body(space=space, name="Branschforum Industri", kind="industry_forum")
    make_membership(body=forum, contact=make_contact(organisation=volvo, name="Karin Berg"), role="chair")
    if publish:  # visitors see the published map
        services.landscape_publish(space=space, actor=make_user(is_superuser=True), summary="Första")
    return space, volvo


def test_organisation_list_and_page(page):
    _space, volvo = sormland_landscape()
    page.goto("/organisations/")
    assert page.locator("main table tbody tr").count() == 3
    assert_accessible(page)
    page.fill("form.org-filters input[name=q]", "volvo")
    click_and_wait(page, "form.org-filters button[type=submit]")
    assert page.locator("main table tbody tr").count() == 1
    assert_accessible(page)
    click_and_wait(page, "main table >> text=Volvo Construction Equipment")
    assert page.locator("h1").inner_text().startswith("Volvo Construction Equipment")
    assert page.locator("main").inner_text().count("Branschforum Industri") == 1
    assert "Karin Berg" not in page.locator("main").inner_text()
    assert_accessible(page)


def test_secretariat_sees_contacts_and_gets_a_duplicate_warning(page):
    space, volvo = sormland_landscape()
    make_user(email="sara@example.se", role_in=space, role="secretariat")
    login(page, "sara@example.se")
    page.goto(volvo.get_absolute_url())
    assert "Karin Berg" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto("/organisations/new/")
    page.fill("input[name=name]", "Volvo Construction Equipment AB")
    page.select_option("select[name=type]", "employer")
    page.select_option("select[name=level]", "local")
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator(".warning-box a", has_text="Volvo Construction Equipment").is_visible()
    assert page.locator("input[name=confirm_similar]").is_visible()
    assert_accessible(page)


def test_landscape_map_renders_and_is_accessible(page):
    space, _volvo = sormland_landscape()
    page.goto(f"/s/{space.slug}/landscape/")
    page.wait_for_selector("#landscape-map-figure[data-loaded=true]")
    assert page.locator("#landscape-map svg path").count() == 9  # the county's nine municipalities
    assert page.locator("table.area-table tbody tr").count() == 11
    assert page.locator("table.matrix tbody tr").count() == 1
    assert_accessible(page)
    click_and_wait(page, "table.landscape-grid a[href*='type=employer&level=local']")
    assert "space=sormland" in page.url
    assert page.locator("main table tbody tr").count() == 1  # Volvo; the gymnasium is an education provider
    assert_accessible(page)


def test_national_landscape_map_draws_the_counties(page):
    space = make_space(slug="msv", name="MSV KLL", kind="national", county_id=None)
    make_organisation(name="Skolverket", type="agency", level="national", county_id="01", municipality_id="0180")
    page.goto(f"/s/{space.slug}/landscape/")
    page.wait_for_selector("#landscape-map-figure[data-loaded=true]")
    assert page.locator("#landscape-map svg path").count() == 21
    assert_accessible(page)


def test_revision_compare_page(page):
    space, volvo = sormland_landscape(publish=False)
    admin = make_user(is_superuser=True)
    services.landscape_publish(space=space, actor=admin, summary="Första versionen")
    services.organisation_update(actor=None, organisation=volvo, data=services.OrganisationData(level="regional"))
    make_organisation(name="Almi Företagspartner Mälardalen", type="other")
    services.landscape_publish(space=space, actor=admin, summary="Almi tillagd")
    page.goto(f"/s/{space.slug}/landscape/revisions/")
    assert_accessible(page)
    page.goto(f"/s/{space.slug}/landscape/compare/?from=1&to=2")
    text = page.locator("main").inner_text()
    assert "Almi Företagspartner Mälardalen" in text and "Volvo Construction Equipment" in text
    assert_accessible(page)
    page.goto(f"/s/{space.slug}/landscape/revisions/2/")
    assert page.locator("main table tbody tr").count() == 4
    assert_accessible(page)


def test_anonymous_suggestion_and_the_secretariat_queue(page):
    space, _volvo = sormland_landscape()
    page.goto(f"/s/{space.slug}/landscape/suggest/")
    assert_accessible(page)
    page.fill("input[name=organisation_search]", "nyköping")
    page.wait_for_selector("#organisation-matches input[type=radio]")
    assert_accessible(page)
    page.check("#organisation-matches input[type=radio]")
    page.fill("textarea[name=message]", "Skolan heter numera Nyköpings Tekniska Gymnasium.")
    page.fill("input[name=submitter_email]", "medborgare@example.se")
    click_and_wait(page, "main form button[type=submit]")
    assert page.url.endswith(f"/s/{space.slug}/landscape/")
    assert page.locator(".messages").is_visible()
    assert_accessible(page)
    suggestion = CorrectionSuggestion.objects.get()
    assert suggestion.organisation.name == "Nyköpings gymnasium" and suggestion.submitted_by is None
    make_user(email="sara@example.se", role_in=space, role="secretariat")
    login(page, "sara@example.se")
    page.goto(f"/s/{space.slug}/landscape/suggestions/")
    assert "Nyköpings Tekniska Gymnasium" in page.locator("main").inner_text()
    assert_accessible(page)
    click_and_wait(page, f"a[href$='/suggestions/{suggestion.pk}/accept/']")
    assert page.input_value("input[name=name]") == "Nyköpings gymnasium"  # the form opens pre-filled
    assert_accessible(page)
    page.fill("input[name=name]", "Nyköpings Tekniska Gymnasium")
    page.fill("textarea[name=response]", "Tack, rättat.")
    click_and_wait(page, "main form[method=post] button[type=submit]")
    assert page.locator(".messages").is_visible()
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.organisation.name == "Nyköpings Tekniska Gymnasium"
    assert "Nyköpings Tekniska Gymnasium" in page.locator("main").inner_text()  # the changes are listed
    assert_accessible(page)
