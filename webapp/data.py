"""What each page shows, as plain data (dicts, lists, strings, numbers, ISO dates): the HTML
templates render it and ``&format=json`` returns it as it is, so both say the same.

Every function takes an open read-only connection (the app opens one per request) and reads
with parameterised SQL only."""
from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache

from nlp.normalize import fold, strip_diacritics

from . import labels

REPORTS_PER_PERIOD = 5      # reports listed per period on the series page (the CSV has them all)
POINTS_PER_PERIOD = 40      # distinct values drawn for a period whose reports disagree
PERSON_ARTICLES = 200       # articles listed on a person's page


def clean(value):
    """A value from DuckDB or pandas as JSON can carry it: NaN/NaT as None, dates as ISO text,
    numpy numbers as Python numbers."""
    if value is None:
        return None
    if isinstance(value, (float, dt.date)) and value != value:  # NaN, NaT (pandas' NaT is a datetime)
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if hasattr(value, "isoformat"):  # pandas Timestamp
        try:
            return None if value != value else value.isoformat()
        except (TypeError, ValueError):
            return None
    if hasattr(value, "item"):  # numpy scalar
        return clean(value.item())
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    return value


def _dicts(cursor) -> list[dict]:
    names = [d[0] for d in cursor.description]
    return [{k: clean(v) for k, v in zip(names, row)} for row in cursor.fetchall()]


# -- choices offered by the forms -----------------------------------------------------------------
def sources(con) -> list[dict]:
    return _dicts(con.execute("SELECT source_id, name, province FROM sources ORDER BY source_id"))


def metrics() -> list[dict]:
    from nlp import lexicon

    keys = sorted(set(lexicon.metric_heads().values()))
    return [{"key": k, "label": labels.metric(k)} for k in keys]


def provinces() -> list[str]:
    from nlp.context import provinces_table

    return sorted(provinces_table(), key=strip_diacritics)


# -- article --------------------------------------------------------------------------------------
def article(con, article_id: str) -> dict | None:
    """An article with its figures, officials and dates (each with where it is in the body), its
    body cut into paragraphs of plain and highlighted pieces, its page as stored and its
    syndicated copies; None when there is no such article."""
    cur = con.execute("""
        SELECT a.article_id, a.url, a.source_id, s.name AS source_name, s.province AS source_province, a.title,
               a.published, a.published_at, a.event_date, a.author, a.body, a.credited_source, a.duplicate_of,
               a.warnings, a.extracted_at
        FROM articles a LEFT JOIN sources s USING (source_id) WHERE a.article_id = ?""", [article_id])
    rows = _dicts(cur)
    if not rows:
        return None
    art = rows[0]
    art["figures"] = _dicts(con.execute("""
        SELECT seq, text, start_char, end_char, value, unit, qualifier, change, object, metric, kind, total, province,
               province_2025, period, sentence
        FROM figures WHERE article_id = ? ORDER BY seq""", [article_id]))
    art["officials"] = _dicts(con.execute("""
        SELECT seq, name, person_key, honorific, position, organization, organization_normalized, other_roles, former,
               start_char, end_char, sentence
        FROM officials WHERE article_id = ? ORDER BY seq""", [article_id]))
    art["dates"] = _dicts(con.execute("""
        SELECT seq, text, start_char, end_char, type, value, part_of_day, sentence
        FROM dates WHERE article_id = ? ORDER BY seq""", [article_id]))
    # the original and its copies, found through the indexes on article_id and duplicate_of
    original = art["duplicate_of"] or article_id
    family = [original] + [aid for (aid,) in con.execute("SELECT article_id FROM articles WHERE duplicate_of = ?",
                                                         [original]).fetchall()]
    family = [aid for aid in family if aid != article_id]
    art["copies"] = _dicts(con.execute("""
        SELECT article_id, url, source_id, title, published, duplicate_of IS NULL AS original
        FROM articles WHERE article_id = ANY(?)
        ORDER BY duplicate_of NULLS FIRST, published NULLS LAST, url""", [family])) if family else []
    page = _dicts(con.execute("""
        SELECT fetched_at, status, content_type, http_charset,
               warc_file IS NOT NULL OR body_zlib IS NOT NULL AS stored
        FROM pages WHERE url = ?""", [art["url"]]))
    art["page"] = page[0] if page else None
    art["paragraphs"] = highlighted(art["body"] or "", art["figures"], art["officials"], art["dates"])
    art["body_text"] = art.pop("body")
    return art


def highlighted(body: str, figures: list[dict], officials: list[dict], dates: list[dict]) -> list[list[dict]]:
    """The body as paragraphs, each a list of pieces ``{"text"}`` or ``{"text", "mark", "ref"}``
    (``mark`` one of figure, official, date; ``ref`` the record's ``seq``). Where spans overlap,
    a figure wins over an official, an official over a date; a span whose offsets do not give its
    text is left unmarked (it stays in the lists below the text)."""
    spans, taken = [], []
    for mark, records in (("figure", figures), ("official", officials), ("date", dates)):
        for rec in records:
            start, end = rec.get("start_char"), rec.get("end_char")
            if start is None or end is None or not 0 <= start < end <= len(body):
                continue
            if mark != "official" and body[start:end] != rec.get("text"):
                continue
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            spans.append((start, end, mark, rec["seq"]))
    spans.sort()
    paragraphs, at = [], 0
    for line in body.split("\n"):
        lo, hi = at, at + len(line)
        at = hi + 1
        pieces, pos = [], lo
        for start, end, mark, seq in spans:
            start, end = max(start, lo), min(end, hi)
            if start >= end:
                continue
            if start > pos:
                pieces.append({"text": body[pos:start], "mark": None, "ref": None})
            pieces.append({"text": body[start:end], "mark": mark, "ref": seq})
            pos = end
        if pos < hi:
            pieces.append({"text": body[pos:hi], "mark": None, "ref": None})
        if any(p["text"].strip() for p in pieces):
            paragraphs.append(pieces)
    return paragraphs


def raw_page(con, article_id: str, db) -> tuple[bytes, str | None, str | None] | None:
    """The page of an article as it was received (bytes), its charset and content type."""
    rows = con.execute("""
        SELECT p.warc_file, p.warc_offset, p.body_zlib, p.http_charset, p.content_type
        FROM articles a JOIN pages p USING (url) WHERE a.article_id = ?""", [article_id]).fetchall()
    if not rows:
        return None
    warc_file, offset, body_zlib, charset, content_type = rows[0]
    if warc_file:
        import orchestration
        from crawler.page_store import read_body

        try:
            body = read_body(orchestration.page_store_dir(db), warc_file, offset)
        except (OSError, StopIteration, ValueError):
            return None
    elif body_zlib is not None:
        import zlib

        body = zlib.decompress(body_zlib)
    else:
        return None
    return body, charset, content_type


# -- person ---------------------------------------------------------------------------------------
def person(con, name: str) -> dict:
    """A person (the ``people`` view) with the roles they were named in over time
    (``official_roles``) and the articles naming them; when ``name`` names no one exactly, the
    people whose names contain it (diacritics optional) as ``candidates``."""
    name = " ".join((name or "").split())
    out = {"query": name, "person": None, "candidates": [], "roles": [], "articles": []}
    if not name:
        return out
    key = fold(name)
    found = _dicts(con.execute("SELECT person_key, name, spellings, mentions FROM people WHERE person_key = ?", [key]))
    if not found:
        folded = strip_diacritics(name)
        candidates = _dicts(con.execute("""
            SELECT person_key, name, mentions FROM people
            WHERE replace(strip_accents(person_key), 'đ', 'd') LIKE ? ESCAPE '\\'
            ORDER BY replace(strip_accents(person_key), 'đ', 'd') = ? DESC, mentions DESC, name LIMIT 30""",
            ["%" + _like(folded) + "%", folded]))
        exact = [c for c in candidates if strip_diacritics(c["person_key"]) == folded]
        if len(exact) == 1:  # typed without diacritics: one person by that name
            key = exact[0]["person_key"]
            found = _dicts(con.execute("SELECT person_key, name, spellings, mentions FROM people WHERE person_key = ?",
                                       [key]))
        else:
            out["candidates"] = candidates
            return out
    out["person"] = found[0]
    out["roles"] = _dicts(con.execute("""
        SELECT position, organization, former, first_seen, last_seen, articles
        FROM official_roles WHERE person_key = ?
        ORDER BY first_seen NULLS LAST, last_seen NULLS LAST, position""", [key]))
    out["articles"] = _dicts(con.execute(f"""
        SELECT a.article_id, a.title, a.source_id, a.url, a.published, a.event_date, a.duplicate_of,
               string_agg(DISTINCT o.position, '; ') AS positions, string_agg(DISTINCT o.name, '; ') AS written
        FROM officials o JOIN articles a USING (article_id)
        WHERE o.person_key = ?
        GROUP BY a.article_id, a.title, a.source_id, a.url, a.published, a.event_date, a.duplicate_of
        ORDER BY coalesce(a.published, a.event_date) DESC NULLS LAST, a.url
        LIMIT {PERSON_ARTICLES}""", [key]))
    return out


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- series ---------------------------------------------------------------------------------------
_SHOWN = re.compile(r"^([+-]?)([<>~≈]?)([\d.]+(?:,\d+)?)(%?)$")


def shown_value(shown: str) -> float | None:
    """A report as ``series_periods.reported`` writes it (``7.300``, ``>195.000``, ``-21``,
    ``99,82%``) as a number, a decrease negative."""
    m = _SHOWN.match(shown.strip())
    if not m:
        return None
    number = float(m.group(3).replace(".", "").replace(",", "."))
    return -number if m.group(1) == "-" else number


def series(con, province: str, metric: str) -> dict:
    """A province's statistic over school years: levels (or for money amounts) period by period,
    each period with its first reports (value, source, date, article, sentence) and the distinct
    values reported (side by side where they disagree), every one linked to its sentence; the
    reported changes apart, with their sign."""
    from warehouse import queries

    kinds = queries.default_kinds(metric) + ("change",)
    rows, attrs = queries.series_rows(con, province, metric, kinds=kinds)  # one read for levels and changes
    name = attrs["province"]
    levels, changes = [r for r in rows if r["kind"] != "change"], [r for r in rows if r["kind"] == "change"]
    out = {"province": name, "province_asked": province, "metric": metric, "metric_label": labels.metric(metric),
           "kinds": list(queries.default_kinds(metric)), "periods": _periods(levels, metric),
           "changes": _periods(changes, metric),
           "other_kinds": {k: int(v) for k, v in (attrs.get("other_kinds") or {}).items()},
           "notes": series_notes(name, attrs.get("names", [name]), any(r["disagree"] for r in levels)),
           "sources": sorted({sid for r in levels for sid in r["source_ids"] or ()})}
    _attach_sentences(con, metric, out["periods"] + out["changes"])
    out["known_province"] = _known_province(province)
    return out


def _known_province(name: str) -> bool:
    from nlp.context import resolve_province

    return resolve_province(name) is not None


def figure_href(article_id: str, seq: int | None, metric: str, kind: str, period: str | None, value) -> str:
    """The link to a figure's sentence in its article: its anchor when its ``seq`` is known, else
    the route that finds it in that one article (``/article/<id>/figure``) and sends the reader on."""
    if seq is not None:
        return f"/article/{article_id}#figure-{seq}"
    from urllib.parse import urlencode

    return f"/article/{article_id}/figure?{_figure_query(metric, kind, period)}&" + urlencode(
        {"value": "" if value is None else repr(value)})


@lru_cache(maxsize=256)
def _figure_query(metric: str, kind: str, period: str | None) -> str:
    """(The part of a figure's link that hundreds of points of one period share.)"""
    from urllib.parse import urlencode

    return urlencode({"metric": metric, "kind": kind, "period": period or ""})


def figure_seq(con, article_id: str, metric: str, kind: str, period: str | None, value: float | None) -> int | None:
    """The ``seq`` of the figure of one article that a series report stands for (its metric,
    kind, period and value, a decrease negative), found by the article's id alone (an index
    lookup; a second condition would make it a scan)."""
    for seq, f_metric, f_kind, f_period, f_value, change in con.execute(
            "SELECT seq, metric, kind, period, value, change FROM figures WHERE article_id = ? ORDER BY seq",
            [article_id]).fetchall():
        signed = -f_value if change == "decrease" else f_value
        if f_metric == metric and f_kind == kind and (f_period or "") == (period or "") and (
                value is None or signed == value):
            return seq
    return None


def _periods(rows: list[dict], metric: str) -> list[dict]:
    """The rows of ``queries.series_rows`` as the page shows them: per period its value, the first
    ``REPORTS_PER_PERIOD`` reports (value as written, source, date, URL, article) and the distinct
    values reported (what the chart draws, side by side when they disagree), each linked to its
    sentence. A province reported by hundreds of portals has thousands of reports a period: only
    what is shown is worked out, and only the listed reports' sentences are read (each is a
    different place of the figures table, read cold by a connection opened for one request)."""
    from warehouse.load import article_id_for

    out = []
    for r in rows:
        shown = r["reported"].split(" | ") if isinstance(r["reported"], str) else []
        # the listed reports' sources and URLs only (a split of every one of thousands costs
        # more than the rest of the page)
        srcs = r["sources"].split(" | ", REPORTS_PER_PERIOD)[:REPORTS_PER_PERIOD] if isinstance(r["sources"], str) else []
        urls = r["url"].split(" | ", REPORTS_PER_PERIOD)[:REPORTS_PER_PERIOD] if isinstance(r["url"], str) else []
        period = None if not isinstance(r["period"], str) else r["period"]
        distinct = list(dict.fromkeys(shown))
        written: dict[float, str] = {}  # each value as first written
        for text in distinct[:4 * POINTS_PER_PERIOD]:
            value = shown_value(text)
            if value is not None:
                written.setdefault(value, text)
        values = list(written)
        reports = []
        for i, (value_text, url) in enumerate(zip(shown[:REPORTS_PER_PERIOD], urls)):
            source = srcs[i] if i < len(srcs) else ""
            m = re.match(r"^(.*) \((\d{4}-\d{2}-\d{2}|undated)\)$", source)
            reports.append({"shown": _minus(value_text), "value": shown_value(value_text), "url": url,
                            "article_id": article_id_for(url), "source_id": m.group(1) if m else source,
                            "published": (m.group(2) if m and m.group(2) != "undated" else None),
                            "seq": None, "sentence": None, "figure_text": None})
        points = []
        drawn = values[:POINTS_PER_PERIOD]
        listed = {x["value"]: x for x in reversed(reports)}  # the first listed report of each value
        # the values first reported further down: the URL of the first report of each, from one
        # split of the URLs as far as the furthest of them
        further = {v: shown.index(written[v]) for v in drawn if v not in listed}
        far_urls = (r["url"].split(" | ", max(further.values()) + 1) if further and isinstance(r["url"], str) else [])
        for value in drawn:
            rep = listed.get(value)
            if rep is None:
                i = further[value]
                url = far_urls[i] if i < len(far_urls) else None
                rep = {"article_id": article_id_for(url), "url": url} if url else None
            points.append({"value": value, "article_id": rep and rep["article_id"], "url": rep and rep["url"],
                           "href": None, "_report": rep})
        out.append({"period": period, "kind": r["kind"], "kind_label": labels.kind(r["kind"]), "unit": r["unit"],
                    "value": clean(r["value"]), "disagree": bool(r["disagree"]), "reports_count": int(r["reports"]),
                    "province": r["province"], "points": points,
                    "more_points": max(0, len(distinct) - POINTS_PER_PERIOD) if len(values) >= POINTS_PER_PERIOD else 0,
                    "note": period_note(r["province"], period, bool(r["disagree"]), r["articles"] == 1), "reports": reports,
                    "metric": metric})
    return out


def _minus(shown: str) -> str:
    """A reported value as the page writes it: a decrease with a real minus sign."""
    return "−" + shown[1:] if shown.startswith("-") else shown


def _attach_sentences(con, metric: str, periods: list[dict]) -> None:
    """The listed reports' figures: ``seq`` (the article page's anchor), sentence and words, read
    by article id alone (a second condition, metric = ?, would turn DuckDB's index lookup into a
    scan of every figure: 40 ms against 2 ms at 1M articles). Then every report and point gets
    its link."""
    ids = sorted({r["article_id"] for p in periods for r in p["reports"]})
    found: dict = {}
    if ids:
        for aid, seq, period, kind, value, change, sentence, text, of in con.execute("""
                SELECT article_id, seq, period, kind, value, change, sentence, text, metric
                FROM figures WHERE article_id = ANY(?) ORDER BY article_id, seq""", [ids]).fetchall():
            if of == metric:
                signed = -value if change == "decrease" else value
                found.setdefault((aid, period, kind, signed), (seq, sentence, text))
    for p in periods:
        for r in p["reports"]:
            hit = found.get((r["article_id"], p["period"], p["kind"], r["value"]))
            if hit:
                r["seq"], r["sentence"], r["figure_text"] = hit
            r["href"] = figure_href(r["article_id"], r["seq"], metric, p["kind"], p["period"], r["value"])
        for point in p["points"]:
            rep = point.pop("_report")
            if rep is None:
                point["href"] = None
                continue
            seq = rep.get("seq")
            if seq is None:
                hit = found.get((rep["article_id"], p["period"], p["kind"], point["value"]))
                seq = hit[0] if hit else None
            point["href"] = figure_href(rep["article_id"], seq, metric, p["kind"], p["period"], point["value"])


def period_note(province: str, period: str | None, disagree: bool, one_article: bool) -> str:
    """What a reader must know about one period: its reports disagree, or one article gives
    several numbers; what the merger of 1 July 2025 makes of the province."""
    from nlp.context import constituents, era, provinces_table

    bits = []
    if disagree:
        bits.append("một bài nêu nhiều số" if one_article else "các báo cáo nêu số khác nhau")
    row = provinces_table().get(province)
    unit = provinces_table().get(row.province_2025) if row else None
    if row is not None and unit is not None:
        when = era(period)
        if province != unit.name and when == "after":
            bits.append(f"{province} nay là {unit.name} (cùng địa giới)" if unit.kept_borders else
                        f"{province} không còn từ {labels.day(row.existed_until)}: thuộc {unit.name}")
        elif province == unit.name and not unit.kept_borders:
            if when == "after":
                bits.append(f"{province} sau sáp nhập ({' + '.join(constituents(province))})")
            elif when is None and period:
                bits.append("kỳ này vắt qua ngày sáp nhập 01/07/2025")
    return "; ".join(bits)


def series_notes(name: str, names: list[str], any_disagree: bool) -> list[str]:
    """The notes shown with a series, in the interface's language (what ``queries.series`` says in
    its ``notes``)."""
    from nlp.context import constituents, provinces_table, reformed

    notes = []
    row = provinces_table().get(name)
    if row is not None:
        unit = row.province_2025
        if unit == name and reformed(name):
            notes.append(f"{name} được lập lại từ 01/07/2025 gồm {' + '.join(constituents(name))}: số liệu từ năm học "
                         f"2025-2026 tính cả tỉnh mới, số liệu trước đó chỉ tính {name} cũ.")
        elif unit != name and row.existed_until == "2025-06-30":
            notes.append(f"{name} đã sáp nhập vào {unit} từ 01/07/2025 (Nghị quyết 202/2025/QH15): đây là số liệu "
                         f"{name} như đã báo cáo.")
        elif len(names) > 1:
            notes.append(f"{' và '.join(names)} là cùng một địa bàn: hiển thị cả hai.")
    if any_disagree:
        notes.append("Kỳ nào các báo cáo nêu số khác nhau thì các số được đặt cạnh nhau, không chọn số nào.")
    return notes


def series_csv(con, province: str, metric: str) -> str:
    """Every report of the series (levels and changes) with its period's value, sentence and URL:
    the CSV ``pipeline.py series --csv`` writes."""
    from warehouse import queries

    kinds = queries.default_kinds(metric) + ("change",)
    frame = queries.series(con, province, metric, kinds=kinds)
    reports = queries.series_reports(con, province, metric, kinds=kinds)
    return csv_text(queries.series_csv_frame(frame, reports), text_columns=("figure_text", "object", "sentence", "title"))


def csv_text(frame, text_columns=()) -> str:
    """A frame as CSV text. Cells of ``text_columns`` (words from crawled pages) that a
    spreadsheet would take for a formula (starting with = + - @) get a leading apostrophe."""
    frame = frame.copy()
    for column in text_columns:
        if column in frame.columns:
            frame[column] = [("'" + v) if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v
                             for v in frame[column]]
    return frame.to_csv(index=False)
