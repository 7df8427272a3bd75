import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from conftest import give_totp
from samverka.platform.spaces import services
from samverka.platform.spaces.models import SpaceMembership
from samverka.platform.spaces.selectors import roles_by_space

pytestmark = pytest.mark.django_db


def test_user_can_belong_to_several_spaces_and_switch(client, space, other_space, make_role_user):
    user = make_role_user(space, "member")
    SpaceMembership.objects.create(space=other_space, user=user, role="analyst")
    client.force_login(user)
    home = client.get("/")
    assert {s.slug for s in home.context["my_spaces"]} == {space.slug, other_space.slug}
    assert b'id="space-switch"' in home.content
    switched = client.get(reverse("spaces:switch"), {"space": other_space.slug})
    assert switched["Location"] == other_space.get_absolute_url()


def test_switch_to_unknown_space_is_404(client):
    assert client.get(reverse("spaces:switch"), {"space": "finns-inte"}).status_code == 404


def test_admin_adds_member_and_new_account_is_created(client, space, make_role_user):
    admin = make_role_user(space, "admin")
    give_totp(admin)
    client.force_login(admin)
    response = client.post(
        reverse("spaces:members", kwargs={"space": space.slug}),
        {"email": "Ny.Person@Example.se", "full_name": "Ny Person", "role": "analyst"},
    )
    assert response.status_code == 302
    membership = SpaceMembership.objects.get(space=space, user__email="ny.person@example.se")
    assert membership.role == "analyst"


def test_adding_unknown_person_without_name_is_refused_clearly(client, space, make_role_user):
    admin = make_role_user(space, "admin")
    give_totp(admin)
    client.force_login(admin)
    response = client.post(
        reverse("spaces:members", kwargs={"space": space.slug}), {"email": "okand@example.se", "role": "member"}
    )
    assert response.status_code == 200
    assert "okand@example.se" in response.content.decode()
    assert not SpaceMembership.objects.filter(user__email="okand@example.se").exists()


def test_members_page_is_for_space_admins_only(client, space, other_space, make_role_user):
    url = reverse("spaces:members", kwargs={"space": space.slug})
    client.force_login(make_role_user(space, "secretariat"))
    assert client.get(url).status_code == 403
    outsider = make_role_user(other_space, "admin")
    give_totp(outsider)
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.post(url, {"email": "x@example.se", "full_name": "X", "role": "admin"}).status_code == 403
    assert not SpaceMembership.objects.filter(user__email="x@example.se").exists()


def test_last_admin_cannot_be_removed(space, make_role_user):
    admin = make_role_user(space, "admin")
    membership = SpaceMembership.objects.get(user=admin)
    with pytest.raises(ValidationError):
        services.space_member_remove(membership=membership, actor=admin)
    with pytest.raises(ValidationError):
        services.space_member_change_role(membership=membership, role="member", actor=admin)
    assert SpaceMembership.objects.get(pk=membership.pk).role == "admin"


def test_service_refuses_a_non_admin(space, make_role_user):
    member = make_role_user(space, "member")
    with pytest.raises(PermissionDenied):
        services.space_member_add(space=space, email="a@example.se", full_name="A", role="admin", actor=member)


def test_role_change_is_audited_with_actor_and_request_id(client, space, make_role_user):
    admin = make_role_user(space, "admin")
    give_totp(admin)
    member = make_role_user(space, "member")
    membership = SpaceMembership.objects.get(user=member)
    client.force_login(admin)
    response = client.post(
        reverse("spaces:member-edit", kwargs={"space": space.slug, "pk": membership.pk}),
        {"role": "analyst"},
        HTTP_X_REQUEST_ID="req-abcdef123",
    )
    entry = LogEntry.objects.get_for_object(membership).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == admin
    # The correlation id is the server's; the client's own id is kept beside it.
    assert entry.cid == response["X-Request-ID"] != "req-abcdef123"
    assert entry.additional_data["client_request_id"] == "req-abcdef123"
    assert entry.changes_dict["role"] == ["member", "analyst"]
    audit = client.get(reverse("spaces:audit", kwargs={"space": space.slug}))
    assert audit.status_code == 200
    assert entry.cid in audit.content.decode()


def test_audit_log_is_for_admins_and_scoped_to_the_space(client, space, other_space, make_role_user):
    make_role_user(other_space, "member")  # creates an audit row in the other space
    url = reverse("spaces:audit", kwargs={"space": space.slug})
    client.force_login(make_role_user(space, "secretariat"))
    assert client.get(url).status_code == 403
    admin = make_role_user(space, "admin")
    give_totp(admin)
    client.force_login(admin)
    entries = [row.entry for row in client.get(url).context["audit_page"].rows]
    assert entries and all(e.additional_data["space_id"] == space.pk for e in entries)


def test_audit_rows_cannot_be_edited_in_the_admin(client, superuser):
    give_totp(superuser)
    client.force_login(superuser)
    entry = LogEntry.objects.first()
    assert entry is not None
    url = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    response = client.post(url, {"object_repr": "tampered"})
    entry.refresh_from_db()
    assert entry.object_repr != "tampered"
    assert client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    assert response.status_code in (200, 403)


def test_roles_are_read_once_per_request(space, make_role_user, django_assert_num_queries):
    user = make_role_user(space, "member")
    user.refresh_from_db()
    with django_assert_num_queries(1):
        roles_by_space(user)
        roles_by_space(user)
