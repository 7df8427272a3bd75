"""Reads of the indicator and outlook pages and the statistics API."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from samverka.insight.indicators.models import Scenario
from samverka.insight.statistics.models import Dataset, DatasetVersion, Observation, VersionStatus
from samverka.platform.accounts.models import User
from samverka.platform.spaces.models import Space


def visible_versions(user: User | AnonymousUser) -> QuerySet[DatasetVersion]:
    """Versions whose numbers ``user`` may read.

    Everyone: the published versions of public datasets. The space's insiders (and platform
    admins): every version of the space's datasets except discarded ones, so that an analyst can
    compute indicators on a draft before publishing it.
    """
    return (
        DatasetVersion.objects.restrict(user)
        .exclude(status=VersionStatus.DISCARDED)
        .select_related("dataset", "dataset__space")
    )


def versions_for_space(space: Space, user: User | AnonymousUser) -> list[DatasetVersion]:
    """The versions offered on a space's pages: its own datasets first, then other spaces' public ones."""
    versions = visible_versions(user).order_by("dataset__title", "-number")
    return sorted(versions, key=lambda v: v.dataset.space_id != space.pk)


def visible_datasets(user: User | AnonymousUser) -> QuerySet[Dataset]:
    """Datasets ``user`` may see that have at least one version they may read."""
    return (
        Dataset.objects.restrict(user)
        .filter(pk__in=visible_versions(user).values("dataset_id"))
        .select_related("space")
        .order_by("title")
    )


def visible_observations(user: User | AnonymousUser) -> QuerySet[Observation]:
    return Observation.objects.filter(version_id__in=visible_versions(user).values("pk"))


def scenario_list(space: Space, user: User | AnonymousUser) -> QuerySet[Scenario]:
    return (
        Scenario.objects.restrict(user)
        .filter(space=space)
        .select_related("space", "version__dataset", "created_by")
        .order_by("-updated_at")
    )


def scenario_detail_queryset(space: Space, user: User | AnonymousUser) -> QuerySet[Scenario]:
    return Scenario.objects.restrict(user).filter(space=space).select_related("space", "version__dataset")
