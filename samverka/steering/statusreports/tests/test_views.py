"""The pages: the right people see rounds, reports and the overview (others get 403/404); the form
saves and submits, and tells in Swedish exactly what is missing; reopening, review, feedback and
corrections through the pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from samverka.steering.statusreports import services
from samverka.steering.statusreports.models import (
    EventKind,
    Feedback,
    ReportEvent,
    ReportState,
    RoundState,
    StatusRound,
)
from samverka.steering.statusreports.tests.helpers import fill, open_round, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(space, make_role_user):
    data = world(space, make_role_user)
    data["round"] = open_round(space)
    data["report"] = data["round"].reports.get(work_plan=data["stem_plan"])
    return data


def sv(msgid: str) -> str:
    """What a Swedish user reads for ``msgid`` (the catalogue is compiled centrally, so the tests read it
    through gettext rather than hard-coding the Swedish text)."""
    with translation.override("sv"):
        return gettext(msgid)


def url(name, w, **extra):
    status_round = w["round"]
    if name.startswith("report"):
        kwargs = {"space": w["space"].slug, "round": status_round.pk, "pk": w["report"].pk, **extra}
    elif name in ("round-list", "round-create"):
        kwargs = {"space": w["space"].slug}
    else:
        kwargs = {"space": w["space"].slug, "pk": status_round.pk}
    return reverse(f"statusreports:{name}", kwargs=kwargs)


def get(client, user, path):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(path)


@pytest.mark.parametrize(
    ("who", "status"),
    # A leader sees the round in the list (StatusRound.restrict) but not its overview: 403. A guest of the space
    # does not see the round at all: 404, as the API answers.
    [("secretariat", 200), ("member", 200), ("steering_member", 200), ("leader", 403), ("guest", 404)],
)
def test_the_steering_overview_is_for_insiders_and_the_steering_group(client, w, who, status):
    assert get(client, w[who], url("round-overview", w)).status_code == status
    assert get(client, w[who], url("round-detail", w)).status_code == status


def test_the_overview_is_not_found_for_anonymous(client, w):
    # Nobody anonymous sees a round (StatusRound.restrict): the page answers as the API does, 404.
    response = get(client, None, url("round-overview", w))
    assert response.status_code == 404
    if response.status_code == 302:
        assert "login" in response["Location"]


def test_the_overview_shows_lights_as_text_the_trend_the_feedback_and_filters_by_goal(client, w):
    earlier = open_round(w["space"], "Hösten 2026", opens_on=timezone.localdate() - timedelta(days=120))
    fill(earlier.reports.get(work_plan=w["stem_plan"]), "yellow")
    fill(w["report"], "green", "red", comment="Enligt plan")
    services.feedback_give(actor=w["steering_member"], report=w["report"], text="Styrgruppen ser risken.")
    response = get(client, w["steering_member"], url("round-overview", w))
    html = response.content.decode()
    for light in ("Green", "Red", "Not assessed"):
        assert f"{sv(light)}</span>" in html
    assert sv("Was %(before)s, now %(now)s") % {"before": sv("Yellow").lower(), "now": sv("Green").lower()} in html
    assert "Styrgruppen ser risken." in html and "Enligt plan" in html
    assert "Arbetsgrupp SYV aktivitet 1" in html
    first_goal = w["goals"][0]
    filtered = get(client, w["steering_member"], url("round-overview", w) + f"?goal={first_goal.pk}").content.decode()
    assert "Arbetsgrupp STEM aktivitet 1" in filtered  # activity 1 serves R1.1
    assert "Arbetsgrupp STEM aktivitet 2" not in filtered
    feedback_link = f'href="{url("report-feedback", w)}"'
    assert feedback_link in html
    assert feedback_link not in get(client, w["member"], url("round-overview", w)).content.decode()
    bad = get(client, w["steering_member"], url("round-overview", w) + "?goal=abc")
    assert bad.status_code == 200


@pytest.mark.parametrize("name", ["round-pdf", "round-xlsx"])
def test_exports_download_for_the_steering_group_only(client, w, name):
    response = get(client, w["steering_member"], url(name, w))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"] and "varen-2027" in response["Content-Disposition"]
    assert get(client, w["leader"], url(name, w)).status_code == 403


def test_a_leader_sees_and_fills_in_only_their_own_report(client, w):
    assert get(client, w["leader"], url("report-edit", w)).status_code == 200
    assert get(client, w["leader"], url("round-list", w)).status_code == 200
    other = w["round"].reports.get(work_plan=w["syv_plan"])
    other_url = reverse(
        "statusreports:report-detail", kwargs={"space": w["space"].slug, "round": w["round"].pk, "pk": other.pk}
    )
    assert get(client, w["leader"], other_url).status_code == 404
    assert get(client, w["steering_member"], url("report-edit", w)).status_code == 403
    assert get(client, w["guest"], url("report-detail", w)).status_code == 404
    assert get(client, w["outsider"], url("round-list", w)).status_code == 403


def test_submitting_with_missing_lights_lists_them_in_swedish_and_keeps_the_draft(client, w):
    first, second = w["stem_activities"]
    client.force_login(w["leader"])
    response = client.post(
        url("report-edit", w),
        {
            f"a{first.pk}_light": "green",
            f"a{first.pk}_result_light": "yellow",
            f"a{first.pk}_comment": "Startad",
            f"a{second.pk}_result_light": "red",
            "description": "<p>Läget är gott.</p>",
            "submit": "1",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    missing = sv("%(activity)s: no light for %(what)s")
    assert sv("The report cannot be submitted. Lights are missing for:") in html
    assert missing % {"activity": second.title, "what": sv("the activity")} in html
    assert missing % {"activity": first.title, "what": sv("the activity")} not in html
    assert missing % {"activity": first.title, "what": sv("the expected result")} not in html
    w["report"].refresh_from_db()
    assert w["report"].state == ReportState.DRAFT
    assert w["report"].statuses.get(activity=first).comment_activity == "Startad"  # the draft was kept
    assert "Läget är gott" in w["report"].description


def test_submit_reopen_and_review_through_the_pages(client, w):
    first, second = w["stem_activities"]
    client.force_login(w["leader"])
    data = {f"a{a.pk}_{f}": "green" for a in (first, second) for f in ("light", "result_light")}
    response = client.post(url("report-edit", w), {**data, "submit": "1"})
    assert response.status_code == 302
    w["report"].refresh_from_db()
    assert w["report"].state == ReportState.SUBMITTED
    # Editing after submission sends the leader back to the report with a note to reopen.
    response = client.get(url("report-edit", w), follow=True)
    assert sv("The report has been submitted. Reopen it to make changes.") in response.content.decode()
    response = client.post(url("report-reopen", w), {"reason": ""})
    assert response.status_code == 200 and "Det här fältet är obligatoriskt." in response.content.decode()
    client.post(url("report-reopen", w), {"reason": "Glömde en kommentar"})
    assert ReportEvent.objects.filter(kind=EventKind.REOPEN, reason="Glömde en kommentar").exists()
    client.post(url("report-edit", w), {**data, "submit": "1"})
    assert client.post(url("report-review", w)).status_code == 403
    client.force_login(w["secretariat"])
    client.post(url("report-review", w))
    w["report"].refresh_from_db()
    assert w["report"].state == ReportState.REVIEWED
    detail = client.get(url("report-detail", w)).content.decode()
    assert "Glömde en kommentar" in detail


def test_feedback_is_given_by_the_steering_group_and_seen_by_the_leader(client, w):
    client.force_login(w["steering_member"])
    response = client.post(url("report-feedback", w), {"text": "Bra arbete, håll tidsplanen."})
    assert response.status_code == 302
    assert Feedback.objects.get().by == w["steering_member"]
    assert "Bra arbete, håll tidsplanen." in get(client, w["leader"], url("report-detail", w)).content.decode()
    assert get(client, w["leader"], url("report-feedback", w)).status_code == 403


def test_open_close_approve_and_correct_through_the_pages(client, w):
    client.force_login(w["secretariat"])
    today = timezone.localdate()
    response = client.post(
        url("round-create", w),
        {"name": "Hösten 2027", "year": 2027, "opens_on": today.isoformat(), "deadline": (today - timedelta(1))},
    )
    assert (
        response.status_code == 200
        and sv("The deadline cannot be before the round opens.") in response.content.decode()
    )
    assert not StatusRound.objects.filter(name="Hösten 2027").exists()
    response = client.post(
        url("round-create", w),
        {"name": "Hösten 2027", "year": 2027, "opens_on": today.isoformat(), "deadline": today.isoformat()},
    )
    assert response.status_code == 302
    fill(w["report"], "yellow")
    client.post(url("round-close", w))
    client.post(url("round-approve", w))
    w["round"].refresh_from_db()
    assert w["round"].state == RoundState.APPROVED
    status = w["report"].statuses.first()
    correct = url("report-correct", w, status=status.pk)
    assert get(client, w["leader"], correct).status_code == 403
    client.force_login(w["secretariat"])
    response = client.post(
        correct, {"light_activity": "red", "light_result": "yellow", "comment_activity": "", "reason": "Rättelse"}
    )
    assert response.status_code == 302
    status.refresh_from_db()
    assert status.light_activity == "red"
    assert ReportEvent.objects.filter(kind=EventKind.CORRECTION, reason="Rättelse").exists()


def test_the_create_page_is_for_the_secretariat(client, w):
    assert get(client, w["secretariat"], url("round-create", w)).status_code == 200
    assert get(client, w["member"], url("round-create", w)).status_code == 403
    assert get(client, w["steering_member"], url("round-create", w)).status_code == 403
