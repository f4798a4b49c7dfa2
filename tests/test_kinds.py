"""What sort of number a figure is (contract section 1, `kind`), decided by the NLP stage from its
sentence: one rule class a test, with sentences of our own; and the accuracy on the development
gold's matched figures."""
import re

import pytest


def kinds(extract, text, **kw):
    return [(f["value"], f["kind"]) for f in extract(text, **kw)["figures"]]


@pytest.mark.parametrize("text, expected", [
    # levels: a stock at a time
    ("Năm học 2023-2024, huyện có 45 trường với hơn 12.000 học sinh.", [(45.0, "level"), (12000.0, "level")]),
    # changes: the figure has a change word
    ("So với năm học trước, toàn ngành giảm 21 cơ sở giáo dục.", [(21.0, "change")]),
    # intake: entrants, one grade's enrolment
    ("Năm nay toàn tỉnh tuyển mới 12.300 học sinh lớp 10.", [(12300.0, "intake")]),
    ("Huyện huy động 2.100 trẻ vào lớp 1.", [(2100.0, "intake")]),
    ("Trường đón 450 học sinh lớp 6 nhập học.", [(450.0, "intake")]),
    # need: shortages, surpluses, requirements
    ("Đầu năm học, ngành còn thiếu 700 giáo viên mầm non.", [(700.0, "need")]),
    ("Sau sáp nhập, huyện có 35 giáo viên dôi dư.", [(35.0, "need")]),
    # target: a plan or a goal, also a percentage or money planned
    ("Tỉnh phấn đấu đến năm 2030 có 80% trường đạt chuẩn quốc gia.", [(80.0, "target")]),
    ("Theo kế hoạch, đến năm 2027 toàn tỉnh có 520 trường.", [(520.0, "target")]),
    ("Mục tiêu của huyện là 12 trường đạt chuẩn mức độ 2.", [(12.0, "target")]),
    # a plan met is no plan
    ("Huyện đã hoàn thành kế hoạch với 30 trường đạt chuẩn.", [(30.0, "level")]),
    # results of exams and contests, awards
    ("Tại kỳ thi chọn học sinh giỏi cấp tỉnh, 168 học sinh đạt giải.", [(168.0, "result")]),
    ("Đoàn học sinh của tỉnh giành 12 huy chương vàng.", [(12.0, "result")]),
    ("UBND huyện khen thưởng 31 tập thể và 54 cá nhân.", [(31.0, "result"), (54.0, "result")]),
    ("Kỳ thi năm nay có 1.250 thí sinh đỗ tốt nghiệp.", [(1250.0, "result")]),
    # rates and amounts
    ("Tỷ lệ tốt nghiệp THPT đạt 98,5%.", [(98.5, "rate")]),
    ("Bình quân 31,6 học sinh/lớp.", [(31.6, "rate")]),
    ("Tổng kinh phí đầu tư 15 tỷ đồng.", [(15e9, "amount")]),
])
def test_kind_of_a_figure(extract, text, expected):
    assert kinds(extract, text) == expected


def test_a_level_cue_ends_the_reach_of_an_earlier_one(extract):
    assert kinds(extract, "Toàn tỉnh thiếu 700 giáo viên, trong khi có 9.000 giáo viên đang công tác.") == [
        (700.0, "need"), (9000.0, "level")]


def test_a_shortage_list_keeps_its_cue(extract):
    assert kinds(extract, "Bậc mầm non thiếu 529 giáo viên, 191 nhân viên.") == [(529.0, "need"), (191.0, "need")]


def test_the_parts_of_a_figure_take_its_kind(extract):
    assert kinds(extract, "Năm nay trường tuyển mới 500 học sinh, trong đó có 200 học sinh dân tộc thiểu số.") == [
        (500.0, "intake"), (200.0, "intake")]
    assert kinds(extract, "Toàn tỉnh có 650 trường, trong đó 200 trường mầm non.") == [
        (650.0, "level"), (200.0, "level")]


def test_the_first_cue_after_the_number_decides(extract):
    """Candidates registered for an entrance exam are a level (the exam's size), not an intake."""
    assert kinds(extract, "Toàn tỉnh có 36.192 thí sinh đăng ký dự thi tuyển sinh vào lớp 10.") == [
        (36192.0, "level")]


def test_a_list_after_a_colon_keeps_the_head_s_cue(extract):
    text = "Ban tổ chức khen thưởng: 12 học sinh đạt huy chương; 30 học sinh có điểm cao nhất."
    assert kinds(extract, text) == [(12.0, "result"), (30.0, "result")]


def test_youth_words_are_no_shortage(extract):
    assert kinds(extract, "Nhà Thiếu nhi tỉnh có 12 câu lạc bộ năng khiếu.") == [(12.0, "level")]


def test_a_forecast_of_enrolment_is_the_level_of_its_year(extract):
    """The development gold's annotators read `dự kiến có` (expected at the start of a school year) as
    the year's level; `kinds.tsv` follows them."""
    assert kinds(extract, "Năm học mới, thành phố dự kiến có 1,6 triệu học sinh.") == [(1.6e6, "level")]


def test_kind_accuracy_on_the_development_gold(cli):
    from conftest import ROOT

    out = cli("evaluate", ROOT / "tests" / "data" / "real" / "dev.gold.jsonl", "-q").stdout
    ok, total = map(int, re.search(r"kind=(\d+)/(\d+)", out).groups())
    assert total >= 300 and ok / total >= 0.92, out
