#!/usr/bin/env python3
"""vn-edu-news: crawl Vietnamese education news, extract figures, officials and dates, load DuckDB.

    python pipeline.py run                      # the bundled sample, offline, into data/news.duckdb
    python pipeline.py run --sources crawler/sources.toml
    python pipeline.py run --start-url https://example.edu.vn/tin-tuc/
    python pipeline.py process [--all]          # re-extract stored pages, no network
    python pipeline.py process --all --cluster local:2   # the same on Dask (or a scheduler's address)
    python pipeline.py extract IN.jsonl -o OUT.jsonl
    python pipeline.py evaluate GOLD.jsonl [--min-f1 figures=0.95 ...]
    python pipeline.py search "dien bien giam doc so"
    python pipeline.py reindex                  # rebuild the search index from the warehouse
    python pipeline.py series --province "Điện Biên" --metric institutions
    python pipeline.py people "Nguyễn Văn Kiên"
    python pipeline.py export --format parquet DIR [--partitioned] [--page-store]
    python pipeline.py import DIR --db NEW.duckdb
    python pipeline.py sql "SELECT ..."
    python pipeline.py serve [--host 127.0.0.1] [--port 8000]   # the web app

The same commands are installed as the console script ``vn-edu-news``. This module only parses
options and prints results; the work is in ``orchestration`` and the stages' packages.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from crawler import settings as crawl_defaults

DEFAULT_DB = Path("data") / "news.duckdb"
DEFAULT_JOBS = min(2, os.cpu_count() or 1)  # NLP processes for run/process: both cores of a laptop
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


def _echo_error(message: str) -> None:
    click.echo(f"error: {message}", err=True)


def _input_errors() -> tuple:
    """The exceptions that mean bad input. (Imported when one is raised: orchestration pulls in the
    process pools, a tenth of `pipeline.py search`'s start-up.)"""
    from orchestration import UserError
    from warehouse.db import WarehouseError

    return click.ClickException, UserError, WarehouseError


class App(click.Group):
    """The command group: every failure caused by the input (a bad flag value, a missing file, a
    corrupt database) ends as one ``error:`` line and exit code 2, an interrupt as exit code 130,
    never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # output piped into `head`, which has read enough: a success
            # (caught here: click's own handler would exit 1). stdout goes to /dev/null so that
            # flushing it at exit does not fail again (as the Python docs on SIGPIPE advise)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            _echo_error(exc.format_message() + hint)
            code = EXIT_USAGE
        except (KeyboardInterrupt, click.Abort):
            _echo_error("interrupted; what was done is kept, run the same command again to resume")
            code = EXIT_INTERRUPTED
        except Exception as exc:
            if not isinstance(exc, _input_errors()):
                raise
            _echo_error(exc.format_message() if isinstance(exc, click.ClickException) else str(exc))
            code = EXIT_USAGE
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code


# -- options shared by several commands: declared once ------------------------------------------
db_option = click.option("--db", default=str(DEFAULT_DB), show_default=True, type=click.Path(dir_okay=False),
                         help="DuckDB file of the warehouse.")


def jobs_option(default: int):
    return click.option("--jobs", default=default, show_default=True, type=click.IntRange(min=1),
                        help="NLP processes.")


def _progress(desc: str, unit: str = "article"):
    """A progress bar on stderr for long stages; nothing when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return lambda it, total: tqdm(it, total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)


def _new_file(ctx, param, value):
    """A file to be written: its folder must exist (checked before any work is done)."""
    if value is not None:
        folder = Path(value).parent
        if not folder.is_dir():
            raise click.BadParameter(f"{value}: folder {folder} does not exist", ctx, param)
        if not os.access(folder, os.W_OK):
            raise click.BadParameter(f"{value}: folder {folder} is not writable", ctx, param)
    return value


def _print_frame(frame, colwidth: int = 60, max_rows: int | None = None) -> None:
    import pandas as pd

    with pd.option_context("display.max_colwidth", colwidth, "display.width", 200, "display.max_rows", max_rows):
        click.echo(frame.to_string(index=False))


@click.group(cls=App, help=__doc__.split("\n\n")[0], context_settings={"help_option_names": ["-h", "--help"]})
def cli():
    pass


# -- run / process ------------------------------------------------------------------------------
@cli.command(help="Crawl (the bundled sample by default), extract articles, run the NLP stage, load the warehouse.")
@db_option
@click.option("--sources", type=click.Path(dir_okay=False), help="A sources registry file (TOML).")
@click.option("--start-url", "start_urls", multiple=True, help="Crawl this URL (repeatable); platform detected.")
@click.option("--refresh", is_flag=True, help="Fetch pages again even if already stored.")
@click.option("--fast", is_flag=True, help="No politeness delays (local servers only).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True),
              help=f"Download timeout in seconds [default: {crawl_defaults.DOWNLOAD_TIMEOUT}].")
@click.option("--max-pages", type=click.IntRange(min=1),
              help=f"Article pages per source per run [default: {crawl_defaults.CRAWL_MAX_PAGES}].")
@click.option("--max-depth", type=click.IntRange(min=0),
              help=f"Listing pages followed per start URL [default: {crawl_defaults.CRAWL_MAX_DEPTH}].")
@jobs_option(DEFAULT_JOBS)
@click.option("-v", "--verbose", is_flag=True, help="Show Scrapy's log.")
def run(db, sources, start_urls, refresh, fast, timeout, max_pages, max_depth, jobs, verbose):
    import orchestration

    registry = orchestration.load_sources(sources, list(start_urls))
    use_sample = not start_urls and not sources
    settings = {k: v for k, v in (("DOWNLOAD_TIMEOUT", timeout), ("CRAWL_MAX_PAGES", max_pages),
                                   ("CRAWL_MAX_DEPTH", max_depth)) if v is not None}
    outcome = orchestration.crawl_and_process(
        db, registry, use_sample=use_sample, jobs=jobs, refresh=refresh, fast=fast, verbose=verbose,
        crawl_settings=settings, progress=_progress("NLP"), crawl_progress=_progress("crawl", "page"),
        index_progress=_progress("index", "chunk"))
    report = outcome.crawl
    click.echo(f"Crawl ({outcome.crawl_seconds:.1f} s):")
    for sid, counts in sorted(report.summary.items()):
        parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "nothing found"
        platform = report.stats.get(f"platform/{sid}")
        click.echo(f"  {sid}{f' [{platform}]' if platform else ''}: {parts}")
    for url, reason in report.start_failures.items():
        click.echo(f"  start URL failed: {url}: {reason}")
    if report.finish_reason not in (None, "finished"):
        click.echo(f"  crawl stopped ({report.finish_reason}); run again to resume where it stopped")
    _summarise(db, outcome)


class ClusterAddress(click.ParamType):
    """``local:N`` (a Dask LocalCluster of N worker processes) or a Dask scheduler address."""

    name = "ADDRESS"

    def convert(self, value, param, ctx):
        from cluster import parse_cluster

        try:
            parse_cluster(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return value


@cli.command(help="Re-extract stored pages and re-run the NLP stage, no network.")
@db_option
@click.option("--all", "all_pages", is_flag=True, help="Every stored page, not only new or changed ones.")
@click.option("--retry-failed", is_flag=True, help="Also the pages that failed before.")
@jobs_option(DEFAULT_JOBS)
@click.option("--cluster", type=ClusterAddress(),
              help="Run on Dask: a scheduler address (tcp://host:8786) or local:N for N local worker processes "
                   "(then --jobs is not used). A run stopped half-way is resumed by the same command.")
@click.option("--worker-store", type=click.Path(file_okay=False),
              help="With --cluster: the page store (WARC folder) as the workers see it [default: <db>.pages].")
@click.option("--partition-pages", type=click.IntRange(min=1),
              help="With --cluster: pages per partition (one task, one transaction) [default: 50].")
def process(db, all_pages, retry_failed, jobs, cluster, worker_store, partition_pages):
    import orchestration

    for name, value in (("--worker-store", worker_store), ("--partition-pages", partition_pages)):
        if value and not cluster:
            raise click.UsageError(f"{name} is for --cluster runs")
    if cluster:
        from cluster import PARTITION_PAGES, process_on_cluster

        outcome = process_on_cluster(db, cluster=cluster, all_pages=all_pages, retry_failed=retry_failed,
                                     worker_store=worker_store, partition_pages=partition_pages or PARTITION_PAGES,
                                     progress=_progress("cluster", "page"),
                                     index_progress=_progress("index", "chunk"), echo=click.echo)
    else:
        outcome = orchestration.process_stored(db, all_pages=all_pages, retry_failed=retry_failed, jobs=jobs,
                                               progress=_progress("NLP"),
                                               index_progress=_progress("index", "chunk"))
    _summarise(db, outcome)


def _summarise(db, outcome) -> None:
    """What was processed and what the database now holds."""
    report = outcome.report
    for url, reason in report.skipped:
        click.echo(f"  skipped {url}: {reason}")
    for url, warning in report.warnings:
        click.echo(f"  warning {url}: {warning}")
    if report.articles == 0:
        click.echo("Nothing new was found: no new or changed pages to process.")
    else:
        click.echo(f"Processed {report.articles} articles: {report.figures} figures, {report.officials} officials, "
                   f"{report.dates} dates ({outcome.seconds:.1f} s).")
    click.echo("Database now holds:")
    for sid, n in outcome.articles_per_source:
        click.echo(f"  {sid}: {n} articles")
    figures, officials, dates = outcome.totals
    click.echo(f"  figures {figures}, officials {officials}, dates {dates}")
    click.echo(f"Database: {Path(db).resolve()}")
    click.echo(f'Query it: python pipeline.py sql "SELECT * FROM statistic_series LIMIT 5" --db {db}')
    click.echo(f'      or: python pipeline.py search "dien bien" --db {db}')


# -- extract / evaluate -------------------------------------------------------------------------
@cli.command(help="Run the NLP stage on a JSONL of articles ({id, title, text, published} per line).")
@click.argument("input_path", metavar="IN.jsonl")
@click.option("-o", "--output", default="-", show_default=True, callback=lambda c, p, v: v if v == "-" else _new_file(c, p, v),
              help="Where to write the records (JSONL; - for standard output).")
@jobs_option(1)
def extract(input_path, output, jobs):
    from orchestration import UserError, extract_records, read_articles

    arts = read_articles(input_path)
    preds = extract_records(arts, jobs)
    lines = [json.dumps({"id": a["id"], "url": a.get("url"), "published": a.get("published"), "title": a.get("title"),
                         "text": a["text"], **preds[a["id"]]}, ensure_ascii=False) + "\n" for a in arts]
    if output == "-":
        sys.stdout.writelines(lines)
        return
    try:
        Path(output).write_text("".join(lines), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"-o {output}: {exc.strerror}") from None
    click.echo(f"wrote {len(arts)} articles to {output}", err=True)


class MinF1(click.ParamType):
    """``TYPE=F1``: a record type of the contract and a number between 0 and 1."""

    name = "TYPE=F1"

    def convert(self, value, param, ctx):
        from nlp.evaluate import TYPES

        kind, _, number = value.partition("=")
        if kind not in TYPES:
            self.fail(f"{value!r}: type must be one of {', '.join(TYPES)}", param, ctx)
        try:
            minimum = float(number)
        except ValueError:
            self.fail(f"{value!r}: {number!r} is not a number", param, ctx)
        if not 0 <= minimum <= 1:
            self.fail(f"{value!r}: F1 must be between 0 and 1", param, ctx)
        return kind, minimum


@cli.command(help="Score the NLP stage against a gold JSONL (contract section 4).")
@click.argument("gold_path", metavar="GOLD.jsonl")
@click.option("--min-f1", multiple=True, type=MinF1(), help="Fail below this F1 (repeatable).")
@jobs_option(1)
@click.option("-q", "--quiet", is_flag=True, help="Scores only, no error listing.")
def evaluate(gold_path, min_f1, jobs, quiet):
    from nlp.evaluate import evaluate as score, report
    from orchestration import extract_records, read_articles

    gold = read_articles(gold_path)
    scores = score(gold, extract_records(gold, jobs))
    click.echo(report(scores, show_errors=not quiet))
    failed = [f"{kind} F1 {scores[kind].f1:.3f} < {minimum}" for kind, minimum in min_f1 if scores[kind].f1 < minimum]
    span_errors = sum(len(s.span_errors) for s in scores.values())
    if span_errors and min_f1:
        failed.append(f"{span_errors} span errors")
    if failed:
        click.echo("BELOW MINIMUM: " + "; ".join(failed), err=True)
        sys.exit(1)


# -- queries ------------------------------------------------------------------------------------
SEARCH_HELP = """Find past coverage: articles best first (BM25 over title and body).

\b
QUERY is what editors type in Media Cloud or Google:
  words              every word must be in the article
  "a phrase"         these words, in this order, next to each other
  A OR B             either word (or "phrase") will do
  -word, -"phrase"   leave out the articles that have it (Media Cloud's AND and NOT work too)
Syllables typed with diacritics match them (hòa is not hóa; hoà is hòa), syllables typed
without match any (hoa); per syllable. Unquoted neighbouring syllables rank higher where
they stand together, so Nguyễn Văn Kiên puts the articles naming him first. Punctuation is
never an error: GD&ĐT, 24/2, 7.300 and 97,5% are searched as written.

Each result shows its date and whether it is the publication date or a date from the text."""


@cli.command(help=SEARCH_HELP, context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]})
@db_option
@click.argument("query")
@click.option("--source", help="Only this source id.")
@click.option("--province", help="Only articles about this province (named in the title or lead paragraph), "
                                 "or from its portals. With or without diacritics.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="From this date on (YYYY-MM-DD).")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Up to this date (YYYY-MM-DD).")
@click.option("--person", help="Only articles naming this official; part of a name will do, diacritics optional.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(min=1, max=1000), help="Results to show.")
def search(db, query, source, province, since, until, person, limit):
    if since and until and since > until:
        raise click.BadParameter(f"{since:%Y-%m-%d} is after --until {until:%Y-%m-%d}", param_hint="'--since'")
    since, until = since.date() if since else None, until.date() if until else None
    rows = None
    if source is None and province is None:  # answered by the index alone when it is in step (no DuckDB)
        from warehouse.stored_search import search as search_index

        rows = search_index(db, query, since=since, until=until, person=person, limit=limit)
    if rows is None:
        from warehouse.queries import search as find

        rows = find(db, query, source=source, province=province, since=since, until=until, person=person,
                    limit=limit, notice=lambda message: click.echo(f"note: {message}", err=True))
    if isinstance(rows, str):
        click.echo(rows)
        return
    for r in rows:
        when = f"{r['date']} {'published' if r['date_kind'] == 'published' else 'from text'}" if r["date"] else \
            "no date             "
        click.echo(f"{r['score']:7.3f}  {when}  [{r['source_id']}]  {r['title']}")
        click.echo(f"         {r['url']}")
        click.echo(f"         {r['snippet']}")
    if not rows:
        click.echo("No articles match.")


@cli.command(help="Rebuild the search index (beside the database, <db>.search/) from the warehouse.")
@db_option
def reindex(db):
    import orchestration

    indexed, seconds = orchestration.reindex(db, progress=_progress("index", "chunk"))
    click.echo(f"Indexed {indexed} articles ({seconds:.1f} s): {orchestration.search_index_dir(db)}")


def _metric_keys() -> list[str]:
    from nlp import lexicon

    return sorted(set(lexicon.metric_heads().values()))


class _LazyChoice(click.Choice):
    """A ``click.Choice`` whose choices are read when first needed, not when the CLI is built: the
    metric vocabulary is data (nlp/data), and reading it cost every command, ``search`` included,
    17 ms of its start-up."""

    def __init__(self, load, case_sensitive: bool = True):
        self._load, self._loaded = load, None
        super().__init__([], case_sensitive=case_sensitive)

    @property
    def choices(self):
        if self._loaded is None:
            self._loaded = list(self._load())
        return self._loaded

    @choices.setter
    def choices(self, value):  # (click.Choice.__init__ sets it)
        pass


def _kinds() -> list[str]:
    from nlp.kinds import KINDS

    return list(KINDS)


@cli.command(help="A reported statistic of a province over school years, each value with its sources. Levels "
                  "(totals) by default; changes, intakes, shortages, targets, results and rates only when asked, "
                  "and labelled.")
@db_option
@click.option("--province", required=True, help="As reported (Long An, Tây Ninh, TP.HCM; diacritics optional).")
@click.option("--metric", required=True, type=_LazyChoice(_metric_keys))
@click.option("--kind", "kinds", multiple=True, type=_LazyChoice(_kinds),
              help="Which sort of figures (repeatable) [default: level, and amount for money].")
@click.option("--changes", is_flag=True, help="Reported changes (tăng/giảm; a decrease negative): --kind change.")
@click.option("--as-of", "as_of", type=click.Choice(["2025"]),
              help="The province of 2025 it belongs to: its constituents before 1 July 2025 side by side, "
                   "added up only where each reported the period.")
@click.option("--sources", "show_sources", is_flag=True, help="Also every report: value, sentence, URL.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False, allow_dash=True), callback=lambda c, p, v: v if v in (None, "-") else _new_file(c, p, v),
              help="Write every report (with its period's value, sentence and URL) as CSV here; - for stdout.")
@click.option("--plot", type=click.Path(dir_okay=False), callback=_new_file, help="Write a PNG chart here.")
def series(db, province, metric, kinds, changes, as_of, show_sources, csv_path, plot):
    from orchestration import UserError

    from warehouse.queries import series as read_series, series_reports

    kinds = tuple(dict.fromkeys(kinds + (("change",) if changes else ()))) or None
    frame = read_series(db, province, metric, kinds=kinds, as_of=as_of)
    name, shown = frame.attrs["province"], frame.attrs["kinds"]
    label = " + ".join({"level": "levels", "change": "changes"}.get(k, k) for k in shown)
    if csv_path:
        reports = series_reports(db, province, metric, kinds=shown, as_of=as_of)
        _write_series_csv(frame, reports, csv_path)
        if csv_path == "-":
            return
        click.echo(f"{len(reports)} reports written to {csv_path}")
    heading = f"{name}{' as of 2025' if as_of else ''} — {metric} — {label}"
    if frame.empty:
        from nlp.context import resolve_province

        if not frame.attrs.get("other_kinds") and resolve_province(province) is None:
            raise UserError(f"--province {province!r}: no figures, and not a province name this tool knows "
                            "(names and spellings: nlp/data/provinces.tsv)")
        click.echo(f"No {label} of {metric} for {name}{' as of 2025' if as_of else ''}.")
        _echo_other_kinds(frame)
        if plot:
            raise UserError(f"--plot {plot}: nothing to plot (no {label} of {metric} for {name})")
        return
    click.echo(heading)
    _print_frame(_shown_series(frame))
    for note in frame.attrs.get("notes", []):
        click.echo(f"note: {note}")
    _echo_other_kinds(frame)
    if show_sources:
        import pandas as pd

        reports = series_reports(db, province, metric, kinds=shown, as_of=as_of)
        click.echo("")
        click.echo("Reports behind each value:")
        for r in reports.itertuples():
            published = "undated" if pd.isna(r.published) else str(r.published)[:10]
            click.echo(f"  {r.period or 'no period'}  {r.kind}  {_number(r.value)}  {r.province}  "
                       f"[{r.source_id} {published}]  {r.url}")
            click.echo(f"      “{r.sentence}”")
    if plot:
        from warehouse.queries import plot_series
        from warehouse.series_chart import NothingToPlot

        try:
            plot_series(frame, plot)
        except NothingToPlot as exc:
            raise UserError(f"--plot {plot}: {exc}") from None
        click.echo(f"plot written to {plot}")


def _number(value) -> str:
    """A value as the table shows it: no trailing .0, thousands grouped, a decrease with its sign."""
    import math

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = (f"{abs(value):,.0f}" if float(value).is_integer() else f"{abs(value):,.2f}")
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")  # as the reports write it: 7.300, 99,82
    return ("−" if value < 0 else "") + text


def _unique_cell(cell) -> str:
    """A ' | '-joined cell without repeats (one article's several figures name its source once)."""
    if not isinstance(cell, str):
        return ""
    return " | ".join(dict.fromkeys(cell.split(" | ")))


def _shown_series(frame):
    """The series as printed: values formatted, empty notes blank, one column per thing to read."""
    shown = frame.drop(columns=["source_ids", "articles"], errors="ignore")  # (in sources and url already)
    shown["value"] = [_number(v) for v in shown["value"]]
    shown["disagree"] = ["yes" if d else "" for d in shown["disagree"]]
    shown["sources"] = [_unique_cell(c) for c in shown["sources"]]
    shown["url"] = [_unique_cell(c) for c in shown["url"]]
    if "change" in set(shown["kind"]):
        shown.insert(3, "change", ["decrease" if k == "change" and isinstance(v, str) and v.startswith("−")
                                   else "increase" if k == "change" and v != "—" else ""
                                   for k, v in zip(shown["kind"], shown["value"])])
    if set(shown["unit"]) == {"count"}:
        shown = shown.drop(columns=["unit"])
    if len(set(shown["province"])) == 1 and not shown.attrs.get("as_of"):
        shown = shown.drop(columns=["province"])
    return shown.fillna("")


def _echo_other_kinds(frame) -> None:
    other = frame.attrs.get("other_kinds") or {}
    if other:
        hints = ", ".join(f"{kind} {n} ({'--changes' if kind == 'change' else '--kind ' + kind})"
                          for kind, n in other.items())
        click.echo(f"not shown (other kinds of {frame.attrs.get('metric')} figures): {hints}")


def _write_series_csv(frame, reports, path) -> None:
    """Every report, with its period's value and note (reports that disagree, the merger)."""
    from orchestration import UserError
    from warehouse.queries import series_csv_frame

    out = series_csv_frame(frame, reports)
    try:
        if path == "-":
            out.to_csv(sys.stdout, index=False)
        else:
            out.to_csv(path, index=False)
    except OSError as exc:
        raise UserError(f"--csv {path}: {exc.strerror}") from None


@cli.command(help="The roles a person held across articles.")
@db_option
@click.argument("name")
def people(db, name):
    from warehouse.queries import people as roles

    frame = roles(db, name)
    if frame.empty:
        click.echo(f"No official named {name!r}.")
        return
    _print_frame(frame)


@cli.command(help="Write every table as Parquet or CSV files into DIR; with --partitioned, as Parquet datasets "
                  "partitioned by source and year; with --page-store, the raw pages too.")
@db_option
@click.argument("directory", metavar="DIR")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv"]), default="parquet", show_default=True)
@click.option("--partitioned", is_flag=True,
              help="Tables as DIR/<table>/source_id=<id>/year=<yyyy>/*.parquet (readable without DuckDB).")
@click.option("--page-store", is_flag=True,
              help="Also the raw page store (bodies as received, headers) as DIR/page_store/source_id=…/year=…/.")
def export(db, directory, fmt, partitioned, page_store):
    from exchange import export as write

    for table, path in write(db, directory, fmt, partitioned=partitioned, page_store=page_store):
        click.echo(f"{table}: {path}")


@cli.command(name="import", help="Build a new warehouse (--db, must not exist) from a folder written by "
                                 "`export` (Parquet): tables, page store, search index and series.")
@db_option
@click.argument("directory", metavar="DIR")
def import_(db, directory):
    from exchange import import_export

    done = import_export(directory, db, echo=click.echo)
    for table, rows in done["tables"].items():
        click.echo(f"{table}: {rows} rows")
    click.echo(f"page store: {done['page_records']} records")
    click.echo(f"Database: {Path(db).resolve()}")


@cli.command(help="Run a read-only SQL query over the warehouse. The connection cannot write, read other "
                  "files (COPY, read_csv), attach databases or load extensions.",
             context_settings={"ignore_unknown_options": True})  # a query may start with "--", a SQL comment
@db_option
@click.argument("query")
def sql(db, query):
    from warehouse.queries import run_sql

    _print_frame(run_sql(db, query), colwidth=80, max_rows=200)


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@cli.command(help="Serve the web app (search, articles, people, series) on HOST:PORT. It keeps the database "
                  "open read-only, and lets go of it whenever this tool wants to write (a crawl can run "
                  "meanwhile).")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; another than 127.0.0.1 lets other machines in.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--per-request", is_flag=True,
              help="Open the database for each request and close it after, for a file that other programs "
                   "write (this tool's writers say when they wait for the file; others do not).")
def serve(db, host, port, per_request):
    import socket

    import uvicorn

    from orchestration import UserError
    from warehouse.db import connect
    from webapp import create_app

    connect(db, read_only=True, create=False).close()  # a missing or corrupt database: an error line now
    try:  # the port taken: an error line, not a traceback from inside the server
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise UserError(f"--host {host} --port {port}: cannot listen there ({exc.strerror})") from None
    allowed = [h for h in LOOPBACK if h != "::1"] + ["[::1]"] if host in LOOPBACK else None
    click.echo(f"Serving {Path(db).resolve()} on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               "(Ctrl-C to stop)", err=True)
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: other machines can reach this app", err=True)
    uvicorn.run(create_app(db, allowed_hosts=allowed, keep_open=not per_request), host=host, port=port, log_level="warning")


def main(argv=None) -> int:
    """Entry point of ``python pipeline.py`` and the ``vn-edu-news`` console script."""
    prog = "pipeline.py" if Path(sys.argv[0]).name == "pipeline.py" else Path(sys.argv[0]).name
    return cli.main(argv, prog_name=prog, standalone_mode=False)


if __name__ == "__main__":
    sys.exit(main())
