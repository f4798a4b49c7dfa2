"""NLP stage throughput against underthesea's word_tokenize alone on the same texts.

    python -m benchmarks.nlp_speed [--repeat N] [--processes 1 2]

Prints articles/s and characters/s on seed-sized and on long articles, for each number of
processes, and each figure as a ratio to word_tokenize measured in the same run (this machine is
noisy: compare ratios, not seconds), with word_tokenize split between the same number of
processes as the machine's own ceiling.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_articles(repeat: int) -> list[dict]:
    gold = [json.loads(line) for line in (ROOT / "tests" / "data" / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [{"id": f"{g['id']}-{i}", "title": g["title"], "text": g["text"], "published": g.get("published")}
            for i in range(repeat) for g in gold]


def long_articles(count: int, seeds_per_article: int = 10) -> list[dict]:
    """Long reports (~40k characters): ten seed bodies one after the other."""
    seeds = seed_articles(1)
    return [{"id": f"long-{i}", "title": seeds[0]["title"], "published": seeds[0]["published"],
             "text": "\n".join(seeds[(i + k) % len(seeds)]["text"] for k in range(seeds_per_article))}
            for i in range(count)]


def _tokenize_all(texts: list[str]) -> None:
    from underthesea import word_tokenize

    for text in texts:
        for para in text.split("\n"):
            word_tokenize(para)


def _sentences_and_words(texts: list[str]) -> None:
    """What a pipeline built on underthesea alone does first: sentences, then words."""
    from underthesea import sent_tokenize, word_tokenize

    for text in texts:
        for para in text.split("\n"):
            for sentence in sent_tokenize(para):
                word_tokenize(sentence)


def _cpu(fn, *args) -> float:
    t = time.process_time()
    fn(*args)
    return time.process_time() - t


def _tokenize_in_processes(texts: list[str], n: int) -> None:
    """word_tokenize over the texts split between ``n`` forked processes: what this machine's
    cores give a CPU-bound job that needs no coordination (its ceiling for ``n_process``)."""
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(n) as pool:
        pool.map(_tokenize_all, [texts[i::n] for i in range(n)])


def measure(repeat: int, processes: list[int], rounds: int = 3) -> list[dict]:
    """Each configuration timed ``rounds`` times, the rounds interleaved, the best kept: a burst of
    load from elsewhere on this shared machine (it makes one of two busy cores a third slower at
    times) then spoils one round of one configuration, not a ratio."""
    from nlp.pipeline import build_nlp, extract_articles

    nlp = build_nlp()
    list(extract_articles(nlp, seed_articles(1)[:2]))  # models loaded before the clock starts
    results = []
    for kind, arts in (("seed-sized", seed_articles(repeat)), ("long", long_articles(max(2, 16 * repeat // 20)))):
        texts = [a["text"] for a in arts]
        row = {"kind": kind, "rounds": rounds, "articles": len(arts), "chars": sum(map(len, texts)),
               "word_tokenize_s": float("inf"),
               "word_tokenize_parallel_s": {}, "pipeline_s": {},
               "cpu_sent_word_s": float("inf"), "cpu_pipeline_s": float("inf")}
        for _ in range(rounds):
            row["cpu_sent_word_s"] = min(row["cpu_sent_word_s"], _cpu(_sentences_and_words, texts))
            row["cpu_pipeline_s"] = min(row["cpu_pipeline_s"], _cpu(lambda: list(extract_articles(nlp, arts))))
            t = time.perf_counter()
            _tokenize_all(texts)
            row["word_tokenize_s"] = min(row["word_tokenize_s"], time.perf_counter() - t)
            for n in processes:
                if n > 1:
                    t = time.perf_counter()
                    _tokenize_in_processes(texts, n)
                    row["word_tokenize_parallel_s"][n] = min(row["word_tokenize_parallel_s"].get(n, float("inf")),
                                                             time.perf_counter() - t)
                t = time.perf_counter()
                list(extract_articles(nlp, arts, n_process=n))
                row["pipeline_s"][n] = min(row["pipeline_s"].get(n, float("inf")), time.perf_counter() - t)
        results.append(row)
    return results


def cpu_table(results: list[dict]) -> str:
    """The NLP stage's CPU time against underthesea's sent_tokenize + word_tokenize alone on the
    same texts (one process each; the target is at most 1.25x)."""
    lines = ["| texts | sent_tokenize + word_tokenize CPU s | NLP stage CPU s | ratio |", "| --- | --- | --- | --- |"]
    for r in results:
        lines.append(f"| {r['kind']} ({r['articles']} articles) | {r['cpu_sent_word_s']:.2f} | {r['cpu_pipeline_s']:.2f} "
                     f"| {r['cpu_pipeline_s'] / r['cpu_sent_word_s']:.2f}x |")
    return "\n".join(lines)


def table(results: list[dict]) -> str:
    rounds = max((r["rounds"] for r in results), default=1)
    lines = [f"Best of {rounds} interleaved rounds per row. *word_tokenize in N processes* is the ceiling this "
             "machine gives N processes (the texts split between them, nothing to coordinate).", "",
             "| texts | what | articles/s | chars/s | ratio |", "| --- | --- | --- | --- | --- |"]
    for r in results:
        n, chars, base = r["articles"], r["chars"], r["word_tokenize_s"]
        label = f"{r['kind']} ({n} articles, {chars:,} chars)"
        lines.append(f"| {label} | underthesea `word_tokenize` alone | {n / base:.1f} | {chars / base:,.0f} | 1.00x |")
        for procs, el in r["word_tokenize_parallel_s"].items():
            lines.append(f"| {label} | `word_tokenize` in {procs} processes | {n / el:.1f} | {chars / el:,.0f} "
                         f"| {base / el:.2f}x word_tokenize |")
        one = r["pipeline_s"].get(1)
        for procs, el in r["pipeline_s"].items():
            vs_one = f", {one / el:.2f}x one process" if one and procs != 1 else ""
            lines.append(f"| {label} | pipeline, `n_process={procs}` | {n / el:.1f} | {chars / el:,.0f} "
                         f"| {base / el:.2f}x word_tokenize{vs_one} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20, help="copies of the five seeds")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    results = measure(args.repeat, args.processes)
    print(table(results))
    print()
    print(cpu_table(results))


if __name__ == "__main__":
    main()
