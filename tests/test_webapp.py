"""The web app in-process (Starlette's test client) on the sample's warehouse plus one hostile
article: what each page shows, its JSON, its CSV, and what keeps it safe (read-only, parameterised,
escaped, loopback, no SQL endpoint). tests/test_webapp_browser.py drives the same pages in Chromium."""
import csv
import io
import re
import subprocess
import sys

import duckdb
import pytest
from starlette.testclient import TestClient

from conftest import INJECTED_URLS, ROOT
from hostile_site import INJECTED_TITLE

VPUB = "d623e720ba0314e0"  # dienbien.gov.vn, 25/02/2021: 497 trường, trung tâm; Nguyễn Văn Kiên, Giám đốc
GDTD = "c0f1e693d780093b"  # giaoducthoidai.vn (undated page): 522 trường, trung tâm in 2019-2020


@pytest.fixture(scope="module")
def client(webapp_db):
    from webapp import create_app

    with TestClient(create_app(webapp_db)) as c:
        yield c


def _article_id(url: str) -> str:
    from warehouse.load import article_id_for

    return article_id_for(url)


# -- search ---------------------------------------------------------------------------------------
def test_search_without_diacritics_finds_the_dien_bien_articles(client):
    page = client.get("/search", params={"q": "dien bien"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    found = client.get("/search", params={"q": "dien bien", "format": "json"}).json()
    titles = [r["title"] for r in found["results"]]
    assert any(t.startswith("Điện Biên: Tiếp tục chú trọng") for t in titles)
    # every word must be in an article (the query language of `pipeline.py search`): the four that
    # name Điện Biên; VPUB's visit to "the province's" department never does
    assert found["total"] == len(found["results"]) == 4 and VPUB not in {r["article_id"] for r in found["results"]}
    assert "<mark>Điện</mark> <mark>Biên</mark>" in page.text  # the matched words marked in the snippets
    for r in found["results"]:  # the HTML shows what the JSON says
        assert f'href="/article/{r["article_id"]}"' in page.text


def test_search_counts_per_month_and_source_and_marks_dates_that_are_not_publication_dates(client):
    found = client.get("/search", params={"q": "dien bien", "format": "json"}).json()
    assert sum(m["articles"] for m in found["months"]) + found["undated"] == found["total"]
    assert sum(s["articles"] for s in found["sources"]) == found["total"]
    assert {s["source_id"] for s in found["sources"]} >= {"dienbien.gov.vn", "giaoducthoidai.vn"}
    months = [m["month"] for m in found["months"]]
    assert months == sorted(months) and len(months) > 30  # every month from the first to the last, gaps too
    gdtd = next(r for r in found["results"] if r["article_id"] == GDTD)
    assert gdtd["date_kind"] == "text" and gdtd["date"] == "2020-10-02"  # the page shows no date
    vpub = next(r for r in client.get("/search", params={"q": "giao duc", "format": "json"}).json()["results"]
                if r["article_id"] == VPUB)
    assert vpub["date_kind"] == "published" and vpub["date"] == "2021-02-25"
    page = client.get("/search", params={"q": "dien bien"}).text
    assert page.count("ngày trong bài, không phải ngày đăng") == sum(r["date_kind"] == "text" for r in found["results"])
    assert page.count('<svg class="chart"') == 2


def test_search_filters_and_paging(client):
    by_source = client.get("/search", params={"q": "dien bien", "source": "dienbien.gov.vn", "format": "json"}).json()
    assert by_source["total"] == 1 and {r["source_id"] for r in by_source["results"]} == {"dienbien.gov.vn"}
    by_person = client.get("/search", params={"q": "hoi nghi", "person": "Phạm Thị Trung", "format": "json"}).json()
    assert [r["source_id"] for r in by_person["results"]] == ["sgddt-portal.invalid"] and by_person["total"] == 1
    dated = client.get("/search", params={"q": "dien bien", "since": "2021-01-01", "until": "2021-12-31",
                                          "format": "json"}).json()
    assert dated["total"] and all("2021-01-01" <= r["date"] <= "2021-12-31" for r in dated["results"])
    by_province = client.get("/search", params={"q": "dien bien", "province": "Dien Bien", "format": "json"}).json()
    assert by_province["total"] == len(by_province["results"]) >= 3
    from webapp import searching

    first = client.get("/search", params={"q": "giao duc", "format": "json"}).json()
    old = searching.PER_PAGE
    searching.PER_PAGE = 2
    try:
        pages = [client.get("/search", params={"q": "giao duc", "page": p, "format": "json"}).json() for p in (1, 2, 3)]
        html = client.get("/search", params={"q": "giao duc", "page": 2}).text
    finally:
        searching.PER_PAGE = old
    assert first["total"] == 6  # three pages of two
    assert [r["article_id"] for p in pages for r in p["results"]] == [r["article_id"] for r in first["results"]][:6]
    assert pages[0]["pages"] == -(-first["total"] // 2) and pages[1]["results"][0]["rank"] == 3
    assert 'rel="prev"' in html and 'rel="next"' in html and "page=3" in html and "q=giao+duc" in html


def test_search_results_download_as_csv(client):
    response = client.get("/search", params={"q": "dien bien", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv") and "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    found = client.get("/search", params={"q": "dien bien", "format": "json"}).json()
    assert [r["article_id"] for r in rows] == [r["article_id"] for r in found["results"]]
    assert {"title", "source_id", "date", "date_kind", "url", "snippet"} <= set(rows[0])


def test_search_with_nothing_to_search_for_says_so(client):
    page = client.get("/search", params={"q": "  ,,, "})
    assert page.status_code == 200 and "Chưa có từ nào để tìm" in page.text
    assert client.get("/search").status_code == 200  # the empty form


# -- article --------------------------------------------------------------------------------------
def test_article_highlights_figures_officials_and_dates_with_what_they_are(client):
    page = client.get(f"/article/{VPUB}").text
    mark = re.search(r'<a class="mark figure" id="figure-(\d+)" href="#f\d+" title="([^"]*)">497 trường, trung tâm</a>',
                     page)
    assert mark, "497 trường, trung tâm is not marked as a figure"
    assert "497" in mark.group(2) and "Trường, trung tâm" in mark.group(2) and "2020-2021" in mark.group(2)
    assert re.search(r'class="mark official"[^>]*href="/person\?name=Nguy%E1%BB%85n%20V%C4%83n%20Ki%C3%AAn"'
                     r'[^>]*title="Nguyễn Văn Kiên · Giám đốc', page)
    assert re.search(r'class="mark date"[^>]*title="năm học: 2020-2021">năm học 2020 – 2021<', page)
    assert 'class="mark figure" id="figure-4"' in page and "(giảm)" in page  # the decrease, labelled
    assert 'href="https://dienbien.gov.vn/portal/Pages/2021-02-25/' in page
    assert f'href="/article/{VPUB}/raw"' in page


def test_article_json_has_the_same_content(client):
    art = client.get(f"/article/{VPUB}", params={"format": "json"}).json()
    assert art["title"].startswith("VPUB - Đồng chí Vừ A Bằng") and art["published"] == "2021-02-25"
    fig = next(f for f in art["figures"] if f["text"] == "497 trường, trung tâm")
    assert (fig["value"], fig["metric"], fig["kind"], fig["period"]) == (497.0, "institutions", "level", "2020-2021")
    assert art["body_text"][fig["start_char"]:fig["end_char"]] == fig["text"]
    assert {(o["name"], o["position"]) for o in art["officials"]} >= {("Nguyễn Văn Kiên", "Giám đốc")}
    marked = [p for para in art["paragraphs"] for p in para if p["mark"] == "figure"]
    assert any(p["text"] == "497 trường, trung tâm" and p["ref"] == fig["seq"] for p in marked)
    assert "".join(p["text"] for p in art["paragraphs"][0]) in art["body_text"]


def test_article_lists_its_syndicated_copies(client):
    original, copy = (_article_id(url) for _, url in INJECTED_URLS)
    art = client.get(f"/article/{copy}", params={"format": "json"}).json()
    if art["duplicate_of"] is None:  # which of the two is the original is the loader's choice
        original, copy = copy, original
        art = client.get(f"/article/{copy}", params={"format": "json"}).json()
    assert art["duplicate_of"] == original
    assert [c["article_id"] for c in art["copies"]] == [original] and art["copies"][0]["original"]
    page = client.get(f"/article/{original}").text
    assert f'href="/article/{copy}"' in page
    assert "bản đăng lại" in client.get(f"/article/{copy}").text


def test_raw_page_is_served_as_stored_and_inert(client):
    raw = client.get(f"/article/{VPUB}/raw")
    assert raw.headers["content-type"].startswith("text/plain")
    assert raw.headers["content-security-policy"].startswith("sandbox")
    assert "497 trường, trung tâm" in raw.text and "<html" in raw.text.lower()
    rendered = client.get(f"/article/{VPUB}/raw", params={"view": "html"})
    assert rendered.headers["content-type"].startswith("text/html")
    assert "sandbox" in rendered.headers["content-security-policy"] and "default-src 'none'" in rendered.headers[
        "content-security-policy"]


def test_unknown_article_is_a_404(client):
    assert client.get("/article/0123456789abcdef").status_code == 404
    assert client.get("/article/not-an-id").status_code == 404
    assert client.get("/article/0123456789abcdef", params={"format": "json"}).json()["error"]


# -- person ---------------------------------------------------------------------------------------
def test_person_page_shows_both_roles_of_nguyen_van_kien(client):
    person = client.get("/person", params={"name": "Nguyễn Văn Kiên", "format": "json"}).json()
    roles = {(r["position"], r["first_seen"], r["last_seen"]) for r in person["roles"]}
    assert roles == {("Phó Giám đốc phụ trách", "2018-01-26", "2018-01-26"), ("Giám đốc", "2020-10-02", "2021-02-25")}
    assert person["person"]["spellings"] == ["Nguyễn Văn Kiên"] and len(person["articles"]) == 3
    assert all(r["organization"] == "Sở Giáo dục và Đào tạo tỉnh Điện Biên" for r in person["roles"])
    page = client.get("/person", params={"name": "Nguyễn Văn Kiên"}).text
    assert "Phó Giám đốc phụ trách" in page and "Giám đốc" in page and "26/01/2018" in page
    for a in person["articles"]:
        assert f'href="/article/{a["article_id"]}"' in page


def test_person_typed_without_diacritics_or_in_part(client):
    plain = client.get("/person", params={"name": "nguyen van kien", "format": "json"}).json()
    assert plain["person"]["name"] == "Nguyễn Văn Kiên" and len(plain["roles"]) == 2
    part = client.get("/person", params={"name": "nguyen", "format": "json"}).json()
    assert part["person"] is None and "Nguyễn Văn Kiên" in {c["name"] for c in part["candidates"]}
    assert client.get("/person", params={"name": "Không Có Ai", "format": "json"}).json()["candidates"] == []


# -- series ---------------------------------------------------------------------------------------
def test_series_shows_522_and_497_each_linked_to_its_sentence(client):
    series = client.get("/series", params={"province": "Điện Biên", "metric": "institutions", "format": "json"}).json()
    assert [(p["period"], p["value"]) for p in series["periods"]] == [("2019-2020", 522.0), ("2020-2021", 497.0)]
    for p in series["periods"]:
        (report,) = p["reports"]
        assert report["seq"] is not None and report["sentence"] and str(int(p["value"])) in report["sentence"]
        art = client.get(f"/article/{report['article_id']}", params={"format": "json"}).json()
        fig = next(f for f in art["figures"] if f["seq"] == report["seq"])
        assert fig["value"] == p["value"] and fig["sentence"] == report["sentence"]
    assert [(c["period"], [pt["value"] for pt in c["points"]]) for c in series["changes"]] == [("2020-2021", [-21.0])]
    page = client.get("/series", params={"province": "Điện Biên", "metric": "institutions"}).text
    for p in series["periods"]:
        href = f'/article/{p["reports"][0]["article_id"]}#figure-{p["reports"][0]["seq"]}'
        assert p["reports"][0]["href"] == p["points"][0]["href"] == href
        assert page.count(f'href="{href}"') >= 2  # the chart's point and the table's report
    assert "−21" in page and "giảm" in page


def test_series_chart_draws_levels_only_and_changes_apart(client):
    from webapp import charts

    series = client.get("/series", params={"province": "Điện Biên", "metric": "institutions", "format": "json"}).json()
    levels = str(charts.levels(series["periods"], "x", "count"))
    assert re.findall(r'<text class="value"[^>]*>([^<]*)</text>', levels) == ["522", "497"]  # no −21 among levels
    assert levels.count("<line class=\"series-line\"") == 1  # 2019-2020 to 2020-2021: neighbouring school years
    gap = [dict(series["periods"][0]), dict(series["periods"][1], period="2022-2023")]
    assert "series-line" not in str(charts.levels(gap, "x", "count"))  # never across a missing period
    changes = str(charts.changes(series["changes"], "x", "count"))
    assert "bar down" in changes and "−21" in changes


def test_series_reports_that_disagree_are_side_by_side():
    from webapp.data import _periods

    row = {"period": "2020-2021", "kind": "level", "value": None, "unit": "count",
           "reported": "497 | 500", "reports": 2, "disagree": True, "note": "", "province": "Điện Biên",
           "sources": "a.vn (2021-01-02) | b.vn (undated)", "url": "https://a.vn/1 | https://b.vn/2",
           "source_ids": ["a.vn", "b.vn"], "articles": 2}
    (period,) = _periods([dict(row)], "institutions")
    assert [pt["value"] for pt in period["points"]] == [497.0, 500.0] and period["note"] == "các báo cáo nêu số khác nhau"
    assert [(r["source_id"], r["published"]) for r in period["reports"]] == [("a.vn", "2021-01-02"), ("b.vn", None)]
    # a value first reported past the reports listed is drawn too, linked to its own report
    urls = [f"https://a.vn/{i}" for i in range(7)]
    row.update(reported=" | ".join(["497"] * 6 + ["500"]), reports=7, url=" | ".join(urls),
               sources=" | ".join(["a.vn (2021-01-02)"] * 7), source_ids=["a.vn"], articles=7)
    (period,) = _periods([dict(row)], "institutions")
    assert [(pt["value"], pt["url"]) for pt in period["points"]] == [(497.0, urls[0]), (500.0, urls[6])]
    assert len(period["reports"]) == 5
    # several numbers in one article
    row.update(url=" | ".join([urls[0]] * 7), articles=1)
    (period,) = _periods([dict(row)], "institutions")
    assert period["note"] == "một bài nêu nhiều số"


def test_series_csv_has_every_report_with_its_sentence_and_url(client):
    response = client.get("/series", params={"province": "Điện Biên", "metric": "institutions", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert [(r["period"], r["kind"], float(r["value"])) for r in rows] == [
        ("2019-2020", "level", 522.0), ("2020-2021", "change", -21.0), ("2020-2021", "level", 497.0)]
    assert all(r["sentence"] and r["url"].startswith("https://") for r in rows)


def test_series_of_an_unknown_province_or_metric(client):
    unknown = client.get("/series", params={"province": "Atlantis", "metric": "students"})
    assert unknown.status_code == 200 and "không phải tên tỉnh" in unknown.text
    bad = client.get("/series", params={"province": "Điện Biên", "metric": "'; DROP TABLE figures; --"})
    assert bad.status_code == 400 and "Không có chỉ số" in bad.text


# -- the interface --------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/search?q=dien+bien", f"/article/{VPUB}", "/person?name=Nguy%E1%BB%85n+V%C4%83n+Ki%C3%AAn",
                                 "/series?province=%C4%90i%E1%BB%87n+Bi%C3%AAn&metric=institutions", "/search", "/series",
                                 "/person"])
def test_every_page_is_vietnamese_for_a_phone_with_nothing_fetched_elsewhere(client, url):
    page = client.get(url).text
    assert '<html lang="vi">' in page and 'name="viewport" content="width=device-width' in page
    assert "<script" not in page.lower()  # no JavaScript at all
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', page)
    assert not [u for u in external if "stylesheet" in u or u.endswith((".css", ".js"))]
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == ["/static/style.css"]
    assert "Tìm bài" in page and "Chuỗi số liệu" in page and "format=json" in page
    for english in ("Search", "Results", "Next", "Previous", "Download", "Person", "Series"):
        assert f">{english}<" not in page


def test_bad_parameters_are_a_400_that_says_which(client):
    for params, says in [({"q": "x", "since": "2021-02-30"}, "since"), ({"q": "x", "page": "0"}, "page"),
                         ({"q": "x", "format": "xml"}, "format"), ({"q": "x", "since": "2022-01-01", "until": "2021-01-01"},
                                                                    "Từ ngày"), ({"q": "x" * 600}, "quá dài")]:
        response = client.get("/search", params=params)
        assert response.status_code == 400 and says in response.text, (params, response.text[:300])
    assert client.get("/search", params={"q": "x", "page": "0", "format": "json"}).json()["error"]


# -- security -------------------------------------------------------------------------------------
def test_script_and_sql_in_a_title_and_body_come_back_inert(client, webapp_db):
    aid = _article_id(INJECTED_URLS[0][1])
    page = client.get(f"/article/{aid}")
    assert page.status_code == 200
    assert "<script" not in page.text.lower() and "<img src=x" not in page.text.lower()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page.text  # shown as text, escaped
    assert "DROP TABLE articles; --" in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text
    art = client.get(f"/article/{aid}", params={"format": "json"}).json()
    assert art["title"] == INJECTED_TITLE and "<img src=x onerror=alert(1)>" in art["body_text"]
    found = client.get("/search", params={"q": "DROP TABLE articles", "format": "json"}).json()
    assert aid in {r["article_id"] for r in found["results"]}
    results = client.get("/search", params={"q": "<script>alert(1)</script> '; DROP TABLE articles; --"}).text
    assert "<script" not in results.lower()
    # every filter and parameter carries SQL as a value, never as SQL
    for params in ({"q": "dien bien", "source": "x' OR '1'='1"}, {"q": "dien bien", "province": "'; DROP TABLE sources;--"},
                   {"q": "dien bien", "person": "%' OR 1=1 --"}):
        assert client.get("/search", params={**params, "format": "json"}).json()["total"] == 0
    assert client.get("/person", params={"name": "' OR 1=1 --", "format": "json"}).json()["person"] is None
    assert client.get("/series", params={"province": "' OR 1=1 --", "metric": "institutions",
                                          "format": "json"}).json()["periods"] == []
    con = duckdb.connect(str(webapp_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 7
        assert con.execute("SELECT count(*) FROM figures").fetchone()[0] > 40
    finally:
        con.close()


def test_pages_forbid_scripts_and_framing(client):
    response = client.get(f"/article/{VPUB}")
    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp  # none: default-src 'none' covers scripts
    assert response.headers["x-content-type-options"] == "nosniff" and "frame-ancestors 'none'" in csp


def test_csv_cells_a_spreadsheet_would_run_are_defused():
    import pandas as pd

    from webapp.data import csv_text

    text = csv_text(pd.DataFrame([{"title": "=HYPERLINK(\"http://x\")", "value": -21.0, "snippet": "+1"}]),
                    text_columns=("title", "snippet"))
    row = next(csv.DictReader(io.StringIO(text)))
    assert row == {"title": "'=HYPERLINK(\"http://x\")", "value": "-21.0", "snippet": "'+1"}


def test_the_app_lets_a_writer_in_and_then_shows_what_it_wrote(webapp_db, tmp_path):
    """The app keeps the file open between requests, yet a writer of this tool (a crawl's load)
    gets it within moments, and the app's next page shows what the writer committed."""
    import shutil
    import time

    from webapp import create_app

    copy = tmp_path / "kept.duckdb"
    shutil.copy(webapp_db, copy)
    write = ("import sys; from warehouse.db import connect; con = connect(sys.argv[1], wait=10); "
             "con.execute(\"UPDATE articles SET title = 'Tiêu đề mới' WHERE article_id = ?\", [sys.argv[2]]); "
             "con.close()")
    with TestClient(create_app(copy)) as c:
        assert c.get(f"/article/{VPUB}", params={"format": "json"}).json()["title"] != "Tiêu đề mới"
        assert c.app.state.reader._kept is not None  # held between requests
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", write, str(copy), VPUB], check=True, timeout=60, cwd=ROOT)
        assert time.monotonic() - started < 8  # (a Python start-up and imports included)
        assert c.get(f"/article/{VPUB}", params={"format": "json"}).json()["title"] == "Tiêu đề mới"


def test_the_app_only_reads_and_per_request_holds_nothing_between_requests(client, webapp_db, tmp_path):
    import os
    import shutil

    from webapp import create_app

    # --per-request: any other program can open the file for writing right after a request
    code = "import duckdb, sys; duckdb.connect(sys.argv[1]).close()"
    copy = tmp_path / "ro.duckdb"
    shutil.copy(webapp_db, copy)
    with TestClient(create_app(copy, keep_open=False)) as c:
        assert c.get(f"/article/{VPUB}").status_code == 200
        subprocess.run([sys.executable, "-c", code, str(copy)], check=True, timeout=60)
    # a database file nobody may write: every page still answers, kept open or not
    os.chmod(copy, 0o444)
    try:
        for keep_open in (True, False):
            with TestClient(create_app(copy, keep_open=keep_open)) as c:
                for url in ("/search?q=dien+bien", f"/article/{VPUB}", "/person?name=nguyen+van+kien",
                            "/series?province=Dien+Bien&metric=institutions"):
                    assert c.get(url).status_code == 200, url
    finally:
        os.chmod(copy, 0o644)
    for method in ("post", "put", "delete"):
        assert getattr(client, method)("/search").status_code == 405


def test_no_route_takes_sql(client):
    from starlette.routing import Mount, Route

    paths = {r.path for r in client.app.routes if isinstance(r, (Route, Mount))}
    assert paths == {"/", "/search", "/article/{article_id}", "/article/{article_id}/raw", "/article/{article_id}/figure",
                     "/person", "/series", "/static"}
    for url in ("/sql?q=SELECT+1", "/query?sql=SELECT+1", "/api/sql"):
        assert client.get(url).status_code == 404
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "webapp").glob("*.py"))
    assert "run_sql" not in source and "sandboxed=True" not in source


def test_serve_binds_loopback_by_default_and_answers_only_its_own_names(cli):
    from pipeline import serve
    from webapp import create_app

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1"
    app = create_app(ROOT / "nothing.duckdb", allowed_hosts=["127.0.0.1", "localhost", "[::1]"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/static/style.css").status_code == 200
        assert c.get("/static/style.css", headers={"host": "evil.example"}).status_code == 400  # DNS rebinding
        missing = c.get("/search", params={"q": "x"})
        assert missing.status_code == 503 and "pipeline.py run" in missing.text
    result = cli("serve", "--db", ROOT / "no" / "such.duckdb")
    assert result.exit_code == 2 and result.stderr.startswith("error:") and len(result.stderr.splitlines()) == 1


def test_serve_on_a_port_in_use_is_one_error_line(cli, webapp_db):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = cli("serve", "--db", webapp_db, "--port", taken.getsockname()[1])
    assert result.exit_code == 2 and result.stderr.startswith("error: --host 127.0.0.1 --port")
    assert "cannot listen there" in result.stderr and len(result.stderr.splitlines()) == 1


def test_json_carries_no_nan_or_nat():
    import datetime as dt

    import numpy as np
    import pandas as pd

    from webapp.data import clean

    assert clean({"a": pd.NaT, "b": np.float64("nan"), "c": pd.Timestamp("2021-01-02"), "d": np.int64(3),
                  "e": [dt.date(2020, 1, 1)], "f": float("nan")}) == {
        "a": None, "b": None, "c": "2021-01-02T00:00:00", "d": 3, "e": ["2020-01-01"], "f": None}


def test_a_report_not_looked_up_is_found_in_its_article_on_the_way(client):
    from webapp.data import figure_href

    href = figure_href(VPUB, None, "institutions", "change", "2020-2021", -21.0)
    assert href.startswith(f"/article/{VPUB}/figure?")
    response = client.get(href, follow_redirects=False)
    assert response.status_code == 302 and response.headers["location"] == f"/article/{VPUB}#figure-4"
    missing = client.get(figure_href(VPUB, None, "institutions", "level", "1999-2000", 1.0), follow_redirects=False)
    assert missing.headers["location"] == f"/article/{VPUB}"
    assert client.get(f"/article/{VPUB}/figure", params={"value": "x; DROP"}).status_code == 400


def test_a_filter_the_search_cannot_use_says_so_in_vietnamese(client):
    """As the CLI makes an unknown source or province an error, the page says what is wrong."""
    for params, says in [({"source": "khong-co.vn"}, "Không có nguồn «khong-co.vn»"),
                         ({"province": "Atlantis"}, "«Atlantis» không phải tên một tỉnh")]:
        page = client.get("/search", params={"q": "dien bien", **params})
        assert page.status_code == 200 and says in page.text, page.text[:500]
        found = client.get("/search", params={"q": "dien bien", "format": "json", **params}).json()
        assert found["total"] == 0 and found["message"].startswith(says)
