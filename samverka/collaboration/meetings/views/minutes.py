"""Minutes pages: read (any version), write per agenda item, attendance, adjuster, approval,
correction, the PDF (protokoll) and the public list of published minutes."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.collaboration.meetings import services
from samverka.collaboration.meetings.forms_minutes import AttendanceForm, CorrectionForm, MinutesForm, SignatoriesForm
from samverka.collaboration.meetings.models import Meeting
from samverka.collaboration.meetings.permissions import is_signatory
from samverka.collaboration.meetings.selectors_follow_up import (
    attendance_candidates,
    minutes_meeting_queryset,
    minutes_view,
    public_minutes,
)
from samverka.collaboration.meetings.services.lifecycle import format_when
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin


def minutes_url(meeting: Meeting, name: str = "minutes-detail") -> str:
    return reverse(f"meetings:{name}", kwargs={"space": meeting.body.space.slug, "pk": meeting.pk})


def may_sign(user: Any, meeting: Meeting) -> bool:
    """Signing is personal: the rule, and the signatory predicate itself (a superuser passes every rule)."""
    return bool(user.has_perm("meetings.approve_minutes", meeting) and is_signatory.test(user, meeting))


class MeetingMinutesMixin(SpaceMixin, PermissionMixin):
    """A meeting of the URL's space the user may see, or whose minutes are published (else 404)."""

    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def meeting(self) -> Meeting:
        return get_object_or_404(minutes_meeting_queryset(self.space, self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Meeting:
        return self.meeting

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["meeting"] = self.meeting
        context["body"] = self.meeting.body
        context["can_change_minutes"] = user.has_perm("meetings.change_minutes", self.meeting)
        context["can_approve"] = may_sign(user, self.meeting)
        context["can_view_meeting"] = user.has_perm("meetings.view_meeting", self.meeting)
        return context


class MinutesDetailView(MeetingMinutesMixin, TemplateView):
    """The minutes of a meeting, newest version by default (``?version=N`` for an earlier one).

    Who may only read published minutes sees approved versions only."""

    permission_required = "meetings.view_minutes"
    template_name = "meetings/minutes_detail.html"

    def approved_only(self) -> bool:
        user = self.request.user
        insider = user.has_perm("meetings.view_meeting", self.meeting) and (
            user.has_perm("meetings.change_minutes", self.meeting)
            or user.has_perm("meetings.approve_minutes", self.meeting)
            or user.has_perm("meetings.view_meeting_people", self.meeting)
        )
        return not insider

    def minutes(self) -> Any:
        raw = self.request.GET.get("version")
        if raw is not None and not (raw.isdigit() and len(raw) < 5):
            raise Http404
        number = int(raw) if raw else None
        data = minutes_view(self.meeting, number=number, approved_only=self.approved_only())
        if number is not None and data.version is None:
            raise Http404
        return data

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["minutes"] = self.minutes()
        context["approved_only"] = self.approved_only()
        return context


class MinutesPdfView(MinutesDetailView):
    """The minutes as a PDF in the Swedish layout (protokoll with § numbers and justering)."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        from samverka.platform.core.pdf import render_pdf

        minutes = self.minutes()
        if minutes.version is None:
            raise Http404
        context = {
            "meeting": self.meeting,
            "body": self.meeting.body,
            "space": self.space,
            "minutes": minutes,
            "approved_only": self.approved_only(),
            "when": format_when(self.meeting),
        }
        pdf = render_pdf("meetings/minutes_pdf.html", context)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"protokoll-{self.meeting.start:%Y-%m-%d}-v{minutes.version.number}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class MinutesEditView(MeetingMinutesMixin, FormView):
    """Write the minutes: one text per agenda item, with attendance, decisions and action items."""

    permission_required = "meetings.change_minutes"
    template_name = "meetings/minutes_edit.html"
    form_class = MinutesForm

    @cached_property
    def minutes(self) -> Any:
        return minutes_view(self.meeting)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["items"] = self.minutes.items
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["minutes"] = self.minutes
        context["signatories_form"] = SignatoriesForm(meeting=self.meeting, prefix=None)
        return context

    def form_valid(self, form: MinutesForm) -> HttpResponse:
        try:
            services.minutes_save(actor=self.request.user, meeting=self.meeting, texts=form.texts())
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The minutes were saved."))
        return redirect(minutes_url(self.meeting, "minutes-edit"))


class AttendanceView(MeetingMinutesMixin, FormView):
    """Record who was present, absent or replaced by a substitute."""

    permission_required = "meetings.change_minutes"
    template_name = "meetings/minutes_attendance.html"
    form_class = AttendanceForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["candidates"] = attendance_candidates(self.meeting)
        return kwargs

    def form_valid(self, form: AttendanceForm) -> HttpResponse:
        try:
            services.attendance_record(actor=self.request.user, meeting=self.meeting, entries=form.entries())
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The attendance was saved."))
        return redirect(minutes_url(self.meeting, "minutes-edit"))


class SignatoriesView(MeetingMinutesMixin, FormView):
    """Name the chair and the adjuster (justerare) who approve the minutes.

    The same small form is on the page where the minutes are written; this page shows it alone
    (and with its messages when something was refused)."""

    permission_required = "meetings.change_minutes"
    template_name = "meetings/minutes_signatories.html"
    form_class = SignatoriesForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["meeting"] = self.meeting
        return kwargs

    def form_valid(self, form: SignatoriesForm) -> HttpResponse:
        try:
            services.signatories_appoint(
                actor=self.request.user,
                meeting=self.meeting,
                chair=form.cleaned_data.get("chair"),
                adjuster=form.cleaned_data.get("adjuster"),
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The chair and the adjuster were saved."))
        return redirect(minutes_url(self.meeting, "minutes-edit") + "#signatories")


class MinutesApproveView(MeetingMinutesMixin, TemplateView):
    """Approve (justera) the newest version, as the chair or the adjuster."""

    permission_required = "meetings.approve_minutes"
    template_name = "meetings/minutes_approve.html"

    def has_permission(self) -> bool:
        return super().has_permission() and may_sign(self.request.user, self.meeting)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["minutes"] = minutes_view(self.meeting)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.minutes_approve(actor=request.user, meeting=self.meeting)
        except ValidationError as error:
            context = self.get_context_data(errors=error.messages)
            return self.render_to_response(context, status=400)
        messages.success(request, _("You approved the minutes."))
        return redirect(minutes_url(self.meeting))


class MinutesSubmitView(MeetingMinutesMixin, View):
    """Send the minutes to the chair and the adjuster for approval (an e-mail each)."""

    permission_required = "meetings.change_minutes"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            sent = services.minutes_submit(actor=request.user, meeting=self.meeting)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("The minutes were sent for approval (%(count)d e-mail(s) queued).") % {"count": sent}
            )
        return redirect(minutes_url(self.meeting, "minutes-edit"))


class MinutesCorrectView(MeetingMinutesMixin, FormView):
    """Correct approved minutes: a new version with a reason, approved again."""

    permission_required = "meetings.change_minutes"
    template_name = "meetings/minutes_correct.html"
    form_class = CorrectionForm

    def form_valid(self, form: CorrectionForm) -> HttpResponse:
        try:
            version = services.minutes_correct(
                actor=self.request.user, meeting=self.meeting, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Version %(number)d of the minutes was started. It must be approved again.") % {"number": version.number},
        )
        return redirect(minutes_url(self.meeting, "minutes-edit"))


class MinutesPublishView(MeetingMinutesMixin, TemplateView):
    """Publish approved minutes: GET asks, POST marks the meeting's minutes public (for everyone)."""

    permission_required = "meetings.change_meeting"
    template_name = "meetings/minutes_publish.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["minutes"] = minutes_view(self.meeting, approved_only=True)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if minutes_view(self.meeting, approved_only=True).version is None:
            context = self.get_context_data(errors=[_("The minutes are not approved yet; they cannot be published.")])
            return self.render_to_response(context, status=400)
        try:
            services.meeting_update(actor=request.user, meeting=self.meeting, data=services.MeetingData(is_public=True))
        except ValidationError as error:
            return self.render_to_response(self.get_context_data(errors=error.messages), status=400)
        messages.success(request, _("The approved minutes are published: everyone can read them."))
        return redirect(minutes_url(self.meeting))


class PublicMinutesListView(SpaceMixin, PermissionMixin, TemplateView):
    """Approved minutes of the space's public meetings, for everyone."""

    permission_required = PUBLIC
    template_name = "meetings/minutes_public_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.core.paginator import Paginator

        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(public_minutes(self.space), 50).get_page(self.request.GET.get("page"))
        return context
