"""The extractors as spaCy pipeline components: each finds its mentions on the normalised view of
``doc.text`` and writes them to ``doc.spans["dates" | "figures" | "officials"]``, one span per
mention, with its fields as span attributes (``span._.value``, ``span._.position`` …).

What needs the article's metadata (the year of ``Chiều 24/2`` from ``published``, the province
behind ``Sở GD&ĐT tỉnh``, the period of a figure) is resolved afterwards by :mod:`nlp.records`,
because a component sees only the text.

Span offsets follow token boundaries; a mention that ends inside a token (rare: underthesea keeps
``7.300`` and ``lớp`` apart) is widened to whole tokens, and its exact offsets are kept in
``span._.exact``.
"""
from __future__ import annotations

import re
import weakref

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span

from . import lexicon
from .dates import candidates
from .figures import extract_figures
from .normalize import NormalizedText, normalize
from .officials import extract_officials

SPAN_ATTRIBUTES = {
    "exact": None,  # (start, end) of the mention in doc.text
    # figures
    "value": None, "unit": None, "qualifier": None, "change": None, "object": None, "metric": None, "total": None,
    # dates (the value when the text gives it whole, else None until nlp.records resolves it)
    "date_type": None, "date_value": None, "part_of_day": None, "parts": None,
    # officials
    "name": None, "honorific": None, "position": None, "organization": None, "other_roles": None, "former": None,
}
for _attr, _default in SPAN_ATTRIBUTES.items():
    if not Span.has_extension(_attr):
        Span.set_extension(_attr, default=_default)

HONORIFIC_REACH = 200  # characters before a name where its honorific (before the name or its roles) is written
# Document numbers (``Quyết định số 1527/QĐ-UBND``) are neither figures nor dates.
_DOC_NUMBER = re.compile(r"(?:số\s+)?\d+(?:/\d+)*/[A-ZĐ][\w\-Đ]*|(?:số\s+)\d+[-/][A-ZĐ][\w\-Đ]*", re.IGNORECASE)


# The normalised view of each live Doc, shared by the components without riding on the Doc (it
# cannot cross processes, and ``doc.text`` rebuilds the string from every token: 16 ms for a
# 40,000-character report). The tokenizer fills it; an entry goes with its Doc.
_VIEWS: "weakref.WeakKeyDictionary[Doc, NormalizedText]" = weakref.WeakKeyDictionary()


def view_of(doc: Doc) -> NormalizedText:
    """The normalised view of ``doc.text`` with its offset map; ``view.original`` is the text."""
    view = _VIEWS.get(doc)
    if view is None:
        view = _VIEWS[doc] = normalize(doc.text)
    return view


def remember_view(doc: Doc, view: NormalizedText) -> Doc:
    _VIEWS[doc] = view
    return doc


def _mention_span(doc: Doc, start: int, end: int, label: str, **attributes) -> Span:
    """A span over the mention's tokens, its fields set as span attributes (one ``span._`` per
    span: each access builds an accessor object)."""
    span = doc.char_span(start, end, label=label, alignment_mode="expand")
    ext = span._
    ext.exact = (start, end)
    for name, value in attributes.items():
        setattr(ext, name, value)
    return span


def _configure(data_dir) -> None:
    lexicon.use_data_dir(data_dir)


@Language.factory("vi_dates", default_config={"data_dir": None})
def make_dates(nlp: Language, name: str, data_dir: str | None):
    """Temporal expressions (contract section 3): ``doc.spans["dates"]``, label = type."""
    _configure(data_dir)

    def vi_dates(doc: Doc) -> Doc:
        view = view_of(doc)
        spans = []
        for m in candidates(view.text):
            start, end = view.to_original(m.start, m.end)
            span = _mention_span(doc, start, end, m.type, date_type=m.type, date_value=m.value,
                                 part_of_day=m.part_of_day, parts=dict(m.parts))
            spans.append(span)
        doc.spans["dates"] = spans
        return doc

    return vi_dates


@Language.factory("vi_figures", default_config={"data_dir": None})
def make_figures(nlp: Language, name: str, data_dir: str | None):
    """Reported statistics (contract section 1): ``doc.spans["figures"]``."""
    _configure(data_dir)

    def vi_figures(doc: Doc) -> Doc:
        view = view_of(doc)
        excluded = [view.to_view(*span._.exact) for span in doc.spans.get("dates", [])]
        excluded += [(m.start(), m.end()) for m in _DOC_NUMBER.finditer(view.text)]
        text = view.original
        spans = []
        for f in extract_figures(view.text, excluded, _token_ends(doc, view)):
            start, end = view.to_original(f.start, f.end)
            obj = None
            if f.object_start is not None:
                oa, ob = view.to_original(f.object_start, f.object_end)
                obj = text[oa:ob]
            span = _mention_span(doc, start, end, "FIGURE", value=f.value, unit=f.unit, qualifier=f.qualifier,
                                 change=f.change, object=obj, metric=f.metric, total=f.total)
            spans.append(span)
        doc.spans["figures"] = spans
        return doc

    return vi_figures


def _token_ends(doc: Doc, view: NormalizedText):
    """The word (underthesea token) starting at a view offset, as ``(start, end)`` in the view:
    the object of a figure outside the vocabulary is the word segmented there (``phần mềm``).
    Built on first use: most figures' objects are in the vocabulary."""
    table: dict[int, int] = {}

    def word_at(vpos: int):
        if not table:
            for token in doc:
                if not token.is_space:
                    a, b = view.to_view(token.idx, token.idx + len(token.text))
                    table[a] = b
            table[-1] = -1
        end = table.get(vpos)
        return (vpos, end) if end else None

    return word_at


def _word_ends(doc: Doc, view: NormalizedText):
    """Where the word (underthesea token) starting at a view offset ends, in the view, or None:
    the officials' organisations take the lower-case syllables a capitalised word is segmented
    with ("Hội Khuyến học"). Two arrays from the Doc on first use, a binary search per question."""
    arrays = []

    def word_end(vpos: int):
        if not arrays:
            a = doc.to_array([IDX, LENGTH])
            arrays.extend((a[:, 0], a[:, 0] + a[:, 1]))
        if vpos >= len(view.starts):
            return None
        starts, ends = arrays
        orig = view.starts[vpos]
        i = int(starts.searchsorted(orig))
        if i >= len(starts) or starts[i] != orig:
            return None
        return view.to_view(int(ends[i]), int(ends[i]))[0]

    return word_end


@Language.factory("vi_officials", default_config={"data_dir": None})
def make_officials(nlp: Language, name: str, data_dir: str | None):
    """People named with a public role (contract section 2): ``doc.spans["officials"]``, one span
    per name, label = position."""
    _configure(data_dir)

    def vi_officials(doc: Doc) -> Doc:
        view = view_of(doc)
        spans = []
        def as_written(a: int, b: int) -> str:  # the original text of a view span, spaces collapsed
            a, b = view.to_original(a, b)
            return " ".join(view.original[a:b].split())

        def honorific_as_written(o) -> str | None:
            # a title form is kept as written ("Thượng toạ", whose view reads "Thượng tọa"); forms
            # of address are lower-cased, as extract_officials gives them
            at = view.text.rfind(o.honorific, max(0, o.start - HONORIFIC_REACH), o.start) if o.honorific else -1
            return as_written(at, at + len(o.honorific)) if at >= 0 else o.honorific

        for o in extract_officials(view.text, _word_ends(doc, view)):
            start, end = view.to_original(o.start, o.end)
            span = _mention_span(
                doc, start, end, o.position, name=view.original[start:end], honorific=honorific_as_written(o),
                former=o.former,
                position=as_written(*o.position_span),
                organization=as_written(*o.organization_span) if o.organization_span else None,
                other_roles=[as_written(a, b) for a, b in o.other_role_spans])
            spans.append(span)
        doc.spans["officials"] = spans
        return doc

    return vi_officials
