"""What every platform adapter shares: turning a body element into the article's paragraphs."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "figcaption", "figure", "blockquote",
    "table", "tr", "td", "th", "section", "article", "header", "footer", "pre", "dd", "dt", "dl", "center",
}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "form", "button", "select", "input", "svg", "template", "object"}
_WS = re.compile(r"[ \t\r\n\f]+")
# "Theo dienbien.edu.vn", "Nguồn: giaoducthoidai.vn": a credit line naming where a copy came from
CREDIT = re.compile(r"^(?:Theo|Nguồn)\s*:?\s*(?P<src>[\w.-]+\.[a-z]{2,}(?:/\S*)?|[^:]{2,60})\s*$", re.IGNORECASE)


@dataclass
class ArticleFields:
    title: str | None
    published: str | None  # ISO date-time, or None when the page shows no date
    author: str | None
    body: str
    credited_source: str | None = None
    warnings: list[str] = field(default_factory=list)


def clean_inline(text: str) -> str:
    """Collapse HTML whitespace as a browser does; a non-breaking space becomes one space."""
    return _WS.sub(" ", text).replace("\u00a0", " ").strip()


def paragraphs(element) -> list[str]:
    """Paragraph texts of an lxml element: blocks and ``<br>`` separate paragraphs, images
    contribute nothing, consecutive duplicates (alt text repeated as caption) are kept once."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = clean_inline("".join(buf))
        buf.clear()
        if text and (not out or out[-1] != text):
            out.append(text)

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if tag == "br":
            flush()
        elif el.text and tag:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    if element is None:
        return out
    tail = element.tail
    element.tail = None
    walk(element)
    element.tail = tail
    flush()
    return out


def parse_html(html: str):
    return lxml_html.fromstring(html) if html.strip() else None


def first(root, xpath: str):
    found = root.xpath(xpath) if root is not None else []
    return found[0] if found else None


def text_of(el) -> str | None:
    if el is None:
        return None
    return clean_inline(el.text_content()) or None


def split_credit_and_author(paras: list[str]) -> tuple[list[str], str | None, str | None]:
    """Trailing credit ("Theo dienbien.edu.vn") and byline lines are not body text."""
    credit = author = None
    while paras:
        last = paras[-1]
        m = CREDIT.match(last)
        if m and credit is None:
            credit = m.group("src").strip().rstrip("/")
            paras = paras[:-1]
            continue
        break
    return paras, credit, author
