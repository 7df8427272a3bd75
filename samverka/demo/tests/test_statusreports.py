"""The demo's two rounds on the work plans demo: the spring round approved with feedback to every
group, the autumn round open with the project submitted and STEM's draft missing one light."""

import pytest
from django.core.exceptions import ValidationError

from samverka.demo.accounts import NATIONAL_SLUG
from samverka.demo.statusreports import load_statusreports
from samverka.demo.workplans import load_workplans
from samverka.steering.statusreports import services
from samverka.steering.statusreports.models import Feedback, ReportState, RoundState
from samverka.steering.statusreports.selectors import overview
from samverka.testing.factories import make_body, make_space

pytestmark = pytest.mark.django_db

GROUPS = ("Arbetsgrupp STEM", "Arbetsgrupp Studie- och yrkesvägledning", "Projekt Validering och regional matchning")


def test_the_demo_rounds():
    space = make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)
    for name in GROUPS:
        make_body(space=space, name=name, kind="project" if name.startswith("Projekt") else "working_group")
    load_workplans()
    spring, autumn = load_statusreports()

    assert spring.state == RoundState.APPROVED
    assert set(spring.reports.values_list("state", flat=True)) == {ReportState.REVIEWED}
    assert Feedback.objects.filter(report__round=spring).count() == spring.reports.count() == 2  # SYV's plan is a draft

    assert autumn.state == RoundState.OPEN
    states = {r.work_plan.body.name: r.state for r in autumn.reports.select_related("work_plan__body")}
    assert states == {"Arbetsgrupp STEM": ReportState.DRAFT, "Projekt Validering och regional matchning": "submitted"}
    stem = autumn.reports.get(work_plan__body__name="Arbetsgrupp STEM")
    with pytest.raises(ValidationError) as error:
        services.report_submit(actor=None, report=stem)
    assert len(error.value.messages) == 2  # the heading and the one activity without a light

    trends = {row.title: row.trend_activity.direction for g in overview(autumn).groups for row in g.rows}
    assert trends["Gemensam kommunikationsinsats om ingenjörs- och teknikyrken"] == "better"
    assert trends["Pilot för regional matchning mot valideringsinsatser"] == "better"


def test_the_demo_skips_without_the_national_space():
    assert load_statusreports() == []
