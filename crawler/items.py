"""What the spider hands to the item pipelines: one fetched (or failed) page.

Pipelines that sort pages further (the warehouse's store: new, unchanged, changed) count them in
the crawl's stats under ``source/<source id>/<outcome>``, as the spider does; the run summary lists
those counts per source (``crawler.spiders.portal.summary_from_stats``)."""
from dataclasses import dataclass, field


@dataclass
class PageItem:
    url: str                      # canonical URL
    source_id: str
    fetched_url: str
    outcome: str                  # article | attachment | failed | skipped_robots
    status: int | None = None
    error: str | None = None
    content_type: str | None = None
    http_charset: str | None = None
    body: bytes | None = field(default=None, repr=False)
    parent_url: str | None = None
    headers: list | None = field(default=None, repr=False)  # the response's (name, value) headers
