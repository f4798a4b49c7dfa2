"""Re-processing stored pages on a Dask cluster: ``pipeline.py process --cluster ADDRESS`` (a
running Dask scheduler) or ``--cluster local:N`` (a ``LocalCluster`` of N worker processes here).

The work is the single-machine path's, split the way a cluster needs it:

- the stored pages to process are split into partitions by source and fetch batch (the crawl run
  that fetched them), at most ``PARTITION_PAGES`` each, recorded in ``process_partitions``
  (``warehouse.partitions``);
- each partition runs on a worker through ``orchestration.process_pages_batch``, the function the
  local process pool runs, and comes back as Parquet (one small file per table: pages, articles,
  figures, officials, dates), the warehouse rows built on the worker
  (``warehouse.load.warehouse_rows``) so that this process hands DuckDB Arrow tables and does little
  else per page (with two workers on two cores, its CPU is theirs; with ten, it is the limit);
- this process loads each partition in one transaction (``warehouse.load.store_batch``) that also
  marks the partition done, with the database file closed between loads as the local path does;
  at the end the search index and the kept-ready series are brought in step
  (``warehouse.load.finish_load``, through ``orchestration``).

A worker that dies: Dask runs its partitions again on another worker (results are loaded only
when they arrive, so nothing is half-loaded). A partition that kills every worker it is given
(Dask's ``KilledWorker``) is split into single pages, and the page that still kills a worker is
recorded as failed, as the local path does. This process killed: the next run of the same command
resumes the plan, skipping the partitions done. Workers need the project installed (the same
version) and the page store at the path given by ``--worker-store`` (by default this database's
``<db>.pages/``: a shared mount for a cluster of several machines).
"""
from __future__ import annotations

import io
import os
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import orchestration
from orchestration import Interrupted, Outcome, StopOnSignals, UserError

PARTITION_PAGES = 50       # pages per partition: one task, one transaction
IN_FLIGHT_PER_THREAD = 2   # partitions submitted ahead of the workers (bounds memory on both sides)
INTERRUPT_GRACE_S = 5.0    # on Ctrl-C or SIGTERM, partitions already on a worker get this long to finish
# partitions back are loaded together at most this often, the file opened once for them and closed
# between loads so readers get in. Each load pays an open and a checkpoint: at 1 s they were a third
# of the client's CPU on 1,000 pages, which two local workers on two cores then lack.
LOAD_EVERY_S = 5.0  # (VN_EDU_NEWS_CLUSTER_LOAD_EVERY overrides it: load_every())


def load_every() -> float:
    from warehouse.db import env_seconds

    return env_seconds("VN_EDU_NEWS_CLUSTER_LOAD_EVERY", LOAD_EVERY_S, most=3600)


LOCAL_DASHBOARD = "127.0.0.1:8787"  # a busy port is replaced by a free one; the address is printed
# Workers of a local cluster: no statistical profiler (it samples every thread's stack every 10 ms:
# measured, it cost the NLP a tenth of its CPU time). A cluster of your own: set the same in its config.
LOCAL_WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


# -- the cluster address ----------------------------------------------------------------------
def parse_cluster(value: str) -> tuple[str, object]:
    """``local:N`` -> ("local", N); ``tcp://host:port`` or ``host:port`` (``localhost:8786`` too)
    -> ("address", value). A local cluster has at most as many workers as the machine has cores."""
    value = (value or "").strip()
    local = re.fullmatch(r"local(?::(\S*))?", value)
    if local:
        n = local.group(1) or ""
        most = os.cpu_count() or 1
        if not n.isdigit() or not 1 <= int(n) <= most:
            raise ValueError(f"{value!r}: a local cluster is local:N, N workers from 1 to {most} (this machine's cores)")
        return "local", int(n)
    if not value or " " in value:
        raise ValueError(f"{value!r}: a Dask scheduler address (tcp://host:8786) or local:N")
    return "address", value


@contextmanager
def open_cluster(spec):
    """A ``distributed.Client`` for ``spec`` (``local:N``, a scheduler address, or a Client
    already open, which is used as is and not closed). Workers get the setup plugin: the NLP
    models loaded before their first task."""
    from distributed import Client

    if isinstance(spec, Client):
        spec.register_plugin(WorkerSetup(local=False), name="vn-edu-news-setup")
        yield spec
        return
    kind, value = parse_cluster(spec)
    cluster = None
    try:
        if kind == "local":
            import logging

            from distributed import LocalCluster

            import dask

            with dask.config.set(LOCAL_WORKER_CONFIG):  # the nannies pass it on to their workers
                cluster = LocalCluster(n_workers=value, threads_per_worker=1, processes=True,
                                       dashboard_address=LOCAL_DASHBOARD, silence_logs=logging.ERROR)
            client = Client(cluster)
        else:
            client = Client(value, timeout=10)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise UserError(f"--cluster {spec}: cannot reach the Dask scheduler ({exc})") from None
    try:
        client.register_plugin(WorkerSetup(local=kind == "local"), name="vn-edu-news-setup")
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _worker_setup(local: bool) -> None:
    """On each worker, once: a worker of a local cluster dies with this process and leaves
    Ctrl-C to it (``processes.worker_process``); the NLP models are loaded."""
    import threading

    if local and threading.current_thread() is threading.main_thread():
        from processes import worker_process

        worker_process()
    orchestration._nlp()


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # dask not installed: only the cluster path needs it
    WorkerPlugin = object


class WorkerSetup(WorkerPlugin):
    def __init__(self, local: bool):
        self.local = local

    def setup(self, worker):
        _worker_setup(self.local)


# -- what a worker returns: Parquet, one file per table ------------------------------------------
RECORD_TABLES = ("articles", "figures", "officials", "dates")


def partition_to_parquet(results: list, run_id: str) -> dict[str, bytes]:
    """A partition's ``PageResult``s as Parquet files (bytes): ``pages`` (what became of each page)
    and the warehouse rows of its articles (``warehouse.load.warehouse_rows``: built here, on the
    worker, so the client only hands them to DuckDB). Rows keep their order."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from warehouse.db import arrow_table
    from warehouse.load import warehouse_rows

    strings = pa.list_(pa.string())
    pages = pa.Table.from_pylist(
        [{"url": r.url, "body_sha1": r.body_sha1, "error": r.error, "warnings": list(r.warnings),
          "article_id": r.article["article_id"] if r.article else None} for r in results],
        schema=pa.schema([("url", pa.string()), ("body_sha1", pa.string()), ("error", pa.string()),
                          ("warnings", strings), ("article_id", pa.string())]))
    rows = warehouse_rows([(r.article, r.records) for r in results if r.article], run_id)
    tables = {"pages": pages, **{name: arrow_table(rows[name]) for name in RECORD_TABLES}}
    out = {}
    for name, table in tables.items():
        buffer = io.BytesIO()
        pq.write_table(table, buffer, compression="zstd")
        out[name] = buffer.getvalue()
    return out


@dataclass
class PartitionResult:
    """What came back for a partition (or some of its pages): the pages' outcomes as dicts, and
    the warehouse rows of its articles as Arrow tables."""

    pages: list
    tables: dict


def partition_from_parquet(files: dict[str, bytes]) -> PartitionResult:
    import pyarrow.parquet as pq

    pages = pq.read_table(io.BytesIO(files["pages"])).to_pylist()
    for page in pages:
        page["warnings"] = list(page["warnings"] or [])
    return PartitionResult(pages, {name: pq.read_table(io.BytesIO(files[name])) for name in RECORD_TABLES})


def _failed_page(page: dict, error: str) -> PartitionResult:
    import pyarrow as pa

    return PartitionResult([{"url": page["url"], "body_sha1": page.get("body_sha1"), "error": error,
                             "warnings": [], "article_id": None}], {name: pa.table({}) for name in RECORD_TABLES})


def _joined(parts: list) -> PartitionResult:
    """Results of single pages of a partition, as one (pages in the order given)."""
    import pyarrow as pa

    tables = {}
    for name in RECORD_TABLES:
        some = [p.tables[name] for p in parts if p.tables[name].num_rows]
        tables[name] = pa.concat_tables(some, promote_options="default") if some else pa.table({})
    return PartitionResult([page for p in parts for page in p.pages], tables)


class StoreMissing(OSError):
    """The page store is not where a worker was told it is."""


def process_partition(pages: list[dict], store_dir: str, run_id: str) -> dict:
    """What a worker runs: a partition's pages through ``orchestration.process_pages_batch``, the
    results as Parquet files (``partition_to_parquet``)."""
    started = time.perf_counter()
    try:
        from distributed import get_worker

        worker = get_worker().address
    except ValueError:  # not on a worker (called directly)
        worker = None
    if not os.path.isdir(store_dir):  # an unmounted store: every page would be recorded as failed
        raise StoreMissing(f"--worker-store {store_dir}: no such folder on worker {worker or 'here'}")
    results = orchestration.process_pages_batch(pages, store_dir)
    return {"parquet": partition_to_parquet(results, run_id), "worker": worker,
            "seconds": time.perf_counter() - started}


# -- the client's loop --------------------------------------------------------------------------
@dataclass
class _Task:
    partition: dict
    pages: list                       # the pages this task carries (a whole partition, or one page of it)
    tries: int = 0


@dataclass
class _Split:
    """A partition that killed its workers, run page by page; loaded when every page is back."""

    partition: dict
    left: int
    results: dict = field(default_factory=dict)   # url -> PartitionResult of that page
    seconds: float = 0.0


class ClusterRun:
    def __init__(self, db, run_id: str, plan_id: str, client, store_dir: str, report, progress=None):
        self.db, self.run_id, self.plan_id, self.client = db, run_id, plan_id, client
        self.store_dir, self.report, self.progress = store_dir, report, progress
        self.in_flight: dict = {}      # future -> _Task
        self.splits: dict[str, _Split] = {}
        self.submitted = 0
        self.loaded = []               # partition ids, in the order they were loaded
        self.ready = []                # partitions back, not loaded yet
        self.last_load = time.monotonic()
        self.load_every = load_every()

    def _submit(self, task: _Task) -> None:
        self.submitted += 1
        key = f"vn-edu-news-{self.run_id}-{self.submitted}"
        future = self.client.submit(process_partition, task.pages, self.store_dir, self.run_id, key=key, pure=False)
        self.in_flight[future] = task

    def run(self, partitions: list[dict], stop) -> None:
        from collections import deque

        from distributed import wait

        # the largest first: what is left for the end of the run is small, so no worker waits long
        # for the last one (partitions differ in size by source and fetch batch)
        queue = deque(sorted(partitions, key=lambda p: -len(p["page_rows"])))
        threads = sum(self.client.nthreads().values()) or 1
        ahead = max(2, IN_FLIGHT_PER_THREAD * threads)
        deadline = None
        try:
            while queue or self.in_flight:
                if stop.is_set():
                    if deadline is None:
                        deadline = time.monotonic() + INTERRUPT_GRACE_S
                        queue.clear()
                    if time.monotonic() >= deadline or not self.in_flight:
                        break
                while queue and len(self.in_flight) < ahead and not stop.is_set():
                    part = queue.popleft()
                    self._submit(_Task(part, part["page_rows"]))
                try:
                    wait(list(self.in_flight), timeout=0.5, return_when="FIRST_COMPLETED")
                except TimeoutError:
                    pass
                self._take([f for f in self.in_flight if f.done()])
                self._maybe_load(force=not self.in_flight)
        finally:
            self._maybe_load(force=True)  # what came back is kept, whatever stopped the run
            for future in self.in_flight:
                future.cancel()
            self.in_flight.clear()

    def _take(self, futures) -> None:
        from distributed import KilledWorker

        loads = []
        for future in futures:
            task = self.in_flight.pop(future)
            if future.status == "finished":
                out = future.result()
                loads.append((task, partition_from_parquet(out["parquet"]), out["worker"], out["seconds"]))
            elif future.status in ("cancelled", "lost"):  # a scheduler restarted under it: run it again
                if task.tries >= 3:
                    raise UserError(f"partition {task.partition['partition_id']}: lost by the cluster 4 times "
                                    "(is the scheduler restarting?)")
                self._submit(_Task(task.partition, task.pages, task.tries + 1))
            else:
                exc = future.exception()
                if isinstance(exc, StoreMissing):
                    raise UserError(str(exc))
                if isinstance(exc, KilledWorker):
                    loads += self._killed(task)
                else:  # the work itself never raises (a page's failure is its result): the cluster is wrong
                    raise UserError(f"partition {task.partition['partition_id']} failed on the cluster: "
                                    f"{type(exc).__name__}: {exc}"[:500])
            future.release()
        self.ready += [item for item in (self._assemble(*load) for load in loads) if item]

    def _maybe_load(self, force: bool = False) -> None:
        """Partitions back are loaded at least every ``LOAD_EVERY_S`` (each in its own
        transaction, the file opened once for them): opening and closing the file per partition
        cost 40% of the loading."""
        if self.ready and (force or time.monotonic() - self.last_load >= self.load_every):
            ready, self.ready = self.ready, []
            self._load(ready)
            self.last_load = time.monotonic()

    def _killed(self, task: _Task) -> list:
        """A task whose workers died every time Dask ran it: a whole partition is split into its
        pages; a single page is recorded as failed."""
        pid = task.partition["partition_id"]
        if len(task.pages) > 1:
            self.splits[pid] = _Split(task.partition, len(task.pages))
            for page in task.pages:
                self._submit(_Task(task.partition, [page]))
            return []
        failed = _failed_page(task.pages[0], "processing failed: the worker process died on this page")
        return [(task, failed, None, 0.0)]

    def _assemble(self, task: _Task, result: PartitionResult, worker, seconds: float):
        """A partition's results, whole: directly, or once every page of a split one is back."""
        pid = task.partition["partition_id"]
        split = self.splits.get(pid)
        if split is None:
            return task.partition, result, worker, seconds
        split.results[task.pages[0]["url"]] = result
        split.seconds += seconds
        split.left -= 1
        if split.left:
            return None
        del self.splits[pid]
        joined = _joined([split.results[p["url"]] for p in task.partition["page_rows"]])
        return task.partition, joined, None, split.seconds

    def _load(self, loads: list) -> None:
        """Each partition in its own transaction, with its row marked done; the file is opened
        once for the partitions that came back together and closed after them."""
        from warehouse.db import connect
        from warehouse.load import store_batch

        con = connect(self.db)
        try:
            for partition, result, worker, seconds in loads:
                articles = result.tables["articles"].num_rows
                store_batch(con, self.run_id, rows=result.tables, report=self.report,
                            processed=[(p["url"], p["body_sha1"], p["error"]) for p in result.pages],
                            partitions=[{"plan_id": self.plan_id, "partition_id": partition["partition_id"],
                                         "worker": worker, "articles": articles, "seconds": seconds}])
                for p in result.pages:
                    if p["error"]:
                        self.report.skipped.append((p["url"], p["error"]))
                    self.report.warnings.extend((p["url"], w) for w in p["warnings"])
                self.loaded.append(partition["partition_id"])
                if self.progress is not None:
                    self.progress.update(len(result.pages))
        finally:
            con.close()


# -- the command --------------------------------------------------------------------------------
def _read_store(db, run_id: str) -> None:
    """What the page store holds that the warehouse has not read becomes page rows (as
    ``process`` does before it processes)."""
    from warehouse.db import connect
    from warehouse.load import store_batch

    reader = orchestration.StoreReader(db, orchestration._sources_of(db))
    rows, _, moved = reader.read_new()
    if rows or moved:
        con = connect(db)
        try:
            store_batch(con, run_id, pages=rows, positions=moved)
        finally:
            con.close()


def plan(db, run_id: str, options: dict, partition_pages: int) -> tuple[str, list[dict], dict]:
    """(plan id, partitions to do, what was resumed): the pending pages partitioned, less those of
    the done partitions of an unfinished earlier plan, which this run then continues."""
    from warehouse import partitions as parts
    from warehouse.db import connect
    from warehouse.load import pending_pages

    con = connect(db)
    try:
        plan_id = parts.plan_to_resume(con, options)
        resumed = {}
        pending = list(pending_pages(con, all_pages=options["all"], retry_failed=options["retry_failed"],
                                     with_fetch_run=True))
        if plan_id:
            ranges = parts.done_ranges(con, plan_id)
            before = len(pending)
            pending = [p for p in pending if not parts.in_done(p, ranges)]
            done_parts, done_pages = parts.done_count(con, plan_id)
            resumed = {"plan": plan_id, "partitions_done": done_parts, "pages_done": done_pages,
                       "pages_skipped": before - len(pending)}
        else:
            plan_id = run_id
        partitions = parts.partition_pages(pending, partition_pages)
        parts.record_plan(con, plan_id, partitions)
        parts.set_run_plan(con, run_id, plan_id, len(partitions))
    finally:
        con.close()
    return plan_id, partitions, resumed


class _ClusterStarting:
    """``open_cluster`` entered on a thread of its own, so that a local cluster's workers start
    (and load the NLP models) while this process reads the page store and plans: about half a
    second of a run's fixed cost, which two workers pay as one does."""

    def __init__(self, spec):
        import threading

        self._opened = open_cluster(spec)
        self._client = None
        self._error: BaseException | None = None
        self._closed = False
        self._thread = threading.Thread(target=self._start, name="cluster-start", daemon=True)
        self._thread.start()

    def _start(self) -> None:
        try:
            self._client = self._opened.__enter__()
        except BaseException as exc:  # (raised where the client is wanted)
            self._error = exc

    def client_when_ready(self):
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._client

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._thread.join()
        if self._client is not None:
            self._opened.__exit__(None, None, None)


def describe(client) -> str:
    workers = client.scheduler_info(n_workers=-1).get("workers", {}) if hasattr(client, "scheduler_info") else {}
    threads = sum(w.get("nthreads", 0) for w in workers.values())
    return f"{len(workers)} workers, {threads} threads, scheduler {client.scheduler.address}"


def process_on_cluster(db, *, cluster, all_pages: bool, retry_failed: bool = False, progress=None,
                       index_progress=None, echo=None, worker_store=None,
                       partition_pages: int = PARTITION_PAGES) -> Outcome:
    """``pipeline.py process --cluster``: the stored pages not processed yet (or all), processed on
    a Dask cluster and loaded here partition by partition; resumes an unfinished plan."""
    from warehouse.load import ProcessReport

    echo = echo or (lambda line: None)
    load_every()  # a bad VN_EDU_NEWS_CLUSTER_LOAD_EVERY fails before anything starts
    started = time.perf_counter()
    options = {"all": all_pages, "retry_failed": retry_failed}
    label = cluster if isinstance(cluster, str) else "client"
    run_id = orchestration._begin_run(db, "process", {**options, "cluster": label}, create=False)
    report = ProcessReport()
    details = {**options, "cluster": label}
    loop = None
    starting = _ClusterStarting(cluster)  # while the page store is read and the plan made
    with StopOnSignals() as signals:
        try:
            _read_store(db, run_id)
            plan_id, partitions, resumed = plan(db, run_id, options, partition_pages)
            details.update(plan=plan_id, partitions=len(partitions))
            if resumed:
                echo(f"Resuming the run {plan_id}: {resumed['partitions_done']} partitions "
                     f"({resumed['pages_done']} pages) were done and are skipped.")
            total = sum(p["pages"] for p in partitions)
            echo(f"{total} pages in {len(partitions)} partitions (by source and fetch batch).")
            if partitions and not signals.stop.is_set():
                client = starting.client_when_ready()
                echo(f"Dask cluster: {describe(client)}")
                echo(f"Dask dashboard: {client.dashboard_link}")
                bar = progress(None, total) if progress else None
                loop = ClusterRun(db, run_id, plan_id, client,
                                  str(worker_store or orchestration.page_store_dir(db)), report, bar)
                try:
                    loop.run(partitions, signals.stop)
                finally:
                    if bar is not None:
                        bar.close()
            starting.close()
            if signals.stop.is_set():
                raise Interrupted()
            per_source, counts = orchestration._finish_load_and_totals(db, None, index_progress)
        except BaseException as exc:
            starting.close()
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            orchestration._finish(db, run_id, status, {**details, "articles": report.articles,
                                                       "partitions_loaded": len(loop.loaded) if loop else 0,
                                                       "error": str(exc)[:300]})
            raise
    orchestration._finish(db, run_id, "ok", {**details, "articles": report.articles, "skipped": len(report.skipped),
                                             "partitions_loaded": len(loop.loaded) if loop else 0})
    return Outcome(report, time.perf_counter() - started, per_source, counts)


def local_pids(client) -> dict[str, int]:
    """Worker address -> process id (for tests that kill a worker)."""
    return client.run(os.getpid)
