"""Keyset (cursor) pagination of every API list: the last page costs what the first does.

The mechanism is the platform's one (``core.paging.KeysetPagination``, DRF's cursor over every ordering
field): a view declares ``ordering`` (non-null columns, ending with ``pk``) and an index on the same
columns serves the query at any depth. No ``COUNT(*)`` is made: a page answers ``next``, ``previous`` and
``results``. ``page_size`` is 50 by default, at most 500. A tampered or stale cursor answers 400
``{"cursor": [...]}``, never a server error; a cursor past the end gives the last page; a page number
(``?page=``) answers 400.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from samverka.platform.core.paging import KeysetPagination as CoreKeysetPagination


class KeysetPagination(CoreKeysetPagination):
    """The API's lists: the platform's keyset pagination, refusing page numbers."""

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any] | None:
        if "page" in request.query_params:
            # A client that counts pages would otherwise get the first page again and again.
            raise ValidationError({"page": [_("Lists are paged by cursor: follow the link in “next”.")]})
        return super().paginate_queryset(queryset, request, view)
