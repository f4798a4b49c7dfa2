"""Where and when a figure applies (contract section 1, "province", "province_2025" and "period"),
and the sentence a record sits in: what lets a researcher line reports up by province and school
year, across the merger of 1 July 2025 (63 provinces -> 34, districts abolished).

Places are data: ``nlp/data/provinces.tsv`` (every province before and after the merger, with the
province it belongs to from 2025-07-01 and the ways papers write it), ``districts.tsv`` (the
district-level units as of 2025-06-30 and their provinces) and ``place_words.tsv`` (the words
around a name that decide what it names). ``PROVINCES.md`` gives the legal sources.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from . import lexicon as lx
from .normalize import normalize, strip_diacritics, view_text

_SENT_END = re.compile(r"[.!?…]+(?=\s)|\n")
_RELATIVE = re.compile(r"năm\s+học\s+(?:vừa\s+qua|qua|trước|này|vừa\s+kết\s+thúc)", re.IGNORECASE)
_REVIEW = re.compile(r"(?:tổng\s+kết|sơ\s+kết|nhìn\s+lại|kết\s+quả)\s+(?:học\s+k[ỳì]\s+\w+\s+)?năm\s+học\s+"
                     r"(?P<y1>(?:19|20)\d{2})\s*[-–—]\s*(?P<y2>(?:19|20)\d{2})", re.IGNORECASE)
PERIOD_TYPES = ("school_year", "semester", "half_year", "quarter", "month", "year")

# The provinces of 2025 exist from this day (Resolution 202/2025/QH15; see nlp/data/PROVINCES.md).
MERGER_DAY = "2025-07-01"


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


# -- the gazetteer --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Province:
    name: str
    kind: str                      # tinh | thanh_pho
    province_2025: str             # the province it belongs to from 2025-07-01 (itself for the 34)
    kept_borders: bool             # one of the 11 the merger left as they were
    aliases: tuple[str, ...]
    existed_until: str | None      # the last day it existed as such
    exists_from: str | None        # the day the merger re-formed it


@dataclass(frozen=True)
class District:
    name: str
    kind: str                      # huyen | quan | thi_xa | thanh_pho
    province: str                  # as of 2025-06-30
    province_2025: str


def _table(name: str) -> list[dict]:
    """Rows of a tab-separated data file with a header line, text normalised as the matcher sees it."""
    lines = lx._lines(name)
    header = lines[0].split("\t")
    return [dict(zip(header, (line.split("\t") + [""] * len(header))[:len(header)])) for line in lines[1:]]


@lx.derived
def provinces_table() -> dict[str, Province]:
    """Every province before and after the merger, by name (``nlp/data/provinces.tsv``)."""
    out = {}
    for row in _table("provinces.tsv"):
        out[row["name"]] = Province(row["name"], row["kind"], row["province_2025"], row["kept_borders"] == "yes",
                                    tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
                                    row["existed_until"] or None, row["exists_from"] or None)
    return out


@lx.derived
def districts_table() -> list[District]:
    """The district-level units of 2025-06-30 (``nlp/data/districts.tsv``)."""
    return [District(r["name"], r["kind"], r["province"], r["province_2025"]) for r in _table("districts.tsv")]


@lx.derived
def place_words() -> dict[str, list[tuple[str, str]]]:
    """role -> [(word, extra)] from ``nlp/data/place_words.tsv``."""
    out: dict[str, list[tuple[str, str]]] = {}
    for line in lx._lines("place_words.tsv"):
        role, word, extra = (line.split("\t") + ["", ""])[:3]
        out.setdefault(role.strip(), []).append((word.strip(), extra.strip()))
    return out


def province_2025_of(name: str | None) -> str | None:
    """The province that ``name`` (a province as reported) belongs to from 2025-07-01."""
    row = provinces_table().get(name) if name else None
    return row.province_2025 if row else None


def constituents(name_2025: str) -> list[str]:
    """The provinces that make up a province of 2025, itself first (``Tây Ninh`` -> Tây Ninh, Long An)."""
    names = [p.name for p in provinces_table().values() if p.province_2025 == name_2025]
    return sorted(names, key=lambda n: (n != name_2025, n))


def reformed(name_2025: str) -> bool:
    """Whether the merger changed this province's territory (23 of the 34)."""
    row = provinces_table().get(name_2025)
    return bool(row and not row.kept_borders)


def same_territory(name: str) -> list[str]:
    """The names one territory had (``Huế`` and ``Thừa Thiên Huế``): a province whose 2025 unit
    kept its borders shares its series with the unit's other names; any other, itself."""
    row = provinces_table().get(name)
    if row is None:
        return [name]
    unit = provinces_table().get(row.province_2025)
    if unit is not None and unit.kept_borders:
        return constituents(unit.name)
    return [name]


@lx.derived
def _typed_names() -> dict[str, str]:
    """A province as a user types it (no diacritics, any case, with or without ``tỉnh``) -> name."""
    out: dict[str, str] = {}
    rows = provinces_table().values()
    for p in rows:  # aliases first, so that a name (Huế) wins over another row's alias
        for alias in p.aliases:
            out.setdefault(_typed_key(alias), p.name)
    for p in rows:
        out[_typed_key(p.name)] = p.name
    return out


_TYPED_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?|thu do)\s+")


def _typed_key(text: str) -> str:
    key = " ".join(re.sub(r"[^\w.]+", " ", strip_diacritics(text)).split())
    return _TYPED_PREFIX.sub("", key).replace(".", "").replace(" ", "")


def resolve_province(typed: str | None) -> str | None:
    """The province a user or a registry means (``Tay Ninh``, ``tỉnh Long An``, ``TP.HCM``), or None."""
    if not typed or not typed.strip():
        return None
    return _typed_names().get(_typed_key(typed))


def era(period: str | None) -> str | None:
    """``before`` or ``after`` the merger of 2025-07-01 for a period value (``2024-2025`` is
    before, ``2025-2026`` after), None where the period straddles the day (the year 2025) or is
    unknown."""
    if not period:
        return None
    if "/" in period:
        a, b = (era(p) for p in period.split("/", 1))
        return a if a == b else None
    m = re.fullmatch(r"(\d{4})-(\d{4})(?:-S[12])?", period)
    if m:  # a school year starts in August or September
        return "after" if int(m.group(1)) >= 2025 else "before"
    m = re.fullmatch(r"(\d{4})(?:-(H[12]|Q[1-4]|\d{2})(?:-(\d{2}))?)?", period)
    if not m:
        return None
    year = int(m.group(1))
    if year != 2025:
        return "after" if year > 2025 else "before"
    part = m.group(2)
    if part is None:
        return None
    if part[0] in "HQ":
        first_month = {"H1": 1, "H2": 7, "Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10}[part]
    else:
        first_month = int(part)
    return "after" if first_month >= 7 else "before"


# -- places named in a text -----------------------------------------------------------------------
@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    province: str
    how: str                       # prefixed (tỉnh X, TP X), bare (X), district (huyện Y in X)


@lx.derived
def _surfaces() -> tuple[dict[str, str], dict[str, list[District]], frozenset[str]]:
    """(province surface -> name, district surface -> districts, surfaces already prefixed)."""
    provinces: dict[str, str] = {}
    prefixed = set()
    words = place_words()
    prefixes = [w for w, _ in words.get("province_prefix", [])]
    for p in provinces_table().values():
        for alias in p.aliases:
            provinces.setdefault(alias, p.name)
    for p in provinces_table().values():
        provinces[p.name] = p.name
    for surface in list(provinces):
        provinces.setdefault(surface.upper(), provinces[surface])
    for surface in provinces:
        if any(surface.startswith(pre) and (pre.endswith(".") or surface[len(pre):len(pre) + 1].isspace())
               for pre in prefixes + [pre.upper() for pre in prefixes]):
            prefixed.add(surface)
    districts: dict[str, list[District]] = {}
    for d in districts_table():
        districts.setdefault(d.name, []).append(d)
    return provinces, districts, frozenset(prefixed)


@lx.derived
def _mention_re() -> re.Pattern:
    provinces, districts, _ = _surfaces()
    words = place_words()
    prefixes = {w for w, _ in words.get("province_prefix", [])} | {w for w, _ in words.get("district_prefix", [])}
    prefix_alt = "|".join(re.escape(p) + (r"\s*" if p.endswith(".") else r"\s+")
                          for p in sorted(prefixes, key=len, reverse=True))
    others = [w for w, _ in words.get("not_a_province", [])]
    names = lx.phrase_alternation(list(provinces) + list(districts) + others)
    return re.compile(rf"(?<![\w.])(?P<prefix>(?:{prefix_alt}))?(?P<name>{names})(?![\w])")


@lx.derived
def _part_of_name_re() -> re.Pattern:
    words = [w for w, _ in place_words().get("part_of_name", [])]
    return re.compile(rf"(?<![\w]){lx.phrase_alternation(words)}\s+$")


def _prefix_role(prefix: str) -> tuple[bool, set[str]]:
    """(whether it names a province, the district kinds it names)."""
    words = place_words()
    p = " ".join(prefix.split())
    is_province = any(p == w for w, _ in words.get("province_prefix", []))
    kinds = {k for w, k in words.get("district_prefix", []) if p == w}
    return is_province, kinds


def _district_province(name: str, kinds: set[str]) -> str | None:
    """The province of a district named with a prefix, when the name and prefix say which."""
    found = _surfaces()[1].get(name, [])
    fitting = [d for d in found if d.kind in kinds] or found
    provinces = {d.province for d in fitting}
    return provinces.pop() if len(provinces) == 1 else None


_KIND_WORD = re.compile(r"(?:Quận|Huyện|Thị xã|Thành phố)\s")


@lx.register
@lru_cache(maxsize=8192)
def mentions(view: str) -> tuple[Mention, ...]:
    """The provinces a (normalised) text names, in order, with how each is named. A district counts
    only after its prefix (``huyện Mường Nhé`` -> Điện Biên) and only where its name belongs to one
    province; a province name that is part of another name (``xã``, ``đường``, a school) or a
    person's (``tư tưởng Hồ Chí Minh``) does not count."""
    provinces, _, prefixed_surfaces = _surfaces()
    needs_prefix = {w for w, _ in place_words().get("needs_prefix", [])}
    part_of_name = _part_of_name_re()
    out = []
    for m in _mention_re().finditer(view):
        name = " ".join(m.group("name").split())
        prefix = m.group("prefix")
        province = provinces.get(name)
        if prefix:
            names_province, kinds = _prefix_role(prefix)
            if names_province and province:
                out.append(Mention(m.start(), m.end(), province, "prefixed"))
                continue
            if kinds:
                found = _district_province(name, kinds)
                if found:
                    out.append(Mention(m.start(), m.end(), found, "district"))
                continue
            continue
        if province is None:
            found = _district_province(name, set()) if _KIND_WORD.match(name) else None
            if found:  # a district whose name holds its kind (Quận 1)
                out.append(Mention(m.start(), m.end(), found, "district"))
            continue  # a district's name alone: a school, a person, a commune
        if name in prefixed_surfaces:
            out.append(Mention(m.start(), m.end(), province, "prefixed"))
            continue
        if name in needs_prefix or part_of_name.search(view, max(0, m.start() - 40), m.start()):
            continue
        out.append(Mention(m.start(), m.end(), province, "bare"))
    return tuple(out)


def provinces_in(view: str, limit: int | None = None) -> list[str]:
    """The provinces ``view`` (a text already in ``view_text`` form) is about, by the places it
    names (``mentions``), in order, once each (the first ``limit`` of them)."""
    found: dict[str, None] = {}
    for m in mentions(view):
        found.setdefault(m.province)
        if limit is not None and len(found) >= limit:
            break
    return list(found)


def _choose(found: tuple[Mention, ...] | list[Mention], at: int | None = None) -> Mention | None:
    """The mention that governs position ``at``: a province named with its prefix over a bare name
    over a district; within each, the nearest before ``at``, else the first after it."""
    for hows in (("prefixed",), ("bare",), ("district",)):
        group = [m for m in found if m.how in hows]
        if not group:
            continue
        if at is None:
            return group[0]
        before = [m for m in group if m.end <= at]
        return before[-1] if before else group[0]
    return None


@lx.register
@lru_cache(maxsize=4096)
def province_in(text: str) -> str | None:
    """The province a text names (``tỉnh Điện Biên``, ``TP.HCM``, ``huyện Mường Nhé``), as its name in
    ``provinces.tsv``: one named with ``tỉnh``/``thành phố`` first, else a bare name, else a district's."""
    chosen = _choose(mentions(view_text(text)))
    return chosen.province if chosen else None


_DATELINE = re.compile(r"^\W{0,3}(?:\([^()\n]{1,60}\)\s*[-–—:]?\s*)?(?P<place>[^-–—:(),.\n]{2,40}?)\s*[-–—:]\s")


def dateline_province(text: str) -> str | None:
    """The province of an article's dateline (``ĐIỆN BIÊN - Sáng 24/2, …``, ``(GD&TĐ) Long An –``)."""
    m = _DATELINE.match(view_text((text or "")[:200]))
    if not m:
        return None
    return resolve_province(m.group("place"))


# -- periods ------------------------------------------------------------------------------------
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


def _sentence_province(text: str, a: int, b: int, start: int, cache: dict) -> str | None:
    """The province named in ``text[a:b]`` that governs the figure at ``start``."""
    key = (a, b)
    if key not in cache:
        view = normalize(text[a:b])
        cache[key] = (view, mentions(view.text))
    view, found = cache[key]
    if not found:
        return None
    at = view.to_view(start - a, start - a)[0]
    chosen = _choose(found, at)
    return chosen.province if chosen else None


def figure_context(text: str, title: str, published, source_province: str | None,
                   figures: list[dict], dates: list[dict], sentences: Sentences | None = None) -> None:
    """Add ``province`` (with ``province_basis``: sentence, title, source or dateline),
    ``province_2025``, ``period`` and ``sentence`` to each figure record, in place.

    A figure whose province comes from its source (no name in its sentence or the title) and whose
    period is after the merger takes the province the source's became: a Long An portal writing
    of 2025-2026 writes of Tây Ninh."""
    title_province = province_in(title or "")
    source = resolve_province(source_province) or source_province
    dateline = None if source else dateline_province(text)
    review = review_school_year(title, text)
    periods = sorted((d for d in dates if d["type"] in PERIOD_TYPES and d.get("value") and "X" not in d["value"]),
                     key=lambda d: d["start"])
    starts = [d["start"] for d in periods]
    sentences = sentences or Sentences(text)
    cache: dict = {}

    def between(lo: int, hi: int) -> list[dict]:
        return periods[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    for f in figures:
        a, b = sentences.bounds(f["start"], f["end"])
        sentence = text[a:b].strip()
        f["sentence"] = sentence
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
        named = _sentence_province(text, a, b, f["start"], cache)
        if named:
            province, basis = named, "sentence"
        elif title_province:
            province, basis = title_province, "title"
        elif source:
            province, basis = source, "source"
            if era(period) == "after":
                province = province_2025_of(source) or source
        elif dateline:
            province, basis = dateline, "dateline"
        else:
            province, basis = None, None
        f["province"] = province
        f["province_basis"] = basis
        f["province_2025"] = province_2025_of(province)
