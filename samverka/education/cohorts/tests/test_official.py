"""Official follow-up tables into cohort outcomes: a Skolverket-shaped and an SCB-shaped table (synthetic
numbers, ``fixtures/``) imported through the statistics importer, then mapped onto the space's cohorts."""

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from samverka.education.catalogue.tests.factories import make_education, make_offering
from samverka.education.cohorts.models import CohortOutcome, CohortOutcomeFigure
from samverka.education.cohorts.services_official import (
    OfficialMapping,
    official_outcomes_import,
    official_outcomes_preview,
)
from samverka.education.cohorts.tests.conftest import make_cohort
from samverka.insight.statistics import services as statistics
from samverka.insight.statistics.tests.factories import make_dataset

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
SKOLVERKET = "skolverket_etablering_SYNTETISK.csv"
SCB = "scb_yh_uppfoljning_SYNTETISK.csv"
SKOLVERKET_COLUMNS = {
    "Avgångsår": "period",
    "Kommunkod": "region",
    "Programkod": "other",
    "Uppföljning": "other",
    "Etableringsstatus": "other",
}
SCB_COLUMNS = {
    "Utbildningskod": "other",
    "Startår": "period",
    "Kön": "sex",
    "Uppföljning": "other",
    "Kategori": "other",
}
GY = OfficialMapping(
    scheme="establishment",
    education="Programkod",
    start_year="Avgångsår",
    year_offset=3,
    horizon="Uppföljning",
    category="Etableringsstatus",
    count="Antal",
    municipality="Kommunkod",
)
YH = OfficialMapping(
    scheme="yh_follow_up",
    education="Utbildningskod",
    start_year="Startår",
    horizon="Uppföljning",
    category="Kategori",
    count="Antal",
    sex="Kön",
)


def imported(space: Any, name: str, columns: dict[str, str], value_column: str = "Antal") -> Any:
    """A version of the fixture table, imported as an analyst would through the statistics importer."""
    dataset = make_dataset(
        space=space,
        source="csv",
        slug=f"{name.split('.')[0].lower().replace('_', '-')}-{value_column[:5].lower()}",
        is_synthetic=True,
    )
    return statistics.import_csv(
        actor=None,
        dataset=dataset,
        content=(FIXTURES / name).read_bytes(),
        file_name=name,
        mapping=columns,
        value_column=value_column,
    )


@pytest.fixture
def gy(world: Any) -> Any:
    """Two upper-secondary programmes in Eskilstuna that started in 2020 (left in 2023)."""
    found = {}
    for code in ("EE", "VO"):
        education = make_education(space=world.space, code=code, title=f"Program {code}", school_type="GY")
        found[code] = make_cohort(make_offering(space=world.space, education=education), start_year=2020)
    return found


def figures(cohort: Any, source: str) -> dict[str, int]:
    outcome = CohortOutcome.objects.get(cohort=cohort, source=source, horizon=1)
    return outcome.counts()


def test_skolverket_rows_become_outcomes_and_the_rest_is_reported(world: Any, gy: Any) -> None:
    version = imported(world.space, SKOLVERKET, SKOLVERKET_COLUMNS)
    report = official_outcomes_import(space=world.space, version=version, mapping=GY, actor=world.analyst)
    assert report.created == 2 and report.updated == 0
    assert figures(gy["EE"], "skolverket") == {
        "established": 14,
        "uncertain": 3,
        "weak": 2,
        "higher_education": 1,
        "other_studies": 2,
    }
    outcome = CohortOutcome.objects.get(cohort=gy["EE"], source="skolverket")
    assert (outcome.method, outcome.status, outcome.scheme) == ("register", "final", "establishment")
    assert outcome.quality == "uncertain" and "Varken arbete eller studier" in outcome.quality_comment
    assert figures(gy["VO"], "skolverket")["neither"] == 1
    # Nyköping has no EE cohort: its six rows are reported with the reason, not written.
    assert report.unmatched_rows == 6
    [missing] = report.unmatched
    assert (missing.code, missing.municipality, missing.year) == ("EE", "0480", "2023")
    assert "2020" in missing.reason


def test_re_importing_the_same_version_updates_rather_than_duplicates(world: Any, gy: Any) -> None:
    version = imported(world.space, SKOLVERKET, SKOLVERKET_COLUMNS)
    official_outcomes_import(space=world.space, version=version, mapping=GY, actor=world.analyst)
    before = (CohortOutcome.objects.count(), CohortOutcomeFigure.objects.count())
    again = official_outcomes_import(space=world.space, version=version, mapping=GY, actor=world.analyst)
    assert (again.created, again.updated) == (0, 2)
    assert (CohortOutcome.objects.count(), CohortOutcomeFigure.objects.count()) == before


def test_scb_yh_rows_use_the_totals_of_the_sexes(world: Any) -> None:
    education = make_education(space=world.space, code="YH00123", title="Drifttekniker", school_type="YH")
    cohort = make_cohort(make_offering(space=world.space, education=education), start_year=2022)
    version = imported(world.space, SCB, SCB_COLUMNS)
    preview = official_outcomes_preview(space=world.space, version=version, mapping=YH, user=world.analyst)
    assert not CohortOutcome.objects.filter(cohort=cohort).exists(), "a preview writes nothing"
    assert preview.matched_rows == 5 and preview.unmatched_rows == 5
    official_outcomes_import(space=world.space, version=version, mapping=YH, actor=world.analyst)
    assert figures(cohort, "scb") == {
        "working": 14,
        "match_fully": 9,
        "match_mostly": 3,
        "match_partly": 1,
        "match_not": 1,
    }


def refused(world: Any, version: Any, mapping: OfficialMapping) -> str:
    before = CohortOutcome.objects.count()
    with pytest.raises(ValidationError) as error:
        official_outcomes_import(space=world.space, version=version, mapping=mapping, actor=world.analyst)
    assert CohortOutcome.objects.count() == before, "nothing written"
    return " ".join(error.value.messages)


def test_a_bad_mapping_is_refused_with_a_clear_message_and_nothing_written(world: Any, gy: Any) -> None:
    version = imported(world.space, SKOLVERKET, SKOLVERKET_COLUMNS)
    from dataclasses import replace

    assert refused(world, version, replace(GY, count=""))  # no count column chosen
    assert "Antal" in refused(world, version, replace(GY, count="Andel"))  # names where the figures are
    assert "Programkod" in refused(world, version, replace(GY, horizon="Programkod"))  # not years after
    assert "Övriga studier" in refused(world, version, replace(GY, categories={"Övriga studier": "working"}))
    shares = imported(world.space, SKOLVERKET, SKOLVERKET_COLUMNS, value_column="Andel (%)")
    message = refused(world, shares, replace(GY, count="Andel (%)"))
    assert "63,6" in message and "Andel (%)" in message


def test_a_category_that_cannot_be_guessed_is_refused(world: Any, gy: Any) -> None:
    content = (FIXTURES / SKOLVERKET).read_text(encoding="utf-8-sig").replace("Övriga studier", "Folkhögskola")
    dataset = make_dataset(space=world.space, source="csv", slug="egen")
    version = statistics.import_csv(
        actor=None,
        dataset=dataset,
        content=content.encode(),
        file_name="egen.csv",
        mapping=SKOLVERKET_COLUMNS,
        value_column="Antal",
    )
    assert "Folkhögskola" in refused(world, version, GY)
    report = official_outcomes_import(
        space=world.space,
        version=version,
        mapping=OfficialMapping(**{**GY.__dict__, "categories": {"Folkhögskola": "other_studies"}}),
        actor=world.analyst,
    )
    assert report.created == 2


def test_outcomes_that_do_not_fit_their_cohort_refuse_the_whole_import(world: Any, gy: Any) -> None:
    from samverka.education.cohorts import services

    services.cohort_update(
        cohort=gy["VO"],
        actor=None,
        data=services.CohortData(
            started=10,
            completed_with_degree=5,
            completed_without_degree=0,
            dropped_out=0,
            applicants=None,
            admitted=None,
            active_year_1=None,
        ),
    )
    version = imported(world.space, SKOLVERKET, SKOLVERKET_COLUMNS)
    assert "22" in refused(world, version, GY)
    assert not CohortOutcome.objects.filter(cohort=gy["EE"], source="skolverket").exists()


def test_the_analyst_picks_a_version_maps_previews_and_confirms(world: Any, gy: Any) -> None:
    from django.test import Client
    from django.urls import reverse

    version = imported(world.space, SKOLVERKET, SKOLVERKET_COLUMNS)
    url = reverse("cohorts:official-import", kwargs={"space": world.space.slug}) + f"?version={version.pk}"
    member = Client()
    member.force_login(world.member)
    assert member.get(url).status_code == 403, "a member does not record"
    client = Client()
    client.force_login(world.analyst)
    page = client.get(url).content.decode()
    assert "Programkod" in page and "Antal" in page
    data = {**{k: v for k, v in GY.__dict__.items() if k != "categories"}, "preview": "1"}
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200 and "0480" in page, "the preview lists the unmatched rows"
    assert "Etablerad: 14" in page or "Established: 14" in page, "the preview names the categories"
    assert not CohortOutcome.objects.filter(source="skolverket", cohort__in=list(gy.values())).exists()
    response = client.post(url, {**data, "confirm": "1"})
    assert response.status_code == 302
    assert CohortOutcome.objects.filter(source="skolverket", cohort__in=list(gy.values())).count() == 2
    detail = client.get(gy["EE"].get_absolute_url()).content.decode()
    assert "Skolverket" in detail and ">14<" in detail
    bad = client.post(url, {**data, "count": "", "confirm": "1"})
    assert bad.status_code == 400


def test_a_version_of_another_space_is_refused(world: Any, gy: Any) -> None:
    version = imported(world.other_space, SKOLVERKET, SKOLVERKET_COLUMNS)
    assert refused(world, version, GY)
