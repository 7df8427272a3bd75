"""The statistics demo: real SCB data and synthetic registers, published, with an analysis, a scenario and
a data pack — and every statistics page answers for the public, a member and the analyst."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.insight.analyses.models import Analysis, DataPack
from samverka.insight.indicators.models import Scenario
from samverka.insight.statistics.models import Dataset, VersionStatus
from samverka.platform.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path)


def test_statistics_demo_is_published_and_every_page_answers() -> None:
    call_command("load_demo", stdout=StringIO())
    population = Dataset.objects.get(space__slug=SORMLAND_SLUG, table_id="TAB6471")
    version = population.versions.get()
    assert version.status == VersionStatus.PUBLISHED and version.cell_count == 2772 and version.quality
    assert population.is_public and not population.is_synthetic
    assert version.quality["errors"] == [] and version.accepted_reason == ""  # SCB's own table is clean
    national = Dataset.objects.get(space__slug=NATIONAL_SLUG)
    assert national.is_synthetic and national.versions.get().cell_count > 100_000
    # its made-up education levels are not SUN codes: published with that error accepted and the reason kept
    assert national.versions.get().accepted_errors == ["unknown_codes"]
    assert "SUN 2020" in national.versions.get().accepted_reason
    register = Dataset.objects.get(space__slug=SORMLAND_SLUG, is_synthetic=True)
    assert Scenario.objects.filter(version__dataset=register).exists()
    analysis = Analysis.objects.get(space__slug=SORMLAND_SLUG)
    assert analysis.is_public and analysis.blocks.count() == 4
    pack = DataPack.objects.get()
    assert pack.agenda_document_id is not None and pack.meeting_title

    slug = SORMLAND_SLUG
    pages = [
        reverse("statistics:dataset-list", kwargs={"space": slug}),
        population.get_absolute_url(),
        reverse("indicators:indicator-page", kwargs={"space": slug}),
        reverse("analyses:analysis-list", kwargs={"space": slug}),
        reverse("analyses:analysis-detail", kwargs={"space": slug, "pk": analysis.pk}),
        reverse("analyses:analysis-report", kwargs={"space": slug, "pk": analysis.pk}),
        reverse("classifications:index"),
    ]
    anonymous = Client()
    for url in pages:
        response = anonymous.get(url)
        assert response.status_code == 200, url
    page = anonymous.get(register.get_absolute_url()).content.decode()
    assert "Syntetisk" in page or "Synthetic" in page  # labelled synthetic wherever it shows
    analyst = Client()
    analyst.force_login(User.objects.get(email="analytiker@sormland.example"))
    for url in [*pages, reverse("indicators:scenario-list", kwargs={"space": slug})]:
        assert analyst.get(url).status_code == 200, url
    scenario = Scenario.objects.get()
    assert (
        analyst.get(reverse("indicators:scenario-detail", kwargs={"space": slug, "pk": scenario.pk})).status_code == 200
    )
    assert anonymous.get(reverse("indicators:scenario-list", kwargs={"space": slug})).status_code in (302, 404)
