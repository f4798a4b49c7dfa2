"""The source registry: which portals to crawl, kept as data (``crawler/sources.toml``).

A malformed registry is reported with the entry and the field at fault.
"""
from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

KINDS = ("so_gddt", "phong_gddt", "ubnd_tinh", "newspaper", "other")
def _platforms() -> tuple[str, ...]:
    from .articles import layouts

    return tuple(layouts.names()) + ("generic", "auto")


PLATFORMS = _platforms()
DEFAULT_REGISTRY = Path(__file__).with_name("sources.toml")
SAMPLE_REGISTRY = Path(__file__).parent / "sample_site" / "sources.toml"


class RegistryError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    source_id: str
    name: str
    province: str | None
    kind: str
    platform: str
    start_urls: tuple[str, ...]
    allowed_domains: tuple[str, ...]
    verified: bool = False
    max_pages: int | None = None
    notes: str | None = None
    # where ``province`` comes from: ``registry`` (an entry's own, or the entry of a known host for a
    # --start-url), None where nothing says (the warehouse then infers it from the articles)
    province_basis: str | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def _fail(path, idx, sid, fld, msg):
    where = f"entry {idx}" + (f" ({sid!r})" if sid else "")
    raise RegistryError(f"{path}: {where}, field '{fld}': {msg}")


def load_registry(path: str | Path = DEFAULT_REGISTRY) -> list[Source]:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RegistryError(f"{path}: sources file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise RegistryError(f"{path}: not UTF-8 text") from None
    entries = data.get("source")
    if not isinstance(entries, list) or not entries:
        raise RegistryError(f"{path}: expected one or more [[source]] entries")
    out, seen = [], set()
    for i, e in enumerate(entries, 1):
        sid = e.get("id") if isinstance(e.get("id"), str) else None
        for fld in ("id", "name", "kind", "platform"):
            if not isinstance(e.get(fld), str) or not e.get(fld).strip():
                _fail(path, i, sid, fld, "missing or not a non-empty string")
        if sid in seen:
            _fail(path, i, sid, "id", "duplicate id")
        seen.add(sid)
        if e["kind"] not in KINDS:
            _fail(path, i, sid, "kind", f"{e['kind']!r} is not one of {', '.join(KINDS)}")
        if e["platform"] not in PLATFORMS:
            _fail(path, i, sid, "platform", f"{e['platform']!r} is not one of {', '.join(PLATFORMS)}")
        urls = e.get("start_urls")
        if not isinstance(urls, list) or not urls or not all(isinstance(u, str) for u in urls):
            _fail(path, i, sid, "start_urls", "must be a non-empty list of URLs")
        for u in urls:
            parts = urlsplit(u)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                _fail(path, i, sid, "start_urls", f"{u!r} is not an http(s) URL")
        domains = e.get("allowed_domains") or sorted({urlsplit(u).hostname for u in urls})
        if not isinstance(domains, list) or not all(isinstance(d, str) and d for d in domains):
            _fail(path, i, sid, "allowed_domains", "must be a list of host names")
        province = e.get("province")
        if province is not None and not isinstance(province, str):
            _fail(path, i, sid, "province", "must be a string")
        verified = e.get("verified", False)
        if not isinstance(verified, bool):
            _fail(path, i, sid, "verified", "must be true or false")
        max_pages = e.get("max_pages")
        if max_pages is not None and (not isinstance(max_pages, int) or max_pages <= 0):
            _fail(path, i, sid, "max_pages", "must be a positive integer")
        out.append(Source(sid, e["name"], province, e["kind"], e["platform"], tuple(urls), tuple(domains),
                          verified, max_pages, e.get("notes"), "registry" if province else None))
    return out


def adhoc_sources(urls: list[str], known: list[Source] | None = None) -> list[Source]:
    """Sources for ``--start-url``: one per host and port, platform detected from the pages. A
    host the registry knows (``known``: by default the bundled registries) takes its entry's
    province and kind; another has none, and the warehouse infers it from what its articles say."""
    by_host: dict[str, list[str]] = {}
    for u in urls:
        parts = urlsplit(u)
        try:
            port = parts.port
        except ValueError:
            port = -1
        if parts.scheme not in ("http", "https") or not parts.hostname or port == -1:
            raise RegistryError(f"--start-url {u!r}: not an http(s) URL")
        host = parts.hostname.lower() + (f":{port}" if port and port not in (80, 443) else "")
        by_host.setdefault(host, []).append(u)
    out = []
    for h, us in by_host.items():
        entry = source_for_host(h.split(":")[0], known)
        province = entry.province if entry else None
        out.append(Source(f"adhoc:{h}", entry.name if entry else h, province, entry.kind if entry else "other", "auto",
                          tuple(us), (h,), province_basis="registry" if province else None))
    return out


def source_for_host(host: str | None, sources: list[Source] | None = None) -> Source | None:
    """The registry entry whose domains hold ``host`` (``www.`` and subdomains included)."""
    if not host:
        return None
    host = host.lower().removeprefix("www.")
    for s in sources if sources is not None else _all_known():
        if any(host == d.lower().removeprefix("www.") or host.endswith("." + d.lower().removeprefix("www."))
               for d in s.allowed_domains):
            return s
    return None


def province_for_host(host: str | None, sources: list[Source] | None = None) -> str | None:
    entry = source_for_host(host, sources)
    return entry.province if entry else None


@functools.lru_cache(maxsize=1)
def _all_known() -> tuple[Source, ...]:
    try:
        return tuple(load_registry(DEFAULT_REGISTRY) + load_registry(SAMPLE_REGISTRY))
    except RegistryError:
        return ()
