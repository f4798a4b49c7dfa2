"""The tokenizer of the NLP pipeline: underthesea's word segmentation, registered with spaCy.

A Vietnamese word is often several syllables (``năm học``, ``Vừ A Bằng``); spaCy's own Vietnamese
tokenizer needs pyvi, so this one (``vi_edu.underthesea_tokenizer.v1`` in ``nlp/pipeline.cfg``)
segments with underthesea instead. Tokens are aligned to the original text, which the Doc keeps
unchanged; segmentation runs on the normalised view, per paragraph, so NFD input or legacy tone
marks segment like clean text.
"""
from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc

from .normalize import normalize

_PARAGRAPH = re.compile(r"[^\n]+")
_CHUNK = re.compile(r"\S+")
_GAP_PIECES = re.compile(r"\s+|\S+")


class UndertheseaTokenizer:
    def __init__(self, vocab):
        self.vocab = vocab
        from underthesea import word_tokenize  # imported here: it loads its model (~1 s)

        self._segment = word_tokenize

    def __call__(self, text: str) -> Doc:
        from .components import remember_view

        view = normalize(text)
        doc = _doc_from_spans(self.vocab, text, [view.to_original(a, b) for a, b in self.view_words(view.text)])
        return remember_view(doc, view)  # the components match on the view

    def view_words(self, vtext: str) -> list[tuple[int, int]]:
        """Word spans of the view text, paragraph by paragraph."""
        spans: list[tuple[int, int]] = []
        for pm in _PARAGRAPH.finditer(vtext):
            para, base = pm.group(0), pm.start()
            if not para.strip():
                continue
            try:
                words = self._segment(para)
            except Exception:  # underthesea on odd input: fall back to whitespace tokens
                words = para.split()
            pos = 0
            for w in words:
                at = _skip_spaces(para, pos)
                if para.startswith(w, at):
                    end = at + len(w)
                elif _same_shape(para[at:at + len(w)], w):
                    # underthesea normalises some spellings ("qui mô" -> "quy mô"): same length,
                    # spaces in the same places
                    end = at + len(w)
                else:  # the segmenter changed the word otherwise: the next whitespace chunk instead
                    m = _CHUNK.match(para, at)
                    if not m:
                        break
                    end = m.end()
                spans.append((base + at, base + end))
                pos = end
            for m in _CHUNK.finditer(para, pos):
                spans.append((base + m.start(), base + m.end()))
        return spans

    # spaCy serialises a pipeline with its tokenizer; this one has no state of its own
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "UndertheseaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "UndertheseaTokenizer":
        return self


_NON_SPACE = re.compile(r"\S")


def _skip_spaces(text: str, pos: int) -> int:
    m = _NON_SPACE.search(text, pos)
    return m.start() if m else len(text)


def _same_shape(a: str, b: str) -> bool:
    return len(a) == len(b) and all((x == " ") == (y == " ") for x, y in zip(a, b))


def _doc_from_spans(vocab, text: str, spans: list[tuple[int, int]]) -> Doc:
    """A Doc whose tokens are ``spans`` of ``text``; the characters between them become
    whitespace flags or whitespace tokens, so ``doc.text == text``."""
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
            else:  # characters no word covers: whitespace runs and chunks, each a token
                for piece in _GAP_PIECES.findall(gap):
                    words.append(piece)
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


@spacy.registry.tokenizers("vi_edu.underthesea_tokenizer.v1")
def create_tokenizer():
    def make(nlp):
        return UndertheseaTokenizer(nlp.vocab)

    return make
