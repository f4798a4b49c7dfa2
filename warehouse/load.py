"""Loading the warehouse: run records, the stored pages still to process, and articles with
their NLP records as rows.

Every load is one transaction and replaces the rows of the articles it touches, so re-running
never duplicates rows and a load that fails half-way leaves the database as it was.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass, field

from nlp.normalize import fold
from nlp.pipeline import EXTRACTOR_VERSION

from . import search_index, series_table
from .search_index import mark_dead


def article_id_for(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def new_run(con, command: str, details: dict | None = None) -> str:
    from .db import insert_rows

    run_id = dt.datetime.now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]
    insert_rows(con, "runs", [{"run_id": run_id, "command": command, "started_at": dt.datetime.now(),
                               "status": "running", "extractor_version": EXTRACTOR_VERSION,
                               "details": json.dumps(details or {}, ensure_ascii=False)}])
    return run_id


def finish_run(con, run_id: str, status: str, details: dict | None = None) -> None:
    con.execute("UPDATE runs SET finished_at = ?, status = ?, details = coalesce(?, details) WHERE run_id = ?",
                [dt.datetime.now(), status, json.dumps(details, ensure_ascii=False) if details else None, run_id])


def upsert_sources(con, sources) -> None:
    """The registry's entries (objects with the registry's fields) as ``sources`` rows."""
    from .db import insert_rows

    insert_rows(con, "sources", [{"source_id": s.source_id, "name": s.name, "province": s.province, "kind": s.kind,
                                  "platform": s.platform, "start_urls": list(s.start_urls),
                                  "allowed_domains": list(s.allowed_domains), "verified": s.verified}
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


PAGE_COLUMNS = "p.url, p.source_id, p.body_zlib, p.http_charset, s.platform, s.province, p.fetched_at"


def _pending_pages_sql(all_pages: bool, since=None) -> str:
    where = "p.outcome = 'article'"
    if not all_pages:
        where += " AND (a.url IS NULL OR a.extracted_at < p.fetched_at)"
    if since is not None:
        where += " AND p.fetched_at >= ?"
    return f"""SELECT {PAGE_COLUMNS}
               FROM pages p LEFT JOIN articles a ON a.url = p.url LEFT JOIN sources s ON s.source_id = p.source_id
               WHERE {where} ORDER BY p.url"""


def stored_pages(con, all_pages: bool, chunk: int = 200):
    """The pages to process, streamed (a million stored pages do not fit in memory at once)."""
    reader = con.cursor()  # its own snapshot: the caller commits on ``con`` meanwhile
    reader.execute(_pending_pages_sql(all_pages))
    try:
        while rows := reader.fetchmany(chunk):
            yield from rows
    finally:
        reader.close()


def pages_as_they_arrive(con, crawl_done, poll_s: float = 0.5):
    """Pages stored by a crawl that is still running, each once, until the crawl is done and
    nothing is left: lets processing overlap the crawl."""
    seen: set[str] = set()
    since = None
    while True:
        finished = crawl_done.is_set()  # read before the query: nothing stored after it is missed
        params = [since - dt.timedelta(seconds=5)] if since is not None else []
        rows = [r for r in con.execute(_pending_pages_sql(False, since), params).fetchall() if r[0] not in seen]
        for row in rows:
            seen.add(row[0])
            since = row[-1] if since is None else max(since, row[-1])
            yield row
        if finished and not rows:
            return
        if not rows:
            crawl_done.wait(poll_s)


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
                "province", "period", "sentence"),
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


def store_results(con, run_id: str, results: list, report: ProcessReport) -> None:
    """One transaction: the rows of these articles replace any they had."""
    from .db import insert_rows

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)  # UTC, as pages.fetched_at it is compared with
    rows = {kind: [] for kind in RECORD_COLUMNS}
    articles = []
    for art, rec in results:
        for kind in RECORD_COLUMNS:
            rows[kind] += record_rows(kind, art["article_id"], rec[kind], run_id)
        first_event = next((d["value"] for d in rec["dates"] if d["type"] == "date" and "X" not in d["value"]), None)
        articles.append({**{k: art[k] for k in ARTICLE_COLUMNS}, "event_date": art["published"] or first_event,
                         "duplicate_of": None, "extracted_at": now, "run_id": run_id})
    ids = [a["article_id"] for a in articles]
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT unnest(?::VARCHAR[]) AS article_id", [ids])
        # the series these articles' figures were in, and will be in, need recomputing
        replaced = con.execute("DELETE FROM figures WHERE article_id IN (SELECT article_id FROM touched) "
                               "RETURNING province, metric").fetchall()
        series_table.mark_changed(con, replaced + [(f["province"], f["metric"]) for f in rows["figures"]])
        for table in ("officials", "dates", "articles"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM touched)")
        mark_dead(con, "touched")
        insert_rows(con, "articles", articles)
        for kind, kind_rows in rows.items():
            insert_rows(con, kind, kind_rows)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    report.articles += len(articles)
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
    relinked = con.execute("""
        WITH ranked AS (
            SELECT article_id, nullif(first_value(article_id) OVER (PARTITION BY body_sha1
                       ORDER BY (credited_source IS NOT NULL), published NULLS LAST, extracted_at, article_id),
                       article_id) AS original
            FROM articles
        )
        UPDATE articles SET duplicate_of = ranked.original
        FROM ranked WHERE articles.article_id = ranked.article_id
                      AND articles.duplicate_of IS DISTINCT FROM ranked.original
        RETURNING article_id""").fetchall()
    series_table.mark_articles(con, [aid for (aid,) in relinked])


def finish_load(con, progress=None) -> int:
    """After a load, in one transaction: link syndicated copies and bring the kept-ready series
    and the search index up to date with ``articles``. Returns how many articles were indexed."""
    con.execute("BEGIN TRANSACTION")
    try:
        link_duplicates(con)
        series_table.refresh(con)
        indexed = search_index.update_search_index(con, progress=progress)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return indexed
