"""A hostile local site (127.0.0.1 only), for crawler tests: traps (an endless pager with session
ids, an endless calendar), a gzip bomb, a 50 MB page, a slow drip, a connection reset mid-body
without Content-Length, 429 and 503 with Retry-After, a wrong charset, a binary served as HTML,
absurdly deep nesting, a page that is only a comment, an article of 1.2 million characters, and
injected ``<script>`` and SQL in a title and a body. Every request is logged in ``hits``."""
from __future__ import annotations

import functools
import gzip
import itertools
import socket
import struct
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPH = ("Năm học 2024 - 2025, toàn huyện có 45 trường với hơn 12.000 học sinh và 820 giáo viên, cán bộ quản "
             "lý, nhân viên. Ngành giáo dục tiếp tục đổi mới phương pháp dạy học, nâng cao chất lượng giáo dục toàn "
             "diện, chú trọng giáo dục kỹ năng sống cho học sinh và xây dựng trường học an toàn, thân thiện.")
INJECTED_TITLE = "Tin <script>alert('x')</script> '; DROP TABLE articles; --"


def page(title: str, body: str, charset: str = "utf-8") -> str:
    from html import escape

    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{escape(title)}</title></head><body>'
            f'<div class="menu"><a href="/">Trang chủ</a> <a href="/tin-tuc/">Tin tức</a></div>'
            f'<div class="main"><h1>{escape(title)}</h1><div class="post-date">Ngày đăng: 05/09/2025</div>'
            f'<div class="content">{body}</div></div></body></html>')


GOOD = {f"/tin-tuc/bai-viet-tot-so-{i}-300{i}.html": f"Bài viết tốt số {i} về giáo dục huyện" for i in range(3)}
HOSTILE = {
    "/tin-tuc/bom-nen-gzip-2001.html": "Trang nén gzip quá lớn khi giải nén",
    "/tin-tuc/trang-rat-lon-2002.html": "Trang năm mươi megabyte rất lớn",
    "/tin-tuc/tra-tung-giot-2003.html": "Trang trả từng giọt rất chậm",
    "/tin-tuc/ngat-ket-noi-giua-chung-2004.html": "Trang bị ngắt kết nối giữa chừng",
    "/tin-tuc/qua-tai-thu-lai-sau-2005.html": "Trang quá tải xin thử lại sau",
    "/tin-tuc/dang-bao-tri-he-thong-2006.html": "Trang đang bảo trì hệ thống",
    "/tin-tuc/sai-bang-ma-ky-tu-2007.html": "Trang khai báo sai bảng mã ký tự",
    "/tin-tuc/tep-nhi-phan-gia-trang-2008.html": "Tệp nhị phân giả làm trang web",
    "/tin-tuc/long-the-qua-sau-2009.html": "Trang lồng thẻ quá sâu vô lý",
    "/tin-tuc/chen-ma-doc-2010.html": "Trang có mã độc chèn vào tiêu đề",
    "/tin-tuc/chi-co-chu-thich-2012.html": "Trang chỉ có một chú thích HTML",
    "/tin-tuc/bai-rat-dai-mot-trieu-ky-tu-2013.html": "Bài viết rất dài hơn một triệu ký tự",
}


@functools.cache
def _huge() -> bytes:  # built once: a server slow to build it would time out before the client's size check
    return page("Rất lớn", "<p>" + "x" * (50 * 1024 * 1024) + "</p>").encode()


@functools.cache
def _bomb() -> bytes:
    return gzip.compress(b"\0" * (200 * 1024 * 1024), compresslevel=9)


class HostileHandler(BaseHTTPRequestHandler):
    hits: Counter = Counter()
    times: dict = {}
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        return

    def _send(self, status: int, body: bytes, ctype="text/html; charset=utf-8", headers=(), length=True):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        if not length:
            self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path, _, query = self.path.partition("?")
        HostileHandler.hits[path] += 1
        HostileHandler.times.setdefault(path, []).append(time.monotonic())
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        if path == "/tin-tuc/":
            n = int(dict(p.split("=", 1) for p in query.split("&") if "=" in p).get("trang", 1))
            sid = uuid.uuid4().hex[:12]  # a session id in every link, new on every page
            links = [(u, t) for u, t in itertools.chain(GOOD.items(), HOSTILE.items())] if n == 1 else []
            items = "".join(f'<li><a href="{u}?sid={sid}">{t}</a></li>' for u, t in links)
            nxt = f'<div class="pagination"><a href="/tin-tuc/?trang={n + 1}&sid={sid}">›</a></div>'
            cal = '<div class="lich"><a href="/lich/2024/05/">Sau ›</a></div>' if n == 1 else ""
            return self._send(200, f"<html><body><ul class='list-news'>{items}</ul>{nxt}{cal}</body></html>".encode())
        if path.startswith("/lich/"):  # an endless calendar
            y, m = (int(x) for x in path.strip("/").split("/")[1:3])
            nxt = f"/lich/{y + (m == 12)}/{1 if m == 12 else m + 1:02d}/"
            return self._send(200, f'<html><body><div class="pagination"><a href="{nxt}">›</a></div></body></html>'.encode())
        if path in GOOD:
            return self._send(200, page(GOOD[path], f"<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p>").encode())
        if path.endswith("-2001.html"):  # 200 MB of zeros, gzipped to a fraction of a megabyte
            return self._send(200, _bomb(), headers=[("Content-Encoding", "gzip")])
        if path.endswith("-2002.html"):
            return self._send(200, _huge())
        if path.endswith("-2003.html"):  # one byte a second, forever
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(60):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            return
        if path.endswith("-2004.html"):  # no Content-Length, then a reset halfway through the body
            body = page("Ngắt kết nối", f"<p>{PARAGRAPH}</p>" * 6).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if path.endswith("-2005.html"):  # busy once: try again in 2 seconds
            if HostileHandler.hits[path] == 1:
                return self._send(429, b"Too many requests", "text/plain", headers=[("Retry-After", "2")])
            return self._send(200, page(HOSTILE[path], f"<p>{PARAGRAPH}</p>").encode())
        if path.endswith("-2006.html"):
            return self._send(503, b"Maintenance", "text/plain", headers=[("Retry-After", "1")])
        if path.endswith("-2007.html"):  # says utf-8, is windows-1258
            from fault_site import to_cp1258

            return self._send(200, to_cp1258(page(HOSTILE[path], f"<p>{PARAGRAPH}</p>", "windows-1258")))
        if path.endswith("-2008.html"):
            blob = bytes(range(256)) * 400
            return self._send(200, blob)
        if path.endswith("-2009.html"):
            deep = "<div>" * 5000 + f"<p>{PARAGRAPH}</p>" + "</div>" * 5000
            return self._send(200, page(HOSTILE[path], deep).encode())
        if path.endswith("-2010.html"):
            from html import escape

            body = f"<p>{escape(INJECTED_TITLE)} {PARAGRAPH}</p>"
            return self._send(200, page(INJECTED_TITLE, body).encode())
        if path.endswith("-2012.html"):
            return self._send(200, b"<!-- nothing but a comment -->")
        if path.endswith("-2013.html"):
            long_body = "".join(f"<p>Đoạn {i}. {PARAGRAPH}</p>" for i in range(1_200_000 // len(PARAGRAPH) + 1))
            return self._send(200, page(HOSTILE[path], long_body).encode())
        return self._send(404, b"<html><body>404</body></html>")


class HostileSite:
    def __init__(self):
        _huge(), _bomb()
        HostileHandler.hits = Counter()
        HostileHandler.times = {}
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
