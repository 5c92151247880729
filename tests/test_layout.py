"""The layout is the architecture: packages in the order of the data flow, each importing only from
those before it, no import cycle between modules, kg's own imports at the top of modules, modules
of at most 450 lines, and one module per command of the CLI."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import app

KG = Path(__file__).resolve().parent.parent / "kg"
#: The packages from the bottom of the flow to the top: a package imports only from itself and the
#: packages before it (README, ARCHITECTURE).
LAYERS = ("base", "read", "knowledge", "parse", "coding", "evaluate", "rdf", "sparql", "views", "pipeline",
          "petrarch", "cli")
MAX_LINES = 450


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(KG.rglob("*.py")):
        parts = list(path.relative_to(KG.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported kg module, line, at module level) for each import of kg code in a module."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([node.module] if node.module else []))
            # `from kg.views import page` imports the module kg.views.page
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for target in targets:
            if target == "kg" or target.startswith("kg."):
                found.append((target, node.lineno, node.col_offset == 0))
    return found


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_package_of_kg_is_a_layer():
    packages = {p.parent.name for p in KG.glob("*/__init__.py")} - {"data"}
    assert packages == set(LAYERS)
    assert sorted(p.name for p in KG.glob("*.py")) == ["__init__.py", "__main__.py"]   # no loose modules


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_follow_the_flow_and_sit_at_the_top(name):
    mine = _layer(name)
    for target, line, top in _imports(name, MODULES[name]):
        where = f"{MODULES[name].relative_to(KG.parent)}:{line} imports {target}"
        assert top, f"{where} inside a function: kg's own imports go at the top of the module"
        theirs = _layer(target)
        if mine is not None:
            assert theirs is not None, f"{where}: the top of kg is not imported from below"
            assert theirs <= mine, f"{where}: {LAYERS[theirs]} comes after {LAYERS[mine]} in the flow"


def test_no_import_cycle_between_modules():
    g = nx.DiGraph()
    for name, path in MODULES.items():
        g.add_node(name)
        for target, _, _ in _imports(name, path):
            if target in MODULES and target != name and not (name == "kg" or target == "kg"):
                g.add_edge(name, target)
    cycles = list(nx.simple_cycles(g))
    assert cycles == [], f"import cycles: {cycles[:3]}"


def test_a_cycle_or_an_import_against_the_flow_is_found(tmp_path):
    """The checks above can fail: a made-up pair of modules shows both kinds of fault."""
    low, high = tmp_path / "low.py", tmp_path / "high.py"
    low.write_text("from kg.views import network\n\ndef f():\n    from kg.rdf import store\n")
    high.write_text("from kg.base import model\n")
    found = _imports("kg.base.low", low)
    assert ("kg.views.network", 1, True) in found and ("kg.rdf.store", 4, False) in found
    assert _layer("kg.views.network") > _layer("kg.base.low")
    g = nx.DiGraph([("a", "b"), ("b", "a")])
    assert list(nx.simple_cycles(g))


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_are_at_most_450_lines(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[name]}: {lines} lines"


def test_every_command_has_its_own_module():
    parser = app.build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert set(commands) == set(app.COMMANDS)
    for name in app.COMMANDS:
        module = app.command(name)
        assert Path(module.__file__).name == f"{name}.py"
        assert callable(module.add) and callable(module.run)


def _unhinted(tree: ast.Module) -> list[str]:
    """Public functions and methods (of public classes) with a parameter or return without a type."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            functions = [node]
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            functions = [n for n in node.body if isinstance(n, ast.FunctionDef)]
        else:
            continue
        for f in functions:
            if f.name.startswith("_") and f.name != "__init__":
                continue
            params = [a for a in f.args.args + f.args.kwonlyargs if a.arg not in ("self", "cls")]
            if f.returns is None or any(a.annotation is None for a in params):
                found.append(f"{f.name} (line {f.lineno})")
    return found


@pytest.mark.parametrize("name", sorted(MODULES))
def test_public_functions_have_type_hints(name):
    assert _unhinted(ast.parse(MODULES[name].read_text(encoding="utf-8"))) == []


def test_a_function_without_hints_is_found():
    tree = ast.parse("def f(x) -> int:\n    pass\n\ndef g(y: int):\n    pass\n\ndef _h(z):\n    pass\n")
    assert _unhinted(tree) == ["f (line 1)", "g (line 4)"]
