"""NLP stage throughput against underthesea's word_tokenize alone on the same texts.

    python benchmarks/nlp_speed.py [--repeat N] [--processes 1 2]

Prints articles/s and characters/s, and each figure as a ratio to word_tokenize measured in the
same run (this machine is noisy: compare ratios, not seconds).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def seed_articles(repeat: int) -> list[dict]:
    gold = [json.loads(l) for l in (ROOT / "tests" / "data" / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines() if l.strip()]
    return [{"id": f"{g['id']}-{i}", "title": g["title"], "text": g["text"], "published": g.get("published")}
            for i in range(repeat) for g in gold]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20, help="copies of the five seeds")
    ap.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    from underthesea import word_tokenize

    from nlp.pipeline import build_nlp, extract_articles

    arts = seed_articles(args.repeat)
    chars = sum(len(a["text"]) for a in arts)
    word_tokenize("khởi động")
    t = time.perf_counter()
    for a in arts:
        for para in a["text"].split("\n"):
            word_tokenize(para)
    base = time.perf_counter() - t
    print(f"{len(arts)} seed-sized articles, {chars} characters")
    print(f"underthesea word_tokenize alone: {len(arts) / base:7.1f} articles/s {chars / base:9.0f} chars/s  (1.00x)")
    nlp = build_nlp()
    list(extract_articles(nlp, arts[:2]))
    one = None
    for n in args.processes:
        t = time.perf_counter()
        list(extract_articles(nlp, arts, n_process=n, batch_size=8))
        el = time.perf_counter() - t
        one = one or el
        print(f"pipeline n_process={n}:           {len(arts) / el:7.1f} articles/s {chars / el:9.0f} chars/s  "
              f"({base / el:.2f}x word_tokenize, {one / el:.2f}x n_process=1)")


if __name__ == "__main__":
    main()
