"""Link helpers shared by the adapters."""
from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

NEXT_TEXT = {"›", "»", ">", "trang sau", "tiếp", "sau", "next", "xem tiếp"}
PAGE_URL = re.compile(r"(?:/page-\d+/?$|[?&](?:page|p|trang)=\d+|/trang-\d+)", re.IGNORECASE)
NON_HTML = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|rar|7z|jpe?g|png|gif|mp4|mp3)(?:$|\?)", re.IGNORECASE)


def absolute_links(root, base_url: str, xpath: str = "//a[@href]") -> list[tuple[str, str]]:
    out = []
    if root is None:
        return out
    for a in root.xpath(xpath):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        out.append((urljoin(base_url, href), " ".join(a.text_content().split())))
    return out


def same_site(url: str, base_url: str) -> bool:
    a, b = urlsplit(url).hostname or "", urlsplit(base_url).hostname or ""
    a, b = a.removeprefix("www."), b.removeprefix("www.")
    return a == b


def pagination(root, base_url: str) -> list[str]:
    out = []
    for a in (root.xpath("//a[@rel='next'][@href]") if root is not None else []):
        out.append(urljoin(base_url, a.get("href")))
    for url, text in absolute_links(root, base_url):
        if not same_site(url, base_url):
            continue
        if PAGE_URL.search(url) or text.lower() in NEXT_TEXT:
            out.append(url)
    return list(dict.fromkeys(out))


def matching(root, base_url: str, pattern: re.Pattern, exclude: re.Pattern | None = None) -> list[str]:
    """Same-site links whose path matches an adapter's article URL pattern."""
    out = []
    for url, _ in absolute_links(root, base_url):
        path = url.split("?")[0]
        if same_site(url, base_url) and pattern.search(path) and not (exclude and exclude.search(url)):
            out.append(url)
    return list(dict.fromkeys(out))
