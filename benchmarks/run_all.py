"""Every benchmark, one after the other, written to benchmarks/RESULTS.md.

    python -m benchmarks.run_all                       # the full sizes (about an hour)
    python -m benchmarks.run_all --quick               # small sizes, a few minutes
    python -m benchmarks.run_all --out /tmp/RESULTS.md --nlp-repeat 1 --pages 12 --cluster-pages 12 --sizes 200

This machine is noisy: each figure is given with a ratio to a baseline measured in the same run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
from pathlib import Path

from . import cluster_speed, end_to_end, layout_extraction, nlp_speed, warehouse_scale, webapp_speed

HERE = Path(__file__).resolve().parent


def machine() -> str:
    import duckdb
    import underthesea

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} cores, {mem:.0f} GiB, {platform.platform()}, Python {platform.python_version()}, "
            f"DuckDB {duckdb.__version__}, underthesea {underthesea.__version__}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    ap.add_argument("--quick", action="store_true", help="small sizes: a check, not a measurement")
    ap.add_argument("--nlp-repeat", type=int, default=20)
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--cluster-pages", type=int, default=1000)
    ap.add_argument("--cluster-rounds", type=int, default=3)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--scratch", default=str(HERE / "out"), help="where the generated databases go")
    ap.add_argument("--baseline", help="also run the warehouse sizes with the code of this git commit (to compare)")
    args = ap.parse_args()
    if args.quick:
        args.nlp_repeat, args.pages, args.sizes = 2, 100, [1000]
        args.cluster_pages, args.cluster_rounds = 40, 1
    sections = [f"# Benchmark results\n\nWritten by `python benchmarks/run_all.py` on {dt.date.today()}.\n\n"
                f"Machine: {machine()}. This machine is noisy: read the ratios, which are measured within one run."]
    print("NLP stage ...", flush=True)
    nlp_results = nlp_speed.measure(args.nlp_repeat, [1, 2])
    sections.append("## NLP stage (`benchmarks/nlp_speed.py`)\n\nThe same texts through underthesea's `word_tokenize` "
                    "alone (the floor any underthesea-based pipeline pays) and through the whole NLP pipeline.\n\n"
                    + nlp_speed.table(nlp_results) + "\n\nCPU time of the NLP stage against underthesea's own "
                    "sentence and word segmentation on the same texts (the floor; the target is at most 1.25x):\n\n"
                    + nlp_speed.cpu_table(nlp_results))
    print("article extraction ...", flush=True)
    sections.append("## Article extraction on real platforms' markup (`benchmarks/layout_extraction.py`)\n\n"
                    "Each layout fixture is a platform's own template (NukeViet, Liferay, Joomla, Drupal, DNN, "
                    "WordPress, ASP.NET portals) holding real articles; *ours* is the article stage, *trafilatura* "
                    "is trafilatura + htmldate alone on the same pages. The unseen set was first read after the "
                    "extraction was written.\n\n" + "\n\n".join(
                        f"### {label}\n\n" + layout_extraction.table(layout_extraction.measure(folder))
                        for label, folder in (("Layouts developed against (`tests/fixtures/layouts/`)", "layouts"),
                                              ("Layouts kept unseen (`tests/fixtures/layouts_unseen/`)",
                                               "layouts_unseen"),
                                              ("Layouts kept unseen a session later (`tests/fixtures/layouts_unseen2/`)",
                                               "layouts_unseen2"),
                                              ("Layouts kept unseen in the sixth session (`tests/fixtures/layouts_unseen3/`)",
                                               "layouts_unseen3"),
                                              ("Layouts kept unseen later in the sixth session (`tests/fixtures/layouts_unseen4/`)",
                                               "layouts_unseen4"),
                                              ("Layouts kept unseen last in the sixth session (`tests/fixtures/layouts_unseen5/`)",
                                               "layouts_unseen5"),
                                              ("Layouts kept unseen at the sixth session's end (`tests/fixtures/layouts_unseen6/`)",
                                               "layouts_unseen6"))))
    print("end to end ...", flush=True)
    sections.append("## End to end (`benchmarks/end_to_end.py`)\n\nA generated site served on 127.0.0.1, crawled "
                    "with delays off, extracted, NLP'd and loaded by the real `pipeline.py run`.\n\n"
                    + end_to_end.table(end_to_end.measure(args.pages, 2)))
    print("cluster ...", flush=True)
    sections.append("## Re-processing on Dask (`benchmarks/cluster_speed.py`)\n\n" + cluster_speed.DESCRIPTION + "\n\n"
                    + cluster_speed.table(cluster_speed.measure(args.cluster_pages, args.cluster_rounds)))
    print("warehouse at scale ...", flush=True)
    results, before = warehouse_scale.measure(args.sizes, Path(args.scratch), args.baseline)
    sections.append("## Warehouse at scale (`benchmarks/warehouse_scale.py`)\n\n" + warehouse_scale.DESCRIPTION + "\n\n"
                    + warehouse_scale.table(results))
    if before:
        sections.append(f"### Search index against the code of `{args.baseline}`\n\nThe same sizes, queries and "
                        f"measures, in this run, with that commit's code.\n\n"
                        + warehouse_scale.comparison(results, before, args.baseline))
    print("web app ...", flush=True)  # on the warehouses just generated
    sections.append("## Web app (`benchmarks/webapp_speed.py`)\n\n" + webapp_speed.DESCRIPTION.format(repeat=3) + "\n\n"
                    + webapp_speed.table(webapp_speed.measure(args.sizes, Path(args.scratch), repeat=3)))
    Path(args.out).write_text("\n\n".join(sections) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
