"""Reported statistics (contract section 1 and 5.1): ``hơn 7.300 lớp``, ``giảm 30 cán bộ quản lý``, ``99,82%``.

Written by hand: the grammar of Vietnamese counted phrases (qualifier + change word + number +
classifier/noun, objects to the left for rates and money, a change word heading a list, shares and
their percentages, breakdowns in brackets) is what this product is about, and no library covers it.
The words these rules look for are data in ``nlp/data`` (one file per word class, named below);
this module holds the grammar. Matching runs on the normalised view.

How a number becomes a figure, in order:
1. the number, its magnitude and unit (``_core_re``), and the qualifier and change word right
   before it (``FIGURE_PREFIX``); numbers that name, order, date or time things are dropped
   (``_is_name_number``);
2. its object: the counted noun phrase after it (``_right_object``), else, for percentages, money
   and measures, the phrase it describes to its left (``_object_left``); a lone classifier (``em``,
   ``người``) takes the counted phrase before it (``_counted_phrase``); a number with no noun at all
   is a figure only where its clause says what it counts (``_bare_count``);
3. a change at a distance (``tăng so với năm trước là 1,35%``) and a change word heading a list.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from . import lexicon as lx
from .numbers import MAGNITUDE, NUMBER, magnitude, parse_number

# Named windows, in characters of the normalised view unless said otherwise.
PREFIX_WINDOW = 30      # qualifier and change word right before a number
LEFT_WINDOW = 200       # how far back an object to the left of a number may start
DISTANCE_WINDOW = 90    # a change word with its comparison base before the number ("tăng so với …")
NAME_WINDOW = 40        # words that make a number a name ("Quyết định số", "lớp")
BREAKDOWN_LABEL_WORDS = 6  # syllables of a part's label after "trong đó" ("lưu học sinh diện Hiệp định gần 4.000 người")
RIGHT_WORDS = 14        # words read after a number for its object
MAX_GRADE = 12          # "lớp 12" is a grade; "ra lớp 86.079 học sinh" counts pupils

QUALIFIERS = [
    ("gần như", "nearly"), ("gần", "nearly"),
    ("hơn", "over"), ("trên", "over"), ("ngoài", "over"),
    ("dưới", "under"), ("chưa đến", "under"), ("chưa tới", "under"),
    ("khoảng chừng", "about"), ("khoảng", "about"), ("xấp xỉ", "about"), ("chừng", "about"),
    ("ước tính", "about"), ("ước", "about"),
]  # contract 1, whose list is closed: "không quá 10%" is exact, its span the number (as every gold
# annotator read it); "trung bình"/"bình quân" (an average) is no hedge: "Sĩ số trung bình 35 học sinh/lớp" is exact
QUALIFIER_OF = dict(QUALIFIERS)
# Change words right before the number (contract 1; 5.1 "Differences from a plan … are changes";
# the gold's decision that a bare "thêm" is "tăng thêm"). "vượt" is a change only against a plan,
# a target or an earlier level named in its sentence (_COMPARISON_BASE): "vượt 4 km đường đồi" is a walk.
CHANGES = [("tăng thêm", "increase"), ("tăng", "increase"), ("thêm", "increase"), ("cao hơn", "increase"),
           ("vượt", "increase"), ("giảm bớt", "decrease"), ("giảm", "decrease"), ("thấp hơn", "decrease"),
           ("nhiều hơn", "increase"), ("ít hơn", "decrease")]  # (these two only against a base: below)
CHANGE_OF = dict(CHANGES)


_CHANGE_WORDS = frozenset(c.split()[0] for c, _ in CHANGES)
# words for pupils or people after a number, where a small range of them is counted ("vắng 4-5 em")
_PEOPLE_WORDS = r"em|người|cháu|học\s+sinh|trẻ|trường\s+hợp"
# the words of an average ("bình quân mỗi năm", "trung bình 35 học sinh/lớp")
_AVERAGE = r"bình\s+quân|trung\s+bình"


def _change_of(words: str) -> str:
    """``tăng``, ``tăng thêm``, ``tăng lên``, ``cao hơn`` …: the change the words name."""
    w = words.lower().split()
    return CHANGE_OF.get(" ".join(w[:2])) or CHANGE_OF[w[0]]


UNITS = {
    "%": "percent", "phần trăm": "percent",
    "đồng": "vnd", "đ": "vnd", "vnđ": "vnd", "vnd": "vnd",
}
_COMPARISON_BASE = re.compile(r"so\s+với|chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu|dự\s+kiến|cùng\s+kỳ|định\s+mức",
                              re.IGNORECASE)


# -- vocabularies (nlp/data) --------------------------------------------------------------------
@lx.derived
def _keywords() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"rate": [], "money": [], "measure": [], "distance": []}
    for kind, phrase in lx.pairs("object_keywords.tsv"):
        out.setdefault(kind, []).append(phrase.lower())
    return out


def _lower_lines(name: str) -> list[str]:
    return [w.strip().lower() for w in lx.lines(name)]


@lx.derived
def _classifiers() -> dict[str, bool]:
    """classifier -> whether, alone, it takes the counted phrase before it."""
    return {w.lower(): flag == "phrase" for w, flag in lx.pairs("classifiers.tsv")}


@lx.derived
def _classifiers_longest_first() -> list[list[str]]:
    return [c.split() for c in sorted(_classifiers(), key=len, reverse=True)]


@lx.derived
def _verbs_not_counted() -> frozenset[str]:
    return frozenset(_lower_lines("verbs_not_counted.txt"))


@lx.derived
def _per_periods() -> frozenset[str]:
    return frozenset(_lower_lines("per_periods.txt"))


@lx.derived
def _prize_ranks() -> str:
    return lx.phrase_alternation(_lower_lines("prize_ranks.txt"))


@lx.derived
def _size_nouns() -> frozenset[str]:
    return frozenset(_lower_lines("size_nouns.txt"))


@lx.derived
def _not_counted() -> frozenset[str]:
    return frozenset(_lower_lines("not_counted.txt"))


def _tagged_alternation(tagged: list[tuple[str, str]], total: set[str]) -> re.Pattern:
    """Phrases tagged with a class, longest first, as whole words; ``match.lastgroup`` starts with
    the class of the phrase found. Classes in ``total`` take an optional ``tổng`` before."""
    parts = []
    for i, (phrase, tag) in enumerate(sorted(set(tagged), key=lambda pt: -len(pt[0]))):
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        if tag in total:
            body = r"(?:tổng\s+)?" + body
        parts.append(f"(?P<{tag}_{i}>{body})")
    return re.compile(rf"(?<![\w])(?:{'|'.join(parts)})(?![\w])", re.IGNORECASE)


def _tag(m: re.Match) -> str:
    return m.lastgroup.rsplit("_", 1)[0]


@lx.derived
def _distance_before_re() -> re.Pattern:
    """The distance word of a clause (object_keywords.tsv, "distance": ``cách``) before its number,
    nothing but words between them."""
    return re.compile(rf"(?<![\w])(?:{lx.phrase_alternation(_keywords()['distance'])})\s+[^,.;:!?\d]*$",
                      re.IGNORECASE)


@lx.derived
def _keyword_re() -> re.Pattern:
    """Any object keyword (object_keywords.tsv) with its optional "tổng"; ``_tag`` is its class."""
    return _tagged_alternation([(p, kind) for kind, ps in _keywords().items() for p in ps], set(_keywords()))


@lx.derived
def _money_word_re() -> re.Pattern:
    """Money nouns and money verbs in one alternation, longest first at each position, so that
    ``chi phí`` is a noun and not the verb ``chi``, ``tổng mức đầu tư`` not the verb ``đầu tư``."""
    tagged = [(p, "noun") for p in _keywords()["money"]] + [(p, "verb") for p in _lower_lines("money_verbs.txt")]
    return _tagged_alternation(tagged, {"noun"})


@lx.derived
def _trailing_re() -> re.Pattern:
    """Verbs, hedges and date words between an object to the left and its number."""
    words = lx.phrase_alternation(_lower_lines("object_verbs.txt"))
    dates = (r"(?:năm(?:\s+học)?|giai\s+đoạn|nhiệm\s+kỳ)\s+\d{4}(?:\s*[-–—]\s*\d{4})?|"
             r"(?:cùng\s+kỳ\s+)?năm\s+(?:học\s+)?(?:nay|này|trước|qua|ngoái)|(?:tháng|quý)\s+[\dIVX]+(?:\s*/\s*\d{4})?|"
             r"hiện\s+nay|hiện\s+tại|đến\s+nay")
    # not right after "tổng": "với tổng trị giá" is a money noun, "mỗi suất trị giá" a verb
    return re.compile(rf"(?:^|(?<!tổng)\s+)(?:{words}|{dates}|:)\s*$", re.IGNORECASE)


@lx.derived
def _opener_re() -> re.Pattern:
    return re.compile(rf"\s*(?:{lx.phrase_alternation(_lower_lines('object_openers.txt'))})(?:\s+|$)",
                      re.IGNORECASE)


@lx.derived
def _core_re() -> re.Pattern:
    """A number with its optional total (``27/31``), magnitude and unit. ``đồng`` is the currency
    unless a word of ``dong_compounds.txt`` makes it a noun (``45 đồng chí``)."""
    not_money = lx.phrase_alternation(_lower_lines("dong_compounds.txt"))
    measures = lx.phrase_alternation(_lower_lines("measure_units.txt"))
    return re.compile(
        # not inside a word, a number or a code; after a letter and "/" only as the second of two
        # counts ("1.530 học sinh/48 lớp", checked in _slash_ok); after "-" only as the second of a
        # range of counts ("12.000-15.000 học sinh", checked in _is_name_number) or of percentages ("85-90%")
        # (a share is also written in words: "6 trong tổng số 11 trường", as "6/11 trường"; and the
        # second of a range of sums: "4-7 triệu đồng")
        # (or of a small range of people: "vắng 4-5 em")
        rf"(?=\d)(?<![\d_])(?:(?<!-)|(?<=\d{{3}}-)|(?<=\d-)(?=\d[\d.,]*\s*%)|(?<=\d-)(?=\d[\d.,]*\s*(?:triệu|tỷ|tỉ)(?![\w]))"
        rf"|(?:(?<=(?<![\d.,/])\d-)|(?<=(?<![\d.,/])\d\d-))(?=\d{{1,2}}\s+(?:{_PEOPLE_WORDS})(?![\w])))(?<!\d[.,/])(?P<num>{NUMBER})(?:(?:\s*/\s*|\s+trong\s+(?:tổng\s+)?số\s+)(?P<total>\d{{1,3}}(?:\.\d{{3}})+|\d+))?"
        rf"(?:\s*(?P<mag>{MAGNITUDE})(?![\w]))?"
        rf"(?:\s*(?P<unit>%|phần\s+trăm|điểm\s+phần\s+trăm|vnđ|vnd|đồng(?!\s+(?:{not_money})(?![\w]))|đ|"
        rf"{measures})(?![\w]))?",
        re.IGNORECASE,
    )


FIGURE_PREFIX = re.compile(
    rf"(?<![\w])(?P<change>(?:{lx.phrase_alternation([c for c, _ in CHANGES])})(?:\s+(?:lên|xuống|thêm|bớt))?\s+"
    rf"(?:(?:bình\s+quân|trung\s+bình|khoảng)\s+(?=(?:{lx.phrase_alternation([q for q, _ in QUALIFIERS])})\s))?)?"
    rf"(?P<qual>{lx.phrase_alternation([q for q, _ in QUALIFIERS])}\s+)?$",
    re.IGNORECASE,
)
# A change word, its comparison base and an optional "là" before the number: "tăng so với năm học
# trước là 1,35%", "cao hơn năm trước 2,6%" (contract 5.1, "Change at a distance"). The base is
# words and years only: a bracket or a comma ends it, so "cao hơn mức chung (95,8%)" stays a level.
_DISTANT_CHANGE = re.compile(
    r"(?<![\w])(?P<word>tăng|giảm|vượt|cao\s+hơn|thấp\s+hơn)(?:\s+(?:thêm|bớt))?"
    r"(?:(?P<so>\s+so\s+với|(?<=vượt)(?=\s+(?:chỉ\s+tiêu|kế\s+hoạch|mục\s+tiêu|dự\s+kiến)))?"
    r"(?P<base>(?:\s+(?:[^\W\d_]+|(?:19|20)\d\d)){1,10}?)\s*(?:là|:)?|(?P<bracket>(?:\s+[^\W\d_]+){0,4}\s*\())\s*$",
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

    def drop_change(self, text: str) -> None:
        """Forget the change word (``vượt`` with no plan to exceed, ``tăng lên`` a level): the
        qualifier alone, if any."""
        if not self.prefix:
            return
        at = self.prefix.end("change")
        first = self.prefix.group("change").split()[0].lower()
        if first in ("nhiều", "ít"):  # "nhiều hơn 40 em" with no base: "hơn" is its qualifier
            at = self.prefix.start("change") + len(first)
        qual = FIGURE_PREFIX.search(text, at, self.core.start())
        self.prefix = qual if qual and qual.group("qual") and not qual.group("change") else None


def _hits(text: str):
    for core in _core_re().finditer(text):
        yield _Hit(core, FIGURE_PREFIX.search(text, max(0, core.start() - PREFIX_WINDOW), core.start()))


# Words right before a number that make it a name, not a count (contract: grade and level
# names, document numbers, ranks, prizes, scores, Covid-19, roads, wards, durations written as "năm 2021").
_NAME_BEFORE = re.compile(
    r"(?:^|[\s(])(?P<word>lớp|khối|mức\s+độ|mức|cấp\s+độ|hệ|thứ|hạng|ngày|tháng|năm|quý|học\s+kỳ|học\s+kì|khóa|khoá|"
    r"tập|trang|điều|khoản|chương|tiết|tuần|đợt|kỳ|kì|lần|covid|sars-cov|điểm|top|tốp|phiên|nhóm|tổ|lô|"
    r"phòng|câu|bài|đề|vòng|bảng|mục|phần|(?<!trang\s)(?<!cung\s)(?<!được\s)(?<!đã\s)(?<!trung\s)cấp|level|bậc|giai\s+đoạn|chương\s+trình|tầng|km\s+số|giải|"
    r"quốc\s+lộ|tỉnh\s+lộ|ql|quận|phường|khu\s+phố|ấp|thôn|(?<!học\s)cơ\s+sở|phụ\s+lục|"
    r"(?:quyết\s+định|nghị\s+quyết|nghị\s+định|thông\s+tư|công\s+văn|kế\s+hoạch|chỉ\s+thị|văn\s+bản|"
    r"thông\s+báo|tờ\s+trình|báo\s+cáo|hướng\s+dẫn|luật|nhà|đường|tổ\s+dân\s+phố|xóm|điện\s+thoại|"
    r"hotline|fax|đt|địa\s+chỉ)\s*(?:số)?|số)\s*[-–—:]?\s*$",
    re.IGNORECASE,
)
_SMALL_RANGE_SECOND = re.compile(r"(?<![\d.,/])\d{1,2}-$")
_PEOPLE_AFTER = re.compile(rf"\s+(?:{_PEOPLE_WORDS})(?![\w])", re.IGNORECASE)
_AVERAGE_WORD = re.compile(rf"(?:{_AVERAGE})(?![\w])", re.IGNORECASE)
_SLASH_TAIL = re.compile(r"\s*/\s*([^\s,;./]+(?:\s+[^\s,;./]+)?)")
_WORTH_BEFORE = re.compile(r"(?<![\w])(?<!tổng\s)trị\s+giá\s*$", re.IGNORECASE)
_LENGTH_UNITS = {"km", "m", "cây số", "mét"}
_CASH_AFTER = re.compile(r"\s+tiền(?![\w])", re.IGNORECASE)
_NETWORK_GENERATION = re.compile(r"[gG](?![\w])")
_GRADE_EXAM_BEFORE = re.compile(r"(?:thi\s+vào|tuyển\s+sinh(?:\s+vào)?)\s+$", re.IGNORECASE)
_RANKS_AFTER = re.compile(r"\s+(?:bậc|hạng|vị\s+trí|thứ\s+hạng)(?![\w])", re.IGNORECASE)
_GRADE_LIST_BEFORE = re.compile(r"(?<![\w])(?:lớp|khối)\s+\d{1,2}(?:\s*,\s*\d{1,2})*\s*(?:,|và|,\s*và)\s*$",
                                re.IGNORECASE)
_ODDS_AFTER = re.compile(r"\s+chọi\s+\d", re.IGNORECASE)
_ODDS_BEFORE = re.compile(r"(?<![\d.,])(?:1|một)\s+chọi\s+$", re.IGNORECASE)
_ODDS_WORD = re.compile(r"(?:tỷ|tỉ)\s+lệ\s+chọi", re.IGNORECASE)
_AGE_BOUNDS_BEFORE = re.compile(r"(?:độ|lứa|nhóm)\s+tuổi\s+(?:từ\s+)?(?:\d{1,2}\s*(?:[-–—]|đến|tới)\s*)?$",
                                re.IGNORECASE)
# a race or a throw named by its distance, and the next ones of its list ("bơi ếch 25 m, 50 m")
_SPORT_EVENT_BEFORE = re.compile(
    r"(?<![\w])(?:bơi|chạy|cự\s+l[yi]|nhảy|ném|đẩy\s+tạ)(?:\s+[^\W\d_]+){0,2}\s+"
    r"(?:\d+(?:[.,]\d+)?\s*(?:m|km|mét)\s*(?:,|và|;)\s*)*$", re.IGNORECASE)
_GRADE_WORDS = {"lớp", "khối"}
# document kinds that are verbs too: written in lower case before a counted noun, they count it
_DOCUMENT_VERBS = {"hướng dẫn", "báo cáo", "thông báo", "kế hoạch", "chỉ thị"}
# Durations, ages and timetables after a number (contract 5.1: "Not figures: durations, ages, ranks";
# "timetables học 9 buổi/tuần").
_DURATION_AFTER = re.compile(
    r"^\s*(?:tuổi|năm|tháng|ngày|tuần|giờ|tiếng|phút|giây|h\d|h\b|thế\s+kỷ|"
    r"(?:buổi|tiết|ca|lần|giờ)\s*/\s*(?:ngày|tuần|tháng|năm|học\s+kỳ))", re.IGNORECASE)
_GLUED_LETTER = re.compile(r"[a-zđ](?![\w])")
_AFTER_REJECT = re.compile(r"^(?:/\s*[A-Za-zĐđ]|[-–]\s*[A-ZĐ]|[.,/]\d|\d)")
_AWARD_CONTEXT = re.compile(
    r"bằng\s+khen|giấy\s+khen|cờ\s+thi\s+đua|khen\s+thưởng|danh\s+hiệu|giải\s+thưởng|tuyên\s+dương|vinh\s+danh",
    re.IGNORECASE)
# "(tổng) số (lượng) X": a count's subject; "số" as a word of its own, not the end of "dân số",
# "đa số", "chỉ số", "điểm số" … nor "số tiền" (money).
_COUNT_SUBJECT = re.compile(
    r"(?<![\w])(?<!dân\s)(?<!đa\s)(?<!chỉ\s)(?<!điểm\s)(?<!thiểu\s)(?<!hệ\s)(?<!con\s)(?<!ký\s)(?<!kí\s)"
    r"(?:tổng\s+)?số(?:\s+lượng)?\s+(?!tiền\b|lượng\b)(?=[^\W\d_])", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\n](?!\d)")
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
    num_start: int = 0
    num_end: int = 0
    how: str = ""       # where the object came from: right, left, verb, keyword, share, list, …


# -- the object after the number ----------------------------------------------------------------
def _words_after(text: str, pos: int, limit: int = RIGHT_WORDS) -> list[tuple[int, int, str]]:
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
    if n == 0 and toks and all(t.isascii() for t in toks):  # text typed without diacritics ("hoc sinh")
        n = lx.longest_prefix(toks, lx.stripped(vocabulary))
    return n


# A share or a change in brackets between a number and its noun: "6.261 (29,80%) thí sinh", "64
# (giảm 3) thí sinh đạt giải" (the bracket's own figure takes the same noun: _bracketed_change)
_BRACKETED_SHARE = re.compile(
    rf"\s*\((?:\s*(?:{lx.phrase_alternation([q for q, _ in QUALIFIERS])})\s+)?\s*\d[\d.,]*\s*%?\s*\)|"
    rf"\s*\(\s*(?:{lx.phrase_alternation([c for c, _ in CHANGES])})\s+"
    rf"(?:(?:{lx.phrase_alternation([q for q, _ in QUALIFIERS])})\s+)?\d[\d.,]*[^()\d\n]{{0,40}}\)", re.IGNORECASE)
_BRACKET_CLOSE = re.compile(r"\s*(?:so\s+với[^()\n]{0,40})?\)", re.IGNORECASE)  # "(tăng 45 so với năm trước)"


_ACRONYM = re.compile(r"[A-ZĐ]{3,8}")


def _right_object(text: str, pos: int, word_spans) -> tuple[int, int, bool] | None:
    """The counted noun phrase right after a number: head noun, its modifiers, and a comma list
    of further heads without numbers (``trường, trung tâm``); ``(start, end, known)`` where
    ``known`` says the head is in the vocabulary. A share in brackets between the number and its
    noun (``6.261 (29,80%) thí sinh``) is stepped over."""
    skip = _BRACKETED_SHARE.match(text, pos)
    if skip:
        pos = skip.end()
    words = _words_after(text, pos)
    if not words or words[0][2] == ",":
        return None
    heads, mods, stop = lx.object_heads(), lx.object_modifiers(), lx.object_stopwords()
    k = 0
    n = _phrase_len(words, 0, heads) or _phrase_len(words, 0, lx.counted_heads())
    known = n > 0
    if n == 0:
        first = words[0][2]
        acronym = _ACRONYM.fullmatch(first) is not None  # "84/147 TTHTCĐ": a noun the article abbreviates
        if not (first[:1].islower() or acronym) or first.lower() in stop or not first.isalpha() or \
                first.lower() in _CHANGE_WORDS:
            return None  # ("đạt 6,90% vượt 2,16 %": a change follows, no noun)
        if first.lower() == "đối" and len(words) > 1 and words[1][2].lower() == "với":
            return None  # "tăng 150% đối với cấp THCS": a preposition, no noun
        if first.lower() in _not_counted() and not _phrase_len(words, 1, mods) and not _phrase_len(words, 1, heads):
            return None  # "chính quyền 2 cấp"; but "3 cấp mầm non, tiểu học"
        # an unknown noun: the word underthesea segmented there (``phần mềm``), else one syllable
        end = words[0][1]
        if word_spans is not None:
            span = word_spans(words[0][0])
            if span and span[0] == words[0][0]:
                end = max(end, min(span[1], words[-1][1]))
        while k < len(words) and words[k][1] <= end:
            k += 1
        k = max(k, 1)
        verb = _phrase_len(words, 0, _verbs_not_counted())
        if verb >= k and not (verb + 1 < len(words) and words[verb][2].lower() in (",", "và") and
                              _phrase_len(words, verb + 1, heads)):
            return None  # "với 40 xây dựng và phát triển": a verb, no counted noun
    else:
        k = n
    end = words[k - 1][1]
    while k < len(words):
        if words[k][2] == ",":
            nxt = words[k + 1][2] if k + 1 < len(words) else ""
            # a list of nouns goes on after a comma with a lower-case head ("trường, trung tâm") or
            # an abbreviation ("CB, GV, NV"); a capital starts a name, the next item of another
            # list ("95 giải, Trường THPT …")
            if nxt and nxt != "," and (nxt[:1].islower() or nxt.isupper()):
                n = _phrase_len(words, k + 1, heads)
                # a list goes on with things of the kind counted ("trường, trung tâm", "CB, GV",
                # "xã, phường", "nhóm, lớp"); a counted thing followed by one of no kind counted
                # ("18 phòng học, nhà bếp") or a size ("nhà học 3 tầng, nhà bếp": size_nouns.txt)
                # ends at the comma
                cur = text[words[0][0]:end]
                listed = n and cur.lower() not in _size_nouns() and not (
                    metric_of(cur, "count") is not None and
                    metric_of(" ".join(w[2] for w in words[k + 1:k + 1 + n]), "count") is None)
                if listed and not (k + 1 + n < len(words) and words[k + 1 + n][2][:1].isdigit()):
                    k += 1 + n
                    end = words[k - 1][1]
                    continue
            break
        n = _phrase_len(words, k, mods)
        head_n = _phrase_len(words, k, heads)
        if head_n > n and words[0][2].lower() in _classifiers():
            n = head_n  # "150 em học sinh": a classifier followed by the noun it counts
        if not n:
            break
        if [w[2].lower() for w in words[k:k + n]] == [w[2].lower() for w in words[k - n:k]]:
            break  # a doubled word in the source ("ý kiến phát biểu phát biểu")
        k += n
        end = words[k - 1][1]
    return words[0][0], end, known


# -- the object to the left of the number -------------------------------------------------------
def _joins_list(text: str, comma: int) -> bool:
    """Whether a comma to the left of a number sits inside a list of nouns (``Số cán bộ, giáo viên
    coi thi``, ``Tỷ lệ kiên cố hóa trường, lớp``): a lower-case head after it, a head before it,
    no number in that item."""
    after = _words_after(text, comma + 1, 4)
    if after and _LEVEL_CODE.fullmatch(after[0][2]) and _LEVEL_CODE.search(text, max(0, comma - 6), comma):
        return True  # levels written as codes: "giáo viên đạt B2, C1, C2", "THCS, THPT"
    if not after or after[0][2] == "," or not after[0][2][:1].islower():
        return False
    before = text[max(0, comma - 50):comma].split()[-4:]
    if not before or any(ch.isdigit() for w in before for ch in w):
        return False
    # nouns of a list ("cán bộ, giáo viên"), or modifiers of one ("học sinh khá, giỏi")
    for vocabulary in (lx.object_heads(), lx.object_modifiers()):
        if _phrase_len(after, 0, vocabulary) and \
                any(" ".join(before[-n:]).lower() in vocabulary for n in range(1, len(before) + 1)):
            return True
    return False


_LEVEL_CODE = re.compile(r"(?<![\w])(?:[A-C][12]|KV\d|THCS|THPT|TH|MN|GDTX|GDNN)$")
_PLACE_ABBREVIATION = re.compile(r"(?<![\w.])(?:TP|Tp|TX|Tx|TT|Q|P|H)\.$")


def _clause_start(text: str, pos: int, lo: int) -> tuple[int, str]:
    """Where the clause ending at ``pos`` starts, and the character that opens it: after the
    nearest ``, ; :`` or an open bracket (bracketed asides closed before ``pos`` are part of the
    clause: ``tỷ lệ tốt nghiệp chung toàn tỉnh (gồm cả thí sinh tự do) đạt``), never before a
    sentence end. Thousands dots, decimal commas and commas inside a list of nouns do not end it."""
    depth = 0
    i = pos - 1
    while i >= lo:
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return i + 1, "("
            depth -= 1
        elif ch in "\n!?":
            return i + 1, ch
        elif ch in ".,;:":
            if ch in ".," and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                pass
            elif ch == "." and _PLACE_ABBREVIATION.search(text, max(0, i - 3), i + 1):
                pass  # "TP. Mỹ Tho (99,825%)": the dot of a place's abbreviation
            elif ch == "." or depth == 0:
                if not (ch == "," and depth == 0 and _joins_list(text, i)):
                    return i + 1, ch
        i -= 1
    return lo, ""


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    """The phrase in ``text[a:b]`` without the verbs, hedges and dates before the number and the
    clause openers at its start."""
    seg = text[a:b]
    trailing = _trailing_re()
    while True:
        m = trailing.search(seg)
        if not m or m.start() == m.end():
            break
        seg = seg[:m.start()]
    b = a + len(seg.rstrip(" \t-–—,"))
    while True:
        while a < b and text[a] in " \t-–—),•·+*":  # (and a list's bullet: "+ Trẻ suy dinh dưỡng …")
            a += 1
        m = _opener_re().match(text, a, b)
        if not m or m.end() == m.start():
            return a, b
        a = m.end()


def _has_letters(text: str, a: int, b: int) -> bool:
    return b > a and any(ch.isalpha() for ch in text[a:b])


def _comparative(text: str, a: int, b: int) -> tuple[int, int] | None:
    """``X cao hơn Z`` before a bracketed value: the value is Z's, unless Z is a date, then X's
    (contract 5.1: ``cao hơn mức chung của toàn quốc (95,8%)`` → ``mức chung``; a date is never
    the object: ``Tỷ lệ chuyên cần … thấp hơn năm 2022 (95,4%)`` → ``Tỷ lệ chuyên cần``)."""
    m = None
    for m in re.finditer(r"(?<![\w])(?:cao|thấp|nhiều|ít)\s+hơn(?:\s+so\s+với)?\s+", text[a:b], re.IGNORECASE):
        pass
    if m is None:
        return None
    za = a + m.end()
    z = text[za:b]
    if re.match(r"\s*(?:năm|kỳ|kì|cùng\s+kỳ|tháng|học\s+kỳ)\b", z, re.IGNORECASE):
        return a, a + m.start()
    cut = re.search(r"\s+(?:của|tại|ở|trong)\s", z)
    return za, za + (cut.start() if cut else len(z.rstrip()))


def _keyword_in(text: str, a: int, b: int, limit: int, kinds: tuple[str, ...]) -> re.Match | None:
    """The first object keyword of ``kinds`` starting in ``text[a:b]``; it may end past ``b``, up
    to ``limit``, where trimming took its last word for a verb (``chiều cao 25 m``)."""
    for m in _keyword_re().finditer(text, a, limit):
        if m.start() >= b:
            break
        if _tag(m) in kinds:
            return m
    return None


def _money_object(text: str, a: int, b: int) -> tuple[int, int, str] | None:
    """The object of a sum of money in ``text[a:b]`` (contract 5.1, "Object of money"): the verb
    that gives or spends it (``ủng hộ``, ``được đầu tư`` → ``đầu tư``) unless a money noun comes
    after that verb (``dành kinh phí`` → ``kinh phí``); a verb right after a money noun only
    describes it (``Kinh phí đầu tư Trường …``)."""
    nouns, verbs = [], []
    last_noun_end = None
    asides = [(x.start(), x.end()) for x in re.finditer(r"\([^()]*\)", text[a:b])]
    for m in _money_word_re().finditer(text, a, b):
        if any(x <= m.start() - a < y for x, y in asides):
            continue  # "kinh phí khác (học phí, … các nguồn thu hợp pháp khác) 7,020 tỷ đồng": an aside
        if _tag(m) == "noun":
            nouns.append(m)
            last_noun_end = m.end()
        elif last_noun_end is None or text[last_noun_end:m.start()].strip():
            verbs.append(m)
    if verbs and nouns and nouns[0].start() < verbs[0].start() and not _has_letters(text, a, nouns[0].start()):
        # "Kinh phí dự kiến hỗ trợ học phí là 87,476 tỉ đồng", "Tổng kinh phí dự kiến để miễn học phí …
        # vào khoảng 237 tỉ đồng": a money noun opening the clause is its subject, what the sum is
        return nouns[0].start(), b, "keyword"
    if verbs:
        verb = verbs[-1]
        after = [n for n in nouns if n.start() > verb.start()]
        if after:
            return _first_money_noun(text, a, after), b, "keyword"
        if nouns and _equated(text, b):
            # "Tổng nguồn vốn Trung ương phân bổ cho ba công trình là gần 374 tỷ đồng": the subject
            # a copula equates with the sum, its verb only describes it
            return nouns[0].start(), b, "keyword"
        return verb.start(), verb.end(), "verb"
    if nouns:
        return _first_money_noun(text, a, nouns), b, "keyword"
    return None


def _money_unit(unit: str) -> bool:
    return unit == "vnd" or unit.startswith(("đồng/", "đ/", "vnđ/", "vnd/"))


def _first_money_noun(text: str, a: int, nouns: list) -> int:
    """Where the object of a sum starts among the money nouns of its clause: at the first, unless
    the last follows ``với`` ("bằng nguồn tài trợ của quỹ DCI với tổng kinh phí 240 triệu đồng":
    the sum is the total's, not the source's)."""
    last = nouns[-1]
    if len(nouns) > 1 and re.search(r"(?<![\w])với\s+$", text[max(a, last.start() - 8):last.start()]):
        return last.start()
    return nouns[0].start()


_DATE_IN_GAP = re.compile(r"(?<![\w])(?:năm|tháng|ngày)\s+\d[\d/.\-–]*", re.IGNORECASE)


def _equated(text: str, b: int) -> bool:
    """Whether ``là`` joins the phrase ending at ``b`` to the number after it, past what the
    phrase was trimmed of (``… theo các nội dung trên là hơn 1,917 tỷ đồng``) and a date
    (``… có mục tiêu năm 2018 là 19.940.000.000 đồng``)."""
    gap = _DATE_IN_GAP.sub(" ", text[b:b + 48])
    digit = re.search(r"\d", gap)
    return re.search(r"(?<![\w])là(?![\w])", gap[:digit.start()] if digit else gap) is not None


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - 2 * LEFT_WINDOW)
    last = lo
    for m in _SENTENCE_END.finditer(text, lo, pos):
        last = m.end()
    return last


def _previous(figures: list[Figure], text: str, pos: int, units=None, stops: str = ".!?\n;",
              where=None) -> Figure | None:
    """The nearest figure before ``pos`` (of one of ``units``, and for which ``where`` holds) with
    none of ``stops`` between."""
    for f in reversed(figures):
        if f.num_start >= pos:
            continue
        if _breaks(text, f.num_end, pos, stops):
            return None
        if (units is None or f.unit in units) and (where is None or where(f)):
            return f
    return None


_STOPS = {stops: re.compile("[" + re.escape(stops.replace(".", "")) + r"]|(?<!\d)\.|\.(?!\d)")
          for stops in (".!?\n;", ".!?\n")}


_COMPARED_WITH = re.compile(r"\s*so\s+với\s*", re.IGNORECASE)


def _breaks(text: str, a: int, b: int, stops: str) -> bool:
    """Whether one of ``stops`` lies in ``text[a:b]`` (a dot between digits is a thousands dot)."""
    return _STOPS[stops].search(text, a, max(a, b)) is not None


def _object_left(text: str, start: int, figures: list[Figure], unit: str) -> tuple[int, int, str] | None:
    """The phrase a percentage, a sum of money or a measure with no noun after it describes, to
    its left and outside the span (contract 1 and 5.1). ``(start, end, how)`` or None."""
    lo = max(0, start - LEFT_WINDOW)
    prev = _previous(figures, text, start, stops=".!?\n")
    if prev is not None:
        lo = max(lo, prev.end)  # an object never reaches back over another figure
    a, opener = _clause_start(text, start, lo)
    # the clause's rate word ("tỷ lệ"), if any: the object of a percentage that says no more
    rate = next((r for r in _keyword_re().finditer(text, a, start) if _tag(r) == "rate"), None)
    pa, pb = _trim(text, a, start)
    kind = "money" if _money_unit(unit) else \
        "rate" if unit in ("percent", "điểm", "điểm phần trăm") else "measure"
    if prev is not None and not _breaks(text, prev.end, start, ".!?\n;"):
        if prev.unit == unit and prev.object_start is not None and _COMPARED_WITH.fullmatch(text, prev.end, start):
            # "nhà trẻ 39,9% so với 34,7%": the value compared with is of the same thing (a level)
            return prev.object_start, prev.object_end, "share"
        if unit == "percent" and prev.total is not None and prev.object_start is not None:
            # "17/22 trường hoàn thành …, đạt tỷ lệ: 77,3 %": the share's percentage (contract 5.1,
            # "Shares") when the clause says no more than that it is one
            comma = text.rfind(",", prev.end, start)
            if _BARE_RATE.fullmatch(text, comma + 1 if comma >= 0 else prev.end, start):
                return prev.object_start, prev.object_end, "share"
        if kind == "measure" and prev.unit == "count" and \
                re.fullmatch(rf"\s*,?\s*(?:{_measure_adjectives()})\s*", text[prev.end:start], re.IGNORECASE):
            # "nhà bếp 1 tầng rộng 180m2": the measure of the thing the count before it is said of;
            # "gồm 2 phòng học, rộng 90 m2": of the things counted
            if "," in text[prev.end:start] and prev.object_start is not None:
                return prev.object_start, prev.object_end, "left"
            before = _previous(figures, text, prev.num_start, stops=".!?\n")
            floor = max(0, start - LEFT_WINDOW, before.end if before is not None else 0)
            qa, qb = _trim(text, _clause_start(text, prev.start, floor)[0], prev.start)
            if _has_letters(text, qa, qb):
                qa, qb = _measured_phrase(text, qa, qb)
                return qa, qb, "left"

    if opener == "(" and not _has_letters(text, pa, pb):
        # a value alone in brackets: a share of the figure right before the bracket ("6.261
        # (29,80%) thí sinh", "trên 340.000 học sinh (tăng … 9.600 em)"), else the value of the
        # phrase before it ("THPT Lương Thế Vinh (92,11%)", "cao hơn mức chung (95,8%)")
        bracket = a - 1
        if prev is not None and prev.object_start is not None and \
                (not text[prev.num_end:bracket].strip() or prev.end <= bracket and not text[prev.end:bracket].strip()):
            return prev.object_start, prev.object_end, "share"
        if _share_in_bracket(text, a, start, prev):
            return prev.object_start, prev.object_end, "share"
        if rate is not None and kind == "rate":
            return rate.start(), rate.end(), "keyword"  # "… phòng học kiên cố ở các cấp học (tỷ lệ 73,1%)"
        pa, pb = _before_bracket(text, bracket, lo)
    elif opener == ":" and not _has_letters(text, pa, pb):
        # "THPT Chuyên Thái Nguyên: 99,72%": the phrase before the colon
        b2 = a - 1
        a2, _ = _clause_start(text, b2, lo)
        pa, pb = _trim(text, a2, b2)
    if prev is not None and prev.unit == unit and prev.object_start is not None and _FROM_TO.fullmatch(text, prev.end, start):
        # "Tỷ lệ tốt nghiệp THPT tăng từ 88,87% (trước phúc khảo) lên 88,99%": the level reached is
        # of what the level it rose from is (contract 5.1, "Between levels")
        return prev.object_start, prev.object_end, "level"
    if _has_letters(text, pa, pb) and prev is not None and text[pa:pb].strip().lower() in _DEMONSTRATIVES:
        # "Tổng nguồn học phí … tại 45 xã này sẽ giảm hơn 14 tỷ đồng": the figure before it sits
        # inside the subject; the subject is read from the sentence's start
        wa, _ = _trim(text, _clause_start(text, prev.start, max(0, start - LEFT_WINDOW))[0], start)
        if _has_letters(text, wa, prev.start):
            pa = wa
    if not _has_letters(text, pa, pb):
        pa = pb = None
    if pa is not None and prev is not None and prev.unit == unit and prev.object_start is not None and \
            _LIMIT_TAIL.match(text, pa) and not _breaks(text, prev.end, start, ".!?\n;"):
        # "Khoảng cách quy định là từ 4km trở lên đối với học sinh tiểu học, 7km trở lên …": the
        # next limit of a list whose first one said what is measured
        return prev.object_start, prev.object_end, "list"

    if prev is not None and prev.unit == unit and prev.object_start is not None and \
            not _breaks(text, prev.end, start, ".!?\n;") and (_PARALLEL_PLACE.search(text, prev.end, start) or
                                                                _PARALLEL_ASIDE.fullmatch(text, prev.end, start)):
        # "4,73% tỷ lệ HS có học lực yếu, kém ở bậc THCS và 9,24% ở bậc THPT": the same thing
        # measured at the next place of a list
        return prev.object_start, prev.object_end, "list"

    if prev is not None and prev.object_start is not None and _EQUIVALENT_BEFORE.search(text, max(lo, start - 24), start) \
            and text[prev.object_start:prev.object_end].split()[0].lower() != "lần":  # ("bằng 60 lần mức lương cơ sở")
        # "6.500 tiết dạy thêm giờ, tương đương 1,2 tỷ đồng": the same thing said in another unit
        return prev.object_start, prev.object_end, "share"

    worth = _WORTH_BEFORE.search(text, max(lo, start - 12), start) if kind == "money" else None
    if worth is not None and not re.match(r"\s*(?:mỗi|một)(?![\w])", text[a:worth.start()], re.IGNORECASE):
        # "trao 30 bộ máy tính trị giá 480 triệu đồng", "(trị giá 50 triệu đồng)": the value of what
        # is given, as four annotators read it ("Mỗi suất học bổng trị giá 2 triệu": of the unit, below)
        return worth.start(), worth.start() + len("trị giá"), "keyword"
    if pa is not None:
        if kind == "money":
            got = _money_object(text, pa, pb)
            if got:
                return got
            # a list of amounts under one verb ("thưởng … giải Nhất 5 triệu đồng, giải Nhì 3 triệu"),
            # or of sums per unit ("5 triệu đồng/giải nhất, 3 triệu đồng/giải nhì và …")
            listed = prev is not None and (prev.unit == "vnd" and prev.how in ("verb", "list") or
                                           prev.unit.startswith("đồng/") and unit.startswith("đồng/"))
            if listed and not _breaks(text, prev.end, start, ".!?\n;"):
                return prev.object_start, prev.object_end, "list"
            if prev is not None and prev.object_start is not None and _money_unit(prev.unit) and \
                    prev.how in ("keyword", "list") and not _breaks(text, prev.end, start, ".!?\n") and \
                    _LEVEL_LABEL.search(text, pa, pb) and not _names_place(text[pa:pb]):
                # the next amount of a list of amounts by level (a level's label and no money word of
                # its own): "mức thu học phí bậc mầm non là 60.000 đồng/học sinh/tháng, bậc THPT là
                # 110.000 đồng/…; thuộc xã khu vực II, bậc mầm non là 50.000 đồng/…"; a place keeps
                # its name ("huyện Vĩnh Linh 1,6 tỷ đồng")
                return prev.object_start, prev.object_end, "list"
        else:
            # (a measure's own word first: "bình quân mỗi phòng có diện tích sử dụng 115 m2")
            kw = _keyword_in(text, pa, pb, start, ("rate", "measure")) if kind != "measure" else \
                _keyword_in(text, pa, pb, start, ("measure",)) or \
                _keyword_in(text, pa, pb, start, ("measure", "rate", "money", "distance"))
            if kw is not None:
                return kw.start(), max(pb, kw.end()), "keyword"
        subj = _COUNT_SUBJECT.search(text, pa, pb)
        if subj is not None:
            return subj.end(), pb, "left"
    # a clause of nothing but a bare rate word ("giáo dục tiểu học mức III, tỷ lệ 91,55%"): that word,
    # not a keyword reached back for across the comma
    share_of_count = prev is not None and prev.unit == "count" and prev.object_start is not None and \
        not _breaks(text, prev.end, start, ".!?\n;")  # "Xã có 120 hộ, tỷ lệ 35%": the share's object, below
    if pa is None and rate is not None and kind == "rate" and not share_of_count:
        return rate.start(), rate.end(), "keyword"
    # no keyword in the clause: a rate or a sum reaches back across commas to its keyword
    # ("tỉ lệ học sinh các khối lớp, từ khối 6 đến khối 8 loại giỏi đạt trên 52%")
    # (not out of a bracket that says what it is of: "(nhà trẻ 39,9%, mẫu giáo 98,6%)")
    if pa is None or text[pa:pa + 1].islower() and opener != "(":
        s = max(_sentence_start(text, start), lo)
        back = _reach_back(text, s, pa if pa is not None else a, kind)
        if back is not None:
            if pa is not None and kind == "rate" and _names_place(text[slice(*_measured_phrase(text, pa, pb))]):
                return back, _before_place(text, back, pa), "keyword"  # the rate, not the place it is of
            return back, pb if pb is not None else _trim(text, back, start)[1], "keyword"
    if pa is not None:
        # "học sinh là người dân tộc thiểu số chiếm 78%": what a share verb's subject says is all of it
        shared = kind == "rate" and _share_verb_re().match(text, pb) is not None
        pa, pb = (pa, pb) if shared else _measured_phrase(text, pa, pb)
        if kind == "rate" and _names_place(text[pa:pb]):
            # a percentage said of a place: the rate word given between them ("tỉnh A có tỷ lệ 96,5%"),
            # else the place ("…, huyện B 95%", "Bắc Giang: 100%", "là xã C (71,3%)"), as the gold's
            # annotators read lists of places (st-01, et-05, gd-06)
            given = next((r for r in _keyword_re().finditer(text, pb, start) if _tag(r) == "rate"), None)
            if given is not None:
                return given.start(), given.end(), "keyword"
            if prev is not None and prev.unit == "percent" and prev.object_start is not None and \
                    prev.how in ("keyword", "list") and not re.search(r"[\d.!?:;()\n]", text[prev.end:pa]):
                # the next place of a list whose first place was given with its rate word: "Nghệ An
                # với tỷ lệ 88,24%, Phú Thọ 85%" (not "Bắc Giang: 100%, Cà Mau: 99,8%")
                return prev.object_start, prev.object_end, "list"
        return pa, pb, "left"
    # nothing of its own: the share's or the level's object ("27/31 trường …, chiếm 87,1%";
    # "đạt 99,82%, tăng 0,5%")
    if prev is not None and prev.object_start is not None and not _breaks(text, prev.end, start, ".!?\n;"):
        if prev.unit == unit or unit == "percent" and prev.unit == "count" or \
                prev.unit.startswith("đồng/") and unit.startswith("đồng/"):
            return prev.object_start, prev.object_end, "share"
    if pa is None and rate is None and kind == "rate":
        # "Lượng giáo viên đạt B1 chiếm cao nhất ở cấp tiểu học và THCS, lần lượt là 43%": the
        # subject of the share verb of an earlier clause of the sentence
        s0 = max(_sentence_start(text, start), lo)
        verb = None
        for verb in _share_verb_re().finditer(text, s0, a):
            pass
        if verb is not None:
            qa, qb = _trim(text, _clause_start(text, verb.start(), s0)[0], verb.start())
            if _has_letters(text, qa, qb):
                return (*_measured_phrase(text, qa, qb), "left")
    # a bare rate word trimmed as a verb's companion is the object after all ("Năm nay tỷ lệ đạt 99%")
    return (rate.start(), rate.end(), "keyword") if rate else None


@lx.derived
def _subject_verb_re() -> re.Pattern:
    return re.compile(rf"(?<![\w])(?:{lx.phrase_alternation(_lower_lines('subject_verbs.txt'))})\s+", re.IGNORECASE)


@lx.derived
def _measure_adjectives() -> str:
    return lx.phrase_alternation(_lower_lines('measure_adjectives.txt'))


@lx.derived
def _measure_adjective_re() -> re.Pattern:
    return re.compile(rf"\s+(?:{_measure_adjectives()})$", re.IGNORECASE)


# what a clause says of a share's percentage when it says nothing else: "đạt tỷ lệ:", "chiếm", "là"
_BARE_RATE = re.compile(r"\s*(?:(?:đạt|chiếm|bằng|là)\s+)?(?:(?:tỷ|tỉ)\s+lệ\s*)?(?:là\s*)?:?\s*", re.IGNORECASE)


_WITH_TOTAL = re.compile(r"(?<![\w])với\s+(?=tổng\s)", re.IGNORECASE)


def _measured_phrase(text: str, a: int, b: int) -> tuple[int, int]:
    """The measured phrase in a clause to the left of a number with no keyword (contract 5.1,
    "Object before the number": what the value describes): after the verb that joins the clause's
    subject to it (subject_verbs.txt: "Xã A có tuyến đường liên thôn dài" -> "tuyến đường liên
    thôn dài"), without a measure adjective at its end (measure_adjectives.txt: "dài", "rộng")."""
    cut = None
    for cut in _subject_verb_re().finditer(text, a, b):
        pass
    if cut is not None and _has_letters(text, cut.end(), b):
        a = cut.end()
        while (opener := _opener_re().match(text, a, b)) is not None and opener.end() > opener.start() and \
                _has_letters(text, opener.end(), b):
            a = opener.end()  # "cho biết ước tính thiệt hại …": what follows the verb, as at a clause's start
    total = None
    for total in _WITH_TOTAL.finditer(text, a, b):
        pass
    if total is not None:  # "thí sinh A với tổng điểm 4 bài thi 36,5 điểm": the total, not who has it
        a = total.end()
    adj = _measure_adjective_re().search(text, a, b)
    if adj is not None and _has_letters(text, a, adj.start()):
        b = adj.start()
    return a, b


@lx.derived
def _place_re() -> re.Pattern:
    """A place written as a place: a place word (name_place_prefixes.tsv: ``tỉnh``, ``huyện``,
    ``xã`` …) and capitalised words, or a province's or a district's name alone (provinces.txt,
    districts.tsv; said of a percentage, a bare name is the place, not a school or a person)."""
    words = lx.phrase_alternation([w for w, _ in lx.pairs("name_place_prefixes.tsv")])
    names = lx.phrase_alternation(lx.provinces() + [row.split("\t")[0] for row in lx.lines("districts.tsv")[1:]])
    cap = rf"[{lx.VIET_UPPER}][\w'’]*"
    return re.compile(rf"(?:(?i:{words})\s+{cap}(?:\s*[-–—]?\s*{cap})*|{names})")


def _names_place(phrase: str) -> bool:
    return _place_re().fullmatch(phrase.strip()) is not None


def _before_place(text: str, a: int, place: int) -> int:
    """End of the rate phrase at ``a`` written before the place at ``place``: without the comma or
    the subject verb between them (``tỷ lệ thấp là huyện A`` → ``tỷ lệ thấp``), nor what opens a
    list of places (``với tỷ lệ cao, đó là: tỉnh A: 100%`` → ``tỷ lệ cao``)."""
    seg = _LIST_OPENER_TAIL.sub("", text[a:place]).rstrip(" \t,;:-–—")
    while True:
        verb = None
        for verb in _subject_verb_re().finditer(seg + " "):
            pass
        if verb is None or verb.end() != len(seg) + 1 or verb.start() == 0:
            return a + len(seg)
        seg = _LIST_OPENER_TAIL.sub("", seg[:verb.start()]).rstrip(" \t,;:-–—")


_LIST_OPENER_TAIL = re.compile(r"[\s,;:]*(?<![\w])(?:đó\s+là|như\s+sau|gồm\s+có|gồm|cụ\s+thể)[\s,;:]*$", re.IGNORECASE)


@lx.derived
def _share_verb_re() -> re.Pattern:
    return re.compile(rf"\s*(?:{lx.phrase_alternation(_lower_lines('share_verbs.txt'))})(?![\w])", re.IGNORECASE)


def _share_in_bracket(text: str, a: int, start: int, prev: "Figure | None") -> bool:
    """A percentage alone in a bracket (but for its verb) after a count in the same clause is that
    count's share (contract 5.1, "Shares": the share's percentage takes the share's object):
    after a share (``57/60 trường đạt chuẩn quốc gia (đạt 95%)``, ``210.400/530.000 học sinh dân
    tộc (tỷ lệ 39,7%)``), or with a share verb (share_verbs.txt: ``1.204 học sinh dân tộc thiểu số
    ở vùng khó (chiếm 39,7%)``); not the last words before the bracket, which only describe the
    count (``mức độ 1``, ``PCGD THCS``) where no clause break comes between."""
    if prev is None or prev.unit != "count" or prev.object_start is None or prev.end > a - 1:
        return False
    if prev.total is None and not _share_verb_re().match(text, a, start):
        return False
    return re.search(r"[,;:()]", text[prev.end:a - 1]) is None


def _before_bracket(text: str, bracket: int, lo: int) -> tuple[int, int]:
    """The phrase whose value a bracket gives: after a comparative, the thing compared with
    (``_comparative``); after ``là``, what ``là`` names (``Ba trường có tỷ lệ thấp là THPT Mường Tè
    (91,2%)``); else the clause before the bracket."""
    a, _ = _clause_start(text, bracket, lo)
    comp = _comparative(text, a, bracket)
    if comp:
        return _trim(text, *comp)
    copula = None
    for copula in re.finditer(r"(?<![\w])là\s+", text[a:bracket]):
        pass
    return _trim(text, a + copula.end() if copula else a, bracket)


def _reach_back(text: str, lo: int, hi: int, kind: str) -> int | None:
    """The last keyword of ``kind`` in ``text[lo:hi]`` with no number after it."""
    kinds = ("rate", "measure") if kind != "money" else ("money",)
    found = None
    for m in _keyword_re().finditer(text, lo, hi):
        if _tag(m) in kinds:
            found = m
    if found is None or re.search(r"(?<![^\W\d_])\d", text[found.end():hi]):
        return None  # (a level's code is no number: "tỷ lệ tiếng Anh đạt dưới B1 cao nhất, chiếm 33%")
    return found.start()


_PEOPLE_METRICS = {"teachers", "students", "staff", "managers", "candidates"}
_DEMONSTRATIVES = {"này", "đó", "ấy", "trên", "nói trên", "kể trên"}
_AVERAGE_PER = re.compile(rf"(?:{_AVERAGE})(?:\s+(?:mỗi|một|hằng|hàng))?\s+(?:năm|tháng|tuần|ngày|"
                          r"khóa|khoá|đợt|năm\s+học)", re.IGNORECASE)


def _counted_phrase(text: str, start: int, figures: list[Figure]) -> tuple[int, int] | None:
    """The counted phrase a lone classifier stands for, written before it in its clause
    (contract 5.1, "Null heads"): ``Số học sinh … toàn tỉnh là 50.402 em`` (``số`` dropped, also
    over a figure inside that subject: ``số HS … ở 3 bậc học … sẽ tăng khoảng 5.700 em``),
    ``đỗ diện 2 là 3.722 em`` (the subject of ``là``), ``(dự thi 15.739 em)``, ``Học sinh giỏi cấp
    tỉnh: 120 em``, ``Cán bộ, giáo viên được đón về, có 39 người …`` (a subject set off by a comma
    before a bare ``có``). A clause naming only a place, a body or a population keeps the
    classifier (None): ``dân số toàn xã là 7.380 người`` counts ``người`` (contract 5.1, null heads)."""
    lo = max(0, start - LEFT_WINDOW)
    prev = _previous(figures, text, start, stops=".!?\n")
    a, opener = _clause_start(text, start, max(lo, prev.end) if prev is not None else lo)
    seg = text[a:start]
    copula = re.search(r"(?:^|\s)là\s*$", seg, re.IGNORECASE) is not None
    pa, pb = _trim(text, a, start)
    if not _has_letters(text, pa, pb) and opener in (":", ","):
        if opener == "," and not re.fullmatch(r"\s*(?:thì\s+)?(?:có|gồm)\s*", seg, re.IGNORECASE):
            return None
        b = a - 1
        a, _ = _clause_start(text, b, max(lo, prev.end) if prev is not None else lo)
        pa, pb = _trim(text, a, b)
        if opener == "," and not _phrase_len(_words_after(text, pa, 4), 0, lx.object_heads()):
            return None  # "Năm nay, có 300 em": no counted noun before the comma
        copula = True
    if _POPULATION.match(text, pa, pb):  # a population counts no noun: the people are their own object
        return None
    if _AVERAGE_PER.fullmatch(text, pa, pb) and prev is not None and prev.unit == "count" and \
            prev.object_start is not None and not _breaks(text, prev.end, start, ".!?\n;"):
        # "261.130 người tham gia học, bình quân mỗi năm là 52.226 người": the average of that count
        return prev.object_start, prev.object_end
    subj = _COUNT_SUBJECT.search(text, pa, pb) if _has_letters(text, pa, pb) else None
    if subj is None and prev is not None and prev.end > lo and prev.how == "right" and \
            prev.object_start is not None and not _COUNT_SUBJECT.search(text, prev.object_start, prev.object_end):
        # "số HS của quận ở 3 bậc học (…) sẽ tăng …": the subject may hold a figure of its own
        wide, _ = _clause_start(text, start, lo)
        subj = _COUNT_SUBJECT.search(text, wide, pb)
    if subj is not None:
        if text[subj.end():pb].strip().lower() in _DEMONSTRATIVES:
            return None  # "số lượng này … khoảng 650 người": what "này" points back to is not here
        return subj.end(), pb
    if not _has_letters(text, pa, pb):
        return None
    if re.match(r"toàn\s+\w+\b", text[pa:pb], re.IGNORECASE):
        return None
    if re.search(r"(?:^|\s)với\s*$", seg, re.IGNORECASE):
        # "nhiều nhất là giáo viên khối THCS với 1.305 người": the people of the phrase "với" follows
        last_la = None
        for last_la in re.finditer(r"(?<![\w])là\s+", text[pa:pb], re.IGNORECASE):
            pass
        qa = pa + (last_la.end() if last_la else 0)
        words = text[qa:pb].lower().split()
        n = lx.longest_prefix(words, lx.metric_heads())
        if n and lx.metric_heads().get(" ".join(words[:n])) in _PEOPLE_METRICS:
            return qa, pb
    if copula or (opener == "(" and not re.search(r"(?<![\w])(?:có|gồm)(?![\w])", text[pa:pb])):
        return pa, pb
    # "Đội ngũ cán bộ quản lý, giáo viên có 4.520 người": people that "có" counts
    if re.search(r"(?:^|\s)có\s*$", seg, re.IGNORECASE):
        lead = re.match(r"(?:đội\s+ngũ|lực\s+lượng)\s+", text[pa:pb], re.IGNORECASE)
        words = text[pa + (lead.end() if lead else 0):pb].lower().split()
        n = lx.longest_prefix(words, lx.metric_heads())
        if n and lx.metric_heads()[" ".join(words[:n])] in _PEOPLE:
            return pa, pb
    return None


_PEOPLE = {"students", "candidates", "teachers", "managers", "staff"}


# -- numbers -------------------------------------------------------------------------------------
def metric_of(obj: str | None, unit: str) -> str | None:
    """The metric key of an object by its head word (contract 1 and 5.1 "Metric by head word"): a
    classifier before a vocabulary noun is skipped; a list takes its one key, ``staff`` for a mix
    of teachers, managers and staff, none for any other mix (``học sinh, thầy, cô giáo``)."""
    if unit == "vnd":
        return "budget"
    if not obj or "/" in unit or unit not in ("count", "percent"):
        return None  # ratios and measures count nothing of the vocabulary
    vocab = lx.metric_heads()
    if obj.isascii():
        vocab = lx.stripped(vocab)
    classifiers = _classifiers()
    heads = lx.object_heads()
    keys = []
    obj = re.sub(r"\([^()]*\)", " ", obj)
    for item in re.split(r"\s*,\s*|\s+và\s+|/", obj.strip().lower()):
        words = item.split()
        if not words or keys and not lx.longest_prefix(words, heads) and not lx.longest_prefix(words, vocab):
            continue  # not a further noun of the list: "… được học 2 buổi/ngày"
        for cw in _classifiers_longest_first():
            if words[:len(cw)] == cw and len(words) > len(cw) and lx.longest_prefix(words[len(cw):], vocab):
                words = words[len(cw):]  # "em học sinh", "đơn vị trường học"
                break
        if " ".join(words) in classifiers and not lx.longest_prefix(words, vocab) and "," in obj:
            continue  # "318 đơn vị, trường học": the classifier alone names nothing
        n = lx.longest_prefix(words, vocab)
        # "giải pháp" is not "giải": a longer non-metric head wins over a shorter metric one
        if n and lx.longest_prefix(words, heads) > n:
            n = 0
        keys.append(vocab[" ".join(words[:n])] if n else None)
    if not keys:
        return None
    found = set(keys)
    if len(found) == 1:
        return keys[0]
    if found <= {"teachers", "managers", "staff"}:
        return "staff"
    return None


_CODE_NUMBER = re.compile(r"0\d{3,}|\d{8,}")


def _is_name_number(text: str, m: "_Hit") -> bool:
    if _CODE_NUMBER.fullmatch(m.group("num")):
        return True  # phone numbers and codes: large counts are written with dots, "09 nhóm" is 9
    before = text[max(0, m.start() - NAME_WINDOW):m.start()]
    # names and levels carry no unit: "cấp 3" is a level, "được cấp 3,5 tỷ đồng" a sum
    if not m.group("qual") and not m.group("change") and not m.group("unit") and not m.group("mag"):
        nm = _NAME_BEFORE.search(before)
        next_word = (_words_after(text, m.end(), 1) or [(0, 0, "")])[0][2].lower() if nm else ""
        # "số" ends nouns that count, not a number's name: "tổng số", "dân số 7.380 người", "sĩ số 35"
        if nm and re.search(r"(?:mỗi|hằng|hàng)\s+(?:năm|tháng|tuần|ngày|kỳ|kì|đợt)\s*$", before, re.IGNORECASE):
            nm = None  # "bình quân mỗi năm 248 học viên": a count per year, not a year's name
        elif nm and nm.group("word")[:1].isupper() and re.search(r"(?<![\w])[A-ZĐ]\w*\s+\w+\s*$", before) and \
                (next_word in _classifiers() or _phrase_len(_words_after(text, m.end(), 3), 0, lx.object_heads())):
            nm = None  # a place's name, not a room or a term: "Hải Phòng 57 học sinh", "Tứ Kỳ 56 em"
        if nm and not re.search(r"(?:tổng\s+số|số\s+lượng|dân\s+số|sĩ\s+số|trong\s+số)\s*$", before, re.IGNORECASE):
            word = " ".join(nm.group("word").lower().split())
            num = m.group("num")
            grouped = "." in num or "," in num
            if word in _GRADE_WORDS and (grouped or parse_number(num) > MAX_GRADE):
                pass  # "huy động ra lớp 86.079 học sinh": a count after "lớp", not a grade
            elif re.search(r"(?<![\d.,])(?!(?:19|20)\d\d\s)\d+\s+" + re.escape(nm.group("word")) + r"\s*[-–—:]?\s*$", before):
                pass  # "nhà học 3 tầng 15 phòng": the word counts the number before it (not a year's: "2023 đợt 1")
            elif next_word in _size_nouns():
                pass  # "quy mô nhà 3 tầng": the building's size, not a house number
            elif word in _DOCUMENT_VERBS and nm.group("word")[:1].islower() and not nm.group(0).rstrip().endswith("số") \
                    and _phrase_len(_words_after(text, m.end(), 4), 0, lx.object_heads()):
                pass  # "đoàn hướng dẫn 9 nhóm lớp": the verb's count, not "Hướng dẫn số 9"
            else:
                return True
    if not m.group("unit") and m.group("num") in ("6", "10") and _GRADE_EXAM_BEFORE.search(before) and \
            not _phrase_len(_words_after(text, m.end(), 3), 0, lx.object_heads()):
        return True  # "thi vào 10 THPT", "tuyển sinh 10 thường": the grade an exam admits to
    if m.group("total") and not m.group("unit") and re.search(r"(?:tỷ|tỉ)\s+lệ\s*$", before, re.IGNORECASE) and \
            parse_number(m.group("num")) + parse_number(m.group("total")) == 100:
        return True  # "theo tỉ lệ 50/50", "70/30": a weighting, parts of a hundred, not a share
    if _NETWORK_GENERATION.match(text, m.end("num")) and \
            re.search(r"(?:sim|mạng|sóng|\d[gG]\s*,)\s*$", before, re.IGNORECASE):
        return True  # "350 sim 3g, 4g": mobile network generations
    if not m.group("unit") and not m.group("qual") and _ODDS_AFTER.match(text, m.end()):
        return True  # the "1" of "1 chọi 3,54" (applicants per place): the odds are the number after it
    if m.group("change") and not m.group("unit") and _RANKS_AFTER.match(text, m.end()):
        return True  # "tăng 5 bậc so với năm 2023": places in a ranking, not a count
    if not m.group("unit") and not m.group("qual") and not m.group("change") and parse_number(m.group("num")) <= MAX_GRADE and \
            _GRADE_LIST_BEFORE.search(before):
        return True  # "Khối lớp 10, 11 chuyên": the next grade of a list of grades
    if (m.group("unit") or "").lower() in _LENGTH_UNITS and \
            _SPORT_EVENT_BEFORE.search(text, max(0, m.start() - 80), m.start()):
        return True  # "bơi tự do 25 m, 50 m", "chạy 60m": the events of a meet, named by their distance
    if not m.group("unit") and _AGE_BOUNDS_BEFORE.search(before):
        return True  # "người trong độ tuổi 15 - 60": the bounds of an age group, not counts
    after = text[m.end():m.end() + 20]
    if not m.group("unit") and _DURATION_AFTER.match(after):
        return True
    if _AFTER_REJECT.match(text[m.end("num") if not m.group("total") else m.end("total"):][:3]):
        return True
    if not m.group("unit") and not m.group("mag") and _GLUED_LETTER.match(text, m.end()):
        return True  # "nguyên tắc 5k": a letter glued to the number names a rule or a model, no count
    if re.search(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+\s?[-–]$", text[max(0, m.start("num") - 16):m.start("num")]):
        return False  # the second number of a range of counts ("tăng từ 12.000-15.000 học sinh")
    if (m.group("unit") or "").strip() == "%" and _RANGE_FIRST.search(text, max(0, m.start("num") - 12), m.start("num")):
        return False  # the second of a range of percentages ("85-90%"; not "KV2-30%")
    if (m.group("mag") or "").lower() in ("triệu", "tỷ", "tỉ") and \
            _RANGE_FIRST.search(text, max(0, m.start("num") - 12), m.start("num")):
        return False  # the second of a range of sums ("4-7 triệu đồng", "10-11 triệu")
    if _SMALL_RANGE_SECOND.search(text, max(0, m.start("num") - 4), m.start("num")) and \
            _PEOPLE_AFTER.match(text, m.end("num")):
        # the second of a small range of people ("vắng 4-5 em"), not of grades ("lớp 6-9")
        return re.search(r"(?:lớp|khối)\s+\d{1,2}-$", text[max(0, m.start("num") - 12):m.start("num")],
                         re.IGNORECASE) is not None
    if m.start("num") > 0 and (text[m.start("num") - 1].isalnum() or text[m.start("num") - 1] in ".-_"):
        # glued to a word: a code ("VTV5"), unless a typo left out the space before a measure
        # ("trung tâm xã Cao Thượng18 km")
        return not (text[m.start("num") - 1].islower() and m.group("unit"))
    return False


def _slash_ok(text: str, m: "_Hit", figures: list[Figure]) -> bool:
    """A number right after ``noun/`` is the second of two counts (``1.530 học sinh/48 lớp``, contract
    5.1 "Slashes") only where the first figure ends at that slash."""
    i = m.start("num") - 1
    while i >= 0 and text[i] == " ":
        i -= 1
    if i < 0 or text[i] != "/":
        return True
    return bool(figures) and figures[-1].end <= i and not text[figures[-1].end:i].strip()


def _same_list_item(text: str, m: "_Hit", figures: list[Figure], head: str) -> bool:
    """Whether the number follows a figure of the same noun across a comma (or ``và``) and a
    capitalised name only: an item of a list of counts by place."""
    prev = figures[-1] if figures else None
    if prev is None or prev.object is None or prev.object.split()[-1:] != head.split()[-1:]:
        return False
    return re.fullmatch(r"\s*(?:,|và|,\s*và)\s*(?:[A-ZĐ][\w.]*\s+)+", text[prev.end:m.start()]) is not None


def _capitalised_before(text: str, pos: int) -> bool:
    """A capitalised word right before ``pos`` that does not open its sentence: the number ends a
    name (``Trường Tiểu học Mỹ Đông 1``)."""
    m = re.search(r"(\S+)\s+(\S+)\s*$", text[max(0, pos - 40):pos])
    return bool(m) and m.group(2)[:1].isupper() and m.group(2).isalpha() and not re.search(r"[.!?:;\n]$", m.group(1))


_BARE_END = re.compile(r"\s*(?:$|[,;.!?():=\n]|và\s)")  # ("386/417 = 92,6%": a flattened table's share)


def _odds(text: str, m: "_Hit") -> tuple[int, int, str] | None:
    """``tỷ lệ chọi … 1 chọi 3,54``: exam news' odds (applicants per place) are the number after
    ``1 chọi``, a count of the sentence's ``tỷ lệ chọi`` (else of ``chọi`` itself)."""
    if not _ODDS_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return None
    word = None
    for word in _ODDS_WORD.finditer(text, _sentence_start(text, m.start()), m.start()):
        pass
    if word is not None:
        return word.start(), word.end(), "keyword"
    at = text.rfind("chọi", 0, m.start())
    return at, at + len("chọi"), "left"


def _bare_count(text: str, m: "_Hit", figures: list[Figure]) -> tuple[int, int, str] | None:
    """The object of a number with no noun after it, where its clause says what it counts:
    ``Số huyện đạt chuẩn …: 4/8``, ``số thí sinh … là 11.032``, ``Tổng số trẻ … gần 1,2 triệu``
    (contract 5.1: a count drops ``tổng số``/``số``/``số lượng``), or a breakdown in brackets after
    a figure (``365 (Ba Sơn: 129; Bình Độ: 131 …)``)."""
    if not (_BARE_END.match(text, m.end()) or m.group("total") and _SHARE_VERB_AFTER.match(text, m.end())
            or _phrase_len(_words_after(text, m.end(), 3), 0, _verbs_not_counted())):
        return None  # (a share may go on with its rate: "Tiểu học: 318/541 đạt 58,8%"; a count with a
        # verb: "Số trẻ 5 tuổi là 597 chia làm 13 lớp")
    if not m.group("total") and not m.group("qual") and re.fullmatch(r"(?:19|20)\d{2}", m.group("num")):
        return None  # a year after a name: "kỳ thi tốt nghiệp THPT 2025, …"
    start = m.start()
    lo = max(0, start - LEFT_WINDOW)
    prev = _previous(figures, text, start, stops=".!?\n")
    if prev is not None:
        lo = max(lo, prev.end)
    a, opener = _clause_start(text, start, lo)
    pa, pb = _trim(text, a, start)
    if opener == "(" and not _has_letters(text, pa, pb) and _CLOSE_AFTER.match(text, m.end()):
        # "các tỉnh thiếu GV lớn nhất là Hải Dương (4.000), Hà Nội (4.000)": a place's value in
        # brackets after its name counts what the sentence counts there, of that place
        qa, qb = _before_bracket(text, a - 1, lo)
        if _has_letters(text, qa, qb) and _names_place(text[qa:qb]):
            return qa, qb, "place"
    if opener == ":" and not _has_letters(text, pa, pb):
        b2 = a - 1
        a2, _ = _clause_start(text, b2, lo)
        pa, pb = _trim(text, a2, b2)
        # "(Ba Sơn: 129; …)": a named part of the figure the bracket follows
        if _has_letters(text, pa, pb) and text[pa:pa + 1].isupper() and _in_breakdown(text, pa, figures):
            return pa, pb, "breakdown"
    if not _has_letters(text, pa, pb):
        return None
    subj = _COUNT_SUBJECT.search(text, pa, pb)
    if subj:
        return subj.end(), pb, "left"
    if m.group("total"):
        # a share with no noun after it counts what its clause names: "Tỷ lệ giáo viên đạt chuẩn
        # là 437/455" (a count: the rate word goes), "Tiểu học: 318/541"
        rate = re.match(r"(?:tỷ|tỉ)\s+lệ\s+", text[pa:pb], re.IGNORECASE)
        qa = pa + (rate.end() if rate else 0)
        if _has_letters(text, qa, pb):
            return qa, pb, "left"
    # "45 cán bộ, giáo viên, nhân viên; trong đó: CBQL 3, GV 38": a part named by its noun; not a
    # name ending in a number ("…, gồm: …, Trường Tiểu học Từ Tâm 1, huyện Ninh Phước")
    written = text[pa:pb].split()
    if len(written) > 1 and written[-1][:1].isupper() and written[-1][1:].islower() and written[0][:1].isupper():
        return None  # (a label that is no name may end in one: "tiếng Anh 25", "huyện Mường Chà 2")
    words = text[pa:pb].lower().split()
    listed = prev is not None and (prev.how == "breakdown" or ":" in text[prev.end:pa] or
                                   _BREAKDOWN_OPENER.search(text, prev.end, pa) is not None)
    if 0 < len(words) <= 6 and lx.longest_prefix(words, lx.metric_heads()) and (_in_breakdown(text, pa, figures) or listed):
        return pa, pb, "breakdown"
    if 0 < len(words) <= 16 and _COPULA_BEFORE.fullmatch(text, pb, start) and \
            (lx.longest_prefix(words, lx.metric_heads()) or words[:2] == ["chỉ", "tiêu"]):
        # "thí sinh tự do có 46.978", "chỉ tiêu tuyển sinh lớp 10 thường là 450": a total with no
        # noun after it, of the counted phrase its clause opens with (5.1, "Object before the number")
        return pa, pb, "left"
    # (or a list after "trong đó"/"gồm" whose first part has its noun: "trong đó bậc mầm non 48 hồ
    # sơ, tiểu học 57, THCS 63")
    opened = prev is not None and prev.unit == "count" and re.fullmatch(r"\s*,\s*", text[prev.end:pa]) is not None \
        and _BREAKDOWN_OPENER.search(text, max(_sentence_start(text, prev.start), prev.start - 40), prev.start) is not None
    colon_list = prev is not None and (prev.how == "breakdown" or ":" in text[prev.end:pa] or opened)
    if 0 < len(words) <= 5 and colon_list and _LIST_ITEM_BEFORE.search(text, max(lo, pa - 2), pa) and \
            _LIST_ITEM_AFTER.match(text, m.end()):
        # "312 thí sinh đạt điểm 10 … gồm: Môn địa lý có 139, vật lý 90, kinh tế pháp luật 42, …":
        # the parts of a count named each by its own label, in a list after a colon (what is
        # counted is said once, in the figure the list breaks down; "trong đó nam 600, nữ 600"
        # without one is no such list)
        return pa, pb, "breakdown"
    return None


_COPULA_BEFORE = re.compile(r"\s*(?:là|có|chỉ\s+có|gồm|đạt)\s*", re.IGNORECASE)
_LIST_ITEM_BEFORE = re.compile(r"[,;:(]\s?$")  # the label opens a list item
_LIST_ITEM_AFTER = re.compile(r"\s*(?:[,;)]|\.(?!\d)|$|và\s)")
_PERFECT_SCORES = re.compile(r"\s+(?:10|tuyệt\s+đối)(?![\d,.]\d)", re.IGNORECASE)
BREAKDOWN_GAP = 60  # characters of words between a figure and the bracket that breaks it down
_GAP_BREAK = re.compile(r"[,;:!?()\n]|\.(?!\d)")
_LIMIT_TAIL = re.compile(r"(?:trở\s+lên|trở\s+xuống|trở\s+lại)(?![\w])", re.IGNORECASE)
_MEASURE_PER = re.compile(r"\s+(?P<thing>[^\W\d_]+)\s*/\s*(?P<per>tháng|năm|ngày|tuần|người|em|học\s+sinh|suất)(?![\w])",
                          re.IGNORECASE)
_CLOSE_AFTER = re.compile(r"\s*\)")
_SHARE_VERB_AFTER = re.compile(r"\s+(?:đạt|chiếm|bằng)(?![\w])", re.IGNORECASE)
_POPULATION = re.compile(r"(?:dân\s+số|số\s+dân|số\s+nhân\s+khẩu|nhân\s+khẩu)\b", re.IGNORECASE)


def _bracketed_change(text: str, m: "_Hit", figures: list[Figure]) -> tuple[int, int, str] | None:
    """A change alone in a bracket right after a count's number or its noun counts the same thing
    (contract 5.1: a difference from an earlier level is a change, its object that of the level):
    ``64 (giảm 3) thí sinh đạt giải``, ``120 trường (tăng 4)``."""
    if not m.group("change") or not _BRACKET_CLOSE.match(text, m.end()):
        return None
    bracket = text.rfind("(", max(0, m.start() - PREFIX_WINDOW), m.start())
    if bracket < 0 or text[bracket + 1:m.start()].strip():
        return None
    prev = _previous(figures, text, m.start(), units=("count",), stops=".!?\n;")
    if prev is None or prev.object_start is None or prev.end > bracket and prev.num_end > bracket:
        return None
    if text[prev.num_end:bracket].strip() and text[prev.end:bracket].strip():
        return None
    return prev.object_start, prev.object_end, "share"


def _in_breakdown(text: str, pos: int, figures: list[Figure]) -> bool:
    """Whether ``pos`` is inside a bracket that opens right after a figure."""
    depth = 0
    for i in range(pos - 1, max(-1, pos - LEFT_WINDOW), -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                # right after the figure, or after words that go on saying what it counts ("96 thí
                # sinh đăng ký dự thi là học sinh lớp 10 (THPT Chuyên …: 88; …)")
                return any(f.end <= i and i - f.end <= BREAKDOWN_GAP and not _GAP_BREAK.search(text, f.end, i)
                           for f in figures[-3:])
            depth -= 1
        elif ch in "\n.":
            if ch == "\n" or not (text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit()):
                return False
    return False


def _elided(text: str, m: "_Hit", right: tuple[int, int, bool] | None, figures: list[Figure]) -> Figure | None:
    """A number whose noun is left out in a list or a breakdown takes the noun of the count it
    follows: ``10 trường …, trong đó có 4 đạt chuẩn`` (a verb right after the number), ``39 người
    cách ly tại nhà, 69 cách ly tại trường`` (the words after it repeat those after the count
    before). Returns that count."""
    prev = _previous(figures, text, m.start(), units=("count",), stops=".!?\n;")
    if prev is None or prev.object_start is None:
        return None
    glue = text[prev.end:m.start()]
    if re.search(r"\d", glue):
        return None
    after = _words_after(text, m.end(), 3)
    if not after or after[0][2] == ",":
        return None
    listed = re.search(r"(?:,|\(|\svà|trong\s+đó(?:\s+có)?|\scòn)\s*$", glue, re.IGNORECASE)
    if right is None:
        first = after[0][2].lower()
        return prev if listed and first in lx.object_stopwords() else None
    if listed and _phrase_len(after, 0, lx.object_modifiers()) and not _phrase_len(after, 0, lx.object_heads()):
        return prev  # "25 trường mầm non (23 công lập, 2 tư thục)": a modifier stands for the noun
    follow_prev = [w[2].lower() for w in _words_after(text, prev.end, 3)]
    mine = text[right[0]:right[1]].lower().split()
    return prev if mine and follow_prev[:len(mine)] == mine else None


def extract_figures(text: str, excluded: list[tuple[int, int]] = (), word_spans=None) -> list[Figure]:
    figures: list[Figure] = []
    excluded = sorted(excluded)
    pending: list[_Hit] = []  # bare numbers sharing the unit and noun of the next one ("từ 18 lên 24 phòng học")
    for m in _hits(text):
        a_num = m.start("num")
        if m.start() > 0 and text[m.start() - 1].isalnum() and (m.group("change") or m.group("qual")):
            continue  # "thăng 5" is not "tăng 5"
        k = bisect.bisect_right(excluded, (a_num, float("inf"))) - 1
        if k >= 0 and excluded[k][0] <= a_num < excluded[k][1]:
            continue
        if _is_name_number(text, m) or not _slash_ok(text, m, figures):
            continue
        if m.group("change") and m.group("change").split()[0].lower() in ("vượt", "nhiều", "ít") and \
                not _COMPARISON_BASE.search(text, _sentence_start(text, m.start()), _sentence_end(text, m.end())):
            m.drop_change(text)
        elif m.group("change") and m.group("change").split()[-1].lower() in ("lên", "xuống"):
            m.drop_change(text)  # "tăng lên 120 trường" rose to a level, like "nâng … lên 21 trường" (5.1)
        fig = _figure(text, m, figures, word_spans)
        if fig is None:
            pending = [m] if not m.group("unit") and not m.group("total") and _SHARES_NEXT.match(text, m.end()) \
                and not _year_of_a_name(text, m) else []
            continue
        for p in pending:
            shared = _SHARES_NEXT.match(text, p.end())
            # sums of money in a list repeat their magnitude: "307, 2 tỷ đồng" is no pair
            if shared and shared.end() - 1 == fig.num_start and not (fig.unit == "vnd" and "," in shared.group(0)):
                figures.append(_sharing(text, p, fig, m.group("mag")))
        pending = []
        prev = figures[-1] if figures else None
        if prev is not None and prev.total is None and fig.unit == prev.unit == "count" and fig.change is None and \
                re.fullmatch(r"\s*/\s*", text[prev.end:fig.num_start]) and prev.object and fig.object and \
                prev.object.lower() == fig.object.lower():
            # "hộ nghèo chiếm 112 hộ/ 113 hộ": the noun repeated after the slash, a share of it (5.1 "Shares")
            prev.total, prev.end = fig.value, fig.end
            continue
        figures.append(fig)
    # a change word covers the list it heads: "giảm 30 cán bộ quản lý, 140 giáo viên, 209 nhân viên"
    for prev, cur in zip(figures, figures[1:]):
        if cur.change is None and prev.change and re.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[prev.end:cur.start]):
            cur.change = prev.change
    # ... and the parts of it listed in a bracket right after it: "công lập tăng 27 trường (gồm 10
    # trường mầm non, 9 trường tiểu học …)"
    for i, cur in enumerate(figures):
        if cur.change is not None or cur.unit != "count":
            continue
        bracket = text.rfind("(", max(0, cur.start - LEFT_WINDOW), cur.start)
        if bracket < 0 or ")" in text[bracket:cur.start] or not _BREAKDOWN_OPENER.match(text, bracket + 1):
            continue
        head = next((f for f in reversed(figures[:i]) if f.end <= bracket), None)
        if head is not None and head.change and not text[head.end:bracket].strip():
            cur.change = head.change
    return figures


# "từ 18 lên 24 phòng học", "vượt 4, 5 km": a bare number before another one that has the noun
# the first number of a range, before the second ("85-90%", "40- 60%"; a dash spaced on both sides
# is a separator: "cơ sở 1 - 88,6%")
_RANGE_FIRST = re.compile(r"(?<![\w.,])\d[\d.,]*(?:[-–]\s?|\s[-–])$")
# (a dash: the first number of a range of counts, or of percentages written against it: "40- 60%",
# not "cơ sở 1 - 88,64%")
_SHARES_NEXT = re.compile(r"\s*(?:,|lên|đến|tới|xuống|hoặc|[-–](?=\s*\d[\d.,]*\s+[^\W\d_]))\s*\d"
                          r"|[-–](?=\s*\d[\d.,]*\s*%)\s*\d", re.IGNORECASE)


_RANGE_CHANGE = re.compile(r"(?<![\w])(?P<word>tăng|giảm)(?:\s+thêm)?\s+(?:khoảng\s+)?từ\s+(?:\d[\d.,]*\s?[-–]\s?)?$", re.IGNORECASE)


def _range_change(text: str, m: "_Hit") -> str | None:
    """A change by a range of counts: "tăng từ 12.000-15.000 học sinh" (both numbers increases);
    "tăng từ 18 lên 24" is two levels (contract 5.1, "Between levels") and is not this."""
    before = _RANGE_CHANGE.search(text, max(0, m.start("num") - 40), m.start("num"))
    if before is None:
        return None
    ranged = before.group(0).rstrip().endswith(("-", "–")) or re.match(r"\s?[-–]\s?\d", text[m.end("num"):])
    return _change_of(before.group("word")) if ranged else None


def _year_of_a_name(text: str, m: "_Hit") -> bool:
    """A year closing a name ("kỳ thi Robotacon 2022, 1 học sinh …", "Hội khỏe Phù Đổng 2024, 15 …"):
    no count of the noun that follows the next number."""
    return re.fullmatch(r"(?:19|20)\d{2}", m.group("num")) is not None and not m.group("qual") and \
        _capitalised_before(text, m.start())


def _sharing(text: str, p: "_Hit", fig: Figure, fig_mag: str | None) -> Figure:
    mag = p.group("mag") or fig_mag
    value = parse_number(p.group("num")) * (magnitude(mag) if mag else 1)
    qual = QUALIFIER_OF.get(" ".join(p.group("qual").lower().split())) if p.group("qual") else "exact"
    change = _change_of(p.group("change")) if p.group("change") else _range_change(text, p)
    return Figure(p.start(), p.end(), value, fig.unit, qual or "exact", change, fig.object, fig.object_start,
                  fig.object_end, fig.metric, None, p.start("num"), p.end("num"), "pair")


def _sentence_end(text: str, pos: int) -> int:
    m = _SENTENCE_END.search(text, pos, min(len(text), pos + 2 * LEFT_WINDOW))
    return m.start() if m else min(len(text), pos + 2 * LEFT_WINDOW)


def _distant_change(text: str, m: "_Hit") -> re.Match | None:
    """A change word away from its number (contract 5.1, "Change at a distance", "Differences from
    a plan"): ``tăng``/``giảm``/``vượt`` over a comparison base (``so với …``, ``vượt chỉ tiêu``) or
    with the amount in brackets (``tăng gần gấp đôi (khoảng 1.700 HS)``); ``cao/thấp hơn`` over any
    base, but a bracket after ``cao hơn`` holds the value compared, a level."""
    lo = max(_sentence_start(text, m.start()), m.start() - DISTANCE_WINDOW)
    d = _DISTANT_CHANGE.search(text, lo, m.start())
    if d is None:
        return None
    comparative = re.match(r"cao|thấp", d.group("word"), re.IGNORECASE) is not None
    if d.group("bracket"):
        return None if comparative else d
    return d if d.group("so") or comparative else None


_MEDALS_BEFORE = re.compile(r"\d\s+(?:huy\s+chương\s+|HC\s*)?(?:vàng|bạc)\s*[,;]\s*(?:\d+\s+(?:huy\s+chương\s+|HC\s*)?"
                            r"(?:vàng|bạc)\s*[,;]\s*)?$", re.IGNORECASE)


def _figure(text: str, m: "_Hit", figures: list[Figure], word_spans) -> Figure | None:
    value = parse_number(m.group("num"))
    if m.group("mag"):
        value *= magnitude(m.group("mag"))
    unit_raw = m.group("unit") or ""
    # %, đồng and their spellings are named; other units stay as written ("m2", "ha", "USD")
    unit_raw = re.sub(r"\s+", " ", unit_raw)
    unit = UNITS.get(unit_raw.lower(), unit_raw) if unit_raw else "count"
    change = _change_of(m.group("change")) if m.group("change") else _range_change(text, m)
    distant = _distant_change(text, m) if change is None else None
    if distant:
        change = _change_of(distant.group("word"))
    left_end = distant.start() if distant else m.start()  # an object to the left ends before the change word
    first = _RANGE_FIRST.search(text, max(0, left_end - 12), left_end)
    if first is not None and not distant:
        left_end = first.start()  # ... and before the first number of a range ("đạt 85-90%")

    # money with no unit in a list of amounts ("giải Nhì 3 triệu, giải Ba 2 triệu và … 1 triệu đồng")
    if unit == "count" and m.group("mag") and m.group("mag").lower() in ("triệu", "tỷ", "tỉ") and \
            (_BARE_END.match(text, m.end()) and _money_nearby(text, m, figures) or _CASH_AFTER.match(text, m.end())):
        unit = "vnd"  # (or the money named right after it: "hơn 850 triệu tiền mặt")
    if unit == "vnd" and unit_raw.lower() == "đồng" and not m.group("mag") and \
            _MEDALS_BEFORE.search(text, max(0, m.start() - 60), m.start()):
        # "3 huy chương: 1 vàng, 1 bạc, 1 đồng": a bronze medal, not money
        return Figure(m.start(), m.end(), value, "count", QUALIFIER_OF.get(" ".join(m.group("qual").lower().split()))
                      if m.group("qual") else "exact", change, text[m.start("unit"):m.end("unit")], m.start("unit"),
                      m.end("unit"), None, None, m.start("num"), m.end("num"), "right")
    if unit != "count":
        got = _amount_object(text, m, unit, left_end, figures, word_spans)
    else:
        got = _count_object(text, m, left_end, distant is not None or change is not None, figures, word_spans)
    if got is None:
        return None
    unit, end, obj_span, how = got
    if obj_span is None or obj_span[0] is None or obj_span[1] <= obj_span[0]:
        obj_span = None
    obj = text[obj_span[0]:obj_span[1]] if obj_span else None
    qual = QUALIFIER_OF.get(" ".join(m.group("qual").lower().split())) if m.group("qual") else "exact"
    metric = _metric(text, m, obj, obj_span, unit, how, figures)
    total = None
    if m.group("total"):
        total = parse_number(m.group("total"))
        if total < value:
            return None
    return Figure(m.start(), end, value, unit, qual or "exact", change, obj,
                  obj_span[0] if obj_span else None, obj_span[1] if obj_span else None,
                  metric, total, m.start("num"), m.end("num"), how)


# "trên 88% số trường …", "100% các xã, phường": what the percentage is a share of, "số"/"các" dropped
_SHARE_OF = re.compile(r"[ \t]+(?:(?:tổng\s+)?số(?:\s+lượng)?(?:\s+(?:các|những))?|tổng\s+(?:các|những)|các|những)\s+"
                       r"(?=[^\W\d_])", re.IGNORECASE)
_PER_UNIT = re.compile(r"\s*/\s*((?:0?1\s+)?[^\W\d_]+(?:\s+[^\W\d_]+)?)")  # "/01 tháng": per one month


def _amount_object(text: str, m: "_Hit", unit: str, left_end: int, figures: list[Figure], word_spans):
    """``(unit, span end, object span, how)`` of a percentage, a sum of money or a measure."""
    end = m.end()
    # money per unit keeps its unit as written ("30.000 đồng/em", "8 triệu đồng/người/tháng")
    per_start = end
    # and so does a measure written per head and per period ("15 kg/học sinh/01 tháng")
    per_measure = unit not in ("vnd", "percent") and m.group("unit") and text.startswith("/", end)
    while unit == "vnd" or ("/" in unit or per_measure) and m.group("unit"):
        per = _PER_UNIT.match(text, end) if m.group("unit") else None
        if not per:
            break
        words = per.group(1).split()
        lead = 1 if words[0].isdigit() else 0  # "/01 tháng"
        lowered = [w.lower() for w in words[lead:]]
        tail = " ".join(words[:lead + (lx.longest_prefix(lowered, lx.object_heads())
                                       or lx.longest_prefix(lowered, _per_periods()) or 1)])
        end = per.start(1) + len(tail)
        if tail.lower() == "giải":  # "5 triệu đồng/giải nhất": the prize's rank is part of its name
            rank = re.match(rf"\s+(?:{_prize_ranks()})(?![\w])", text[end:end + 20], re.IGNORECASE)
            if rank:
                end += rank.end()
        unit = f"{text[m.start('unit'):m.end('unit')]}{text[per_start:end]}"  # as written ("đồng/ chiếc")
    per = _MEASURE_PER.match(text, end) if m.group("unit") and unit not in ("vnd", "percent") and "/" not in unit \
        else None
    if per:
        # "15 kg gạo/tháng": a measure of a thing per period or per head keeps both in its unit, as
        # money per unit does ("đồng/tháng"); the thing measured is the object
        unit = f"{text[m.start('unit'):m.end('unit')]} {per.group('thing')}/{per.group('per')}"
        return unit, per.end(), (per.start("thing"), per.end("thing")), "right"
    # "trên 88% số trường, cơ sở đạt chuẩn": a share of a count names the count ("số" dropped)
    subj = _SHARE_OF.match(text, end) if unit == "percent" else None
    right = _right_object(text, subj.end() if subj else end, word_spans)
    if right and text[end:right[0]].strip() and not subj:
        right = None  # only a count steps over a bracket to its noun
    if right and not right[2] and unit in _LENGTH_UNITS and \
            _distance_before_re().search(text, max(0, m.start() - LEFT_WINDOW), m.start()):
        right = None  # "quê ở Na Rì, cách trường gần 30 km tâm sự": a distance; the verb after is no object
    if right and (unit == "vnd" or "/" in unit):
        money = _keyword_re().match(text, right[0])
        right = right if money and _tag(money) == "money" else None  # "150.000 đồng chi phí đi lại"
    if right:
        return unit, right[1], (right[0], right[1]), "right"
    got = _object_left(text, left_end, figures, unit)
    return unit, end, (got[:2] if got else None), (got[2] if got else "")


def _count_object(text: str, m: "_Hit", left_end: int, changed: bool, figures: list[Figure], word_spans):
    """``(unit, span end, object span, how)`` of a count, or None where the number counts nothing."""
    right = _right_object(text, m.end(), word_spans)
    elided = _elided(text, m, right, figures) if right is None or not right[2] else None
    if elided is not None:
        return "count", m.end(), (elided.object_start, elided.object_end), "elided"
    if right is None:
        got = _odds(text, m) or _bracketed_change(text, m, figures) or _bare_count(text, m, figures)
        return ("count", m.end(), got[:2], got[2]) if got else None
    if not right[2] and not m.group("qual") and _capitalised_before(text, m.start()) and "," not in m.group("num"):
        # (a decimal ends no name: "môn Tiếng Anh 5,36 điểm" is the subject's average)
        # (a qualifier is no part of a name: "Nha Trang khoảng 2.900 em")
        label = _breakdown_label(text, m, figures) if _classifiers().get(text[right[0]:right[1]].lower()) else None
        if label is None and _same_list_item(text, m, figures, text[right[0]:right[1]]):
            # "Kinh Môn có 195 em, Thanh Miện 124 em, Nam Sách 115 em": places, each with its count
            return "count", right[1], (right[0], right[1]), "right"
        if label is None:
            return None  # "Trường Tiểu học Mỹ Đông 1 long trọng …": a name, then a verb
        return "count", right[1], label, "breakdown"  # "(trong đó dân tộc Jrai 285 em, Bahnar 60 em)"
    if not right[2] and re.fullmatch(r"(?:19|20)\d{2}", m.group("num")):
        return None  # a year written alone is not a count ("chương trình 2018 đối với")
    head_text = text[right[0]:right[1]]
    if re.match(r"điểm\s*,", head_text, re.IGNORECASE):
        # "là 1.103 điểm, thí sinh có điểm thi thấp nhất …": a score, not a list of nouns
        right = (right[0], right[0] + len("điểm"), right[2])
        head_text = text[right[0]:right[1]]
    # a slash after the noun: a ratio ("37,8 học sinh/lớp": unit as written), or two names of one
    # kind of thing counted together ("412 lớp/nhóm lớp", "xã/phường")
    ratio = _SLASH_TAIL.match(text, right[1])
    tail_n = lx.longest_prefix(ratio.group(1).lower().split(), lx.object_heads()) if ratio else 0
    per_period = 0 if tail_n or not ratio else lx.longest_prefix(ratio.group(1).lower().split(), _per_periods())
    if tail_n or per_period:
        tail = " ".join(ratio.group(1).split()[:tail_n or per_period])
        end = ratio.start(1) + len(tail)
        if per_period or _is_per(head_text, tail.split()):
            unit = text[right[0]:end]  # as written ("học viên/ năm")
            got = _object_left(text, m.start(), figures, unit)
            if got is None or got[2] != "keyword" or _AVERAGE_WORD.match(text, got[0]):
                # a ratio with no word of its own before it ("Giữ nguyên 24 thí sinh/phòng thi",
                # "bình quân 32,6 học sinh/lớp") is of what it is written as; "Sĩ số trung bình 35
                # học sinh/lớp" is of the class size it names
                return unit, end, (right[0], end), "right"
            return unit, end, got[:2], got[2]
        while (more := _SLASH_TAIL.match(text, end)) is not None:  # "2 xã/phường/thị trấn"
            n = lx.longest_prefix(more.group(1).lower().split(), lx.object_heads())
            if not n or _is_per(head_text, more.group(1).split()[:n]):
                break
            end = more.start(1) + len(" ".join(more.group(1).split()[:n]))
        return "count", end, (right[0], end), "right"
    perfect = _PERFECT_SCORES.match(text, right[1]) if head_text.lower() == "điểm" else None
    if perfect and "," not in m.group("num"):
        # "6 điểm 10", "15 điểm tuyệt đối": how many perfect scores, a count (exam news' own idiom)
        return "count", perfect.end(), (right[0], perfect.end()), "right"
    if head_text.lower() == "điểm" and not re.search(r"(?:tại|ở)\s*$", text[max(0, m.start() - 6):m.start()]):
        # a score or a mean score measures in points ("đạt 6,12 điểm"): unit, object to the left
        got = _object_left(text, left_end, figures, "điểm")
        return "điểm", right[1], (got[:2] if got else None), (got[2] if got else "")
    end = m.end() if text[m.end():right[0]].strip() else right[1]
    first_word = head_text.split()[0].lower() if head_text.split() else ""
    if _classifiers().get(first_word) and not changed and not _phrase_len(_words_after(text, right[0], 4), 1,
                                                                          lx.object_heads()):
        # "Trong số 1.250 học sinh …, có 1.190 em dự thi …": the set the sentence opened with
        among = _among(text, m, first_word, figures) or _all_of(text, m, figures)
        if among is not None:
            return "count", end, (among.object_start, among.object_end), "counted"
    if _classifiers().get(_OTHER_TAIL.sub("", head_text.lower())):  # ("7 em khác": a lone classifier too)
        most = _most_with(text, m)
        if most is not None:
            return "count", end, most, "left"
        named = _NAMED_AS.match(text, right[1])
        after = _right_object(text, named.end(), word_spans) if named else None
        if after is not None and after[2] and lx.longest_prefix(text[after[0]:after[1]].lower().split(),
                                                                  lx.metric_heads()):
            # "gần 1.300 người là cán bộ quản lý các cơ sở giáo dục, 22 ngàn người là giáo viên":
            # the people counted are named after "là"
            return "count", end, (after[0], after[1]), "right"
        # a lone classifier takes the phrase it counts (contract 1 and 5.1); a change, the object
        # of the level compared
        sub = _counted_phrase(text, left_end, figures)
        if sub is not None and not (changed and left_end != m.start()):
            return "count", end, sub, "left"
        got = _object_left(text, left_end, figures, "count") if changed else None
        if got is not None and got[2] == "share":
            return "count", end, got[:2], "level"
        if sub is not None:
            return "count", end, sub, "left"
        label = _breakdown_label(text, m, figures)
        if label is not None:
            return "count", end, label, "breakdown"
        counted = _counted_before(text, m, _OTHER_TAIL.sub("", head_text.lower()), figures)
        if counted is not None:
            return "count", end, (counted.object_start, counted.object_end), "counted"
    return "count", end, (right[0], right[1]), "right"


def _breakdown_label(text: str, m: "_Hit", figures: list[Figure]) -> tuple[int, int] | None:
    """The label of a part of a count in a bracket that breaks the count down (contract 1: a lone
    classifier takes the phrase it counts): ``390 học sinh (trong đó dân tộc Jrai 285 em, Bahnar
    60 em, dân tộc khác 45 em)`` → ``dân tộc Jrai``, ``Bahnar``, ``dân tộc khác``."""
    lo = max(0, m.start() - LEFT_WINDOW)
    a, opener = _clause_start(text, m.start(), lo)
    if opener not in ("(", ",", ";", ""):
        return None
    bracket = text.rfind("(", lo, m.start())
    in_bracket = bracket >= 0 and ")" not in text[bracket:m.start()] and _in_breakdown(text, bracket + 1, figures)
    if not in_bracket:
        # "… với tổng số 1.245 người, trong đó bậc mầm non 329 người, bậc tiểu học 519 người"
        prev = _previous(figures, text, m.start(), units=("count",), stops=".!?\n;")
        if prev is None or prev.how != "breakdown":  # (the next part of a list already begun)
            opened = _BREAKDOWN_OPENER.search(text, prev.end, m.start()) if prev is not None else None
            if opened is None or _breaks(text, opened.end(), m.start(), ".!?\n;"):
                return None
            a = max(a, opened.start())
    pa, pb = _trim(text, a, m.start())
    opening = _BREAKDOWN_OPENER.match(text, pa)  # (the label starts after it)
    if opening:
        pa = opening.end()
    if not _has_letters(text, pa, pb) or len(text[pa:pb].split()) > BREAKDOWN_LABEL_WORDS:
        return None
    return pa, pb


def _counted_before(text: str, m: "_Hit", classifier: str, figures: list[Figure]) -> Figure | None:
    """The count a lone classifier breaks down (contract 1: the classifier takes "the phrase it
    counts"): ``15.000 trẻ khuyết tật, trong đó 12.000 em học hòa nhập``. Only in a breakdown
    (``trong đó``): ``gần 6.000 em … nhưng có tới 7.740 em vào lớp 6`` are other pupils. ``em`` (and
    ``cháu``) stand for pupils and children only. Said to be equal to the figure right before it
    (``33% học sinh tốt nghiệp THCS (tương đương 6.741 em)``), it counts what that figure is of."""
    if _EQUAL_TO_BEFORE.search(text, max(0, m.start() - 24), m.start()):
        prev = _previous(figures, text, m.start(), stops=".!?\n;")
        if prev is not None and prev.object_start is not None and \
                (prev.metric in ("students", "candidates") if classifier in ("em", "cháu") else prev.metric):
            return prev
    prev = _previous(figures, text, m.start(), units=("count",), stops=".!?\n;")
    if prev is None or prev.object_start is None or prev.metric is None:
        return None
    if classifier in ("em", "cháu") and prev.metric not in ("students", "candidates"):
        return None
    if re.search(r"(?<![\w])trong\s+(?:đó|số\s+đó|số\s+này)(?![\w])", text[prev.end:m.start()], re.IGNORECASE):
        return prev
    if prev.how == "counted" and not _breaks(text, prev.end, m.start(), ".!?\n;"):
        return prev  # the next part of the same breakdown: "trong đó 13 em tử vong, 7 em khác đang nằm viện"
    if classifier in ("em", "cháu") and prev.how == "right" and _ABSENT_BEFORE.search(text, max(prev.end, m.start() - 24),
                                                                                    m.start()):
        # "hơn 135.000 học sinh các cấp đến lớp …, vắng khoảng 2.500 em": the pupils missing from
        # the count just given
        return prev
    return None


# what opens the parts of a count: "(gồm 10 …", "trong đó: bậc mầm non 329 người", "bao gồm"
_BREAKDOWN_OPENER = re.compile(r"\s*(?<![\w])(?:(?:bao\s+)?gồm|trong\s+đó)(?![\w])\s*:?\s*", re.IGNORECASE)
_ABSENT_BEFORE = re.compile(r"(?<![\w])(?:vắng|vắng\s+mặt|nghỉ\s+học|bỏ\s+học|chưa\s+đến\s+lớp)(?:\s+(?:là|có))?\s+"
                            r"(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?$", re.IGNORECASE)
# the label of a school level or tier in a list of amounts ("bậc THPT là 110.000 đồng/…")
_LEVEL_LABEL = re.compile(r"(?<![\w])(?:bậc|cấp|khối|nhóm|khu\s+vực|vùng|mầm\s+non|mẫu\s+giáo|nhà\s+trẻ|tiểu\s+học|"
                          r"THCS|THPT|trung\s+học|GDTX|đại\s+học|cao\s+đẳng|trung\s+cấp)(?![\w])", re.IGNORECASE)
_FROM_TO = re.compile(r"\s*(?:\([^()\d]{0,40}\))?\s*(?:lên|xuống)(?:\s+(?:mức|còn))?\s*", re.IGNORECASE)
_PARALLEL_PLACE = re.compile(r"(?<![\w])(?:ở|tại)\s+[^\W\d_][^,;.()\d]{0,40}?\s*(?:,|và)\s*$", re.IGNORECASE)
# (or after the first value's aside: "dưới 4 km (với học sinh tiểu học) và dưới 7 km")
_PARALLEL_ASIDE = re.compile(r"\s*\([^()\d]{1,60}\)\s*(?:,|và)\s*", re.IGNORECASE)
_OTHER_TAIL = re.compile(r"\s+khác$")
_WITH_BEFORE = re.compile(r"(?<![\w])với\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?$", re.IGNORECASE)
_EQUIVALENT_BEFORE = re.compile(r"[,(]\s*tương\s+đương(?:\s+với)?\s+(?:khoảng\s+|gần\s+|hơn\s+|trên\s+)?$", re.IGNORECASE)
_NAMED_AS = re.compile(r"\s+là\s+", re.IGNORECASE)
_EQUAL_TO_BEFORE = re.compile(r"\(\s*(?:tương\s+đương|tức\s+là|tức)(?:\s+(?:với|khoảng|gần|hơn|trên))*\s+$",
                             re.IGNORECASE)
_MOST_OF = re.compile(r"(?<![\w])(?:số|nhiều)\s+(?P<p>[^,;.()\d]+?)(?:\s+(?:cao|nhiều|lớn|đông)?\s*nhất)?\s*,?\s*$",
                      re.IGNORECASE)


def _most_with(text: str, m: "_Hit") -> tuple[int, int] | None:
    """``Cấp mầm non có nhiều giáo viên nghỉ việc nhất với 184 người``, ``có số HS bỏ học cao nhất,
    với 103 em``: a lone classifier after ``với`` counts what the clause says there is most of."""
    w = _WITH_BEFORE.search(text, max(0, m.start() - 20), m.start())
    if w is None:
        return None
    a, _ = _clause_start(text, w.start(), max(0, w.start() - LEFT_WINDOW))
    if text[a - 1:a] == ",":  # ("…cao nhất, với 103 em": the clause before the comma)
        a, _ = _clause_start(text, a - 1, max(0, a - 1 - LEFT_WINDOW))
    got = _MOST_OF.search(text, a, w.start())
    if got is None or not lx.longest_prefix(got.group("p").lower().split(), lx.metric_heads()):
        return None
    return got.start("p"), got.end("p")


_AMONG = re.compile(r"(?<![\w])trong\s+(?:tổng\s+)?số\s*$", re.IGNORECASE)


_ALL_OF = re.compile(r"(?<![\w])(?:cả|tất\s+cả)\s*$", re.IGNORECASE)


def _all_of(text: str, m: "_Hit", figures: list[Figure]) -> Figure | None:
    """``có 6 học sinh tham gia, cả 6 em đều đoạt giải``: "all N" of a lone classifier are the N
    counted before it in the sentence."""
    if not _ALL_OF.search(text, max(0, m.start() - 12), m.start()):
        return None
    value = parse_number(m.group("num"))
    return _previous(figures, text, m.start(), units=("count",), stops=".!?\n",
                     where=lambda f: f.value == value and f.object_start is not None and f.metric is not None)


def _among(text: str, m: "_Hit", classifier: str, figures: list[Figure]) -> Figure | None:
    """The set a sentence opens with ``trong số`` is what its lone classifiers count: ``Trong số
    21.679 học sinh lớp 9, có 18.948 em đăng ký …; 2.731 em không đăng ký``."""
    f = _previous(figures, text, m.start(), units=("count",), stops=".!?\n",
                  where=lambda f: f.how == "right" and f.object_start is not None
                  and (f.metric is not None or classifier == "người")  # ("trong tổng số 10.175 ứng viên")
                  and _AMONG.search(text, max(0, f.start - 20), f.start) is not None)
    if f is not None and classifier in ("em", "cháu") and f.metric not in ("students", "candidates"):
        return None
    return f


def _metric(text: str, m: "_Hit", obj, obj_span, unit: str, how: str, figures: list[Figure]) -> str | None:
    metric = metric_of(obj, unit)
    if how in ("left", "keyword") and obj and _names_one(obj):
        return None  # a named school's rate ("Trường Cao đẳng Cơ khí Luyện kim 32,35%") counts no schools
    if metric == "institutions" and obj.lower().startswith("đơn vị"):
        # units honoured as award recipients (contract 5.1: "318 đơn vị, trường học" … "awards")
        if _AWARD_CONTEXT.search(text, _sentence_start(text, m.start()), _sentence_end(text, m.end())):
            return "awards"
    if how == "share" and obj_span:
        # a share's percentage takes the share's metric (contract 5.1, "Shares")
        src = next((f for f in reversed(figures) if f.object_start == obj_span[0]), None)
        if src is not None and src.metric != "budget" and (unit == "percent" or src.unit == unit):
            return src.metric
    return metric


def _names_one(obj: str) -> bool:
    """A proper name (``Trường Cao đẳng Cơ khí Luyện kim``) or a numbered unit (``cơ sở 1``) rather
    than a kind of thing."""
    if re.match(r"[A-ZĐ]\w*\s+[A-ZĐ]", obj):
        return True
    words = obj.lower().split()
    n = lx.longest_prefix(words, lx.metric_heads())
    return bool(n) and len(words) == n + 1 and words[n].isdigit()


def _is_per(head: str, tail_words: list[str]) -> bool:
    """``học sinh/lớp`` is a ratio (pupils per class); ``lớp/nhóm lớp``, ``xã/phường`` are two names
    of one kind of thing counted together (contract 5.1, "Slashes"): same metric, or neither in
    the metric vocabulary."""
    vocab = lx.metric_heads()
    hn = lx.longest_prefix(head.lower().split(), vocab)
    tn = lx.longest_prefix([w.lower() for w in tail_words], vocab)
    hk = vocab.get(" ".join(head.lower().split()[:hn])) if hn else None
    tk = vocab.get(" ".join(w.lower() for w in tail_words[:tn])) if tn else None
    if hk is None and tk is None:
        return False
    return hk != tk


def _money_nearby(text: str, m: "_Hit", figures: list[Figure]) -> bool:
    """A money figure before it in the sentence, a money noun right before it in its clause
    (``tổng kinh phí 300 triệu``: object_keywords.tsv), or a money amount ahead in the sentence."""
    prev = _previous(figures, text, m.start(), stops=".!?\n;")
    if prev is not None and prev.unit == "vnd":
        return True
    a, _ = _clause_start(text, m.start(), max(0, m.start() - 60, prev.end if prev is not None else 0))
    pa, pb = _trim(text, a, m.start())
    if _has_letters(text, pa, pb) and _keyword_in(text, pa, pb, m.start(), ("money",)) is not None:
        return True
    end = _sentence_end(text, m.end())
    return re.search(rf"\d\s*(?:{MAGNITUDE})?\s*(?:đồng|đ|vnđ)(?![\w])", text[m.end():end], re.IGNORECASE) is not None
