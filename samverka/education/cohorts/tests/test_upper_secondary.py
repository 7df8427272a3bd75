"""Upper-secondary (GY) cohorts: programme × school unit × municipality × start year, autumn intake only,
followed up in Skolverket's establishment scheme; the follow-up table grouped per programme × municipality."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from samverka.education.catalogue.tests.factories import make_education, make_offering, make_provider
from samverka.education.cohorts import selectors, services
from samverka.education.cohorts.models import Cohort
from samverka.education.cohorts.tests.conftest import make_cohort

pytestmark = pytest.mark.django_db


def gy_offering(world: Any, school: str, code: str = "EEELT", municipality: str = "0484") -> Any:
    provider = make_provider(space=world.space, name=school, municipality_id=municipality)
    education = make_education(
        space=world.space, provider=provider, code=code, title="El- och energiprogrammet", school_type="GY"
    )
    return make_offering(space=world.space, education=education, municipality=municipality)


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_spring_term_is_refused_for_an_upper_secondary_cohort(world: Any) -> None:
    offering = gy_offering(world, "Rinmangymnasiet")
    with pytest.raises(ValidationError) as error:
        make_cohort(offering, term="VT")
    assert "term" in error.value.message_dict and "GY" in error.value.message_dict["term"][0]
    assert not Cohort.objects.filter(offering=offering).exists()
    # The same through the form: the page answers with the message, nothing saved.
    data = {"offering": offering.pk, "start_year": 2024, "term": "VT", "started": 20, "source": "provider"}
    data.update(method="register", status="provisional", quality="ok")
    response = client_of(world.analyst).post(reverse("cohorts:cohort-create", kwargs={"space": world.space.slug}), data)
    assert response.status_code == 200 and "GY" in response.content.decode()
    assert not Cohort.objects.filter(offering=offering).exists()
    assert make_cohort(offering, term="HT").pk, "the autumn intake is fine"


def test_the_yh_follow_up_scheme_is_refused_for_an_upper_secondary_cohort(world: Any) -> None:
    cohort = make_cohort(gy_offering(world, "Rinmangymnasiet"), start_year=2021)
    with pytest.raises(ValidationError) as error:
        services.outcome_save(
            cohort=cohort,
            actor=None,
            data=services.OutcomeData(horizon=1, scheme="yh_follow_up", source="scb", counts={"working": 10}),
        )
    assert "scheme" in error.value.message_dict and "GY" in error.value.message_dict["scheme"][0]
    assert not cohort.outcomes.exists()
    services.outcome_save(
        cohort=cohort,
        actor=None,
        data=services.OutcomeData(horizon=1, scheme="establishment", source="skolverket", counts={"established": 10}),
    )
    assert cohort.outcomes.count() == 1


def test_list_detail_and_form_show_the_upper_secondary_shape(world: Any) -> None:
    cohort = make_cohort(gy_offering(world, "Rinmangymnasiet"), start_year=2021)
    client = client_of(world.analyst)
    listing = client.get(reverse("cohorts:cohort-list", kwargs={"space": world.space.slug})).content.decode()
    assert "EE El- och energiprogrammet" in listing and "Rinmangymnasiet" in listing
    assert "HT 2021" not in listing, "a GY cohort is shown by its year, not its term"
    assert "HT 2025" in listing, "other cohorts keep their term"
    detail = client.get(cohort.get_absolute_url()).content.decode()
    assert "Rinmangymnasiet" in detail and "Eskilstuna" in detail and "2021" in detail
    assert "Skolenhet" in detail or "School unit" in detail
    form = client.get(reverse("cohorts:cohort-edit", kwargs={"space": world.space.slug, "pk": cohort.pk}))
    assert 'value="VT"' not in form.content.decode(), "the edit form of a GY cohort offers the autumn only"


def test_the_follow_up_table_groups_upper_secondary_per_programme_and_municipality(world: Any) -> None:
    for school in ("Rinmangymnasiet", "S:t Eskils gymnasium"):
        make_cohort(gy_offering(world, school), start_year=2021)
    make_cohort(gy_offering(world, "Nyköpings gymnasium", municipality="0480"), start_year=2021)
    table = selectors.follow_up_table(space=world.space, year=2021, by_programme=True)
    labels = {(row.offering, row.municipality): row for row in table.rows}
    eskilstuna = next(row for (label, place), row in labels.items() if label.startswith("EE") and place == "Eskilstuna")
    assert eskilstuna.cells["started"].value == 56 and eskilstuna.offering_id == 0
    assert any(place == "Nyköping" for _label, place in labels), "one row per municipality"
    assert len(selectors.follow_up_table(space=world.space, year=2021).rows) == 3, "per offering by default"
    page = client_of(world.member).get(
        reverse("cohorts:follow-up", kwargs={"space": world.space.slug}) + "?year=2021&by=programme"
    )
    assert ">56<" in page.content.decode()


def test_a_programme_figure_is_masked_when_one_of_its_offerings_figure_is(world: Any) -> None:
    make_cohort(gy_offering(world, "Rinmangymnasiet"), start_year=2021)
    small = {"started": 3, "completed_with_degree": 2, "completed_without_degree": 0, "dropped_out": 1}
    make_cohort(gy_offering(world, "S:t Eskils gymnasium"), start_year=2021, admitted=3, active_year_1=None, **small)
    table = selectors.follow_up_table(space=world.space, year=2021, by_programme=True)
    [row] = [row for row in table.rows if row.offering_id == 0]
    assert row.cells["started"].suppressed, "31 - 28 would reveal the masked 3"


def test_an_upload_names_the_term_cell_of_a_spring_gy_row_and_saves_nothing(world: Any) -> None:
    from samverka.education.cohorts.tests.test_upload import col, good, upload, workbook

    offering = gy_offering(world, "Rinmangymnasiet")
    content = workbook(good(world.offering, start_year=2026), good(offering, term="VT"))
    response = upload(client_of(world.analyst), world, content)
    assert response.status_code == 400
    problems = dict(response.context["problems"])
    assert f"{col('term')}3" in problems and "GY" in problems[f"{col('term')}3"]
    assert not Cohort.objects.filter(start_year=2026).exists() and not Cohort.objects.filter(offering=offering).exists()
