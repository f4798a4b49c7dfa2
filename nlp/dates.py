"""Temporal expressions in Vietnamese education news (contract section 3).

Written by hand because no library knows Vietnamese school years (``năm học 2020 – 2021``),
semesters (``học kỳ II``), half-years (``6 tháng đầu năm``) or the habit of omitting the year
(``Chiều 24/2``); dateparser/htmldate handle page dates, not these phrases in running text.
All patterns run on the normalised view; offsets are view offsets.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from .context import Sentences

D = r"(?:0?[1-9]|[12]\d|3[01])"
M = r"(?:0?[1-9]|1[0-2])"
Y = r"(?:19|20)\d{2}"
DASH = r"\s*[-–—]\s*"
SEP = r"\s*[/.\-]\s*"
POD = r"(?P<pod>rạng\s+sáng|sáng\s+sớm|sáng|trưa|chiều|tối|đêm)"
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "một": 1, "hai": 2}
WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật)"

SCHOOL_YEAR = rf"(?P<sy1>{Y}){DASH}(?P<sy2>{Y}|\d{{2}})(?!\d)"
_NOT_DOC = r"(?![/\-.]?\s*\d)(?!/[A-ZĐ])"  # not the start of a longer number or a document code

PATTERNS: list[tuple[str, str]] = [
    # ranges first: they contain dates
    ("range_years", rf"(?:giai\s+đoạn|thời\s+kỳ|thời\s+kì|nhiệm\s+kỳ|nhiệm\s+kì)\s+(?:từ\s+)?(?:năm\s+)?(?P<y1>{Y})"
                    rf"\s*(?:{DASH}|\s+đến\s+(?:năm\s+)?)(?P<y2>{Y})(?!\d)"),
    ("range_years", rf"từ\s+năm\s+(?P<y1>{Y})\s+(?:đến|tới)\s+(?:năm\s+)?(?P<y2>{Y})(?!\d)"),
    ("range_months", rf"(?:từ\s+)?tháng\s+(?P<m1>{M})(?:\s*(?:/|năm)\s*(?P<y1>{Y}))?\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?"
                     rf"tháng\s+(?P<m2>{M})(?:\s*(?:/|năm)\s*(?P<y2>{Y}))?(?![\d/])"),
    ("date_pair", rf"ngày\s+(?P<d1>{D})\s*(?:và|,)\s*(?P<d2>{D}){SEP}(?P<m>{M})(?:{SEP}(?P<y>{Y}))?{_NOT_DOC}"),
    ("semester", rf"(?:học\s+k[ỳìy]|HK)\s*(?P<sem>II|I|2|1|một|hai)(?![\wĐđ])"
                 rf"(?:\s*(?:,\s*)?(?:của\s+)?năm\s+học\s+{SCHOOL_YEAR})?"),
    ("school_year", rf"năm\s+học(?:\s+mới)?\s+{SCHOOL_YEAR}"),
    ("range_days", rf"(?:từ\s+)?ngày\s+(?P<d1>{D})\s*(?:đến|tới|[-–—])\s*(?:ngày\s+)?(?P<d2>{D}){SEP}(?P<m2>{M})"
                   rf"(?:{SEP}(?P<y2>{Y}))?{_NOT_DOC}"),
    ("school_year", rf"(?:NH|niên\s+khóa|niên\s+khoá)\s+{SCHOOL_YEAR}"),
    ("half_year", rf"(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?!\s+học)(?:\s+(?P<y>{Y}))?(?!\d)"),
    ("half_year", rf"nửa\s+(?P<half>đầu|cuối)\s+năm(?!\s+học)(?:\s+(?P<y>{Y}))?(?!\d)"),
    ("quarter", rf"quý\s+(?P<q>IV|III|II|I|[1-4])(?![\w])(?:\s*(?:/|năm)\s*(?P<y>{Y}))?(?!\d)"),
    ("month", rf"(?<!\d\s)(?<!\d)tháng\s+(?P<m>{M})(?:\s*(?:/|năm)\s*(?P<y>{Y}))?(?![\d/]|\s+tuổi)"),
    ("year", rf"(?:(?:đến|tới)\s+)?năm(?:\s+mới)?\s+(?P<y>{Y})(?![\d/]|{DASH}\d)"),
    ("school_year_bare", rf"năm\s+{SCHOOL_YEAR}"),
]
COMPILED = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in PATTERNS]

# Days are matched from their digits, and the words before them (part of day, weekday, "ngày",
# "từ") are looked up backwards: a pattern that starts with optional words is tried at every
# position of the text, which was most of the date stage's time.
_DAY_CORE = re.compile(
    rf"(?<![\d/.,])(?P<d>{D})(?:(?P<s>\s*[/.\-]\s*)(?P<m>{M})(?:\s*(?P=s)\s*(?P<y>{Y}))?{_NOT_DOC}"
    rf"|\s+tháng\s+(?P<mw>{M})(?:\s+năm\s+(?P<yw>{Y}))?(?!\d))",
    re.IGNORECASE)
_DAY_PREFIX = re.compile(
    rf"(?:(?P<tu>từ\s+))?(?:(?:{POD}|(?P<wd>{WEEKDAY}))\s*,?\s*(?:nay\s+)?)?(?P<ngay>ngày\s+)?$", re.IGNORECASE)
_RANGE_TAIL = re.compile(
    rf"\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?(?:ngày\s+)?(?P<d2>{D})\s*[/.\-]\s*(?P<m2>{M})(?:\s*[/.\-]\s*(?P<y2>{Y}))?{_NOT_DOC}",
    re.IGNORECASE)


def _day_mentions(text: str) -> list[DateMention]:
    out = []
    for m in _DAY_CORE.finditer(text):
        pre = _DAY_PREFIX.search(text, max(0, m.start() - 40), m.start())
        cue = pre and (pre.group("pod") or pre.group("wd") or pre.group("ngay"))
        start = pre.start() if cue else m.start()
        if cue and pre.group("tu") and not pre.group("ngay"):
            start = pre.start() + len(pre.group("tu"))
        pod = pre.group("pod").lower().split()[-1] if cue and pre.group("pod") else None
        if m.group("mw"):  # "ngày 5 tháng 9 năm 2021"
            d, mo, y = int(m.group("d")), int(m.group("mw")), m.group("yw")
        else:
            d, mo, y = int(m.group("d")), int(m.group("m")), m.group("y")
            if not cue and not (y and m.group("s").strip() and m.group("s") == m.group("s").strip()):
                continue  # a bare "12/12" is a fraction or a count, not a date
            tail = _RANGE_TAIL.match(text, m.end()) if pre and pre.group("ngay") else None
            if tail is not None:
                rstart = pre.start() if pre.group("tu") else start
                mention = DateMention(rstart, tail.end(), "range", part_of_day=pod)
                mention.parts = {"d1": m.group("d"), "m1": m.group("m"), "y1": y,
                                 "d2": tail.group("d2"), "m2": tail.group("m2"), "y2": tail.group("y2")}
                out.append(mention)
                continue
        if y and d > calendar.monthrange(int(y), mo)[1]:
            continue
        mention = DateMention(start, m.end(), "date", part_of_day=pod)
        mention.parts = {"d": d, "m": mo, "y": y}
        out.append(mention)
    return out


# Words without which a pattern family cannot match: a cheap test that skips the regex.
_TRIGGERS = {
    "range_days": ("ngày",), "range_months": ("tháng",), "date_pair": ("ngày",),
    "range_years": ("giai đoạn", "thời k", "nhiệm k", "từ năm"),
    "semester": ("học k", "hk"), "school_year": ("năm học", "nh ", "niên kh"),
    "half_year": ("tháng đầu", "tháng cuối", "nửa"), "quarter": ("quý",), "month": ("tháng",),
    "year": ("năm",), "school_year_bare": ("năm",),
}

# A year that names a curriculum, not a time ("chương trình giáo dục phổ thông năm 2018").
_CURRICULUM = re.compile(r"chương\s+trình(?:\s+giáo\s+dục)?(?:\s+phổ\s+thông)?(?:\s+mới)?\s*$", re.IGNORECASE)


@dataclass
class DateMention:
    start: int
    end: int
    type: str
    value: str | None = None
    part_of_day: str | None = None
    parts: dict = field(default_factory=dict)


def _school_year(m: re.Match) -> tuple[int, int] | None:
    y1 = int(m.group("sy1"))
    raw2 = m.group("sy2")
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    return (y1, y2) if y2 == y1 + 1 else None


def candidates(text: str) -> list[DateMention]:
    found: list[DateMention] = []
    lowered = text.lower()
    for kind, rx in COMPILED:
        triggers = _TRIGGERS.get(kind)
        if triggers and not any(t in lowered for t in triggers):
            continue
        for m in rx.finditer(text):
            if m.start() > 0 and (text[m.start() - 1].isalnum() and not text[m.start() - 1].isspace()):
                continue  # inside a word ("Khánh Hòa năm" is fine, "xtháng" is not)
            gd = m.groupdict()
            pod = gd.get("pod")
            mention = DateMention(m.start(), m.end(), kind, part_of_day=pod.lower().split()[-1] if pod else None)
            if kind in ("school_year", "school_year_bare"):
                sy = _school_year(m)
                if sy is None:
                    continue
                mention.type = "school_year"
                mention.value = f"{sy[0]}-{sy[1]}"
            elif kind == "semester":
                sem = ROMAN[gd["sem"].lower()]
                mention.parts = {"sem": sem}
                if gd.get("sy1"):
                    sy = _school_year(m)
                    if sy:
                        mention.value = f"{sy[0]}-{sy[1]}-S{sem}"
            elif kind == "range_years":
                y1, y2 = int(gd["y1"]), int(gd["y2"])
                if y2 <= y1:
                    continue
                mention.type, mention.value = "range", f"{y1}/{y2}"
            elif kind == "range_months":
                mention.type = "range"
                mention.parts = {"m1": int(gd["m1"]), "y1": gd.get("y1"), "m2": int(gd["m2"]), "y2": gd.get("y2")}
            elif kind == "date_pair":  # "ngày 15 và 16/11": two days of one month
                y = gd.get("y")
                mention.type = "date"
                mention.end = m.start("d1") + len(gd["d1"])
                mention.parts = {"d": int(gd["d1"]), "m": int(gd["m"]), "y": y}
                second = DateMention(m.start("d2"), m.end(), "date")
                second.parts = {"d": int(gd["d2"]), "m": int(gd["m"]), "y": y}
                found.append(second)
            elif kind == "range_days":  # "từ ngày 15 đến 20/11/2023": one month, one year
                mention.type = "range"
                mention.parts = {"d1": gd["d1"], "m1": gd["m2"], "y1": gd.get("y2"), "d2": gd["d2"], "m2": gd["m2"],
                                 "y2": gd.get("y2")}
            elif kind == "half_year":
                mention.parts = {"half": 1 if gd["half"].lower() == "đầu" else 2, "y": gd.get("y")}
            elif kind == "quarter":
                mention.parts = {"q": ROMAN[gd["q"].lower()], "y": gd.get("y")}
            elif kind == "date":
                d, mo = int(gd["d"]), int(gd["m"])
                y = gd.get("y")
                if y and d > calendar.monthrange(int(y), mo)[1]:
                    continue
                mention.parts = {"d": d, "m": mo, "y": y}
            elif kind == "month":
                mention.parts = {"m": int(gd["m"]), "y": gd.get("y")}
            elif kind == "year":
                if _CURRICULUM.search(text[max(0, m.start() - 60):m.start()]):
                    continue
                mention.value = gd["y"]
            found.append(mention)
    found.extend(_day_mentions(text))
    return _non_overlapping(found)


def _non_overlapping(found: list[DateMention]) -> list[DateMention]:
    order = sorted(found, key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[DateMention] = []
    for c in order:
        if kept and c.start < kept[-1].end:
            if c.end - c.start > kept[-1].end - kept[-1].start and c.start == kept[-1].start:
                kept[-1] = c
            continue
        kept.append(c)
    return kept


@dataclass
class YearContext:
    """What a missing year is resolved from (contract section 3)."""

    published: dt.date | None
    published_is_month: bool
    sentences: Sentences
    school_years: list[tuple[int, int, int]]  # (position, first year, second year)
    years: list[tuple[int, int]]  # (position, year)
    article_school_year: tuple[int, int] | None


def parse_published(value) -> tuple[dt.date | None, bool]:
    if value in (None, ""):
        return None, False
    if isinstance(value, dt.datetime):
        return value.date(), False
    if isinstance(value, dt.date):
        return value, False
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})(?:-(\d{2}))?", s)
    if not m:
        return None, False
    y, mo = int(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            return dt.date(y, mo, int(m.group(3))), False
        return dt.date(y, mo, calendar.monthrange(y, mo)[1]), True
    except (ValueError, calendar.IllegalMonthError):  # "2021-13-01": not a date
        return None, False


_YEAR_ANY = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def build_context(text: str, title: str, published, mentions: list[DateMention]) -> YearContext:
    pub, is_month = parse_published(published)
    # The title is read as text written before the body: its positions are negative.
    offset = -(len(title) + 1)
    title_mentions = candidates(title) if title else []
    school_years = []
    for mm, base in [(x, offset) for x in title_mentions] + [(x, 0) for x in mentions]:
        if mm.type in ("school_year", "semester") and mm.value:
            y1, y2 = mm.value[:9].split("-")
            school_years.append((mm.start + base, int(y1), int(y2)))
    years = [(m.start() + offset, int(m.group(1))) for m in _YEAR_ANY.finditer(title or "")]
    years += [(m.start(), int(m.group(1))) for m in _YEAR_ANY.finditer(text)]
    title_sy = [s for s in school_years if s[0] < 0]
    article_sy = (title_sy[0][1], title_sy[0][2]) if title_sy else (
        (school_years[0][1], school_years[0][2]) if school_years else None)
    return YearContext(pub, is_month, Sentences(text), school_years, years, article_sy)


def _year_without_published(ctx: YearContext, pos: int, month: int | None) -> int | None:
    """Latest school year in the same sentence, else the nearest one before; a month 8-12 takes
    its first year and 1-7 its second. Else the nearest year written before (title included),
    else a year written later in the same sentence."""
    a, b = ctx.sentences.bounds(pos)
    same = [s for s in ctx.school_years if a <= s[0] < b]
    chosen = max(same, key=lambda s: s[1]) if same else None
    if chosen is None:
        before = [s for s in ctx.school_years if s[0] < pos]
        chosen = max(before, key=lambda s: s[0]) if before else None
    if chosen is not None:
        if month is None:
            return chosen[2]
        return chosen[1] if month >= 8 else chosen[2]
    before_years = [y for y in ctx.years if y[0] < pos]
    if before_years:
        return max(before_years, key=lambda y: y[0])[1]
    after = [y for y in ctx.years if pos <= y[0] < b]
    if after:
        return min(after, key=lambda y: y[0])[1]
    return None


def _resolve_day(ctx: YearContext, pos: int, d: int, m: int) -> str:
    if ctx.published is not None:
        limit = ctx.published + dt.timedelta(days=31)
        for y in range(limit.year, limit.year - 9, -1):
            try:
                cand = dt.date(y, m, d)
            except ValueError:
                continue
            if cand <= limit:
                return cand.isoformat()
    y = _year_without_published(ctx, pos, m)
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"XXXX-{m:02d}-{d:02d}"


def _resolve_month(ctx: YearContext, pos: int, m: int) -> str:
    if ctx.published is not None:
        limit = ctx.published + dt.timedelta(days=31)
        y = limit.year if m <= limit.month else limit.year - 1
        return f"{y:04d}-{m:02d}"
    y = _year_without_published(ctx, pos, m)
    return f"{y:04d}-{m:02d}" if y else f"XXXX-{m:02d}"


def _resolve_year_only(ctx: YearContext, pos: int) -> str:
    if ctx.published is not None:
        return f"{ctx.published.year:04d}"
    y = _year_without_published(ctx, pos, None)
    return f"{y:04d}" if y else "XXXX"


def resolve(mentions: list[DateMention], ctx: YearContext) -> list[DateMention]:
    out = []
    for mm in mentions:
        p = mm.parts
        if mm.type == "date":
            if p["y"]:
                mm.value = f"{int(p['y']):04d}-{p['m']:02d}-{p['d']:02d}"
            else:
                mm.value = _resolve_day(ctx, mm.start, p["d"], p["m"])
        elif mm.type == "month":
            mm.value = f"{int(p['y']):04d}-{p['m']:02d}" if p["y"] else _resolve_month(ctx, mm.start, p["m"])
        elif mm.type == "quarter":
            y = p["y"] or _resolve_year_only(ctx, mm.start)
            mm.value = f"{y}-Q{p['q']}"
        elif mm.type == "half_year":
            y = p["y"] or _resolve_year_only(ctx, mm.start)
            mm.value = f"{y}-H{p['half']}"
        elif mm.type == "semester" and not mm.value:
            sy = ctx.article_school_year
            if sy is None:
                before = [s for s in ctx.school_years if s[0] < mm.start]
                sy = (before[-1][1], before[-1][2]) if before else None
            mm.value = f"{sy[0]}-{sy[1]}-S{p['sem']}" if sy else f"XXXX-XXXX-S{p['sem']}"
        elif mm.type == "range" and not mm.value and "d1" not in p:  # months
            m1, m2 = p["m1"], p["m2"]
            y2 = int(p["y2"]) if p["y2"] else None
            y1 = int(p["y1"]) if p["y1"] else (None if y2 is None else (y2 if m1 <= m2 else y2 - 1))
            start = f"{y1:04d}-{m1:02d}" if y1 else _resolve_month(ctx, mm.start, m1)
            end = f"{y2:04d}-{m2:02d}" if y2 else _resolve_month(ctx, mm.start, m2)
            mm.value = f"{start}/{end}"
        elif mm.type == "range" and not mm.value:
            d1, m1, d2, m2 = int(p["d1"]), int(p["m1"]), int(p["d2"]), int(p["m2"])
            if p["y2"] and not p["y1"]:
                y2 = int(p["y2"])
                y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
                end = f"{y2:04d}-{m2:02d}-{d2:02d}"
                start = f"{y1:04d}-{m1:02d}-{d1:02d}"
            else:
                start = f"{int(p['y1']):04d}-{m1:02d}-{d1:02d}" if p["y1"] else _resolve_day(ctx, mm.start, d1, m1)
                end = f"{int(p['y2']):04d}-{m2:02d}-{d2:02d}" if p["y2"] else _resolve_day(ctx, mm.start, d2, m2)
                if not p["y2"] and start[:4].isdigit() and end[:4].isdigit() and end < start:
                    end = f"{int(start[:4]) + 1:04d}{end[4:]}"
            mm.value = f"{start}/{end}"
        out.append(mm)
    return out


def extract_dates(text: str, title: str = "", published=None) -> list[DateMention]:
    mentions = candidates(text)
    ctx = build_context(text, title, published, mentions)
    return resolve(mentions, ctx)
