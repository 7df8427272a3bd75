"""Reads: the regional perspective of a project and the year-end perspective report."""

from datetime import date

import pytest

from samverka.collaboration.bodies.models import BodyKind, ParticipationModel
from samverka.steering.workplans import selectors, services
from samverka.steering.workplans.tests.helpers import YEAR, make_activity, make_plan
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation

pytestmark = pytest.mark.django_db


def test_a_projects_regions_and_participation_models_for_the_plans_year(space):
    project = make_body(space=space, name="Projekt Validering", kind=BodyKind.PROJECT)
    sormland = make_organisation(name="Region Sörmland")
    orebro = make_organisation(name="Region Örebro län")
    gotland = make_organisation(name="Region Gotland")
    for _ in range(2):  # two people from the same region: one row
        make_membership(
            body=project, contact=make_contact(organisation=sormland), participation_model=ParticipationModel.CONTINUOUS
        )
    make_membership(
        body=project, contact=make_contact(organisation=orebro), participation_model=ParticipationModel.REFERENCE_GROUP
    )
    make_membership(body=project, contact=make_contact(name="Myndighetsperson"))  # no model: not a region taking part
    make_membership(  # took part on demand, but only the year before
        body=project,
        contact=make_contact(organisation=gotland),
        participation_model=ParticipationModel.ON_DEMAND,
        start_date=date(YEAR - 1, 3, 1),
        end_date=date(YEAR - 1, 6, 1),
    )
    rows = [(m.organisation.name, m.participation_model) for m in selectors.regional_participation(project, YEAR)]
    assert rows == [("Region Sörmland", "continuous"), ("Region Örebro län", "reference_group")]
    last_year = [m.organisation.name for m in selectors.regional_participation(project, YEAR - 1)]
    assert last_year == ["Region Gotland", "Region Sörmland", "Region Örebro län"]
    group = make_body(space=space, kind=BodyKind.WORKING_GROUP)
    make_membership(body=group, participation_model=ParticipationModel.CONTINUOUS)
    assert selectors.regional_participation(group, YEAR) == []


def test_the_perspective_report_counts_adopted_and_closed_plans_of_the_year(space, other_space, make_role_user):
    stem = make_plan(make_body(space=space, name="Arbetsgrupp STEM"))
    make_activity(stem, "Kartläggning")
    services.work_plan_adopt(plan=stem, actor=None)
    draft = make_plan(make_body(space=space, name="Arbetsgrupp Vägledning"))
    make_activity(draft, "Utkastaktivitet")
    old = make_plan(make_body(space=space, name="Arbetsgrupp Analys"), YEAR - 1)
    make_activity(old, "Förra året")
    services.work_plan_adopt(plan=old, actor=None)
    foreign = make_plan(make_body(space=other_space, name="Örebros grupp"))
    make_activity(foreign, "Annat rum")
    services.work_plan_adopt(plan=foreign, actor=None)

    summaries, count = selectors.perspective_report(space, make_role_user(space, "member"), YEAR)
    assert count == 1
    by_key = {s.perspective: s for s in summaries}
    assert [(r.body, r.activity) for r in by_key["gender_equality"].addressed] == [("Arbetsgrupp STEM", "Kartläggning")]
    assert by_key["environment"].addressed == []
    assert [r.motivation for r in by_key["environment"].not_relevant] == [
        "Ett skrivbordsarbete utan påverkan på miljön."
    ]
    assert all(s.not_assessed == 0 for s in summaries)
