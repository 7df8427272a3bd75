"""Invitation pages: send the invitation, see the answers, answer (from the e-mail link or logged in)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from samverka.collaboration.meetings import selectors, services
from samverka.collaboration.meetings.forms import AnswerForm
from samverka.collaboration.meetings.models import Answer, Invitation
from samverka.collaboration.meetings.services.lifecycle import format_when
from samverka.collaboration.meetings.views.meetings import MeetingMixin, meeting_url
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PUBLIC, PermissionMixin


class InvitationSendView(MeetingMixin, TemplateView):
    """GET: who will be invited (the count); POST: queue the invitation e-mails."""

    permission_required = "meetings.change_meeting"
    template_name = "meetings/invitation_send.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        recipients = services.invitation_recipients(self.meeting)
        context["has_ended"] = self.meeting.has_ended
        context["recipient_count"] = len(recipients)
        context["already_invited"] = self.meeting.invitations.count()
        return context

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            count = services.invitations_send(actor=request.user, meeting=self.meeting)
        except ValidationError as error:
            context = self.get_context_data()
            context["errors"] = error.messages
            return self.render_to_response(context, status=400)
        if count:
            messages.success(request, _("The invitation is being sent to %(count)d people.") % {"count": count})
        else:
            messages.info(request, _("Everybody already has the invitation; nothing new was sent."))
        return redirect(self.meeting_url())


class InvitationListView(MeetingMixin, TemplateView):
    """Who is invited and what they answered (for those who may see the body's people)."""

    permission_required = "meetings.view_meeting_people"
    template_name = "meetings/invitation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["invitations"] = list(selectors.invitation_list(self.meeting))
        context["answers"] = selectors.answer_counts(self.meeting)
        return context


class _AnswerFormMixin:
    request: Any

    def answer(self, form: AnswerForm, invitation: Invitation, *, by_token: bool) -> bool:
        try:
            services.invitation_answer(
                invitation=invitation,
                actor=self.request.user,
                by_token=by_token,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return False
        messages.success(self.request, _("Thank you, your answer was saved."))
        return True


def _initial(invitation: Invitation, wanted: str) -> dict[str, Any]:
    answer = wanted if wanted in (Answer.YES, Answer.NO, Answer.MAYBE) else invitation.answer
    return {
        "answer": answer if answer != Answer.PENDING else None,
        "substitute_name": invitation.substitute_name,
        "substitute_email": invitation.substitute_email,
        "comment": invitation.comment,
    }


class RsvpView(PermissionMixin, _AnswerFormMixin, FormView):
    """The page an e-mail's answer link opens: the meeting and a form to confirm the answer.

    The signed token is the permission (no login). GET never changes anything;
    only the POST of the form records the answer.
    """

    permission_required = PUBLIC
    template_name = "meetings/invitation_answer.html"
    form_class = AnswerForm

    @cached_property
    def invitation(self) -> Invitation:
        invitation = services.invitation_from_token(self.kwargs["token"])
        if invitation is None:
            raise Http404(_("The link is not valid (any more)."))
        return invitation

    def get_initial(self) -> dict[str, Any]:
        return _initial(self.invitation, self.request.GET.get("answer", ""))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        meeting = self.invitation.meeting
        context.update(
            {
                "invitation": self.invitation,
                "meeting": meeting,
                "body": meeting.body,
                "when": format_when(meeting),
                "agenda": list(meeting.agenda_items.order_by("position", "pk")),
                "answered": self.request.GET.get("saved") == "1",
            }
        )
        return context

    def form_valid(self, form: AnswerForm) -> HttpResponse:
        if not self.answer(form, self.invitation, by_token=True):
            return self.form_invalid(form)
        return redirect(self.request.path + "?saved=1")


class MyAnswerView(MeetingMixin, _AnswerFormMixin, FormView):
    """A logged-in invitee answers on the site."""

    template_name = "meetings/invitation_answer.html"
    form_class = AnswerForm
    permission_required = "meetings.answer_invitation"

    @cached_property
    def invitation(self) -> Invitation:
        invitation = selectors.my_invitation(self.meeting, self.request.user)
        if invitation is None:
            raise Http404
        invitation.meeting = self.meeting
        return invitation

    def get_permission_object(self) -> Invitation:  # type: ignore[override]
        return self.invitation

    def get_initial(self) -> dict[str, Any]:
        return _initial(self.invitation, self.request.GET.get("answer", ""))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {"invitation": self.invitation, "agenda": list(self.meeting.agenda_items.order_by("position", "pk"))}
        )
        return context

    def form_valid(self, form: AnswerForm) -> HttpResponse:
        if not self.answer(form, self.invitation, by_token=False):
            return self.form_invalid(form)
        return redirect(meeting_url(self.meeting))
