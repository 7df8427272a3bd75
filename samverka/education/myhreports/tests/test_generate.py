"""The draft's figures from the platform's own education data: the places the orders ask for and the orders per
status, the cohort follow-up per school type (only from the suppressed table: a small figure stays masked), and
the industry forums' education-order messages — each with its source, and in a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.education.catalogue.models import SchoolType
from samverka.education.catalogue.tests.factories import make_education, make_offering
from samverka.education.cohorts import services as cohorts
from samverka.education.myhreports import services
from samverka.education.myhreports.sections import NEEDS, SUPPLY
from samverka.education.orders import services as orders
from samverka.education.orders.tests.helpers import chain, make_order, sent_order
from samverka.records.questions.models import QuestionKind
from samverka.records.questions.tests.helpers import ask

pytestmark = pytest.mark.django_db

ORDERS_SOURCE = "Utbildningsbeställningar i plattformen"


def ordered(order, **volumes):
    for year, volume in volumes.items():
        orders.occupation_set(actor=None, order=order, ssyk_code="5321", year=int(year[1:]), volume=volume)
    return order


def cohort(offering, *, started, completed, year=2024, **extra):
    return cohorts.cohort_create(
        space=offering.space,
        actor=None,
        data=cohorts.CohortData(
            offering=offering, start_year=year, term="HT", started=started, completed_with_degree=completed, **extra
        ),
    )


@pytest.fixture
def education_data(world):
    bodies = chain(world.space)
    ordered(sent_order(world.space, bodies["forum"], (bodies["workshop"],)), y2026=10, y2027=15)
    ordered(make_order(world.space, bodies["forum"]), y2026=100)  # a draft: not counted
    rejected = ordered(sent_order(world.space, bodies["forum"], (bodies["workshop"],)), y2026=1000)
    orders.addressee_decide(actor=None, addressee=rejected.addressees.get(), decision="rejected", reason="Inga lärare")
    ask(bodies["forum"], bodies["workshop"], kind=QuestionKind.EDUCATION_ORDER, title="Fler svetsare i Eskilstuna")
    ask(bodies["council"], bodies["workshop"], kind=QuestionKind.EDUCATION_ORDER, title="Inte ett forum")
    vux = make_offering(space=world.space, education=make_education(space=world.space, school_type=SchoolType.VUX))
    big = cohort(vux, started=28, completed=19, completed_without_degree=3, dropped_out=6)
    cohorts.outcome_save(
        cohort=big,
        actor=None,
        data=cohorts.OutcomeData(
            horizon=1,
            scheme="establishment",
            source="skolverket",
            method="register",
            status="final",
            counts={"established": 17, "uncertain": 3, "weak": 2},
        ),
    )
    yh = make_offering(space=world.space, education=make_education(space=world.space, school_type=SchoolType.YH))
    cohort(yh, started=3, completed=2)  # below k = 5
    return bodies


def figures_of(report, section):
    return {figure.key: figure for figure in report.figures.filter(section=section)}


def test_the_needs_carry_the_ordered_places_and_the_orders_per_status(world, education_data):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    needs = figures_of(report, NEEDS)
    places = needs["needs:ordered:5321"]
    assert places.value == 25  # 10 + 15 of the sent order; the draft's and the rejected order's left out
    assert "5321" in places.label and "(2026–2027)" in places.label and places.unit == "platser"
    assert places.source_name == ORDERS_SOURCE and report.figures.get(key="needs:ordered:5321").vintage
    assert (needs["needs:orders:sent"].value, needs["needs:orders:draft"].value) == (2, 1)
    assert needs["needs:orders:sent"].source_name == ORDERS_SOURCE
    assert ORDERS_SOURCE in report.texts["method"]


def test_the_needs_list_the_industry_forums_untracked_messages(world, education_data):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    messages = [f for f in report.figures.filter(section=NEEDS) if f.key.startswith("needs:forum-message:")]
    assert len(messages) == 1  # the programme council is not an industry forum
    message = messages[0]
    assert "Branschforum Industri" in message.label and "Fler svetsare i Eskilstuna" in message.label
    assert message.value is None and message.source_name == "Branschforumens utbildningsbeställningar i plattformen"


def test_the_supply_carries_the_cohort_follow_up_per_school_type_with_a_small_figure_masked(world, education_data):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    supply = figures_of(report, SUPPLY)
    assert supply["supply:cohorts:started:VUX"].value == 28
    assert supply["supply:cohorts:completed:VUX"].value == 22
    assert supply["supply:cohorts:established_1:VUX"].value == 17
    assert "2024" in supply["supply:cohorts:started:VUX"].label
    small = supply["supply:cohorts:started:YH"]
    assert small.value is None and "maskerad" in small.label  # 3 started: below k, never shown
    assert supply["supply:cohorts:completed:YH"].value is None
    assert small.source_name.startswith("Kohortuppföljning i plattformen")
    assert all(figure.value != 3 for figure in report.figures.all())


def test_a_masked_cell_is_left_out_of_a_school_types_sum_and_counted(world, education_data):
    vux = make_offering(space=world.space, education=make_education(space=world.space, school_type=SchoolType.VUX))
    cohort(vux, started=2, completed=1, year=2023)
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    started = report.figures.get(key="supply:cohorts:started:VUX")
    assert started.value == 28  # not 30: the small cohort's figure stays masked
    assert "1 värde under k utelämnat" in started.label and "2023–2024" in started.label


def test_generating_the_draft_takes_as_many_queries_with_more_orders_cohorts_and_messages(world, education_data):
    report = services.report_create(space=world.space, year=2026, actor=world.analyst)
    with CaptureQueriesContext(connection) as few:
        services.report_generate(report=report, actor=world.analyst)
    bodies = education_data
    for n in range(3):
        order = sent_order(world.space, bodies["forum"], (bodies["workshop"],), title=f"Beställning {n}")
        orders.occupation_set(actor=None, order=order, ssyk_code="2221", year=2026, volume=5 + n)
        ask(bodies["forum"], bodies["workshop"], kind=QuestionKind.EDUCATION_ORDER, title=f"Behov {n}")
        for school_type in (SchoolType.GY, SchoolType.YH):
            education = make_education(space=world.space, school_type=school_type)
            cohort(make_offering(space=world.space, education=education), started=20 + n, completed=10, year=2020 + n)
    with CaptureQueriesContext(connection) as many:
        services.report_generate(report=report, actor=world.analyst)
    assert report.figures.count() > 0
    assert len(many) == len(few), "\n".join(q["sql"] for q in many.captured_queries)
