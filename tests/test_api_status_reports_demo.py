"""Issue 13's regression over the loaded demo: a member of MSV KLL's steering group (no role in the
space) reads every status report of the national space on the web, and the API gives them the same
reports (it answered 404 for each and an empty list of rounds, rebuilding the rule by hand)."""

from typing import Any

import pytest
from django.test import Client

from samverka.collaboration.bodies.models import Body, BodyKind
from samverka.platform.api.tests.conftest import client_for
from samverka.platform.spaces.models import Space, SpaceKind
from samverka.steering.statusreports.models import StatusReport, StatusRound
from samverka.testing import factories

pytestmark = pytest.mark.django_db


def test_regression_issue_13_msv_kll_steering_group_member_reads_status_reports_in_the_api(demo: Any) -> None:
    national = Space.objects.get(kind=SpaceKind.NATIONAL)
    steering = Body.objects.filter(space=national, kind=BodyKind.STEERING_GROUP).order_by("pk").first()
    assert steering is not None, "the demo's MSV KLL has a steering group"
    member = factories.make_user(email="styrgruppsledamot@msv.example", full_name="Styrgruppsledamot")
    factories.make_membership(body=steering, contact=factories.make_contact(user=member), role="member")
    reports = list(StatusReport.objects.filter(round__space=national).select_related("round__space"))
    assert reports, "the demo has status reports in MSV KLL"

    page, api = Client(), client_for(member)
    page.force_login(member)
    for report in reports:
        assert page.get(report.get_absolute_url()).status_code == 200, report
        response = api.get(f"/api/v1/status-reports/{report.pk}/")
        assert response.status_code == 200, (report, response.content)
    listed = {row["id"] for row in api.get("/api/v1/status-rounds/", {"page_size": 100}).json()["results"]}
    assert listed == set(StatusRound.objects.filter(space=national).values_list("pk", flat=True))
