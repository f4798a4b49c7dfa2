"""A listing page's article links and its further pages, on known and unknown layouts.

On a platform whose layout gives its article URL shape, links of that shape. On a layout nobody
described, links are found by the page's structure, not their URL shape (portals use every shape
there is): links in the page's own content (not its menus, header, footer, side blocks or "Tin mới
nhất"/"Tin xem nhiều" lists), in blocks that repeat, with anchor text of headline length; whether
each is an article is decided once it is fetched (``looks_like_article``).
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urljoin, urlsplit

from .page import attr_words, clean_inline, in_boilerplate

NON_HTML = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|webp|mp4|mp3|avi|flv|wmv)(?:$|\?)",
                      re.IGNORECASE)
DOCUMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|rar|zip)$", re.IGNORECASE)
# Links no crawl of news needs: accounts, search, feeds, print and share views, calendars.
_NOT_CONTENT = re.compile(
    r"/(?:login|logout|dang-nhap|dang-ky|register|search|tim-kiem|timkiem|rss|feed|print|in-tin|savefile|sendmail|"
    r"mailto|share|tag|tags|tu-khoa|author|calendar|lich|sitemap|so-do|lien-he|contact|gioi-thieu|about|"
    r"download|downloads|van-ban|vanban|laws|tai-lieu|thu-vien-anh|album|albums|video|videos|gallery|photos)"
    r"(?:[/._?-]|$)"
    r"|[?&](?:print|tmpl|format|share|action|replytocom|lang|language)=|^mailto:|^tel:|^javascript:",
    re.IGNORECASE)
NEXT_TEXT = {"›", "»", ">", ">>", "trang sau", "tiếp", "sau", "tiếp theo", "next", "xem tiếp", "trang tiếp",
             "sau »", "tiếp »", "next »", "sau >", "sau ›", "tiếp ›", "trang sau ›", "trang sau »", ">|"}
PAGE_URL = re.compile(
    r"(?:/page-\d+/?$|/page/\d+/?$|/trang-\d+(?:\.html?)?/?$|/p\d+\.html?$|"
    r"[?&](?:page|p|trang|start|limitstart|pageindex|pagenum|pg|paged|cur|_cur|currentpage)=\d+|"
    r"[?&]_[\w]*_cur=\d+|[?&][\w]*_cur=\d+)", re.IGNORECASE)
_PAGER_WORDS = {"pager", "pagination", "paging", "pagenav", "phantrang", "trang", "pages", "pagenavi", "navpages"}
HEADLINE_WORDS = 4  # anchor text of a headline: at least this many words


def absolute_links(root, base_url: str, xpath: str = "//a[@href]") -> list[tuple[str, str, object]]:
    """``(absolute URL, anchor text, element)`` of the links of a page, fragments dropped."""
    out = []
    if root is None:
        return out
    base = root.xpath("//base/@href")
    base_url = urljoin(base_url, base[0]) if base else base_url
    for a in root.xpath(xpath):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        out.append((url, clean_inline(a.text_content()) or clean_inline(a.get("title")), a))
    return out


def same_site(url: str, base_url: str) -> bool:
    a, b = urlsplit(url), urlsplit(base_url)
    return ((a.hostname or "").removeprefix("www.") == (b.hostname or "").removeprefix("www.")
            and (a.port or 0) == (b.port or 0))


def _path_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _signature(a) -> tuple:
    """Where a link sits: the tags and classes of its three nearest blocks."""
    sig = []
    node = a.getparent()
    while node is not None and len(sig) < 3:
        if isinstance(node.tag, str) and node.tag not in ("span", "strong", "b", "em", "i", "font"):
            sig.append((node.tag, node.get("class") or ""))
        node = node.getparent()
    return tuple(sig)


def article_links(root, url: str, layout=None) -> list[str]:
    """The article links of a listing page, in page order."""
    links = [(u, t, a) for u, t, a in absolute_links(root, url)
             if same_site(u, url) and not NON_HTML.search(urlsplit(u).path) and not _NOT_CONTENT.search(u)
             and u.rstrip("/") != url.rstrip("/")]
    found = generic_article_links(links)
    if layout is not None and layout.article_url is not None:
        def platform_shaped(u):
            return bool(layout.article_url.search(_path_query(u))) and not (
                layout.exclude_url and layout.exclude_url.search(_path_query(u))) and not PAGE_URL.search(u)

        # A platform's default URL shape, when the site keeps it (its listing's headlines have that
        # shape); a site that set its own permalinks is read by the page's structure.
        if not found or any(platform_shaped(u) for u in found):
            return list(dict.fromkeys(u for u, _, _ in links if platform_shaped(u)))
    return found


def generic_article_links(links) -> list[str]:
    """Links in the page's own content, in repeated blocks, with headline-length text."""
    content = [(u, t, a) for u, t, a in links if not in_boilerplate(a) and not PAGE_URL.search(u)]
    groups: dict[tuple, list] = {}
    for u, t, a in content:
        groups.setdefault(_signature(a), []).append((u, t))
    out = []
    for u, t, a in content:
        group = groups[_signature(a)]
        headline = len(t.split()) >= HEADLINE_WORDS
        repeated = len({g for g, _ in group}) >= 3 and sum(len(x.split()) >= HEADLINE_WORDS for _, x in group) >= 2 or \
            len({g for g, _ in group}) >= 2 and len({x for _, x in group}) == 1  # one label to several items
        # ("Xem toàn bộ nội dung" under each entry of a Liferay 7 listing, two entries on its last page)
        if headline and (repeated or len(t.split()) >= 6):
            out.append(u)
        elif repeated and not t and a.xpath(".//img"):  # a picture link beside a headline link
            continue
    return list(dict.fromkeys(out))


def next_pages(root, url: str, layout=None) -> list[str]:
    """A listing's further pages: ``rel=next``, a "next" link, numbered links in a pager, links in
    the page-number shapes real portals use (``/page-2/``, ``/page/2/``, ``?start=10``,
    ``?_…_cur=2``, ``?Page=2``, ``?trang=2``, ``?p=2``)."""
    out = []
    for href in (root.xpath("//a[@rel='next']/@href | //link[@rel='next']/@href") if root is not None else []):
        out.append(urljoin(url, href.strip()))
    for u, text, a in absolute_links(root, url):
        if not same_site(u, url) or u.rstrip("/") == url.rstrip("/"):
            continue
        low = text.lower().strip()
        pager = any(attr_words(n) & _PAGER_WORDS for n in a.iterancestors() if isinstance(n.tag, str))
        if low in NEXT_TEXT or (pager and low.isdigit()) or (PAGE_URL.search(u) and (low.isdigit() or pager or low in NEXT_TEXT)):
            out.append(u)
    return [u for u in dict.fromkeys(out) if not NON_HTML.search(urlsplit(u).path)]


def pattern_of(url: str) -> str:
    """A URL's shape, for bounding how many pages of one shape a crawl follows: digits in the path
    as N, query values dropped (``/lich/2024/05/?sid=ab12`` -> ``/lich/N/N/?sid``)."""
    parts = urlsplit(url)
    path = re.sub(r"\d+", "N", parts.path)
    keys = sorted({k for k, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return f"{parts.hostname}{path}?{'&'.join(keys)}"
