"""The fallback for layouts no adapter knows: trafilatura for the body, title and author,
htmldate for the publication date."""
from __future__ import annotations

import re

import trafilatura
from htmldate import find_date

from .base import ArticleFields, split_credit_and_author
from .links import NON_HTML, absolute_links, pagination, same_site

NAME = "generic"
_DATE_LINE = re.compile(r"^(?:Ngày đăng|Đăng ngày|Cập nhật|Ngày cập nhật|Thời gian đăng|Posted)\s*:?\s*[\d/.\- :]+$",
                        re.IGNORECASE)


def detect(root, url: str) -> bool:
    return True


def is_article(root, url: str) -> bool:
    return True


def parse_html_text(html: str, url: str) -> ArticleFields | None:
    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, include_tables=False,
                                      favor_precision=True, with_metadata=True)
    if doc is None:
        return None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    paras = [" ".join(p.replace("\u00a0", " ").split()) for p in text.split("\n")]
    paras = [p for p in paras if p]
    paras, credit, _ = split_credit_and_author(paras)
    title = data.get("title")
    # trafilatura keeps the heading and a date line at the top of the text: they are not body
    while paras and ((title and " ".join(paras[0].lower().split()) == " ".join(title.lower().split()))
                     or _DATE_LINE.match(paras[0])):
        paras.pop(0)
    published = None
    try:
        published = find_date(html, url=url, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
    except Exception:  # htmldate on broken markup
        published = None
    warnings = [] if published else ["no publication date found"]
    return ArticleFields(title, published, data.get("author"), "\n".join(paras), credit, warnings)


def parse(root, url: str) -> ArticleFields | None:
    from lxml import html as lxml_html
    return parse_html_text(lxml_html.tostring(root, encoding="unicode"), url) if root is not None else None


def article_links(root, url: str) -> list[str]:
    """Same-site links that look like article pages: a long slug or an id in the path."""
    out = []
    for u, text in absolute_links(root, url):
        path = u.split("?")[0]
        if not same_site(u, url) or NON_HTML.search(path):
            continue
        slug = path.rstrip("/").rsplit("/", 1)[-1]
        if (slug.count("-") >= 4 or re.search(r"\d{3,}", slug)) and len(text.split()) >= 4:
            out.append(u)
    return list(dict.fromkeys(out))


def next_pages(root, url: str) -> list[str]:
    return pagination(root, url)
