"""The body pages as a person uses them: forms, clear errors (never a 500), lookups, the overview."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from samverka.collaboration.bodies.models import Body, BodyKind, BodyStatus, Membership
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def staff_client(english, secretariat):
    english.force_login(secretariat)
    return english


def body_url(name, body, **extra):
    return reverse(f"bodies:{name}", kwargs={"space": body.space.slug, "pk": body.pk, **extra})


def text(response):
    return response.content.decode()


# --- list ---------------------------------------------------------------------------------------


def test_body_list_filters_and_counts_current_members(english, space, other_space):
    forum = make_body(space=space, name="Branschforum Vård", kind=BodyKind.INDUSTRY_FORUM)
    make_body(
        space=space, name="Samverkansråd Vägledning", kind=BodyKind.COLLABORATION_COUNCIL, area="transition_guidance"
    )
    make_body(space=space, name="Intern grupp", is_public=False)
    make_body(space=other_space, name="Örebros forum")
    organisation = make_organisation()
    make_membership(body=forum, contact=make_contact(organisation=organisation))
    make_membership(body=forum, contact=make_contact(organisation=organisation))
    make_membership(body=forum, end_date=TODAY - timedelta(days=1))
    list_url = reverse("bodies:body-list", kwargs={"space": space.slug})
    response = english.get(list_url)
    page = list(response.context["page_obj"])
    assert [b.name for b in page] == ["Branschforum Vård", "Samverkansråd Vägledning"]
    assert (page[0].member_count, page[0].organisation_count) == (2, 1)
    assert "Intern grupp" not in text(response) and "Örebros forum" not in text(response)
    filtered = english.get(list_url, {"kind": BodyKind.COLLABORATION_COUNCIL})
    assert [b.name for b in filtered.context["page_obj"]] == ["Samverkansråd Vägledning"]
    assert "1 body matches the filters" in text(filtered)
    searched = english.get(list_url, {"q": "vård", "area": "education_matching", "status": "active"})
    assert [b.name for b in searched.context["page_obj"]] == ["Branschforum Vård"]
    nonsense = english.get(list_url, {"kind": "nonsense", "page": "x"})
    assert nonsense.status_code == 200


def test_unknown_space_is_404(client):
    assert client.get(reverse("bodies:body-list", kwargs={"space": "finns-inte"})).status_code == 404
    assert client.get(reverse("bodies:system-overview", kwargs={"space": "finns-inte"})).status_code == 404


# --- create and edit ---------------------------------------------------------------------------------


def test_create_a_body_through_the_form(staff_client, space):
    forum = make_body(space=space, name="Branschforum Industri")
    owner = make_organisation(name="Region Sörmland")
    response = staff_client.post(
        reverse("bodies:body-create", kwargs={"space": space.slug}),
        {
            "name": "Programråd Industritekniska programmet",
            "kind": BodyKind.PROGRAMME_COUNCIL,
            "area": "education_matching",
            "status": "active",
            "parent": forum.pk,
            "owner_organisation": "region sörmland",
            "start_date": "2024-01-15",
            "is_public": "on",
        },
    )
    body = Body.objects.get(name="Programråd Industritekniska programmet")
    assert response.status_code == 302 and response["Location"] == body_url("body-detail", body)
    assert (body.parent, body.owner_organisation, body.start_date.isoformat()) == (forum, owner, "2024-01-15")


def test_empty_form_shows_swedish_errors_by_default(client, secretariat, space):
    client.force_login(secretariat)
    response = client.post(reverse("bodies:body-create", kwargs={"space": space.slug}), {})
    assert response.status_code == 200
    html = text(response)
    assert 'class="error-summary"' in html
    assert "Namn: Det här fältet är obligatoriskt." in html  # the Swedish catalogues
    assert not Body.objects.exists()


def test_form_errors_are_clear_in_english(staff_client, space):
    response = staff_client.post(
        reverse("bodies:body-create", kwargs={"space": space.slug}),
        {
            "name": "X",
            "kind": "network",
            "area": "national",
            "status": "active",
            "start_date": "2024-05-01",
            "end_date": "2024-01-01",
            "owner_organisation": "Finns Inte AB",
        },
    )
    html = text(response)
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in html
    assert "No organisation in the register matches “Finns Inte AB”." in html
    assert not Body.objects.exists()


def test_ambiguous_owner_is_offered_as_choices_without_javascript(staff_client, space):
    first = make_organisation(name="Eskilstuna kommun")
    make_organisation(name="Eskilstuna Energi och Miljö")
    create = reverse("bodies:body-create", kwargs={"space": space.slug})
    data = {
        "name": "Lokal kompetensverkstad Eskilstuna",
        "kind": BodyKind.LOCAL_COMPETENCE_WORKSHOP,
        "area": "education_matching",
        "status": "active",
        "owner_organisation": "eskilstuna",
    }
    response = staff_client.post(create, data)
    html = text(response)
    assert "“eskilstuna” is not the full name of an organisation" in html
    assert f'value="Eskilstuna kommun (id {first.pk})"' in html and 'type="radio"' in html
    # choosing a radio button sends its value after the typed text; the choice wins
    response = staff_client.post(
        create, {**data, "owner_organisation": ["eskilstuna", f"Eskilstuna kommun (id {first.pk})"]}
    )
    assert response.status_code == 302
    assert Body.objects.get(name=data["name"]).owner_organisation == first


def test_edit_refuses_a_loop_with_a_message_naming_the_chain(staff_client, space):
    top = make_body(space=space, name="Regionalt råd")
    middle = make_body(space=space, name="Branschforum Bygg", parent=top)
    bottom = make_body(space=space, name="Programråd Bygg", parent=middle)
    response = staff_client.post(
        body_url("body-update", top),
        {
            "name": "Regionalt råd",
            "kind": "collaboration_council",
            "area": "education_matching",
            "status": "active",
            "parent": bottom.pk,
        },
    )
    assert response.status_code == 200
    assert "Regionalt råd → Programråd Bygg → Branschforum Bygg → Regionalt råd" in text(response)
    top.refresh_from_db()
    assert top.parent is None


def test_edit_form_is_filled_in_and_saves(staff_client, space):
    owner = make_organisation(name="Region Sörmland")
    body = make_body(space=space, name="Arbetsgrupp", owner_organisation=owner, mandate="Gammalt")
    form_page = staff_client.get(body_url("body-update", body))
    assert f'value="Region Sörmland (id {owner.pk})"' in text(form_page)
    assert "Gammalt" in text(form_page)
    response = staff_client.post(
        body_url("body-update", body),
        {
            "name": "Arbetsgrupp Analys",
            "kind": "working_group",
            "area": "national",
            "status": "planned",
            "mandate": "Nytt",
            "owner_organisation": f"Region Sörmland (id {owner.pk})",
        },
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert (body.name, body.status, body.mandate, body.is_public) == ("Arbetsgrupp Analys", "planned", "Nytt", False)


def test_edit_of_a_closed_body_has_no_status_field(staff_client, space):
    body = make_body(space=space, status=BodyStatus.CLOSED, closed_at=TODAY, closing_note="x")
    assert "status" not in staff_client.get(body_url("body-update", body)).context["form"].fields


# --- closing --------------------------------------------------------------------------------------------


def test_close_form_closes_and_the_detail_page_shows_the_note(staff_client, space):
    body = make_body(space=space, name="Arbetsgrupp Validering")
    make_membership(body=body)
    page = staff_client.get(body_url("body-close", body))
    assert "1 current membership ends on the closing date." in text(page)
    response = staff_client.post(
        body_url("body-close", body), {"closed_at": TODAY.isoformat(), "closing_note": "Uppdraget slutfört."}
    )
    assert response.status_code == 302
    detail = text(staff_client.get(body_url("body-detail", body)))
    assert "Uppdraget slutfört." in detail and "Closing note" in detail
    assert "Close the body" not in detail  # no second closing offered
    again = staff_client.post(body_url("body-close", body), {"closed_at": TODAY.isoformat(), "closing_note": "Igen"})
    assert again.status_code == 200
    assert "already closed" in text(again) or "can only be closed once" in text(again)


def test_close_form_errors_and_blocking_children(staff_client, space):
    body = make_body(space=space, name="Branschforum Handel")
    make_body(space=space, name="Programråd Handel", parent=body)
    page = text(staff_client.get(body_url("body-close", body)))
    assert "The body cannot be closed yet." in page and "Programråd Handel" in page
    response = staff_client.post(body_url("body-close", body), {"closed_at": "not a date", "closing_note": ""})
    assert response.status_code == 200 and 'class="error-summary"' in text(response)
    response = staff_client.post(
        body_url("body-close", body), {"closed_at": TODAY.isoformat(), "closing_note": "Klart"}
    )
    assert "cannot be closed while bodies still report to it: Programråd Handel" in text(response)
    body.refresh_from_db()
    assert body.status == BodyStatus.ACTIVE


# --- memberships --------------------------------------------------------------------------------------


def test_add_a_member_by_choosing_the_organisation_first(staff_client, space):
    body = make_body(space=space)
    organisation = make_organisation(name="Mälardalens universitet")
    anna = make_contact(name="Anna Lind", organisation=organisation)
    make_contact(name="Olle Ek", organisation=organisation)
    add = body_url("membership-create", body)
    data = {
        "organisation": f"Mälardalens universitet (id {organisation.pk})",
        "contact": "",
        "role": "member",
        "start_date": TODAY.isoformat(),
    }
    response = staff_client.post(add, data)
    html = text(response)
    assert response.status_code == 200
    assert "People at Mälardalens universitet" in html and "Anna Lind" in html and "Olle Ek" in html
    response = staff_client.post(add, {**data, "contact": f"Anna Lind, Mälardalens universitet (id {anna.pk})"})
    assert response.status_code == 302
    assert Membership.objects.get(body=body).contact == anna


def test_add_a_member_by_exact_name_and_refuse_an_overlap(staff_client, space):
    body = make_body(space=space, name="Samverkansråd Förberedande")
    contact = make_contact(name="Karin Holm")
    add = body_url("membership-create", body)
    assert staff_client.post(add, {"contact": "karin holm", "role": "chair"}).status_code == 302
    response = staff_client.post(add, {"contact": "Karin Holm", "role": "member", "start_date": TODAY.isoformat()})
    assert response.status_code == 200
    assert "Karin Holm is already in Samverkansråd Förberedande as chair" in text(response)
    assert Membership.objects.filter(contact=contact).count() == 1


def test_membership_form_errors(staff_client, space):
    body = make_body(space=space)
    add = body_url("membership-create", body)
    response = staff_client.post(add, {"role": "member"})
    assert "Choose the person, or choose an organisation to list its people." in text(response)
    response = staff_client.post(add, {"contact": "Ingen Alls", "role": "member"})
    assert "No person in the register matches “Ingen Alls”." in text(response)
    response = staff_client.post(add, {"contact": "999999", "role": "nonsense"})
    assert "There is no person with id 999999." in text(response)
    assert "participation_model" not in response.context["form"].fields
    assert not Membership.objects.exists()


def test_project_membership_asks_for_the_participation_model(staff_client, space):
    project = make_body(space=space, kind=BodyKind.PROJECT)
    contact = make_contact()
    response = staff_client.post(
        body_url("membership-create", project),
        {"contact": str(contact.pk), "role": "member", "participation_model": "reference_group"},
    )
    assert response.status_code == 302
    assert Membership.objects.get(body=project).participation_model == "reference_group"


def test_edit_and_end_a_membership(staff_client, space):
    body = make_body(space=space)
    membership = make_membership(body=body, start_date=TODAY - timedelta(days=30))
    edit = body_url("membership-update", body, membership=membership.pk)
    assert membership.contact.name in text(staff_client.get(edit))
    response = staff_client.post(
        edit,
        {
            "organisation": "",
            "role": "secretary",
            "start_date": membership.start_date.isoformat(),
            "note": "Sekreterare från maj",
        },
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert (membership.role, membership.note) == ("secretary", "Sekreterare från maj")
    end = body_url("membership-end", body, membership=membership.pk)
    bad = staff_client.post(end, {"end_date": (TODAY - timedelta(days=60)).isoformat()})
    assert "cannot be before the membership started" in text(bad)
    assert staff_client.post(end, {"end_date": TODAY.isoformat()}).status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == TODAY


def test_membership_of_another_body_is_404(staff_client, space):
    body, other = make_body(space=space), make_body(space=space)
    membership = make_membership(body=other)
    assert staff_client.get(body_url("membership-update", body, membership=membership.pk)).status_code == 404


# --- detail, overview and lookups -------------------------------------------------------------------------------


def test_detail_shows_chain_children_and_history_link(staff_client, space):
    top = make_body(space=space, name="Kompetensrådet")
    forum = make_body(space=space, name="Branschforum Vård", parent=top, kind=BodyKind.INDUSTRY_FORUM)
    make_body(space=space, name="Programråd Vård", parent=forum)
    response = staff_client.get(body_url("body-detail", forum))
    html = text(response)
    assert [b.name for b in response.context["chain"]] == ["Kompetensrådet"]
    assert "Programråd Vård" in html
    assert reverse("core:history", kwargs={"model": "bodies.body", "pk": forum.pk}) in html


def test_private_parent_is_not_named_to_the_public(client, space):
    hidden = make_body(space=space, name="Hemlig styrgrupp", is_public=False)
    child = make_body(space=space, name="Öppet nätverk", parent=hidden)
    detail = text(client.get(body_url("body-detail", child)))
    listing = text(client.get(reverse("bodies:body-list", kwargs={"space": space.slug})))
    overview = text(client.get(reverse("bodies:system-overview", kwargs={"space": space.slug})))
    for html in (detail, listing, overview):
        assert "Hemlig styrgrupp" not in html
        assert "Öppet nätverk" in html


def test_system_overview_draws_svg_and_the_text_tree(english, space):
    forum = make_body(space=space, name="Branschforum Industri", kind=BodyKind.INDUSTRY_FORUM)
    make_body(space=space, name="Programråd El", parent=forum, kind=BodyKind.PROGRAMME_COUNCIL)
    make_body(
        space=space, name="Samverkansråd Omställning", area="transition_guidance", kind=BodyKind.COLLABORATION_COUNCIL
    )
    make_body(space=space, name="Samverkansråd Förberedande", area="preparatory", kind=BodyKind.COLLABORATION_COUNCIL)
    response = english.get(reverse("bodies:system-overview", kwargs={"space": space.slug}))
    html = text(response)
    assert "<svg" in html and 'role="img"' in html and "<title" in html and "<desc" in html
    edges = response.context["overview"]["diagram"]["edges"]
    assert sorted(e["kind"] for e in edges) == ["demand", "demand", "question"]
    assert "Education and matching (green)" in html and "Preparatory measures (yellow)" in html
    assert "Bodies by reporting line" in html and "Questions upward" in html
    tree = html[html.index("Bodies by reporting line") :]
    assert tree.index("Branschforum Industri") < tree.index("Programråd El")


def test_system_overview_of_an_empty_space(english, space):
    response = english.get(reverse("bodies:system-overview", kwargs={"space": space.slug}))
    assert response.status_code == 200 and "There are no bodies to show yet." in text(response)


def test_system_overview_shows_a_bounded_part_and_opens_the_rest(english, space):
    from samverka.collaboration.bodies.selectors import OVERVIEW_CHILDREN, OVERVIEW_ROOTS

    forum = make_body(space=space, name="Branschforum Industri", kind=BodyKind.INDUSTRY_FORUM)
    councils = [
        make_body(space=space, name=f"Programråd {i:02d}", kind=BodyKind.PROGRAMME_COUNCIL, parent=forum)
        for i in range(OVERVIEW_CHILDREN + 4)
    ]
    for i in range(OVERVIEW_ROOTS + 2):
        make_body(space=space, name=f"Kompetensverkstad {i:02d}", area="transition_guidance")
    page_url = reverse("bodies:system-overview", kwargs={"space": space.slug})
    response = english.get(page_url)
    overview = response.context["overview"]
    assert overview["body_count"] == 1 + len(councils) + OVERVIEW_ROOTS + 2
    assert overview["shown_count"] == 1 + OVERVIEW_CHILDREN + OVERVIEW_ROOTS
    assert len(overview["diagram"]["boxes"]) == overview["shown_count"]
    html = response.content.decode()
    assert f"?open={forum.pk}#body-{forum.pk}" in html and "?area=transition_guidance" in html
    last = councils[-1].name
    assert last not in html
    opened = english.get(page_url, {"open": forum.pk})
    assert last in opened.content.decode()
    assert english.get(page_url, {"area": "transition_guidance"}).context["overview"]["shown_count"] == (
        1 + OVERVIEW_CHILDREN + OVERVIEW_ROOTS + 2
    )
    assert english.get(page_url, {"open": "x", "area": "nonsense"}).status_code == 200
    export = english.get(reverse("bodies:system-overview-export", kwargs={"space": space.slug}))
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert export.status_code == 200 and len(lines) == 1 + overview["body_count"]
    assert any(last in line and "Branschforum Industri" in line for line in lines)


def test_system_overview_download_hides_private_bodies_from_the_public(client, space):
    make_body(space=space, name="Öppet forum")
    make_body(space=space, name="Intern grupp", is_public=False)
    export = client.get(reverse("bodies:system-overview-export", kwargs={"space": space.slug}))
    text = b"".join(export.streaming_content).decode()
    assert "Öppet forum" in text and "Intern grupp" not in text


def test_lookups_return_datalist_options(staff_client, space):
    organisation = make_organisation(name="Vårdförbundet Sörmland")
    make_contact(name="Lisa Vård", organisation=organisation)
    make_contact(name="Lisa Annan")
    body = make_body(space=space)
    options = text(staff_client.get(reverse("bodies:organisation-lookup"), {"owner_organisation": "vårdförb"}))
    assert f'<option value="Vårdförbundet Sörmland (id {organisation.pk})">' in options
    people = text(
        staff_client.get(
            body_url("contact-lookup", body), {"contact": "Lisa", "organisation": f"x (id {organisation.pk})"}
        )
    )
    assert "Lisa Vård" in people and "Lisa Annan" not in people
    assert staff_client.get(reverse("bodies:organisation-lookup"), {"q": "x" * 5000}).status_code == 200
