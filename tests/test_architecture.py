"""The library stays a library: core modules never import the TUI toolkit, the CLI starts light,
and the built-in data ships with the package."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import drafter
from drafter.resources import phrasebank_dir, rules_dir, templates_dir

UI_PACKAGES = ("drafter.tui",)


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(drafter.__path__, "drafter."):
        if not info.name.startswith(UI_PACKAGES):
            names.append(info.name)
    return names


def test_core_modules_do_not_import_textual() -> None:
    modules = _core_modules()
    assert "drafter.checks.engine" in modules and "drafter.readers.docx" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name != 'drafter.__main__':\n"
        "        importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_check_command_imports_only_what_it_needs(tmp_path) -> None:
    draft = tmp_path / "a.txt"
    draft.write_text("**", encoding="utf-8")
    code = (
        "import sys\n"
        "from drafter.cli import main\n"
        f"main(['check', {str(draft)!r}, '--format', 'json'])\n"
        "heavy = [m for m in ('textual', 'rich', 'docx', 'lxml', 'rapidfuzz', 'pypinyin', 'jinja2')"
        " if m in sys.modules]\n"
        "print('HEAVY', ','.join(heavy), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY \n" in out.stderr or out.stderr.strip().endswith("HEAVY")


def test_builtin_data_is_shipped() -> None:
    assert (rules_dir() / "placeholder.yaml").is_file()
    assert any(phrasebank_dir().glob("*.yaml"))
    assert any(p.is_file() for p in templates_dir().iterdir())


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    listed = set(tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(root).parts)
        for p in (root / "drafter").rglob("__init__.py")
        if "__pycache__" not in p.parts
    }
    assert on_disk <= listed, on_disk - listed


# What a front end may not reach for: the rule engine, the phrase bank's loader, the template
# renderer. They go through drafter.services, so the CLI and the editor do each thing one way.
FORBIDDEN_IN_FRONT_ENDS = (
    "drafter.checks",
    "drafter.checks.engine",
    "drafter.checks.fix",
    "drafter.bank",
    "drafter.bank.phrasebank",
    "drafter.bank.loader",
    "drafter.templating",
    "drafter.templating.render",
    "drafter.templating.loader",
)


def _imports(path) -> list[tuple[int, str]]:  # type: ignore[no-untyped-def]
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
    return found


def test_front_ends_go_through_the_service_layer() -> None:
    from pathlib import Path

    root = Path(drafter.__file__).resolve().parent
    front_ends = [*sorted((root / "cli").rglob("*.py")), *sorted((root / "tui").rglob("*.py"))]
    assert len(front_ends) > 10
    bad = [
        f"{path.relative_to(root)}:{line}: {module}"
        for path in front_ends
        for line, module in _imports(path)
        if module in FORBIDDEN_IN_FRONT_ENDS
    ]
    assert bad == []


def test_the_service_layer_builds_the_only_engine() -> None:
    """One function builds rule engines, so swapping the rule registry is a one-line change."""
    from pathlib import Path

    root = Path(drafter.__file__).resolve().parent
    callers = sorted(
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "build_engine(" in p.read_text(encoding="utf-8") and "checks" not in p.parts
    )
    assert callers == ["services/checking.py"]
