"""Disposal runs: propose (with the candidates), approve, execute or cancel, and the disposal log."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.records.retention import selectors, services
from samverka.records.retention.forms import ProposeForm
from samverka.records.retention.models import DisposalRun, RunStatus
from samverka.records.retention.views.schedule import SpacePermissionMixin


class RunProposeView(SpacePermissionMixin, FormView):  # type: ignore[type-arg]
    """Shows the documents due for disposal now and proposes a run of them."""

    permission_required = "retention.propose_disposal"
    template_name = "retention/run_propose.html"
    form_class = ProposeForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["page_obj"], context["candidates"] = selectors.candidate_page(self.space, self.request.GET.get("page"))
        return context

    def form_valid(self, form: ProposeForm) -> HttpResponse:
        try:
            run = services.run_propose(actor=self.request.user, space=self.space, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The disposal run was proposed. Another person must approve it."))
        return redirect(run.get_absolute_url())


class RunObjectMixin(SpaceMixin, PermissionMixin):
    kwargs: dict[str, Any]

    @cached_property
    def run(self) -> DisposalRun:
        return get_object_or_404(selectors.run_detail_queryset(self.space), pk=self.kwargs["pk"])

    def get_permission_object(self) -> Any:
        return self.run


class RunDetailView(RunObjectMixin, TemplateView):
    permission_required = "retention.view_retention"
    template_name = "retention/run_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        run, user = self.run, self.request.user
        context.update(
            run=run,
            page_obj=Paginator(selectors.run_items(run), 200).get_page(self.request.GET.get("page")),
            log_count=run.log_entries.count() if run.status == RunStatus.EXECUTED else 0,
            can_approve=run.status == RunStatus.PROPOSED
            and run.created_by_id != user.pk
            and user.has_perm("retention.approve_disposal", run),
            proposer_waits=run.status == RunStatus.PROPOSED and run.created_by_id == user.pk,
            can_execute=run.status == RunStatus.APPROVED and user.has_perm("retention.execute_disposal", run),
            can_cancel=run.status in (RunStatus.PROPOSED, RunStatus.APPROVED)
            and user.has_perm("retention.propose_disposal", run),
        )
        return context


class _RunActionView(RunObjectMixin, View):
    done_message = ""

    def act(self) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            self.act()
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, self.done_message)
        return redirect(self.run.get_absolute_url())


class RunApproveView(_RunActionView):
    permission_required = "retention.approve_disposal"

    def act(self) -> None:
        services.run_approve(actor=self.request.user, run=self.run)
        self.done_message = _("The disposal run was approved.")


class RunExecuteView(_RunActionView):
    permission_required = "retention.execute_disposal"

    def act(self) -> None:
        run = services.run_execute(actor=self.request.user, run=self.run)
        self.done_message = _("The disposal run was executed: %(count)d documents were disposed of.") % {
            "count": run.log_entries.count()
        }


class RunCancelView(_RunActionView):
    permission_required = "retention.propose_disposal"

    def act(self) -> None:
        services.run_cancel(actor=self.request.user, run=self.run)
        self.done_message = _("The disposal run was cancelled. Nothing was disposed of.")


class DisposalLogView(SpacePermissionMixin, TemplateView):
    """What was disposed of, when, by whom and under which decision; read-only and kept forever."""

    permission_required = "retention.view_retention"
    template_name = "retention/log.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries = selectors.disposal_log(self.space)
        run = self.request.GET.get("run", "")
        if run.isdigit():
            entries = entries.filter(run_id=int(run))
            context["run_filter"] = int(run)
        context["page_obj"] = Paginator(entries, 100).get_page(self.request.GET.get("page"))
        return context
