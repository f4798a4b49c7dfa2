"""The web app's one door to full-text search: everything it asks of the search index goes
through this module, so that a change of the index (it is moving to tantivy) changes this file
and no other of the app's.

- ``find`` asks ``warehouse.queries.search`` for the results (its documented signature: the query
  as typed, the filters, ``limit``; a list of dicts, or a message string), pages them, and says
  for each result whether its date is the publication date or a date from the text;
- ``counts`` says how many articles match and how they spread over months and sources (the
  "attention over time" chart), which ``queries.search`` does not return. It reads the index
  itself, with the same filters; on another index it must count the same hits ``search`` ranks.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from warehouse import queries

PER_PAGE = 20
MAX_RESULTS = 1000  # results one can page to or download; the counts and charts cover every match
QUERY_HELP = ("Gõ từ khóa có dấu hoặc không dấu: «dien bien» tìm cả «Điện Biên». Có dấu thì chỉ khớp đúng "
              "dấu (hòa khác hóa). Bài nào chứa nhiều từ hơn, từ hiếm hơn thì đứng trước.")


@dataclass
class Found:
    message: str | None = None          # instead of results: nothing to search for, an empty index
    total: int = 0                      # matching articles
    months: list = field(default_factory=list)   # (YYYY-MM, articles), every month from first to last
    sources: list = field(default_factory=list)  # (source_id, articles), most first
    undated: int = 0                    # matching articles with no date at all
    results: list = field(default_factory=list)  # this page's results (dicts)
    page: int = 1
    pages: int = 0


def find(con, query: str, *, source=None, province=None, person=None, since: dt.date | None = None,
         until: dt.date | None = None, page: int = 1, per_page: int | None = None, with_counts: bool = True) -> Found:
    """One page of results for an editor's query, with the counts of every match."""
    per_page = per_page or PER_PAGE
    limit = min(page * per_page, MAX_RESULTS)
    rows = queries.search(con, query, source=source, province=province, since=since, until=until, person=person,
                          limit=max(limit, 1))
    if isinstance(rows, str):
        return Found(message=_in_vietnamese(rows))
    found = Found(page=page)
    if with_counts:
        found.total, found.months, found.sources, found.undated = counts(
            con, query, source=source, province=province, person=person, since=since, until=until)
    else:
        found.total = len(rows)
    found.pages = max(1, -(-min(found.total, MAX_RESULTS) // per_page))
    shown = rows[(page - 1) * per_page:limit]
    published = _publication_dates(con, [r["article_id"] for r in shown])
    for rank, r in enumerate(shown, start=(page - 1) * per_page + 1):
        date, kind = _date_of(r, published.get(r["article_id"]))
        found.results.append({"rank": rank, "article_id": r["article_id"], "title": r["title"],
                              "source_id": r["source_id"], "url": r["url"], "date": date, "date_kind": kind,
                              "score": round(float(r["score"]), 4), "snippet": r["snippet"]})
    return found


MESSAGES = {  # what queries.search says instead of results, as the interface says it
    "Nothing to search for: every word is excluded": "Không còn từ nào để tìm: mọi từ đều bị loại (-từ).",
    "Nothing to search for": "Chưa có từ nào để tìm: gõ vài từ, có dấu hay không đều được.",
    "The search index is empty": "Chỉ mục tìm kiếm còn trống: chạy `pipeline.py run` trước.",
}


def _in_vietnamese(message: str) -> str:
    return next((vi for en, vi in MESSAGES.items() if message.startswith(en)), message)


def all_results(con, query: str, **filters) -> list[dict] | str:
    """Every result up to ``MAX_RESULTS`` (the CSV download), best first."""
    found = find(con, query, page=1, per_page=MAX_RESULTS, with_counts=False, **filters)
    return found.message if found.message else found.results


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (word, matched) pieces, to be joined by spaces: ``queries.snippet`` marks a
    matched word ``[word]``."""
    out = []
    for token in (snippet or "").split(" "):
        marked = len(token) > 2 and token.startswith("[") and token.endswith("]")
        out.append((token[1:-1] if marked else token, marked))
    return out


def _publication_dates(con, ids: list[str]) -> dict:
    if not ids:
        return {}
    return dict(con.execute("SELECT article_id, published FROM articles WHERE article_id = ANY(?)", [ids]).fetchall())


def _date_of(row: dict, published) -> tuple:
    """The date shown and what it is: ``published`` (the page's own date), ``text`` (a date the
    text gives, for an undated page) or None."""
    if "date_kind" in row:  # a search that says it itself
        return row.get("date"), row.get("date_kind")
    date = row.get("published")
    if date is None:
        return None, None
    return date, "published" if published is not None else "text"


def counts(con, query: str, *, source=None, province=None, person=None, since=None, until=None):
    """(matching articles, [(month, n)], [(source_id, n)], undated) for the articles
    ``queries.search`` ranks for this query and filters: every live, non-syndicated article with
    one of the query's words, on the hand-written index (``warehouse.search_index``)."""
    from nlp.normalize import fold, strip_diacritics
    from warehouse import search_index, series_table

    toned = queries.has_diacritics(query)
    words = queries.toned_terms(query) if toned else queries.query_terms(query)
    term_ids = search_index.matching_terms(con, words, toned)
    if not term_ids:
        return 0, [], [], 0
    where, params = ["d.live", "NOT d.duplicate"], [term_ids]
    if source:
        where.append("d.source_id = ?")
        params.append(source)
    if province:
        where.append("d.source_id IN (SELECT source_id FROM sources WHERE " + series_table.FOLDED_PROVINCE + " = ?)")
        params.append(strip_diacritics(province))
    if since:
        where.append("d.day >= ?::DATE")
        params.append(since)
    if until:
        where.append("d.day <= ?::DATE")
        params.append(until)
    if person:
        where.append("d.article_id IN (SELECT article_id FROM officials WHERE person_key LIKE ?)")
        params.append(f"%{fold(person)}%")
    rows = con.execute(f"""
        SELECT strftime(d.day, '%Y-%m') AS month, d.source_id, count(*) AS n
        FROM search_docs d
        WHERE d.doc_no IN (SELECT doc_no FROM search_postings WHERE term_id = ANY(?)) AND {' AND '.join(where)}
        GROUP BY ALL""", params).fetchall()
    total = sum(n for _, _, n in rows)
    by_month: dict[str, int] = {}
    by_source: dict[str, int] = {}
    undated = 0
    for month, sid, n in rows:
        by_source[sid] = by_source.get(sid, 0) + n
        if month is None:
            undated += n
        else:
            by_month[month] = by_month.get(month, 0) + n
    return total, _every_month(by_month), sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0])), undated


def _every_month(by_month: dict[str, int]) -> list[tuple[str, int]]:
    """Months from the first to the last with a match, the empty ones included (a chart of
    attention over time must show the gaps)."""
    if not by_month:
        return []
    first, last = min(by_month), max(by_month)
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        key = f"{y:04d}-{m:02d}"
        out.append((key, by_month.get(key, 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out
