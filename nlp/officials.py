"""People named with a public role (contract section 2).

Written by hand: underthesea's NER finds under 40% of these names (ethnic-minority names such as
``Vừ A Bằng``, names after ``TS.``), and nothing off the shelf knows Vietnamese role chains
(``TS. Phạm Thị Trung – Tỉnh ủy viên – Giám đốc Sở GDĐT``). Rules over the normalised text with
gazetteers (surnames, titles, honorifics, organisation words; all in ``nlp/data``) do far better.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .normalize import fold

_SYL = re.compile(r"[^\s,;:.!?()\[\]\"“”…–—]+\.?")
# A name right after these words names a school, street, prize or place, not a person
# ("Trường THPT Lê Quý Đôn", "đường Nguyễn Văn Cừ", "giải thưởng Võ Trường Toản").
_NAMED_AFTER = re.compile(
    r"(?:(?:Trường|trường)(?:\s+[A-ZĐ][\w&.\-]*)*|đường|phố|giải(?:\s+thưởng)?|Giải(?:\s+thưởng)?|quỹ|Quỹ|"
    r"Huân\s+chương|Nhà\s+văn\s+hóa|tượng|đền|Đền|lăng|Lăng|học\s+bổng|Học\s+bổng)\s*$")


@dataclass
class Role:
    start: int
    end: int
    title: str
    organization: str | None
    former: bool
    text: str


@dataclass
class Official:
    start: int
    end: int
    name: str
    honorific: str | None
    position: str
    organization: str | None
    other_roles: list[str] = field(default_factory=list)
    former: bool = False


@lx.derived
def _title_re() -> re.Pattern:
    quals = lx.phrase_alternation(lx.title_qualifiers())
    # abbreviations (TUV, PGĐ) must be upper case: "ct" or "ht" inside a word are not titles
    abbrs = "|".join(re.escape(a) for a in sorted(lx.title_abbreviations(), key=len, reverse=True))
    return re.compile(
        rf"(?P<former>(?i:nguyên)\s+)?(?:(?P<abbr>(?-i:{abbrs}))(?![\w&])|(?P<title>(?i:{lx.phrase_alternation(lx.titles())})))"
        rf"(?P<qual>(?i:\s+{quals}))?(?![{lx.VIET_LOWER}])")


@lx.derived
def _honorific_before_re() -> re.Pattern:
    alts = lx.phrase_alternation(lx.honorifics().keys())
    return re.compile(rf"(?:^|(?<=[\s(,;:]))(?P<hon>{alts})(?:\s+(?:{alts}))*\s*$", re.IGNORECASE)


@lx.derived
def _honorific_canon() -> dict[str, str]:
    return {k.lower(): v for k, v in lx.honorifics().items()}


@lx.derived
def _name_stop() -> frozenset[str]:
    words = {"Phó", "Giám", "Chủ", "Bí", "Trưởng", "Hiệu", "Tỉnh", "Ủy", "Uỷ", "Sở", "Phòng", "Ban", "Bộ",
             "Trường", "Huyện", "UBND", "HĐND", "Đồng", "Ông", "Bà", "Nguyên", "Chánh", "Thủ", "Tổng",
             "Thứ", "Chuyên", "Quyền", "Viện", "Tổ", "Hội", "Sáng", "Chiều", "Ngày", "Tại", "Theo"}
    return frozenset(words)


_COMMON_SURNAMES = {"Nguyễn", "Trần", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô"}
_HONORIFIC_TITLE_WORDS = {"ts", "ths", "pgs", "gs", "ngưt", "ngnd", "bs"}


def _is_cap_syllable(s: str) -> bool:
    core = s.rstrip(".")
    return bool(core) and core[0].isupper() and core[0].isalpha() and (
        len(core) == 1 or core[1:].islower()) and core.isalpha()


@lx.derived
def _cap_run_re() -> re.Pattern:
    """Runs of capitalised syllables separated by single spaces ("Vừ A Bằng"), found in C."""
    syl = f"{lx.UPPER}{lx.LOWER}*"
    return re.compile(rf"(?<![\w.]){syl}(?: {syl})*(?![\w.&])")


def find_names(text: str) -> list[tuple[int, int, bool]]:
    """Personal-name spans ``(start, end, after_honorific)``: runs of capitalised syllables
    starting with a known surname, or any such run right after an honorific."""
    surnames = lx.surnames()
    stop = _name_stop()
    names = []
    runs: list[list[tuple[int, int, str]]] = []
    for rm in _cap_run_re().finditer(text):
        run = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"\S+", rm.group(0))]
        runs.append([(rm.start() + a, rm.start() + b, w) for a, b, w in run])
    for run in runs:
        # cut the run at syllables that start a title or an organisation
        pieces, piece = [], []
        for syl in run:
            if syl[2] in stop:
                if piece:
                    pieces.append(piece)
                piece = []
            else:
                piece.append(syl)
        if piece:
            pieces.append(piece)
        for piece in pieces:
            if len(piece) < 2:  # a name has two syllables at least; most runs are one capital
                continue
            before = text[max(0, piece[0][0] - 60):piece[0][0]]
            after_hon = bool(_honorific_before_re().search(before))
            if not after_hon and _NAMED_AFTER.search(before):
                continue
            start_i = None
            if after_hon and 2 <= len(piece) <= 5:
                start_i = 0
            else:
                for i, syl in enumerate(piece):
                    rest = len(piece) - i
                    if syl[2] in surnames and 2 <= rest <= 4:
                        start_i = i
                        break
                    if syl[2] in surnames and rest > 4:
                        continue
                # prefer a common family name further in ("Điện Biên Nguyễn Văn Kiên")
                for i, syl in enumerate(piece):
                    if i and syl[2] in _COMMON_SURNAMES and 2 <= len(piece) - i <= 4 and (start_i is None or start_i < i):
                        if start_i is None or piece[start_i][2] not in _COMMON_SURNAMES:
                            start_i = i
                        break
            if start_i is None:
                continue
            names.append((piece[start_i][0], piece[-1][1], after_hon and start_i == 0))
    return names


def _org_words(text: str, pos: int, name_starts: set[int]) -> int:
    """End of the organisation written from ``pos`` ("Sở Giáo dục và Đào tạo tỉnh Điện Biên")."""
    org_words = lx.org_words()
    end = pos
    i = pos
    prev_word = None
    title_re = _title_re()
    while True:
        j = i
        while j < len(text) and text[j] == " ":
            j += 1
        if j >= len(text) or j in name_starts:
            break
        # a dash followed by a capitalised non-title word continues the name ("Sở Giáo dục – Đào tạo")
        dm = re.match(r"[-–—]\s*", text[j:])
        if dm and j > pos:
            k = j + dm.end()
            nxt = _SYL.match(text, k)
            if (nxt and _is_cap_syllable(nxt.group(0)) and not title_re.match(text, k) and k not in name_starts
                    and not _honorific_before_re().search(nxt.group(0) + " ")):
                i = k
                continue
            break
        m = _SYL.match(text, j)
        if not m:
            break
        word = m.group(0)
        low_words = text[j:j + 60].lower().split()
        n = lx.longest_prefix([w.strip(",;:.()") for w in low_words[:4]], org_words)
        if n:
            # consume n words
            k = j
            for _ in range(n):
                wm = _SYL.match(text, k)
                k = wm.end() - (1 if wm.group(0).endswith(".") else 0)
                while k < len(text) and text[k] == " " and _ < n - 1:
                    k += 1
            i = end = k
            prev_word = word
            continue
        if word[0].isupper() or word[0].isdigit() and j > pos:
            if j > pos and (title_re.match(text, j) or word.lower() in _honorific_canon()
                            or word.rstrip(".").lower() in _HONORIFIC_TITLE_WORDS):
                break
            if word.endswith(".") and not re.fullmatch(r"(?:TP|TX|Tp)\.", word):
                word = word[:-1]
            i = end = j + len(word)
            prev_word = word
            continue
        if prev_word and f"{prev_word.lower()} {word.lower()}" in org_words:
            i = end = m.end()
            prev_word = word
            continue
        break
    # no trailing connective
    org = text[pos:end]
    trimmed = re.sub(r"(?:\s+(?:và|của))+$", "", org)
    return pos + len(trimmed)


def _parse_role(text: str, pos: int, name_starts: set[int]) -> Role | None:
    m = _title_re().match(text, pos)
    if not m:
        return None
    org_start = m.end()
    while org_start < len(text) and text[org_start] == " ":
        org_start += 1
    org_end = _org_words(text, org_start, name_starts) if org_start < len(text) else org_start
    organization = text[org_start:org_end] if org_end > org_start else None
    end = org_end if organization else m.end()
    former = bool(m.group("former"))
    qual = m.group("qual") or ""
    if m.group("abbr"):  # "PGĐ Sở GDĐT": the position is what the abbreviation stands for
        full = lx.title_abbreviations()[m.group("abbr")]
        role_text = " ".join([full] + ([organization] if organization else []))
        return Role(m.start(), end, " ".join((full + qual).split()), organization, former, role_text)
    title = m.group("title")
    # "Phó Ban thi đua khen thưởng tỉnh": the title's last noun is the organisation's first word
    if " ".join(title.lower().split()) in _TITLES_OWNING_ORG and not qual:
        last = title.split()[-1]
        if organization:
            organization = title[title.rfind(last):] + " " + organization
        return Role(m.start(), end, " ".join(title.split()), organization, former, text[m.start("title"):end])
    return Role(m.start(), end, " ".join((title + qual).split()), organization, former, text[m.start("title"):end])


_LIST_HONORIFIC = re.compile(r"các\s+(?P<hon>đồng\s+chí|ông|bà)\s*:[^.\n]*$", re.IGNORECASE)
_TITLES_OWNING_ORG = {"phó ban", "trưởng ban", "phó trưởng ban", "trưởng phòng", "phó trưởng phòng", "phó phòng"}
_CHAIN_SEP = re.compile(r"\s*(?:,|[-–—]|\()\s*|\s+")


def extract_officials(text: str) -> list[Official]:
    names = find_names(text)
    name_starts = {s for s, _, _ in names}
    canon = _honorific_canon()
    results: list[Official] = []
    seen: set[tuple[str, str, str]] = set()
    for n_start, n_end, _after_hon in names:
        name = text[n_start:n_end]
        hm = _honorific_before_re().search(text[max(0, n_start - 40):n_start])
        honorific = None
        before_name = n_start
        if hm:
            honorific = canon.get(" ".join(hm.group("hon").lower().split()), hm.group("hon"))
            before_name = max(0, n_start - 40) + hm.start()
        else:  # a list introduced by "các đồng chí:" gives each name that honorific
            lm = _LIST_HONORIFIC.search(text, max(0, n_start - 300), n_start)
            if lm:
                honorific = canon.get(" ".join(lm.group("hon").lower().split()))
        # roles after the name, in a chain
        roles: list[Role] = []
        pos = n_end
        while True:
            sep = _CHAIN_SEP.match(text, pos)
            if not sep or "\n" in sep.group(0):
                break
            role = _parse_role(text, sep.end(), name_starts)
            if role is None:
                break
            roles.append(role)
            pos = role.end
        if not roles:
            roles = _roles_before(text, before_name, name_starts)
        if not roles:
            continue
        main = roles[-1]
        other = [r.text for r in roles[:-1]]
        key = (fold(name), fold(main.title), fold(main.organization or ""))
        if key in seen:
            continue
        seen.add(key)
        results.append(Official(n_start, n_end, name, honorific, main.title, main.organization, other, main.former))
    return results


def _roles_before(text: str, pos: int, name_starts: set[int]) -> list[Role]:
    """A role written right before the name (or its honorific): ``Giám đốc Sở GD&ĐT Nguyễn Văn Kiên``."""
    lo = max(0, pos - 160)
    window = text[lo:pos]
    found = []
    for m in _title_re().finditer(window):
        if m.start() > 0 and window[m.start() - 1].isalpha():
            continue
        role = _parse_role(text, lo + m.start(), name_starts | {pos})
        if role is None:
            continue
        gap = text[role.end:pos]
        if re.fullmatch(r"\s*,?\s*", gap):
            found.append(role)
    if not found:
        return []
    main = max(found, key=lambda r: r.end - r.start)
    chain = [main]
    # earlier roles of the same chain ("Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh Vừ A Bằng")
    while True:
        prev = [r for r in _all_roles_ending(text, chain[0].start, name_starts)]
        if not prev:
            break
        chain.insert(0, prev[0])
    return chain


def _all_roles_ending(text: str, pos: int, name_starts: set[int]) -> list[Role]:
    lo = max(0, pos - 120)
    out = []
    for m in _title_re().finditer(text, lo, pos):
        if m.start() > 0 and text[m.start() - 1].isalpha():
            continue
        role = _parse_role(text, m.start(), name_starts | {pos})
        if role and re.fullmatch(r"\s*[,–—\-]\s*", text[role.end:pos]):
            out.append(role)
    return out


@lx.derived
def _org_abbreviation_res() -> list[tuple[re.Pattern, str]]:
    # compiled once: every official's organisation goes through all of them
    return [(re.compile(rf"(?<![\w&]){re.escape(abbr)}(?![\w&])"), full)
            for abbr, full in lx.org_abbreviations()]


@lx.derived
def _org_province_re() -> re.Pattern:
    return re.compile(rf"^((?:Sở|Ủy ban nhân dân|Hội đồng nhân dân) [^,]*?) ({lx.phrase_alternation(lx.provinces())})$")


def normalize_organization(org: str | None, province: str | None) -> str | None:
    """Expand abbreviations and fill in the province where the text says only ``tỉnh``."""
    if not org:
        return None
    out = " ".join(org.split())
    for abbr, full in _org_abbreviation_res():
        out = abbr.sub(full, out)
    out = re.sub(r"\s*[-–—]\s*", " - ", out) if "Giáo dục nghề nghiệp" in out else out
    # "Sở Giáo dục và Đào tạo Điện Biên" names the province without "tỉnh"
    out = _org_province_re().sub(
        lambda m: m.group(0) if m.group(1).endswith(("tỉnh", "thành phố")) else f"{m.group(1)} tỉnh {m.group(2)}", out)
    if province:
        if re.search(r"(?:^|\s)tỉnh$", out):
            out = f"{out} {province}"
        elif re.fullmatch(r"(?:Sở Giáo dục và Đào tạo|Ủy ban nhân dân|Hội đồng nhân dân)", out):
            out = f"{out} tỉnh {province}"
    return out
