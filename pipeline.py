#!/usr/bin/env python3
"""vn-edu-news: crawl Vietnamese education news, extract figures, officials and dates, load DuckDB.

    python pipeline.py run                      # the bundled sample, offline, into data/news.duckdb
    python pipeline.py run --sources crawler/sources.toml
    python pipeline.py run --start-url https://example.edu.vn/tin-tuc/
    python pipeline.py process [--all]          # re-extract stored pages, no network
    python pipeline.py extract IN.jsonl -o OUT.jsonl
    python pipeline.py evaluate GOLD.jsonl [--min-f1 figures=0.95 ...]
    python pipeline.py search "dien bien giam doc so"
    python pipeline.py series --province "Điện Biên" --metric institutions
    python pipeline.py people "Nguyễn Văn Kiên"
    python pipeline.py export --format parquet DIR
    python pipeline.py sql "SELECT ..."
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent
DEFAULT_DB = Path("data") / "news.duckdb"
DEFAULT_JOBS = min(2, os.cpu_count() or 1)  # NLP processes for run/process: both cores of a laptop


from orchestration import UserError  # noqa: E402


def _progress(desc: str, unit: str = "article"):
    """A progress bar on stderr for long stages; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return lambda it, total: tqdm(it, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)


# -- run / process ----------------------------------------------------------------------------
def cmd_run(args) -> int:
    import orchestration

    sources = orchestration.load_sources(args.sources, args.start_url)
    use_sample = not args.start_url and not args.sources
    extra = {k: v for k, v in (("DOWNLOAD_TIMEOUT", args.timeout), ("CRAWL_MAX_PAGES", args.max_pages),
                                ("CRAWL_MAX_DEPTH", args.max_depth)) if v}
    outcome = orchestration.crawl_and_process(
        args.db, sources, use_sample=use_sample, jobs=args.jobs, refresh=args.refresh, fast=args.fast,
        verbose=args.verbose, crawl_settings=extra, progress=_progress("NLP"),
        index_progress=_progress("index", "segment"))
    report = outcome.crawl
    print(f"Crawl ({outcome.crawl_seconds:.1f} s):")
    for sid, counts in sorted(report.summary.items()):
        parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing found"
        print(f"  {sid}: {parts}")
    for url, reason in report.start_failures.items():
        print(f"  start URL failed: {url}: {reason}")
    if report.finish_reason not in (None, "finished"):
        print(f"  crawl stopped ({report.finish_reason}); run again to resume where it stopped")
    return _summarise(args, outcome)


def cmd_process(args) -> int:
    import orchestration

    outcome = orchestration.process_stored(args.db, all_pages=args.all, jobs=args.jobs, progress=_progress("NLP"),
                                           index_progress=_progress("index", "segment"))
    return _summarise(args, outcome)


def _summarise(args, outcome) -> int:
    """Print what was processed and what the database now holds."""
    report = outcome.report
    for url, reason in report.skipped:
        print(f"  skipped {url}: {reason}")
    for url, warning in report.warnings:
        print(f"  warning {url}: {warning}")
    if report.articles == 0:
        print("Nothing new was found: no new or changed pages to process.")
    else:
        print(f"Processed {report.articles} articles: {report.figures} figures, {report.officials} officials, "
              f"{report.dates} dates ({outcome.seconds:.1f} s).")
    print("Database now holds:")
    for sid, n in outcome.articles_per_source:
        print(f"  {sid}: {n} articles")
    figures, officials, dates = outcome.totals
    print(f"  figures {figures}, officials {officials}, dates {dates}")
    print(f"Database: {Path(args.db).resolve()}")
    print(f'Query it: python pipeline.py sql "SELECT * FROM statistic_series LIMIT 5" --db {args.db}')
    print(f'      or: python pipeline.py search "dien bien" --db {args.db}')
    return 0


# -- extract / evaluate -----------------------------------------------------------------------
def cmd_extract(args) -> int:
    from orchestration import extract_records, read_articles

    arts = read_articles(args.input)
    preds = extract_records(arts, args.jobs)
    lines = []
    for a in arts:
        row = {"id": a["id"], "url": a.get("url"), "published": a.get("published"), "title": a.get("title"),
               "text": a["text"], **preds[a["id"]]}
        lines.append(json.dumps(row, ensure_ascii=False) + "\n")
    if args.output == "-":
        sys.stdout.writelines(lines)
        return 0
    try:
        Path(args.output).write_text("".join(lines), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"-o {args.output}: {exc.strerror}") from None
    print(f"wrote {len(arts)} articles to {args.output}", file=sys.stderr)
    return 0


def cmd_evaluate(args) -> int:
    from nlp.evaluate import evaluate, report
    from orchestration import extract_records, read_articles

    gold = read_articles(args.gold)
    preds = extract_records(gold, args.jobs)
    scores = evaluate(gold, preds)
    print(report(scores, show_errors=not args.quiet))
    failed = []
    for spec in args.min_f1 or []:
        kind, _, value = spec.partition("=")
        if kind not in scores:
            raise UserError(f"--min-f1 {spec}: type must be one of {', '.join(scores)}")
        try:
            minimum = float(value)
        except ValueError:
            raise UserError(f"--min-f1 {spec}: {value!r} is not a number") from None
        if scores[kind].f1 < minimum:
            failed.append(f"{kind} F1 {scores[kind].f1:.3f} < {minimum}")
    span_errors = sum(len(s.span_errors) for s in scores.values())
    if span_errors and args.min_f1:
        failed.append(f"{span_errors} span errors")
    if failed:
        print("BELOW MINIMUM: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


# -- queries ----------------------------------------------------------------------------------
def cmd_search(args) -> int:
    from warehouse.queries import search

    rows = search(args.db, args.query, source=args.source, province=args.province, since=args.since,
                  until=args.until, person=args.person, limit=args.limit)
    if isinstance(rows, str):
        print(rows)
        return 0
    for r in rows:
        print(f"{r['score']:.3f}  {r['published'] or '    -     '}  [{r['source_id']}]  {r['title']}")
        print(f"       {r['url']}")
        print(f"       {r['snippet']}")
    if not rows:
        print("No articles match.")
    return 0


def cmd_series(args) -> int:
    from warehouse.queries import series

    frame = series(args.db, args.province, args.metric, include_changes=args.changes)
    if frame.empty:
        print(f"No figures for metric {args.metric!r} in {args.province!r}.")
        return 0
    import pandas as pd

    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        print(frame.to_string(index=False))
    if args.plot:
        from warehouse.queries import plot_series

        plot_series(frame, args.plot, f"{args.metric} — {args.province}")
        print(f"plot written to {args.plot}")
    return 0


def cmd_people(args) -> int:
    from warehouse.queries import people

    frame = people(args.db, args.name)
    if frame.empty:
        print(f"No official named {args.name!r}.")
        return 0
    import pandas as pd

    with pd.option_context("display.max_colwidth", 60, "display.width", 200):
        print(frame.to_string(index=False))
    return 0


def cmd_export(args) -> int:
    from warehouse.queries import export

    for table, path in export(args.db, args.dir, args.format):
        print(f"{table}: {path}")
    return 0


def cmd_sql(args) -> int:
    from warehouse.queries import run_sql

    frame = run_sql(args.db, args.query)
    import pandas as pd

    with pd.option_context("display.max_colwidth", 80, "display.width", 200, "display.max_rows", 200):
        print(frame.to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pipeline.py", description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def with_db(sp):
        sp.add_argument("--db", default=str(DEFAULT_DB), help=f"DuckDB file (default {DEFAULT_DB})")
        return sp

    r = with_db(sub.add_parser("run", help="crawl (the bundled sample by default), extract, load"))
    r.add_argument("--sources", help="a sources registry file (TOML); default: the bundled sample")
    r.add_argument("--start-url", action="append", help="crawl this URL (repeatable); platform detected")
    r.add_argument("--refresh", action="store_true", help="fetch pages again even if already stored")
    r.add_argument("--fast", action="store_true", help="no politeness delays (local servers only)")
    r.add_argument("--timeout", type=float, help="download timeout in seconds (default 20)")
    r.add_argument("--max-pages", type=int, help="article pages per source per run (default 500)")
    r.add_argument("--max-depth", type=int, help="listing pages followed per start URL (default 50)")
    r.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"NLP processes (default {DEFAULT_JOBS})")
    r.add_argument("-v", "--verbose", action="store_true", help="show Scrapy's log")
    r.set_defaults(func=cmd_run)

    pr = with_db(sub.add_parser("process", help="re-extract articles and re-run NLP over stored pages"))
    pr.add_argument("--all", action="store_true", help="every stored page, not only new or changed ones")
    pr.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"NLP processes (default {DEFAULT_JOBS})")
    pr.set_defaults(func=cmd_process)

    e = sub.add_parser("extract", help="run the NLP stage on a JSONL of articles")
    e.add_argument("input")
    e.add_argument("-o", "--output", default="-")
    e.add_argument("--jobs", type=int, default=1)
    e.set_defaults(func=cmd_extract)

    ev = sub.add_parser("evaluate", help="score extraction against a gold JSONL")
    ev.add_argument("gold")
    ev.add_argument("--min-f1", action="append", metavar="TYPE=F1", help="fail below this F1 (repeatable)")
    ev.add_argument("--jobs", type=int, default=1)
    ev.add_argument("-q", "--quiet", action="store_true", help="scores only, no error listing")
    ev.set_defaults(func=cmd_evaluate)

    s = with_db(sub.add_parser("search", help="find past coverage (BM25 over title and body)"))
    s.add_argument("query")
    s.add_argument("--source")
    s.add_argument("--province")
    s.add_argument("--since", help="YYYY-MM-DD")
    s.add_argument("--until", help="YYYY-MM-DD")
    s.add_argument("--person", help="only articles naming this official")
    s.add_argument("--limit", type=int, default=10)
    s.set_defaults(func=cmd_search)

    se = with_db(sub.add_parser("series", help="a reported statistic over school years"))
    se.add_argument("--province", required=True)
    se.add_argument("--metric", required=True)
    se.add_argument("--changes", action="store_true", help="show reported changes instead of levels")
    se.add_argument("--plot", help="write a PNG chart here")
    se.set_defaults(func=cmd_series)

    pe = with_db(sub.add_parser("people", help="the roles a person held across articles"))
    pe.add_argument("name")
    pe.set_defaults(func=cmd_people)

    ex = with_db(sub.add_parser("export", help="write every table as Parquet or CSV"))
    ex.add_argument("dir")
    ex.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    ex.set_defaults(func=cmd_export)

    q = with_db(sub.add_parser("sql", help="run a read-only SQL query"))
    q.add_argument("query")
    q.set_defaults(func=cmd_sql)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    from warehouse.db import WarehouseError

    try:
        return args.func(args)
    except (UserError, WarehouseError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; run the same command again to resume", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head`
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
