"""Rebuild the bundled sample mirror from the five seed articles (``seeds/``).

A development tool, not used at run time: the HTML it writes is committed under
``crawler/sample_site/<host>/``. The article texts are the seeds verbatim (with their non-breaking
spaces); the page chrome around them (menus, "Tin mới nhất", counters, rating widgets) is
written here to reproduce what each platform really shows.

    python crawler/sample_site/build.py
"""
from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE.parent.parent / "tests" / "data" / "seeds.gold.jsonl"


def esc(s: str) -> str:
    return html.escape(s, quote=True).replace("\u00a0", "&nbsp;")


def seed_paragraphs(seed_id: str, gold_text: str) -> list[str]:
    """Each gold paragraph as it is written in the seed (with NBSPs and trailing spaces)."""
    raw_lines = (HERE / "seeds" / f"{seed_id}.txt").read_text(encoding="utf-8").splitlines()
    out = []
    for para in gold_text.split("\n"):
        raw = next((ln for ln in raw_lines if ln.replace("\u00a0", " ").strip() == para), para)
        out.append(raw)
    return out


LATEST_GOV = [
    ("VPUB - Tổng kết thực hiện Đề án vận động hỗ trợ làm nhà Đại đoàn kết cho hộ nghèo tỉnh Điện Biên", "28/03/2024 11:06 CH"),
    ("VPUB - Đồng chí Trương Thị Mai làm việc với Ban Thường vụ Tỉnh ủy Điện Biên", "28/03/2024 9:47 CH"),
    ("VPUB - Họp bàn tháo gỡ khó khăn đối với các dự án trồng cây Mắc ca trên địa bàn tỉnh", "27/03/2024 2:43 CH"),
    ("VPUB - Lễ khởi công, công trình Hồ Nậm Là huyện Mường Nhé", "25/03/2024 9:44 CH"),
    ("VPUB - Gần 2.200 vận động viên tham gia Hội khỏe Phù đổng năm 2024", "21/03/2024 9:48 CH"),
    ("VPUB – Chủ tịch UBND tỉnh Lê Thành Đô tiếp công dân định kỳ tháng 3", "21/03/2024 10:41 CH"),
]


def gov_article(title: str, date_line: str | None, paragraphs: list[str], tail: list[str], canonical: str) -> str:
    body = "\n".join(f'<p style="text-align: justify;">{esc(p)}</p>' if p != "Quang cảnh của buổi làm việc"
                     else f'<p style="text-align: center;"><img src="/portal/Images/anh-{i}.jpg" alt=""><br><em>{esc(p)}</em></p>'
                     for i, p in enumerate(paragraphs))
    body += "\n" + "\n".join(f'<p style="text-align: right;"><strong>{esc(t)}</strong></p>' for t in tail)
    latest = "\n".join(f'<li><a href="/portal/Pages/tin-{i}.aspx">{esc(t)}</a><span class="date">({d})</span></li>'
                       for i, (t, d) in enumerate(LATEST_GOV))
    date_html = f'<div class="date-news">{esc(date_line)}</div>' if date_line else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{esc(title)}</title>
<link rel="canonical" href="{canonical}"></head>
<body>
<div id="header"><div class="banner">Cổng thông tin điện tử tỉnh Điện Biên</div>
<ul class="menu"><li><a href="/portal/Pages/default.aspx">Trang chủ</a></li><li><a href="/portal/Pages/tin-giao-duc.aspx">Giáo dục</a></li><li>Liên hệ</li></ul></div>
<div id="main"><div class="news-detail">
<h1 class="title-news">{esc(title)}</h1>
{date_html}
<div class="font-size"><a href="#">A-</a> <span>100%</span> <a href="#">A+</a></div>
<div class="content-news">
{body}
</div></div>
<div class="tin-moi-nhat"><h3>Tin mới nhất</h3><ul>
{latest}
</ul><div class="paging"><a>&lt;&lt;</a> <a>&lt;</a> 1 2 3 4 5 ... <a>&gt;</a> <a>&gt;&gt;</a></div></div>
<div class="poll"><span>°</span><h4>Đánh giá của bạn về cổng thông tin điện tử</h4>
<label><input type="radio" name="poll"> Rất hài lòng</label><label><input type="radio" name="poll"> Hài lòng</label>
<p>373 người đã bình chọn</p></div>
</div>
<div id="footer">Bản quyền thuộc Ủy ban nhân dân tỉnh Điện Biên. Thống kê truy cập: 1.234.567</div>
</body></html>
"""


def nukeviet_article(title: str, date_line: str, paragraphs: list[str], canonical: str) -> str:
    # NukeViet 4.5 (themes/default/modules/news/detail.tpl) prints the lead (hometext) in
    # div.hometext above and outside #news-bodyhtml
    lead = esc(paragraphs[0])
    body = "<br />\n".join(esc(p) for p in paragraphs[1:])
    return f"""<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">
<head>
<title>{esc(title)} - Sở Giáo dục và Đào tạo Điện Biên</title>
<meta name="description" content="{esc(paragraphs[0][:150])}">
<meta name="author" content="Sở Giáo dục và Đào tạo Điện Biên">
<meta name="generator" content="NukeViet v4.5">
<meta property="og:title" content="{html.escape(title).replace(':', '&#x3A;')}">
<meta property="article:published_time" content="2021-09-05+0723:13:00">
<link rel="canonical" href="{canonical}">
<link rel="alternate" href="/news/rss/" title="Tin Tức" type="application/rss+xml">
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
</head>
<body>
<div class="banner">banner</div>
<nav class="second-nav"><ul><li><a href="/">Trang nhất</a></li><li><a href="/news/tin-tuc/">Tin tức</a></li><li><a href="/laws/">Văn bản</a></li></ul></nav>
<div class="col-md-18"><div class="news_column panel panel-default"><div class="panel-body">
<h1 class="title margin-bottom-lg">{esc(title)}</h1>
<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">{esc(date_line)}</span></div>
<div class="col-md-12"><ul class="list-inline text-right"><li><a class="dimgray" rel="nofollow" title="Gửi bài viết qua email" href="/news/sendmail/tin-tuc/x-7415.html"><em class="fa fa-envelope fa-lg">&nbsp;</em></a></li>
<li><a class="dimgray" rel="nofollow" title="In bài viết" href="/news/print/tin-tuc/x-7415.html"><em class="fa fa-print fa-lg">&nbsp;</em></a></li>
<li><a class="dimgray" rel="nofollow" title="Lưu bài viết này" href="/news/savefile/tin-tuc/x-7415.html"><em class="fa fa-save fa-lg">&nbsp;</em></a></li></ul></div></div>
<div class="clearfix"><div class="hometext m-bottom" itemprop="description">{lead}</div></div>
<div id="news-bodyhtml" class="bodytext margin-bottom-lg">
{body}<br />
&nbsp;
<div style="text-align: center;"><img alt="anh hoi nghi" src="/uploads/news/2021_09/hoi-nghi.jpg"></div>
&nbsp;
</div>
</div></div>
<div class="news_column panel panel-default"><div class="panel-body"><form id="form3B" action="">
<div class="h5 clearfix"><p id="stringrating">Tổng số điểm của bài viết là: 5 trong 1 đánh giá</p>
<p class="text-center"><span itemprop="ratingValue">Xếp hạng: 5</span> - <span itemprop="reviewCount">1</span> phiếu bầu</p>
<span class="help-block">Click để đánh giá bài viết</span></div></form></div></div>
<div class="news_column panel panel-default"><div class="panel-body"><h3>  Ý kiến bạn đọc</h3></div></div>
<div class="news_column panel panel-default"><div class="panel-body other-news">
<p class="h3"><strong>Những tin mới hơn</strong></p><ul class="related"><li><a href="/news/tin-tuc/khai-giang-nam-hoc-moi-7420.html">Khai giảng năm học mới</a> <em>(08/09/2021)</em></li></ul>
<p class="h3"><strong>Những tin cũ hơn</strong></p><ul class="related"><li><a href="/news/tin-tuc/tap-huan-7400.html">Tập huấn giáo viên cốt cán</a> <em>(20/08/2021)</em></li></ul>
</div></div></div>
<div class="col-md-6"><div class="panel"><div class="panel-heading">Fanpage Ngành Giáo dục</div></div>
<div class="panel"><div class="panel-heading">Quản lý thành viên</div><div class="panel-body">Hãy đăng nhập thành viên để trải nghiệm đầy đủ các tiện ích trên site</div></div>
<div class="panel"><div class="panel-heading">Thống kê truy cập</div><div class="panel-body"><ul class="counter">
<li><em class="fa fa-bolt"></em> Đang truy cập<span>194</span></li><li>Máy chủ tìm kiếm<span>40</span></li><li>Khách viếng thăm<span>154</span></li>
<li>Hôm nay<span>38,980</span></li><li>Tháng hiện tại<span>719,089</span></li><li>Tổng lượt truy cập<span>135,197,382</span></li></ul></div></div></div>
<div id="timeoutsess">Bạn đã không sử dụng Site, <a>Bấm vào đây để duy trì trạng thái đăng nhập</a>. Thời gian chờ: <span>60</span> giây</div>
<div id="openidResult"></div><a class="feedback">Gửi phản hồi</a>
</body></html>
"""


def newspaper_article(title: str, paragraphs: list[str], captions: set[str], canonical: str) -> str:
    sapo, rest = paragraphs[0], paragraphs[1:]
    parts = []
    for i, p in enumerate(rest):
        if p in captions:
            parts.append(f'<figure class="picture"><img src="https://img.giaoducthoidai.vn/2020/10/{i}.jpg" alt="{esc(p)}">'
                         f'<figcaption class="caption"><p>{esc(p)}</p></figcaption></figure>')
        else:
            parts.append(f"<p>{esc(p)}</p>")
    body = "\n".join(parts)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{esc(title)} | Báo Giáo dục và Thời đại Online</title>
<meta property="og:type" content="article"><link rel="canonical" href="{canonical}"></head>
<body>
<header class="site-header"><a class="logo" href="/">Giáo dục và Thời đại</a>
<nav><a href="/giao-duc/">Giáo dục</a> <a href="/thoi-su/">Thời sự</a> <a href="/trao-doi/">Trao đổi</a></nav></header>
<main><article class="article">
<div class="breadcrumb"><a href="/giao-duc/">Giáo dục</a></div>
<h1 class="article__title cms-title">{esc(title)}</h1>
<div class="article__meta"><span class="author">GD&amp;TĐ</span></div>
<div class="article__sapo cms-desc">{esc(sapo)}</div>
<div class="article__body cms-body">
{body}
</div>
<div class="article__tag"><a href="/tu-khoa/dien-bien">Điện Biên</a></div>
</article>
<section class="related-news"><h3>Tin liên quan</h3><ul>
<li><a href="/dien-bien-khai-giang-post510000.html">Điện Biên: Khai giảng năm học mới</a></li></ul></section>
<section class="most-read"><h3>Đọc nhiều</h3><ol><li>Học phí năm học 2020 - 2021</li></ol></section></main>
<footer>Cơ quan chủ quản: Bộ Giáo dục và Đào tạo</footer>
</body></html>
"""


def department_article(title: str, paragraphs: list[str], canonical: str) -> str:
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{esc(title)}</title><link rel="canonical" href="{canonical}"></head>
<body>
<div class="header"><div class="portal-name">CỔNG THÔNG TIN ĐIỆN TỬ SỞ GIÁO DỤC VÀ ĐÀO TẠO</div>
<ul class="main-menu"><li><a href="/">Trang chủ</a></li><li><a href="/tin-tuc/">Tin tức - Sự kiện</a></li></ul></div>
<div class="content"><div class="news-detail">
<h2 class="news-title">{esc(title)}</h2>
<div class="news-tools"><span class="view-count">Lượt xem: <b></b></span></div>
<div class="speech"><a href="#" class="btn-speech">Đọc bài viết</a></div>
<div class="news-content">
{body}
</div></div>
<div class="other-news"><h3>Các tin khác</h3><ul><li><a href="/tin-tuc/hop-giao-ban-quy-1-2021.html">Họp giao ban quý 1/2021</a> (20/04/2021)</li></ul></div></div>
<div class="footer">Thống kê truy cập: <span>Trực tuyến: 12</span> <span>Tổng: 456.789</span></div>
</body></html>
"""


def listing(title: str, links: list[tuple[str, str]], extra_head: str = "") -> str:
    items = "\n".join(f'<li class="item"><h3><a href="{u}" title="{esc(t)}">{esc(t)}</a></h3></li>' for u, t in links)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{esc(title)}</title>{extra_head}</head>
<body><h1 class="category-title">{esc(title)}</h1><ul class="news-list">
{items}
</ul></body></html>
"""


ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /search/\n"


def main() -> None:
    gold = {json.loads(l)["id"][:3]: json.loads(l) for l in GOLD.read_text(encoding="utf-8").splitlines() if l.strip()}
    ids = {g["id"][:3]: g["id"] for g in gold.values()}
    for host_dir in HERE.iterdir():
        if host_dir.is_dir() and host_dir.name not in ("seeds", "__pycache__"):
            shutil.rmtree(host_dir)

    def write(rel: str, content: str) -> None:
        path = HERE / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")

    # dienbien.gov.vn: 000 (dated) and 003 (a copy credited to dienbien.edu.vn, no date shown)
    g0, g3 = gold["000"], gold["003"]
    u0 = "/portal/Pages/2021-02-25/VPUB--Dong-chi-Vu-A-Bang-Pho-Chu-tich-UBND-tinh-tham-va-lam-viec-tai-So-GDDT.aspx"
    u3 = "/portal/Pages/2018-01-29/Hoi-nghi-So-ket-hoc-ky-I-va-trien-khai-nhiem-vu-hoc-ky-II-nam-hoc-2017-2018.aspx"
    write("dienbien.gov.vn" + u0, gov_article(g0["title"], "Update 25 - 02 - 2021", seed_paragraphs(ids["000"], g0["text"]),
                                                ["Nguyễn Dịu"], "https://dienbien.gov.vn" + u0))
    write("dienbien.gov.vn" + u3, gov_article(g3["title"], None, seed_paragraphs(ids["003"], g3["text"]),
                                                ["Theo dienbien.edu.vn"], "https://dienbien.gov.vn" + u3))
    write("dienbien.gov.vn/portal/Pages/tin-giao-duc.aspx",
          listing("Tin giáo dục", [(u0, g0["title"]), (u3, g3["title"])]))
    write("dienbien.gov.vn/robots.txt", ROBOTS)

    # dienbien.edu.vn (NukeViet 4.5): 001
    g1 = gold["001"]
    u1 = "/news/tin-tuc/uy-ban-nhan-dan-thanh-pho-dien-bien-phu-to-chuc-hoi-nghi-tong-ket-nam-hoc-2020-2021-7415.html"
    write("dienbien.edu.vn" + u1, nukeviet_article(g1["title"], "Chủ nhật - 05/09/2021 23:13",
                                                   seed_paragraphs(ids["001"], g1["text"]), "https://dienbien.edu.vn" + u1))
    write("dienbien.edu.vn/news/tin-tuc/index.html", listing("Tin tức", [(u1, g1["title"])]))
    write("dienbien.edu.vn/robots.txt", ROBOTS)

    # giaoducthoidai.vn: 002 (no date on the page as captured)
    g2 = gold["002"]
    u2 = "/dien-bien-tiep-tuc-chu-trong-doi-moi-chuong-trinh-giao-duc-va-nang-cao-chat-luong-doi-ngu-post513370.html"
    paras2 = seed_paragraphs(ids["002"], g2["text"])
    captions = {"Toàn cảnh hội nghị", "Ông Nguyễn Văn Kiên - Giám đốc Sở GD&ĐT Điện Biên chủ trì hội nghị",
                "Lãnh đạo các huyện, thị, thành phố tham dự hội nghị", "Các đại biểu tham dự",
                "Năm học 2020 - 2021, Ngành GD&ĐT tỉnh Điện Biên quyết tâm thực hiện tốt 9 nhiệm vụ trọng tâm và 5 nhóm giải pháp quan trọng"}
    write("giaoducthoidai.vn" + u2, newspaper_article(g2["title"], paras2, captions, "https://giaoducthoidai.vn" + u2))
    write("giaoducthoidai.vn/giao-duc/index.html", listing("Giáo dục", [(u2, g2["title"])]))
    write("giaoducthoidai.vn/robots.txt", ROBOTS)

    # a Sở GDĐT portal that names no province: 004
    g4 = gold["004"]
    u4 = "/tin-tuc/hoi-nghi-truc-tuyen-giao-ban-nganh-quy-2-2021.html"
    write("sgddt-portal.invalid" + u4, department_article(g4["title"], seed_paragraphs(ids["004"], g4["text"]),
                                                          "https://sgddt-portal.invalid" + u4))
    write("sgddt-portal.invalid/tin-tuc/index.html", listing("Tin tức - Sự kiện", [(u4, g4["title"])]))
    write("sgddt-portal.invalid/robots.txt", ROBOTS)


if __name__ == "__main__":
    main()
