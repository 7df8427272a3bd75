"""Reminders before and after the deadline reach the leaders of groups that have not submitted, once
each however often the command runs; a round's PDF and Excel open and carry the lights as text."""

from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from samverka.platform.core.pdf import page_texts, render_document
from samverka.platform.notifications.models import OutboxMessage
from samverka.steering.statusreports import services
from samverka.steering.statusreports.exports import PDF_TEMPLATE, pdf_context, round_pdf, round_xlsx
from samverka.steering.statusreports.selectors import overview
from samverka.steering.statusreports.tests.helpers import fill, open_round, world
from samverka.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(space, make_role_user):
    return world(space, make_role_user)


def run(day):
    out = StringIO()
    call_command("send_status_reminders", date=day.isoformat(), base_url="https://samverka.test", stdout=out)
    return out.getvalue()


def test_reminders_before_and_after_the_deadline_are_sent_once(w):
    today = timezone.localdate()
    status_round = open_round(w["space"], opens_on=today, days=20)
    syv_report = status_round.reports.get(work_plan=w["syv_plan"])
    fill(syv_report)
    services.report_submit(actor=w["other_leader"], report=syv_report)

    assert run(today) == "0 reminders queued\n"  # three weeks before: nothing yet
    week_before = status_round.deadline - timedelta(days=7)
    assert run(week_before) == "1 reminders queued\n"
    assert run(week_before) == "0 reminders queued\n"  # idempotent
    assert run(week_before + timedelta(days=1)) == "0 reminders queued\n"
    message = OutboxMessage.objects.get()
    assert message.to == "processledare@example.se"
    assert "Arbetsgrupp STEM" in message.subject
    assert "https://samverka.test/" in message.body
    stem_report = status_round.reports.get(work_plan=w["stem_plan"])
    assert f"/reports/{stem_report.pk}/edit/" in message.body

    after = status_round.deadline + timedelta(days=1)
    assert run(after) == "1 reminders queued\n"
    assert run(after) == "0 reminders queued\n"
    assert run(after + timedelta(days=3)) == "0 reminders queued\n"
    assert OutboxMessage.objects.count() == 2
    overdue = OutboxMessage.objects.exclude(pk=message.pk).get()
    assert overdue.to == "processledare@example.se"
    assert "Arbetsgrupp STEM" in overdue.subject and overdue.subject != message.subject


@pytest.mark.parametrize("bad", ["2026-13-01", "igår"])
def test_a_bad_date_is_refused(bad):
    with pytest.raises(CommandError):
        call_command("send_status_reminders", date=bad, stdout=StringIO())


def test_no_reminders_for_submitted_reports_or_closed_rounds(w):
    status_round = open_round(w["space"], days=3)
    for report in status_round.reports.all():
        fill(report)
    report = status_round.reports.get(work_plan=w["stem_plan"])
    services.report_submit(actor=w["leader"], report=report)
    services.round_close(actor=None, status_round=status_round)
    assert run(status_round.deadline) == "0 reminders queued\n"
    assert run(status_round.deadline + timedelta(days=2)) == "0 reminders queued\n"
    assert not OutboxMessage.objects.exists()


def test_a_leader_without_an_address_is_skipped_and_every_leader_reminded(w):
    second = factories.make_contact(name="Karin Kontakt", email="karin@example.se")
    factories.make_membership(body=w["stem"], contact=second, role="chair")
    factories.make_membership(
        body=w["stem"], contact=factories.make_contact(name="Utan Adress", email=""), role="secretary"
    )
    factories.make_membership(body=w["stem"], contact=factories.make_contact(email="vanlig@example.se"), role="member")
    status_round = open_round(w["space"], days=5)
    run(status_round.deadline)
    addresses = set(OutboxMessage.objects.values_list("to", flat=True))
    assert addresses == {"processledare@example.se", "karin@example.se", "syv@example.se"}


def test_the_round_exports_open_and_show_the_lights(w):
    first = open_round(w["space"], "Hösten 2026", opens_on=timezone.localdate() - timedelta(days=100))
    fill(first.reports.get(work_plan=w["stem_plan"]), "yellow")
    status_round = open_round(w["space"])
    report = status_round.reports.get(work_plan=w["stem_plan"])
    fill(report, "green", "red", comment="Klart i tid")
    services.feedback_give(actor=w["steering_member"], report=report, text="Bra, men se över resultatet.")
    data = overview(status_round)

    pdf = round_pdf(data)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    text = " ".join(page_texts(render_document(PDF_TEMPLATE, pdf_context(data))))
    for expected in ("Arbetsgrupp STEM", "Green", "Red", "Not assessed", "Was yellow, now green", "Bra, men se"):
        assert expected in text

    book = load_workbook(BytesIO(round_xlsx(data)))
    sheet = book.worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=3)]
    stem = [r for r in rows if r[0] == "Arbetsgrupp STEM"]
    assert [r[4] for r in stem] == ["Green", "Green"]
    assert [r[8] for r in stem] == ["Red", "Red"]
    assert stem[0][5] == "Was yellow, now green"
    assert stem[0][6] == "Klart i tid"
    assert sheet.cell(row=3, column=5).fill.fgColor.rgb.endswith("B7E1A1")
    syv = [r for r in rows if r[0] == "Arbetsgrupp SYV"]
    assert {r[4] for r in syv} == {"Not assessed"}
    assert book["Feedback"]["B2"].value == "Bra, men se över resultatet."
