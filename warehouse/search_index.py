"""The search index: title + body words as an inverted index in DuckDB tables, ranked with BM25.

Why not DuckDB's FTS extension (which this project used first): its ``match_bm25`` scores every
document for every query and its index can only be rebuilt whole. Measured on this machine
(benchmarks/RESULTS.md) that was 212 ms per query and an 18 s rebuild at 10k articles, both
growing with the corpus, so a warehouse of every provincial portal (1M articles) could neither be
searched interactively nor updated after a small crawl. DuckDB still does the heavy work here
(tokenising, counting and sorting are SQL, summing is numpy); what is written by hand is the
layout and the scoring loop, which matter because Vietnamese is written in syllables and the
syllables of an education query (``giáo``, ``dục``, ``sở``, ``học``) are in nearly every article:

- Each load adds a **segment**: its postings sorted by word and article. A query reads its words'
  postings into numpy and sums them there (several times faster than grouping them in SQL, and
  adding up postings in article order is about 3x faster again than in any other order), with
  MaxScore (Turtle & Flood 1995): the most discriminating words are summed over all their
  postings until the words left could add too little to matter except to the articles already
  near the top, which are the only ones those words are added to. The result is the exact BM25
  ranking. (Reading each list best-first and stopping early, Fagin's threshold algorithm, was
  tried until this layout: it only settled queries that were already fast, and cost 30 ms when
  it could not stop, which for the syllables of an education query was most of the time.)
- A word in (nearly) every article of a big warehouse (``so`` typed without diacritics is sở,
  số, sổ... in every one) has an idf under ``MIN_IDF`` and adds less than 0.0003 to any score:
  it could only reorder near-ties, so it is left out when the query has other words, instead of
  reading its million postings for that. (From about 5,000 articles; below that it counts.)
- What a query reads besides postings goes through indexes: its words by a 64-bit hash of each
  spelling, the articles found by doc_no, and the entries never returned (dead, syndicated
  copies) from their own small table. Scanning a million words and a million articles for these
  had cost 20 ms a query at 1M articles.
- Re-extracted and deleted articles are marked dead; their postings stay until their segment is
  merged, which happens when segments pile up or one is mostly dead.
- Vietnamese needs two forms of every word, and Python computes them once per distinct word,
  never per document: ``term`` with one tone-mark placement (``hoà`` = ``hòa``, but not ``hóa``),
  matched when the user typed diacritics, and ``folded`` without diacritics (``dien bien``),
  matched when they did not. A query word's spellings are scored together.

BM25 here is Okapi BM25 (k1 = 1.2, b = 0.75) with the length normalisation fixed when an article
is indexed (the average length at that time) and document frequencies counted over every indexed
article, dead ones included until their segment is merged.
"""
from __future__ import annotations

import hashlib
import math

import numpy as np

from nlp.normalize import fold, strip_diacritics

# words: ASCII letters and digits plus the Latin-1 / Latin Extended Additional letters Vietnamese
# uses (and combining marks, should any text escape NFC); everything else, '.' included, separates
WORD_PATTERN = r"[0-9a-z\x{00C0}-\x{024F}\x{0300}-\x{036F}\x{1E00}-\x{1EFF}]+"
CHUNK = 50_000  # articles tokenised per statement: bounds memory at any corpus size
K1, B = 1.2, 0.75
MAX_SEGMENTS, DEAD_SHARE = 8, 0.25  # more segments, or a segment more dead than this: merge
MIN_IDF = 1e-4  # a word with a lower idf is left out of a query that has other words
CANDIDATES = 50_000  # at most this many articles look up the words not scored over all postings
BLOCKS = 100  # blocks of articles per result wanted, when bounding the score of the last result
WRITE_BATCH = 20_000_000  # postings sorted per statement when a segment is written


def word_key(word: str) -> int:
    """A stable 64-bit hash of a spelling (``term`` or ``folded``), indexed: a query finds its
    words by key in a fraction of a millisecond, where comparing a million strings took 7 ms.
    (Python's own hash changes between processes; DuckDB's may change between versions.)"""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def mark_dead(con, article_ids_table: str) -> None:
    """The index entries of the articles in ``article_ids_table`` (column ``article_id``) stop
    counting; run inside the caller's transaction when their rows are replaced or removed."""
    dying = f"live AND article_id IN (SELECT article_id FROM {article_ids_table})"
    con.execute(f"INSERT INTO search_hidden SELECT doc_no FROM search_docs WHERE {dying}")
    con.execute(f"UPDATE search_docs SET live = false WHERE {dying}")


def refresh_hidden(con) -> None:
    """``search_hidden`` made anew from search_docs: the documents a query must not return."""
    con.execute("DELETE FROM search_hidden")
    con.execute("INSERT INTO search_hidden SELECT doc_no FROM search_docs WHERE NOT live OR duplicate")


def update_search_index(con, progress=None) -> int:
    """Index the articles not indexed yet (as one new segment) and forget the ones that are gone;
    merge segments when they pile up. Returns how many articles were indexed. Idempotent, and
    cheap when nothing changed."""
    con.execute("""UPDATE search_docs SET live = false
                   WHERE live AND article_id NOT IN (SELECT article_id FROM articles)""")
    con.execute("""CREATE OR REPLACE TEMP TABLE to_index AS
                   SELECT article_id, (SELECT coalesce(max(doc_no), 0) FROM search_docs)
                                      + row_number() OVER (ORDER BY article_id) AS doc_no,
                          source_id, coalesce(published, event_date) AS day
                   FROM articles WHERE article_id NOT IN (SELECT article_id FROM search_docs WHERE live)""")
    total, first = con.execute("SELECT count(*), coalesce(min(doc_no), 0) FROM to_index").fetchone()
    if total:
        segment = con.execute("SELECT coalesce(max(segment), 0) + 1 FROM search_docs").fetchone()[0]
        con.execute("CREATE OR REPLACE TEMP TABLE staged (term_id INTEGER, doc_no INTEGER, weight FLOAT)")
        steps = range(first, first + total, CHUNK)
        for lo in (progress(steps, total=len(steps)) if progress else steps):
            _stage_chunk(con, segment, lo, lo + CHUNK)
        _write_segment(con, segment)
    con.execute("DROP TABLE to_index")
    _merge_segments(con)
    con.execute("""UPDATE search_docs SET duplicate = a.duplicate_of IS NOT NULL FROM articles a
                   WHERE a.article_id = search_docs.article_id AND search_docs.live
                     AND search_docs.duplicate <> (a.duplicate_of IS NOT NULL)""")
    refresh_hidden(con)
    return total


def _stage_chunk(con, segment: int, lo: int, hi: int) -> None:
    """Tokenise and count a chunk of articles into ``staged``: DuckDB splits and counts, Python
    spells each new distinct word in its two forms."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE chunk_tf AS
                    SELECT doc_no, raw, least(count(*), 65535)::INTEGER AS tf FROM (
                        SELECT t.doc_no, unnest(regexp_extract_all(lower(coalesce(a.title, '') || ' ' || a.body),
                                                                   '{WORD_PATTERN}')) AS raw
                        FROM to_index t JOIN articles a USING (article_id)
                        WHERE t.doc_no >= {lo} AND t.doc_no < {hi})
                    GROUP BY ALL""")
    new_words = [w for (w,) in con.execute("SELECT DISTINCT raw FROM chunk_tf WHERE raw NOT IN "
                                           "(SELECT raw FROM search_terms)").fetchall()]
    if new_words:
        next_id = con.execute("SELECT coalesce(max(term_id), 0) + 1 FROM search_terms").fetchone()[0]
        terms, folded = [fold(w) for w in new_words], [strip_diacritics(w) for w in new_words]
        con.execute("INSERT INTO search_terms (term_id, raw, term, folded, df, max_weight, term_key, folded_key) "
                    "SELECT * FROM (SELECT unnest(?::INTEGER[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), "
                    "unnest(?::VARCHAR[]), 0, 0, unnest(?::BIGINT[]), unnest(?::BIGINT[]))",
                    [list(range(next_id, next_id + len(new_words))), new_words, terms, folded,
                     [word_key(w) for w in terms], [word_key(w) for w in folded]])
    con.execute(f"""INSERT INTO search_docs
                    SELECT t.doc_no, t.article_id, {segment}, coalesce(sum(c.tf), 0)::INTEGER, true, false,
                           t.source_id, t.day
                    FROM to_index t LEFT JOIN chunk_tf c USING (doc_no)
                    WHERE t.doc_no >= {lo} AND t.doc_no < {hi} GROUP BY ALL""")
    avgdl = con.execute("SELECT greatest(avg(length), 1) FROM search_docs WHERE live").fetchone()[0]
    con.execute(f"""INSERT INTO staged
                    SELECT t.term_id, c.doc_no,
                           (c.tf * {K1 + 1} / (c.tf + {K1} * ({1 - B} + {B} * d.length / {avgdl})))::FLOAT
                    FROM chunk_tf c JOIN search_terms t USING (raw) JOIN search_docs d USING (doc_no)""")
    con.execute("DROP TABLE chunk_tf")


def _write_segment(con, segment: int) -> None:
    """``staged`` becomes one segment, sorted by word and article: a query's words sit in a few row
    groups, and their postings come in the order they are added up fastest. Written in ranges of
    words of about WRITE_BATCH postings each, so that no sort outgrows memory at any corpus size."""
    con.execute("""CREATE OR REPLACE TEMP TABLE staged_df AS
                   SELECT term_id, count(*) AS n, max(weight) AS best FROM staged GROUP BY term_id""")
    counts = con.execute("SELECT term_id, n FROM staged_df ORDER BY term_id").fetchall()
    ranges, lo, size = [], None, 0
    for term_id, n in counts:
        lo = term_id if lo is None else lo
        size += n
        if size >= WRITE_BATCH:
            ranges.append((lo, term_id))
            lo, size = None, 0
    if lo is not None:
        ranges.append((lo, counts[-1][0]))
    for lo, hi in ranges:
        con.execute(f"""INSERT INTO search_postings SELECT term_id, {segment}, doc_no, weight
                        FROM staged WHERE term_id BETWEEN {lo} AND {hi} ORDER BY term_id, doc_no""")
    # max_weight only grows: once articles are removed it is still a bound, if a looser one
    con.execute("""UPDATE search_terms SET df = search_terms.df + n.n, max_weight = greatest(search_terms.max_weight, n.best)
                   FROM staged_df n WHERE search_terms.term_id = n.term_id""")
    con.execute("DROP TABLE staged")
    con.execute("DROP TABLE staged_df")


def _merge_segments(con) -> None:
    """Many small segments slow queries down (each is read), and dead entries waste space: when
    there are more than MAX_SEGMENTS, or a segment is mostly dead, the segments other than the
    largest healthy one are merged into one, without their dead entries."""
    segments = con.execute("""SELECT segment, count(*) FILTER (WHERE live), count(*) FROM search_docs
                              GROUP BY segment ORDER BY 2 DESC""").fetchall()
    unhealthy = [seg for seg, live, n in segments if n - live > DEAD_SHARE * n]
    if len(segments) <= MAX_SEGMENTS and not unhealthy:
        return
    healthy = [seg for seg, _, _ in segments if seg not in unhealthy]
    keep = healthy[0] if healthy else None  # the largest healthy segment stays as it is
    merged = [seg for seg, _, _ in segments if seg != keep]
    if not merged:
        return
    listed = ", ".join(str(seg) for seg in merged)
    target = max(seg for seg, _, _ in segments) + 1
    con.execute(f"""CREATE OR REPLACE TEMP TABLE staged AS
                    SELECT p.term_id, p.doc_no, p.weight FROM search_postings p JOIN search_docs d USING (doc_no)
                    WHERE p.segment IN ({listed}) AND d.live""")
    con.execute(f"""UPDATE search_terms SET df = search_terms.df - n.n
                    FROM (SELECT term_id, count(*) AS n FROM search_postings WHERE segment IN ({listed})
                          GROUP BY term_id) n
                    WHERE search_terms.term_id = n.term_id""")
    con.execute(f"DELETE FROM search_postings WHERE segment IN ({listed})")
    con.execute(f"DELETE FROM search_docs WHERE segment IN ({listed}) AND NOT live")
    con.execute(f"UPDATE search_docs SET segment = {target} WHERE segment IN ({listed})")
    _write_segment(con, target)


def rank(con, words: list[str], toned: bool, allowed: str | None = None, params: list | None = None,
         limit: int = 10) -> list[tuple[str, float]]:
    """The best ``limit`` (article_id, score) for ``words`` (diacritics matched when ``toned``),
    among live documents that are not syndicated copies and, when given, those of the SQL query
    ``allowed`` (one column, doc_no, with ``params``)."""
    variants, idf, top = _query_words(con, words, toned)
    if not variants:
        return []
    term_idf = {tid: idf[word] for tid, word, _, _ in variants if word in idf}
    # the most one posting of each word can add to a score
    bound = {tid: best * idf[word] for tid, word, _, best in variants if word in idf}
    scores = _starting_scores(con, top, allowed, params or [])
    order = sorted(bound, key=lambda t: (-bound[t], t))
    candidates = None
    for i, term in enumerate(order):
        docs, weights = _postings(con, term, term_idf[term])
        np.add.at(scores, docs, weights)
        left = sum(bound[t] for t in order[i + 1:])
        if left and sum(bound[t] for t in order[:i + 1]) > left:  # else the top is not out of their reach yet
            candidates = _near_top(scores, limit, left)
            if candidates is not None:
                _add_for(con, scores, candidates, {t: term_idf[t] for t in order[i + 1:]})
                break
    if candidates is None:
        candidates = _matched_top(scores, limit)
    best = [int(d) for d in _best(candidates, scores[candidates], limit)]
    return [(article_id, float(scores[d])) for d, article_id in zip(best, _article_ids(con, best))]


def _query_words(con, words: list[str], toned: bool):
    """The indexed spellings of a query's words (term_id, the word's place in the query, df,
    max_weight), each word's idf, and the highest doc_no. A word in (nearly) every article of a
    big warehouse (counting its spellings: folded "so" is sở, số, sổ...) adds next to nothing:
    when the query has other words it is left out (it has no idf)."""
    column = "term" if toned else "folded"
    position = {word: i + 1 for i, word in reversed(list(enumerate(words)))}  # a word's first place in the query
    if not position:
        return [], {}, 0
    keys = ", ".join(str(word_key(word)) for word in position)
    variants = [(term_id, position[spelling], df, best) for term_id, spelling, df, best in con.execute(
        f"SELECT term_id, {column}, df, max_weight FROM search_terms WHERE {column}_key IN ({keys})").fetchall()
        if spelling in position]  # not a word whose key only collides
    if not variants:
        return [], {}, 0
    n_docs, top = con.execute("SELECT count(*), coalesce(max(doc_no), 0) FROM search_docs").fetchone()
    word_df: dict[int, int] = {}
    for _, word, df, _ in variants:
        word_df[word] = word_df.get(word, 0) + df
    idf = {w: math.log(1 + (n_docs - min(df, n_docs) + 0.5) / (min(df, n_docs) + 0.5)) for w, df in word_df.items()}
    if any(v >= MIN_IDF for v in idf.values()):
        idf = {w: v for w, v in idf.items() if v >= MIN_IDF}
    return variants, idf, top


def matching_terms(con, words: list[str], toned: bool) -> list[int]:
    """The term_ids whose postings ``rank`` adds up for ``words``: an article matches the query
    when it has a posting of one of them (what counting the matches, not ranking them, reads)."""
    variants, idf, _ = _query_words(con, words, toned)
    return [tid for tid, word, _, _ in variants if word in idf]


def _article_ids(con, doc_nos: list[int]) -> list[str]:
    """Looked up through the index on search_docs.doc_no."""
    found = {}
    for lo in range(0, len(doc_nos), 1000):
        listed = ", ".join(str(d) for d in doc_nos[lo:lo + 1000])
        found.update(con.execute(f"SELECT doc_no, article_id FROM search_docs WHERE doc_no IN ({listed})").fetchall())
    return [found[d] for d in doc_nos]


def _best(docs, scores, limit: int):
    """The ``limit`` best of ``docs``, by score and then doc_no."""
    if len(docs) > limit:
        keep = scores >= np.partition(scores, len(docs) - limit)[len(docs) - limit]
        docs, scores = docs[keep], scores[keep]
    return docs[np.lexsort((docs, -scores))][:limit]


def _starting_scores(con, top: int, allowed: str | None, params: list):
    """Scores by doc_no before any word is added: 0 for those that may be returned (live, not a
    syndicated copy, in ``allowed``), -inf for the rest, which nothing can then lift."""
    if allowed:
        scores = np.full(top + 1, -np.inf)
        scores[con.execute(f"SELECT doc_no FROM ({allowed})", params).fetchnumpy()["doc_no"]] = 0.0
    else:
        scores = np.zeros(top + 1)
    scores[con.execute(f"SELECT doc_no FROM search_hidden WHERE doc_no <= {top}").fetchnumpy()["doc_no"]] = -np.inf
    return scores


def _kth_best(scores, limit: int) -> float:
    """A score that at least ``limit`` matched articles reach (0 when fewer matched), so the
    final ``limit``-th is no lower: the ``limit``-th highest of the maxima of BLOCKS * limit
    blocks of articles (each of those blocks has an article at least that high). Nearly the
    exact ``limit``-th, at a tenth of the cost of partitioning a million scores."""
    block = max(1, len(scores) // (BLOCKS * limit))
    maxima = np.maximum.reduceat(scores, np.arange(0, len(scores), block))
    if len(maxima) < limit:
        return 0.0
    return max(np.partition(maxima, len(maxima) - limit)[len(maxima) - limit], 0.0)


def _near_top(scores, limit: int, left: float):
    """The doc_nos that could still be in the top ``limit`` when the words not added yet can add
    at most ``left``, or None when that is not yet a small set (an article only those words match
    could still make it, or too many are close)."""
    bar = _kth_best(scores, limit)
    if bar <= left:
        return None
    candidates = np.flatnonzero(scores >= bar - left)
    return candidates if len(candidates) <= CANDIDATES else None


def _matched_top(scores, limit: int):
    """The doc_nos among which the top ``limit`` is, ties included: a word matched them (every
    weight is positive) and they score at least what ``limit`` matched articles reach."""
    bar = _kth_best(scores, limit)
    return np.flatnonzero(scores >= bar if bar > 0 else scores > 0)


def _add_for(con, scores, candidates, term_idf: dict[int, float]) -> None:
    """Add the words in ``term_idf`` to the scores of ``candidates`` only. Their postings are read
    whole all the same (DuckDB cannot seek to an article inside a list, and a semi-join in SQL
    costs 4x the read), but only the candidates' are added up."""
    wanted = np.zeros(len(scores), dtype=bool)
    wanted[candidates] = True
    for term, idf in term_idf.items():
        docs, weights = _postings(con, term, idf)
        hit = wanted[docs]
        np.add.at(scores, docs[hit], weights[hit])


def _postings(con, term: int, idf: float):
    """A word's postings as numpy arrays: doc_no, and weight times idf (in double, as SQL would)."""
    # a relation streams into numpy; execute() would first collect the whole result (30% slower)
    postings = con.sql(f"SELECT doc_no, weight FROM search_postings WHERE term_id = {term}").fetchnumpy()
    return postings["doc_no"], np.multiply(postings["weight"], idf, dtype=np.float64)
