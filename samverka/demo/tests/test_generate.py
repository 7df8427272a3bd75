"""`manage.py generate_national_data`: the national-scale data set, here at a hundredth of its size."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from samverka.collaboration.actors.models import Contact, LandscapeRevision, Organisation
from samverka.collaboration.bodies.models import Body, BodyKind, Membership
from samverka.collaboration.meetings.models import (
    ActionItem,
    Decision,
    DecisionCounter,
    Invitation,
    Meeting,
    MinutesVersion,
)
from samverka.demo.generator import _largest_remainder
from samverka.education.catalogue.models import Education, Offering, Provider
from samverka.platform.accounts.models import User
from samverka.platform.core.models import County
from samverka.platform.spaces.models import Space, SpaceMembership

pytestmark = pytest.mark.django_db


def generate(scale: float = 0.01, seed: int = 1) -> str:
    out = StringIO()
    call_command("generate_national_data", scale=scale, seed=seed, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, Any]:
    """What two runs with the same seed must agree on."""
    return {
        "organisations": sorted(Organisation.objects.values_list("name", "type", "level", "municipality_id")),
        "bodies": sorted(Body.objects.values_list("space__slug", "name", "kind", "parent__name", "status")),
        "contacts": sorted(Contact.objects.values_list("organisation__name", "name", "email", "gender")),
        "memberships": sorted(
            Membership.objects.values_list("body__name", "contact__name", "organisation__name", "role", "start_date")
        ),
        "spaces": sorted(Space.objects.values_list("slug", "county_id")),
    }


def wipe() -> None:
    """Remove everything the generator wrote (the reference geography stays)."""
    Offering.objects.all().delete()
    Education.objects.all().delete()
    Provider.objects.all().delete()
    ActionItem.objects.all().delete()
    Decision.objects.all().delete()
    DecisionCounter.objects.all().delete()
    Meeting.objects.all().delete()
    Membership.objects.all().delete()
    Body.objects.update(parent=None)
    Body.objects.all().delete()
    Contact.objects.all().delete()
    LandscapeRevision.objects.all().delete()
    Organisation.objects.all().delete()
    SpaceMembership.objects.all().delete()
    Space.objects.all().delete()
    User.objects.all().delete()


def test_generate_creates_a_space_per_county_and_a_consistent_structure() -> None:
    output = generate()
    assert Space.objects.count() == 22
    assert Space.objects.filter(kind="national").count() == 1
    assert set(Space.objects.exclude(county=None).values_list("county_id", flat=True)) == set(
        County.objects.values_list("code", flat=True)
    )
    assert "Generated national data on" in output and "memberships" in output
    # Every municipality has its municipality organisation, and every county its region.
    assert Organisation.objects.filter(type__in=["municipality", "region"]).values("municipality").count() >= 290
    assert Organisation.objects.filter(type="region").count() == 21
    assert Body.objects.count() >= 22 and Membership.objects.count() >= 200
    # Memberships point to bodies of the right space: a regional body seats organisations of its county
    # (or national ones), the national space agencies, national organisations and regions.
    for membership in Membership.objects.select_related("body__space", "organisation", "contact"):
        space, organisation = membership.body.space, membership.organisation
        if space.kind == "regional":
            assert organisation.county_id == space.county_id or organisation.level == "national"
        else:
            assert organisation.level == "national" or organisation.type == "region"
        assert membership.contact.organisation_id == organisation.pk
    for body in Body.objects.exclude(parent=None).select_related("parent"):
        assert body.parent.space_id == body.space_id
        if body.kind in (BodyKind.PROGRAMME_COUNCIL, BodyKind.EXECUTIVE_COMMITTEE):
            assert body.parent.kind == BodyKind.INDUSTRY_FORUM
    # Each space has a member account (the benchmark logs in with it) and a published landscape map.
    for space in Space.objects.all():
        assert SpaceMembership.objects.filter(space=space, role="member").exists()
        assert LandscapeRevision.objects.filter(space=space, number=1).exists()


def test_generate_is_deterministic_for_a_seed() -> None:
    generate(seed=7)
    first = snapshot()
    wipe()
    generate(seed=7)
    assert snapshot() == first
    wipe()
    generate(seed=8)
    other = snapshot()
    assert other["spaces"] == first["spaces"]
    assert other["contacts"] != first["contacts"]


def test_generate_scales_the_row_counts() -> None:
    generate(scale=0.01)
    small = (Organisation.objects.count(), Body.objects.count(), Membership.objects.count())
    wipe()
    generate(scale=0.03)
    larger = (Organisation.objects.count(), Body.objects.count(), Membership.objects.count())
    assert all(b > a for a, b in zip(small, larger, strict=True))
    assert Membership.objects.count() >= 0.03 * 60_000


def test_generate_refuses_a_database_that_has_the_data_already() -> None:
    generate()
    count = Organisation.objects.count()
    with pytest.raises(CommandError, match="already"):
        generate()
    assert Organisation.objects.count() == count


def test_generate_rejects_a_scale_of_zero() -> None:
    with pytest.raises(CommandError, match="greater than zero"):
        generate(scale=0)
    assert not Space.objects.exists()


def test_largest_remainder_keeps_the_total() -> None:
    assert _largest_remainder(10, [1.0, 1.0, 1.0]) == [4, 3, 3]
    assert sum(_largest_remainder(20_000, [1.0, 20.0, 3.5, 0.7])) == 20_000


def test_generate_gives_every_open_body_a_year_of_meetings_with_numbered_decisions() -> None:
    output = generate()
    assert "meetings" in output
    open_bodies = Body.objects.filter(closed_at__isnull=True)
    assert Meeting.objects.values("body").distinct().count() == open_bodies.count()
    today = timezone.localdate()
    held = Meeting.objects.filter(start__date__lt=today)
    assert held.exists() and Meeting.objects.filter(start__date__gte=today).exists()
    assert MinutesVersion.objects.count() == held.count()
    assert not Invitation.objects.filter(meeting__start__date__lt=today).exists()
    # Decision numbers run 1..n per body and year without gaps, and the counter knows the last one.
    for counter in DecisionCounter.objects.all():
        numbers = sorted(
            Decision.objects.filter(body=counter.body_id, year=counter.year).values_list("number", flat=True)
        )
        assert numbers == list(range(1, counter.last + 1))
    assert ActionItem.objects.exclude(status="done").filter(due_date__lt=today).exists()  # some are overdue
