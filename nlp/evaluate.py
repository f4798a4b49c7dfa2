"""Score extraction against a gold file as the contract's section 4 says, and show where it goes
wrong: errors by class (missed, spurious, or the first part of the key an overlapping prediction
got wrong), dates by type, and each miss and false positive with its sentence.

Per article each type is a multiset of keys (a mention repeated in the text is repeated in gold);
micro-averaged precision, recall and F1 over all articles. Figures match on (value, unit, change,
first word of object), officials on (name, position) folded, dates on (type, value).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .normalize import fold

TYPES = ("figures", "officials", "dates")


def _first_word(obj) -> str:
    if not obj:
        return ""
    return unicodedata.normalize("NFC", obj).split()[0].casefold() if obj.split() else ""


def key_of(kind: str, rec: dict):
    if kind == "figures":
        return (round(float(rec["value"]), 6), rec["unit"], rec.get("change"), _first_word(rec.get("object")))
    if kind == "officials":
        return (fold(rec["name"]), fold(rec.get("position") or ""))
    return (rec["type"], rec["value"])


ATTRIBUTES = {
    "figures": ("qualifier", "metric", "object", "kind"),
    "officials": ("organization", "other_roles", "honorific", "former", "organization_normalized"),
    "dates": ("part_of_day",),
}


# What a missed record's nearest wrong prediction got wrong, component by component of the key.
KEY_PARTS = {"figures": ("value", "unit", "change", "object"), "officials": ("name", "position"),
             "dates": ("type", "value")}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    classes: Counter = field(default_factory=Counter)   # error class -> count
    by_type: dict = field(default_factory=dict)         # dates: type -> [tp, fp, fn]
    type_classes: dict = field(default_factory=dict)    # dates: gold type (predicted, when spurious) -> Counter
    attr_total: Counter = field(default_factory=Counter)
    attr_ok: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)
    span_errors: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _same(kind: str, attr: str, gold, pred) -> bool:
    if isinstance(gold, list) or isinstance(pred, list):
        return [fold(x) for x in gold or []] == [fold(x) for x in pred or []]
    if isinstance(gold, str) and isinstance(pred, str):
        return fold(gold) == fold(pred)
    return gold == pred


def _overlaps(a: dict, b: dict) -> bool:
    return "start" in a and "start" in b and a["start"] < b["end"] and b["start"] < a["end"]


_YEARS = re.compile(r"\d{4}|XXXX")


def _date_value_class(gold_value, pred_value, published) -> str:
    """A date value wrong only in its years is a year rule's error (section 3): the 31-day rule
    where ``published`` is given, the chain where it is null; anything else is the value's."""
    g, p = str(gold_value or ""), str(pred_value or "")
    if g and p and _YEARS.sub("Y", g) == _YEARS.sub("Y", p):
        return "wrong year (published null)" if published in (None, "") else "wrong year (31-day rule)"
    return "wrong value"


def error_class(kind: str, gold: dict, pred: dict | None, published=None) -> str:
    """``missed``, or the first part of the key that the overlapping prediction got wrong; for
    dates, a value wrong only in its years says which year rule gave it."""
    if pred is None:
        return "missed"
    g, p = key_of(kind, gold), key_of(kind, pred)
    for part, a, b in zip(KEY_PARTS[kind], g, p):
        if a != b:
            if kind == "dates" and part == "value":
                return _date_value_class(a, b, published)
            return f"wrong {part}"
    return "wrong"


def score_article(gold: dict, predicted: dict, scores: dict[str, Score]) -> None:
    text = gold.get("text") or ""
    for kind in TYPES:
        sc = scores[kind]
        for rec in predicted.get(kind, []):
            if "start" in rec and text[rec["start"]:rec["end"]] != rec.get("text"):
                sc.span_errors.append((gold.get("id"), rec))
        pool: dict = {}
        for rec in predicted.get(kind, []):
            pool.setdefault(key_of(kind, rec), []).append(rec)
        # A key repeated in an article is matched to the prediction at the same place first, so
        # that what is reported missed is the mention that was missed (scores do not change).
        paired: dict[int, dict] = {}
        for i, g in enumerate(gold.get(kind, [])):
            same = pool.get(key_of(kind, g)) or []
            hit = next((p for p in same if _overlaps(g, p)), None)
            if hit is not None:
                same.remove(hit)
                paired[i] = hit
        missed = []
        for i, g in enumerate(gold.get(kind, [])):
            k = key_of(kind, g)
            tally = sc.by_type.setdefault(g.get("type"), [0, 0, 0]) if kind == "dates" else None
            if i in paired or pool.get(k):
                p = paired.pop(i) if i in paired else pool[k].pop(0)
                sc.tp += 1
                if tally:
                    tally[0] += 1
                for attr in ATTRIBUTES[kind]:
                    if attr in g:
                        sc.attr_total[attr] += 1
                        if _same(kind, attr, g.get(attr), p.get(attr)):
                            sc.attr_ok[attr] += 1
            else:
                sc.fn += 1
                if tally:
                    tally[2] += 1
                missed.append(g)
        left = [p for recs in pool.values() for p in recs]
        for g in missed:
            near = next((p for p in left if _overlaps(g, p)), None)
            label = error_class(kind, g, near, gold.get("published"))
            sc.classes[label] += 1
            if kind == "dates":
                sc.type_classes.setdefault(g.get("type"), Counter())[label] += 1
            sc.misses.append((gold.get("id"), g, label, _sentence(text, g), near))
        for p in left:
            if kind == "dates":
                sc.by_type.setdefault(p.get("type"), [0, 0, 0])[1] += 1
            sc.fp += 1
            if not any(_overlaps(p, g) for g in missed):
                sc.classes["spurious"] += 1
                if kind == "dates":
                    sc.type_classes.setdefault(p.get("type"), Counter())["spurious"] += 1
            sc.false_positives.append((gold.get("id"), p, "spurious" if not any(_overlaps(p, g) for g in missed)
                                       else "wrong", _sentence(text, p)))


def _sentence(text: str, rec: dict) -> str:
    if "start" not in rec or not text:
        return ""
    from .context import Sentences

    return Sentences(text).of(rec["start"], rec["end"])


def evaluate(gold_articles: list[dict], predictions: dict) -> dict[str, Score]:
    scores = {k: Score() for k in TYPES}
    for g in gold_articles:
        score_article(g, predictions.get(g["id"], {}), scores)
    return scores


def describe(rec: dict, kind: str) -> str:
    if kind == "figures":
        return f"{rec.get('text')!r} value={rec.get('value')} unit={rec.get('unit')} change={rec.get('change')} object={rec.get('object')!r}"
    if kind == "officials":
        return f"{rec.get('name')!r} position={rec.get('position')!r} org={rec.get('organization')!r}"
    return f"{rec.get('text')!r} {rec.get('type')}={rec.get('value')}"


def report(scores: dict[str, Score], show_errors: bool = True) -> str:
    lines = [f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6}   tp  fp  fn  span-errors"]
    for kind, sc in scores.items():
        lines.append(f"{kind:<10} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f} {sc.tp:4d} {sc.fp:3d} {sc.fn:3d}  {len(sc.span_errors)}")
    lines.append("")
    lines.append("attribute accuracy over matched pairs:")
    for kind, sc in scores.items():
        parts = [f"{a}={sc.attr_ok[a]}/{sc.attr_total[a]}" for a in ATTRIBUTES[kind] if sc.attr_total[a]]
        lines.append(f"  {kind}: " + (", ".join(parts) if parts else "-"))
    lines.append("")
    lines.append("errors by class (a miss whose span a wrong prediction overlaps is 'wrong <first differing part>'):")
    for kind, sc in scores.items():
        parts = [f"{label} {n}" for label, n in sc.classes.most_common()]
        lines.append(f"  {kind}: " + (", ".join(parts) if parts else "-"))
    dates = scores.get("dates")
    if dates and dates.by_type:
        lines.append("")
        lines.append("dates by type:   P      R     F1   tp  fp  fn  errors (gold type; spurious: predicted type)")
        for t, (tp, fp, fn) in sorted(dates.by_type.items(), key=lambda kv: str(kv[0])):
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            errors = ", ".join(f"{label} {n}" for label, n in dates.type_classes.get(t, Counter()).most_common())
            lines.append(f"  {str(t):<12} {p:6.3f} {r:6.3f} {f:6.3f} {tp:4d} {fp:3d} {fn:3d}  {errors}".rstrip())
    if show_errors:
        for kind, sc in scores.items():
            for art, rec, label, sentence, near in sc.misses:
                got = f"\n     got: {describe(near, kind)}" if near is not None else ""
                lines.append(f"MISS {kind} [{art}] ({label}) {describe(rec, kind)}{got}\n     in: {sentence}")
            for art, rec, label, sentence in sc.false_positives:
                lines.append(f"FP   {kind} [{art}] ({label}) {describe(rec, kind)}\n     in: {sentence}")
            for art, rec in sc.span_errors:
                lines.append(f"SPAN {kind} [{art}] {rec}")
    return "\n".join(lines)


def read_jsonl(path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}: line {n} is not valid JSON ({exc.msg})") from None
    return out
