"""Representativeness of a body's current members, and the industry-forum warning (seed 004, 6.4.1)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from samverka.collaboration.actors.models import GeographicLevel, OrganisationType
from samverka.collaboration.bodies.models import BodyKind
from samverka.collaboration.bodies.selectors import body_representativeness
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def member(body, *, org_type=OrganisationType.EMPLOYER, level=GeographicLevel.LOCAL, organisation=None, **contact):
    organisation = organisation or make_organisation(type=org_type, level=level)
    return make_membership(body=body, contact=make_contact(organisation=organisation, **contact))


def rows(table):
    return {row["key"]: (row["count"], row["percent"]) for row in table}


def test_counts_and_shares_by_gender_born_abroad_type_and_level(space):
    body = make_body(space=space)
    region = make_organisation(type=OrganisationType.REGION, level=GeographicLevel.REGIONAL)
    member(body, organisation=region, gender="woman", born_abroad=True)
    member(body, organisation=region, gender="woman", born_abroad=False)
    member(body, gender="man", born_abroad=False)
    member(body)  # nothing self-reported
    make_membership(body=body, contact=make_contact(gender="man"), end_date=TODAY - timedelta(days=1))  # former
    make_membership(body=body, contact=make_contact(gender="man"), start_date=TODAY + timedelta(days=5))  # not yet

    result = body_representativeness(body)
    assert (result["member_total"], result["organisation_total"]) == (4, 3)
    assert rows(result["by_gender"]) == {"woman": (2, 50), "man": (1, 25), "other": (0, 0), "not_stated": (1, 25)}
    assert rows(result["by_born_abroad"]) == {"yes": (1, 25), "no": (2, 50), "not_stated": (1, 25)}
    by_type = {row["key"]: (row["count"], row["members"]) for row in result["by_organisation_type"]}
    assert by_type == {"region": (1, 2), "employer": (2, 2)}
    by_level = {row["key"]: (row["count"], row["members"]) for row in result["by_level"]}
    assert by_level == {"local": (2, 2), "regional": (1, 2), "national": (0, 0)}
    assert result["industry_minority"] is False  # not an industry forum


def test_public_figures_leave_out_the_persons(space):
    body = make_body(space=space)
    member(body, gender="woman", born_abroad=True)
    result = body_representativeness(body, include_people=False)
    assert "by_gender" not in result and "by_born_abroad" not in result
    assert result["organisation_total"] == 1


@pytest.mark.parametrize(
    ("types", "warning"),
    [
        ([OrganisationType.EMPLOYER, OrganisationType.EDUCATION_PROVIDER, OrganisationType.AGENCY], True),
        (
            [OrganisationType.EMPLOYER, OrganisationType.INDUSTRY_ORGANISATION, OrganisationType.EDUCATION_PROVIDER],
            False,
        ),
        ([OrganisationType.EMPLOYER, OrganisationType.EDUCATION_PROVIDER], False),  # exactly half: not a minority
        ([OrganisationType.UNION, OrganisationType.EDUCATION_PROVIDER, OrganisationType.REGION], True),
        ([], False),  # no members yet: nothing to warn about
    ],
)
def test_industry_forum_warns_when_the_industry_is_a_minority(space, types, warning):
    forum = make_body(space=space, kind=BodyKind.INDUSTRY_FORUM)
    for org_type in types:
        member(forum, org_type=org_type)
    assert body_representativeness(forum)["industry_minority"] is warning


def test_organisations_not_persons_are_counted_for_the_warning(space):
    forum = make_body(space=space, kind=BodyKind.INDUSTRY_FORUM)
    school = make_organisation(type=OrganisationType.EDUCATION_PROVIDER)
    for _ in range(4):
        member(forum, organisation=school)
    member(forum, org_type=OrganisationType.EMPLOYER)
    result = body_representativeness(forum)
    assert (result["member_total"], result["organisation_total"], result["industry_side"]) == (5, 2, 1)
    assert result["industry_minority"] is False


def test_the_warning_is_shown_on_the_forum_page(client, space):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    forum = make_body(space=space, kind=BodyKind.INDUSTRY_FORUM, name="Branschforum Besöksnäring")
    member(forum, org_type=OrganisationType.EMPLOYER)
    member(forum, org_type=OrganisationType.EDUCATION_PROVIDER)
    member(forum, org_type=OrganisationType.MUNICIPALITY)
    html = client.get(reverse("bodies:body-detail", kwargs={"space": space.slug, "pk": forum.pk})).content.decode()
    assert "Only 1 of the 3 member organisations are employers or industry organisations." in html
    assert "Members by gender" not in html  # the public sees no person-level figures
    assert "By organisation type" in html
