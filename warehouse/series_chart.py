"""Charts of a series (``queries.series``) that say what they show: the metric and its unit on the
y-axis, a zero baseline for counts and money, the kind of figure in the title, levels and changes
only together with a legend (changes as bars on their own axis), the merger of 1 July 2025 marked
where a re-formed province's series crosses it, periods whose reports disagree drawn as hollow
markers (each report), and a caption naming the sources. A series with no number to draw is an
error (:class:`NothingToPlot`), never an empty chart.

Built on ``matplotlib.figure.Figure`` without pyplot, so that drawing a chart never switches the
backend of the process that asks (a notebook keeps showing its charts inline).
"""
from __future__ import annotations

import re

import pandas as pd

METRIC_LABELS = {
    "institutions": "schools and centres", "school_sites": "school sites", "classes": "classes",
    "classrooms": "classrooms", "students": "students", "candidates": "exam candidates", "teachers": "teachers",
    "managers": "managers", "staff": "staff", "awards": "awards", "budget": "money",
}
KIND_LABELS = {
    "level": "levels (totals reported for the period)",
    "change": "reported changes (+ increase, − decrease)",
    "intake": "intake (entrants, one grade's enrolment)",
    "need": "shortages and needs",
    "target": "targets and plans",
    "result": "results (exams, contests, awards)",
    "rate": "rates",
    "amount": "amounts",
}
KIND_SHORT = {"level": "levels", "change": "changes", "intake": "intake", "need": "shortages/needs",
              "target": "targets", "result": "results", "rate": "rates", "amount": "amounts"}


class NothingToPlot(ValueError):
    """The series has no number to draw (no report, or none with a value)."""


def _unit_label(unit: str, metric: str | None) -> str:
    what = METRIC_LABELS.get(metric or "", metric or "value")
    if unit == "count":
        return f"number of {what}"
    if unit == "vnd":
        return f"{what} (VND)"
    if unit == "percent":
        return f"{what} (%)"
    return f"{what} ({unit})"


_SHOWN = re.compile(r"^(?P<sign>[+-]?)[><~≈]?(?P<number>[\d.]+(?:,\d+)?)%?$")


def report_values(reported: str) -> list[float]:
    """The numbers of a period's ``reported`` column (``>7.300 | 7.250``, ``-21``)."""
    out = []
    for part in (reported or "").split(" | "):
        m = _SHOWN.match(part.strip())
        if m:
            value = float(m.group("number").replace(".", "").replace(",", "."))
            out.append(-value if m.group("sign") == "-" else value)
    return out


def _fmt(value: float) -> str:
    if value == round(value):
        return f"{value:,.0f}".replace(",", ".")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def _sources_caption(frame: pd.DataFrame, limit: int = 4) -> str:
    seen: dict[str, None] = {}
    for cell in frame["sources"].dropna():
        for part in str(cell).split(" | "):
            seen.setdefault(part.split(" (")[0].strip(), None)
    names = list(seen)
    shown = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return f"Sources: {shown or 'none'}."


def _values_of(part: pd.DataFrame) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """(agreed values, values of the reports of periods whose reports disagree) of some rows."""
    column = "reported" if "reported" in part else "parts"
    agreed, disputed = [], []
    for period, value, reported in zip(part["period"], part["value"], part[column]):
        if pd.notna(value):
            agreed.append((period, float(value)))
        else:
            disputed += [(period, v) for v in report_values(reported)]
    return agreed, disputed


def series_figure(frame: pd.DataFrame, *, title: str | None = None, province: str | None = None,
                  metric: str | None = None):
    """A ``matplotlib.figure.Figure`` of a series frame (with its ``attrs`` as ``queries.series``
    sets them); raises :class:`NothingToPlot` when there is no number to draw. Levels (and other
    stocks) are lines on a zero-based axis; reported changes are bars around a zero line, in a
    panel of their own when levels are drawn too."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    attrs = frame.attrs
    province = province or attrs.get("province") or "?"
    metric = metric or attrs.get("metric")
    as_of = attrs.get("as_of")
    asked = list(attrs.get("kinds") or dict.fromkeys(frame["kind"]))
    wanted = " and ".join(KIND_SHORT.get(k, k) for k in asked)
    undated = frame[frame["period"].isna()]
    data = frame[frame["period"].notna()]
    agreed, disputed = _values_of(data) if len(data) else ([], [])
    if not agreed and not disputed:
        raise NothingToPlot(f"nothing to plot: no {wanted} of {metric} with a number for {province}"
                            + (f" ({len(undated)} without a period)" if len(undated) else ""))
    units = sorted(set(data["unit"]))
    if len(units) > 1:
        raise NothingToPlot(f"nothing to plot on one axis: the series has values in {', '.join(units)}; "
                            "ask for one kind at a time (--kind)")
    unit = units[0]
    periods = sorted(set(data["period"]))
    x_of = {p: i for i, p in enumerate(periods)}
    kinds = [k for k in dict.fromkeys(data["kind"])]
    stock_kinds = [k for k in kinds if k != "change"]
    panels = (["stock"] if stock_kinds else []) + (["change"] if "change" in kinds else [])

    fig = Figure(figsize=(8, 4.4 if len(panels) == 1 else 6.6))
    FigureCanvasAgg(fig)
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    for ax, panel in zip(axes, panels):
        handles = []
        if panel == "stock":
            for kind in stock_kinds:
                part = data[data["kind"] == kind]
                good, bad = _values_of(part)
                color = None
                for run, label, side in _runs(good, x_of, province, as_of, KIND_SHORT.get(kind, kind)):
                    after = side == "after"
                    (line,) = ax.plot([x for x, _ in run], [v for _, v in run], marker="s" if after else "o",
                                      color="tab:purple" if after else color, label=label)
                    if not after:
                        color = color or line.get_color()
                    if label:
                        handles.append(line)
                for p, v in good:
                    ax.annotate(_fmt(v), (x_of[p], v), textcoords="offset points", xytext=(0, 6), ha="center",
                                fontsize=8)
                if bad:
                    handles.append(ax.scatter([x_of[p] for p, _ in bad], [v for _, v in bad], facecolors="none",
                                              edgecolors=color or "tab:blue",
                                              label=f"{KIND_SHORT.get(kind, kind)}: reports that disagree"))
                if as_of and "parts" in part:
                    handles += _plot_parts(ax, part, x_of)
            ax.set_ylabel(_unit_label(unit, metric))
            values = [v for k in stock_kinds for _, v in sum(_values_of(data[data["kind"] == k]), [])]
            top = max(values + [0.0])
            ax.set_ylim(min(values + [0.0]), top * 1.12 if top > 0 else 1)  # counts start at zero
            ax.set_title(KIND_LABELS.get(stock_kinds[0], stock_kinds[0]) if len(stock_kinds) == 1
                         else " and ".join(KIND_SHORT.get(k, k) for k in stock_kinds), fontsize=9)
        else:
            good, bad = _values_of(data[data["kind"] == "change"])
            values = good + bad
            xs, vs = [x_of[p] for p, _ in values], [v for _, v in values]
            handles.append(ax.bar(xs, vs, width=0.4, color=["tab:green" if v >= 0 else "tab:red" for v in vs],
                                  alpha=0.7, label="reported changes (green +, red −)"))
            for x, v in zip(xs, vs):
                ax.annotate(("+" if v > 0 else "−" if v < 0 else "") + _fmt(abs(v)), (x, v), textcoords="offset points",
                            xytext=(0, 4 if v >= 0 else -11), ha="center", fontsize=8)
            ax.axhline(0, color="grey", linewidth=0.8)
            reach = max([abs(v) for v in vs] + [1.0]) * 1.3  # room for the labels; zero always shown
            ax.set_ylim(-reach if min(vs) < 0 else -reach * 0.1, reach if max(vs) > 0 else reach * 0.1)
            ax.set_ylabel("change in " + _unit_label(unit, metric), fontsize=9)
            ax.set_title(KIND_LABELS["change"], fontsize=9)
        ax.grid(alpha=0.3)
        if len(handles) > 1 or len(panels) > 1:
            ax.legend(handles=handles, loc="best", fontsize=8)
        _mark_merger(ax, province, periods, x_of)
    last = axes[-1]
    last.set_xticks(range(len(periods)))
    last.set_xticklabels(periods, rotation=30 if len(periods) > 6 else 0, ha="right" if len(periods) > 6 else "center")
    last.set_xlabel("period (school year or date reported)")
    last.set_xlim(-0.6, len(periods) - 0.4)
    where = f"{province} as of 2025" if as_of else province
    fig.suptitle(title or f"{where}: {METRIC_LABELS.get(metric or '', metric)} — {wanted}", fontsize=11)
    caption = _sources_caption(frame)
    if len(undated):
        caption += f" {len(undated)} row(s) without a period not drawn."
    caption += " Each point is the value every report of the period gives; none is averaged."
    if as_of and frame["value"].isna().any():
        caption += " A period with no total: not added up (a constituent missing or disagreeing; see the table)."
    fig.text(0.01, 0.01, caption, fontsize=7, wrap=True, va="bottom")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def _runs(points, x_of, province, as_of, label):
    """The lines to draw through a series' agreed values: never across a period with no value (no
    line suggests a number nobody reported), nor, for a province the merger re-formed, across
    1 July 2025 when the series is of the name as reported (two territories). Yields (points,
    label): the first run of each territory carries the legend label."""
    from nlp.context import era, provinces_table, reformed

    row = provinces_table().get(province)
    split = not as_of and row is not None and (reformed(row.province_2025) and row.province_2025 == province)
    runs, current = [], []
    for p, v in sorted(points, key=lambda pv: x_of[pv[0]]):
        x = x_of[p]
        new_side = split and current and era(current[-1][2]) != era(p)
        if current and (x != current[-1][0] + 1 or new_side):
            runs.append(current)
            current = []
        current.append((x, v, p))
    if current:
        runs.append(current)
    labelled = set()
    for run in runs:
        side = era(run[0][2]) if split else None
        if split:
            name = f"{label}: {province} {'after' if side == 'after' else 'before'} the merger"
        else:
            name = f"{label}: {province} in its 2025 borders" if as_of else label
        yield [(x, v) for x, v, _ in run], (name if name not in labelled else None), side
        labelled.add(name)


def _plot_parts(ax, part: pd.DataFrame, x_of) -> list:
    """The constituents' own values before the merger (``parts``: ``Tây Ninh: 400; Long An: 520``)
    as dotted lines."""
    from nlp.context import era

    by_member: dict[str, list[tuple[int, float]]] = {}
    for period, parts in zip(part["period"], part["parts"]):
        if era(period) != "before":  # after the merger the parts are the merged province itself
            continue
        for piece in str(parts or "").split("; "):
            name, _, reported = piece.partition(": ")
            values = report_values(reported)
            if name and len(values) == 1:
                by_member.setdefault(name, []).append((x_of[period], values[0]))
    handles = []
    for name, points in sorted(by_member.items()):
        points.sort()
        (line,) = ax.plot([x for x, _ in points], [v for _, v in points], linestyle=":", marker=".", alpha=0.8,
                          label=f"{name} as reported")
        handles.append(line)
    return handles


def _mark_merger(ax, province: str, periods: list[str], x_of: dict) -> None:
    """A dashed line at 1 July 2025 where the series of a province the merger changed crosses it."""
    from nlp.context import era, provinces_table, reformed

    row = provinces_table().get(province.split(" + ")[0])
    before = [x_of[p] for p in periods if era(p) == "before"]
    after = [x_of[p] for p in periods if era(p) == "after"]
    if row is None or not before or not after:
        return
    if not (reformed(row.province_2025) or row.province_2025 != row.name):
        return
    x = max(before) + 0.5
    ax.axvline(x, color="black", linestyle="--", linewidth=1)
    ax.annotate("1 Jul 2025: provinces merged", (x, 0), xycoords=("data", "axes fraction"), xytext=(4, 4),
                textcoords="offset points", fontsize=8)


def png_bytes(figure, dpi: int = 100) -> bytes:
    """A chart as PNG bytes (``IPython.display.Image(png_bytes(fig))`` shows it in a notebook
    whatever matplotlib backend the kernel has)."""
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
