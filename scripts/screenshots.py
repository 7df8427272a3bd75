"""Screenshots of the main pages, as each demo role sees them, on a desktop and a 390 px phone.

`make screenshots` runs this: a fresh SQLite database with the demo in var/screenshots/, the
platform served on a loopback port with debug off, headless Chromium (Debian's) logging in
through the real login form (with the two-factor step for accounts that need it), and the PNGs
written to docs/screenshots/ with an index (docs/screenshots/README.md).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Playwright's sync API runs an event loop in this thread beside the ORM look-ups.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
OUT = ROOT / "docs" / "screenshots"
WORK = ROOT / "var" / "screenshots"
DB = WORK / "screenshots.sqlite3"
CHROMIUM = os.environ.get("SAMVERKA_CHROMIUM", "/usr/bin/chromium")
SIZES = {"desktop": (1280, 860), "phone": (390, 844)}


@dataclass(frozen=True)
class Shot:
    role: str  # a demo account's e-mail, or "" for an anonymous visitor
    name: str  # file stem
    title: str  # what the index says
    path: Callable[[], str | None]  # resolved after the demo is loaded; None skips the shot


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DATABASE_URL": f"sqlite:///{DB}",
            "MEDIA_ROOT": str(WORK / "media"),
            "DEBUG": "False",
            "SITE_URL": f"http://localhost:{port}",
        }
    )
    return env


def prepare(env: dict[str, str]) -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], check=True, env=env, cwd=ROOT)  # noqa: S603
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], check=True, env=env, cwd=ROOT)  # noqa: S603
    subprocess.run([*manage, "load_demo"], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)  # noqa: S603


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2)  # noqa: S310 (loopback)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not answer within 60 s")


def shots() -> list[Shot]:
    """The pages to photograph; object ids are looked up in the demo database."""
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import timezone

    from samverka.collaboration.meetings.models import Meeting
    from samverka.insight.analyses.models import Analysis
    from samverka.insight.statistics.models import Dataset
    from samverka.records.registry.models import Case
    from samverka.steering.statusreports.models import StatusRound

    national, sormland = "msv-kll", "sormland"

    def meeting(held: bool) -> str | None:
        now = timezone.now()
        meetings = Meeting.objects.filter(body__space__slug=national, body__name__icontains="styrgrupp")
        found = (
            meetings.filter(start__lt=now).order_by("-start")
            if held
            else meetings.filter(start__gte=now).order_by("start")
        ).first()
        if found is None:
            return None
        name = "meetings:minutes-detail" if held else "meetings:meeting-detail"
        return reverse(name, kwargs={"space": national, "pk": found.pk})

    def first(queryset, name: str, space: str) -> str | None:  # type: ignore[no-untyped-def]
        found = queryset.first()
        return reverse(name, kwargs={"space": space, "pk": found.pk}) if found else None

    def overview() -> str | None:
        rounds = StatusRound.objects.filter(space__slug=national).order_by("-opens_on")
        return first(rounds, "statusreports:round-overview", national)

    def case() -> str | None:
        return first(Case.objects.filter(space__slug=national).order_by("-pk"), "registry:case-detail", national)

    def dataset() -> str | None:
        found = Dataset.objects.filter(space__slug=sormland).order_by("pk").first()
        return found.get_absolute_url() if found else None

    def analysis() -> str | None:
        return first(Analysis.objects.filter(space__slug=sormland).order_by("pk"), "analyses:analysis-detail", sormland)

    secretariat, coordinator = "sekretariat@msv.example", "samordnare@sormland.example"
    analyst, registrar = "analytiker@sormland.example", "registrator@msv.example"
    leader, guest = "processledare@msv.example", "gast@foretag.example"
    return [
        Shot("", "public-home", "Start page (public)", lambda: "/"),
        Shot("", "public-landscape", "Sörmland's landscape map (public)", lambda: f"/s/{sormland}/landscape/"),
        Shot("", "public-goals", "Sörmland's public goals", lambda: f"/s/{sormland}/goals/public/"),
        Shot("", "public-diary", "MSV KLL's public diary", lambda: f"/s/{national}/diary/"),
        Shot("", "public-events", "Events (public)", lambda: "/events/"),
        Shot(secretariat, "secretariat-my-page", "Min sida — the secretariat", lambda: "/my/"),
        Shot(secretariat, "secretariat-meetings", "Meetings of MSV KLL", lambda: f"/s/{national}/meetings/"),
        Shot(secretariat, "secretariat-next-meeting", "The steering group's next meeting", lambda: meeting(False)),
        Shot(secretariat, "secretariat-minutes", "Minutes of a held meeting", lambda: meeting(True)),
        Shot(secretariat, "secretariat-steering-overview", "The steering overview", overview),
        Shot(coordinator, "coordinator-landscape", "The landscape map (editor)", lambda: f"/s/{sormland}/landscape/"),
        Shot(
            coordinator,
            "coordinator-suggestions",
            "Correction suggestions",
            lambda: f"/s/{sormland}/landscape/suggestions/",
        ),
        Shot(coordinator, "coordinator-bodies", "Bodies of Sörmland", lambda: f"/s/{sormland}/bodies/"),
        Shot(analyst, "analyst-statistics", "Statistics", lambda: f"/s/{sormland}/statistics/"),
        Shot(analyst, "analyst-dataset", "A dataset with its versions", dataset),
        Shot(analyst, "analyst-analysis", "An analysis", analysis),
        Shot(registrar, "registrar-case", "A case in the registry", case),
        Shot(registrar, "registrar-search", "Registry search", lambda: f"/s/{national}/registry/search/?q=kompetens"),
        Shot(leader, "leader-my-page", "Min sida — a process leader", lambda: "/my/"),
        Shot(guest, "guest-my-page", "Min sida — an external guest", lambda: "/my/"),
    ]


def login(page, email: str) -> None:  # type: ignore[no-untyped-def]
    from samverka.demo.accounts import DEMO_PASSWORD, demo_account
    from samverka.platform.accounts.services import totp_current_code

    page.goto("/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    secret = demo_account(email).totp_secret
    if secret:
        page.fill("input[name=code]", totp_current_code(secret))
        with page.expect_navigation():
            page.click("main form button[type=submit]")


def photograph(port: int, wanted: list[Shot]) -> list[tuple[Shot, str]]:
    from playwright.sync_api import sync_playwright

    taken: list[tuple[Shot, str]] = []
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        roles = sorted({shot.role for shot in wanted})
        for role in roles:
            # One login per role, its session reused for every size: a TOTP code is accepted once.
            state = None
            for size, (width, height) in SIZES.items():
                context = browser.new_context(
                    base_url=f"http://localhost:{port}",
                    viewport={"width": width, "height": height},
                    locale="sv-SE",
                    storage_state=state,
                )
                page = context.new_page()
                if role and state is None:
                    login(page, role)
                    state = context.storage_state()
                for shot in (s for s in wanted if s.role == role):
                    path = shot.path()
                    if path is None:
                        print(f"skipped {shot.name}: no such object in the demo")
                        continue
                    response = page.goto(path)
                    status = response.status if response else 0
                    if status >= 400:
                        print(f"{shot.name}: {path} answered {status}")
                    page.screenshot(path=str(OUT / f"{shot.name}-{size}.png"))
                    if size == "desktop":
                        taken.append((shot, path))
                context.close()
        browser.close()
    return taken


def write_index(taken: list[tuple[Shot, str]]) -> None:
    lines = [
        "# Screenshots",
        "",
        "The main pages of the demo as each role sees them, on a desktop (1280 px) and a phone (390 px).",
        "Regenerate with `make screenshots`.",
        "",
        "| page | who | desktop | phone |",
        "| --- | --- | --- | --- |",
    ]
    for shot, path in taken:
        who = shot.role or "anonymous visitor"
        lines.append(f"| {shot.title} (`{path}`) | {who} | ![]({shot.name}-desktop.png) | ![]({shot.name}-phone.png) |")
    (OUT / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    port = free_port()
    env = environment(port)
    prepare(env)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    wanted = shots()
    server = serve(env, port)
    try:
        taken = photograph(port, wanted)
    finally:
        server.terminate()
        server.wait(timeout=10)
    write_index(taken)
    print(f"{len(taken) * len(SIZES)} screenshots in {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
