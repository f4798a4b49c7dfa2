"""Warehouse at scale: generated corpora (benchmarks/corpus.py: real seed sentences, numbers
re-drawn, figures and officials planted) loaded through the real schema and loader; load time,
search index build, `search` and `series` latency (median, p95), database size, peak memory.

    python -m benchmarks.warehouse_scale --sizes 10000 100000 1000000 [--out benchmarks/out]

Each size runs in its own process so that peak memory is its own. The NLP stage is not run here
(benchmarks/nlp_speed.py measures it): rows are planted as the NLP stage would write them, so
this isolates what DuckDB does with them.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# what editors type: names, places and topics, with and without diacritics, and one filtered query
QUERIES = [
    ("dien bien giam doc so", {}),
    ("tốt nghiệp", {}),
    ("kien co hoa co so vat chat", {}),
    ("Nguyễn Văn Kiên", {}),
    ("phổ cập giáo dục xóa mù chữ", {}),
    ("hoc sinh dan toc thieu so", {}),
    ("Sơn La", {}),
    ("giao ban quy 2", {"since": "2020-01-01", "source": "so3"}),
]
SERIES = [("Điện Biên", "institutions"), ("Son La", "students")]
DESCRIPTION = (
    "Generated corpora (`benchmarks/corpus.py`: the seed articles' real sentences drawn to seed lengths, "
    "numbers re-drawn, a province, two figures and an official planted in each) loaded through the real "
    "schema and loader. *load*: articles, figures and officials inserted, duplicates linked, series kept "
    "ready; *index*: the "
    "search index built; *+1%*: the next crawl's 1% more articles loaded and indexed on their own. "
    "Latency over " + str(len(QUERIES)) + " editor queries (names, places, topics, with and without "
    "diacritics, one filtered by source and date) and " + str(len(SERIES)) + " series, 5 runs each; "
    "*open* reuses one connection (a notebook, a service), *CLI* opens the database per query as "
    "`pipeline.py search` does. Peak RSS is the whole benchmark process, generator included.")


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return times


def summary(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return 1000 * statistics.median(times), 1000 * times[max(0, round(len(times) * 0.95) - 1)]


def run_one(n: int, out_dir: Path) -> dict:
    from .corpus import batches

    from warehouse.db import connect
    from warehouse.db import insert_rows
    from warehouse.load import link_duplicates
    from warehouse.search_index import update_search_index
    from warehouse.series_table import mark_changed, refresh as refresh_series
    from warehouse.queries import search, series

    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / f"scale-{n}.duckdb"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    con = connect(db)

    def load(count: int, first: int) -> tuple[float, float, float]:
        generate_s = insert_s = 0.0
        t = time.perf_counter()
        for arts, figs, offs in batches(count, first=first):
            generate_s += time.perf_counter() - t
            t = time.perf_counter()
            con.execute("BEGIN")
            insert_rows(con, "articles", arts)
            insert_rows(con, "figures", figs)
            insert_rows(con, "officials", offs)
            mark_changed(con, [(f["province"], f["metric"]) for f in figs])  # as the loader does (province, metric)
            con.execute("COMMIT")
            insert_s += time.perf_counter() - t
            t = time.perf_counter()
        t = time.perf_counter()
        con.execute("BEGIN")
        link_duplicates(con)
        refresh_series(con)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        insert_s += time.perf_counter() - t
        t = time.perf_counter()  # what load.finish_load does after linking and series, timed on its own
        con.execute("BEGIN")
        update_search_index(con)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
        return generate_s, insert_s, time.perf_counter() - t

    generate_s, load_s, index_s = load(n, 0)
    extra = max(1, n // 100)  # the next crawl: 1% more articles, indexed on their own
    _, extra_load_s, extra_index_s = load(extra, n)
    con.close()
    result = {"articles": n, "generate_s": generate_s, "load_s": load_s, "index_s": index_s,
              "extra": extra, "extra_load_s": extra_load_s, "extra_index_s": extra_index_s}
    repeat = 5
    result["hits"] = {q: len(search(db, q, **kw)) for q, kw in QUERIES}
    if not all(isinstance(h, int) and h > 0 for h in result["hits"].values()):
        raise SystemExit(f"a benchmark query found nothing, so its latency would mean nothing: {result['hits']}")
    result["search_cli"] = summary([s for q, kw in QUERIES for s in timed(lambda: search(db, q, **kw), repeat)])
    result["series_cli"] = summary([s for p, m in SERIES for s in timed(lambda: series(db, p, m), repeat)])
    con = connect(db, read_only=True, create=False)  # one open connection: a notebook, a service
    search(con, QUERIES[0][0])
    result["search_open"] = summary([s for q, kw in QUERIES for s in timed(lambda: search(con, q, **kw), repeat)])
    result["series_open"] = summary([s for p, m in SERIES for s in timed(lambda: series(con, p, m), repeat)])
    con.close()
    result["db_mb"] = db.stat().st_size / 2**20
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def measure(sizes: list[int], out_dir: Path) -> list[dict]:
    """Each size in a fresh process (peak memory is per process)."""
    results = []
    for n in sizes:
        proc = subprocess.run([sys.executable, "-m", "benchmarks.warehouse_scale", "--one", str(n), "--out", str(out_dir)], cwd=ROOT,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"warehouse benchmark at {n} articles failed:\n{proc.stderr[-2000:]}")
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return results


def table(results: list[dict]) -> str:
    lines = ["| articles | generate s | load s | index s | +1% load / index s | search ms median / p95 (open) | search ms median / p95 (CLI) "
             "| series ms median / p95 (open) | series ms median (CLI) | DB MB | peak RSS MB |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        lines.append(f"| {r['articles']:,} | {r['generate_s']:.1f} | {r['load_s']:.1f} | {r['index_s']:.1f} | {r['extra_load_s']:.1f} / {r['extra_index_s']:.1f} "
                     f"| {r['search_open'][0]:.0f} / {r['search_open'][1]:.0f} | {r['search_cli'][0]:.0f} / {r['search_cli'][1]:.0f} "
                     f"| {r['series_open'][0]:.0f} / {r['series_open'][1]:.0f} | {r['series_cli'][0]:.0f} "
                     f"| {r['db_mb']:,.0f} | {r['peak_rss_mb']:,.0f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, Path(args.out))))
        return
    print(table(measure(args.sizes, Path(args.out))))


if __name__ == "__main__":
    main()
