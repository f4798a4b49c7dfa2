"""Sở GD&ĐT portals that show ``Lượt xem:`` and ``Đọc bài viết`` (text-to-speech) above the
article: ``.news-title``, body ``.news-content``."""
from __future__ import annotations

import re

from .base import ArticleFields, first, paragraphs, split_credit_and_author, text_of
from .dates import parse_visible_date
from .links import matching, pagination

NAME = "department"
ARTICLE_URL = re.compile(r"/[^/]+/[^/]+\.html?$")


def detect(root, url: str) -> bool:
    return root is not None and bool(root.xpath("//*[contains(@class,'news-content')]"))


def is_article(root, url: str) -> bool:
    return detect(root, url)


def parse(root, url: str) -> ArticleFields | None:
    body_el = first(root, "//div[contains(@class,'news-content')]")
    if body_el is None:
        return None
    title = text_of(first(root, "//*[contains(@class,'news-title')]")) or text_of(first(root, "//h1"))
    date_text = text_of(first(root, "//*[contains(@class,'news-date') or contains(@class,'post-date')]"))
    published = parse_visible_date(date_text)
    paras, credit, _ = split_credit_and_author(paragraphs(body_el))
    warnings = [] if published else ["no publication date on the page"]
    return ArticleFields(title, published, None, "\n".join(paras), credit, warnings)


def article_links(root, url: str) -> list[str]:
    return matching(root, url, ARTICLE_URL, re.compile(r"/index\.html?$"))


next_pages = pagination
