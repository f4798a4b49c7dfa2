"""What the three kinds of users ask the warehouse: search (editors), series (researchers),
people (officials over time), export and SQL (analysts)."""
from __future__ import annotations

import bisect
import re
from pathlib import Path

import duckdb
import pandas as pd

from nlp.normalize import fold, strip_diacritics

from . import search_index, series_table
from .db import WarehouseError, connect

TABLES = ("sources", "pages", "articles", "figures", "officials", "dates", "runs")
VIEWS = ("people", "official_roles", "statistic_series")
MAX_QUERY_TERMS = 64


class _Borrowed:
    """An open connection passed in by the caller: used as is and not closed here."""

    def __init__(self, con):
        self.con = con

    def __getattr__(self, name):
        return getattr(self.con, name)

    def close(self):
        pass


def _open(db):
    if isinstance(db, (duckdb.DuckDBPyConnection, _Borrowed)):
        return _Borrowed(db)
    return connect(db, read_only=True, create=False)


def query_terms(query: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", strip_diacritics(query or ""))[:MAX_QUERY_TERMS]


def has_diacritics(query: str) -> bool:
    return strip_diacritics(query) != fold(query)


def toned_terms(query: str) -> list[str]:
    return re.findall(r"[a-z0-9\u00c0-\u024f\u1e00-\u1eff]+", fold(query or ""))[:MAX_QUERY_TERMS]


def search(db, query: str, *, source=None, province=None, since=None, until=None, person=None, limit=10):
    """Best-first articles for ``query`` (typed with or without diacritics); a list of dicts, or a
    message string when the query has nothing to search for."""
    terms = query_terms(query)
    if not terms:
        return "Nothing to search for: type some words (diacritics optional)."
    con = _open(db)
    try:
        if not con.execute("SELECT count(*) FROM search_docs").fetchone()[0]:
            return "The search index is empty: run `pipeline.py run` first."
        # typed with diacritics: match them (hòa is not hóa); typed without: match the stripped text
        toned = has_diacritics(query)
        # filters read search_docs alone (it carries each article's source and day): a join of a
        # million search_docs to articles cost 40 ms at 1M
        where, params = [], []
        if source:
            where.append("source_id = ?")
            params.append(source)
        if province:
            where.append("source_id IN (SELECT source_id FROM sources WHERE "
                         + series_table.FOLDED_PROVINCE + " = ?)")
            params.append(strip_diacritics(province))
        if since:
            where.append("day >= TRY_CAST(? AS DATE)")
            params.append(since)
        if until:
            where.append("day <= TRY_CAST(? AS DATE)")
            params.append(until)
        if person:
            where.append("article_id IN (SELECT article_id FROM officials WHERE person_key LIKE ?)")
            params.append(f"%{fold(person)}%")
        allowed = f"SELECT doc_no FROM search_docs WHERE {' AND '.join(where)}" if where else None
        words = toned_terms(query) if toned else terms
        ranked = search_index.rank(con, words, toned, allowed, params, limit=int(limit))
        found = {row[0]: row for row in con.execute("""
            SELECT article_id, title, source_id, coalesce(published, event_date), url, body
            FROM articles WHERE article_id = ANY(?)""", [[aid for aid, _ in ranked]]).fetchall()}
        rows = [(*found[aid], score) for aid, score in ranked]
    except duckdb.BinderException:
        raise WarehouseError("the search index is from an older version: run `pipeline.py process` "
                             "to rebuild it") from None
    finally:
        con.close()
    out = []
    for aid, title, sid, pub, url, body, score in rows:
        out.append({"article_id": aid, "title": title, "source_id": sid, "published": pub, "url": url,
                    "score": score, "snippet": snippet(body, words, toned=toned)})
    return out


def snippet(body: str, terms: list[str], width: int = 30, toned: bool = False) -> str:
    """About ``width`` words of ``body`` around the densest run of matched words, each marked [ ].
    ``toned`` terms match with their diacritics (``Nguyễn`` is not ``Nguyên``), others without."""
    words = body.split()
    form, letters = (fold, r"[^a-z0-9\u00c0-\u024f\u1e00-\u1eff ]") if toned else (strip_diacritics, r"[^a-z0-9 ]")
    # one pass over the whole text, not one per word (10 results of 1,000 words each cost 40 ms)
    folded = re.sub(letters, "", form(" ".join(words))).split(" ")
    if len(folded) != len(words):  # folding changed the spacing: word by word, then
        folded = [re.sub(letters, "", form(w)) for w in words]
    wanted = set(terms)
    hits = [i for i, w in enumerate(folded) if w in wanted]
    if not hits:
        return " ".join(words[:width]) + (" …" if len(words) > width else "")
    best = max(hits, key=lambda i: bisect.bisect_left(hits, i + width) - bisect.bisect_left(hits, i))
    a = max(0, best - 5)
    b = min(len(words), a + width)
    shown = [f"[{w}]" if folded[i] in wanted else w for i, w in enumerate(words[a:b], start=a)]
    return ("… " if a else "") + " ".join(shown) + (" …" if b < len(words) else "")


def series(db, province: str, metric: str, include_changes: bool = False) -> pd.DataFrame:
    """One row per period; different reports for one period side by side with their sources.
    Read from ``series_periods`` (kept ready at load); a series whose figures changed since, or a
    database from before that table, is aggregated from the figures instead: the same rows."""
    con = _open(db)
    key = strip_diacritics(province)
    columns = "period, value, reported, reports, sources, url"
    try:
        try:
            ready = not series_table.is_dirty(con, key, metric)
        except duckdb.CatalogException:  # opened read-only before a load created the table
            ready = False
        source = ("series_periods" if ready else
                  f"({series_table.periods_sql('(SELECT ? AS province_key, ? AS metric)')})")
        params = [key, metric, include_changes]
        return con.execute(f"SELECT {columns} FROM {source} WHERE province_key = ? AND metric = ? AND changes = ? "
                           "ORDER BY period NULLS LAST", params if ready else [key, metric] + params).df()
    finally:
        con.close()


def plot_series(frame: pd.DataFrame, path, title: str) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = frame.dropna(subset=["value"])
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot(data["period"], data["value"], marker="o")
    for p, v in zip(data["period"], data["value"]):
        ax.annotate(f"{v:,.0f}".replace(",", "."), (p, v), textcoords="offset points", xytext=(0, 6), ha="center")
    ax.set_title(title)
    ax.set_xlabel("period")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def people(db, name: str) -> pd.DataFrame:
    con = _open(db)
    try:
        return con.execute("""
            SELECT person, position, organization, former, first_seen, last_seen, articles
            FROM official_roles WHERE person_key = ?
            ORDER BY first_seen NULLS LAST, position""", [fold(name)]).df()
    finally:
        con.close()


def export(db, directory, fmt: str = "parquet") -> list[tuple[str, str]]:
    out_dir = Path(directory)
    con = _open(db)  # first: a missing or corrupt database leaves no folder behind
    written = []
    try:
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarehouseError(f"export folder {out_dir}: {exc.strerror}") from None
        for name in TABLES + VIEWS:
            target = out_dir / f"{name}.{fmt}"
            option = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
            quoted = target.as_posix().replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {name}) TO '{quoted}' ({option})")
            written.append((name, str(target)))
    finally:
        con.close()
    return written


def run_sql(db, query: str) -> pd.DataFrame:
    """A query typed by a user, on a read-only connection that cannot touch other files."""
    con = connect(db, create=False, sandboxed=True)
    try:
        result = con.execute(query)
        if result is None or result.description is None:
            raise WarehouseError("SQL error: nothing to run (the query is empty or only a comment)")
        return result.df()
    except duckdb.Error as exc:
        raise WarehouseError(f"SQL error: {str(exc).splitlines()[0]}") from None
    finally:
        con.close()


def totals(db) -> tuple[list[tuple[str, int]], tuple[int, int, int]]:
    """Articles per source, and the figures, officials and dates the warehouse holds."""
    con = _open(db)
    try:
        per_source = con.execute("SELECT source_id, count(*) FROM articles GROUP BY 1 ORDER BY 1").fetchall()
        counts = con.execute("SELECT (SELECT count(*) FROM figures), (SELECT count(*) FROM officials), "
                             "(SELECT count(*) FROM dates)").fetchone()
        return per_source, tuple(counts)
    finally:
        con.close()


def frame(db, table: str) -> pd.DataFrame:
    """A whole table or view as a pandas DataFrame (for notebooks)."""
    if table not in TABLES + VIEWS + ("search_docs",):
        raise WarehouseError(f"unknown table {table!r}")
    con = _open(db)
    try:
        return con.execute(f"SELECT * FROM {table}").df()
    finally:
        con.close()
