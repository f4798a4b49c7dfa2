"""Platform layouts, kept as data: one ``<platform>.toml`` per platform says where its templates put
an article's title, date, lead, body and byline, and what its article and listing URLs look like.
Adding a platform is one file here (and a fixture test); every field a layout leaves out is read
by the page's structure (``crawler.articles.reader``).

    name = "nukeviet"                  # as sources.toml's platform field names it
    aliases = ["nukeviet4"]            # other names for it
    detect = ["//xpath", ...]          # any match: a page of this platform
    [article]                          # xpaths, first match wins
    title, date, lead, body, byline = [...]   # lead = [] means: the platform prints none
    drop = [".//xpath", ...]           # inside the body: not the article's text
    [listing]
    article_url = 'regex'              # on path?query: an article's URL on this platform
    exclude_url = 'regex'
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Layout:
    name: str
    aliases: tuple[str, ...] = ()
    detect: tuple[str, ...] = ()
    article: dict = field(default_factory=dict, hash=False, compare=False)
    article_url: re.Pattern | None = None
    exclude_url: re.Pattern | None = None

    def matches(self, root) -> bool:
        return any(root.xpath(xp) for xp in self.detect)


def _compile(pattern: str | None):
    return re.compile(pattern, re.IGNORECASE) if pattern else None


@lru_cache(maxsize=1)
def all_layouts() -> tuple[Layout, ...]:
    out = []
    for entry in sorted(resources.files(__name__).iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        data = tomllib.loads(entry.read_text(encoding="utf-8"))
        listing = data.get("listing", {})
        article = {k: tuple(v) if isinstance(v, list) else v for k, v in data.get("article", {}).items()}
        out.append(Layout(data["name"], tuple(data.get("aliases", ())), tuple(data.get("detect", ())), article,
                          _compile(listing.get("article_url")), _compile(listing.get("exclude_url"))))
    return tuple(out)


def names() -> list[str]:
    return sorted({n for layout in all_layouts() for n in (layout.name, *layout.aliases)})


def get(name: str | None) -> Layout | None:
    """The layout a source's ``platform`` names; None for ``generic``, ``auto`` or an unknown name."""
    for layout in all_layouts():
        if name == layout.name or name in layout.aliases:
            return layout
    return None


def detect(root) -> Layout | None:
    """The layout whose markers the page carries, or None (read by its structure)."""
    if root is None:
        return None
    for layout in all_layouts():
        if layout.matches(root):
            return layout
    return None
