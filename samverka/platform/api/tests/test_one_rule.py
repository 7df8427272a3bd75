"""The read rule is written once: no module re-checks the platform admin or the space's insiders by hand,
and nobody calls the old ``visible_to``. (The API's side of issue 13: the API rebuilt the status reports'
rule and disagreed with the pages.)"""

import re
from pathlib import Path

import pytest

import samverka
from samverka.collaboration.bodies.models import Body
from samverka.testing import factories

ROOT = Path(samverka.__file__).parent
#: Where ``is_superuser`` may be read: the one place that decides "sees everything", and the accounts app,
#: which creates superusers, shows the flag in its admin and asks platform admins for two-factor.
SUPERUSER_ALLOWED = {"platform/core/querysets.py", "platform/accounts/models.py", "platform/accounts/admin.py"}
#: Two-factor is asked of superusers and staff alike (not a read rule).
SUPERUSER_ALSO = {"platform/accounts/selectors.py": "user.is_superuser or user.is_staff"}


def sources() -> list[tuple[str, str]]:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if re.search(r"(^|/)(tests|migrations)/|^demo/|^testing/", relative):
            continue
        found.append((relative, path.read_text(encoding="utf-8")))
    return found


def test_only_core_querysets_decides_that_the_platform_admin_sees_everything():
    offenders = []
    for relative, text in sources():
        if "is_superuser" not in text or relative in SUPERUSER_ALLOWED:
            continue
        allowed = SUPERUSER_ALSO.get(relative)
        lines = [line.strip() for line in text.splitlines() if "is_superuser" in line]
        if allowed is None or any(allowed not in line for line in lines):
            offenders.append(f"{relative}: {lines}")
    assert offenders == [], "use core.querysets.sees_everything (or a model's restrict()):\n" + "\n".join(offenders)


def test_nobody_calls_visible_to_and_nobody_rebuilds_the_insider_rule():
    offenders = []
    for relative, text in sources():
        if re.search(r"\.visible_to\(", text):
            offenders.append(f"{relative}: calls visible_to (use Model.objects.restrict(user))")
        if relative != "platform/spaces/visibility.py" and re.search(r"insider_space_ids|_insider_scope", text):
            offenders.append(f"{relative}: rebuilds the insider rule (use spaces.visibility)")
    assert offenders == [], "\n".join(offenders)


@pytest.mark.django_db
def test_restrict_answers_change_with_the_pages_own_rule(space, other_space, make_role_user, superuser):
    mine = factories.make_body(space=space, name="Beredningsgrupp A", is_public=False)
    public_elsewhere = factories.make_body(space=other_space, name="Programråd B", is_public=True)
    secretariat, member = make_role_user(space, "secretariat"), make_role_user(space, "member")
    assert set(Body.objects.restrict(member)) == {mine, public_elsewhere}
    assert set(Body.objects.restrict(member, "change")) == set()
    assert set(Body.objects.restrict(secretariat, "change")) == {mine}
    for user in (secretariat, member, superuser):
        expected = {body for body in Body.objects.all() if user.has_perm("bodies.change_body", body)}
        assert set(Body.objects.restrict(user, "change")) == expected
    assert set(Body.objects.restrict(None, "change")) == set()
    with pytest.raises(ValueError, match="no rule"):
        Body.objects.restrict(member, "chnage")
