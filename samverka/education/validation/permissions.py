"""Who may see and change validation offers and outcomes.

Published offers are public; every offer of a space is for its insiders, and the offers of a municipality for
its municipal editors (``catalogue.MunicipalEditor``), who add and change the offers of their own municipality
only. Outcome rows are for the space's insiders; those who run the space and its analysts record them (by form
or Excel upload). The public, and every export, reads outcomes only as the suppressed aggregate of
``selectors.outcome_table`` (rule ``validation.view_public_outcomes``, open to all). Pseudonymous person-level
records, when a space keeps them, are for those who run the space and its analysts.

Objects: ``view_validationoffer`` and ``change_validationoffer`` take a ValidationOffer,
``change_validationoutcome`` a ValidationOutcome; the other rules take the Space.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.permissions import runs_space
from samverka.education.catalogue.permissions import editor_municipalities, is_municipal_editor
from samverka.education.validation.models import ValidationOffer
from samverka.platform.spaces.models import SpaceRole
from samverka.platform.spaces.permissions import has_space_role, is_platform_admin, is_space_insider, space_id_of

is_space_analyst = has_space_role(SpaceRole.ANALYST, name="is_space_analyst")


@rules.predicate
def is_published_offer(user: Any, offer: Any) -> bool:
    return isinstance(offer, ValidationOffer) and offer.is_published


@rules.predicate
def edits_offer_municipality(user: Any, offer: Any) -> bool:
    """A municipal editor of the offer's municipality in the offer's space."""
    if not isinstance(offer, ValidationOffer) or offer.municipality_id is None:
        return False
    return offer.municipality_id in editor_municipalities(user).get(space_id_of(offer) or 0, ())


records_outcomes = runs_space | is_space_analyst

rules.add_perm("validation.view_offers", is_platform_admin | is_space_insider | is_municipal_editor)
rules.add_perm(
    "validation.view_validationoffer",
    is_platform_admin | is_published_offer | is_space_insider | edits_offer_municipality,
)
rules.add_perm("validation.add_offer", runs_space | is_municipal_editor)
rules.add_perm("validation.change_validationoffer", runs_space | edits_offer_municipality)
rules.add_perm("validation.view_outcomes", is_platform_admin | is_space_insider)
rules.add_perm("validation.view_public_outcomes", rules.always_allow)
rules.add_perm("validation.record_outcomes", records_outcomes)
rules.add_perm("validation.change_validationoutcome", records_outcomes)
rules.add_perm("validation.manage_settings", runs_space)
rules.add_perm("validation.keep_person_records", records_outcomes)
