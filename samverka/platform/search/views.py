"""The global search page: the header's search box leads here."""

from typing import Any

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from samverka.platform.core.permissions import PUBLIC, PermissionMixin
from samverka.platform.search import selectors


class SearchView(PermissionMixin, TemplateView):
    """Open to everyone: what each person finds is what they may see (the selectors filter every kind)."""

    permission_required = PUBLIC
    template_name = "search/search.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = (self.request.GET.get("q") or "").strip()[: selectors.MAX_QUERY_LENGTH]
        kind = self.request.GET.get("kind") or ""
        if kind not in selectors.KIND_KEYS:
            kind = ""
        user = self.request.user
        context.update(search_query=query, kind=kind, groups=[], page_obj=None, hits=[], more_links=[])
        if not selectors.words_of(query):
            return context
        if not kind:
            context["groups"] = selectors.global_search(user, query)
            return context
        page_number = self.request.GET.get("page")
        if kind == "registry":
            rows, spaces, links = selectors.registry_page(user, query)
            context["more_links"] = links
            context["kind_label"] = selectors.label_of(kind)
            if rows is not None:
                page = Paginator(rows, selectors.PAGE_SIZE).get_page(page_number)
                context["page_obj"] = page
                context["hits"] = [selectors.public_diary_hit(d, spaces) for d in page]
            return context
        rows, to_hit = selectors.kind_rows(kind, user, query)
        page = Paginator(rows, selectors.PAGE_SIZE).get_page(page_number)
        context["kind_label"] = selectors.label_of(kind)
        context["page_obj"] = page
        context["hits"] = [to_hit(r) for r in page]
        return context
