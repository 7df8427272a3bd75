"""A small cohort world in the Sörmland space: an assistant-nurse offering in Eskilstuna with a followed-up
cohort, and one in the Örebro space that Sörmland's people must never see."""

from types import SimpleNamespace
from typing import Any

import pytest

from conftest import give_totp
from samverka.education.catalogue.tests.factories import make_education, make_offering
from samverka.education.cohorts import services

COUNTS: dict[str, Any] = {
    "applicants": 60,
    "admitted": 30,
    "started": 28,
    "active_year_1": 22,
    "completed_with_degree": 19,
    "completed_without_degree": 3,
    "dropped_out": 6,
}


def make_cohort(of: Any, **extra: Any) -> Any:
    """A cohort of the offering ``of`` (``extra`` overrides any field, ``offering=None`` included)."""
    values: dict[str, Any] = {"offering": of, "start_year": 2025, "term": "HT", **COUNTS}
    values.update(extra)
    return services.cohort_create(space=of.space, actor=None, data=services.CohortData(**values))


@pytest.fixture
def world(space: Any, other_space: Any, make_role_user: Any, superuser: Any) -> SimpleNamespace:
    admin = make_role_user(space, "admin", full_name="Johan Samordnare")
    give_totp(admin)
    give_totp(superuser)
    education = make_education(space=space, title="Undersköterska, komvux")
    offering = make_offering(space=space, education=education)
    other_offering = make_offering(space=other_space, municipality="1880")
    cohort = make_cohort(offering)
    services.breakdown_set(
        cohort=cohort,
        actor=None,
        rows={"women": (24, 20), "men": (4, 2), "age_20-24": (10, 8), "age_25-34": (18, 14)},
    )
    services.outcome_save(
        cohort=cohort,
        actor=None,
        data=services.OutcomeData(
            horizon=1,
            scheme="establishment",
            source="skolverket",
            method="register",
            status="final",
            counts={"established": 17, "uncertain": 3, "weak": 2, "neither": 4},
        ),
    )
    return SimpleNamespace(
        space=space,
        other_space=other_space,
        admin=admin,
        analyst=make_role_user(space, "analyst", full_name="Leila Analytiker"),
        member=make_role_user(space, "member", full_name="Maja Medlem"),
        guest=make_role_user(space, "guest", full_name="Gustav Gäst"),
        outsider=make_role_user(other_space, "member", full_name="Olle Utomstående"),
        superuser=superuser,
        offering=offering,
        other_offering=other_offering,
        cohort=cohort,
        other_cohort=make_cohort(other_offering),
    )
