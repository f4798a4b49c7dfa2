"""Series kept ready at load (series_periods) answer exactly what the figures say, through
re-extraction, province changes, syndicated copies, a load not yet finished, and databases from
before the table existed."""
import sys

import pandas as pd
import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import PROVINCES, batches  # noqa: E402

from nlp.normalize import strip_diacritics  # noqa: E402
from warehouse.db import connect  # noqa: E402
from warehouse.load import finish_load, link_duplicates, store_results  # noqa: E402
from warehouse.queries import series  # noqa: E402

def corpus_results(count, first=0):
    """The generated corpus as the NLP stage hands articles to the loader."""
    out = []
    for arts, figs, _ in batches(count, first=first):
        by_article = {}
        for f in figs:  # warehouse rows back to the contract's records
            record = {k: f.get(k) for k in ("text", "value", "unit", "qualifier", "change", "object", "metric",
                                            "total", "province", "province_2025", "province_basis", "period", "kind",
                                            "sentence")}
            record.update(start=f["start_char"], end=f["end_char"])
            by_article.setdefault(f["article_id"], []).append(record)
        for a in arts:
            art = {"article_id": a["article_id"], "url": a["url"], "source_id": a["source_id"],
                   "platform": a["platform"], "title": a["title"], "published": a["published"].isoformat(),
                   "published_at": None, "author": None, "body": a["body"], "credited_source": None,
                   "body_sha1": a["body_sha1"], "warnings": []}
            out.append((art, {"figures": by_article.get(a["article_id"], []), "officials": [], "dates": []}))
    return out


def store(con, results):
    report = type("Report", (), {"articles": 0, "figures": 0, "officials": 0, "dates": 0})()
    store_results(con, "test", results, report)


def expected(con, province, metric, kind="level"):
    """The series computed independently, in pandas, from the statistic_reports view: per period, the
    reports (an article repeating a value once), the value when they all give one, their URLs."""
    rows = con.execute("SELECT * FROM statistic_reports WHERE metric = ? AND kind = ?", [metric, kind]).df()
    rows["value"] = rows["signed_value"]
    rows = rows[rows.province.fillna("").map(strip_diacritics) == strip_diacritics(province)]
    rows = rows.drop_duplicates(["period", "value", "url"])
    return {period: (len(g), g.value.iloc[0] if g.value.nunique() == 1 else None, sorted(g.url))
            for period, g in rows.groupby("period")}


def answered(con, province, metric, kind="level"):
    frame = series(con, province, metric, kinds=[kind])
    assert frame.period.is_monotonic_increasing
    assert list(frame.disagree) == [pd.isna(v) for v in frame.value]
    return {r.period: (r.reports, None if pd.isna(r.value) else r.value, sorted(r.url.split(" | ")))
            for r in frame.itertuples()}


def assert_series_right(con):
    for province in PROVINCES[:4] + ["Dien Bien", "LAI CHAU"]:
        for metric in ("institutions", "students"):
            assert answered(con, province, metric) == expected(con, province, metric), (province, metric)


def dirty(con):
    return con.execute("SELECT count(*) FROM series_dirty").fetchone()[0]


@pytest.fixture
def con(tmp_path):
    c = connect(tmp_path / "series.duckdb")
    yield c
    c.close()


def test_series_are_kept_ready_and_match_the_figures(con):
    store(con, corpus_results(400))
    finish_load(con)
    assert dirty(con) == 0
    ready = con.execute("SELECT count(*) FROM series_periods").fetchone()[0]
    assert ready >= 16 * 2  # every province has both metrics over several periods
    assert_series_right(con)
    assert expected(con, "Điện Biên", "institutions")  # the check is not vacuous


def test_reextraction_and_copies_change_the_series(con):
    results = corpus_results(400)
    store(con, results)
    finish_load(con)
    # re-extraction: new values for some articles, and some figures now name another province
    changed = []
    for k, (art, rec) in enumerate(results[:60]):
        figures = [dict(f, value=f["value"] + 1, province="Điện Biên" if k % 3 == 0 else f["province"])
                   for f in rec["figures"]]
        changed.append((art, dict(rec, figures=figures)))
    store(con, changed)
    assert dirty(con) > 0
    assert_series_right(con)  # a load in progress: the changed series are aggregated from figures
    finish_load(con)
    assert dirty(con) == 0
    assert_series_right(con)
    # a syndicated copy of an article (same text, crediting the original's portal) does not count twice
    art, rec = results[100]
    copy = dict(art, article_id="copy000000000001", url=art["url"].replace("so", "baomoi", 1), source_id="baomoi",
                credited_source="Sở GDĐT", published="2026-01-01")
    before = answered(con, rec["figures"][0]["province"], "institutions")
    store(con, [(copy, rec)])
    finish_load(con)
    assert con.execute("SELECT duplicate_of FROM articles WHERE article_id = 'copy000000000001'").fetchone()[0] == art["article_id"]
    assert answered(con, rec["figures"][0]["province"], "institutions") == before
    assert_series_right(con)
    # the original removed from the portal's pages is not modelled; relinking alone must update:
    con.execute("UPDATE articles SET credited_source = NULL, published = '2000-01-01' WHERE article_id = 'copy000000000001'")
    link_duplicates(con)
    assert dirty(con) > 0
    assert_series_right(con)


def test_a_database_from_before_versioned_migrations_gets_its_series_at_the_next_load(tmp_path):
    from warehouse.db import WarehouseError

    db = tmp_path / "old.duckdb"
    con = connect(db)
    store(con, corpus_results(200))
    finish_load(con)
    con.execute("DROP TABLE schema_migrations")  # as the release before versioned migrations wrote it
    con.execute("DROP TABLE series_periods")
    con.close()
    with pytest.raises(WarehouseError, match="older version"):  # read-only: told what to run
        connect(db, read_only=True, create=False)
    con = connect(db)  # read-write: brought up to date, every series marked for the next load
    assert dirty(con) > 0
    assert_series_right(con)
    finish_load(con)
    assert dirty(con) == 0 and con.execute("SELECT count(*) FROM series_periods").fetchone()[0] > 0
    assert_series_right(con)
    con.close()


def test_a_warehouse_from_before_kinds_gets_them_from_its_stored_text(warehouse_db, tmp_path):
    """Migration 4 on a database whose figures have no kind: each gets its kind from the article
    text and offsets the warehouse keeps, so the level series lose their changes at once."""
    from conftest import copy_database
    from warehouse.db import WarehouseError

    db = tmp_path / "before-kinds.duckdb"
    copy_database(warehouse_db, db)
    con = connect(db)
    kinds_now = con.execute("SELECT article_id, seq, kind, province_2025 FROM figures ORDER BY ALL").fetchall()
    for view in ("statistic_series", "statistic_reports"):
        con.execute(f"DROP VIEW {view}")
    con.execute("DROP INDEX figures_article_id")  # DuckDB drops no column of a table with an index (migration 6)
    for column in ("kind", "province_2025", "province_basis"):
        con.execute(f"ALTER TABLE figures DROP COLUMN {column}")
    con.execute("ALTER TABLE sources DROP COLUMN province_basis")
    con.execute("DROP TABLE series_periods")
    con.execute("""CREATE TABLE series_periods (province_key VARCHAR NOT NULL, metric VARCHAR NOT NULL,
                   changes BOOLEAN NOT NULL, period VARCHAR, value DOUBLE, reported VARCHAR, reports BIGINT NOT NULL,
                   sources VARCHAR, url VARCHAR)""")
    con.execute("DELETE FROM schema_migrations WHERE version IN (4, 7)")  # (7 changes the table 4 makes)
    con.close()
    with pytest.raises(WarehouseError, match="older version"):
        connect(db, read_only=True, create=False)
    con = connect(db)
    try:
        assert con.execute("SELECT article_id, seq, kind, province_2025 FROM figures ORDER BY ALL").fetchall() == kinds_now
        assert con.execute("SELECT DISTINCT province_basis FROM sources WHERE province IS NOT NULL").fetchall() == [
            ("registry",)]
        assert dirty(con) > 0
        assert list(series(con, "Điện Biên", "institutions").value) == [522.0, 497.0]  # aggregated meanwhile
        finish_load(con)
        assert dirty(con) == 0
        assert list(series(con, "Điện Biên", "institutions", include_changes=True).value) == [-21.0]
    finally:
        con.close()


def test_each_period_keeps_its_sources_and_how_many_articles_report_it_also_after_migration_7(warehouse_db, tmp_path):
    """``source_ids`` and ``articles`` (what the web app's series page shows without reading every
    report) say what the period's list of reports says; a warehouse from before them gets them
    from those lists."""
    import re

    from conftest import copy_database

    def expected(con):
        rows = con.execute("SELECT province_key, metric, kind, unit, period, sources, url FROM series_periods").fetchall()
        return sorted((key, metric, kind, unit, str(period), sorted({re.sub(r" \((\d{4}-\d{2}-\d{2}|undated)\)$", "", c)
                                                                      for c in sources.split(" | ")}),
                       len(set(url.split(" | ")))) for key, metric, kind, unit, period, sources, url in rows)

    def kept(con):
        return sorted((key, metric, kind, unit, str(period), ids, n) for key, metric, kind, unit, period, ids, n in
                      con.execute("SELECT province_key, metric, kind, unit, period, source_ids, articles "
                                  "FROM series_periods").fetchall())

    db = tmp_path / "before-7.duckdb"
    copy_database(warehouse_db, db)
    con = connect(db)
    want = expected(con)
    assert want and kept(con) == want
    assert all(n >= 1 and ids for *_, ids, n in want)
    con.execute("ALTER TABLE series_periods DROP COLUMN source_ids")
    con.execute("ALTER TABLE series_periods DROP COLUMN articles")
    con.execute("DELETE FROM schema_migrations WHERE version = 7")
    con.close()
    con = connect(db)
    try:
        assert kept(con) == want
    finally:
        con.close()
