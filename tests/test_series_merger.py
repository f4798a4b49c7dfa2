"""A small corpus across the merger of 1 July 2025, through the real NLP stage and the warehouse: Long
An and Tây Ninh school counts before it, the merged Tây Ninh after it, a period where Long An is
missing, one where Tây Ninh's reports disagree; and an intake, a shortage and a target that must
never enter a level series. Sentences of our own."""
import csv

import pytest

from crawler.registry import Source

ARTICLES = [  # url, source, published, title, text
    ("https://longan.example.vn/a1", "so-longan", "2024-03-10", "Tổng kết học kỳ I",
     "Năm học 2023 – 2024, tỉnh Long An có 520 trường mầm non và phổ thông với 350.000 học sinh."),
    ("https://tayninh.example.vn/a2", "so-tayninh", "2024-02-01", "Sơ kết học kỳ I",
     "Năm học 2023-2024, toàn tỉnh Tây Ninh có 400 trường học. Toàn tỉnh tuyển mới 12.300 học sinh lớp 10, "
     "còn thiếu 700 giáo viên."),
    ("https://tayninh.example.vn/a3", "so-tayninh", "2025-10-05", "Khai giảng năm học mới",
     "Năm học 2025 – 2026, tỉnh Tây Ninh có 915 trường học với 560.000 học sinh. Toàn tỉnh tuyển mới 25.000 học "
     "sinh lớp 10. Tỉnh phấn đấu đến năm 2030 có 700 trường đạt chuẩn quốc gia."),
    ("https://tayninh.example.vn/a4", "so-tayninh", "2024-11-20", "Hội nghị giao ban",
     "Năm học 2024 - 2025, tỉnh Tây Ninh có 405 trường."),
    ("https://paper.example.vn/a5", "paper", "2023-01-10", "Giáo dục miền Đông",
     "Năm học 2022-2023, Tây Ninh có 398 trường; Long An có 518 trường."),
    ("https://tayninh.example.vn/a6", "so-tayninh", "2023-01-15", "Tin giáo dục",
     "Năm học 2022-2023, toàn tỉnh có 399 trường."),
]
SOURCES = [Source("so-longan", "Sở GDĐT Long An", "Long An", "so_gddt", "generic", ("https://longan.example.vn/",),
                  ("longan.example.vn",)),
           Source("so-tayninh", "Sở GDĐT Tây Ninh", "Tây Ninh", "so_gddt", "generic", ("https://tayninh.example.vn/",),
                  ("tayninh.example.vn",)),
           Source("paper", "Báo", None, "newspaper", "generic", ("https://paper.example.vn/",), ("paper.example.vn",))]


def load(db, nlp, articles, sources):
    """Articles through the NLP stage into a warehouse, as a crawl's processing stores them."""
    from nlp.pipeline import extract_articles
    from warehouse.db import connect
    from warehouse.load import ProcessReport, article_id_for, finish_load, store_results, upsert_sources

    province = {s.source_id: s.province for s in sources}
    arts = [{"id": u, "url": u, "source_id": s, "published": p, "title": t, "text": x, "province": province[s]}
            for u, s, p, t, x in articles]
    results = []
    for a, records in extract_articles(nlp, arts):
        results.append(({"article_id": article_id_for(a["url"]), "url": a["url"], "source_id": a["source_id"],
                         "platform": "generic", "title": a["title"], "published": a["published"], "published_at": None,
                         "author": None, "body": a["text"], "credited_source": None, "body_sha1": a["url"],
                         "warnings": []}, records))
    con = connect(db)
    try:
        upsert_sources(con, sources)
        store_results(con, "test", results, ProcessReport())
        finish_load(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def merger_db(tmp_path_factory, nlp):
    db = tmp_path_factory.mktemp("merger") / "news.duckdb"
    load(db, nlp, ARTICLES, SOURCES)
    return db


def rows(out: str) -> list[list[str]]:
    return [line.split() for line in out.splitlines() if line[:4].isdigit()]


def test_a_province_as_reported_keeps_its_own_series(cli, merger_db):
    out = cli("series", "--province", "Long An", "--metric", "institutions", "--db", merger_db, check=True).stdout
    assert [r[:3] for r in rows(out)] == [["2022-2023", "level", "518"], ["2023-2024", "level", "520"]]
    assert "merged into Tây Ninh on 2025-07-01" in out


def test_the_re_formed_province_as_reported_says_where_its_territory_changed(cli, merger_db):
    out = cli("series", "--province", "Tay Ninh", "--metric", "institutions", "--db", merger_db, check=True).stdout
    got = rows(out)
    assert [r[:3] for r in got] == [["2022-2023", "level", "—"], ["2023-2024", "level", "400"],
                                    ["2024-2025", "level", "405"], ["2025-2026", "level", "915"]]
    assert "398 | 399" in " ".join(got[0]) and "reports disagree" in " ".join(got[0])
    assert "merged Tây Ninh (Tây Ninh + Long An)" in " ".join(got[3])
    assert "re-formed on 2025-07-01 from Tây Ninh + Long An" in out


def test_as_of_2025_lines_up_the_constituents_and_never_sums_a_period_with_one_missing(cli, merger_db):
    from warehouse.queries import series

    frame = series(merger_db, "Tây Ninh", "institutions", as_of="2025")
    got = {r.period: (None if r.value != r.value else r.value, r.note) for r in frame.itertuples()}
    assert got == {
        "2022-2023": (None, "not summed: Tây Ninh reports disagree"),
        "2023-2024": (920.0, "sum of Tây Ninh + Long An"),
        "2024-2025": (None, "not summed: Long An not reported"),
        "2025-2026": (915.0, ""),
    }
    assert frame.set_index("period").loc["2023-2024", "parts"] == "Tây Ninh: 400; Long An: 520"
    # asked by a constituent's name, the same series, saying which
    out = cli("series", "--province", "Long An", "--metric", "institutions", "--as-of", "2025", "--db", merger_db,
              check=True).stdout
    assert [r[:3] for r in rows(out)] == [["2022-2023", "level", "—"], ["2023-2024", "level", "920"],
                                          ["2024-2025", "level", "—"], ["2025-2026", "level", "915"]]
    assert "Long An is part of Tây Ninh since 2025-07-01" in out and "Long An not reported" in out


def test_intake_shortage_and_target_never_enter_a_level_series(cli, merger_db):
    from warehouse.queries import series

    students = series(merger_db, "Tây Ninh", "students")
    assert list(students.value) == [560000.0]  # not 12.300 or 25.000 entrants
    assert series(merger_db, "Tây Ninh", "teachers").empty  # not the 700 missing
    assert 700.0 not in set(series(merger_db, "Tây Ninh", "institutions").value)  # not the 2030 goal
    for metric in ("students", "teachers", "institutions"):
        assert series(merger_db, "Tây Ninh", metric, as_of="2025")["kind"].eq("level").all()
    intake = cli("series", "--province", "Tây Ninh", "--metric", "students", "--kind", "intake", "--db", merger_db,
                 check=True).stdout
    assert intake.splitlines()[0].endswith("intake")
    assert [r[:3] for r in rows(intake)] == [["2023-2024", "intake", "12.300"], ["2025-2026", "intake", "25.000"]]
    out = cli("series", "--province", "Tây Ninh", "--metric", "teachers", "--db", merger_db, check=True).stdout
    assert "need 1 (--kind need)" in out
    con = __import__("duckdb").connect(str(merger_db), read_only=True)
    try:
        kinds = dict(con.execute("SELECT figure_text, kind FROM statistic_reports").fetchall())
        in_series = {t for (t,) in con.execute("SELECT figure_text FROM statistic_series").fetchall()}
    finally:
        con.close()
    assert kinds["12.300 học sinh"] == "intake" and kinds["700 giáo viên"] == "need"
    assert kinds["700 trường đạt chuẩn quốc gia"] == "target"
    assert not {"12.300 học sinh", "700 giáo viên", "700 trường đạt chuẩn quốc gia"} & in_series


def test_csv_of_the_as_of_series(cli, merger_db, tmp_path):
    path = tmp_path / "tn.csv"
    cli("series", "--province", "Tây Ninh", "--metric", "institutions", "--as-of", "2025", "--csv", path,
        "--db", merger_db, check=True)
    got = list(csv.DictReader(path.open(encoding="utf-8")))
    assert {(r["province"], r["period"], float(r["value"])) for r in got} == {
        ("Tây Ninh", "2022-2023", 398.0), ("Tây Ninh", "2022-2023", 399.0), ("Long An", "2022-2023", 518.0),
        ("Long An", "2023-2024", 520.0), ("Tây Ninh", "2023-2024", 400.0), ("Tây Ninh", "2024-2025", 405.0),
        ("Tây Ninh", "2025-2026", 915.0)}
    by_period = {r["period"]: r for r in got}
    assert by_period["2024-2025"]["period_note"] == "not summed: Long An not reported"
    assert all(r["sentence"] and r["url"].startswith("https://") for r in got)


def test_charts_say_what_they_show(merger_db):
    from warehouse.queries import series
    from warehouse.series_chart import NothingToPlot, series_figure

    fig = series_figure(series(merger_db, "Tây Ninh", "institutions"))
    ax = fig.axes[0]
    assert ax.get_ylabel() == "number of schools and centres" and ax.get_ylim()[0] == 0
    assert "levels" in fig._suptitle.get_text() and "Tây Ninh" in fig._suptitle.get_text()
    caption = " ".join(t.get_text() for t in fig.texts)
    assert "Sources: paper, so-tayninh" in caption
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "levels: Tây Ninh before the merger" in labels and "levels: Tây Ninh after the merger" in labels
    assert any("provinces merged" in t.get_text() for t in ax.texts)
    # levels and changes: each in its panel, each with its legend
    both = series(merger_db, "Tây Ninh", "institutions", kinds=["level", "target"])
    fig = series_figure(both)
    assert fig.axes[0].get_legend() is not None
    with pytest.raises(NothingToPlot):
        series_figure(series(merger_db, "Tây Ninh", "teachers"))


def test_an_adhoc_source_takes_the_registry_s_province_or_what_its_articles_say(tmp_path, nlp):
    from crawler.registry import adhoc_sources, load_registry, SAMPLE_REGISTRY
    from warehouse.db import connect

    known, unknown = adhoc_sources(["https://dienbien.edu.vn/news/", "https://thcs-abc.example.vn/tin-tuc/"],
                                   load_registry(SAMPLE_REGISTRY))
    assert (known.province, known.province_basis) == ("Điện Biên", "registry")
    assert (unknown.province, unknown.province_basis) == (None, None)
    articles = [
        ("https://thcs-abc.example.vn/1", unknown.source_id, "2024-05-02", "Cà Mau: trường tổng kết năm học",
         "Năm học 2023-2024, trường có 1.200 học sinh."),
        ("https://thcs-abc.example.vn/2", unknown.source_id, "2024-09-06", "Khai giảng",
         "CÀ MAU - Sáng 5/9, trường khai giảng.\nNăm học 2024-2025, trường có 1.250 học sinh."),
        ("https://thcs-abc.example.vn/3", unknown.source_id, "2024-10-01", "Hội thi giáo viên dạy giỏi",
         "Năm học 2024-2025, trường có 86 giáo viên."),
    ]
    db = tmp_path / "adhoc.duckdb"
    load(db, nlp, articles, [unknown])
    con = connect(db, read_only=True, create=False)
    try:
        assert con.execute("SELECT province, province_basis FROM sources").fetchone() == ("Cà Mau", "articles")
        got = con.execute("SELECT value, province, province_basis FROM figures ORDER BY value").fetchall()
    finally:
        con.close()
    assert got == [(86.0, "Cà Mau", "source_inferred"), (1200.0, "Cà Mau", "title"), (1250.0, "Cà Mau", "dateline")]
