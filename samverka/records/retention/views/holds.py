"""Legal holds (gallringsstopp): put a case under hold so nothing in it is disposed of, or lift it."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.records.registry.models import Case
from samverka.records.retention import selectors, services
from samverka.records.retention.forms import LegalHoldForm
from samverka.records.retention.views.schedule import SpacePermissionMixin


class LegalHoldView(SpacePermissionMixin, FormView):  # type: ignore[type-arg]
    permission_required = "retention.manage_legal_hold"
    template_name = "retention/legal_holds.html"
    form_class = LegalHoldForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["held"] = selectors.cases_under_hold(self.space)
        return context

    def form_valid(self, form: LegalHoldForm) -> HttpResponse:
        case = selectors.case_by_reference(self.space, form.cleaned_data["reference"])
        if case is None:
            form.add_error("reference", _("There is no case with that number in this space."))
            return self.form_invalid(form)
        try:
            services.legal_hold_set(actor=self.request.user, case=case, on=True, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(case)s is now under legal hold.") % {"case": case.reference})
        return redirect(reverse("retention:legal-holds", kwargs={"space": self.space.slug}))


class LegalHoldLiftView(SpaceMixin, PermissionMixin, View):
    permission_required = "retention.manage_legal_hold"
    kwargs: dict[str, Any]

    @cached_property
    def case(self) -> Case:
        cases = Case.objects.restrict(self.request.user).select_related("series")
        return get_object_or_404(cases, space=self.space, pk=self.kwargs["pk"])

    def get_permission_object(self) -> Any:
        return self.case

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.legal_hold_set(actor=request.user, case=self.case, on=False, reason=request.POST.get("reason", ""))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The legal hold on %(case)s was lifted.") % {"case": self.case.reference})
        return redirect(reverse("retention:legal-holds", kwargs={"space": self.space.slug}))
