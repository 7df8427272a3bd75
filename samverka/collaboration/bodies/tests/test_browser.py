"""The body pages in a real headless Chromium, each checked with axe-core (WCAG 2.1 AA)."""

import pytest

from conftest import assert_accessible, click_and_wait, login
from samverka.collaboration.actors.models import OrganisationType
from samverka.collaboration.bodies.models import BodyKind, BodyStatus, Membership
from samverka.testing.factories import (
    make_body,
    make_contact,
    make_membership,
    make_organisation,
    make_space,
    make_user,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    space = make_space(slug="sormland", name="Kompetensplattform Sörmland")
    council = make_body(space=space, name="Kompetensrådet Sörmland", kind=BodyKind.COLLABORATION_COUNCIL)
    forum = make_body(
        space=space,
        name="Branschforum Vård och omsorg",
        kind=BodyKind.INDUSTRY_FORUM,
        parent=council,
        mandate="Vårdens kompetensbehov.",
        start_date="2023-01-01",
    )
    make_body(space=space, name="Programråd Vård och omsorg", kind=BodyKind.PROGRAMME_COUNCIL, parent=forum)
    make_body(
        space=space,
        name="Samverkansråd Omställning och vägledning",
        kind=BodyKind.COLLABORATION_COUNCIL,
        area="transition_guidance",
    )
    make_body(
        space=space, name="Samverkansråd Förberedande insatser", kind=BodyKind.COLLABORATION_COUNCIL, area="preparatory"
    )
    school = make_organisation(name="Vårdgymnasiet", type=OrganisationType.EDUCATION_PROVIDER)
    make_membership(body=forum, contact=make_contact(name="Eva Lärare", organisation=school, gender="woman"))
    make_membership(
        body=forum,
        contact=make_contact(name="Per Kommun", organisation=make_organisation(type=OrganisationType.MUNICIPALITY)),
    )
    make_membership(body=forum, contact=make_contact(name="Ali Arbetsgivare"), role="chair")
    secretariat = make_user(email="sekr@example.se", role_in=space, role="secretariat", full_name="Sara Sekreterare")
    return {"space": space, "forum": forum, "school": school, "secretariat": secretariat}


def test_body_list_and_detail_for_the_public(page, world):
    page.goto("/s/sormland/bodies/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("table.body-table tbody tr").count() == 5
    assert_accessible(page)
    page.select_option("select[name=kind]", BodyKind.INDUSTRY_FORUM)
    click_and_wait(page, "form.filters button[type=submit]")
    assert page.locator("table.body-table tbody tr").count() == 1
    click_and_wait(page, "text=Branschforum Vård och omsorg")
    assert page.locator("h1").inner_text() == "Branschforum Vård och omsorg"
    assert page.locator(".breadcrumbs").inner_text().count("Kompetensrådet Sörmland") == 1
    assert page.locator(".warning-box").is_visible()  # 1 employer of 3 organisations
    assert "Eva Lärare" not in page.locator("main").inner_text()  # persons hidden from the public
    assert "Vårdgymnasiet" in page.locator("main").inner_text()
    assert_accessible(page)


def test_body_edit_form_shows_an_error_then_saves(page, world):
    login(page, "sekr@example.se")
    forum = world["forum"]
    page.goto(f"/s/sormland/bodies/{forum.pk}/")
    assert "Eva Lärare" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"/s/sormland/bodies/{forum.pk}/edit/")
    assert_accessible(page)
    page.fill("input[name=end_date]", "2022-01-01")
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert page.locator("#id_end_date[aria-invalid=true]").count() == 1
    assert_accessible(page)
    page.fill("input[name=end_date]", "")
    page.fill("textarea[name=mandate]", "Ett nytt uppdrag.")
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator("h1").inner_text() == "Branschforum Vård och omsorg"
    assert "Ett nytt uppdrag." in page.locator("main").inner_text()


def test_membership_form_with_lookup_and_choices(page, world):
    login(page, "sekr@example.se")
    forum, school = world["forum"], world["school"]
    make_contact(name="Kim Undersköterska", organisation=school)
    page.goto(f"/s/sormland/bodies/{forum.pk}/members/new/")
    assert_accessible(page)
    # progressive enhancement: htmx fills the datalist while typing
    page.locator("input[name=organisation]").press_sequentially("Vårdgym", delay=30)
    page.wait_for_function("document.querySelectorAll('#id_organisation-options option').length > 0", timeout=5000)
    page.fill("input[name=organisation]", f"Vårdgymnasiet (id {school.pk})")
    click_and_wait(page, "main form button[type=submit]")
    # without a name, the organisation's people are offered as radio buttons
    assert page.locator(".error-summary").is_visible()
    assert page.locator("fieldset.lookup-matches input[type=radio]").count() == 2
    assert_accessible(page)
    page.get_by_label("Kim Undersköterska, Vårdgymnasiet", exact=False).check()
    click_and_wait(page, "main form button[type=submit]")
    assert "Kim Undersköterska" in page.locator("#members").inner_text()
    assert Membership.objects.filter(body=forum, contact__name="Kim Undersköterska").exists()


def test_close_form(page, world):
    login(page, "sekr@example.se")
    body = make_body(space=world["space"], name="Arbetsgrupp Validering")
    make_membership(body=body, contact=make_contact(name="Lena Lång"))
    page.goto(f"/s/sormland/bodies/{body.pk}/close/")
    assert_accessible(page)
    page.fill("textarea[name=closing_note]", "")
    click_and_wait(page, "main form button[type=submit]")
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
    page.fill("textarea[name=closing_note]", "Uppdraget är slutfört; frågorna går till Kompetensrådet.")
    click_and_wait(page, "main form button[type=submit]")
    assert "Uppdraget är slutfört" in page.locator("main").inner_text()
    body.refresh_from_db()
    assert body.status == BodyStatus.CLOSED
    assert_accessible(page)


def test_system_overview(page, world):
    page.goto("/s/sormland/overview/")
    svg = page.locator("svg.overview-svg")
    assert svg.is_visible()
    assert svg.locator("path.ov-arrow.ov-demand").count() == 2
    assert svg.locator("path.ov-arrow.ov-question").count() >= 2
    assert page.locator(".body-tree a").count() == 5
    assert_accessible(page)
