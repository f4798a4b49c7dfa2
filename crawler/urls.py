"""URL canonicalisation: one article, one URL.

NukeViet serves the same article under ``/print/``, ``/savefile/`` and ``/sendmail/``; ``http``
and ``https`` are the same page; tracking parameters go; paths keep their case (NukeViet slugs
and SharePoint ``/Pages/`` paths are case-sensitive on some servers).
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that do not change what a page shows: tracking tags, session ids (a site that puts
# them in its links would otherwise be stored again on every run), and the "where to go back"
# tails Liferay adds to every article link.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|zarsrc|zalo_\w+|_ga|mc_\w+|sid|sessionid|session_id|phpsessid|"
                       r"jsessionid|aspsessionid\w*|cfid|cftoken|s_id|token|redirect|inheritredirect|backurl|"
                       r"_\w+_redirect|_\w+_backurl|p_r_p_\d+_\w+)$", re.IGNORECASE)
_PATH_SESSION = re.compile(r";(?:jsessionid|sessionid|sid)=[^/?#]*", re.IGNORECASE)
_NUKEVIET_VARIANT = re.compile(r"/(print|savefile|sendmail)/", re.IGNORECASE)


def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme = "https" if parts.scheme in ("http", "https") else parts.scheme
    host = (parts.hostname or "").lower()
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = _NUKEVIET_VARIANT.sub("/", _PATH_SESSION.sub("", parts.path or "/"), count=1)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    return urlunsplit((scheme, host, path, query, ""))
