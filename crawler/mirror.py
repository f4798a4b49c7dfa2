"""Serving a local mirror of real portals, and routing Scrapy's requests for those hosts to it.

``MirrorServer`` serves ``<root>/<host>/<path>`` on 127.0.0.1 (a directory URL serves its
``index.html``). ``MirrorDownloadHandler`` sends a request for ``https://<host>/<path>`` to the
mirror when ``<host>`` is mirrored and gives the response back under the real URL, so the spiders,
robots.txt handling, canonical URLs and the stored pages are exactly those of a real crawl.
"""
from __future__ import annotations

import mimetypes
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler


class _MirrorRequestHandler(SimpleHTTPRequestHandler):
    def __init__(self, *args, root: Path, **kwargs):
        self._root = root
        super().__init__(*args, directory=str(root), **kwargs)

    def translate_path(self, path: str) -> str:
        rel = unquote(urlsplit(path).path).lstrip("/")
        target = (self._root / rel).resolve()
        if self._root.resolve() not in target.parents and target != self._root.resolve():
            return str(self._root / "__nonexistent__")
        if target.is_dir():
            target = target / "index.html"
        return str(target)

    def guess_type(self, path) -> str:
        p = str(path)
        if p.endswith((".aspx", ".html", ".htm")):
            return "text/html; charset=utf-8"
        if p.endswith(".txt"):
            return "text/plain; charset=utf-8"
        return mimetypes.guess_type(p)[0] or "application/octet-stream"

    def log_message(self, format, *args) -> None:  # quiet: the crawl summary reports outcomes
        return


class MirrorServer:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.hosts = sorted(p.name for p in self.root.iterdir() if p.is_dir() and "." in p.name)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_MirrorRequestHandler, root=self.root))
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def mapping(self) -> dict[str, str]:
        return {h: f"{self.base_url}/{h}" for h in self.hosts}

    def __enter__(self) -> "MirrorServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def mirrored_url(url: str, mapping: dict[str, str]) -> str | None:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host not in mapping:
        return None
    base = urlsplit(mapping[host])
    return urlunsplit((base.scheme, base.netloc, base.path + (parts.path or "/"), parts.query, ""))


class MirrorDownloadHandler(HTTP11DownloadHandler):
    """Scrapy download handler for http/https that answers mirrored hosts from the local mirror."""

    def __init__(self, crawler):
        super().__init__(crawler)
        self._mapping = crawler.settings.getdict("MIRROR_HOSTS")

    async def download_request(self, request):
        target = mirrored_url(request.url, self._mapping) if self._mapping else None
        if target is None:
            return await super().download_request(request)
        response = await super().download_request(request.replace(url=target))
        return response.replace(url=request.url, request=request)
