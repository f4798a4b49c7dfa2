"""People named with a public role (contract section 2 and 5.2).

Written by hand: underthesea's NER finds under 40% of these names (ethnic-minority names such as
``Vừ A Bằng``, names after ``TS.``), and nothing off the shelf knows Vietnamese role chains
(``TS. Phạm Thị Trung – Tỉnh ủy viên – Giám đốc Sở GDĐT``). Rules over the normalised text with
gazetteers (titles, honorifics, organisation words, family names, places; all in ``nlp/data``).

How a text is read, one rule per step:

1. **Titles** are found by one pattern (``titles.txt``, ``title_abbreviations.tsv``,
   ``title_qualifiers.txt``); a capitalised title that differs from a listed one only in its tone
   marks is a title too, kept as written (the typo ``Phó Hiêu trưởng``).
2. **Organisation** of each title: the words after it, as long as they can continue a body's name
   (:meth:`_Reader.walk_org`): capitalised words and abbreviations, and lower-case words listed in
   ``org_words.txt`` (alone or with the words before them), so that a verb ends it. A title built
   on a unit word keeps it, and the organisation starts at that word (``title_units.txt``).
3. **Role before a name**: where the organisation is followed by a personal name (directly, or
   across ``,``/``-`` and an honorific), the role is that person's, with the roles chained before it.
   Where a run of capitalised words holds a place and a name (``UBND tỉnh Hậu Giang Hồ Thu Ánh``),
   the place gazetteers and family names say where the name starts (:meth:`_Reader.place_split`).
4. **Role after a name**: a name followed by ``,`` ``-`` ``–`` ``(`` and a title takes the chain
   of roles after it, up to a role that is followed by the next person's name.
5. **Records**: the chain's last role is the position, the others ``other_roles``; one record per
   (name, position), from its first mention.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon as lx
from .normalize import fold, view_text

_UP, _LO = lx.VIET_UPPER, lx.VIET_LOWER
# A capitalised syllable: "Bằng", "A", "M'Drắk", "MDrắk" (an upper-case letter and at least one
# lower-case one, or a single capital); all-capital words are abbreviations.
_CAP = rf"[{_UP}](?:[{_UP}]*[{_LO}'’][\w'’]*)?"
_CAP_RE = re.compile(_CAP + r"(?![\w&])")
_ABBR_RE = re.compile(rf"[{_UP}\d][{_UP}\d&]*[{_UP}&](?:[-–/.][{_UP}\d][{_UP}\d&]*)*(?![{_LO}\w])"
                      rf"|[{_UP}][{_UP}\d&]+(?:[-–/.][{_UP}\d][{_UP}\d&]*)*(?![{_LO}\w])")
_LOW_RE = re.compile(rf"[{_LO}]+(?![\w])")
_NUM_RE = re.compile(r"\d+(?:[./]\d+)*(?![\w])")
_DOTTED_RE = re.compile(rf"[{_UP}][A-Za-z]{{0,2}}\.(?=[ ]?[{_UP}\d])")  # "TP. Pleiku", "Q.12", "Q.Gò Vấp"
_INITIALS_RE = re.compile(rf"[{_UP}](?:\.[{_UP}])+(?![{_LO}\w.])")  # "T.Ư" (Trung ương), "T.W": one word
_SPACES = re.compile(r"[ ]*")
# "(CĐSP)", "(cũ)", "(GD&ĐT)" stay in an organisation's name (contract 5.2: brackets kept).
_BRACKET_RE = re.compile(rf"[ ]*\((?:[{_UP}\d][{_UP}\d&\-./]*|cũ|Cũ)\)")
# Between the roles of a chain, and between a name and the roles after it.
_CHAIN_SEP = re.compile(r"[ ]*(?:,|[-–—]|kiêm|\()[ ]*")
_DASH = re.compile(r"[ ]*[-–—][ ]*")
# The same, read backwards from where a role starts (a role chained before another).
_SEP_BEFORE = re.compile(r"(?:,|[-–—]|kiêm)[ ]*$")
# "các đồng chí", "hai ông": an honorific of several people is no one's (contract 5.2).
_COLLECTIVE = re.compile(r"(?:^|[\s(])(?i:các|những|hai|ba|bốn|năm|quý)\s+$")
# A capitalised word followed by ":" is a label ("Ảnh: CTV"), not part of a body's name.
_LABEL = re.compile(r"[ ]*:")
# Where a chain of roles after a name may extend its organisation to the place it sits in
# ("Chủ tịch Hội đồng hương Thái Bình tại Hà Nội, nguyên Bí thư ..."), before a boundary.
_AT_PLACE = re.compile(rf"[ ]+tại[ ]+(?={_CAP})")
_BOUNDARY = re.compile(r"[ ]*(?:[,;:.)!?\n]|[-–—]|$)")
# Words that join two bodies ("Ban Tuyên giáo và Dân vận"): kept only when a body follows.
_CONNECTIVES = frozenset({"và"})
# Up to three lower-case words describing a unit's task ("đoàn kiểm tra", "đoàn công tác").
_TASK_WORDS = re.compile(rf"(?:[{_LO}]+ ){{1,3}}(?=[{_UP}])")
_NUMBERED = re.compile(r"số[ ]+\d+(?![\w])")
_LOWER_TAIL = re.compile(rf"(?:[ ]+[{_LO}]+)+")
_FORMER = re.compile(r"[ ]*\((?i:cũ)\)")
# Named windows (characters or words looked at around a position):
_MAX_NAME = 5         # syllables of a name: "Lương Nguyễn Minh Triết" has four, a few have five
_MAX_PLACE = 5        # syllables of a known place name at the start of a run ("Bà Rịa Vũng Tàu")
_WINDOW = 120         # characters looked back for a name before a role
_WORD_BACK = 12       # characters looked back for one short word: a separator, "nguyên", "của"
_PHRASE_BACK = 30     # characters looked back for a linking verb ("được bổ nhiệm làm") or a blocker
_HONORIFIC_BACK = 40  # characters looked back for an honorific ("Nhà giáo Ưu tú", "PGS.TS.")
_COLLECTIVE_BACK = 20  # characters looked back from an honorific for "các", "những"
_PHRASE_AHEAD = 4     # lower-case words read ahead to match an org_words entry
_PHRASE_CONTEXT = 3   # organisation words before them that an entry may include ("ban" + "tổ chức")


@dataclass
class Role:
    start: int                 # of the role as written, "nguyên" included
    end: int                   # end of the organisation, or of the title where none is written
    position: str
    organization: str | None
    former: bool
    text: str                  # the role as written, for other_roles
    position_span: tuple[int, int] = (0, 0)
    organization_span: tuple[int, int] | None = None
    name: tuple[int, int] | None = None    # a personal name right after the role
    name_honorific: str | None = None      # an honorific between the role and that name
    # the name is across "," or "-": the role's own person, or, after a name and its roles, the
    # next person of a list ("..., Nguyên Giám đốc Sở GD&ĐT, ông Trương Nam Thắng – ...")
    across: bool = False


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
    # where position, organisation and other roles are written (offsets in the text read), so
    # that a record can quote the original text rather than its normalised view
    position_span: tuple[int, int] = (0, 0)
    organization_span: tuple[int, int] | None = None
    other_role_spans: list[tuple[int, int]] = field(default_factory=list)


# -- vocabularies ----------------------------------------------------------------------------

def _data_lines(name: str) -> list[str]:
    return lx._lines(name)


@lx.derived
def _title_units() -> frozenset[str]:
    return frozenset(w.lower() for w in _data_lines("title_units.txt"))


@lx.derived
def _honorific_kinds() -> dict[str, str]:
    return {form: kind for form, kind in lx.honorifics().items()}


@lx.derived
def _org_heads() -> frozenset[str]:
    return frozenset(_data_lines("org_heads.txt"))


@lx.derived
def _middle_names() -> frozenset[str]:
    return frozenset(_data_lines("middle_names.txt"))


@lx.derived
def _role_verbs_re() -> re.Pattern:
    alts = lx.phrase_alternation(_data_lines("role_verbs.txt"))
    return re.compile(rf"(?:^|[^\w])(?i:{alts})[ ]*$")


@lx.derived
def _credit_labels() -> frozenset[str]:
    return frozenset(_data_lines("credit_labels.txt"))


_TERM_ASIDE = re.compile(r"\s*\((?:khóa|khoá|nhiệm\s+kỳ)[^()]{0,30}\)\s*$", re.IGNORECASE)
_GROUP_AFTER = re.compile(r"\s+và\s+(?:các\s+)?(?:nhân\s+viên|giáo\s+viên|cán\s+bộ|học\s+sinh|thầy\s+cô|"
                          r"chuyên\s+viên|đại\s+diện)(?![\w])", re.IGNORECASE)


@lx.derived
def _chain_breaker_re() -> re.Pattern:
    alts = lx.phrase_alternation(_data_lines("chain_breakers.txt"))
    return re.compile(rf"(?:^|[^\w])(?i:{alts})[ ]+$")


@lx.derived
def _blockers() -> tuple[frozenset[str], frozenset[str]]:
    """(words after which a capitalised run is no person, generic nouns that close a name)."""
    lines = _data_lines("name_blockers.txt")
    return (frozenset(w.lower() for w in lines if not w.startswith("-")),
            frozenset(w[1:].strip().lower() for w in lines if w.startswith("-")))


@lx.derived
def _place_words() -> dict[str, str]:
    return {k.lower(): v for k, v in lx._pairs("name_place_prefixes.tsv")}


@lx.derived
def _places() -> dict[tuple[str, ...], str]:
    """Known place names as syllable tuples -> "province" | "district": provinces with their
    aliases and districts (``provinces.tsv``, ``districts.tsv``), former provinces and countries
    (``places_extra.txt``)."""
    out: dict[tuple[str, ...], str] = {}

    def add(name: str, kind: str) -> None:
        syl = tuple(name.split())
        if syl and all(_CAP_RE.fullmatch(s) for s in syl):
            out.setdefault(syl, kind)

    for line in _data_lines("provinces.tsv")[1:]:
        cols = line.split("\t")
        add(cols[0], "province")
        for alias in (cols[4].split("|") if len(cols) > 4 else []):
            add(alias, "province")
    for line in _data_lines("districts.tsv")[1:]:
        add(line.split("\t")[0], "district")
    for name in lx.provinces():
        add(name, "province")
    for name in _data_lines("places_extra.txt"):
        add(name, "province")
    return out


@lx.derived
def _title_re() -> re.Pattern:
    """Titles, tone-mark insensitive (a typo such as ``Hiêu`` is checked in :func:`_title_ok`),
    abbreviations as written, then an optional qualifier; ``nguyên`` before a title is looked for
    by :func:`_former_before`.

    The alternations are written as tries (shared prefixes factored out): at each word start the
    engine tries one branch per next letter instead of every title (4x faster, measured)."""
    quals = lx.phrase_alternation(lx.title_qualifiers())
    abbrs = _trie_pattern(lx.title_abbreviations(), re.escape)
    titles = _trie_pattern(["".join(_TONE_BASE.get(c, c) for c in t.lower()) for t in lx.titles()], _letter_class)
    return re.compile(rf"\b(?:(?P<abbr>{abbrs})(?![\w&])|(?P<title>{titles})(?!\w))(?P<qual>(?i:\s+{quals})(?!\w))?")


_TONE_FORMS = {"a": "aàáảãạ", "ă": "ăằắẳẵặ", "â": "âầấẩẫậ", "e": "eèéẻẽẹ", "ê": "êềếểễệ", "i": "iìíỉĩị",
               "o": "oòóỏõọ", "ô": "ôồốổỗộ", "ơ": "ơờớởỡợ", "u": "uùúủũụ", "ư": "ưừứửữự", "y": "yỳýỷỹỵ"}
_TONE_BASE = {c: base for base, forms in _TONE_FORMS.items() for c in forms}


def _letter_class(letter: str) -> str:
    """A letter of a title as a pattern: either case, any tone mark on a vowel."""
    if letter in _TONE_FORMS:
        forms = _TONE_FORMS[letter]
        return f"[{forms}{forms.upper()}]"
    if letter.upper() != letter:
        return f"[{re.escape(letter)}{re.escape(letter.upper())}]"
    return re.escape(letter)


def _trie_pattern(phrases, letter_pattern) -> str:
    """An alternation of phrases as a regex trie; a space matches any run of white space, and a
    longer phrase is tried before its prefix."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for i, word in enumerate(phrase.split()):
            for unit in ([" "] if i else []) + list(word):
                node = node.setdefault(unit, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if unit == " " else letter_pattern(unit)) + emit(child) for unit, child in node.items() if unit]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


_FORMER_BEFORE = re.compile(r"(?i:nguyên)[ ]+$")


def _former_before(text: str, pos: int) -> int | None:
    """Start of ``nguyên`` right before a title at ``pos`` (contract 5.2: a former role)."""
    m = _FORMER_BEFORE.search(text, max(0, pos - _WORD_BACK), pos)
    if m and (m.start() == 0 or not text[m.start() - 1].isalpha()):
        return m.start()
    return None


@lx.derived
def _exact_titles() -> frozenset[str]:
    return frozenset(" ".join(t.lower().split()) for t in lx.titles())


@lx.derived
def _honorific_one_re() -> re.Pattern:
    """One honorific: forms written as words ("ông", "nhà giáo ưu tú", "Đại tá") in any case,
    abbreviations (TS., ThS, NGƯT, Mẹ VNAH) as written."""
    words, exact = [], []
    for form in lx.honorifics():
        abbreviation = "." in form or any(sum(c.isupper() for c in w) > 1 for w in form.split())
        (exact if abbreviation else words).append(form)
    return re.compile(rf"(?:(?i:{lx.phrase_alternation(words)})|{lx.phrase_alternation(exact)})(?![\w/])")


@lx.derived
def _honorific_re() -> re.Pattern:
    """One honorific, or several in a row ("đồng chí đồng chí", "PGS.TS."), at a position."""
    one = _honorific_one_re().pattern
    return re.compile(rf"{one}(?:[ ]+{one})*")


@lx.derived
def _honorific_before_re() -> re.Pattern:
    return re.compile(rf"(?:^|(?<=[\s(,;:\-–—]))(?P<hon>{_honorific_re().pattern})[ ]*$")


@lx.derived
def _first_words() -> tuple[frozenset[str], frozenset[str]]:
    """Capitalised first words of titles and honorifics: where a name's run of capitals may
    have to stop ("... Nguyễn Văn A Phó Giám đốc")."""
    t = {t.split()[0].capitalize() for t in lx.titles()} | {a.split()[0] for a in lx.title_abbreviations()}
    t |= {"Nguyên"}
    h = {f.split()[0].capitalize() for f in lx.honorifics()} | {f.split()[0] for f in lx.honorifics()}
    return frozenset(t), frozenset(h)


# Central Highlands names open with a gender prefix glued to the given name by an apostrophe
# of either form ("H’Lan Niê", "H'Yim Kđoh", "K'Bròng", also "H' Lan"); surnames.txt lists the
# prefixes ("H'"), and any syllable starting with one begins a name like a family name. Only the
# listed letters: "M'Drắk" is a district, whatever the gazetteer's spelling.
_APOSTROPHES = "'’"


class _FamilyNames(frozenset):
    """The family names and name prefixes of ``surnames.txt``: what a personal name may start with."""

    def __contains__(self, word) -> bool:
        if frozenset.__contains__(self, word):
            return True
        return len(word) >= 2 and word[1] in _APOSTROPHES and frozenset.__contains__(self, word[0] + "'")


@lx.derived
def _family_names() -> _FamilyNames:
    return _FamilyNames(lx.surnames())


# -- the reader ------------------------------------------------------------------------------

class _Reader:
    """One text: its titles, roles and names, computed on demand and cached."""

    def __init__(self, text: str, word_end=None):
        self.text = text
        self.n = len(text)
        self.word_end = word_end
        self._title_cache: dict[int, re.Match | None] = {}
        self._hon_cache: dict[int, re.Match | None] = {}
        self.org_words = lx.org_words()
        self.surnames = _family_names()

    # titles and honorifics at a position
    def title_at(self, pos: int) -> re.Match | None:
        if pos not in self._title_cache:
            m = _title_re().match(self.text, pos)
            self._title_cache[pos] = m if m and _title_ok(m) and (pos == 0 or not self.text[pos - 1].isalpha()) else None
        return self._title_cache[pos]

    def honorific_at(self, pos: int) -> re.Match | None:
        if pos not in self._hon_cache:
            m = _honorific_re().match(self.text, pos)
            self._hon_cache[pos] = m if m and (pos == 0 or not self.text[pos - 1].isalpha()) else None
        return self._hon_cache[pos]

    def _honorific_with_name(self, pos: int) -> bool:
        """An honorific inside a run of capitals that starts a new name ("... Ông Trần Văn Hà"),
        not a syllable of a place ("Hai Bà Trưng")."""
        h = self.honorific_at(pos)
        if not h:
            return False
        k = _SPACES.match(self.text, h.end()).end()
        return len(self.cap_run(k)) >= 2

    # capitalised runs
    def cap_run(self, pos: int, stop_at_titles: bool = True) -> list[tuple[int, int, str]]:
        """The capitalised syllables from ``pos`` separated by single spaces, stopping before one
        that starts a title or an honorific or is a label ("Ảnh:")."""
        run = []
        titles, hons = _first_words()
        i = pos
        text = self.text
        while True:
            m = _CAP_RE.match(text, i)
            if not m:
                break
            word = m.group(0)
            if run and stop_at_titles and (word in titles and self.title_at(i) or word in hons and self._honorific_with_name(i)):
                break
            if _LABEL.match(text, m.end()) and word in _credit_labels():
                break
            run.append((m.start(), m.end(), word))
            if m.end() < self.n and text[m.end()] == " " and m.end() + 1 < self.n and text[m.end() + 1] in _UP:
                i = m.end() + 1
                continue
            break
        return run

    def plausible_name(self, run) -> bool:
        """A run of 2 to 5 capitalised syllables that reads as a personal name: a family name
        first, or a middle name (Văn, Thị) second."""
        if not 2 <= len(run) <= _MAX_NAME:
            return False
        words = [w for _, _, w in run]
        if tuple(words) in _places():
            return False
        return words[0] in self.surnames or len(words) >= 3 and words[1] in _middle_names()

    def place_split(self, run, words: list[str], from_unit: bool) -> int:
        """How many syllables of a capitalised run after an organisation's words belong to the
        organisation; the rest, if any, is the name of the person the role belongs to.

        Hand-written because it weighs three sources: the place gazetteers (a province or district
        at the start of the run is place: "Lào Cai Trịnh Xuân Trường"), the word before the run
        (after "tỉnh" or "huyện" the gazetteer is complete, so an unknown run is a name; after
        "xã", a school level or a street a place or school name must come first), and family names
        (where the name starts in "Chu Văn An Nguyễn Văn B")."""
        L = len(run)
        words_run = [w for _, _, w in run]
        places = _places()
        if _FORMER.match(self.text, run[-1][1]):
            return L  # "tỉnh Hà Tây (cũ)": a place that was, never a person
        for p in range(min(L, _MAX_PLACE), 0, -1):
            if tuple(words_run[:p]) in places:
                rest = run[p:]
                return p if rest and self.plausible_name(rest) else L
        if L == 1:
            return 1
        if from_unit:  # "Trưởng thôn Điểu Chính": the title's own unit word needs no name
            return 0 if self.plausible_name(run) else L
        last2 = " ".join(words[-2:])
        kind = _place_words().get(last2) or _place_words().get(words[-1] if words else "")
        if kind in ("province", "district"):
            if self.plausible_name(run):
                return 0
            return self._split_at_surname(run, (1, 2, 3)) or L
        if kind is not None:  # xã, phường, thôn: its name comes first, usually two syllables
            if L == 3 and self.plausible_name(run) and words_run[0] in self.surnames:
                return 0  # "Bí thư Đảng ủy xã Kiều Thanh Sơn": three capitals with a family name
            return (self._split_at_surname(run, (2, 1, 3)) or L) if L >= 4 else L
        blockers, generic = _blockers()
        if "trường" in words and not (last2 in generic or words[-1] in generic) and (
                words[-1] in blockers or last2 in blockers):
            # a school whose name is still to come ("Trường THCS Chu Văn An ...")
            return (self._split_at_surname(run, (2, 1, 3)) or L) if L >= 4 else L
        if self.plausible_name(run):
            return 0
        return self._split_at_surname(run, (2, 1, 3)) or L

    def _split_at_surname(self, run, order) -> int:
        """Where in a run of capitals a name of 2 to 4 syllables starts with a family name, the
        split giving a middle name second first ("Pa Vây Sử | Giàng A Dình"), else in ``order``."""
        middles = _middle_names()
        fits = [k for k in order if 2 <= len(run) - k <= 4 and run[k][2] in self.surnames and self.plausible_name(run[k:])]
        for k in fits:
            if len(run) - k >= 3 and run[k + 1][2] in middles:
                return k
        return fits[0] if fits else 0

    # organisations
    def org_phrase(self, words: list[str], pos: int) -> int:
        """End of the lower-case words at ``pos`` that continue an organisation whose words so far
        are ``words`` (``org_words.txt``: an entry alone, or with up to three words before it), or
        ``pos`` when none does."""
        nxt = []
        i = pos
        for _ in range(_PHRASE_AHEAD):
            m = _LOW_RE.match(self.text, i)
            if not m:
                break
            nxt.append((m.group(0), m.end()))
            sp = _SPACES.match(self.text, m.end()).end()
            if sp == m.end():
                break
            i = sp
        vocab = self.org_words
        for n in range(len(nxt), 0, -1):
            tail = " ".join(w for w, _ in nxt[:n])
            for k in range(0, min(_PHRASE_CONTEXT, len(words)) + 1):
                phrase = " ".join(words[len(words) - k:] + [tail]) if k else tail
                if phrase in vocab:
                    if tail in _CONNECTIVES and not self._more_org(nxt[n - 1][1], words + [tail]):
                        break  # "... Giàng Thị Dung và lãnh đạo": no second body after "và"
                    if k == 0 and n == 1 and tail not in _place_words() and not self._goes_on(nxt[0][1], words + [tail]):
                        break  # "ban" of "ban hành", "phòng" of "phòng chống": a verb, not a body
                    return nxt[n - 1][1]
        return pos

    def _goes_on(self, pos: int, words: list[str]) -> bool:
        """After a one-syllable body noun ("ban", "phòng", "hội"), does a name or more of the body
        follow? Otherwise the syllable starts a verb ("ban hành", "hội ý")."""
        k = _SPACES.match(self.text, pos).end()
        if k == pos or k >= self.n:
            return False
        c = self.text[k]
        if c.isupper() or c.isdigit():
            return True
        return c.islower() and self.org_phrase(words, k) > k

    def compound_end(self, syllable_start: int, syllable_end: int) -> int:
        """Where the word that a capitalised syllable starts ends, when the tokenizer joined
        lower-case syllables to it ("Khuyến học", "Nội vụ", "Điện lực": a body's name writes only
        its first syllable with a capital), else ``syllable_end``."""
        if not self.word_end:
            return syllable_end
        end = self.word_end(syllable_start)
        if end is None or end <= syllable_end or not _LOWER_TAIL.fullmatch(self.text, syllable_end, end):
            return syllable_end
        return end

    def _more_org(self, pos: int, words: list[str]) -> bool:
        """Does an organisation go on after ``pos`` (past a connective such as "và")?"""
        k = _SPACES.match(self.text, pos).end()
        if k >= self.n:
            return False
        c = self.text[k]
        if c.isupper() or c.isdigit():
            if self.title_at(k) or self.honorific_at(k):
                return False
            run = self.cap_run(k)  # "Phó Giám đốc Sở GD&ĐT và Trần Văn Bảo, ...": a person
            return not (run and self.plausible_name(run) and not self._continues(run, words))
        return c.islower() and self.org_phrase(words, k) > k

    def walk_org(self, pos: int, words: list[str], from_unit: bool = False):
        """``(end, name)``: where the organisation written from ``pos`` ends, and the span of a
        personal name that follows it directly, if any. ``words`` are the organisation's words
        so far, lower-cased (the unit word of the title), and grow as it is read."""
        text = self.text
        end = i = pos
        name = None
        prev_dotted = False  # "TP." / "Q." just read: a place name or a number follows
        while i < self.n:
            j = _SPACES.match(text, i).end()
            if j >= self.n:
                break
            c = text[j]
            if c in "-–—":  # "Sở Giáo dục – Đào tạo", "Ban Thi đua – Khen thưởng"
                if end == pos or prev_dotted:
                    break
                k = _DASH.match(text, j).end()
                if not (_CAP_RE.match(text, k) or _ABBR_RE.match(text, k)) or self.title_at(k) or self.honorific_at(k):
                    break
                run = self.cap_run(k)
                if run and len(run) >= 2 and self.plausible_name(run) and not self._continues(run, words):
                    break  # "Chủ tịch UBND tỉnh - Trần Thắng": the name, not more organisation
                i = k
                continue
            if c == "(":
                if end == pos:
                    break
                m = _BRACKET_RE.match(text, i)
                k = m.end() if m else self._bracketed_body(j)
                if k:
                    i = end = k
                    continue
                break
            m = _INITIALS_RE.match(text, j)
            if m and (end > pos or _CAP_RE.match(text, _SPACES.match(text, m.end()).end())):  # "Ban Chấp hành T.Ư Đoàn"
                words.append(m.group(0).lower())
                i = end = m.end()
                prev_dotted = False
                continue
            m = _DOTTED_RE.match(text, j)
            if m and m.group(0).lower() in self.org_words:
                words.append(m.group(0).lower())
                i = end = m.end()
                prev_dotted = True
                continue
            if c.islower():
                m = _NUMBERED.match(text, j)  # "Trường Mầm non số 4"
                k = m.end() if m else self.org_phrase(words, j)
                if k == j:
                    break
                words.extend(text[j:k].lower().split())
                i = end = k
                prev_dotted = False
                continue
            if c.isdigit():
                m = _NUM_RE.match(text, j)
                if m and (prev_dotted or words and words[-1] in _place_words()):
                    words.append(m.group(0))
                    i = end = m.end()
                    prev_dotted = False
                    continue
                break
            m = _ABBR_RE.match(text, j)
            if m and not _CAP_RE.match(text, j):
                if self.honorific_at(j) or self.title_at(j) and not self._continues_org(words, m.group(0).lower()):
                    break  # "Tỉnh ủy viên, TUV": a title; "Trưởng đoàn ĐBQH tỉnh": a body
                words.append(m.group(0).lower())
                i = end = m.end()
                prev_dotted = False
                continue
            m = _CAP_RE.match(text, j)
            if not m:
                break
            if self.title_at(j) and not self._org_phrase_at(words, j) or self._honorific_with_name(j) or (
                    _LABEL.match(text, m.end()) and m.group(0) in _credit_labels()):
                break
            word = m.group(0).lower()
            low = _LOW_RE.match(text, _SPACES.match(text, m.end()).end())
            alone = word in self.org_words or self._continues_org(words, word)
            # "Tôn giáo" of "Bộ Dân tộc và Tôn giáo": the syllable with the lower-case one after it
            paired = not alone and low is not None and self._continues_org(words, f"{word} {low.group(0)}")
            if not prev_dotted and word not in _place_words() and (alone or paired):
                # a body's head noun ("Sở", "Trường", "Hội", "Tỉnh" of "Tỉnh ủy", "Chuyên" of
                # "THPT Chuyên") is a word of its own, not the first syllable of a name after it
                # ("Giám đốc Sở Vương Văn Bằng")
                words.append(word)
                i = end = self.compound_end(j, m.end())
                if i > m.end():
                    words.extend(text[m.end():i].lower().split())
                elif paired:
                    words.append(low.group(0))  # the pair's second syllable is the body's too
                    i = end = low.end()
                continue
            run = self.cap_run(j)
            if not run:
                break
            run_words = [w.lower() for _, _, w in run]
            if self._continues(run, words):
                words.extend(run_words)
                i = end = self.compound_end(run[-1][0], run[-1][1]) if len(run) == 1 else run[-1][1]
                if i > run[-1][1]:
                    words.extend(text[run[-1][1]:i].lower().split())
                prev_dotted = False
                continue
            k = self.place_split(run, words, from_unit and end == pos) if not prev_dotted else len(run)
            if k:
                words.extend(run_words[:k])
                end = run[k - 1][1]
            if k < len(run):
                name = (run[k][0], run[-1][1])
                break
            i = end
            prev_dotted = False
        # no trailing connective ("Sở GD&ĐT và", "Phòng GD&ĐT huyện và")
        m = re.search(r"(?:[ ]+(?:và|của))+$", text[pos:end])
        if m:
            end = pos + m.start()
        return end, name

    def _bracketed_body(self, pos: int) -> int | None:
        """End of "(<body>)" at ``pos``, the parent body in brackets ("Vụ Giáo dục Trung học
        (Bộ GD&ĐT)"), as after a comma (:meth:`parent_org`); None for anything else."""
        k = pos + 1
        if not any(self.text.startswith(h, k) and not self.text[k + len(h):k + len(h) + 1].isalpha() for h in _org_heads()):
            return None
        seg_end, name = self.walk_org(k, [])
        if name or seg_end <= k or self.text[seg_end:seg_end + 1] != ")":
            return None
        return seg_end + 1

    def _org_phrase_at(self, words, pos) -> bool:
        """A title word that belongs to an organisation's name ("Ban Giám đốc", "Hội đồng Bộ
        trưởng", "Ban Bí thư"): the org words know the phrase."""
        m = _CAP_RE.match(self.text, pos)
        if not m:
            return False
        w = m.group(0).lower()
        k = _SPACES.match(self.text, m.end()).end()
        m2 = re.match(rf"[{_LO}{_UP}]+", self.text[k:])
        return self._continues_org(words, (w + " " + m2.group(0).lower()) if m2 else w)

    def _continues_org(self, words: list[str], phrase: str) -> bool:
        """Whether ``phrase`` goes on an organisation whose words so far are ``words``: it and up
        to ``_PHRASE_CONTEXT`` of the words before it are an entry of ``org_words.txt``."""
        return any(" ".join(words[len(words) - k:] + [phrase]) in self.org_words
                   for k in range(1, min(_PHRASE_CONTEXT, len(words)) + 1))

    def _continues(self, run, words) -> bool:
        """A capitalised run followed by a lower-case word that continues the organisation with it
        ("Hội Cựu" + "giáo chức", "Thị" + "ủy") is part of the name of the body."""
        if len(run) == 1 and self.compound_end(run[0][0], run[0][1]) > run[0][1]:
            return True  # one capital and its lower-case syllables; never a name's end ("Mỷ dự")
        after = _SPACES.match(self.text, run[-1][1]).end()
        if after == run[-1][1] or after >= self.n or not self.text[after].islower():
            return False
        ctx = words + [w.lower() for _, _, w in run]
        return self.org_phrase(ctx, after) > after

    def parent_org(self, end: int) -> int:
        """Extend an organisation over ``, <body>`` segments that end at a boundary (the parent
        body: "Cục Quan hệ Quốc tế, Bộ Giáo dục và Đào tạo"), and over ``tại <place>``."""
        text = self.text
        heads = _org_heads()
        while True:
            m = _AT_PLACE.match(text, end)
            if m:
                run = self.cap_run(m.end())
                if run and _BOUNDARY.match(text, run[-1][1]) and not self.plausible_name(run) or (
                        run and tuple(w for _, _, w in run) in _places() and _BOUNDARY.match(text, run[-1][1])):
                    end = run[-1][1]
                    continue
            m = re.compile(r"[ ]*,[ ]*").match(text, end)
            if not m:
                return end
            k = m.end()
            head = next((h for h in heads if text.startswith(h, k) and not text[k + len(h):k + len(h) + 1].isalpha()), None)
            if head is None or self.title_at(k):
                return end
            seg_end, name = self.walk_org(k, [])
            if name or seg_end <= k or not _BOUNDARY.match(text, seg_end):
                return end
            end = seg_end

    # roles
    def role_at(self, pos: int) -> Role | None:
        m = self.title_at(pos)
        if not m:
            return None
        text = self.text
        title = m.group("abbr") or m.group("title")
        qual = m.group("qual") or ""
        position = " ".join((title + qual).split())
        # a title built on a unit word ("Trưởng phòng", "Chánh Văn phòng"): the organisation
        # starts at that word (contract 5.2), read on from it
        unit_start = None
        words: list[str] = []
        if not qual and not m.group("abbr"):
            title_words = list(re.finditer(r"\S+", title))
            for n in (2, 1):
                unit = " ".join(w.group(0) for w in title_words[-n:]).lower()
                if len(title_words) > n and unit in _title_units():
                    unit_start = m.start("title") + title_words[-n].start()
                    words = unit.split()
                    break
        org_start = _SPACES.match(text, m.end()).end()
        org_end, name = self.walk_org(org_start, list(words), from_unit=unit_start is not None)
        if not name:
            if org_end > org_start:
                org_end = self.parent_org(org_end)
            else:  # "Cục phó, Cục Quan hệ Quốc tế, Bộ Giáo dục và Đào tạo": the body after a comma
                ext = self.parent_org(m.end())
                if ext > m.end():
                    org_start = re.compile(r"[ ]*(?:,[ ]*|tại[ ]+)?").match(text, m.end()).end()
                    org_end = ext
        org_span = None
        if org_end > org_start:
            if unit_start is not None and not text[org_start:org_end].lower().startswith(words[0]):
                org_span = (unit_start, org_end)
            else:
                org_span = (org_start, org_end)
        organization = " ".join(text[org_span[0]:org_span[1]].split()) if org_span else None
        end = org_end if organization else m.end()
        former = _former_before(text, m.start())
        start = m.start() if former is None else former
        role = Role(start, end, position, organization, former is not None, " ".join(text[start:end].split()),
                    (m.start("abbr") if m.group("abbr") else m.start("title"), m.end()), org_span)
        if name:
            role.name = name
            return role
        if unit_start is not None and organization is None:
            # "Trưởng đoàn kiểm tra Nguyễn Văn Hạ": the unit's task, not a body's name, between
            # the title and the name (contract 5.2: organisation null)
            d = _TASK_WORDS.match(text, org_start)
            run = self.cap_run(d.end()) if d else []
            if run and self.plausible_name(run) and run[0][2] in self.surnames:
                role.name = (run[0][0], run[-1][1])
                return role
        self._name_after(role)
        return role

    def _name_after(self, role: Role) -> None:
        """A name across ``,``/``-`` and an honorific ("Chủ tịch UBND huyện, ông Ma Đình Quý"), or
        across a dash alone ("Chủ tịch UBND tỉnh - Trần Thắng")."""
        text = self.text
        m = re.compile(r"[ ]*(?:,|[-–—])?[ ]*").match(text, role.end)
        k = m.end()
        if k == role.end:
            return
        h = self.honorific_at(k)
        if h:
            start = _SPACES.match(text, h.end()).end()
            run = self.cap_run(start)
            if 2 <= len(run) <= _MAX_NAME and not self.title_at(start):
                role.name = (run[0][0], run[-1][1])
                role.name_honorific = h.group(0)
                role.across = True
            return
        # "Chủ tịch UBND huyện, Nguyễn Văn A, cho biết": a name between commas or after a dash;
        # not one followed by its own role ("..., Lò Văn Tiến, Phó Giám đốc Sở ..."), nor after
        # a role that is a complement ("Bằng khen của Bộ trưởng Bộ GD&ĐT, Lê Văn A đã ...")
        if _chain_breaker_re().search(text, max(0, role.start - _WORD_BACK), role.start):
            return
        run = self.name_alone_at(k)
        if run:
            role.name = (run[0][0], run[-1][1])
            role.across = True

    def name_alone_at(self, pos: int):
        """The run of capitals at ``pos`` when it is a plausible name with a family name and no
        role of its own right after it (``…, Lò Văn Tiến, Phó Giám đốc Sở …`` is the next
        person's); else None."""
        run = self.cap_run(pos)
        if not run or self.title_at(pos) or not self.plausible_name(run) or run[0][2] not in self.surnames:
            return None
        sep = _CHAIN_SEP.match(self.text, run[-1][1])
        if sep and sep.end() > run[-1][1] and self.title_at(sep.end()):
            return None
        return run


_NAME_LIST_SEP = re.compile(r"[ ]*(?:,|và)[ ]*")


def _listed_names(reader: "_Reader", end: int):
    """The names listed after a collective role's first name (``, Bùi Khoa Nghi``, ``và Lò Văn
    A``), each a plausible name with a family name and no role of its own after it."""
    text = reader.text
    while True:
        sep = _NAME_LIST_SEP.match(text, end)
        if sep is None or sep.end() == end or reader.honorific_at(sep.end()):
            return
        run = reader.name_alone_at(sep.end())
        if not run or len(run) > _MAX_NAME:
            return
        yield (run[0][0], run[-1][1])
        end = run[-1][1]


def _title_ok(m: re.Match) -> bool:
    """A title matched without its tone marks is a title when written as listed, or capitalised
    (or after a lower-case "phó") with one syllable's tone mark off (a typo before a name: "Phó
    Hiêu trưởng"); "toàn bộ trường" is no "Bộ trưởng", "Trường bán trú" no "Trưởng ban"."""
    if m.group("abbr"):
        return True
    written = m.group("title").lower().split()
    if " ".join(written) in _exact_titles():
        return True
    if not m.group("title")[0].isupper() and written[0] != "phó":  # "phó Bi thư": "phó" says it is a title
        return False
    key = "".join(_TONE_BASE.get(c, c) for c in " ".join(written))
    return any(sum(a != b for a, b in zip(written, title.split())) <= 1 for title in _toneless_titles().get(key, ()))


@lx.derived
def _toneless_titles() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for t in _exact_titles():
        out.setdefault("".join(_TONE_BASE.get(c, c) for c in t), []).append(t)
    return out


def _honorific_text(h: str) -> str:
    """As the record writes it: forms of address lower-cased (``Ông`` -> ``ông``, ``Đ/c`` ->
    ``đ/c``), degrees and titles as written; a repeated one once ("đồng chí đồng chí")."""
    kinds = {k.lower(): v for k, v in _honorific_kinds().items()}
    parts = [" ".join(p.split()) for p in _honorific_one_re().findall(h)] or [h]
    out = []
    for p in parts:
        p = p.lower() if kinds.get(p.lower()) == "address" else p
        if not out or fold(out[-1]) != fold(p):
            out.append(p)
    return " ".join(out)


def _honorific_before(reader: _Reader, pos: int) -> str | None:
    """The honorific attached right before ``pos`` (not a collective "các đồng chí")."""
    text = reader.text
    lo = max(0, pos - _HONORIFIC_BACK)
    m = _honorific_before_re().search(text, lo, pos)
    if not m:
        return None
    if _COLLECTIVE.search(text, max(0, m.start("hon") - _COLLECTIVE_BACK), m.start("hon")):
        return None
    return _honorific_text(m.group("hon"))


def _name_start(reader: _Reader, run) -> int | None:
    """Index in a run of capitals right before a role where the person's name starts, or None
    when the run names no person.

    After an honorific the run is the name ("Ông Nguyễn Văn Hiếu", "bà Ksor H'Bơ Khăp"); without
    one, the name starts at a family name and has two to four syllables, what comes before it
    being a place ("Điện Biên Nguyễn Văn Kiên - Giám đốc ..."); a two-syllable name after other
    capitals needs that place to be known. A run right after a school, street or place word
    ("Trường THPT Lê Quý Đôn, ...") does not start a name."""
    text = reader.text
    hons = _first_words()[1]
    for s, _, w in run:  # an honorific inside the run: the name is what follows it
        h = reader.honorific_at(s) if w in hons else None
        if h:
            rest = [x for x in run if x[0] >= h.end()]
            return run.index(rest[0]) if len(rest) >= 2 else None
    if _honorific_before_re().search(text, max(0, run[0][0] - _HONORIFIC_BACK), run[0][0]):
        if len(run) < 2:
            return None
        return len(run) - 3 if len(run) > _MAX_NAME else 0
    blockers = _blockers()[0]
    first = 0
    start = run[0][0]
    if start and text[start - 1].isalnum():  # the run starts inside a word ("THPT" read as "T"): that whole word
        while start and text[start - 1].isalnum():
            start -= 1
        if text[start:run[0][1]].lower() in blockers:
            first = 1
    before = text[max(0, start - _PHRASE_BACK):start].lower().split()
    blocked = first == 1 or bool(before) and (before[-1] in blockers or " ".join(before[-2:]) in blockers)
    if blocked:  # the school's or street's own words in the run ("Trường THPT Lê Quý Đôn": THPT), then its name
        while first < len(run) and run[first][2].lower() in blockers:
            first += 1
        first += 1
    places = _places()
    for i in range(first, len(run) - 1):
        rest = run[i:]
        if not (len(rest) <= 4 and rest[0][2] in reader.surnames and reader.plausible_name(rest)):
            continue
        if i and len(rest) == 2 and tuple(w for _, _, w in run[:i]) not in places:
            continue
        return i
    return None


def extract_officials(text: str, word_end=None) -> list[Official]:
    """Officials in a normalised text. ``word_end(pos)``, if given, is where the word (as the
    tokenizer segments it) starting at ``pos`` ends, or None."""
    reader = _Reader(text, word_end)
    roles: list[Role] = []
    last_end = -1
    for m in _title_re().finditer(text):
        if m.start() < last_end:
            continue
        role = reader.role_at(m.start())
        if role is None:
            continue
        roles.append(role)
        last_end = role.end
    by_end = {r.end: r for r in roles}
    # each role's link to what is before it: the role it is chained after, or a name
    prev: dict[int, Role] = {}
    anchor: dict[int, tuple[tuple[int, int], str | None]] = {}
    name_tail = _name_tail_re()
    for i, role in enumerate(roles):
        m = _SEP_BEFORE.search(text, max(0, role.start - _WORD_BACK), role.start)
        p = by_end.get(len(text[:m.start()].rstrip(" "))) if m else None
        if m and p is None:  # "Ủy viên Ban Chấp hành Trung ương Đảng (khóa XII), Bí thư …": past a term in brackets
            aside = _TERM_ASIDE.search(text, max(0, m.start() - 40), m.start())
            p = by_end.get(len(text[:aside.start()].rstrip(" "))) if aside else None
        if p is not None and _chain_breaker_re().search(text, max(0, p.start - _WORD_BACK), p.start):
            p = None  # "chỉ đạo của Thủ tướng Chính phủ, Bộ trưởng ...": not one chain
        if p is not None and _GROUP_AFTER.match(text, role.end):
            p = None  # "…, Hiệu trưởng và nhân viên 10 trường": the people of a group, no link of the chain
        if p is not None and p is not role:
            prev[i] = p
            continue
        m = name_tail.search(text, max(0, role.start - _WINDOW), role.start)
        if not m:
            continue
        run = [x for x in reader.cap_run(m.start("run"), stop_at_titles=False) if x[1] <= m.end("run")]
        if not run or (i and roles[i - 1].end > run[0][0]):
            continue  # the capitals are the end of the previous role's organisation
        k = _name_start(reader, run)
        if k is None:
            continue
        span = (run[k][0], run[-1][1])
        anchor[i] = (span, _honorific_before(reader, span[0]))
    index = {id(r): i for i, r in enumerate(roles)}

    def head_of(i: int) -> int:
        while i in prev and not roles[index[id(prev[i])]].name:
            i = index[id(prev[i])]
        return i

    mentions: dict[tuple[int, int], tuple[str | None, list[Role]]] = {}
    claimed: set[int] = set()
    # a name before its roles: the chain after it, up to a role that names the next person
    for i in sorted(anchor):
        span, hon = anchor[i]
        if roles[i].name and not roles[i].across:
            continue  # "Lê Văn Dũng, Phó Chủ tịch UBND tỉnh Quảng Nam Trần Anh Tuấn": Tuấn's role
        chain = [roles[i]]
        j = i
        while not chain[-1].name and j + 1 < len(roles) and prev.get(j + 1) is chain[-1]:
            if roles[j + 1].name and not roles[j + 1].across:
                break
            j += 1
            chain.append(roles[j])
        claimed.update(range(i, j + 1))
        mentions[span] = (hon, chain)
    # a role before the name, with the roles chained before it
    for i, role in enumerate(roles):
        if not role.name or i in claimed:
            continue
        h = head_of(i)
        if any(x in claimed for x in range(h, i + 1)):
            continue
        chain = roles[h:i + 1]
        start = chain[0].start
        if _role_verbs_re().search(text, max(0, start - _PHRASE_BACK), start) and not role.across:
            continue
        hon = _honorific_text(role.name_honorific) if role.name_honorific else _honorific_before(reader, start)
        if role.name in mentions:
            continue
        mentions[role.name] = (hon, chain)
        if _COLLECTIVE.search(text, max(0, start - _COLLECTIVE_BACK), start):
            # "các Phó Giám đốc Nguyễn Văn Long, Bùi Khoa Nghi": the role is each listed name's
            for span in _listed_names(reader, role.name[1]):
                mentions.setdefault(span, (hon, chain))

    results: list[Official] = []
    seen: set[tuple[str, str]] = set()
    for (n_start, n_end) in sorted(mentions):
        hon, chain = mentions[(n_start, n_end)]
        main = chain[-1]
        name = text[n_start:n_end]
        key = (fold(name), fold(main.position))
        if key in seen:
            continue
        seen.add(key)
        results.append(Official(n_start, n_end, name, hon, main.position, main.organization,
                                [r.text for r in chain[:-1]], main.former, main.position_span,
                                main.organization_span, [(r.start, r.end) for r in chain[:-1]]))
    return results


@lx.derived
def _name_tail_re() -> re.Pattern:
    """A run of capitalised syllables right before a role, across ``,`` ``-`` ``–`` or ``(``."""
    # "(thứ 3 từ trái sang)": where a caption says who is where, between the name and its role
    return re.compile(rf"(?P<run>{_CAP}(?: {_CAP})*)(?:[ ]*\([^()\n]{{1,40}}\))?[ ]*(?:,|[-–—]|\()[ ]*$")


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
    out = " ".join(view_text(org).split())  # the record quotes the text; expand its normalised view
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
