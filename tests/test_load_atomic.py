"""A load is one transaction: a failure or a kill half-way leaves the database as it was, and
re-running reaches exactly the row counts of one clean load."""
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ROOT, copy_database, index_entries, run_cli

TABLES = ("articles", "figures", "officials", "dates")


def counts(db):
    """Rows per table, and the articles the search index holds as a search would find it (brought
    in step first if a kill left it behind)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()
    return {**rows, "search index": index_entries(db)}


def test_failure_inside_the_transaction_rolls_back(warehouse_db, tmp_path, monkeypatch):
    db = tmp_path / "copy.duckdb"
    copy_database(warehouse_db, db)
    before = counts(db)
    import orchestration
    import warehouse.db

    real_insert = warehouse.db.insert_rows

    def explode(con, table, rows, **kw):
        if table == "dates":  # the last insert of the batch: everything before it must go too
            raise RuntimeError("disk full (simulated)")
        real_insert(con, table, rows, **kw)

    monkeypatch.setattr(warehouse.db, "insert_rows", explode)
    with pytest.raises(RuntimeError):
        orchestration.process_stored(db, all_pages=True, jobs=1)
    assert counts(db) == before
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status FROM runs WHERE command = 'process' ORDER BY started_at").fetchall()[-1] == ("failed",)
    con.close()


def _with_many_pages(src, dst, copies):
    copy_database(src, dst)
    con = duckdb.connect(str(dst))
    con.execute(f"""INSERT INTO pages BY NAME SELECT pages.* REPLACE (url || '?copy=' || i AS url, NULL AS processed_sha1)
                    FROM pages, range(1, {copies + 1}) t(i) WHERE outcome = 'article'""")
    con.close()


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has exited and only waits to be reaped


@pytest.mark.slow
def test_killed_process_leaves_a_clean_state(warehouse_db, tmp_path):
    clean = tmp_path / "clean.duckdb"
    _with_many_pages(warehouse_db, clean, 30)
    run_cli("process", "--db", clean, check=True)
    expected = counts(clean)

    victim = tmp_path / "victim.duckdb"
    _with_many_pages(warehouse_db, victim, 30)
    before = counts(victim)
    proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "process", "--jobs", "2", "--db", str(victim)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(workers := children(proc.pid)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(workers) >= 2, "the NLP workers never started"
    time.sleep(1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # the NLP workers do not outlive it, waiting on their queues forever
    deadline = time.monotonic() + 15
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)
    assert counts(victim) in (before, expected)  # all or nothing
    run_cli("process", "--db", victim, check=True)
    assert counts(victim) == expected
    run_cli("process", "--all", "--db", victim, check=True)
    assert counts(victim) == expected
