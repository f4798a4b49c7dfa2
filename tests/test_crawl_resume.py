"""An interrupted crawl (Ctrl-C) resumes where it stopped and ends as an uninterrupted one."""
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

import duckdb
import pytest

from conftest import ROOT, run_cli
from fault_site import QuietServer

pytestmark = pytest.mark.slow  # crawls, kills or kernels: `make test-all`

N = 30  # more than CONCURRENT_REQUESTS: on Ctrl-C Scrapy finishes what the downloader holds


class SlowSite(BaseHTTPRequestHandler):
    served = 0  # article pages sent so far

    def log_message(self, *args):
        return

    def do_GET(self):
        if self.path == "/robots.txt":
            body = b"User-agent: *\nAllow: /\n"
        elif self.path == "/news/tin-tuc/":
            links = "".join(f'<a href="/news/tin-tuc/bai-so-{i}-hoi-nghi-giao-duc-{1000 + i}.html">Bài số {i}</a>' for i in range(N))
            body = f'<html><head><meta name="generator" content="NukeViet v4.5"></head><body>{links}</body></html>'.encode()
        else:
            time.sleep(0.8)
            i = self.path.split("-bai-so-")[-1] if "-bai-so-" in self.path else self.path
            body = (f'<html><head><meta charset="utf-8"></head><body><h1 class="title">Bài {self.path[-9:-5]}</h1>'
                    f'<span class="h5">06/09/2021 08:15</span><div id="news-bodyhtml"><p>Có 5 trường học.</p></div>'
                    f'</body></html>').encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        if self.path.endswith(".html"):
            SlowSite.served += 1


def _serve():
    httpd = QuietServer(("127.0.0.1", 0), SlowSite)  # (a killed crawl hangs up on it)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def _urls(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT url FROM articles").fetchall())
    finally:
        con.close()


def test_interrupted_crawl_resumes_to_the_same_result(tmp_path):
    httpd = _serve()
    start = f"http://127.0.0.1:{httpd.server_address[1]}/news/tin-tuc/"
    try:
        full = tmp_path / "full.duckdb"
        run_cli("run", "--db", full, "--start-url", start, "--fast", check=True)
        expected = _urls(full)
        assert len(expected) == N

        db = tmp_path / "interrupted.duckdb"
        proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "run", "--db", str(db), "--start-url", start,
                                 "--fast"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        SlowSite.served = 0
        deadline = time.monotonic() + 60
        while SlowSite.served < 3 and time.monotonic() < deadline:  # interrupted mid-crawl, however slow
            time.sleep(0.05)                                          # the start-up on this machine
        stopped_at = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=120)
        assert time.monotonic() - stopped_at < 15  # a run stops within seconds
        assert proc.returncode == 130  # a cron job sees that it did not finish
        assert err.strip().splitlines() == ["error: interrupted; what was done is kept, run the same command again "
                                            "to resume"], err
        con = duckdb.connect(str(db), read_only=True)
        stored = con.execute("SELECT count(*) FROM pages WHERE outcome = 'article'").fetchone()[0]
        assert 0 < stored < N, out  # what was fetched is kept
        assert len(_urls(db)) <= stored
        assert con.execute("SELECT status FROM runs").fetchall() == [("interrupted",)]
        con.close()
        run_cli("run", "--db", db, "--start-url", start, "--fast", check=True)
        assert _urls(db) == expected
        con = duckdb.connect(str(db), read_only=True)
        assert con.execute("SELECT count(*), count(DISTINCT url) FROM pages").fetchone() == (N, N)
    finally:
        httpd.shutdown()
