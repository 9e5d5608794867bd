"""Tests for claimtrack.render: untrusted text prints as written, no escapes reach the screen."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest

from claimtrack import render
from claimtrack.extract import explain_sentence
from claimtrack.models import ActorCount, HistoryEntry, StoredClaim, StoredLink, Verdict
from claimtrack.service import ClaimDetail, IngestResult, IngestTally, LinkView, SourceRecord, TermReport, TimelineEntry

MARKUP = "[bold]x[/bold]"
CLOSE = "[/]"
ESCAPE = "\x1b[31m"
# SGR colour parameters: 30-37, 38;..., 39, 40-47, 48;..., 90-97, 100-107
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def make_claim(**changes) -> StoredClaim:
    base = StoredClaim(
        id=5,
        document_id=1,
        document="articles/ferry-2024-06-01.txt",
        title="Ferry",
        outlet="Example Wire",
        url=None,
        published="2024-06-01",
        source="Harbour Watch",
        source_text="Harbour Watch",
        source_aliases=("Harbour Watch",),
        side="independent",
        stance="assert",
        cue="said",
        content="the ferry sank",
        sentence="Harbour Watch said the ferry sank.",
        sentence_start=0,
        sentence_end=34,
        rule="source-before-cue",
        status="disputed",
        status_reason="disputed: a denial",
        event_date="2024-05-31",
        event_words="on Friday",
        about=("Odesa",),
        context_about=(),
        notes=(),
        hedges=(),
        quantities=(),
        outcomes=(),
        channel=None,
        target_id=None,
    )
    return replace(base, **changes)


HOSTILE = make_claim(
    sentence=f"Harbour Watch said {MARKUP} sank {CLOSE} at dawn{ESCAPE} red\r.",
    content=f"{MARKUP} sank {CLOSE}",
    source=f"Watch {CLOSE}",
    source_text="Harbour Watch",
    status_reason=f"why {MARKUP}{ESCAPE}",
    notes=(f"note {CLOSE}\r",),
    about=(f"Odesa{ESCAPE}",),
    document=f"doc{ESCAPE}.txt",
)


def capture(draw, width: int = 240) -> str:
    console = render.make_console(width=width)
    with console.capture() as cap:
        draw(console)
    return cap.get()


def assert_clean(out: str) -> None:
    assert "\x1b[31m" not in out
    assert "\r" not in out


# --- make_console -----------------------------------------------------------


def test_make_console_width_and_no_markup():
    console = render.make_console(width=73)
    assert console.width == 73
    with console.capture() as cap:
        console.print(MARKUP, CLOSE)
    assert cap.get().strip() == f"{MARKUP} {CLOSE}"


def test_no_color_env_is_honoured(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert render.make_console().no_color is True
    monkeypatch.delenv("NO_COLOR")
    assert render.make_console().no_color is False


def _coloured_output(monkeypatch, no_color: bool) -> str:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    return capture(lambda c: render.claims_table(c, [make_claim()]))


def test_no_color_output_has_no_colour_codes(monkeypatch):
    coloured = _coloured_output(monkeypatch, no_color=False)
    assert COLOUR_SGR.search(coloured), "control: a forced terminal without NO_COLOR shows colour"
    plain = _coloured_output(monkeypatch, no_color=True)
    assert not COLOUR_SGR.search(plain), repr(plain[:300])
    assert "disputed" in plain


def test_dumb_terminal_output_has_no_escapes():
    out = capture(lambda c: render.claims_table(c, [make_claim()]))
    assert "\x1b" not in out


# --- untrusted text ---------------------------------------------------------


def test_claims_table_prints_markup_literally():
    out = capture(lambda c: render.claims_table(c, [HOSTILE], title=f"title {MARKUP}"))
    assert MARKUP in out
    assert CLOSE in out
    assert f"title {MARKUP}" in out
    assert f"note {CLOSE}" in out
    assert_clean(out)


def test_claims_table_narrow_still_clean():
    out = capture(lambda c: render.claims_table(c, [HOSTILE]), width=60)
    assert_clean(out)
    assert "\x1b" not in out


def test_claim_detail_prints_markup_literally():
    other = make_claim(id=6, sentence=f"The navy denied it {CLOSE}{ESCAPE}.", source=f"Navy {MARKUP}")
    link = StoredLink(5, 6, "denies", f"rule {CLOSE}", f"evidence {MARKUP}", 1)
    history = (HistoryEntry(5, None, "disputed", f"reason {MARKUP}\r", 1, f"doc{ESCAPE}.txt", "2024-06-01T00:00:00"),)
    verdict = Verdict(
        1,
        5,
        "disputed",
        f"note {MARKUP}",
        (f"https://e.org/{CLOSE}",),
        "A. [i]Analyst[/i]",
        "2024-06-02T00:00:00",
        None,
        None,
    )
    detail = ClaimDetail(
        claim=replace(HOSTILE, hedges=(f"likely{CLOSE}",), channel="on [red]Telegram[/red]"),
        links=(LinkView(link, other, outgoing=False),),
        history=history,
        reports=(make_claim(id=9, sentence=f"Again {MARKUP}."),),
        verdicts=(verdict,),
    )
    out = capture(lambda c: render.claim_detail(c, detail))
    for literal in (MARKUP, CLOSE, "A. [i]Analyst[/i]", "on [red]Telegram[/red]", f"reason {MARKUP}"):
        assert literal in out, literal
    assert_clean(out)


def test_term_report_prints_term_literally():
    report = TermReport(term=f"odesa{MARKUP}", canonical="Odesa", claims=(HOSTILE,))
    out = capture(lambda c: render.term_report(c, report))
    assert f"odesa{MARKUP}" in out
    assert "1 claim about" in out
    assert_clean(out)


def test_error_prints_message_literally():
    out = capture(lambda c: render.error(c, f"no claim about {MARKUP} {CLOSE}{ESCAPE}\r"))
    assert out.startswith(f"error: no claim about {MARKUP} {CLOSE}")
    assert_clean(out)


def test_other_tables_print_literally():
    actors = [ActorCount(f"Watch {MARKUP}", "ukraine", "group", (f"W{CLOSE}",), 2, "user")]
    sources = [SourceRecord(f"Navy {CLOSE}", "russia", "organisation", 3, 1, 1, 1, 0)]
    timeline = [TimelineEntry("2024-06-01", "claim", HOSTILE, f"text {MARKUP}{ESCAPE}", "disputed")]
    ingest = IngestTally()
    ingest.add(IngestResult(origin=f"a{MARKUP}.txt", claims=2, by_status={"disputed": 2}))
    ingest.add(IngestResult(origin=f"b{CLOSE}.txt", error=f"bad {MARKUP}{ESCAPE}"))

    def draw(console):
        render.actors_table(console, actors)
        render.sources_table(console, sources)
        render.timeline_table(console, f"odesa {CLOSE}", timeline, "event")
        render.ingest_summary(console, ingest)

    out = capture(draw, width=250)
    for literal in (
        f"Watch {MARKUP}",
        f"W{CLOSE}",
        f"Navy {CLOSE}",
        f"text {MARKUP}",
        f"a{MARKUP}.txt",
        f"odesa {CLOSE}",
    ):
        assert literal in out, literal
    assert_clean(out)


@pytest.mark.parametrize(
    "sentence",
    [
        f"The harbour office said {MARKUP} boats sank {CLOSE}.",
        f"The harbour office said the ferry{ESCAPE} sank\r at dawn.",
    ],
)
def test_explanation_prints_literally(lexicon, sentence):
    reading = explain_sentence(sentence, lexicon)
    out = capture(lambda c: render.explanation(c, reading))
    assert_clean(out)
    if MARKUP in sentence:
        assert MARKUP in out
        assert CLOSE in out


def test_export_text_of_recording_console():
    console = render.make_console(width=200)
    console.record = True
    console.file = io.StringIO()
    render.claims_table(console, [HOSTILE])
    text = console.export_text()
    assert text == console.file.getvalue()
    assert MARKUP in text
    assert CLOSE in text
    assert_clean(text)
