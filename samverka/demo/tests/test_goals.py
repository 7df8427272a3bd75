"""The demo's goals load through the services: two years for MSV KLL, a public dashboard for Sörmland."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.demo.accounts import NATIONAL_SLUG, SORMLAND_SLUG
from samverka.demo.goals import load_goals
from samverka.steering.goals import selectors
from samverka.steering.goals.models import Goal, GoalStatus
from samverka.testing.factories import make_space

pytestmark = pytest.mark.django_db


def test_demo_goals_have_two_years_a_recorded_revision_and_a_public_dashboard(client, superuser):
    national = make_space(slug=NATIONAL_SLUG, name="MSV KLL", kind="national", county_id=None)
    sormland = make_space(slug=SORMLAND_SLUG, name="Kompetensplattform Sörmland")
    year = timezone.localdate().year
    created = load_goals()
    assert created == Goal.objects.count() > 0
    assert load_goals() == 0  # loading again adds nothing

    this_year = Goal.objects.filter(space=national, year=year)
    assert set(this_year.values_list("code", flat=True)) == {"E1", "E2", "R1.1", "R1.2", "R1.3", "R2.1"}
    assert Goal.objects.get(space=national, year=year - 1, code="R1.4").status == GoalStatus.RETIRED
    revised = this_year.get(code="R1.1")
    assert revised.previous.year == year - 1 and revised.change_note
    changes = {c.what: (c.before, c.after) for c in selectors.goal_changes(revised)}
    assert changes["Target of Andel regioner som använder den gemensamma lägesbilden"] == ("70 %", "80 %")
    kinds = {c.goal.code: c.kind for c in selectors.year_changes(national, superuser, year)}
    assert kinds["E2"] == "new" and kinds["R1.2"] == "changed" and kinds["R1.4"] == "dropped"
    assert not Goal.objects.filter(space=national, is_public=True).exists()

    dashboard = client.get(reverse("goals:public-dashboard", kwargs={"space": sormland.slug}))
    assert "Fler vuxna validerar sina kunskaper" in dashboard.text
    assert "Plattformens arbetsformer utvecklas" not in dashboard.text  # the internal goal
    assert Goal.objects.filter(space=sormland, year=year, is_public=True).count() == 5
