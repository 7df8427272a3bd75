"""The demo accounts: one per role, all with the same password.

The README lists this table. Accounts whose role requires two-factor
authentication (platform admin, space admins, registrars) get a fixed TOTP
secret: add it to an authenticator app (or compute the code with
``oathtool --totp -b SECRET``) to log in.
"""

from dataclasses import dataclass

#: The password of every demo account.
DEMO_PASSWORD = "Samverka-demo-2026"

#: Slugs of the demo spaces.
NATIONAL_SLUG = "msv-kll"
SORMLAND_SLUG = "sormland"
OREBRO_SLUG = "orebro"


@dataclass(frozen=True)
class DemoAccount:
    """One demo login: who it is, what it may do, and its TOTP secret when two-factor is required."""

    email: str
    full_name: str
    description: str
    space: str | None = None
    role: str | None = None
    superuser: bool = False
    totp_secret: str = ""


DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount(
        email="admin@samverka.example",
        full_name="Plattformsadministratör",
        description="Platform administrator (superuser); administrator of MSV KLL and Region Örebro län",
        superuser=True,
        totp_secret="SAMVERKADEMOPLATFORMADMINSECRETA",
    ),
    DemoAccount(
        email="sekretariat@msv.example",
        full_name="Karin Holmqvist",
        description="National secretariat of MSV KLL (secretariat role)",
        space=NATIONAL_SLUG,
        role="secretariat",
    ),
    DemoAccount(
        email="samordnare@sormland.example",
        full_name="Johan Ekholm",
        description="Regional coordinator, administrator of the Sörmland platform",
        space=SORMLAND_SLUG,
        role="admin",
        totp_secret="SAMVERKADEMOSORMLANDADMINSECRETB",
    ),
    DemoAccount(
        email="analytiker@sormland.example",
        full_name="Leila Haddad",
        description="Analyst in the Sörmland platform",
        space=SORMLAND_SLUG,
        role="analyst",
    ),
    DemoAccount(
        email="registrator@msv.example",
        full_name="Per Sundin",
        description="Registrar of MSV KLL (keeps the registry)",
        space=NATIONAL_SLUG,
        role="registrar",
        totp_secret="SAMVERKADEMOMSVREGISTRARSECRETCC",
    ),
    DemoAccount(
        email="processledare@msv.example",
        full_name="Maria Lindahl",
        description="Member of MSV KLL, process leader of the working group STEM",
        space=NATIONAL_SLUG,
        role="member",
    ),
    DemoAccount(
        email="gast@foretag.example",
        full_name="Gustav Falk",
        description="External guest in Sörmland, member of a programme council",
        space=SORMLAND_SLUG,
        role="guest",
    ),
    DemoAccount(
        email="redaktor@eskilstuna.example",
        full_name="Sara Lund",
        description="Municipal editor of Eskilstuna's offerings in the Sörmland education catalogue",
        space=SORMLAND_SLUG,
        role="member",
    ),
)


def demo_account(email: str) -> DemoAccount:
    """The demo account with this e-mail address (KeyError when there is none)."""
    for account in DEMO_ACCOUNTS:
        if account.email == email:
            return account
    raise KeyError(email)
