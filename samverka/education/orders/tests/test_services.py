"""Orders through the services: the chain one step at a time, line decisions by the addressee's leaders, the
CSV upload all or nothing, and overdue orders escalated by e-mail."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from samverka.collaboration.bodies.models import Body, BodyKind
from samverka.education.orders import services
from samverka.education.orders.models import EducationOrder, OrderEvent, OrderStatus
from samverka.education.orders.tests.helpers import chain, in_days, make_order, seat, sent_order
from samverka.platform.notifications.services import send_pending
from samverka.records.questions.models import QuestionKind
from samverka.records.questions.tests.helpers import ask
from samverka.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(space):
    found = chain(space)
    found["workshop2"] = factories.make_body(
        space=space,
        name="Kompetensverkstad Katrineholm",
        kind=BodyKind.LOCAL_COMPETENCE_WORKSHOP,
        parent=found["forum"],
    )
    return found


def test_an_order_moves_one_step_at_a_time_and_logs_each(space, bodies):
    order = make_order(space, bodies["council"], addressees=(bodies["workshop"],))
    assert order.status == OrderStatus.DRAFT and order.is_published is False
    services.order_transition(actor=None, order=order, to_status="sent")
    assert order.sent_on == timezone.localdate() and order.due_on == in_days(14)
    with pytest.raises(ValidationError) as refused:
        services.order_transition(actor=None, order=order, to_status="decided")
    assert "the next step is received" in str(refused.value)
    order.refresh_from_db()
    assert order.status == OrderStatus.SENT
    services.order_transition(actor=None, order=order, to_status="received", due_on=in_days(5), note="Mottagen")
    assert order.due_on == in_days(5)
    assert [(e.from_status, e.to_status) for e in OrderEvent.objects.filter(order=order)] == [
        ("", "draft"),
        ("draft", "sent"),
        ("sent", "received"),
    ]


def test_sending_needs_an_addressee_and_deciding_needs_every_decision(space, bodies):
    order = make_order(space, bodies["council"])
    with pytest.raises(ValidationError, match="at least one addressee"):
        services.order_transition(actor=None, order=order, to_status="sent")
    services.addressee_add(actor=None, order=order, body=bodies["workshop"])
    for step in ("sent", "received", "under_assessment"):
        services.order_transition(actor=None, order=order, to_status=step)
    with pytest.raises(ValidationError, match="Every addressee"):
        services.order_transition(actor=None, order=order, to_status="decided")
    services.addressee_decide(actor=None, addressee=order.addressees.get(), decision="accepted")
    services.order_transition(actor=None, order=order, to_status="decided")
    with pytest.raises(ValidationError, match="Link the offering"):
        services.order_transition(actor=None, order=order, to_status="in_delivery")


def test_a_line_decision_is_for_the_addressees_leaders_and_needs_a_reason_to_reject(space, bodies, make_role_user):
    order = sent_order(space, bodies["council"], (bodies["workshop"], bodies["workshop2"]))
    first, second = order.addressees.all()
    leader = make_role_user(space, "member", full_name="Lina Ledare")
    seat(leader, bodies["workshop"])
    with pytest.raises(PermissionDenied, match="Only the leaders of Kompetensverkstad Katrineholm"):
        services.addressee_decide(actor=leader, addressee=second, decision="accepted")
    with pytest.raises(ValidationError, match="Give the reason"):
        services.addressee_decide(actor=leader, addressee=first, decision="rejected", reason="  ")
    first.refresh_from_db()
    assert first.decision == "" and first.decided_at is None
    services.addressee_decide(
        actor=leader, addressee=first, decision="partly", reason="Bara 10 platser", reference="KS 2026/12"
    )
    first.refresh_from_db()
    assert (first.decision, first.decided_by, first.decision_reference) == ("partly", leader, "KS 2026/12")
    secretariat = make_role_user(space, "secretariat")
    services.addressee_decide(actor=secretariat, addressee=second, decision="accepted")


def test_a_member_without_a_role_cannot_create_or_move_an_order(space, bodies, make_role_user):
    member = make_role_user(space, "member")
    with pytest.raises(PermissionDenied):
        services.order_create(
            actor=member,
            space=space,
            data=services.OrderData(title="X", origin_body=bodies["council"], order_type="new"),
        )
    order = make_order(space, bodies["council"], addressees=(bodies["workshop"],))
    with pytest.raises(PermissionDenied):
        services.order_transition(actor=member, order=order, to_status="sent")
    assert EducationOrder.objects.get().status == "draft"
    seat(member, bodies["council"])
    with pytest.raises(PermissionDenied):  # leads the council, but not the forum it would hand the order to
        services.order_update(actor=member, order=order, data=services.OrderData(origin_body=bodies["forum"]))
    services.order_update(actor=member, order=order, data=services.OrderData(priority=3))
    order.refresh_from_db()
    assert (order.origin_body, order.priority) == (bodies["council"], 3)


def test_bad_input_is_refused_with_its_message(space, other_space, bodies):
    foreign = factories.make_body(space=other_space, name="Annat forum")
    with pytest.raises(ValidationError) as refused:
        services.order_create(
            actor=None,
            space=space,
            data=services.OrderData(
                title=" ", origin_body=foreign, order_type="x", forms=["abc"], start_year=2027, end_year=2026
            ),
        )
    assert set(refused.value.message_dict) == {"title", "origin_body", "order_type", "forms", "end_year"}
    assert not EducationOrder.objects.exists()
    order = make_order(space, bodies["council"])
    with pytest.raises(ValidationError, match="not an SSYK"):
        services.occupation_set(actor=None, order=order, ssyk_code="9999", year=2026, volume=10)


def test_an_education_order_message_grows_into_a_tracked_order(space, bodies):
    question = ask(bodies["forum"], bodies["workshop"], kind=QuestionKind.EDUCATION_ORDER, title="Fler svetsare")
    order = services.order_track_question(actor=None, question=question)
    assert (order.status, order.title, order.origin_body) == ("sent", "Fler svetsare", bodies["forum"])
    assert [a.body for a in order.addressees.all()] == [bodies["workshop"]]
    assert services.order_track_question(actor=None, question=question) == order


def test_csv_round_trip_advances_statuses(space, bodies, make_role_user):
    admin = make_role_user(space, "admin")
    first = sent_order(space, bodies["council"], (bodies["workshop"],), title="Första")
    second = sent_order(space, bodies["council"], (bodies["workshop"],), title="Andra")
    text = services.orders_csv([first, second]).decode("utf-8")
    assert text.startswith("\ufeffid;title;status;due_on")
    edited = text.replace(f"{first.pk};Första;sent;", f"{first.pk};Första;received;").replace(
        f"{second.pk};Andra;sent;{second.due_on.isoformat()}", f"{second.pk};Andra;sent;{in_days(40).isoformat()}"
    )
    assert services.orders_bulk_update(actor=admin, space=space, text=edited) == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "received" and second.due_on == in_days(40)


def test_one_bad_csv_row_saves_nothing_and_every_error_is_listed(space, bodies, make_role_user):
    admin = make_role_user(space, "admin")
    good = sent_order(space, bodies["council"], (bodies["workshop"],), title="Bra")
    skip = sent_order(space, bodies["council"], (bodies["workshop"],), title="Hopp")
    text = (
        "id,title,status,due_on\n"
        f"{good.pk},Bra,received,\n"
        f"{skip.pk},Hopp,decided,\n"
        "99999,Okänd,received,\n"
        f"{good.pk},Bra,sent,31-12-2026\n"
    )
    with pytest.raises(ValidationError) as refused:
        services.orders_bulk_update(actor=admin, space=space, text=text)
    messages = refused.value.messages
    assert [m.split(":")[0] for m in messages] == ["Row 3", "Row 4", "Row 5"]
    assert "next step is received" in messages[0] and "99999" in messages[1] and "not a date" in messages[2]
    good.refresh_from_db()
    assert good.status == "sent"
    assert not OrderEvent.objects.filter(to_status="received").exists()


def test_an_overdue_order_is_escalated_by_email_once(space, bodies, make_role_user, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    order = sent_order(space, bodies["council"], (bodies["workshop"],))
    seat(make_role_user(space, "member", email="ordf.programrad@example.se"), bodies["council"])
    seat(make_role_user(space, "member", email="ordf.forum@example.se"), bodies["forum"])
    EducationOrder.objects.filter(pk=order.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    call_command("send_order_reminders")
    call_command("send_order_reminders")
    send_pending()
    assert sorted(m.to[0] for m in mail.outbox) == ["ordf.forum@example.se", "ordf.programrad@example.se"]
    assert "Overdue education order" in mail.outbox[0].subject
    order.refresh_from_db()
    assert order.escalated_at is not None and order.escalated_to == bodies["forum"]
    services.order_transition(actor=None, order=order, to_status="received")
    assert order.escalated_at is None
    assert Body.objects.filter(pk=bodies["forum"].pk).exists()


def test_an_overdue_order_of_a_body_without_a_parent_escalates_to_the_secretariat(
    space, bodies, make_role_user, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    make_role_user(space, "secretariat", email="sekretariat@example.se")
    order = sent_order(space, bodies["forum"], (bodies["workshop"],))
    EducationOrder.objects.filter(pk=order.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    assert services.send_order_reminders(timezone.localdate()) == 1
    send_pending()
    assert [m.to[0] for m in mail.outbox] == ["sekretariat@example.se"]
    order.refresh_from_db()
    assert order.escalated_at is not None and order.escalated_to is None
