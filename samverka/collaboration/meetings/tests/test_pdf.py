"""The invitation and the agenda as PDF: a real PDF in a Swedish layout."""

import re
from datetime import datetime, timedelta

import pytest
from django.urls import reverse

from samverka.collaboration.meetings import selectors, services
from samverka.collaboration.meetings.tests.helpers import make_meeting
from samverka.collaboration.meetings.views.meetings import pdf_context
from samverka.platform.core.ics import STOCKHOLM
from samverka.platform.core.pdf import page_texts, render_document
from samverka.testing.factories import make_body, make_user

pytestmark = pytest.mark.django_db


def test_the_agenda_has_the_swedish_layout_numbered_items_and_page_numbers(space):
    body = make_body(space=space, name="Branschforum Vård")
    start = datetime(2026, 2, 3, 13, 0, tzinfo=STOCKHOLM)
    meeting = make_meeting(body, title="Februarimötet", start=start, end=start + timedelta(hours=2))
    for i in range(40):  # enough to need a second page
        services.agenda_item_add(actor=None, meeting=meeting, title=f"Punkt nummer {i}", description="Text " * 40)
    admin = make_user(is_superuser=True)
    meeting = selectors.meeting_detail(meeting.pk, admin)
    pages = page_texts(render_document("meetings/pdf/agenda.html", pdf_context(meeting, admin)))
    assert len(pages) >= 2
    first = pages[0]
    assert "Tuesday 3 February 2026 at 13.00–15.00" in first
    assert re.search(r"§ 1 +Follow-up of decisions and action items", first)
    assert re.search(r"§ 2 +Punkt nummer 0", first)
    assert "Branschforum Vård" in first and space.name in first
    assert f"Page 1 of {len(pages)}" in first and f"Page 2 of {len(pages)}" in pages[1]


@pytest.mark.parametrize("name", ["invitation-pdf", "agenda-pdf"])
def test_invitation_and_agenda_are_real_pdfs(client, space, name):
    body = make_body(space=space, name="Branschforum Vård")
    meeting = make_meeting(body, title="Marsmötet")
    services.agenda_item_add(
        actor=None, meeting=meeting, title="Utbildningsutfall", kind="decision", duration_minutes=30
    )
    client.force_login(make_user(role_in=space, role="member"))
    response = client.get(reverse(f"meetings:{name}", kwargs={"space": space.slug, "pk": meeting.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert ".pdf" in response["Content-Disposition"]
    data = response.content
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF") and len(data) > 2000


def test_a_pdf_of_a_hidden_meeting_answers_404(client, space, other_space):
    body = make_body(space=space, is_public=False)
    meeting = make_meeting(body)
    client.force_login(make_user(role_in=other_space, role="secretariat"))
    response = client.get(reverse("meetings:agenda-pdf", kwargs={"space": space.slug, "pk": meeting.pk}))
    assert response.status_code == 404
