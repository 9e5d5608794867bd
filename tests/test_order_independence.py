"""Order independence, end to end: whatever order a story's articles arrive in, every claim ends
with the same status (docs/status-rules.md). Drawn from the bench generator's stories and from the
annotated corpora, so the property covers report grouping, pointers across articles, link pruning
and the candidate windows, not only the pure status function (tests/test_status.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack.article import read_article_file
from claimtrack.lexicon import Lexicon, load_lexicon
from claimtrack.service import ingest_article, list_claims
from claimtrack.store import ClaimFilter, Store

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
CORPORA = [DATA / "dev", DATA / "stories" / "dev", DATA / "stories" / "validation"]
WHEN = "2026-01-01T00:00:00"


def _generator() -> ModuleType:
    path = Path(__file__).parent.parent / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("claimtrack_bench_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


GENERATE = _generator()


def _statuses(paths: list[Path], lexicon: Lexicon) -> dict[tuple[str, int, str, str], str]:
    store = Store.open(":memory:")
    for path in paths:
        ingest_article(store, read_article_file(path), lexicon, when=WHEN)
    result = {
        (Path(c.document).name, c.sentence_start, c.source, c.content): c.status
        for c in list_claims(store, ClaimFilter())
    }
    store.close()
    return result


def _stories(root: Path) -> list[list[Path]]:
    """The articles of each multi-article story of a corpus, by the file stem before its number."""
    stories: dict[str, list[Path]] = {}
    for path in sorted(root.glob("*.txt")):
        stories.setdefault(path.stem.rsplit("-", 1)[0], []).append(path)
    return [paths for paths in stories.values() if len(paths) > 1]


STORIES = [story for root in CORPORA for story in _stories(root)]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), seed=st.integers(1, 10_000), articles=st.integers(6, 30))
def test_generated_stories_end_the_same_in_any_arrival_order(
    tmp_path_factory: pytest.TempPathFactory, lexicon: Lexicon, data: st.DataObject, seed: int, articles: int
) -> None:
    folder = tmp_path_factory.mktemp("generated")
    paths = GENERATE.generate(folder, articles, seed=seed)
    shuffled = data.draw(st.permutations(paths))
    assert _statuses(list(shuffled), lexicon) == _statuses(paths, lexicon)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_corpus_stories_end_the_same_in_any_arrival_order(lexicon: Lexicon, data: st.DataObject) -> None:
    story = data.draw(st.sampled_from(STORIES))
    shuffled = data.draw(st.permutations(story))
    assert _statuses(list(shuffled), lexicon) == _statuses(story, lexicon)


def test_the_corpora_hold_the_stories_to_shuffle() -> None:
    assert len(STORIES) >= 15  # 5 dev stories and 13 of the wider corpus
