"""Read an article: optional `---` front matter (title, published, outlet, url), then the body.

Pattern (see docs/commands.md, "ingest"): `---\\ntitle: ...\\npublished: 2025-02-08\\n---\\nbody`.
Errors are typed (`ArticleError`) and worded for one line on stderr.

The inputs `claimtrack ingest` names are read here too (files, folders, standard input, web pages,
JSON Lines batches, feeds: the last three through `claimtrack.web`), each as it is needed, as
(origin, article) or (origin, error message), so one bad input does not stop the others.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from claimtrack.models import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
BATCH_SUFFIXES = (".jsonl", ".ndjson")
# Conventional names of the files that document a folder rather than report news (README.md,
# INDEX.md, LICENSE.txt, CHANGELOG.md, readme-fr.md...); a folder walk leaves them out.
PROJECT_FILE = re.compile(
    r"(?:readme|index|licen[cs]e|copying|changelog|changes|contributing|authors|notice|code_of_conduct)"
    r"(?:[-_.].*)?",
    re.IGNORECASE,
)
MB = 1024 * 1024
# Every input is cut at its cap while it is read, so no input can exhaust memory.
MAX_ARTICLE_BYTES = 20 * MB  # an article file, standard input, one line of a JSON Lines batch
MAX_PAGE_BYTES = 5 * MB  # a web page
MAX_FEED_BYTES = 20 * MB  # a feed, fetched (--feed) or saved (--load)
MAX_BATCH_BYTES = 100 * MB  # a whole JSON Lines batch
READ_CHUNK = MB
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


class ArticleError(ValueError):
    """The input cannot be read as an article; the message names the input and the problem."""


def parse_date(text: str, what: str = "date") -> dt.date:
    """An ISO date or date-time ('2025-02-08', '2025-02-08T14:30:00Z') -> date."""
    value = text.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ArticleError(f"{what} {value!r} is not a date (use YYYY-MM-DD)") from exc


def _split_front_matter(text: str, origin: str) -> tuple[dict[str, str], str]:
    if not text.startswith("---"):
        return {}, text
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return {}, text
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---"), None)
    if end is None:
        raise ArticleError(f"{origin}: front matter opened with '---' but never closed")
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ArticleError(f"{origin}: front matter line {line.strip()!r} is not 'key: value'")
        meta[key.strip().casefold()] = value.strip().strip('"').strip("'")
    return meta, "\n".join(lines[end + 1 :])


def parse_article(text: str, origin: str = "<text>") -> Article:
    """Front matter and body; unknown keys are ignored, a bad `published` is an error."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _split_front_matter(text, origin)
    if not body.strip():
        raise ArticleError(f"{origin}: the article has no text")
    published_text = meta.get("published") or None
    published = parse_date(published_text, f"{origin}: published") if published_text else None
    return Article(
        body=body,
        title=meta.get("title") or None,
        outlet=meta.get("outlet") or None,
        url=meta.get("url") or None,
        published=published,
        published_text=published_text,
        origin=origin,
    )


def too_large(origin: str, limit: int) -> str:
    return f"{origin}: larger than {limit // MB} MB"


def read_capped(stream: BinaryIO, origin: str, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """All of a stream, or an `ArticleError` as soon as it passes `limit` (at most limit + 1 bytes are read)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(min(READ_CHUNK, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            raise ArticleError(too_large(origin, limit))
        chunks.append(chunk)
    return b"".join(chunks)


def read_file_capped(path: Path, limit: int = MAX_ARTICLE_BYTES) -> bytes:
    """A file's bytes up to `limit`; /dev/zero and other endless files end at the cap."""
    try:
        with path.open("rb") as stream:
            return read_capped(stream, str(path), limit)
    except FileNotFoundError as exc:
        raise ArticleError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise ArticleError(f"{path}: is a folder") from exc
    except OSError as exc:
        raise ArticleError(f"{path}: cannot be read ({exc.strerror})") from exc


def decode(data: bytes, origin: str, limit: int = MAX_ARTICLE_BYTES) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM, or a clear error for binary and other encodings."""
    if len(data) > limit:
        raise ArticleError(too_large(origin, limit))
    utf16 = data.startswith(UTF16_BOMS)
    if not utf16 and b"\x00" in data:
        raise ArticleError(f"{origin}: the file is binary (it contains NUL bytes), not an article")
    encoding = "utf-16" if utf16 else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if utf16 else "UTF-8"
        raise ArticleError(f"{origin}: the file is not {name} text (byte {exc.start})") from exc
    if "\x00" in text:
        raise ArticleError(f"{origin}: the file is binary (it contains NUL characters), not an article")
    if not text.strip():
        raise ArticleError(f"{origin}: the file is empty")
    return unicodedata.normalize("NFC", text)


def read_article_file(path: Path) -> Article:
    data = read_file_capped(path)
    if path.suffix.lower() in (".html", ".htm"):
        from claimtrack.web import article_from_html

        return article_from_html(decode(data, str(path)), str(path))
    return parse_article(decode(data, str(path)), str(path))


def with_overrides(
    article: Article,
    *,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: str | None = None,
) -> Article:
    """Command-line options win over front matter."""
    changes: dict[str, object] = {}
    if title:
        changes["title"] = title
    if outlet:
        changes["outlet"] = outlet
    if url:
        changes["url"] = url
    if published:
        changes["published"] = parse_date(published, "--published")
        changes["published_text"] = published
    return replace(article, **changes)  # type: ignore[arg-type]


def content_hash(article: Article) -> str:
    """Identity of an article for idempotent ingest: its normalised body and publication date."""
    body = re.sub(r"\s+", " ", article.body).strip()
    key = f"{article.published.isoformat() if article.published else ''}\n{body}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def is_project_file(path: Path) -> bool:
    """README, INDEX, LICENSE and the like: files that sit beside articles but are not news."""
    return PROJECT_FILE.fullmatch(path.stem) is not None


def is_batch_file(path: Path) -> bool:
    """A JSON Lines batch (.jsonl, .ndjson): one article a line, not one article."""
    return path.suffix.lower() in BATCH_SUFFIXES


@dataclass(frozen=True)
class FolderScan:
    """The article files under a folder, and the project files among them that were left out."""

    articles: list[Path]
    skipped: list[Path]


def scan_folder(folder: Path) -> FolderScan:
    """Every .txt, .md or .html file under a folder (recursively), sorted, but README-style files."""
    found = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
    return FolderScan([p for p in found if not is_project_file(p)], [p for p in found if is_project_file(p)])


def find_article_files(path: Path) -> list[Path]:
    """A file as named (whatever its name), or the article files under a folder (see scan_folder)."""
    return scan_folder(path).articles if path.is_dir() else [path]


ESCAPE_SEQUENCES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")


def safe_text(text: str) -> str:
    """Text with terminal escape sequences and control characters removed (for display only)."""
    return CONTROL_CHARS.sub("", ESCAPE_SEQUENCES.sub("", text))


# --- the inputs of an ingest ---------------------------------------------------------------------


@dataclass(frozen=True)
class Unreadable:
    """An argument that cannot be an input, with the error that says why."""

    origin: str
    error: str


@dataclass(frozen=True)
class Batch:
    """A JSON Lines batch file (.jsonl, .ndjson): its articles are read as they are stored."""

    path: str


Source = str | Path | Unreadable | Batch  # a URL or "-", a file, what cannot be read, a batch
Read = tuple[str, Article | str]  # (origin, article), or (origin, error message)


def input_sources(paths: Iterable[str], skipped: list[str]) -> list[Source]:
    """Every document the arguments name, not yet read: URLs and "-" as given, .jsonl/.ndjson files
    as batches, folders walked once into their article files (README-style files left out, and
    added to `skipped`), and what cannot be an input with its error."""
    sources: list[Source] = []
    for raw in paths:
        path = Path(raw)
        if raw == "-" or raw.lower().startswith(("http://", "https://")):
            sources.append(raw)
        elif not path.exists():
            sources.append(Unreadable(raw, f"{raw}: no such file or folder"))
        elif path.is_dir():
            scan = scan_folder(path)
            skipped.extend(str(p) for p in scan.skipped)
            sources.extend(scan.articles or [Unreadable(raw, f"{raw}: no .txt, .md or .html articles in this folder")])
        elif is_batch_file(path):
            sources.append(Batch(raw))
        else:
            sources.append(path)
    return sources


def read_sources(
    sources: Iterable[Source],
    overrides: dict[str, str | None],
    timeout: float = 15.0,
    allow_private: bool = False,
) -> Iterator[Read]:
    """(origin, article) for every source, read as it is needed, or (origin, error message);
    `overrides` (title, outlet, url, published) win over what each article says."""
    for source in sources:
        if isinstance(source, Unreadable):
            yield source.origin, source.error
            continue
        if isinstance(source, Batch):
            yield from read_batch(source.path)
            continue
        origin = "<stdin>" if source == "-" else str(source)
        try:
            if isinstance(source, Path):
                article = read_article_file(source)
            elif source == "-":
                article = parse_article(decode(read_capped(sys.stdin.buffer, origin), origin), origin)
            else:
                from claimtrack.web import AddressPolicy, article_from_url

                policy = AddressPolicy.typed(source, allow_private=allow_private)
                article = article_from_url(source, timeout=timeout, policy=policy)
            yield origin, with_overrides(article, **overrides)
        except ArticleError as exc:
            yield origin, str(exc)


def read_batch(source: str) -> Iterator[Read]:
    """Each line of a JSON Lines batch (a file, or "-" for standard input) as it is needed; a batch
    over its cap is one error, and nothing of it is read."""
    from claimtrack.jsonl import articles_from_jsonl

    try:
        if source == "-":
            data = read_capped(sys.stdin.buffer, source, MAX_BATCH_BYTES)
        else:
            data = read_file_capped(Path(source), MAX_BATCH_BYTES)
        text = decode(data, source, MAX_BATCH_BYTES)
    except ArticleError as exc:
        yield source, str(exc)
        return
    del data  # the text alone is held while the lines are ingested
    yield from articles_from_jsonl(text, source)


def read_feed(
    feed: str | None,
    load: Path | None,
    *,
    is_new: Callable[[str], bool],
    notify: Callable[[str], None] | None = None,
    timeout: float = 15.0,
    allow_private: bool = False,
) -> Iterator[Read]:
    """Each entry of a feed (fetched from `feed`, or the saved file `load`) whose link `is_new`,
    fetched only when the one before has been taken (a killed run keeps what it stored), at most
    MAX_FEED_ENTRIES a run; the feed's own text stands in for a page that cannot be had, and the
    feed's date wins over the page's. `notify` hears what was made of an entry (a note, not an error)."""
    from claimtrack.web import MAX_FEED_ENTRIES, AddressPolicy, entry_article, feed_entries, fetch

    origin = feed or str(load)
    # links on the typed feed's own origin are fetched as asked; a saved feed vouches for no address
    policy = AddressPolicy.typed(*([feed] if feed else []), allow_private=allow_private)
    try:
        if feed:
            content = fetch(feed, timeout=timeout, max_bytes=MAX_FEED_BYTES, policy=policy).content
        else:
            content = read_file_capped(Path(str(load)), MAX_FEED_BYTES)
        entries = feed_entries(content, origin)
    except ArticleError as exc:
        yield origin, str(exc)
        return
    new = (entry for entry in entries if is_new(entry.url))
    for count, entry in enumerate(new):
        if count == MAX_FEED_ENTRIES:
            yield origin, f"{origin}: more than {MAX_FEED_ENTRIES} new entries; the rest are left for the next run"
            return
        try:
            article, note = entry_article(entry, policy, timeout=timeout)
        except ArticleError as exc:
            yield entry.url, str(exc)
            continue
        if note and notify is not None:
            notify(note)
        yield entry.url, article
