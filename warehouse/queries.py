"""What the three kinds of users ask the warehouse: search (editors), series (researchers),
people (officials over time), export and SQL (analysts)."""
from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from nlp.normalize import fold, strip_diacritics

from . import series_table
from .db import WarehouseError, connect, literal

if TYPE_CHECKING:  # pandas is imported by the queries that return frames, not by search
    import pandas as pd

TABLES = ("sources", "pages", "articles", "figures", "officials", "dates", "runs")
VIEWS = ("people", "official_roles", "statistic_series")


class _Borrowed:
    """An open connection passed in by the caller: used as is and not closed here."""

    def __init__(self, con):
        self.con = con

    def __getattr__(self, name):
        return getattr(self.con, name)

    def close(self):
        pass


def _raw(con):
    while isinstance(con, _Borrowed):
        con = con.con
    return con


def _open(db):
    if isinstance(db, (duckdb.DuckDBPyConnection, _Borrowed)):
        return _Borrowed(db)
    return connect(db, read_only=True, create=False)


def search(db, query: str, *, source=None, province=None, since=None, until=None, person=None, limit: int = 10,
           notice=None):
    """Best-first articles for an editor's ``query`` (``warehouse.query_language``: words,
    "phrases", OR, -excluded; diacritics optional, per syllable), as dicts; or a message string
    when the query has nothing to look for. Filters: ``source`` (a source id), ``province`` (the
    articles about that province, by their title or lead paragraph, and those of its portals),
    ``since``/``until`` (dates, inclusive, on the publication date or else a date from the text),
    ``person`` (part of an official's name, with or without diacritics). A filter that cannot mean
    anything (an unknown province or source, ``since`` after ``until``, ``limit`` below 1) raises
    WarehouseError. ``notice`` receives a line to show the user when the index has to be brought
    in step first (it is behind after an interrupted load)."""
    from . import fulltext
    from .query_language import parse, terms_of

    if not isinstance(limit, int) or limit < 1:
        raise WarehouseError(f"--limit {limit!r}: must be a whole number of at least 1")
    since, until = _day(since, "--since"), _day(until, "--until")
    if since and until and since > until:
        raise WarehouseError(f"--since {since} is after --until {until}: no date can be in between")
    parsed = parse(query)
    if parsed.empty:
        if parsed.excluded:
            return "Nothing to search for: every word is excluded (-word); type at least one word to look for."
        return "Nothing to search for: type some words (diacritics optional)."
    filters = fulltext.Filters()
    if person is not None:
        filters.person = terms_of(person)
        if not filters.person:
            raise WarehouseError(f"--person {person!r}: no name in it")
    filters.since = _day_number(since)
    filters.until = _day_number(until)
    con = _open(db)
    try:
        if source is not None:
            _check_source(con, source)
            filters.sources = (source,)
        if province is not None:
            filters.province, filters.province_sources = _province(con, province)
        try:
            index = fulltext.open_index(_raw(con), None if isinstance(con, _Borrowed) else db, notice=notice)
        except fulltext.SearchUnavailable as exc:
            raise WarehouseError(str(exc)) from None
        _, checks = fulltext.build(parsed, filters)
        rows = _verified(con, fulltext.ranked(index, parsed, filters, limit), checks, limit)
    finally:
        con.close()
    words = [term for clause in parsed.required for phrase in clause for term in phrase.terms]
    return [{"article_id": aid, "title": title, "source_id": sid, "url": url, "score": score,
             "date": published or event_date, "date_kind": "published" if published else "text" if event_date else None,
             "published": published, "snippet": snippet(body, words)}
            for aid, title, sid, published, event_date, url, body, score in rows]


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


def _check_source(con, source: str) -> None:
    known = con.execute(f"SELECT 1 FROM sources WHERE source_id = {literal(source)}").fetchone() or \
        con.execute(f"SELECT 1 FROM articles WHERE source_id = {literal(source)} LIMIT 1").fetchone()
    if not known:
        raise WarehouseError(f"--source {source!r}: no such source in this database (see `pipeline.py sql "
                             f"\"SELECT source_id, name FROM sources\"`)")


_PREFIXES = ("tinh ", "thanh pho ", "tp ", "tp. ")  # "Tỉnh Điện Biên", "TP Hà Nội"


def _province(con, name: str) -> tuple[str, tuple[str, ...]]:
    """The key of a province (from the gazetteer, or a source's province) and the sources of it."""
    from nlp import lexicon

    from .fulltext import province_key

    portals: dict[str, list[str]] = {}
    for sid, prov in con.execute("SELECT source_id, province FROM sources WHERE province IS NOT NULL").fetchall():
        portals.setdefault(province_key(prov), []).append(sid)
    known = {province_key(p) for p in lexicon.provinces()} | set(portals)
    key = province_key(name)
    options = [key] + [key[len(p):] for p in _PREFIXES if key.startswith(p)] + ["thanh pho " + key]
    for option in options:
        if option in known:
            return option, tuple(sorted(portals.get(option, ())))
    raise WarehouseError(f"--province {name!r}: not a province (the 63 of nlp/data/provinces.txt, with or "
                         "without diacritics, or a province of a source in this database)")


def _verified(con, candidates, checks, limit: int) -> list[tuple]:
    """The first ``limit`` candidates (key, version, score) whose article is as it was indexed (the
    same version, not a syndicated copy) and passes the ``checks`` left to the text."""
    from itertools import islice

    from .fulltext import article_id_of, passes

    out = []
    while len(out) < limit:
        batch = list(islice(candidates, limit - len(out) + (2 if out else 0)))
        if not batch:
            break
        ids = [article_id_of(key) for key, _, _ in batch]
        listed = ", ".join(f"'{aid}'" for aid in ids)  # hex digits only: made from numbers above
        found = {row[0]: row for row in con.execute(f"""
            SELECT article_id, title, source_id, published, event_date, url, body, epoch_us(extracted_at)
            FROM articles WHERE article_id IN ({listed}) AND duplicate_of IS NULL""").fetchall()}
        names: dict = {}
        if any(kind == "person" for kind, _ in checks):
            names = dict(con.execute(f"SELECT article_id, list(name) FROM officials WHERE article_id IN ({listed}) "
                                     "GROUP BY 1").fetchall())
        for aid, (key, version, score) in zip(ids, batch):
            row = found.get(aid)
            if row is None or row[7] != version:  # replaced, removed or a copy since it was indexed
                continue
            if not passes(checks, row[1], row[6], names.get(aid, [])):
                continue
            out.append((*row[:7], score))
            if len(out) == limit:
                break
    return out


SNIPPET_CHARS = 30_000  # the densest run of matches is looked for in this much of a body


def snippet(body: str, terms, width: int = 30) -> str:
    """About ``width`` words of ``body`` around the densest run of matched words, each marked [ ].
    ``terms`` are query syllables (``query_language.Term``): one typed with diacritics matches
    them (``Nguyễn`` is not ``Nguyên``; ``hòa`` is ``hoà``), one typed without matches any."""
    words = body[:SNIPPET_CHARS].split()
    text = " ".join(words)
    # one pattern for every syllable, run over the text in lower case (no folded copy of a whole
    # body to make, 10 results at a time)
    pattern = _syllables_pattern(tuple(terms))
    lower = text.lower()
    if len(lower) != len(text):  # (a letter whose lower case is longer: offsets would drift)
        lower = " ".join(w.lower()[:len(w)].ljust(len(w)) for w in words)
    end, hits, word, at = len(lower), set(), 0, 0
    for m in pattern.finditer(lower) if pattern else ():
        a, b = m.span()
        if (a == 0 or not lower[a - 1].isalnum()) and (b == end or not lower[b].isalnum()):
            word += text.count(" ", at, a)  # a match's word is the number of spaces before it
            at = a
            hits.add(word)
    if not hits:
        return " ".join(words[:width]) + (" …" if len(words) > width else "")
    ordered = sorted(hits)
    best = max(ordered, key=lambda i: bisect.bisect_left(ordered, i + width) - bisect.bisect_left(ordered, i))
    a = max(0, best - 5)
    b = min(len(words), a + width)
    shown = [f"[{w}]" if i in hits else w for i, w in enumerate(words[a:b], start=a)]
    return ("… " if a else "") + " ".join(shown) + (" …" if b < len(words) or len(body) > SNIPPET_CHARS else "")


_TONES = {"o": "òóỏõọ", "u": "ùúủũụ", "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_OLD_PAIRS = {"o": "ae", "u": "y"}  # oa, oe, uy: the pairs whose mark sat on the second vowel (hoà)


def _spellings(toned: str) -> list[str]:
    """A tone-normalised syllable and its old tone-mark placement, if it has one (hòa, hoà)."""
    if len(toned) >= 2 and (len(toned) == 2 or toned[-3] not in "qQ"):
        first, second = toned[-2], toned[-1]
        for base, marks in _TONES.items():
            if first in marks and second in _OLD_PAIRS.get(base, ""):
                return [toned, toned[:-2] + base + _TONES[second][marks.index(first)]]
    return [toned]


def _letter_classes() -> dict[str, str]:
    """Each base letter and every letter that is it without diacritics (d: dđĐD...), both cases."""
    classes: dict[str, set] = {}
    for code in list(range(0x41, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = strip_diacritics(ch)
        if len(base) == 1 and base.isalnum():
            classes.setdefault(base, set()).add(ch.lower())
    return {base: "".join(sorted(chars)) for base, chars in classes.items()}


_CLASSES: dict[str, str] = {}


@functools.lru_cache(maxsize=64)
def _syllables_pattern(terms: tuple) -> re.Pattern | None:
    if not _CLASSES:
        _CLASSES.update(_letter_classes())
    pieces = []
    for t in terms:
        if t.has_diacritics:
            pieces += [re.escape(s) for s in _spellings(t.toned)]
        else:
            pieces.append("".join(f"[{re.escape(_CLASSES[c])}]" if c in _CLASSES else re.escape(c) for c in t.folded))
    if not pieces:
        return None
    # (whole syllables: the caller checks the letters either side; a look-behind here would be
    # tried at every position, three times slower)
    return re.compile("|".join(sorted(set(pieces), key=len, reverse=True)))


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
    if table not in TABLES + VIEWS:
        raise WarehouseError(f"unknown table {table!r}")
    con = _open(db)
    try:
        return con.execute(f"SELECT * FROM {table}").df()
    finally:
        con.close()
