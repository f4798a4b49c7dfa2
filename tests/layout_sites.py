"""The layout fixtures (``tests/fixtures/layouts*/<name>/``): each a small site built from a
platform's own templates with real articles, and what a reader would call each article
(``layout.json``). Served on 127.0.0.1 as the real site would serve it (URL paths and queries,
charset header or none), and scored as the crawler issue states: every article found, title and date
exact, body token precision and recall."""
from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def layouts(folder: str = "layouts") -> list[Path]:
    return sorted(p.parent for p in (FIXTURES / folder).glob("*/layout.json"))


def load(layout_dir: Path) -> dict:
    spec = json.loads((layout_dir / "layout.json").read_text(encoding="utf-8"))
    spec["dir"] = layout_dir
    spec["name"] = layout_dir.name
    return spec


def content_type(spec: dict) -> str:
    if spec.get("content_type"):
        return spec["content_type"]
    return f"text/html; charset={spec['encoding']}" if spec.get("encoding") else "text/html"


def page_bytes(spec: dict, path_and_query: str) -> bytes | None:
    page = spec["pages"].get(path_and_query)
    return (spec["dir"] / page["file"]).read_bytes() if page else None


class LayoutSite:
    """A layout served at ``http://127.0.0.1:<port>``: paths and queries as the real platform
    shapes them, absolute links to the site's host pointing here; anything not in ``pages`` is a 404. Every request is logged in ``hits``."""

    def __init__(self, spec: dict):
        self.spec = spec
        self.hits: Counter = Counter()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                return

            def do_GET(self):
                target = unquote(self.path) if self.path not in site.spec["pages"] else self.path
                site.hits[self.path] += 1
                if self.path == "/robots.txt":
                    body, ctype, status = b"User-agent: *\nAllow: /\n", "text/plain", 200
                else:
                    body = page_bytes(site.spec, self.path) or page_bytes(site.spec, target)
                    ctype, status = content_type(site.spec), 200
                    if body is not None:  # served where the test runs, as the site is at its own host
                        for scheme in (b"https://", b"http://"):
                            body = body.replace(scheme + site.spec["host"].encode(), site.base.encode())
                    if body is None:
                        body, ctype, status = b"<html><body>404</body></html>", "text/html", 404
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> "LayoutSite":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str | None) -> Counter:
    return Counter(_TOKEN.findall(unicodedata.normalize("NFC", text or "").lower()))


def body_scores(expected: str, got: str | None) -> tuple[float, float]:
    """Token precision and recall of an extracted body against the expected one (bags of words)."""
    want, have = tokens(expected), tokens(got)
    common = sum((want & have).values())
    precision = common / sum(have.values()) if have else 0.0
    recall = common / sum(want.values()) if want else 1.0
    return precision, recall


def same_text(a: str | None, b: str | None) -> bool:
    norm = lambda s: " ".join(unicodedata.normalize("NFC", s or "").split())  # noqa: E731
    return norm(a) == norm(b)


def same_date(expected: str | None, published: str | None) -> bool:
    """The date exact; the time too when the page shows one."""
    if not expected or not published:
        return expected == published
    if "T" in expected:
        return published[:16] == expected[:16]
    return published[:10] == expected[:10]
