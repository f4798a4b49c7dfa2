"""Temporal expressions in Vietnamese education news (contract section 3, decisions in 5.3).

Written by hand because no library knows Vietnamese school years (``năm học 2020 – 2021``),
semesters (``học kỳ II``), half-years (``6 tháng đầu năm``) or the habit of omitting the year
(``Chiều 24/2``); dateparser/htmldate handle page dates, not these phrases in running text.
All patterns run on the normalised view; offsets are view offsets. The words that act as cues
(holidays, relative words, range heads) are data: ``nlp/data/date_words.tsv``.

Two steps: :func:`candidates` finds the mentions in a text (what a spaCy component can do with the
text alone), :func:`resolve` fills in what needs the article (a missing year from ``published`` or,
when it is null, from the years written before the mention: :func:`build_context`).
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .context import Sentences

D = r"(?:0?[1-9]|[12]\d|3[01])"
M = r"(?:0?[1-9]|1[0-2])"
Y = r"(?:19|20)\d{2}"
# A year written after a day and month may be a birth a century and more ago: Hồ Chí Minh's
# "(19/5/1890 - 19/5/2025)", which every May's anniversary articles give.
Y_OF_DAY = r"(?:(?:19|20)\d{2}|(?<=[/-])18\d{2})"  # (18.. not after a dot: "12.5.1850" is a code)
DASH = r"\s*[-–—]\s*"
SEP = r"\s*[/.\-]\s*"
# Between a month, quarter or half-year and its year: "tháng 3/2024", "tháng 3-2024", "quý IV/2023".
YEAR_SEP = r"\s*(?:[/.\-–—]|năm)\s*"
# Parts of day and weekdays are closed classes of the language (the contract's part_of_day values).
POD = r"(?P<pod>rạng\s+sáng|sáng\s+sớm|chiều\s+tối|sáng|trưa|chiều|tối|đêm)"
PARTS_OF_DAY = ("sáng", "trưa", "chiều", "tối", "đêm")
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "một": 1, "hai": 2}
WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật)"

# Named windows: how far back from a day–month its cue words are looked for.
CUE_WINDOW = 48            # "Sáng thứ Hai, ngày hôm nay (": part of day, weekday, "ngày"
HOLIDAY_WINDOW = 100       # "Ngày truyền thống học sinh, sinh viên Việt Nam ": a holiday's name
HOLIDAY_NAME_WORDS = 8     # words a holiday's name may run past its listed start
CURRICULUM_WINDOW = 60     # "chương trình giáo dục phổ thông mới năm 2018"

SCHOOL_YEAR = rf"(?P<sy1>{Y}){DASH}(?P<sy2>{Y}|\d{{2}})(?!\d)"
# After "năm học" a slash joins the two years too ("năm học 2023/2024"); alone it is a document's.
NAMED_SCHOOL_YEAR = rf"(?P<sy1>{Y})\s*[-–—/]\s*(?P<sy2>{Y}|\d{{2}})(?!\d)"
# Not the start of a longer number or a document code; a dash may open a range ("20/2-5/3").
_NOT_DOC = r"(?!\d)(?![/.]\s*\d)(?!-\s*\d+(?![\d/.]))(?!/[^\W\d_])"  # (digits after a dash read whole: "15/11-14/12")

# Every pattern runs on the lower-cased view (same length, same offsets), without IGNORECASE: a
# pattern that starts with a literal word is then found by a fast scan instead of a case-folding
# attempt at every character (five times faster on real articles). Optional words in front of a
# pattern ("đến năm 2030", "kế hoạch 5 năm 2021-2025") are looked up backwards in code for the same
# reason.


def lowered(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" lower-cases to two


@lx.derived
def date_words() -> dict[str, list[str]]:
    """kind -> phrases (lower case), from ``nlp/data/date_words.tsv``."""
    out: dict[str, list[str]] = {}
    for kind, phrase in lx._pairs("date_words.tsv"):
        out.setdefault(kind, []).append(phrase.lower())
    return out


def _alt(kind: str) -> str:
    return lx.phrase_alternation(date_words().get(kind, []))


@lx.derived
def compiled_patterns() -> list[tuple[str, re.Pattern]]:
    """The phrase patterns (on the lower-cased view)."""
    sy_mod = _alt("school_year_modifier")
    patterns = [
        # "từ năm học 2021-2022 đến (năm học) 2025-2026": one range of school years
        ("range_school_years", rf"năm\s+học\s+(?P<a1>{Y})\s*[-–—/]\s*(?P<a2>{Y}|\d{{2}})\s+(?:đến|tới)\s+(?:hết\s+)?"
                              rf"(?:năm\s+học\s+)?(?P<b1>{Y})\s*[-–—/]\s*(?P<b2>{Y}|\d{{2}})(?!\d)"),
        ("range_years", rf"{_alt('range_head')}\s+(?:từ\s+)?(?:năm\s+)?(?P<y1>{Y})"
                        rf"\s*(?:{DASH}|\s+(?:đến|tới)\s+(?:năm\s+)?)(?P<y2>{Y})(?!\d)"),
        ("range_years", rf"năm\s+(?P<y1>{Y})\s+(?:đến|tới)\s+(?:năm\s+)?(?P<y2>{Y})(?!\d)"),
        # "từ năm 2020 đến tháng 10.2022": from a year to a month
        ("range_year_month", rf"năm\s+(?P<y1>{Y})\s+(?:đến|tới)\s+(?:hết\s+)?tháng\s+(?P<m2>{M}){YEAR_SEP}(?P<y2>{Y})(?!\d)"),
        ("range_months", rf"tháng\s+(?P<m1>{M})(?:{YEAR_SEP}(?P<y1>{Y}))?\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?"
                         rf"(?:tháng\s+(?P<m2>{M})(?:{YEAR_SEP}(?P<y2>{Y}))?(?![\d/])"
                         rf"|(?P<m2c>{M}){YEAR_SEP}(?P<y2c>{Y})(?!\d))"),
        # "ngày 15 và 16/11", "các ngày 5, 6 và 7/9": days of one month, each a date
        ("date_list", rf"ngày\s+(?P<days>{D}(?:\s*(?:,|và|&)\s*{D})+){SEP}(?P<m>{M})(?:{SEP}(?P<y>{Y}))?{_NOT_DOC}"),
        # "kỳ I năm học 2022 - 2023": a semester written without "học", with its school year
        ("semester", rf"k[ỳì]\s+(?P<sem>ii|i|2|1)\s+(?:của\s+)?năm\s+học\s+{NAMED_SCHOOL_YEAR}"),
        ("semester", rf"(?:học\s+k[ỳìy]|hk)\s*(?P<sem>iii|ii|i|2|1|một|hai)(?![\w])"
                     rf"(?:\s*(?:,\s*)?(?:của\s+)?năm\s+học\s+{NAMED_SCHOOL_YEAR})?"),
        ("school_year", rf"(?:năm|niên)\s+học(?:\s+{sy_mod})?\s+{NAMED_SCHOOL_YEAR}"),
        # "năm học mới (2022 - 2023)": the years alone are the span
        ("school_year_paren", rf"\(\s*{SCHOOL_YEAR}(?=\s*\))"),
        # two consecutive years with no word before them, in an education article a school year
        # ("triển khai nhiệm vụ 2020-2021"); not inside a number or a document code
        # (two years further apart: a span of years, "Chương trình 2021-2025")
        ("school_year_pair", rf"{SCHOOL_YEAR}(?![/\d])"),  # (what is before it: in candidates)
        ("school_year", rf"(?:nh|niên\s+khóa|niên\s+khoá)\s+{NAMED_SCHOOL_YEAR}"),
        ("half_year", rf"(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm(?!\s+học)(?:\s+(?P<y>{Y}))?(?!\d)"),
        # "9 tháng đầu năm 2018": the months from January, a range of months (6: a half-year, above)
        ("months_of_year", rf"(?P<n>1[01]|[1-57-9]|ba|chín)\s+tháng\s+(?P<half>đầu|cuối)\s+năm\s+(?P<y>{Y})(?!\d)"),
        ("half_year", rf"nửa\s+(?P<half>đầu|cuối)\s+năm(?!\s+học)(?:\s+(?P<y>{Y}))?(?!\d)"),
        ("quarter", rf"quý\s+(?P<q>iv|iii|ii|i|[1-4])(?![\w])(?:{YEAR_SEP}(?P<y>{Y}))?(?!\d)"),
        ("month", rf"tháng\s+(?P<m>{M})(?:{YEAR_SEP}(?P<y>{Y}))?(?![\d/]|\s+tuổi|\s*[-–—]\s*\d)"),
        ("year", rf"năm(?:\s+mới)?\s+(?P<y>{Y})(?![\d/]|{DASH}\d)"),
        # "năm học 2021" with one year (a calendar-year plan some Sở keep): the year
        ("year", rf"năm\s+học\s+(?P<y>{Y})(?![\d/]|{DASH}\d|\s*[-–—/]\s*\d)"),
        ("school_year_bare", rf"năm\s+{SCHOOL_YEAR}"),
    ]
    return [(kind, re.compile(rx)) for kind, rx in patterns]


_BARE_IN_BRACKET = re.compile(r"\(\s*$")


@lx.derived
def _RANGE_HEAD_BEFORE() -> re.Pattern:  # "nhiệm kỳ (2021-2026)": the head outside the bracket
    return re.compile(rf"(?<!\w)(?:{_alt('range_head')})\s*$")


_NUMBER_CHARS = "0123456789/.,-–—"  # what a day or a year cannot follow (the dashes: a year only)
_TO_BEFORE = re.compile(r"(?<!\w)(?:đến|tới)\s+$")              # "đến năm 2030": in the span
_COUNT_BEFORE = re.compile(r"(?<![\d.,])\d{1,2}\s+$")            # "kế hoạch 5 năm 2021-2025": a plan's years
_NUMBER_BEFORE = re.compile(r"\d\s?$")                           # "5 tháng", "trẻ 3 tháng": not a month

# Days are matched from their digits, and the words before them (part of day, weekday, "ngày", a
# holiday's name) are looked up backwards: a pattern that starts with optional words is tried at
# every position of the text, which was most of the date stage's time.
_DAY_CORE = re.compile(  # (not after a digit, "/", "." or ",": checked in _day_mentions, faster)
    rf"(?P<d>{D})(?:(?P<s>\s*[/.\-]\s*)(?P<m>{M})"
    rf"(?:\s*(?P=s)\s*(?P<y>{Y_OF_DAY})(?!\d|[/.]\s*\d|/[^\W\d_])|{_NOT_DOC})"  # a dash after a year may open a range
    rf"|\s+tháng\s+(?P<mw>{M})(?:\s+năm\s+(?P<yw>{Y}))?(?!\d))")
_RANGE_TAIL = re.compile(
    rf"\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?(?:\d{{1,2}}\s*(?:h|giờ)(?:\s*\d{{2}})?\s+)?(?:ngày\s+)?(?P<d2>{D})"
    rf"(?:\s*(?P<s2>[/.\-])\s*(?P<m2>{M})(?:\s*(?P=s2)\s*(?P<y2>{Y_OF_DAY}))?{_NOT_DOC}"
    # (or with the month in words: "từ ngày 18/10 đến hết ngày 22 tháng 10/2020")
    rf"|\s+tháng\s+(?P<m2w>{M})(?:\s*(?:/|năm)\s*(?P<y2w>{Y}))?(?![\d/]))")
_CLOSE = re.compile(r"\s*\)")


@lx.derived
def _cue_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    rel = _alt("relative")
    # In the span: "Sáng nay (", "chiều thứ Hai, ngày ", "ngày mai ", "Thứ Sáu (".
    in_span = re.compile(
        rf"(?<!\w)(?:{POD}(?:\s+(?:{rel}))?\s*,?\s*)?(?:(?P<wd>{WEEKDAY})\s*,?\s*)?"
        rf"(?:(?P<ngay>ngày|mùng|mồng)(?:\s+(?:{rel}))?\s+)?(?P<paren>\(\s*)?$")
    # Outside the span: a holiday's name or a cue word ("nhân dịp", "hôm nay") right before.
    name_word = r"[^\s\d.;:!?()]+"
    bare = re.compile(
        rf"(?<!\w)(?:{_alt('day_cue')}|(?:(?:ngày|tết)\s+{_alt('holiday')}|{_alt('holiday_alone')})"
        rf"(?:\s+{name_word}){{0,{HOLIDAY_NAME_WORDS}}})"
        rf"\s*[,(]?\s*$")
    # The first day of a compact range ("ngày 14-", "(1 - "): month and year shared with the second.
    compact = re.compile(rf"(?<!\w)(?:(?P<ngay>ngày)\s+|(?P<paren>\()\s*|(?P<tu>từ)\s+)(?P<d1>{D})"
                         rf"\s*(?:đến|tới|[-–—])\s*(?:hết\s+)?(?:ngày\s+)?$")
    return in_span, bare, compact


def _part_of_day(phrase: str | None) -> str | None:
    if not phrase:
        return None
    low = phrase.lower()
    return next((p for p in PARTS_OF_DAY if p in low), None)


_MAX_DAY = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _a_day(d, m, y=None) -> bool:
    """Whether day ``d`` exists in month ``m`` (of year ``y`` when given): "31/2" is no date."""
    d, m = int(d), int(m)
    return d <= (calendar.monthrange(int(y), m)[1] if y else _MAX_DAY[m - 1])


def _after_a_number(text: str, paren: int) -> bool:
    """A parenthesis right after a number or a percentage holds a share (``100% (12/12)``)."""
    before = text[max(0, paren - 12):paren].rstrip()
    return bool(before) and (before[-1].isdigit() or before[-1] == "%")


# Between two days of one list ("ngày 30/4 và 1/5"): the second is a day too. Not a comma: in
# "Ngày 5/9, 12/12 huyện khai giảng" what follows the comma is a share.
_LIST_JOIN = re.compile(r"\s*(?:và|hoặc)\s*$")
_FROM = re.compile(r"(?<!\w)từ\s+$")
# A time of day right before: "lúc 14 giờ 30 phút, 5/9", "15:00 06/12", "8h 20/11".
_TIME_BEFORE = re.compile(r"(?<![\d/.,])\d{1,2}(?:\s*(?:giờ|h)\s*(?:\d{2}\s*(?:phút\s*)?)?|:\d{2}),?\s*$")
# The lead of a paragraph, after an optional source tag ("(GD&TĐ) - 20/4, ...", "BTN - 20/4, ..."):
# a day–month there followed by a comma is the day the report is about.
_LEAD_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:\([^()\n]{1,20}\)[ \t]*[-–—:]?[ \t]*|[^\s()]{2,12}[ \t]*[-–—][ \t]*)?$")
_COMMA_AFTER = re.compile(r"\s*,")


def _day_mentions(text: str) -> list[DateMention]:
    """Days, day ranges and day lists in ``text`` (the lower-cased view)."""
    in_span, bare, compact = _cue_patterns()
    out: list[DateMention] = []
    for m in _DAY_CORE.finditer(text):
        a = m.start()
        if a and (text[a - 1] in _NUMBER_CHARS[:-3] or text[a - 1].isalpha()):
            continue  # the end of a longer number ("1.5/9", "12/3/4") or of a code ("KV2-3", "A1-2")
        if out and out[-1].end > a:
            continue  # inside the range just read ("20/11/1982-20/11/2025")
        if m.group("mw"):  # "ngày 5 tháng 9 năm 2021"
            d, mo, y, sep = int(m.group("d")), int(m.group("mw")), m.group("yw"), None
        else:
            d, mo, y, sep = int(m.group("d")), int(m.group("m")), m.group("y"), m.group("s")
        # a compact range: "ngày 14-18/4/2024" (span from "ngày"), "(1 - 2.6)"
        c = compact.search(text, max(0, a - CUE_WINDOW), a) if sep or m.group("mw") else None  # ("Ngày 16- 17 tháng 3")
        if not _a_day(d, mo, y):
            continue
        if c is not None and int(c.group("d1")) < d and not (c.group("paren") and (
                _after_a_number(text, c.start("paren")) or not _CLOSE.match(text, m.end()))) and not (
                c.group("tu") and _counts_something(text, m.end())):  # ("từ 25 đến 29-5-2026"; not "từ 5 đến 8/10 huyện")
            mention = DateMention(c.start("ngay") if c.group("ngay") else c.start("d1"), m.end(), "range")
            mention.parts = {"d1": c.group("d1"), "m1": mo, "y1": y, "d2": d, "m2": mo, "y2": y}
            out.append(mention)
            continue
        pre = in_span.search(text, max(0, a - CUE_WINDOW), a)
        cued = bool(pre.group("pod") or pre.group("wd") or pre.group("ngay"))
        start, pod = (pre.start(), _part_of_day(pre.group("pod"))) if cued else (a, None)
        full = bool(y and sep and sep.strip() and sep == sep.strip())  # "20/11/2022", "12.5.2023"
        tail = _RANGE_TAIL.match(text, m.end()) if sep else None
        if not cued and not full and not _cued_bare(text, a, m.end(), pre, bare, tail, out):
            continue  # a bare "12/12" is a fraction or a count
        end = m.end()
        m2, y2 = (tail.group("m2") or tail.group("m2w"), tail.group("y2") or tail.group("y2w")) if tail else (None, None)
        if tail is not None and (cued or not y or y2) and _a_day(tail.group("d2"), m2, y2):
            # also two full dates joined by a dash
            mention = DateMention(start, tail.end(), "range", part_of_day=pod)
            mention.parts = {"d1": d, "m1": mo, "y1": y, "d2": int(tail.group("d2")), "m2": int(m2), "y2": y2}
            end = tail.end()
        else:
            if not sep and not y and not cued:
                continue  # "5 tháng 9" with no cue and no year: a duration ("5 tháng")
            mention = DateMention(start, end, "date", part_of_day=pod)
            mention.parts = {"d": d, "m": mo, "y": y}
        if cued and pre.group("paren"):  # "Sáng nay (6/6)": the bracket closes inside the span
            close = _CLOSE.match(text, end)
            if close:
                mention.end = close.end()
        out.append(mention)
    return out


def _cued_bare(text: str, a: int, end: int, pre: re.Match, bare: re.Pattern, tail, out: list) -> bool:
    """Whether a day–month with no cue of its own in the span is a day all the same: after a
    holiday's name or a cue word (``Ngày Nhà giáo Việt Nam 20/11``, ``nhân dịp 20/11``), alone in
    brackets after words (``(20/11)``, not the share of ``100% (12/12)``), as the next of a list of
    days (``ngày 30/4 và 1/5``), opening a range after ``từ`` (``từ 5/9 đến 10/9``), after a time of
    day (``15:00 06/12``), or leading a paragraph with a comma after it (``20/4, UBND huyện …``)."""
    if pre.group("paren") and not _after_a_number(text, pre.start("paren")) and _CLOSE.match(text, end):
        return True
    if _counts_something(text, end):
        return False  # "đưa vào 3/4 trường": a share of what follows
    if out and out[-1].end <= a and _LIST_JOIN.match(text[out[-1].end:a]) is not None:
        return True
    if _TIME_BEFORE.search(text, max(0, a - 24), a):
        return True
    if _LEAD_BEFORE.search(text, max(0, a - 32), a) and _COMMA_AFTER.match(text, end):
        return True
    if tail is not None and _FROM.search(text, max(0, a - 8), a):
        return True
    return bare.search(text, max(0, a - HOLIDAY_WINDOW), a) is not None


_COUNT_WORDS = ("số", "tổng số")  # "vào 2/3 số trường": a share of a count


def _counts_something(text: str, end: int) -> bool:
    """Whether a counted noun follows (``3/4 trường``, ``2000 học sinh``): the number is a count."""
    nxt = _NEXT_WORDS.match(text, end)
    if nxt is None:
        return False
    words = nxt.group(1).lower().split()
    return " ".join(words[:2]) in _COUNT_WORDS or words[0] in _COUNT_WORDS or bool(lx.longest_prefix(words, lx.object_heads()))


# A year that names a curriculum, not a time ("chương trình giáo dục phổ thông năm 2018").
_CURRICULUM = re.compile(r"chương\s+trình(?:\s+giáo\s+dục)?(?:\s+phổ\s+thông)?(?:\s+mới)?\s*$")


@dataclass
class DateMention:
    start: int
    end: int
    type: str
    value: str | None = None
    part_of_day: str | None = None
    parts: dict = field(default_factory=dict)


_DIGITS = re.compile(r"\d+")
_YEAR_LIST_NEXT = re.compile(rf"\s*(?:,|và|hoặc)\s*(?P<y>{Y})(?![\d/]|{DASH}\d|[.,]\d)")
_SY_LIST_NEXT = re.compile(rf"\s*(?:,|và|hoặc)\s*{SCHOOL_YEAR}")


def _school_year(m: re.Match, first: str = "sy1", second: str = "sy2") -> tuple[int, int] | None:
    """The two years of a school year written in groups ``first`` and ``second`` of ``m`` (the
    second as two digits, or four), or None when they are not consecutive."""
    y1 = int(m.group(first))
    raw2 = m.group(second)
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    return (y1, y2) if y2 == y1 + 1 else None


def candidates(text: str) -> list[DateMention]:
    """The date mentions of a text (view offsets), not yet resolved where a year is missing."""
    found: list[DateMention] = []
    low = lowered(text)
    for kind, rx in compiled_patterns():
        for m in rx.finditer(low):
            s = m.start()
            if s > 0 and (low[s - 1].isalnum() or kind == "school_year_pair" and low[s - 1] in _NUMBER_CHARS):
                continue  # inside a word ("Khánh Hòa năm" is fine, "xtháng" is not) or a number
            gd = m.groupdict()
            mention = DateMention(s, m.end(), kind)
            if kind.startswith("school_year"):
                sy = _school_year(m)
                plan = kind == "school_year_bare" and _COUNT_BEFORE.search(low, max(0, s - 4), s)
                if kind == "school_year_paren":  # "(2022 - 2023)": the years alone
                    mention.start = m.start("sy1")
                if plan or (sy is None and kind != "school_year" and len(gd["sy2"]) == 4
                            and int(gd["sy2"]) > int(gd["sy1"]) + 1):
                    # "kế hoạch 5 năm 2021-2025", "năm 2021 - 2025", "Đề án 2021-2030": a span of years,
                    # not a school year
                    if plan:
                        mention.start = plan.start()
                    elif _BARE_IN_BRACKET.search(low, 0, m.start("sy1")) and not _RANGE_HEAD_BEFORE().search(
                            low, max(0, s - 40), low.rfind("(", 0, m.start("sy1"))):
                        # an anniversary's "50 năm thành lập (1972 - 2022)", "trong 5 năm (2021 - 2025)":
                        # years without "năm" or a head word of their own are no date (contract 5.3)
                        continue
                    if len(gd["sy2"]) == 4 and int(gd["sy2"]) > int(gd["sy1"]):
                        mention.type, mention.value = "range", f"{gd['sy1']}/{gd['sy2']}"
                        found.append(mention)
                    continue
                if sy is None:
                    continue
                mention.type, mention.value = "school_year", f"{sy[0]}-{sy[1]}"
                if kind == "school_year":  # "các năm học 2022-2023, 2023-2024 và 2024-2025"
                    at = m.end()
                    while (nxt := _SY_LIST_NEXT.match(low, at)) is not None and (sy := _school_year(nxt)):
                        found.append(DateMention(nxt.start("sy1"), nxt.end(), "school_year", f"{sy[0]}-{sy[1]}"))
                        at = nxt.end()
            elif kind == "semester":
                sem = ROMAN[gd["sem"]]
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
            elif kind == "range_year_month":
                y1, y2, m2 = int(gd["y1"]), int(gd["y2"]), int(gd["m2"])
                if y2 < y1:
                    continue
                mention.type, mention.value = "range", f"{y1}/{y2}-{m2:02d}"
            elif kind == "range_months":
                mention.type = "range"
                m2, y2 = (gd["m2"], gd.get("y2")) if gd.get("m2") else (gd["m2c"], gd["y2c"])
                mention.parts = {"m1": int(gd["m1"]), "y1": gd.get("y1"), "m2": int(m2), "y2": y2}
            elif kind == "date_list":  # the first day's span starts at "ngày", the last ends with the month
                days = list(_DIGITS.finditer(low, m.start("days"), m.end("days")))
                y, mo = gd.get("y"), int(gd["m"])
                for i, day in enumerate(days):
                    if not _a_day(day.group(), mo, y):
                        continue
                    one = DateMention(s if i == 0 else day.start(), m.end() if i == len(days) - 1 else day.end(), "date")
                    one.parts = {"d": int(day.group()), "m": mo, "y": y}
                    found.append(one)
                continue
            elif kind == "half_year":
                mention.parts = {"half": 1 if gd["half"] == "đầu" else 2, "y": gd.get("y")}
            elif kind == "range_school_years":
                ends = [_school_year(m, "a1", "a2"), _school_year(m, "b1", "b2")]
                if None in ends or ends[1][0] <= ends[0][0]:
                    continue
                mention.type, mention.value = "range", "/".join(f"{y1}-{y2}" for y1, y2 in ends)
            elif kind == "months_of_year":
                n, y = {"ba": 3, "chín": 9}.get(gd["n"]) or int(gd["n"]), gd["y"]
                first, last = (1, n) if gd["half"] == "đầu" else (13 - n, 12)
                mention.type, mention.value = "range", f"{y}-{first:02d}/{y}-{last:02d}"
            elif kind == "quarter":
                mention.parts = {"q": ROMAN[gd["q"]], "y": gd.get("y")}
            elif kind == "month":
                if _NUMBER_BEFORE.search(low, max(0, s - 2), s):
                    continue  # "trong 5 tháng 9 ngày", "trẻ 24 tháng"
                mention.parts = {"m": int(gd["m"]), "y": gd.get("y")}
            elif kind == "year":
                if _CURRICULUM.search(low, max(0, s - CURRICULUM_WINDOW), s):
                    continue
                to = _TO_BEFORE.search(low, max(0, s - 8), s)
                if to:
                    mention.start = to.start()
                mention.value = gd["y"]
                at = m.end()  # "các năm 2021, 2022 và 2023": each year of the list
                while (nxt := _YEAR_LIST_NEXT.match(low, at)) is not None and not _counts_something(low, nxt.end()):
                    found.append(DateMention(nxt.start("y"), nxt.end(), "year", nxt.group("y")))
                    at = nxt.end()
            found.append(mention)
    found.extend(_day_mentions(low))
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
    school_years: list[tuple[int, int, int]]  # (position, first year, second year), in text order
    years: list[tuple[int, int]]  # (position, year) of every year written in the text, in order
    title_school_year: tuple[int, int] | None

    @property
    def article_school_year(self) -> tuple[int, int] | None:  # kept for readers of the old name
        return self.title_school_year


def parse_published(value) -> tuple[dt.date | None, bool]:
    """``(date, is_month)``: a month-only value (``2023-09``) counts as the last day of its month."""
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


# A year written anywhere in the text, also inside a document number (``Nghị quyết số
# 08/2024/NQ-HĐND``), for the chain of section 3. Not a year: a longer number (``1.995``), a
# document's own serial (``số 2046/QĐ-UBND``) and a count (``2000 học sinh``).
_YEAR_ANY = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?!\d|[.,]\d)")
_SERIAL_AFTER = re.compile(r"\s*/\s*[^\W\d]")
_SERIAL_BEFORE = re.compile(r"(?:số|số\s+hiệu)\s*$", re.IGNORECASE)
_DATE_BEFORE = re.compile(r"(?:năm|/|[-–—.])\s*$", re.IGNORECASE)
_NEXT_WORDS = re.compile(r"[ \t]+([^\W\d]+(?:[ \t]+[^\W\d]+){0,2})")  # on the same line


_FILE_OR_URL = re.compile(r"://|www\.|[^\W\d_]{2,}[-_.]\S*$", re.IGNORECASE)


def written_years(text: str) -> list[tuple[int, int]]:
    """(position, year) of the years written in ``text``, for the chain; a year inside a URL or a
    file name (``vlcsnap-2019-11-15.png``) is not written text."""
    out = []
    for m in _YEAR_ANY.finditer(text):
        a = m.start()
        token_start = max(text.rfind(" ", 0, a), text.rfind("\n", 0, a)) + 1
        if token_start < a and _FILE_OR_URL.search(text, token_start, a):
            continue
        before = text[max(0, a - 12):a]
        if _DATE_BEFORE.search(before):
            out.append((a, int(m.group())))
            continue
        if _SERIAL_BEFORE.search(before) or _SERIAL_AFTER.match(text, m.end()):
            continue
        if _counts_something(text, m.end()):
            continue  # "2000 học sinh": a count
        out.append((a, int(m.group())))
    return out


def build_context(text: str, title: str, published, mentions: list[DateMention]) -> YearContext:
    """The chain never reads the title (nor URLs): only a semester with no school year of its own
    takes the title's, the school year the article is about (5.3)."""
    pub, is_month = parse_published(published)
    school_years = []
    for mm in mentions:
        if mm.type in ("school_year", "semester") and mm.value and not mm.value.startswith("X"):
            y1, y2 = mm.value[:9].split("-")
            school_years.append((mm.start, int(y1), int(y2)))
    school_years.sort()
    title_sy = None
    if title:
        for mm in candidates(title):
            if mm.type in ("school_year", "semester") and mm.value:
                y1, y2 = mm.value[:9].split("-")
                title_sy = (int(y1), int(y2))
                break
    return YearContext(pub, is_month, Sentences(text), school_years, written_years(text), title_sy)


def _year_without_published(ctx: YearContext, pos: int, month: int | None) -> int | None:
    """Section 3's chain where ``published`` is null: the latest school year named in the same
    sentence, else the nearest one written before (a month 8-12 takes its first year, 1-7 its
    second); else the nearest year written before in reading order; else the first year written
    after it within its sentence. Never a later sentence, never the title."""
    a, b = ctx.sentences.bounds(pos)
    same = [s for s in ctx.school_years if a <= s[0] < b]
    chosen = max(same, key=lambda s: s[1]) if same else None
    if chosen is None:
        i = bisect.bisect_left(ctx.school_years, (pos,))
        chosen = ctx.school_years[i - 1] if i else None
    if chosen is not None:
        if month is None:
            return chosen[2]
        return chosen[1] if month >= 8 else chosen[2]
    i = bisect.bisect_left(ctx.years, (pos,))
    if i:
        return ctx.years[i - 1][1]
    if i < len(ctx.years) and ctx.years[i][0] < b:
        return ctx.years[i][1]
    return None


def _resolve_day(ctx: YearContext, pos: int, d: int, m: int) -> str:
    if ctx.published is not None:  # the most recent such day not more than 31 days after publication
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


def _resolve_year_only(ctx: YearContext, pos: int, month: int) -> str:
    """The year of a quarter or half-year written without one; ``month`` is its first month."""
    if ctx.published is not None:
        return f"{ctx.published.year:04d}"
    y = _year_without_published(ctx, pos, month)
    return f"{y:04d}" if y else "XXXX"


def _semester_school_year(ctx: YearContext, mm: DateMention) -> tuple[int, int] | None:
    """A semester without its own school year takes the school year the article is about: the
    title's, else the one its sentence pairs it with, else the nearest one before it, else the
    first the text names, else the one containing ``published`` (5.3)."""
    if ctx.title_school_year:
        return ctx.title_school_year
    a, b = ctx.sentences.bounds(mm.start)
    after = [s for s in ctx.school_years if mm.start <= s[0] < b]
    before = [s for s in ctx.school_years if s[0] < mm.start]
    same_before = [s for s in before if s[0] >= a]
    for group, pick in ((after, 0), (same_before, -1), (before, -1), (ctx.school_years, 0)):
        if group:
            return group[pick][1], group[pick][2]
    if ctx.published is not None:
        y = ctx.published.year
        return (y, y + 1) if ctx.published.month >= 8 else (y - 1, y)
    return None


def _full(y, m: int, d: int | None = None) -> str:
    return f"{int(y):04d}-{m:02d}" + (f"-{d:02d}" if d is not None else "")


def resolve(mentions: list[DateMention], ctx: YearContext) -> list[DateMention]:
    out = []
    for mm in mentions:
        p = mm.parts
        if mm.type == "date":
            mm.value = _full(p["y"], p["m"], p["d"]) if p["y"] else _resolve_day(ctx, mm.start, p["d"], p["m"])
        elif mm.type == "month":
            mm.value = _full(p["y"], p["m"]) if p["y"] else _resolve_month(ctx, mm.start, p["m"])
        elif mm.type == "quarter":
            y = p["y"] or _resolve_year_only(ctx, mm.start, 3 * p["q"] - 2)
            mm.value = f"{y}-Q{p['q']}"
        elif mm.type == "half_year":
            y = p["y"] or _resolve_year_only(ctx, mm.start, 1 if p["half"] == 1 else 7)
            mm.value = f"{y}-H{p['half']}"
        elif mm.type == "semester" and not mm.value:
            sy = _semester_school_year(ctx, mm)
            mm.value = f"{sy[0]}-{sy[1]}-S{p['sem']}" if sy else f"XXXX-XXXX-S{p['sem']}"
        elif mm.type == "range" and not mm.value and "d1" not in p:  # months
            m1, m2 = p["m1"], p["m2"]
            y1, y2 = (int(p["y1"]) if p["y1"] else None), (int(p["y2"]) if p["y2"] else None)
            if y1 is None and y2 is not None:
                y1 = y2 if m1 <= m2 else y2 - 1
            elif y2 is None and y1 is not None:
                y2 = y1 if m1 <= m2 else y1 + 1
            start = _full(y1, m1) if y1 else _resolve_month(ctx, mm.start, m1)
            end = _full(y2, m2) if y2 else _resolve_month(ctx, mm.start, m2)
            if not y2 and start[:4].isdigit() and end[:4].isdigit() and end < start:
                end = f"{int(start[:4]) + 1:04d}{end[4:]}"
            mm.value = f"{start}/{end}"
        elif mm.type == "range" and not mm.value:  # days
            d1, m1, d2, m2 = int(p["d1"]), int(p["m1"]), int(p["d2"]), int(p["m2"])
            y1, y2 = (int(p["y1"]) if p["y1"] else None), (int(p["y2"]) if p["y2"] else None)
            if y1 is None and y2 is not None:
                y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
            elif y2 is None and y1 is not None:
                y2 = y1 if (m1, d1) <= (m2, d2) else y1 + 1
            if y1 is not None:
                start, end = _full(y1, m1, d1), _full(y2, m2, d2)
            else:
                start = _resolve_day(ctx, mm.start, d1, m1)
                end = _resolve_day(ctx, mm.start, d2, m2)
                if start[:4].isdigit() and end[:4].isdigit() and end < start:
                    # the end of a range follows its start: in the start's year, or the next one
                    # when the range runs over the new year ("từ 5/9 đến 10/9" published 2025-08-09:
                    # the 31-day rule alone would put the end a year before the start)
                    year = int(start[:4]) + (1 if (m2, d2) < (m1, d1) else 0)
                    end = f"{year:04d}{end[4:]}"
            mm.value = f"{start}/{end}"
        out.append(mm)
    return out


def extract_dates(text: str, title: str = "", published=None) -> list[DateMention]:
    mentions = candidates(text)
    ctx = build_context(text, title, published, mentions)
    return resolve(mentions, ctx)
