"""The apps stack in one direction: editorial ← countries ← practices ← recommendations ← catalogue.

Read from the source with `ast`, so a late import inside a function counts as much as one at
the top of a module.
"""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ["editorial", "countries", "practices", "recommendations", "catalogue"]
CONTENT_APPS = {"countries", "practices", "recommendations"}


def imported_apps(app):
    """{other app: [module importing it, …]} for every module of `app`, migrations aside."""
    found = {}
    for path in (ROOT / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top in APPS and top != app:
                    found.setdefault(top, []).append(str(path.relative_to(ROOT)))
    return found


GRAPH = {app: imported_apps(app) for app in APPS}


def find_cycle(graph):
    visiting, done = [], set()

    def visit(app):
        if app in visiting:
            return [*visiting[visiting.index(app) :], app]
        if app in done:
            return None
        visiting.append(app)
        for other in graph[app]:
            if cycle := visit(other):
                return cycle
        visiting.pop()
        done.add(app)
        return None

    for app in graph:
        if cycle := visit(app):
            return cycle
    return None


def test_no_import_cycle_between_apps():
    assert find_cycle(GRAPH) is None, " → ".join(find_cycle(GRAPH))


def test_editorial_imports_no_content_app():
    assert not set(GRAPH["editorial"]) & (CONTENT_APPS | {"catalogue"}), GRAPH["editorial"]


@pytest.mark.parametrize("app", APPS)
def test_each_app_imports_only_the_apps_below_it(app):
    below = set(APPS[: APPS.index(app)])
    assert set(GRAPH[app]) <= below, GRAPH[app]


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b": []}, "b": {"a": []}}) == ["a", "b", "a"]
