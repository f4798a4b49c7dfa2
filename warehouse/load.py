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

import pandas as pd

from nlp.normalize import fold
from nlp.pipeline import EXTRACTOR_VERSION

from . import search_index, series_table
from .search_index import mark_dead


def article_id_for(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def new_run(con, command: str, details: dict | None = None) -> str:
    run_id = dt.datetime.now().strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]
    con.execute("INSERT INTO runs VALUES (?, ?, ?, NULL, 'running', ?, ?)",
                [run_id, command, dt.datetime.now(), EXTRACTOR_VERSION, json.dumps(details or {}, ensure_ascii=False)])
    return run_id


def finish_run(con, run_id: str, status: str, details: dict | None = None) -> None:
    con.execute("UPDATE runs SET finished_at = ?, status = ?, details = coalesce(?, details) WHERE run_id = ?",
                [dt.datetime.now(), status, json.dumps(details, ensure_ascii=False) if details else None, run_id])


def upsert_sources(con, sources) -> None:
    rows = [(s.source_id, s.name, s.province, s.kind, s.platform, list(s.start_urls), list(s.allowed_domains), s.verified)
            for s in sources]
    if rows:
        con.executemany("INSERT OR REPLACE INTO sources VALUES (?,?,?,?,?,?,?,?)", rows)


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


def store_results(con, run_id: str, results: list, report: ProcessReport) -> None:
    """One transaction: the rows of these articles replace any they had."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)  # UTC, as pages.fetched_at it is compared with
    fig_rows, off_rows, date_rows = [], [], []
    for art, rec in results:
        aid = art["article_id"]
        for i, f in enumerate(rec["figures"]):
            fig_rows.append((aid, i, f["text"], f["start"], f["end"], f["value"], f["unit"], f["qualifier"], f["change"],
                             f["object"], f["metric"], f.get("total"), f.get("province"), f.get("period"),
                             f.get("sentence"), EXTRACTOR_VERSION, run_id))
        for i, o in enumerate(rec["officials"]):
            off_rows.append((aid, i, person_key(o["name"]), o["name"], o["honorific"], o["position"], o["organization"],
                             o["organization_normalized"], o["other_roles"], o["former"], o["start"], o["end"],
                             o.get("sentence"), EXTRACTOR_VERSION, run_id))
        for i, d in enumerate(rec["dates"]):
            date_rows.append((aid, i, d["text"], d["start"], d["end"], d["type"], d["value"], d["part_of_day"],
                              d.get("sentence"), EXTRACTOR_VERSION, run_id))
        art["event_date"] = next((d["value"] for d in rec["dates"] if d["type"] == "date" and "X" not in d["value"]), None)
    articles = [art for art, _ in results]
    ids = [a["article_id"] for a in articles]
    art_frame = pd.DataFrame([{
        "article_id": a["article_id"], "url": a["url"], "source_id": a["source_id"], "platform": a["platform"],
        "title": a["title"], "published": a["published"], "published_at": a["published_at"],
        "event_date": a["published"] or a.get("event_date"), "author": a["author"], "body": a["body"],
        "credited_source": a["credited_source"], "duplicate_of": None, "body_sha1": a["body_sha1"],
        "warnings": a["warnings"], "extracted_at": now, "run_id": run_id} for a in articles])
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT unnest(?::VARCHAR[]) AS article_id", [ids])
        # the series these articles' figures were in, and will be in, need recomputing
        replaced = con.execute("DELETE FROM figures WHERE article_id IN (SELECT article_id FROM touched) "
                               "RETURNING province, metric").fetchall()
        series_table.mark_changed(con, replaced + [(f.get("province"), f["metric"]) for _, rec in results for f in rec["figures"]])
        for table in ("officials", "dates", "articles"):
            con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM touched)")
        mark_dead(con, "touched")
        con.register("art_frame", art_frame)
        con.execute("""INSERT INTO articles SELECT article_id, url, source_id, platform, title, CAST(published AS DATE),
                       CAST(published_at AS TIMESTAMP), CAST(event_date AS DATE), author, body, credited_source,
                       duplicate_of, body_sha1, CAST(warnings AS VARCHAR[]), extracted_at, run_id FROM art_frame""")
        con.unregister("art_frame")
        for table, rows in (("figures", fig_rows), ("officials", off_rows), ("dates", date_rows)):
            _bulk_insert(con, table, rows)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    report.articles += len(articles)
    report.figures += len(fig_rows)
    report.officials += len(off_rows)
    report.dates += len(date_rows)


def _bulk_insert(con, table: str, rows: list[tuple]) -> None:
    """Insert through a pandas frame (one vectorised INSERT), not row by row."""
    if not rows:
        return
    columns = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                          "ORDER BY ordinal_position", [table]).fetchall()
    con.register("bulk_frame", pd.DataFrame(rows, columns=[c for c, _ in columns]))
    try:
        casts = ", ".join(f'CAST("{c}" AS {t})' for c, t in columns)
        con.execute(f"INSERT INTO {table} SELECT {casts} FROM bulk_frame")
    finally:
        con.unregister("bulk_frame")


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
