"""Every figure that leaves the insiders' pages is masked below k: the follow-up table, CSV, Excel and API."""

from typing import Any

import pytest

from samverka.education.cohorts import selectors, services
from samverka.education.cohorts.tests.conftest import make_cohort
from samverka.education.validation.models import ValidationSettings
from samverka.platform.core.suppression import suppress

pytestmark = pytest.mark.django_db


def test_the_shared_suppression_masks_small_cells_and_a_total_with_one_masked_part() -> None:
    cells = suppress({"a": 2, "b": 7, "total": 9, "none": None}, 5, {"total": ("a", "b")})
    assert cells["a"].suppressed and not cells["b"].suppressed
    assert cells["total"].suppressed, "the total would give a away"
    assert cells["none"].suppressed


def test_the_follow_up_table_masks_cells_below_k(world: Any) -> None:
    small = make_cohort(
        world.offering,
        term="VT",
        started=4,
        completed_with_degree=3,
        completed_without_degree=0,
        dropped_out=1,
        applicants=None,
        admitted=None,
        active_year_1=None,
    )
    table = selectors.follow_up_table(space=world.space)
    row = next(row for row in table.rows if row.start_year == 2025)
    # HT 28 + VT 4 started; completed 22 + 3; established after 1 year 17 (Skolverket)
    assert row.cells["started"].value == 32 and row.cells["completed"].value == 25
    assert row.cells["established_1"].value == 17
    assert row.completion_rate == 78
    services.cohort_update(cohort=small, actor=None, data=services.CohortData(start_year=2024))
    table = selectors.follow_up_table(space=world.space)
    old = next(row for row in table.rows if row.start_year == 2024)
    assert old.cells["started"].suppressed and old.cells["completed"].suppressed
    assert old.cells["established_1"].suppressed, "no outcome is masked like a small one"
    assert old.completion_rate is None
    assert table.any_suppressed


def test_k_comes_from_the_space_s_validation_settings(world: Any) -> None:
    ValidationSettings.objects.create(space=world.space, suppression_k=30)
    table = selectors.follow_up_table(space=world.space)
    assert table.k == 30
    assert all(cell.suppressed for cell in table.rows[0].cells.values())


def test_the_table_never_reads_another_space(world: Any) -> None:
    table = selectors.follow_up_table(space=world.space)
    assert {row.offering_id for row in table.rows} == {world.offering.pk}


def test_the_api_serves_the_suppressed_table_to_insiders_only(world: Any) -> None:
    from rest_framework.test import APIClient

    make_cohort(
        world.offering,
        start_year=2024,
        started=3,
        completed_with_degree=2,
        completed_without_degree=0,
        dropped_out=1,
        applicants=None,
        admitted=None,
        active_year_1=None,
    )
    client = APIClient()
    client.force_authenticate(world.member)
    body = client.get("/api/v1/cohorts/", {"space": world.space.slug}).json()
    rows = {row["start_year"]: row for row in body["rows"]}
    assert body["k"] == 5
    assert rows[2025]["figures"]["started"] == 28
    assert rows[2024]["figures"] == {"started": None, "completed": None, "established_1": None}
    assert rows[2024]["completion_rate"] is None
    for who in (world.guest, world.outsider):
        client.force_authenticate(who)
        assert client.get("/api/v1/cohorts/", {"space": world.space.slug}).status_code == 403
