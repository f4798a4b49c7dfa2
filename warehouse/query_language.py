"""The editors' query language, as Media Cloud and Google users already type it:

- ``words``: every word must be in the article (title or body);
- ``"quoted phrases"``: the words in this order, next to each other;
- ``OR`` between two words or phrases: either will do (``"Điện Biên" OR "Lai Châu"``);
- ``-word`` or ``-"a phrase"``: articles with it are left out;
- Media Cloud's ``AND`` and ``NOT`` are understood too (``AND`` is what words do anyway, ``NOT x``
  is ``-x``); parentheses are punctuation;
- without quotes, a query's neighbouring syllables still count: articles where they stand next to
  each other come first, so ``Nguyễn Văn Kiên`` puts the articles naming him before those that
  only have the three syllables somewhere.

A Vietnamese word is written in syllables, and each syllable is matched with its diacritics when
the user typed them (``hòa`` is not ``hóa``, but ``hoà`` is ``hòa``: one tone-mark placement) and
without them when the user did not (``hoa`` is any of them); per syllable, so ``Nguyễn van kien``
is a name typed half with diacritics.

Punctuation is never a syntax error: a stray quote opens a phrase that runs to the end, a ``-``
or ``OR`` with nothing to act on is ignored, and a chunk that the tokenizer splits (``GD&ĐT``,
``24/2``, ``2020-2021``, ``7.300``, ``97,5%``) is searched as the phrase of its pieces, so numbers
are found as written.

Syllables are cut and normalised by the same tantivy analyzers that build the index
(``TONED`` and ``FOLDED``), on the same ``analyzed`` text (``nlp.normalize.view_text``, lower case),
so a query word and the indexed word can never be cut or spelt differently.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import tantivy

from nlp.normalize import view_text

MAX_TERMS = 64  # syllables read from a query; the rest is ignored (a pasted paragraph stays cheap)
MAX_WORD_BYTES = 40  # longer tokens are not indexed (URLs, runs of letters without spaces)


def _analyzer(fold_diacritics: bool) -> tantivy.TextAnalyzer:
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.remove_long(MAX_WORD_BYTES))
    if fold_diacritics:
        builder = builder.filter(tantivy.Filter.ascii_fold())
    return builder.build()


# Both read ``analyzed(text)`` (the view, lower case): words are cut at anything that is not a
# letter or digit and (FOLDED) stripped of diacritics, đ -> d (the same as
# nlp.normalize.strip_diacritics on Vietnamese; tested). The text is lower-cased in Python, once
# per text, rather than by tantivy's filter, which makes a new string of every non-ASCII word (a
# quarter of the index build).
TONED = _analyzer(False)
FOLDED = _analyzer(True)


def analyzed(text: str) -> str:
    """What the analyzers read, for the index and for queries alike: ``view_text`` in lower case."""
    return view_text(text).lower()


@dataclass(frozen=True)
class Term:
    """One syllable as typed: its tone-normalised form and its form without diacritics."""

    toned: str
    folded: str

    @property
    def has_diacritics(self) -> bool:
        return self.toned != self.folded


@dataclass(frozen=True)
class Phrase:
    """Syllables that must stand next to each other, in order (one syllable: a word)."""

    terms: tuple[Term, ...]

    @property
    def routing(self) -> str:
        """``toned`` when every syllable was typed with diacritics, ``folded`` when none was,
        ``mixed`` otherwise."""
        marked = [t.has_diacritics for t in self.terms]
        return "toned" if all(marked) else "folded" if not any(marked) else "mixed"


@dataclass
class ParsedQuery:
    """``required``: clauses that must all match, each a tuple of alternatives (``OR``);
    ``excluded``: phrases no result may contain; ``runs``: the syllables of unquoted words typed
    one after the other, whose neighbours are ranked higher when they appear as a phrase."""

    required: list[tuple[Phrase, ...]] = field(default_factory=list)
    excluded: list[Phrase] = field(default_factory=list)
    runs: list[tuple[Term, ...]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.required

    def phrases(self):
        """Every phrase a result must contain or must not: (phrase, excluded)."""
        for clause in self.required:
            for phrase in clause:
                yield phrase, False
        for phrase in self.excluded:
            yield phrase, True


def terms_of(text: str) -> tuple[Term, ...]:
    """The syllables of a piece of text, in both forms."""
    view = analyzed(text)
    return tuple(Term(t, f) for t, f in zip(TONED.analyze(view), FOLDED.analyze(view)))


def _pieces(text: str):
    """(kind, text, excluded) in order: kind is ``quoted``, ``bare``, ``or``, ``and`` or ``not``."""
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        excluded = False
        at_start = i == 0 or text[i - 1].isspace()
        if text[i] == "-" and at_start and i + 1 < n and (text[i + 1] == '"' or text[i + 1].isalnum()):
            excluded = True
            i += 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end == -1 else end  # a stray quote: the phrase runs to the end
            yield "quoted", text[i + 1:end], excluded
            i = end + 1
            continue
        end = i
        while end < n and not text[end].isspace() and text[end] != '"':
            end += 1
        chunk = text[i:end]
        operator = chunk in ("OR", "AND", "NOT") and not excluded
        yield (chunk.lower() if operator else "bare"), chunk, excluded
        i = end


def parse(text: str) -> ParsedQuery:
    """The query an editor typed, as clauses; never raises."""
    parsed = ParsedQuery()
    run: list[Term] = []  # the unquoted words typed one after the other so far
    last_in_run = 0  # how many of the run's syllables the last required clause added (0: none)
    pending_or = False
    required: set = set()
    count = 0

    def end_run():
        if len(run) >= 2:
            parsed.runs.append(tuple(run))
        run.clear()

    pending_not = after_required = False
    for kind, chunk, excluded in _pieces(text or ""):
        if kind in ("or", "not"):
            pending_or, pending_not = kind == "or", kind == "not"
            continue
        if kind == "and":  # what words do anyway
            continue
        excluded = excluded or pending_not
        pending_not = False
        terms = terms_of(chunk)
        if not terms:
            continue
        if count + len(terms) > MAX_TERMS:
            break
        count += len(terms)
        phrase = Phrase(terms)
        joins = pending_or and after_required and not excluded
        pending_or = False
        after_required = not excluded
        if excluded:
            parsed.excluded.append(phrase)
            end_run()
            last_in_run = 0
        elif joins:  # an alternative to the clause before: neither is an unquoted run any more
            if last_in_run:
                del run[-last_in_run:]
            end_run()
            last_in_run = 0
            parsed.required[-1] = parsed.required[-1] + (phrase,)
        elif kind == "quoted":
            end_run()
            last_in_run = 0
            parsed.required.append((phrase,))
        else:
            run.extend(terms)
            last_in_run = len(terms)
            if terms not in required:  # a word typed twice is required once (and stays in its run)
                required.add(terms)
                parsed.required.append((phrase,))
    end_run()
    return parsed
