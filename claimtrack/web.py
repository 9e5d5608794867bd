"""Articles from the web: pages (trafilatura), feeds (feedparser), fetched with httpx.

Pattern: `claimtrack ingest https://example.org/story` fetches the page (http and
https only, one deadline for the whole fetch, a size cap, bounded redirects, a
polite user agent), extracts the main text and the metadata (title, site,
publication date from meta tags or JSON-LD) and hands an `Article` to the usual
pipeline. A feed lists pages; each entry not seen before is fetched the same way,
and the feed's own text stands in for a page that cannot be had. Every failure
is a `FetchError` with one line that says what went wrong.

Address policy: what the user typed is fetched as asked, and so is anything on the
same origin (scheme, host, port). Every other address (a feed's links, a redirect)
must resolve to public addresses only; it is checked after name resolution, on
every hop, and the connection is made to the address that was checked, so a name
that resolves differently the second time cannot slip through.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import time
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from typing import Any

import httpcore
import httpx

from claimtrack import __version__
from claimtrack.article import (
    MAX_PAGE_BYTES,
    ArticleError,
    decode,
    parse_article,
    parse_date,
    too_large,
)
from claimtrack.models import Article

USER_AGENT = f"claimtrack/{__version__} (+https://example.org/claimtrack; a news-claims ledger)"
TIMEOUT_SECONDS = 15.0
MAX_BYTES = MAX_PAGE_BYTES
MAX_REDIRECTS = 5
MAX_FEED_ENTRIES = 500  # new entries taken from one feed in one run; the rest wait for the next run
HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_PORTS = {"http": 80, "https": 443}
ALLOW_OPTION = "--allow-private-addresses"

Origin = tuple[str, str, int]


class FetchError(ArticleError):
    """A page or feed could not be fetched or read; the message names the URL and the reason."""


class AddressRefused(Exception):
    """A host that may not be connected to, or cannot be found; the message says which and why."""


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
    text: str | None = None  # what the feed itself carries of the entry (content, else summary)


# --- the address policy -------------------------------------------------------------------------


def origin_of(url: httpx.URL) -> Origin | None:
    """(scheme, host, port) with the scheme's default port filled in; None for other schemes."""
    port = url.port or DEFAULT_PORTS.get(url.scheme)
    return (url.scheme, url.raw_host.decode("ascii"), port) if port is not None and url.raw_host else None


@dataclass(frozen=True)
class AddressPolicy:
    """Where a fetch may connect: origins the user typed as asked, any other only at public addresses."""

    trusted: frozenset[Origin] = frozenset()
    allow_private: bool = False

    @classmethod
    def typed(cls, *urls: str, allow_private: bool = False) -> AddressPolicy:
        """The policy for addresses the user typed: each of their origins is trusted."""
        origins: set[Origin | None] = set()
        for url in urls:
            try:
                origins.add(origin_of(httpx.URL(url)))
            except httpx.InvalidURL:
                continue
        return cls(frozenset(o for o in origins if o is not None), allow_private)

    def trusts(self, host: str, port: int, scheme: str | None = None) -> bool:
        """Is this host taken as asked? (A connection knows no scheme: then host and port decide.)"""
        return self.allow_private or any((h, p) == (host, port) and scheme in (None, s) for s, h, p in self.trusted)


def is_public(address: str) -> bool:
    """Not loopback, private, link-local (cloud metadata), shared, multicast, reserved or unspecified."""
    ip = ipaddress.ip_address(address.partition("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


def public_addresses(host: str, port: int) -> list[str]:
    """Every address `host` resolves to, when all are public; else `AddressRefused`."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise AddressRefused(f"cannot find the address of {host}") from exc
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    for address in addresses:
        if not is_public(address):
            shown = host if address == host else f"{host} ({address})"
            raise AddressRefused(f"refused: {shown} is not a public address ({ALLOW_OPTION} allows it)")
    return addresses


def check_address(url: httpx.URL, policy: AddressPolicy) -> None:
    """Before each hop: a URL the policy does not trust must resolve to public addresses only."""
    if not url.raw_host:
        raise AddressRefused("not a valid address (no host)")
    origin = origin_of(url)
    if origin is None:
        raise AddressRefused("only http and https addresses can be fetched")
    scheme, host, port = origin
    if not policy.trusts(host, port, scheme):
        public_addresses(host, port)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection that gives up at the fetch's deadline, however slowly the server trickles."""

    def __init__(self, stream: httpcore.NetworkStream, deadline: float) -> None:
        self._stream = stream
        self._deadline = deadline

    def _left(self, timeout: float | None, error: type[Exception]) -> float:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise error("the time for this fetch is up")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, self._left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, self._left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        left = self._left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, left), self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _GuardedBackend(httpcore.NetworkBackend):
    """Connects only where the policy allows, to the very address it checked, within the deadline."""

    def __init__(self, policy: AddressPolicy, deadline: float) -> None:
        self._policy = policy
        self._deadline = deadline
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = [host] if self._policy.trusts(host, port) else public_addresses(host, port)
        failure: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for address in addresses:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise httpcore.ConnectTimeout("the time for this fetch is up")
            try:
                stream = self._backend.connect_tcp(
                    address, port, left if timeout is None else min(timeout, left), local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
                continue
            return _DeadlineStream(stream, self._deadline)
        raise failure


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, policy: AddressPolicy, deadline: float) -> None:
        super().__init__()
        # httpx takes no network backend of its own (encode/httpx#3749): the pool is rebuilt with one
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=_GuardedBackend(policy, deadline)
        )


def _transport(policy: AddressPolicy, deadline: float) -> httpx.BaseTransport | None:
    """The guarded transport; behind a proxy (which resolves names itself) httpx's own, per hop checks only."""
    return None if urllib.request.getproxies() else _GuardedTransport(policy, deadline)


# --- fetching -----------------------------------------------------------------------------------


def fetch(
    url: str,
    *,
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_BYTES,
    policy: AddressPolicy | None = None,
    accept: tuple[str, ...] | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Fetched:
    """GET a URL with every limit applied: `timeout` is the whole fetch's, redirects included; `policy`
    says where it may connect (by default: `url` was typed); `accept` lists the content types wanted;
    `transport` lets tests pass an httpx.MockTransport."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"{url}: only http and https addresses can be fetched")
    policy = policy or AddressPolicy.typed(url)
    deadline = time.monotonic() + timeout
    hop: str | None = None  # the address redirected to, once there is one
    answered = False
    try:
        with httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
            transport=transport or _transport(policy, deadline),
        ) as client:
            request = client.build_request("GET", url)
            for _ in range(MAX_REDIRECTS + 1):
                check_address(request.url, policy)
                response = client.send(request, stream=True)
                if response.next_request is None:
                    break
                response.close()  # a redirect's body is never read
                request = response.next_request
                hop = str(request.url)
            else:
                raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
            answered = True
            try:
                return _read(response, url, max_bytes, accept, deadline, timeout)
            finally:
                response.close()
    except AddressRefused as exc:
        raise FetchError(f"{url}: redirected to {hop}: {exc}" if hop else f"{url}: {exc}") from exc
    except httpx.TimeoutException as exc:
        raise FetchError(_timed_out(url, timeout, answered)) from exc
    except httpx.UnsupportedProtocol as exc:
        raise FetchError(f"{url}: only http and https addresses can be fetched") from exc
    except (httpx.InvalidURL, UnicodeError) as exc:  # idna's errors are UnicodeErrors
        raise FetchError(f"{url}: not a valid address ({exc})") from exc
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {exc.__class__.__name__}: {exc}") from exc


def _timed_out(url: str, timeout: float, answered: bool) -> str:
    if answered:
        return f"{url}: timed out after {timeout:g} s (the answer was still arriving)"
    return f"{url}: no answer within {timeout:g} seconds"


def _read(
    response: httpx.Response,
    url: str,
    max_bytes: int,
    accept: tuple[str, ...] | None,
    deadline: float,
    timeout: float,
) -> Fetched:
    """The body of the final answer, cut at the cap and at the deadline."""
    if response.status_code >= 400:
        raise FetchError(f"{url}: the server answered {response.status_code} {response.reason_phrase}")
    content_type = response.headers.get("content-type", "").split(";")[0].strip().casefold()
    if accept is not None and content_type not in accept:
        raise FetchError(f"{url}: not a web page ({content_type or 'no content type'})")
    try:
        declared = int(response.headers.get("content-length") or 0)
    except ValueError:
        declared = 0
    if declared > max_bytes:
        raise FetchError(too_large(url, max_bytes))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(too_large(url, max_bytes))
        if time.monotonic() > deadline:
            raise FetchError(_timed_out(url, timeout, answered=True))
        chunks.append(chunk)
    return Fetched(str(response.url), b"".join(chunks), content_type)


# --- pages --------------------------------------------------------------------------------------


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
    """A web page's article; only HTML and XHTML pages are taken."""
    fetched = fetch(url, accept=HTML_TYPES, **limits)
    return article_from_html(decode(fetched.content, url), url, fetched.url)


# --- feeds --------------------------------------------------------------------------------------


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
        # dict.get, not feedparser's: for a missing `updated_parsed` that falls back to a present but
        # empty `published_parsed` with a DeprecationWarning (feedparser issue 310), to the same None
        stamp = entry.get("published_parsed") or dict.get(entry, "updated_parsed")
        published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        entries.append(FeedEntry(str(link), entry.get("title"), published, _entry_text(entry)))
    if not entries and not parsed.get("feed"):
        raise FetchError(f"{origin}: not a readable RSS or Atom feed")
    return entries


def _entry_text(entry: Any) -> str | None:
    """The longest text the feed carries for an entry (its content, else its summary), as plain text."""
    details = [*entry.get("content", []), entry.get("summary_detail") or {}]
    texts = [
        _html_text(str(d.get("value") or "")) if "html" in str(d.get("type") or "html") else str(d.get("value") or "")
        for d in details
    ]
    best = max(texts, key=len, default="").strip()
    return best or None


class _TextOfHtml(HTMLParser):
    BLOCKS = frozenset({"p", "br", "div", "li", "blockquote", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
    HIDDEN = frozenset({"script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _html_text(fragment: str) -> str:
    """Paragraphs of an HTML fragment as plain text, one blank line between blocks."""
    parser = _TextOfHtml()
    parser.feed(fragment)
    parser.close()
    paragraphs = (" ".join(block.split()) for block in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def article_from_entry(entry: FeedEntry) -> Article:
    """The article a feed carries itself, for an entry whose page cannot be had."""
    if not entry.text:
        raise ArticleError(f"{entry.url}: the feed carries no text for this entry")
    return replace(parse_article(entry.text, entry.url), title=entry.title or None, url=entry.url)


def entry_article(entry: FeedEntry, policy: AddressPolicy, **limits: Any) -> tuple[Article, str | None]:
    """A feed entry's article, from its page or else from the feed's own text (with a note saying
    why); the feed's date wins over the page's. An `ArticleError` when neither can be had."""
    note = None
    try:
        article = article_from_url(entry.url, policy=policy, **limits)
        article = replace(article, title=article.title or entry.title)
    except ArticleError as exc:
        try:
            article = article_from_entry(entry)
        except ArticleError:
            raise exc from None
        note = f"{exc}; the feed's own text is stored instead"
    if entry.published and article.published != entry.published:
        article = replace(article, published=entry.published, published_text=entry.published.isoformat())
    return article, note
