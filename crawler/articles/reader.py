"""Reading one article off a page: title, publication date, author, credited source and body.

A platform's layout (``layouts/*.toml``) names where its templates put each field; whatever it
does not name, or a page of a layout nobody described, is found by the page's structure: the
heading the title metadata agrees with, the block of the page that holds the article's paragraphs
(scored by their text, commas and links, as Arc90's Readability does), a lead printed above it,
and the date printed with the heading, never a date of the site's clock or of a list of other news.

Written by hand rather than left to trafilatura: on the layouts of Vietnamese portals trafilatura
keeps side blocks and counters, loses leads printed outside the body and captions in tables, and
takes dates from related-news lists (benchmarks/layout_extraction.py measures both).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import find_dates, parse_visible_date
from .page import (CONTENT_WORDS, INFO_WORDS, attr_words, clean_inline, first, in_boilerplate, is_boilerplate, is_hidden,
                   paragraphs, text_of)


@dataclass
class ArticleFields:
    title: str | None
    published: str | None  # ISO date or date-time as the page shows it, or None
    author: str | None
    body: str
    credited_source: str | None = None
    warnings: list[str] = field(default_factory=list)
    headline_links: int = 0  # links with headline-length text inside the body: many make a list of articles
    title_agrees: bool = False  # the heading is what the page's <title> / og:title start with


# -- lines that are not the article's text ------------------------------------------------------
# A portal's info lines (above or below the text): counters, dates, category, print and share.
_INFO_LINE = re.compile(
    r"^(?:chi tiết|được đăng|đăng ngày|ngày đăng|ngày cập nhật|cập nhật|xuất bản\s*:|ngày xuất bản|lượt xem|số lượt xem|lượt đọc|đã xem|"
    r"lần xem|xem:|viết bởi|chuyên mục|danh mục|in bài|in trang|bản in|gửi email|gửi bài|chia sẻ|từ khóa|từ khoá|"
    r"tags?\b|tag:|xem thêm|xem tiếp|tin liên quan|bài liên quan|tin khác|các tin khác|tin cùng|bài viết khác|"
    r"bình luận|ý kiến bạn đọc|gửi ý kiến|đánh giá|trở về|trở lại|quay lại|về đầu trang|lên đầu trang|"
    r"đọc bài viết|nghe đọc bài|nghe bài|cỡ chữ|font chữ|print|email|share|tweet|like|đăng nhập|facebook|zalo)",
    re.IGNORECASE)
_DATE_ONLY = re.compile(r"^[\W\d_]*(?:(?:thứ\s+\w+|chủ nhật)\W*)?[\d/.\-: ]+(?:\(?GMT[+\-]\d+\)?|SA|CH|AM|PM)?\W*$",
                        re.IGNORECASE)
# The credit lines of the end of an article.
_AUTHOR_LINE = re.compile(r"^(?:(?:tác giả(?: bài viết)?|người viết|viết bởi|người đăng|đăng bởi|posted by)\s*[:\-–]?|"
                          r"(?:bài(?: và|,)? ảnh|tin(?: và|,)? ảnh|bài|tin|nhóm phóng viên|phóng viên|pv)\s*[:\-–])"
                          r"\s*(?P<v>.+)$",  # ("Bài", "Tin" only with a separator: "Tin tức - Sự kiện" is a menu)
                          re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^(?:nguồn(?: tin)?\s*[:\-–]\s*|theo\s+)(?P<v>.+?)[.)]?$", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][\wÀ-ỹ.'-]*$")
# A bare last line naming a body, not a person: the credited source (``Đài Nghĩa Đàn``, ``Báo Phú Yên``).
_ORGANISATION_LINE = re.compile(
    r"^(?:báo|đài|cổng|trang|tạp chí|truyền hình|phát thanh|thông tấn|ttxvn|vtv|vov|phòng|sở|bộ|trường|ubnd|"
    r"trung tâm|hội|ban|văn phòng|cục|vụ)\b", re.IGNORECASE)


# A counter at the end of a short line ("20/11/2023 Tin hoạt động Lượt xem: 1.842"): a portal's info line.
_COUNTER_END = re.compile(r"(?:lượt xem|số lượt xem|lượt đọc|lần xem|đã xem|lượt truy cập)\s*:?\s*[\d.,]+\s*$",
                          re.IGNORECASE)


# "Xem thêm: <another article's headline>": a link to other news in the body, however long the headline.
_SEE_ALSO = re.compile(r"^(?:xem thêm|đọc thêm|mời xem|xem tiếp|tin liên quan|bài liên quan)\s*[:>»]", re.IGNORECASE)


def _is_info_line(text: str) -> bool:
    short = len(text.split()) <= 14
    return short and bool(_INFO_LINE.match(text) or _COUNTER_END.search(text)) or bool(_DATE_ONLY.match(text)) or \
        len(text.split()) <= 40 and bool(_SEE_ALSO.match(text))


def _looks_like_name(text: str) -> bool:
    """A bare byline: two to five capitalised words and nothing else (``LAN ANH``, ``Minh Tuấn``)."""
    words = re.sub(r"[–\-,&]", " ", text).split()
    if len(words) == 1:  # initials or one name in capitals: "HG", "X.PHÚ", "T.T.Q"
        return len(text) <= 14 and text.upper() == text and any(c.isalpha() for c in text)
    return 2 <= len(words) <= 8 and all(_NAME_WORD.match(w) for w in words) and not text.endswith((".", ":"))


# A credit label printed apart from its value (a CMS field: ``<div>Tác giả</div><div>Thành Nam</div>``).
_CREDIT_LABEL = re.compile(r"^(?:tác giả(?: bài viết)?|người viết|nguồn(?: tin)?|theo|phóng viên|người đăng)\s*:?$",
                           re.IGNORECASE)


def _join_credit_labels(paras: list[str]) -> list[str]:
    """The last paragraphs with each bare credit label joined to the value that follows it."""
    start = max(0, len(paras) - 6)
    out = paras[:start]
    i = start
    while i < len(paras):
        text = paras[i].strip()
        if i + 1 < len(paras) and _CREDIT_LABEL.match(text):
            out.append(f"{text.rstrip(':').strip()}: {paras[i + 1].strip()}")
            i += 2
            continue
        out.append(paras[i])
        i += 1
    return out


def split_credits(paras: list[str]) -> tuple[list[str], str | None, str | None]:
    """Credit lines at the end of an article's paragraphs: ``(body, author, credited source)``."""
    author = source = None
    paras = _join_credit_labels(list(paras))
    for _ in range(3):
        if not paras:
            break
        last = paras[-1].strip()
        if last.startswith("(") and last.endswith(")"):
            last = last[1:-1].strip()
        if len(last.split()) > 12:
            break
        m = _SOURCE_LINE.match(last)
        if m and source is None:
            source = m.group("v").strip().strip("()").strip()
            who, slash, paper = source.partition("/")
            bracketed = re.fullmatch(r"(?P<who>[^()]+?)\s*\((?P<paper>[^()]+)\)?", m.group("v").strip())
            if slash and author is None and _looks_like_name(who.strip()) and _ORGANISATION_LINE.match(paper.strip()):
                author, source = who.strip(), paper.strip()  # "Theo Ngọc Thạch/Báo Long An online"
            elif bracketed and author is None and _looks_like_name(bracketed.group("who")):
                author, source = bracketed.group("who"), bracketed.group("paper")  # "Theo Đ.Tuyển - H.Cúc (TNO)"
            paras.pop()
            continue
        m = _AUTHOR_LINE.match(last)
        if m and author is None:
            author = m.group("v").strip()
            paras.pop()
            continue
        if source is None and author is None and _ORGANISATION_LINE.match(last) and _looks_like_name(last):
            source = last
            paras.pop()
            continue
        if author is None and _looks_like_name(last):
            author = last
            paras.pop()
            continue
        break
    return paras, author, source


# -- title ---------------------------------------------------------------------------------------
_TITLE_SEPARATORS = re.compile(r"\s+(?:[-|–—:»]|::)\s+")


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _meta(root, *names) -> str | None:
    for name in names:
        for value in root.xpath(f"//meta[@property='{name}' or @name='{name}' or @itemprop='{name}']/@content"):
            value = clean_inline(value)
            if value:
                return value
    return None


def find_title(root, selectors=(), body_el=None, order=None) -> tuple[str | None, object]:
    """The article's own heading: a layout's selector, else the heading (``h1``, then ``h2``/``h3``
    headlines) that the title metadata (``og:title``, ``<title>``) agrees with, else the heading
    printed last before the article's text (an ``h1`` outside the site's frame first), else the
    metadata without the site's name."""
    el = first(root, selectors) if selectors else None
    if el is not None and text_of(el):
        return text_of(el), el
    meta = _meta(root, "og:title", "twitter:title", "headline")
    page_title = clean_inline(root.findtext(".//title") or "")
    known = [t for t in (meta, page_title) if t]
    candidates = []
    for h in root.xpath("//h1 | //h2 | //h3 | //*[@itemprop='headline']"):
        text = text_of(h)
        if not text or len(text.split()) < 2 or in_boilerplate(h):
            continue
        candidates.append((h, text))
    for h, text in candidates:  # a heading the metadata agrees with
        if _agrees(text, known):
            return text, h
    for h in root.xpath(_TITLE_CLASSED):  # or another element a title class marks (Liferay 7's span.asset-title)
        text = text_of(h)
        if text and len(text.split()) >= 6 and _agrees(text, known) and not in_boilerplate(h):
            return text, h
    if body_el is not None and order is not None:  # the heading right above the text
        start = order.get(body_el, -1)
        before = [(order.get(h, -1), h, text) for h, text in candidates
                  if order.get(h, -1) < start and h not in body_el.iterancestors() and not _site_heading(h)]
        if before:
            h1s = [b for b in before if b[1].tag == "h1"]
            _, h, text = max(h1s or before, key=lambda b: b[0])
            return text, h
    for h, text in candidates:  # an h1 that is not the site's name
        if h.tag == "h1" and not _site_heading(h):
            return text, h
    for h, text in candidates:  # a headline by its class
        if attr_words(h) & {"title", "headline", "tieude", "newstitle", "entrytitle"} and not _site_heading(h):
            return text, h
    if meta:
        return meta, None
    if page_title:
        parts = _TITLE_SEPARATORS.split(page_title)
        return max(parts, key=len) if len(parts) > 1 else page_title, None
    return None, None


_TITLE_CLASSED = ("//*[self::p or self::span or self::div or self::strong]"
                  "[contains(@class, 'title') or contains(@class, 'headline') or contains(@class, 'tieude')]")


def _agrees(text: str | None, known) -> bool:
    """Whether a heading is what the page's title metadata says (``<title>`` starts with it)."""
    n = _norm(text)
    return bool(n) and any(n == _norm(k) or (len(n) > 15 and _norm(k).startswith(n)) for k in known)


def _site_heading(h) -> bool:
    """An ``h1`` that names the site: in the header, around the logo, or a link home."""
    node = h
    while node is not None:
        words = attr_words(node) if isinstance(node.tag, str) else frozenset()
        if node.tag == "header" or words & {"header", "logo", "banner", "sitename", "sitetitle", "brand", "topbar"}:
            return True
        node = node.getparent()
    return any(a.get("href") in ("/", "./") for a in h.iter("a"))


# -- body ----------------------------------------------------------------------------------------
_SCORED_TAGS = {"p", "td", "pre", "blockquote", "div", "li", "dd", "section", "article"}


def _link_density(el) -> float:
    text = len(clean_inline(el.text_content()))
    if not text:
        return 1.0
    links = sum(len(clean_inline(a.text_content())) for a in el.iter("a"))
    return links / text


_INLINE_TAGS = {"a", "span", "strong", "b", "em", "i", "u", "font", "sup", "sub", "small", "big", "abbr", "code",
                "mark", "time", "q", "cite", "s", "strike", "br", "img"}


def _own_text(el) -> str:
    """The text an element holds itself: its text and its inline children's, not its blocks'."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in _INLINE_TAGS and not is_hidden(child):
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return clean_inline("".join(parts))


def find_body(root):
    """The element holding the article's paragraphs (Readability's scoring, with the class words
    of Vietnamese portals)."""
    scores: dict = {}
    for el in root.iter(*_SCORED_TAGS):
        text = _own_text(el)
        if len(text) < 25 or in_boilerplate(el):
            continue
        score = 1 + text.count(",") + min(len(text) / 100, 3)
        parent = el.getparent()
        for k, node in enumerate((parent, parent.getparent() if parent is not None else None)):
            if node is None or not isinstance(node.tag, str) or node.tag in ("body", "html"):
                break
            scores[node] = scores.get(node, 0.0) + (score if k == 0 else score / 2)
        if el.tag in ("div", "td", "section", "article"):  # text held directly in a block
            scores[el] = scores.get(el, 0.0) + score
    best, best_score = None, 0.0
    for node, score in scores.items():
        words = attr_words(node)
        weight = ((25 if words & CONTENT_WORDS and not words & INFO_WORDS else 0) - (25 if is_boilerplate(node) else 0)
                  - (10 if words & INFO_WORDS else 0)
                  + (10 if node.tag == "article" else 0))  # (HTML's own word for it: a short post's <article>)
        final = (score + weight) * (1 - _link_density(node))
        if final > best_score:
            best, best_score = node, final
    return best


def _skip_in_body(el) -> bool:
    return is_boilerplate(el) or el.tag in ("h1",) or (
        el.tag in ("ul", "ol", "div", "table") and len(clean_inline(el.text_content())) > 0 and _link_density(el) > 0.6)


def _after(a, b) -> bool:
    """Whether element ``b`` comes after element ``a`` in document order."""
    for node in a.itersiblings():
        if node is b or b in node.iterdescendants():
            return True
    parent = a.getparent()
    return parent is not None and _after(parent, b) if parent is not None else False


def _position(root):
    order = {}
    for i, el in enumerate(root.iter()):
        order[el] = i
    return order


def find_lead(root, title_el, body_el, order=None) -> list:
    """Text blocks printed between the article's heading and its body (a lead, a sapo) that the
    body element does not hold."""
    if title_el is None or body_el is None:
        return []
    order = order or _position(root)
    lo, hi = order.get(title_el, -1), order.get(body_el, -1)
    if not 0 <= lo < hi:
        return []
    leads = []
    for el in root.iter("p", "div", "h2", "h3", "h4", "span", "strong", "b", "em", "section"):
        pos = order.get(el, -1)
        if not lo < pos < hi or el in body_el.iterancestors() or in_boilerplate(el):
            continue
        text = text_of(el) or ""
        if len(text.split()) < 12 or _is_info_line(text) or _link_density(el) > 0.3:
            continue
        if any(el in lead.iterdescendants() or lead in el.iterdescendants() for lead in leads):
            if any(lead in el.iterdescendants() for lead in leads):
                continue
        if title_el in el.iterdescendants() or el in title_el.iterdescendants():
            continue
        leads = [lead for lead in leads if lead not in el.iterdescendants()]
        leads.append(el)
    return leads


# -- date ----------------------------------------------------------------------------------------
_DATE_LABEL = re.compile(r"^\W*(?:ngày đăng|đăng ngày|được đăng|ngày cập nhật|cập nhật|thời gian đăng|ngày|đăng lúc|"
                         r"posted|published|thứ (?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ nhật)\b", re.IGNORECASE)
_DATE_WORDS = {"date", "time", "datetime", "published", "publish", "pubdate", "postdate", "created", "ngay",
               "ngaydang", "thoigian", "ngaycapnhat", "updated", "meta", "info", "submitted", "posted", "byline"}


def find_date(root, title_el, body_el, selectors=(), order=None) -> str | None:
    """The date the page prints as the article's own: a layout's selector; else the first date
    printed after the heading and before the body's end (or just after it) outside the site's
    frame and outside lists of other news; else the article's metadata."""
    el = first(root, selectors) if selectors else None
    if el is not None:
        value = el.get("datetime") or el.get("content") or text_of(el)
        found = parse_visible_date(value) or parse_visible_date(text_of(el))
        if found:
            return found
    order = order or _position(root)
    anchor = order.get(title_el, order.get(body_el, 0))
    lo = anchor
    container = _common_ancestor(title_el, body_el)
    if container is not None and container.tag not in ("body", "html"):
        lo = order.get(container, anchor)  # a date line printed above the heading, inside the article
    if body_el is not None:
        last = body_el
        for last in body_el.iter():
            pass
        hi = order.get(last, lo) + 400
    else:
        hi = lo + 800
    candidates = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        pos = order.get(el, -1)
        if not lo <= pos <= hi:
            continue
        stamp = el.get("datetime") if el.tag == "time" else (
            el.get("datetime") or el.get("content") or el.get("title")
            if el.get("itemprop") == "datePublished" or el.tag == "abbr" and "published" in attr_words(el) else None)
        if stamp:  # <time datetime>, schema.org's datePublished, hAtom's abbr.published (Blogger)
            value = _local_time(stamp)
            if value and not in_boilerplate(el):  # a time marked updated or modified is not the publication
                updated = bool(attr_words(el) & {"updated", "modified"}) and not attr_words(el) & {"published"}
                candidates.append((pos, 2 if updated else 0, value))
            continue
        own = clean_inline(" ".join([el.text or ""] + [c.tail or "" for c in el]))  # a child between two texts separates them
        if not own or len(own) > 120:
            continue
        dates = find_dates(own)
        if not dates or el.tag == "a" or any(a.tag == "a" for a in el.iterancestors()) or in_boilerplate(el):
            continue
        labelled = bool(attr_words(el) & _DATE_WORDS or _DATE_LABEL.search(own))
        rest = len(own) - (dates[0].end - dates[0].start)
        if not labelled and rest > 25:  # a sentence that mentions a day, not a date line
            continue
        candidates.append((pos, 0 if labelled else 1, dates[0].value))
    if candidates:
        candidates.sort(key=lambda c: (c[1], abs(c[0] - anchor)))
        return candidates[0][2]
    for name in ("article:published_time", "datePublished", "pubdate", "DC.date.issued", "date"):
        value = _meta(root, name)
        if value:
            found = _local_time(value)
            if found:
                return found
    return None


VIETNAM_UTC_OFFSET = 7  # hours: portals print local time; metadata often gives UTC


def _local_time(value: str) -> str | None:
    """A metadata date-time in Vietnam's time (``2022-12-06T08:00:00Z`` -> ``2022-12-06T15:00``)."""
    import datetime as dt

    m = re.match(r"^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$", value)
    if not m:
        return parse_visible_date(value)
    stamp = dt.datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}")
    zone = m.group(3)
    if zone:
        offset = 0 if zone == "Z" else (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[-2:]))
        stamp += dt.timedelta(minutes=VIETNAM_UTC_OFFSET * 60 - offset)
    return stamp.strftime("%Y-%m-%dT%H:%M")


def _common_ancestor(a, b):
    if a is None or b is None:
        return None
    ancestors = {id(n) for n in a.iterancestors()}
    for node in b.iterancestors():
        if id(node) in ancestors:
            return node
    return None


# -- bylines ------------------------------------------------------------------------------------------
_AUTHOR_WORDS = {"author", "createdby", "tacgia", "byline", "writer", "nguoiviet"}
_SOURCE_WORDS = {"source", "nguon", "nguontin", "sourcedetail", "newssource"}


def _credit(text: str, words: frozenset) -> tuple[str | None, str | None]:
    """(author, source) a short credit line gives."""
    text = re.sub(r"^(?:bởi|by)\s+", "", text.strip().strip("()").strip(), flags=re.IGNORECASE)  # ("By Như Loan")
    if not text or len(text.split()) > 12:
        return None, None
    m = _SOURCE_LINE.match(text)
    if m and (text.lower().startswith(("nguồn", "theo")) or words & _SOURCE_WORDS):
        return None, m.group("v").strip()
    m = _AUTHOR_LINE.match(text)
    if m and not words & _SOURCE_WORDS:
        return m.group("v").strip(), None
    if words & _SOURCE_WORDS:
        return None, text
    if words & _AUTHOR_WORDS or _looks_like_name(text):
        return (text, None) if _looks_like_name(text) or words & _AUTHOR_WORDS else (None, None)
    return None, None


# the accounts a CMS prints as a post's author that name no person: the editorial board, the admin
_ACCOUNTS = frozenset({"ban biên tập", "bbt", "admin", "administrator", "quản trị", "quản trị viên", "super user",
                       "webmaster", "biên tập viên", "bientap", "quantri"})


def _labelled_items(el) -> bool:
    """A short list whose every item is ``label: value`` (the extra fields of K2 and similar)."""
    items = [text_of(li) or "" for li in el if isinstance(li.tag, str) and li.tag == "li"]
    return 0 < len(items) <= 5 and all(re.match(r"^[^:]{1,25}:\s*\S", t) for t in items)


def find_bylines(root, title_el, body_el, order) -> tuple[str | None, str | None]:
    """Author and source printed around the text, outside the body element: lines right after it
    (NukeViet's "Tác giả:" / "Nguồn tin:", a right-aligned name), and author elements of the
    article's info block (Joomla's "Viết bởi")."""
    author = source = None
    last = body_el
    for last in body_el.iter():
        pass
    end = order.get(last, -1)
    seen = 0
    skip_to = -1
    for el in root.iter():  # what follows the body, until a block of the site's frame
        pos = order.get(el, -1)
        if pos <= end or pos <= skip_to or not isinstance(el.tag, str):
            continue
        if _picture_with_caption(el):
            for skip in el.iter():  # a picture with its caption between the body and the credits
                skip_to = max(skip_to, order.get(skip, -1))
            continue
        if el.tag in ("ul", "ol") and _labelled_items(el) or el.tag in ("h2", "h3", "h4") and any(
                isinstance(x.tag, str) and x.tag in ("ul", "ol") and _labelled_items(x) for x in el.getparent()):
            continue  # a list of labelled fields (K2's "Nguồn tin: …") and its heading: its items are read
        if is_boilerplate(el) or el.tag in ("ul", "ol", "table", "form", "h1", "h2", "h3"):
            break
        text = text_of(el)
        if not text or el.tag in ("strong", "b", "em", "i", "span") or any(
                c.tag in ("p", "div") for c in el if isinstance(c.tag, str)):
            continue
        seen += 1
        if seen > 6 or len(text.split()) > 12:
            break
        a, src = _credit(text, attr_words(el))
        author, source = author or a, source or src
    container = _common_ancestor(title_el, body_el)
    if author is None and container is not None and container.tag not in ("body", "html"):
        for el in container.iter():
            if isinstance(el.tag, str) and attr_words(el) & _AUTHOR_WORDS and not in_boilerplate(el) \
                    and order.get(el, -1) < order.get(body_el, -1):
                text = re.sub(r"^(?:bởi|by)\s+", "", text_of(el) or "", flags=re.IGNORECASE)
                m = _AUTHOR_LINE.match(text)
                value = m.group("v").strip() if m else text
                # a person's name, not a CMS account ("admin", "bientap", "Ban Biên Tập")
                if value and len(value.split()) <= 8 and (m or _looks_like_name(value)) and "&" not in value and \
                        " ".join(value.lower().split()) not in _ACCOUNTS:  # ("GD&TĐ": the paper, not a person)
                    author = value
                    break
    return author, source


# -- the article -----------------------------------------------------------------------------------
def article_paragraphs(body_el, lead_els=(), drop=None) -> list[str]:
    paras: list[str] = []
    for lead in lead_els:
        for p in paragraphs(lead):
            if not _is_info_line(p) and p not in paras:
                paras.append(p)

    def skip(el):
        return _skip_in_body(el) or (drop is not None and el in drop)

    for p in paragraphs(body_el, skip=skip):
        if _is_info_line(p):
            continue
        if paras and p == paras[-1]:
            continue
        paras.append(p)
    return paras


_CAPTIONS = ".//figcaption | .//*[contains(@class, 'caption')]"  # a picture's caption, inside a block


def _picture_with_caption(el) -> bool:
    """A block holding a picture and nothing but its caption (``table.image``, ``figure``)."""
    if not el.xpath(".//img"):
        return False
    captions = [text_of(c) or "" for c in el.xpath(_CAPTIONS)]
    return bool(captions) and len(text_of(el) or "") <= sum(map(len, captions)) + 5


def _captions_after(body_el) -> list[str]:
    """A picture with its caption printed right after the body element, in a block of its own
    (K2's ``div.content-detail`` after ``itemFullText``): the caption is the article's too."""
    out = []
    for sib in list(body_el.itersiblings())[:2]:
        if not isinstance(sib.tag, str) or is_boilerplate(sib) or sib.xpath(".//a[@href]"):
            break
        captions = sib.xpath(_CAPTIONS)
        text = text_of(sib) or ""
        if not captions or not sib.xpath(".//img") or len(text) > 400:
            continue
        out += [t for t in (text_of(c) for c in captions) if t]
    return out


def read_article(root, url: str, layout=None) -> ArticleFields | None:
    """The article on a parsed page, with ``layout``'s selectors where it has them."""
    sel = layout.article if layout is not None else {}
    body_el = first(root, sel["body"]) if sel.get("body") else None
    if body_el is None:
        body_el = find_body(root)
    if body_el is None:
        return None
    order = _position(root)
    title, title_el = find_title(root, sel.get("title", ()), body_el, order)
    if sel.get("lead") is not None:
        lead_els = [el for xp in sel["lead"] for el in root.xpath(xp) if el is not body_el]
    else:
        lead_els = find_lead(root, title_el, body_el, order)
    drop = {el for xp in sel.get("drop", ()) for el in body_el.xpath(xp)}
    paras = article_paragraphs(body_el, lead_els, drop) + _captions_after(body_el)
    if title and paras and _norm(paras[0]) == _norm(title):
        paras = paras[1:]
    author = source = None
    for xp in sel.get("byline", ()):
        for el in root.xpath(xp):
            text = text_of(el) or ""
            m_author, m_source = _AUTHOR_LINE.match(text), _SOURCE_LINE.match(text)
            if m_source and text.lower().startswith("nguồn"):
                source = source or m_source.group("v").strip()
            elif m_author:
                author = author or m_author.group("v").strip()
    paras, tail_author, tail_source = split_credits(paras)
    author, source = author or tail_author, source or tail_source
    if author is None and source is None or not sel.get("byline") and (author is None or source is None):
        # (the page's structure too where a layout's byline selectors found nothing: K2 on Joomla)
        near_author, near_source = find_bylines(root, title_el, body_el, order)
        author, source = author or near_author, source or near_source
    published = find_date(root, title_el, body_el, sel.get("date", ()), order)
    warnings = [] if published else ["no publication date on the page"]
    headline_links = sum(1 for a in body_el.iter("a")
                         if len((text_of(a) or "").split()) >= 5 and not in_boilerplate(a, stop=body_el))
    known = [t for t in (_meta(root, "og:title", "twitter:title"), clean_inline(root.findtext(".//title") or "")) if t]
    return ArticleFields(title, published, author, "\n".join(paras), source, warnings, headline_links,
                         _agrees(title, known))
