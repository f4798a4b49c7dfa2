"""The web app in a real browser: Debian's headless Chromium (/usr/bin/chromium, installed by
`make test-all` when missing) driven by Playwright, against `pipeline.py serve` on the sample's
warehouse. An editor types a query without diacritics, opens an article, follows an official's
name; a researcher opens a series and follows a point to its sentence; the same on a phone's
screen; a hostile article stays text. Each page is photographed into the test's tmp folder and
copied to tests/screenshots/ (not committed) for a person to look at."""
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import INJECTED_URLS, ROOT
from hostile_site import INJECTED_TITLE

pytestmark = pytest.mark.slow  # a browser and a server: `make test-all`

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(webapp_db):
    """`pipeline.py serve` on a free port, host left to its default."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(webapp_db),
                             "--port", str(port)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"pipeline.py serve did not start: {proc.communicate()[1][-2000:]}")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make browser` installs Debian's chromium package")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screenshots")
    yield folder
    keep = ROOT / "tests" / "screenshots"
    keep.mkdir(exist_ok=True)
    for png in folder.glob("*.png"):
        shutil.copy(png, keep / png.name)


def shoot(page, shots, name: str) -> None:
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert (shots / f"{name}.png").stat().st_size > 5000


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    yield tab
    context.close()


def test_editor_searches_without_diacritics_opens_an_article_and_an_official(server, page, shots):
    page.goto(f"{server}/search")
    page.fill("#q", "dien bien")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=dien+bien*")
    assert int(page.inner_text("#total").replace(".", "")) == 4  # every article that names Điện Biên
    titles = page.locator(".result .title").all_inner_texts()
    assert any(t.startswith("Điện Biên: Tiếp tục chú trọng") for t in titles)
    assert page.locator(".result mark", has_text="Điện").count() > 0  # matched words marked
    assert page.locator("svg.chart").count() == 2  # articles per month, per source
    shoot(page, shots, "search")
    # the articles of Điện Biên's portals too (VPUB's report never names its province): the
    # province filter, typed without diacritics as well
    page.fill("#q", "giao duc")
    page.click("summary")
    page.fill("input[name=province]", "dien bien")
    page.press("#q", "Enter")
    page.wait_for_url("**/search?q=giao+duc*province=dien+bien*")
    assert int(page.inner_text("#total").replace(".", "")) >= 4
    shoot(page, shots, "search-province")

    page.click("text=VPUB - Đồng chí Vừ A Bằng")
    figure = page.locator(".mark.figure", has_text="497 trường, trung tâm")
    assert figure.is_visible()
    assert figure.evaluate("e => getComputedStyle(e).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    hint = figure.get_attribute("title")
    assert "497" in hint and "Trường, trung tâm" in hint and "2020-2021" in hint
    assert page.locator(".mark.date", has_text="năm học 2020 – 2021").is_visible()
    assert page.locator("a", has_text="Bài gốc trên dienbien.gov.vn").get_attribute("href").startswith(
        "https://dienbien.gov.vn/")
    shoot(page, shots, "article")

    page.locator(".mark.official", has_text="Nguyễn Văn Kiên").click()
    page.wait_for_url("**/person?name=*")
    assert page.inner_text("h1") == "Nguyễn Văn Kiên"
    rows = page.locator("table.roles tbody tr").all_inner_texts()
    assert any(r.startswith("Phó Giám đốc phụ trách") and "26/01/2018" in r for r in rows)
    assert any(r.startswith("Giám đốc") and "02/10/2020" in r and "25/02/2021" in r for r in rows)
    assert page.locator("ul.articles li").count() == 3
    shoot(page, shots, "person")
    assert page.dialogs == []


def test_researcher_opens_the_dien_bien_institutions_series_and_follows_a_point(server, page, shots):
    page.goto(f"{server}/series")
    page.fill("input[name=province]", "Điện Biên")
    page.select_option("select[name=metric]", "institutions")
    page.click("button[type=submit]")
    page.wait_for_url("**/series?province=*")
    rows = {r.split("\t")[0].strip(): r for r in page.locator("table.series").first.locator("tbody tr").all_inner_texts()}
    assert set(rows) == {"2019-2020", "2020-2021"}
    assert "522" in rows["2019-2020"] and "497" in rows["2020-2021"]
    for period, value in (("2019-2020", "522"), ("2020-2021", "497")):
        link = page.locator("table.series").first.locator("tr", has_text=period).locator("a.report")
        assert link.inner_text() == value and "#figure-" in link.get_attribute("href")
    points = page.locator("svg.chart a.point-link")
    assert points.count() == 2 and "−21" in page.locator("table.series").nth(1).inner_text()
    shoot(page, shots, "series")

    page.locator("svg.chart a.point-link circle").nth(1).click()  # the chart's 497 leads to its sentence
    page.wait_for_url("**/article/*#figure-*")
    target = page.locator(":target")
    assert target.inner_text() == "497 trường, trung tâm"
    shoot(page, shots, "series-point-to-sentence")


def test_every_page_fits_a_phone(server, browser, shots):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        for name, url in (("search", "/search?q=dien+bien"), ("article", "/article/d623e720ba0314e0"),
                          ("person", "/person?name=Nguy%E1%BB%85n%20V%C4%83n%20Ki%C3%AAn"),
                          ("series", "/series?province=%C4%90i%E1%BB%87n%20Bi%C3%AAn&metric=institutions")):
            tab.goto(server + url)
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name}: {overflow}px wider than the phone"
            size = tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            assert size >= 14, name
            shoot(tab, shots, f"{name}-phone")
    finally:
        context.close()


def test_a_hostile_article_is_shown_as_text_and_runs_nothing(server, page, shots):
    from warehouse.load import article_id_for

    page.goto(f"{server}/article/{article_id_for(INJECTED_URLS[0][1])}")
    assert page.inner_text("h1") == INJECTED_TITLE
    assert "<img src=x onerror=alert(1)>" in page.inner_text(".body")
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    page.goto(f"{server}/search?q=" + "DROP TABLE articles")
    assert INJECTED_TITLE in page.locator(".result .title").all_inner_texts()
    page.goto(f"{server}/article/{article_id_for(INJECTED_URLS[0][1])}/raw?view=html")  # the page as stored
    shoot(page, shots, "hostile-raw")
    assert page.dialogs == []
