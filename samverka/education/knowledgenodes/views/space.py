"""The space's knowledge nodes (insiders): the list, a node, create and edit, and the areas no node covers."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from samverka.education.knowledgenodes import selectors, services
from samverka.education.knowledgenodes.forms import KnowledgeNodeForm
from samverka.education.knowledgenodes.models import AreaKind, KnowledgeNode
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space


class SpacePermissionMixin(SpaceMixin, PermissionMixin):
    def get_permission_object(self) -> Space:
        return self.space


class NodeListView(SpacePermissionMixin, TemplateView):
    permission_required = "knowledgenodes.view_space_nodes"
    template_name = "knowledgenodes/node_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["nodes"] = selectors.space_nodes(self.space, self.request.user)
        context["may_add"] = self.request.user.has_perm("knowledgenodes.add_knowledgenode", self.space)
        return context


class NodeObjectMixin(SpaceMixin, PermissionMixin):
    """The node of the URL, read through ``restrict`` (a node the person may not read: 404)."""

    @cached_property
    def node(self) -> KnowledgeNode:
        return selectors.node_get(self.space, self.request.user, self.kwargs["pk"])

    def get_permission_object(self) -> KnowledgeNode:
        return self.node

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["node"] = self.node
        return context


class NodeDetailView(NodeObjectMixin, TemplateView):
    permission_required = "knowledgenodes.view_knowledgenode"
    template_name = "knowledgenodes/node_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["contacts"] = selectors.node_contacts(self.node, user)
        context["industry_actors"] = selectors.node_industry_actors(self.node, user)
        context["may_change"] = user.has_perm("knowledgenodes.change_knowledgenode", self.node)
        context["insider"] = user.has_perm("knowledgenodes.view_space_nodes", self.space)
        return context


class NodeCreateView(SpacePermissionMixin, FormView):
    permission_required = "knowledgenodes.add_knowledgenode"
    template_name = "knowledgenodes/node_form.html"
    form_class = KnowledgeNodeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(space=self.space, user=self.request.user)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        from django.utils import timezone

        initial: dict[str, Any] = {"valid_from": timezone.localdate()}
        kind, code = self.request.GET.get("kind", ""), self.request.GET.get("code", "")
        if kind in AreaKind.values and code:  # "add a node for this area" from the coverage page
            initial["area"] = f"{kind}:{code}"
        return initial

    def form_valid(self, form: KnowledgeNodeForm) -> HttpResponse:
        try:
            node = services.node_create(
                space=self.space, actor=self.request.user, data=services.NodeData(**form.node_data())
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The knowledge node was added."))
        return redirect(node.get_absolute_url())


class NodeUpdateView(NodeObjectMixin, FormView):
    permission_required = "knowledgenodes.change_knowledgenode"
    template_name = "knowledgenodes/node_form.html"
    form_class = KnowledgeNodeForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.update(space=self.space, user=self.request.user, instance=self.node)
        return kwargs

    def form_valid(self, form: KnowledgeNodeForm) -> HttpResponse:
        # The ModelForm's instance took the typed values; the service re-reads the stored node.
        try:
            services.node_update(node=self.node, actor=self.request.user, data=services.NodeData(**form.node_data()))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.node.get_absolute_url())


class NodeDeleteView(NodeObjectMixin, TemplateView):
    """Remove a node entered by mistake (a node that has ended keeps its history: give it an end date)."""

    permission_required = "knowledgenodes.change_knowledgenode"
    template_name = "knowledgenodes/node_delete.html"

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        services.node_delete(node=self.node, actor=request.user)
        messages.success(request, _("The knowledge node was removed."))
        return redirect(reverse("knowledgenodes:node-list", kwargs={"space": self.space.slug}))


class CoverageView(SpacePermissionMixin, TemplateView):
    """The areas no current node of the region covers (SUN 2020 fields, YH areas), beside those covered."""

    permission_required = "knowledgenodes.view_coverage"
    template_name = "knowledgenodes/coverage.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        result = selectors.coverage(self.space, self.request.user)
        context["sections"] = [
            {"kind": kind, "label": AreaKind(kind).label, "coverage": result[kind]} for kind in result
        ]
        context["may_add"] = self.request.user.has_perm("knowledgenodes.add_knowledgenode", self.space)
        return context


urlpatterns = [
    path("s/<slug:space>/knowledge-nodes/", NodeListView.as_view(), name="node-list"),
    path("s/<slug:space>/knowledge-nodes/new/", NodeCreateView.as_view(), name="node-create"),
    path("s/<slug:space>/knowledge-nodes/coverage/", CoverageView.as_view(), name="coverage"),
    path("s/<slug:space>/knowledge-nodes/<int:pk>/", NodeDetailView.as_view(), name="node-detail"),
    path("s/<slug:space>/knowledge-nodes/<int:pk>/edit/", NodeUpdateView.as_view(), name="node-edit"),
    path("s/<slug:space>/knowledge-nodes/<int:pk>/delete/", NodeDeleteView.as_view(), name="node-delete"),
]
