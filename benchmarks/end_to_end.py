"""End to end on a local site: crawl -> articles -> NLP -> DuckDB over N generated NukeViet pages
served on 127.0.0.1 (crawl delays off), through the real `pipeline.py run`.

    python -m benchmarks.end_to_end [--pages 1000] [--jobs 2]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<meta name="generator" content="NukeViet v4.5"></head><body><h1 class="title">{title}</h1>
<span class="h5">Thứ hai - {d:02d}/{m:02d}/{y} 08:15</span><div id="news-bodyhtml" class="bodytext">{body}</div>
<div class="panel">Thống kê truy cập <span>Hôm nay 38,980</span></div></body></html>"""


def build_site(root: Path, pages: int, per_listing: int = 20) -> None:
    gold = [json.loads(l) for l in (ROOT / "tests" / "data" / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines() if l]
    host = root / "bench.local"
    art_dir = host / "news" / "tin-tuc"
    art_dir.mkdir(parents=True)
    (host / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    links = []
    for i in range(pages):
        g = gold[i % len(gold)]
        body = "".join(f"<p>{p}</p>" for p in g["text"].split("\n"))
        name = f"bai-viet-so-{i}-{i + 1000}.html"
        (art_dir / name).write_text(PAGE.format(title=f"{g['title']} ({i})", body=body, d=1 + i % 28, m=1 + i % 12,
                                                y=2015 + i % 9), encoding="utf-8")
        links.append(f'<li><a href="/news/tin-tuc/{name}">Bài viết số {i}</a></li>')
    n_listings = (pages + per_listing - 1) // per_listing
    for k in range(n_listings):
        chunk = "".join(links[k * per_listing:(k + 1) * per_listing])
        nxt = f'<a href="/news/tin-tuc/page-{k + 2}">{k + 2}</a>' if k + 1 < n_listings else ""
        html = f'<html><head><meta name="generator" content="NukeViet v4.5"></head><body><ul>{chunk}</ul>{nxt}</body></html>'
        target = art_dir / "index.html" if k == 0 else art_dir / f"page-{k + 1}" / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def measure(pages: int, jobs: int) -> dict:
    from crawler.mirror import MirrorServer

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_site(tmp / "site", pages)
        with MirrorServer(tmp / "site" / "bench.local") as server:  # serves the host folder at the root
            start = f"{server.base_url}/news/tin-tuc/"
            t = time.perf_counter()
            proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "run", "--db", str(tmp / "b.duckdb"),
                                   "--start-url", start, "--fast", "--max-pages", str(pages + 10), "--jobs", str(jobs)],
                                  capture_output=True, text=True, cwd=ROOT,
                                  env={**os.environ, "PYTHONWARNINGS": "ignore"})
            total = time.perf_counter() - t
    if proc.returncode != 0 or "Processed" not in proc.stdout:
        sys.exit(f"pipeline.py run failed:\n{proc.stdout}\n{proc.stderr}")
    m = re.search(r"Processed (\d+) articles.*\(([\d.]+) s\)", proc.stdout)
    return {"pages": pages, "jobs": jobs, "articles": int(m.group(1)), "total_s": total,
            "crawl_s": float(re.search(r"Crawl \(([\d.]+) s\)", proc.stdout).group(1)),
            "crawl_and_process_s": float(m.group(2))}


def table(r: dict) -> str:
    n = r["articles"]
    after = r["crawl_and_process_s"] - r["crawl_s"]
    return "\n".join([
        f"{r['pages']:,} generated NukeViet pages, {n:,} articles loaded, NLP in {r['jobs']} processes; processing "
        "runs while the crawl stores pages.", "",
        "| stage | seconds | articles/s |", "| --- | --- | --- |",
        f"| crawl (Scrapy, processing alongside) | {r['crawl_s']:.1f} | {n / r['crawl_s']:.1f} |",
        f"| processing left when the crawl ended, search index | {after:.1f} | |",
        f"| crawl to loaded warehouse | {r['crawl_and_process_s']:.1f} | {n / r['crawl_and_process_s']:.1f} |",
        f"| total, including interpreter start-up | {r['total_s']:.1f} | {n / r['total_s']:.1f} |"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    print(table(measure(args.pages, args.jobs)))


if __name__ == "__main__":
    main()
