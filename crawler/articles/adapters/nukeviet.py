"""NukeViet 3.x and 4.x (default and eGov themes), the CMS of most Sở/Phòng GD&ĐT portals.

Article: ``h1.title`` (4.x) or ``h1`` in ``.news_column`` (3.x), visible date in ``span.h5``
(``Chủ nhật - 05/09/2021 23:13``), body in ``#news-bodyhtml.bodytext`` (4.x) or ``.bodytext``
(3.x), author/source in ``p.h5.text-right``. URLs: ``/news/<cat>/<slug>-<id>.html``,
listing pages ``/news/<cat>/page-2``.
"""
from __future__ import annotations

import re

from .base import ArticleFields, first, paragraphs, split_credit_and_author, text_of
from .dates import parse_visible_date
from .links import matching, pagination

NAME = "nukeviet"
ARTICLE_URL = re.compile(r"/[^/]+/[^/]+-\d+\.html?$")


def detect(root, url: str) -> bool:
    if root is None:
        return False
    gen = " ".join(root.xpath("//meta[@name='generator']/@content")).lower()
    return "nukeviet" in gen or bool(root.xpath("//*[@id='news-bodyhtml']"))


def is_article(root, url: str) -> bool:
    return bool(root is not None and root.xpath("//*[@id='news-bodyhtml'] | //div[contains(@class,'bodytext')]"))


def parse(root, url: str) -> ArticleFields | None:
    body_el = first(root, "//*[@id='news-bodyhtml'] | //div[contains(concat(' ',@class,' '),' bodytext ')]")
    if body_el is None:
        return None
    title = text_of(first(root, "//h1[contains(concat(' ',@class,' '),' title ')]")) or text_of(
        first(root, "//div[contains(@class,'news_column')]//h1")) or text_of(first(root, "//h1"))
    date_text = text_of(first(root, "//span[contains(concat(' ',@class,' '),' h5 ')]")) or text_of(
        first(root, "//*[contains(@class,'time') or contains(@class,'date')]"))
    published = parse_visible_date(date_text)
    warnings = [] if published else [f"no readable publication date ({date_text!r})"]
    author = None
    byline = first(root, "//p[contains(@class,'h5') and contains(@class,'text-right')]")
    if byline is not None:
        author = text_of(byline)
        if author:
            author = re.sub(r"^(?:Tác giả(?: bài viết)?|Nguồn tin|Người viết)\s*:\s*", "", author).strip() or None
    paras, credit, _ = split_credit_and_author(paragraphs(body_el))
    return ArticleFields(title, published, author, "\n".join(paras), credit, warnings)


def article_links(root, url: str) -> list[str]:
    return matching(root, url, ARTICLE_URL, re.compile(r"/(?:print|savefile|sendmail|rss|tag)/"))


next_pages = pagination
