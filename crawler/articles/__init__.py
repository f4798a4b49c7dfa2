"""The article stage: a stored page (bytes as received) -> one clean :class:`Article`.

Decoding (``decode``), the platform layouts (``layouts/*.toml``), reading a page
(``reader``: layout selectors where a layout has them, the page's structure elsewhere) and link
discovery (``listing``) live here; nothing here touches a database.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import layouts
from .decode import decode_html
from .page import mark_main_holders, mark_side_blocks, nesting_depth, parse_html
from .reader import read_article

MIN_ARTICLE_WORDS = 40      # on a layout nobody described, a shorter body is not an article (a menu page, a stub)
MAX_NESTING = 1000          # elements inside each other: beyond this a parser drops text (libxml2 stops at 256 by default)
MAX_REPLACED_SHARE = 0.02   # more undecodable characters than this: the bytes are not text in any charset


class ArticleError(ValueError):
    """A stored page that gives no article; the message says why (shown to the user)."""


@dataclass
class Article:
    url: str
    platform: str                 # the layout used: configured, detected, or "generic"
    title: str | None
    published: str | None         # ISO date or date-time as the page shows it, or None
    author: str | None
    body: str                     # paragraphs separated by "\n"
    credited_source: str | None = None
    warnings: list[str] = field(default_factory=list)


def parse_page(body: bytes, charset: str | None = None):
    """``(root, decoded)`` of a page's bytes, or raises :class:`ArticleError` saying why not."""
    if body is None:
        raise ArticleError("no stored body")
    if b"\x00" in body[:4096] and body.count(b"\x00") > 16:
        raise ArticleError("not text (binary content served as a page)")
    decoded = decode_html(body, charset)
    if decoded.replaced and decoded.text.count("\ufffd") > MAX_REPLACED_SHARE * max(1, len(decoded.text)):
        raise ArticleError("bytes do not decode as text in any charset")
    depth = nesting_depth(decoded.text)
    if depth > MAX_NESTING:
        raise ArticleError(f"markup nested {depth} elements deep (more than {MAX_NESTING}): not readable as a page")
    root = parse_html(decoded.text)
    if root is None:
        raise ArticleError("empty page")
    mark_main_holders(root)
    mark_side_blocks(root)
    return root, decoded


def layout_for(root, platform: str | None):
    """The source's configured platform layout, else the one the page's markers show, else None."""
    configured = layouts.get(platform) if platform not in (None, "auto", "generic") else None
    if platform == "generic":
        return None
    return configured or layouts.detect(root)


def page_to_article(url: str, body: bytes | None, charset: str | None = None, platform: str | None = None) -> Article:
    """The article on a stored page; raises :class:`ArticleError` naming what is wrong."""
    root, decoded = parse_page(body, charset)
    layout = layout_for(root, platform)
    fields = read_article(root, url, layout)
    name = layout.name if layout is not None else "generic"
    if layout is not None and (fields is None or not fields.body.strip()):  # the layout's body is not there
        fields, name = read_article(root, url, None), "generic"
    if fields is None or not fields.body.strip():
        raise ArticleError("no article text found (empty body)")
    words = len(fields.body.split())
    if name == "generic" and words < MIN_ARTICLE_WORDS:  # a platform's article template is evidence enough
        raise ArticleError(f"not an article (a body of {words} words)")
    if decoded.replaced:
        fields.warnings.append("undecodable bytes replaced")
    return Article(url, name, fields.title, fields.published, fields.author, fields.body, fields.credited_source,
                   list(fields.warnings))
