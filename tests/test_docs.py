"""The examples in README.md and docs/*.md are run and compared with their text, so they cannot drift.

How an example is written
    An example is a fenced block (```) holding lines that start with "$ ". Each such line is a shell
    command, run by bash from the repository's folder with this environment's `claimtrack` first on
    the PATH (a line ending in a backslash continues on the next). The lines after it, up to the next
    "$ " line or the end of the block, are what it prints: standard error and standard output
    together, in the order a terminal shows them.
    - "(exit N)" as the last line of an output: the command exits N; without it, it must exit 0.
    - A line that is exactly "..." stands for any number of lines (an abridged output).
    - Trailing spaces and trailing blank lines do not count.
    Commands that cannot run offline and deterministically (serve, web addresses, feeds, benchmarks,
    timings) are written as indented lines with no "$ " and no output; they are not run.

What every block runs against
    CLAIMTRACK_FORMAT=table; COLUMNS=100 (render.make_console gives rich no width, and rich takes
    COLUMNS when it is set, terminal or not); LINES=50; NO_COLOR=1; unbuffered Python, so error lines
    and tables come in the order a terminal shows; and CLAIMTRACK_DB naming a fresh ledger in a
    temporary folder of the block's own. The ledger holds the seed (`claimtrack ingest` with no
    argument), except in a block whose first command is `claimtrack ingest ...`: that block starts
    from an empty ledger. Blocks are independent; the commands of one block run in order.

Placeholders
    - "/tmp/" starting a path in a command is the block's temporary folder (`claimtrack backup
      /tmp/copy.db` writes there), and that folder is printed as "/tmp" in outputs.
    - The repository's folder is printed as "/path/to/claimtrack" (JSON, CSV and Markdown give a
      document's full path; tables give it relative to the current folder, the repository's).
    - Date-times such as 2026-12-05T07:41:17+00:00 (when a status changed, when a verdict was given)
      are compared with their digits masked, so the clock never fails an example.

Regenerate the examples after a deliberate change of output (one command, from the repository's folder):

    .venv/bin/python tests/test_docs.py --update                       # every file
    .venv/bin/python tests/test_docs.py --update docs/commands.md      # or only these

It rewrites each output in place (and the "(exit N)" lines); an output that still matches is left as
written, and an abridged one keeps as many lines before its first "..." and after its last as it had.
Review the change with `git diff`.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
DOCS = REPO / "docs"
README_MAX_LINES = 250

WIDTH = 100
ELLIPSIS = "..."
REPO_PLACEHOLDER = "/path/to/claimtrack"
TMP_PLACEHOLDER = "/tmp"
COMMAND_TIMEOUT = 600  # seconds; the slowest example (eval) takes about one

FENCE = re.compile(r"^(`{3,}|~{3,})")
EXIT_LINE = re.compile(r"^\(exit (\d+)\)$")
TMP_IN_COMMAND = re.compile(r"(?<![\w./~-])/tmp/")
DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d[\d:.+\-Z]*")
# Variables that change what rich or claimtrack print; the blocks set their own.
OUTPUT_VARIABLES = ("FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE", "COLUMNS", "LINES", "TERM")


def doc_files() -> list[Path]:
    return [README, *sorted(DOCS.glob("*.md"))]


# --- reading the examples ---------------------------------------------------------------------------


@dataclass
class Example:
    command: str  # as written (continuation lines joined by newlines), without the "$ "
    expected: list[str]  # the output as written, without "(exit N)" and trailing blank lines
    exit_code: int
    blank_after: int  # blank lines after the output in the doc, kept by --update


@dataclass
class Block:
    path: Path
    first: int  # index of the block's first line inside the fence
    stop: int  # index of the closing fence
    examples: list[Example]

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.first}"  # the opening fence's line number

    @property
    def starts_empty(self) -> bool:
        """A block that begins by ingesting builds its own ledger; every other one gets the seed's."""
        try:
            words = shlex.split(self.examples[0].command)
        except ValueError:
            return False
        return words[:2] == ["claimtrack", "ingest"]


def parse_blocks(path: Path) -> list[Block]:
    lines = path.read_text(encoding="utf-8").split("\n")
    blocks = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence = opening.group(1)
        stop = index + 1
        while stop < len(lines) and not (lines[stop].startswith(fence) and not lines[stop].strip(fence[0]).strip()):
            stop += 1
        body = lines[index + 1 : stop]
        if any(line.startswith("$ ") for line in body):
            blocks.append(Block(path, index + 1, stop, parse_examples(body, f"{path.name}:{index + 1}")))
        index = stop + 1
    return blocks


def parse_examples(body: list[str], where: str) -> list[Example]:
    examples = []
    index = 0
    while index < len(body):
        if not body[index].startswith("$ "):
            if body[index].strip():
                raise ValueError(f"{where}: output before the first command: {body[index]!r}")
            index += 1
            continue
        command = [body[index][2:]]
        while command[-1].endswith("\\") and index + 1 < len(body):
            index += 1
            command.append(body[index])
        index += 1
        output = []
        while index < len(body) and not body[index].startswith("$ "):
            output.append(body[index])
            index += 1
        blank_after = 0
        while output and not output[-1].strip():
            output.pop()
            blank_after += 1
        exit_code = 0
        if output and (match := EXIT_LINE.match(output[-1].strip())):
            exit_code = int(match.group(1))
            output.pop()
        examples.append(Example("\n".join(command), output, exit_code, blank_after))
    return examples


# --- running them -----------------------------------------------------------------------------------


def claimtrack_here() -> str | None:
    """Why the examples cannot run here, or None: they need this checkout's claimtrack and bash."""
    spec = importlib.util.find_spec("claimtrack")
    if spec is None or spec.origin is None:
        return "claimtrack is not installed"
    if Path(spec.origin).resolve().parent != (REPO / "claimtrack").resolve():
        return f"claimtrack is imported from {Path(spec.origin).parent}, not from this checkout (pip install -e .)"
    if not (Path(sys.executable).parent / "claimtrack").exists():
        return f"no claimtrack command beside {sys.executable}"
    if shutil.which("bash") is None:
        return "no bash"
    return None


def block_env(folder: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CLAIMTRACK_", "JUPYTER_")) and key not in OUTPUT_VARIABLES
    }
    env.update(
        CLAIMTRACK_FORMAT="table",
        CLAIMTRACK_DB=str(folder / "claimtrack.db"),
        COLUMNS=str(WIDTH),
        LINES="50",
        NO_COLOR="1",
        PYTHONUNBUFFERED="1",
        PYTHONIOENCODING="utf-8",
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
    )
    return env


def run(command: str, folder: Path) -> tuple[list[str], int]:
    """Run one command as the docs show it; its output with the placeholders put in, and its exit code."""
    command = TMP_IN_COMMAND.sub(lambda _: f"{folder}/", command)
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=REPO,
        env=block_env(folder),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    text = done.stdout.decode("utf-8", errors="replace")
    for path in sorted({str(folder), os.path.realpath(folder)}, key=len, reverse=True):
        text = text.replace(path, TMP_PLACEHOLDER)
    for path in sorted({str(REPO), os.path.realpath(REPO)}, key=len, reverse=True):
        text = text.replace(path, REPO_PLACEHOLDER)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines, done.returncode


def make_seed_ledger(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    output, code = run("claimtrack ingest", folder)
    assert code == 0, "\n".join(output)
    return folder / "claimtrack.db"


def run_block(block: Block, seed_ledger: Path, folder: Path) -> list[tuple[list[str], int]]:
    folder.mkdir(parents=True, exist_ok=True)
    if not block.starts_empty:
        for suffix in ("", "-wal"):
            source = Path(f"{seed_ledger}{suffix}")
            if source.exists():
                shutil.copyfile(source, folder / f"claimtrack.db{suffix}")
    return [run(example.command, folder) for example in block.examples]


# --- comparing --------------------------------------------------------------------------------------


def normalise(lines: Sequence[str]) -> list[str]:
    out = [DATETIME.sub(lambda match: re.sub(r"\d", "0", match.group()), line.rstrip()) for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


def matches(expected: Sequence[str], actual: Sequence[str]) -> bool:
    """Line by line, "..." in expected standing for any number of lines (none included)."""
    expected, actual = normalise(expected), normalise(actual)
    reach = [True] + [False] * len(actual)  # reach[j]: the expected lines so far match actual[:j]
    for line in expected:
        if line == ELLIPSIS:
            for j in range(1, len(actual) + 1):
                reach[j] = reach[j] or reach[j - 1]
        else:
            reach = [False] + [reach[j - 1] and actual[j - 1] == line for j in range(1, len(actual) + 1)]
    return reach[-1]


def problems(block: Block, results: list[tuple[list[str], int]]) -> list[str]:
    found = []
    for example, (output, code) in zip(block.examples, results, strict=True):
        if matches(example.expected, output) and code == example.exit_code:
            continue
        diff = "\n".join(
            difflib.unified_diff(normalise(example.expected), normalise(output), "as documented", "as run", lineterm="")
        )
        found.append(f"$ {example.command}\nexit {code}, documented {example.exit_code}\n{diff}")
    return found


# --- rewriting (--update) ---------------------------------------------------------------------------


def rewritten_output(example: Example, output: list[str]) -> list[str]:
    if matches(example.expected, output):
        return example.expected  # still right: keep it as written
    if ELLIPSIS not in example.expected:
        return output
    head = example.expected.index(ELLIPSIS)
    tail = len(example.expected) - 1 - max(i for i, line in enumerate(example.expected) if line == ELLIPSIS)
    if head + tail >= len(output):
        return output
    return [*output[:head], ELLIPSIS, *output[len(output) - tail :]]


def rewritten_block(block: Block, results: list[tuple[list[str], int]]) -> list[str]:
    lines = []
    for example, (output, code) in zip(block.examples, results, strict=True):
        lines.append(f"$ {example.command}")
        lines.extend(rewritten_output(example, output))
        if code:
            lines.append(f"(exit {code})")
        lines.extend([""] * example.blank_after)
    return lines


def update(paths: Sequence[Path]) -> int:
    reason = claimtrack_here()
    if reason:
        print(f"cannot run the examples: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="claimtrack-docs-") as scratch:
        seed_ledger = make_seed_ledger(Path(scratch) / "seed")
        for path in paths:
            lines = path.read_text(encoding="utf-8").split("\n")
            blocks = parse_blocks(path)
            changed = 0
            for number, block in reversed(list(enumerate(blocks))):
                results = run_block(block, seed_ledger, Path(scratch) / f"{path.stem}-{number}")
                new = rewritten_block(block, results)
                if new != lines[block.first : block.stop]:
                    lines[block.first : block.stop] = new
                    changed += 1
            path.write_text("\n".join(lines), encoding="utf-8")
            print(f"{path.relative_to(REPO)}: {changed} of {len(blocks)} example blocks rewritten")
    return 0


# --- the tests --------------------------------------------------------------------------------------

BLOCKS = [block for path in doc_files() for block in parse_blocks(path)]


@pytest.fixture(scope="module")
def seed_ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    reason = claimtrack_here()
    if reason:
        pytest.skip(reason)
    return make_seed_ledger(tmp_path_factory.mktemp("seed"))


@pytest.mark.parametrize("block", BLOCKS, ids=[block.name for block in BLOCKS])
def test_example_output_is_what_the_command_prints(block: Block, seed_ledger: Path, tmp_path: Path) -> None:
    found = problems(block, run_block(block, seed_ledger, tmp_path / "block"))
    assert not found, "\n\n".join([*found, "If the change is deliberate: .venv/bin/python tests/test_docs.py --update"])


def test_readme_is_short() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines; the manual belongs in docs/"


def test_readme_tours_the_main_commands() -> None:
    commands = {example.command for block in parse_blocks(README) for example in block.examples}
    assert {"claimtrack ingest", "claimtrack list --disputed", "claimtrack show toretsk"} <= commands


def test_readme_links_every_page_of_the_docs() -> None:
    linked = {(README.parent / target).resolve() for target, _ in links(README)}
    missing = [page.name for page in sorted(DOCS.glob("*.md")) if page.resolve() not in linked]
    assert not missing


def test_the_manual_has_examples_that_run() -> None:
    """The examples are found where they are written: the tour's and the manual's, every one a command."""
    assert {block.path.name for block in BLOCKS} >= {"README.md", "commands.md", "formats.md", "status-rules.md"}
    assert all(example.command.strip() for block in BLOCKS for example in block.examples)


MARKDOWN_LINK = re.compile(r"!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE_LINK = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def prose(path: Path) -> str:
    """The text of a Markdown file outside fenced blocks and code spans (where links are not links)."""
    kept, fence = [], ""
    for line in path.read_text(encoding="utf-8").split("\n"):
        opening = FENCE.match(line)
        if fence:
            if line.startswith(fence) and not line.strip(fence[0]).strip():
                fence = ""
            kept.append("")
        elif opening:
            fence = opening.group(1)
            kept.append("")
        else:
            kept.append(line)
    return CODE_SPAN.sub("", "\n".join(kept))


def links(path: Path) -> list[tuple[str, str]]:
    """(target without its #fragment, fragment) of every relative link in a Markdown file."""
    text = prose(path)
    found = []
    for target in [*MARKDOWN_LINK.findall(text), *REFERENCE_LINK.findall(text)]:
        if SCHEME.match(target):
            continue
        file, _, fragment = target.partition("#")
        found.append((unquote(file), unquote(fragment)))
    return found


def anchors(path: Path) -> set[str]:
    """The anchors GitHub makes of a Markdown file's headings."""
    seen: dict[str, int] = {}
    found = set()
    for line in prose(path).split("\n"):
        heading = re.match(r"^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not heading:
            continue
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.group(1))
        slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


@pytest.mark.parametrize("path", doc_files(), ids=[str(path.relative_to(REPO)) for path in doc_files()])
def test_relative_links_point_at_files_that_exist(path: Path) -> None:
    broken = []
    for file, fragment in links(path):
        target = (path.parent / file).resolve() if file else path
        if not target.exists():
            broken.append(f"{file}: no such file")
        elif fragment and target.suffix == ".md" and fragment not in anchors(target):
            broken.append(f"{file}#{fragment}: no such heading in {target.relative_to(REPO)}")
    assert not broken, f"{path.relative_to(REPO)}: {broken}"


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description="Run or rewrite the examples of README.md and docs/*.md.")
    parser.add_argument("--update", action="store_true", help="rewrite each example's output with what it prints now")
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: README.md and docs/*.md)")
    args = parser.parse_args(argv)
    paths = [path.resolve() for path in args.files] or doc_files()
    if args.update:
        return update(paths)
    return pytest.main([__file__, "-q", "-p", "no:cacheprovider"])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
