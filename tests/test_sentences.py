"""Tests for claimtrack.extract.sentences: datelines, sentence ends, offsets."""

# Curly quotes and apostrophes are the subject matter here:

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack.extract.sentences import ABBREVIATIONS, body_start, split_sentences

TESTS = Path(__file__).resolve().parent
DEV = TESTS / "data" / "dev"
SEED = TESTS.parent / "seeds" / "kursk-toretsk-2025-02-08.txt"


def body_of(raw: str) -> str:
    """The article body: everything after the line closing the front matter."""
    lines = raw.split("\n")
    fences = [i for i, line in enumerate(lines) if line.strip() == "---"]
    return "\n".join(lines[fences[1] + 1 :])


def texts(body: str) -> list[str]:
    return [s.text for s in split_sentences(body)]


# --- datelines ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "rest"),
    [
        pytest.param("KYIV, March 3 (Reuters) - Troops left.", "Troops left.", id="reuters"),
        pytest.param("MOSCOW (AP) — Drones fell.", "Drones fell.", id="ap"),
        pytest.param("KYIV, Ukraine (AP) — Sirens rang.", "Sirens rang.", id="place-country"),
        pytest.param("NEW YORK, Feb. 8 (Reuters) - Oil rose.", "Oil rose.", id="two-word-place"),
        pytest.param("ODESA — Ships sailed.", "Ships sailed.", id="place-dash"),
        pytest.param("Troops left the city.", "Troops left the city.", id="none"),
        pytest.param("Kyiv - the capital - was hit.", "Kyiv - the capital - was hit.", id="mixed-case"),
        pytest.param("NATO - allies met.", "NATO - allies met.", id="acronym-hyphen"),
        pytest.param("KYIV-based units moved.", "KYIV-based units moved.", id="hyphenated"),
        pytest.param("", "", id="empty"),
    ],
)
def test_body_start(body: str, rest: str) -> None:
    assert body[body_start(body) :] == rest


def test_dateline_skipped_by_split() -> None:
    body = "KYIV, March 3 (Reuters) - Troops left. They returned."
    sentences = split_sentences(body)
    assert [s.text for s in sentences] == ["Troops left.", "They returned."]
    assert sentences[0].start == body.index("Troops")


# --- sentence ends -----------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param("Troops left. They returned.", ["Troops left.", "They returned."], id="period"),
        pytest.param("Who fired? Nobody knows!", ["Who fired?", "Nobody knows!"], id="question-bang"),
        pytest.param("It fell. 12 were hurt.", ["It fell.", "12 were hurt."], id="before-digit"),
        pytest.param("It fell. “Awful,” she said.", ["It fell.", "“Awful,” she said."], id="before-quote"),
        pytest.param("It fell. and rose", ["It fell. and rose"], id="lowercase-no-split"),
        pytest.param("They fled (to the river.) Then", ["They fled (to the river.)", "Then"], id="bracket"),
        pytest.param("One line\nAnother line", ["One line", "Another line"], id="newline-ends"),
        pytest.param("  \n\nA.  \n\n\nB.\n", ["A.", "B."], id="blank-lines-stripped"),
        pytest.param("He left...  Then came back.", ["He left...", "Then came back."], id="ellipsis"),
    ],
)
def test_sentence_ends(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


# --- quotations --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "“Attacks resumed at dawn,” the mayor said, adding, “Drones hit the port.”",
            ["“Attacks resumed at dawn,” the mayor said, adding, “Drones hit the port.”"],
            id="two-quotes-one-sentence",
        ),
        pytest.param(
            '"The bridge is closed," she said. "Water will run out."',
            ['"The bridge is closed," she said.', '"Water will run out."'],
            id="split-after-said",
        ),
        pytest.param(
            '"Kherson has been freed," Petrenko said. Fighting went on.',
            ['"Kherson has been freed," Petrenko said.', "Fighting went on."],
            id="quote-first-attribution",
        ),
        pytest.param(
            'He said: "We hold the line." Then he left.',
            ['He said: "We hold the line."', "Then he left."],
            id="quote-final",
        ),
        pytest.param(
            "He called the vote “a sham that no one trusts.” She added that it was void.",
            ["He called the vote “a sham that no one trusts.”", "She added that it was void."],
            id="quotation-inside-a-sentence-then-a-new-speaker",
        ),
        pytest.param(
            "“Why now?” Smith asked. “We hold. They run.” Koval said.",
            ["“Why now?” Smith asked.", "“We hold.", "They run.” Koval said."],
            id="quotation-opening-the-sentence-keeps-its-speaker",
        ),
        pytest.param(
            "Her note was ''not in line with our policy.'' The network said it would send her.",
            ["Her note was ''not in line with our policy.''", "The network said it would send her."],
            id="doubled-apostrophe-closing-mark-ends-a-sentence",
        ),
        pytest.param(
            "She said: “We hold. They run. It ends.” Nothing more.",
            ["She said: “We hold.", "They run.", "It ends.”", "Nothing more."],
            id="quotation-of-several-sentences-is-several-sentences",
        ),
        pytest.param(
            "“We hold. They run,” Gen. Smith said. “Mr. Ivanov fled.”",
            ["“We hold.", "They run,” Gen. Smith said.", "“Mr. Ivanov fled.”"],
            id="abbreviations-inside-quotation-do-not-split",
        ),
        pytest.param(
            "He said “we won. and so on” later.",
            ["He said “we won. and so on” later."],
            id="lowercase-after-dot-inside-quotation-does-not-split",
        ),
        pytest.param(
            "''We won. They lost,'' he said.",
            ["''We won.", "They lost,'' he said."],
            id="two-apostrophe-quotation",
        ),
        pytest.param(
            '"Is this victory?" Colonel Ivan Sirko asked. Nobody answered.',
            ['"Is this victory?" Colonel Ivan Sirko asked.', "Nobody answered."],
            id="question-quote-then-speaker",
        ),
        pytest.param(
            '"Why?" he asked. "Because."',
            ['"Why?" he asked.', '"Because."'],
            id="question-quote-lowercase-speaker",
        ),
        pytest.param(
            "“We fought all night.\n\n“We held,” he said.",
            ["“We fought all night.", "“We held,” he said."],
            id="continued-paragraph-quote",
        ),
        pytest.param(
            "He called it “a lie. Pure. Simple.\nNext line.",
            ["He called it “a lie.", "Pure.", "Simple.", "Next line."],
            id="unclosed-quote-ends-at-paragraph",
        ),
        pytest.param(
            "Kyiv’s mayor spoke. Russia’s envoy left.",
            ["Kyiv’s mayor spoke.", "Russia’s envoy left."],
            id="apostrophes-do-not-open-quotes",
        ),
    ],
)
def test_quotations(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


# --- abbreviations, initials, numbers ----------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Aid from the U.S. Army arrived. It helped.",
            ["Aid from the U.S. Army arrived.", "It helped."],
            id="us-before-capital",
        ),
        pytest.param(
            "Both the U.K. and E.U. agreed. U.N. monitors came.",
            ["Both the U.K. and E.U. agreed.", "U.N. monitors came."],
            id="uk-eu-un",
        ),
        pytest.param(
            "Envoys came from the U.S.\nThey left.",
            ["Envoys came from the U.S.", "They left."],
            id="us-before-newline",
        ),
        pytest.param(
            "Lt. Gen. Ivan Sirko and Col. Petro Bida met Maj. Roe. Sgt. Doe stayed.",
            ["Lt. Gen. Ivan Sirko and Col. Petro Bida met Maj. Roe.", "Sgt. Doe stayed."],
            id="ranks",
        ),
        pytest.param(
            "Gov. Ann Lee met Sen. Bo Kim, Rep. Al Day and Adm. Cy Vu. They talked.",
            ["Gov. Ann Lee met Sen. Bo Kim, Rep. Al Day and Adm. Cy Vu.", "They talked."],
            id="offices",
        ),
        pytest.param(
            "Mr. Roe, Mrs. Doe, Ms. Lee and Dr. Kim met. It rained.",
            ["Mr. Roe, Mrs. Doe, Ms. Lee and Dr. Kim met.", "It rained."],
            id="honorifics",
        ),
        pytest.param(
            "He flew to St. Petersburg with Tom Roe Jr. Then he rested.",
            ["He flew to St. Petersburg with Tom Roe Jr. Then he rested."],
            id="saint-junior",
        ),
        pytest.param(
            "Unit No. 5 fought Team Alpha vs. Team Bravo. Both lost.",
            ["Unit No. 5 fought Team Alpha vs. Team Bravo.", "Both lost."],
            id="number-versus",
        ),
        pytest.param(
            "Shells, drones, etc. were used. It ended.",
            ["Shells, drones, etc. were used.", "It ended."],
            id="etc-inside",
        ),
        pytest.param(
            "Sirens sounded at 4 a.m. Kyiv time and at 9 p.m. Sunday. All clear.",
            ["Sirens sounded at 4 a.m. Kyiv time and at 9 p.m. Sunday.", "All clear."],
            id="am-pm",
        ),
        pytest.param(
            "Jan. 3, Feb. 9, Aug. 1, Sept. 12, Oct. 5, Nov. 2 or Dec. 7 were named. Done.",
            [
                "Jan. 3, Feb. 9, Aug. 1, Sept. 12, Oct. 5, Nov. 2 or Dec. 7 were named.",
                "Done.",
            ],
            id="months-before-number",
        ),
        pytest.param(
            "Shares of Acme Inc. and Roe Co. Ltd rose. Trading closed.",
            ["Shares of Acme Inc. and Roe Co. Ltd rose.", "Trading closed."],
            id="company",
        ),
        pytest.param(
            "Analyst J. Smith and J.R. Doe wrote it. It spread.",
            ["Analyst J. Smith and J.R. Doe wrote it.", "It spread."],
            id="initials",
        ),
        pytest.param(
            "The ministry said 31.75 square kilometres fell. It added more.",
            ["The ministry said 31.75 square kilometres fell.", "It added more."],
            id="decimal",
        ),
        pytest.param(
            "Drones flew between 7 am and 10 am. Nobody died.",
            ["Drones flew between 7 am and 10 am.", "Nobody died."],
            id="seven-am",
        ),
    ],
)
def test_abbreviations(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


def test_abbreviations_constant() -> None:
    assert isinstance(ABBREVIATIONS, frozenset)
    assert {"u.s", "gen", "mr", "a.m", "sept"} <= ABBREVIATIONS


# --- credit lines --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Troops left.\n\n(Writing by Jane Doe; Editing by John Roe)\n",
            ["Troops left."],
            id="writing-editing-paragraph",
        ),
        pytest.param(
            "Troops left. (Reporting by Jane Doe in Kyiv)",
            ["Troops left."],
            id="reporting-same-paragraph",
        ),
        pytest.param(
            "Troops left.\n(Reporting by A. Roe; Additional reporting by B. Lee)\n(Editing by C. Kim)",
            ["Troops left."],
            id="several-credit-lines",
        ),
        pytest.param(
            "Troops left.\nReporting by Jane Doe; Editing by John Roe",
            ["Troops left."],
            id="bare-credit",
        ),
        pytest.param(
            "Troops left.\nReporting by the ministry showed a rise.",
            ["Troops left.", "Reporting by the ministry showed a rise."],
            id="sentence-not-credit",
        ),
        pytest.param(
            "(Reporting by Jane Doe)\nTroops left.",
            ["(Reporting by Jane Doe)", "Troops left."],
            id="only-trailing-dropped",
        ),
    ],
)
def test_credit_lines(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


# --- offsets, paragraphs, indices ----------------------------------------------


def test_offsets_paragraphs_and_indices() -> None:
    body = "A one. A two.\n\nB one.\nC one. C two."
    sentences = split_sentences(body)
    assert [(s.text, s.paragraph, s.index) for s in sentences] == [
        ("A one.", 0, 0),
        ("A two.", 0, 1),
        ("B one.", 1, 2),
        ("C one.", 2, 3),
        ("C two.", 2, 4),
    ]
    for s in sentences:
        assert body[s.start : s.end] == s.text


def test_no_runaway_backtracking_on_one_megabyte() -> None:
    """A hang guard, not a speed measurement (bench/extract_speed.py measures speed): each of these
    inputs splits in well under a second, while a pattern that backtracks quadratically on a megabyte
    would take hours. The bound is loose so that a loaded machine never fails it."""
    samples = ["word " * 200_000, "a" * 1_000_000, '"' * 1_000_000, "U.S. " * 200_000]
    for body in samples:
        began = time.perf_counter()
        split_sentences(body)
        assert time.perf_counter() - began < 120.0


# --- real inputs -----------------------------------------------------------------


def test_seed_article() -> None:
    body = body_of(SEED.read_text(encoding="utf-8"))
    found = texts(body)
    starts = [
        "Ukrainian President Volodymyr Zelenskyy announced",
        "“New assaults have occurred",
        "North Korea has been supplying",
        "While no casualties were reported",
    ]
    for start in starts:
        assert sum(1 for t in found if t.startswith(start)) == 1, start
    assault = next(t for t in found if t.startswith("“New assaults have occurred"))
    assert assault.endswith("in conjunction with its own troops.”")
    supply = next(t for t in found if t.startswith("North Korea has been supplying"))
    assert "U.S., South Korean, and Ukrainian intelligence" in supply
    assert supply.endswith("were sent last October.")


DEV_ARTICLES = sorted(DEV.glob("*.txt"))


@pytest.mark.parametrize("path", DEV_ARTICLES, ids=[p.stem for p in DEV_ARTICLES])
def test_dev_gold_sentences(path: Path) -> None:
    body = body_of(path.read_text(encoding="utf-8"))
    found = texts(body)
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    for claim in gold["claims"]:
        assert found.count(claim["sentence"]) == 1, claim["sentence"]


def test_dev_articles_exist() -> None:
    assert len(DEV_ARTICLES) >= 16


# --- properties ------------------------------------------------------------------

ARBITRARY = st.text(alphabet=st.sampled_from(list("aZ9 .!?,;:\n\t“”‘’\"'()—-KYIV(AP)USJr")), max_size=300)


@given(ARBITRARY)
def test_split_properties(body: str) -> None:
    sentences = split_sentences(body)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert s.start >= previous_end
        assert s.start < s.end
        assert body[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.text
        previous_end = s.end
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)


@given(st.text(max_size=200))
def test_split_never_raises_on_any_unicode(body: str) -> None:
    for s in split_sentences(body):
        assert body[s.start : s.end] == s.text
