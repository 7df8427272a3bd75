"""Catalogue rows for the editing tests: real rows through the real models (a local or an imported one)."""

import itertools
from datetime import date
from typing import Any

from django.utils import timezone

from samverka.education.catalogue.derived import apply_offering_derived_fields
from samverka.education.catalogue.models import Education, MunicipalEditor, Offering, Provider, Source
from samverka.platform.accounts.models import User
from samverka.platform.core.models import Municipality
from samverka.platform.spaces.models import Space
from samverka.testing.factories import make_user

ESKILSTUNA = "0484"
NYKOPING = "0480"

_seq = itertools.count(1)


def _imported(fields: dict[str, Any], imported: bool) -> dict[str, Any]:
    if imported:
        fields.setdefault("source", Source.EMIL3)
        fields.setdefault("source_id", f"i.uoh.test.{next(_seq)}")
        fields.setdefault("source_updated_at", timezone.now())
    return fields


def make_provider(
    *, space: Space, municipality: str | None = ESKILSTUNA, imported: bool = False, **extra: Any
) -> Provider:
    n = next(_seq)
    fields: dict[str, Any] = {"name": f"Anordnare {n}", "responsible_body_type": "municipal", **extra}
    return Provider.objects.create(
        space=space,
        municipality=Municipality.objects.get(pk=municipality) if municipality else None,
        **_imported(fields, imported),
    )


def make_education(*, provider: Provider, imported: bool = False, **extra: Any) -> Education:
    n = next(_seq)
    fields: dict[str, Any] = {"title": f"Utbildning {n}", "school_type": "VUX", **extra}
    return Education.objects.create(space=provider.space, provider=provider, **_imported(fields, imported))


def make_offering(
    *,
    space: Space,
    municipality: str | None = ESKILSTUNA,
    imported: bool = False,
    education: Education | None = None,
    **extra: Any,
) -> Offering:
    if education is None:
        provider = make_provider(space=space, municipality=municipality, imported=imported)
        education = make_education(provider=provider, imported=imported)
    fields: dict[str, Any] = {"locality": "Centrum", "start_date": date(2027, 1, 18), "end_date": date(2027, 6, 4)}
    fields.update(extra)
    offering = Offering(
        space=space,
        education=education,
        provider=education.provider,
        municipality=Municipality.objects.get(pk=municipality) if municipality else None,
        **_imported(fields, imported),
    )
    apply_offering_derived_fields(offering)
    offering.save()
    return offering


def make_editor(*, space: Space, municipality: str = ESKILSTUNA, user: User | None = None) -> User:
    """A member of ``space`` who edits ``municipality``'s catalogue rows."""
    user = user or make_user(role_in=space, role="member")
    MunicipalEditor.objects.create(space=space, user=user, municipality_id=municipality)
    return user
