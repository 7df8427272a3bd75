"""Meeting pages: a body's calendar, the meeting page, create, edit, cancel, PDFs."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.meetings import selectors, services
from samverka.collaboration.meetings.forms import MeetingCancelForm, MeetingForm
from samverka.collaboration.meetings.models import Meeting, MeetingStage, MeetingStatus
from samverka.collaboration.meetings.selectors_follow_up import follow_up_for_meeting, meeting_page_follow_up
from samverka.collaboration.meetings.services.lifecycle import format_when
from samverka.collaboration.meetings.views.minutes import may_sign
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.pdf import render_pdf
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.core.times import local
from samverka.platform.spaces.mixins import SpaceMixin

PAGE_SIZE = 20


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting-detail", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})


class BodyMeetingsMixin(SpaceMixin, PermissionMixin):
    """A body of the URL's space that the user may see (else 404); the permission object."""

    kwargs: dict[str, Any]

    @cached_property
    def body(self) -> Body:
        try:
            return selectors.body_for_meetings(self.space, self.request.user, self.kwargs["body"])
        except Body.DoesNotExist as error:
            raise Http404 from error

    def get_permission_object(self) -> Body:
        return self.body

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        return context


class MeetingMixin(SpaceMixin, PermissionMixin):
    """A meeting of the URL's space that the user may see (else 404); the permission object."""

    kwargs: dict[str, Any]
    with_agenda = False

    @cached_property
    def meeting(self) -> Meeting:
        queryset = (
            selectors.meeting_detail_queryset(self.space, self.request.user)
            if self.with_agenda
            else selectors.meeting_queryset(self.space, self.request.user)
        )
        try:  # get(): no ORDER BY, which is costly to compile next to the stage's annotations
            return queryset.get(pk=self.kwargs["pk"])
        except Meeting.DoesNotExist as error:
            raise Http404 from error

    def get_permission_object(self) -> Meeting:
        return self.meeting

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["meeting"] = self.meeting
        context["body"] = self.meeting.body
        context["when"] = format_when(self.meeting)
        return context

    def meeting_url(self) -> str:
        return meeting_url(self.meeting)


class BodyMeetingListView(BodyMeetingsMixin, TemplateView):
    """A body's calendar: coming meetings first; the past ones on their own tab, both paginated."""

    permission_required = "meetings.view_body_meetings"
    template_name = "meetings/meeting_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        calendar = selectors.body_calendar(self.body, self.request.user)
        show_past = self.request.GET.get("show") == "past"
        meetings = calendar["past"] if show_past else calendar["upcoming"]
        context.update(
            {
                "show_past": show_past,
                "page_obj": Paginator(meetings, PAGE_SIZE).get_page(self.request.GET.get("page")),
                "can_add": self.request.user.has_perm("meetings.add_meeting", self.body),
            }
        )
        return context


class SpaceMeetingListView(SpaceMixin, PermissionMixin, TemplateView):
    """All meetings of the space's bodies that the user may see: coming first, past on a tab."""

    permission_required = PUBLIC
    template_name = "meetings/meeting_space_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        show_past = self.request.GET.get("show") == "past"
        meetings = selectors.space_calendar(self.space, self.request.user, past=show_past)
        context["show_past"] = show_past
        context["page_obj"] = Paginator(meetings, PAGE_SIZE).get_page(self.request.GET.get("page"))
        return context


class MeetingFormMixin:
    request: Any

    def contacts(self, body: Body) -> list[Any]:
        return [membership.contact for membership in selectors.body_member_contacts(body)]

    def overlap_check(self, form: MeetingForm, body: Body, exclude: Meeting | None = None) -> bool:
        """True when the form may go on: no overlap, or the user confirmed it."""
        data = form.cleaned_data
        overlapping = list(
            selectors.overlapping_meetings(body=body, start=data["start"], end=data["end"], exclude=exclude)
        )
        if overlapping and not data.get("confirm_overlap"):
            form.show_overlap_confirmation()
            self.overlapping = overlapping
            return False
        return True


class MeetingCreateView(BodyMeetingsMixin, MeetingFormMixin, FormView):
    """Plan a meeting; an overlapping meeting of the body is shown and must be confirmed."""

    permission_required = "meetings.add_meeting"
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm
    overlapping: list[Meeting] = []

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["contacts"] = self.contacts(self.body)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["overlapping"] = self.overlapping
        return context

    def form_valid(self, form: MeetingForm) -> HttpResponse:
        if not self.overlap_check(form, self.body):
            return self.form_invalid(form)
        try:
            meeting = services.meeting_create(
                actor=self.request.user,
                body=self.body,
                invitation_message=form.cleaned_data.get("invitation_message", ""),
                **form.service_data(),
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was planned. Now build its agenda."))
        return redirect(meeting_url(meeting))


def visible_documents(meeting: Meeting, agenda: list[Any], user: Any) -> bool:
    """Keep on each agenda item only the documents ``user`` may download (public ones, or all for the
    meeting's inside); returns whether the user sees the inside."""
    internal = bool(user.has_perm("meetings.view_meeting_internals", meeting))
    for item in agenda:
        documents = item.all_documents if hasattr(item, "all_documents") else list(item.documents.all())
        item.shown_documents = documents if internal else [d for d in documents if d.is_public]
    return internal


def main_action(
    meeting: Meeting, user: Any, *, can_change: bool, invitation: Any, awaits_signature: bool
) -> dict[str, str] | None:
    """The one thing to do next at this stage of the meeting, for this user (a label and a URL)."""
    stage, space = meeting.stage, meeting.body.space.slug
    kwargs = {"space": space, "pk": meeting.pk}
    if stage == MeetingStage.CANCELLED:
        return None
    if stage in (MeetingStage.PLANNED, MeetingStage.INVITED) and invitation is not None and not can_change:
        return {"label": _("Answer the invitation"), "url": reverse("meetings:my-answer", kwargs=kwargs)}
    if stage == MeetingStage.MINUTES_WRITTEN and awaits_signature:
        return {"label": _("Approve the minutes"), "url": reverse("meetings:minutes-approve", kwargs=kwargs)}
    if can_change:
        actions = {
            MeetingStage.PLANNED: (_("Send the invitation"), "meetings:invitation-send"),
            MeetingStage.INVITED: (_("See who is coming"), "meetings:invitation-list"),
            MeetingStage.HELD: (_("Write the minutes"), "meetings:minutes-edit"),
            MeetingStage.MINUTES_WRITTEN: (_("Finish the minutes and send them for approval"), "meetings:minutes-edit"),
            MeetingStage.APPROVED: (_("Publish the minutes"), "meetings:minutes-publish"),
            MeetingStage.PUBLISHED: (_("Read the minutes"), "meetings:minutes-detail"),
        }
        label, name = actions[MeetingStage(stage)]
        return {"label": label, "url": reverse(name, kwargs=kwargs)}
    if stage in (MeetingStage.APPROVED, MeetingStage.PUBLISHED) and user.has_perm("meetings.view_minutes", meeting):
        return {"label": _("Read the minutes"), "url": reverse("meetings:minutes-detail", kwargs=kwargs)}
    return None


class MeetingDetailView(MeetingMixin, TemplateView):
    """The meeting: when and where, the agenda with documents, the follow-up item, answers, minutes.

    The page leads with the stage of the meeting's lifecycle and the next thing to do; actions that
    no longer make sense (inviting to or cancelling a meeting already held) are not offered."""

    permission_required = "meetings.view_meeting"
    template_name = "meetings/meeting_detail.html"

    @cached_property
    def meeting(self) -> Meeting:
        try:
            return selectors.meeting_for_page(self.space, self.request.user, self.kwargs["pk"])
        except Meeting.DoesNotExist as error:
            raise Http404 from error

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.meeting
        invitation = selectors.my_invitation(meeting, user)
        if user.is_authenticated:  # the rule on invitees asks the same question: answer it from here
            meeting.__dict__.setdefault("_invited_users", {})[user.pk] = invitation is not None
        can_change = user.has_perm("meetings.change_meeting", meeting) and not meeting.is_cancelled
        agenda = selectors.meeting_agenda(meeting)
        rows = meeting_page_follow_up(meeting)
        versions = meeting.minutes_versions_list
        approved = [version for version in versions if version.is_locked]
        minutes = {
            "latest": versions[-1] if versions else None,
            "approved": approved[-1] if approved else None,
            "approvals": meeting.latest_approvals,
            "decisions": rows["decisions"],
            "actions": rows["actions"],
            "can_view": user.has_perm("meetings.view_minutes", meeting),
            "can_change": user.has_perm("meetings.change_minutes", meeting),
            "can_approve": may_sign(user, meeting),
            "can_change_decisions": user.has_perm("meetings.change_decision", meeting),
        }
        context.update(
            {
                "agenda": agenda,
                "can_change": can_change,
                "can_change_agenda": can_change
                and meeting.stage not in (MeetingStage.APPROVED, MeetingStage.PUBLISHED),
                "can_invite": can_change and not meeting.has_ended,
                "can_cancel": can_change and not meeting.has_ended,
                "can_view_people": user.has_perm("meetings.view_meeting_people", meeting),
                "can_view_details": user.has_perm("meetings.view_meeting_details", meeting),
                "sees_internals": visible_documents(meeting, agenda, user),
                "follow_up": {"decisions": rows["follow_up_decisions"], "actions": rows["follow_up_actions"]},
                "ms": minutes,
                "answers": selectors.answer_counts(meeting) if meeting.invited_at else None,
                "my_invitation": invitation,
                "main_action": main_action(
                    meeting,
                    user,
                    can_change=can_change,
                    invitation=invitation,
                    awaits_signature=selectors.awaits_signature(meeting, user),
                ),
                "total_minutes": sum(item.duration_minutes or 0 for item in agenda),
            }
        )
        return context


class MeetingUpdateView(MeetingMixin, MeetingFormMixin, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/meeting_form.html"
    form_class = MeetingForm
    overlapping: list[Meeting] = []

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(contacts=self.contacts(self.meeting.body), meeting=self.meeting)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["overlapping"] = self.overlapping
        context["editing"] = True
        return context

    def form_valid(self, form: MeetingForm) -> HttpResponse:
        if self.meeting.is_cancelled:
            form.add_error(None, _("The meeting is cancelled and can no longer be changed."))
            return self.form_invalid(form)
        moved = (form.cleaned_data["start"], form.cleaned_data["end"]) != (self.meeting.start, self.meeting.end)
        if moved and not self.overlap_check(form, self.meeting.body, exclude=self.meeting):
            return self.form_invalid(form)
        data = form.service_data()
        data["invitation_message"] = form.cleaned_data.get("invitation_message", "")
        try:
            services.meeting_update(actor=self.request.user, meeting=self.meeting, data=services.MeetingData(**data))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        if self.meeting.status == MeetingStatus.INVITED and not self.meeting.has_ended:
            messages.success(self.request, _("The changes were saved and the invitees will get the update."))
        else:
            messages.success(self.request, _("The changes were saved."))
        return redirect(self.meeting_url())


class MeetingCancelView(MeetingMixin, FormView):
    """Cancel a meeting; invitees get a cancellation for their calendar."""

    permission_required = "meetings.change_meeting"
    template_name = "meetings/meeting_cancel.html"
    form_class = MeetingCancelForm

    def form_valid(self, form: MeetingCancelForm) -> HttpResponse:
        try:
            services.meeting_cancel(actor=self.request.user, meeting=self.meeting, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The meeting was cancelled."))
        return redirect(self.meeting_url())


def pdf_context(meeting: Meeting, user: Any) -> dict[str, Any]:
    """What the invitation and agenda PDFs show (the meeting with its agenda prefetched); the online
    link, the message and internal documents only to who may see them."""
    agenda = list(meeting.agenda_items.all())
    return {
        "meeting": meeting,
        "body": meeting.body,
        "space": meeting.body.space,
        "when": format_when(meeting),
        "agenda": agenda,
        "follow_up": follow_up_for_meeting(meeting),
        "show_details": user.has_perm("meetings.view_meeting_details", meeting),
        "show_internal": user.has_perm("meetings.view_meeting_internals", meeting),
    }


class _PdfView(MeetingMixin, View):
    permission_required = "meetings.view_meeting"
    with_agenda = True
    template_name = ""
    filename = ""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        meeting = self.meeting
        data = render_pdf(self.template_name, pdf_context(meeting, request.user))
        response = HttpResponse(data, content_type="application/pdf")
        name = f"{self.filename}-{local(meeting.start):%Y-%m-%d}-{meeting.pk}.pdf"
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


class InvitationPdfView(_PdfView):
    """The invitation (kallelse) as PDF."""

    template_name = "meetings/pdf/invitation.html"
    filename = "kallelse"


class AgendaPdfView(_PdfView):
    """The agenda (föredragningslista) as PDF."""

    template_name = "meetings/pdf/agenda.html"
    filename = "foredragningslista"
