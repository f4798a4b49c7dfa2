"""Where and when a figure applies (contract section 1, "province" and "period"), and the
sentence a record sits in: what lets a researcher line reports up by province and school year."""
from __future__ import annotations

import bisect
import re
from functools import lru_cache

from . import lexicon as lx
from .normalize import view_text

_SENT_END = re.compile(r"[.!?…]+(?=\s)|\n")
_RELATIVE = re.compile(r"năm\s+học\s+(?:vừa\s+qua|qua|trước|này|vừa\s+kết\s+thúc)", re.IGNORECASE)
_REVIEW = re.compile(r"(?:tổng\s+kết|sơ\s+kết|nhìn\s+lại|kết\s+quả)\s+(?:học\s+k[ỳì]\s+\w+\s+)?năm\s+học\s+"
                     r"(?P<y1>(?:19|20)\d{2})\s*[-–—]\s*(?P<y2>(?:19|20)\d{2})", re.IGNORECASE)
PERIOD_TYPES = ("school_year", "semester", "half_year", "quarter", "month", "year")


class Sentences:
    """Sentence boundaries of one text, computed once (articles can be long)."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [m.end() for m in _SENT_END.finditer(text)]

    def bounds(self, start: int, end: int | None = None) -> tuple[int, int]:
        end = start if end is None else end
        i = bisect.bisect_right(self.ends, start)
        a = self.ends[i - 1] if i else 0
        j = bisect.bisect_right(self.ends, max(start, end))
        b = self.ends[j] if j < len(self.ends) else len(self.text)
        while a < b and self.text[a].isspace():
            a += 1
        return a, b

    def of(self, start: int, end: int) -> str:
        a, b = self.bounds(start, end)
        return self.text[a:b].strip()


@lx.derived
def _province_re() -> re.Pattern:
    # the look-ahead on the names' first letters lets the scan skip every other position quickly
    # (names are matched as written, capitalised): four times faster on a text that names none
    first = "".join(sorted({re.escape(name[0]) for name in lx.provinces()}))
    return re.compile(rf"(?<![\w])(?=[{first}]){lx.phrase_alternation(lx.provinces())}(?![\w])")


@lx.register
@lru_cache(maxsize=4096)
def province_in(text: str) -> str | None:
    m = _province_re().search(view_text(text))
    return " ".join(m.group(0).split()) if m else None


def provinces_in(view: str, limit: int | None = None) -> list[str]:
    """The provinces named in ``view`` (a text already in ``view_text`` form), in order, once each
    (the first ``limit`` of them)."""
    found: dict[str, None] = {}
    for m in _province_re().finditer(view):
        found.setdefault(" ".join(m.group(0).split()))
        if limit is not None and len(found) >= limit:
            break
    return list(found)


def review_school_year(title: str, text: str) -> str | None:
    for src in (title or "", text):
        m = _REVIEW.search(view_text(src))
        if m and int(m.group("y2")) == int(m.group("y1")) + 1:
            return f"{m.group('y1')}-{m.group('y2')}"
    return None


def school_year_of(published) -> str | None:
    if not published:
        return None
    s = str(published)
    y, mo = int(s[:4]), int(s[5:7]) if len(s) >= 7 else 1
    return f"{y}-{y + 1}" if mo >= 8 else f"{y - 1}-{y}"


def figure_context(text: str, title: str, published, source_province: str | None,
                   figures: list[dict], dates: list[dict], sentences: Sentences | None = None) -> None:
    """Add ``province``, ``period`` and ``sentence`` to each figure record, in place."""
    title_province = province_in(title or "")
    review = review_school_year(title, text)
    periods = sorted((d for d in dates if d["type"] in PERIOD_TYPES and d.get("value") and "X" not in d["value"]),
                     key=lambda d: d["start"])
    starts = [d["start"] for d in periods]
    sentences = sentences or Sentences(text)

    def between(lo: int, hi: int) -> list[dict]:
        return periods[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    for f in figures:
        a, b = sentences.bounds(f["start"], f["end"])
        sentence = text[a:b].strip()
        f["sentence"] = sentence
        f["province"] = province_in(sentence) or title_province or source_province
        para_start = text.rfind("\n", 0, f["start"]) + 1
        in_sentence_before = between(a, f["start"])
        in_sentence = between(a, b)
        before_in_para = between(para_start, a)
        if in_sentence_before:
            period = in_sentence_before[-1]["value"]
        elif review and _RELATIVE.search(view_text(sentence)):
            period = review
        elif in_sentence:
            period = in_sentence[0]["value"]
        elif before_in_para:
            period = before_in_para[-1]["value"]
        else:
            period = review or school_year_of(published)
        f["period"] = period
