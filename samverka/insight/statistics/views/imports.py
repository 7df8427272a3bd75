"""Statistics forms: new dataset, upload with the mapping step, publish and discard (SCB import: views.pxweb)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, View

from samverka.insight.statistics import jobs, services
from samverka.insight.statistics.forms import (
    DatasetForm,
    DatasetUpdateForm,
    MappingForm,
    PublishForm,
    UploadForm,
)
from samverka.insight.statistics.mapping import guess_roles
from samverka.insight.statistics.models import Dataset, ImportJob
from samverka.insight.statistics.uploads import check_upload
from samverka.insight.statistics.views.pages import DatasetMixin, VersionDetailView, VersionMixin
from samverka.platform.core.forms import add_service_error
from samverka.platform.core.permissions import PermissionMixin
from samverka.platform.spaces.mixins import SpaceMixin

SESSION_KEY = "statistics_uploads"


def job_url(job: ImportJob) -> str:
    dataset = job.dataset
    return reverse("statistics:import-job", kwargs={"space": dataset.space.slug, "slug": dataset.slug, "job": job.pk})


class DatasetCreateView(SpaceMixin, PermissionMixin, FormView):  # type: ignore[type-arg]
    permission_required = "statistics.add_dataset"
    template_name = "statistics/dataset_form.html"
    form_class = DatasetForm

    def get_permission_object(self) -> Any:
        return self.space

    def form_valid(self, form: DatasetForm) -> HttpResponse:
        data = dict(form.cleaned_data)
        try:
            dataset = services.create_dataset(
                actor=self.request.user,
                space=self.space,
                slug=data.pop("slug"),
                title=data.pop("title"),
                source=data.pop("source"),
                **data,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The dataset was created. Import its first version."))
        return redirect(dataset.get_absolute_url())


class DatasetUpdateView(DatasetMixin, FormView):  # type: ignore[type-arg]
    permission_required = "statistics.add_dataset"
    template_name = "statistics/dataset_form.html"
    form_class = DatasetUpdateForm

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Dataset.objects.get(pk=self.dataset.pk)  # the form must not change the page's copy
        return kwargs

    def form_valid(self, form: DatasetUpdateForm) -> HttpResponse:
        try:
            services.update_dataset(actor=self.request.user, dataset=self.dataset, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The changes were saved."))
        return redirect(self.dataset.get_absolute_url())


class UploadView(DatasetMixin, FormView):  # type: ignore[type-arg]
    """Step 1: upload a CSV, Excel or JSON-stat file; it is checked and kept for the mapping step."""

    permission_required = "statistics.import_statistics"
    template_name = "statistics/import_upload.html"
    form_class = UploadForm

    def form_valid(self, form: UploadForm) -> HttpResponse:
        try:
            checked = check_upload(form.cleaned_data["file"])
            _preview(checked.kind, checked.content)  # refuse a broken file before the mapping step
        except ValidationError as error:
            form.add_error("file", error.messages)
            return self.form_invalid(form)
        token = jobs.keep_upload(checked.content)
        uploads = self.request.session.get(SESSION_KEY, {})
        uploads[token] = {"name": checked.name, "kind": checked.kind, "dataset": self.dataset.pk}
        self.request.session[SESSION_KEY] = uploads
        return redirect(
            reverse(
                "statistics:import-mapping",
                kwargs={"space": self.space.slug, "slug": self.dataset.slug, "token": token},
            )
        )


def _preview(kind: str, content: bytes) -> tuple[list[str], list[str], list[list[str]]]:
    """Columns (or dimensions), guessed roles and a few example rows of an uploaded file."""
    from samverka.insight.statistics import jsonstat, tabular

    if kind == "jsonstat":
        parsed = jsonstat.parse(content)
        columns = [d.code for d in parsed.dimensions]
        guesses = guess_roles([(d.code, d.label, d.jsonstat_role) for d in parsed.dimensions])
        return columns, guesses, [[", ".join(d.codes[:5]) for d in parsed.dimensions]]
    preview = tabular.preview_csv(content) if kind == "csv" else tabular.preview_excel(content)
    guesses = guess_roles([(c, "", "") for c in preview.columns])
    # the value column is usually the last one: leave it out of the dimensions
    guesses = ["" if g == "other" else g for g in guesses]
    return preview.columns, guesses, preview.rows


class MappingView(DatasetMixin, FormView):  # type: ignore[type-arg]
    """Step 2: the analyst checks the role of every column or dimension; the import runs as a task."""

    permission_required = "statistics.import_statistics"
    template_name = "statistics/import_mapping.html"
    form_class = MappingForm

    @property
    def upload(self) -> dict[str, Any]:
        found = self.request.session.get(SESSION_KEY, {}).get(self.kwargs["token"])
        if not found or found.get("dataset") != self.dataset.pk:
            raise Http404
        return dict(found)

    def preview(self) -> tuple[list[str], list[str], list[list[str]]]:
        if not hasattr(self, "_preview"):
            self._preview = _preview(self.upload["kind"], jobs.read_upload(self.kwargs["token"]))
        return self._preview

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        columns, guesses, _rows = self.preview()
        kwargs.update(columns=columns, guesses=guesses, tabular=self.upload["kind"] != "jsonstat")
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        columns, _guesses, _rows = self.preview()
        return {"value_column": columns[-1]} if self.upload["kind"] != "jsonstat" else {}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        columns, _guesses, rows = self.preview()
        context.update(upload=self.upload, columns=columns, rows=rows)
        return context

    def form_valid(self, form: MappingForm) -> HttpResponse:
        upload = self.upload
        params: dict[str, Any] = {
            "token": self.kwargs["token"],
            "file_name": upload["name"],
            "file_kind": upload["kind"],
        }
        if upload["kind"] == "jsonstat":
            params["roles"] = form.roles()
        else:
            params.update(
                mapping=form.mapping(),
                value_column=form.cleaned_data["value_column"],
                status_column=form.cleaned_data.get("status_column") or "",
            )
        uploads = self.request.session.get(SESSION_KEY, {})
        uploads.pop(self.kwargs["token"], None)
        self.request.session[SESSION_KEY] = uploads
        job = jobs.start_import(actor=self.request.user, dataset=self.dataset, kind="upload", params=params)
        return HttpResponseRedirect(job_url(job))


class PublishView(VersionMixin, View):
    permission_required = "statistics.publish_version"

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        from samverka.insight.statistics.quality import errors

        form = PublishForm(request.POST, errors=errors(self.version.quality or {}))
        if form.is_valid():
            try:
                services.publish_version(
                    actor=request.user,
                    version=self.version,
                    report_seen=True,
                    accept_reason=form.cleaned_data.get("accept_reason", ""),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Version %(number)s was published.") % {"number": self.version.number})
                return redirect(self.version.get_absolute_url())
        page = VersionDetailView(request=request, args=args, kwargs=kwargs)
        page.setup(request, *args, **kwargs)
        return page.render_to_response(page.get_context_data(publish_form=form), status=400)


class DiscardView(VersionMixin, View):
    permission_required = "statistics.publish_version"

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.discard_version(actor=request.user, version=self.version)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Version %(number)s was discarded.") % {"number": self.version.number})
        return redirect(self.dataset.get_absolute_url())
