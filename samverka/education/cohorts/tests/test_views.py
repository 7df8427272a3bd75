"""The cohort pages as each kind of person sees them: who gets the page, who 403, who 404; the edit form opens
pre-filled; exports are suppressed; the offering's card; query counts that do not grow with the data."""

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.education.catalogue.tests.factories import make_offering
from samverka.education.cohorts.models import Cohort
from samverka.education.cohorts.tests.conftest import make_cohort

pytestmark = pytest.mark.django_db


def as_user(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def space_url(world: Any, name: str, **kwargs: Any) -> str:
    return reverse(f"cohorts:{name}", kwargs={"space": world.space.slug, **kwargs})


INSIDERS = {"admin", "analyst", "member", "superuser"}
WRITERS = {"admin", "analyst", "superuser"}
#: page → who gets it (200); everyone else signed in gets 403, anonymous the login page.
PAGES = {
    "cohort-list": INSIDERS,
    "cohort-create": WRITERS,
    "cohort-upload": WRITERS,
    "cohort-template": WRITERS,
    "follow-up": INSIDERS,
    "follow-up-csv": INSIDERS,
    "follow-up-xlsx": INSIDERS,
}
PEOPLE = (None, "admin", "analyst", "member", "guest", "outsider", "superuser")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_space_page_answers_each_person_as_its_rule_says(world: Any, name: str) -> None:
    for who in PEOPLE:
        response = as_user(getattr(world, who) if who else None).get(space_url(world, name))
        if who in PAGES[name]:
            assert response.status_code == 200, (name, who)
        elif who is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (name, who)
        else:
            assert response.status_code == 403, (name, who)


def test_a_cohort_is_hidden_from_guests_outsiders_and_the_public(world: Any) -> None:
    for name in ("cohort-detail", "cohort-edit", "breakdown-edit", "outcome-create"):
        url = space_url(world, name, pk=world.cohort.pk)
        for who in ("guest", "outsider"):
            assert as_user(getattr(world, who)).get(url).status_code in (403, 404), (name, who)
        assert as_user(None).get(url).status_code in (302, 404)
    other = reverse("cohorts:cohort-detail", kwargs={"space": world.space.slug, "pk": world.other_cohort.pk})
    assert as_user(world.admin).get(other).status_code == 404


def test_the_detail_shows_counts_breakdown_and_outcomes_side_by_side(world: Any) -> None:
    page = as_user(world.member).get(world.cohort.get_absolute_url()).content.decode()
    assert "Undersköterska, komvux" in page and ">28<" in page
    assert "Etablerad" in page or "Established" in page
    assert "Skolverket" in page
    assert "Edit the counts" not in page and "Redigera antalen" not in page, "a member does not write"


def test_the_edit_form_opens_pre_filled_and_saves(world: Any) -> None:
    client = as_user(world.analyst)
    url = space_url(world, "cohort-edit", pk=world.cohort.pk)
    page = client.get(url).content.decode()
    assert 'name="started" value="28"' in page and 'name="applicants" value="60"' in page
    assert f'<option value="{world.offering.pk}" selected' in page
    form = {
        "offering": world.offering.pk,
        "start_year": 2025,
        "term": "HT",
        "applicants": 60,
        "admitted": 30,
        "started": 29,
        "completed_with_degree": 19,
        "completed_without_degree": 3,
        "dropped_out": 6,
        "source": "provider",
        "method": "register",
        "status": "final",
        "quality": "ok",
    }
    response = client.post(url, form)
    assert response.status_code == 302
    world.cohort.refresh_from_db()
    assert world.cohort.started == 29 and world.cohort.status == "final"
    response = client.post(url, {**form, "dropped_out": 20})
    assert response.status_code == 200
    world.cohort.refresh_from_db()
    assert world.cohort.dropped_out == 6


def test_a_member_cannot_post_and_nothing_changes(world: Any) -> None:
    url = space_url(world, "cohort-edit", pk=world.cohort.pk)
    response = as_user(world.member).post(url, {"started": 1})
    assert response.status_code == 403
    world.cohort.refresh_from_db()
    assert world.cohort.started == 28


def test_a_new_cohort_without_an_offering_is_refused_with_a_message(world: Any) -> None:
    form = {"start_year": 2025, "term": "VT", "started": 3, "source": "provider", "method": "register"}
    response = as_user(world.admin).post(
        space_url(world, "cohort-create"), {**form, "status": "final", "quality": "ok"}
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["offering"]
    assert Cohort.objects.filter(space=world.space).count() == 1


def test_the_exports_mask_small_cells(world: Any) -> None:
    make_cohort(
        make_offering(space=world.space),
        started=3,
        completed_with_degree=2,
        completed_without_degree=0,
        dropped_out=1,
        applicants=None,
        admitted=None,
        active_year_1=None,
    )
    client = as_user(world.member)
    csv = client.get(space_url(world, "follow-up-csv")).content.decode("utf-8-sig")
    assert "28" in csv and ";..;" in csv
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(client.get(space_url(world, "follow-up-xlsx")).content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert ".." in values and 3 not in values and 28 in values


def test_the_offering_page_has_a_card_of_its_cohorts_for_insiders(world: Any) -> None:
    url = reverse("catalogue:offering-detail", kwargs={"space": world.space.slug, "pk": world.offering.pk})
    page = as_user(world.member).get(url).content.decode()
    assert 'id="cohorts-heading"' in page and world.cohort.get_absolute_url() in page


def test_the_list_filters_and_pages_by_key(world: Any) -> None:
    offering = make_offering(space=world.space, municipality="0483")
    for year in range(2000, 2060):
        Cohort.objects.create(space=world.space, offering=offering, start_year=year, term="VT", started=1)
    client = as_user(world.member)
    first = client.get(space_url(world, "cohort-list")).context["page"]
    assert len(first.cohorts) == 50 and first.next_key
    second = client.get(space_url(world, "cohort-list"), {"after": first.next_key}).context["page"]
    assert len(second.cohorts) == 11 and not second.next_key
    assert not {c.pk for c in first.cohorts} & {c.pk for c in second.cohorts}
    only = client.get(space_url(world, "cohort-list"), {"municipality": "0484"}).context["page"]
    assert [c.pk for c in only.cohorts] == [world.cohort.pk]
    only = client.get(space_url(world, "cohort-list"), {"year": 2025, "term": "HT"}).context["page"]
    assert [c.pk for c in only.cohorts] == [world.cohort.pk]


def test_the_filters_offer_what_has_cohorts_and_ask_for_a_provider_when_offerings_are_many(
    world: Any, monkeypatch: Any
) -> None:
    from samverka.education.cohorts import selectors

    other = make_offering(space=world.space, municipality="0483")
    make_offering(space=world.space)  # no cohort: not offered as a filter
    make_cohort(other)
    client = as_user(world.member)
    choices = client.get(space_url(world, "cohort-list")).context["choices"]
    assert {pk for pk, _label in choices["offerings"]} == {world.cohort.offering_id, other.pk}
    assert not choices["offerings_capped"]
    assert {code for code, _name in choices["municipalities"]} >= {"0483"}
    assert {pk for pk, _name in choices["providers"]} == {world.cohort.offering.provider_id, other.provider_id}

    monkeypatch.setattr(selectors, "MAX_OFFERING_CHOICES", 1)
    response = client.get(space_url(world, "cohort-list"))
    assert response.context["choices"]["offerings_capped"] and not response.context["choices"]["offerings"]
    assert "välj en anordnare" in response.content.decode().lower() or "choose a provider" in response.content.decode()
    picked = client.get(space_url(world, "cohort-list"), {"provider": other.provider_id}).context["choices"]
    assert [pk for pk, _label in picked["offerings"]] == [other.pk]


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_and_follow_up_cost_the_same_with_3_and_30_cohorts(world: Any) -> None:
    client = as_user(world.member)
    offerings = [make_offering(space=world.space) for _ in range(3)]
    for offering in offerings[:2]:
        make_cohort(offering)
    urls = [space_url(world, "cohort-list"), space_url(world, "follow-up"), world.cohort.get_absolute_url()]
    small = [_queries(client, url) for url in urls]
    for index in range(27):
        make_cohort(offerings[index % 3], start_year=2000 + index, term="VT")
    large = [_queries(client, url) for url in urls]
    assert large == small


def test_the_breakdown_and_outcome_forms_open_pre_filled_and_save(world: Any) -> None:
    client = as_user(world.analyst)
    url = space_url(world, "breakdown-edit", pk=world.cohort.pk)
    page = client.get(url).content.decode()
    assert 'name="women__started" value="24"' in page
    response = client.post(url, {"women__started": 30, "women__completed": 20})
    assert response.status_code == 200, "30 women is more than the 28 who started"
    assert client.post(url, {"women__started": 25, "women__completed": 20}).status_code == 302
    assert {row.group: row.started for row in world.cohort.breakdowns.all()} == {"women": 25}
    outcome = world.cohort.outcomes.get()
    url = space_url(world, "outcome-edit", pk=world.cohort.pk, outcome=outcome.pk)
    page = client.get(url).content.decode()
    assert 'name="established" value="17"' in page
