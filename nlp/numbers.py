"""Vietnamese number formats: ``.`` groups thousands, ``,`` is the decimal mark, magnitude words.

Written by hand: locale libraries parse ``7.300`` as 7.3 and know no ``nghìn``/``tỷ``.
"""
from __future__ import annotations

import re

# (an English decimal point is read before a percent sign only: "chiếm 96.33%"; "4.0", "12.5" stay apart)
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d{1,2}(?=\s*%)|\d+(?:,\d+)?|\d+\.\d{1,2}(?!\d)"
MAGNITUDES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}
MAGNITUDE = r"(?:nghìn|ngàn|triệu|tỷ|tỉ)"


def parse_number(raw: str) -> float:
    """``7.300`` -> 7300, ``99,82`` -> 99.82, ``09`` -> 9, ``2.5`` (English decimal) -> 2.5."""
    raw = raw.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", raw):
        return float(raw.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}", raw):
        return float(raw)
    return float(raw.replace(",", "."))


def magnitude(word: str) -> float:
    return MAGNITUDES[word.lower()]
