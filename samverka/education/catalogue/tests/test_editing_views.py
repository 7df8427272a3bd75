"""The pages of the space's catalogue: every edit form opens pre-filled and saves unchanged, errors in Swedish
beside their field with what was typed kept, a municipal editor's choices and refusals, the list's filters and
pages by key, the detail pages' source, and the editors page."""

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import lxml.html
import pytest
from auditlog.models import LogEntry
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from samverka.education.catalogue.forms import EducationForm, OfferingForm, ProviderForm
from samverka.education.catalogue.models import (
    EducationOccupation,
    MunicipalEditor,
    Offering,
    OfferingOccupation,
    Provider,
)
from samverka.education.catalogue.tests.editing_factories import (
    ESKILSTUNA,
    NYKOPING,
    make_editor,
    make_education,
    make_offering,
    make_provider,
)
from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db

IGNORED = {"updated_at", "source_updated_at"}


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_of(html: bytes, index: int = -1) -> Any:
    """The page's edit form (the last form on the page unless told)."""
    doc = lxml.html.fromstring(html)
    return doc.xpath("//main//form[@method='post']")[index]


def submitted(form: Any, *, shown: bool = False) -> dict[str, Any]:
    """What a browser submits from ``form`` as it was filled in (disabled fields are not sent, unless
    ``shown``: what the page shows)."""
    values: dict[str, Any] = {}
    for element in form.inputs:
        name = element.get("name")
        if not name or (element.get("disabled") is not None and not shown):
            continue
        tag, kind = element.tag, (element.get("type") or "").lower()
        if tag == "input" and kind in {"checkbox", "radio"}:
            if element.checked:
                values[name] = element.get("value") or "on"
        elif tag == "input" and kind in {"submit", "button", "file"}:
            continue
        elif tag == "select":
            values[name] = element.value or ""
        else:
            values[name] = element.value or ""
    return values


def stored(row: Any) -> dict[str, Any]:
    row = type(row).objects.get(pk=row.pk)
    values = {name: value for name, value in model_to_dict(row).items() if name not in IGNORED}
    values["updated_at"] = row.updated_at
    values["log"] = LogEntry.objects.get_for_object(row).count()
    if isinstance(row, Offering):
        values["occupations"] = sorted(OfferingOccupation.objects.filter(offering=row).values_list("ssyk_code", "pk"))
    if hasattr(row, "occupations") and not isinstance(row, Offering):
        values["occupations"] = sorted(
            EducationOccupation.objects.filter(education=row).values_list("ssyk_code", "is_primary", "is_local")
        )
    return values


def rich_rows(space: Any) -> dict[str, Any]:
    """A local and an imported row of each kind, with every field the forms edit filled in."""
    local_provider = make_provider(
        space=space,
        org_number="212000-0340",
        street_address="Rademachergatan 1",
        postal_code="63220",
        town="Eskilstuna",
        email="vux@eskilstuna.example",
        phone="016-710 10 00",
        url="https://www.eskilstuna.se/vux",
        local_note="Kontakt via SYV.",
    )
    local_education = make_education(
        provider=local_provider,
        title="Svetsare",
        code="SVETS01",
        description="Grundläggande svetsning.",
        school_type="VUXGY",
        sun_field="521",
        sun_level="310",
        seqf_level=4,
        credit_system="gyp",
        credits="400.0",
        extent="40 veckor",
        is_vocational=True,
        csn_eligible=True,
    )
    EducationOccupation.objects.create(education=local_education, ssyk_code="7212", is_primary=True, is_local=True)
    EducationOccupation.objects.create(education=local_education, ssyk_code="7213", is_primary=False, is_local=True)
    local_offering = make_offering(
        space=space,
        education=local_education,
        application_opens=date(2026, 10, 1),
        application_closes=date(2026, 11, 15),
        pace_percent=75,
        is_distance=True,
        onsite_sessions=4,
        places=16,
        fee_sek=0,
        fee_note="Avgiftsfri",
        language="sv",
        is_apprenticeship=True,
        url="https://www.eskilstuna.se/svets",
        local_note="Samläses med lärlingar.",
    )
    OfferingOccupation.objects.create(offering=local_offering, ssyk_code="7212")
    imported_offering = make_offering(
        space=space, imported=True, places=30, language="en", pace_percent=100, url="https://example.se/kurs"
    )
    imported_education = imported_offering.education
    EducationOccupation.objects.create(education=imported_education, ssyk_code="5321", is_primary=True)
    EducationOccupation.objects.create(education=imported_education, ssyk_code="5322", is_primary=False, is_local=True)
    OfferingOccupation.objects.create(offering=imported_offering, ssyk_code="5330")
    imported_offering.local_note = "Lokal anteckning."
    imported_offering.save()
    return {
        "provider-local": local_provider,
        "education-local": local_education,
        "offering-local": local_offering,
        "provider-imported": imported_offering.provider,
        "education-imported": imported_education,
        "offering-imported": imported_offering,
    }


def stored_codes(row: Any, field: str) -> tuple[str, ...]:
    """The SSYK codes stored for an occupations field of the forms (on an imported row: those added here)."""
    if field == "occupations":
        return tuple(row.local_occupations.values_list("ssyk_code", flat=True))
    links = row.occupations.filter(is_primary=field == "primary_occupations")
    if row.is_imported:
        links = links.filter(is_local=True)
    return tuple(links.values_list("ssyk_code", flat=True))


FORMS = {"provider": ProviderForm, "education": EducationForm, "offering": OfferingForm}


@pytest.mark.parametrize("role", ["editor", "secretariat"])
@pytest.mark.parametrize(
    "which",
    [
        "provider-local",
        "education-local",
        "offering-local",
        "provider-imported",
        "education-imported",
        "offering-imported",
    ],
)
def test_every_edit_form_opens_prefilled_and_saves_unchanged(space, make_role_user, which, role):
    rows = rich_rows(space)
    row = rows[which]
    kind = which.split("-")[0]
    user = make_editor(space=space) if role == "editor" else make_role_user(space, role)
    client = client_for(user)
    url = reverse(f"catalogue:{kind}-update", kwargs={"space": space.slug, "pk": row.pk})
    page = client.get(url)
    assert page.status_code == 200
    form = form_of(page.content)
    values = submitted(form)

    # Pre-filled: every field of the form, read from the page and cleaned by the form's own field, is the
    # stored value (the occupations: the codes stored for the row).
    fresh = type(row).objects.get(pk=row.pk)
    # (a disabled field is not sent: the form takes the value it was opened with, as the view does)
    html_form = FORMS[kind](data=values, initial=page.context["form"].initial, space=space, user=user, **{kind: fresh})
    assert html_form.is_valid(), html_form.errors
    for name in html_form.fields:
        got = html_form.cleaned_data[name]
        if name.endswith("occupations"):
            assert tuple(got) == stored_codes(fresh, name), name
            continue
        want = getattr(fresh, name)
        if isinstance(want, Decimal):
            got = Decimal(got)
        assert got == want or (want in (None, "") and got in (None, "")), f"{name}: {got!r} != {want!r}"
    filled = {name for name, value in submitted(form, shown=True).items() if value not in ("", None)}
    assert len(filled) >= 6  # a blank form cannot pass by accident
    if row.is_imported:
        disabled = {el.get("name") for el in form.inputs if el.get("disabled") is not None}
        assert disabled and "local_note" not in disabled and "is_published" not in disabled

    before = stored(row)
    response = client.post(url, values)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert stored(row) == before


def test_an_imported_offerings_feed_fields_are_read_only_even_when_posted(space):
    editor = make_editor(space=space)
    offering = make_offering(space=space, imported=True, places=30)
    url = reverse("catalogue:offering-update", kwargs={"space": space.slug, "pk": offering.pk})
    client = client_for(editor)
    values = submitted(form_of(client.get(url).content))
    values.update(places="99", locality="Annanstans", local_note="Vår notering", occupations="5321, 5330")
    assert client.post(url, values).status_code == 302
    offering.refresh_from_db()
    assert (offering.places, offering.locality, offering.local_note) == (30, "Centrum", "Vår notering")
    assert sorted(offering.local_occupations.values_list("ssyk_code", flat=True)) == ["5321", "5330"]


def field_box(html: bytes, name: str) -> Any:
    doc = lxml.html.fromstring(html)
    [element] = doc.xpath(f"//*[@name='{name}']")
    return element.xpath("ancestor::div[contains(@class, 'field')][1]")[0]


def test_bad_input_shows_a_swedish_error_beside_the_field_and_keeps_what_was_typed(space):
    editor = make_editor(space=space)
    education = make_education(provider=make_provider(space=space))
    client = client_for(editor)
    url = reverse("catalogue:offering-create", kwargs={"space": space.slug})
    values = submitted(form_of(client.get(url).content))
    values.update(
        education=str(education.pk),
        locality="Munktellstaden",
        start_date="2027-03-01",
        end_date="2027-02-01",
        occupations="5321, 53",
    )
    response = client.post(url, values)
    assert response.status_code == 200
    box = field_box(response.content, "occupations")
    assert "has-error" in box.get("class")
    assert "Skriv varje yrke som en fyrsiffrig SSYK-kod" in box.text_content()
    assert field_box(response.content, "locality").xpath(".//input")[0].value == "Munktellstaden"

    values["occupations"] = "5321"
    response = client.post(url, values)  # the form is valid; the service names the end date
    assert response.status_code == 200
    box = field_box(response.content, "end_date")
    assert "has-error" in box.get("class")
    assert "Slutet kan inte vara före starten." in box.text_content()
    assert box.xpath(".//input")[0].value == "2027-02-01"
    assert not Offering.objects.exists()

    values["occupations"] = "9999"
    values["end_date"] = "2027-06-01"
    response = client.post(url, values)
    assert (
        "Okänd yrkeskod (SSYK 2012, fyra siffror): 9999." in field_box(response.content, "occupations").text_content()
    )
    assert not Offering.objects.exists()


def test_an_editor_chooses_among_their_municipalities_only_and_adds_an_offering(space):
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    education = make_education(provider=make_provider(space=space, municipality=NYKOPING))
    client = client_for(editor)
    url = reverse("catalogue:offering-create", kwargs={"space": space.slug})
    form = form_of(client.get(url).content)
    [select] = form.xpath(".//select[@name='municipality']")
    assert [o.get("value") for o in select.xpath("option") if o.get("value")] == [ESKILSTUNA]
    values = submitted(form)
    assert values["municipality"] == ESKILSTUNA  # the only choice is chosen
    values.update(education=str(education.pk), locality="Torshälla", start_date="2027-01-10")
    response = client.post(url, values)
    offering = Offering.objects.get()
    assert response.status_code == 302 and response["Location"] == offering.get_absolute_url()

    values["municipality"] = NYKOPING  # not offered: refused by the form
    response = client.post(url, values)
    assert response.status_code == 200 and "has-error" in field_box(response.content, "municipality").get("class")
    assert Offering.objects.count() == 1


def test_an_eskilstuna_editor_is_refused_on_a_nykoping_offering(space):
    editor = make_editor(space=space, municipality=ESKILSTUNA)
    offering = make_offering(space=space, municipality=NYKOPING)
    client = client_for(editor)
    before = stored(offering)
    kwargs = {"space": space.slug, "pk": offering.pk}
    assert client.get(reverse("catalogue:offering-update", kwargs=kwargs)).status_code == 403
    for name in ("offering-update", "offering-unpublish", "offering-cancel"):
        assert client.post(reverse(f"catalogue:{name}", kwargs=kwargs), {"places": "3"}).status_code == 403
    assert stored(offering) == before
    page = client.get(offering.get_absolute_url())  # may read it (an insider), not change it
    assert page.status_code == 200
    assert reverse("catalogue:offering-update", kwargs=kwargs) not in page.content.decode()


def test_publish_unpublish_and_cancel_from_the_offering_page(space, make_role_user):
    manager = make_role_user(space, "secretariat")
    offering = make_offering(space=space)
    client = client_for(manager)
    kwargs = {"space": space.slug, "pk": offering.pk}
    client.post(reverse("catalogue:offering-unpublish", kwargs=kwargs))
    assert not Offering.objects.get(pk=offering.pk).is_published
    page = client.get(offering.get_absolute_url()).content.decode()
    assert reverse("catalogue:offering-publish", kwargs=kwargs) in page
    client.post(reverse("catalogue:offering-publish", kwargs=kwargs))
    client.post(reverse("catalogue:offering-cancel", kwargs=kwargs))
    offering.refresh_from_db()
    assert offering.is_published and offering.is_cancelled
    imported = make_offering(space=space, imported=True)
    response = client.post(reverse("catalogue:offering-cancel", kwargs={"space": space.slug, "pk": imported.pk}))
    assert response.status_code == 400 and not Offering.objects.get(pk=imported.pk).is_cancelled


def test_detail_pages_show_the_source_its_id_the_last_update_and_removal(space, make_role_user):
    member = make_role_user(space, "member")
    imported = make_offering(space=space, imported=True, removed_at=timezone.now())
    local = make_offering(space=space, source_updated_at=timezone.now())
    client = client_for(member)
    for row in (imported, imported.education, imported.provider):
        text = " ".join(lxml.html.fromstring(client.get(row.get_absolute_url()).content).text_content().split())
        assert "Skolverkets utbildningsdatabas (EMIL3)" in text
        assert row.source_id in text
        assert f"Senast uppdaterad i källan {timezone.localtime(row.source_updated_at):%Y-%m-%d}" in text
    text = client.get(imported.get_absolute_url()).content.decode()
    assert "Borttagen ur källan" in text
    text = " ".join(lxml.html.fromstring(client.get(local.get_absolute_url()).content).text_content().split())
    assert "Inlagd här" in text and "Borttagen ur källan" not in text


def test_the_list_filters_and_pages_by_key(space, make_role_user):
    member = make_role_user(space, "member")
    education = make_education(provider=make_provider(space=space), title="Undersköterska")
    start = date(2027, 1, 4)
    for n in range(53):
        make_offering(space=space, education=education, start_date=start + timedelta(days=n // 2), end_date=None)
    nykoping = make_offering(space=space, municipality=NYKOPING, start_date=None, end_date=None)
    client = client_for(member)
    url = reverse("catalogue:offering-list", kwargs={"space": space.slug})

    def ids(response: Any) -> list[int]:
        return [row.pk for row in response.context["page"].rows]

    first = client.get(url)
    assert first.status_code == 200 and len(ids(first)) == 50
    assert "54 utbildningstillfällen" in first.content.decode()
    second = client.get(first.context["page"].next_url)
    assert len(ids(second)) == 4 and ids(second)[-1] == nykoping.pk  # no start: last
    back = client.get(second.context["page"].previous_url)
    assert ids(back) == ids(first)
    assert sorted(ids(first) + ids(second)) == sorted(Offering.objects.values_list("pk", flat=True))

    assert ids(client.get(url, {"municipality": NYKOPING})) == [nykoping.pk]
    assert len(ids(client.get(url, {"q": "UNDERSKÖT"}))) == 50
    assert ids(client.get(url, {"q": "undersköterska", "municipality": NYKOPING})) == []
    assert client.get(url, {"after": "nonsense", "municipality": "9999"}).status_code == 200
    assert client.get(url, {"cursor": "nonsense"}).status_code == 400


def test_the_editors_page_appoints_and_removes(space, make_role_user):
    manager = make_role_user(space, "secretariat")
    person = make_user(role_in=space, role="member", full_name="Sara Lund")
    client = client_for(manager)
    create = reverse("catalogue:editor-create", kwargs={"space": space.slug})
    response = client.post(create, {"user": person.pk, "municipality": ESKILSTUNA})
    assert response.status_code == 302
    editor = MunicipalEditor.objects.get()
    assert (editor.user, editor.municipality_id) == (person, ESKILSTUNA)
    response = client.post(create, {"user": person.pk, "municipality": ESKILSTUNA})
    assert "Sara Lund redigerar redan Eskilstuna." in field_box(response.content, "municipality").text_content()
    listing = client.get(reverse("catalogue:editor-list", kwargs={"space": space.slug})).content.decode()
    assert "Sara Lund" in listing and "Eskilstuna" in listing

    member = client_for(make_user(role_in=space))
    assert member.get(create).status_code == 403
    remove = reverse("catalogue:editor-remove", kwargs={"space": space.slug, "pk": editor.pk})
    assert member.post(remove).status_code == 403 and MunicipalEditor.objects.exists()
    assert client.post(remove).status_code == 302 and not MunicipalEditor.objects.exists()


def test_outsiders_are_sent_away_and_rows_of_another_space_are_not_found(space, other_space):
    offering = make_offering(space=space, is_published=False)
    outsider = client_for(make_user(role_in=other_space))
    assert outsider.get(reverse("catalogue:offering-list", kwargs={"space": space.slug})).status_code == 403
    assert outsider.get(offering.get_absolute_url()).status_code == 404
    wrong_space = reverse("catalogue:offering-detail", kwargs={"space": other_space.slug, "pk": offering.pk})
    assert outsider.get(wrong_space).status_code == 404
    anonymous = Client().get(reverse("catalogue:offering-list", kwargs={"space": space.slug}))
    assert anonymous.status_code == 302 and re.search(r"/accounts/login/", anonymous["Location"])
    assert Provider.objects.count() == 1


def test_the_list_and_detail_pages_ask_as_many_queries_at_two_sizes(space, make_role_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(make_editor(space=space))
    list_url = reverse("catalogue:offering-list", kwargs={"space": space.slug})

    def queries(url: str) -> int:
        client.get(url)  # warm the per-process caches (classifications, menu)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    first = make_offering(space=space)
    OfferingOccupation.objects.create(offering=first, ssyk_code="5321")
    small = (queries(list_url), queries(first.get_absolute_url()), queries(first.education.get_absolute_url()))
    for _ in range(30):
        offering = make_offering(space=space, education=first.education)
        OfferingOccupation.objects.create(offering=offering, ssyk_code="5321")
    large = (queries(list_url), queries(first.get_absolute_url()), queries(first.education.get_absolute_url()))
    assert large == small
    assert small[0] <= 20
