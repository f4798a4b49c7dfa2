"""Orchestration: the stages run in order, crawler -> articles -> nlp -> warehouse.

The stages do not know each other: the crawler fetches pages and stores them, as received, in WARC
files beside the database (``<db>.pages/``); the article stage turns a stored page into an
:class:`crawler.articles.Article`; the NLP stage turns an article into records; the warehouse
loads rows. This module wires them together and keeps the ``runs`` records:

- ``run``: the crawl runs in a child process (``crawler.run.CrawlChild``) while this process reads
  what it stores, page by page, and processes it;
- ``process``: the stored pages not processed yet (or all) are processed again, no network.

Processing sends pages in small batches to worker processes (``--jobs``), each running the article
stage and the NLP stage on its pages (``process_pages_batch``, the same function a single process
or a cluster runs); this process only writes the warehouse, in short transactions with the file
closed between them, so readers are never locked out for long. A page that fails (any exception,
a worker that dies on it) is recorded on the page with its reason and not tried again unless
asked. SIGTERM or Ctrl-C stop a run within seconds, keep what was done, and mark the run
``interrupted``.
"""
from __future__ import annotations

import hashlib
import os
import signal
import threading
import time
import zlib
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

# Articles longer than this go through the NLP stage in pieces of at most this many characters,
# cut at paragraph ends (spaCy refuses texts over a million characters; a real news article is
# well under 50,000).
NLP_PIECE_CHARS = 100_000
BATCH_PAGES = 8            # pages per task sent to a worker
COMMIT_EVERY_S = 2.0       # results written at least this often
COMMIT_EVERY_ARTICLES = 200
INTERRUPT_GRACE_S = 5.0    # on Ctrl-C or SIGTERM, batches already in a worker get this long to finish


class UserError(Exception):
    """An error caused by the input; the CLI prints it as one ``error:`` line, exit code 2."""


class Interrupted(KeyboardInterrupt):
    """SIGTERM or Ctrl-C: the run stopped, what was done is kept."""


def page_store_dir(db) -> Path:
    """The WARC folder of a database (``data/news.duckdb`` -> ``data/news.pages/``)."""
    return Path(db).with_suffix(".pages")


def search_index_dir(db) -> Path:
    """The search index of a database (``data/news.duckdb`` -> ``data/news.search/``)."""
    from warehouse.fulltext import index_root

    return index_root(db)


def jobs_dir(db) -> Path:
    """The crawl state of a database (Scrapy's JOBDIR per set of start URLs, crawl logs)."""
    return Path(db).with_suffix(".jobs")


# -- the work of one page: stored bytes -> article -> records ------------------------------------
_NLP = None


def _nlp():
    global _NLP
    if _NLP is None:
        from nlp.pipeline import build_nlp

        _NLP = build_nlp()
    return _NLP


def _worker_init() -> None:
    from processes import worker_process

    worker_process()
    _nlp()  # loaded once per worker, before its first task


def records_in_pieces(nlp, text: str, title: str, published, province) -> dict:
    """The NLP records of a text, run in pieces of at most ``NLP_PIECE_CHARS`` characters cut at
    paragraph ends when it is longer; offsets point into the whole text."""
    from nlp.pipeline import records_of

    if len(text) <= NLP_PIECE_CHARS:
        return records_of(nlp(text), title, published, province)
    merged = {"figures": [], "officials": [], "dates": []}
    start = 0
    while start < len(text):
        end = min(len(text), start + NLP_PIECE_CHARS)
        if end < len(text):
            cut = text.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        records = records_of(nlp(text[start:end]), title, published, province)
        for kind, recs in records.items():
            for rec in recs:
                rec["start"] += start
                rec["end"] += start
                merged[kind].append(rec)
        start = end
    return merged


@dataclass
class PageResult:
    url: str
    body_sha1: str | None
    article: dict | None = None      # the articles row (warehouse.load.article_row) when it gave one
    records: dict | None = None
    error: str | None = None         # why it gave no article, or failed
    warnings: list = field(default_factory=list)


def process_page(page: dict, store_dir) -> PageResult:
    """One stored page (a row of ``warehouse.load.pending_pages``) through the article and NLP
    stages. Never raises: whatever goes wrong is the page's ``error``."""
    from crawler.articles import ArticleError, page_to_article
    from crawler.page_store import read_body
    from warehouse.load import article_row

    url = page["url"]
    try:
        if page.get("warc_file"):
            body = read_body(store_dir, page["warc_file"], page["warc_offset"])
        elif page.get("body_zlib") is not None:  # stored by a version before the WARC store
            body = zlib.decompress(page["body_zlib"])
        else:
            raise ArticleError("no stored body")
        article = page_to_article(url, body, page.get("http_charset"), page.get("platform"))
        row = article_row(url, page["source_id"], article)
        records = records_in_pieces(_nlp(), row["text"], row["title"] or "", row["published"], page.get("province"))
        warnings = list(article.warnings)
        if len(row["text"]) > NLP_PIECE_CHARS:
            warnings.append(f"long article ({len(row['text']):,} characters) processed in pieces")
        return PageResult(url, page.get("body_sha1"), row, records, None, warnings)
    except ArticleError as exc:
        return PageResult(url, page.get("body_sha1"), error=str(exc))
    except Exception as exc:  # noqa: BLE001 — one bad page must not stop the others
        return PageResult(url, page.get("body_sha1"), error=f"processing failed: {type(exc).__name__}: {exc}"[:300])


def process_pages_batch(pages: list[dict], store_dir: str) -> list[PageResult]:
    """A batch of stored pages through the article and NLP stages: what a worker (or the single
    process, or a cluster worker) runs."""
    return [process_page(page, store_dir) for page in pages]


# -- the processing engine --------------------------------------------------------------------
class Processor:
    """Pages in, warehouse rows out. Batches of pages go to ``jobs`` worker processes (or are
    processed in this process when ``jobs`` is 1); results are written in short transactions."""

    def __init__(self, db, run_id: str, jobs: int, progress=None):
        from warehouse.load import ProcessReport

        self.db, self.run_id, self.jobs = db, run_id, jobs
        self.store_dir = str(page_store_dir(db))
        self.report = ProcessReport()
        self.pool = None
        self.in_flight: dict = {}          # future -> pages
        self.done: list[PageResult] = []
        self.new_pages: list[dict] = []    # page rows read from the store, not yet written
        self.positions: dict[str, int] = {}
        self.last_commit = time.monotonic()
        self.progress = progress(None, None) if progress else None
        self.submitted: set[str] = set()

    # pages in
    def submit(self, pages: list[dict]) -> None:
        pages = [p for p in pages if p["url"] not in self.submitted]
        self.submitted.update(p["url"] for p in pages)
        for i in range(0, len(pages), BATCH_PAGES):
            batch = pages[i:i + BATCH_PAGES]
            if self.jobs == 1:
                self._take(process_pages_batch(batch, self.store_dir))
            else:
                self._ensure_pool()
                self.in_flight[self.pool.submit(process_pages_batch, batch, self.store_dir)] = batch
            self.maybe_commit()

    def _ensure_pool(self) -> None:
        if self.pool is None:
            import multiprocessing

            self.pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_worker_init)

    def backlog(self) -> int:
        return sum(len(b) for b in self.in_flight.values())

    # results out
    def collect(self, timeout: float | None = 0) -> None:
        if not self.in_flight:
            return
        finished, _ = wait(list(self.in_flight), timeout=timeout, return_when=FIRST_COMPLETED)
        broken = []
        for future in finished:
            batch = self.in_flight.pop(future)
            try:
                self._take(future.result())
            except BrokenProcessPool:
                broken.append(batch)
        if broken:  # a worker died (out of memory, a crash in a library): find the page, go on
            self._recover(broken + list(self.in_flight.values()))
        self.maybe_commit()

    def _recover(self, batches: list[list[dict]]) -> None:
        self.in_flight.clear()
        self._shutdown_pool()
        for batch in batches:
            for page in batch:  # one page per fresh pool: the page that kills a worker is the one
                self._ensure_pool()
                try:
                    self._take(self.pool.submit(process_pages_batch, [page], self.store_dir).result())
                except BrokenProcessPool:
                    self._shutdown_pool()
                    self._take([PageResult(page["url"], page.get("body_sha1"),
                                           error="processing failed: the worker process died on this page")])

    def _take(self, results: list[PageResult]) -> None:
        self.done.extend(results)
        if self.progress is not None:
            self.progress.update(len(results))

    def maybe_commit(self, force: bool = False) -> None:
        articles = sum(1 for r in self.done if r.article)
        due = time.monotonic() - self.last_commit >= COMMIT_EVERY_S or articles >= COMMIT_EVERY_ARTICLES
        if (self.done or self.new_pages or self.positions) and (force or due):
            self.commit()

    def commit(self) -> None:
        from warehouse.db import connect
        from warehouse.load import store_batch

        done, self.done = self.done, []
        pages, self.new_pages = self.new_pages, []
        positions, self.positions = self.positions, {}
        results = [(r.article, r.records) for r in done if r.article]
        processed = [(r.url, r.body_sha1, r.error) for r in done]
        con = connect(self.db)
        try:
            store_batch(con, self.run_id, pages=pages, results=results, processed=processed, positions=positions,
                        report=self.report)
        finally:
            con.close()
        for r in done:
            if r.error:
                self.report.skipped.append((r.url, r.error))
            self.report.warnings.extend((r.url, w) for w in r.warnings)
        self.last_commit = time.monotonic()

    def drain(self, stop: threading.Event | None = None) -> None:
        while self.in_flight and not (stop and stop.is_set()):
            self.collect(timeout=0.5)

    def _shutdown_pool(self) -> None:
        if self.pool is not None:
            for proc in list(getattr(self.pool, "_processes", {}).values()):
                if proc.is_alive():
                    proc.kill()
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def close(self, interrupted: bool = False) -> None:
        """Stop the workers; wait for what they hold (when ``interrupted``, a few seconds at most).
        Write what is done."""
        if interrupted:
            deadline = time.monotonic() + INTERRUPT_GRACE_S
            while self.in_flight and time.monotonic() < deadline:
                self.collect(timeout=0.2)
            self.in_flight.clear()
        else:
            self.drain()
        self._shutdown_pool()
        if self.progress is not None:
            self.progress.close()
        self.maybe_commit(force=True)


# -- reading the page store --------------------------------------------------------------------
def _page_row(record) -> dict:
    return {"url": record.url, "source_id": record.source_id, "fetched_url": record.fetched_url,
            "status": record.status, "outcome": record.outcome, "error": record.error,
            "content_type": record.content_type, "http_charset": record.http_charset,
            "fetched_at": record.fetched_at, "body_sha1": record.body_sha1, "parent_url": record.parent_url,
            "run_id": record.run_id, "warc_file": record.warc_file, "warc_offset": record.warc_offset,
            "warc_length": record.warc_length}


class StoreReader:
    """Reads the WARC files of the page store from where the warehouse left off."""

    def __init__(self, db, sources: dict):
        from warehouse.db import connect
        from warehouse.load import warc_positions

        self.folder = page_store_dir(db)
        self.sources = sources  # source_id -> (platform, province)
        con = connect(db)
        try:
            self.positions = warc_positions(con)
        finally:
            con.close()

    def read_new(self) -> tuple[list[dict], list[dict], dict[str, int]]:
        """(page rows, pages to process, new positions) of the records written since last read."""
        from crawler.page_store import read_records, warc_files

        rows, work, moved = [], [], {}
        for path in warc_files(self.folder):
            start = self.positions.get(path.name, 0)
            if path.stat().st_size <= start:
                continue
            end = start
            for record, end in read_records(path, start):
                if record is None:
                    continue
                row = _page_row(record)
                rows.append(row)
                if record.outcome == "article":
                    platform, province = self.sources.get(record.source_id, (None, None))
                    work.append({"url": record.url, "source_id": record.source_id, "platform": platform,
                                 "province": province, "http_charset": record.http_charset,
                                 "body_sha1": record.body_sha1, "warc_file": record.warc_file,
                                 "warc_offset": record.warc_offset})
            if end > start:
                self.positions[path.name] = moved[path.name] = end
        return rows, work, moved


def _sources_of(db) -> dict:
    from warehouse.db import connect

    con = connect(db)
    try:
        return {sid: (platform, province) for sid, platform, province in
                con.execute("SELECT source_id, platform, province FROM sources").fetchall()}
    finally:
        con.close()


def _pending(db, *, all_pages: bool, retry_failed: bool) -> list[dict]:
    from warehouse.db import connect
    from warehouse.load import pending_pages

    con = connect(db)
    try:
        return list(pending_pages(con, all_pages=all_pages, retry_failed=retry_failed))
    finally:
        con.close()


# -- signals -----------------------------------------------------------------------------------
class StopOnSignals:
    """SIGINT and SIGTERM set ``stop`` (and call ``on_stop``) instead of raising wherever the
    main thread happens to be; the previous handlers come back on exit."""

    def __init__(self, on_stop=None):
        self.stop = threading.Event()
        self.on_stop = on_stop
        self.previous = {}

    def _handle(self, signum, frame):
        first = not self.stop.is_set()
        self.stop.set()
        if first and self.on_stop:
            self.on_stop()

    def __enter__(self):
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc):
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)


# -- run and process ---------------------------------------------------------------------------
@dataclass
class Outcome:
    """What a run or a process did, for the CLI to print."""

    report: object                               # warehouse.load.ProcessReport
    seconds: float
    articles_per_source: list = field(default_factory=list)
    totals: tuple = (0, 0, 0)                    # figures, officials, dates in the database
    crawl: object | None = None                  # crawler.run.CrawlReport, for `run`
    crawl_seconds: float = 0.0


def _begin_run(db, command: str, details: dict, sources=None, create: bool = True) -> str:
    from warehouse.db import connect
    from warehouse.load import mark_abandoned_runs, new_run, upsert_sources

    con = connect(db, create=create)
    try:
        mark_abandoned_runs(con)
        if sources:
            upsert_sources(con, sources)
        return new_run(con, command, {**details, "pid": os.getpid()})
    finally:
        con.close()


def _finish(db, run_id: str, status: str, details: dict | None = None) -> None:
    from warehouse.db import connect
    from warehouse.load import finish_run

    con = connect(db)
    try:
        finish_run(con, run_id, status, details)
    finally:
        con.close()


def _finish_load_and_totals(db, processor: Processor, index_progress=None) -> tuple[list, tuple]:
    from warehouse.db import connect
    from warehouse.load import finish_load
    from warehouse.queries import totals

    con = connect(db)
    try:
        finish_load(con, progress=index_progress)
    finally:
        con.close()
    return totals(db)


def process_stored(db, *, all_pages: bool, jobs: int, retry_failed: bool = False, progress=None,
                   index_progress=None) -> Outcome:
    """``pipeline.py process``: what the page store holds that the warehouse has not read, and
    the stored pages not processed yet (or all of them), through the article and NLP stages."""
    started = time.perf_counter()
    run_id = _begin_run(db, "process", {"all": all_pages, "retry_failed": retry_failed}, create=False)
    processor = Processor(db, run_id, jobs, progress)
    with StopOnSignals() as signals:
        try:
            reader = StoreReader(db, _sources_of(db))
            rows, _, moved = reader.read_new()
            processor.new_pages, processor.positions = rows, moved
            processor.commit()  # the pages first: they are then pending like the others
            pending = _pending(db, all_pages=all_pages, retry_failed=retry_failed)
            for i in range(0, len(pending), BATCH_PAGES * max(jobs, 1)):
                if signals.stop.is_set():
                    break
                processor.submit(pending[i:i + BATCH_PAGES * max(jobs, 1)])
                while processor.backlog() > BATCH_PAGES * jobs * 2 and not signals.stop.is_set():
                    processor.collect(timeout=0.5)
            processor.close(interrupted=signals.stop.is_set())
            if signals.stop.is_set():
                raise Interrupted()
            per_source, counts = _finish_load_and_totals(db, processor, index_progress)
        except BaseException as exc:
            processor.close(interrupted=True)
            _finish(db, run_id, "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed",
                    {"articles": processor.report.articles, "error": str(exc)[:300]})
            raise
    _finish(db, run_id, "ok", {"articles": processor.report.articles, "skipped": len(processor.report.skipped)})
    return Outcome(processor.report, time.perf_counter() - started, per_source, counts)


def reindex(db, progress=None) -> tuple[int, float]:
    """``pipeline.py reindex``: the search index built anew from the warehouse (which is only
    read, so searches go on meanwhile; the old index serves them until the new one commits).
    Returns how many articles were indexed and the seconds it took."""
    from warehouse import fulltext
    from warehouse.db import connect

    started = time.perf_counter()
    connect(db, create=False).close()  # an older database is brought up to date first
    con = connect(db, read_only=True, create=False)
    try:
        indexed = fulltext.sync(con, db, rebuild=True, progress=progress)
    finally:
        con.close()
    return indexed, time.perf_counter() - started


def load_sources(sources_file=None, start_urls=None):
    """The sources of a run: ad-hoc start URLs, a registry file, or the bundled sample."""
    from crawler.registry import SAMPLE_REGISTRY, RegistryError, adhoc_sources, load_registry

    try:
        if start_urls:
            return adhoc_sources(start_urls)
        return load_registry(sources_file or SAMPLE_REGISTRY)
    except RegistryError as exc:
        raise UserError(str(exc)) from None


def _crawl_job(db, sources, run_id: str, *, use_sample: bool, refresh: bool, fast: bool, verbose: bool,
               crawl_settings: dict | None):
    from crawler.registry import SAMPLE_REGISTRY
    from crawler.run import CrawlJob
    from warehouse.db import connect
    from warehouse.load import known_pages

    key = hashlib.sha1("|".join(sorted(u for s in sources for u in s.start_urls)).encode()).hexdigest()[:12]
    jobs = jobs_dir(db)
    jobs.mkdir(parents=True, exist_ok=True)
    known_file = jobs / f"{run_id}.known.tsv"
    con = connect(db)
    try:
        with open(known_file, "w", encoding="utf-8") as fh:
            for url, sha1 in known_pages(con):
                fh.write(f"{url}\t{sha1}\n")
    finally:
        con.close()
    return CrawlJob(list(sources), run_id, str(page_store_dir(db)), str(jobs / key), str(known_file), refresh,
                    fast or use_sample, verbose, str(SAMPLE_REGISTRY.parent) if use_sample else None,
                    dict(crawl_settings or {}))


def crawl_and_process(db, sources, *, use_sample: bool, jobs: int, refresh: bool = False, fast: bool = False,
                      verbose: bool = False, crawl_settings: dict | None = None, progress=None,
                      crawl_progress=None, index_progress=None) -> Outcome:
    """``pipeline.py run``: crawl the sources in a child process, storing raw pages, while this
    process reads them from the page store and turns them into articles, NLP records and rows."""
    from crawler.run import CrawlChild

    created = not Path(db).exists()
    started = time.perf_counter()
    run_id = _begin_run(db, "run", {"sources": [s.source_id for s in sources], "sample": use_sample}, sources)
    processor = Processor(db, run_id, jobs, progress)
    child = None
    job = _crawl_job(db, sources, run_id, use_sample=use_sample, refresh=refresh, fast=fast, verbose=verbose,
                     crawl_settings=crawl_settings)
    with StopOnSignals(on_stop=lambda: child and child.stop()) as signals:
        try:
            reader = StoreReader(db, _sources_of(db))
            # what an earlier, killed run stored but did not read, and pages still pending
            rows, work, moved = reader.read_new()
            processor.new_pages, processor.positions = rows, moved
            processor.commit()
            processor.submit(_pending(db, all_pages=False, retry_failed=False))
            child = CrawlChild(job)
            crawl_started = time.perf_counter()
            stored = crawl_progress(None, None) if crawl_progress else None
            while True:
                finished = not child.alive()  # read before the store: nothing written after it is missed
                rows, work, moved = reader.read_new()
                if stored is not None:
                    stored.update(len(rows))
                processor.new_pages += rows
                processor.positions.update(moved)
                processor.submit(work)
                processor.collect(timeout=0.2 if processor.in_flight else 0)
                if finished:
                    break
                if signals.stop.is_set():
                    if not child.wait(timeout=10):  # Scrapy ends what is in flight; not longer than this
                        child.kill()
                        child.wait()
                    continue
                if not work and not processor.in_flight:
                    time.sleep(0.2)
            crawl_s = time.perf_counter() - crawl_started
            if stored is not None:
                stored.close()
            report = child.report()
            processor.close(interrupted=signals.stop.is_set())
            if signals.stop.is_set():
                raise Interrupted()
            all_starts = [u for s in sources for u in s.start_urls]
            if report.start_failures and len(report.start_failures) == len(all_starts):
                url, reason = next(iter(report.start_failures.items()))
                more = f" (and {len(report.start_failures) - 1} more start URLs)" if len(report.start_failures) > 1 else ""
                raise UserError(f"could not reach start URL {url}: {reason}{more}")
            per_source, counts = _finish_load_and_totals(db, processor, index_progress)
        except BaseException as exc:
            if child is not None:
                child.kill()
                child.wait()
            processor.close(interrupted=True)
            if created and isinstance(exc, UserError) and not processor.report.articles:
                _remove_database(db)  # a run that stored nothing leaves nothing behind
            else:
                _finish(db, run_id, "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed",
                        {"articles": processor.report.articles, "error": str(exc)[:300]})
            raise
        finally:
            Path(job.known_file).unlink(missing_ok=True)
    _finish(db, run_id, "ok", {"articles": processor.report.articles, "skipped": len(processor.report.skipped)})
    outcome = Outcome(processor.report, time.perf_counter() - started, per_source, counts)
    outcome.crawl, outcome.crawl_seconds = report, crawl_s
    return outcome


def _remove_database(db) -> None:
    import shutil

    for path in (Path(db), Path(str(db) + ".wal")):
        path.unlink(missing_ok=True)
    for folder in (page_store_dir(db), jobs_dir(db), search_index_dir(db)):
        shutil.rmtree(folder, ignore_errors=True)


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
    """Articles of a JSONL file (``{id, title, text, published}`` a line), checked before any NLP
    runs: every line an object with a ``text`` string, no two with one ``id`` (a line without an
    ``id`` is known by its line number)."""
    import json

    from nlp.dates import parse_published

    arts, lines_of = [], {}
    try:
        with open(path, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    a = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise UserError(f"{path}: line {n} is not valid JSON ({exc.msg})") from None
                if not isinstance(a, dict) or not isinstance(a.get("text"), str):
                    raise UserError(f"{path}: line {n} has no 'text' string")
                a["id"] = str(a.get("id") if a.get("id") is not None else f"line-{n}")
                if a["id"] in lines_of:
                    raise UserError(f"{path}: line {n} has the id {a['id']!r} of line {lines_of[a['id']]}; "
                                    "ids must be unique")
                published = a.get("published")
                if published not in (None, "") and parse_published(published)[0] is None:
                    raise UserError(f"{path}: line {n}: 'published' {published!r} is not a date "
                                    "(YYYY-MM-DD or YYYY-MM)")
                lines_of[a["id"]] = n
                a["province"] = province_for(a)
                arts.append(a)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a JSONL file") from None
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text") from None
    return arts


def extract_records(arts: list[dict], jobs: int) -> dict:
    """The NLP stage's records for each article, by id."""
    from nlp.pipeline import build_nlp, extract_articles

    nlp = build_nlp()
    return {a["id"]: rec for a, rec in extract_articles(nlp, arts, n_process=jobs)}
