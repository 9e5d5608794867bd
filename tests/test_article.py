"""Reading articles: front matter, dates, decoding, hashing, finding files, display safety."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimtrack.article import (
    ArticleError,
    content_hash,
    decode,
    find_article_files,
    parse_article,
    parse_date,
    read_article_file,
    safe_text,
    with_overrides,
)
from claimtrack.models import Article

FULL = (
    "---\n"
    "title: Russia says it took Tabaivka; Kyiv says fighting goes on\n"
    "published: 2024-01-29\n"
    "outlet: Example Wire\n"
    "url: https://example.org/tabaivka\n"
    "---\n"
    "Russia's defence ministry said on Monday its forces had taken the village.\n"
)


# --- parse_article -------------------------------------------------------------------


def test_front_matter_keys():
    article = parse_article(FULL, "tabaivka.txt")
    assert article.title == "Russia says it took Tabaivka; Kyiv says fighting goes on"
    assert article.published == dt.date(2024, 1, 29)
    assert article.published_text == "2024-01-29"
    assert article.outlet == "Example Wire"
    assert article.url == "https://example.org/tabaivka"
    assert article.origin == "tabaivka.txt"
    assert article.body == "Russia's defence ministry said on Monday its forces had taken the village.\n"


def test_url_keeps_its_colons():
    article = parse_article("---\nurl: https://example.org:8080/a?b=c\n---\nBody said text.\n")
    assert article.url == "https://example.org:8080/a?b=c"


def test_keys_are_optional_and_case_insensitive():
    article = parse_article("---\nTitle: Only a title\n---\nThe body.\n")
    assert article.title == "Only a title"
    assert article.published is None
    assert article.outlet is None
    assert article.url is None


def test_unknown_keys_are_ignored():
    article = parse_article("---\nauthor: Jane Roe\ntags: war, kursk\npublished: 2025-02-08\n---\nThe body.\n")
    assert article.published == dt.date(2025, 2, 8)
    assert article.title is None
    assert article.body == "The body.\n"


def test_quoted_values_are_unquoted():
    article = parse_article("---\ntitle: \"Moscow says Bakhmut taken\"\noutlet: 'Example Wire'\n---\nBody.\n")
    assert article.title == "Moscow says Bakhmut taken"
    assert article.outlet == "Example Wire"


def test_no_front_matter_is_all_body():
    text = "Russia's defence ministry said the village fell.\n\nKyiv denied it.\n"
    article = parse_article(text)
    assert article.body == text
    assert article.title is None
    assert article.published is None


def test_a_rule_later_in_the_text_is_not_front_matter():
    text = "First paragraph, the ministry said.\n---\nSecond paragraph.\n"
    assert parse_article(text).body == text


def test_crlf_and_cr_line_endings():
    crlf = FULL.replace("\n", "\r\n")
    article = parse_article(crlf)
    assert article.published == dt.date(2024, 1, 29)
    assert article.url == "https://example.org/tabaivka"
    assert "\r" not in article.body
    assert parse_article(FULL.replace("\n", "\r")).published == dt.date(2024, 1, 29)


def test_bom_is_dropped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + FULL.encode("utf-8"))
    article = read_article_file(path)
    assert article.published == dt.date(2024, 1, 29)
    assert article.title.startswith("Russia says")
    assert not article.body.startswith("\ufeff")
    assert parse_article(decode(b"\xef\xbb\xbf" + FULL.encode(), "x")).outlet == "Example Wire"


def test_crlf_file_with_bom(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(b"\xef\xbb\xbf" + FULL.replace("\n", "\r\n").encode("utf-8"))
    article = read_article_file(path)
    assert article.outlet == "Example Wire"
    assert "\r" not in article.body


def test_published_date_time():
    article = parse_article("---\npublished: 2025-02-08T14:30:00Z\n---\nBody.\n")
    assert article.published == dt.date(2025, 2, 8)
    assert article.published_text == "2025-02-08T14:30:00Z"


def test_bad_published_is_an_error():
    with pytest.raises(ArticleError, match="not a date") as info:
        parse_article("---\npublished: last Tuesday\n---\nBody.\n", "story.txt")
    assert "story.txt" in str(info.value)
    assert "\n" not in str(info.value)


def test_front_matter_never_closed():
    with pytest.raises(ArticleError, match="never closed"):
        parse_article("---\ntitle: Open\npublished: 2024-01-01\nThe ministry said it.\n", "open.txt")


def test_front_matter_line_without_colon():
    with pytest.raises(ArticleError, match="key: value"):
        parse_article("---\ntitle: x\nthis line has no colon\n---\nBody.\n")


@pytest.mark.parametrize("text", ["", "   \n\t ", "---\ntitle: Only\n---\n", "---\ntitle: Only\n---\n  \n\n"])
def test_no_body_is_an_error(text):
    with pytest.raises(ArticleError, match="no text"):
        parse_article(text, "x.txt")


# --- parse_date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-02-08", dt.date(2025, 2, 8)),
        ("  2025-02-08\n", dt.date(2025, 2, 8)),
        ("2025-02-08T14:30:00Z", dt.date(2025, 2, 8)),
        ("2025-02-08T23:30:00+05:00", dt.date(2025, 2, 8)),
        ("2025-02-08 14:30", dt.date(2025, 2, 8)),
        ("2024-02-29", dt.date(2024, 2, 29)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["notadate", "2024-13-45", "2023-02-29", "08/02/2025", "", "Friday", "2025-02", "20250208x"]
)
def test_parse_date_rejects(text):
    with pytest.raises(ArticleError) as info:
        parse_date(text, "--since")
    message = str(info.value)
    assert message.startswith("--since")
    assert "YYYY-MM-DD" in message


# --- decode and read_article_file ------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "words"),
    [
        pytest.param(b"", "empty", id="empty"),
        pytest.param(b" \n\t\n", "empty", id="whitespace"),
        pytest.param(b"abc\x00def", "binary", id="nul"),
        pytest.param("caf\xe9 au lait".encode("latin-1"), "UTF-8", id="latin-1"),
        pytest.param("The ministry said.".encode("utf-16-le"), None, id="utf-16-le"),
    ],
)
def test_decode_rejects(data, words):
    with pytest.raises(ArticleError, match=words) as info:
        decode(data, "in.txt")
    assert str(info.value).startswith("in.txt")


def test_decode_normalises_to_nfc():
    assert decode("Kyi\u0308v".encode(), "x") == "Kyïv"


def test_read_missing_file(tmp_path):
    with pytest.raises(ArticleError, match="no such file"):
        read_article_file(tmp_path / "nope.txt")


def test_read_folder_as_file(tmp_path):
    with pytest.raises(ArticleError):
        read_article_file(tmp_path)


def test_read_article_file_origin_is_the_path(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The ministry said the village fell.\n", encoding="utf-8")
    assert read_article_file(path).origin == str(path)


# --- overrides and hashing ----------------------------------------------------------------------


def test_with_overrides():
    article = parse_article(FULL)
    changed = with_overrides(article, title="T", outlet="O", url="U", published="2024-02-01")
    assert (changed.title, changed.outlet, changed.url, changed.published) == ("T", "O", "U", dt.date(2024, 2, 1))
    assert changed.published_text == "2024-02-01"
    assert changed.body == article.body
    assert with_overrides(article) == article


def test_with_overrides_bad_published():
    with pytest.raises(ArticleError):
        with_overrides(parse_article(FULL), published="2024-13-45")


def test_content_hash_same_text_same_hash():
    a = Article(body="Kyiv said the village held.", published=dt.date(2025, 2, 8), origin="a.txt")
    b = Article(
        body="Kyiv said the village held.", published=dt.date(2025, 2, 8), origin="b.txt", title="Another title"
    )
    assert content_hash(a) == content_hash(b)


def test_content_hash_ignores_whitespace_layout():
    a = Article(body="Kyiv said\nthe village held.\n", published=dt.date(2025, 2, 8))
    b = Article(body="  Kyiv said the   village held.", published=dt.date(2025, 2, 8))
    assert content_hash(a) == content_hash(b)


def test_content_hash_crlf_file_equals_lf_file():
    assert content_hash(parse_article(FULL)) == content_hash(parse_article(FULL.replace("\n", "\r\n")))


def test_content_hash_differs_for_different_published():
    a = Article(body="Kyiv said the village held.", published=dt.date(2025, 2, 8))
    b = Article(body="Kyiv said the village held.", published=dt.date(2025, 2, 9))
    c = Article(body="Kyiv said the village held.")
    assert len({content_hash(a), content_hash(b), content_hash(c)}) == 3


def test_content_hash_differs_for_different_text():
    a = Article(body="Kyiv said the village held.", published=dt.date(2025, 2, 8))
    b = Article(body="Kyiv said the village fell.", published=dt.date(2025, 2, 8))
    assert content_hash(a) != content_hash(b)


# --- finding files -------------------------------------------------------------------------------


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x", encoding="utf-8")
    return path


def test_find_article_files_recursive_and_suffixes(tmp_path):
    wanted = [
        _touch(tmp_path / "a.txt"),
        _touch(tmp_path / "b.md"),
        _touch(tmp_path / "UPPER.TXT"),
        _touch(tmp_path / "sub" / "c.txt"),
        _touch(tmp_path / "sub" / "deeper" / "d.md"),
    ]
    _touch(tmp_path / "a.gold.json")
    _touch(tmp_path / "notes.rst")
    _touch(tmp_path / "sub" / "image.png")
    (tmp_path / "folder.txt").mkdir()  # a folder named like an article is not a file
    found = find_article_files(tmp_path)
    assert sorted(found) == sorted(wanted)
    assert found == sorted(found)


def test_find_article_files_on_a_file(tmp_path):
    path = _touch(tmp_path / "story.text")
    assert find_article_files(path) == [path]


def test_find_article_files_empty_folder(tmp_path):
    _touch(tmp_path / "x.json")
    assert find_article_files(tmp_path) == []


# --- safe_text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "red"),
        ("bell\x07 and null\x00", "bell and null"),
        ("back\x08space\x7f", "backspace"),
        ("\u202eevil\u202c", "evil"),
        ("\u2066isolate\u2069", "isolate"),
        ("zero\u200bwidth\u200d", "zerowidth"),
        ("rtl\u200fmark\u200e", "rtlmark"),
        ("\ufeffbom", "bom"),
        ("[bold]Kyiv[/bold] [/]", "[bold]Kyiv[/bold] [/]"),
        ("Київ, “quoted” — ok", "Київ, “quoted” — ok"),
        ("line\nbreak\ttab", "line\nbreak\ttab"),
    ],
)
def test_safe_text(raw, shown):
    assert safe_text(raw) == shown


def test_safe_text_leaves_no_control_characters():
    every = (
        "".join(chr(i) for i in range(0x20)) + "\x7f\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
        "\u2066\u2067\u2068\u2069\ufeff"
    )
    left = safe_text(every)
    assert set(left) <= {"\n", "\t", "\r"}


def test_decode_rejects_huge_files():
    from claimtrack.article import MAX_ARTICLE_BYTES

    with pytest.raises(ArticleError, match="larger"):
        decode(b"a" * (MAX_ARTICLE_BYTES + 1), "huge.txt")
