"""Scrapy running for real against a misbehaving local site: every fault is counted, none stops
the crawl, and a second run fetches nothing new."""
import pytest
import duckdb

from conftest import run_cli
from fault_site import FaultHandler, FaultSite

pytestmark = pytest.mark.slow  # crawls, kills or kernels: `make test-all`


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("faults") / "f.duckdb"
    with FaultSite(slow_seconds=4) as site:
        starts = ["--start-url", f"{site.url}/news/tin-tuc/", "--start-url", f"{site.url}/news/rss/",
                  "--start-url", f"{site.url}/sitemap.xml"]
        first = run_cli("run", "--db", db, *starts, "--fast", "--timeout", "1.5", check=True)
        hits_after_first = dict(FaultHandler.hits)
        second = run_cli("run", "--db", db, *starts, "--fast", "--timeout", "1.5", check=True)
        hits_after_second = dict(FaultHandler.hits)
    return {"db": db, "first": first.stdout, "second": second.stdout, "hits1": hits_after_first, "hits2": hits_after_second}


def test_summary_counts_each_outcome(crawled):
    out = crawled["first"]
    for expected in ("HTTP 404", "HTTP 500", "timeout", "redirect loop", "empty body", "skipped by robots",
                     "over size limit"):
        assert expected in out, f"{expected!r} missing from summary:\n{out}"


def test_good_cp1258_and_truncated_pages_become_articles(crawled):
    con = duckdb.connect(str(crawled["db"]), read_only=True)
    titles = {r[0]: r for r in con.execute("SELECT title, published, body FROM articles").fetchall()}
    assert "Hội nghị tổng kết năm học" in titles
    assert str(titles["Hội nghị tổng kết năm học"][1]) == "2021-09-06"
    assert "Thống kê truy cập" not in titles["Hội nghị tổng kết năm học"][2]
    assert "Học sinh Điện Biên đạt giải cao" in titles  # windows-1258, decoded and NFC
    assert titles["Học sinh Điện Biên đạt giải cao"][2] == "Có 25 học sinh đạt giải cấp tỉnh."
    assert "Bài bị cắt" in titles and "300 trường học" in titles["Bài bị cắt"][2]
    figures = con.execute("SELECT value, metric FROM figures ORDER BY value").fetchall()
    assert (12000.0, "students") in figures and (25.0, "students") in figures


def test_attachments_recorded_not_parsed(crawled):
    con = duckdb.connect(str(crawled["db"]), read_only=True)
    rows = con.execute("SELECT url, parent_url FROM pages WHERE outcome = 'attachment' ORDER BY url").fetchall()
    urls = [r[0] for r in rows]
    assert any(u.endswith("ke-hoach-nam-hoc-2021.pdf") for u in urls)
    docx = [r for r in rows if r[0].endswith("bao-cao-tong-ket.docx")]
    assert docx and docx[0][1].endswith(("-1001.html", "-1010.html"))  # both pages link it
    assert con.execute("SELECT count(*) FROM articles WHERE url LIKE '%.pdf'").fetchone()[0] == 0


def test_robots_respected_and_retries_bounded(crawled):
    hits = crawled["hits1"]
    assert not any("bai-viet-bi-cam" in p for p in hits)
    assert 2 <= hits.get("/news/tin-tuc/bai-viet-loi-may-chu-noi-bo-1003.html", 0) <= 3  # retried, then recorded


def test_second_run_fetches_nothing_new(crawled):
    assert "Nothing new was found" in crawled["second"]
    h1, h2 = crawled["hits1"], crawled["hits2"]
    assert h2["/news/tin-tuc/bai-viet-tot-hoi-nghi-tong-ket-nam-hoc-1001.html"] == h1["/news/tin-tuc/bai-viet-tot-hoi-nghi-tong-ket-nam-hoc-1001.html"]


def test_pagination_rss_and_visible_dates(crawled):
    con = duckdb.connect(str(crawled["db"]), read_only=True)
    rows = dict(con.execute("SELECT title, published FROM articles WHERE url LIKE '%-1011.html'").fetchall())
    assert rows == {"Chỉ có trong RSS": __import__("datetime").date(2021, 9, 6)}  # not the RSS pubDate
    assert con.execute("SELECT count(*) FROM articles WHERE url LIKE '%-1010.html'").fetchone()[0] == 1


def test_syndicated_copy_linked_not_counted_twice(crawled):
    con = duckdb.connect(str(crawled["db"]), read_only=True)
    orig, copy = con.execute("""SELECT (SELECT article_id FROM articles WHERE url LIKE '%-1001.html'),
                                       (SELECT duplicate_of FROM articles WHERE url LIKE '%-1010.html')""").fetchone()
    assert copy == orig
    n = con.execute("SELECT count(*) FROM statistic_series WHERE value = 12000").fetchone()[0]
    assert n == 1


def test_generic_fallback_reads_an_unknown_layout(crawled):
    con = duckdb.connect(str(crawled["db"]), read_only=True)
    title, published, body, platform = con.execute(
        "SELECT title, published, body, platform FROM articles WHERE url LIKE '%-1012.html'").fetchone()
    assert platform == "generic"
    assert title == "Trường Tiểu học Him Lam đón Bằng công nhận"
    assert str(published) == "2022-03-12"
    assert body.split("\n") == [
        "Sáng ngày 11/3/2022, Trường Tiểu học Him Lam tổ chức lễ đón nhận Bằng công nhận trường đạt chuẩn quốc gia mức độ 2.",
        "Năm học 2021 - 2022, nhà trường có 32 lớp với 1.150 học sinh và 48 giáo viên, cán bộ, nhân viên.",
        "Phát biểu tại buổi lễ, bà Lò Thị Hương, Hiệu trưởng nhà trường cảm ơn sự quan tâm của các cấp, các ngành."]


def test_sitemap_discovery_and_entity_encoded_title(crawled):
    con = duckdb.connect(str(crawled["db"]), read_only=True)
    (title,) = con.execute("SELECT title FROM articles WHERE url LIKE '%-1014.html'").fetchone()
    assert title == "Điện Biên: Khai giảng năm học 2021/2022"
