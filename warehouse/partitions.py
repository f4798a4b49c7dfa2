"""The partitions of a cluster run (``pipeline.py process --cluster``), recorded in
``process_partitions`` (migration 5).

The stored pages to process are split by source and fetch batch (``pages.run_id``, the crawl run
that fetched them) into partitions of at most a few dozen pages, consecutive by URL. A partition is
loaded in one transaction that also marks it done (``store_batch(partitions=...)``), so the record
of what is done is never ahead of, nor behind, the rows. A run that stopped (interrupted, failed,
or killed: ``mark_abandoned_runs`` finds it) leaves a plan with partitions not done; the next
cluster run with the same options and the same extractor version resumes it: the pages of its done
partitions are skipped, every other page is partitioned anew.
"""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
from collections import defaultdict

from nlp.version import EXTRACTOR_VERSION


def partition_pages(pages: list[dict], size: int) -> list[dict]:
    """Pages (rows of ``load.pending_pages(with_fetch_run=True)``) as partitions: by source and
    fetch batch, URLs in order, at most ``size`` pages each and a group's partitions of even size
    (125 pages at 50 make 42+42+41, not 50+50+25: a small last partition of each group would
    leave workers idle at the end of a run). Each is a dict with its ``process_partitions``
    fields and its ``page_rows``."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for page in pages:
        groups[(page["source_id"], page.get("fetch_run"))].append(page)
    out = []
    for (source_id, fetch_run), group in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        group.sort(key=lambda p: p["url"])
        count = -(-len(group) // size)
        bounds = [len(group) * k // count for k in range(count + 1)]
        for i, j in zip(bounds, bounds[1:]):
            chunk = group[i:j]
            first, last = chunk[0]["url"], chunk[-1]["url"]
            pid = f"{source_id}/{fetch_run or '-'}/{hashlib.sha1(first.encode()).hexdigest()[:10]}"
            out.append({"partition_id": pid, "source_id": source_id, "fetch_run": fetch_run, "first_url": first,
                        "last_url": last, "pages": len(chunk), "page_rows": chunk})
    return out


def plan_to_resume(con, options: dict) -> str | None:
    """The plan of the latest cluster run, when that run did not finish (``interrupted``,
    ``failed``, or marked so after being killed), was of the same options and extractor version,
    and has partitions done (when all are, what is left is the search index and series, and pages
    stored since)."""
    rows = con.execute("""SELECT run_id, status, extractor_version, details FROM runs
                          WHERE command = 'process' AND details LIKE '%"plan"%'
                          ORDER BY started_at DESC LIMIT 1""").fetchall()
    if not rows:
        return None
    _, status, version, details = rows[0]
    details = json.loads(details or "{}")
    if status in ("ok", "running") or version != EXTRACTOR_VERSION:
        return None
    if any(details.get(k) != v for k, v in options.items()):
        return None
    plan = details.get("plan")
    (done,) = con.execute("SELECT count(*) FROM process_partitions WHERE plan_id = ? AND status = 'done'",
                          [plan]).fetchone()
    return plan if done else None


def done_ranges(con, plan_id: str) -> dict[tuple, tuple[list[str], list[str]]]:
    """(source_id, fetch_run) -> (first urls, last urls) of the plan's done partitions, in url order
    (a partition is a run of consecutive urls of one source and fetch batch: they never overlap)."""
    ranges = defaultdict(list)
    for source_id, fetch_run, first, last in con.execute(
            "SELECT source_id, fetch_run, first_url, last_url FROM process_partitions "
            "WHERE plan_id = ? AND status = 'done' ORDER BY first_url", [plan_id]).fetchall():
        ranges[(source_id, fetch_run)].append((first, last))
    return {key: ([a for a, _ in rs], [b for _, b in rs]) for key, rs in ranges.items()}


def in_done(page: dict, ranges: dict) -> bool:
    """Whether a page lies in a done partition (a binary search: resuming 2M pages against
    thousands of done partitions must not compare each page with each)."""
    firsts, lasts = ranges.get((page["source_id"], page.get("fetch_run")), ((), ()))
    at = bisect.bisect_right(firsts, page["url"]) - 1
    return at >= 0 and page["url"] <= lasts[at]


def done_count(con, plan_id: str) -> tuple[int, int]:
    """(partitions, pages) of the plan done so far."""
    return tuple(con.execute("SELECT count(*), coalesce(sum(pages), 0) FROM process_partitions "
                             "WHERE plan_id = ? AND status = 'done'", [plan_id]).fetchone())


def record_plan(con, plan_id: str, partitions: list[dict]) -> None:
    """The plan's partitions still to do, replacing those it had not done, in one transaction."""
    from .db import insert_rows

    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM process_partitions WHERE plan_id = ? AND status <> 'done'", [plan_id])
        insert_rows(con, "process_partitions", [
            {k: p[k] for k in ("partition_id", "source_id", "fetch_run", "first_url", "last_url", "pages")}
            | {"plan_id": plan_id, "status": "planned"} for p in partitions])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def mark_done(con, run_id: str, partitions: list[dict]) -> None:
    """Inside the transaction that loads their rows: partitions (``plan_id``, ``partition_id``,
    ``worker``, ``articles``, ``seconds``) marked done by ``run_id``."""
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    for p in partitions:
        con.execute("""UPDATE process_partitions SET status = 'done', done_at = ?, done_by = ?, worker = ?,
                                                     articles = ?, seconds = ?
                       WHERE plan_id = ? AND partition_id = ?""",
                    [now, run_id, p.get("worker"), p.get("articles"), p.get("seconds"), p["plan_id"],
                     p["partition_id"]])


def set_run_plan(con, run_id: str, plan_id: str, partitions: int) -> None:
    """The run's details name the plan it works on (a resumed run: the plan of the run it resumes)."""
    (details,) = con.execute("SELECT details FROM runs WHERE run_id = ?", [run_id]).fetchone()
    details = json.loads(details or "{}")
    details.update(plan=plan_id, partitions=partitions)
    con.execute("UPDATE runs SET details = ? WHERE run_id = ?", [json.dumps(details, ensure_ascii=False), run_id])
