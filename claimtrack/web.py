"""Articles from the web: pages (trafilatura), feeds (feedparser), fetched with httpx.

Pattern: `claimtrack ingest https://example.org/story` fetches the page (http and
https only, a timeout, a size cap, bounded redirects, a polite user agent),
extracts the main text and the metadata (title, site, publication date from
meta tags or JSON-LD) and hands an `Article` to the usual pipeline. A feed
lists pages; each entry not seen before is fetched the same way. Every failure
is a `FetchError` with one line that says what went wrong.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from claimtrack import __version__
from claimtrack.article import ArticleError, decode, parse_article, parse_date
from claimtrack.models import Article

USER_AGENT = f"claimtrack/{__version__} (+https://example.org/claimtrack; a news-claims ledger)"
TIMEOUT_SECONDS = 15.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = ("xml", "rss", "atom")


class FetchError(ArticleError):
    """A page or feed could not be fetched or read; the message names the URL and the reason."""


@dataclass(frozen=True)
class Fetched:
    url: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None
    published: dt.date | None


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES, client: Any = None) -> Fetched:
    """GET a URL with every limit applied; `client` lets tests pass an httpx.Client with a mock transport."""
    import httpx

    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"{url}: only http and https addresses can be fetched")
    owned = client is None
    if client is None:
        client = httpx.Client(
            timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS, headers={"User-Agent": USER_AGENT}
        )
    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FetchError(f"{url}: the server answered {response.status_code} {response.reason_phrase}")
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise FetchError(f"{url}: the page is larger than {max_bytes // 1024 // 1024} MB")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: the page is larger than {max_bytes // 1024 // 1024} MB")
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "").split(";")[0].strip().casefold()
            return Fetched(str(response.url), b"".join(chunks), content_type)
    except httpx.TooManyRedirects as exc:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(f"{url}: no answer within {timeout:g} seconds") from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"{url}: only http and https addresses can be fetched") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc.__class__.__name__}: {exc}") from exc
    finally:
        if owned:
            client.close()


def article_from_html(html: str, origin: str, url: str | None = None) -> Article:
    """Main text and metadata of a news page."""
    import trafilatura

    document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    data: dict[str, Any] = document.as_dict() if document is not None and hasattr(document, "as_dict") else {}
    text = str(data.get("text") or "").strip()
    title = (data.get("title") or None) and str(data["title"]).strip()
    if title and text.startswith(title):
        text = text[len(title) :].lstrip()  # the headline is metadata, not a sentence of the body
    if not text:
        raise ArticleError(f"{origin}: no article text found in the page")
    published_text = _published(html) or data.get("date")
    published = None
    if published_text:
        try:
            published = parse_date(str(published_text))
        except ArticleError:
            published = None
    return Article(
        body=text,
        title=title or None,
        outlet=data.get("sitename") or data.get("hostname") or None,
        url=url or data.get("url") or None,
        published=published,
        published_text=str(published_text) if published_text else None,
        origin=origin,
    )


def _published(html: str) -> str | None:
    """The publication date a page declares itself (meta tags, then JSON-LD), not a guess."""
    import re

    for pattern in (
        r'<meta[^>]+(?:property|name|itemprop)=["\'](?:article:published_time|og:published_time|'
        r'datePublished|pubdate|publishdate|date)["\'][^>]*content=["\']([^"\']+)',
        r'<meta[^>]+content=["\']([^"\']+)["\'][^>]*(?:property|name|itemprop)=["\'](?:article:published_time|'
        r"datePublished|pubdate|date)",
    ):
        match = re.search(pattern, html, re.IGNORECASE)
        if match:
            return match.group(1)
    for block in re.findall(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html, re.IGNORECASE | re.S):
        try:
            data = json.loads(block)
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("datePublished"):
                return str(item["datePublished"])
    return None


def article_from_url(url: str, **limits: Any) -> Article:
    fetched = fetch(url, **limits)
    if not fetched.content_type.startswith(HTML_TYPES) and fetched.content_type not in ("", "text/plain"):
        raise FetchError(f"{url}: not a web page ({fetched.content_type or 'no content type'})")
    if fetched.content_type == "text/plain":
        return replace(parse_article(decode(fetched.content, url), url), url=url)
    return article_from_html(decode(fetched.content, url), url, fetched.url)


def feed_entries(content: bytes, origin: str) -> list[FeedEntry]:
    """Entries of an RSS or Atom feed (parsed from bytes: feedparser itself never fetches here)."""
    import feedparser

    parsed = feedparser.parse(content)
    if parsed.get("bozo") and not parsed.get("entries"):
        reason = parsed.get("bozo_exception")
        raise FetchError(f"{origin}: not a readable RSS or Atom feed ({reason})")
    entries = []
    for entry in parsed.get("entries", []):
        link = entry.get("link")
        if not link:
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        entries.append(FeedEntry(str(link), entry.get("title"), published))
    if not entries and not parsed.get("feed"):
        raise FetchError(f"{origin}: not a readable RSS or Atom feed")
    return entries


def articles_from_jsonl(text: str, origin: str) -> Iterator[tuple[str, Article | str]]:
    """(origin, article) for each line of a JSON Lines batch, or (origin, error) for a bad line."""
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ArticleError(f"{where}: each line must be a JSON object")
            if data.get("html"):
                article = article_from_html(str(data["html"]), where, data.get("url"))
            elif data.get("text"):
                article = parse_article(str(data["text"]), where)
            else:
                raise ArticleError(f"{where}: a line needs 'text' or 'html'")
            published = data.get("published")
            article = replace(
                article,
                title=data.get("title") or article.title,
                outlet=data.get("outlet") or article.outlet,
                url=data.get("url") or article.url,
                published=parse_date(str(published), f"{where}: published") if published else article.published,
                published_text=str(published) if published else article.published_text,
            )
            yield where, article
        except json.JSONDecodeError as exc:
            yield where, f"{where}: not JSON ({exc.msg})"
        except ArticleError as exc:
            yield where, str(exc)
