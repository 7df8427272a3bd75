"""Statistics pages: the space's datasets, a dataset with its versions, a version with its
provenance and quality report, its observations, the comparison with the previous version and
the progress of an import."""

from typing import Any

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from samverka.insight.statistics import quality, quality_rows, selectors
from samverka.insight.statistics.models import Dataset, DatasetVersion, ImportJob, VersionStatus
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin

PAGE_SIZE = 100


class DatasetMixin(SpaceMixin, PermissionMixin):
    """A dataset of the URL's space that the user may see (else 404); it is the permission object."""

    permission_required: Any = "statistics.view_dataset"
    kwargs: dict[str, Any]
    request: Any

    @property
    def dataset(self) -> Dataset:
        if not hasattr(self, "_dataset"):
            found = selectors.dataset_of(self.space, self.request.user, self.kwargs["slug"])
            if found is None:
                raise Http404
            self._dataset = found
        return self._dataset

    def get_permission_object(self) -> Any:
        return self.dataset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)  # type: ignore[misc]
        user = self.request.user
        context.update(
            dataset=self.dataset,
            can_import=user.has_perm("statistics.import_statistics", self.dataset),
        )
        return context


class VersionMixin(DatasetMixin):
    """A version the user may see (drafts only for the space's insiders; else 404)."""

    permission_required = "statistics.view_version"

    @property
    def version(self) -> DatasetVersion:
        if not hasattr(self, "_version"):
            found = selectors.version_of(self.dataset, self.request.user, self.kwargs["number"])
            if found is None:
                raise Http404
            self._version = found
        return self._version

    def get_permission_object(self) -> Any:
        return self.version

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(version=self.version, dimensions=selectors.dimensions_of(self.version))
        return context


class DatasetListView(SpaceMixin, PermissionMixin, TemplateView):
    permission_required = "statistics.view_space_datasets"
    template_name = "statistics/dataset_list.html"

    def get_permission_object(self) -> Any:
        return self.space

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        datasets = list(selectors.datasets_of(self.space, self.request.user))
        current = selectors.current_versions(datasets)
        context.update(
            rows=[{"dataset": d, "current": current.get(d.pk)} for d in datasets],
            can_add=self.request.user.has_perm("statistics.add_dataset", self.space),
            can_see_scenarios=self.request.user.has_perm("indicators.view_space_scenarios", self.space),
        )
        return context


class DatasetDetailView(DatasetMixin, TemplateView):
    template_name = "statistics/dataset_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        versions = list(selectors.versions_for(self.dataset, self.request.user))
        current = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
        context.update(versions=versions, current=current)
        return context


class VersionDetailView(VersionMixin, TemplateView):
    """Provenance, dimensions and the quality report; publishing and discarding for a draft."""

    template_name = "statistics/version_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from samverka.insight.statistics.forms import PublishForm

        context = super().get_context_data(**kwargs)
        version = self.version
        report = version.quality or {}
        errors = quality.errors(report)
        context.update(quality_context(version, context["dimensions"]))
        context.update(
            can_publish=version.status == VersionStatus.DRAFT
            and self.request.user.has_perm("statistics.publish_version", version),
            publish_form=kwargs.get("publish_form") or PublishForm(errors=errors),
            previous=selectors.previous_version(version, self.request.user),
        )
        return context


def quality_context(version: DatasetVersion, dimensions: list[Any]) -> dict[str, Any]:
    """What the quality report include shows: each check with its problems (place, column, value,
    what is wrong), the errors that block publishing and the tolerances that were applied."""
    report = version.quality or {}
    checks = report.get("checks", {})
    rows = quality_rows.problem_rows(report, dimensions)
    titles = quality_rows.check_titles()
    sections = []
    for name in quality.SEVERITY:
        if name not in checks:
            continue
        check = checks[name]
        problems = [row for row in rows if row["check"] == name]
        sections.append(
            {
                "name": name,
                "title": titles[name],
                "check": check,
                "severity": check.get("severity", quality.SEVERITY[name]),
                "problems": problems,
                "hidden": max(0, int(check.get("count", 0)) - len(problems)),
            }
        )
    tolerance = checks.get("totals", {}).get("tolerance") or quality.total_tolerance()
    return {
        "checks": checks,
        "quality_sections": sections,
        "quality_errors": [titles.get(name, name) for name in quality.errors(report)],
        "threshold_percent": round(float(checks.get("jumps", {}).get("threshold", quality.jump_threshold())) * 100),
        "min_base": checks.get("jumps", {}).get("min_base", quality.jump_min_base()),
        "tolerance_per_cell": tolerance.get("per_cell"),
        "tolerance_percent": round(100 * float(tolerance.get("relative", 0)), 3),
    }


class ObservationListView(VersionMixin, TemplateView):
    template_name = "statistics/observation_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        dimensions = context["dimensions"]
        filters = {d.role: self.request.GET.get(d.role, "") for d in dimensions if d.role != "other"}
        cells = selectors.observations(self.version, filters)
        page = Paginator(cells, PAGE_SIZE).get_page(self.request.GET.get("page"))
        columns = [d for d in dimensions if d.role != "other"]
        has_other = any(d.role == "other" for d in dimensions)
        labels = {d.role: selectors.category_labels(d) for d in columns}
        for d in columns:  # the filters offer the names too, the code after them
            d.choices = [(code, labels[d.role].get(code, code)) for code, _label in d.categories]
        context.update(
            page_obj=page,
            rows=[
                {
                    "cells": [_named(getattr(cell, d.role), labels[d.role]) for d in columns],
                    "other": cell.other,
                    "cell": cell,
                }
                for cell in page.object_list
            ],
            columns=columns,
            has_other=has_other,
            filters=filters,
            filter_choices=[(d, filters.get(d.role, "")) for d in columns],
        )
        return context


def _named(code: str, labels: dict[str, str]) -> tuple[str, str]:
    """(name, code) of a category; the code is empty when the name is the code."""
    name = labels.get(str(code), str(code))
    return (name, str(code) if name != str(code) else "")


class CompareView(VersionMixin, TemplateView):
    """This version against the previous one: cells added, removed and changed, the largest changes."""

    template_name = "statistics/compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        previous = selectors.previous_version(self.version, self.request.user)
        comparison = selectors.compare(previous, self.version) if previous is not None else None
        if comparison is not None:
            namer = selectors.KeyNamer(context["dimensions"])
            for change in comparison.largest:
                change["where"] = namer.key(change["key"])
        context.update(previous=previous, comparison=comparison)
        return context


class ImportJobView(DatasetMixin, TemplateView):
    """The progress of an import; htmx polls it, and a meta refresh does without JavaScript."""

    permission_required = "statistics.import_statistics"
    template_name = "statistics/import_job.html"

    def get_template_names(self) -> list[str]:
        if self.request.headers.get("HX-Request"):
            return ["statistics/includes/job_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["job"] = get_object_or_404(ImportJob, pk=self.kwargs["job"], dataset=self.dataset)
        return context
