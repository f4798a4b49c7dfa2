"""The portal spider: from each source's start URLs (category pages, RSS, sitemaps) to its
article pages, with the source's platform layout (configured, or detected from the page), or by the
page's structure on a layout nobody described.

State travels with each request in ``cb_kwargs`` (source, listing depth, parent page); outcomes are
counted in Scrapy's stats collector under ``source/<id>/<outcome>``, which the run summary reads.
A fetched page that is not an article (a category page, a menu page) is kept as ``rejected`` with
its reason. Traps are bounded: listing pages per source and per URL shape, and article requests go
before further listing pages, so an endless pager or calendar cannot starve the articles.

Debugging a layout on a live page (``scrapy.cfg`` at the project root):

    scrapy parse --spider portal -c preview_article https://example.edu.vn/news/tin-tuc/bai-123.html
    scrapy parse --spider portal -c parse_listing https://example.edu.vn/news/tin-tuc/
"""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import (CannotResolveHostError, DownloadCancelledError, DownloadConnectionRefusedError,
                               DownloadTimeoutError, IgnoreRequest, ResponseDataLossError)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError

from ..articles import MIN_ARTICLE_WORDS, ArticleError, layout_for, parse_page
from ..articles.listing import DOCUMENT, NON_HTML, absolute_links, article_links, next_pages, pattern_of
from ..articles.page import ARTICLE_BODIES
from ..articles.reader import read_article
from ..items import PageItem
from ..registry import adhoc_sources
from ..urls import canonical_url

_XML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(rss|feed|urlset|sitemapindex)\b", re.S)
STATS_PREFIX = "source/"
ARTICLE_PRIORITY = 10  # article requests before further listing pages (priority 0)
HEADLINE_LINKS_IN_LISTING = 3  # a "body" holding this many headline links is a list of articles


def count(crawler, source_id: str, outcome: str, n: int = 1) -> None:
    """One more page of ``source_id`` with this outcome, in the crawl's stats."""
    crawler.stats.inc_value(f"{STATS_PREFIX}{source_id}/{outcome}", n)


def summary_from_stats(stats: dict) -> dict[str, Counter]:
    """``{source_id: Counter(outcome -> pages)}`` from a crawl's stats."""
    out: dict[str, Counter] = {}
    for key, value in stats.items():
        if key.startswith(STATS_PREFIX):
            source_id, _, outcome = key[len(STATS_PREFIX):].rpartition("/")
            out.setdefault(source_id, Counter())[outcome] += value
    return out


def article_verdict(root, url: str, layout) -> str | None:
    """Why a fetched page is not an article, or None when it is one: the platform's article
    template, or on a layout nobody described a body of article length; a title; not a list of
    other articles' headlines. (The same text under two URLs is kept twice: the warehouse links
    copies to their original, ``articles.duplicate_of``.)"""
    fields = read_article(root, url, layout)
    generic = layout is None or fields is None or not fields.body.strip()
    if generic and layout is not None:
        fields = read_article(root, url, None)
    if fields is None or not fields.body.strip():
        return "no article text"
    words = len(fields.body.split())
    if generic and words < MIN_ARTICLE_WORDS:
        return f"body of {words} words"
    if generic and not fields.title:
        return "no title"
    if fields.headline_links >= HEADLINE_LINKS_IN_LISTING:
        return "a list of articles"
    if len(root.xpath(ARTICLE_BODIES)) >= 2:
        return "a list of articles"  # several posts printed whole (a blog's home or label page)
    if generic:  # a page whose content links to several articles, under a heading that is not one
        listed = len(article_links(root, url, None))
        if listed >= 4 and (not fields.title_agrees or len((fields.title or "").split()) <= 4) and words < 150:
            return "a list of articles"
    return None


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, sources=(), known_urls=frozenset(), refresh=False, **kwargs):
        super().__init__(**kwargs)
        self.sources = {s.source_id: s for s in sources}
        self.known_urls = set(known_urls)
        self.refresh = refresh
        self.start_failures: dict[str, str] = {}
        self.scheduled: Counter = Counter()     # article requests per source
        self.listings: Counter = Counter()      # listing requests per source
        self.per_pattern: Counter = Counter()   # listing requests per URL shape
        self.seen_articles: set[str] = set()
        self.seen_listings: set[str] = set()

    @property
    def max_depth(self) -> int:
        return self.settings.getint("CRAWL_MAX_DEPTH")

    def budget(self, source) -> int:
        return source.max_pages or self.settings.getint("CRAWL_MAX_PAGES")

    def _count(self, source_id: str, outcome: str) -> None:
        count(self.crawler, source_id, outcome)

    def _page(self, item: PageItem) -> PageItem:
        """An item for the pipelines, its outcome counted."""
        if item.outcome == "skipped_robots":
            self._count(item.source_id, "skipped by robots")
        elif item.outcome == "failed":
            self._count(item.source_id, f"failed: {item.error}")
        elif item.outcome == "rejected":
            self._count(item.source_id, f"not an article: {item.error}")
        else:
            self._count(item.source_id, "fetched")
        return item

    def _source(self, source_id: str | None, url: str):
        """The request's source; for a page fetched outside a crawl (``scrapy parse``), an
        ad-hoc source for its host."""
        if source_id is None:
            source = adhoc_sources([url])[0]
            self.sources.setdefault(source.source_id, source)
            return source
        return self.sources[source_id]

    def _note_platform(self, src, layout) -> None:
        if src.platform not in (None, "auto", "generic") and layout is not None:
            label = f"{layout.name} (configured)"
        else:
            label = f"{layout.name} (detected)" if layout is not None else "generic (page structure)"
        self.crawler.stats.set_value(f"platform/{src.source_id}", label)

    async def start(self):
        for src in self.sources.values():
            for url in src.start_urls:
                self.seen_listings.add(canonical_url(url))
                yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error, dont_filter=True,
                                     cb_kwargs={"source_id": src.source_id, "depth": 0, "start": True})

    # -- listings -------------------------------------------------------------------------
    def parse_listing(self, response, source_id: str | None = None, depth: int = 0, start: bool = False):
        src = self._source(source_id, response.url)
        body = response.body or b""
        xml = _XML_START.match(body[:2000])
        if xml:
            yield from self._from_feed(response, xml.group(1).decode(), src, depth)
            return
        try:
            root, _ = parse_page(body, _charset(response))
        except ArticleError as exc:
            self._count(src.source_id, f"listing failed: {exc}")
            return
        layout = layout_for(root, src.platform)
        self._note_platform(src, layout)
        links = article_links(root, response.url, layout)
        if start and len(links) <= 3 and article_verdict(root, response.url, layout) is None:
            # a start URL that is itself an article
            yield from self.parse_article(response, source_id=src.source_id, checked=True)
            return
        for link in links:
            yield from self._article_request(link, src, response.url)
        for url, _, _ in absolute_links(root, response.url):  # documents linked from the listing itself
            if _allowed(url, src) and DOCUMENT.search(urlsplit(url).path):
                yield from self._article_request(url, src, response.url)
        further = next_pages(root, response.url, layout)
        if depth < self.max_depth:
            for nxt in further:
                yield from self._listing_request(nxt, src, depth + 1)
        elif further:
            self._count(src.source_id, "listing pages beyond the depth limit")

    def _listing_request(self, url: str, src, depth: int):
        if not _allowed(url, src):
            return
        canon = canonical_url(url)
        if canon in self.seen_listings:
            return
        self.seen_listings.add(canon)
        shape = pattern_of(canon)
        if self.listings[src.source_id] >= self.settings.getint("CRAWL_MAX_LISTINGS"):
            self._count(src.source_id, "listing pages over the limit per source")
            return
        if self.per_pattern[shape] >= self.settings.getint("CRAWL_MAX_LISTINGS_PER_PATTERN"):
            self._count(src.source_id, "listing pages over the limit per URL shape")
            return
        self.listings[src.source_id] += 1
        self.per_pattern[shape] += 1
        yield scrapy.Request(url, callback=self.parse_listing, errback=self.on_error,
                             cb_kwargs={"source_id": src.source_id, "depth": depth})

    def _from_feed(self, response, kind, src, depth):
        sel = scrapy.Selector(text=response.body.decode("utf-8", "replace"), type="xml")
        sel.remove_namespaces()
        if kind == "sitemapindex":
            if depth < self.max_depth:
                for loc in sel.xpath("//sitemap/loc/text()").getall():
                    yield from self._listing_request(loc.strip(), src, depth + 1)
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
            yield self._page(PageItem(canon, src.source_id, link, "attachment", parent_url=canonical_url(parent)))
            return
        if canon in self.known_urls and not self.refresh:
            self._count(src.source_id, "already stored")
            return
        if self.scheduled[src.source_id] >= self.budget(src):
            self._count(src.source_id, "over page limit")
            return
        self.scheduled[src.source_id] += 1
        # dont_filter: the spider already sends each article once (seen_articles); Scrapy's
        # dupefilter would silently drop a page that redirects to itself instead of reporting it
        yield scrapy.Request(link, callback=self.parse_article, errback=self.on_error, dont_filter=True,
                             priority=ARTICLE_PRIORITY, cb_kwargs={"source_id": src.source_id, "parent": parent})

    # -- articles -------------------------------------------------------------------------
    def parse_article(self, response, source_id: str | None = None, parent: str | None = None,
                      checked: bool = False):
        src = self._source(source_id, response.url)
        src_id = src.source_id
        canon = canonical_url(response.url)
        ctype = response.headers.get(b"Content-Type", b"").decode("latin-1").lower()
        if NON_HTML.search(urlsplit(response.url).path) or (ctype and "html" not in ctype and "xml" not in ctype
                                                              and "text/plain" not in ctype):
            yield self._page(PageItem(canon, src_id, response.url, "attachment", status=response.status,
                                      content_type=ctype, parent_url=canonical_url(parent or response.url)))
            return
        if not (response.body or b"").strip():
            yield self._page(PageItem(canon, src_id, response.url, "failed", status=response.status,
                                      error="empty body", content_type=ctype))
            return
        charset = _charset(response)
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, values in response.headers.items() for v in values]
        try:
            root, _ = parse_page(response.body, charset)
            verdict = None if checked else article_verdict(root, response.url, layout_for(root, src.platform))
        except ArticleError as exc:
            root, verdict = None, str(exc)
        outcome = "article" if verdict is None else "rejected"
        yield self._page(PageItem(canon, src_id, response.url, outcome, status=response.status, content_type=ctype,
                                  http_charset=charset, body=response.body, headers=headers, error=verdict,
                                  parent_url=canonical_url(parent) if parent else None))
        # PDF and Word attachments are recorded with their article, not fetched as articles
        for url, _, _ in absolute_links(root, response.url) if root is not None and verdict is None else ():
            if DOCUMENT.search(urlsplit(url).path):
                yield self._page(PageItem(canonical_url(url), src_id, url, "attachment", parent_url=canon))

    def preview_article(self, response, source_id: str | None = None, parent: str | None = None):
        """For ``scrapy parse``: the article the article stage reads from this page, as a dict."""
        from dataclasses import asdict

        from ..articles import page_to_article

        src = self._source(source_id, response.url)
        try:
            yield asdict(page_to_article(response.url, response.body, _charset(response), src.platform))
        except ArticleError as exc:
            yield {"url": response.url, "error": str(exc)}

    def on_error(self, failure):
        request = failure.request
        kwargs = request.cb_kwargs
        src_id = kwargs.get("source_id")
        status = None
        if failure.check(HttpError):
            status = failure.value.response.status
            reason = f"HTTP {status}"
        elif failure.check(IgnoreRequest):
            msg = str(failure.value)
            if "robots.txt" in msg:  # RobotsTxtMiddleware's IgnoreRequest
                yield self._page(PageItem(canonical_url(request.url), src_id, request.url, "skipped_robots"))
                return
            if "redirections" in msg:  # RedirectMiddleware's
                reason = "redirect loop"
            elif "DOWNLOAD_MAXSIZE" in msg or "larger than" in msg:  # HttpCompressionMiddleware's, after decompression
                reason = "over size limit"
            elif "cut short" in msg:  # crawler.middlewares.TruncatedBodyMiddleware's
                reason = "body cut short"
            else:
                reason = "ignored"
        elif failure.check(DownloadTimeoutError, TimeoutError, TCPTimedOutError):
            reason = "timeout"
        elif failure.check(CannotResolveHostError, DNSLookupError):
            reason = "DNS lookup failed"
        elif failure.check(DownloadConnectionRefusedError, ConnectionRefusedError):
            reason = "connection refused"
        elif failure.check(DownloadCancelledError):  # the download handler's cut-off at DOWNLOAD_MAXSIZE
            reason = "over size limit"
        elif failure.check(ResponseDataLossError):
            reason = "body cut short"
        else:
            reason = failure.type.__name__
        if kwargs.get("start"):
            self.start_failures[request.url] = reason
        if request.callback == self.parse_article:
            yield self._page(PageItem(canonical_url(request.url), src_id, request.url, "failed", status=status,
                                      error=reason))
        else:
            self._count(src_id, f"listing failed: {reason}")


def _charset(response) -> str | None:
    ctype = response.headers.get(b"Content-Type", b"").decode("latin-1")
    m = re.search(r"charset=([\w-]+)", ctype, re.I)
    return m.group(1).lower() if m else None


def _allowed(url: str, src) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    netloc = host + (f":{parts.port}" if parts.port and parts.port not in (80, 443) else "")
    for d in src.allowed_domains:
        d = d.lower()
        if ":" in d:
            if netloc == d:
                return True
        elif host == d or host.endswith("." + d):
            return True
    return False
