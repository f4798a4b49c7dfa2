"""Shared fixtures. Two tiers: the default (fast) tier runs in-process; tests marked ``slow``
(crawls through Scrapy, killed processes, notebooks, benchmarks, a browser) run with
``make test-all`` and in CI."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"
SAMPLE_SITE = ROOT / "crawler" / "sample_site"


def run_cli(*args, check=False, timeout=300):
    """``pipeline.py`` in a process of its own: for crawls, signals and terminals."""
    proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"pipeline.py {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def cli():
    """``pipeline.py`` in-process (click's CliRunner): ``cli("search", "x", "--db", db)`` gives a
    result with ``exit_code``, ``stdout`` and ``stderr``."""
    from click.testing import CliRunner

    from pipeline import cli as app

    def invoke(*args, check=False):
        result = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
        if check and result.exit_code != 0:
            raise AssertionError(f"pipeline.py {' '.join(map(str, args))} failed ({result.exit_code}):\n"
                                 f"{result.stdout}\n{result.stderr}")
        return result

    return invoke


@pytest.fixture(scope="session")
def gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


def sample_article_pages() -> list[tuple[str, Path]]:
    """(URL, file) of the bundled sample's article pages: every mirrored page but the listings."""
    listings = {"index.html", "tin-giao-duc.aspx", "robots.txt"}
    return sorted((f"https://{path.relative_to(SAMPLE_SITE).as_posix()}", path)
                  for path in SAMPLE_SITE.glob("*.*/**/*") if path.is_file() and path.name not in listings)


def store_pages(db, pages, run_id="test") -> None:
    """Pages written to a database's page store as the crawler writes them: ``pages`` are
    ``(url, source_id, body bytes)``."""
    import orchestration
    from crawler.items import PageItem
    from crawler.page_store import WarcWriterFile, write_page

    out = WarcWriterFile(orchestration.page_store_dir(db), run_id)
    for url, source_id, body in pages:
        item = PageItem(url, source_id, url, "article", status=200, content_type="text/html; charset=utf-8",
                        http_charset="utf-8", body=body)
        write_page(out, item, run_id, [("Content-Type", "text/html; charset=utf-8")])
    out.close()


def search_results(db, queries) -> dict:
    """The one place the cluster and export tests search (``warehouse.queries.search``, through its
    current signature): for each query, (score, article id) best first, ties in article order."""
    from warehouse.queries import search

    found = {}
    for query in queries:
        rows = search(db, query, limit=20)
        found[query] = rows if isinstance(rows, str) else sorted(
            ((round(-r["score"], 6), r["article_id"]) for r in rows))
    return found


def copy_database(src, dst) -> None:
    """A database, its page store and its search index, copied."""
    import shutil

    import orchestration

    shutil.copy(src, dst)
    shutil.copytree(orchestration.page_store_dir(src), orchestration.page_store_dir(dst))
    if orchestration.search_index_dir(src).exists():
        shutil.copytree(orchestration.search_index_dir(src), orchestration.search_index_dir(dst))


def index_entries(db) -> int:
    """How many articles the search index of ``db`` holds, opened as a search opens it (so brought
    in step first if it is behind and nobody is loading)."""
    from warehouse import fulltext
    from warehouse.db import connect

    con = connect(db, read_only=True, create=False)
    try:
        return fulltext.open_index(con, db).searcher().num_docs
    finally:
        con.close()


@pytest.fixture(scope="session")
def warehouse_db(tmp_path_factory):
    """The sample's five article pages stored as a crawl stores them (WARC), then processed
    in-process by the real article, NLP and warehouse stages (no Scrapy): the fast tier's database."""
    import orchestration
    from crawler.registry import SAMPLE_REGISTRY, load_registry
    from warehouse.db import connect
    from warehouse.load import upsert_sources

    db = tmp_path_factory.mktemp("warehouse") / "news.duckdb"
    sources = load_registry(SAMPLE_REGISTRY)
    con = connect(db)
    upsert_sources(con, sources)
    con.close()
    pages = []
    for url, path in sample_article_pages():
        host = url.split("/")[2]
        source = next(s for s in sources if host in s.allowed_domains)
        pages.append((url, source.source_id, path.read_bytes()))
    store_pages(db, pages)
    outcome = orchestration.process_stored(db, all_pages=False, jobs=1)
    assert outcome.report.articles == 5, outcome.report.skipped
    return db


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """The bundled sample crawled once, end to end through Scrapy, into a fresh database (slow)."""
    db = tmp_path_factory.mktemp("sample") / "news.duckdb"
    first = run_cli("run", "--db", db, check=True)
    return {"db": db, "first_run": first}


@pytest.fixture(scope="session")
def nlp():
    from nlp.pipeline import build_nlp
    return build_nlp()


@pytest.fixture
def extract(nlp):
    from nlp.pipeline import extract_articles

    def _extract(text, published=None, title="", province=None):
        art = {"id": "t", "title": title, "text": text, "published": published, "province": province}
        return next(iter(extract_articles(nlp, [art])))[1]
    return _extract


# an article whose title and body carry markup and SQL, as a hostile page would (tests/hostile_site.py)
INJECTED_URLS = [("sgddt-portal.invalid", "https://sgddt-portal.invalid/tin-tuc/chen-ma-doc-2010.html"),
                 ("dienbien.edu.vn", "https://dienbien.edu.vn/news/tin-tuc/chen-ma-doc-2010.html")]


@pytest.fixture(scope="session")
def webapp_db(warehouse_db, tmp_path_factory):
    """The sample's warehouse plus one hostile article (``<script>``, an ``onerror`` image and SQL in
    its title and body), published twice, so that the second is a syndicated copy of the first:
    what the web app is tested on."""
    from html import escape

    import orchestration
    from hostile_site import INJECTED_TITLE, PARAGRAPH, page

    db = tmp_path_factory.mktemp("webapp") / "news.duckdb"
    copy_database(warehouse_db, db)
    body = (f"<p>{escape(INJECTED_TITLE)} {PARAGRAPH}</p>"
            f"<p>Robert'); DROP TABLE figures;-- {escape('<img src=x onerror=alert(1)>')}</p>")
    store_pages(db, [(url, sid, page(INJECTED_TITLE, body).encode()) for sid, url in INJECTED_URLS], run_id="hostile")
    outcome = orchestration.process_stored(db, all_pages=False, jobs=1)
    assert outcome.report.articles == 2, outcome.report.skipped
    return db
