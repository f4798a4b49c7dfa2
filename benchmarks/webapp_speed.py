"""The web app at scale: server time of the search, article and series pages on the generated
warehouses of benchmarks/warehouse_scale.py, served by the real `pipeline.py serve`.

    python -m benchmarks.webapp_speed --sizes 100000 1000000 [--out benchmarks/out] [--repeat 5]

A warehouse of N articles is `<out>/scale-N.duckdb`, as warehouse_scale.py leaves it (built first
by it when missing). Its schema is brought up to date once (as the next `pipeline.py process`
would), then the app is started in a process of its own and asked for each page `repeat` times
after one warm-up request; then again with `serve --per-request` (the database opened for every
request, as while a crawl writes). *Server time* is what the app itself reports in its
`Server-Timing` header (from the request's arrival to the response's first byte, the page
rendered); of it, *open* is getting a connection (a cursor of the one kept open, or a new one).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent

SERIES = [("Điện Biên", "institutions"), ("Son La", "students"), ("Nghệ An", "classes")]
ARTICLES = 20  # articles drawn at random from the warehouse
DESCRIPTION = (
    "The generated warehouses above, served by `pipeline.py serve` (one process, uvicorn). *Server time* is "
    "the app's own `Server-Timing` (request in to first byte out, page rendered), median and p95 over "
    "each page asked {repeat} times after a warm-up: the search page for the warehouse benchmark's editor "
    "queries (results, count, month and source charts), the article page for " + str(ARTICLES) + " articles "
    "drawn at random (text with figures, officials and dates marked), the series page for " + str(len(SERIES))
    + " province × metric series (levels chart, every period's reports with their sentences, changes). "
    "*open*: the part of it spent getting a connection (the app keeps one open while no writer waits for the "
    "file: `webapp/connection.py`). *Per request*: the same pages served with `serve --per-request`, the "
    "database opened and closed for every request, as the app does for some seconds after a writer (a crawl) "
    "waited for the file.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_warehouse(n: int, out_dir: Path) -> tuple[Path, float]:
    """The generated warehouse of ``n`` articles (built by warehouse_scale.py when missing), its
    schema brought up to date; and how long that took."""
    from warehouse.db import connect

    db = out_dir / f"scale-{n}.duckdb"
    if not db.exists():
        proc = subprocess.run([sys.executable, "-m", "benchmarks.warehouse_scale", "--one", str(n), "--out",
                               str(out_dir)], cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"building the {n}-article warehouse failed:\n{proc.stderr[-2000:]}")
    started = time.perf_counter()
    con = connect(db)  # migrations not applied yet run now, as the next load would run them
    con.execute("CHECKPOINT")
    con.close()
    return db, time.perf_counter() - started


def _pages(db: Path, rnd: random.Random) -> dict[str, list[str]]:
    import duckdb

    from .warehouse_scale import QUERIES

    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = [r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()]
    finally:
        con.close()
    search = ["/search?" + urlencode({"q": q, **kw}) for q, kw in QUERIES]
    articles = [f"/article/{aid}" for aid in rnd.sample(ids, min(ARTICLES, len(ids)))]
    series = ["/series?" + urlencode({"province": p, "metric": m}) for p, m in SERIES]
    return {"search": search, "article": articles, "series": series}


def _timing(header: str) -> dict[str, float]:
    return {m.group(1): float(m.group(2)) for m in re.finditer(r"([\w-]+);dur=([\d.]+)", header or "")}


def run_one(n: int, out_dir: Path, repeat: int, seed: int = 7) -> dict:
    db, migrate_s = ensure_warehouse(n, out_dir)
    result = {"articles": n, "migrate_s": migrate_s, "repeat": repeat}
    result.update(_serve_and_ask(db, repeat, seed, []))
    result["per_request"] = _serve_and_ask(db, repeat, seed, ["--per-request"])
    return result


def _serve_and_ask(db: Path, repeat: int, seed: int, options: list[str]) -> dict:
    """Each page's timings from `pipeline.py serve` started with ``options``."""
    import httpx

    port = _free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "serve", "--db", str(db), "--port", str(port),
                               *options], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    result = {}
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    client.get("/static/style.css")
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(f"the app did not start: {server.stderr.read()[-2000:]}")
                    time.sleep(0.2)
            for page, urls in _pages(db, random.Random(seed)).items():
                server_ms, open_ms, client_ms = [], [], []
                for url in urls:
                    client.get(url)  # warm-up: the first request of a page type pays imports, template compiling
                    for _ in range(repeat):
                        t = time.perf_counter()
                        response = client.get(url)
                        client_ms.append(1000 * (time.perf_counter() - t))
                        if response.status_code != 200:
                            raise SystemExit(f"{url}: HTTP {response.status_code}: {response.text[:500]}")
                        timing = _timing(response.headers.get("server-timing"))
                        server_ms.append(timing["app"])
                        open_ms.append(timing.get("db-open", 0.0))
                server_ms.sort()
                result[page] = {"requests": len(server_ms), "p50": statistics.median(server_ms),
                                "p95": server_ms[max(0, round(len(server_ms) * 0.95) - 1)],
                                "open_p50": statistics.median(open_ms),
                                "client_p50": statistics.median(client_ms)}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return result


def measure(sizes: list[int], out_dir: Path, repeat: int = 5) -> list[dict]:
    return [run_one(n, out_dir, repeat) for n in sizes]


def table(results: list[dict]) -> str:
    lines = ["| articles | page | requests | server ms p50 / p95 | of it open ms p50 | client ms p50 "
             "| per request: server ms p50 / p95 (of it open) |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        for page in ("search", "article", "series"):
            t, p = r[page], r["per_request"][page]
            lines.append(f"| {r['articles']:,} | {page} | {t['requests']} | {t['p50']:.1f} / {t['p95']:.1f} "
                         f"| {t['open_p50']:.1f} | {t['client_p50']:.1f} "
                         f"| {p['p50']:.1f} / {p['p95']:.1f} ({p['open_p50']:.1f}) |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json", action="store_true", help="print the measurements as JSON too")
    args = ap.parse_args()
    results = measure(args.sizes, Path(args.out), args.repeat)
    if args.json:
        print(json.dumps(results))
    print(DESCRIPTION.format(repeat=args.repeat))
    print()
    print(table(results))


if __name__ == "__main__":
    main()
