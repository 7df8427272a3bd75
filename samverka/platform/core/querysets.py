"""The one way a model answers "which rows may this user see".

Like NetBox's ``RestrictedQuerySet.restrict(user, action)``: every model that is not wholly public
gives its queryset class this base and writes its rule once, in ``restriction(user, action)``.
Pages, API viewsets, search, exports, feeds, e-mail building and commands all start from
``Model.objects.restrict(user)`` (or a selector that does), so a row hidden from a person answers
404 everywhere, and nobody re-implements the rule.

The platform admin case is decided here and nowhere else (``sees_everything``); the "insider of
the space" case lives in ``samverka.platform.spaces.visibility`` (core knows nothing of spaces).

    class GoalQuerySet(RestrictedQuerySet["Goal"]):
        def restriction(self, user, action):
            return Q(is_public=True) | insider_rows(user)

    Goal.objects.restrict(request.user)            # what the user may see
    Goal.objects.filter(year=2026).restrict(user)  # chains like any filter
"""

from typing import Any, Self, TypeVar

from django.db import models
from django.db.models import Q

_M = TypeVar("_M", bound=models.Model)

#: The action every restricted model answers.
VIEW = "view"

#: A condition no row meets (Django answers it without a query, also inside an OR).
NOTHING = Q(pk__in=[])


def sees_everything(user: Any) -> bool:
    """The platform admin (a superuser) may see every row of every model: the one place this is decided."""
    return bool(user is not None and user.is_authenticated and user.is_superuser)


def rows_in(field: str, queryset: models.QuerySet[Any]) -> Q:
    """Rows whose ``field`` points at a row of ``queryset`` (a subquery, not a join)."""
    return Q(**{f"{field}__in": queryset.values("pk")})


class RestrictedQuerySet(models.QuerySet[_M]):
    """A queryset with ``restrict(user, action="view")``; subclasses write ``restriction``."""

    #: The actions this model's rule answers; any other raises, so a caller cannot get "everything" by a typo.
    restrict_actions: frozenset[str] = frozenset({VIEW})

    def restrict(self, user: Any, action: str = VIEW) -> Self:
        """The rows of this queryset ``user`` (a User, an anonymous user or ``None``) may ``action``."""
        if action not in self.restrict_actions:
            raise ValueError(f"{self.model.__name__} has no rule for the action {action!r}")
        if sees_everything(user):
            return self
        condition = self.restriction(user, action)
        return self if condition is None else self.filter(condition)

    def restriction(self, user: Any, action: str) -> Q | None:
        """The condition on the rows ``user`` may ``action`` (``None``: every row).

        Never called for the platform admin. ``user`` may be anonymous or ``None``.
        """
        raise NotImplementedError(f"{type(self).__name__} must say which rows a user may see")
