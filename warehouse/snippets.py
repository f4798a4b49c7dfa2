"""Snippets of search results: the words of a body around the densest run of the query's
syllables, each marked (no DuckDB import: shared by the searches that read rows from DuckDB and
from the index)."""
from __future__ import annotations

import bisect
import functools
import re

from nlp.normalize import strip_diacritics

SNIPPET_CHARS = 30_000  # the densest run of matches is looked for in this much of a body


def snippet(body: str, terms, width: int = 30) -> str:
    """About ``width`` words of ``body`` around the densest run of matched words, each marked [ ].
    ``terms`` are query syllables (``query_language.Term``): one typed with diacritics matches
    them (``Nguyễn`` is not ``Nguyên``; ``hòa`` is ``hoà``), one typed without matches any."""
    words = body[:SNIPPET_CHARS].split()
    text = " ".join(words)
    # one pattern for every syllable, run over the text in lower case (no folded copy of a whole
    # body to make, 10 results at a time)
    pattern = _syllables_pattern(tuple(terms))
    lower = text.lower()
    if len(lower) != len(text):  # (a letter whose lower case is longer: offsets would drift)
        lower = " ".join(w.lower()[:len(w)].ljust(len(w)) for w in words)
    end, hits, word, at = len(lower), set(), 0, 0
    for m in pattern.finditer(lower) if pattern else ():
        a, b = m.span()
        if (a == 0 or not lower[a - 1].isalnum()) and (b == end or not lower[b].isalnum()):
            word += text.count(" ", at, a)  # a match's word is the number of spaces before it
            at = a
            hits.add(word)
    if not hits:
        return " ".join(words[:width]) + (" …" if len(words) > width else "")
    ordered = sorted(hits)
    best = max(ordered, key=lambda i: bisect.bisect_left(ordered, i + width) - bisect.bisect_left(ordered, i))
    a = max(0, best - 5)
    b = min(len(words), a + width)
    shown = [f"[{w}]" if i in hits else w for i, w in enumerate(words[a:b], start=a)]
    return ("… " if a else "") + " ".join(shown) + (" …" if b < len(words) or len(body) > SNIPPET_CHARS else "")


_TONES = {"o": "òóỏõọ", "u": "ùúủũụ", "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_OLD_PAIRS = {"o": "ae", "u": "y"}  # oa, oe, uy: the pairs whose mark sat on the second vowel (hoà)


def _spellings(toned: str) -> list[str]:
    """A tone-normalised syllable and its old tone-mark placement, if it has one (hòa, hoà)."""
    if len(toned) >= 2 and (len(toned) == 2 or toned[-3] not in "qQ"):
        first, second = toned[-2], toned[-1]
        for base, marks in _TONES.items():
            if first in marks and second in _OLD_PAIRS.get(base, ""):
                return [toned, toned[:-2] + base + _TONES[second][marks.index(first)]]
    return [toned]


def _letter_classes() -> dict[str, str]:
    """Each base letter and every letter that is it without diacritics (d: dđĐD...), both cases."""
    classes: dict[str, set] = {}
    for code in list(range(0x41, 0x7B)) + list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(code)
        base = strip_diacritics(ch)
        if len(base) == 1 and base.isalnum():
            classes.setdefault(base, set()).add(ch.lower())
    return {base: "".join(sorted(chars)) for base, chars in classes.items()}


_CLASSES: dict[str, str] = {}


@functools.lru_cache(maxsize=64)
def _syllables_pattern(terms: tuple) -> re.Pattern | None:
    if not _CLASSES:
        _CLASSES.update(_letter_classes())
    pieces = []
    for t in terms:
        if t.has_diacritics:
            pieces += [re.escape(s) for s in _spellings(t.toned)]
        else:
            pieces.append("".join(f"[{re.escape(_CLASSES[c])}]" if c in _CLASSES else re.escape(c) for c in t.folded))
    if not pieces:
        return None
    # (whole syllables: the caller checks the letters either side; a look-behind here would be
    # tried at every position, three times slower)
    return re.compile("|".join(sorted(set(pieces), key=len, reverse=True)))
