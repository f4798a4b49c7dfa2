"""From a processed Doc's spans to the contract's records (``docs/extraction.md``), resolving what
needs the article's metadata: a missing year from ``published`` (section 3), the province where an
organisation says only ``tỉnh``, and each figure's province (as reported, and in 2025), period,
sentence and kind."""
from __future__ import annotations

from spacy.tokens import Doc

from .context import Sentences, figure_context, province_in
from .dates import DateMention, build_context, resolve
from .kinds import figure_kinds
from .components import view_of
from .normalize import view_text
from .officials import normalize_organization


def _exact(span) -> tuple[int, int]:
    start, end = span._.exact or (span.start_char, span.end_char)
    return start, end


def records_of(doc: Doc, title: str = "", published=None, province: str | None = None) -> dict:
    """``{"figures": [...], "officials": [...], "dates": [...]}`` for one article's Doc."""
    view = view_of(doc)
    text = view.original
    mentions = []
    for span in doc.spans.get("dates", []):
        start, end = _exact(span)
        vstart, vend = view.to_view(start, end)
        mention = DateMention(vstart, vend, span._.date_type, span._.date_value, span._.part_of_day, dict(span._.parts or {}))
        mention.orig = (start, end)
        mentions.append(mention)
    ctx = build_context(view.text, view_text(title or ""), published, mentions)
    sentences = Sentences(text)
    dates = []
    for m in resolve(mentions, ctx):
        start, end = m.orig
        dates.append({"text": text[start:end], "start": start, "end": end, "type": m.type, "value": m.value,
                      "part_of_day": m.part_of_day, "sentence": sentences.of(start, end)})
    org_province = province or province_in(title or "")
    officials = []
    for span in doc.spans.get("officials", []):
        start, end = _exact(span)
        officials.append({
            "text": text[start:end], "start": start, "end": end, "name": span._.name, "honorific": span._.honorific,
            "position": span._.position, "organization": span._.organization,
            "other_roles": list(span._.other_roles or []), "former": bool(span._.former),
            "organization_normalized": normalize_organization(span._.organization, org_province),
            "sentence": sentences.of(start, end)})
    figures = []
    for span in doc.spans.get("figures", []):
        start, end = _exact(span)
        rec = {"text": text[start:end], "start": start, "end": end, "value": span._.value, "unit": span._.unit,
               "qualifier": span._.qualifier, "change": span._.change, "object": span._.object,
               "metric": span._.metric}
        if span._.total is not None:
            rec["total"] = span._.total
        figures.append(rec)
    figure_context(text, title, published, province, figures, dates, sentences)
    figure_kinds(text, figures, sentences)
    return {"figures": figures, "officials": officials, "dates": dates}
