"""Minutes, decision and action item pages: the secretary's workflow, publication, bad input, PDF."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.models import ActionItem, Attendance, Decision, Minutes, MinutesVersion
from samverka.collaboration.meetings.tests.follow_up_helpers import items, make_world

pytestmark = pytest.mark.django_db


def url(world, name, **extra):
    return reverse(f"meetings:{name}", kwargs={"space": world.space.slug, "pk": world.meeting.pk, **extra})


def write_and_approve(world, text="Protokollstext"):
    item = items(world.meeting)[1]
    services.minutes_save(actor=None, meeting=world.meeting, texts={item.pk: text})
    services.minutes_approve(actor=world.chair, meeting=world.meeting)
    services.minutes_approve(actor=world.adjuster, meeting=world.meeting)


def test_secretary_writes_minutes_attendance_decision_and_action(space, client):
    world = make_world(space)
    client.force_login(world.secretary)
    page = client.get(url(world, "minutes-edit"))
    assert page.status_code == 200
    follow, report, budget = items(world.meeting)
    response = client.post(url(world, "minutes-edit"), {f"item_{report.pk}": "Läget är gott.", f"item_{budget.pk}": ""})
    assert response.status_code == 302
    assert Minutes.objects.get().text == "<p>Läget är gott.</p>"

    form = client.get(url(world, "minutes-attendance")).context["form"]
    data = {f"status_{i}": "present" for i in range(len(form.people))}
    data["status_0"] = "substitute"
    data["substitute_0"] = "Vikarie Viktor"
    data["others"] = "Gäst Gunnar"
    assert client.post(url(world, "minutes-attendance"), data).status_code == 302
    assert Attendance.objects.filter(name="Vikarie Viktor", present=True).exists()
    assert Attendance.objects.filter(name="Gäst Gunnar", present=True).exists()

    response = client.post(
        url(world, "decision-create"),
        {
            "agenda_item": budget.pk,
            "text": "Budgeten fastställs.",
            "responsible_contact": world.chair.contact.pk,
            "due_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    decision = Decision.objects.get()
    assert decision.label.endswith(":1")
    response = client.post(
        url(world, "action-create"),
        {"title": "Skicka budgeten", "owner_contact": world.adjuster.contact.pk, "decision": decision.pk},
    )
    assert response.status_code == 302
    assert ActionItem.objects.get().decision == decision
    detail = client.get(url(world, "minutes-detail"))
    assert "§ 3 Budget 2027" in detail.content.decode()
    assert decision.label in detail.content.decode()


def test_bad_input_gives_messages_not_errors(space, client):
    world = make_world(space)
    client.force_login(world.secretary)
    response = client.post(url(world, "decision-create"), {"text": "", "due_date": "31/31/2026", "agenda_item": "x"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"text", "due_date", "agenda_item"}
    response = client.post(url(world, "minutes-attendance"), {"status_0": "substitute", "substitute_0": ""})
    assert response.status_code == 200
    assert not Attendance.objects.exists()
    response = client.post(url(world, "minutes-correct"), {"reason": "Fel"})
    assert response.status_code == 200  # nothing approved to correct
    assert response.context["form"].non_field_errors()
    assert client.get(url(world, "minutes-detail") + "?version=abc").status_code == 404
    assert client.get(url(world, "minutes-detail") + "?version=9").status_code == 404
    assert not Decision.objects.exists() and not MinutesVersion.objects.exists()


def test_edit_page_after_lock_refuses_and_offers_correction(space, client):
    world = make_world(space)
    write_and_approve(world)
    client.force_login(world.secretary)
    page = client.get(url(world, "minutes-edit")).content.decode()
    assert "approved and locked" in page or "godkänd och låst" in page or url(world, "minutes-correct") in page
    item = items(world.meeting)[1]
    response = client.post(url(world, "minutes-edit"), {f"item_{item.pk}": "Ändrat"})
    assert response.status_code == 200
    assert Minutes.objects.get().text == "<p>Protokollstext</p>"
    assert client.post(url(world, "minutes-correct"), {"reason": "Stavfel"}).status_code == 302
    assert MinutesVersion.objects.filter(number=2, reason="Stavfel").exists()


def test_public_minutes_shown_anonymously_only_when_approved_and_public(space, client):
    public = make_world(space, public=True)
    private = make_world(space, public=False)
    item = items(public.meeting)[1]
    services.minutes_save(actor=None, meeting=public.meeting, texts={item.pk: "Hemlig utkasttext"})
    listing = reverse("meetings:minutes-public-list", kwargs={"space": space.slug})
    assert client.get(url(public, "minutes-detail")).status_code == 404
    assert public.meeting.title not in client.get(listing).content.decode()

    services.minutes_approve(actor=public.chair, meeting=public.meeting)
    services.minutes_approve(actor=public.adjuster, meeting=public.meeting)
    write_and_approve(private, "Intern text")
    response = client.get(url(public, "minutes-detail"))
    assert response.status_code == 200
    assert "Hemlig utkasttext" in response.content.decode()
    assert url(public, "minutes-detail") in client.get(listing).content.decode()
    assert client.get(url(private, "minutes-detail")).status_code == 404
    assert url(private, "minutes-detail") not in client.get(listing).content.decode()
    assert client.get(url(public, "minutes-pdf")).status_code == 200

    # a correction in progress is not shown to the public: only the approved version
    services.minutes_correct(actor=None, meeting=public.meeting, reason="Rättelse")
    services.minutes_save(actor=None, meeting=public.meeting, texts={item.pk: "Utkast till rättelse"})
    page = client.get(url(public, "minutes-detail")).content.decode()
    assert "Hemlig utkasttext" in page and "Utkast till rättelse" not in page
    assert client.get(url(public, "minutes-detail") + "?version=2").status_code == 404


def test_minutes_pdf_has_paragraphs_decisions_and_signatures(space, client, monkeypatch):
    from samverka.platform.core import pdf

    drawn = []
    original = pdf.render_to_string

    def capture(*args, **kwargs):
        html = original(*args, **kwargs)
        drawn.append(html)
        return html

    monkeypatch.setattr(pdf, "render_to_string", capture)
    world = make_world(space)
    item = items(world.meeting)[2]
    services.minutes_save(actor=None, meeting=world.meeting, texts={item.pk: "Diskussion om budgeten."})
    decision = services.decision_create(
        actor=None, meeting=world.meeting, agenda_item=item, text="Budgeten fastställs."
    )
    services.attendance_record(
        actor=None, meeting=world.meeting, entries=[services.AttendanceEntry(name="Närvarande Nils")]
    )
    write_and_approve(world, "Läget")
    client.force_login(world.secretary)
    response = client.get(url(world, "minutes-pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    html = drawn[-1]
    approved_on = timezone.localdate().isoformat()
    for expected in ("§ 3", "Budget 2027", decision.label, "Närvarande Nils", "Anna Ordförande", "Bo Justerare"):
        assert expected in html, expected
    assert html.count(approved_on) >= 2  # both signatures dated


def test_the_edit_page_gives_back_what_was_typed(space, client):
    world = make_world(space)
    item = items(world.meeting)[1]
    client.force_login(world.secretary)
    typed = "Första stycket.\n\nAndra stycket, rad ett\nrad två & 3 < 5"
    client.post(url(world, "minutes-edit"), {f"item_{item.pk}": typed})
    form = client.get(url(world, "minutes-edit")).context["form"]
    again = form.fields[f"item_{item.pk}"].initial
    client.post(url(world, "minutes-edit"), {f"item_{item.pk}": again})
    first = Minutes.objects.get().text
    assert "<p>Första stycket.</p>" in first
    assert form.fields[f"item_{item.pk}"].initial == again
    assert Minutes.objects.get().text == first
