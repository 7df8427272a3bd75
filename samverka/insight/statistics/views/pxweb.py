"""Import from SCB in three steps, as in SCB's own interface, without JSON.

1. Find a table: search or browse SCB's table list (id, title, period, last update) or open an id.
2. Choose values: a form built from the table's metadata (per variable ticked values, all, the latest
   n or from a value; codelists; optional variables left out), with the number of cells and of calls
   to SCB. Without JavaScript "Count the cells" and "Show the values" re-render the page; with htmx
   the count follows every change and a codelist loads at once.
3. Import: the same import job as before (``jobs.start_import(kind="pxweb")``), then its progress page.

Everything is one URL: ``?q=`` searches, ``?table=`` opens the picker, POST counts or imports. A
selection written as JSON (``selection``) is still accepted as an advanced way in.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from samverka.insight.statistics import jobs
from samverka.insight.statistics.forms_pxweb import (
    CODELIST_ID,
    TABLE_ID,
    PxWebJsonForm,
    PxWebSelectionForm,
    TableIdForm,
    TableSearchForm,
    code_of_key,
)
from samverka.insight.statistics.pxweb import PxWebClient, TableMetadata, client_from_settings
from samverka.insight.statistics.views.imports import job_url
from samverka.insight.statistics.views.pages import DatasetMixin

ACTION_IMPORT, ACTION_COUNT, ACTION_CODELIST = "import", "count", "codelist"


def requested_codelists(data: QueryDict) -> dict[str, str]:
    """``{variable code: codelist id}`` from the form's ``<key>-codelist`` fields (or the query string)."""
    found: dict[str, str] = {}
    for name in data:
        value = data.get(name, "")
        code = code_of_key(name.removesuffix("-codelist")) if name.endswith("-codelist") else ""
        if code and value and CODELIST_ID.match(value):
            found[code] = value
    return found


class PxWebImportView(DatasetMixin, TemplateView):
    """Search SCB's tables, choose a table's values and start the import (runs as a task)."""

    permission_required = "statistics.import_statistics"
    template_name = "statistics/import_pxweb.html"
    picker_template = "statistics/pxweb_table.html"

    @property
    def client(self) -> PxWebClient:
        if not hasattr(self, "_client"):
            self._client = client_from_settings()
        return self._client

    # --- step 1 -------------------------------------------------------------------------------

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "table" in request.GET:
            id_form = TableIdForm(request.GET)
            if id_form.is_valid():
                return self.picker(id_form.cleaned_data["table"], data=None, codelists=requested_codelists(request.GET))
            return self.render_to_response(self.search_context(id_form=id_form))
        return self.render_to_response(self.search_context())

    def search_context(self, **extra: Any) -> dict[str, Any]:
        search = TableSearchForm(self.request.GET)
        context: dict[str, Any] = {
            "search_form": search,
            "id_form": TableIdForm(initial={"table": self.dataset.table_id}),
            "json_form": PxWebJsonForm(initial={"table_id": self.dataset.table_id}),
            **extra,
        }
        if search.is_valid():
            data = search.cleaned_data
            try:
                found = self.client.tables(data["q"], past_days=data["past_days"], page=data["page"] or 1)
            except ValidationError as error:
                context["search_error"] = " ".join(error.messages)
            else:
                query = self.request.GET.copy()
                query.pop("page", None)
                context.update(
                    page=found,
                    found=found.tables,
                    searched=bool(data["q"]),
                    page_query=query.urlencode(),
                )
        return self.get_context_data(**context)

    # --- step 2 and 3 -------------------------------------------------------------------------

    def picker(
        self, table_id: str, *, data: QueryDict | None, codelists: dict[str, str], action: str = ""
    ) -> HttpResponse:
        """The selection form for a table; with ``data`` it counts, changes codelist or imports."""
        context: dict[str, Any] = {"table_id": table_id}
        try:
            metadata, codelists = self._metadata(table_id, codelists, context)
            max_cells = self.client.max_cells
        except ValidationError as error:
            context["scb_error"] = " ".join(error.messages)
            return self.render_picker(context)
        if data is not None and action == ACTION_CODELIST:
            # Another codelist: new values; what was ticked and still exists is kept, nothing is imported.
            initial = PxWebSelectionForm.carried(data, metadata)
            form = PxWebSelectionForm(metadata=metadata, codelists=codelists, max_cells=max_cells, initial=initial)
        else:
            form = PxWebSelectionForm(data, metadata=metadata, codelists=codelists, max_cells=max_cells)
        form.enhance(self.request.path)
        if data is not None and action == ACTION_IMPORT and form.is_valid():
            job = jobs.start_import(
                actor=self.request.user,
                dataset=self.dataset,
                kind="pxweb",
                params={"table_id": metadata.table_id, "selection": form.cleaned_data["selection"]},
            )
            return HttpResponseRedirect(job_url(job))
        if data is not None and action == ACTION_COUNT:
            form.is_valid()  # show what is missing beside the fields
        context.update(
            metadata=metadata,
            form=form,
            variables=form.variable_fields(),
            summary=form.summary(),
            json_form=PxWebJsonForm(initial={"table_id": metadata.table_id, "selection": form.selection_json()}),
        )
        return self.render_picker(context)

    def _metadata(
        self, table_id: str, codelists: dict[str, str], context: dict[str, Any]
    ) -> tuple[TableMetadata, dict[str, str]]:
        """The metadata with the codelists asked for (only the table's own), and the codelists used."""
        if codelists:
            try:
                metadata = self.client.metadata(table_id, codelists)
            except ValidationError as error:
                # A grouping SCB does not know for this table: say so and show the table's own values.
                context["codelist_error"] = " ".join(error.messages)
            else:
                offered = {v.code: {c["id"] for c in v.codelists} for v in metadata.variables}
                # (SCB lists a variable's codelists with every answer; an empty list is not held against it.)
                if all(code in offered and value in (offered[code] or {value}) for code, value in codelists.items()):
                    return metadata, codelists
                context["codelist_error"] = _("The table has no such grouping; its own values are shown.")
        return self.client.metadata(table_id), {}

    def render_picker(self, context: dict[str, Any]) -> HttpResponse:
        response = self.response_class(
            request=self.request,
            template=[self.picker_template],
            context=self.get_context_data(**context),
            using=self.template_engine,
        )
        patch_vary_headers(response, ["HX-Request"])
        return response

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "selection" in request.POST:
            return self.post_json()
        id_form = TableIdForm({"table": request.POST.get("table_id", "")})
        if not id_form.is_valid():
            return self.render_to_response(self.search_context(id_form=id_form), status=400)
        action = request.POST.get("action", ACTION_IMPORT)
        if action not in (ACTION_IMPORT, ACTION_COUNT, ACTION_CODELIST):
            action = ACTION_COUNT
        table_id = id_form.cleaned_data["table"]
        return self.picker(table_id, data=request.POST, codelists=requested_codelists(request.POST), action=action)

    def post_json(self) -> HttpResponse:
        """Advanced: a selection written as JSON."""
        form = PxWebJsonForm(self.request.POST)
        if form.is_valid():
            job = jobs.start_import(
                actor=self.request.user,
                dataset=self.dataset,
                kind="pxweb",
                params={"table_id": form.cleaned_data["table_id"], "selection": form.cleaned_data["selection"]},
            )
            return HttpResponseRedirect(job_url(job))
        context = self.search_context(json_form=form, json_open=True)
        context["form"] = form
        return self.render_to_response(context)


__all__ = ["TABLE_ID", "PxWebImportView"]
