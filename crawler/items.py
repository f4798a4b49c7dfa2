"""What the spider hands to the item pipeline: one fetched (or failed) page."""
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
