"""Tests for claimtrack.lexicon: loading, override folders, extra actors, name keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimtrack.lexicon import LEXICON_FILES, Lexicon, LexiconError, load_lexicon, normalise_name
from claimtrack.models import Actor


def write(folder: Path, name: str, text: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return folder


# --- normalise_name ---------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Zelenskyy", "zelenskyy"),
        ("  The   Harbour  Office ", "harbour office"),
        ("Russia’s Defense Ministry", "russia's defense ministry"),
        ("Russia‘s Defense Ministry", "russia's defense ministry"),
        ("A monitor", "monitor"),
        ("an Observer", "observer"),
        ("Theodore", "theodore"),  # only a whole leading article goes
        ("Anatoliy", "anatoliy"),
        ("the\tport\nauthority", "port authority"),
    ],
)
def test_normalise_name(raw, key):
    assert normalise_name(raw) == key


def test_normalise_name_is_idempotent():
    for raw in ("The Kremlin", "Russia’s Ministry of Defense", "  a  b  "):
        once = normalise_name(raw)
        assert normalise_name(once) == once


# --- load_lexicon -----------------------------------------------------------


def test_shipped_lexicon_loads(lexicon):
    assert isinstance(lexicon, Lexicon)
    assert len(lexicon.actors) > 400
    assert lexicon.places
    assert lexicon.subjects
    assert {"russia", "ukraine"} <= set(lexicon.sides)
    assert lexicon.opponents["russia"] == "ukraine"
    assert "said" in lexicon.words("verbs.assert")
    assert lexicon.words("no.such.section") == ()


def test_load_lexicon_is_cached():
    assert load_lexicon() is load_lexicon()


def test_actor_named_uses_normalised_keys(lexicon):
    actor = lexicon.actor_named("  the RUSSIA’S defense   ministry ")
    assert actor is not None
    assert actor.name == "Russian Ministry of Defence"
    assert lexicon.actor_named("Nobody In Particular") is None


def test_country_of(lexicon):
    assert lexicon.country_of("Sudzha") == "Russia"
    assert lexicon.country_of("Toretsk") == "Ukraine"
    assert lexicon.country_of("Atlantis") is None


# --- override folder (what CLAIMTRACK_LEXICON points at) ---------------------


def test_override_folder_merges_lists(tmp_path, lexicon):
    folder = write(tmp_path / "lex", "cues", '[verbs.assert]\nforms = ["grumbled", "said"]\n')
    merged = load_lexicon(folder)
    forms = merged.words("verbs.assert")
    assert "grumbled" in forms
    assert forms.count("said") == 1  # merged, not duplicated
    assert set(lexicon.words("verbs.assert")) <= set(forms)  # nothing shipped is lost
    assert "grumbled" not in lexicon.words("verbs.assert")  # the shipped lexicon is untouched


def test_override_folder_adds_actors_places_and_sides(tmp_path, lexicon):
    folder = tmp_path / "lex"
    write(
        folder,
        "actors",
        '[[actor]]\nname = "Harbour Watch"\nside = "ukraine"\nkind = "group"\n'
        'aliases = ["Harbor Watch", "HW monitors"]\n',
    )
    write(
        folder,
        "places",
        '[[place]]\nname = "Zorvansk"\nkind = "village"\nregion = "Kursk"\n'
        'country = "Russia"\naliases = ["Zorvanske"]\n',
    )
    write(folder, "sides", '[side.ukraine]\nwords = ["Zaporozhian Cossack"]\n')
    merged = load_lexicon(folder)
    assert len(merged.actors) == len(lexicon.actors) + 1
    actor = merged.actor_named("hw monitors")
    assert actor is not None
    assert (actor.name, actor.side, actor.kind) == ("Harbour Watch", "ukraine", "group")
    assert merged.actor_named("Zelenskiy") == lexicon.actor_named("Zelenskiy")
    assert merged.country_of("Zorvansk") == "Russia"
    assert "Zaporozhian Cossack" in merged.sides["ukraine"]
    assert "Ukrainian" in merged.sides["ukraine"]
    assert lexicon.actor_named("hw monitors") is None


def test_empty_override_folder_changes_nothing(tmp_path, lexicon):
    folder = tmp_path / "empty"
    folder.mkdir()
    merged = load_lexicon(folder)
    assert len(merged.actors) == len(lexicon.actors)
    assert merged.words("verbs.deny") == lexicon.words("verbs.deny")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("actors", "[[actor]\nname = "),  # broken TOML
        ("cues", "[verbs.assert\nforms = []\n"),
        ("actors", '[[actor]]\nname = "No Side"\n'),  # an actor without a side
        ("sides", b"\xff\xfe\x00not utf-8"),
    ],
)
def test_malformed_override_file_raises_lexicon_error(tmp_path, name, content):
    folder = write(tmp_path / "bad", name, content)
    with pytest.raises(LexiconError):
        load_lexicon(folder)


def test_lexicon_error_is_a_value_error_naming_the_file(tmp_path):
    folder = write(tmp_path / "bad", "places", "[[place]\n")
    with pytest.raises(ValueError, match=r"places\.toml"):
        load_lexicon(folder)


def test_lexicon_files_are_the_documented_six():
    assert set(LEXICON_FILES) == {"cues", "actors", "places", "subjects", "sides", "outcomes"}


# --- with_actors ------------------------------------------------------------


def test_with_actors_adds_new_actor(lexicon):
    extended = lexicon.with_actors([Actor("Harbour Watch", "ukraine", "group", ("HW",))])
    actor = extended.actor_named("hw")
    assert actor is not None
    assert actor.name == "Harbour Watch"
    assert actor.side == "ukraine"
    assert lexicon.actor_named("hw") is None  # the original is unchanged
    assert len(extended.actors) == len(lexicon.actors) + 1


def test_with_actors_merges_aliases_of_a_known_actor(lexicon):
    extended = lexicon.with_actors([Actor("Volodymyr Zelensky", "ukraine", "person", ("Ze-prez",))])
    actor = extended.actor_named("ze-prez")
    assert actor is not None
    assert actor.name == "Volodymyr Zelensky"
    assert extended.actor_named("Zelenskiy") == actor  # old aliases kept
    assert len(extended.actors) == len(lexicon.actors)


def test_with_actors_empty_side_keeps_known_side(lexicon):
    extended = lexicon.with_actors([Actor("Volodymyr Zelensky", "", "person", ("Ze-prez",))])
    actor = extended.actor_named("Ze-prez")
    assert actor is not None
    assert actor.side == "ukraine"


def test_with_actors_new_side_wins(lexicon):
    extended = lexicon.with_actors([Actor("Harbour Watch", "ukraine", "group", ())])
    again = extended.with_actors([Actor("Harbour Watch", "independent", "group", ("HW2",))])
    actor = again.actor_named("HW2")
    assert actor is not None
    assert actor.side == "independent"
    assert again.actor_named("Harbour Watch") == actor


def test_the_suite_writes_nothing_into_the_home_folder(tmp_path) -> None:
    """An ingest as the suite runs it (conftest points XDG_CACHE_HOME at a folder of the run's own)
    with HOME an empty folder leaves it empty; made read-only (where that binds: not for root),
    claimtrack still works with no cache to write."""
    import os
    import subprocess
    import sys

    from tests.conftest import REPO, SEEDS_DIR

    home = tmp_path / "home"
    home.mkdir()
    seed = next(SEEDS_DIR.glob("*.txt"))

    def ingest(env: dict[str, str], db: str) -> None:
        command = [sys.executable, "-m", "claimtrack", "--db", str(tmp_path / db), "ingest", str(seed)]
        result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env, timeout=120)
        assert result.returncode == 0, result.stderr

    suite = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMTRACK_")}
    ingest({**suite, "HOME": str(home)}, "suite.db")
    assert list(home.iterdir()) == []
    if os.geteuid() != 0:
        home.chmod(0o555)
        try:
            bare = {k: v for k, v in suite.items() if k != "XDG_CACHE_HOME"}
            ingest({**bare, "HOME": str(home)}, "bare.db")
            assert list(home.iterdir()) == []
        finally:
            home.chmod(0o755)
