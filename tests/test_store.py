"""The store: schema and migrations, pragmas, transactions, inserts, filters, search, history."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from claimtrack.article import content_hash, read_article_file
from claimtrack.models import Actor, Article, Claim, EventDate, Precision, Sentence, Stance, Status, StatusResult
from claimtrack.service import ingest_article
from claimtrack.store import SCHEMA_VERSION, ClaimFilter, Store, StoreError

TABLES = {"documents", "actors", "aliases", "claims", "claim_about", "links", "status_history", "claims_fts"}


def _tables(store: Store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _article(
    body: str = "Kyiv said the village held.", published: dt.date | None = dt.date(2025, 2, 8), origin: str = "a.txt"
) -> Article:
    return Article(body=body, published=published, origin=origin, title="A title", outlet="Example Wire")


def _claim(
    text: str,
    *,
    index: int = 0,
    actor: str = "Russian government",
    side: str = "russia",
    about: tuple[str, ...] = (),
    stance: Stance = Stance.ASSERT,
    event: EventDate | None = None,
) -> Claim:
    return Claim(
        sentence=Sentence(text, 0, len(text), 0, index),
        source_text=actor,
        actor=actor,
        side=side,
        cue="said",
        stance=stance,
        content=text,
        rule="test-rule",
        about=about,
        event_date=event,
        notes=("a note on it",),
    )


@pytest.fixture
def store():
    s = Store.open(":memory:")
    yield s
    s.close()


def _add_document(store: Store, article: Article | None = None) -> int:
    article = article or _article()
    with store.transaction():
        return store.insert_document(article, content_hash(article), "2025-02-08T12:00:00+00:00")


# --- opening and migrating -----------------------------------------------------------------


def test_memory_store_is_migrated(store):
    assert store.schema_version == SCHEMA_VERSION
    assert _tables(store) >= TABLES
    assert store.document_count() == 0


def test_file_store_uses_wal_and_foreign_keys(tmp_path):
    store = Store.open(tmp_path / "x.db")
    try:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
        assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert store.schema_version == SCHEMA_VERSION
    finally:
        store.close()


def test_file_store_creates_its_folder(tmp_path):
    target = tmp_path / "a" / "b" / "x.db"
    Store.open(target).close()
    assert target.is_file()


def test_reopening_keeps_data(tmp_path):
    store = Store.open(tmp_path / "x.db")
    _add_document(store)
    store.close()
    again = Store.open(tmp_path / "x.db")
    try:
        assert again.document_count() == 1
        assert again.schema_version == SCHEMA_VERSION
    finally:
        again.close()


def test_version_zero_file_without_tables_is_migrated(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 0")
    conn.execute("CREATE TABLE IF NOT EXISTS t(x)")  # force the file to exist
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()
    store = Store.open(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert _tables(store) >= TABLES
        _add_document(store)
        assert store.document_count() == 1
    finally:
        store.close()


def test_empty_file_is_migrated(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    store = Store.open(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
    finally:
        store.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)
    with pytest.raises(StoreError):
        Store.open(path, readonly=True)


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"plain text, not sqlite\n" * 100)
    with pytest.raises(StoreError) as info:
        Store.open(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == b"plain text, not sqlite\n" * 100


def test_readonly_open_of_missing_file(tmp_path):
    with pytest.raises(StoreError):
        Store.open(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


# --- transactions ---------------------------------------------------------------------------


# the body of a transaction is the point of these tests: several statements inside pytest.raises
def test_transaction_rolls_back_on_exception(store):
    _add_document(store)
    assert store.document_count() == 1
    with pytest.raises(RuntimeError, match="boom"), store.transaction():  # noqa: PT012
        store.insert_document(_article("Another body."), "other-hash", "now")
        assert store.document_count() == 2
        raise RuntimeError("boom")
    assert store.document_count() == 1


def test_transaction_rolls_back_on_keyboard_interrupt(store):
    with pytest.raises(KeyboardInterrupt), store.transaction():  # noqa: PT012
        store.insert_document(_article(), "h", "now")
        raise KeyboardInterrupt
    assert store.document_count() == 0


def test_nested_transaction_is_one_unit(store):
    with pytest.raises(RuntimeError), store.transaction():  # noqa: PT012
        store.insert_document(_article("One."), "h1", "now")
        with store.transaction():
            store.insert_document(_article("Two."), "h2", "now")
        raise RuntimeError
    assert store.document_count() == 0


def test_failed_ingest_leaves_nothing(store, lexicon, monkeypatch):
    import claimtrack.service as service

    article = read_article_file(_seed_path())

    def broken(*args, **kwargs):
        raise RuntimeError("status failed")

    monkeypatch.setattr(service, "settle", broken)
    with pytest.raises(RuntimeError):
        ingest_article(store, article, lexicon)
    assert store.document_count() == 0
    assert store.all_claim_ids() == []
    assert store.conn.execute("SELECT count(*) FROM claim_about").fetchone()[0] == 0


def test_foreign_keys_are_enforced(store):
    actor_id = store.ensure_actor(Actor("Russian government", "russia"))
    with pytest.raises(sqlite3.IntegrityError):
        store.insert_claim(12345, actor_id, _claim("Russia said it took Toretsk."), None)


def test_document_hash_is_unique(store):
    _add_document(store)
    digest = content_hash(_article())
    assert store.document_id_by_hash(digest) is not None
    assert store.document_id_by_hash("nope") is None
    with pytest.raises(sqlite3.IntegrityError):
        store.insert_document(_article(), digest, "now")


# --- claims and filters ----------------------------------------------------------------------------


@pytest.fixture
def filled(store):
    """Three claims in one document: two Russian (Toretsk, Kursk), one Ukrainian (Kursk)."""
    doc = _add_document(store)
    russia = store.ensure_actor(Actor("Russian government", "russia", aliases=("Moscow", "Russia")))
    zelensky = store.ensure_actor(Actor("Volodymyr Zelensky", "ukraine", "person", ("Zelenskyy",)))
    ids = {
        "toretsk": store.insert_claim(
            doc,
            russia,
            _claim(
                "Russia said its forces had taken the mining town of Toretsk.",
                index=0,
                about=("Toretsk", "Donetsk"),
                event=EventDate("on Friday", dt.date(2025, 2, 7), dt.date(2025, 2, 7)),
            ),
            None,
        ),
        "kursk-ru": store.insert_claim(
            doc,
            russia,
            _claim(
                "Moscow said the counteroffensive in Kursk was thwarted.",
                index=1,
                about=("Kursk",),
                event=EventDate("last month", dt.date(2025, 1, 1), dt.date(2025, 1, 31), Precision.MONTH),
            ),
            None,
        ),
        "kursk-ua": store.insert_claim(
            doc,
            zelensky,
            _claim(
                "Zelenskyy said new assaults had occurred in Kursk.",
                index=2,
                actor="Zelenskyy",
                side="ukraine",
                about=("Kursk",),
            ),
            None,
        ),
    }
    store.record_status(ids["kursk-ru"], None, StatusResult(Status.DISPUTED, "test"), doc, "now")
    store.record_status(ids["kursk-ua"], None, StatusResult(Status.DISPUTED, "test"), doc, "now")
    return ids


def _ids(claims) -> list[int]:
    return [c.id for c in claims]


def test_insert_claim_round_trip(store, filled):
    claim = store.claim(filled["toretsk"])
    assert claim is not None
    assert claim.source == "Russian government"
    assert claim.side == "russia"
    assert claim.sentence == "Russia said its forces had taken the mining town of Toretsk."
    assert claim.event_date == "2025-02-07"
    assert set(claim.about) == {"Toretsk", "Donetsk"}
    assert claim.notes == ("a note on it",)
    assert claim.status == "unverified"
    assert claim.published == "2025-02-08"
    assert set(claim.source_aliases) >= {"Russian government", "Moscow", "Russia"}
    assert store.claim(filled["kursk-ru"]).event_date == "2025-01"
    assert store.claim(999) is None


def test_claims_about(store, filled):
    assert _ids(store.claims_about(["toretsk"]).claims) == [filled["toretsk"]]
    assert _ids(store.claims_about(["kursk"]).claims) == [filled["kursk-ru"], filled["kursk-ua"]]
    assert store.claims_about(["atlantis"]).claims == []
    assert store.claims_about([]).claims == []


def test_claims_about_with_a_limit_keeps_the_latest_and_counts_all(store, filled):
    found = store.claims_about(["kursk"], limit=1)
    assert _ids(found.claims) == [filled["kursk-ua"]]
    assert sum(found.totals.values()) == 2
    assert found.exact


def test_list_claims_filters(store, filled):
    every = [filled["toretsk"], filled["kursk-ru"], filled["kursk-ua"]]
    assert _ids(store.list_claims(ClaimFilter())) == every
    assert _ids(store.list_claims(ClaimFilter(statuses=("disputed",)))) == [filled["kursk-ru"], filled["kursk-ua"]]
    assert _ids(store.list_claims(ClaimFilter(statuses=("unverified",)))) == [filled["toretsk"]]
    assert _ids(store.list_claims(ClaimFilter(statuses=("unverified", "disputed")))) == every
    assert _ids(store.list_claims(ClaimFilter(statuses=("confirmed",)))) == []
    assert _ids(store.list_claims(ClaimFilter(side="ukraine"))) == [filled["kursk-ua"]]
    assert _ids(store.list_claims(ClaimFilter(side="Russia"))) == [filled["toretsk"], filled["kursk-ru"]]
    assert _ids(store.list_claims(ClaimFilter(source="zelenskyy"))) == [filled["kursk-ua"]]
    assert _ids(store.list_claims(ClaimFilter(source="Moscow"))) == [filled["toretsk"], filled["kursk-ru"]]
    assert _ids(store.list_claims(ClaimFilter(about=("Kursk",)))) == [filled["kursk-ru"], filled["kursk-ua"]]
    assert _ids(store.list_claims(ClaimFilter(about=("Kursk",), side="russia"))) == [filled["kursk-ru"]]
    assert _ids(store.list_claims(ClaimFilter(since="2025-02-07"))) == [filled["toretsk"], filled["kursk-ua"]]
    assert _ids(store.list_claims(ClaimFilter(until="2025-01-31"))) == [filled["kursk-ru"]]
    assert _ids(store.list_claims(ClaimFilter(since="2025-02-08", until="2025-02-08"))) == [filled["kursk-ua"]]
    assert _ids(store.list_claims(ClaimFilter(limit=2))) == every[:2]
    assert _ids(store.list_claims(ClaimFilter(ids=(filled["kursk-ua"],)))) == [filled["kursk-ua"]]


def test_fts_search_finds_a_word_of_the_sentence(store, filled):
    assert _ids(store.search("Toretsk")) == [filled["toretsk"]]
    assert _ids(store.search("thwarted")) == [filled["kursk-ru"]]
    assert set(_ids(store.search("Kursk"))) == {filled["kursk-ru"], filled["kursk-ua"]}
    assert store.search("nonexistentword") == []


def test_fts_follows_deletes(store, filled):
    with store.transaction():
        store.conn.execute("DELETE FROM claims WHERE id = ?", (filled["toretsk"],))
    assert store.search("Toretsk") == []


def test_actors_and_aliases(store, filled):
    assert store.actor_by_name("Zelenskyy").name == "Volodymyr Zelensky"
    assert store.actor_by_name("zelenskyy").side == "ukraine"
    assert store.actor_by_name("Nobody") is None
    counts = {a.name: a.claims for a in store.actor_counts()}
    assert counts == {"Russian government": 2, "Volodymyr Zelensky": 1}
    assert [a.name for a in store.actor_counts("ukraine")] == ["Volodymyr Zelensky"]


def test_ensure_actor_is_idempotent(store):
    first = store.ensure_actor(Actor("ISW", "independent", aliases=("Institute for the Study of War",)))
    again = store.ensure_actor(Actor("ISW", "independent", aliases=("Institute for the Study of War",)))
    assert first == again
    assert store.conn.execute("SELECT count(*) FROM aliases WHERE actor_id = ?", (first,)).fetchone()[0] == 2


def test_record_status_writes_history(store, filled):
    claim_id = filled["toretsk"]
    store.record_status(claim_id, "unverified", StatusResult(Status.CONFIRMED, "why"), None, "later")
    history = store.history_of(claim_id)
    assert [(h.old_status, h.new_status, h.reason) for h in history] == [("unverified", "confirmed", "why")]
    assert store.claim(claim_id).status == "confirmed"
    assert store.statuses([claim_id]) == {claim_id: ("confirmed", "why")}


def test_status_check_constraint(store, filled):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("UPDATE claims SET status = 'maybe' WHERE id = ?", (filled["toretsk"],))


def test_every_filter_has_an_index(store):
    indexed = {
        (r[0], r[1])
        for r in store.conn.execute(
            "SELECT m.tbl_name, i.name FROM sqlite_master m, pragma_index_info(m.name) i WHERE m.type = 'index'"
        )
    }
    for table, column in [
        ("claims", "status"),
        ("claims", "actor_id"),
        ("claims", "document_id"),
        ("claims", "event_start"),
        ("claim_about", "term_key"),
        ("aliases", "alias_key"),
        ("actors", "side"),
        ("documents", "published"),
        ("status_history", "claim_id"),
        ("links", "source_id"),
        ("links", "target_id"),
    ]:
        assert (table, column) in indexed, (table, column)


# --- through the service -------------------------------------------------------------------------------


def _seed_path():
    from pathlib import Path

    return next((Path(__file__).parent.parent / "seeds").glob("*.txt"))


def test_history_rows_written_by_ingest(store, lexicon):
    result = ingest_article(store, read_article_file(_seed_path()), lexicon, when="2025-02-08T12:00:00+00:00")
    assert result.document_id is not None
    assert result.claims >= 10
    assert store.document_count() == 1
    for claim_id in store.all_claim_ids():
        history = store.history_of(claim_id)
        assert len(history) == 1
        entry = history[0]
        assert entry.old_status is None
        assert entry.new_status == store.claim(claim_id).status
        assert entry.document_id == result.document_id
        assert entry.document == str(_seed_path())
        assert entry.changed_at == "2025-02-08T12:00:00+00:00"
        assert entry.reason
    assert store.integrity_problems() == []


def test_ingest_twice_is_one_document(store, lexicon):
    article = read_article_file(_seed_path())
    first = ingest_article(store, article, lexicon)
    second = ingest_article(store, article, lexicon)
    assert second.already
    assert second.document_id == first.document_id
    assert store.document_count() == 1
    assert len(store.all_claim_ids()) == first.claims


def test_cached_facts_follow_changes_made_here_and_by_another_process(tmp_path):
    path = tmp_path / "ledger.db"
    store = Store.open(path)
    doc = _add_document(store)
    russia = store.ensure_actor(Actor("Russian government", "russia"))
    with store.transaction():
        first = store.insert_claim(doc, russia, _claim("Russia said it took Toretsk."), None)
        second = store.insert_claim(doc, russia, _claim("Russia said again it took Toretsk.", index=1), None)
    assert store.claim_facts([second])[0].group == second
    with store.transaction():
        store.set_report_of(second, first)
    assert store.claim_facts([second])[0].group == first  # changed here: forgotten at once

    other = Store.open(path)
    with other.transaction():
        other.set_target(first, second)
    other.close()
    assert store.claim_facts([first])[0].target == second  # another connection committed
    store.close()


def test_a_writer_waiting_for_another_is_told_once_and_then_writes(tmp_path) -> None:
    import threading
    import time

    path = tmp_path / "ledger.db"
    Store.open(path).close()
    waiter = Store.open(path)
    heard: list[str] = []
    waiter.on_wait = heard.append
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:  # another writer (a connection is used in the thread that made it)
        holder = Store.open(path)
        with holder.transaction():
            locked.set()
            release.wait(10)
        holder.close()

    thread = threading.Thread(target=hold)
    thread.start()
    locked.wait(10)
    threading.Timer(1.5, release.set).start()
    started = time.monotonic()
    with waiter.transaction():
        pass
    thread.join()
    assert time.monotonic() - started >= 1.0
    assert len(heard) == 1 and "another process" in heard[0] and "locked" not in heard[0]
    waiter.close()
