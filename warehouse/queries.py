"""What the three kinds of users ask the warehouse: search (editors), series (researchers),
people (officials over time) and SQL (analysts); exports are in ``datasets``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb

from nlp.normalize import fold, strip_diacritics

from . import series_table
from .db import WarehouseError, connect, literal
from .search_request import parsed_request as _parsed, query_words, result
from .snippets import snippet  # noqa: F401  (part of this module's interface)

if TYPE_CHECKING:  # pandas is imported by the queries that return frames, not by search
    import pandas as pd

TABLES = ("sources", "pages", "articles", "figures", "officials", "dates", "runs")
VIEWS = ("people", "official_roles", "statistic_series", "statistic_reports")


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

    if not isinstance(limit, int) or limit < 1:
        raise WarehouseError(f"--limit {limit!r}: must be a whole number of at least 1")
    parsed, filters = _parsed(query, since, until, person)
    if isinstance(parsed, str):
        return parsed
    con = _open(db)
    try:
        index = _index_for(con, db, filters, source, province, notice)
        _, checks = fulltext.build(parsed, filters)
        rows = _verified(con, fulltext.ranked(index, parsed, filters, limit), checks, limit,
                         fulltext.text_checks(parsed, filters))
    finally:
        con.close()
    words = query_words(parsed)
    return [result(aid, title, sid, url, score, published, event_date, body, words)
            for aid, title, sid, published, event_date, url, body, score in rows]


@dataclass
class SearchCounts:
    """How the articles a search finds spread (``search_counts``)."""
    total: int = 0
    months: list = field(default_factory=list)   # (YYYY-MM, articles) of the date each result shows, months with some
    sources: list = field(default_factory=list)  # (source_id, articles), most first
    undated: int = 0                             # results that show no date


def search_counts(db, query: str, *, source=None, province=None, since=None, until=None, person=None,
                  notice=None) -> SearchCounts | str:
    """How many articles ``search`` finds for this query and filters with no limit, and how many
    per month (of the date a result shows: the publication date, or else a date from the text)
    and per source; or the message ``search`` would give instead. The same articles exactly: every
    entry of the index that matches (``fulltext.matching``), looked up in DuckDB by article id in
    one query, kept when its article is there in the version indexed and not a syndicated copy,
    and when it passes the checks ``fulltext.build`` leaves to the text (read only for queries
    that have some: a phrase or an exclusion typed half with diacritics, such a person). When the
    index is in step with the database (``fulltext.in_step``: no load waiting for its sync) and
    the query leaves no check to the text, every entry is such an article, and the counts are
    taken in the index itself (``fulltext.spread``), without reading DuckDB: the same numbers,
    milliseconds instead of a join at a million articles."""
    from . import fulltext

    parsed, filters = _parsed(query, since, until, person)
    if isinstance(parsed, str):
        return parsed
    con = _open(db)
    try:
        index = _index_for(con, db, filters, source, province, notice)
        _, checks = fulltext.build(parsed, filters)
        if not checks and fulltext.in_step(_raw(con), None if isinstance(con, _Borrowed) else db):
            return _spread_counts(*fulltext.spread(index, parsed, filters))
        keys, versions = fulltext.matching(index, parsed, filters)
        return _grouped_counts(_matched_groups(_raw(con), keys, versions, checks, fulltext.text_checks(parsed, filters))
                               if keys else [])
    finally:
        con.close()


_MONTH = "strftime(coalesce(a.published, a.event_date), '%Y-%m')"  # the month of the date a result shows


def _spread_counts(total: int, days: dict[int, int], sources: dict[str, int]) -> SearchCounts:
    """``fulltext.spread``'s counts, days gathered into months."""
    import datetime as dt

    epoch = dt.date(1970, 1, 1)
    months: dict[str, int] = {}
    for day, n in days.items():
        d = epoch + dt.timedelta(days=day)
        months[f"{d.year:04d}-{d.month:02d}"] = months.get(f"{d.year:04d}-{d.month:02d}", 0) + n
    return SearchCounts(total=total, months=sorted(months.items()), undated=total - sum(days.values()),
                        sources=sorted(sources.items(), key=lambda kv: (-kv[1], kv[0])))


def _grouped_counts(groups: list[tuple]) -> SearchCounts:
    """(month, source_id, articles) groups added up."""
    out = SearchCounts()
    by_month: dict[str, int] = {}
    by_source: dict[str, int] = {}
    for month, sid, n in groups:
        out.total += n
        by_source[sid] = by_source.get(sid, 0) + n
        if month is None:
            out.undated += n
        else:
            by_month[month] = by_month.get(month, 0) + n
    out.months = sorted(by_month.items())
    out.sources = sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))
    return out


def _matched_groups(con, keys: list[int], versions: list[int], checks, recheck=()) -> list[tuple]:
    """(month, source_id, articles) of the index entries ``keys``/``versions`` whose article is
    not a copy and passes ``checks``; an article re-extracted since it was indexed must pass
    ``recheck`` in its current text (``_verified``'s rule: the same articles ``search`` returns)."""
    import pyarrow as pa

    from .fulltext import passes

    matched = pa.table({"key": pa.array(keys, pa.uint64()), "version": pa.array(versions, pa.int64())})
    con.register("search_matched", matched)
    try:
        # the article id of a key: its 16 hex digits (warehouse.fulltext.article_id_of)
        current = """FROM articles a JOIN (SELECT DISTINCT lpad(lower(hex(key)), 16, '0') AS article_id, version
                                           FROM search_matched) m
                       ON a.article_id = m.article_id
                     WHERE a.duplicate_of IS NULL"""
        same = "epoch_us(a.extracted_at) = m.version"
        groups: dict[tuple, int] = {}
        if not checks:  # the entries in the version indexed counted in DuckDB; the others read
            for month, sid, n in con.execute(f"SELECT {_MONTH}, a.source_id, count(*) {current} AND {same} "
                                             "GROUP BY ALL").fetchall():
                groups[month, sid] = n
            rows = con.execute(f"SELECT a.article_id, {_MONTH}, a.source_id, a.title, a.body, false {current} "
                               f"AND NOT {same}").fetchall()
        else:
            rows = con.execute(f"SELECT a.article_id, {_MONTH}, a.source_id, a.title, a.body, {same} {current}").fetchall()
        names: dict = {}
        if rows and any(kind == "person" for kind, _ in [*checks, *recheck]):
            names = dict(con.execute(f"""SELECT article_id, list(name) FROM officials
                                         WHERE article_id IN (SELECT a.article_id {current}) GROUP BY 1""").fetchall())
    finally:
        con.unregister("search_matched")
    for aid, month, sid, title, body, as_indexed in rows:
        if passes(checks if as_indexed else recheck, title, body, names.get(aid, [])):
            groups[month, sid] = groups.get((month, sid), 0) + 1
    return [(month, sid, n) for (month, sid), n in groups.items()]


def _index_for(con, db, filters, source, province, notice):
    """The index to search (brought in step first if need be), the source and province filters
    checked and added to ``filters``."""
    from . import fulltext

    if source is not None:
        _check_source(con, source)
        filters.sources = (source,)
    if province is not None:
        filters.province, filters.province_sources = _province(con, province)
    try:
        return fulltext.open_index(_raw(con), None if isinstance(con, _Borrowed) else db, notice=notice)
    except fulltext.SearchUnavailable as exc:
        raise WarehouseError(str(exc)) from None


def _check_source(con, source: str) -> None:
    known = con.execute(f"SELECT 1 FROM sources WHERE source_id = {literal(source)}").fetchone() or \
        con.execute(f"SELECT 1 FROM articles WHERE source_id = {literal(source)} LIMIT 1").fetchone()
    if not known:
        raise WarehouseError(f"--source {source!r}: no such source in this database (see `pipeline.py sql "
                             f"\"SELECT source_id, name FROM sources\"`)")


def _province(con, name: str) -> tuple[str, tuple[str, ...]]:
    """The key of a province (the gazetteer's, as a user types it: ``Tay Ninh``, ``tỉnh Long An``,
    ``TP.HCM``; or a source's province) and the sources of it."""
    from nlp.context import resolve_province

    from .fulltext import province_key

    portals: dict[str, list[str]] = {}
    for sid, prov in con.execute("SELECT source_id, province FROM sources WHERE province IS NOT NULL").fetchall():
        portals.setdefault(province_key(prov), []).append(sid)
    known = resolve_province(name)
    key = province_key(known) if known else province_key(name)
    if known or key in portals:
        return key, tuple(sorted(portals.get(key, ())))
    raise WarehouseError(f"--province {name!r}: not a province (those of nlp/data/provinces.tsv, before and "
                         "after the 2025 merger, with or without diacritics, or a province of a source in this database)")


def _verified(con, candidates, checks, limit: int, recheck=()) -> list[tuple]:
    """The first ``limit`` candidates (key, version, score, address) whose article is not a syndicated copy
    and passes the ``checks`` left to the text. An article re-extracted since it was indexed (a
    load under way, its index sync not yet run) is kept when its current text passes ``recheck``
    (the whole query as checks), so a long re-processing run never hides it from searches."""
    from itertools import islice

    from .fulltext import article_id_of, passes

    out = []
    while len(out) < limit:
        batch = list(islice(candidates, limit - len(out) + (2 if out else 0)))
        if not batch:
            break
        ids = [article_id_of(hit[0]) for hit in batch]
        listed = ", ".join(f"'{aid}'" for aid in ids)  # hex digits only: made from numbers above
        found = {row[0]: row for row in con.execute(f"""
            SELECT article_id, title, source_id, published, event_date, url, body, epoch_us(extracted_at)
            FROM articles WHERE article_id IN ({listed}) AND duplicate_of IS NULL""").fetchall()}
        names: dict = {}
        if any(kind == "person" for kind, _ in [*checks, *recheck]):
            names = dict(con.execute(f"SELECT article_id, list(name) FROM officials WHERE article_id IN ({listed}) "
                                     "GROUP BY 1").fetchall())
        for aid, (key, version, score, _) in zip(ids, batch):
            row = found.get(aid)
            if row is None:  # removed, or a copy since it was indexed
                continue
            if not passes(checks if row[7] == version else recheck, row[1], row[6], names.get(aid, [])):
                continue
            out.append((*row[:7], score))
            if len(out) == limit:
                break
    return out


# -- series (researchers) -------------------------------------------------------------------------
SERIES_COLUMNS = ["period", "kind", "value", "unit", "reported", "reports", "disagree", "note", "province",
                  "sources", "url", "source_ids", "articles"]
AS_OF = ("2025",)


def default_kinds(metric: str) -> tuple[str, ...]:
    """What a series shows unless asked: the totals reported (levels), or for money the amounts."""
    return ("amount",) if metric == "budget" else ("level",)


def _province_key(name: str) -> str:
    return strip_diacritics(name)


def _kept_rows(con, key: str, metric: str, kinds) -> pd.DataFrame:
    """``_kept_query``'s rows as a frame."""
    return con.execute(*_kept_query(con, key, metric, kinds)).df()


def _kept_records(con, key: str, metric: str, kinds) -> list[dict]:
    """``_kept_query``'s rows as dicts."""
    cursor = con.execute(*_kept_query(con, key, metric, kinds))
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def _kept_query(con, key: str, metric: str, kinds) -> tuple[str, list]:
    """The query of the ``series_periods`` rows of one province (as reported) and metric; a series
    whose figures changed since the last load, or a database from before that table, is
    aggregated from the figures instead: the same rows."""
    try:
        ready = not series_table.is_dirty(con, key, metric)
    except duckdb.CatalogException:  # opened read-only before a load created the table
        ready = False
    source = ("series_periods" if ready else
              f"({series_table.periods_sql('(SELECT ?::VARCHAR AS province_key, ?::VARCHAR AS metric)')})")
    params = ([] if ready else [key, metric]) + [key, metric, list(kinds)]
    return (f"""SELECT period, kind, value, unit, reported, reports, disagree, sources, url, source_ids, articles
                FROM {source} WHERE province_key = ? AND metric = ? AND kind = ANY(?)
                ORDER BY period NULLS LAST, kind, unit""", params)


def other_kinds(con, names: list[str], metric: str, kinds) -> dict[str, int]:
    """Reports of the other kinds of figures kept for these provinces and metric (a hint of what
    ``--kind`` would show)."""
    try:
        rows = con.execute("""SELECT kind, sum(reports)::BIGINT FROM series_periods
                              WHERE province_key = ANY(?) AND metric = ? AND NOT kind = ANY(?)
                              GROUP BY kind ORDER BY kind""",
                           [[_province_key(n) for n in names], metric, list(kinds)]).fetchall()
    except duckdb.CatalogException:
        return {}
    return {k: n for k, n in rows}


def _disagreement(articles) -> str:
    """How a period's reports differ: across ``articles``, or several numbers in one article (its
    parts, or different things counted under one metric)."""
    if articles == 1:
        return "several numbers in one article"
    return "reports disagree"


def _merger_note(name: str, period) -> str:
    """What the merger of 2025-07-01 means for one row of a province as reported."""
    from nlp.context import constituents, era, provinces_table

    row = provinces_table().get(name)
    unit = provinces_table().get(row.province_2025) if row else None
    if row is None or unit is None:
        return ""
    when = era(period)
    if name != unit.name and when == "after":
        if unit.kept_borders:
            return f"{name} is now {unit.name} (same territory)"
        return f"{name} ceased on {row.existed_until}: part of {unit.name} since"
    if name == unit.name and not unit.kept_borders:
        if when == "after":
            return f"merged {name} ({' + '.join(constituents(name))})"
        if when is None and period:
            return "straddles the merger of 2025-07-01"
    return ""


def series(db, province: str, metric: str, include_changes: bool = False, *, kinds=None,
           as_of: str | None = None) -> pd.DataFrame:
    """One row per period (and kind and unit): the value every report gives, or the reports side
    by side when they disagree (``disagree``), each with its sources. Levels by default, amounts
    for money (``default_kinds``); ``include_changes`` for reported changes (a decrease
    negative); ``kinds`` for any others (intake, need, target, result, rate).

    ``province`` is a name as reported (``Long An``, ``Tây Ninh``, typed with or without
    diacritics or as ``TP.HCM``); its rows after 1 July 2025 say what the merger made of it.
    ``as_of="2025"``: the province of 2025 that ``province`` belongs to, its constituents before
    the merger added up only where every one of them reported the period (``parts`` shows them).
    ``frame.attrs``: ``notes`` (lines to show with the table), ``other_kinds`` (reports of kinds
    not shown), ``province`` and ``kinds``."""
    from nlp.context import resolve_province

    kinds = tuple(kinds) if kinds else (("change",) if include_changes else default_kinds(metric))
    if as_of is not None and str(as_of) not in AS_OF:
        raise WarehouseError(f"--as-of {as_of}: only 2025 (the merger of 1 July 2025) is known")
    if not as_of:
        rows, attrs = series_rows(db, province, metric, kinds=kinds)
        frame = _series_frame(rows)
        frame.attrs.update(attrs)
        return frame
    _check_kinds(kinds)
    name = resolve_province(province) or " ".join(province.split())
    con = _open(db)
    try:
        frame = _series_as_of(con, name, metric, kinds)
        frame.attrs["other_kinds"] = other_kinds(con, frame.attrs.get("names", [name]), metric, kinds)
    finally:
        con.close()
    frame.attrs["kinds"] = kinds
    frame.attrs["metric"] = metric
    return frame


def _check_kinds(kinds) -> None:
    from nlp.kinds import KINDS

    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise WarehouseError(f"unknown kind {unknown[0]!r} (kinds: {', '.join(KINDS)})")


def _series_frame(rows: list[dict]) -> pd.DataFrame:
    """``series_rows``' rows as the frame ``series`` answers with (columns typed as DuckDB's
    own frames type them)."""
    import pandas as pd

    frame = pd.DataFrame(rows, columns=SERIES_COLUMNS)
    return frame.astype({"value": "float64", "reports": "int64", "disagree": "bool", "articles": "Int64"})


def series_rows(db, province: str, metric: str, *, kinds) -> tuple[list[dict], dict]:
    """The rows of ``series`` for a province as reported (no ``as_of``), as dicts (keys
    ``SERIES_COLUMNS``), and what ``series`` puts in its frame's ``attrs``. The web app's series
    page reads these: a frame of cells holding thousands of reports each costs more to make and
    walk than the rest of the page."""
    from nlp.context import resolve_province

    kinds = tuple(kinds)
    _check_kinds(kinds)
    name = resolve_province(province) or " ".join(province.split())
    con = _open(db)
    try:
        rows, attrs = _series_reported(con, name, metric, kinds)
        attrs["other_kinds"] = other_kinds(con, attrs["names"], metric, kinds)
    finally:
        con.close()
    attrs.update(kinds=kinds, metric=metric)
    return rows, attrs


def _series_reported(con, name: str, metric: str, kinds) -> tuple[list[dict], dict]:
    from nlp.context import constituents, provinces_table, reformed, same_territory

    names = same_territory(name)
    rows = []
    for n in names:
        for row in _kept_records(con, _province_key(n), metric, kinds):
            row["province"] = n
            rows.append(row)
    rows.sort(key=lambda r: (r["period"] is None, r["period"] or "", r["kind"], r["unit"], r["province"]))
    for r in rows:
        bits = [b for b in (_merger_note(r["province"], r["period"]),) if b]
        if r["disagree"]:
            bits.insert(0, _disagreement(r["articles"]))
        r["note"] = "; ".join(bits)
    notes = []
    row = provinces_table().get(name)
    if row is not None:
        unit = row.province_2025
        if unit == name and reformed(name):
            others = [c for c in constituents(name) if c != name]
            notes.append(f"{name} was re-formed on 2025-07-01 from {' + '.join(constituents(name))}: its values "
                         f"from 2025-2026 on count the merged province, those before count {name} alone. "
                         f"--as-of 2025 lines up {', '.join(others)} before the merger beside it.")
        elif unit != name and row.existed_until == "2025-06-30":
            notes.append(f"{name} was merged into {unit} on 2025-07-01 (Resolution 202/2025/QH15): this is its "
                         f"series as reported; --as-of 2025 shows {unit} with its constituents.")
        elif len(names) > 1:
            notes.append(f"{' and '.join(names)} name one territory: both are shown.")
    if any(r["disagree"] for r in rows):
        notes.append("where a period's reports give different numbers they are shown side by side and none is "
                     "chosen (--sources shows each with its sentence).")
    return rows, {"notes": notes, "names": names, "province": name, "as_of": None}


def _series_as_of(con, name: str, metric: str, kinds) -> pd.DataFrame:
    """The province of 2025 that ``name`` belongs to, period by period: before the merger the sum
    of its constituents where each reported one agreed value, after it the merged province's own."""
    import pandas as pd

    from nlp.context import constituents, era, province_2025_of, provinces_table, reformed

    unit = province_2025_of(name) or name
    members = constituents(unit) if unit in provinces_table() else [name]
    rows = []
    for n in members:
        r = _kept_rows(con, _province_key(n), metric, kinds)
        r["province"] = n
        rows.append(r)
    allrows = pd.concat(rows, ignore_index=True)
    out = []
    changed = reformed(unit)
    for (period, kind, unit_), g in allrows.groupby(["period", "kind", "unit"], dropna=False, sort=True):
        period = None if pd.isna(period) else period
        when = era(period)
        by_member = {r.province: r for r in g.itertuples()}
        parts = "; ".join(f"{m}: {by_member[m].reported}" for m in members if m in by_member)
        value, note = None, ""
        if not changed:  # one territory under more than one name (Huế, Thừa Thiên Huế)
            values = {r.value for r in g.itertuples() if not pd.isna(r.value)}
            if len(values) == 1 and not g["disagree"].any():
                value = values.pop()
            else:
                note = "reports disagree"
        elif when == "after":
            own = by_member.get(unit)
            if own is not None and not pd.isna(own.value):
                value = own.value
            elif own is not None:
                note = "reports disagree"
            others = [m for m in by_member if m != unit]
            if others:
                note = "; ".join(filter(None, [note, f"{', '.join(others)} reported apart after the merger: not added"]))
            if own is None:
                note = "; ".join(filter(None, [f"no report of {unit} as merged", note]))
        elif when == "before":
            missing = [m for m in members if m not in by_member]
            unsure = [m for m in members if m in by_member and pd.isna(by_member[m].value)]
            if missing or unsure:
                bits = []
                if missing:
                    bits.append(f"{', '.join(missing)} not reported")
                if unsure:
                    bits.append(f"{', '.join(unsure)} reports disagree")
                note = "not summed: " + "; ".join(bits)
            else:
                value = float(sum(by_member[m].value for m in members))
                note = f"sum of {' + '.join(members)}"
        else:
            note = "not summed: the period straddles the merger of 2025-07-01" if period else "no period"
        out.append({"period": period, "kind": kind, "value": value, "unit": unit_, "parts": parts,
                    "reports": int(g["reports"].sum()), "disagree": bool(g["disagree"].any()), "note": note,
                    "province": unit if when == "after" or not changed else " + ".join(members),
                    "sources": " | ".join(s for s in g["sources"] if isinstance(s, str)),
                    "url": " | ".join(u for u in g["url"] if isinstance(u, str))})
    columns = ["period", "kind", "value", "unit", "parts", "reports", "disagree", "note", "province", "sources", "url"]
    frame = pd.DataFrame(out, columns=columns)
    notes = []
    if changed:
        notes.append(f"{unit} as of 2025: {' + '.join(members)} before 2025-07-01, added up only for the periods "
                     "each of them reported with one value; from 2025-2026 on, the merged province as reported.")
    if name != unit:
        notes.append(f"{name} is part of {unit} since 2025-07-01: showing {unit}.")
    frame.attrs.update(notes=notes, names=members, province=unit, as_of="2025")
    return frame


def series_reports(db, province: str, metric: str, include_changes: bool = False, *, kinds=None,
                   as_of: str | None = None) -> pd.DataFrame:
    """Every report behind a series, one row each: the period, the value (a decrease negative), how
    it was written, the figure's words, its sentence, the article's URL, source and date, and where
    the province came from. Syndicated copies left out, an article repeating a figure once."""
    from nlp.context import constituents, province_2025_of, provinces_table, resolve_province, same_territory

    kinds = tuple(kinds) if kinds else (("change",) if include_changes else default_kinds(metric))
    name = resolve_province(province) or " ".join(province.split())
    if as_of:
        unit = province_2025_of(name) or name
        names = constituents(unit) if unit in provinces_table() else [name]
    else:
        names = same_territory(name)
    con = _open(db)
    try:
        return con.execute(f"""
            SELECT f.province, f.period, f.kind,
                   CASE WHEN f.change = 'decrease' THEN -f.value ELSE f.value END AS value, f.unit, f.qualifier,
                   f.change, f.text AS figure_text, f.object, f.sentence, a.url, a.source_id, a.published,
                   f.province_basis, f.province_2025, a.title
            FROM figures f JOIN articles a USING (article_id)
            WHERE a.duplicate_of IS NULL AND f.metric = ? AND f.kind = ANY(?)
              AND {series_table.FOLDED_PROVINCE.replace('province', 'f.province')} = ANY(?)
            QUALIFY row_number() OVER (PARTITION BY f.province, f.period, f.kind, f.unit, f.value, f.change, a.url
                                       ORDER BY f.seq) = 1
            ORDER BY f.period NULLS LAST, f.kind, a.published NULLS LAST, a.url, f.seq""",
                           [metric, list(kinds), [_province_key(n) for n in names]]).df()
    finally:
        con.close()


SERIES_CSV_COLUMNS = ["province", "period", "kind", "value", "unit", "qualifier", "change", "period_value",
                      "period_disagree", "period_note", "figure_text", "object", "sentence", "url", "source_id",
                      "published", "title", "province_basis", "province_2025"]


def series_csv_frame(frame: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """What a series' CSV holds (``series --csv``, the web app's download): one row per report
    (``series_reports``) with its period's value and note (``series``)."""
    renamed = {"value": "period_value", "disagree": "period_disagree", "note": "period_note"}
    if frame.attrs.get("as_of"):
        periods = frame[["period", "kind", "unit", "value", "disagree", "note"]].rename(columns=renamed)
        periods = periods.drop_duplicates(["period", "kind", "unit"])
        out = reports.merge(periods, on=["period", "kind", "unit"], how="left")
    else:
        keyed = frame[["period", "kind", "unit", "province", "value", "disagree", "note"]].rename(columns=renamed)
        out = reports.merge(keyed, on=["period", "kind", "unit", "province"], how="left")
    return out[[c for c in SERIES_CSV_COLUMNS if c in out.columns]]


def plot_series(frame: pd.DataFrame, path, title: str | None = None, **labels) -> None:
    """Write the chart of a series (``series_chart.series_figure``) as a PNG; raises
    :class:`series_chart.NothingToPlot` instead of writing an empty chart."""
    from .series_chart import series_figure

    figure = series_figure(frame, title=title, **labels)
    figure.savefig(path, dpi=100)


def people(db, name: str) -> pd.DataFrame:
    con = _open(db)
    try:
        return con.execute("""
            SELECT person, position, organization, former, first_seen, last_seen, articles
            FROM official_roles WHERE person_key = ?
            ORDER BY first_seen NULLS LAST, position""", [fold(name)]).df()
    finally:
        con.close()


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
