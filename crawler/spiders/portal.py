"""The portal spider: from each source's start URLs (category pages, RSS, sitemaps) to its
article pages, through the source's platform adapter (or one detected from the page)."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError

from ..articles import adapters
from ..articles.adapters.base import parse_html
from ..articles.adapters.links import NON_HTML, absolute_links
from ..articles.decode import decode_html
from ..items import PageItem
from ..urls import canonical_url

_DOCUMENT = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|odt|rar|zip)$", re.IGNORECASE)
_XML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|urlset|sitemapindex)\b", re.S)


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, sources=(), known_urls=frozenset(), refresh=False, **kwargs):
        super().__init__(**kwargs)
        self.sources = {s.source_id: s for s in sources}
        self.known_urls = set(known_urls)
        self.refresh = refresh
        self.summary: dict[str, Counter] = {s.source_id: Counter() for s in sources}
        self.start_failures: dict[str, str] = {}
        self.scheduled: Counter = Counter()
        self.seen_articles: set[str] = set()

    @property
    def max_depth(self) -> int:
        return self.settings.getint("CRAWL_MAX_DEPTH", 3)

    def budget(self, source) -> int:
        return source.max_pages or self.settings.getint("CRAWL_MAX_PAGES", 500)

    async def start(self):
        for src in self.sources.values():
            for url in src.start_urls:
                yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error, dont_filter=True,
                                     meta={"source_id": src.source_id, "depth_": 0, "start_url": True, "kind_": "listing"})

    # -- listings -------------------------------------------------------------------------
    def parse_listing(self, response):
        src = self.sources[response.meta["source_id"]]
        depth = response.meta.get("depth_", 0)
        body = response.body or b""
        xml = _XML_START.match(body[:2000])
        if xml:
            yield from self._from_feed(response, xml.group(1).decode(), src, depth)
            return
        text = decode_html(body, _charset(response)).text
        root = parse_html(text)
        if root is None:
            self.summary[src.source_id]["failed: empty listing"] += 1
            return
        adapter = adapters.get(src.platform) or adapters.detect(root, response.url)
        links = adapter.article_links(root, response.url)
        if not links and response.meta.get("start_url") and adapter.is_article(root, response.url) and adapter.NAME != "generic":
            # a start URL that is itself an article
            yield from self.parse_article(response)
            return
        for link in links:
            yield from self._article_request(link, src, response.url)
        for url, _ in absolute_links(root, response.url):  # documents linked from the listing itself
            if _allowed(url, src) and _DOCUMENT.search(urlsplit(url).path):
                yield from self._article_request(url, src, response.url)
        if depth < self.max_depth:
            for nxt in adapter.next_pages(root, response.url):
                if _allowed(nxt, src):
                    yield scrapy.Request(nxt, callback=self.parse_listing, errback=self.on_error,
                                         meta={"source_id": src.source_id, "depth_": depth + 1, "kind_": "listing"})

    def _from_feed(self, response, kind, src, depth):
        sel = scrapy.Selector(text=response.body.decode("utf-8", "replace"), type="xml")
        sel.remove_namespaces()
        if kind == "sitemapindex":
            if depth < self.max_depth:
                for loc in sel.xpath("//sitemap/loc/text()").getall():
                    yield scrapy.Request(loc.strip(), callback=self.parse_listing, errback=self.on_error,
                                         meta={"source_id": src.source_id, "depth_": depth + 1, "kind_": "listing"})
            return
        if kind == "urlset":
            links = sel.xpath("//url/loc/text()").getall()
        elif kind == "feed":
            links = sel.xpath("//entry/link/@href").getall()
        else:  # RSS: links only; NukeViet's pubDate is wrong, dates come from the page
            links = sel.xpath("//item/link/text()").getall()
        for link in links:
            yield from self._article_request(link.strip(), src, response.url)

    def _article_request(self, link, src, parent):
        if not _allowed(link, src):
            return
        canon = canonical_url(link)
        if canon in self.seen_articles:
            return
        self.seen_articles.add(canon)
        if NON_HTML.search(urlsplit(link).path):
            yield PageItem(canon, src.source_id, link, "attachment", parent_url=canonical_url(parent))
            return
        if canon in self.known_urls and not self.refresh:
            self.summary[src.source_id]["already stored"] += 1
            return
        if self.scheduled[src.source_id] >= self.budget(src):
            self.summary[src.source_id]["over page limit"] += 1
            return
        self.scheduled[src.source_id] += 1
        # dont_filter: the spider already sends each article once (seen_articles); Scrapy's
        # dupefilter would silently drop a page that redirects to itself instead of reporting it
        yield scrapy.Request(link, callback=self.parse_article, errback=self.on_error, dont_filter=True,
                             meta={"source_id": src.source_id, "kind_": "article", "parent": parent})

    # -- articles -------------------------------------------------------------------------
    def parse_article(self, response):
        src_id = response.meta["source_id"]
        canon = canonical_url(response.url)
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if NON_HTML.search(urlsplit(response.url).path) or (ctype and "html" not in ctype and "xml" not in ctype
                                                              and "text/plain" not in ctype):
            yield PageItem(canon, src_id, response.url, "attachment", status=response.status, content_type=ctype,
                           parent_url=canonical_url(response.meta.get("parent") or response.url))
            return
        if not (response.body or b"").strip():
            yield PageItem(canon, src_id, response.url, "failed", status=response.status, error="empty body",
                           content_type=ctype)
            return
        charset = _charset(response)
        yield PageItem(canon, src_id, response.url, "article", status=response.status, content_type=ctype,
                       http_charset=charset, body=response.body)
        # PDF and Word attachments are recorded with their article, not fetched as articles
        root = parse_html(decode_html(response.body, charset).text)
        for url, _ in absolute_links(root, response.url):
            if _DOCUMENT.search(urlsplit(url).path):
                yield PageItem(canonical_url(url), src_id, url, "attachment", parent_url=canon)

    def on_error(self, failure):
        request = failure.request
        src_id = request.meta.get("source_id")
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
        elif failure.check(IgnoreRequest):
            msg = str(failure.value)
            if "robots" in msg.lower():
                yield PageItem(canonical_url(request.url), src_id, request.url, "skipped_robots")
                return
            reason = "redirect loop" if "redirect" in msg.lower() else f"ignored ({msg[:80]})"
        elif failure.check(TimeoutError, TCPTimedOutError) or "Timeout" in failure.type.__name__:
            reason = "timeout"
        elif failure.check(DNSLookupError) or "DNSLookup" in failure.type.__name__:
            reason = "DNS lookup failed"
        elif failure.check(ConnectionRefusedError) or "ConnectionRefused" in failure.type.__name__:
            reason = "connection refused"
        else:
            msg = str(failure.value) or failure.type.__name__
            if "maxsize" in msg.lower() or "larger than download max size" in msg.lower() or "max size" in msg.lower():
                reason = "over size limit"
            else:
                reason = f"{failure.type.__name__}: {msg[:100]}"
        if request.meta.get("start_url"):
            self.start_failures[request.url] = reason
        if request.meta.get("kind_") == "article":
            yield PageItem(canonical_url(request.url), src_id, request.url, "failed", status=status, error=reason)
        else:
            self.summary.setdefault(src_id, Counter())[f"listing failed: {reason}"] += 1


def _charset(response) -> str | None:
    ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
    m = re.search(r"charset=([\w-]+)", ctype, re.I)
    return m.group(1).lower() if m else None


def _allowed(url: str, src) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in src.allowed_domains)
