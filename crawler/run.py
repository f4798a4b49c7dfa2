"""Running a crawl in-process with Scrapy's CrawlerProcess."""
from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from .spiders.portal import PortalSpider, summary_from_stats


@dataclass
class CrawlReport:
    summary: dict
    start_failures: dict
    finish_reason: str | None
    stats: dict = field(default_factory=dict)


def crawl(sources, state_dir, *, run_id: str, known_urls=frozenset(), mirror_hosts: dict | None = None,
          refresh: bool = False, jobdir: Path | None = None, fast: bool = False, log_level: str = "CRITICAL",
          extra_settings: dict | None = None, store_settings: dict | None = None) -> CrawlReport:
    """Crawl ``sources`` with the portal spider; pages already stored (``known_urls``) are not
    fetched again unless ``refresh``. ``store_settings`` configure the item pipeline that stores
    the pages; resumable state lives under ``state_dir``."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("RUN_ID", run_id)
    for k, v in (store_settings or {}).items():
        settings.set(k, v)
    settings.set("LOG_LEVEL", log_level)
    if mirror_hosts:  # the bundled sample: requests for the mirrored hosts are answered locally
        settings.set("MIRROR_HOSTS", mirror_hosts)
        settings.set("DOWNLOAD_HANDLERS", {"http": "crawler.mirror.MirrorDownloadHandler",
                                           "https": "crawler.mirror.MirrorDownloadHandler"})
    if fast:  # a local mirror or test server: no politeness delay needed
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("AUTOTHROTTLE_ENABLED", False)
        settings.set("DOWNLOAD_TIMEOUT", 10)
    if jobdir is None:
        key = hashlib.sha1("|".join(sorted(u for s in sources for u in s.start_urls)).encode()).hexdigest()[:12]
        jobdir = Path(state_dir) / "jobs" / key
    settings.set("JOBDIR", str(jobdir))
    for k, v in (extra_settings or {}).items():
        settings.set(k, v)
    settings.set("LOG_INSTALL_ROOT_HANDLER", log_level != "CRITICAL")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, sources=sources, known_urls=known_urls, refresh=refresh)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    reason = stats.get("finish_reason")
    if reason == "finished":
        shutil.rmtree(jobdir, ignore_errors=True)  # a finished crawl leaves nothing to resume
    return CrawlReport(summary_from_stats(stats), crawler.spider.start_failures, reason, stats)
