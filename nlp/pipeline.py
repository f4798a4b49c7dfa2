"""The NLP stage: a spaCy pipeline configured in ``nlp/pipeline.cfg`` (underthesea word
segmentation as the tokenizer, then the extractors as components writing ``doc.spans``), and the
contract's records made from its Docs.

    nlp = build_nlp()
    doc = nlp("Năm học 2020 – 2021, ngành quản lý 497 trường, trung tâm.")
    doc.spans["figures"][0]._.value                     # 497.0
    records_of(doc, title, published, province)         # contract-shaped records
    for article, records in extract_articles(nlp, articles, n_process=2): ...
"""
from __future__ import annotations

import os
from collections import deque
from importlib import resources
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from thinc.api import Config

from . import components, tokenizer  # noqa: F401  (registers the tokenizer and the components)
from .records import records_of
from .version import EXTRACTOR_VERSION  # noqa: F401  (part of this module's interface)


def _no_msgpack_entry_point_scans() -> None:
    """srsly looks up msgpack hooks that other packages may declare as entry points on every Doc
    it serialises (``nlp.pipe(n_process=N)`` serialises each Doc twice), scanning every installed
    package's entry points each time: 45% of ``Doc.to_bytes`` (measured). Where no package
    declares such hooks, which is checked here, the registries are told not to look."""
    import srsly

    for registry in (srsly.msgpack_encoders, srsly.msgpack_decoders):
        if registry.entry_points and not list(registry._get_entry_points()):
            registry.entry_points = False


def build_nlp(config_overrides: dict | None = None) -> Language:
    """The configured pipeline; ``config_overrides`` as spaCy takes them
    (``{"components.vi_figures.data_dir": "/my/vocabularies"}``)."""
    _no_msgpack_entry_point_scans()
    config = Config().from_str(resources.files("nlp").joinpath("pipeline.cfg").read_text(encoding="utf-8"),
                               overrides=config_overrides or {})
    return spacy.util.load_model_from_config(config, auto_fill=True, validate=True)


if hasattr(os, "register_at_fork"):  # the workers nlp.pipe(n_process=N) forks die with their parent
    from processes import die_with_parent

    os.register_at_fork(after_in_child=die_with_parent)


def extract_articles(nlp: Language, articles: Iterable[dict], n_process: int = 1,
                     batch_size: int = 2) -> Iterator[tuple[dict, dict]]:
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
        yield article, records_of(doc, article.get("title") or "", article.get("published"), article.get("province"))
