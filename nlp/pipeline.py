"""The NLP stage as a spaCy pipeline: underthesea word segmentation as the tokenizer, and the
extractors as registered components writing to ``Doc`` extensions.

    nlp = build_nlp()
    for article, records in extract_articles(nlp, articles, n_process=2): ...

Components (in order): ``vi_normalizer`` (the normalised view and its offset map),
``vi_dates``, ``vi_figures``, ``vi_officials``, ``vi_release``. Each extractor stores
contract-shaped records with offsets into the original text; what depends on the article's
metadata (missing years from ``published``, the province of an organisation) is resolved by
:func:`finish_records`, outside the workers, because spaCy components see only the text.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
from multiprocessing import current_process
from collections import deque
import re
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .context import Sentences, figure_context, province_in
from .dates import DateMention, build_context, candidates, resolve
from .figures import extract_figures
from .normalize import NormalizedText, normalize, view_text
from .officials import extract_officials, normalize_organization

EXTRACTOR_VERSION = "2026.11.1"

for _name in ("view", "dates_raw", "figures", "officials_raw", "word_spans"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_DOC_NUMBER = re.compile(r"(?:số\s+)?\d+(?:/\d+)*/[A-ZĐ][\w\-Đ]*|(?:số\s+)\d+[-/][A-ZĐ][\w\-Đ]*", re.IGNORECASE)


class UndertheseaTokenizer:
    """spaCy tokenizer using underthesea's word segmentation (``năm học``, ``Vừ A Bằng`` are one
    token each). Tokens are aligned to the original text, which the Doc keeps unchanged; the
    segmentation runs on the normalised view, per paragraph, so NFD input or legacy tone marks
    segment like clean text."""

    def __init__(self, vocab):
        self.vocab = vocab
        from underthesea import word_tokenize  # imported here: it loads its model (~1 s)

        self._segment = word_tokenize

    def __call__(self, text: str) -> Doc:
        view = normalize(text)
        spans = self._view_spans(view.text)
        doc = _doc_from_spans(self.vocab, text, [view.to_original(a, b) for a, b in spans])
        doc._.view = view
        doc._.word_spans = spans
        return doc

    def _view_spans(self, vtext: str) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        for pm in re.finditer(r"[^\n]+", vtext):
            para, base = pm.group(0), pm.start()
            if not para.strip():
                continue
            try:
                words = self._segment(para)
            except Exception:  # underthesea on odd input: fall back to whitespace tokens
                words = para.split()
            pos = 0
            for w in words:
                at = para.find(w, pos)
                if at < 0:  # the segmenter changed the word: take the next whitespace chunk instead
                    m = re.compile(r"\S+").search(para, pos)
                    if not m:
                        break
                    at, w = m.start(), m.group(0)
                spans.append((base + at, base + at + len(w)))
                pos = at + len(w)
            for m in re.finditer(r"\S+", para[pos:]):
                spans.append((base + pos + m.start(), base + pos + m.end()))
        return spans


def _doc_from_spans(vocab, text: str, spans: list[tuple[int, int]]) -> Doc:
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for a, b in spans:
        if a < pos:
            a = pos
        if b <= a:
            continue
        gap = text[pos:a]
        if gap:
            if gap == " " and words and not spaces[-1]:
                spaces[-1] = True
            else:
                words.append(gap)
                spaces.append(False)
        words.append(text[a:b])
        spaces.append(False)
        pos = b
    if pos < len(text):
        tail = text[pos:]
        if tail == " " and words:
            spaces[-1] = True
        else:
            words.append(tail)
            spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)


@Language.component("vi_normalizer")
def vi_normalizer(doc: Doc) -> Doc:
    if doc._.view is None:
        doc._.view = normalize(doc.text)
    return doc


@Language.component("vi_dates")
def vi_dates(doc: Doc) -> Doc:
    view: NormalizedText = doc._.view
    mentions = candidates(view.text)
    doc._.dates_raw = [
        {"vstart": m.start, "vend": m.end, "type": m.type, "value": m.value,
         "part_of_day": m.part_of_day, "parts": m.parts}
        for m in mentions
    ]
    return doc


def _view_word_spans(doc: Doc):
    """Word (underthesea token) at a view offset, for objects outside the vocabulary: the
    tokenizer's own spans, in the view (mapping a long article's tokens back cost 60 ms)."""
    table: dict[int, int] = {}

    def span_at(vpos: int):
        if not table:  # only when a figure's object is outside the vocabulary
            table.update(doc._.word_spans or [])
            table[-1] = -1
        end = table.get(vpos)
        return (vpos, end) if end else None

    return span_at


@Language.component("vi_figures")
def vi_figures(doc: Doc) -> Doc:
    view: NormalizedText = doc._.view
    excluded = [(d["vstart"], d["vend"]) for d in doc._.dates_raw or []]
    excluded += [(m.start(), m.end()) for m in _DOC_NUMBER.finditer(view.text)]
    text = view.original  # doc.text rebuilds the string from the tokens on every access
    records = []
    for f in extract_figures(view.text, excluded, _view_word_spans(doc)):
        start, end = view.to_original(f.start, f.end)
        obj = None
        if f.object_start is not None:
            oa, ob = view.to_original(f.object_start, f.object_end)
            obj = text[oa:ob]
        rec = {"text": text[start:end], "start": start, "end": end, "value": f.value, "unit": f.unit,
               "qualifier": f.qualifier, "change": f.change, "object": obj, "metric": f.metric}
        if f.total is not None:
            rec["total"] = f.total
        records.append(rec)
    doc._.figures = records
    return doc


@Language.component("vi_officials")
def vi_officials(doc: Doc) -> Doc:
    view: NormalizedText = doc._.view
    text = view.original
    records = []
    for o in extract_officials(view.text):
        start, end = view.to_original(o.start, o.end)
        records.append({"text": text[start:end], "start": start, "end": end, "name": text[start:end],
                        "honorific": o.honorific, "position": o.position, "organization": o.organization,
                        "other_roles": list(o.other_roles), "former": o.former})
    doc._.officials_raw = records
    return doc


@Language.component("vi_release")
def vi_release(doc: Doc) -> Doc:
    """Keep the date context as plain data and drop the view, so a Doc can cross processes."""
    view: NormalizedText = doc._.view
    for d in doc._.dates_raw or []:
        d["start"], d["end"] = view.to_original(d["vstart"], d["vend"])
    doc.user_data["view_text"] = view.text
    doc.user_data["text"] = view.original  # doc.text joins every token again (1 ms an article)
    doc._.view = None
    doc._.word_spans = None
    if current_process().name != "MainProcess":
        # nlp.pipe(n_process=N) sends each Doc back whole: 84 KB of token arrays for a 4 KB
        # article (measured), half as much work as the main process spends on it otherwise. The
        # extraction needs only the text and the records (in user_data), so a worker hands over
        # just those.
        handover = Doc(doc.vocab)
        handover.user_data.update(doc.user_data)
        return handover
    return doc


def _read_msgpack_hooks_once() -> None:
    """srsly collects its msgpack encoders and decoders on every encode and decode: it scans
    every installed package's entry points and every function registered with catalogue (spaCy's
    400). nlp.pipe(n_process=N) decodes three per Doc a worker hands back, about 6 ms of the main
    process per article (measured), a process that shares the two cores with the workers. The
    hooks are registered when spaCy and thinc are imported, before this runs, so they are
    collected once."""
    import srsly.msgpack

    for registry in (srsly.msgpack.msgpack_encoders, srsly.msgpack.msgpack_decoders):
        hooks = registry.get_all()
        registry.get_all = lambda hooks=hooks: hooks


def build_nlp() -> Language:
    _read_msgpack_hooks_once()
    # spaCy's own Vietnamese tokenizer needs pyvi; ours replaces it
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = UndertheseaTokenizer(nlp.vocab)
    for name in ("vi_normalizer", "vi_dates", "vi_figures", "vi_officials", "vi_release"):
        nlp.add_pipe(name)
    return nlp


def finish_records(doc: Doc, title: str, published, province: str | None) -> dict:
    """Resolve what needs the article's metadata and return the contract's records."""
    text = doc.user_data["text"]  # set by vi_release, in a worker or not
    text_view = doc.user_data["view_text"]  # set by vi_release too
    mentions = []
    for d in doc._.dates_raw or []:
        m = DateMention(d["vstart"], d["vend"], d["type"], d["value"], d["part_of_day"], dict(d["parts"]))
        m.orig = (d["start"], d["end"])
        mentions.append(m)
    ctx = build_context(text_view, view_text(title or ""), published, mentions)
    dates = []
    for m in resolve(mentions, ctx):
        start, end = m.orig
        dates.append({"text": text[start:end], "start": start, "end": end, "type": m.type,
                      "value": m.value, "part_of_day": m.part_of_day})
    officials = []
    org_province = province or province_in(title or "")
    sentences = Sentences(text)
    for o in doc._.officials_raw or []:
        rec = dict(o)
        rec["organization_normalized"] = normalize_organization(o["organization"], org_province)
        rec["sentence"] = sentences.of(o["start"], o["end"])
        officials.append(rec)
    for d in dates:
        d["sentence"] = sentences.of(d["start"], d["end"])
    figures = [dict(f) for f in doc._.figures or []]
    figure_context(text, title, published, province, figures, dates, sentences)
    return {"figures": figures, "officials": officials, "dates": dates}


def _die_with_parent() -> None:
    """In a forked child (the workers of ``nlp.pipe(n_process=N)``): a SIGKILL of the main
    process gives it no chance to stop its workers, which would wait on their queues forever;
    Linux sends them SIGTERM instead when their parent dies (prctl PR_SET_PDEATHSIG)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: best effort
        return
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_die_with_parent)


def extract_articles(nlp: Language, articles: Iterable[dict], n_process: int = 1,
                     batch_size: int = 8) -> Iterator[tuple[dict, dict]]:
    """Yield ``(article, records)`` for articles with ``text``, ``title``, ``published`` and an
    optional ``province`` (of the source, used where the text says only ``tỉnh``)."""
    # Plain texts, not as_tuples: with contexts spaCy tokenizes in the main process, and the
    # tokenizer (underthesea) is most of the work. nlp.pipe keeps the order, so the article read
    # first is the one whose doc comes back first; articles are read lazily (a stream from a
    # running crawl, or more than fit in memory).
    pending: deque[dict] = deque()

    def texts():
        for article in articles:
            pending.append(article)
            yield article.get("text") or ""

    for doc in nlp.pipe(texts(), n_process=n_process, batch_size=batch_size):
        article = pending.popleft()
        yield article, finish_records(doc, article.get("title") or "", article.get("published"),
                                      article.get("province"))
