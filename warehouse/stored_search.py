"""A search answered by the index alone, rows and all, when it is known to be in step with the
database file (``fulltext.stored_search_ready``): no DuckDB import and no database opened, which
is most of a ``pipeline.py search`` process's time. The same results as ``queries.search``: every
entry of an index in step is the current version of an article that is no syndicated copy, so
what ``queries._verified`` checks in DuckDB holds already; the checks a query leaves to the text
are run on the stored text. Filters that need the database (``--source``, ``--province``: their
names are checked against it) are left to ``queries.search``."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import fulltext
from .search_request import parsed_request, query_words, result


def search(db, query: str, *, since=None, until=None, person=None, limit: int = 10):
    """``queries.search``'s results for these arguments (or its message for a query with nothing
    to look for), or None when the index cannot answer alone and DuckDB must be read."""
    if not fulltext.stored_search_ready(db):
        return None
    parsed, filters = parsed_request(query, since, until, person)
    if isinstance(parsed, str):
        return parsed
    folder = fulltext._index_dir(Path(db))
    index = fulltext._open_index(folder)
    searcher = index.searcher()
    _, checks = fulltext.build(parsed, filters)
    words = query_words(parsed)
    rows = []
    for key, _, score, address in fulltext.ranked(index, parsed, filters, limit, searcher=searcher):
        title, url, source_id, published, event_date, body, names = fulltext.stored(searcher, address)
        if not fulltext.passes(checks, title, body, names):
            continue
        rows.append(result(fulltext.article_id_of(key), title, source_id, url, score, _date(published),
                           _date(event_date), body, words))
        if len(rows) == limit:
            break
    return rows


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None
