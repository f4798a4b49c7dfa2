"""The search index ranks exactly as BM25 over every posting would, however little of each list a
query reads, and stays right through incremental loads, re-extraction, deletion and merging."""
import math
import re
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import batches  # noqa: E402

from warehouse import search_index  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.db import insert_rows  # noqa: E402
from warehouse.load import finish_load  # noqa: E402
from warehouse.queries import has_diacritics, query_terms, search, toned_terms  # noqa: E402

QUERIES = ["dien bien giam doc so", "Nguyễn Văn Kiên", "kien co hoa co so vat chat", "tốt nghiệp", "Sơn La",
           "hoc sinh dan toc thieu so", "phổ cập giáo dục", "so co kien"]  # the last: only words in every article


def load(con, count, first):
    for arts, figs, offs in batches(count, first=first):
        insert_rows(con, "articles", arts)
    finish_load(con)


def brute_force(con, query, limit=10):
    """BM25 summed over every live posting of the query's words: what rank() must equal."""
    toned = has_diacritics(query)
    words = toned_terms(query) if toned else query_terms(query)
    column = "term" if toned else "folded"
    variants = con.execute(f"SELECT term_id, list_position(?, {column}), df FROM search_terms WHERE {column} IN "
                           "(SELECT unnest(?::VARCHAR[]))", [words, words]).fetchall()
    n = con.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    df = {}
    for _, w, d in variants:
        df[w] = df.get(w, 0) + d
    word_idf = {w: math.log(1 + (n - min(d, n) + 0.5) / (min(d, n) + 0.5)) for w, d in df.items()}
    # words (nearly) in every article count only when the query has nothing else
    counted = [w for w, v in word_idf.items() if v >= search_index.MIN_IDF] or list(word_idf)
    idf = {t: word_idf[w] for t, w, _ in variants if w in counted}
    case = "CASE term_id " + " ".join(f"WHEN {t} THEN {v!r}::DOUBLE" for t, v in idf.items()) + " END"
    return con.execute(f"""SELECT any_value(d.article_id), sum({case} * p.weight) AS s
                           FROM search_postings p JOIN search_docs d USING (doc_no)
                           WHERE p.term_id IN ({', '.join(map(str, idf))}) AND d.live AND NOT d.duplicate
                           GROUP BY p.doc_no ORDER BY s DESC, p.doc_no LIMIT {limit}""").fetchall()


def ranked(con, query, limit=10):
    toned = has_diacritics(query)
    return search_index.rank(con, toned_terms(query) if toned else query_terms(query), toned, limit=limit)


def assert_exact(con, query):
    got, want = ranked(con, query), brute_force(con, query)
    assert [d for d, _ in got] == [d for d, _ in want], query
    assert [s for _, s in got] == pytest.approx([s for _, s in want], rel=1e-9), query  # double precision throughout


@pytest.fixture(params=["MaxScore", "MaxScore, coarse bar", "every posting of every word"])
def con(request, tmp_path, monkeypatch):
    if request.param == "MaxScore, coarse bar":  # the last result's score bounded by blocks of 30 articles
        monkeypatch.setattr(search_index, "BLOCKS", 2)
    if request.param == "every posting of every word":  # no article set small enough to look words up for
        monkeypatch.setattr(search_index, "CANDIDATES", 0)
    # as in a big warehouse: words in every article are left out of queries with other words
    monkeypatch.setattr(search_index, "MIN_IDF", 0.01)
    c = connect(tmp_path / "index.duckdb")
    yield c
    c.close()


def test_top_results_are_the_exact_bm25_ranking(con, monkeypatch):
    load(con, 600, 0)
    looked_up = []  # queries whose last words were added to the articles near the top only
    add_for = search_index._add_for
    monkeypatch.setattr(search_index, "_add_for", lambda *a: looked_up.append(a[3]) or add_for(*a))
    for query in QUERIES:
        assert_exact(con, query)
    assert bool(looked_up) == (search_index.CANDIDATES > 0)


def test_filters_restrict_the_exact_ranking(con):
    load(con, 600, 0)
    allowed = "SELECT d.doc_no FROM search_docs d JOIN articles a USING (article_id) WHERE a.source_id = ?"
    got = search_index.rank(con, query_terms("giam doc so"), False, allowed, ["so3"], limit=5)
    sources = con.execute("SELECT DISTINCT source_id FROM articles WHERE article_id = ANY(?)",
                          [[a for a, _ in got]]).fetchall()
    assert len(got) == 5 and sources == [("so3",)]
    unfiltered = [a for a, _ in search_index.rank(con, query_terms("giam doc so"), False, limit=600)]
    in_source = {a for (a,) in con.execute("SELECT article_id FROM articles WHERE source_id = 'so3'").fetchall()}
    assert [d for d, _ in got] == [d for d in unfiltered if d in in_source][:5]


def test_incremental_loads_reextraction_and_deletion_keep_one_live_entry_per_article(con):
    for k in range(10):  # ten small crawls: segments pile up and get merged
        load(con, 60, 60 * k)
    assert con.execute("SELECT count(DISTINCT segment) FROM search_docs").fetchone()[0] <= search_index.MAX_SEGMENTS
    # re-extract a third of the articles (the loader marks them dead and re-inserts them)
    con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT article_id FROM articles WHERE hash(article_id) % 3 = 0")
    search_index.mark_dead(con, "touched")
    con.execute("DELETE FROM articles WHERE article_id IN (SELECT article_id FROM touched) AND hash(article_id) % 2 = 0")
    finish_load(con)
    live = con.execute("SELECT count(*), count(DISTINCT article_id) FROM search_docs WHERE live").fetchone()
    articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert live == (articles, articles)
    assert con.execute("SELECT count(*) FROM search_postings p ANTI JOIN search_docs d USING (doc_no)").fetchone()[0] == 0
    # every word's df counts its postings, and its max_weight still bounds them after the merges
    assert con.execute("""SELECT count(*) FROM search_terms t LEFT JOIN
                              (SELECT term_id, count(*) AS n, max(weight) AS best FROM search_postings GROUP BY term_id) p
                              USING (term_id)
                          WHERE t.df <> coalesce(p.n, 0) OR t.max_weight < coalesce(p.best, 0)""").fetchone()[0] == 0
    for query in QUERIES:
        assert_exact(con, query)
    deleted = con.execute("SELECT count(*) FROM search_docs d ANTI JOIN articles a USING (article_id) WHERE d.live").fetchone()
    assert deleted == (0,)
    # a re-run with nothing new changes nothing
    before = con.execute("SELECT count(*), sum(doc_no) FROM search_docs").fetchone()
    assert finish_load(con) == 0
    assert con.execute("SELECT count(*), sum(doc_no) FROM search_docs").fetchone() == before


def test_copies_and_replaced_entries_are_never_returned_even_before_a_load_finishes(tmp_path):
    con = connect(tmp_path / "hidden.duckdb")
    load(con, 300, 0)
    ids = [a for (a,) in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()]
    con.execute("UPDATE articles SET body_sha1 = (SELECT body_sha1 FROM articles WHERE article_id = ?) "
                "WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids[0], ids[1:40]])
    finish_load(con)  # 39 syndicated copies
    every = 400  # more than match: the whole ranking, not just its top
    for query in QUERIES:
        assert [d for d, _ in ranked(con, query, every)] == [d for d, _ in brute_force(con, query, every)], query
    # a load replaces articles (their entries die in its transaction); the index catches up at its finish
    con.execute("CREATE OR REPLACE TEMP TABLE touched AS SELECT unnest(?::VARCHAR[]) AS article_id", [ids[100:160]])
    search_index.mark_dead(con, "touched")
    for query in QUERIES:
        assert [d for d, _ in ranked(con, query, every)] == [d for d, _ in brute_force(con, query, every)], query
    con.close()


def test_search_reports_each_article_once_with_its_snippet(con):
    load(con, 200, 0)
    results = search(con, "Nguyễn Văn Kiên", limit=20)
    ids = [r["article_id"] for r in results]
    assert len(ids) == len(set(ids)) == 20
    assert all(re.search(r"\[(Nguyễn|Văn|Kiên)\W*\]", r["snippet"], re.I) for r in results)


def test_an_index_from_before_versioned_migrations_is_rebuilt_by_the_next_load(tmp_path):
    from warehouse.db import WarehouseError

    db = tmp_path / "old.duckdb"
    con = connect(db)
    load(con, 100, 0)
    # an unversioned database whose index has an older layout: postings best first with their rank
    con.execute("DROP TABLE schema_migrations")
    con.execute("DROP TABLE search_postings")
    con.execute("CREATE TABLE search_postings (term_id INTEGER, segment INTEGER, rank INTEGER, doc_no INTEGER, weight FLOAT)")
    con.execute("CREATE OR REPLACE TABLE search_terms AS SELECT term_id, raw, term, folded, df FROM search_terms")
    con.close()
    with pytest.raises(WarehouseError, match="older version"):  # read-only: told what to run
        search(db, "giam doc so")
    con = connect(db)  # read-write: the old tables go, the next load indexes every article again
    assert con.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 0
    finish_load(con)
    assert con.execute("SELECT count(*) FROM search_docs WHERE live").fetchone()[0] == 100
    for query in QUERIES:
        assert_exact(con, query)
    con.close()


@pytest.mark.parametrize("filters, predicate", [
    ({"source": "so3"}, "a.source_id = 'so3'"),
    ({"province": "Son La"}, "src.province = 'Sơn La'"),
    ({"since": "2021-01-01", "until": "2021-12-31"}, "coalesce(a.published, a.event_date) BETWEEN '2021-01-01' AND '2021-12-31'"),
    ({"person": "Hoàng"}, "a.article_id IN (SELECT article_id FROM officials WHERE lower(name) LIKE '%hoàng%')"),
])
def test_each_search_filter_keeps_exactly_its_articles_in_rank_order(tmp_path, filters, predicate):
    from corpus import PROVINCES

    con = connect(tmp_path / "filters.duckdb")
    for arts, figs, offs in batches(400, first=0):
        insert_rows(con, "articles", arts)
        insert_rows(con, "officials", offs)
    con.executemany("INSERT INTO sources (source_id, name, province, kind, platform) VALUES (?, ?, ?, 'so_gddt', 'nukeviet')",
                    [(f"so{p}", f"Sở GD&ĐT {name}", name) for p, name in enumerate(PROVINCES)])
    finish_load(con)
    unfiltered = [r["article_id"] for r in search(con, "hoc sinh", limit=400)]
    matching = {a for (a,) in con.execute(f"""SELECT a.article_id FROM articles a LEFT JOIN sources src USING (source_id)
                                             WHERE {predicate}""").fetchall()}
    assert 10 < len(matching) < 390  # the filter means something here
    got = [r["article_id"] for r in search(con, "hoc sinh", limit=10, **filters)]
    assert got == [a for a in unfiltered if a in matching][:10]
    con.close()
