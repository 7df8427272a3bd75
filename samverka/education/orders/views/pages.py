"""The space's order pages: the overview with figures, an order with its timeline and line decisions, the
forms, the step buttons, the CSV export and upload. Thin: a rule, a selector or a service, a template."""

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.education.orders import secrecy, selectors, services
from samverka.education.orders.forms import (
    AddresseeForm,
    ConsultationForm,
    DecisionForm,
    EducationOrderForm,
    LiftSecrecyForm,
    OccupationForm,
    OfferingLinkForm,
    PublishForm,
    SecrecyForm,
    TransitionForm,
    UploadForm,
)
from samverka.education.orders.models import EducationOrder, OrderAddressee, OrderStatus, OrderType
from samverka.platform.accounts.models import User
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.records.questions.models import Question, QuestionKind

#: The outcome figures the delivery section shows per validation offer, in its columns' order.
FIGURE_NAMES = ("started", "started_women", "started_men", "completed", "completed_women", "completed_men")


def signed_in(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


class SpacePermissionMixin(SpaceMixin, PermissionMixin):
    def get_permission_object(self) -> Any:
        return self.space


class OrderMixin(SpaceMixin, PermissionMixin):
    """An order of the URL's space that the user may see (else 404); it is the permission object."""

    kwargs: dict[str, Any]

    @cached_property
    def order(self) -> EducationOrder:
        try:
            return selectors.order_get(self.space, self.request.user, self.kwargs["pk"])
        except EducationOrder.DoesNotExist as missing:
            raise Http404 from missing

    def get_permission_object(self) -> Any:
        return self.order


class OrderListView(SpacePermissionMixin, TemplateView):
    """The space's orders by age (oldest first), overdue highlighted, with the figures."""

    permission_required = "orders.view_orders"
    template_name = "orders/order_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        status = get.get("status", "") if get.get("status") in OrderStatus.values else ""
        order_type = get.get("type", "") if get.get("type") in OrderType.values else ""
        overdue = get.get("overdue") == "1"
        after = int(get["after"]) if get.get("after", "").isdigit() else None
        today = timezone.localdate()
        rows = selectors.order_list(
            self.space, self.request.user, status=status, order_type=order_type, overdue=overdue, after=after
        )
        more = len(rows) > selectors.PAGE_SIZE
        rows = rows[: selectors.PAGE_SIZE]
        for row in rows:
            row.age_days = (today - timezone.localdate(row.created_at)).days  # type: ignore[attr-defined]
        context.update(
            orders=rows,
            next_after=rows[-1].pk if more else None,
            today=today,
            figures=selectors.figures(self.space, self.request.user),
            statuses=OrderStatus.choices,
            types=OrderType.choices,
            chosen={"status": status, "type": order_type, "overdue": overdue},
            can_add=self.request.user.has_perm("orders.add_order", self.space),
            can_upload=self.request.user.has_perm("orders.upload_orders", self.space),
            untracked=selectors.untracked_order_messages(self.space, self.request.user),
        )
        return context


class OrderDetailView(OrderMixin, TemplateView):
    """The working page of an order (timeline notes, names, consultations, agenda items): for the space's
    insiders and the leaders of its bodies. Anyone else who may see the order — because it is published — is
    sent to its public page, which shows the published subset."""

    permission_required = "orders.view_educationorder"
    template_name = "orders/order_detail.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("orders.view_order_page", self.order):
            return redirect(self.order.get_public_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        order = self.order
        addressees = list(order.addressees.all())
        granted = secrecy.may_see(user, order)
        validations, k = selectors.validation_deliveries(order)
        can_change = user.has_perm("orders.change_educationorder", order)
        for a in addressees:
            a.shown_reason = secrecy.shown(order, secrecy.REASONS, a.reason, granted=granted)  # type: ignore[attr-defined]
        context.update(
            order=order,
            granted=granted,
            rationale=secrecy.shown(order, secrecy.RATIONALE, order.rationale, granted=granted),
            sources=selectors.rationale_sources(order, user)
            if secrecy.shows(order, secrecy.RATIONALE, granted)
            else None,
            marking_reason=secrecy.shown(order, secrecy.MARKING_REASON, order.secrecy_reason, granted=granted),
            can_mark=user.has_perm("orders.mark_secret", order),
            validations=validations,
            k=k,
            figure_names=FIGURE_NAMES,
            suggestions=selectors.suggested_offerings(order, user) if can_change else [],
            addressees=[(a, user.has_perm("orders.decide_orderaddressee", a)) for a in addressees],
            names=selectors.occupation_names([o.ssyk_code for o in order.occupations.all()]),
            today=timezone.localdate(),
            agenda_items=selectors.agenda_items_for(order, user),
            can_change=can_change,
            can_move=user.has_perm("orders.transition_educationorder", order),
            transition_form=TransitionForm(),
            addressee_form=AddresseeForm(order=order),
            occupation_form=OccupationForm(),
            consultation_form=ConsultationForm(),
        )
        return context


class OrderCreateView(SpacePermissionMixin, FormView):
    permission_required = "orders.add_order"
    template_name = "orders/order_form.html"
    form_class = EducationOrderForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "user": self.request.user}

    def form_valid(self, form: EducationOrderForm) -> HttpResponse:
        try:
            order = services.order_create(
                actor=signed_in(self.request), space=self.space, data=services.OrderData(**form.data_fields())
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_error(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
            return self.form_invalid(form)
        messages.success(self.request, _("The order was created as a draft."))
        return redirect(order.get_absolute_url())


class OrderUpdateView(OrderMixin, FormView):
    permission_required = "orders.change_educationorder"
    template_name = "orders/order_form.html"
    form_class = EducationOrderForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "space": self.space, "user": self.request.user, "instance": self.order}

    def get_initial(self) -> dict[str, Any]:
        return {"forms": list(self.order.forms)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(order=self.order, **kwargs)

    def form_valid(self, form: EducationOrderForm) -> HttpResponse:
        order = EducationOrder.objects.get(pk=self.order.pk)  # the form wrote its values onto self.order
        try:
            services.order_update(
                actor=signed_in(self.request), order=order, data=services.OrderData(**form.data_fields())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(order.get_absolute_url())


class PostedOrderView(OrderMixin, View):
    """A small form posted from the order's page: on success back to the page with a message; on a refusal
    back with the service's message as an error."""

    http_method_names = ["post"]
    form_class: type[Any]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form_class(request.POST, **self.form_kwargs())
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(self.order.get_absolute_url())
        try:
            done = self.act(form.cleaned_data)
        except PermissionDenied as refused:
            messages.error(request, str(refused) or _("You may not do that."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, done)
        return redirect(self.order.get_absolute_url())

    def form_kwargs(self) -> dict[str, Any]:
        return {}

    def act(self, data: dict[str, Any]) -> str:
        raise NotImplementedError


class OrderTransitionView(PostedOrderView):
    """The button "Mark as <next step>": the order moves to its next step, nothing else."""

    permission_required = "orders.transition_educationorder"
    form_class = TransitionForm

    def act(self, data: dict[str, Any]) -> str:
        to_status = self.request.POST.get("to_status", "")
        services.order_transition(
            actor=signed_in(self.request),
            order=self.order,
            to_status=to_status,
            due_on=data["due_on"],
            note=data["note"],
        )
        return _("The order is now %(status)s.") % {"status": self.order.get_status_display().lower()}


class OrderPublishView(PostedOrderView):
    """The button "Publish" / "Unpublish": the order on the public order pages or off them."""

    permission_required = "orders.change_educationorder"
    form_class = PublishForm

    def act(self, data: dict[str, Any]) -> str:
        order = services.order_set_published(
            actor=signed_in(self.request), order=self.order, published=data["published"]
        )
        if order.is_published:
            return _("The order is published on the public order pages.")
        return _("The order is no longer public.")


class OrderSecrecyView(OrderMixin, FormView):
    """Set or change the order's secrecy marking; a refusal is shown beside its field."""

    permission_required = "orders.mark_secret"
    template_name = "orders/order_secrecy.html"
    form_class = SecrecyForm

    def get_initial(self) -> dict[str, Any]:
        order = self.order
        if not order.secrecy_provision:
            return {"masks_rationale": True, "masks_reasons": True}
        return {
            "provision": order.secrecy_provision,
            "reason": order.secrecy_reason,
            "masks_rationale": order.secrecy_masks_rationale,
            "masks_reasons": order.secrecy_masks_reasons,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(order=self.order, **kwargs)

    def form_valid(self, form: SecrecyForm) -> HttpResponse:
        order = EducationOrder.objects.get(pk=self.order.pk)
        try:
            services.order_set_secrecy(actor=signed_in(self.request), order=order, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The secrecy marking was saved."))
        return redirect(order.get_absolute_url())


class OrderLiftSecrecyView(PostedOrderView):
    permission_required = "orders.mark_secret"
    form_class = LiftSecrecyForm

    def act(self, data: dict[str, Any]) -> str:
        services.order_lift_secrecy(actor=signed_in(self.request), order=self.order)
        return _("The secrecy marking was lifted.")


class OfferingLinkView(PostedOrderView):
    """The "Link" button beside a suggested offering: one more delivering offering, through the link service."""

    permission_required = "orders.change_educationorder"
    form_class = OfferingLinkForm

    def form_kwargs(self) -> dict[str, Any]:
        return {"order": self.order, "user": self.request.user}

    def act(self, data: dict[str, Any]) -> str:
        offering = data["offering"]
        services.order_link_offering(actor=signed_in(self.request), order=self.order, offering=offering)
        return _("%(title)s now delivers the order.") % {"title": offering.education.title}


class AddresseeAddView(PostedOrderView):
    permission_required = "orders.change_educationorder"
    form_class = AddresseeForm

    def form_kwargs(self) -> dict[str, Any]:
        return {"order": self.order}

    def act(self, data: dict[str, Any]) -> str:
        addressee = services.addressee_add(actor=signed_in(self.request), order=self.order, **data)
        return _("%(name)s was added as an addressee.") % {"name": addressee.name}


class OccupationAddView(PostedOrderView):
    permission_required = "orders.change_educationorder"
    form_class = OccupationForm

    def act(self, data: dict[str, Any]) -> str:
        services.occupation_set(actor=signed_in(self.request), order=self.order, **data)
        return _("The places were saved.")


class ConsultationAddView(PostedOrderView):
    permission_required = "orders.change_educationorder"
    form_class = ConsultationForm

    def act(self, data: dict[str, Any]) -> str:
        services.consultation_add(actor=signed_in(self.request), order=self.order, **data)
        return _("The application was added.")


class AddresseeDecideView(SpaceMixin, PermissionMixin, FormView):
    """The line decision of one addressee."""

    permission_required = "orders.decide_orderaddressee"
    template_name = "orders/decision_form.html"
    form_class = DecisionForm
    kwargs: dict[str, Any]

    @cached_property
    def addressee(self) -> OrderAddressee:
        orders = selectors.visible_orders(self.space, self.request.user)
        return get_object_or_404(
            OrderAddressee.objects.select_related("order__space", "body", "organisation"),
            pk=self.kwargs["addressee"],
            order__in=orders,
        )

    def get_permission_object(self) -> Any:
        return self.addressee

    def get_initial(self) -> dict[str, Any]:
        a = self.addressee
        return {"decision": a.decision, "reason": a.reason, "reference": a.decision_reference}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(addressee=self.addressee, order=self.addressee.order, **kwargs)

    def form_valid(self, form: DecisionForm) -> HttpResponse:
        try:
            services.addressee_decide(actor=signed_in(self.request), addressee=self.addressee, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The line decision was recorded."))
        return redirect(self.addressee.order.get_absolute_url())


class OrderExportView(SpacePermissionMixin, View):
    permission_required = "orders.view_orders"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        rows = list(selectors.visible_orders(self.space, request.user).order_by("pk"))
        response = HttpResponse(services.orders_csv(rows, user=request.user), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="orders-{self.space.slug}.csv"'
        return response


class OrderUploadView(SpacePermissionMixin, FormView):
    """Upload the edited export: every changed row moves through the same steps, or nothing is saved."""

    permission_required = "orders.upload_orders"
    template_name = "orders/order_upload.html"
    form_class = UploadForm

    def form_valid(self, form: UploadForm) -> HttpResponse:
        try:
            text = form.cleaned_data["file"].read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text; save it as CSV (UTF-8)."))
            return self.form_invalid(form)
        try:
            changed = services.orders_bulk_update(actor=signed_in(self.request), space=self.space, text=text)
        except ValidationError as error:
            return render(
                self.request, self.template_name, self.get_context_data(form=form, problems=error.messages), status=400
            )
        messages.success(self.request, _("%(n)s orders were updated.") % {"n": changed})
        return redirect("orders:order-list", space=self.space.slug)


class TrackQuestionView(SpaceMixin, PermissionMixin, View):
    """The button "Track as order" beside an education-order message: it becomes a sent, tracked order."""

    permission_required = "orders.track_question"
    http_method_names = ["post"]
    kwargs: dict[str, Any]

    @cached_property
    def question(self) -> Question:
        rows = Question.objects.restrict(self.request.user).filter(space=self.space, kind=QuestionKind.EDUCATION_ORDER)
        return get_object_or_404(rows.select_related("space", "from_body", "to_body"), pk=self.kwargs["question"])

    def get_permission_object(self) -> Any:
        return self.question

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        order = services.order_track_question(actor=signed_in(request), question=self.question)
        messages.success(request, _("The education order is now tracked here."))
        return redirect(order.get_absolute_url())
