"""Tests for claimtrack.evaluate: the in-process scorer and its agreement with corpus_score.py.

The reference scorer lives beside the project (../shared/tools/corpus_score.py) and is not
copied into the repository: the scoring is written once, in claimtrack.evaluate. Where the
reference is present (a developer's checkout, CI) the two must print the same summary.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.evaluate import CorpusReport, load_corpus, matches, names_of, norm, same_sentence, score_corpus

TESTS = Path(__file__).resolve().parent
SCORER = Path(os.environ.get("CLAIMTRACK_SCORER", TESTS.parent.parent / "shared" / "tools" / "corpus_score.py"))

# --- helpers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  The  Mayor\nsaid ", "the mayor said"),
        ("“Quoted” and ‘single’", "\"quoted\" and 'single'"),
        ("Kyiv’s", "kyiv's"),
        ("ﬁre", "fire"),  # NFKC
        ("", ""),
    ],
)
def test_norm(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ("The mayor said the ferry sank.", "The mayor said the ferry sank.", True),
        ("The mayor said the ferry sank.", "the  MAYOR said the ferry sank.", True),
        ("The mayor said the ferry sank.", "The mayor said the ferry sank. It was old.", True),  # >= half
        ("The ferry sank.", "The mayor said the ferry sank, and the tug burned for an hour.", False),  # < half
        ("The mayor said the tug sank.", "The mayor said the ferry sank.", False),
        ("", "The mayor said the ferry sank.", False),
        ("The mayor said the ferry sank.", "", False),
    ],
)
def test_same_sentence(pred, gold, expected):
    assert same_sentence(pred, gold) is expected


def test_names_of_collects_every_name():
    claim = {"source": "Harbour Watch", "source_text": "the monitors", "source_aliases": ["HW", " "], "x": "y"}
    assert names_of(claim) == {"harbour watch", "the monitors", "hw"}
    assert names_of({"source": None}) == set()


@pytest.mark.parametrize(
    ("pred", "expected"),
    [
        ({"sentence": "The mayor said the ferry sank.", "source": "Olha Vyhadana"}, True),
        ({"sentence": "The mayor said the ferry sank.", "source": "x", "source_aliases": ["the mayor"]}, True),
        ({"sentence": "The mayor said the ferry sank.", "source": "Harbour Watch"}, False),
        ({"sentence": "The navy said the ferry sank.", "source": "Olha Vyhadana"}, False),
    ],
)
def test_matches(pred, expected):
    gold = {"sentence": "The mayor said the ferry sank.", "source": "Olha Vyhadana", "source_names": ["the mayor"]}
    assert matches(pred, gold) is expected


def test_report_metrics():
    report = CorpusReport(tp=6, fp=2, fn=4, status_ok=3, status_n=4, show_ok=1, show_n=2)
    assert report.precision == pytest.approx(0.75)
    assert report.recall == pytest.approx(0.6)
    assert report.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert report.status == pytest.approx(0.75)
    assert report.show == pytest.approx(0.5)
    assert report.summary() == (
        "attribution P=0.75 R=0.60 F1=0.67 (tp=6 fp=2 fn=4) | status=0.75 of 4 | misleading=0.00 (0) | show=0.50 of 2"
    )


def test_misleading_counts_only_wrong_decisive_statuses():
    report = CorpusReport(status_n=4)
    report.confusion.update(
        {("unverified", "confirmed"): 1, ("disputed", "unverified"): 1, ("confirmed", "disputed"): 1}
    )
    assert report.misleading == 2  # a wrong "unverified" holds back; it does not mislead
    assert report.misleading_share == pytest.approx(0.5)
    assert report.short(None, None, None, max_misleading=0.25) == ["misleading"]
    assert "unverified -> conf=1 disp=0 unve=0" in report.confusion_line()


def test_report_short_names_the_floors_missed():
    report = CorpusReport(tp=6, fp=2, fn=4, status_ok=3, status_n=4, show_ok=1, show_n=2)
    assert report.short(0.9, 0.5, None) == ["f1"]
    assert report.short(None, None, None) == []
    assert report.summary(min_f1=0.9, min_show=0.9).endswith(" | short: f1, show")


def test_empty_report_is_all_zero():
    report = CorpusReport()
    assert (report.precision, report.recall, report.f1, report.status, report.show) == (0.0, 0.0, 0.0, 0.0, 0.0)


def test_load_corpus_groups_stories_in_published_order(tmp_path):
    def gold(name, story, published):
        (tmp_path / f"{name}.txt").write_text("The mayor said the ferry sank.\n", encoding="utf-8")
        data = {"article": f"{name}.txt", "story": story, "published": published, "claims": []}
        (tmp_path / f"{name}.gold.json").write_text(json.dumps(data), encoding="utf-8")

    gold("b-first", "ferry", "2024-01-01")
    gold("a-second", "ferry", "2024-01-02")
    gold("alone", None, "2024-01-01")
    stories = load_corpus(tmp_path)
    assert set(stories) == {"ferry", "alone"}
    assert [path.name for path, _ in stories["ferry"]] == ["b-first.txt", "a-second.txt"]


# --- the seed corpus ----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_report() -> CorpusReport:
    from claimtrack.lexicon import load_lexicon

    return score_corpus(TESTS.parent / "seeds", load_lexicon())


def test_score_corpus_on_seeds(seed_report):
    assert (seed_report.tp, seed_report.fp, seed_report.fn) == (13, 0, 0), "\n".join(seed_report.misses)


def test_seed_statuses_and_show_all_right(seed_report):
    assert seed_report.status_n == 13
    assert seed_report.status == 1.0, "\n".join(seed_report.misses)
    assert seed_report.show == 1.0, "\n".join(seed_report.misses)
    assert seed_report.misses == []


@pytest.mark.skipif(not SCORER.is_file(), reason=f"the reference scorer is not beside the project ({SCORER})")
def test_external_scorer_agrees(seed_report, seeds_dir):
    env = {k: v for k, v in os.environ.items() if k not in {"CLAIMTRACK_DB", "CLAIMTRACK_LEXICON"}}
    cmd = f"{shlex.quote(sys.executable)} -m claimtrack"
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(seeds_dir), "--cmd", cmd],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=TESTS.parent,
    )
    assert proc.returncode == 0, (proc.stdout, proc.stderr)
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary == seed_report.summary()
