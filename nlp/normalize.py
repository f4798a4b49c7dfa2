"""A normalised view of Vietnamese text with an offset map back to the original.

Every extractor matches on the view; every record points into the original text. The view is:
NFC; ``Ð`` (U+00D0, Icelandic eth, used for ``Đ`` by some old Vietnamese sites) read as ``Đ``;
one tone-mark placement (``hoà``/``hòa``, ``thuỷ``/``thủy`` become the second form);
non-breaking spaces read as spaces, zero-width characters removed; leftover HTML entities decoded.
"""
from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from dataclasses import dataclass

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_SPACE_LIKE = {"\u00a0", "\u2007", "\u202f", "\u2009", "\u200a", "\u3000", "\t"}
_CHAR_MAP = {"\u00d0": "\u0110", "\u00f0": "\u0111"}

# Old-style tone placement on the open syllables oa/oe/uy ("hoà", "khoẻ", "thuỷ") moved to
# the modern placement ("hòa", "khỏe", "thủy"). Only at a syllable end: "hoàng" is right as is.
# Not after "q": in "quý" the "u" belongs to "qu" and the mark is already on the right vowel.
_TONED = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ",
    "o": "òóỏõọ", "u": "ùúủũụ",
}
_TONE_OF = {}
for base, forms in _TONED.items():
    for i, ch in enumerate(forms):
        _TONE_OF[ch] = (base, i)
        _TONE_OF[ch.upper()] = (base.upper(), i)


def _move_tone(first: str, second: str) -> tuple[str, str] | None:
    if second not in _TONE_OF:
        return None
    base2, tone = _TONE_OF[second]
    lower1 = first.lower()
    if lower1 not in ("o", "u"):
        return None
    if (lower1 == "o" and base2.lower() not in ("a", "e")) or (lower1 == "u" and base2.lower() != "y"):
        return None
    new_first = _TONED[lower1][tone]
    if first.isupper():
        new_first = new_first.upper()
    return new_first, base2


_VN_LETTER = re.compile(r"[^\W\d_]")
_ENTITY = re.compile(r"&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")


@dataclass
class NormalizedText:
    """``text`` is the normalised view of ``original``; the view character ``text[i]`` came from
    ``original[starts[i]:ends[i]]``."""

    original: str
    text: str
    starts: list[int]
    ends: list[int]

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the original text to the view (the view characters that
        came from it)."""
        a = bisect.bisect_left(self.starts, start)
        b = bisect.bisect_left(self.starts, end)
        return a, max(a, b)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the view to the original text."""
        if not self.text:
            return 0, 0
        if end <= start:
            pos = self.starts[start] if start < len(self.text) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]


_COMBINING = "\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Everything the view changes; the text between matches is copied as is, in bulk.
_SPECIAL = re.compile(
    r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});"
    rf"|.[{_COMBINING}]+"
    "|[" + "".join(_ZERO_WIDTH | _SPACE_LIKE | set(_CHAR_MAP)) + "]",
    re.S,
)
# One pattern for every syllable-final "o" or "u" followed by a toned vowel; _move_tone decides
# (oa/oe/uy move their mark, any other pair is left as it was). A single character class scans
# about three times faster than an alternation of two. (The "not after q" look-behind comes after
# the two letters: a pattern that starts with a letter class is scanned for that class quickly, one
# that starts with a look-behind is tried everywhere.)
_TONED_SECOND = "".join(_TONED["a"] + _TONED["e"] + _TONED["y"])
_OLD_TONE = re.compile(
    "[oOuU][" + _TONED_SECOND + _TONED_SECOND.upper() + "](?<![qQ]..)"
    "(?![" + "a-zA-Z" + "".join(c for forms in _TONED.values() for c in forms + forms.upper()) +
    "ăâđêôơưĂÂĐÊÔƠƯ])"
)
# What _SPECIAL matches contain, told apart so that most texts skip its pass: a text with no
# entity and no combining mark ("GD&ĐT" is not the start of an entity) only needs its zero-width,
# space-like and mis-encoded characters mapped, one character each, by one translate; most article
# bodies have none of them either, and are their own view but for the tone marks.
_ENTITY_START = re.compile("&[#a-zA-Z]")
_MAPPED = "".join(_ZERO_WIDTH | _SPACE_LIKE | set(_CHAR_MAP))
_MAY_NEED_A_PASS = re.compile("[" + _COMBINING + _MAPPED + "]")
_HAS_COMBINING = re.compile("[" + _COMBINING + "]")


def normalize(original: str) -> NormalizedText:
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(original):
        a, b = m.start(), m.end()
        if a > pos:
            parts.append(original[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        tok, chars = m.group(0), _view_of(m)
        parts.append(chars)
        if tok[0] == "&" and len(tok) > 2 and chars == tok:  # not an entity after all: character by character
            starts.extend(range(a, b))
            ends.extend(range(a + 1, b + 1))
        else:  # what the match became comes from all of it
            starts.extend([a] * len(chars))
            ends.extend([b] * len(chars))
        pos = b
    if pos < len(original):
        parts.append(original[pos:])
        starts.extend(range(pos, len(original)))
        ends.extend(range(pos + 1, len(original) + 1))
    # tone placement: swapping two characters of one syllable keeps the offsets valid
    text = _modern_tones("".join(parts))
    return NormalizedText(original, text, starts, ends)


_VIEW_MAP = {**{ord(c): " " for c in _SPACE_LIKE}, **{ord(k): v for k, v in _CHAR_MAP.items()}}


def _view_of(match: re.Match) -> str:
    """What ``normalize`` makes of one ``_SPECIAL`` match, without the offsets."""
    tok = match.group(0)
    if tok[0] == "&" and len(tok) > 2:
        decoded = html.unescape(tok)
        if decoded == tok:  # not an entity after all: keep the characters
            return tok
        chars = unicodedata.normalize("NFC", decoded)
    elif len(tok) > 1:  # a base character with combining marks
        chars = unicodedata.normalize("NFC", tok)
    elif tok in _ZERO_WIDTH:
        return ""
    else:
        chars = tok
    return chars.translate(_VIEW_MAP)


def _modern_tone(match: re.Match) -> str:
    pair = match.group(0)
    return "".join(_move_tone(pair[0], pair[1]) or pair)


def _modern_tones(text: str) -> str:
    return _OLD_TONE.sub(_modern_tone, text)


_VIEW_OF_CHAR = {**{c: " " for c in _SPACE_LIKE}, **_CHAR_MAP, **{c: "" for c in _ZERO_WIDTH}}  # what _view_of
# does to one character (a dict lookup per match: str.translate looks every character up, 10 MB/s)


def view_text(original: str) -> str:
    """``normalize(original).text`` without the offset map: twice as fast, for the strings that
    are only compared (query words, search snippets, names, the search index), never mapped back."""
    first = _MAY_NEED_A_PASS.search(original)
    if "&" in original and _ENTITY_START.search(original) or first and _HAS_COMBINING.search(original, first.start()):
        original = _SPECIAL.sub(_view_of, original)
    elif first:
        original = _MAY_NEED_A_PASS.sub(lambda m: _VIEW_OF_CHAR[m.group(0)], original)
    return _modern_tones(original)


def fold(text: str) -> str:
    """Case-, tone-placement- and space-insensitive form of a short string (names, positions)."""
    return " ".join(view_text(text).lower().split())


_TABLE_END = 0x2000  # the strip table's reach: the Latin, combining and Greek blocks


@functools.cache
def _strip_table() -> list[str | None]:
    """What each character below _TABLE_END is without diacritics, in lower case: for every
    letter of the Latin blocks (where Vietnamese is) its base letter, with what the view drops or
    turns into spaces; every other character itself. (A list, not a dict: a dict raises an
    exception for every character it lacks, and translating took twice as long.)"""
    table: list[str | None] = list(map(chr, range(_TABLE_END)))
    for block in (range(0x00C0, 0x0250), range(0x1E00, 0x1F00)):
        for code in block:
            table[code] = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
    table[ord("đ")] = table[ord("\u00f0")] = "d"
    for low, high in _COMBINING_RANGES:
        for code in range(low, min(high + 1, _TABLE_END)):
            table[code] = None
    for c in _ZERO_WIDTH | _SPACE_LIKE:
        if ord(c) < _TABLE_END:
            table[ord(c)] = " " if c in _SPACE_LIKE else None
    return table


_COMBINING_RANGES = [(ord(low), ord(high)) for low, high in re.findall("(.)-(.)", _COMBINING)]
# what the view drops or turns into spaces beyond the table
_BEYOND_TABLE = re.compile("[" + "".join(f"{chr(max(low, _TABLE_END))}-{chr(high)}" for low, high in _COMBINING_RANGES
                                         if high >= _TABLE_END)
                           + "".join(c for c in _ZERO_WIDTH | _SPACE_LIKE if ord(c) >= _TABLE_END) + "]")


def strip_diacritics(text: str) -> str:
    """``Điện Biên`` -> ``dien bien``: what a user types without Vietnamese diacritics.

    The view without its tone-mark placement (which only moves marks that go anyway), as one
    table look-up per character: searching strips every result's body, and this is 4x faster
    than decomposing the view and testing each character (the same on Latin letters; marks on
    letters of other scripts are kept)."""
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _BEYOND_TABLE.sub(lambda m: " " if m.group(0) in _SPACE_LIKE else "", text)
    return text.lower().translate(_strip_table())
