"""End to end through Scrapy: portals on layouts no platform layout describes (a hosted school
portal served in windows-1258, a provincial paper's own CMS, Drupal, DNN with the charset only in
the HTTP header), crawled from their category page
with `pipeline.py run --start-url`: every article of the listing found and read (title, date,
body), the other pages the listing links never stored as articles, a second run adds nothing."""
import duckdb
import pytest

import layout_sites as ls
from conftest import run_cli
from crawler.urls import canonical_url

pytestmark = pytest.mark.slow  # crawls through Scrapy: `make test-all`


@pytest.mark.parametrize("folder,name,platform", [
    ("layouts", "edu_hosted", "generic"), ("layouts", "provincial_paper", "generic"),
    ("layouts_unseen", "drupal", "generic"), ("layouts_unseen", "dnn", "generic"),
    ("layouts_unseen", "aspnet_portal", "generic"), ("layouts_unseen2", "umbraco", "generic"),
    ("layouts_unseen2", "joomla4", "joomla"),  # Joomla 5 is known by its generator tag: the Joomla layout
    ("layouts_unseen3", "drupal10", "generic"), ("layouts_unseen3", "liferay7", "liferay"),
    ("layouts_unseen3", "wordpress_astra", "wordpress"), ("layouts_unseen4", "joomla_k2", "joomla"),
    ("layouts_unseen4", "blogger", "generic"), ("layouts_unseen5", "wordpress_colormag", "wordpress"),
    ("layouts_unseen5", "joomla_t3", "joomla"), ("layouts_unseen6", "nukeviet_mobile", "nukeviet"),
    ("layouts_unseen6", "wordpress_newsup", "wordpress")])
def test_crawl_from_the_category_page_finds_and_reads_every_article(tmp_path, folder, name, platform):
    spec = ls.load(ls.FIXTURES / folder / name)
    db = tmp_path / "n.duckdb"
    with ls.LayoutSite(spec) as site:
        start = site.base + spec["start"]
        first = run_cli("run", "--db", db, "--start-url", start, "--fast", check=True)
        second = run_cli("run", "--db", db, "--start-url", start, "--fast", check=True)
        host = site.base.split("//", 1)[1]
        con = duckdb.connect(str(db), read_only=True)
        rows = {url: (title, published, published_at, body, platform) for url, title, published, published_at, body, platform
                in con.execute("SELECT url, title, published, published_at, body, platform FROM articles").fetchall()}
        outcomes = dict(con.execute("SELECT url, outcome FROM pages").fetchall())
        con.close()
    assert ("generic (page structure)" if platform == "generic" else f"{platform} (detected)") in first.stdout
    for art in spec["articles"]:
        url = canonical_url(f"http://{host}{art['url']}")
        assert url in rows, f"not found: {art['url']}"
        title, published, published_at, body, read_by = rows[url]
        assert read_by == platform and ls.same_text(title, art["title"])
        shown = published_at.strftime("%Y-%m-%dT%H:%M") if published_at else str(published)
        assert ls.same_date(art["published"], shown)
        precision, recall = ls.body_scores(art["body"], body)
        assert precision >= 0.98 and recall >= 0.98
    for path in spec["not_articles"]:
        assert outcomes.get(canonical_url(f"http://{host}{path}")) != "article", path
    assert "Nothing new was found" in second.stdout
