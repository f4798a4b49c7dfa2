"""The search index's contract, on generated corpora (benchmarks/corpus.py): every searchable
article is found; syndicated copies and replaced versions are never returned, even between a load
and the index's sync; what a query and its filters match is exactly what they say (checked against
a brute-force reading of every article); the index follows the database by article id, idempotently,
is repaired at the next open after a crash between the two commits, and is rebuilt by itself when
its format changes."""
import datetime as dt
import sys

import numpy as np
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import PROVINCES, batches  # noqa: E402

from nlp.context import provinces_in  # noqa: E402
from nlp.normalize import strip_diacritics, view_text  # noqa: E402
from warehouse import fulltext  # noqa: E402
from warehouse.db import connect, insert_rows  # noqa: E402
from warehouse.load import finish_load  # noqa: E402
from warehouse.queries import search  # noqa: E402
from warehouse.query_language import FOLDED, TONED, parse  # noqa: E402

NATIONAL = "baogiaoduc"  # a national paper: no province of its own


def load(con, count, first=0, *, national_every=0, undated_every=0):
    """``count`` generated articles with their officials; every ``national_every``-th from the
    national paper, every ``undated_every``-th without a publication date (its date from the text)."""
    for arts, figs, offs in batches(count, first=first, batch=1000):
        for i, art in enumerate(arts):
            n = first + i
            if national_every and n % national_every == 0:
                art["source_id"] = NATIONAL
            if undated_every and n % undated_every == 0:
                art["published"] = None
        insert_rows(con, "articles", arts)
        insert_rows(con, "officials", offs)
        first += len(arts)
    return finish_load(con)


def sources(con):
    con.executemany("INSERT OR REPLACE INTO sources (source_id, name, province, kind, platform) "
                    "VALUES (?, ?, ?, 'so_gddt', 'nukeviet')",
                    [(f"so{p}", f"Sở GD&ĐT {name}", name) for p, name in enumerate(PROVINCES)])
    con.execute(f"INSERT OR REPLACE INTO sources (source_id, name, province, kind, platform) "
                f"VALUES ('{NATIONAL}', 'Báo Giáo dục', NULL, 'newspaper', 'newspaper')")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "news.duckdb"
    con = connect(path)
    sources(con)
    yield path, con
    con.close()


# -- a brute-force reading of every article: what a query must match --------------------------
def _cut(text):
    view = view_text(text or "").lower()
    return TONED.analyze(view), FOLDED.analyze(view)


def _has(phrase, cut):
    """The phrase's syllables next to each other in a cut text (each with its diacritics if typed
    with them)."""
    toned, folded = cut
    terms, n = phrase.terms, len(phrase.terms)
    start = -1
    while True:
        try:
            start = folded.index(terms[0].folded, start + 1)
        except ValueError:
            return False
        if start + n <= len(folded) and all(toned[start + j] == t.toned if t.has_diacritics
                                            else folded[start + j] == t.folded for j, t in enumerate(terms)):
            return True


_READ: dict = {}


def _articles(con):
    """Every article cut into syllables once (per database state)."""
    # (keyed by the database's file and a digest of what the checks read: a connection of an
    # earlier test can have the same id once it is gone, and the same row counts)
    state = con.execute("""SELECT (SELECT path FROM duckdb_databases() WHERE database_name = current_database()),
                                  count(*), max(extracted_at), count(duplicate_of), (SELECT count(*) FROM officials),
                                  sum(hash(article_id, source_id, published, event_date, duplicate_of))
                           FROM articles""").fetchone()
    key = state
    if key not in _READ:
        names = {}
        for aid, name in con.execute("SELECT article_id, name FROM officials").fetchall():
            names.setdefault(aid, []).append(_cut(name))
        rows = []
        for aid, title, body, sid, day, portal, copy in con.execute("""
                SELECT a.article_id, a.title, a.body, a.source_id, coalesce(a.published, a.event_date), s.province,
                       a.duplicate_of IS NOT NULL
                FROM articles a LEFT JOIN sources s USING (source_id)""").fetchall():
            about = provinces_in(view_text(title)) or provinces_in(view_text(body)[:500].split("\n")[0], limit=1)
            provinces = {fulltext.province_key(p) for p in about + ([portal] if portal else [])}
            rows.append((aid, [_cut(title), _cut(body)], sid, day, provinces, copy, names.get(aid, [])))
        _READ.clear()
        _READ[key] = rows
    return _READ[key]


def expected(con, query, *, source=None, province=None, since=None, until=None, person=None):
    """The ids of the articles the query and filters match, by reading every article."""
    parsed = parse(query)
    person_phrase = parse(f'"{person}"').required[0][0] if person else None
    wanted = set()
    for aid, cuts, sid, day, provinces, copy, names in _articles(con):
        if copy:
            continue
        if not all(any(_has(p, c) for p in clause for c in cuts) for clause in parsed.required):
            continue
        if any(_has(p, c) for p in parsed.excluded for c in cuts):
            continue
        if source and sid != source:
            continue
        if province and fulltext.province_key(province) not in provinces:
            continue
        if since and (day is None or day < since) or until and (day is None or day > until):
            continue
        if person_phrase and not any(_has(person_phrase, c) for c in names):
            continue
        wanted.add(aid)
    return wanted


def found(con, query, limit=1000, **filters):
    results = search(con, query, limit=limit, **filters)
    assert not isinstance(results, str), results
    ids = [r["article_id"] for r in results]
    assert len(ids) == len(set(ids))
    return ids


QUERIES = [
    "hoc sinh dan toc thieu so", "Nguyễn Văn Kiên", '"Nguyễn Văn Kiên"', "Nguyễn van Kiên", '"Nguyễn van Kiên"',
    "kien co hoa", '"kiên cố hóa"', "dien bien", '"dien bien"', '"Sơn La" OR "Lai Châu" tổng kết',
    'tốt nghiệp -"trung học"', '-"nguyen van kien" giam doc', "tốt nghiệp THPT", '"Vừ A Bằng" OR "vu a bang"',
    "Hòa Bình", "hoà bình", "hoa binh", "2020 - 2021", "trường, trung tâm", '-"Nguyễn van Kiên" giam doc',
    'tuyển sinh NOT "Sơn La" OR "Lai Châu"',
]


def test_what_a_query_matches_is_exactly_what_it_says(db):
    path, con = db
    load(con, 400, national_every=7)
    sizes = {}
    for query in QUERIES:
        want = expected(con, query)
        sizes[query] = len(want)
        assert set(found(con, query)) == want, query
    assert sum(1 for n in sizes.values() if 0 < n < 300) >= 12, sizes  # most of them select something


@pytest.mark.parametrize("filters", [
    {"source": "so3"},
    {"province": "Sơn La"},
    {"since": dt.date(2019, 1, 1), "until": dt.date(2020, 6, 30)},
    {"person": "Hoàng"},
    {"person": "van"},
    {"person": "nguyen"},
])
def test_each_filter_keeps_exactly_its_articles_in_rank_order(db, filters):
    path, con = db
    load(con, 400, national_every=5, undated_every=6)
    unfiltered = found(con, "hoc sinh")
    matching = expected(con, "hoc sinh", **filters)
    assert 10 < len(matching) < 390  # the filter means something here
    assert set(found(con, "hoc sinh", **filters)) == matching
    assert found(con, "hoc sinh", limit=10, **filters) == [a for a in unfiltered if a in matching][:10]


def test_a_person_typed_half_with_diacritics_is_exactly_that_person(db):
    path, con = db
    load(con, 600)
    for name in ("Văn kien", "nguyen Văn", "Thị hoa", "lò a"):
        want = expected(con, "hoc sinh", person=name)
        assert want and set(found(con, "hoc sinh", person=name)) == want, name


def test_province_is_what_the_article_is_about_not_only_its_portal(db):
    path, con = db
    load(con, 300, national_every=3)
    about_son_la = {aid for (aid,) in con.execute(
        f"SELECT article_id FROM articles WHERE source_id = '{NATIONAL}' AND title LIKE '%Sơn La%'").fetchall()}
    assert about_son_la  # national articles whose title names Sơn La
    got = set(found(con, "hoc sinh", province="Son La"))
    assert about_son_la <= got
    assert got == expected(con, "hoc sinh", province="Sơn La")


def test_every_searchable_article_is_found_by_its_own_title(db):
    path, con = db
    load(con, 300)
    for aid, title in con.execute("SELECT article_id, title FROM articles").fetchall():
        assert found(con, f'"{title}"', limit=3)[:1] == [aid], title


def test_copies_and_replaced_versions_are_never_returned_even_before_the_sync(db):
    path, con = db
    load(con, 300)
    ids = [a for (a,) in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()]
    # 39 syndicated copies of one article
    con.execute(f"""UPDATE articles SET body_sha1 = (SELECT body_sha1 FROM articles WHERE article_id = '{ids[0]}')
                    WHERE article_id IN ({", ".join(f"'{a}'" for a in ids[1:40])})""")
    finish_load(con)
    copies = {a for (a,) in con.execute("SELECT article_id FROM articles WHERE duplicate_of IS NOT NULL").fetchall()}
    assert len(copies) == 39 and copies < set(ids[:40])  # which one is the original is link_duplicates' call
    every = found(con, "hoc sinh")
    assert not set(every) & copies and len(every) == 300 - 39
    assert set(every) == expected(con, "hoc sinh")
    # a load replaces 60 articles (new versions, not indexed yet: 30 of them no longer say "học
    # sinh") and makes 20 more copies; the index has not synced: the replaced versions that no longer
    # match and the new copies must not come back; those whose new text still matches are found
    # (a long re-processing run must not hide every article it re-extracts)
    replaced = ids[100:160]
    con.execute("BEGIN")
    con.execute(f"UPDATE articles SET extracted_at = extracted_at + INTERVAL 1 DAY WHERE article_id IN "
                f"({', '.join(repr(a) for a in replaced)})")
    con.execute(f"UPDATE articles SET title = 'Tin đã sửa', body = 'Nội dung mới của bài, không còn từ đó.' "
                f"WHERE article_id IN ({', '.join(repr(a) for a in replaced[:30])})")
    con.execute(f"""UPDATE articles SET duplicate_of = '{ids[200]}' WHERE article_id IN
                    ({", ".join(f"'{a}'" for a in ids[201:221])})""")
    con.execute("COMMIT")
    between = found(con, "hoc sinh")
    assert not set(between) & (set(replaced[:30]) | set(ids[201:221]) | copies)
    assert set(replaced[30:]) <= set(between) and len(between) == 300 - 39 - 30 - 20
    assert not set(found(con, '"tin da sua"')) & set(replaced)  # the index has not seen the new words yet
    # and the sync brings the index in step (the 20 "copies" were only marked by hand: the index
    # follows the body rule, so they stay searchable and are returned again)
    finish_load(con)
    assert set(found(con, "hoc sinh")) == set(every) - set(replaced[:30])
    assert set(found(con, '"tin da sua"')) == set(replaced[:30])


def test_the_index_follows_the_database_by_article_id_idempotently(db):
    path, con = db
    for k in range(6):  # six small crawls
        assert load(con, 50, first=50 * k) == 50
    assert load(con, 0) == 0  # nothing new: nothing indexed, nothing changed
    folder = fulltext.index_root(path) / f"f{fulltext.FORMAT}"
    before = (folder / "manifest.npy").read_bytes()
    assert finish_load(con) == 0 and (folder / "manifest.npy").read_bytes() == before
    # re-extract a third (new versions), delete a sixth
    con.execute("UPDATE articles SET extracted_at = extracted_at + INTERVAL 1 HOUR WHERE hash(article_id) % 3 = 0")
    con.execute("DELETE FROM articles WHERE hash(article_id) % 6 = 1")
    left = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    reindexed = con.execute("SELECT count(*) FROM articles WHERE hash(article_id) % 3 = 0").fetchone()[0]
    assert finish_load(con) == reindexed
    index = fulltext.open_index(con, path)
    assert index.searcher().num_docs == left
    held = np.load(folder / "manifest.npy")
    fulltext._select_wanted(con, linked=False)
    want_keys, want_versions = fulltext._wanted(con)
    assert np.array_equal(held["key"], want_keys) and np.array_equal(held["version"], want_versions)
    assert set(found(con, "hoc sinh")) == expected(con, "hoc sinh")
    assert finish_load(con) == 0


def test_a_crash_between_the_two_commits_is_repaired_at_the_next_open(db, monkeypatch):
    path, con = db
    load(con, 200)
    # the next load commits to DuckDB, then its sync dies half-way through adding
    real_add = fulltext._add

    def dies(con_, writer, ids, total, progress):
        real_add(con_, writer, ids[:10], 10, progress)
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(fulltext, "_add", dies)
    con.execute("BEGIN")
    for arts, figs, offs in batches(100, first=200):
        insert_rows(con, "articles", arts)
        insert_rows(con, "officials", offs)
    con.execute("UPDATE articles_generation SET generation = generation + 1")
    con.execute("COMMIT")
    with pytest.raises(KeyboardInterrupt):
        finish_load(con)
    folder = fulltext.index_root(path) / f"f{fulltext.FORMAT}"
    assert (folder / "journal.npy").exists()
    monkeypatch.setattr(fulltext, "_add", real_add)
    con.close()
    # the next search (a reader) finds the index behind and brings it in step
    reader = connect(path, read_only=True, create=False)
    notes = []
    assert len(search(reader, "hoc sinh", limit=1000, notice=notes.append)) == 300
    assert not (folder / "journal.npy").exists()
    assert fulltext.open_index(reader, path).searcher().num_docs == 300
    reader.close()
    # the sync dies after the index committed but before its manifest was written: the journal's
    # ids are deleted and added again, never twice
    con = connect(path)
    con.execute("BEGIN")
    for arts, figs, offs in batches(50, first=300):
        insert_rows(con, "articles", arts)
    con.execute("UPDATE articles_generation SET generation = generation + 1")
    con.execute("COMMIT")
    real_save = fulltext._save_array

    def no_manifest(path_, array):
        if path_.name == "manifest.npy":
            raise KeyboardInterrupt("killed")
        real_save(path_, array)

    monkeypatch.setattr(fulltext, "_save_array", no_manifest)
    with pytest.raises(KeyboardInterrupt):
        finish_load(con)
    monkeypatch.setattr(fulltext, "_save_array", real_save)
    assert fulltext.open_index(con, path).searcher().num_docs == 350
    assert set(found(con, "hoc sinh")) == expected(con, "hoc sinh")
    con.close()


def test_no_repair_while_a_run_is_loading(db):
    path, con = db
    load(con, 50)
    con.execute("INSERT INTO runs (run_id, command, started_at, status, details) "
                "VALUES ('r', 'process', now(), 'running', '{\"pid\": 1}')")  # pid 1 is alive
    con.execute("BEGIN")
    for arts, figs, offs in batches(20, first=50):
        insert_rows(con, "articles", arts)
    con.execute("UPDATE articles_generation SET generation = generation + 1")
    con.execute("COMMIT")
    assert fulltext.open_index(con, path).searcher().num_docs == 50  # the run's own sync comes later
    con.execute("UPDATE runs SET status = 'ok'")
    assert fulltext.open_index(con, path).searcher().num_docs == 70


def test_a_new_format_or_tantivy_version_is_rebuilt_by_itself(db, monkeypatch):
    path, con = db
    load(con, 60)
    root = fulltext.index_root(path)
    assert [p.name for p in root.glob("f*")] == [f"f{fulltext.FORMAT}"]
    monkeypatch.setattr(fulltext, "FORMAT", fulltext.FORMAT + 1)
    notes = []
    assert len(search(con, "hoc sinh", limit=100, notice=notes.append)) == 60
    assert [p.name for p in root.glob("f*")] == [f"f{fulltext.FORMAT}"] and notes
    monkeypatch.setattr(fulltext, "TANTIVY", "tantivy v0.0.1")  # as if built by another tantivy...
    monkeypatch.setattr(fulltext, "_OPEN", {})  # ... and opened by a new process
    assert fulltext.open_index(con, path).searcher().num_docs == 60
    assert fulltext._read_state(root / f"f{fulltext.FORMAT}")["tantivy"] == "tantivy v0.0.1"


def test_reindex_rebuilds_from_the_database(cli, db):
    path, con = db
    load(con, 80)
    con.close()
    before = cli("search", "Nguyễn Văn Kiên", "--db", path, check=True).stdout
    out = cli("reindex", "--db", path, check=True).stdout
    assert out.startswith("Indexed 80 articles")
    assert cli("search", "Nguyễn Văn Kiên", "--db", path, check=True).stdout == before


def test_a_whole_build_reads_with_less_memory_and_gives_the_limit_back(db):
    from warehouse import fulltext

    path, con = db
    load(con, 30)
    before = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]  # (warehouse.db.MEMORY_LIMIT)
    seen = []
    real = fulltext._add

    def add(con_, *args):
        seen.append(con_.execute("SELECT current_setting('memory_limit')").fetchone()[0])
        return real(con_, *args)

    fulltext._add = add
    try:
        assert fulltext.sync(con, path, rebuild=True) == 30
    finally:
        fulltext._add = real
    assert seen and seen[0] != before  # (the build's own limit while it read)
    assert con.execute("SELECT current_setting('memory_limit')").fetchone()[0] == before


def test_a_name_typed_without_quotes_puts_the_article_naming_it_first(db):
    """The issue's example on a generated corpus: each article plants one official's name; the
    three syllables of a name are in many articles, next to each other in the few naming him."""
    path, con = db
    load(con, 600)
    names = con.execute("""SELECT name, list(article_id) FROM officials GROUP BY name
                           HAVING count(*) = 1 ORDER BY name LIMIT 40""").fetchall()
    folded = {}
    for (name,) in con.execute("SELECT DISTINCT name FROM officials").fetchall():
        folded.setdefault(strip_diacritics(name), set()).add(name)
    tried = 0
    for name, (aid,) in names:
        if len(expected(con, name)) < 3:  # the three syllables are in a few other articles at least
            continue
        tried += 1
        assert found(con, name, limit=1) == [aid], name
        if len(folded[strip_diacritics(name)]) == 1:  # (Vừ and Vũ are both "vu")
            assert found(con, strip_diacritics(name), limit=1) == [aid], name
    assert tried >= 20


def test_province_titles_and_places_rank_their_articles_first(db):
    path, con = db
    load(con, 300)
    for aid, title in con.execute("SELECT article_id, title FROM articles ORDER BY article_id LIMIT 20").fetchall():
        where, number = title.rsplit(" tại ", 1)[1].rsplit(" (", 1)
        query = f"tổng kết {where} {number.rstrip(')')}"
        assert found(con, query, limit=1) == [aid], query
