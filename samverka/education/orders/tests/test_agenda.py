"""The orders on the forum's annual wheel: Q4 lists new and open orders, Q3 the outcomes of delivered ones with the
cohort figures (small ones masked) and the analysis block with its responsible and due date."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from samverka.collaboration.bodies.models import BodyKind, BodyRole
from samverka.collaboration.meetings.models import AgendaItem, Meeting, MeetingStatus
from samverka.collaboration.wheels.services import wheel_adopt
from samverka.education.catalogue.tests.factories import make_education, make_offering
from samverka.education.cohorts import services as cohort_services
from samverka.education.orders import services
from samverka.education.orders.models import OrderAgendaItem
from samverka.education.orders.services_agenda import agenda_sync, sync_order_agendas
from samverka.education.orders.tests.helpers import make_order
from samverka.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(space):
    body = factories.make_body(space=space, name="Branschforum Vård och omsorg", kind=BodyKind.INDUSTRY_FORUM)
    chair = factories.make_contact(name="Karin Lind")
    factories.make_membership(body=body, contact=chair, role=BodyRole.CHAIR)
    wheel_adopt(actor=None, body=body, template_key="industry_forum", year=timezone.localdate().year + 1)
    return body


def _meeting(forum, key):
    return Meeting.objects.filter(body=forum, wheel_links__slot__key=key).order_by("start").first()


def _delivering_order(space, forum, offering):
    workshop = factories.make_body(space=space, name="Lokal kompetensverkstad", kind=BodyKind.LOCAL_COMPETENCE_WORKSHOP)
    order = make_order(space, forum, addressees=(workshop,), title="Undersköterskor", offerings=[offering])
    for step in ("sent", "received", "under_assessment"):
        order = services.order_transition(actor=None, order=order, to_status=step)
    services.addressee_decide(
        actor=None, addressee=order.addressees.get(), decision="accepted", reason="", reference="LKV 1"
    )
    for step in ("decided", "in_delivery"):
        order = services.order_transition(actor=None, order=order, to_status=step)
    return order


def test_q4_lists_the_forums_open_orders_and_a_second_sync_updates_the_same_item(space, forum):
    open_order = services.order_set_published(
        actor=None, order=make_order(space, forum, title="Fler platser i vård"), published=True
    )
    meeting = _meeting(forum, "q4")
    before = AgendaItem.objects.filter(meeting=meeting).count()

    link = agenda_sync(actor=None, meeting=meeting)

    assert link is not None and link.kind == "q4"
    item = link.agenda_item
    assert item.title == "Utbildningsbeställningar: nya och öppna" and item.kind == "decision"
    assert "Fler platser i vård" in item.description and open_order.get_public_url() in item.description
    make_order(space, forum, title="Svetsare")  # not published: the agenda is public, so it is only counted
    again = agenda_sync(actor=None, meeting=meeting)
    assert again.pk == link.pk and again.agenda_item_id == item.pk
    assert AgendaItem.objects.filter(meeting=meeting).count() == before + 1
    text = AgendaItem.objects.get(pk=item.pk).description
    assert "Svetsare" not in text and "1 beställning till är inte publicerad" in text
    assert set(again.orders.values_list("title", flat=True)) == {"Fler platser i vård", "Svetsare"}


def test_q3_shows_the_outcomes_masked_and_names_who_analyses_by_when(space, forum):
    offering = make_offering(space=space, education=make_education(space=space, title="Undersköterska"))
    order = services.order_set_published(actor=None, order=_delivering_order(space, forum, offering), published=True)
    cohort_services.cohort_create(
        space=space,
        actor=None,
        data=cohort_services.CohortData(
            offering=offering, start_year=2025, term="HT", applicants=40, admitted=30, started=28,
            completed_with_degree=19, completed_without_degree=3, dropped_out=4,
        ),
    )  # fmt: skip
    small = make_offering(space=space, education=make_education(space=space, title="Vårdbiträde"))
    services.order_update(actor=None, order=order, data=services.OrderData(offerings=[offering, small]))
    cohort_services.cohort_create(
        space=space,
        actor=None,
        data=cohort_services.CohortData(offering=small, start_year=2025, term="HT", started=3),
    )
    meeting = _meeting(forum, "q3")

    link = agenda_sync(actor=None, meeting=meeting)

    text = link.agenda_item.description
    assert link.agenda_item.title == "Utfall av tidigare utbildningsbeställningar och kohortdata"
    assert "startade 28, fullföljda 22" in text
    assert "startade &lt;5" in text  # 3 started: masked before it reaches the agenda
    assert "Ansvarig: Karin Lind" in text and link.agenda_item.presenter == "Karin Lind"
    assert link.analysis_due == timezone.localtime(meeting.start).date() - timedelta(days=14)
    assert list(link.orders.all()) == [order]


def test_a_meeting_open_to_visitors_names_no_unpublished_order(space, forum, client):
    _delivering_order(space, forum, make_offering(space=space, education=make_education(space=space, title="X")))
    for key in ("q3", "q4"):
        link = agenda_sync(actor=None, meeting=_meeting(forum, key))
        assert "Undersköterskor" not in link.agenda_item.description
        assert "inte publicerad" in link.agenda_item.description
        page = client.get(link.meeting.get_absolute_url())
        assert "Undersköterskor" not in page.text


def test_other_meetings_and_closed_agendas_are_left_alone(space, forum):
    make_order(space, forum)
    q1 = _meeting(forum, "q1")
    assert agenda_sync(actor=None, meeting=q1) is None
    q4 = _meeting(forum, "q4")
    Meeting.objects.filter(pk=q4.pk).update(status=MeetingStatus.CANCELLED)
    q4.refresh_from_db()
    assert agenda_sync(actor=None, meeting=q4) is None
    assert not OrderAgendaItem.objects.exists()


def test_the_daily_sync_covers_the_coming_q3_and_q4_meetings(space, forum):
    make_order(space, forum)
    q3, q4 = _meeting(forum, "q3"), _meeting(forum, "q4")
    day = timezone.localtime(q3.start).date() - timedelta(days=1)

    assert sync_order_agendas(day, horizon=timedelta(days=365)) == 2
    assert set(OrderAgendaItem.objects.values_list("meeting_id", flat=True)) == {q3.pk, q4.pk}
    call_command("sync_order_agendas", "--date", day.isoformat())
    assert OrderAgendaItem.objects.count() == 2  # safe to run twice


def test_the_order_page_links_the_meetings_that_list_it(space, forum, client, make_role_user):
    order = make_order(space, forum, title="Fler platser i vård")
    link = agenda_sync(actor=None, meeting=_meeting(forum, "q4"))
    client.force_login(make_role_user(space, "member"))

    page = client.get(order.get_absolute_url())

    assert page.status_code == 200
    assert "På forumets dagordning" in page.text and link.meeting.get_absolute_url() in page.text
