"""The provincial government portal (dienbien.gov.vn and portals on the same platform).

Article: ``h1.title-news``, date ``div.date-news`` as ``Update 25 - 02 - 2021``, body
``div.content-news``; the author is the right-aligned last paragraph, a copy names its origin
in a last ``Theo …`` line. Article URLs: ``/portal/Pages/<yyyy-mm-dd>/<slug>.aspx``.
"""
from __future__ import annotations

import re

from .base import ArticleFields, clean_inline, first, paragraphs, split_credit_and_author, text_of
from .dates import parse_visible_date
from .links import matching, pagination

NAME = "govportal"
ARTICLE_URL = re.compile(r"/Pages/\d{4}-\d{2}-\d{2}/[^/]+\.aspx$", re.IGNORECASE)


def detect(root, url: str) -> bool:
    return root is not None and bool(root.xpath("//*[contains(@class,'content-news')]"))


def is_article(root, url: str) -> bool:
    return detect(root, url)


def parse(root, url: str) -> ArticleFields | None:
    body_el = first(root, "//div[contains(@class,'content-news')]")
    if body_el is None:
        return None
    title = text_of(first(root, "//h1[contains(@class,'title-news')]")) or text_of(first(root, "//h1"))
    date_text = text_of(first(root, "//*[contains(@class,'date-news')]"))
    published = parse_visible_date(date_text)
    warnings = [] if published else ["no publication date on the page"]
    # byline: right-aligned short last paragraphs
    author = None
    right = body_el.xpath("./p[contains(translate(@style,' ',''),'text-align:right')]")
    tail_texts = [clean_inline(p.text_content()) for p in right]
    paras = paragraphs(body_el)
    paras, credit, _ = split_credit_and_author(paras)
    if paras and paras[-1] in tail_texts and len(paras[-1].split()) <= 6:
        author = paras.pop()
        paras, credit2, _ = split_credit_and_author(paras)
        credit = credit or credit2
    return ArticleFields(title, published, author, "\n".join(paras), credit, warnings)


def article_links(root, url: str) -> list[str]:
    return matching(root, url, ARTICLE_URL)


next_pages = pagination
