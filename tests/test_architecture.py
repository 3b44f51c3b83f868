"""The house's rules (docs/ARCHITECTURE.md), read from the source: which
package may import which, where Wagtail hooks are registered, where a lazy
import is allowed, and how long a module may grow.

These read the code with ``ast`` and import nothing of it, so they fail with
the file and line that broke a rule, before any behaviour does.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Our packages, the most specific first (a module belongs to the first that
#: prefixes it).
PACKAGES = (
    "participation.associations",
    "participation.council",
    "participation.governance",
    "participation.stats",
    "participation",
    "surveys",
    "cms.demo",
    "cms",
    "config",
)

#: What each package may import of ours, besides itself. The arrows point one
#: way: cms → participation.council → participation.associations → surveys →
#: config; governance reads council and surveys; stats imports nothing of
#: ours; the demo may import everything and nothing imports the demo.
ALLOWED = {
    "config": set(),
    "participation.stats": set(),
    "surveys": {"config"},
    "participation.associations": {"surveys", "participation.stats", "config"},
    "participation.council": {
        "participation.associations",
        "participation.stats",
        "surveys",
        "config",
    },
    "participation.governance": {
        "participation.council",
        "participation.associations",
        "participation.stats",
        "surveys",
        "config",
    },
    # The app label's root: apps.py and the models' import surface.
    "participation": {
        "participation.associations",
        "participation.council",
        "participation.governance",
    },
    "cms": {
        "participation.council",
        "participation.associations",
        "participation.stats",
        "surveys",
        "config",
    },
    "cms.demo": {
        "cms",
        "participation",
        "participation.council",
        "participation.associations",
        "participation.governance",
        "participation.stats",
        "surveys",
        "config",
    },
}

#: The demo's own command: cms → cms.demo only here.
LOAD_DEMO = ROOT / "cms" / "management" / "commands" / "load_demo.py"

#: The one module allowed past MAX_LINES, and why. None today.
MAX_LINES = 900
SIZE_EXCEPTIONS: dict[str, str] = {}


def package_of(module: str) -> str | None:
    for package in PACKAGES:
        if module == package or module.startswith(package + "."):
            return package
    return None


def source_files(*, include_tests: bool = False):
    for top in ("participation", "surveys", "cms", "config"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path
    if include_tests:
        yield from sorted((ROOT / "tests").rglob("*.py"))


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(
        ".__init__"
    )


def imports(tree: ast.AST):
    """(line, imported module or module.name, the node) for every import."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, node
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module, node
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}", node


def test_dependencies_point_one_way():
    wrong = []
    for path in source_files():
        source = package_of(module_name(path))
        tree = ast.parse(path.read_text(), str(path))
        for line, imported, _node in imports(tree):
            target = package_of(imported)
            if target is None or target == source:
                continue
            if imported == "participation" and source.startswith("participation."):
                continue  # "from participation.x import y" names the parent first
            if target == "cms.demo" and path == LOAD_DEMO:
                continue  # the demo's own command
            if target not in ALLOWED[source]:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {source} → {imported}")
    assert not wrong, "imports against the arrows:\n" + "\n".join(sorted(set(wrong)))


def test_nothing_imports_the_demo_but_its_own_tests():
    """The demo may import everything; nothing imports the demo, the tests
    of surveys and participation included. Only the demo's command, the
    tests of the demo (tests/cms/) and the browser tests, which drive the
    whole demo municipality end to end, may."""
    wrong = []
    for path in source_files(include_tests=True):
        relative = path.relative_to(ROOT)
        if relative.parts[:2] in (
            ("cms", "demo"),
            ("tests", "cms"),
            ("tests", "browser"),
        ):
            continue
        if path == LOAD_DEMO:
            continue
        tree = ast.parse(path.read_text(), str(path))
        for line, imported, _node in imports(tree):
            if package_of(imported) == "cms.demo":
                wrong.append(f"{relative}:{line}: {imported}")
    assert not wrong, "the demo imported from outside it:\n" + "\n".join(wrong)


def test_stats_is_pure():
    """participation/stats/ runs without Django or Wagtail."""
    wrong = []
    for path in sorted((ROOT / "participation" / "stats").rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        for line, imported, _node in imports(tree):
            if imported.split(".")[0] in {"django", "wagtail", "modelcluster"}:
                wrong.append(f"{path.relative_to(ROOT)}:{line}: {imported}")
    assert not wrong, "\n".join(wrong)


def test_hooks_are_registered_only_in_wagtail_hooks_modules():
    """Wagtail finds each app's wagtail_hooks.py; a registration anywhere
    else only happens when some module imports it for its side effects."""
    wrong = []
    for path in source_files():
        if path.name == "wagtail_hooks.py":
            continue
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = ast.unparse(node.func)
            if name in {"hooks.register", "register_snippet"}:
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}")
    assert not wrong, "\n".join(wrong)


def test_lazy_imports_of_ours_say_which_cycle_needs_them():
    """An import of our own code inside a function hides a dependency; it is
    allowed only for a real import cycle, with a comment on its line, and in
    AppConfig.ready (where Django wants it)."""
    wrong = []
    for path in source_files():
        lines = path.read_text().splitlines()
        tree = ast.parse("\n".join(lines), str(path))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "ready" and path.name == "apps.py":
                continue
            for line, imported, node in imports(function):
                if package_of(imported) is None:
                    continue
                text = lines[node.lineno - 1]
                if "# a cycle" not in text:
                    wrong.append(f"{path.relative_to(ROOT)}:{line}: {text.strip()}")
    assert not wrong, "\n".join(sorted(set(wrong)))


@pytest.mark.parametrize("top", ["participation", "surveys", "cms", "config"])
def test_no_module_is_over_900_lines(top):
    long = {
        str(path.relative_to(ROOT)): length
        for path in sorted((ROOT / top).rglob("*.py"))
        if "migrations" not in path.parts
        and (length := len(path.read_text().splitlines())) > MAX_LINES
        and str(path.relative_to(ROOT)) not in SIZE_EXCEPTIONS
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_the_root_of_participation_keeps_only_what_the_app_needs():
    """Every concern lives in the package that names it."""
    root = ROOT / "participation"
    files = {path.name for path in root.iterdir() if path.is_file()}
    assert files == {"__init__.py", "apps.py", "models.py"}
    packages = {
        path.name
        for path in root.iterdir()
        if path.is_dir() and path.name != "__pycache__"
    }
    assert packages == {"associations", "council", "governance", "stats", "migrations"}
