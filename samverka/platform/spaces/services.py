"""Every write about spaces and their members."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samverka.platform.accounts.models import User
from samverka.platform.accounts.services import user_create
from samverka.platform.core.permissions import ensure
from samverka.platform.spaces.models import Space, SpaceMembership, SpaceRole
from samverka.platform.spaces.selectors import forget_roles


@transaction.atomic
def space_create(
    *,
    slug: str,
    name: str,
    kind: str,
    county_id: str | None = None,
    owner_name: str = "",
    contact_email: str = "",
    description: str = "",
) -> Space:
    """Make a space (national, or regional with its county); the slug is its address, /s/<slug>/."""
    space = Space(
        slug=slug,
        name=name,
        kind=kind,
        county_id=county_id,
        owner_name=owner_name,
        contact_email=contact_email,
        description=description,
    )
    space.full_clean()
    space.save()
    return space


@transaction.atomic
def space_member_add(
    *, space: Space, email: str, role: str, actor: User | None, full_name: str = ""
) -> SpaceMembership:
    """Give a person a role in the space, creating an account (without password) if needed.

    The new person sets a password through "forgot password" on the login page.
    """
    ensure(actor is None or actor.has_perm("spaces.manage_space", space))
    if role not in SpaceRole.values:
        raise ValidationError(_("Unknown role."))
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        if not full_name.strip():
            raise ValidationError(
                _("There is no account for %(email)s yet: give the person's name.") % {"email": email}
            )
        user = user_create(email=email, full_name=full_name.strip())
    membership, created = SpaceMembership.objects.get_or_create(space=space, user=user, defaults={"role": role})
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
    forget_roles(user)
    return membership


@transaction.atomic
def space_member_change_role(*, membership: SpaceMembership, role: str, actor: User | None) -> SpaceMembership:
    ensure(actor is None or actor.has_perm("spaces.manage_space", membership.space))
    if role not in SpaceRole.values:
        raise ValidationError(_("Unknown role."))
    _ensure_an_admin_remains(membership, new_role=role)
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    forget_roles(membership.user)
    return membership


@transaction.atomic
def space_member_remove(*, membership: SpaceMembership, actor: User | None) -> None:
    ensure(actor is None or actor.has_perm("spaces.manage_space", membership.space))
    _ensure_an_admin_remains(membership, new_role=None)
    membership.delete()
    forget_roles(membership.user)


def _ensure_an_admin_remains(membership: SpaceMembership, *, new_role: str | None) -> None:
    if membership.role != SpaceRole.ADMIN or new_role == SpaceRole.ADMIN:
        return
    others = SpaceMembership.objects.filter(space=membership.space, role=SpaceRole.ADMIN).exclude(pk=membership.pk)
    if not others.exists():
        raise ValidationError(_("A space must keep at least one administrator."))
