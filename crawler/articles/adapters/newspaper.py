"""Education newspapers (giaoducthoidai.vn and the same CMS): ``.article__title``,
``.article__sapo`` (the lead, first paragraph of the body), ``.article__body.cms-body``,
article URLs ending ``-post<id>.html``."""
from __future__ import annotations

import re

from .base import ArticleFields, first, paragraphs, text_of
from .dates import parse_visible_date
from .links import matching, pagination

NAME = "newspaper"
ARTICLE_URL = re.compile(r"-post\d+\.html?$")


def detect(root, url: str) -> bool:
    return root is not None and bool(root.xpath("//*[contains(@class,'article__body')]"))


def is_article(root, url: str) -> bool:
    return detect(root, url)


def parse(root, url: str) -> ArticleFields | None:
    body_el = first(root, "//div[contains(@class,'article__body')]")
    if body_el is None:
        return None
    title = text_of(first(root, "//*[contains(@class,'article__title')]")) or text_of(first(root, "//h1"))
    date_el = first(root, "//*[contains(@class,'article__meta')]//time | //*[contains(@class,'article__meta')]//*[contains(@class,'time')]")
    published = parse_visible_date(date_el.get("datetime") if date_el is not None and date_el.get("datetime") else text_of(date_el))
    sapo = text_of(first(root, "//*[contains(@class,'article__sapo')]"))
    paras = ([sapo] if sapo else []) + paragraphs(body_el)
    author = text_of(first(root, "//*[contains(@class,'article__author')]"))
    warnings = [] if published else ["no publication date on the page"]
    return ArticleFields(title, published, author, "\n".join(paras), None, warnings)


def article_links(root, url: str) -> list[str]:
    return matching(root, url, ARTICLE_URL)


next_pages = pagination
