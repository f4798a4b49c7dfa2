"""What the three kinds of users ask the warehouse: search (editors), series (researchers),
people (officials over time), export and SQL (analysts)."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd

from nlp.normalize import fold, strip_diacritics

from .db import WarehouseError, connect, load_fts

TABLES = ("sources", "pages", "articles", "figures", "officials", "dates", "runs")
VIEWS = ("people", "official_roles", "statistic_series")
MAX_QUERY_TERMS = 64
# a province compared the way users type it: "Dien Bien" = "Điện Biên"
FOLDED_PROVINCE = "replace(strip_accents(lower(coalesce(province, ''))), 'đ', 'd')"


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
        load_fts(con.con if isinstance(con, _Borrowed) else con)
        if not con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'fts_main_search_docs'").fetchone()[0]:
            return "The search index is empty: run `pipeline.py run` first."
        # typed with diacritics: match them (hòa is not hóa); typed without: match the stripped text
        toned = has_diacritics(query)
        field = "toned" if toned else "folded"
        where, params = ["score IS NOT NULL"], [" ".join(toned_terms(query) if toned else terms)]
        if source:
            where.append("a.source_id = ?")
            params.append(source)
        if province:
            where.append(FOLDED_PROVINCE.replace("province", "src.province") + " = ?")
            params.append(strip_diacritics(province))
        if since:
            where.append("coalesce(a.published, a.event_date) >= TRY_CAST(? AS DATE)")
            params.append(since)
        if until:
            where.append("coalesce(a.published, a.event_date) <= TRY_CAST(? AS DATE)")
            params.append(until)
        if person:
            where.append("a.article_id IN (SELECT article_id FROM officials WHERE person_key LIKE ?)")
            params.append(f"%{fold(person)}%")
        params.append(int(limit))
        rows = con.execute(f"""
            SELECT a.article_id, a.title, a.source_id, coalesce(a.published, a.event_date) AS published, a.url,
                   a.body, d.score
            FROM (SELECT article_id, fts_main_search_docs.match_bm25(article_id, ?, fields := '{field}') AS score
                  FROM search_docs) d
            JOIN articles a USING (article_id)
            LEFT JOIN sources src ON src.source_id = a.source_id
            WHERE {' AND '.join(where)} AND a.duplicate_of IS NULL
            ORDER BY d.score DESC, a.article_id
            LIMIT ?""", params).fetchall()
    finally:
        con.close()
    out = []
    for aid, title, sid, pub, url, body, score in rows:
        out.append({"article_id": aid, "title": title, "source_id": sid, "published": pub, "url": url,
                    "score": score, "snippet": snippet(body, terms)})
    return out


def snippet(body: str, terms: list[str], width: int = 30) -> str:
    """About ``width`` words of ``body`` around the densest run of matched words, each marked [ ]."""
    words = body.split()
    folded = strip_diacritics(body).split()  # one pass; folding keeps the word count
    if len(folded) != len(words):
        folded = [strip_diacritics(w) for w in words]
    folded = [re.sub(r"[^a-z0-9]", "", w) for w in folded]
    wanted = set(terms)
    hits = [i for i, w in enumerate(folded) if w in wanted]
    if not hits:
        return " ".join(words[:width]) + (" …" if len(words) > width else "")
    best = max(hits, key=lambda i: sum(1 for j in hits if i <= j < i + width))
    a = max(0, best - 5)
    b = min(len(words), a + width)
    shown = [f"[{w}]" if folded[i] in wanted else w for i, w in enumerate(words[a:b], start=a)]
    return ("… " if a else "") + " ".join(shown) + (" …" if b < len(words) else "")


def series(db, province: str, metric: str, include_changes: bool = False) -> pd.DataFrame:
    """One row per period; different reports for one period side by side with their sources."""
    con = _open(db)
    try:
        frame = con.execute(f"""
            SELECT period, value, unit, qualifier, change, figure_text, province, source_id, published, url, title
            FROM statistic_series
            WHERE metric = ? AND {FOLDED_PROVINCE} = ? AND change IS {'NOT ' if include_changes else ''}NULL
              AND unit IN ('count', 'vnd')  -- a rate or a score of students is not a number of students
            ORDER BY period, published NULLS LAST, url""", [metric, strip_diacritics(province)]).df()
    finally:
        con.close()
    if frame.empty:
        return frame
    rows = []
    for period, group in frame.groupby("period", sort=True, dropna=False):
        reports = group.drop_duplicates(subset=["value", "url"])
        values = " | ".join(_fmt(r.qualifier, r.value, r.unit, r.change) for r in reports.itertuples())
        sources = " | ".join(f"{r.source_id} ({r.published.date() if hasattr(r.published, 'date') and pd.notna(r.published) else 'undated'})"
                             for r in reports.itertuples())
        rows.append({"period": period, "value": reports["value"].iloc[0] if len(reports) == 1 else None,
                     "reported": values, "reports": len(reports), "sources": sources,
                     "url": " | ".join(reports["url"])})
    return pd.DataFrame(rows)


def _fmt(qualifier, value, unit, change) -> str:
    q = {"over": ">", "under": "<", "about": "~", "nearly": "≈", "exact": ""}.get(qualifier, "")
    sign = {"increase": "+", "decrease": "-"}.get(change, "")
    num = f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value}".replace(".", ",")
    return f"{sign}{q}{num}{'%' if unit == 'percent' else ''}"


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
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseError(f"export folder {out_dir}: {exc.strerror}") from None
    con = _open(db)
    written = []
    try:
        for name in TABLES + VIEWS:
            target = out_dir / f"{name}.{fmt}"
            option = "FORMAT parquet" if fmt == "parquet" else "FORMAT csv, HEADER"
            con.execute(f"COPY (SELECT * FROM {name}) TO '{target.as_posix()}' ({option})")
            written.append((name, str(target)))
    finally:
        con.close()
    return written


def run_sql(db, query: str) -> pd.DataFrame:
    con = _open(db)
    try:
        return con.execute(query).df()
    except duckdb.Error as exc:
        raise WarehouseError(f"SQL error: {str(exc).splitlines()[0]}") from None
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
