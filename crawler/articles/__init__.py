"""The article stage: a stored page (bytes as received) -> one clean :class:`Article`.

Decoding (``decode``), the platform layouts (``adapters``) and the choice between them live here;
the crawler stores pages, this stage reads them, and nothing here touches a database.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import adapters
from .adapters.base import parse_html
from .decode import decode_html


class ArticleError(ValueError):
    """A stored page that gives no article; the message says why (shown to the user)."""


@dataclass
class Article:
    url: str
    platform: str                 # the layout used: configured or detected
    title: str | None
    published: str | None         # ISO date or date-time as the page shows it, or None
    author: str | None
    body: str                     # paragraphs separated by "\n"
    credited_source: str | None = None
    warnings: list[str] = field(default_factory=list)


def page_to_article(url: str, body: bytes | None, charset: str | None = None, platform: str | None = None) -> Article:
    """The article on a stored page, read with the source's platform layout (or one detected from
    the page, or the generic one); raises :class:`ArticleError` naming what is wrong."""
    if body is None:
        raise ArticleError("no stored body")
    decoded = decode_html(body, charset)
    root = parse_html(decoded.text)
    if root is None:
        raise ArticleError("empty page")
    adapter = adapters.get(platform) if platform not in (None, "auto") else None
    adapter = adapter or adapters.detect(root, url)
    fields = adapter.parse(root, url)
    if (fields is None or not fields.body.strip()) and adapter.NAME != "generic":
        adapter = adapters.get("generic")
        fields = adapter.parse_html_text(decoded.text, url)
    if fields is None or not fields.body.strip():
        raise ArticleError("no article text found (empty body)")
    if decoded.replaced:
        fields.warnings.append("undecodable bytes replaced")
    return Article(url, adapter.NAME, fields.title, fields.published, fields.author, fields.body,
                   fields.credited_source, list(fields.warnings))
