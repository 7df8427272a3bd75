"""Scheduling polls: create for a body, answer (logged in or by a signed link), choose the time."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.collaboration.bodies.models import Body
from samverka.collaboration.calendars import selectors, services
from samverka.collaboration.calendars.forms import PollAnswerForm, PollChooseForm, PollForm
from samverka.collaboration.calendars.models import PollInvitee, SchedulingPoll
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin


class PollCreateView(SpaceMixin, PermissionMixin, FormView):
    permission_required = "calendars.add_poll"
    template_name = "calendars/poll_form.html"
    form_class = PollForm

    @cached_property
    def body(self) -> Body:
        found = selectors.feed_body(self.space, self.kwargs["pk"], self.request.user)
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> Body:
        return self.body

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        context["invitees"] = services.body_invitees(self.body)
        return context

    def form_valid(self, form: PollForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            poll = services.poll_create(
                actor=self.request.user,
                body=self.body,
                title=data["title"],
                duration_minutes=data["duration_minutes"],
                starts=data["options"],
                place=data["place"],
                description=data["description"],
                extra_emails=data["extra_emails"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The poll was created and the invitees were asked by e-mail."))
        return redirect(poll.get_absolute_url())


class PollObjectMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def poll(self) -> SchedulingPoll:
        found = selectors.poll_for(self.space, self.kwargs["pk"], self.request.user)
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> SchedulingPoll:
        return self.poll


class PollDetailView(PollObjectMixin, TemplateView):
    """The grid invitee × time with answers and conflicts from free/busy sources."""

    permission_required = "calendars.view_poll"
    template_name = "calendars/poll_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        poll = self.poll
        user = self.request.user
        grid = selectors.poll_grid(poll)
        mine = next((row for row in grid.rows if row.invitee.user_id == user.pk), None)
        context["poll"] = poll
        context["grid"] = grid
        context["columns"] = list(zip(grid.options, grid.totals, strict=True))
        context["my_row"] = mine
        if mine is not None and poll.is_open:
            initial = {cell.option.pk: cell.answer for cell in mine.cells if cell.answer}
            context.setdefault("answer_form", PollAnswerForm(options=grid.options, initial_answers=initial))
        if user.has_perm("calendars.choose_poll_option", poll):
            context.setdefault("choose_form", PollChooseForm(poll=poll))
        return context


class PollAnswerView(PollObjectMixin, View):
    permission_required = "calendars.answer_poll"

    def post(self, request: HttpRequest, space: str, pk: int) -> HttpResponse:
        poll = self.poll
        invitee = selectors.invitee_of(poll, request.user)
        if invitee is None:
            raise Http404
        form = PollAnswerForm(request.POST, options=list(poll.options.all()), initial_answers={})
        if form.is_valid():
            try:
                services.poll_answer(poll=poll, invitee=invitee, answers=form.answers())
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Thank you, your answer was saved."))
                return redirect(poll.get_absolute_url())
        view = PollDetailView(request=request, kwargs=self.kwargs, args=())
        view.poll = poll  # type: ignore[misc]
        return view.render_to_response(view.get_context_data(answer_form=form), status=400)


class PollChooseView(PollObjectMixin, View):
    permission_required = "calendars.choose_poll_option"

    def post(self, request: HttpRequest, space: str, pk: int) -> HttpResponse:
        poll = self.poll
        form = PollChooseForm(request.POST, poll=poll)
        if form.is_valid():
            try:
                meeting = services.poll_choose(
                    actor=request.user,
                    poll=poll,
                    option=form.cleaned_data["option"],
                    send_invitations=form.cleaned_data["send_invitations"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The meeting was created and the poll closed."))
                return redirect(meeting.get_absolute_url())
        view = PollDetailView(request=request, kwargs=self.kwargs, args=())
        view.poll = poll  # type: ignore[misc]
        return view.render_to_response(view.get_context_data(choose_form=form), status=400)


class PollAnswerLinkView(PermissionMixin, TemplateView):
    """Answer from the e-mail's link without logging in: the signed token identifies the invitee."""

    # The signed token is the permission: a forged, expired or replaced link answers 404.
    permission_required = PUBLIC
    template_name = "calendars/poll_answer_link.html"

    @cached_property
    def invitee(self) -> PollInvitee:
        found = services.invitee_from_token(self.kwargs["token"])
        if found is None:
            raise Http404
        return found

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        invitee = self.invitee
        options = list(invitee.poll.options.all())
        given = {answer.option_id: answer.answer for answer in invitee.answers.all()}
        context["invitee"] = invitee
        context["poll"] = invitee.poll
        if invitee.poll.is_open:
            context.setdefault("answer_form", PollAnswerForm(options=options, initial_answers=given))
        return context

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        invitee = self.invitee
        form = PollAnswerForm(request.POST, options=list(invitee.poll.options.all()), initial_answers={})
        if form.is_valid():
            try:
                services.poll_answer(poll=invitee.poll, invitee=invitee, answers=form.answers())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                context = self.get_context_data()
                context["saved"] = True
                return self.render_to_response(context)
        return self.render_to_response(self.get_context_data(answer_form=form), status=400)
