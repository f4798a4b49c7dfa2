"""The interface's words: Vietnamese labels for the warehouse's keys (metrics, kinds, units, date
types), and numbers and dates written the Vietnamese way."""
from __future__ import annotations

import datetime as dt
import math

METRICS = {
    "institutions": "Trường, trung tâm (cơ sở giáo dục)",
    "school_sites": "Điểm trường",
    "classes": "Lớp học",
    "classrooms": "Phòng học",
    "students": "Học sinh, sinh viên",
    "candidates": "Thí sinh",
    "teachers": "Giáo viên",
    "managers": "Cán bộ quản lý",
    "staff": "Cán bộ, giáo viên, nhân viên",
    "awards": "Giải thưởng",
    "budget": "Kinh phí",
}
KINDS = {
    "level": "tổng số",
    "change": "thay đổi",
    "intake": "tuyển mới",
    "need": "thiếu / cần",
    "target": "chỉ tiêu",
    "result": "kết quả",
    "rate": "tỷ lệ",
    "amount": "số tiền / khối lượng",
}
UNITS = {"count": "", "percent": "%", "vnd": "đồng"}
QUALIFIERS = {"exact": "", "over": "hơn", "under": "dưới", "about": "khoảng", "nearly": "gần"}
CHANGES = {"increase": "tăng", "decrease": "giảm"}
DATE_TYPES = {
    "date": "ngày", "month": "tháng", "quarter": "quý", "half_year": "nửa năm", "semester": "học kỳ",
    "school_year": "năm học", "year": "năm", "range": "khoảng thời gian",
}
PROVINCE_BASIS = {
    "sentence": "tỉnh nêu trong câu", "title": "tỉnh nêu trong tiêu đề", "source": "tỉnh của nguồn",
    "dateline": "tỉnh ở đầu bài", "source_inferred": "tỉnh suy ra từ các bài của nguồn",
}


def metric(key) -> str:
    return METRICS.get(key, key or "—")


def kind(key) -> str:
    return KINDS.get(key, key or "—")


def number(value, unit: str | None = None, signed: bool = False) -> str:
    """``7300`` -> ``7.300``, ``99.82`` -> ``99,82`` (as the reports write them), a decrease with
    its minus sign (``−21``), a percentage with ``%``; ``—`` for no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    value = float(value)
    text = f"{abs(value):,.0f}" if value.is_integer() else f"{abs(value):,.2f}".rstrip("0")
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    sign = "−" if value < 0 else ("+" if signed and value > 0 else "")
    suffix = UNITS.get(unit or "count", f" {unit}")
    if suffix and suffix != "%":
        suffix = " " + suffix.strip()
    return sign + text + suffix


def day(value) -> str:
    """A date as ``25/02/2021``; empty for none."""
    if value is None or value != value:  # NaT / NaN
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    return f"{value.day:02d}/{value.month:02d}/{value.year}"
