"""Use cases over a story of several articles: order independence, idempotence, history."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from claimtrack.article import read_article_file
from claimtrack.serialize import claim_to_dict
from claimtrack.service import (
    NotFoundError,
    add_actor,
    add_alias,
    claim_detail,
    claims_about,
    ingest_article,
    list_claims,
    recompute_all,
)
from claimtrack.store import ClaimFilter, Store

DEV = Path(__file__).parent / "data" / "dev"
BAKHMUT = sorted(DEV.glob("bakhmut-*.txt"))
PRIGOZHIN_FIRST = "Wagner mercenary boss Yevgeny Prigozhin declared on Saturday"


def _articles(paths):
    articles = [read_article_file(p) for p in paths]
    return sorted(articles, key=lambda a: (a.published, a.origin))


def _ingest_all(articles, lexicon) -> Store:
    store = Store.open(":memory:")
    for article in articles:
        ingest_article(store, article, lexicon)
    return store


def _final(store: Store) -> Counter:
    """(sentence, source) -> status, with multiplicity."""
    return Counter((c.sentence, c.source, c.status) for c in list_claims(store, ClaimFilter()))


def _export(store: Store) -> list[dict]:
    return [claim_to_dict(c) for c in list_claims(store, ClaimFilter())]


def test_bakhmut_story_has_three_articles():
    assert [p.name for p in BAKHMUT] == ["bakhmut-1.txt", "bakhmut-2.txt", "bakhmut-3.txt"]


def test_ingest_order_does_not_change_final_statuses(lexicon):
    in_order = _ingest_all(_articles(BAKHMUT), lexicon)
    reversed_ = _ingest_all(list(reversed(_articles(BAKHMUT))), lexicon)
    a, b = _final(in_order), _final(reversed_)
    only_in_order = sorted((s[:60], src, st) for (s, src, st), n in (a - b).items())
    only_reversed = sorted((s[:60], src, st) for (s, src, st), n in (b - a).items())
    assert a == b, f"published order: {only_in_order}\nreversed order: {only_reversed}"


@pytest.mark.parametrize("order", [(0, 2, 1), (1, 0, 2), (2, 0, 1)], ids=lambda o: "-".join(map(str, o)))
def test_any_ingest_order_gives_the_same_statuses(lexicon, order):
    articles = _articles(BAKHMUT)
    expected = _final(_ingest_all(articles, lexicon))
    got = _final(_ingest_all([articles[i] for i in order], lexicon))
    assert got == expected, sorted((s[:50], src, st) for (s, src, st) in (got ^ expected))


@pytest.mark.parametrize("reverse", [False, True], ids=["published", "reversed"])
def test_relinking_everything_changes_no_status(lexicon, reverse):
    """The links kept at ingest (windowed, first reports only, pruned) decide every status as a
    full relink of the ledger does, whatever order the articles came in."""
    articles = _articles(BAKHMUT)
    store = _ingest_all(list(reversed(articles)) if reverse else articles, lexicon)
    before = _final(store)
    assert recompute_all(store) == 0
    assert _final(store) == before


def test_reingest_changes_nothing(lexicon):
    articles = _articles(BAKHMUT)
    store = _ingest_all(articles, lexicon)
    before = _export(store)
    history = store.conn.execute("SELECT count(*) FROM status_history").fetchone()[0]
    links = store.conn.execute("SELECT count(*) FROM links").fetchone()[0]
    for article in articles:
        result = ingest_article(store, article, lexicon)
        assert result.already
        assert result.changed == 0
    assert _export(store) == before
    assert store.conn.execute("SELECT count(*) FROM status_history").fetchone()[0] == history
    assert store.conn.execute("SELECT count(*) FROM links").fetchone()[0] == links
    assert store.document_count() == 3


def _prigozhin_first(store: Store):
    hits = [c for c in list_claims(store, ClaimFilter(source="Prigozhin")) if c.sentence.startswith(PRIGOZHIN_FIRST)]
    assert len(hits) == 1, [c.sentence[:60] for c in list_claims(store, ClaimFilter())]
    return hits[0]


def test_history_records_the_document_that_changed_a_status(lexicon):
    one, _, three = _articles(BAKHMUT)
    store = Store.open(":memory:")
    first = ingest_article(store, one, lexicon, when="2023-05-20T12:00:00+00:00")
    claim = _prigozhin_first(store)
    assert claim.status == "disputed"
    third = ingest_article(store, three, lexicon, when="2023-05-25T12:00:00+00:00")
    assert third.changed >= 1
    claim = _prigozhin_first(store)
    assert claim.status == "confirmed"
    history = claim_detail(store, claim.id).history
    assert [(h.old_status, h.new_status) for h in history] == [(None, "disputed"), ("disputed", "confirmed")]
    assert history[0].document_id == first.document_id
    assert history[0].document == one.origin
    assert history[0].changed_at == "2023-05-20T12:00:00+00:00"
    assert history[1].document_id == third.document_id
    assert history[1].document == three.origin
    assert history[1].changed_at == "2023-05-25T12:00:00+00:00"


def test_history_is_a_chain_for_every_claim(lexicon):
    store = _ingest_all(_articles(BAKHMUT), lexicon)
    documents = {r[0] for r in store.conn.execute("SELECT id FROM documents")}
    for claim in list_claims(store, ClaimFilter()):
        history = claim_detail(store, claim.id).history
        assert history, claim.sentence
        assert history[0].old_status is None
        assert history[0].document_id == claim.document_id
        for before, after in pairwise(history):
            assert after.old_status == before.new_status
            assert after.old_status != after.new_status
        assert history[-1].new_status == claim.status
        assert all(h.document_id in documents for h in history)


def test_changed_count_matches_history(lexicon):
    store = Store.open(":memory:")
    total = 0
    for article in _articles(BAKHMUT):
        total += ingest_article(store, article, lexicon).changed
    changes = store.conn.execute("SELECT count(*) FROM status_history WHERE old_status IS NOT NULL").fetchone()[0]
    assert total == changes


def test_claims_about_term_and_former_name(lexicon):
    store = _ingest_all(_articles(BAKHMUT), lexicon)
    report = claims_about(store, "bakhmut", lexicon)
    assert report.claims
    assert all(c.id for c in report.claims)
    assert {c.id for c in claims_about(store, "Artyomovsk", lexicon).claims} >= {
        c.id for c in report.claims if "Artyomovsk" in c.sentence
    }
    with pytest.raises(NotFoundError):
        claims_about(store, "Atlantis", lexicon)
    with pytest.raises(NotFoundError):
        claims_about(store, "   ", lexicon)


def test_claim_detail_unknown_id():
    with pytest.raises(NotFoundError):
        claim_detail(Store.open(":memory:"), 42)


def test_add_alias_unknown_actor(lexicon):
    with pytest.raises(NotFoundError):
        add_alias(Store.open(":memory:"), "Somebody", "No Such Actor", lexicon)


def test_user_actor_is_used_by_a_later_ingest(lexicon):
    from claimtrack.article import parse_article
    from claimtrack.service import effective_lexicon

    store = Store.open(":memory:")
    add_actor(store, "Oksana Bilyk", "ukraine", ["Bilyk"], "person")
    article = parse_article(
        "---\npublished: 2024-09-11\n---\nBilyk said on Tuesday that Russian forces had "
        "been pushed back from the village of Novoselivka.\n",
        "a.txt",
    )
    ingest_article(store, article, effective_lexicon(store, lexicon))
    claims = list_claims(store, ClaimFilter())
    assert [(c.source, c.side) for c in claims] == [("Oksana Bilyk", "ukraine")]


def test_a_later_denial_finds_its_claim_in_either_order_of_ingest() -> None:
    """'the ministry's statement ... was untrue' points at the earlier article's claim, whichever is stored first."""
    import datetime as dt

    from claimtrack.lexicon import load_lexicon
    from claimtrack.models import Article
    from claimtrack.service import ingest_article, list_claims
    from claimtrack.store import ClaimFilter, Store

    claim = Article(
        body="Russia's defence ministry said on Tuesday that its forces had destroyed a bridge near Hlyboke.",
        published=dt.date(2025, 6, 3),
    )
    denial = Article(
        body="Ukraine's General Staff said on Wednesday that the ministry's statement about the bridge near "
        "Hlyboke was untrue.",
        published=dt.date(2025, 6, 4),
    )
    results = []
    for order in ([claim, denial], [denial, claim]):
        store = Store.open(":memory:")
        for article in order:
            ingest_article(store, article, load_lexicon())
        rows = list_claims(store, ClaimFilter())
        by_source = {c.source: c for c in rows}
        ministry = by_source["Russian Ministry of Defence"]
        assert by_source["Ukrainian General Staff"].target_id == ministry.id
        results.append({c.source: c.status for c in rows})
    assert (
        results[0] == results[1] == {"Russian Ministry of Defence": "disputed", "Ukrainian General Staff": "disputed"}
    )


def test_a_later_contradiction_reaches_a_report_with_figures_of_a_confirmed_claim(lexicon):
    """A report that gives figures is not confirmed by the same outcome, so its status can differ
    from its first report's; a later contradiction must still reach it (links are pruned on the
    statuses of the whole group). Its outcome stays confirmed against the contradiction and its
    figure is unbacked, so it stays unverified, and its reason now names the contradiction."""
    import datetime as dt

    from claimtrack.models import Article
    from claimtrack.status import compute_statuses

    store = Store.open(":memory:")
    texts = [
        "Russia's defence ministry said its forces captured Krasnohorivka.",
        "The Institute for the Study of War said Russian forces captured Krasnohorivka.",
        "Russia's defence ministry said its forces captured Krasnohorivka, killing 200 Ukrainian soldiers.",
        "Ukraine's general staff said Ukrainian forces still hold Krasnohorivka.",
    ]
    for day, text in enumerate(texts):
        ingest_article(store, Article(body=text, origin=f"doc{day}", published=dt.date(2024, 8, 10 + day)), lexicon)
    ids = store.all_claim_ids()
    stored = {i: status for i, (status, _) in store.statuses(ids).items()}
    recomputed = compute_statuses(store.claim_facts(ids), store.links_touching(ids))
    assert stored == {i: r.status.value for i, r in recomputed.items()}
    report = next(i for i in ids if store.canonical_id(i) != i)
    assert stored[report] == "unverified"
    reason = store.statuses([report])[report][1]
    assert "figure unbacked" in reason and "contrary-outcome" in reason
    assert f"#{max(ids)} (Ukrainian General Staff" in reason


def test_show_counts_every_claim_about_a_term_whatever_the_limit(lexicon):
    """The summary of `show TERM --limit 1` counts the same claims as the full list, spellings,
    prefixes ("Rostov" and "Rostov-on-Don") and sentence-only matches included."""
    store = _ingest_all(_articles(sorted(DEV.glob("*.txt"))), lexicon)
    terms = [row[0] for row in store.conn.execute("SELECT DISTINCT term FROM claim_about")]
    assert len(terms) > 20
    for term in terms:
        full, one = claims_about(store, term, lexicon), claims_about(store, term, lexicon, limit=1)
        assert (one.total, one.totals, one.exact) == (len(full.claims), full.totals, True), term


def test_link_candidates_come_from_earlier_documents_only(lexicon, monkeypatch):
    """Relinking replays documents in order: a document's candidates are claims ingested before it,
    even when the cap on candidates is small and later claims share its terms."""
    import claimtrack.store

    store = _ingest_all(_articles(BAKHMUT), lexicon)
    monkeypatch.setattr(claimtrack.store, "RELATED_LIMIT", 3)
    documents = list(store.claim_ids_by_document())
    assert store.related_claim_ids(documents[0]) == []
    later = store.related_claim_ids(documents[-1])
    assert later
    assert all(i < min(documents[-1]) for i in later)
    assert len(later) <= 2 * 3  # each kind of candidate is capped


def test_an_unknown_actor_keeps_how_the_text_named_it(lexicon):
    """'A military source in the capital ... "...," he said': the actor no table knows keeps its first
    mention as an alias, so the claim 'he' gives it shows who that is; a pronoun is never an alias."""
    import datetime as dt

    from claimtrack.models import Article

    text = (
        "A military source in the capital, speaking on condition of anonymity, dismissed the rebels' statement "
        'as propaganda. "Our forces are in their positions and the town is calm," he said.'
    )
    store = Store.open(":memory:")
    ingest_article(store, Article(body=text, published=dt.date(2024, 3, 5)), lexicon)
    rows = list_claims(store, ClaimFilter())
    assert [c.source_text for c in rows] == ["A military source in the capital", "he"]
    for claim in rows:
        assert claim.source == "Military source in the capital"
        assert "A military source in the capital" in claim.source_aliases
        assert "he" not in claim.source_aliases


def test_an_unknown_actors_alias_is_also_its_noun_phrase_without_the_aside(lexicon):
    import datetime as dt

    from claimtrack.models import Article

    text = '"We have run out of beds," said a nurse at the Central Hospital, who asked not to be named.'
    store = Store.open(":memory:")
    ingest_article(store, Article(body=text, published=dt.date(2024, 3, 5)), lexicon)
    (claim,) = list_claims(store, ClaimFilter())
    assert claim.source == "Nurse at the Central Hospital"
    assert "a nurse at the Central Hospital" in claim.source_aliases
    assert "a nurse at the Central Hospital, who asked not to be named" in claim.source_aliases
