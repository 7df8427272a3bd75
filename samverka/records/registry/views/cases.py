"""Cases: the list with filters, registering, the case page and its workflow actions."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from samverka.platform.core.actions import PostedActionMixin
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.paging import InvalidCursor, KeysetPage, bounded_count, keyset_page
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space
from samverka.records.registry import secrecy, selectors, services, workflow
from samverka.records.registry.forms import (
    CaseCorrectionForm,
    CaseFilterForm,
    CaseForm,
    DecisionForm,
    DispatchForm,
    StatusForm,
    VoidForm,
)
from samverka.records.registry.models import Case, CaseStatus
from samverka.records.registry.secrecy import may_see_marked_in

PAGE_SIZE = 50


class SpacePermissionMixin(SpaceMixin, PermissionMixin):
    """The URL's space is the permission object."""

    def get_permission_object(self) -> Space:
        return self.space


class CaseListView(SpacePermissionMixin, TemplateView):
    """The space's cases, filtered, newest first: paged by a cursor (as fast deep as on page 1), the count
    bounded. A garbled or tampered cursor is a 400 with a link to the first page."""

    permission_required = "registry.view_case"
    template_name = "registry/case_list.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context, status=400 if context.get("cursor_error") else 200)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = CaseFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        cases = selectors.case_list(
            self.space,
            self.request.user,
            query=filters.get("q") or "",
            status=filters.get("status") or "",
            case_type=filters.get("case_type") or "",
            year=filters.get("year"),
            mine=bool(filters.get("mine")),
        )
        context["filter_form"] = form
        try:
            page = keyset_page(
                cases,
                query=self.request.GET,
                ordering=selectors.CASE_ORDERING,
                page_size=PAGE_SIZE,
                path=self.request.path,
            )
        except InvalidCursor as error:
            context["cursor_error"] = str(error)
            page = KeysetPage(rows=[], next_url=None, previous_url=None, first_url=self.request.path)
        context["page"] = page
        context["count"] = bounded_count(cases)
        context["can_register"] = self.request.user.has_perm("registry.register", self.space)
        context["can_manage_series"] = self.request.user.has_perm("registry.manage_series", self.space)
        return context


class CaseCreateView(SpacePermissionMixin, FormView):
    permission_required = "registry.register"
    template_name = "registry/case_form.html"
    form_class = CaseForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["space"] = self.space
        return kwargs

    def form_valid(self, form: CaseForm) -> HttpResponse:
        data = form.cleaned_data
        similar = services.similar_cases(series=data["series"], title=data["title"])
        if similar and not data.get("register_anyway"):
            form.show_register_anyway()
            form.add_error(
                None,
                _("A case with the same title is already registered: %(cases)s. Check that it is not the same case.")
                % {"cases": ", ".join(case.reference for case in similar)},
            )
            return self.form_invalid(form)
        try:
            case = services.case_register(
                actor=self.request.user,
                series=data["series"],
                title=data["title"],
                public_title=data.get("public_title") or "",
                case_type=data["case_type"],
                body=data.get("body"),
                deadline=data.get("deadline"),
                opened_on=data.get("opened_on"),
                responsible=self.request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The case %(reference)s was registered.") % {"reference": case.reference})
        return redirect(case.get_absolute_url())


class CaseObjectMixin(SpaceMixin, PermissionMixin):
    """A case of the URL's space that the user may see (else 404); it is the permission object."""

    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def case(self) -> Case:
        return selectors.case_for(self.space, self.request.user, self.kwargs["pk"])

    def get_permission_object(self) -> Case:
        return self.case


def _event_rows(case: Case, hidden_documents: set[int]) -> list[dict[str, Any]]:
    """The case's history; an event about a marked document the user may not see shows no details."""
    rows = []
    for event in selectors.case_events(case):
        hidden = event.data.get("document") in hidden_documents if isinstance(event.data, dict) else False
        changes = event.data.get("changes", {}) if isinstance(event.data, dict) and not hidden else {}
        rows.append(
            {
                "event": event,
                "text": _("Details of a secrecy-marked document are not shown.") if hidden else event.text,
                "changes": sorted(changes.items()),
            }
        )
    return rows


class CaseDetailView(CaseObjectMixin, TemplateView):
    permission_required = "registry.view_case"
    template_name = "registry/case_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case = self.case
        user = self.request.user
        can_see_marked = may_see_marked_in(user, case.space_id)
        documents = selectors.case_documents(case)
        rows = []
        hidden: set[int] = set()
        for document in documents:
            document.case = case
            row = selectors.internal_row(document, can_see_marked=can_see_marked)
            row["document"] = document
            if not row["may_open"]:
                hidden.add(document.pk)
            rows.append(row)
        can_change = user.has_perm("registry.change_case", case) and not case.is_voided
        context.update(
            case=case,
            rows=rows,
            events=_event_rows(case, hidden),
            dispatches=[
                {
                    "dispatch": d,
                    "recipient": d.recipient
                    if d.document is None
                    else secrecy.shown(d.document, secrecy.COUNTERPART, d.recipient, granted=can_see_marked),
                }
                for d in case.dispatches.select_related("document__secrecy", "by")
            ],
            can_change=can_change,
            steps=_step_labels(case),
        )
        if can_change:
            query = self.request.GET.get("decision_q", "")
            context.setdefault("decision_form", DecisionForm(space=self.space, prefix="decision", query=query))
            context.setdefault("dispatch_form", DispatchForm(case=case, prefix="dispatch"))
            context.setdefault("void_form", VoidForm(prefix="void"))
        return context


def _step_labels(case: Case) -> list[tuple[str, str]]:
    return [(step, str(CaseStatus(step).label)) for step in workflow.allowed_steps(case)]


class _CaseActionView(PostedActionMixin, CaseDetailView):
    """A form posted from the case page; errors show on the case page (status 400)."""

    permission_required = "registry.change_case"

    def get_success_url(self) -> str:
        return self.case.get_absolute_url()


class CaseStatusView(_CaseActionView):
    def make_form(self) -> StatusForm:
        return StatusForm(self.request.POST)

    def act(self, form: StatusForm) -> str:
        workflow.case_set_status(
            actor=self.request.user, case=self.case, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )
        return _("The case is now “%(status)s”.") % {"status": self.case.get_status_display()}


class CaseDecideView(_CaseActionView):
    form_name = "decision_form"

    def make_form(self) -> DecisionForm:
        return DecisionForm(self.request.POST, space=self.space, prefix="decision")

    def act(self, form: DecisionForm) -> str:
        workflow.case_decide(
            actor=self.request.user,
            case=self.case,
            decision=form.cleaned_data["decision"],
            note=form.cleaned_data["note"],
        )
        return _("The decision is linked and the case is decided.")


class DispatchCreateView(_CaseActionView):
    form_name = "dispatch_form"

    def make_form(self) -> DispatchForm:
        return DispatchForm(self.request.POST, case=self.case, prefix="dispatch")

    def act(self, form: DispatchForm) -> str:
        data = form.cleaned_data
        workflow.dispatch_record(
            actor=self.request.user,
            case=self.case,
            recipient=data["recipient"],
            method=data["method"],
            sent_on=data["sent_on"],
            document=data.get("document"),
        )
        return _("The dispatch to %(recipient)s is recorded.") % {"recipient": data["recipient"]}


class CaseVoidView(_CaseActionView):
    form_name = "void_form"

    def make_form(self) -> VoidForm:
        return VoidForm(self.request.POST, prefix="void")

    def act(self, form: VoidForm) -> str:
        workflow.case_void(actor=self.request.user, case=self.case, reason=form.cleaned_data["reason"])
        return _("The case is voided. Its number is kept and not given again.")


class CaseCorrectView(CaseObjectMixin, FormView):
    permission_required = "registry.change_case"
    template_name = "registry/case_correct.html"
    form_class = CaseCorrectionForm

    def get_initial(self) -> dict[str, Any]:
        case = self.case
        return {
            "title": case.title,
            "public_title": case.public_title,
            "case_type": case.case_type,
            "deadline": case.deadline,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["case"] = self.case
        return context

    def form_valid(self, form: CaseCorrectionForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        try:
            workflow.case_correct(actor=self.request.user, case=self.case, changes=data, reason=reason)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The correction is recorded in the case's history."))
        return redirect(self.case.get_absolute_url())
