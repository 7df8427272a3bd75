"""Who may see and change statistics.

Anyone reads the *published* versions of public datasets; a space's insiders (every role but
guest) and platform admins read every dataset and version of the space. The space's analysts,
admins and secretariat (and platform admins) create datasets, import, publish and discard.

Objects: ``view_dataset`` takes a Dataset, ``view_version`` a DatasetVersion; ``add_dataset``
and ``import_statistics`` take the Space (or a Dataset), ``publish_version`` a DatasetVersion.
"""

from typing import Any

import rules

from samverka.insight.statistics.models import Dataset, DatasetVersion, VersionStatus
from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.permissions import has_space_role, is_platform_admin, is_space_insider


def _space_owner(obj: Any) -> Any:
    """Versions belong to a space through their dataset."""
    return obj.dataset if isinstance(obj, DatasetVersion) else obj


@rules.predicate
def is_public_dataset(user: Any, obj: Any) -> bool:
    dataset = _space_owner(obj)
    return isinstance(dataset, Dataset) and dataset.is_public


@rules.predicate
def is_published_version(user: Any, version: Any) -> bool:
    return isinstance(version, DatasetVersion) and version.status == VersionStatus.PUBLISHED


_is_analyst = has_space_role(SpaceRole.ANALYST, SpaceRole.ADMIN, SpaceRole.SECRETARIAT, name="is_space_analyst")


@rules.predicate
def is_space_analyst(user: Any, obj: Any) -> bool:
    return bool(_is_analyst.test(user, _space_owner(obj)))


@rules.predicate
def is_insider_of(user: Any, obj: Any) -> bool:
    return bool(is_space_insider.test(user, _space_owner(obj)))


works_with_statistics = is_platform_admin | is_space_analyst

rules.add_perm("statistics.view_space_datasets", rules.always_allow)
rules.add_perm("statistics.view_dataset", is_platform_admin | is_public_dataset | is_insider_of)
rules.add_perm(
    "statistics.view_version", is_platform_admin | is_insider_of | (is_public_dataset & is_published_version)
)
rules.add_perm("statistics.add_dataset", works_with_statistics)
rules.add_perm("statistics.import_statistics", works_with_statistics)
rules.add_perm("statistics.publish_version", works_with_statistics)
