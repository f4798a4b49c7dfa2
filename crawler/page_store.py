"""The raw page store: every page the crawler fetched, as received, in WARC files (ISO 28500, the
web archives' format, readable by other tools such as warcio, pywb or ArchiveSpark).

Why WARC and not the database: the crawl then never holds the warehouse open, so readers (search,
the web app, notebooks) are never locked out by a crawl, and everything downstream re-runs from
these files without the network.

A fetched page is a ``response`` record (status line, headers, body as received); a page that gave
no body (failed, skipped by robots.txt, an attachment recorded but not fetched) is a ``metadata``
record whose JSON payload says why. Both carry the crawl's own fields as extension headers
(``X-Page-URL`` the canonical URL, ``X-Source-Id``, ``X-Outcome``, ``X-Parent-URL``, ``X-Run-Id``,
``X-Body-SHA1``, and ``X-Error`` for a page kept but not taken as an article). Each record is its
own gzip member, appended and flushed whole, so a reader (the
processing that runs alongside a crawl) sees only complete records, and a killed crawl leaves at
worst an incomplete last record, which readers skip.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROTATE_BYTES = 256 * 1024 * 1024  # a new file past this size


@dataclass
class PageRecord:
    """One stored page, as the processing stage reads it back."""

    url: str                      # canonical URL
    source_id: str
    fetched_url: str
    outcome: str                  # article | attachment | failed | skipped_robots
    status: int | None
    error: str | None
    content_type: str | None
    http_charset: str | None
    fetched_at: dt.datetime       # UTC, naive
    body_sha1: str | None
    parent_url: str | None
    run_id: str | None
    warc_file: str                # file name inside the store folder
    warc_offset: int
    warc_length: int
    body: bytes | None = None     # read on demand (``read_body``), or by ``read_records(with_body=True)``
    warc_date: str | None = None  # the record's WARC-Date and WARC-Record-ID, as written
    record_id: str | None = None
    http_headers: list | None = None  # the response's (name, value) headers


class WarcWriterFile:
    """Appends records to ``<folder>/<prefix>-NNN.warc.gz``, a new file past ``ROTATE_BYTES``."""

    def __init__(self, folder: Path, prefix: str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.prefix = prefix
        self.number = 0
        self.fh = None
        self.last = None  # (file name, offset, length) of the last record written
        self._open_next()

    def _open_next(self) -> None:
        if self.fh is not None:
            self.fh.close()
        while True:
            self.number += 1
            path = self.folder / f"{self.prefix}-{self.number:03d}.warc.gz"
            if not path.exists() or path.stat().st_size < ROTATE_BYTES:
                break
        self.fh = open(path, "ab")

    def write(self, build) -> None:
        """``build(writer)`` writes one record into a buffer; the buffer goes to the file in one
        write, then is flushed: other processes see whole records only."""
        buffer = io.BytesIO()
        build(WARCWriter(buffer, gzip=True))
        offset = self.fh.tell()
        self.fh.write(buffer.getvalue())
        self.fh.flush()
        self.last = (Path(self.fh.name).name, offset, len(buffer.getvalue()))
        if self.fh.tell() >= ROTATE_BYTES:
            self._open_next()

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
            self.fh = None


def _extension_headers(item, run_id: str | None, sha1: str | None) -> dict:
    headers = {"X-Page-URL": item.url, "X-Source-Id": item.source_id, "X-Outcome": item.outcome}
    for name, value in (("X-Parent-URL", item.parent_url), ("X-Run-Id", run_id), ("X-Body-SHA1", sha1),
                        ("X-Error", item.error if item.body is not None else None)):
        if value:
            headers[name] = value
    return headers


def write_page(out: WarcWriterFile, item, run_id: str | None, response_headers: list | None = None,
               warc_headers: dict | None = None) -> str | None:
    """One page item as a WARC record; returns the body's SHA-1 (hex) when it has a body.
    ``warc_headers``: WARC-Date and WARC-Record-ID of a record written before (an imported page
    store keeps them)."""
    sha1 = hashlib.sha1(item.body).hexdigest() if item.body is not None else None
    extra = {**_extension_headers(item, run_id, sha1), **{k: v for k, v in (warc_headers or {}).items() if v}}

    def build(writer: WARCWriter) -> None:
        if item.body is not None:
            headers = list(response_headers or [])
            if item.content_type and not any(k.lower() == "content-type" for k, _ in headers):
                headers.append(("Content-Type", item.content_type))
            http = StatusAndHeaders(f"{item.status or 200} OK", headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(item.fetched_url, "response", payload=io.BytesIO(item.body),
                                               length=len(item.body), http_headers=http, warc_headers_dict=extra)
        else:
            payload = json.dumps({"outcome": item.outcome, "error": item.error, "status": item.status,
                                  "content_type": item.content_type}, ensure_ascii=False).encode("utf-8")
            record = writer.create_warc_record(item.fetched_url, "metadata", payload=io.BytesIO(payload),
                                               length=len(payload), warc_content_type="application/json",
                                               warc_headers_dict=extra)
        writer.write_record(record)

    out.write(build)
    return sha1


def _record(rec, warc_file: str, offset: int, length: int, with_body: bool = False) -> PageRecord | None:
    h = rec.rec_headers
    if rec.rec_type not in ("response", "metadata") or not h.get_header("X-Page-URL"):
        return None
    fetched_at = dt.datetime.strptime(h.get_header("WARC-Date")[:19], "%Y-%m-%dT%H:%M:%S")
    common = dict(url=h.get_header("X-Page-URL"), source_id=h.get_header("X-Source-Id"),
                  fetched_url=h.get_header("WARC-Target-URI"), outcome=h.get_header("X-Outcome"),
                  fetched_at=fetched_at, body_sha1=h.get_header("X-Body-SHA1"),
                  parent_url=h.get_header("X-Parent-URL"), run_id=h.get_header("X-Run-Id"),
                  warc_file=warc_file, warc_offset=offset, warc_length=length,
                  warc_date=h.get_header("WARC-Date"), record_id=h.get_header("WARC-Record-ID"))
    if rec.rec_type == "response":
        ctype = rec.http_headers.get_header("Content-Type")
        status = int(rec.http_headers.get_statuscode() or 0) or None
        return PageRecord(status=status, error=h.get_header("X-Error"), content_type=ctype,
                          http_charset=charset_of(ctype), http_headers=list(rec.http_headers.headers),
                          body=rec.raw_stream.read() if with_body else None, **common)
    info = json.loads(rec.content_stream().read().decode("utf-8"))
    return PageRecord(status=info.get("status"), error=info.get("error"), content_type=info.get("content_type"),
                      http_charset=None, **common)


def charset_of(content_type: str | None) -> str | None:
    import re

    m = re.search(r"charset=([\w-]+)", content_type or "", re.I)
    return m.group(1).lower() if m else None


def _complete_members(fh, start: int):
    """``(offset, end)`` of each complete gzip member from ``start`` (every record is one member):
    a member is complete when zlib reaches its end and checks its CRC. A member still being
    written, or cut short by a kill, ends the file for now."""
    pos = start
    while True:
        fh.seek(pos)
        inflater = zlib.decompressobj(wbits=31)
        read = 0
        while not inflater.eof:
            chunk = fh.read(1 << 16)
            if not chunk:
                return
            read += len(chunk)
            try:
                inflater.decompress(chunk)
            except zlib.error:  # not gzip data from here on: damaged
                return
        end = pos + read - len(inflater.unused_data)
        yield pos, end
        pos = end


def read_records(path: Path, start: int = 0, with_body: bool = False):
    """``(PageRecord or None, end offset)`` for every complete record of one WARC file from byte
    ``start`` (None for records that are not pages, such as ``warcinfo``); ``with_body``: each
    response record with its body."""
    path = Path(path)
    with open(path, "rb") as fh:
        for offset, end in _complete_members(fh, start):
            fh.seek(offset)
            member = io.BytesIO(fh.read(end - offset))
            try:
                rec = next(ArchiveIterator(member))
                record = _record(rec, path.name, offset, end - offset, with_body)
            except Exception:  # a damaged record: skipped, the next one is read
                record = None
            yield record, end


def read_body(folder: Path, warc_file: str, offset: int) -> bytes:
    """The body of the response record at ``offset`` in ``warc_file``, as received."""
    with open(Path(folder) / warc_file, "rb") as fh:
        fh.seek(offset)
        rec = next(ArchiveIterator(fh))
        return rec.content_stream().read()


def warc_files(folder: Path) -> list[Path]:
    """The store's files, oldest first."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.warc.gz"), key=lambda p: (p.stat().st_mtime_ns, p.name))


class WarcPageStore:
    """The Scrapy item pipeline that stores every page item in the WARC folder named by the
    ``PAGE_STORE_DIR`` setting, and counts new, unchanged and changed pages in the crawl's stats
    (``source/<source id>/<outcome>``) against ``KNOWN_PAGES_FILE`` (``url<TAB>sha1`` lines of the
    pages stored before this crawl)."""

    def __init__(self, crawler, folder: str, run_id: str | None, known_file: str | None):
        self.crawler = crawler
        self.folder = Path(folder)
        self.run_id = run_id
        self.known: dict[str, str] = {}
        if known_file and Path(known_file).exists():
            with open(known_file, encoding="utf-8") as fh:
                for line in fh:
                    url, _, sha1 = line.rstrip("\n").partition("\t")
                    self.known[url] = sha1
        self.out = None
        self.progress = None

    @classmethod
    def from_crawler(cls, crawler):
        from scrapy.exceptions import NotConfigured

        folder = crawler.settings.get("PAGE_STORE_DIR")
        if not folder:  # `scrapy parse` / `scrapy shell`: nothing to store into
            raise NotConfigured("PAGE_STORE_DIR is not set")
        return cls(crawler, folder, crawler.settings.get("RUN_ID"), crawler.settings.get("KNOWN_PAGES_FILE"))

    def open_spider(self, spider=None):
        self.out = WarcWriterFile(self.folder, f"{self.run_id or 'crawl'}-{os.getpid()}")

    def close_spider(self, spider=None):
        if self.out is not None:
            self.out.close()

    def process_item(self, item, spider=None):
        headers = getattr(item, "headers", None)
        sha1 = write_page(self.out, item, self.run_id, headers)
        if item.outcome == "article":
            previous = self.known.get(item.url)
            outcome = "new" if previous is None else ("unchanged" if previous == sha1 else "changed")
            self.crawler.stats.inc_value(f"source/{item.source_id}/{outcome}")
            self.known[item.url] = sha1
        return item
