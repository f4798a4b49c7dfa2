"""Running a crawl: Scrapy's CrawlerProcess, in a child process of its own.

In a child, Scrapy's reactor, signal handlers and log never touch the process that processes the
pages (which can then stop on Ctrl-C or SIGTERM within seconds, and run more than one crawl in its
lifetime), and a crawl's stderr goes to a log file unless asked for. The child writes pages to the
WARC store (``crawler.page_store``) and, at the end, its report as JSON.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class CrawlReport:
    summary: dict                 # {source_id: {outcome: pages}}
    start_failures: dict          # {start URL: reason}
    finish_reason: str | None
    stats: dict = field(default_factory=dict)


@dataclass
class CrawlJob:
    """Everything a crawl needs, picklable (it crosses into the child process)."""

    sources: list
    run_id: str
    store_dir: str                # WARC folder
    jobdir: str                   # Scrapy's JOBDIR: what a stopped crawl resumes from
    known_file: str | None = None  # url<TAB>sha1 of the pages stored before this crawl
    refresh: bool = False
    fast: bool = False
    verbose: bool = False
    mirror_root: str | None = None  # the bundled sample: mirrored hosts answered locally
    settings: dict = field(default_factory=dict)

    @property
    def known_urls(self) -> set[str]:
        if not self.known_file or not Path(self.known_file).exists():
            return set()
        with open(self.known_file, encoding="utf-8") as fh:
            return {line.split("\t", 1)[0] for line in fh if line.strip()}


def crawl(job: CrawlJob, mirror_hosts: dict | None = None) -> CrawlReport:
    """Crawl in this process (Scrapy's reactor runs once per process: see ``CrawlChild``)."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.settings import Settings

    from .spiders.portal import PortalSpider, summary_from_stats

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.set("RUN_ID", job.run_id)
    settings.set("PAGE_STORE_DIR", job.store_dir)
    settings.set("KNOWN_PAGES_FILE", job.known_file)
    settings.set("LOG_LEVEL", "INFO" if job.verbose else "CRITICAL")
    settings.set("LOG_INSTALL_ROOT_HANDLER", job.verbose)
    if mirror_hosts:  # the bundled sample: requests for the mirrored hosts are answered locally
        settings.set("MIRROR_HOSTS", mirror_hosts)
        settings.set("DOWNLOAD_HANDLERS", {"http": "crawler.mirror.MirrorDownloadHandler",
                                           "https": "crawler.mirror.MirrorDownloadHandler"})
    if job.fast:  # a local mirror or test server: no politeness delay needed
        settings.set("DOWNLOAD_DELAY", 0)
        settings.set("AUTOTHROTTLE_ENABLED", False)
        settings.set("DOWNLOAD_TIMEOUT", 10)
    settings.set("JOBDIR", job.jobdir)
    for k, v in job.settings.items():
        settings.set(k, v)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PortalSpider)
    process.crawl(crawler, sources=job.sources, known_urls=job.known_urls, refresh=job.refresh)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats else {}
    reason = stats.get("finish_reason")
    if reason == "finished":
        shutil.rmtree(job.jobdir, ignore_errors=True)  # a finished crawl leaves nothing to resume
    plain = {k: v for k, v in stats.items() if isinstance(v, (int, float, str))}
    summary = {sid: dict(counts) for sid, counts in summary_from_stats(stats).items()}
    return CrawlReport(summary, dict(crawler.spider.start_failures), reason, plain)


def _child_main(job: CrawlJob, report_file: str, log_file: str) -> None:
    """The crawl child: its own process group (the terminal's Ctrl-C reaches the parent, which
    stops the crawl itself), killed with its parent, output to the log file unless verbose."""
    from processes import die_with_parent

    os.setpgrp()
    die_with_parent()
    if not job.verbose:
        log = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
    if job.mirror_root:
        from .mirror import MirrorServer

        with MirrorServer(Path(job.mirror_root)) as mirror:
            report = crawl(job, mirror.mapping())
    else:
        report = crawl(job)
    Path(report_file).write_text(json.dumps(asdict(report), ensure_ascii=False), encoding="utf-8")


class CrawlChild:
    """A crawl running in a child process: poll it, stop it (as Ctrl-C would), kill it, read its
    report."""

    def __init__(self, job: CrawlJob):
        Path(job.jobdir).mkdir(parents=True, exist_ok=True)
        self.job = job
        self.report_file = Path(job.jobdir).parent / f"{job.run_id}.report.json"
        self.log_file = Path(job.jobdir).parent / f"{job.run_id}.crawl.log"
        self.report_file.unlink(missing_ok=True)
        context = multiprocessing.get_context("spawn")  # no state of the parent's threads and pools
        self.process = context.Process(target=_child_main, args=(job, str(self.report_file), str(self.log_file)),
                                       name="crawl", daemon=False)
        self.process.start()

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self) -> None:
        """Ask Scrapy to stop as on Ctrl-C: requests in flight end, the queue stays in JOBDIR."""
        if self.process.is_alive():
            os.kill(self.process.pid, signal.SIGINT)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()

    def wait(self, timeout: float | None = None) -> bool:
        self.process.join(timeout)
        return not self.process.is_alive()

    def report(self) -> CrawlReport:
        if self.log_file.exists() and self.log_file.stat().st_size == 0:
            self.log_file.unlink()
        if self.report_file.exists():
            data = json.loads(self.report_file.read_text(encoding="utf-8"))
            self.report_file.unlink(missing_ok=True)
            return CrawlReport(**data)
        reason = "killed" if self.process.exitcode in (-signal.SIGKILL,) else f"crawl exited ({self.process.exitcode})"
        tail = ""
        if self.log_file.exists():
            lines = self.log_file.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            tail = lines[-1][:200] if lines else ""
        return CrawlReport({}, {}, reason, {"log_tail": tail} if tail else {})


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use pipeline.py run")
