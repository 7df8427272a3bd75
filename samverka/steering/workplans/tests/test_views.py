"""The work plan pages as people use them: who sees and who edits, Swedish errors, the documents."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from samverka.collaboration.bodies.models import BodyKind, ParticipationModel
from samverka.steering.workplans import services
from samverka.steering.workplans.models import WorkPlan, WorkPlanStatus
from samverka.steering.workplans.tests.helpers import YEAR, make_activity, make_plan, make_result_goal, seat
from samverka.testing.factories import make_body, make_contact, make_membership, make_organisation, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def body(space):
    return make_body(space=space, name="Arbetsgrupp STEM", is_public=False)


@pytest.fixture
def plan(body):
    return make_plan(body)


@pytest.fixture
def leader(space, body):
    """A member of the space who leads the body (like the demo's process leader)."""
    user = make_user(full_name="Petra Processledare", role_in=space, role="member")
    seat(user, body, role="process_leader")
    return user


def url(name, plan_or_body, **extra):
    if isinstance(plan_or_body, WorkPlan):
        body, kwargs = plan_or_body.body, {"pk": plan_or_body.pk, **extra}
    else:
        body, kwargs = plan_or_body, extra
    return reverse(f"workplans:{name}", kwargs={"space": body.space.slug, "body": body.pk, **kwargs})


def text(response):
    return response.content.decode()


def sv(message, **params):
    """``message`` as a page shows it: Swedish (as the Swedish catalogue has it), HTML-escaped like the template."""
    from django.utils.html import escape

    with translation.override("sv"):
        translated = gettext(message)
    return escape(translated % params if params else translated)


# --- who sees what --------------------------------------------------------------------------------


def test_insiders_see_a_private_bodys_plans_but_cannot_edit(client, space, plan, make_role_user):
    make_activity(plan, "Kartläggning av STEM")
    client.force_login(make_role_user(space, "member"))
    listing = client.get(url("plan-list", plan.body))
    assert listing.status_code == 200 and sv("Work plan %(year)s", year=YEAR) in text(listing)
    assert '<html lang="sv">' in text(listing)
    detail = client.get(url("plan-detail", plan))
    assert detail.status_code == 200 and "Kartläggning av STEM" in text(detail)
    assert url("activity-create", plan) not in text(detail)
    assert client.get(url("plan-update", plan)).status_code == 403
    assert client.get(url("activity-create", plan)).status_code == 403
    assert client.post(url("plan-copy", plan), {"year": YEAR + 1}).status_code == 403
    assert client.post(url("plan-adopt", plan)).status_code == 403
    assert WorkPlan.objects.get().status == WorkPlanStatus.DRAFT


def test_a_private_bodys_plans_are_hidden_from_outsiders(client, other_space, plan, make_role_user):
    assert client.get(url("plan-detail", plan)).status_code == 404  # anonymous: the body does not exist
    client.force_login(make_role_user(other_space, "secretariat"))
    for name in ("plan-list", "plan-create"):
        assert client.get(url(name, plan.body)).status_code == 404
    for name in ("plan-detail", "assignment", "final-report-pdf", "plan-close", "plan-copy"):
        assert client.get(url(name, plan)).status_code == 404


def test_the_public_sees_a_public_bodys_plan_and_is_sent_to_log_in_to_edit(client, space):
    plan = make_plan(make_body(space=space, name="Branschforum Vård", is_public=True))
    assert client.get(url("plan-detail", plan)).status_code == 200
    response = client.get(url("plan-update", plan))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- editing ---------------------------------------------------------------------------------------


def test_a_process_leader_creates_a_plan_and_gets_swedish_errors(client, body, leader):
    client.force_login(leader)
    response = client.post(url("plan-create", body), {"year": YEAR, "purpose": "Fler ingenjörer."})
    plan = WorkPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    again = client.post(url("plan-create", body), {"year": YEAR, "purpose": "Igen"})
    assert again.status_code == 200
    assert sv("%(body)s already has a work plan for %(year)s.", body="Arbetsgrupp STEM", year=YEAR) in text(again)
    assert WorkPlan.objects.count() == 1
    bad = client.post(url("plan-create", body), {"year": "1850", "purpose": "För tidigt"})
    assert bad.status_code == 200 and 'class="error-summary"' in text(bad)
    with translation.override("sv"):
        from django.core.validators import MinValueValidator

        expected = MinValueValidator(2000).message % {"limit_value": 2000}
    assert expected in text(bad) and WorkPlan.objects.count() == 1


def test_bad_dates_and_moves_are_answered_without_a_500(client, plan, leader):
    first, second = make_activity(plan, "Ett"), make_activity(plan, "Två")
    client.force_login(leader)
    response = client.post(url("activity-update", plan, activity=first.pk), {"title": "Ett", "starts": "2026-13-45"})
    assert response.status_code == 200 and 'class="error-summary"' in text(response)
    response = client.post(
        url("activity-update", plan, activity=first.pk),
        {"title": "Ett", "starts": f"{YEAR}-06-01", "ends": f"{YEAR}-05-01"},
    )
    assert sv("The activity cannot end before it starts.") in text(response)
    moved = client.post(url("activity-move", plan, activity=first.pk), {"direction": "sideways"}, follow=True)
    assert moved.status_code == 200 and sv("Unknown direction.") in text(moved)
    client.post(url("activity-move", plan, activity=second.pk), {"direction": "up"})
    assert list(plan.activities.order_by("position").values_list("title", flat=True)) == ["Två", "Ett"]
    first.refresh_from_db()
    assert first.starts is None


def test_adding_an_activity_with_goals_perspectives_and_a_responsible_member(client, space, body, plan, leader):
    goal = make_result_goal(space)
    member = make_membership(body=body, contact=make_contact(name="Anna Andersson")).contact
    client.force_login(leader)
    page = client.get(url("activity-create", plan))
    assert "R1 Resultatmål R1" in text(page) and "Anna Andersson" in text(page)
    data = {
        "title": "Kartläggning",
        "expected_result": "En lägesbild.",
        "responsible": "Skolverket",
        "responsible_contact": member.pk,
        "result_goals": [goal.pk],
        "gender_equality_relevant": "yes",
        "gender_equality_motivation": "Könsuppdelad statistik.",
        "environment_relevant": "no",
        "environment_motivation": "",
    }
    response = client.post(url("activity-create", plan), data)
    assert response.status_code == 200
    with translation.override("sv"):
        label = gettext("Environmental sustainability")
    assert 'class="error-summary"' in text(response)
    assert sv("Give the reason why %(perspective)s is not relevant.", perspective=label) in text(response)
    assert not plan.activities.exists()  # nothing saved: all or nothing
    data["environment_motivation"] = "Ett skrivbordsarbete."
    response = client.post(url("activity-create", plan), data)
    activity = plan.activities.get()
    assert response.status_code == 302
    assert (activity.title, activity.responsible_contact, list(activity.result_goals.all())) == (
        "Kartläggning",
        member,
        [goal],
    )
    assert {a.perspective: a.relevant for a in activity.perspectives.all()} == {
        "gender_equality": True,
        "environment": False,
    }


def test_editing_keeps_goal_links_the_editor_cannot_see(client, space, body, plan):
    outside_leader = make_user()  # leads the body but is not a member of the space: sees public goals only
    seat(outside_leader, body, role="process_leader")
    hidden = make_result_goal(space, code="R7")
    activity = make_activity(plan, "Kartläggning")
    services.activity_set_result_goals(activity=activity, actor=None, goals=[hidden])
    client.force_login(outside_leader)
    form = client.get(url("activity-update", plan, activity=activity.pk))
    assert form.status_code == 200 and "Resultatmål R7" not in text(form)
    data = {"title": "Kartläggning, reviderad"}
    for key in ("gender_equality", "accessibility", "non_discrimination", "environment"):
        data |= {f"{key}_relevant": "yes", f"{key}_motivation": "Beaktas."}
    assert client.post(url("activity-update", plan, activity=activity.pk), data).status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Kartläggning, reviderad" and list(activity.result_goals.all()) == [hidden]


def test_the_adopt_page_lists_what_is_missing_and_refuses(client, plan, leader):
    make_activity(plan, "Webbinarier", assessed=False)
    client.force_login(leader)
    with translation.override("sv"):
        labels = ", ".join(
            gettext(label)
            for label in ("Gender equality", "Accessibility", "Non-discrimination", "Environmental sustainability")
        )
    page = client.get(url("plan-adopt", plan))
    assert f"Webbinarier: {labels}" in text(page)
    response = client.post(url("plan-adopt", plan))
    assert response.status_code == 200
    assert sv("“%(activity)s” lacks: %(perspectives)s.", activity="Webbinarier", perspectives=labels) in text(response)
    assert WorkPlan.objects.get().status == WorkPlanStatus.DRAFT


def test_the_closing_routine_from_final_report_to_closed(client, plan, leader):
    activity = make_activity(plan, "Kartläggning")
    services.work_plan_adopt(plan=plan, actor=None)
    client.force_login(leader)
    checklist = client.get(url("plan-close", plan))
    assert "Kartläggning" in text(checklist) and sv("To do:") in text(checklist)
    refused = client.post(url("plan-close", plan))
    assert refused.status_code == 200 and 'class="error-summary"' in text(refused)
    assert sv("Describe what was done in “%(activity)s”.", activity="Kartläggning") in text(refused)
    client.post(
        url("final-report-update", plan),
        {
            "final_summary": "Allt genomfördes.",
            "final_results": "Lägesbilden finns.",
            "final_perspectives": "",
            "final_lessons": "",
        },
    )
    services.activity_update(
        activity=activity, actor=None, data=services.ActivityData(outcome="Publicerad i september.")
    )
    response = client.post(url("plan-close", plan))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == WorkPlanStatus.CLOSED and plan.closed_by == leader
    detail = client.get(url("plan-detail", plan))
    assert sv("This work plan is closed and can no longer be changed.") in text(detail)
    assert reverse("bodies:body-close", kwargs={"space": plan.body.space.slug, "pk": plan.body.pk}) in text(detail)
    assert url("activity-create", plan) not in text(detail)
    assert client.get(url("final-report-update", plan))["Location"] == url("final-report", plan)
    late = client.post(url("final-report-update", plan), {"final_summary": "Ändrat", "final_results": "x"})
    assert late.status_code == 200
    assert sv("The work plan is closed and can no longer be changed.") in text(late)
    assert WorkPlan.objects.get().final_summary == "Allt genomfördes."


# --- documents --------------------------------------------------------------------------------------


def test_a_projects_assignment_description_asks_the_regional_question(client, space, make_role_user):
    project = make_body(space=space, name="Projekt Validering", kind=BodyKind.PROJECT, is_public=False)
    make_membership(
        body=project,
        contact=make_contact(organisation=make_organisation(name="Region Sörmland")),
        participation_model=ParticipationModel.REFERENCE_GROUP,
    )
    responsible = make_membership(body=project, contact=make_contact(name="Anna Ansvarig")).contact
    plan = make_plan(project, regional_rationale="Sörmland bidrar med erfarenhet av validering.")
    make_activity(plan, "Behovsanalys", responsible_contact=responsible)
    client.force_login(make_role_user(space, "member"))
    page = text(client.get(url("assignment", plan)))
    assert sv("Assignment description") in page and "Region Sörmland" in page and sv("Reference group") in page
    assert "Anna Ansvarig" in page
    assert "Sörmland bidrar med erfarenhet av validering." in page and "Behovsanalys" in page
    pdf = client.get(url("assignment-pdf", plan))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and f"uppdragsbeskrivning-{YEAR}" in pdf["Content-Disposition"]
    final = client.get(url("final-report-pdf", plan))
    assert final.status_code == 200 and final.content.startswith(b"%PDF")


def test_the_perspective_report_for_insiders_only(client, space, plan, make_role_user):
    make_activity(plan, "Kartläggning")
    services.work_plan_adopt(plan=plan, actor=None)
    report_url = reverse("workplans:perspective-report", kwargs={"space": space.slug})
    assert client.get(report_url).status_code == 302
    client.force_login(make_role_user(space, "guest"))
    assert client.get(report_url).status_code == 403
    overview = reverse("spaces:detail", kwargs={"space": space.slug})
    assert report_url not in text(client.get(overview))  # the space menu offers it to insiders only
    client.force_login(make_role_user(space, "member"))
    assert report_url in text(client.get(overview))
    page = client.get(report_url, {"year": YEAR})
    assert page.status_code == 200 and "Kartläggning" in text(page) and "Ett skrivbordsarbete" in text(page)
    assert client.get(report_url, {"year": "inte ett år"}).status_code == 200
    pdf = client.get(reverse("workplans:perspective-report-pdf", kwargs={"space": space.slug}), {"year": YEAR})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    csv = client.get(reverse("workplans:perspective-report-csv", kwargs={"space": space.slug}), {"year": YEAR})
    rows = csv.content.decode("utf-8-sig").splitlines()
    expected = f"{sv('Gender equality')};{sv('Addressed')};Arbetsgrupp STEM;Kartläggning;Statistiken redovisas uppdelad på kön."
    assert csv["Content-Type"].startswith("text/csv") and expected in rows


def test_starting_next_years_plan_from_a_closed_one(client, plan, leader):
    make_activity(plan, "Kartläggning", outcome="Klar.")
    services.work_plan_adopt(plan=plan, actor=None)
    services.work_plan_update(
        plan=plan, actor=None, data=services.WorkPlanData(final_summary="Klart.", final_results="Nått.")
    )
    services.work_plan_close(plan=plan, actor=None)
    client.force_login(leader)
    assert url("plan-copy", plan) in text(client.get(url("plan-detail", plan)))
    page = client.get(url("plan-copy", plan))
    assert f'value="{YEAR + 1}"' in text(page)
    taken = client.post(url("plan-copy", plan), {"year": YEAR})
    assert sv("%(body)s already has a work plan for %(year)s.", body="Arbetsgrupp STEM", year=YEAR) in text(taken)
    response = client.post(url("plan-copy", plan), {"year": YEAR + 1})
    new = WorkPlan.objects.get(year=YEAR + 1)
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert list(new.activities.values_list("title", flat=True)) == ["Kartläggning"]
