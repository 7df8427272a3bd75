"""The planner's figures on known catalogue rows, and their query counts at two sizes of the catalogue."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samverka.collaboration.bodies.models import BodyKind
from samverka.education.catalogue import planning
from samverka.education.catalogue.models import SchoolType, Source
from samverka.education.catalogue.tests.planner_factories import (
    ESKILSTUNA,
    KATRINEHOLM,
    NYKOPING,
    OREBRO,
    SORMLAND,
    STRANGNAS,
    make_education,
    make_offering,
    programme_offering,
)
from samverka.insight.analyses.models import BodyCoverage
from samverka.insight.indicators.models import Scenario
from samverka.insight.indicators.tests.factories import make_dataset, make_table
from samverka.platform.spaces.selectors import roles_by_space
from samverka.testing.factories import make_body

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def analyst(space, make_role_user):
    user = make_role_user(space, "analyst")
    roles_by_space(user)  # read once per request and kept on the user, as a page does before the figures
    return user


def queries(function, *args, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        result = function(*args, **kwargs)
    return len(captured), result


# --- the coverage matrix ------------------------------------------------------------------------------


def test_the_programme_is_read_from_the_first_two_letters_of_the_study_path_code():
    assert planning.programme_of("NANAT") == "NA"
    assert planning.programme_of("na25") == "NA"
    assert planning.programme_of("HVFRI0L0N") == "HV"  # the former Hantverksprogrammet
    assert planning.programme_of("HAHAN") == "FS"  # renamed Försäljnings- och serviceprogrammet
    assert planning.programme_of("IMYRK") == planning.OTHER
    assert planning.programme_of("") == planning.OTHER
    assert len(planning.NATIONAL_PROGRAMMES) == 18
    assert len({p.code for p in planning.NATIONAL_PROGRAMMES}) == 18


def test_the_matrix_counts_current_offerings_per_programme_and_municipality(space, other_space, analyst):
    programme_offering(space, "NANAT", ESKILSTUNA)
    programme_offering(space, "NA25", ESKILSTUNA, is_published=False)  # insiders count unpublished ones
    programme_offering(space, "NASAM", NYKOPING)
    programme_offering(space, "HAHAN", KATRINEHOLM)  # counted as FS
    programme_offering(space, "HVFRI", KATRINEHOLM)  # former programme: its own row
    programme_offering(space, "IMYRK", ESKILSTUNA)  # an introduction programme: "other"
    # Not counted: removed, cancelled, over, another school type, another county, another space.
    programme_offering(space, "NANAT", ESKILSTUNA, removed_at=timezone.now())
    programme_offering(space, "NANAT", ESKILSTUNA, is_cancelled=True)
    programme_offering(space, "NANAT", ESKILSTUNA, start=TODAY - timedelta(days=400), end=TODAY - timedelta(days=1))
    make_offering(space, make_education(space, code="NANAT", school_type=SchoolType.VUXGY), municipality=ESKILSTUNA)
    programme_offering(space, "NANAT", OREBRO)
    programme_offering(other_space, "NANAT", ESKILSTUNA)

    matrix = planning.coverage_matrix(space, analyst, "04")

    assert [m.code for m in matrix.municipalities] == sorted(SORMLAND, key=lambda c: matrix_names(matrix)[c])
    column = {m.code: i for i, m in enumerate(matrix.municipalities)}
    rows = {row.code: row for row in matrix.rows}
    assert rows["NA"].cells[column[ESKILSTUNA]] == 2
    assert rows["NA"].cells[column[NYKOPING]] == 1
    assert rows["NA"].total == 3 and rows["NA"].municipalities_offering == 2
    assert rows["FS"].cells[column[KATRINEHOLM]] == 1
    assert "HA" not in rows
    assert rows["HV"].current is False and rows["HV"].total == 1
    assert matrix.other.cells[column[ESKILSTUNA]] == 1
    assert matrix.total == 6
    assert {row.code for row in matrix.not_offered} == {p.code for p in planning.NATIONAL_PROGRAMMES} - {"NA", "FS"}
    assert matrix.complete == []
    per = {c.municipality.code: c.programmes for c in matrix.per_municipality}
    assert per[ESKILSTUNA] == 1 and per[KATRINEHOLM] == 1 and per[STRANGNAS] == 0  # HV is not national
    assert len(matrix.few) == 9 and matrix.few[-1].programmes == 1


def matrix_names(matrix):
    return {m.code: m.name for m in matrix.municipalities}


def test_a_municipality_offering_every_national_programme_is_named(space, analyst):
    for programme in planning.NATIONAL_PROGRAMMES:
        programme_offering(space, programme.code + "XYZ", ESKILSTUNA)
    programme_offering(space, "NANAT", NYKOPING)

    matrix = planning.coverage_matrix(space, analyst, "04")

    assert [m.code for m in matrix.complete] == [ESKILSTUNA]
    assert matrix.not_offered == []
    assert [c.municipality.code for c in matrix.few if c.programmes] == [NYKOPING]


def test_the_matrix_costs_the_same_queries_whatever_the_size_of_the_catalogue(space, analyst):
    programme_offering(space, "NANAT", ESKILSTUNA)
    small, _matrix = queries(planning.coverage_matrix, space, analyst, "04")
    for index, programme in enumerate(planning.NATIONAL_PROGRAMMES * 3):
        programme_offering(space, programme.code, SORMLAND[index % len(SORMLAND)])
    large, matrix = queries(planning.coverage_matrix, space, analyst, "04")
    assert matrix.total == 55
    assert small == large == 3  # the county, its municipalities, the counts


# --- places per SUN field and year --------------------------------------------------------------------


def test_places_are_summed_per_sun_field_and_start_year(space, analyst):
    care = make_education(space, school_type=SchoolType.VUXGY, sun_field="723")
    nursing = make_education(space, school_type=SchoolType.YH, sun_field="723")
    welding = make_education(space, school_type=SchoolType.VUXGY, sun_field="521")
    unknown = make_education(space, school_type=SchoolType.VUXGY)
    make_offering(space, care, start=date(2025, 8, 18), places=30)
    make_offering(space, care, start=date(2026, 1, 12), places=20)
    make_offering(space, nursing, start=date(2026, 8, 24), places=35)
    make_offering(space, nursing, start=date(2026, 8, 24))  # no places given
    make_offering(space, welding, start=date(2026, 3, 2), places=12)
    make_offering(space, unknown, start=None, places=5, continuous_admission=True)
    make_offering(space, care, start=date(2026, 1, 12), places=99, is_cancelled=True)  # not counted

    broad = planning.places_by_field(space, analyst, level=1)
    assert broad.years == [2025, 2026, planning.NO_YEAR]
    rows = {row.code: row for row in broad.rows}
    assert rows["7"].places == [30, 55, 0] and rows["7"].unknown == 1
    assert rows["7"].name == "Hälso- och sjukvård samt social omsorg"
    assert rows["5"].places == [0, 12, 0]
    assert rows[""].places == [0, 0, 5]
    assert broad.totals == [30, 67, 5] and broad.total == 102

    detailed = planning.places_by_field(space, analyst, level=3, school_type=SchoolType.YH)
    assert [(row.code, row.places, row.unknown) for row in detailed.rows] == [("723", [35], 1)]
    assert detailed.years == [2026]


def test_places_cost_two_queries_at_any_size(space, analyst):
    make_offering(space, make_education(space, sun_field="723"), places=3)
    small, _table = queries(planning.places_by_field, space, analyst, level=3)
    for n in range(30):
        make_offering(space, make_education(space, sun_field=f"{n % 9}2{n % 3}"), places=n)
    large, table = queries(planning.places_by_field, space, analyst, level=3)
    assert table.total == 3 + sum(range(30))
    assert small == large == 2


# --- gaps against shortage occupations ----------------------------------------------------------------

BANDS = ("20-54", "55-59", "60-64", "65-74")
VALUES = {"20-54": 700.0, "55-59": 150.0, "60-64": 100.0, "65-74": 40.0}


@pytest.fixture
def outlooks(space):
    version = make_table(
        dataset=make_dataset(space=space),
        dimensions={"period": ("2019", "2021"), "ssyk": ("2221", "5321"), "region": ("0480",), "age": BANDS},
        value=lambda c: VALUES[c["age"]],
        totals={"age": "tot"},
    )
    nurses = Scenario.objects.create(
        space=space, version=version, title="Sjuksköterskor", ssyk="2221", demand_mode="growth", growth_rate=3.0
    )
    Scenario.objects.create(
        space=space, version=version, title="Undersköterskor", ssyk="5321", inflow_number=500, demand_mode="growth"
    )
    return nurses


def test_gaps_list_outlook_shortages_and_forum_occupations_against_the_offerings(space, analyst, outlooks):
    forum = make_body(space=space, kind=BodyKind.INDUSTRY_FORUM, name="Branschforum Vård")
    BodyCoverage.objects.create(body=forum, ssyk_codes=["2221", "5330"])
    group = make_body(space=space, kind=BodyKind.WORKING_GROUP)
    BodyCoverage.objects.create(body=group, ssyk_codes=["9999"])  # not a forum: not listed
    nursing = make_education(space, school_type=SchoolType.HS, ssyk=("2221",))
    make_offering(space, nursing, places=40)
    make_offering(space, nursing)  # no places given
    make_offering(space, ssyk=("2221",), places=10)  # aimed at it on the offering itself
    make_offering(space, nursing, places=99, is_cancelled=True)  # not current

    report = planning.shortage_gaps(space, analyst)

    rows = {row.ssyk: row for row in report.rows}
    assert set(rows) == {"2221", "5330"}
    nurses = rows["2221"]
    assert nurses.offerings == 3 and nurses.places == 50 and nurses.unknown_places == 1
    assert nurses.projected_gap is not None and nurses.projected_gap > 0
    assert [r.kind for r in nurses.reasons] == ["outlook", "forum"]
    assert "Branschforum Vård" in nurses.reasons[1].text
    assert rows["5330"].uncovered and rows["5330"].projected_gap is None
    assert report.rows[0].ssyk == "5330"  # uncovered first
    assert report.uncovered == [rows["5330"]]
    assert any("Undersköterskor" in note for note in report.notes)  # its inflow meets the demand


def test_an_occupation_group_takes_the_offerings_of_the_occupations_under_it(space, analyst):
    forum = make_body(space=space, kind=BodyKind.INDUSTRY_FORUM)
    BodyCoverage.objects.create(body=forum, ssyk_codes=["532"])
    make_offering(space, make_education(space, ssyk=("5321",)), places=8)
    make_offering(space, make_education(space, ssyk=("5322",)), places=4, ssyk=("5321",))

    [row] = planning.shortage_gaps(space, analyst).rows

    assert (row.ssyk, row.offerings, row.places) == ("532", 2, 12)


def test_gaps_cost_the_same_queries_whatever_the_size_of_the_catalogue(space, analyst, outlooks):
    forum = make_body(space=space, kind=BodyKind.INDUSTRY_FORUM)
    BodyCoverage.objects.create(body=forum, ssyk_codes=["2221", "5330"])
    make_offering(space, make_education(space, ssyk=("2221",)), places=1)
    planning.shortage_gaps(space, analyst)  # fills the per-process caches (classifications) an earlier test may have
    small, _report = queries(planning.shortage_gaps, space, analyst)
    for n in range(20):
        make_offering(space, make_education(space, ssyk=("2221", "5330")), places=n, ssyk=("5330",))
    large, report = queries(planning.shortage_gaps, space, analyst)
    assert {row.ssyk: row.offerings for row in report.rows} == {"2221": 21, "5330": 20}
    assert small == large


# --- quality ------------------------------------------------------------------------------------------


def test_the_quality_list_names_each_problem(space, analyst):
    long_ago = timezone.now() - timedelta(days=300)
    good = make_offering(space, make_education(space, sun_field="723", ssyk=("5321",)))
    no_sun = make_offering(space, make_education(space, ssyk=("5321",)))
    no_ssyk = make_offering(space, make_education(space, sun_field="723"))
    local_ssyk = make_offering(space, make_education(space, sun_field="723"), ssyk=("5321",))
    no_municipality = make_offering(space, make_education(space, sun_field="723", ssyk=("5321",)), municipality=None)
    distance = make_offering(
        space, make_education(space, sun_field="723", ssyk=("5321",)), municipality=None, is_distance=True
    )
    stale = make_offering(space, make_education(space, sun_field="723", ssyk=("5321",)), updated=long_ago)
    start = TODAY + timedelta(days=30)
    imported = make_offering(
        space,
        make_education(space, title="Undersköterska", sun_field="723", ssyk=("5321",), source=Source.EMIL3),
        source=Source.EMIL3,
        start=start,
        updated=timezone.now(),
    )
    entered = make_offering(
        space, make_education(space, title="undersköterska", sun_field="723", ssyk=("5321",)), start=start
    )
    elsewhere = make_offering(
        space,
        make_education(space, title="Undersköterska", sun_field="723", ssyk=("5321",)),
        start=start,
        municipality=NYKOPING,
    )

    report = planning.quality_report(space, analyst)

    found = {o.pk: planning.problems_of(o) for o in report.offerings}
    assert found[no_sun.pk] == ["sun"]
    assert found[no_ssyk.pk] == ["ssyk"]
    assert found[no_municipality.pk] == ["municipality"]
    assert found[stale.pk] == ["stale"]
    assert found[imported.pk] == ["duplicate"]
    for pk in (good.pk, local_ssyk.pk, distance.pk, elsewhere.pk):
        assert pk not in found
    assert found[entered.pk] == ["duplicate"]
    assert report.counts["sun"] == 1 and report.counts["ssyk"] == 1 and report.counts["stale"] == 1
    assert report.total == len(found)

    assert list(planning.quality_report(space, analyst, problem="stale").offerings) == [stale]
    assert stale.pk not in {o.pk for o in planning.quality_report(space, analyst, months=12).offerings}


def test_duplicates_are_only_across_sources(space, analyst):
    start = TODAY + timedelta(days=30)
    for _n in range(2):
        make_offering(space, make_education(space, title="Svetsare", sun_field="521", ssyk=("7212",)), start=start)
    assert planning.quality_report(space, analyst).total == 0


def test_the_quality_list_costs_the_same_queries_at_any_size(space, analyst):
    make_offering(space, make_education(space))
    small, report = queries(planning.quality_report, space, analyst)
    small_list, _rows = queries(lambda: list(report.offerings))
    for n in range(25):
        make_offering(space, make_education(space, title=f"Kurs {n % 5}", sun_field="" if n % 2 else "723"))
    large, report = queries(planning.quality_report, space, analyst)
    large_list, rows = queries(lambda: list(report.offerings))
    assert len(rows) == 26
    assert small == large == 1
    assert small_list == large_list == 1


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = timezone.make_aware(timezone.datetime(2026, 8, 31, 12, 0))
    assert planning.months_before(moment, 6).date() == date(2026, 2, 28)
    assert planning.months_before(moment, 8).date() == date(2025, 12, 31)
    assert planning.months_before(moment, 20).date() == date(2024, 12, 31)
