"""The web app's one door to full-text search (tantivy, ``warehouse.fulltext``): everything the
search page asks of it goes through this module, by the two public functions of
``warehouse.queries`` the CLI's search is made of.

- ``find`` asks ``queries.search`` for the results (the query language of ``pipeline.py search``:
  words, "phrases", OR, -excluded, diacritics optional per syllable; the same filters), pages them,
  and keeps the date each result shows with what it is (publication date or a date in the text);
- ``counts`` says how many articles match and how they spread over months and sources (the
  "attention over time" chart), by ``queries.search_counts``: the same articles ``queries.search``
  returns with no limit.

The search page needs both, and each is mostly tantivy's work, which runs outside Python's lock:
``find`` counts on a second thread (its own cursor of the request's connection) while it ranks,
so a page costs about the longer of the two instead of their sum (at a million articles, 60 ms
a page in turn, 40 side by side, measured by benchmarks/webapp_speed.py).
"""
from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from warehouse import queries
from warehouse.db import WarehouseError

PER_PAGE = 20
MAX_RESULTS = 1000  # results one can page to or download; the counts and charts cover every match
QUERY_HELP = ("Gõ từ khóa có dấu hoặc không dấu: «dien bien» tìm cả «Điện Biên»; có dấu thì chỉ khớp đúng "
              "dấu (hòa khác hóa). Mọi từ đều phải có trong bài; \"cụm từ\" trong ngoặc kép tìm các từ liền nhau; "
              "OR cho phép một trong hai (\"Điện Biên\" OR \"Lai Châu\"); -từ hay -\"cụm từ\" loại bài có nó. "
              "Bài có từ hiếm hơn, có các từ đứng liền nhau thì đứng trước.")


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
    """One page of results for an editor's query, with the counts of every match. A filter that
    cannot mean anything (a source or province unknown here, a person with no name in it) is a
    message instead of results, as the CLI makes it an error."""
    per_page = per_page or PER_PAGE
    limit = min(page * per_page, MAX_RESULTS)
    filters = {"source": source, "province": province, "person": person, "since": since, "until": until}
    counting = _counting(con, query, filters) if with_counts else None
    try:
        try:
            rows = queries.search(con, query, limit=max(limit, 1), **filters)
        finally:
            if counting:  # done, whatever happened, before the connection is given back
                wait([counting])
        if isinstance(rows, str):
            return Found(message=_in_vietnamese(rows))
        found = Found(page=page)
        if counting:
            found.total, found.months, found.sources, found.undated = counting.result()
        else:
            found.total = len(rows)
    except WarehouseError as exc:
        if not str(exc).startswith(tuple(MESSAGES)):  # not the query's or a filter's fault: the app's error page
            raise
        return Found(message=_in_vietnamese(str(exc), filters))
    found.pages = max(1, -(-min(found.total, MAX_RESULTS) // per_page))
    shown = rows[(page - 1) * per_page:limit]
    for rank, r in enumerate(shown, start=(page - 1) * per_page + 1):
        found.results.append({"rank": rank, "article_id": r["article_id"], "title": r["title"],
                              "source_id": r["source_id"], "url": r["url"], "date": r["date"], "date_kind": r["date_kind"],
                              "score": round(float(r["score"]), 4), "snippet": r["snippet"]})
    return found


MESSAGES = {  # what queries.search says instead of results, or of a filter it cannot use, as the interface says it
    "Nothing to search for: every word is excluded": "Không còn từ nào để tìm: mọi từ đều bị loại (-từ).",
    "Nothing to search for": "Chưa có từ nào để tìm: gõ vài từ, có dấu hay không đều được.",
    "--source": "Không có nguồn «{source}» trong cơ sở dữ liệu này.",
    "--province": "«{province}» không phải tên một tỉnh, thành phố (trước hay sau sáp nhập 2025, có dấu hay không).",
    "--person": "«{person}» không có tên người nào để tìm.",
    "the search index is not ready": "Chỉ mục tìm kiếm đang được dựng (lần chạy đầu, hoặc sau `pipeline.py reindex`): "
                                     "thử lại sau ít phút.",
}


def _in_vietnamese(message: str, filters: dict | None = None) -> str:
    for en, vi in MESSAGES.items():
        if message.startswith(en):
            return vi.format(**{k: v or "" for k, v in (filters or {}).items()})
    return message


_COUNTER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="search-counts")


def _counting(con, query: str, filters: dict):
    """``counts`` started on another thread, with a cursor of its own (a DuckDB connection is not
    to be used by two threads at once)."""
    def run():
        cursor = con.cursor()
        try:
            return counts(cursor, query, **filters)
        finally:
            cursor.close()
    return _COUNTER.submit(run)


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


def counts(con, query: str, *, source=None, province=None, person=None, since=None, until=None):
    """(matching articles, [(month, n)] for every month from the first to the last, [(source_id, n)]
    most first, undated) of exactly the articles ``queries.search`` returns for this query and
    filters with no limit (``queries.search_counts``); months are those of the date each result
    shows. Raises WarehouseError as ``queries.search`` does."""
    got = queries.search_counts(con, query, source=source, province=province, person=person, since=since, until=until)
    if isinstance(got, str):
        return 0, [], [], 0
    return got.total, _every_month(dict(got.months)), got.sources, got.undated


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
