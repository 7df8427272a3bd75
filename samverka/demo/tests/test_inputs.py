"""The inputs demo: inputs from several regions with their consideration and the feedback reports."""

import pytest
from django.utils import timezone

from samverka.demo.accounts import NATIONAL_SLUG
from samverka.demo.inputs import THIS_YEAR, load_inputs
from samverka.steering.inputs.models import Consideration, Evaluation, FeedbackReport, Input
from samverka.steering.inputs.tests.factories import make_goal, make_region
from samverka.testing.factories import make_space

pytestmark = pytest.mark.django_db

REGIONS = sorted({spec[0] for spec in THIS_YEAR})


def test_without_the_national_space_the_demo_does_nothing():
    assert load_inputs() == 0
    assert not Input.objects.exists()


def test_without_goals_inputs_are_registered_and_no_report_is_made():
    make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)
    for name in REGIONS:
        make_region(name)
    assert load_inputs() >= len(THIS_YEAR)
    assert not FeedbackReport.objects.exists()
    assert Evaluation.objects.get().questions[0].startswith("Hur har det regionala perspektivet")


def test_each_region_gets_a_feedback_report_after_the_goal_decision():
    space = make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)
    year = timezone.localdate().year
    effect = make_goal(space, year=year, code="E1", title="Kompetensförsörjning")
    make_goal(space, year=year, parent=effect, code="R1.2", title="Validering")
    for name in REGIONS:
        make_region(name, email=f"kontakt@{len(name)}.example")
    load_inputs()
    reports = FeedbackReport.objects.filter(space=space, year=year)
    assert sorted(r.organisation.name for r in reports) == REGIONS
    assert all(r.sent_at is not None for r in reports)
    assert Consideration.objects.filter(input__goal_year=year).count() == len(THIS_YEAR)
    validation = Input.objects.get(topic="Validering behöver leda vidare till anställning")
    assert list(validation.goals.values_list("code", flat=True)) == ["R1.2"]
