"""Imports run one way: guide ← content ← interests ← recommender (a floor reads the floors
below it). The upward imports that exist are named here, each with its reason; a new one fails
this test until it is either removed or named (and the README's architecture map says why)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {"guide": 0, "content": 1, "interests": 2, "recommender": 3}

# module (a file or a folder of the project) → the upper floors' modules it may import, and why.
NAMED_EXCEPTIONS = {
    # The project package wires every app together (URLs, the beat schedule, the schema) and
    # holds the tooling that drives them all (benchmarks, the fault stack).
    "guide/urls.py": {"content", "interests", "recommender"},
    "guide/celery.py": {"content", "interests"},
    "guide/schema.py": {"content"},
    "guide/views.py": {"recommender"},  # the home page is the feed
    "guide/api.py": {"interests"},  # the token endpoint merges a visitor's history at sign-in
    "guide/tooling": {"content", "interests", "recommender"},
    "guide/management/commands/bench_pages.py": {"content", "interests", "recommender"},
    # Scoring reads the tagger (one analysis per item: tags are part of the pass) and writes its
    # tags; search indexes them; editors retag and read the vocabulary for their inputs.
    "content/scoring": {"interests"},
    "content/search": {"interests"},
    "content/moderation/decisions.py": {"interests"},
    "content/desk.py": {"interests"},
    "content/selectors.py": {"interests"},  # an item's tags are read with it
    "content/views.py": {"interests"},  # visitor ids, the click-out's event, the no-JavaScript vote / favourite forms
    "content/item_page.py": {"recommender"},  # similar items are the recommender's neighbours
    # The demo loader plays every floor's demo.
    "content/management/commands/seed_demo.py": {"interests", "recommender"},
}


def upward_imports() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for app, floor in FLOORS.items():
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                    [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
                for name in names:
                    top = name.split(".")[0]
                    if FLOORS.get(top, -1) > floor:
                        found.setdefault(str(path.relative_to(ROOT)), set()).add(top)
    return found


def named(module: str) -> set[str]:
    return set().union(*(tops for prefix, tops in NAMED_EXCEPTIONS.items()
                         if module == prefix or module.startswith(prefix + "/")))


def test_no_module_imports_an_upper_floor_unless_named():
    unnamed = {module: tops - named(module) for module, tops in upward_imports().items() if tops - named(module)}
    assert unnamed == {}, f"upward imports not named in NAMED_EXCEPTIONS: {unnamed}"


def test_every_named_exception_is_still_needed():
    found = upward_imports()
    stale = [prefix for prefix, tops in NAMED_EXCEPTIONS.items()
             if not any((module == prefix or module.startswith(prefix + "/")) and found[module] & tops for module in found)]
    assert stale == []
