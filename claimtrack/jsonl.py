"""JSON Lines batches: one article per line, as `{"text": ..., "published": ..., "title": ...}`.
Read without the network (unlike web.py), so a batch is read the way an article file is."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace

from claimtrack.article import MAX_ARTICLE_BYTES, ArticleError, parse_article, parse_date, too_large
from claimtrack.models import Article


def _lines(text: str) -> Iterator[str]:
    """Lines split at newlines only (a U+2028 inside a JSON string is no line break), one at a time."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield text[start:end].removesuffix("\r")
        start = end + 1


def _utf8_size_over(text: str, limit: int) -> bool:
    return len(text) > limit or (len(text) * 4 > limit and len(text.encode("utf-8", "surrogatepass")) > limit)


def articles_from_jsonl(text: str, origin: str) -> Iterator[tuple[str, Article | str]]:
    """(origin, article) for each line of a JSON Lines batch, or (origin, error) for a bad line."""
    for number, line in enumerate(_lines(text), start=1):
        where = f"{origin}:{number}"
        if not line.strip():
            continue
        if _utf8_size_over(line, MAX_ARTICLE_BYTES):
            yield where, too_large(where, MAX_ARTICLE_BYTES)
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, f"{where}: not JSON ({exc.msg})"
            continue
        except RecursionError:
            yield where, f"{where}: not JSON (nested too deeply)"
            continue
        try:
            yield where, _article_from_record(data, where)
        except ArticleError as exc:
            yield where, str(exc)


def _article_from_record(data: object, where: str) -> Article:
    if not isinstance(data, dict):
        raise ArticleError(f"{where}: each line must be a JSON object")
    fields = {key: _string(data, key, where) for key in ("text", "html", "title", "outlet", "url", "published")}
    if fields["html"]:
        from claimtrack.web import article_from_html  # the HTML reader's imports are heavy: only when used

        article = article_from_html(fields["html"], where, fields["url"])
    elif fields["text"]:
        article = parse_article(fields["text"], where)
    else:
        raise ArticleError(f"{where}: a line needs 'text' or 'html'")
    published = fields["published"]
    return replace(
        article,
        title=fields["title"] or article.title,
        outlet=fields["outlet"] or article.outlet,
        url=fields["url"] or article.url,
        published=parse_date(published, f"{where}: published") if published else article.published,
        published_text=published or article.published_text,
    )


def _string(data: dict[str, object], key: str, where: str) -> str | None:
    """A field that must be text when it is there at all."""
    value = data.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{where}: '{key}' must be a string")
    return value
