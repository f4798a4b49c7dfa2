"""Orchestration: the stages run in order, crawler -> articles -> nlp -> warehouse.

The stages do not know each other: the crawler fetches and stores raw pages (through the
warehouse's item pipeline, named in Scrapy's settings by path), the article stage turns a stored
page into an :class:`crawler.articles.Article`, the NLP stage turns an article into records, the
warehouse loads rows. This module wires them together, runs processing alongside a crawl, and keeps
the ``runs`` records. The CLI (``pipeline.py``) only parses options and prints what comes back.
"""
from __future__ import annotations

import itertools
import threading
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path


class UserError(Exception):
    """An error caused by the input; the CLI prints it as one ``error:`` line, exit code 2."""


# -- processing: stored pages -> articles -> NLP -> warehouse -----------------------------------
def _articles(pages, report):
    """Article rows (with the NLP stage's inputs) for stored page rows; pages that give no article
    are reported as skipped, with the reason."""
    from crawler.articles import ArticleError, page_to_article
    from warehouse.load import article_row

    for url, source_id, body_zlib, charset, platform, province, _fetched in pages:
        try:
            if body_zlib is None:
                raise ArticleError("no stored body")
            try:
                body = zlib.decompress(body_zlib)
            except zlib.error:
                raise ArticleError("stored body is not valid zlib data") from None
            article = page_to_article(url, body, charset, platform)
        except ArticleError as exc:
            report.skipped.append((url, str(exc)))
            continue
        for w in article.warnings:
            report.warnings.append((url, w))
        row = article_row(url, source_id, article)
        row["province"] = province
        yield row


def process_pages(con, run_id: str, *, all_pages: bool = False, n_process: int = 1, nlp=None,
                  progress=None, pages=None, commit_every: int = 200):
    """Stored pages (by default the ones not processed yet; or ``pages``, rows as from
    ``warehouse.load.stored_pages``) -> articles -> NLP -> warehouse rows. Every ``commit_every``
    articles are one transaction that replaces those articles' rows: re-running never duplicates
    rows, and a failure loses at most the batch it happened in (its pages stay stored and pending)."""
    from nlp.pipeline import build_nlp, extract_articles
    from warehouse.load import ProcessReport, store_results, stored_pages

    report = ProcessReport()
    articles = _articles(stored_pages(con, all_pages) if pages is None else pages, report)
    first = next(articles, None)
    if first is None:
        return report
    nlp = nlp or build_nlp()
    results = extract_articles(nlp, itertools.chain([first], articles), n_process=n_process)
    if progress:
        results = progress(results, total=None)
    batch = []
    for result in results:
        batch.append(result)
        if len(batch) >= commit_every:
            store_results(con, run_id, batch, report)
            batch = []
    if batch:
        store_results(con, run_id, batch, report)
    return report


class BackgroundProcessing:
    """Processes pages in a thread while the crawl stores them (the crawl waits on the network,
    the NLP on the CPU). Pages it has not reached when the crawl ends are processed afterwards."""

    def __init__(self, db, run_id: str, jobs: int):
        self.db, self.run_id, self.jobs = db, run_id, jobs
        self.crawl_done = threading.Event()
        self.report = self.error = None
        self.thread = threading.Thread(target=self._work, name="processing", daemon=True)
        self.thread.start()

    def _work(self):
        from warehouse.db import connect
        from warehouse.load import pages_as_they_arrive

        try:
            con = connect(self.db)
            try:
                pages = pages_as_they_arrive(con, self.crawl_done)
                self.report = process_pages(con, self.run_id, n_process=self.jobs, pages=pages)
            finally:
                con.close()
        except BaseException as exc:  # reported by result(), in the main thread
            self.error = exc

    def result(self):
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.report


@dataclass
class Outcome:
    """What a run or a process did, for the CLI to print."""

    report: object                               # warehouse.load.ProcessReport
    seconds: float
    articles_per_source: list = field(default_factory=list)
    totals: tuple = (0, 0, 0)                    # figures, officials, dates in the database
    crawl: object | None = None                  # crawler.run.CrawlReport, for `run`
    crawl_seconds: float = 0.0


def process_stored(db, *, all_pages: bool, jobs: int, progress=None, index_progress=None) -> Outcome:
    """``pipeline.py process``: re-extract stored pages and re-run the NLP stage, no network."""
    from warehouse.db import connect
    from warehouse.load import new_run

    con = connect(db, create=False)
    run_id = new_run(con, "process", {"all": all_pages})
    con.close()
    return _process_and_finish(db, run_id, jobs, all_pages=all_pages, progress=progress,
                               index_progress=index_progress)


def _process_and_finish(db, run_id: str, jobs: int, *, all_pages: bool = False, started: float | None = None,
                        already=None, progress=None, index_progress=None) -> Outcome:
    """Process what is pending (after a crawl: what its overlapped processing did not reach),
    bring the derived tables up to date, close the run record and read the totals."""
    from warehouse.db import connect
    from warehouse.load import finish_load, finish_run
    from warehouse.queries import totals

    con = connect(db)
    started = started if started is not None else time.perf_counter()
    try:
        report = process_pages(con, run_id, all_pages=all_pages, n_process=jobs, progress=progress)
        if already is not None:
            report.merge(already)
        finish_load(con, progress=index_progress)
    except BaseException:
        finish_run(con, run_id, "failed")
        con.close()
        raise
    finish_run(con, run_id, "ok", {"articles": report.articles, "skipped": len(report.skipped)})
    per_source, figures_officials_dates = totals(con)
    con.close()
    return Outcome(report, time.perf_counter() - started, per_source, figures_officials_dates)


# -- run: crawl, with processing alongside ------------------------------------------------------
def load_sources(sources_file=None, start_urls=None):
    """The sources of a run: ad-hoc start URLs, a registry file, or the bundled sample."""
    from crawler.registry import SAMPLE_REGISTRY, RegistryError, adhoc_sources, load_registry

    try:
        if start_urls:
            return adhoc_sources(start_urls)
        return load_registry(sources_file or SAMPLE_REGISTRY)
    except RegistryError as exc:
        raise UserError(str(exc)) from None


def crawl_and_process(db, sources, *, use_sample: bool, jobs: int, refresh: bool = False, fast: bool = False,
                      verbose: bool = False, crawl_settings: dict | None = None, progress=None,
                      index_progress=None) -> Outcome:
    """``pipeline.py run``: crawl the sources, storing raw pages, while a thread turns the stored
    pages into articles, NLP records and warehouse rows."""
    from warehouse.db import connect
    from warehouse.load import finish_run, new_run, upsert_sources

    con = connect(db)
    upsert_sources(con, sources)
    run_id = new_run(con, "run", {"sources": [s.source_id for s in sources], "sample": use_sample})
    known = {r[0] for r in con.execute("SELECT url FROM pages WHERE outcome <> 'failed'").fetchall()}
    con.close()
    started = time.perf_counter()
    processing = BackgroundProcessing(db, run_id, jobs)  # overlaps the crawl
    try:
        report = _crawl(db, sources, run_id, known, use_sample=use_sample, refresh=refresh, fast=fast,
                        verbose=verbose, crawl_settings=crawl_settings)
    finally:
        processing.crawl_done.set()
    crawl_s = time.perf_counter() - started
    processed = processing.result()
    all_starts = [u for s in sources for u in s.start_urls]
    if report.start_failures and len(report.start_failures) == len(all_starts):
        con = connect(db)
        finish_run(con, run_id, "failed", {"start_failures": report.start_failures})
        con.close()
        url, reason = next(iter(report.start_failures.items()))
        more = f" (and {len(report.start_failures) - 1} more start URLs)" if len(report.start_failures) > 1 else ""
        raise UserError(f"could not reach start URL {url}: {reason}{more}")
    outcome = _process_and_finish(db, run_id, jobs, started=started, already=processed, progress=progress,
                                  index_progress=index_progress)
    outcome.crawl, outcome.crawl_seconds = report, crawl_s
    return outcome


def _crawl(db, sources, run_id: str, known: set, *, use_sample: bool, refresh: bool, fast: bool, verbose: bool,
           crawl_settings: dict | None):
    from crawler.mirror import MirrorServer
    from crawler.registry import SAMPLE_REGISTRY
    from crawler.run import crawl

    log_level = "INFO" if verbose else "CRITICAL"
    common = dict(run_id=run_id, known_urls=known, refresh=refresh, log_level=log_level,
                  store_settings={"WAREHOUSE_DB": str(db)})
    if use_sample:
        with MirrorServer(SAMPLE_REGISTRY.parent) as mirror:
            return crawl(sources, Path(db).parent, mirror_hosts=mirror.mapping(), fast=True, **common)
    return crawl(sources, Path(db).parent, fast=fast, extra_settings=crawl_settings, **common)


# -- extract / evaluate: the NLP stage on JSONL articles ----------------------------------------
def province_for(article: dict) -> str | None:
    """The province of an article's source: given, or the registry's for its host."""
    from crawler.registry import province_for_host

    if article.get("province"):
        return article["province"]
    source = article.get("source") or ""
    host = source.split("/")[2] if "://" in source else source
    if not host and article.get("url"):
        host = article["url"].split("/")[2]
    return province_for_host(host)


def read_articles(path: str) -> list[dict]:
    from nlp.evaluate import read_jsonl

    try:
        arts = read_jsonl(path)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError(str(exc)) from None
    for n, a in enumerate(arts, 1):
        if not isinstance(a, dict) or not isinstance(a.get("text", ""), str):
            raise UserError(f"{path}: record {n} has no 'text' string")
        a.setdefault("id", str(n))
        a["province"] = province_for(a)
    return arts


def extract_records(arts: list[dict], jobs: int) -> dict:
    """The NLP stage's records for each article, by id."""
    from nlp.pipeline import build_nlp, extract_articles

    nlp = build_nlp()
    return {a["id"]: rec for a, rec in extract_articles(nlp, arts, n_process=jobs)}
