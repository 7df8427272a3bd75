"""A space's landscape map: the map itself, publishing, revisions and correction suggestions."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from samverka.collaboration.actors import selectors, services
from samverka.collaboration.actors.forms import (
    CompareForm,
    PublishForm,
    SuggestionAcceptForm,
    SuggestionForm,
    SuggestionTargetForm,
)
from samverka.collaboration.actors.models import CorrectionSuggestion, Organisation, SuggestionStatus
from samverka.platform.core.downloads import csv_response
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.paging import InvalidCursor
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin
from samverka.platform.spaces.models import Space, SpaceKind

#: How many organisations of each kind of change a page lists (the counts are always complete).
DIFF_LIMIT = 200


class _SpacePermissionMixin(SpaceMixin, PermissionMixin):
    """Space-scoped page whose rule takes the space as its object."""

    def get_permission_object(self) -> Space:
        return self.space


def _diff_context(diff: selectors.RevisionDiff, user: Any) -> dict[str, Any]:
    added, removed = diff.added[:DIFF_LIMIT], diff.removed[:DIFF_LIMIT]
    openable = selectors.openable_organisation_ids(user, [row.get("id") for row in added + removed])
    return {
        "diff": diff,
        "added": [selectors.snapshot_display(row, openable) for row in added],
        "removed": [selectors.snapshot_display(row, openable) for row in removed],
        "changed": diff.changed[:DIFF_LIMIT],
        "diff_limit": DIFF_LIMIT,
    }


class LandscapeView(_SpacePermissionMixin, TemplateView):
    """The landscape map three ways: type × level grid, map with table, organisation × body matrix.

    Visitors, members and guests see the latest published revision exactly; the register's
    editors see the live register (``?view=published`` shows them what the visitors see).
    """

    permission_required = "actors.view_landscape"
    template_name = "actors/landscape.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        space, user = self.space, self.request.user
        can_see_live = selectors.sees_live_register(user)
        live = can_see_live and self.request.GET.get("view") != "published"
        latest_revision = selectors.revision_latest(space)
        grid, areas = selectors.landscape_summary(space, live=live, revision=latest_revision)
        geo_params = {"county": space.county_id} if space.kind == SpaceKind.REGIONAL else {}
        level = "municipalities" if space.kind == SpaceKind.REGIONAL else "counties"
        geo_url = reverse("actors:geojson", kwargs={"level": level})
        try:
            matrix = selectors.landscape_matrix(space=space, user=user, query=self.request.GET, live=live)
        except InvalidCursor as error:
            raise BadRequest(str(error)) from error
        if geo_params:
            geo_url += f"?county={space.county_id}"
        context.update(
            grid=grid,
            areas=areas,
            map_data={
                "geojson": geo_url,
                "areas": {row["code"]: [row["name"], row["count"], row["shade"]] for row in areas["rows"]},
                "actorsLabel": _("actors"),
            },
            matrix=matrix,
            latest_revision=latest_revision,
            live=live,
            can_see_live=can_see_live,
            list_view="&view=published" if can_see_live and not live else "",
            can_publish=user.has_perm("actors.publish_landscape", space),
            can_review=user.has_perm("actors.review_suggestions", space),
        )
        return context


class LandscapeMembershipExportView(_SpacePermissionMixin, View):
    """The whole "who sits in which body" matrix of a landscape map as CSV (the page shows one page of it),
    with the same visibility: the bodies the user may see; visitors get the published map's organisations."""

    permission_required = "actors.view_landscape"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        live = selectors.sees_live_register(request.user) and request.GET.get("view") != "published"
        header = [_("organisation id"), _("organisation"), _("body id"), _("body"), _("role")]
        rows = selectors.landscape_membership_rows(space=self.space, user=request.user, live=live)
        stamp = timezone.localdate().isoformat()
        return csv_response(filename=f"landscape-{self.space.slug}-memberships-{stamp}.csv", header=header, rows=rows)


class LandscapePublishView(_SpacePermissionMixin, FormView):
    """Publish the map as a new revision, after seeing what changed since the last one."""

    permission_required = "actors.publish_landscape"
    template_name = "actors/landscape_publish.html"
    form_class = PublishForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["latest_revision"] = selectors.revision_latest(self.space)
        context.update(_diff_context(selectors.landscape_pending_changes(self.space), self.request.user))
        return context

    def form_valid(self, form: PublishForm) -> HttpResponse:
        try:
            revision = services.landscape_publish(
                space=self.space, actor=self.request.user, summary=form.cleaned_data["summary"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Revision %(n)s of the landscape map was published with %(count)s organisations.")
            % {"n": revision.number, "count": revision.organisation_count},
        )
        return redirect(revision)


class RevisionListView(_SpacePermissionMixin, TemplateView):
    permission_required = "actors.view_landscape"
    template_name = "actors/revision_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["page_obj"] = Paginator(selectors.revision_list(self.space), 50).get_page(self.request.GET.get("page"))
        return context


class RevisionDetailView(_SpacePermissionMixin, TemplateView):
    """One published revision: its snapshot as a table, 100 organisations a page."""

    permission_required = "actors.view_landscape"
    template_name = "actors/revision_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        revision = selectors.revision_get(self.space, self.kwargs["number"])
        if revision is None:
            raise Http404
        page = Paginator(revision.snapshot or [], 100).get_page(self.request.GET.get("page"))
        context["revision"] = revision
        context["page_obj"] = page
        rows = list(page.object_list)
        openable = selectors.openable_organisation_ids(self.request.user, [row.get("id") for row in rows])
        context["rows"] = [selectors.snapshot_display(row, openable) for row in rows]
        return context


class RevisionCompareView(_SpacePermissionMixin, TemplateView):
    """What changed between two revisions (``?from=<n>&to=<m>``; by default the last two)."""

    permission_required = "actors.view_landscape"
    template_name = "actors/revision_compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        numbers = list(selectors.revision_list(self.space).values_list("number", flat=True))
        data = self.request.GET.copy()
        if numbers and "to" not in data:
            data["to"] = str(numbers[0])
        if len(numbers) > 1 and "from" not in data:
            data["from"] = str(numbers[1])
        form = CompareForm(data if len(numbers) > 1 else None, numbers=numbers)
        context["form"] = form
        context["numbers"] = numbers
        if form.is_bound and form.is_valid():
            old = selectors.revision_get(self.space, form.cleaned_data["from"])
            new = selectors.revision_get(self.space, form.cleaned_data["to"])
            if old is not None and new is not None:
                context.update(
                    old=old,
                    new=new,
                    **_diff_context(selectors.revision_diff(old.snapshot, new.snapshot), self.request.user),
                )
        return context


class SuggestionCreateView(_SpacePermissionMixin, FormView):
    """Anyone, also without an account, may suggest a correction to the map."""

    permission_required = "actors.suggest_correction"
    template_name = "actors/suggestion_form.html"
    form_class = SuggestionForm
    #: A field people never see; bots that fill in every field give themselves away.
    honeypot = "website"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        preset = self.request.GET.get("organisation", "")
        if preset.isdigit():
            kwargs["organisation"] = selectors.organisation_get(self.request.user, preset)
        return kwargs

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get(self.honeypot):
            messages.success(request, _("Thank you! Your suggestion has been received."))
            return redirect("actors:landscape", space=self.space.slug)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: SuggestionForm) -> HttpResponse:
        try:
            suggestion = services.suggestion_submit(
                space=self.space,
                message=form.cleaned_data["message"],
                organisation=form.cleaned_data["organisation"],
                submitter_name=form.cleaned_data["submitter_name"],
                submitter_email=form.cleaned_data["submitter_email"],
                user=self.request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Thank you! Your suggestion has been received with number %(n)s. "
                "The secretariat of %(space)s will review it."
            )
            % {"n": suggestion.pk, "space": self.space.name},
        )
        return redirect("actors:landscape", space=self.space.slug)


class SuggestionListView(_SpacePermissionMixin, TemplateView):
    """The managers' queue: pending suggestions with accept / reject, and the decided ones."""

    permission_required = "actors.review_suggestions"
    template_name = "actors/suggestion_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("status", SuggestionStatus.PENDING)
        if status not in SuggestionStatus.values:
            status = SuggestionStatus.PENDING
        context["status"] = status
        context["statuses"] = SuggestionStatus.choices
        context["counts"] = selectors.suggestion_counts(self.space)
        page = Paginator(selectors.suggestion_list(self.space, status=status), 50).get_page(
            self.request.GET.get("page")
        )
        for suggestion in page.object_list:
            suggestion.change_rows = selectors.change_rows(suggestion.changes)  # type: ignore[attr-defined]
        context["page_obj"] = page
        return context


def _pending_suggestion(view: Any) -> CorrectionSuggestion:
    return get_object_or_404(
        CorrectionSuggestion.objects.select_related("space", "organisation"), pk=view.kwargs["pk"], space=view.space
    )


class SuggestionAcceptView(_SpacePermissionMixin, FormView):
    """Accept a suggestion by making its change in the register.

    The organisation's form opens pre-filled with what is stored (or empty, to register a missing
    organisation); saving applies the change and records the suggestion as accepted in one
    transaction, and the reply to the submitter lists what was changed. Nothing is accepted
    without a change: a save that changes nothing is refused beside the form.
    """

    permission_required = "actors.review_suggestions"
    template_name = "actors/suggestion_accept.html"
    form_class = SuggestionAcceptForm

    @cached_property
    def suggestion(self) -> CorrectionSuggestion:
        return _pending_suggestion(self)

    @cached_property
    def target(self) -> Organisation | None:
        """The organisation to change: the one chosen on this page, else the one the suggestion names."""
        chosen = (self.request.POST.get("target") if self.request.method == "POST" else None) or self.request.GET.get(
            "organisation", ""
        )
        if chosen == "new":
            return None
        if chosen.isdigit():
            found = Organisation.objects.with_related().filter(pk=int(chosen)).first()
            if found is not None:
                return found
        if self.suggestion.organisation_id is None:
            return None
        return Organisation.objects.with_related().filter(pk=self.suggestion.organisation_id).first()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.suggestion.status != SuggestionStatus.PENDING:
            messages.info(request, _("This suggestion has already been decided."))
            return redirect(
                f"{reverse('actors:suggestion-list', kwargs={'space': self.space.slug})}?status={self.suggestion.status}"
            )
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.target  # the stored values fill the form
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        search = SuggestionTargetForm(self.request.GET if "q" in self.request.GET else None)
        matches: list[Organisation] = []
        if search.is_bound and search.is_valid() and len(search.cleaned_data["q"].strip()) >= 2:
            matches = list(selectors.organisation_list(user=self.request.user, q=search.cleaned_data["q"])[:20])
        context.update(
            suggestion=self.suggestion,
            target=self.target,
            search_form=search,
            matches=matches,
            searched=search.is_bound,
        )
        return context

    def form_valid(self, form: SuggestionAcceptForm) -> HttpResponse:
        try:
            suggestion = services.suggestion_accept(
                suggestion=self.suggestion,
                actor=self.request.user,
                data=services.OrganisationData(**form.service_data()),
                response=form.cleaned_data.get("response", ""),
                organisation=self.target,
                confirm_similar=bool(form.cleaned_data.get("confirm_similar")),
            )
        except services.SimilarOrganisationsError as error:
            form.add_confirm_field()
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form, similar=error.similar))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "The suggestion was accepted and the register changed (%(name)s). "
                "Publish the landscape map to show the change to visitors."
            )
            % {"name": suggestion.organisation.name if suggestion.organisation else "–"},
        )
        return redirect(f"{reverse('actors:suggestion-list', kwargs={'space': self.space.slug})}?status=accepted")


class SuggestionDecideView(_SpacePermissionMixin, View):
    """Reject one suggestion with a reason (POST from the queue); accepting opens the pre-filled form."""

    permission_required = "actors.review_suggestions"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        suggestion = _pending_suggestion(self)
        decision = request.POST.get("decision")
        if decision == "accept":
            return redirect("actors:suggestion-accept", space=self.space.slug, pk=suggestion.pk)
        if decision != "reject":
            messages.error(request, _("Choose whether to accept or reject the suggestion."))
        else:
            try:
                services.suggestion_reject(
                    suggestion=suggestion, actor=request.user, response=request.POST.get("response", "")[:4000]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The suggestion was rejected."))
        return redirect("actors:suggestion-list", space=self.space.slug)
