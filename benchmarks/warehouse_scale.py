"""Warehouse at scale: generated corpora (benchmarks/corpus.py: real seed sentences, numbers
re-drawn, figures and officials planted) loaded through the real schema and loader; load time,
search index build, `search` and `series` latency (median, p95), database and index size, peak
memory.

    python -m benchmarks.warehouse_scale --sizes 10000 100000 1000000 [--out benchmarks/out]
    python -m benchmarks.warehouse_scale --sizes 100000 --baseline 3e6e84b   # and the code of that commit

Each size runs in its own process so that peak memory is its own. The NLP stage is not run here
(benchmarks/nlp_speed.py measures it): rows are planted as the NLP stage would write them, so
this isolates what DuckDB and the search index do with them. ``--baseline REF`` runs the same
sizes, in the same run, with the code of a git commit (its own benchmark, from `git archive`), and
times that code's `pipeline.py search` processes too: the figures to compare with.
"""
from __future__ import annotations

import argparse
import os
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
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
REPEAT = 5
DESCRIPTION = (
    "Generated corpora (`benchmarks/corpus.py`: the seed articles' real sentences drawn to seed lengths, "
    "numbers re-drawn, a province, two figures and an official planted in each) loaded through the real "
    "schema and loader. *load*: articles, figures and officials inserted, duplicates linked, series kept "
    "ready; *index*: the search index built (`fulltext.sync` on an empty index, as `pipeline.py reindex`); "
    "*+1%*: the next crawl's 1% more articles loaded and indexed on their own (the sync after a load). "
    "Latency over " + str(len(QUERIES)) + " editor queries (names, places, topics, with and without "
    "diacritics, one filtered by source and date) and " + str(len(SERIES)) + " series, " + str(REPEAT) +
    " runs each; *open* reuses one connection and the open index (a notebook, a service), *process* is a "
    "whole `pipeline.py search` process per query (interpreter start-up, imports, opening the database and "
    "the index, the search, 10 results with snippets), *series CLI* opens the database per query "
    "in-process. Peak RSS is the whole benchmark process, generator included.")


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

    from warehouse import fulltext
    from warehouse.db import connect
    from warehouse.db import insert_rows
    from warehouse.load import articles_changed, link_duplicates
    from warehouse.series_table import mark_changed, refresh as refresh_series
    from warehouse.queries import search, series

    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / f"scale-{n}.duckdb"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    shutil.rmtree(fulltext.index_root(db), ignore_errors=True)
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
            articles_changed(con)
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
        fulltext.sync(con, db, linked=True)  # the copies were just linked, as after a load
        return generate_s, insert_s, time.perf_counter() - t

    generate_s, load_s, index_s = load(n, 0)
    extra = max(1, n // 100)  # the next crawl: 1% more articles, indexed on their own
    _, extra_load_s, extra_index_s = load(extra, n)
    con.close()
    result = {"articles": n, "generate_s": generate_s, "load_s": load_s, "index_s": index_s,
              "extra": extra, "extra_load_s": extra_load_s, "extra_index_s": extra_index_s}
    result["hits"] = {q: len(search(db, q, **kw)) for q, kw in QUERIES}
    if not all(isinstance(h, int) and h > 0 for h in result["hits"].values()):
        raise SystemExit(f"a benchmark query found nothing, so its latency would mean nothing: {result['hits']}")
    result["series_cli"] = summary([s for p, m in SERIES for s in timed(lambda: series(db, p, m), REPEAT)])
    con = connect(db, read_only=True, create=False)  # one open connection: a notebook, a service
    search(con, QUERIES[0][0])
    result["search_open"] = summary([s for q, kw in QUERIES for s in timed(lambda: search(con, q, **kw), REPEAT)])
    result["series_open"] = summary([s for p, m in SERIES for s in timed(lambda: series(con, p, m), REPEAT)])
    con.close()
    result["db_mb"] = db.stat().st_size / 2**20
    result["index_mb"] = sum(f.stat().st_size for f in fulltext.index_root(db).rglob("*") if f.is_file()) / 2**20
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def process_latency(code: Path, db: Path) -> tuple[float, float, float]:
    """Median and p95 ms of a whole `pipeline.py search` process per query, with the code in
    ``code``; and the median of those that read DuckDB (``--source``: the others are answered by
    the index alone once a search has seen it in step with the file, ``warehouse.stored_search``)."""
    times, through_duckdb = [], []
    # as a user's Python runs it: compiled modules cached (.pyc), which a PYTHONDONTWRITEBYTECODE
    # set around the benchmark would turn into ~40 ms of compiling per process
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, str(code / "pipeline.py"), "search", QUERIES[0][0], "--db", str(db)],
                   cwd=code, capture_output=True, env=env)  # (the first run writes the cache)
    for query, kw in QUERIES:
        args = [sys.executable, str(code / "pipeline.py"), "search", query, "--db", str(db)]
        for key, value in kw.items():
            args += [f"--{key}", str(value)]
        for _ in range(REPEAT):
            t = time.perf_counter()
            proc = subprocess.run(args, cwd=code, capture_output=True, text=True, env=env)
            times.append(time.perf_counter() - t)
            if "source" in kw:
                through_duckdb.append(times[-1])
            if proc.returncode != 0 or "https://" not in proc.stdout:
                raise SystemExit(f"pipeline.py search {query!r} failed or found nothing:\n{proc.stdout}{proc.stderr}")
    return (*summary(times), summary(through_duckdb)[0])


def checkout(ref: str, into: Path) -> Path:
    """The files of commit ``ref`` (git archive), to run that code beside this one."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref], capture_output=True, check=True)
    with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into


def _one(code: Path, n: int, out_dir: Path) -> dict:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.warehouse_scale", "--one", str(n), "--out", str(out_dir)],
                          cwd=code, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"warehouse benchmark at {n} articles ({code}) failed:\n{proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["search_process"] = process_latency(code, out_dir / f"scale-{n}.duckdb")
    return result


def measure(sizes: list[int], out_dir: Path, baseline: str | None = None) -> tuple[list[dict], list[dict]]:
    """Each size in a fresh process (peak memory is per process); with ``baseline``, the same
    sizes with that commit's code, size by size, in the same run."""
    results, before = [], []
    old_code = checkout(baseline, Path(tempfile.mkdtemp(prefix="baseline-"))) if baseline else None
    try:
        for n in sizes:
            results.append(_one(ROOT, n, out_dir))
            if old_code:
                before.append(_one(old_code, n, out_dir / "baseline"))
                shutil.rmtree(out_dir / "baseline", ignore_errors=True)  # a baseline 1M database is 8 GB
    finally:
        if old_code:
            shutil.rmtree(old_code, ignore_errors=True)
    return results, before


def table(results: list[dict]) -> str:
    lines = ["| articles | generate s | load s | index s | +1% load / index s | search ms median / p95 (open) "
             "| search ms median / p95 (process) | series ms median / p95 (open) | series ms median (CLI) | DB MB "
             "| index MB | peak RSS MB |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        lines.append(f"| {r['articles']:,} | {r['generate_s']:.1f} | {r['load_s']:.1f} | {r['index_s']:.1f} "
                     f"| {r['extra_load_s']:.1f} / {r['extra_index_s']:.1f} "
                     f"| {r['search_open'][0]:.1f} / {r['search_open'][1]:.1f} "
                     f"| {r['search_process'][0]:.0f} / {r['search_process'][1]:.0f} "
                     f"| {r['series_open'][0]:.0f} / {r['series_open'][1]:.0f} | {r['series_cli'][0]:.0f} "
                     f"| {r['db_mb']:,.0f} | {r.get('index_mb', 0):,.0f} | {r['peak_rss_mb']:,.0f} |")
    return "\n".join(lines)


def _at(value, i: int) -> float:
    """A figure, or the i-th of a (median, p95) pair."""
    return value[i] if isinstance(value, (list, tuple)) else value


def comparison(results: list[dict], before: list[dict], baseline: str) -> str:
    """This code against the code of commit ``baseline``, size by size, with ratios (baseline / this)."""
    lines = [f"| articles | code | index build s | +1% indexed s | search ms median (open) | search ms p95 (open) "
             f"| search ms median (process) | DB + index MB | peak RSS MB |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for new, old in zip(results, before):
        for name, r in ((f"`{baseline}`", old), ("this", new)):
            lines.append(f"| {r['articles']:,} | {name} | {r['index_s']:.1f} | {r['extra_index_s']:.1f} "
                         f"| {r['search_open'][0]:.1f} | {r['search_open'][1]:.1f} | {r['search_process'][0]:.0f} "
                         f"| {r['db_mb'] + r.get('index_mb', 0):,.0f} | {r['peak_rss_mb']:,.0f} |")
        ratio = lambda key, i=0: _at(old[key], i) / max(1e-9, _at(new[key], i))  # noqa: E731
        lines.append(f"| {new['articles']:,} | ratio `{baseline}` / this | {ratio('index_s'):.1f}x "
                     f"| {ratio('extra_index_s'):.1f}x | {ratio('search_open'):.1f}x | {ratio('search_open', 1):.1f}x "
                     f"| {ratio('search_process'):.1f}x | | |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    ap.add_argument("--baseline", help="also run these sizes with the code of this git commit")
    ap.add_argument("--json", help="also write the measurements to this file")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, Path(args.out))))
        return
    results, before = measure(args.sizes, Path(args.out), args.baseline)
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "baseline": before}, indent=1), encoding="utf-8")
    print(table(results))
    if before:
        print()
        print(comparison(results, before, args.baseline))


if __name__ == "__main__":
    main()
