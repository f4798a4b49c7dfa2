"""Reported statistics (contract section 1): ``hơn 7.300 lớp``, ``giảm 30 cán bộ quản lý``, ``99,82%``.

Written by hand: the grammar of Vietnamese counted phrases (qualifier + change word + number +
classifier/noun, objects to the left for rates and money, a change word heading a list) is what
this product is about, and no library covers it. Matching runs on the normalised view.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import lexicon as lx
from .numbers import MAGNITUDE, NUMBER, magnitude, parse_number

QUALIFIERS = [
    ("gần như", "nearly"), ("gần", "nearly"),
    ("hơn", "over"), ("trên", "over"), ("ngoài", "over"), ("vượt", "over"),
    ("dưới", "under"), ("chưa đến", "under"), ("chưa tới", "under"), ("không quá", "under"),
    ("khoảng chừng", "about"), ("khoảng", "about"), ("xấp xỉ", "about"), ("chừng", "about"),
    ("ước tính", "about"), ("ước", "about"), ("trung bình", "about"),
]
QUALIFIER_OF = dict(QUALIFIERS)
CHANGES = [("tăng thêm", "increase"), ("tăng", "increase"), ("giảm bớt", "decrease"), ("giảm", "decrease")]
CHANGE_OF = dict(CHANGES)
UNITS = {
    "%": "percent", "phần trăm": "percent",
    "đồng": "vnd", "đ": "vnd", "vnđ": "vnd", "vnd": "vnd",
}
PHYSICAL_UNITS = r"m2|m²|m3|km2|km|ha|kg|tấn|lít|usd"

# Figures are matched from their digits; the change word and qualifier before the number are
# looked up backwards (a pattern starting with optional words is tried at every position).
FIGURE_CORE = re.compile(
    rf"(?<![\w/.,\-])(?P<num>{NUMBER})(?:\s*/\s*(?P<total>\d{{1,3}}(?:\.\d{{3}})+|\d+))?"
    rf"(?:\s*(?P<mag>{MAGNITUDE})(?![\w]))?"
    rf"(?:\s*(?P<unit>%|phần\s+trăm|điểm\s+phần\s+trăm|vnđ|vnd|đồng|đ|{PHYSICAL_UNITS})(?![\w]))?",
    re.IGNORECASE,
)
FIGURE_PREFIX = re.compile(
    rf"(?<![\w])(?P<change>(?:{lx.phrase_alternation([c for c, _ in CHANGES])})(?:\s+(?:lên|xuống|thêm|bớt))?\s+)?"
    rf"(?P<qual>{lx.phrase_alternation([q for q, _ in QUALIFIERS])}\s+)?$",
    re.IGNORECASE,
)


class _Hit:
    """A figure candidate: the number's match plus the words found before it."""

    def __init__(self, core: re.Match, prefix: re.Match | None):
        self.core = core
        self.prefix = prefix if prefix and (prefix.group("change") or prefix.group("qual")) else None

    def group(self, name: str):
        if name in ("change", "qual"):
            return self.prefix.group(name) if self.prefix else None
        return self.core.group(name)

    def start(self, name: str | None = None) -> int:
        if name is None:
            return self.prefix.start() if self.prefix else self.core.start()
        return self.core.start(name)

    def end(self, name: str | None = None) -> int:
        return self.core.end() if name is None else self.core.end(name)


def _hits(text: str):
    for core in FIGURE_CORE.finditer(text):
        yield _Hit(core, FIGURE_PREFIX.search(text, max(0, core.start() - 30), core.start()))


# Words right before a number that make it a name, not a count (contract: grade and level
# names, document numbers, ranks, scores, Covid-19, durations written as "năm 2021").
_NAME_BEFORE = re.compile(
    r"(?:^|[\s(])(?:lớp|khối|mức\s+độ|mức|cấp\s+độ|hệ|thứ|hạng|ngày|tháng|năm|quý|học\s+kỳ|học\s+kì|khóa|khoá|"
    r"tập|trang|điều|khoản|chương|tiết|tuần|đợt|kỳ|kì|lần|covid|sars-cov|điểm|top|phiên|nhóm|tổ|lô|"
    r"phòng|câu|bài|đề|vòng|bảng|mục|phần|cấp|level|bậc|giai\s+đoạn|chương\s+trình|tầng|km\s+số|"
    r"(?:quyết\s+định|nghị\s+quyết|nghị\s+định|thông\s+tư|công\s+văn|kế\s+hoạch|chỉ\s+thị|văn\s+bản|"
    r"thông\s+báo|tờ\s+trình|báo\s+cáo|hướng\s+dẫn|luật|nhà|đường|tổ\s+dân\s+phố|xóm|điện\s+thoại|"
    r"hotline|fax|đt)\s*(?:số)?|số)\s*[-–—:]?\s*$",
    re.IGNORECASE,
)
_DURATION_AFTER = re.compile(
    r"^\s*(?:tuổi|năm|tháng|ngày|tuần|giờ|phút|giây|h\d|h\b|thế\s+kỷ|buổi/tuần|tiết/tuần)", re.IGNORECASE)
_AFTER_REJECT = re.compile(r"^(?:/\s*[A-Za-zĐđ]|[-–]\s*[A-ZĐ]|[.,/]\d|\d)")
_LEFT_STOP = re.compile(r"[,;:.!?\n(]")
_LEFT_TRAILING = re.compile(
    r"(?:\s+|^)(?:đạt|là|bằng|chiếm|lên|tới|đến|với|có|được|ở\s+mức|còn|:|gồm|tương\s+đương|trên|dưới|"
    r"(?:giảm|tăng)(?:\s+(?:còn|xuống|lên))?|"
    r"khoảng|tổng\s+cộng|với\s+tổng\s+số|trị\s+giá|tổng\s+trị\s+giá)\s*$", re.IGNORECASE)
_LEFT_LEADING = re.compile(r"^(?:và|với|trong\s+đó|riêng|còn|đặc\s+biệt|nhìn\s+chung|theo\s+đó)\s+", re.IGNORECASE)
_LEFT_KEYWORD = re.compile(
    r"(?:tổng\s+)?(?:tỷ\s+lệ|tỉ\s+lệ|kinh\s+phí|ngân\s+sách|nguồn\s+vốn|vốn|số\s+tiền|tổng\s+mức\s+đầu\s+tư|"
    r"giá\s+trị|chi\s+phí|học\s+phí|mức\s+hỗ\s+trợ|mức|chỉ\s+số|điểm\s+trung\s+bình|sĩ\s+số|bình\s+quân)",
    re.IGNORECASE)
_COUNT_SUBJECT = re.compile(
    r"(?:tổng\s+)?số(?:\s+lượng)?\s+(?P<obj>[^,;:.!?\n]*?(?:,\s*[^,;:.!?\n]*?)*?)\s+"
    r"(?:trong|của|tại|toàn|trên|ở|là|đạt|có|được|gồm)\b", re.IGNORECASE)
_AWARD_CONTEXT = re.compile(
    r"bằng\s+khen|giấy\s+khen|cờ\s+thi\s+đua|khen\s+thưởng|danh\s+hiệu|giải\s+thưởng|tuyên\s+dương|vinh\s+danh",
    re.IGNORECASE)
_CLASSIFIERS = {"người", "lượt", "lượt người"}
_CLASSIFIER_HEADS = {"em", "cháu", "người", "lượt", "con", "chiếc", "bộ"}
_WORD = re.compile(r"[^\s,;:.!?()\[\]\"“”/…]+")


@dataclass
class Figure:
    start: int
    end: int
    value: float
    unit: str
    qualifier: str
    change: str | None
    object: str | None
    object_start: int | None
    object_end: int | None
    metric: str | None
    total: float | None = None


def _words_after(text: str, pos: int, limit: int = 14) -> list[tuple[int, int, str]]:
    """Words after ``pos`` up to the clause end; a comma is kept as a word so lists can join."""
    out = []
    i = pos
    n = len(text)
    while i < n and len(out) < limit:
        while i < n and text[i] in " \t":
            i += 1
        if i >= n or text[i] in "\n;:.!?()[]\"“”…":
            break
        if text[i] == ",":
            out.append((i, i + 1, ","))
            i += 1
            continue
        m = _WORD.match(text, i)
        if not m:
            break
        out.append((m.start(), m.end(), m.group(0)))
        i = m.end()
    return out


def _phrase_len(words: list[tuple[int, int, str]], k: int, vocabulary) -> int:
    toks = []
    for w in words[k:k + 6]:
        if w[2] == ",":
            break
        toks.append(w[2].lower())
    n = lx.longest_prefix(toks, vocabulary)
    if n == 0 and toks and toks[0].isascii():  # text typed without diacritics ("hoc sinh")
        n = lx.longest_prefix(toks, lx.stripped(vocabulary))
    return n


def _right_object(text: str, pos: int, word_spans) -> tuple[int, int] | None:
    """The counted noun phrase right after a number: head noun, its modifiers, and a comma list
    of further heads without numbers (``trường, trung tâm``)."""
    words = _words_after(text, pos)
    if not words or words[0][2] == ",":
        return None
    heads, mods, stop = lx.object_heads(), lx.object_modifiers(), lx.object_stopwords()
    k = 0
    n = _phrase_len(words, 0, heads)
    if n == 0:
        first = words[0][2]
        if not first[:1].islower() or first.lower() in stop or not first.isalpha():
            return None
        # an unknown noun: the word underthesea segmented there (``phần mềm``), else one syllable
        end = words[0][1]
        if word_spans is not None:
            span = word_spans(words[0][0])
            if span and span[0] == words[0][0]:
                end = max(end, min(span[1], words[-1][1]))
        while k < len(words) and words[k][1] <= end:
            k += 1
        k = max(k, 1)
    else:
        k = n
    end = words[k - 1][1]
    while k < len(words):
        if words[k][2] == ",":
            if k + 1 < len(words) and words[k + 1][2] != "," and not words[k + 1][2][:1].isdigit():
                n = _phrase_len(words, k + 1, heads)
                if n:
                    k += 1 + n
                    end = words[k - 1][1]
                    continue
            break
        n = _phrase_len(words, k, mods)
        head_n = _phrase_len(words, k, heads)
        if head_n > n and words[0][2].lower() in _CLASSIFIER_HEADS:
            n = head_n  # "150 em học sinh": a classifier followed by the noun it counts
        if not n:
            break
        if [w[2].lower() for w in words[k:k + n]] == [w[2].lower() for w in words[k - n:k]]:
            break  # a doubled word in the source ("ý kiến phát biểu phát biểu")
        k += n
        end = words[k - 1][1]
    return words[0][0], end


def _left_object(text: str, start: int) -> tuple[int, int] | None:
    """The noun phrase a rate or an amount describes, to its left (``tỷ lệ tốt nghiệp THPT đạt``)."""
    lo = max(0, start - 160)
    seg_start = lo
    for m in _LEFT_STOP.finditer(text, lo, start):
        seg_start = m.end()
    seg = text[seg_start:start]
    # drop the verbs and qualifiers between the phrase and the number
    while True:
        m = _LEFT_TRAILING.search(seg)
        if not m or m.start() == m.end():
            break
        seg = seg[:m.start()]
    m = _LEFT_LEADING.match(seg.lstrip())
    lead = len(seg) - len(seg.lstrip()) + (m.end() if m else 0)
    kw = _LEFT_KEYWORD.search(seg, lead)
    a = kw.start() if kw else lead
    phrase = seg[a:].rstrip()
    if not phrase.strip() or not any(ch.isalpha() for ch in phrase):
        return None
    stripped = phrase.lstrip()
    a += len(phrase) - len(stripped)
    return seg_start + a, seg_start + a + len(stripped)


def metric_of(obj: str | None, unit: str) -> str | None:
    if unit == "vnd":
        return "budget"
    if not obj or "/" in unit:
        return None
    vocab = lx.metric_heads()
    if obj.isascii():
        vocab = lx.stripped(vocab)
    keys = []
    for item in re.split(r"\s*,\s*|\s+và\s+", obj.strip().lower()):
        words = item.split()
        n = lx.longest_prefix(words, vocab)
        # "giải pháp" is not "giải": a longer non-metric head wins over a shorter metric one
        if n and lx.longest_prefix(words, lx.object_heads()) > n:
            n = 0
        keys.append(vocab[" ".join(words[:n])] if n else None)
    if not keys or keys[0] is None:
        return None
    found = set(keys)
    if len(found) == 1:
        return keys[0]
    if found <= {"teachers", "managers", "staff"}:
        return "staff"
    return keys[0]


def _is_name_number(text: str, m: "_Hit") -> bool:
    before = text[max(0, m.start() - 40):m.start()]
    if not m.group("qual") and not m.group("change") and _NAME_BEFORE.search(before):
        if not re.search(r"(?:tổng\s+số|số\s+lượng)\s*$", before, re.IGNORECASE):
            return True
    after = text[m.end():m.end() + 20]
    if not m.group("unit") and _DURATION_AFTER.match(after):
        return True
    if _AFTER_REJECT.match(text[m.end("num") if not m.group("total") else m.end("total"):][:3]):
        return True
    if m.start("num") > 0 and (text[m.start("num") - 1].isalnum() or text[m.start("num") - 1] in "/.-_"):
        return True
    return False


def extract_figures(text: str, excluded: list[tuple[int, int]] = (), word_spans=None) -> list[Figure]:
    figures: list[Figure] = []
    excluded = sorted(excluded)
    for m in _hits(text):
        a_num = m.start("num")
        if m.start() > 0 and text[m.start() - 1].isalnum() and (m.group("change") or m.group("qual")):
            continue  # "thăng 5" is not "tăng 5"
        k = bisect.bisect_right(excluded, (a_num, float("inf"))) - 1
        if k >= 0 and excluded[k][0] <= a_num < excluded[k][1]:
            continue
        if _is_name_number(text, m):
            continue
        num_raw = m.group("num")
        value = parse_number(num_raw)
        if m.group("mag"):
            value *= magnitude(m.group("mag"))
        unit_raw = (m.group("unit") or "").lower()
        unit = UNITS.get(re.sub(r"\s+", " ", unit_raw), unit_raw) if unit_raw else "count"
        end = m.end()
        obj_span = None
        if unit in ("percent", "vnd") or unit_raw:
            right = _right_object(text, m.end(), word_spans)
            if right and lx.longest_prefix(text[right[0]:right[1]].lower().split(), lx.object_heads()):
                obj_span = right
                end = right[1]
            else:
                obj_span = _left_object(text, m.start())
        else:
            right = _right_object(text, m.end(), word_spans)
            if right is None:
                continue
            head_text = text[right[0]:right[1]]
            # a ratio keeps its unit as written: "37,8 học sinh/lớp"
            ratio = re.match(r"\s*/\s*([^\s,;.]+(?:\s+[^\s,;.]+)?)", text[right[1]:])
            if ratio and lx.longest_prefix(ratio.group(1).lower().split(), lx.object_heads()):
                tail_n = lx.longest_prefix(ratio.group(1).lower().split(), lx.object_heads())
                tail = " ".join(ratio.group(1).split()[:tail_n])
                unit = f"{head_text}/{tail}"
                end = right[1] + ratio.group(0).index(tail) + len(tail)
                obj_span = _left_object(text, m.start())
            elif head_text.lower() == "điểm":
                # a score or a mean score measures in points ("đạt 6,12 điểm"): unit, object to the left
                unit = "điểm"
                end = right[1]
                obj_span = _left_object(text, m.start())
                if obj_span is None and figures and figures[-1].unit == "điểm" and not re.search(
                        r"[.!?\n]", text[figures[-1].end:m.start()]):
                    obj_span = (figures[-1].object_start, figures[-1].object_end)
            else:
                obj_span = right
                end = right[1]
                # a year written alone is not a count ("chương trình 2018 đối với")
                if re.fullmatch(r"(?:19|20)\d{2}", num_raw) and not lx.longest_prefix(
                        head_text.lower().split(), lx.object_heads()):
                    continue
        if obj_span is None and unit in ("percent", "vnd", "điểm phần trăm") and figures and figures[-1].unit == unit \
                and figures[-1].object and not re.search(r"[.!?\n]", text[figures[-1].end:m.start()]):
            # "đạt 99,82%, tăng 0,5%": the change describes the same rate
            obj_span = (figures[-1].object_start, figures[-1].object_end)
        obj = text[obj_span[0]:obj_span[1]] if obj_span else None
        if obj and obj.lower() in _CLASSIFIERS:
            # a classifier takes the phrase it counts: "Số cán bộ ... là hơn 16.360 người"
            clause_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            subj = None
            for sm in _COUNT_SUBJECT.finditer(text, clause_start, m.start()):
                subj = sm
            if subj:
                obj_span = (subj.start("obj"), subj.end("obj"))
                obj = subj.group("obj")
        # "tăng", "tăng thêm", "tăng lên" are all increases: the first word decides
        change = CHANGE_OF[m.group("change").split()[0].lower()] if m.group("change") else None
        qual = QUALIFIER_OF.get(" ".join(m.group("qual").lower().split())) if m.group("qual") else "exact"
        metric = metric_of(obj, unit)
        if metric is not None and metric != "budget" and obj:
            clause_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start()),
                               text.rfind(";", 0, m.start())) + 1
            if _AWARD_CONTEXT.search(text, clause_start, m.start()):
                metric = "awards"
        start = m.start()
        total = None
        if m.group("total"):
            total = parse_number(m.group("total"))
            if total < value:
                continue
        figures.append(Figure(start, end, value, unit, qual or "exact", change, obj,
                              obj_span[0] if obj_span else None, obj_span[1] if obj_span else None,
                              metric, total))
    # a change word covers the list it heads: "giảm 30 cán bộ quản lý, 140 giáo viên, 209 nhân viên"
    for prev, cur in zip(figures, figures[1:]):
        if cur.change is None and prev.change and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[prev.end:cur.start]):
            cur.change = prev.change
    return figures
