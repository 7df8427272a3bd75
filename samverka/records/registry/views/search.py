"""Full-text search in the registry: cases and documents, including the text of their files."""

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from samverka.records.registry import search, selectors
from samverka.records.registry.secrecy import may_see_marked_in
from samverka.records.registry.views.cases import PAGE_SIZE, SpacePermissionMixin


class KnownCountPaginator(Paginator):
    """A paginator told the count (the search has counted its hits already)."""

    def __init__(self, object_list: Any, per_page: int, *, count: int) -> None:
        super().__init__(object_list, per_page)
        self._count = count

    @cached_property
    def count(self) -> int:
        return self._count


class RegistrySearchView(SpacePermissionMixin, TemplateView):
    permission_required = "registry.view_case"
    template_name = "registry/search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = (self.request.GET.get("q") or "").strip()[:200]
        context["query"] = query
        if not query:
            return context
        can_see_marked = may_see_marked_in(self.request.user, self.space.pk)
        hits_found = search.search(self.space, self.request.user, query)
        page = KnownCountPaginator(hits_found.entries, PAGE_SIZE, count=hits_found.total).get_page(
            self.request.GET.get("page")
        )
        hits = []
        for entry in page:
            if entry.document is None:
                hits.append({"case": entry.case, "row": None})
                continue
            entry.document.case = entry.case
            hits.append(
                {
                    "case": entry.case,
                    "document": entry.document,
                    "row": selectors.internal_row(entry.document, can_see_marked=can_see_marked),
                }
            )
        context["page_obj"] = page
        context["hits"] = hits
        context["capped"] = page.paginator.count >= search.MAX_HITS
        return context
