"""How the web app reads the warehouse: one read-only connection kept open between requests while
no writer wants the file, a connection per request while one does.

DuckDB lets one process write a file or several read it, never both. A connection opened for
every request leaves the file free between requests (a crawl can write), but costs about 25 ms
at a million articles (opening, closing, and every read starting cold): more than a whole
article page. So the app keeps one connection open and warm, and gives it up when a writer
needs the file: a writer that finds the file busy touches ``<db>.writer-waiting``
(``warehouse.db.writer_waiting_marker``); a watcher thread sees that within ``POLL_S`` and
closes the kept connection as soon as no request is using it; while the marker was touched in
the last ``HOLD_S`` seconds (a crawl writes in short transactions, again and again) every request
opens and closes its own connection, as a crawl needs. Nothing a writer commits can be missed:
while the app holds the file, no writer can commit.

Requests run in Starlette's thread pool: each gets its own cursor of the kept connection (DuckDB
connections are not to be shared between threads; cursors of one database are).
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path

from warehouse.db import connect, env_seconds, writer_waiting_marker

HOLD_S = 30.0  # VN_EDU_NEWS_APP_HOLD_AFTER_WRITER overrides it
POLL_S = 0.05


class Reader:
    """Read-only connections to the warehouse at ``db`` for the app's requests. ``keep_open``
    False: a connection per request, always (for a file written by programs that do not touch
    the marker)."""

    def __init__(self, db, *, keep_open: bool = True, hold_s: float | None = None, poll_s: float = POLL_S):
        if hold_s is None:
            hold_s = env_seconds("VN_EDU_NEWS_APP_HOLD_AFTER_WRITER", HOLD_S)
        self.db = Path(db)
        self.keep_open = keep_open
        self.hold_s = hold_s
        self.poll_s = poll_s
        self._marker = writer_waiting_marker(self.db)
        self._lock = threading.Lock()
        self._kept = None       # the kept connection, or None
        self._users = 0         # requests reading through it now
        self._watcher: threading.Thread | None = None
        self._stopped = threading.Event()

    def writer_waiting(self) -> bool:
        """A writer touched the marker in the last ``hold_s`` seconds."""
        try:
            return time.time() - self._marker.stat().st_mtime < self.hold_s
        except OSError:
            return False

    @contextmanager
    def reading(self):
        """A read-only connection for one request: a cursor of the kept connection, or one of its
        own. Yields (connection, milliseconds spent opening)."""
        started = time.perf_counter()
        kept = self._borrow() if self.keep_open else None
        if kept is None:
            con = connect(self.db, read_only=True, create=False)
            try:
                yield con, 1000 * (time.perf_counter() - started)
            finally:
                con.close()
            return
        try:
            cursor = kept.cursor()
            try:
                yield cursor, 1000 * (time.perf_counter() - started)
            finally:
                cursor.close()
        finally:
            self._give_back()

    def _borrow(self):
        with self._lock:
            if self._stopped.is_set() or self.writer_waiting():
                return None
            if self._kept is None:
                self._kept = connect(self.db, read_only=True, create=False)
                self._start_watcher()
            self._users += 1
            return self._kept

    def _give_back(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and (self._stopped.is_set() or self.writer_waiting()):
                self._close_kept()

    def _close_kept(self) -> None:
        if self._kept is not None:
            self._kept.close()
            self._kept = None

    def _start_watcher(self) -> None:  # (under the lock)
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="writer-watcher", daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        while not self._stopped.wait(self.poll_s):
            waiting = self.writer_waiting()
            with self._lock:
                if self._kept is not None and waiting and self._users == 0:
                    self._close_kept()
                if self._kept is None:  # started again with the next connection kept
                    self._watcher = None
                    return

    def close(self) -> None:
        """Give the file up for good (the app shutting down)."""
        self._stopped.set()
        with self._lock:
            if self._users == 0:
                self._close_kept()
