"""A generated site already crawled: N NukeViet article pages (the seed articles' text, each page
numbered so that no two bodies are the same) written into a database's page store as the crawler
writes them, spread over several sources and fetch batches, ready for ``pipeline.py process``.
Used by the cluster tests and ``benchmarks/cluster_speed.py``; no network, no Scrapy.
"""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROVINCES = ("Điện Biên", "Lai Châu", "Sơn La", "Hà Giang")


def _seeds() -> list[dict]:
    return [json.loads(line) for line in (ROOT / "tests" / "data" / "seeds.gold.jsonl").read_text(encoding="utf-8")
            .splitlines() if line.strip()]


def make_stored_site(db, pages: int, sources: int = 3, batches: int = 2) -> list[str]:
    """Store ``pages`` generated article pages for ``sources`` sources, fetched in ``batches``
    crawl runs; register the sources. Returns the source ids."""
    from crawler.items import PageItem
    from crawler.page_store import WarcWriterFile, write_page
    from crawler.registry import Source
    from orchestration import page_store_dir
    from warehouse.db import connect
    from warehouse.load import upsert_sources

    from .end_to_end import PAGE

    registry = [Source(f"so{k}.example.edu.vn", f"Sở GD&ĐT {PROVINCES[k % len(PROVINCES)]}",
                       PROVINCES[k % len(PROVINCES)], "so_gddt", "nukeviet4",
                       (f"https://so{k}.example.edu.vn/news/",), (f"so{k}.example.edu.vn",), True)
               for k in range(sources)]
    con = connect(db)
    try:
        upsert_sources(con, registry)
    finally:
        con.close()
    seeds = _seeds()
    writers = [WarcWriterFile(page_store_dir(db), f"crawl{b}") for b in range(batches)]
    for i in range(pages):
        source = registry[i % sources]
        batch = (i // sources) % batches
        seed = seeds[i % len(seeds)]
        paragraphs = [f"Bản tin số {i} của {source.name}."] + seed["text"].split("\n")
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        html = PAGE.format(title=f"{seed['title']} ({i})", body=body, d=1 + i % 28, m=1 + i % 12, y=2015 + i % 9)
        url = f"https://{source.allowed_domains[0]}/news/tin-tuc/bai-viet-so-{i}-{i + 1000}.html"
        item = PageItem(url, source.source_id, url, "article", status=200,
                        content_type="text/html; charset=utf-8", http_charset="utf-8", body=html.encode("utf-8"))
        write_page(writers[batch], item, f"crawl{batch}", [("Content-Type", "text/html; charset=utf-8")])
    for w in writers:
        w.close()
    return [s.source_id for s in registry]
