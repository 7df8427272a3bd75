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
    Body.objects.restrict(user, "change")          # what they may change (the rule bodies.change_body)

"view" is answered in SQL by the model's ``restriction``. Any other action is answered by the django-rules
permission the pages and the API check for it (``<app>.<action>_<model>``), asked of each row the user may
see: so there is still one rule per action, never a second copy; it reads the rows, so use it on bounded sets.
"""

from typing import Any, Self, TypeVar

import rules
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

    def restrict(self, user: Any, action: str = VIEW) -> Self:
        """The rows of this queryset ``user`` (a User, an anonymous user or ``None``) may ``action``.

        An action without a rule (no ``<app>.<action>_<model>`` permission) raises, so a caller never gets
        "everything" by a typo.
        """
        if action != VIEW:
            return self._restrict_by_rule(user, action)
        if sees_everything(user):
            return self
        condition = self.restriction(user, VIEW)
        return self if condition is None else self.filter(condition)

    def _restrict_by_rule(self, user: Any, action: str) -> Self:
        meta = self.model._meta
        permission = f"{meta.app_label}.{action}_{meta.model_name}"
        if not rules.perm_exists(permission):
            raise ValueError(f"{self.model.__name__} has no rule for the action {action!r} ({permission})")
        if user is None or not user.is_authenticated:
            return self.none()
        visible = self.restrict(user, VIEW)
        return self.filter(pk__in=[row.pk for row in visible if user.has_perm(permission, row)])

    def restriction(self, user: Any, action: str) -> Q | None:
        """The condition on the rows ``user`` may ``action`` (``None``: every row).

        Never called for the platform admin. ``user`` may be anonymous or ``None``.
        """
        raise NotImplementedError(f"{type(self).__name__} must say which rows a user may see")
