"""Imports run one way: guide ← content ← interests ← recommender ← tooling (a floor reads the floors
below it). The upward imports that exist are named here, each with its reason; a new one fails
this test until it is either removed or named (and the README's architecture map says why)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = {"guide": 0, "content": 1, "interests": 2, "recommender": 3, "tooling": 4}

# module (a file or a folder of the project) → the upper floors' modules it may import, and why.
NAMED_EXCEPTIONS = {
    # The project package wires every app together (URLs, the beat schedule, the schema).
    "guide/urls.py": {"content", "interests", "recommender"},
    "guide/celery.py": {"content", "interests"},
    "guide/schema.py": {"content"},
    "guide/views.py": {"recommender"},  # the home page is the feed
    "guide/api.py": {"interests"},  # the token endpoint merges a visitor's history at sign-in
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


def project_modules() -> dict[str, Path]:
    modules = {}
    for app in FLOORS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
                modules[name.removesuffix(".__init__")] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    """Each module of ours → the modules of ours it imports, anywhere in the file (an import inside
    a function is still a dependency: a circle broken only by deferring the import is a circle)."""
    modules = project_modules()

    def ours(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        graph[module] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            else:
                continue
            for name in names:
                target = ours(name)
                # A package's own modules are not a circle with it (content.scoring and its engine).
                if target and target != module and not module.startswith(target + "."):
                    graph[module].add(target)
    return graph


def import_circle(graph: dict[str, set[str]]) -> list[str]:
    """One circle of imports, as the path around it, or [] if there is none."""
    done: set[str] = set()
    for start in sorted(graph):
        path: list[str] = []
        on_path: set[str] = set()
        stack = [(start, iter(sorted(graph[start])))]
        if start in done:
            continue
        path.append(start)
        on_path.add(start)
        while stack:
            module, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                stack.pop()
                done.add(path.pop())
                on_path.discard(module)
            elif target in on_path:
                return path[path.index(target):] + [target]
            elif target not in done:
                stack.append((target, iter(sorted(graph[target]))))
                path.append(target)
                on_path.add(target)
    return []


def test_no_import_circles():
    assert import_circle(import_graph()) == []


def test_the_circle_finder_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_circle(graph) == ["a", "b", "c", "a"]
    assert import_circle({"a": {"b"}, "b": set()}) == []


def test_every_task_queued_by_name_exists():
    """guide.queueing.task_named finds tasks by name: each name the code passes must be a task."""
    from celery import current_app

    current_app.loader.import_default_modules()
    named = {node.args[0].value
             for path in project_modules().values()
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "task_named"
             and node.args and isinstance(node.args[0], ast.Constant)}
    assert len(named) >= 7
    assert named - set(current_app.tasks) == set()
