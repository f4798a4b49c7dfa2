"""Publication dates as the platforms print them. The visible date is the one to trust:
NukeViet's RSS pubDate puts the month where the minutes go and its ``article:published_time``
is not ISO (``2021-09-05+0723:13:00``). Written by hand because these formats are the portals'
own; htmldate is the fallback for layouts no adapter knows."""
from __future__ import annotations

import re

_DMY = re.compile(r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})(?:\s*[,|-]?\s*(?P<H>\d{1,2})\s*[:h]\s*(?P<M>\d{2}))?")
_YMD = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2}))?")


def parse_visible_date(text: str | None) -> str | None:
    """``Chủ nhật - 05/09/2021 23:13`` -> ``2021-09-05T23:13``; ``Update 25 - 02 - 2021`` -> ``2021-02-25``."""
    if not text:
        return None
    for rx in (_DMY, _YMD):
        m = rx.search(text)
        if not m:
            continue
        d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if not (1 <= mo <= 12 and 1 <= d <= 31 and 1990 <= y <= 2100):
            continue
        out = f"{y:04d}-{mo:02d}-{d:02d}"
        if m.group("H"):
            out += f"T{int(m.group('H')):02d}:{m.group('M')}"
        return out
    return None
