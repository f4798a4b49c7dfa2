"""Readers are never locked out by a crawl: while `pipeline.py run` crawls a generated site into a
warehouse that already holds the sample, searches and series are read again and again, through
the warehouse's query functions (what the CLI and the notebooks call) and through the web app,
and every one of them succeeds. How long each waited is printed (the README's figure)."""
import os
import subprocess
import sys
import time

import pytest
from starlette.testclient import TestClient

from conftest import ROOT, copy_database

pytestmark = pytest.mark.slow  # a crawl through Scrapy: `make test-all`

PAGES = 300


def test_searches_and_series_succeed_again_and_again_while_a_crawl_runs(warehouse_db, tmp_path):
    from benchmarks.end_to_end import build_site
    from crawler.mirror import MirrorServer
    from warehouse import queries
    from webapp import create_app

    db = tmp_path / "news.duckdb"
    copy_database(warehouse_db, db)
    build_site(tmp_path / "site", PAGES)
    reads: dict[str, list[float]] = {"search": [], "series": [], "app search": [], "app series": []}
    failures = []
    with MirrorServer(tmp_path / "site" / "bench.local") as site, TestClient(create_app(db)) as app:
        crawl = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "run", "--db", str(db), "--start-url",
                                  f"{site.base_url}/news/tin-tuc/", "--fast", "--max-pages", str(PAGES + 10),
                                  "--jobs", "1"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 env={**os.environ, "PYTHONWARNINGS": "ignore"})
        try:
            while crawl.poll() is None:
                for name, read in (
                        ("search", lambda: queries.search(db, "dien bien giam doc so")),
                        ("series", lambda: queries.series(db, "Điện Biên", "institutions")),
                        ("app search", lambda: app.get("/search", params={"q": "dien bien", "format": "json"})),
                        ("app series", lambda: app.get("/series", params={"province": "Điện Biên",
                                                                          "metric": "institutions", "format": "json"}))):
                    started = time.perf_counter()
                    try:
                        answer = read()
                    except Exception as exc:  # noqa: BLE001 — "in use by another process" is what must not happen
                        failures.append(f"{name}: {exc}")
                        continue
                    took = time.perf_counter() - started
                    if crawl.poll() is not None:  # only what was read while the crawl was still running counts
                        break
                    if name == "search":
                        assert isinstance(answer, list) and answer, answer
                    elif name == "series":
                        assert list(answer["value"])[:2] == [522.0, 497.0]
                    else:
                        assert answer.status_code == 200, answer.text[:300]
                        body = answer.json()
                        assert body["total"] if name == "app search" else body["periods"], body
                    reads[name].append(took)
                time.sleep(0.3)
            out, err = crawl.communicate(timeout=600)
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.wait()
    assert crawl.returncode == 0, out + err
    assert f"Processed {PAGES} articles" in out, out
    assert not failures, failures
    for name, times in reads.items():
        assert len(times) >= 3, (name, len(times), "reads while the crawl ran")
    print("reads while the crawl ran (count, median s, max s):",
          {name: (len(t), round(sorted(t)[len(t) // 2], 3), round(max(t), 3)) for name, t in reads.items()})
