"""What a search asks, read without the database: the parsed query and the filters given as
words and dates (``--since/--until/--person``), and the result rows as the search command shows
them. No DuckDB import: the search that answers from the index alone uses it too."""
from __future__ import annotations

from .errors import WarehouseError


def parsed_request(query: str, since, until, person):
    """The parsed query and the filters that need no database; or, instead of the parsed query,
    the message a query with nothing to look for gets. Raises WarehouseError for a filter that
    cannot mean anything."""
    from . import fulltext
    from .query_language import parse, terms_of

    since, until = _day(since, "--since"), _day(until, "--until")
    if since and until and since > until:
        raise WarehouseError(f"--since {since} is after --until {until}: no date can be in between")
    parsed = parse(query)
    if parsed.empty:
        if parsed.excluded:
            return "Nothing to search for: every word is excluded (-word); type at least one word to look for.", None
        return "Nothing to search for: type some words (diacritics optional).", None
    filters = fulltext.Filters()
    if person is not None:
        filters.person = terms_of(person)
        if not filters.person:
            raise WarehouseError(f"--person {person!r}: no name in it")
    filters.since = _day_number(since)
    filters.until = _day_number(until)
    return parsed, filters


def _day(value, flag: str):
    """A date given as a date, a datetime or 'YYYY-MM-DD'."""
    import datetime as dt

    if value is None or isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise WarehouseError(f"{flag} {value!r}: not a date (YYYY-MM-DD)") from None


def _day_number(day) -> int | None:
    import datetime as dt

    return None if day is None else (day - dt.date(1970, 1, 1)).days


def result(article_id, title, source_id, url, score, published, event_date, body, words) -> dict:
    """One search result as ``queries.search`` returns it: the date shown is the publication date,
    or else a date from the text, and says which."""
    from .snippets import snippet

    return {"article_id": article_id, "title": title, "source_id": source_id, "url": url, "score": score,
            "date": published or event_date,
            "date_kind": "published" if published else "text" if event_date else None,
            "published": published, "snippet": snippet(body, words)}


def query_words(parsed) -> list:
    """The syllables a snippet marks: every word of the query's required clauses."""
    return [term for clause in parsed.required for phrase in clause for term in phrase.terms]
