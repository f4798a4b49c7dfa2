"""Publication dates as Vietnamese portals print them. The visible date is the one to trust:
NukeViet's RSS pubDate puts the month where the minutes go and its ``article:published_time`` is
not ISO (``2021-09-05+0723:13:00``). Written by hand because these formats are the portals' own
(``Thứ Năm, 17/08/2017 19:40``, ``Cập nhật: 25 - 02 - 2021``, ``Được đăng ngày 07 Tháng 3 2018``,
``30 Tháng Chín, 2015``, ``28/03/2024 11:06 CH``); htmldate is the fallback for pages that show none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH_WORDS = {"một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
                "tám": 8, "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12}
_MONTH_WORD = "|".join(sorted(map(re.escape, _MONTH_WORDS), key=len, reverse=True))
_TIME = r"(?:\s*(?:[,|\-–—]|lúc)?\s*(?P<H>\d{1,2})\s*(?:[:h]|giờ)\s*(?P<M>\d{2})(?:\s*:\s*\d{2})?\s*(?P<ampm>(?:SA|CH|AM|PM)(?![^\W\d_]))?(?![\d:]))?"
_PATTERNS = [
    # 17/08/2017 19:40, 25 - 02 - 2021, 05.09.2021
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?P<s>[/.\-])\s*(?P<m>\d{{1,2}})\s*(?P=s)\s*(?P<y>(?:19|20)\d{{2}})(?!\d){_TIME}",
               re.IGNORECASE),
    # 2021-09-05, 2021-09-05T23:13
    re.compile(rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})(?:[T ](?P<H>\d{{2}}):(?P<M>\d{{2}}))?"),
    # 07 Tháng 3 2018, ngày 5 tháng 9 năm 2021, 30 Tháng Chín, 2015
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}})\s+tháng\s+(?:(?P<m>\d{{1,2}})|(?P<mw>{_MONTH_WORD}))\s*,?\s*(?:năm\s+)?"
               rf"(?P<y>(?:19|20)\d{{2}})(?!\d){_TIME}", re.IGNORECASE),
    # Tháng Chín 30, 2015
    re.compile(rf"tháng\s+(?P<mw>{_MONTH_WORD})\s+(?P<d>\d{{1,2}})\s*,\s*(?P<y>(?:19|20)\d{{2}})(?!\d){_TIME}",
               re.IGNORECASE),
]


@dataclass
class VisibleDate:
    value: str        # 2021-09-05 or 2021-09-05T23:13
    start: int        # where it is in the text it was found in
    end: int


def find_dates(text: str | None) -> list[VisibleDate]:
    """Every publication-style date in ``text``, in order."""
    if not text:
        return []
    found = []
    for rx in _PATTERNS:
        for m in rx.finditer(text):
            value = _value(m)
            if value:
                found.append(VisibleDate(value, m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    kept = []
    for d in found:  # one reading per stretch of text
        if kept and d.start < kept[-1].end:
            continue
        kept.append(d)
    return kept


def _value(m: re.Match) -> str | None:
    g = m.groupdict()
    month = int(g["m"]) if g.get("m") else _MONTH_WORDS.get(" ".join((g.get("mw") or "").lower().split()))
    if not month:
        return None
    d, y = int(g["d"]), int(g["y"])
    if not (1 <= month <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100):
        return None
    out = f"{y:04d}-{month:02d}-{d:02d}"
    if g.get("H"):
        hour, minute = int(g["H"]), int(g["M"])
        ampm = (g.get("ampm") or "").upper()
        if ampm in ("CH", "PM") and hour < 12:
            hour += 12
        elif ampm in ("SA", "AM") and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            out += f"T{hour:02d}:{minute:02d}"
    return out


def parse_visible_date(text: str | None) -> str | None:
    """The first date in ``text``: ``Chủ nhật - 05/09/2021 23:13`` -> ``2021-09-05T23:13``."""
    dates = find_dates(text)
    return dates[0].value if dates else None
