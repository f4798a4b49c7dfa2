"""Loading the warehouse: run records, the stored pages still to process, and articles with
their NLP records as rows.

Every load is one transaction and replaces the rows of the articles it touches, so re-running
never duplicates rows and a load that fails half-way leaves the database as it was. The search
index beside the database follows at ``finish_load``.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field

from nlp.normalize import fold
from nlp.version import EXTRACTOR_VERSION

from . import series_table
from .copies import ORIGINAL_FIRST


def article_id_for(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def new_run(con, command: str, details: dict | None = None) -> str:
    from .db import insert_rows

    run_id = dt.datetime.now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]
    insert_rows(con, "runs", [{"run_id": run_id, "command": command, "started_at": dt.datetime.now(),
                               "status": "running", "extractor_version": EXTRACTOR_VERSION,
                               "details": json.dumps(details or {}, ensure_ascii=False)}])
    return run_id


def mark_abandoned_runs(con) -> None:
    """Runs still marked ``running`` whose process is gone (killed, or the machine stopped) are
    marked ``interrupted``."""
    import os

    for run_id, details in con.execute("SELECT run_id, details FROM runs WHERE status = 'running'").fetchall():
        pid = (json.loads(details) if details else {}).get("pid")
        alive = False
        if pid:
            try:
                os.kill(int(pid), 0)
                alive = int(pid) != os.getpid()
            except (OSError, ValueError):
                alive = False
        if not alive:
            finish_run(con, run_id, "interrupted")


def finish_run(con, run_id: str, status: str, details: dict | None = None) -> None:
    con.execute("UPDATE runs SET finished_at = ?, status = ?, details = coalesce(?, details) WHERE run_id = ?",
                [dt.datetime.now(), status, json.dumps(details, ensure_ascii=False) if details else None, run_id])


def upsert_sources(con, sources) -> None:
    """The registry's entries (objects with the registry's fields) as ``sources`` rows. A source
    with no province keeps one inferred from its articles by an earlier load."""
    from .db import insert_rows

    sources = list(sources)
    inferred = dict(con.execute("SELECT source_id, province FROM sources WHERE province_basis = 'articles' "
                                "AND source_id = ANY(?)", [[s.source_id for s in sources]]).fetchall())
    insert_rows(con, "sources", [{"source_id": s.source_id, "name": s.name,
                                  "province": s.province or inferred.get(s.source_id), "kind": s.kind,
                                  "platform": s.platform, "start_urls": list(s.start_urls),
                                  "allowed_domains": list(s.allowed_domains), "verified": s.verified,
                                  "province_basis": (getattr(s, "province_basis", None) or "registry") if s.province
                                  else ("articles" if s.source_id in inferred else None)}
                                 for s in sources], replace=True)


@dataclass
class ProcessReport:
    articles: int = 0
    skipped: list = field(default_factory=list)  # (url, reason)
    warnings: list = field(default_factory=list)
    figures: int = 0
    officials: int = 0
    dates: int = 0

    def merge(self, other: "ProcessReport") -> None:
        self.articles += other.articles
        self.skipped += other.skipped
        self.warnings += other.warnings
        self.figures += other.figures
        self.officials += other.officials
        self.dates += other.dates


# What the processing stage needs of a stored page: where its body is and how to read it.
PENDING_COLUMNS = ("p.url, p.source_id, s.platform, s.province, p.http_charset, p.body_sha1, p.warc_file, "
                   "p.warc_offset, p.body_zlib")


def pending_pages(con, *, all_pages: bool = False, retry_failed: bool = False, chunk: int = 500,
                  with_fetch_run: bool = False):
    """Stored article pages still to process, streamed as dicts: those whose body was never
    processed (new, or changed since), or every one (``all_pages``); pages that failed are not
    tried again unless ``retry_failed``. ``with_fetch_run``: each also with ``fetch_run``, the
    crawl run that fetched it (``pages.run_id``), by which a cluster run partitions them."""
    where = ["p.outcome = 'article'"]
    if not all_pages:
        where.append("p.processed_sha1 IS DISTINCT FROM p.body_sha1")
        if not retry_failed:
            where.append("p.process_error IS NULL")
    names = [c.split(".")[1] for c in PENDING_COLUMNS.split(", ")]
    columns = PENDING_COLUMNS
    if with_fetch_run:
        columns += ", p.run_id"
        names.append("fetch_run")
    reader = con.cursor()  # its own snapshot: the caller may commit on ``con`` meanwhile
    reader.execute(f"""SELECT {columns} FROM pages p LEFT JOIN sources s ON s.source_id = p.source_id
                       WHERE {' AND '.join(where)} ORDER BY p.warc_file, p.warc_offset, p.url""")
    try:
        while rows := reader.fetchmany(chunk):
            for row in rows:
                yield dict(zip(names, row))
    finally:
        reader.close()


def known_pages(con) -> list[tuple[str, str]]:
    """(url, body_sha1) of every page stored with a body or recorded, but not of failed fetches:
    what a crawl need not fetch again."""
    return con.execute("SELECT url, coalesce(body_sha1, '') FROM pages WHERE outcome <> 'failed'").fetchall()


def warc_positions(con) -> dict[str, int]:
    """How far each WARC file of the page store has been read into ``pages``."""
    return dict(con.execute("SELECT name, ingested_bytes FROM warc_files").fetchall())


def _register_pages(con, pages: list[dict]) -> None:
    """Page rows for pages read from the page store. A failed fetch of a page stored before keeps
    the stored page; a page fetched again with the same body keeps its processing state."""
    from .db import insert_rows

    if not pages:
        return
    latest = {}
    for page in pages:  # one row per URL: the last record read wins
        latest[page["url"]] = page
    con.execute("CREATE OR REPLACE TEMP TABLE incoming AS SELECT unnest(?::VARCHAR[]) AS url", [list(latest)])
    existing = {r[0]: r[1:] for r in con.execute("""
        SELECT p.url, p.outcome, p.body_sha1, p.processed_sha1, p.processed_at, p.process_error
        FROM pages p JOIN incoming i USING (url)""").fetchall()}
    rows = []
    for url, page in latest.items():
        before = existing.get(url)
        if before and page["outcome"] == "failed" and before[0] != "failed":
            continue
        row = dict(page)
        if before and before[1] is not None and before[1] == page.get("body_sha1"):
            row.update(processed_sha1=before[2], processed_at=before[3], process_error=before[4])
        rows.append(row)
    insert_rows(con, "pages", rows, replace=True)


def article_row(page_url: str, source_id: str, article) -> dict:
    """The ``articles`` fields of an extracted article (an object with the article stage's
    fields), plus ``text``/``province`` slots the NLP stage reads."""
    published = article.published
    return {
        "article_id": article_id_for(page_url), "url": page_url, "source_id": source_id,
        "platform": article.platform, "title": article.title,
        "published": published[:10] if published else None,
        "published_at": published if published and "T" in published else None, "author": article.author,
        "body": article.body, "credited_source": article.credited_source,
        "body_sha1": hashlib.sha1(fold(article.body).encode()).hexdigest(), "warnings": list(article.warnings),
        "text": article.body,
    }


# Record fields (the contract's names) that the warehouse stores under another column name.
RENAMED = {"start": "start_char", "end": "end_char"}
RECORD_COLUMNS = {
    "figures": ("text", "start", "end", "value", "unit", "qualifier", "change", "object", "metric", "total",
                "province", "province_2025", "province_basis", "period", "kind", "sentence"),
    "officials": ("name", "honorific", "position", "organization", "organization_normalized", "other_roles",
                  "former", "start", "end", "sentence"),
    "dates": ("text", "start", "end", "type", "value", "part_of_day", "sentence"),
}
ARTICLE_COLUMNS = ("article_id", "url", "source_id", "platform", "title", "published", "published_at", "author",
                   "body", "credited_source", "body_sha1", "warnings")


def record_rows(kind: str, article_id: str, records: list[dict], run_id: str) -> list[dict]:
    """Warehouse rows (by column name) of one article's records of one kind."""
    rows = []
    for seq, rec in enumerate(records):
        row = {RENAMED.get(k, k): rec.get(k) for k in RECORD_COLUMNS[kind]}
        row.update(article_id=article_id, seq=seq, extractor_version=EXTRACTOR_VERSION, run_id=run_id)
        if kind == "officials":
            row["person_key"] = person_key(rec["name"])
        rows.append(row)
    return rows


def store_batch(con, run_id: str, *, pages=(), results=(), rows=None, processed=(), positions=None,
                report: ProcessReport | None = None, partitions=()) -> None:
    """One transaction: page rows read from the page store (``pages``) and how far each WARC file
    was read (``positions``), the articles processed with their records (``results``, which replace
    any rows those articles had; or ``rows``, those articles' rows already built, as
    ``warehouse_rows`` gives them or as Arrow tables), the processing state of pages (``processed``: ``(url,
    body_sha1, error or None)``), and the cluster partitions these results complete
    (``partitions``: dicts for ``warehouse.partitions.mark_done``). Re-running never duplicates
    rows; a failure leaves the database as it was."""
    con.execute("BEGIN TRANSACTION")
    try:
        _register_pages(con, list(pages))
        if positions:
            con.execute("INSERT OR REPLACE INTO warc_files SELECT unnest(?::VARCHAR[]), unnest(?::BIGINT[])",
                        [list(positions), list(positions.values())])
        if results:
            _store_rows(con, warehouse_rows(results, run_id), report or ProcessReport())
        if rows is not None and len(rows["articles"]):
            _store_rows(con, rows, report or ProcessReport())
        if processed:
            now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
            con.execute("""UPDATE pages SET processed_sha1 = m.sha1, processed_at = $1, process_error = m.error
                           FROM (SELECT unnest($2::VARCHAR[]) AS url, unnest($3::VARCHAR[]) AS sha1,
                                        unnest($4::VARCHAR[]) AS error) m
                           WHERE pages.url = m.url""",
                        [now, [u for u, _, _ in processed], [h for _, h, _ in processed], [e for _, _, e in processed]])
        if partitions:
            from .partitions import mark_done

            mark_done(con, run_id, list(partitions))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def store_results(con, run_id: str, results: list, report: ProcessReport) -> None:
    """The rows of these articles replace any they had, in one transaction."""
    store_batch(con, run_id, results=results, report=report)


def warehouse_rows(results, run_id: str) -> dict[str, list[dict]]:
    """The warehouse rows (by column name) of processed articles, ``(article, records)`` pairs:
    ``articles``, ``figures``, ``officials``, ``dates``. Built where the articles were processed:
    here, or on a cluster worker, which returns them as Parquet (``cluster``)."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)  # UTC, as pages.fetched_at it is compared with
    rows = {"articles": [], **{kind: [] for kind in RECORD_COLUMNS}}
    for art, rec in results:
        for kind in RECORD_COLUMNS:
            rows[kind] += record_rows(kind, art["article_id"], rec[kind], run_id)
        first_event = next((d["value"] for d in rec["dates"] if d["type"] == "date" and "X" not in d["value"]), None)
        rows["articles"].append({**{k: art[k] for k in ARTICLE_COLUMNS}, "event_date": art["published"] or first_event,
                                 "duplicate_of": None, "extracted_at": now, "run_id": run_id})
    return rows


def _column(rows, name: str) -> list:
    """One column of rows given as dicts or as an Arrow table."""
    return rows.column(name).to_pylist() if hasattr(rows, "column") else [r[name] for r in rows]


def _store_rows(con, rows: dict, report: ProcessReport) -> None:
    """Articles' rows (``warehouse_rows``, or the same as Arrow tables) replace any rows those
    articles had."""
    from .db import insert_rows

    ids = _column(rows["articles"], "article_id")
    con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT unnest(?::VARCHAR[]) AS article_id", [ids])
    # the series these articles' figures were in, and will be in, need recomputing
    replaced = con.execute("DELETE FROM figures WHERE article_id IN (SELECT article_id FROM touched) "
                           "RETURNING province, metric").fetchall()
    figures = rows["figures"]
    series_table.mark_changed(con, replaced + list(zip(_column(figures, "province"), _column(figures, "metric")))
                              if len(figures) else replaced)
    for table in ("officials", "dates", "articles"):
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM touched)")
    insert_rows(con, "articles", rows["articles"])
    articles_changed(con)
    for kind in RECORD_COLUMNS:
        insert_rows(con, kind, rows[kind])
    report.articles += len(ids)
    report.figures += len(rows["figures"])
    report.officials += len(rows["officials"])
    report.dates += len(rows["dates"])


def person_key(name: str) -> str:
    """One key per person across tone-mark placement, case and spacing variants."""
    return fold(name)


def link_duplicates(con) -> None:
    """Syndicated copies: the same text on two portals. The copy that credits another source (or,
    failing that, the later-fetched one) points at the other with ``duplicate_of``; series with
    figures of an article that became, or stopped being, a copy are recomputed."""
    relinked = con.execute(f"""
        WITH ranked AS (
            SELECT article_id, nullif(first_value(article_id) OVER (PARTITION BY body_sha1 ORDER BY {ORIGINAL_FIRST}),
                       article_id) AS original
            FROM articles
        )
        UPDATE articles SET duplicate_of = ranked.original
        FROM ranked WHERE articles.article_id = ranked.article_id
                      AND articles.duplicate_of IS DISTINCT FROM ranked.original
        RETURNING article_id""").fetchall()
    series_table.mark_articles(con, [aid for (aid,) in relinked])
    if relinked:
        articles_changed(con)


def articles_changed(con) -> None:
    """Articles changed in the transaction under way: the search index is behind until its next
    sync (``articles_generation`` is what tells a reader so, after a crash)."""
    con.execute("UPDATE articles_generation SET generation = generation + 1")


# An ad-hoc source's province is inferred from its articles when at least this many of them name
# one province in their title or dateline, and this share of those that name any.
INFER_MIN_ARTICLES = 2
INFER_MIN_SHARE = 0.75


def infer_source_provinces(con) -> list[tuple[str, str]]:
    """Sources crawled with ``--start-url`` whose host the registry does not know have no province;
    where what their articles say (the province of a title or a dateline, one vote per article)
    names one province clearly, it becomes the source's (``province_basis = 'articles'``), and the
    figures that had no province take it (``province_basis = 'source_inferred'``; after the merger,
    the province it became). Returns the (source_id, province) pairs inferred."""
    votes = con.execute("""
        SELECT a.source_id, f.province, count(DISTINCT f.article_id) AS articles
        FROM figures f JOIN articles a USING (article_id) JOIN sources s ON s.source_id = a.source_id
        WHERE s.province IS NULL AND s.kind <> 'newspaper' AND f.province_basis IN ('title', 'dateline')
          AND f.province IS NOT NULL
        GROUP BY ALL""").fetchall()
    tally: dict[str, dict[str, int]] = {}
    for source_id, province, articles in votes:
        tally.setdefault(source_id, {})[province] = articles
    inferred = []
    for source_id, counts in tally.items():
        province, best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if best >= INFER_MIN_ARTICLES and best / sum(counts.values()) >= INFER_MIN_SHARE:
            inferred.append((source_id, province))
    if not inferred:
        return []
    from nlp.context import era, province_2025_of

    for source_id, province in inferred:
        con.execute("UPDATE sources SET province = ?, province_basis = 'articles' WHERE source_id = ?",
                    [province, source_id])
        rows = con.execute("""SELECT f.article_id, f.seq, f.period FROM figures f JOIN articles a USING (article_id)
                              WHERE a.source_id = ? AND f.province IS NULL""", [source_id]).fetchall()
        if not rows:
            continue
        after = province_2025_of(province) or province
        named = [after if era(period) == "after" else province for _, _, period in rows]
        con.execute("""UPDATE figures SET province = m.province, province_2025 = m.province_2025,
                                          province_basis = 'source_inferred'
                       FROM (SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::INTEGER[]) AS seq,
                                    unnest(?::VARCHAR[]) AS province, unnest(?::VARCHAR[]) AS province_2025) m
                       WHERE figures.article_id = m.article_id AND figures.seq = m.seq""",
                    [[r[0] for r in rows], [r[1] for r in rows], named, [province_2025_of(p) for p in named]])
        series_table.mark_changed(con, con.execute(
            """SELECT DISTINCT f.province, f.metric FROM figures f JOIN articles a USING (article_id)
               WHERE a.source_id = ? AND f.province_basis = 'source_inferred'""", [source_id]).fetchall())
    return inferred


def finish_load(con, progress=None) -> int:
    """After a load: link syndicated copies, infer the province of ad-hoc sources from their
    articles and bring the kept-ready series up to date, in one transaction; then bring the search
    index (beside the database) in step with ``articles``. Returns how many articles were indexed."""
    from . import fulltext

    con.execute("BEGIN TRANSACTION")
    try:
        link_duplicates(con)
        infer_source_provinces(con)
        series_table.refresh(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return fulltext.sync(con, progress=progress, linked=True)
