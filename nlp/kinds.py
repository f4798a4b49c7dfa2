"""What sort of number a figure is (contract section 1, ``kind``), so that a series never mixes
sorts: ``level`` (a stock at a time), ``change``, ``intake`` (entrants, one grade's enrolment),
``need`` (a shortage, surplus or requirement), ``target`` (a plan, goal or forecast), ``result``
(an outcome of an exam or contest), ``rate`` (a percentage or a ratio), ``amount`` (money, a
physical measure).

Decided from the figure's own fields and cue words of its sentence, kept as data in
``nlp/data/kinds.tsv`` (what each cue's scope means is written there). Hand-written rather than
learned: the cues are few, the development gold has a few hundred figures, and a researcher must
be able to read why a number left a level series.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import lexicon as lx
from .normalize import view_text

KINDS = ("level", "change", "intake", "need", "target", "result", "rate", "amount")
# a cue of kind `same`: the figure is a part of the one before it (trong đó, gồm) and of its kind
SAME = "same"

_CLAUSE_END = re.compile(r";")
_AFTER_END = re.compile(r"[\d,;:()]")


@dataclass(frozen=True)
class Cue:
    kind: str
    where: str      # frame | before | after
    phrase: str


@lx.derived
def cues() -> tuple[Cue, ...]:
    out = []
    for line in lx._lines("kinds.tsv"):
        kind, where, phrase = (line.split("\t") + ["", ""])[:3]
        kind, where, phrase = kind.strip(), where.strip(), phrase.strip()
        if kind not in KINDS + (SAME,) or where not in ("frame", "before", "after") or not phrase:
            raise ValueError(f"nlp/data/kinds.tsv: bad line {line!r}")
        out.append(Cue(kind, where, phrase.lower()))
    return tuple(out)


def _alternation(phrases) -> str:
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        words = [r"\d+" if w == "#" else re.escape(w) for w in p.split()]
        parts.append(r"\s+".join(words))
    return "(?:" + "|".join(parts) + ")"


@lx.derived
def _patterns() -> dict[str, tuple[re.Pattern, dict[str, str]]]:
    """where -> (pattern of its cues, cue text -> kind)."""
    out = {}
    for where in ("frame", "before", "after"):
        chosen = [c for c in cues() if c.where == where]
        kinds = {c.phrase: c.kind for c in chosen}
        out[where] = (re.compile(rf"(?<!\w)(?P<cue>{_alternation(kinds)})(?!\w)"), kinds)
    return out


def _kind_of_match(where: str, text: str) -> str:
    _, kinds = _patterns()[where]
    key = " ".join(text.split())
    if key in kinds:
        return kinds[key]
    return kinds[re.sub(r"\d+", "#", key)]


def _found(where: str, text: str) -> list[str]:
    """The kinds of the cues of ``where`` in ``text``, in order."""
    pattern, _ = _patterns()[where]
    return [_kind_of_match(where, m.group("cue")) for m in pattern.finditer(text)]


def _lower_view(text: str) -> str:
    return view_text(text).lower()


def kind_of(figure: dict, before: str, after: str, previous: str | None = None) -> str:
    """The kind of one figure record, given the text of its clause before it (``before``), its own
    words with what follows up to the next number or punctuation (``after``), and the kind of the
    figure before it in its sentence (``previous``), which a part of it (``trong đó``) takes."""
    if figure.get("change"):
        return "change"
    before_l, after_l = _lower_view(before), _lower_view(after)
    frames = _found("frame", before_l)
    if frames and frames[-1] == "target":  # the last decides: "hoàn thành kế hoạch" is no plan
        return "target"
    unit = figure.get("unit") or "count"
    if unit == "percent" or "/" in unit:
        return "rate"
    if unit != "count":
        return "amount"
    following = _found("after", after_l)
    if following and following[0] != SAME:
        return following[0]
    preceding = _found("before", before_l)
    if preceding and preceding[-1] == SAME:
        return previous if previous in ("level", "intake", "need", "target", "result") else "level"
    if preceding:  # the nearest cue; a level one (có, là) ends the reach of those before it
        return preceding[-1]
    if figure.get("metric") == "awards":
        return "result"
    return "level"


def figure_kinds(text: str, figures: list[dict], sentences) -> None:
    """Add ``kind`` to each figure record of one article, in place (``sentences``: the article's
    :class:`nlp.context.Sentences`)."""
    previous: dict[int, dict] = {}  # sentence start -> the last figure seen in it
    for f in sorted(figures, key=lambda f: f["start"]):
        a, b = sentences.bounds(f["start"], f["end"])
        f["kind"] = kind_of(f, _before(text, a, f["start"]), text[f["start"]:_after_end(text, f["end"], b)],
                            previous[a]["kind"] if a in previous else None)
        previous[a] = f


_ASIDE = re.compile(r"\([^()]*\)")


def _before(text: str, sentence_start: int, at: int) -> str:
    """The words of a figure's clause before it: from the last ``;`` before it, with the head of a
    list a ``:`` opens when the ``;`` separate its items (``khen thưởng: …; 79 học sinh …``), and
    without asides in brackets (``(không dự thi vào các trường có cấp THPT)``)."""
    start = sentence_start
    for m in _CLAUSE_END.finditer(text, sentence_start, at):
        start = m.end()
    head = ""
    colon = text.find(":", sentence_start, at)
    if 0 <= colon < start:  # the list's head: its own clause up to the colon
        head_start = max(text.rfind(";", sentence_start, colon) + 1, sentence_start)
        head = text[head_start:colon] + " : "
    return _ASIDE.sub(" ", head + text[start:at])


def _after_end(text: str, end: int, sentence_end: int) -> int:
    """The end of the words after a figure that can say what it is: the next number (not a grade:
    ``học sinh lớp 10``) or punctuation, or the sentence's end."""
    pos = end
    while True:
        m = _AFTER_END.search(text, pos, sentence_end)
        if m is None:
            return sentence_end
        if m.group(0).isdigit() and _GRADE.search(text, max(0, m.start() - 8), m.start()):
            pos = m.end()
            while pos < sentence_end and text[pos].isdigit():
                pos += 1
            continue
        return m.start()


_GRADE = re.compile(r"(?:lớp|khối|cấp)\s*$", re.IGNORECASE)
