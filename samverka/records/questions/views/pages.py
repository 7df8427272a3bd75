"""Question pages: a body's questions, raise one, a question with its history, handle it, the overview."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from samverka.collaboration.bodies.models import Body, BodyStatus
from samverka.collaboration.bodies.selectors import visible_bodies
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.records.questions import selectors, services
from samverka.records.questions.forms import QuestionForm, TextForm
from samverka.records.questions.models import Question


class BodyMixin(SpaceMixin, PermissionMixin):
    """A body of the URL's space that the user may see; it is the permission object."""

    kwargs: dict[str, Any]

    @cached_property
    def body(self) -> Body:
        return get_object_or_404(visible_bodies(self.space, self.request.user), pk=self.kwargs["body"])

    def get_permission_object(self) -> Any:
        return self.body

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["body"] = self.body
        return context


class QuestionMixin(SpaceMixin, PermissionMixin):
    """A question of the URL's space that the user may see (else 404); it is the permission object."""

    kwargs: dict[str, Any]

    @cached_property
    def question(self) -> Question:
        return get_object_or_404(selectors.visible_questions(self.space, self.request.user), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Any:
        return self.question

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["question"] = self.question
        return context


class BodyQuestionsView(BodyMixin, TemplateView):
    """The questions a body has received and sent."""

    permission_required = "questions.view_body_questions"
    template_name = "questions/body_questions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(selectors.body_questions(self.body, self.request.user))
        context["today"] = timezone.localdate()
        context["can_raise"] = self.request.user.has_perm("questions.raise_question", self.body)
        return context


class QuestionCreateView(BodyMixin, FormView):
    permission_required = "questions.raise_question"
    template_name = "questions/question_form.html"
    form_class = QuestionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        bodies = visible_bodies(self.space, self.request.user).exclude(status=BodyStatus.CLOSED)
        kwargs["bodies"] = bodies.exclude(pk=self.body.pk).order_by("name")
        if self.body.parent_id and "data" not in kwargs:
            kwargs["initial"] = {"to_body": self.body.parent_id}
        return kwargs

    def form_valid(self, form: QuestionForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            question = services.question_raise(
                actor=self.request.user,
                from_body=self.body,
                to_body=data["to_body"],
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                due_on=data["due_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The question was sent to %(body)s.") % {"body": question.to_body.name})
        return redirect(question.get_absolute_url())


class QuestionDetailView(QuestionMixin, TemplateView):
    permission_required = "questions.view_question"
    template_name = "questions/question_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        question = self.question
        context["events"] = selectors.question_events(question)
        context["chain"] = selectors.question_chain(question, user)
        context["can_handle"] = question.is_pending and user.has_perm("questions.handle_question", question)
        context["can_withdraw"] = question.is_pending and user.has_perm("questions.withdraw_question", question)
        context["is_overdue"] = question.is_overdue()
        return context


#: action → (form label, past-tense message, whether a text is needed)
ACTIONS: dict[str, tuple[Any, Any, bool]] = {
    "accept": (None, gettext_lazy("The question was accepted."), False),
    "answer": (gettext_lazy("Answer"), gettext_lazy("The answer was sent."), True),
    "deliver": (
        gettext_lazy("What was delivered (e.g. the programme established)"),
        gettext_lazy("The order was marked as delivered."),
        True,
    ),
    "escalate": (
        gettext_lazy("Why is the question escalated?"),
        gettext_lazy("The question was escalated."),
        True,
    ),
    "withdraw": (gettext_lazy("Reason (optional)"), gettext_lazy("The question was withdrawn."), False),
}


class _ActionView(QuestionMixin, FormView):
    template_name = "questions/question_action.html"
    form_class = TextForm

    @property
    def action(self) -> str:
        action: str = self.kwargs["action"]
        if action not in ACTIONS:
            raise Http404
        return action

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        label, _message, required = ACTIONS[self.action]
        kwargs.update(label=label, required=required)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["action"] = self.action
        context["has_text"] = ACTIONS[self.action][0] is not None
        context["parent"] = self.question.to_body.parent if self.action == "escalate" else None
        return context

    def get(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        self.action  # noqa: B018 (an action that does not exist is a 404, whatever the question's state)
        if not self.question.is_pending:
            messages.info(request, _("The question is no longer open."))
            return redirect(self.question.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def form_valid(self, form: TextForm) -> HttpResponse:
        text = form.cleaned_data.get("text", "")
        actor, question = self.request.user, self.question
        try:
            if self.action == "accept":
                result = services.question_accept(actor=actor, question=question)
            elif self.action == "answer":
                result = services.question_answer(actor=actor, question=question, answer=text)
            elif self.action == "deliver":
                result = services.question_deliver(actor=actor, question=question, answer=text)
            elif self.action == "escalate":
                result = services.question_escalate(actor=actor, question=question, reason=text)
            else:
                result = services.question_withdraw(actor=actor, question=question, reason=text)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, str(ACTIONS[self.action][1]))
        if self.action == "escalate" and not self.request.user.has_perm("questions.view_question", result):
            result = question
        return redirect(result.get_absolute_url())


class QuestionHandleView(_ActionView):
    """Accept, answer, deliver or escalate (the receiving body)."""

    permission_required = "questions.handle_question"

    @property
    def action(self) -> str:
        action = super().action
        if action == "withdraw":
            raise Http404
        return action


class QuestionWithdrawView(_ActionView):
    """Withdraw (the asking body)."""

    permission_required = "questions.withdraw_question"

    @property
    def action(self) -> str:
        return "withdraw"


class QuestionOverviewView(SpaceMixin, PermissionMixin, TemplateView):
    """The space's pending questions and orders by age, and the overdue ones (the secretariat)."""

    permission_required = "questions.view_overview"
    template_name = "questions/overview.html"

    def get_permission_object(self) -> Any:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(selectors.space_overview(self.space, self.request.user))
        return context
