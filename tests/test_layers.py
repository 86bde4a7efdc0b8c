"""The import contract: ``model ← read ← check ← write ← cli/api``, no cycles, no hidden imports.

Every ``import`` of a ropa module is found by walking the syntax tree, including imports inside
functions and under ``TYPE_CHECKING``. A module may import its own layer and the layers below
it; ropa's own modules are imported at the top of a module, never inside a function (lazy
imports are for heavy third-party libraries only), with one exception: a command of
``ropa.cli`` imports ``ropa.api`` and ``ropa.write`` in its body, when it runs, so that
``ropa --version`` and ``ropa --help`` load neither the library nor the rules
(docs/architecture.md). The tests at the end hold that start-up to it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ropa"

#: Layer of each top-level part of the package, from the ground up.
LAYERS = {"model": 0, "read": 1, "check": 2, "write": 3, "api": 4, "cli": 4}
#: The package's own entry points sit above everything.
TOP = {"ropa", "ropa.__main__"}

#: Modules and the line count they may not exceed.
MAX_LINES = 400

#: What a function of a ``ropa.cli`` module may import in its body: the library and its
#: renderers, loaded when a command runs. Nothing else, and nowhere else.
IN_COMMAND_BODIES = ("ropa.api", "ropa.write")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


@cache
def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(target: str) -> str:
    modules = _modules()
    while target and target not in modules:
        target = target.rpartition(".")[0]
    return target


def _layer(module: str) -> int:
    if module in TOP:
        return 99
    return LAYERS[module.split(".")[1]]


class _Imports(ast.NodeVisitor):
    """Every import of a ropa module, with whether it sits inside a function."""

    def __init__(self) -> None:
        self.found: list[tuple[str, int, bool]] = []
        self._depth = 0

    def _function(self, node: ast.AST) -> None:
        self._depth += 1
        self.generic_visit(node)
        self._depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = visit_Lambda = _function

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] == "ropa":
                self.found.append((alias.name, node.lineno, self._depth > 0))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0 and module.split(".")[0] == "ropa":
            for alias in node.names:
                self.found.append((f"{module}.{alias.name}", node.lineno, self._depth > 0))


@cache
def _edges() -> dict[str, list[tuple[str, int, bool]]]:
    edges: dict[str, list[tuple[str, int, bool]]] = defaultdict(list)
    for name, path in _modules().items():
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        for target, line, nested in visitor.found:
            resolved = _resolve(target)
            if resolved and resolved != name:
                edges[name].append((resolved, line, nested))
    return edges


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = [m for m in _modules() if m not in TOP and m.split(".")[1] not in LAYERS]
    assert not unplaced, f"modules outside the layers {sorted(LAYERS)}: {unplaced}"


def test_no_import_runs_against_the_flow() -> None:
    upward = [
        f"{source}:{line} imports {target}"
        for source, targets in _edges().items()
        for target, line, _ in targets
        if _layer(target) > _layer(source)
    ]
    assert not upward, "imports against model ← read ← check ← write ← cli/api:\n" + "\n".join(
        upward
    )


def _may_nest(source: str, target: str) -> bool:
    """Whether ``source`` may import ``target`` inside a function (a command's body)."""
    in_library = any(target == t or target.startswith(t + ".") for t in IN_COMMAND_BODIES)
    return source.startswith("ropa.cli.") and in_library


def test_ropa_modules_are_imported_at_the_top() -> None:
    nested = [
        f"{source}:{line} imports {target} inside a function"
        for source, targets in _edges().items()
        for target, line, inner in targets
        if inner and not _may_nest(source, target)
    ]
    assert not nested, "\n".join(nested)


def test_the_command_bodies_exception_is_narrow() -> None:
    assert _may_nest("ropa.cli.check", "ropa.api")
    assert _may_nest("ropa.cli.check", "ropa.write.console")
    assert not _may_nest("ropa.cli.check", "ropa.check.engine")  # only api and write
    assert not _may_nest("ropa.cli.check", "ropa.cli.options")  # the CLI's own, at the top
    assert not _may_nest("ropa.api.check", "ropa.write.console")  # only in the CLI
    assert not _may_nest("ropa.cli.check", "ropa.writer")


def test_no_import_cycle() -> None:
    graph = {name: {target for target, _, _ in targets} for name, targets in _edges().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for name in sorted(_modules()):
        if name not in index:
            visit(name)
    assert not cycles, f"import cycles: {cycles}"


@pytest.mark.parametrize("name", sorted(_modules()))
def test_module_is_small(name: str) -> None:
    lines = len(_modules()[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines; split it by responsibility"


def test_the_contract_sees_a_violation(tmp_path: Path) -> None:
    """The visitor finds an upward import hidden in a function (the test can fail)."""
    visitor = _Imports()
    visitor.visit(ast.parse("def f():\n    from ropa.write.pdf import write\n"))
    assert visitor.found == [("ropa.write.pdf.write", 2, True)]
    assert _layer("ropa.write.pdf") > _layer("ropa.model.findings")


# --- start-up: what `ropa --version` and `ropa --help` load ---------------------------------

_LOADED = """
import sys
sys.argv = ["ropa", *sys.argv[1:]]
from ropa.cli import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(m for m in sys.modules if m.startswith("ropa"))), file=sys.stderr)
"""


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["check", "--help"]])
def test_version_and_help_load_no_library(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", _LOADED, *argv], capture_output=True, text=True, check=True
    )
    loaded = result.stderr.split()
    assert "ropa.cli.app" in loaded, result.stderr
    heavy = [m for m in loaded if m.split(".")[1:2] in (["api"], ["check"], ["read"], ["write"])]
    assert not heavy, f"ropa {' '.join(argv)} loads {heavy}"


def test_import_ropa_loads_the_api_only_when_used() -> None:
    code = (
        "import sys, ropa\n"
        "assert 'ropa.api' not in sys.modules\n"
        "import ropa.check.engine\n"  # binds the ropa.check package on ropa ...
        "from ropa import check\n"
        "assert callable(check) and check is ropa.check and check.__module__ == 'ropa.api'\n"
        "assert ropa.Report.__name__ == 'Report'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_lazy_names_are_the_typed_ones() -> None:
    """ropa/__init__.py's table of lazy names matches its imports for type checkers."""
    import ropa

    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    typed = {
        alias.name: node.module
        for block in tree.body
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert typed == ropa._LAZY
    assert set(ropa.__all__) == set(typed) | {"__version__"}
