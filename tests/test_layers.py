"""Dependencies point down: extract knows nothing of RDF or stores, nothing imports the CLI, and
`kg --help` loads none of the heavy libraries."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

FORBIDDEN = {
    "kg.extract": ("kg.rdf", "kg.store", "kg.api", "kg.cli"),
    "kg.rdf": ("kg.store", "kg.api", "kg.cli"),
    "kg": ("kg.cli",),
}
ENTRY_POINTS = {"kg.__main__"}  # `python -m kg` runs the CLI; nothing else may import it
HEAVY = ("spacy", "pyvis", "rdflib", "pyoxigraph", "networkx")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Absolute names of every module an import statement in `source` names, at any depth
    (imports inside functions count too)."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)  # from . import cli
    return found


def violations(module: str, imports: set[str]) -> list[str]:
    """One line per banned layer that `module` reaches into."""
    if module in ENTRY_POINTS:
        return []
    bad: set[str] = set()
    for layer, banned in FORBIDDEN.items():
        if module == layer or module.startswith(layer + "."):
            bad.update(f"{module} imports {b}" for b in banned for name in imports
                       if name == b or name.startswith(b + "."))
    return sorted(bad)


def all_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_the_checker_sees_relative_and_nested_imports() -> None:
    source = ("from ..rdf.build import build_triples\n"
              "def f():\n    from ..store import Store\n    import kg.cli\n")
    imports = imported_modules(source, "kg.extract.pipeline")
    assert {"kg.rdf.build", "kg.store", "kg.cli"} <= imports
    assert len(violations("kg.extract.pipeline", imports)) == 3
    assert violations("kg.api", imported_modules("from . import cli\n", "kg.api")) == [
        "kg.api imports kg.cli"]
    assert violations("kg.api", imported_modules("from .store import Store\n", "kg.api")) == []


@pytest.mark.parametrize("path", all_modules(), ids=lambda p: module_name(p))
def test_no_module_imports_across_its_layer(path: Path) -> None:
    module = module_name(path)
    imports = imported_modules(path.read_text(encoding="utf-8"), module,
                               is_package=path.name == "__init__.py")
    assert violations(module, imports) == []


def test_help_imports_no_heavy_library() -> None:
    code = ("import sys, kg.cli; kg.cli.cli(['--help'], standalone_mode=False); "
            f"print(sorted(m for m in sys.modules if m.split('.')[0] in {set(HEAVY)!r}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=PACKAGE.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "Usage:" in done.stdout
