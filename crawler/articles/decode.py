"""Bytes to text for stored pages: the HTTP header's charset first, then a ``<meta>`` charset
anywhere in the head (NukeViet declares it late, past the 1024 bytes browsers sniff), then UTF-8,
then windows-1258 (legacy Vietnamese); the result is NFC, because windows-1258 decodes tone
marks as combining characters."""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)""", re.I)
_ALIASES = {"utf8": "utf-8", "windows-1258": "cp1258", "x-user-defined": "utf-8", "unicode": "utf-8"}


@dataclass
class Decoded:
    text: str
    encoding: str
    replaced: bool


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = _ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(body: bytes, http_charset: str | None = None) -> Decoded:
    if body.startswith(codecs.BOM_UTF8):
        return Decoded(unicodedata.normalize("NFC", body[3:].decode("utf-8", "replace")), "utf-8", False)
    head = body[:65536]
    end_head = head.lower().find(b"</head>")
    meta = _META.search(head[: end_head if end_head > 0 else len(head)])
    for candidate in (_codec(http_charset), _codec(meta.group(1).decode("ascii", "ignore")) if meta else None):
        if candidate:
            try:
                return Decoded(unicodedata.normalize("NFC", body.decode(candidate)), candidate, False)
            except UnicodeDecodeError:
                continue
    try:
        return Decoded(unicodedata.normalize("NFC", body.decode("utf-8")), "utf-8", False)
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(unicodedata.normalize("NFC", body.decode("cp1258")), "cp1258", False)
    except UnicodeDecodeError:
        return Decoded(unicodedata.normalize("NFC", body.decode("utf-8", "replace")), "utf-8", True)
