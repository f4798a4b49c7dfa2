"""The Scrapy item pipeline that stores every fetched page as received (zlib-compressed) in the
warehouse's ``pages`` table. Named in the crawler's ``ITEM_PIPELINES`` by path: the crawler does
not import the warehouse. Items are the crawler's page items (read by attribute)."""
from __future__ import annotations

import datetime as dt
import hashlib
import sys
import zlib

from .db import connect, insert_rows


class StorePagesPipeline:
    BATCH = 10  # pages committed at least every 10: a killed crawl loses at most that many fetches

    def __init__(self, crawler, db_path: str, run_id: str | None):
        self.crawler = crawler
        self.db_path = db_path
        self.run_id = run_id
        self.buffer: list[dict] = []
        self.con = None

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        db = crawler.settings.get("WAREHOUSE_DB")
        if not db:  # `scrapy parse` / `scrapy shell`: nothing to store into
            raise NotConfigured("WAREHOUSE_DB is not set")
        return cls(crawler, db, crawler.settings.get("RUN_ID"))

    def open_spider(self, spider=None):
        self.progress = None
        if sys.stderr.isatty():  # a progress bar for people watching; logs and pipes stay clean
            from tqdm import tqdm

            self.progress = tqdm(desc="crawl", unit="page", file=sys.stderr, leave=False)
        self.con = connect(self.db_path)
        self.known = dict(self.con.execute("SELECT url, body_sha1 FROM pages WHERE outcome <> 'failed'").fetchall())

    def close_spider(self, spider=None):
        if self.progress is not None:
            self.progress.close()
        self._flush()
        if self.con is not None:
            self.con.close()

    def process_item(self, item, spider=None):
        if self.progress is not None:
            self.progress.update()
        if item.outcome == "skipped_robots":
            return item
        if item.outcome == "failed" and item.url in self.known:  # keep what an earlier run stored
            return item
        sha1 = hashlib.sha1(item.body).hexdigest() if item.body is not None else None
        if item.outcome != "failed":
            if item.url not in self.known:
                self._count(item, "new")
            elif self.known[item.url] == sha1:
                self._count(item, "unchanged")
            else:
                self._count(item, "changed")
            self.known[item.url] = sha1
        self.buffer.append({
            "url": item.url, "source_id": item.source_id, "fetched_url": item.fetched_url, "status": item.status,
            "outcome": item.outcome, "error": item.error, "content_type": item.content_type,
            "http_charset": item.http_charset, "fetched_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            "body_sha1": sha1, "body_zlib": zlib.compress(item.body) if item.body is not None else None,
            "parent_url": item.parent_url, "run_id": self.run_id})
        if len(self.buffer) >= self.BATCH:
            self._flush()
        return item

    def _count(self, item, outcome: str) -> None:
        # the crawl summary's convention (crawler/items.py): stats key source/<source id>/<outcome>
        self.crawler.stats.inc_value(f"source/{item.source_id}/{outcome}")

    def _flush(self):
        if not self.buffer or self.con is None:
            return
        self.con.execute("BEGIN")
        insert_rows(self.con, "pages", self.buffer, replace=True)
        self.con.execute("COMMIT")
        self.buffer.clear()

