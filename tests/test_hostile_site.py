"""A hostile site crawled to the end within the configured bounds: every bad page recorded with
its reason in the summary and in `pages`, nothing crashes, injected markup and SQL stored as inert
text, a second run adds nothing (session ids in links included), and a kill -9 of the run leaves
no process of it behind."""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, run_cli
from hostile_site import GOOD, INJECTED_TITLE, HostileHandler, HostileSite

pytestmark = pytest.mark.slow  # crawls and kills: `make test-all`


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    db = tmp_path_factory.mktemp("hostile") / "h.duckdb"
    with HostileSite() as site:
        start = f"{site.url}/tin-tuc/"
        started = time.monotonic()
        first = run_cli("run", "--db", db, "--start-url", start, "--fast", "--timeout", "3", check=True)
        seconds = time.monotonic() - started
        hits, times = dict(HostileHandler.hits), dict(HostileHandler.times)
        second = run_cli("run", "--db", db, "--start-url", start, "--fast", "--timeout", "3", check=True)
    return {"db": db, "first": first.stdout, "second": second.stdout, "hits": hits, "times": times, "seconds": seconds}


def _con(crawled):
    return duckdb.connect(str(crawled["db"]), read_only=True)


def test_every_bad_page_is_in_the_summary_with_its_reason(crawled):
    out = crawled["first"]
    for reason in ("failed: over size limit 2", "failed: timeout 1", "failed: body cut short 1", "failed: HTTP 503 1",
                   "not an article: not text (binary content served as a page) 1", "not an article: empty page 1",
                   "not an article: markup nested", "listing pages beyond the depth limit"):
        assert reason in out, f"{reason!r} not in the summary:\n{out}"
    con = _con(crawled)
    recorded = dict(con.execute("SELECT url, coalesce(error, outcome) FROM pages WHERE outcome <> 'article'").fetchall())
    assert len(recorded) == 8 and all(recorded.values())


def test_traps_are_bounded_and_the_articles_are_not_starved(crawled):
    hits = crawled["hits"]
    assert hits["/tin-tuc/"] <= 52  # the endless pager with a new session id on every page
    assert sum(n for path, n in hits.items() if path.startswith("/lich/")) <= 52  # the endless calendar
    assert crawled["seconds"] < 120
    con = _con(crawled)
    titles = {t for (t,) in con.execute("SELECT title FROM articles").fetchall()}
    assert set(GOOD.values()) <= titles
    assert "Trang quá tải xin thử lại sau" in titles  # a 429 retried ...
    first, retry = crawled["times"]["/tin-tuc/qua-tai-thu-lai-sau-2005.html"][:2]
    assert retry - first >= 1.9  # ... no sooner than its Retry-After (2 s)


def test_injected_markup_and_sql_are_stored_as_inert_text(crawled):
    con = _con(crawled)
    (title, body) = con.execute("SELECT title, body FROM articles WHERE url LIKE '%-2010.html'").fetchone()
    assert title == INJECTED_TITLE and INJECTED_TITLE in body
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 7  # the table is still there


def test_a_million_character_article_is_processed_in_pieces(crawled):
    con = _con(crawled)
    length, warnings, figures = con.execute("""SELECT length(a.body), a.warnings, count(f.seq) FROM articles a
        LEFT JOIN figures f USING (article_id) WHERE a.url LIKE '%-2013.html' GROUP BY ALL""").fetchone()
    assert length > 1_000_000 and figures > 10_000


def test_a_second_run_adds_nothing(crawled):
    assert "Nothing new was found" in crawled["second"]
    con = _con(crawled)
    assert con.execute("SELECT count(*), count(DISTINCT url) FROM pages WHERE outcome = 'article'").fetchone() == (7, 7)


def _descendants(pid: int) -> set[int]:
    found, frontier = set(), [pid]
    while frontier:
        p = frontier.pop()
        for task in Path(f"/proc/{p}/task").glob("*"):
            try:
                kids = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            for k in kids:
                if k not in found:
                    found.add(k)
                    frontier.append(k)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def test_no_process_of_a_killed_run_remains(tmp_path):
    with HostileSite() as site:
        proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "run", "--db", str(tmp_path / "k.duckdb"),
                                 "--start-url", f"{site.url}/tin-tuc/", "--timeout", "3", "--jobs", "2"], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while len(_descendants(proc.pid)) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)  # the crawl child and the processing workers
        children = _descendants(proc.pid)
        assert len(children) >= 3, "the crawl and its workers never started"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 15
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [c for c in children if _alive(c)]
