"""Re-processing on Dask against the local path, on the same stored pages.

    python -m benchmarks.cluster_speed [--pages 1000] [--rounds 3]

A generated site (``benchmarks/stored_site.py``) is stored once and copied; each configuration
runs the real command on its own copy, ``pipeline.py process --all``:

- the local path in one process (``--jobs 1``);
- the cluster path on a LocalCluster of 1 worker (``--cluster local:1``): its overhead against the
  local path (cluster start-up, Parquet both ways, a transaction per partition);
- the cluster path on 2 workers (``--cluster local:2``): its speed-up against 1 worker;
- underthesea's ``word_tokenize`` alone over the same article texts, and split between 2 processes
  as ``benchmarks/nlp_speed.py`` does: the ceiling this machine gives two processes.

Rounds are interleaved and the best of each kept (a burst of load from elsewhere on this shared
machine then spoils one round of one configuration, not a ratio). *seconds* is what the command
reports for its work (from opening the warehouse to the search index in step, cluster start-up
included), *wall* adds the interpreter's start; *CPU* is the command's and its workers' CPU time.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = (("local path, `--jobs 1`", ["--jobs", "1"]),
           ("cluster, `--cluster local:1`", ["--cluster", "local:1"]),
           ("cluster, `--cluster local:2`", ["--cluster", "local:2"]))


DESCRIPTION = ("The same generated pages re-processed by `pipeline.py process --all`: the local path in one "
               "process, the cluster path on a LocalCluster of one and of two workers, and underthesea's "
               "`word_tokenize` alone and split between two processes (this machine's ceiling for two). The "
               "overhead of the cluster path is split into what it pays once (cluster start-up) and per page, "
               "from a second, smaller size.")


def _copy(src: Path, dst: Path) -> None:
    shutil.copy(src, dst)
    shutil.copytree(src.with_suffix(".pages"), dst.with_suffix(".pages"))


def _texts(db: Path) -> list[str]:
    """The article texts of the stored pages (the article stage alone, on the WARC records)."""
    from crawler.articles import page_to_article
    from crawler.page_store import read_records, warc_files
    from orchestration import page_store_dir

    return [page_to_article(rec.url, rec.body, rec.http_charset, "nukeviet4").body
            for path in warc_files(page_store_dir(db)) for rec, _ in read_records(path, 0, with_body=True) if rec]


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(db: Path, extra: list[str]) -> dict:
    cpu = _cpu_children()
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "process", "--all", "--db", str(db), *extra],
                          capture_output=True, text=True, cwd=ROOT, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    wall = time.perf_counter() - started
    m = re.search(r"Processed (\d+) articles.*\(([\d.]+) s\)", proc.stdout)
    if proc.returncode != 0 or not m:
        sys.exit(f"pipeline.py process {' '.join(extra)} failed:\n{proc.stdout}\n{proc.stderr}")
    return {"articles": int(m.group(1)), "seconds": float(m.group(2)), "wall": wall, "cpu": _cpu_children() - cpu}


def measure(pages: int, rounds: int = 3, small: int | None = None) -> dict:
    """Each configuration on ``pages`` pages; the local path and one worker also on ``small``
    pages (default a quarter), which splits the cluster path's overhead into what it costs once
    (start-up) and what it costs per page."""
    from benchmarks.nlp_speed import _tokenize_all, _tokenize_in_processes
    from benchmarks.stored_site import make_stored_site

    small = small or max(4, pages // 4)
    runs = [(name, extra, pages) for name, extra in CONFIGS] + [(name, extra, small) for name, extra in CONFIGS]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        stored = {}
        for n in (pages, small):
            stored[n] = tmp / f"stored-{n}.duckdb"
            make_stored_site(stored[n], n, sources=4, batches=2)
        texts = _texts(stored[pages])
        _tokenize_all(texts[:2])  # the model loaded before the clock starts
        dbs = {}
        for name, _, n in runs:
            dbs[name, n] = tmp / f"{len(dbs)}.duckdb"
            _copy(stored[n], dbs[name, n])
        best: dict = {}
        for _ in range(rounds):
            for name, extra, n in runs:
                got = _run(dbs[name, n], extra)
                if got["articles"] != n:
                    sys.exit(f"{name}: {got['articles']} articles of {n} pages")
                key = name if n == pages else (name, "small")
                for k in ("seconds", "wall", "cpu"):
                    best.setdefault(key, {})[k] = min(best.get(key, {}).get(k, float("inf")), got[k])
            t = time.perf_counter()
            _tokenize_all(texts)
            best["wt1"] = min(best.get("wt1", float("inf")), time.perf_counter() - t)
            t = time.perf_counter()
            _tokenize_in_processes(texts, 2)
            best["wt2"] = min(best.get("wt2", float("inf")), time.perf_counter() - t)
    return {"pages": pages, "small": small, "rounds": rounds, "chars": sum(map(len, texts)), **best}


def ratios(r: dict) -> dict:
    local, one, two = (r[name] for name, _ in CONFIGS)
    out = {"speedup_2_vs_1": one["seconds"] / two["seconds"], "ceiling_2": r["wt1"] / r["wt2"],
           "overhead_seconds": one["seconds"] / local["seconds"] - 1, "overhead_cpu": one["cpu"] / local["cpu"] - 1}
    # overhead = once + per_page * pages, from the two sizes; per page as a share of the local path's cost
    local_s, one_s = r[CONFIGS[0][0], "small"], r[CONFIGS[1][0], "small"]
    for k in ("seconds", "cpu"):
        big, little = one[k] - local[k], one_s[k] - local_s[k]
        per_page = (big - little) / (r["pages"] - r["small"])
        local_per_page = (local[k] - local_s[k]) / (r["pages"] - r["small"])
        out[f"once_{k}"] = big - per_page * r["pages"]
        out[f"marginal_{k}"] = per_page / local_per_page if local_per_page > 0 else float("nan")
    # two workers against one, per page: the start-up (paid by each) taken out by the two sizes
    two_s = r[CONFIGS[2][0], "small"]
    two_per_page = two["seconds"] - two_s["seconds"]
    out["marginal_speedup"] = (one["seconds"] - one_s["seconds"]) / two_per_page if two_per_page > 0 else float("nan")
    return out


def table(r: dict) -> str:
    n = r["pages"]
    q = ratios(r)
    local, one, _ = (r[name] for name, _ in CONFIGS)
    lines = [f"{n} stored pages (4 sources, 2 fetch batches; {r['chars']:,} characters of article text), "
             f"`pipeline.py process --all` on each, best of {r['rounds']} interleaved rounds.", "",
             "| what | seconds | wall s | CPU s | pages/s | ratio |", "| --- | --- | --- | --- | --- | --- |"]
    for name, _ in CONFIGS:
        row = r[name]
        if name.startswith("local"):
            ratio = "1.00x (the local path)"
        elif "local:1" in name:
            ratio = (f"overhead vs the local path: {q['overhead_seconds']:+.1%} time, "
                     f"{q['overhead_cpu']:+.1%} CPU")
        else:
            ratio = f"{q['speedup_2_vs_1']:.2f}x one worker; {local['seconds'] / row['seconds']:.2f}x the local path"
        lines.append(f"| {name} | {row['seconds']:.1f} | {row['wall']:.1f} | {row['cpu']:.1f} | "
                     f"{n / row['seconds']:.1f} | {ratio} |")
    for name, _ in CONFIGS:
        row = r[name, "small"]
        lines.append(f"| {name}, {r['small']} pages | {row['seconds']:.1f} | {row['wall']:.1f} | {row['cpu']:.1f} | "
                     f"{r['small'] / row['seconds']:.1f} | |")
    lines.append(f"| underthesea `word_tokenize` alone, same texts | {r['wt1']:.1f} | | | {n / r['wt1']:.1f} | 1.00x |")
    lines.append(f"| `word_tokenize` in 2 processes (the ceiling) | {r['wt2']:.1f} | | | {n / r['wt2']:.1f} | "
                 f"{q['ceiling_2']:.2f}x word_tokenize |")
    lines += ["", f"Two workers against one: **{q['speedup_2_vs_1']:.2f}x** on {n} pages, **{q['marginal_speedup']:.2f}x** "
              f"per page once each configuration's start-up is taken out (from the two sizes) (this machine's ceiling "
              f"for two processes, `word_tokenize` split the same way: {q['ceiling_2']:.2f}x). The cluster path at one "
              "worker against "
              f"the local path on {n} pages: **{q['overhead_seconds']:+.1%}** time, {q['overhead_cpu']:+.1%} CPU; "
              f"split by the two sizes into a cost paid once (start-up: {q['once_seconds']:.1f} s, "
              f"{q['once_cpu']:.1f} s CPU) and one per page (**{q['marginal_seconds']:+.1%}** time, "
              f"{q['marginal_cpu']:+.1%} CPU of the local path's per page), which is what a run of millions of "
              "pages pays."]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--small", type=int, help="the smaller size [default: a quarter of --pages]")
    args = ap.parse_args()
    print(table(measure(args.pages, args.rounds, args.small)))


if __name__ == "__main__":
    main()
