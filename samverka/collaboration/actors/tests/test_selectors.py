"""Reads of the register and the landscape map: filters, the map's organisations, aggregates, diffs."""

import datetime

import pytest
from django.utils import translation

from samverka.collaboration.actors import selectors
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation

pytestmark = pytest.mark.django_db


def names(queryset):
    return sorted(org.name for org in queryset)


def test_search_by_name_is_case_insensitive_also_for_swedish_letters(superuser):
    make_organisation(name="Örebro universitet", county_id="18", municipality_id="1880")
    make_organisation(name="Eskilstuna kommun")
    assert names(selectors.organisation_list(user=superuser, q="örebro")) == ["Örebro universitet"]
    assert names(selectors.organisation_list(user=superuser, q="ÖREBRO")) == ["Örebro universitet"]
    assert names(selectors.organisation_list(user=superuser, q="kommun")) == ["Eskilstuna kommun"]


def test_search_by_organisation_number(superuser):
    make_organisation(name="Region Sörmland", org_number="232100-0164")
    make_organisation(name="Annan")
    assert names(selectors.organisation_list(user=superuser, q="2321000164")) == ["Region Sörmland"]
    assert names(selectors.organisation_list(user=superuser, q="232100")) == ["Region Sörmland"]


def test_filters_by_type_level_roles_and_place(superuser):
    a = make_organisation(name="A", type="education_provider", level="regional", educates=True, employs=True)
    make_organisation(name="B", type="education_provider", level="local", educates=True, employs=False)
    make_organisation(name="C", type="employer", level="regional", county_id="18", municipality_id="1880")
    make_organisation(name="D", is_active=False)
    assert names(selectors.organisation_list(user=superuser, type="education_provider", level="regional")) == ["A"]
    assert names(selectors.organisation_list(user=superuser, roles=["educates", "employs"])) == ["A"]
    assert names(selectors.organisation_list(user=superuser, county="18")) == ["C"]
    assert names(selectors.organisation_list(user=superuser, municipality="0484")) == ["A", "B"]
    assert "D" not in names(selectors.organisation_list(user=superuser))
    assert "D" in names(selectors.organisation_list(user=superuser, include_inactive=True))
    assert a in selectors.organisation_list(user=superuser, space=None, q="A")


def test_regional_map_has_the_county_and_the_members_of_the_space_bodies(space):
    make_organisation(name="In the county")
    outsider = make_organisation(name="Member from Örebro", county_id="18", municipality_id="1880")
    make_organisation(name="Not involved", county_id="18", municipality_id="1880")
    make_organisation(name="Inactive", is_active=False)
    make_membership(body=make_body(space=space), contact=make_contact(organisation=outsider))
    gone = make_organisation(name="Left last year", county_id="18", municipality_id="1880")
    make_membership(
        body=make_body(space=space),
        contact=make_contact(organisation=gone),
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    assert names(selectors.landscape_organisations(space)) == ["In the county", "Member from Örebro"]


def test_national_map_has_national_organisations_and_members(national_space):
    make_organisation(name="Skolverket", level="national", type="agency", county_id="01", municipality_id="0180")
    member = make_organisation(name="Region Sörmland", level="regional", type="region")
    make_organisation(name="Local firm")
    make_membership(body=make_body(space=national_space), contact=make_contact(organisation=member))
    assert names(selectors.landscape_organisations(national_space)) == ["Region Sörmland", "Skolverket"]


def test_grid_counts_type_by_level_in_one_query(space, django_assert_num_queries):
    for _ in range(3):
        make_organisation(type="employer", level="local")
    make_organisation(type="employer", level="regional")
    make_organisation(type="union", level="national")
    with django_assert_num_queries(1):
        grid = selectors.landscape_grid(selectors.landscape_organisations(space))
    rows = {row["type"]: row for row in grid["rows"]}
    assert [c["count"] for c in rows["employer"]["cells"]] == [3, 1, 0]
    assert rows["employer"]["total"] == 4
    assert [c["count"] for c in rows["union"]["cells"]] == [0, 0, 1]
    assert [c["count"] for c in grid["column_totals"]] == [3, 1, 1]
    assert grid["total"] == 5


def test_areas_of_a_regional_space_count_per_municipality(space, django_assert_num_queries):
    make_organisation(municipality_id="0484")
    make_organisation(municipality_id="0484")
    make_organisation(municipality_id="0480")
    make_organisation(municipality_id=None, level="regional")
    member = make_organisation(county_id="18", municipality_id="1880")
    make_membership(body=make_body(space=space), contact=make_contact(organisation=member))
    with django_assert_num_queries(2):
        areas = selectors.landscape_areas(space, selectors.landscape_organisations(space))
    counts = {row["name"]: row["count"] for row in areas["rows"]}
    assert len(areas["rows"]) == 9  # Södermanlands län has nine municipalities
    assert counts["Eskilstuna"] == 2 and counts["Nyköping"] == 1 and counts["Gnesta"] == 0
    assert [e["count"] for e in areas["extra"]] == [1, 1]
    assert areas["total"] == 5
    shades = {row["name"]: row["shade"] for row in areas["rows"]}
    assert shades["Eskilstuna"] > shades["Nyköping"] > shades["Gnesta"] == 0


def test_areas_of_a_national_space_count_per_county(national_space):
    make_organisation(level="national", county_id="01", municipality_id="0180")
    make_organisation(level="national", county_id=None, municipality_id=None)
    areas = selectors.landscape_areas(national_space, selectors.landscape_organisations(national_space))
    assert len(areas["rows"]) == 21
    assert {row["code"]: row["count"] for row in areas["rows"]}["01"] == 1
    assert areas["extra"][0]["count"] == 1


def test_matrix_shows_roles_and_hides_private_bodies_from_the_public(space, django_assert_max_num_queries):
    from django.contrib.auth.models import AnonymousUser

    forum = make_body(space=space, name="Branschforum Teknik")
    private = make_body(space=space, name="Intern grupp", is_public=False)
    org = make_organisation(name="Volvo CE")
    make_membership(body=forum, contact=make_contact(organisation=org), role="chair")
    make_membership(body=forum, contact=make_contact(organisation=org), role="member")
    make_membership(body=private, contact=make_contact(organisation=make_organisation(name="Hemlig AB")))
    with django_assert_max_num_queries(2):
        matrix = selectors.landscape_matrix(space=space, user=AnonymousUser())
    assert [row["organisation"].name for row in matrix["rows"]] == ["Volvo CE"]
    [seat] = matrix["rows"][0]["bodies"]  # the private body is not named
    assert seat["name"] == "Branschforum Teknik"
    assert len(seat["roles"]) == 2  # chair and member, one entry


def test_matrix_names_a_bounded_number_of_bodies_per_organisation(space):
    from django.contrib.auth.models import AnonymousUser

    from samverka.collaboration.bodies.landscape import MATRIX_BODIES_PER_ROW

    org = make_organisation(name="Stor kommun")
    for i in range(MATRIX_BODIES_PER_ROW + 3):
        make_membership(body=make_body(space=space, name=f"Forum {i:02d}"), contact=make_contact(organisation=org))
    [row] = selectors.landscape_matrix(space=space, user=AnonymousUser())["rows"]
    assert len(row["bodies"]) == MATRIX_BODIES_PER_ROW and row["more"] == 3
    rows = list(selectors.landscape_membership_rows(space=space, user=AnonymousUser()))
    assert len(rows) == MATRIX_BODIES_PER_ROW + 3  # the download has them all


def test_matrix_for_an_insider_includes_private_bodies(space, make_role_user):
    private = make_body(space=space, name="Intern grupp", is_public=False)
    make_membership(body=private, contact=make_contact(organisation=make_organisation(name="Hemlig AB")))
    matrix = selectors.landscape_matrix(space=space, user=make_role_user(space, "member"))
    assert [row["organisation"].name for row in matrix["rows"]] == ["Hemlig AB"]


def row(pk, name, **extra):
    data = {
        "id": pk,
        "name": name,
        "type": "employer",
        "level": "local",
        "roles": ["employs"],
        "county": "04",
        "county_name": "Södermanlands län",
        "municipality": "0484",
        "municipality_name": "Eskilstuna",
    }
    data.update(extra)
    return data


def test_diff_finds_added_removed_and_changed_with_the_changed_fields():
    old = [row(1, "Alfa"), row(2, "Beta"), row(3, "Gamma")]
    new = [
        row(1, "Alfa"),
        row(3, "Gamma AB", level="regional", roles=["employs", "educates"]),
        row(4, "Delta", municipality="0480", municipality_name="Nyköping"),
    ]
    diff = selectors.revision_diff(old, new)
    assert [r["name"] for r in diff.added] == ["Delta"]
    assert [r["name"] for r in diff.removed] == ["Beta"]
    assert len(diff.changed) == 1
    change = diff.changed[0]
    assert change.fields == ["name", "level", "roles"]
    with translation.override("en"):
        display = {str(r["label"]): (str(r["before"]), str(r["after"])) for r in change.rows}
    assert display["name"] == ("Gamma", "Gamma AB")
    assert display["geographic level"] == ("Local", "Regional")
    assert diff.total == 3 and not diff.is_empty


def test_diff_ignores_role_order_and_identical_snapshots():
    old = [row(1, "Alfa", roles=["employs", "educates"])]
    new = [row(1, "Alfa", roles=["educates", "employs"])]
    assert selectors.revision_diff(old, new).is_empty
    assert selectors.revision_diff([], []).is_empty


def test_similar_lookup_uses_a_bounded_number_of_queries(django_assert_max_num_queries):
    make_organisation(name="Mälardalens universitet")
    with django_assert_max_num_queries(3):
        similar = selectors.organisation_similar(name="Mälardalens universitetet")
    assert [o.name for o in similar] == ["Mälardalens universitet"]


def test_diff_lists_a_change_of_website_description_or_organisation_number_alone():
    old = [row(1, "Alfa", website="https://alfa.example", description="", org_number="")]
    new = [row(1, "Alfa", website="https://alfa.example/ny", description="Ny text", org_number="")]
    diff = selectors.revision_diff(old, new)
    assert [change.fields for change in diff.changed] == [["website", "description"]]
    with translation.override("en"):
        display = {str(r["label"]): (str(r["before"]), str(r["after"])) for r in diff.changed[0].rows}
    assert display["website"] == ("https://alfa.example", "https://alfa.example/ny")


def test_diff_against_a_snapshot_from_before_websites_were_kept_reports_nothing_new():
    old = [row(1, "Alfa")]  # an older revision stored no website
    new = [row(1, "Alfa", website="https://alfa.example", description="", org_number="")]
    assert selectors.revision_diff(old, new).is_empty
