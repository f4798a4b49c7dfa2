"""Process hygiene shared by the crawl child, the processing workers and the NLP workers: children
never outlive the run that started them, and only the run itself answers Ctrl-C."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies (``prctl(PR_SET_PDEATHSIG)``): a
    parent killed with ``kill -9`` has no chance to stop its children, which would otherwise run on
    or wait on their queues forever. SIGKILL, not SIGTERM: a handler installed in the child (Scrapy
    installs one) cannot delay it."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: best effort
        return
    if os.getppid() == 1:  # the parent died before the request was made
        os._exit(1)


def worker_process() -> None:
    """Set up a worker process: dies with its parent, and leaves Ctrl-C (sent by the terminal to
    the whole foreground process group) to the parent, which stops its workers itself."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
