"""Loaders for the data files in ``nlp/data`` (vocabularies and gazetteers kept as data)."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .normalize import normalize

VIET_LOWER = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệfghiìíỉĩịjklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvwxyỳýỷỹỵz"
VIET_UPPER = VIET_LOWER.upper()
LOWER = f"[{VIET_LOWER}]"
UPPER = f"[{VIET_UPPER}]"
# A capitalised syllable (``Bằng``, ``A``) and a lower-case one.
CAP_SYLLABLE = f"{UPPER}{LOWER}*"
LOW_SYLLABLE = f"{LOWER}+"


_DATA_DIR = None  # None: the package's own nlp/data


def use_data_dir(path) -> None:
    """Read the vocabularies from another folder (a pipeline component's ``data_dir`` setting), or
    from the package's own ``nlp/data`` when ``path`` is None."""
    global _DATA_DIR
    from pathlib import Path

    path = Path(path) if path else None
    if path != _DATA_DIR:
        _DATA_DIR = path
        for loader in _LOADERS:
            loader.cache_clear()
        _STRIPPED_CACHE.clear()


def data_file(name: str):
    return (_DATA_DIR / name) if _DATA_DIR is not None else resources.files("nlp").joinpath("data", name)


def _lines(name: str) -> list[str]:
    text = data_file(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        out.append("\t".join(normalize(part).text for part in line.split("\t")))
    return out


def _pairs(name: str) -> list[tuple[str, str]]:
    pairs = []
    for line in _lines(name):
        key, _, value = line.partition("\t")
        pairs.append((key.strip(), value.strip()))
    return pairs


def lines(name: str) -> list[str]:
    """The lines of a data file, normalised, without blank lines and ``#`` comments."""
    return _lines(name)


def pairs(name: str) -> list[tuple[str, str]]:
    """The ``key<TAB>value`` lines of a data file."""
    return _pairs(name)


@lru_cache(maxsize=None)
def metric_heads() -> dict[str, str]:
    """object head phrase (lower case) -> metric key."""
    return {head.lower(): key for key, head in _pairs("metrics.tsv")}


@lru_cache(maxsize=None)
def object_heads() -> frozenset[str]:
    return frozenset(h.lower() for h in _lines("object_heads.txt")) | frozenset(metric_heads())


@lru_cache(maxsize=None)
def counted_heads() -> frozenset[str]:
    """What a number may count: ``object_heads`` and the titles of officials (contract 5.1: "1
    trưởng phòng và 2 phó trưởng phòng"; written capitalised too, "1 Giám đốc, 10 Phó Giám đốc")."""
    return object_heads() | frozenset(t.lower() for t in titles())


@lru_cache(maxsize=None)
def object_modifiers() -> frozenset[str]:
    return frozenset(m.lower() for m in _lines("object_modifiers.txt"))


@lru_cache(maxsize=None)
def object_stopwords() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("object_stopwords.txt"))


@lru_cache(maxsize=None)
def honorifics() -> dict[str, str]:
    return dict(_pairs("honorifics.tsv"))


@lru_cache(maxsize=None)
def titles() -> list[str]:
    return sorted(set(_lines("titles.txt")), key=len, reverse=True)


@lru_cache(maxsize=None)
def title_abbreviations() -> dict[str, str]:
    return dict(_pairs("title_abbreviations.tsv"))


@lru_cache(maxsize=None)
def title_qualifiers() -> list[str]:
    return sorted(set(_lines("title_qualifiers.txt")), key=len, reverse=True)


@lru_cache(maxsize=None)
def surnames() -> frozenset[str]:
    return frozenset(_lines("surnames.txt"))


@lru_cache(maxsize=None)
def org_words() -> frozenset[str]:
    return frozenset(w.lower() for w in _lines("org_words.txt"))


@lru_cache(maxsize=None)
def org_abbreviations() -> list[tuple[str, str]]:
    return sorted(_pairs("org_abbreviations.tsv"), key=lambda p: len(p[0]), reverse=True)


@lru_cache(maxsize=None)
def provinces() -> list[str]:
    return _lines("provinces.txt")


_LOADERS = [metric_heads, object_heads, object_modifiers, object_stopwords, honorifics, titles, title_abbreviations,
            title_qualifiers, surnames, org_words, org_abbreviations, provinces]


def register(cached):
    """An ``lru_cache``d function whose results depend on the vocabularies: cleared with them."""
    _LOADERS.append(cached)
    return cached


def derived(function):
    """Cache a value built from the vocabularies (a compiled pattern) until they are read from
    another folder."""
    return register(lru_cache(maxsize=None)(function))


def phrase_alternation(phrases, *, ignore_case: bool = False) -> str:
    """A regex alternation of phrases, longest first, with spaces matching any whitespace run."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        parts.append(r"\s+".join(re.escape(w) for w in p.split()))
    return "(?:" + "|".join(parts) + ")"


_STRIPPED_CACHE: dict[int, object] = {}


def stripped(vocabulary):
    """The vocabulary without diacritics (a dict keeps its values), for text typed without them."""
    key = id(vocabulary)
    if key not in _STRIPPED_CACHE:
        from .normalize import strip_diacritics

        if isinstance(vocabulary, dict):
            _STRIPPED_CACHE[key] = {strip_diacritics(k): v for k, v in vocabulary.items()}
        else:
            _STRIPPED_CACHE[key] = frozenset(strip_diacritics(k) for k in vocabulary)
    return _STRIPPED_CACHE[key]


def longest_prefix(words: list[str], vocabulary) -> int:
    """Number of words at the start of ``words`` forming the longest phrase in ``vocabulary``."""
    best = 0
    for n in range(1, min(len(words), 6) + 1):
        if " ".join(words[:n]).lower() in vocabulary:
            best = n
    return best
