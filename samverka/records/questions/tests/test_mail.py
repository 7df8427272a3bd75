"""Notifications and reminders reach the bodies' leaders over real SMTP, once."""

import pytest
from django.core.management import call_command

from samverka.platform.notifications.services import send_pending
from samverka.records.questions import services
from samverka.records.questions.tests.helpers import ask, backdate, chain, seat
from samverka.testing.factories import make_user

pytestmark = pytest.mark.django_db


def test_raise_answer_and_overdue_reminder_are_delivered_over_smtp(space, smtp_server):
    bodies = chain(space)
    asker = make_user(email="ordforande.programrad@example.se", role_in=space, role="member")
    seat(asker, bodies["council"])
    receiver = make_user(email="processledare.forum@example.se", role_in=space, role="member")
    seat(receiver, bodies["forum"], role="process_leader")
    seat(make_user(email="ledamot.forum@example.se", role_in=space, role="member"), bodies["forum"], role="member")

    question = ask(bodies["council"], bodies["forum"], actor=asker, title="Platser i svetsteknik")
    send_pending()
    assert [(m["To"], "Platser i svetsteknik" in m["Subject"]) for m in smtp_server.messages] == [
        ("processledare.forum@example.se", True)
    ]

    backdate(question, due=-2)
    call_command("send_question_reminders")
    call_command("send_question_reminders")  # idempotent
    send_pending()
    assert len(smtp_server.messages) == 2
    reminder = smtp_server.messages[1]
    assert reminder["To"] == "processledare.forum@example.se" and reminder["Subject"].startswith("Overdue")

    services.question_answer(actor=receiver, question=question, answer="Forumet stödjer en utökning.")
    send_pending()
    answer = smtp_server.messages[2]
    assert answer["To"] == "ordforande.programrad@example.se"
    assert "Forumet stödjer en utökning." in answer.get_content()
    assert len(smtp_server.messages) == 3
