"""The wheel carries what an installed claimtrack needs outside its checkout: the lexicon, the
bundled seed article (so `claimtrack ingest` with no argument works anywhere) and py.typed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _source_copy(folder: Path) -> Path:
    """What a build reads, copied, so building leaves nothing in the checkout."""
    folder.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, folder / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for name in ("claimtrack", "seeds"):
        shutil.copytree(REPO / name, folder / name, symlinks=True, ignore=ignore)
    return folder


def test_the_wheel_ships_the_seed_the_lexicon_and_py_typed(tmp_path: Path) -> None:
    source = _source_copy(tmp_path / "source")
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(wheels), "."],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = wheels.glob("claimtrack-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    seeds = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    assert seeds and {f"claimtrack/seeds/{name}" for name in seeds} <= names
    assert "claimtrack/py.typed" in names
    assert {"claimtrack/lexicon/cues.toml", "claimtrack/lexicon/actors.toml"} <= names
    assert not any(name.endswith(".gold.json") for name in names)  # the gold is test data
