"""A local site that misbehaves the way real portals do, for crawler tests (127.0.0.1 only)."""
from __future__ import annotations

import re
import threading
import sys
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NUKEVIET = """<!DOCTYPE html><html><head><title>{title}</title>
<meta name="description" content="{pad}"><meta name="generator" content="NukeViet v4.5">
<meta http-equiv="Content-Type" content="text/html; charset={charset}"></head><body>
<h1 class="title">{title}</h1><span class="h5">Thứ hai - 06/09/2021 08:15</span>
<div id="news-bodyhtml" class="bodytext">{body}</div>
<div class="panel">Thống kê truy cập<span>Hôm nay 38,980</span></div></body></html>"""


def to_cp1258(text: str) -> bytes:
    """windows-1258 keeps tone marks as combining characters after precomposed base letters."""
    nfd = unicodedata.normalize("NFD", text)
    nfd = re.sub(r"([aeouyAEOUY])([\u0300\u0301\u0303\u0309\u0323]?)([\u0302\u0306\u031b])",
                 lambda m: unicodedata.normalize("NFC", m.group(1) + m.group(3)) + m.group(2), nfd)
    nfd = nfd.replace("d\u0335", "đ")
    return nfd.encode("cp1258")


def article(title: str, body: str, charset: str = "utf-8") -> str:
    return NUKEVIET.format(title=title, body=body, charset=charset, pad="x" * 1500)


LISTING_LINKS = [
    ("/news/tin-tuc/bai-viet-tot-hoi-nghi-tong-ket-nam-hoc-1001.html", "Bài viết tốt hội nghị tổng kết năm học"),
    ("/news/tin-tuc/bai-viet-khong-ton-tai-o-day-1002.html", "Bài viết không tồn tại ở đây"),
    ("/news/tin-tuc/bai-viet-loi-may-chu-noi-bo-1003.html", "Bài viết lỗi máy chủ nội bộ"),
    ("/news/tin-tuc/bai-viet-cham-qua-thoi-gian-1004.html", "Bài viết chậm quá thời gian"),
    ("/news/tin-tuc/bai-viet-chuyen-huong-vong-lap-1005.html", "Bài viết chuyển hướng vòng lặp"),
    ("/news/tin-tuc/bai-viet-noi-dung-rong-tuech-1006.html", "Bài viết nội dung rỗng tuếch"),
    ("/news/tin-tuc/bai-viet-ma-hoa-windows-cu-1007.html", "Bài viết mã hóa windows cũ"),
    ("/news/tin-tuc/bai-viet-bi-cam-robots-txt-1008.html", "Bài viết bị cấm robots txt"),
    ("/news/tin-tuc/bai-viet-html-bi-cat-cut-1009.html", "Bài viết HTML bị cắt cụt"),
    ("/uploads/ke-hoach-nam-hoc-2021.pdf", "Kế hoạch năm học 2021 2022 tệp PDF"),
    ("/news/tin-tuc/bai-viet-bo-cuc-la-chua-gap-1012.html", "Bài viết bố cục lạ chưa gặp"),
    ("/news/tin-tuc/bai-viet-qua-lon-vuot-gioi-han-1013.html", "Bài viết quá lớn vượt giới hạn"),
]

# A layout no adapter knows: only the generic fallback (trafilatura + htmldate) can read it.
UNKNOWN_LAYOUT = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Trường Tiểu học Him Lam đón Bằng công nhận</title>
<meta property="article:published_time" content="2022-03-12T08:00:00+07:00"></head><body>
<div id="top-menu"><a href="/">Trang chủ</a> | <a href="/gioi-thieu">Giới thiệu</a> | <a href="/lien-he">Liên hệ</a></div>
<div class="khung-trai"><h3>Liên kết web</h3><ul><li>Bộ Giáo dục và Đào tạo</li><li>Sở Giáo dục và Đào tạo</li></ul></div>
<div class="khung-giua"><article><h2 class="tieu-de-bai">Trường Tiểu học Him Lam đón Bằng công nhận</h2>
<div class="ngay-dang">Ngày đăng: 12/03/2022</div>
<div class="noi-dung-bai">
<p>Sáng ngày 11/3/2022, Trường Tiểu học Him Lam tổ chức lễ đón nhận Bằng công nhận trường đạt chuẩn quốc gia mức độ 2.</p>
<p>Năm học 2021 - 2022, nhà trường có 32 lớp với 1.150 học sinh và 48 giáo viên, cán bộ, nhân viên.</p>
<p>Phát biểu tại buổi lễ, bà Lò Thị Hương, Hiệu trưởng nhà trường cảm ơn sự quan tâm của các cấp, các ngành.</p>
</div></article></div>
<div class="khung-phai"><h3>Thống kê truy cập</h3><p>Đang online: 15</p><p>Tổng lượt truy cập: 123.456</p></div>
<div id="chan-trang">Bản quyền thuộc Trường Tiểu học Him Lam. Địa chỉ: phường Him Lam, thành phố Điện Biên Phủ.</div>
</body></html>"""


class FaultHandler(BaseHTTPRequestHandler):
    slow_seconds = 3.0
    hits: dict = {}

    @property
    def server_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def log_message(self, *args):
        return

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path.split("?")[0]
        FaultHandler.hits[path] = FaultHandler.hits.get(path, 0) + 1
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nDisallow: /news/tin-tuc/bai-viet-bi-cam\n", "text/plain")
        if path in ("/news/tin-tuc/", "/news/tin-tuc/index.html"):
            items = "".join(f'<li><a href="{u}">{t}</a></li>' for u, t in LISTING_LINKS)
            page = (f'<html><head><meta name="generator" content="NukeViet v4.5"></head><body><ul>{items}</ul>'
                    '<div class="pagination"><a href="/news/tin-tuc/page-2">2</a></div></body></html>')
            return self._send(200, page.encode())
        if path == "/news/tin-tuc/page-2":
            page = ('<html><head><meta name="generator" content="NukeViet v4.5"></head><body><ul>'
                    '<li><a href="/news/tin-tuc/ban-sao-bai-viet-tong-ket-tu-trang-hai-1010.html">Bản sao bài viết tổng kết</a></li>'
                    '</ul></body></html>')
            return self._send(200, page.encode())
        if path == "/news/rss/":
            # NukeViet's RSS prints the minutes where the month goes: the page's date is the one to trust
            rss = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin tức</title>'
                   f'<item><title>Chỉ có trong RSS</title><link>{self.server_url}/news/tin-tuc/chi-co-trong-rss-nay-thoi-1011.html</link>'
                   '<pubDate>Wed, 06 Aug 2021 08:09:00 +0700</pubDate></item></channel></rss>')
            return self._send(200, rss.encode(), "application/rss+xml")
        if path.endswith("-1001.html") or path.endswith("-1010.html"):
            body = ("<p>Năm học 2020 – 2021, toàn huyện có 45 trường với hơn 12.000 học sinh.</p>"
                    '<p>Xem <a href="/uploads/bao-cao-tong-ket.docx">báo cáo</a>.</p>')
            if path.endswith("-1010.html"):  # the same article copied by another page, credited
                body += "<p>Theo dienbien.edu.vn</p>"
            # no charset in the header: the <meta> after 1,500 bytes of head decides
            return self._send(200, article("Hội nghị tổng kết năm học", body).encode(), "text/html")
        if path.endswith("-1012.html"):
            return self._send(200, UNKNOWN_LAYOUT.encode())
        if path.endswith("-1013.html"):
            return self._send(200, article("Quá lớn", "<p>" + "x" * (9 * 1024 * 1024) + "</p>").encode())
        if path == "/sitemap.xml":
            xml = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                   f'<url><loc>{self.server_url}/news/tin-tuc/chi-co-trong-sitemap-1014.html</loc></url></urlset>')
            return self._send(200, xml.encode(), "application/xml")
        if path.endswith("-1014.html"):
            return self._send(200, article("Điện Biên&#x3A; Khai giảng năm học 2021&#x002F;2022",
                                           "<p>Có 12 trường khai giảng sớm.</p>").encode())
        if path.endswith("-1011.html"):
            return self._send(200, article("Chỉ có trong RSS", "<p>Có 7 điểm trường lẻ.</p>").encode())
        if path.endswith("-1002.html"):
            return self._send(404, b"<html><body>Not found</body></html>")
        if path.endswith("-1003.html"):
            return self._send(500, b"<html><body>Internal error</body></html>")
        if path.endswith("-1004.html"):
            time.sleep(self.slow_seconds)
            return self._send(200, article("Chậm", "<p>muộn</p>").encode())
        if path.endswith("-1005.html"):
            return self._send(302, b"", headers=[("Location", path)])
        if path.endswith("-1006.html"):
            return self._send(200, b"")
        if path.endswith("-1007.html"):
            html = article("Học sinh Điện Biên đạt giải cao", "<p>Có 25 học sinh đạt giải cấp tỉnh.</p>", "windows-1258")
            return self._send(200, to_cp1258(html), "text/html")
        if path.endswith("-1009.html"):
            page = article("Bài bị cắt", "<p>Toàn tỉnh có 300 trường học.</p><p>Đoạn sau bị cắt").encode()
            return self._send(200, page[: page.find(b"</div>")])
        return self._send(404, b"")


class QuietServer(ThreadingHTTPServer):
    """A test server that does not print a client's hanging up: the crawler under test gives up
    on a slow page (the timeout being tested), and the handler, waking later, would print a
    traceback into whatever test runs then."""

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class FaultSite:
    def __init__(self, slow_seconds: float = 3.0):
        FaultHandler.slow_seconds = slow_seconds
        FaultHandler.hits = {}
        self.httpd = QuietServer(("127.0.0.1", 0), FaultHandler)
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
