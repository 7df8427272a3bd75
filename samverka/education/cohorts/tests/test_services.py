"""Every write refuses bad input with a message naming what is wrong, and then nothing has been saved."""

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samverka.education.catalogue.tests.factories import make_offering
from samverka.education.cohorts import services
from samverka.education.cohorts.models import Cohort, CohortBreakdown, CohortOutcome, CohortOutcomeFigure
from samverka.education.cohorts.tests.conftest import COUNTS, make_cohort

pytestmark = pytest.mark.django_db


def refused(call: Any, *, field: str, says: str) -> None:
    with pytest.raises(ValidationError) as error:
        call()
    messages = error.value.message_dict
    assert field in messages, messages
    assert any(says in message for message in messages[field]), messages


def snapshot() -> tuple[int, ...]:
    return (
        Cohort.objects.count(),
        CohortBreakdown.objects.count(),
        CohortOutcome.objects.count(),
        CohortOutcomeFigure.objects.count(),
    )


def test_a_cohort_takes_its_space_from_its_offering(world: Any) -> None:
    assert world.cohort.space == world.offering.space
    assert world.cohort.completed == 22 and world.cohort.left == 28


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"completed_with_degree": 20, "dropped_out": 9}, "completed_with_degree", "more than the 28 who started"),
        ({"admitted": 70}, "admitted", "More admitted (70) than applicants (60)"),
        ({"started": 31, "admitted": 30}, "started", "More started (31) than admitted (30)"),
        ({"dropped_out": -1}, "dropped_out", "cannot be negative"),
        ({"active_year_1": 29}, "active_year_1", "More active (29) than started (28)"),
        ({"offering": None}, "offering", "without an offering"),
        ({"method": "survey", "response_rate": None}, "response_rate", "response rate"),
        ({"term": "XX"}, "term", "HT"),
    ],
)
def test_bad_cohorts_are_refused_and_nothing_is_saved(
    world: Any, changes: dict[str, Any], field: str, says: str
) -> None:
    offering = make_offering(space=world.space)
    before = snapshot()
    refused(lambda: make_cohort(offering, **changes), field=field, says=says)
    assert snapshot() == before


def test_a_duplicate_cohort_is_refused(world: Any) -> None:
    before = snapshot()
    refused(lambda: make_cohort(world.offering), field="start_year", says="already has a cohort")
    assert snapshot() == before
    assert make_cohort(world.offering, term="VT").term == "VT"


def test_an_offering_of_another_space_is_refused(world: Any) -> None:
    data = services.CohortData(offering=world.other_offering, start_year=2024, term="HT", started=3)
    refused(lambda: services.cohort_create(space=world.space, actor=None, data=data), field="offering", says="another")


def test_an_update_that_the_stored_outcomes_no_longer_fit_is_refused(world: Any) -> None:
    data = services.CohortData(
        started=10, active_year_1=None, completed_with_degree=5, completed_without_degree=0, dropped_out=0
    )
    refused(lambda: services.cohort_update(cohort=world.cohort, actor=None, data=data), field="started", says="more")
    world.cohort.refresh_from_db()
    assert world.cohort.started == COUNTS["started"]


def test_a_breakdown_adding_up_to_more_than_the_cohort_is_refused(world: Any) -> None:
    before = list(CohortBreakdown.objects.values_list("group", "started").order_by("group"))
    refused(
        lambda: services.breakdown_set(cohort=world.cohort, actor=None, rows={"women": (25, 20), "men": (4, 2)}),
        field="women",
        says="Started by sex add up to 29",
    )
    refused(
        lambda: services.breakdown_set(cohort=world.cohort, actor=None, rows={"age_-19": (2, 30)}),
        field="age_-19",
        says="Completed by age band add up to 30",
    )
    assert list(CohortBreakdown.objects.values_list("group", "started").order_by("group")) == before


def test_outcomes_adding_up_to_more_than_the_cohort_are_refused(world: Any) -> None:
    before = snapshot()
    data = services.OutcomeData(
        horizon=3, scheme="establishment", source="scb", counts={"established": 20, "neither": 9}
    )
    refused(
        lambda: services.outcome_save(cohort=world.cohort, actor=None, data=data),
        field="established",
        says="add up to 29, more than the 28",
    )
    data = services.OutcomeData(
        horizon=1, scheme="yh_follow_up", source="scb", counts={"working": 10, "match_fully": 8, "match_partly": 3}
    )
    refused(
        lambda: services.outcome_save(cohort=world.cohort, actor=None, data=data),
        field="match_fully",
        says="more than the 10 who work",
    )
    data = services.OutcomeData(horizon=1, scheme="establishment", source="scb", counts={"working": 1})
    refused(lambda: services.outcome_save(cohort=world.cohort, actor=None, data=data), field="working", says="not")
    assert snapshot() == before


def test_an_outcome_of_the_same_horizon_scheme_and_source_is_replaced(world: Any) -> None:
    data = services.OutcomeData(horizon=1, scheme="establishment", source="skolverket", counts={"established": 5})
    outcome = services.outcome_save(cohort=world.cohort, actor=None, data=data)
    assert CohortOutcome.objects.filter(cohort=world.cohort).count() == 1
    assert outcome.counts() == {"established": 5}


def test_only_those_who_run_the_space_and_analysts_write(world: Any) -> None:
    data = services.CohortData(offering=make_offering(space=world.space), start_year=2024, term="VT", started=5)
    for user in (world.member, world.guest, world.outsider):
        with pytest.raises(PermissionDenied):
            services.cohort_create(space=world.space, actor=user, data=data)
    assert services.cohort_create(space=world.space, actor=world.analyst, data=data).created_by == world.analyst
