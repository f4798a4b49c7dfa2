"""What every page reader shares: the parsed page with its boilerplate known, and text helpers.

Written by hand where no library fits Vietnamese government portals: which blocks of a page are
chrome is told by the class and id words these portals use (``tin-lien-quan``, ``tinkhac``,
``thongke``, ``xem-them``...) as much as by the English ones every CMS uses, and a portal's own
labels (``Lượt xem``, ``Được đăng``) mark its info lines.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lxml import etree
from lxml import html as lxml_html

BLOCK_TAGS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "figcaption", "figure", "blockquote",
    "table", "tr", "td", "th", "section", "article", "header", "footer", "pre", "dd", "dt", "dl", "center",
    "main", "aside", "nav", "address", "caption", "tbody", "thead",
}
SKIP_TAGS = {"script", "style", "noscript", "iframe", "button", "select", "input", "textarea", "svg", "template",
             "object", "embed", "canvas", "map", "label", "option"}
_WS = re.compile(r"[ \t\r\n\f]+")

# Class and id words of chrome: menus, side blocks, related news, widgets, counters, comments.
# Matched against the words of an element's class and id (split at - _ and spaces, lower case).
BOILERPLATE_WORDS = frozenset("""
menu menus nav navbar navigation navi breadcrumb breadcrumbs footer topbar sidebar aside widget widgets
banner banners advert adverts ads quangcao qc comment comments binhluan binh-luan respond related relate
relateditems lienquan tinlienquan othernews tinkhac khac cungchuyenmuc samecategory share sharing social
socialbookmarks bookmark bookmarks print email sendmail tags tag keywords keyword tukhoa rating rate vote poll
counter counters thongke visitor visitors truycap luottruycap stats hits pager pagination pagenav paging
toolbar icons login search timkiem copyright logo slider marquee clock weather lich lichcongtac
latestnews latest popular mostread tinmoi tinxemnhieu xemnhieu newest hot subnav dropdown modal popup
cookie signin signup subscribe newsletter footnotes
""".split())
CONTENT_WORDS = frozenset("""
content contents detail details body bodytext entrycontent postcontent newscontent contentnews newsdetail
newsbody noidung chitiet fulltext itemfulltext articlebody articlecontent contentarticle storycontent
journalcontentarticle contentdetail detailcontent postbody entrybody cmsbody
""".split())
# Words of blocks that sit beside the text: info lines, titles, summaries of other items.
INFO_WORDS = frozenset("info meta tools title header summary date author toolbar icons".split())
_CLASS_SPLIT = re.compile(r"[^a-z0-9]+")


def clean_inline(text: str | None) -> str:
    """Collapse HTML whitespace as a browser does; a non-breaking space becomes one space (the
    contract's NLP input has none), and spaces it stood beside are kept, as a reader sees them."""
    return _WS.sub(" ", text or "").replace("\u00a0", " ").strip()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse_html(text: str):
    """The page's element tree (lxml), or None for a page with no markup at all. Deep nesting is
    read to the end (libxml2's default stops at 256 levels and silently drops the rest)."""
    if not text.strip():
        return None
    parser = lxml_html.HTMLParser(huge_tree=True, remove_comments=True)
    try:
        root = lxml_html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    return root


# A class token that states something about the page or the item rather than naming a block
# (WordPress's has-sidebar, tag-hoc-bong, category-tin-tuc, postid-215): not read for block words.
_ITEM_WORDS = frozenset("entry post article news item content story detail title heading asset".split())
_STATE_PREFIXES = frozenset("has no with without tag category cat format type postid post page single template is "
                            "status layout itemid view".split())


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def nesting_depth(text: str) -> int:
    """How deep elements are nested in a page's markup (an estimate from the tags: unclosed
    paragraphs and list items are counted as closed by their next sibling)."""
    depth = deepest = 0
    for closing, name, self_closing in _TAG.findall(text):
        name = name.lower()
        if name in _VOID or self_closing or name in ("p", "li", "td", "tr", "option"):
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


@lru_cache(maxsize=20000)
def _words(value: str) -> frozenset[str]:
    words = []
    for token in value.lower().split():
        parts = [p for p in _CLASS_SPLIT.split(token) if p]
        if not parts or (len(parts) > 1 and parts[0] in _STATE_PREFIXES):
            continue
        token_words = set(parts) | {"".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 2, len(parts) + 1)}
        if token_words & _ITEM_WORDS:  # entry-header, news-meta: a part of the item, not of the site
            token_words -= {"header", "footer", "meta", "top"}
        words += token_words
    return frozenset(words)


def attr_words(el) -> frozenset[str]:
    """The words of an element's class and id tokens (``tin-lien-quan`` gives tin, lien, quan,
    tinlien, lienquan, tinlienquan), state tokens such as ``has-sidebar`` left out."""
    return _words(f"{el.get('class') or ''} {el.get('id') or ''}")


_HIDDEN_WORDS = frozenset({"hidden", "hide", "dnone", "sronly", "screenreadertext", "visuallyhidden", "invisible",
                           "hiddenaccessible", "hideaccessible", "elementinvisible"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def is_hidden(el) -> bool:
    """An element a reader never sees: hidden by attribute, style or a hiding class (schema.org
    metadata spans, screen-reader labels)."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    # A whole class token hides (``sr-only``, ``visually-hidden``); a hiding word inside a longer
    # token does not (Drupal's ``field--label-hidden`` hides a field's label, not the field).
    tokens = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    return any(re.sub(r"[-_]", "", t) in _HIDDEN_WORDS for t in tokens)


# The site's header block, named as a whole (a "header" inside a longer name, such as Liferay's
# taglib-header around an article's title, is not the site's).
_SITE_HEADER_TOKENS = frozenset("header site-header siteheader page-top top-header topheader masthead banner "
                                "header-top headertop top".split())


# Headings of side blocks, as Vietnamese portals title them: the block under such a heading is
# chrome, whatever its classes say.
SIDE_BLOCK_TITLE = re.compile(
    r"^\W*(?:tin|bài|bài viết|tin tức)\s+(?:mới|mới nhất|mới cập nhật|xem nhiều|đọc nhiều|nổi bật|tiêu điểm|khác|"
    r"cùng chuyên mục|cùng loại|liên quan|đã đưa)|^\W*(?:văn bản|văn bản mới|văn bản chỉ đạo|thống kê truy cập|"
    r"lượt truy cập|liên kết|liên kết website|lịch công tác|thư viện ảnh|thư viện video|video|hỗ trợ trực tuyến|"
    r"bình chọn|thăm dò ý kiến|quảng cáo|đối tác|chuyên mục|danh mục|các tài sản liên quan|xem thêm)\W*$",
    re.IGNORECASE)
SIDE_MARK = "data-vn-side-block"
MAIN_MARK = "data-vn-holds-main"
# the bodies of articles as the standard vocabularies mark them (schema.org, hAtom, Blogger)
ARTICLE_BODIES = ("//*[@itemprop='articleBody'] | //*[contains(concat(' ', normalize-space(@class), ' '), ' entry-content ')]"
                  " | //*[contains(concat(' ', normalize-space(@class), ' '), ' post-body ')]")


def mark_main_holders(root) -> None:
    """Mark the elements that hold the page's main landmark (``<main>``, ``role="main"``) or an
    article's body as the standard vocabularies name it (``itemprop="articleBody"``, the hAtom
    ``entry-content``, Blogger's ``post-body``): a grid around the content and its sidebar (Drupal
    Olivero's ``div.sidebar-grid``), the widget that holds a blog's posts (Blogger's ``div.widget.Blog``)
    hold the article, so their class words do not make them chrome."""
    for main in root.xpath("//main | //*[@role='main'] | " + ARTICLE_BODIES):
        for holder in main.iterancestors():
            if holder.get(MAIN_MARK):
                break
            holder.set(MAIN_MARK, "1")


def mark_side_blocks(root) -> None:
    """Mark the blocks whose heading names them as side blocks ("Tin mới nhất", "Tin xem nhiều",
    "Văn bản mới", "Thống kê truy cập"...): the nearest enclosing element that holds links."""
    for heading in root.iter("h1", "h2", "h3", "h4", "h5", "h6", "div", "span", "strong", "p", "header"):
        if heading.tag in ("div", "span", "strong", "p") and not (attr_words(heading) & {"title", "header", "heading",
                                                                                         "caption", "name"}):
            continue
        text = clean_inline(heading.text_content())
        if not text or len(text.split()) > 6 or not SIDE_BLOCK_TITLE.search(text):
            continue
        block = heading.getparent()
        for _ in range(4):
            if block is None or block.tag in ("body", "html"):
                break
            links = list(block.iter("a"))
            if len(links) >= 2:
                total = len(clean_inline(block.text_content()))
                linked = sum(len(clean_inline(a.text_content())) for a in links)
                if total < 4000 and total - linked < 600:  # a list of links, not the article holding one
                    block.set(SIDE_MARK, "1")
                break
            block = block.getparent()


def is_boilerplate(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if el.get(SIDE_MARK):
        return True
    if el.get(MAIN_MARK):
        return False
    if tag in ("nav", "aside", "footer"):
        return True
    if tag in ("html", "body", "main"):  # their classes describe the page, not a block of it
        return False
    if tag == "header" and not any(a.tag in ("article", "main") for a in el.iterancestors()):
        return True
    tokens = f"{el.get('class') or ''} {el.get('id') or ''}".lower().split()
    if any(t in _SITE_HEADER_TOKENS for t in tokens):
        return True
    words = attr_words(el)
    if not words:
        return False
    if words & BOILERPLATE_WORDS and not words & CONTENT_WORDS:
        return True
    return bool(words & {"related", "relateditems", "tinlienquan", "lienquan", "tinkhac", "othernews", "comments",
                         "binhluan", "socialbookmarks", "share", "tags", "pagenav", "pager"})


def in_boilerplate(el, stop=None) -> bool:
    """Whether the element or an ancestor (up to ``stop``, exclusive) is chrome or hidden."""
    node = el
    while node is not None and node is not stop:
        if isinstance(node.tag, str) and (is_boilerplate(node) or is_hidden(node)):
            return True
        node = node.getparent()
    return False


def text_of(el) -> str | None:
    if el is None:
        return None
    return clean_inline(el.text_content()) or None


def paragraphs(element, skip=None) -> list[str]:
    """Paragraph texts of an element: blocks and ``<br>`` separate paragraphs, images contribute
    nothing, consecutive duplicates (alt text repeated as caption) are kept once; subtrees for
    which ``skip(el)`` is true are left out."""
    out: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        text = clean_inline("".join(buf))
        buf.clear()
        if text and (not out or out[-1] != text):
            out.append(text)

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIP_TAGS or not tag or is_hidden(el) or (skip is not None and skip(el)):
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if tag == "br":
            flush()
        elif el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    if element is None:
        return out
    tail = element.tail
    element.tail = None
    walk(element)
    element.tail = tail
    flush()
    return out


def first(root, xpaths):
    """The first element any of ``xpaths`` finds, in the order given."""
    if root is None:
        return None
    for xp in ([xpaths] if isinstance(xpaths, str) else xpaths):
        found = root.xpath(xp)
        for el in found:
            if isinstance(el, str):
                continue
            return el
    return None
