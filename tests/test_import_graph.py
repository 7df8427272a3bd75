"""The apps' import graph: ``core`` imports no other app and no two apps import each other in a circle.

``lint-imports`` (the contracts in pyproject.toml, run by scripts/test.sh) enforces the layers; this
test counts what issue 13 asked for and names the apps of a cycle when one appears. Module-level and
function-level imports count alike; tests modules are left out (they may use the factories and the demo).
"""

from collections import defaultdict
from collections.abc import Iterator

import grimp
import pytest

#: The folders of the product's areas; an app is ``samverka.<area>.<app>``.
AREAS = ("platform", "collaboration", "steering", "records", "insight", "education")
#: Apps that are a top-level package of their own.
TOP_LEVEL_APPS = ("demo", "testing")


def app_of(module: str) -> str | None:
    """``samverka.records.registry.models`` → ``registry``; None for what belongs to no app."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[1] in TOP_LEVEL_APPS:
        return parts[1]
    if len(parts) >= 3 and parts[1] in AREAS:
        return parts[2]
    return None


def is_test_module(module: str) -> bool:
    return "tests" in module.split(".")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("samverka", cache_dir=None)


def app_imports(graph: grimp.ImportGraph) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(importing app, imported app) → the module imports behind that arrow."""
    arrows: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for found in graph.find_matching_direct_imports(import_expression="samverka.** -> samverka.**"):
        importer, imported = found["importer"], found["imported"]
        if is_test_module(importer):
            continue
        source, target = app_of(importer), app_of(imported)
        if source and target and source != target:
            arrows[(source, target)].append((importer, imported))
    return arrows


def cycles(arrows: dict[tuple[str, str], list[tuple[str, str]]]) -> list[list[str]]:
    """The strongly connected groups of more than one app (Tarjan), each sorted."""
    successors: dict[str, set[str]] = defaultdict(set)
    for source, target in arrows:
        successors[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        on_stack.add(app)
        for other in sorted(successors[app]):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in on_stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == app:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for app in sorted(successors):
        if app not in index:
            visit(app)
    return found


def describe(group: list[str], arrows: dict[tuple[str, str], list[tuple[str, str]]]) -> Iterator[str]:
    for source in group:
        for target in group:
            for importer, imported in arrows.get((source, target), []):
                yield f"{source} → {target}: {importer} imports {imported}"


def test_no_import_cycle_between_apps(graph: grimp.ImportGraph) -> None:
    arrows = app_imports(graph)
    found = cycles(arrows)
    assert found == [], "import cycles between apps:\n" + "\n".join(
        line for group in found for line in describe(group, arrows)
    )


def test_core_imports_no_other_app(graph: grimp.ImportGraph) -> None:
    upward = [modules for (source, _target), modules in app_imports(graph).items() if source == "core"]
    assert upward == []


def test_core_tests_import_nothing_above_core(graph: grimp.ImportGraph) -> None:
    upward = [
        (found["importer"], found["imported"])
        for found in graph.find_matching_direct_imports(import_expression="samverka.platform.core.** -> samverka.**")
        if app_of(found["imported"]) not in (None, "core")
    ]
    assert upward == []


def test_a_new_cycle_is_found_and_named() -> None:
    """The check can fail: one import from core up to spaces closes a circle (spaces imports core)."""
    changed = grimp.build_graph("samverka", cache_dir=None)
    changed.add_import(importer="samverka.platform.core.models", imported="samverka.platform.spaces.models")
    arrows = app_imports(changed)
    found = cycles(arrows)
    assert any({"core", "spaces"} <= set(group) for group in found)
    assert "core → spaces: samverka.platform.core.models imports samverka.platform.spaces.models" in "\n".join(
        line for group in found for line in describe(group, arrows)
    )
