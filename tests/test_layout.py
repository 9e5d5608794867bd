"""Issue 13: the command line is a face only, read from the source with `ast` (imports at module
level, in functions and under TYPE_CHECKING all count).

- The CLI modules (claimtrack/cli/) import, of claimtrack, only the service layer, render,
  serialize, models and the CLI itself; from the modules that define the typed errors it maps
  to exit codes, only those errors (and of the package root, only its version).
- The extractor (claimtrack/extract/) and the status rules (claimtrack/status.py) import neither
  the store nor sqlite3.
- No CLI module and no service module is over 500 lines.
- No module of the extractor (claimtrack/extract/) is over 500 lines.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "claimtrack"
CLI_MODULES = sorted((PACKAGE / "cli").glob("*.py"))

# What the CLI may import of claimtrack, whole: the service layer (the use cases, and the modules
# the commands call, which open the ledger), the two ways of printing, the data types, itself.
SERVICE_LAYER = (
    "claimtrack.service",
    "claimtrack.ingest",
    "claimtrack.queries",
    "claimtrack.changes",
    "claimtrack.errors",
)
CLI_MAY_IMPORT = (*SERVICE_LAYER, "claimtrack.render", "claimtrack.serialize", "claimtrack.models", "claimtrack.cli")
# The modules that define the typed errors `errors_as_messages` (and `serve`) map to exit codes:
# the CLI may import those errors from them, and nothing else.
TYPED_ERRORS = {
    "claimtrack.article": {"ArticleError"},  # a file, a page, a date that cannot be read: 1
    "claimtrack.lexicon": {"LexiconError"},  # language data that cannot be read: 1
    "claimtrack.store": {"StoreError"},  # the ledger cannot be used: 3
    "claimtrack.browse": {"ServeError"},  # serve cannot start: 1, or 3 when the ledger is at fault
    "sqlite3": {"Error"},  # the last guard behind StoreError: 3
}
PACKAGE_ROOT_NAMES = {"__version__"}  # `claimtrack --version`

# Every module the layout work created or changed outside the CLI, and the CLI's own.
SERVICE_MODULES = [
    "service.py",
    "settling.py",
    "documents.py",
    "actors.py",
    "errors.py",
    "ingest.py",
    "queries.py",
    "changes.py",
    "library.py",
    "article.py",
    "render.py",
    "serialize.py",
]
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> Iterator[tuple[int, str, str | None]]:
    """(line, module, name) for every import anywhere in a file: `import a.b` gives ("a.b", None),
    `from a import b` gives ("a", "b"); relative imports are made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            for alias in node.names:
                yield node.lineno, module, alias.name


def _within(module: str, allowed: tuple[str, ...]) -> bool:
    return any(module == a or module.startswith(a + ".") for a in allowed)


def _cli_violation(module: str, name: str | None) -> str | None:
    """Why this import may not be in a CLI module, or None when it may."""
    if module == "claimtrack" and name is not None:  # `from claimtrack import render` is a module
        if name in PACKAGE_ROOT_NAMES:
            return None
        module, name = f"claimtrack.{name}", None
    if _within(module, CLI_MAY_IMPORT):
        return None
    if module in TYPED_ERRORS:
        if name is not None and name in TYPED_ERRORS[module]:
            return None
        return f"{module} may give the CLI only {sorted(TYPED_ERRORS[module])}, not {name or 'the whole module'}"
    if module == "claimtrack" or module.startswith("claimtrack."):
        return f"{module} is neither the service layer, render, serialize, models nor a typed error"
    return None  # the standard library and typer


def test_the_cli_is_a_package_of_modules() -> None:
    names = {p.name for p in CLI_MODULES}
    assert "__init__.py" in names and len(names) > 1, names


@pytest.mark.parametrize("path", CLI_MODULES, ids=lambda p: p.name)
def test_the_cli_imports_only_the_service_layer_render_serialize_models_and_typed_errors(path: Path) -> None:
    wrong = [
        f"{path.name}:{line}: {module}{'.' + name if name else ''}: {why}"
        for line, module, name in _imports(path)
        if (why := _cli_violation(module, name))
    ]
    assert not wrong, "\n".join(wrong)


def test_the_import_check_sees_function_level_imports() -> None:
    """The CLI imports most things inside its commands (start-up time): those must be seen too."""
    found = {(module, name) for path in CLI_MODULES for _, module, name in _imports(path)}
    assert ("claimtrack.queries", "claim_listing") in found  # inside `list`
    assert ("claimtrack.store", "StoreError") in found  # inside errors_as_messages
    assert _cli_violation("claimtrack.store", "Store") is not None
    assert _cli_violation("claimtrack.article", "safe_text") is not None
    assert _cli_violation("claimtrack.extract", "explain_sentence") is not None
    assert _cli_violation("claimtrack", "parallel") is not None
    assert _cli_violation("sqlite3", None) is not None
    assert _cli_violation("claimtrack", "render") is None


CORE_MODULES = [*sorted((PACKAGE / "extract").rglob("*.py")), PACKAGE / "status.py"]


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_extractor_and_the_status_rules_import_neither_the_store_nor_sqlite(path: Path) -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line}: {module}{'.' + name if name else ''}"
        for line, module, name in _imports(path)
        if _within(module, ("claimtrack.store", "sqlite3")) or (module == "claimtrack" and name == "store")
    ]
    assert not wrong, "\n".join(wrong)


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    "path", [*CLI_MODULES, *(PACKAGE / name for name in SERVICE_MODULES)], ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_cli_or_service_module_is_over_500_lines(path: Path) -> None:
    assert _lines(path) <= MAX_LINES, f"{path.relative_to(PACKAGE)}: {_lines(path)} lines"


EXTRACT_MODULES = sorted((PACKAGE / "extract").rglob("*.py"))


def test_the_extractor_is_a_package_of_modules() -> None:
    assert len(EXTRACT_MODULES) > 1, EXTRACT_MODULES


@pytest.mark.parametrize("path", EXTRACT_MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_extractor_module_is_over_500_lines(path: Path) -> None:
    assert _lines(path) <= MAX_LINES, f"{path.relative_to(PACKAGE)}: {_lines(path)} lines"


# English vocabulary lives in the lexicon (claimtrack/lexicon/*.toml), not in code: a module-level
# collection literal holding this many lowercase words outside claimtrack/lexicon/ is a word list.
WORD_LIST_SIZE = 5
ENGLISH_WORD = re.compile(r"^[a-z][a-z'’]*(?: [a-z'’]+)*$")
COLLECTION_CALLS = {"frozenset", "set", "tuple", "list", "dict"}
# (module, name): why it may stay in code. Every entry needs its reason.
WORD_LIST_ALLOWLIST = {
    ("browse.py", "CANNED_QUERIES"): "SQL queries for the datasette browser, keyed by query name",
    ("service.py", "SOURCE_SORTS"): "the CLI's --sort choices, an interface not prose",
    ("serialize.py", "CSV_FIELDS"): "column names of the CSV export format",
    ("serialize.py", "CLAIM_KEYS"): "key names of the JSON export format",
}


def _is_collection(node: ast.expr) -> bool:
    if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)):
        return True
    if isinstance(node, ast.BinOp):
        return _is_collection(node.left) and _is_collection(node.right)
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in COLLECTION_CALLS


def word_lists(root: Path) -> Iterator[tuple[str, str, int]]:
    """(module, name, how many words) for each module-level word-list literal outside the lexicon."""
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith("lexicon/"):
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            else:
                continue
            if not _is_collection(value):
                continue
            words = {
                n.value
                for n in ast.walk(value)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and ENGLISH_WORD.match(n.value)
            }
            if len(words) >= WORD_LIST_SIZE:
                for target in targets:
                    if isinstance(target, ast.Name) and target.id != "__all__":
                        yield relative, target.id, len(words)


def test_no_english_word_lists_outside_the_lexicon() -> None:
    found = [(m, n, k) for m, n, k in word_lists(PACKAGE) if (m, n) not in WORD_LIST_ALLOWLIST]
    assert not found, f"word lists in code (move them to claimtrack/lexicon/*.toml): {found}"


def test_every_allowed_word_list_has_a_reason_and_exists() -> None:
    present = {(m, n) for m, n, _ in word_lists(PACKAGE)}
    for key, reason in WORD_LIST_ALLOWLIST.items():
        assert reason.strip(), key
        assert key in present, f"stale allowlist entry {key}"
