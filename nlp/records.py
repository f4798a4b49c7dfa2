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


def _attributes(span, names: tuple[str, ...]) -> tuple[tuple[int, int], list]:
    """The mention's exact offsets and the span attributes ``names`` (one ``span._`` per span: each
    access builds an accessor object, thousands per long article)."""
    ext = span._
    exact = ext.exact or (span.start_char, span.end_char)
    return (exact[0], exact[1]), [getattr(ext, n) for n in names]


def records_of(doc: Doc, title: str = "", published=None, province: str | None = None) -> dict:
    """``{"figures": [...], "officials": [...], "dates": [...]}`` for one article's Doc."""
    view = view_of(doc)
    text = view.original
    mentions = []
    for span in doc.spans.get("dates", []):
        (start, end), (kind, value, part_of_day, parts) = _attributes(
            span, ("date_type", "date_value", "part_of_day", "parts"))
        vstart, vend = view.to_view(start, end)
        mention = DateMention(vstart, vend, kind, value, part_of_day, dict(parts or {}))
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
        (start, end), (name, honorific, position, organization, other_roles, former) = _attributes(
            span, ("name", "honorific", "position", "organization", "other_roles", "former"))
        officials.append({
            "text": text[start:end], "start": start, "end": end, "name": name, "honorific": honorific,
            "position": position, "organization": organization, "other_roles": list(other_roles or []),
            "former": bool(former), "organization_normalized": normalize_organization(organization, org_province),
            "sentence": sentences.of(start, end)})
    figures = []
    fields = ("value", "unit", "qualifier", "change", "object", "metric")
    for span in doc.spans.get("figures", []):
        (start, end), values = _attributes(span, fields + ("total",))
        rec = {"text": text[start:end], "start": start, "end": end, **dict(zip(fields, values))}
        if values[-1] is not None:
            rec["total"] = values[-1]
        figures.append(rec)
    figure_context(text, title, published, province, figures, dates, sentences)
    figure_kinds(text, figures, sentences)
    return {"figures": figures, "officials": officials, "dates": dates}
