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
VIEWS = ("people", "official_roles", "statistic_series", "statistic_reports")
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


# -- series (researchers) -------------------------------------------------------------------------
SERIES_COLUMNS = ["period", "kind", "value", "unit", "reported", "reports", "disagree", "note", "province",
                  "sources", "url"]
AS_OF = ("2025",)


def default_kinds(metric: str) -> tuple[str, ...]:
    """What a series shows unless asked: the totals reported (levels), or for money the amounts."""
    return ("amount",) if metric == "budget" else ("level",)


def _province_key(name: str) -> str:
    return strip_diacritics(name)


def _kept_rows(con, key: str, metric: str, kinds) -> pd.DataFrame:
    """The ``series_periods`` rows of one province (as reported) and metric; a series whose figures
    changed since the last load, or a database from before that table, is aggregated from the
    figures instead: the same rows."""
    try:
        ready = not series_table.is_dirty(con, key, metric)
    except duckdb.CatalogException:  # opened read-only before a load created the table
        ready = False
    source = ("series_periods" if ready else
              f"({series_table.periods_sql('(SELECT ?::VARCHAR AS province_key, ?::VARCHAR AS metric)')})")
    params = ([] if ready else [key, metric]) + [key, metric, list(kinds)]
    return con.execute(f"""SELECT period, kind, value, unit, reported, reports, disagree, sources, url
                           FROM {source} WHERE province_key = ? AND metric = ? AND kind = ANY(?)
                           ORDER BY period NULLS LAST, kind, unit""", params).df()


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


def _disagreement(urls) -> str:
    """How a period's reports differ: across articles, or several numbers in one article (its parts,
    or different things counted under one metric)."""
    if isinstance(urls, str) and len(set(urls.split(" | "))) == 1:
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
    from nlp.kinds import KINDS
    from nlp.context import resolve_province

    kinds = tuple(kinds) if kinds else (("change",) if include_changes else default_kinds(metric))
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise WarehouseError(f"unknown kind {unknown[0]!r} (kinds: {', '.join(KINDS)})")
    if as_of is not None and str(as_of) not in AS_OF:
        raise WarehouseError(f"--as-of {as_of}: only 2025 (the merger of 1 July 2025) is known")
    name = resolve_province(province) or " ".join(province.split())
    con = _open(db)
    try:
        if as_of:
            frame = _series_as_of(con, name, metric, kinds)
        else:
            frame = _series_reported(con, name, metric, kinds)
        frame.attrs["other_kinds"] = other_kinds(con, frame.attrs.get("names", [name]), metric, kinds)
    finally:
        con.close()
    frame.attrs["kinds"] = kinds
    frame.attrs["metric"] = metric
    return frame


def _series_reported(con, name: str, metric: str, kinds) -> pd.DataFrame:
    from nlp.context import constituents, provinces_table, reformed, same_territory

    names = same_territory(name)
    parts = []
    for n in names:
        rows = _kept_rows(con, _province_key(n), metric, kinds)
        rows["province"] = n
        parts.append(rows)
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    frame = frame.sort_values(["period", "kind", "unit", "province"], na_position="last", kind="stable")
    notes_col = []
    for r in frame.itertuples():
        bits = [b for b in (_merger_note(r.province, r.period),) if b]
        if r.disagree:
            bits.insert(0, _disagreement(r.url))
        notes_col.append("; ".join(bits))
    frame["note"] = notes_col
    frame = frame.reset_index(drop=True)[SERIES_COLUMNS]
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
    if frame["disagree"].any():
        notes.append("where a period's reports give different numbers they are shown side by side and none is "
                     "chosen (--sources shows each with its sentence).")
    frame.attrs.update(notes=notes, names=names, province=name, as_of=None)
    return frame


def _series_as_of(con, name: str, metric: str, kinds) -> pd.DataFrame:
    """The province of 2025 that ``name`` belongs to, period by period: before the merger the sum
    of its constituents where each reported one agreed value, after it the merged province's own."""
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
