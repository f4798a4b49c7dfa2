"""Re-processing on a Dask cluster (``pipeline.py process --cluster``): the rows are exactly the
single-process path's, a worker killed mid-run or the client killed loses and duplicates nothing.

The fast tier checks the parts without a cluster (Parquet round trip, partitions, the plan a
stopped run leaves); the slow tier starts LocalClusters on a generated site of a few hundred pages.
"""
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, copy_database, search_results

SITE_PAGES = 240
QUERIES = ("dien bien giam doc so", "học sinh", "truong hoc", "Nguyễn Văn Kiên", "tuyển sinh lớp 10")


# -- what is compared -------------------------------------------------------------------------
def warehouse_rows(db) -> dict:
    """Every row the processing writes, less what names the run or the time (run_id, extracted_at,
    processed_at); and the search results for a few queries."""
    from warehouse.db import connect

    con = connect(db, read_only=True)
    out = {}
    try:
        for table, order in (("articles", "article_id"), ("figures", "article_id, seq"),
                             ("officials", "article_id, seq"), ("dates", "article_id, seq"), ("pages", "url"),
                             ("series_periods", "ALL")):
            cols = [c for (c,) in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                                              "ORDER BY column_index", [table]).fetchall()
                    if c not in ("run_id", "extracted_at", "processed_at")]
            out[table] = con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {order}").fetchall()
    finally:
        con.close()
    out["search"] = search_results(db, QUERIES)
    return out


def assert_same_rows(db, reference) -> None:
    got, want = warehouse_rows(db), warehouse_rows(reference)
    for table in want:
        assert got[table] == want[table], table
    assert len(want["articles"]) == SITE_PAGES


def partitions_of(db):
    from warehouse.db import connect

    con = connect(db, read_only=True)
    try:
        return con.execute("SELECT plan_id, partition_id, status, pages FROM process_partitions ORDER BY ALL").fetchall()
    finally:
        con.close()


# -- fast: no cluster -----------------------------------------------------------------------------
def test_a_partitions_rows_survive_the_parquet_round_trip(warehouse_db):
    """What a worker returns (Parquet, one file per table) gives back each page's outcome and the
    very warehouse rows the local path builds for its articles."""
    import orchestration
    from cluster import partition_from_parquet, partition_to_parquet
    from warehouse.db import connect
    from warehouse.load import pending_pages, warehouse_rows

    con = connect(warehouse_db, read_only=True)
    pages = list(pending_pages(con, all_pages=True))
    con.close()
    pages.append({**pages[0], "url": "https://x.vn/none", "warc_file": None, "body_zlib": None})  # an error
    results = orchestration.process_pages_batch(pages, str(orchestration.page_store_dir(warehouse_db)))
    back = partition_from_parquet(partition_to_parquet(results, "run-1"))
    assert len(back.pages) == len(results) == 6 and back.pages[-1]["error"] == "no stored body"
    for r, page in zip(results, back.pages):
        assert (r.url, r.body_sha1, r.error, list(r.warnings)) == (page["url"], page["body_sha1"], page["error"],
                                                                    page["warnings"])
    local = warehouse_rows([(r.article, r.records) for r in results if r.article], "run-1")
    for name, rows in local.items():
        got = back.tables[name].to_pylist()
        ignore = {"extracted_at"}  # the time each side built them
        assert [{k: v for k, v in row.items() if k not in ignore} for row in got] == \
            [{k: v for k, v in row.items() if k not in ignore} for row in rows], name
    assert back.tables["figures"].num_rows > 10 and back.tables["articles"].num_rows == 5


def test_partitions_by_source_and_fetch_batch():
    from warehouse.partitions import partition_pages

    pages = [{"url": f"https://s{i % 2}.vn/{i:03d}", "source_id": f"s{i % 2}", "fetch_run": f"c{i % 3}"}
             for i in range(60)]
    parts = partition_pages(pages, 4)
    assert sum(p["pages"] for p in parts) == 60
    for p in parts:
        rows = p["page_rows"]
        assert len(rows) <= 4 and {(r["source_id"], r["fetch_run"]) for r in rows} == {(p["source_id"], p["fetch_run"])}
        assert [r["url"] for r in rows] == sorted(r["url"] for r in rows)
        assert (p["first_url"], p["last_url"]) == (rows[0]["url"], rows[-1]["url"])
    assert len({p["partition_id"] for p in parts}) == len(parts)
    # 10 pages of a group at 4 a partition: 3+3+4 (even), never 4+4+2 (a small one left for the end)
    sizes = {}
    for p in parts:
        sizes.setdefault((p["source_id"], p["fetch_run"]), []).append(p["pages"])
    assert all(max(s) - min(s) <= 1 for s in sizes.values()) and len(parts) == 18


def test_a_stopped_plan_is_resumed_without_its_done_partitions(warehouse_db, tmp_path):
    """A cluster run that stopped after loading some partitions: the next run with the same
    options takes its plan and skips the pages of the partitions done, and nothing else."""
    import cluster
    from orchestration import _begin_run, _finish
    from warehouse.db import connect
    from warehouse.load import store_batch

    db = tmp_path / "n.duckdb"
    copy_database(warehouse_db, db)
    options = {"all": True, "retry_failed": False}
    first = _begin_run(db, "process", {**options, "cluster": "local:2"}, create=False)
    plan_id, parts, resumed = cluster.plan(db, first, options, partition_pages=2)
    assert plan_id == first and not resumed and sum(p["pages"] for p in parts) == 5
    con = connect(db)
    store_batch(con, first, partitions=[{"plan_id": plan_id, "partition_id": parts[0]["partition_id"]}])
    con.close()
    _finish(db, first, "interrupted", {**options, "cluster": "local:2", "plan": plan_id})
    # the same options: resumed; the done partition's pages are not planned again
    second = _begin_run(db, "process", {**options, "cluster": "local:2"}, create=False)
    again, parts2, resumed = cluster.plan(db, second, options, partition_pages=2)
    assert again == plan_id and resumed["partitions_done"] == 1 and resumed["pages_skipped"] == parts[0]["pages"]
    done_urls = {p["url"] for p in parts[0]["page_rows"]}
    planned = {p["url"] for part in parts2 for p in part["page_rows"]}
    assert planned and not planned & done_urls and len(planned) == 5 - len(done_urls)
    _finish(db, second, "interrupted", {**options, "cluster": "local:2", "plan": plan_id})
    # other options: a plan of its own
    third = _begin_run(db, "process", {"all": False, "retry_failed": False, "cluster": "local:2"}, create=False)
    other, _, resumed = cluster.plan(db, third, {"all": False, "retry_failed": False}, partition_pages=2)
    assert other == third and not resumed


def test_a_partition_that_kills_its_workers_is_run_page_by_page():
    """Dask's KilledWorker for a whole partition: its pages go out one by one and the partition is
    loaded, whole and in order, when all are back; a single page that kills its worker too is
    recorded as failed, as the local path does."""
    from cluster import ClusterRun, _failed_page, _Task

    class FakeClient:
        def __init__(self):
            self.submitted = []

        def submit(self, fn, pages, store_dir, run_id, key, pure):
            self.submitted.append(pages)
            return key

    client = FakeClient()
    run = ClusterRun("db", "run", "plan", client, "store", report=None)
    pages = [{"url": f"u{i}", "body_sha1": f"h{i}"} for i in range(3)]
    partition = {"partition_id": "s/c/1", "page_rows": pages}
    assert run._killed(_Task(partition, pages)) == []
    assert client.submitted == [[p] for p in pages] and len(run.in_flight) == 3
    # two pages come back, the third kills its worker as well
    assert run._assemble(_Task(partition, [pages[2]]), _failed_page(pages[2], "x"), "w", 1.0) is None
    assert run._assemble(_Task(partition, [pages[0]]), _failed_page(pages[0], "y"), "w", 1.0) is None
    [(task, failed, worker, seconds)] = run._killed(_Task(partition, [pages[1]]))
    assert failed.pages[0]["url"] == "u1" and "worker process died on this page" in failed.pages[0]["error"]
    whole = run._assemble(task, failed, worker, seconds)
    assert whole[0] is partition and [p["url"] for p in whole[1].pages] == ["u0", "u1", "u2"] and not run.splits
    assert [p["error"] for p in whole[1].pages][::2] == ["y", "x"]


@pytest.mark.parametrize("args, named", [
    (["--cluster", "local:0"], "local:N"),
    (["--cluster", "local:two"], "local:N"),
    (["--cluster", "local:8786"], "local:N"),  # more workers than cores: a typo, not a plan
    (["--cluster", ""], "--cluster"),
    (["--worker-store", "/tmp"], "--worker-store is for --cluster"),
    (["--partition-pages", "5"], "--partition-pages is for --cluster"),
])
def test_bad_cluster_options_are_one_error_line(cli, warehouse_db, args, named):
    result = cli("process", "--db", warehouse_db, *args)
    assert result.exit_code == 2 and named in result.stderr and result.stderr.count("\n") == 1, result.stderr


@pytest.mark.parametrize("value", ["soon", "-1"])
def test_a_bad_load_interval_is_one_error_line(cli, warehouse_db, monkeypatch, value):
    monkeypatch.setenv("VN_EDU_NEWS_CLUSTER_LOAD_EVERY", value)
    result = cli("process", "--db", warehouse_db, "--all", "--cluster", "local:1")
    assert result.exit_code == 2 and "VN_EDU_NEWS_CLUSTER_LOAD_EVERY" in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1


def test_a_resumed_plan_skips_exactly_the_pages_of_its_done_partitions():
    import random

    from warehouse.partitions import in_done

    rng = random.Random(7)
    urls = sorted(f"https://so.example/tin/{rng.randrange(10**9):09d}.html" for _ in range(3000))
    parts = [urls[i:i + 50] for i in range(0, len(urls), 50)]
    done = sorted(rng.sample(parts, 25))
    ranges = {("so", 1): ([p[0] for p in done], [p[-1] for p in done])}
    skipped = {u for u in urls if in_done({"url": u, "source_id": "so", "fetch_run": 1}, ranges)}
    assert skipped == {u for p in done for u in p}
    assert not in_done({"url": done[0][0], "source_id": "so", "fetch_run": 2}, ranges)  # another fetch batch


def test_a_scheduler_on_this_machine_is_an_address_not_a_local_cluster():
    from cluster import parse_cluster

    assert parse_cluster("localhost:8786") == ("address", "localhost:8786")
    assert parse_cluster("tcp://127.0.0.1:8786") == ("address", "tcp://127.0.0.1:8786")
    assert parse_cluster("local:1") == ("local", 1)


@pytest.mark.slow
def test_a_worker_store_missing_on_the_workers_stops_the_run_and_fails_no_page(cli, warehouse_db, tmp_path):
    """A store the workers cannot see (an unmounted share) is one error line, exit 2; no page is
    recorded as failed, so the same command with the right store picks them all up."""
    db = tmp_path / "w.duckdb"
    copy_database(warehouse_db, db)
    result = cli("process", "--all", "--cluster", "local:1", "--worker-store", tmp_path / "not-mounted", "--db", db)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: --worker-store")
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM pages WHERE process_error IS NOT NULL").fetchone()[0] == 0
    con.close()


# -- slow: LocalClusters on a generated site ---------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A generated site of a few hundred pages, stored (3 sources, 2 fetch batches), and the same
    database processed by the single-process path (``process --all --jobs 1``) as the reference."""
    import orchestration
    from benchmarks.stored_site import make_stored_site

    folder = tmp_path_factory.mktemp("site")
    stored = folder / "stored.duckdb"
    make_stored_site(stored, SITE_PAGES, sources=3, batches=2)
    reference = folder / "reference.duckdb"
    copy_database(stored, reference)
    outcome = orchestration.process_stored(reference, all_pages=True, jobs=1)
    assert outcome.report.articles == SITE_PAGES, outcome.report.skipped[:3]
    return {"stored": stored, "reference": reference}


@pytest.fixture(scope="module")
def local_cluster():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0")
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


class _Bar:
    """A progress bar that calls ``on_first`` at the first partition loaded."""

    def __init__(self, on_first):
        self.on_first, self.pages = on_first, 0

    def update(self, n):
        if not self.pages:
            self.on_first()
        self.pages += n

    def close(self):
        pass


@pytest.mark.slow
def test_two_workers_give_exactly_the_single_process_rows(site, local_cluster, tmp_path):
    from cluster import process_on_cluster

    db = tmp_path / "c.duckdb"
    copy_database(site["stored"], db)
    lines = []
    outcome = process_on_cluster(db, cluster=local_cluster, all_pages=True, partition_pages=20, echo=lines.append)
    assert outcome.report.articles == SITE_PAGES and not outcome.report.skipped
    assert any(line.startswith("Dask dashboard: http://127.0.0.1:") for line in lines), lines
    assert_same_rows(db, site["reference"])
    parts = partitions_of(db)
    assert {status for _, _, status, _ in parts} == {"done"} and sum(n for *_, n in parts) == SITE_PAGES
    assert len(parts) == 6 * 2  # 3 sources x 2 fetch batches of 40 pages, 20 a partition
    # both workers had work
    from warehouse.db import connect

    con = connect(db, read_only=True)
    assert con.execute("SELECT count(DISTINCT worker) FROM process_partitions").fetchone()[0] == 2
    con.close()


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(site, local_cluster, tmp_path):
    from cluster import local_pids, process_on_cluster

    db = tmp_path / "k.duckdb"
    copy_database(site["stored"], db)
    killed = []

    def kill_a_worker():
        address, pid = sorted(local_pids(local_cluster).items())[0]
        os.kill(pid, signal.SIGKILL)
        killed.append(address)

    outcome = process_on_cluster(db, cluster=local_cluster, all_pages=True, partition_pages=10,
                                 progress=lambda it, total: _Bar(kill_a_worker))
    assert killed and outcome.report.articles == SITE_PAGES and not outcome.report.skipped
    assert_same_rows(db, site["reference"])
    parts = partitions_of(db)
    assert len(parts) == 24 and {status for _, _, status, _ in parts} == {"done"}
    local_cluster.wait_for_workers(2, timeout=60)  # the nanny brought it back, for the next test


def _children(pid: int) -> list[int]:
    import psutil

    return [p.pid for p in psutil.Process(pid).children(recursive=True)]


def _alive(pids) -> list[int]:
    import psutil

    return [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE]


@pytest.mark.slow
def test_the_client_killed_then_run_again_resumes_and_completes(site, tmp_path):
    """`process --all --cluster local:2` killed with SIGKILL after some partitions were loaded:
    its workers go with it; the same command again resumes the plan and the rows are exactly the
    single-process path's."""
    from warehouse.db import connect

    db = tmp_path / "r.duckdb"
    copy_database(site["stored"], db)
    args = [sys.executable, str(ROOT / "pipeline.py"), "process", "--all", "--cluster", "local:2",
            "--partition-pages", "10", "--db", str(db)]
    # loads every 0.5 s (not 5): the kill must come after some partitions are loaded and before all are
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "VN_EDU_NEWS_CLUSTER_LOAD_EVERY": "0.5"})
    deadline = time.monotonic() + 240
    done = 0
    workers = []
    try:
        while done < 4:
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
            time.sleep(0.5)
            workers = _children(proc.pid) or workers
            con = connect(db, read_only=True)
            try:
                done = con.execute("SELECT count(*) FROM process_partitions WHERE status = 'done'").fetchone()[0]
            finally:
                con.close()
    finally:
        proc.kill()
        proc.communicate()
    assert workers
    deadline = time.monotonic() + 15
    while _alive(workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(workers), "worker processes outlived the killed client"
    assert any(status == "planned" for _, _, status, _ in partitions_of(db))

    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Resuming the run" in again.stdout and "Dask dashboard: http://" in again.stdout
    assert_same_rows(db, site["reference"])
    parts = partitions_of(db)
    assert {status for _, _, status, _ in parts} == {"done"} and sum(n for *_, n in parts) == SITE_PAGES
    assert len({plan for plan, *_ in parts}) == 1
    con = connect(db, read_only=True)
    statuses = [s for (s,) in con.execute("SELECT status FROM runs WHERE command = 'process' ORDER BY started_at")
                .fetchall()]
    con.close()
    assert statuses[-2:] == ["interrupted", "ok"]


@pytest.mark.slow
def test_sigterm_stops_the_cluster_run_within_seconds_and_keeps_what_was_loaded(site, tmp_path):
    from warehouse.db import connect

    db = tmp_path / "t.duckdb"
    copy_database(site["stored"], db)
    args = [sys.executable, str(ROOT / "pipeline.py"), "process", "--all", "--cluster", "local:2",
            "--partition-pages", "10", "--db", str(db)]
    # loads every 0.5 s (not 5): the kill must come after some partitions are loaded and before all are
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "VN_EDU_NEWS_CLUSTER_LOAD_EVERY": "0.5"})
    deadline = time.monotonic() + 240
    done = 0
    while done < 2:
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.5)
        con = connect(db, read_only=True)
        try:
            done = con.execute("SELECT count(*) FROM process_partitions WHERE status = 'done'").fetchone()[0]
        finally:
            con.close()
    stopped = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and "interrupted" in err, out + err
    assert time.monotonic() - stopped < 30
    con = connect(db, read_only=True)
    status, = con.execute("SELECT status FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    loaded = con.execute("SELECT count(*) FROM process_partitions WHERE status = 'done'").fetchone()[0]
    con.close()
    assert status == "interrupted" and loaded >= 2
    again = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "Resuming the run" in again.stdout, again.stdout + again.stderr
    assert_same_rows(db, site["reference"])
