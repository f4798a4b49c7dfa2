"""What the search page counts (`warehouse.queries.search_counts`, the web app's total, months and
sources) are exactly the articles `warehouse.queries.search` returns for the same query and filters
with no limit: on the sample's warehouse and on a generated corpus, for words, phrases, OR,
exclusions, queries without or half with diacritics, every filter, and between a load and the
index's sync (copies and replaced versions left out by both)."""
import datetime as dt

import pytest
from test_search import NATIONAL, load, sources

from warehouse import fulltext
from warehouse.db import connect
from warehouse.load import finish_load
from warehouse.queries import SearchCounts, search, search_counts


def _month(day) -> str | None:
    return None if day is None else f"{day.year:04d}-{day.month:02d}"


def assert_counts_are_the_results(db, query, **filters) -> int:
    """search_counts against the results of search(..., limit=1000): the same total, months and
    sources; returns how many."""
    results = search(db, query, limit=1000, **filters)
    counts = search_counts(db, query, **filters)
    if isinstance(results, str):
        assert counts == results
        return 0
    assert isinstance(counts, SearchCounts) and len(results) < 1000, (query, filters)
    assert counts.total == len(results), (query, filters)
    months: dict = {}
    per_source: dict = {}
    for r in results:
        months[_month(r["date"])] = months.get(_month(r["date"]), 0) + 1
        per_source[r["source_id"]] = per_source.get(r["source_id"], 0) + 1
    assert counts.undated == months.pop(None, 0), (query, filters)
    assert counts.months == sorted(months.items()), (query, filters)
    assert dict(counts.sources) == per_source and [n for _, n in counts.sources] == sorted(per_source.values(),
                                                                                            reverse=True)
    return counts.total


SAMPLE_CASES = [
    ("dien bien", {}), ("giao duc", {}), ("Điện Biên", {}), ('"dien bien"', {}), ('"giáo dục"', {}),
    ('"Điện Biên" OR "Lai Châu"', {}), ("giao duc -\"dien bien\"", {}), ('giao duc -"Điện biên"', {}),
    ("truong trung tam", {}), ("Nguyễn văn kien", {}), ("hội nghị", {}), ("giao duc", {"source": "dienbien.gov.vn"}),
    ("giao duc", {"province": "Dien Bien"}), ("giao duc", {"province": "Điện Biên"}),
    ("giao duc", {"since": "2021-01-01", "until": "2021-12-31"}), ("giao duc", {"since": dt.date(2020, 1, 1)}),
    ("giao duc", {"person": "Nguyễn Văn Kiên"}), ("giao duc", {"person": "nguyen van kien"}),
    ("giao duc", {"person": "Kiên"}), ("hoi nghi", {"person": "Phạm Thị Trung"}), ("nothingatallhere", {}),
    ("-giao", {}), (",,,", {}),
]


@pytest.mark.parametrize("query,filters", SAMPLE_CASES)
def test_counts_are_the_results_on_the_sample(warehouse_db, query, filters):
    assert_counts_are_the_results(warehouse_db, query, **filters)


def test_the_sample_counts_say_something(warehouse_db):
    assert search_counts(warehouse_db, "giao duc").total >= 5
    assert search_counts(warehouse_db, "giao duc", person="nguyen van kien").total >= 1
    assert search_counts(warehouse_db, "nothingatallhere").total == 0


GENERATED = [
    "hoc sinh", "hoc sinh dan toc thieu so", "Nguyễn Văn Kiên", '"Nguyễn Văn Kiên"', "Nguyễn van Kiên",
    '"Nguyễn van Kiên"', "kien co hoa", '"kiên cố hóa"', '"Sơn La" OR "Lai Châu" tổng kết', 'tốt nghiệp -"trung học"',
    '-"Nguyễn van Kiên" giam doc', 'tuyển sinh NOT "Sơn La" OR "Lai Châu"', "hoa binh", "Hòa Bình", "2020 - 2021",
]
FILTERS = [{"source": "so3"}, {"source": NATIONAL}, {"province": "Sơn La"}, {"province": "son la"},
           {"since": dt.date(2019, 1, 1), "until": dt.date(2020, 6, 30)}, {"person": "Hoàng"}, {"person": "van"},
           {"person": "Văn kien"}, {"person": "nguyen Văn"}]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "news.duckdb"
    con = connect(path)
    sources(con)
    load(con, 500, national_every=5, undated_every=6)
    yield path, con
    con.close()


@pytest.fixture(params=["in the index", "by article id"])
def way(request, monkeypatch):
    """Counted in the index (it is in step, the usual case) or through DuckDB by article id (the
    way taken between a load and its sync, and for checks left to the text): the same numbers."""
    if request.param == "by article id":
        monkeypatch.setattr(fulltext, "in_step", lambda con, db=None: False)
    return request.param


def test_counts_are_the_results_on_a_generated_corpus(generated, way):
    path, con = generated
    sizes = {}
    for query in GENERATED:
        sizes[query] = assert_counts_are_the_results(con, query)
    for filters in FILTERS:
        sizes[str(filters)] = assert_counts_are_the_results(con, "hoc sinh", **filters)
        assert_counts_are_the_results(con, 'hoc sinh -"Nguyễn van Kiên"', **filters)
    assert sum(1 for n in sizes.values() if 0 < n < 500) >= 15, sizes  # most of them select something
    counts = search_counts(con, "hoc sinh")
    assert counts.undated == 0 and len(counts.months) > 12  # undated pages show a date from their text


def test_counts_leave_out_copies_and_replaced_versions_as_search_does(tmp_path):
    path = tmp_path / "news.duckdb"
    con = connect(path)
    try:
        sources(con)
        load(con, 200)
        ids = [a for (a,) in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()]
        con.execute(f"""UPDATE articles SET body_sha1 = (SELECT body_sha1 FROM articles WHERE article_id = '{ids[0]}')
                        WHERE article_id IN ({", ".join(f"'{a}'" for a in ids[1:20])})""")
        finish_load(con)
        assert assert_counts_are_the_results(con, "hoc sinh") == 200 - 19
        assert fulltext.in_step(con, path)
        # a load (by a run still going: pid 1 is alive) replaced some articles and made others copies;
        # the index's entries are stale until the run's sync
        con.execute("INSERT INTO runs (run_id, command, started_at, status, details) "
                    "VALUES ('r', 'process', now(), 'running', '{\"pid\": 1}')")
        con.execute("BEGIN")
        con.execute(f"UPDATE articles SET extracted_at = extracted_at + INTERVAL 1 DAY WHERE article_id IN "
                    f"({', '.join(repr(a) for a in ids[50:80])})")
        con.execute(f"UPDATE articles SET title = 'Tin đã sửa', body = 'Nội dung mới, không còn từ đó.' "
                    f"WHERE article_id IN ({', '.join(repr(a) for a in ids[50:65])})")  # no longer matching
        con.execute(f"""UPDATE articles SET duplicate_of = '{ids[100]}',
                        body_sha1 = (SELECT body_sha1 FROM articles WHERE article_id = '{ids[100]}')
                        WHERE article_id IN ({', '.join(repr(a) for a in ids[101:111])})""")
        con.execute("UPDATE articles_generation SET generation = generation + 1")
        con.execute("COMMIT")
        assert not fulltext.in_step(con, path)
        # replaced articles are counted when their current text still matches, as search returns them
        assert assert_counts_are_the_results(con, "hoc sinh") == 200 - 19 - 15 - 10
        assert_counts_are_the_results(con, '"Nguyễn van Kiên"')
        con.execute("UPDATE runs SET status = 'ok'")
        finish_load(con)  # as the run ends: copies linked by their rule, the index synced
        assert assert_counts_are_the_results(con, "hoc sinh") == 200 - 19 - 10 - 15
        assert fulltext.in_step(con, path)
    finally:
        con.close()
