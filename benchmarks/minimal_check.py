"""Do the minimal views (benchmarks/minimal_wsgi.py) show what the real pages show?

For each of the three pages, as an anonymous visitor: the table rows' cell texts of the real page
(Django test client) and of the minimal view must be equal (the organisation list and the diary), or
the page's text from the agenda on (the meeting page). Prints the paths ``make bench`` loads and a ✔/✖
per page; the paths are also written to ``--paths`` (one a line: organisations, diary, meeting).

    python benchmarks/minimal_check.py [--json out.jsonl] [--paths paths.txt]
"""

import argparse
import html
import json
import re
import sys

import minimal_wsgi  # benchmarks/minimal_wsgi.py (sets Django up)
from django.db import connection
from django.db.models import Count
from django.test import Client

from samverka.platform.spaces.models import Space
from samverka.records.registry.models import Case


def minimal(path: str) -> tuple[str, str]:
    answer: dict[str, str] = {}

    def start_response(status: str, headers: list) -> None:
        answer["status"] = status

    content = b"".join(minimal_wsgi.application({"PATH_INFO": path, "QUERY_STRING": ""}, start_response))
    return answer["status"], content.decode()


def rows(page: str) -> list[list[str]]:
    body = page[page.find("<tbody") : page.find("</tbody>")]
    return [
        [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def agenda_text(page: str) -> str:
    main = page[page.find('id="agenda"') : page.find("</main>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


def key_paths() -> dict[str, str]:
    """The three pages: the diary of the space with the most cases (the county-14 space when none has
    any), and the meeting page benchmarks/pages.py measures."""
    import pages  # noqa: PLC0415  (benchmarks/pages.py)

    space, _member, _organisation, body = pages.pick_objects()
    busiest = Case.objects.values("space").annotate(n=Count("id")).order_by("-n").first()
    diary_space = Space.objects.get(pk=busiest["space"]) if busiest else space
    meeting = pages.next_meeting(body)
    return {
        "organisation list": "/organisations/",
        "public diary": f"/s/{diary_space.slug}/diary/",
        "meeting page": f"/s/{space.slug}/meetings/{meeting.pk}/" if meeting else "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", default=connection.vendor)
    parser.add_argument("--json")
    parser.add_argument("--paths")
    args = parser.parse_args()
    client = Client(raise_request_exception=False)
    out = []
    paths = key_paths()
    for name, path in paths.items():
        real = client.get(path) if path else None
        status, mini = minimal(path) if path else ("no page", "")
        if real is None or real.status_code != 200 or not status.startswith("200"):
            ok, note = False, f"real {real.status_code if real else 'no page'}, minimal {status}"
        elif name == "meeting page":
            a, b = agenda_text(real.content.decode()), agenda_text(mini)
            ok, note = a == b, f"agenda text {len(a)} / {len(b)} characters"
        else:
            a, b = rows(real.content.decode()), rows(mini)
            ok, note = a == b, f"{len(a)} / {len(b)} rows of {len(a[0]) if a else 0} / {len(b[0]) if b else 0} columns"
        print(f"minimal view of the {name} ({path}) shows what the real page shows: {'✔' if ok else '✖'} ({note})")
        out.append(
            {
                "figure": f"minimal view has the real content: {name}",
                "backend": args.backend,
                "value": None,
                "unit": "",
                "target": "same rows/text",
                "ok": ok,
                "note": note,
                "path": path,
            }
        )
    if args.paths:
        with open(args.paths, "w", encoding="utf-8") as fh:
            fh.write("\n".join(paths.values()) + "\n")
    if args.json:
        with open(args.json, "a", encoding="utf-8") as fh:
            for row in out:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
