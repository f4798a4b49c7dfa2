"""Downloader middlewares for hostile or failing servers, written for what Scrapy leaves open:

- ``RetryAfterMiddleware``: a 429 or 503 with ``Retry-After`` is retried no sooner than the server
  asks (capped); Scrapy's own RetryMiddleware retries at once, ignoring the header.
- ``TruncatedBodyMiddleware``: a page sent without Content-Length ends when the connection closes,
  so a connection reset mid-body looks complete to HTTP (Scrapy flags it ``partial``); an HTML page
  flagged so that lacks its closing ``</html>`` is retried, then recorded as cut short, never stored
  as a good article with part of its text.
"""
from __future__ import annotations

import email.utils
import time

from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class RetryAfterMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler
        self.cap = crawler.settings.getfloat("CRAWL_MAX_RETRY_AFTER")

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    async def process_request(self, request, spider=None):
        """A retry that the server asked to wait for waits here, holding no download slot."""
        not_before = request.meta.get("retry_not_before")
        if not_before:
            import asyncio

            wait = not_before - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
        return None

    def process_response(self, request, response, spider=None):
        if response.status in (429, 503):
            wait = retry_after_seconds(response.headers.get(b"Retry-After"))
            if wait:
                retry = get_retry_request(request, spider=self.crawler.spider, reason=f"HTTP {response.status}")
                if retry is None:  # retries used up: RetryMiddleware records the failure
                    return response
                retry.meta["retry_not_before"] = time.monotonic() + min(wait, self.cap)
                self.crawler.stats.inc_value("retry_after/honoured")
                return retry
        return response


class TruncatedBodyMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response, spider=None):
        if "partial" not in response.flags:
            return response
        ctype = response.headers.get(b"Content-Type", b"").lower()
        if b"html" not in ctype or b"</html" in response.body[-4096:].lower():
            return response
        retry = get_retry_request(request, spider=self.crawler.spider, reason="body cut short")
        if retry is not None:
            return retry
        raise IgnoreRequest("body cut short (no Content-Length, no closing </html>)")
