"""The triage queue: registrars, the secretariat and admins handle what came in from outside."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from samverka.platform.core.actions import PostedActionMixin
from samverka.platform.core.downloads import stored_file_response
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space
from samverka.records.intake import selectors, services
from samverka.records.intake.forms import AssignBodyForm, AssignCaseForm, RejectForm
from samverka.records.intake.models import IncomingItem, ItemStatus
from samverka.records.registry.secrecy import FILES, MASK

PAGE_SIZE = 50


class TriageListView(SpaceMixin, PermissionMixin, TemplateView):
    permission_required = "intake.view_incomingitem"
    template_name = "intake/triage_list.html"

    def get_permission_object(self) -> Space:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status") or ItemStatus.TRIAGE
        if status not in ItemStatus.values:
            status = ItemStatus.TRIAGE
        queryset = selectors.triage_queue(user=self.request.user, space=self.space, status=status)
        context["status"] = status
        counts = selectors.status_counts(user=self.request.user, space=self.space)
        context["tabs"] = [(value, label, counts[value]) for value, label in ItemStatus.choices]
        page = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["rows"] = [(item, selectors.hidden_from(item, self.request.user)) for item in page]
        context["mask"] = MASK
        return context


class ItemMixin(SpaceMixin, PermissionMixin):
    """An incoming item of the URL's space the user may see (else 404); it is the permission object."""

    kwargs: dict[str, Any]
    request: HttpRequest

    @cached_property
    def item(self) -> IncomingItem:
        found = selectors.item_detail(user=self.request.user, space=self.space, pk=self.kwargs["pk"])
        if found is None:
            raise Http404
        return found

    def get_permission_object(self) -> IncomingItem:
        return self.item


class ItemDetailView(ItemMixin, TemplateView):
    permission_required = "intake.view_incomingitem"
    template_name = "intake/item_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["item"] = self.item
        context["hidden"] = selectors.hidden_from(self.item, self.request.user)
        context["mask"] = MASK
        context["can_triage"] = self.item.status == ItemStatus.TRIAGE and self.request.user.has_perm(
            "intake.triage_incomingitem", self.item
        )
        context.setdefault("case_form", AssignCaseForm(prefix="case"))
        context.setdefault("body_form", AssignBodyForm(prefix="body", space=self.space))
        context.setdefault("reject_form", RejectForm(prefix="reject"))
        return context


class _TriageActionView(PostedActionMixin, ItemDetailView):
    """POST one triage step; errors are shown on the item's page next to the form."""

    permission_required = "intake.triage_incomingitem"

    def get_success_url(self) -> str:
        return self.item.get_absolute_url()


class AssignCaseView(_TriageActionView):
    form_name = "case_form"

    def make_form(self) -> AssignCaseForm:
        return AssignCaseForm(self.request.POST, prefix="case")

    def act(self, form: AssignCaseForm) -> str:
        code, year, number = form.cleaned_data["reference"]
        case = selectors.case_by_reference(space=self.space, code=code, year=year, number=number)
        if case is None:
            raise ValidationError({"reference": _("There is no case with that number in this space.")})
        marking = form.marking(authority=self.space.name)  # None: registered unmarked
        item = services.item_assign_case(actor=self.request.user, item=self.item, case=case, marking=marking)
        return _("Registered as %(reference)s.") % {"reference": item.document.reference if item.document else ""}


class AssignBodyView(_TriageActionView):
    form_name = "body_form"

    def make_form(self) -> AssignBodyForm:
        return AssignBodyForm(self.request.POST, prefix="body", space=self.space)

    def act(self, form: AssignBodyForm) -> str:
        item = services.item_assign_body(actor=self.request.user, item=self.item, body=form.cleaned_data["body"])
        return _("Handed to %(body)s.") % {"body": item.body}


class RejectView(_TriageActionView):
    form_name = "reject_form"

    def make_form(self) -> RejectForm:
        return RejectForm(self.request.POST, prefix="reject")

    def act(self, form: RejectForm) -> str:
        services.item_reject(actor=self.request.user, item=self.item, reason=form.cleaned_data["reason"])
        return _("The item was rejected.")


class AttachmentDownloadView(ItemMixin, View):
    permission_required = "intake.view_incomingitem"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        attachment = next((a for a in self.item.attachments.all() if a.pk == self.kwargs["attachment"]), None)
        if attachment is None or FILES in selectors.hidden_from(self.item, request.user):
            raise Http404
        return stored_file_response(attachment.file, name=attachment.name, content_type=attachment.content_type)
