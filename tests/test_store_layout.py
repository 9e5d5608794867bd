"""The store package stays readable: small modules, short functions, and no reach into the layers
above it (the status engine and the command line call the store, never the other way round)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "claimtrack" / "store"
MODULES = sorted(PACKAGE.glob("*.py"))
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
FORBIDDEN = ("claimtrack.status", "claimtrack.cli")


def _imported(tree: ast.AST) -> set[str]:
    """Every module an import statement names, `from claimtrack import status` as claimtrack.status."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_store_is_a_package_of_several_modules() -> None:
    assert not (REPO / "claimtrack" / "store.py").exists()
    assert (PACKAGE / "__init__.py").exists()
    assert len(MODULES) > 2


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_module_is_over_500_lines(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{module.name} has {lines} lines"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_function_is_over_60_lines(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{module.name}: {long}"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_module_imports_the_status_engine_or_the_command_line(module: Path) -> None:
    imported = _imported(ast.parse(module.read_text(encoding="utf-8")))
    assert not {name for name in imported if name.startswith(FORBIDDEN)}, module.name


def test_importing_the_store_loads_neither_the_status_engine_nor_the_command_line() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    code = f"import sys, claimtrack.store\nprint([m for m in {FORBIDDEN!r} if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
