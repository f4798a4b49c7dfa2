"""Charts drawn on the server as inline SVG: no JavaScript, nothing fetched, readable on a phone
(they scale to the page's width). Every text that goes into a chart is escaped here.

- ``attention``: matching articles per month (Media Cloud's "attention over time"), every month
  from the first to the last drawn, the empty ones too;
- ``per_source``: matching articles per source, most first;
- ``levels``: a series' levels over its periods, counts from zero, a line only between two
  neighbouring school years that each have one agreed value (never across a missing period or a
  period whose reports disagree, whose values are drawn side by side as open points); every
  point is a link to its report's sentence;
- ``changes``: the reported changes as bars up (increase) or down (decrease) from zero, apart.
"""
from __future__ import annotations

import re

from markupsafe import Markup, escape

from . import labels

WIDTH = 640


def _nice_max(value: float) -> float:
    """A round number at or above ``value`` for the top of an axis."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = step * magnitude
        if top >= value:
            return float(top)
    return float(10 * magnitude)


def _svg(height: int, label: str, body: list[str]) -> Markup:
    return Markup(f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(label)}" '
                  f'xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>' + "".join(body) + "</svg>")


def _axis(left: int, top: int, bottom: int, right: int, y_max: float, unit: str | None, ticks: int = 4) -> list[str]:
    out = []
    for i in range(ticks + 1):
        value = y_max * i / ticks
        y = bottom - (bottom - top) * i / ticks
        out.append(f'<line class="grid" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                   f'{escape(labels.number(value, unit))}</text>')
    return out


def attention(months: list[tuple[str, int]], href) -> Markup:
    """Bars of matching articles per month; ``href(month)`` is each bar's link."""
    height, left, right, top, bottom = 200, 48, WIDTH - 8, 12, 170
    peak = max((n for _, n in months), default=0)
    y_max = _nice_max(peak)
    body = _axis(left, top, bottom, right, y_max, "count")
    width = (right - left) / max(1, len(months))
    for i, (month, n) in enumerate(months):
        x = left + i * width
        h = (bottom - top) * n / y_max
        label = f"tháng {month[5:7]}/{month[:4]}: {n} bài"
        if n:
            body.append(f'<a href="{escape(href(month))}"><rect class="bar" x="{x + width * 0.1:.1f}" '
                        f'y="{bottom - h:.1f}" width="{max(width * 0.8, 1):.1f}" height="{h:.1f}">'
                        f'<title>{escape(label)}</title></rect></a>')
        if month.endswith("-01") or i == 0:
            body.append(f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 5}"/>')
            body.append(f'<text class="tick" x="{x + 2:.1f}" y="{bottom + 18}">{escape(month[:4])}</text>')
    body.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>')
    return _svg(height, "Số bài phù hợp theo tháng", body)


def per_source(sources: list[tuple[str, int]], href, shown: int = 12) -> Markup:
    """Horizontal bars of matching articles per source (the ``shown`` largest, the rest as one)."""
    rows = list(sources[:shown])
    rest = sum(n for _, n in sources[shown:])
    if rest:
        rows.append((f"{len(sources) - shown} nguồn khác", rest))
    line, left, right = 22, 190, WIDTH - 60
    height = line * len(rows) + 8
    peak = max((n for _, n in rows), default=1) or 1
    body = []
    for i, (sid, n) in enumerate(rows):
        y = 4 + i * line
        w = (right - left) * n / peak
        name = sid if len(sid) <= 28 else sid[:27] + "…"
        bar = (f'<rect class="bar" x="{left}" y="{y + 3}" width="{max(w, 1):.1f}" height="{line - 8}">'
               f'<title>{escape(sid)}: {n} bài</title></rect>')
        if i < shown:
            bar = f'<a href="{escape(href(sid))}">{bar}</a>'
        body.append(f'<text class="tick" x="{left - 6}" y="{y + 15}" text-anchor="end">{escape(name)}</text>')
        body.append(bar)
        body.append(f'<text class="tick" x="{left + w + 4:.1f}" y="{y + 15}">{n}</text>')
    return _svg(height, "Số bài phù hợp theo nguồn", body)


def _school_year(period: str | None) -> int | None:
    m = re.fullmatch(r"(\d{4})-(\d{4})", period or "")
    return int(m.group(1)) if m and int(m.group(2)) == int(m.group(1)) + 1 else None


def _report_href(report: dict | None) -> str:
    return (report or {}).get("href") or "#"


def levels(periods: list[dict], metric_label: str, unit: str | None) -> Markup:
    """The levels of a series: one point per period with an agreed value, open points side by
    side for a period whose reports disagree; each point links to its report."""
    drawn = [p for p in periods if p["period"]]
    height, left, right, top, bottom = 280, 78, WIDTH - 12, 24, 230
    peak = max((pt["value"] for p in drawn for pt in p["points"]), default=0)
    y_max = _nice_max(peak * 1.05)
    body = _axis(left, top, bottom, right, y_max, unit)
    body.append(f'<text class="axis-label" x="{left}" y="{top - 10}">{escape(metric_label)}'
                f'{escape(" (" + labels.UNITS.get(unit, unit) + ")") if labels.UNITS.get(unit, unit) else ""}</text>')
    step = (right - left) / max(1, len(drawn))

    def y_of(value):
        return bottom - (bottom - top) * max(value, 0) / y_max

    previous = None
    for i, p in enumerate(drawn):
        x = left + step * (i + 0.5)
        body.append(f'<text class="tick" x="{x:.1f}" y="{bottom + 18}" text-anchor="middle">{escape(p["period"])}</text>')
        if p["value"] is not None and not p["disagree"]:
            y = y_of(p["value"])
            year = _school_year(p["period"])
            if previous is not None and year is not None and previous[0] is not None and year == previous[0] + 1:
                body.append(f'<line class="series-line" x1="{previous[1]:.1f}" y1="{previous[2]:.1f}" '
                            f'x2="{x:.1f}" y2="{y:.1f}"/>')
            report = p["points"][0] if p["points"] else None
            point = (f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="6"><title>{escape(p["period"])}: '
                     f'{escape(labels.number(p["value"], unit))} ({p["reports_count"]} báo cáo)</title></circle>'
                     f'<text class="value" x="{x:.1f}" y="{y - 11:.1f}" text-anchor="middle">'
                     f'{escape(labels.number(p["value"], unit))}</text>')
            body.append(f'<a class="point-link" href="{escape(_report_href(report))}">{point}</a>' if report else point)
            previous = (year, x, y)
        else:
            previous = None
            points = sorted(p["points"], key=lambda pt: pt["value"])
            spread = min(step * 0.7, 14 * max(1, len(points)))
            for j, report in enumerate(points):
                value = report["value"]
                vx = x - spread / 2 + spread * (j + 0.5) / max(1, len(points))
                point = (f'<circle class="point open" cx="{vx:.1f}" cy="{y_of(value):.1f}" r="5"><title>'
                         f'{escape(p["period"])}: {escape(labels.number(value, unit))} (các báo cáo khác nhau)'
                         f'</title></circle>')
                body.append(f'<a class="point-link" href="{escape(_report_href(report))}">{point}</a>'
                            if report else point)
    body.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>')
    return _svg(height, f"{metric_label}: số liệu tổng theo năm học", body)


def changes(periods: list[dict], metric_label: str, unit: str | None) -> Markup:
    """Reported changes as bars from zero: up for an increase, down for a decrease, labelled
    with their sign; each bar links to its report."""
    drawn = [(p, pt) for p in periods if p["period"] for pt in p["points"]][:60]
    ups = any(pt["value"] > 0 for _, pt in drawn)
    downs = any(pt["value"] < 0 for _, pt in drawn)
    span = 150 if ups and downs else 90
    top = 18
    mid = top + (span / 2 if ups and downs else (span if ups else 0))
    bottom = top + span
    height = bottom + 34
    left, right = 78, WIDTH - 12
    peak = max((abs(pt["value"]) for _, pt in drawn), default=1) or 1
    scale = (span / 2 if ups and downs else span) / _nice_max(peak)
    step = (right - left) / max(1, len(drawn))
    width = min(step * 0.6, 48)
    body = [f'<line class="axis" x1="{left}" x2="{right}" y1="{mid}" y2="{mid}"/>',
            f'<text class="tick" x="{left - 6}" y="{mid + 4}" text-anchor="end">0</text>']
    for i, (p, report) in enumerate(drawn):
        value = report["value"]
        centre = left + step * (i + 0.5)
        h = abs(value) * scale
        y = mid - h if value >= 0 else mid
        cls = "bar up" if value >= 0 else "bar down"
        text = labels.number(value, unit, signed=True)
        bar = (f'<rect class="{cls}" x="{centre - width / 2:.1f}" y="{y:.1f}" width="{width:.1f}" height="{max(h, 1):.1f}">'
               f'<title>{escape(p["period"])}: {escape(text)}</title></rect>')
        body.append(f'<a href="{escape(_report_href(report))}">{bar}</a>')
        ty = y - 4 if value >= 0 else y + h + 14
        body.append(f'<text class="value" x="{centre:.1f}" y="{ty:.1f}" text-anchor="middle">{escape(text)}</text>')
        body.append(f'<text class="tick" x="{centre:.1f}" y="{height - 4}" text-anchor="middle">{escape(p["period"])}</text>')
    return _svg(height, f"{metric_label}: thay đổi được báo cáo", body)
