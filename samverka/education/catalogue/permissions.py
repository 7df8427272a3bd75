"""Who may see and change the education catalogue.

Published offerings, educations and providers the feed has not removed are public (the models'
``restrict``); every row of a space is for its insiders. Those who run the space (platform admin, the
space's admin or secretariat) change everything in the space, run the EMIL3 import and appoint municipal
editors. A **municipal editor** (``MunicipalEditor``) adds and changes the providers and offerings of
their own municipality only — an offering elsewhere is refused, whoever asks.

Objects: ``change_offering`` takes an Offering, ``change_education`` an Education, ``change_provider`` a
Provider; the other rules take the Space.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.permissions import runs_space
from samverka.education.catalogue.models import Education, MunicipalEditor, Offering, Provider
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider, space_id_of

_CACHE = "_catalogue_editor_municipalities"


def editor_municipalities(user: Any) -> dict[int, frozenset[str]]:
    """Space id → the municipality codes ``user`` edits there (read once per user object)."""
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        found: dict[int, set[str]] = {}
        for space_id, code in MunicipalEditor.objects.filter(user=user).values_list("space_id", "municipality_id"):
            found.setdefault(space_id, set()).add(code)
        cached = {space_id: frozenset(codes) for space_id, codes in found.items()}
        setattr(user, _CACHE, cached)
    return cached


def municipality_of(obj: Any) -> str | None:
    """The municipality code an offering, provider or education belongs to (an education: its provider's)."""
    if isinstance(obj, Offering | Provider):
        return obj.municipality_id
    if isinstance(obj, Education):
        return obj.provider.municipality_id
    return None


@rules.predicate
def is_municipal_editor(user: Any, obj: Any) -> bool:
    """Edits some municipality in the space of ``obj`` (a Space or a catalogue row)."""
    space_id = space_id_of(obj)
    return space_id is not None and bool(editor_municipalities(user).get(space_id))


@rules.predicate
def edits_its_municipality(user: Any, obj: Any) -> bool:
    """Is an editor of the municipality the catalogue row ``obj`` belongs to."""
    code = municipality_of(obj)
    space_id = space_id_of(obj)
    return code is not None and space_id is not None and code in editor_municipalities(user).get(space_id, ())


runs_catalogue = runs_space
edits_catalogue = runs_space | is_municipal_editor

rules.add_perm("catalogue.view_catalogue", is_platform_admin | is_space_insider | is_municipal_editor)
rules.add_perm("catalogue.view_planner", is_platform_admin | is_space_insider)
rules.add_perm("catalogue.add_offering", edits_catalogue)
rules.add_perm("catalogue.add_provider", edits_catalogue)
rules.add_perm("catalogue.add_education", edits_catalogue)
rules.add_perm("catalogue.change_offering", runs_space | edits_its_municipality)
rules.add_perm("catalogue.change_provider", runs_space | edits_its_municipality)
rules.add_perm("catalogue.change_education", runs_space | edits_its_municipality)
rules.add_perm("catalogue.run_import", runs_catalogue)
rules.add_perm("catalogue.manage_editors", runs_catalogue)
