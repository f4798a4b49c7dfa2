"""Dates (contract sections 3 and 5.3): one test per rule, on sentences written for the purpose."""
import pytest


def dates(rec):
    return [(d["type"], d["value"]) for d in rec["dates"]]


def spans(rec):
    return [d["text"] for d in rec["dates"]]


# -- ranges ------------------------------------------------------------------------------------

@pytest.mark.parametrize("written", ["(15/10/1975 - 15/10/2025)", "(15/10/1975-15/10/2025)", "(15/10/1975 – 15/10/2025)"])
def test_two_full_dates_joined_by_a_dash_are_one_range(extract, written):
    r = extract(f"Trường kỷ niệm 50 năm thành lập {written} trong không khí trang trọng.")
    assert dates(r) == [("range", "1975-10-15/2025-10-15")]
    assert spans(r) == [written.strip("()")]


def test_a_full_date_then_a_dash_and_a_number_is_not_a_range(extract):
    assert dates(extract("Ngày 12/3/2021 - 45 đơn vị tham gia.")) == [("date", "2021-03-12")]


def test_compact_day_range_shares_month_and_year_and_starts_at_ngay(extract):
    r = extract("Hội khỏe Phù Đổng diễn ra từ ngày 14-18/4/2024 tại sân vận động tỉnh.")
    assert dates(r) == [("range", "2024-04-14/2024-04-18")]
    assert spans(r) == ["ngày 14-18/4/2024"]


def test_compact_day_range_without_year_and_with_words(extract):
    r = extract("Lớp tập huấn mở ngày 7 đến 9/9 và ngày 20/2-5/3.", published="2023-03-10")
    assert dates(r) == [("range", "2022-09-07/2022-09-09"), ("range", "2023-02-20/2023-03-05")]


def test_compact_range_alone_in_brackets(extract):
    r = extract("Trong hai ngày thi (3 - 4.6), không có thí sinh vi phạm.", published="2021-06-08")
    assert dates(r) == [("range", "2021-06-03/2021-06-04")]
    assert spans(r) == ["3 - 4.6"]


def test_days_from_tu_to_den_without_ngay(extract):
    r = extract("Học sinh nghỉ từ 5/2 đến 9/2 để phòng dịch.", published="2021-02-20")
    assert dates(r) == [("range", "2021-02-05/2021-02-09")]


def test_plan_years_and_a_span_of_years_are_ranges(extract):
    r = extract("Chương trình hành động 10 năm 2021-2030 và kế hoạch năm 2021 - 2025 của tỉnh.")
    assert dates(r) == [("range", "2021/2030"), ("range", "2021/2025")]
    assert spans(r)[0] == "10 năm 2021-2030"


def test_month_ranges_compact_and_with_tu(extract):
    r = extract("Đợt kiểm tra kéo dài tháng 10 - 11/2023; từ tháng 3 đến tháng 5 năm 2024 tập huấn.")
    assert dates(r) == [("range", "2023-10/2023-11"), ("range", "2024-03/2024-05")]


# -- days with their cues --------------------------------------------------------------------

@pytest.mark.parametrize("written,pod", [("Sáng thứ Tư, ngày 6/9/2023", "sáng"), ("Thứ Tư (6/9/2023)", None),
                                         ("Thứ 4, 6/9/2023", None), ("chiều Chủ nhật 6/9/2023", "chiều")])
def test_dates_with_a_weekday(extract, written, pod):
    r = extract(f"{written}, học sinh toàn huyện dự lễ chào cờ.")
    assert dates(r) == [("date", "2023-09-06")]
    assert (spans(r)[0], r["dates"][0]["part_of_day"]) == (written, pod)


def test_weekday_gives_the_cue_to_a_day_without_year(extract):
    assert dates(extract("Thứ Bảy (14/10), đoàn về thăm trường.", published="2023-10-16")) == [("date", "2023-10-14")]


@pytest.mark.parametrize("written,value,pod", [
    ("Chiều nay 22/3", "2024-03-22", "chiều"), ("Sáng mai (23/3)", "2024-03-23", "sáng"),
    ("Tối nay, 22/3", "2024-03-22", "tối"), ("ngày mai 23/3", "2024-03-23", None),
    ("sáng hôm qua (21/3)", "2024-03-21", "sáng"), ("Chiều hôm 21/3", "2024-03-21", "chiều")])
def test_relative_phrases_with_a_day_give_that_day(extract, written, value, pod):
    r = extract(f"{written}, hội đồng thi họp phiên toàn thể.", published="2024-03-22")
    assert dates(r) == [("date", value)]
    assert (spans(r)[0], r["dates"][0]["part_of_day"]) == (written, pod)


def test_today_with_a_full_date_is_a_date_not_a_number(extract):
    r = extract("Hôm nay 8.4.2022, trường đón đoàn kiểm tra với 25 giáo viên.")
    assert dates(r) == [("date", "2022-04-08")]
    assert spans(r) == ["8.4.2022"]
    assert [f["value"] for f in r["figures"]] == [25.0]


def test_relative_phrases_without_a_day_give_nothing(extract):
    r = extract("Hôm qua, năm ngoái, tuần tới và cùng kỳ năm ngoái, năm học trước đó, lúc 14 giờ 30 phút.")
    assert r["dates"] == []


@pytest.mark.parametrize("phrase,pod", [("Chiều tối 5/9", "chiều"), ("Rạng sáng 5/9", "sáng"), ("Sáng sớm 5/9", "sáng")])
def test_compound_parts_of_day(extract, phrase, pod):
    (d,) = extract(f"{phrase}, mưa lớn.", published="2023-09-06")["dates"]
    assert (d["text"], d["value"], d["part_of_day"]) == (phrase, "2023-09-05", pod)


def test_a_second_day_of_a_list(extract):
    r = extract("Học sinh được nghỉ ngày 30/4 và 1/5.", published="2023-04-25")
    assert dates(r) == [("date", "2023-04-30"), ("date", "2023-05-01")]


def test_a_day_after_a_time_of_day(extract):
    r = extract("Đúng 7 giờ 30 phút, 5/9, lễ khai giảng bắt đầu; 15:00 06/9 tan lễ.", published="2023-09-06")
    assert dates(r) == [("date", "2023-09-05"), ("date", "2023-09-06")]


def test_a_day_leading_a_paragraph(extract):
    r = extract("(Báo Tỉnh) - 12/3, Sở GD&ĐT tổ chức hội nghị.\n14/3, các trường triển khai.", published="2024-03-15")
    assert dates(r) == [("date", "2024-03-12"), ("date", "2024-03-14")]


@pytest.mark.parametrize("sentence", ["Số xã đạt chuẩn mức độ 2: 4/8, tỷ lệ 50%.", "Tiểu học: 9/9, đạt 100%.",
                                      "- 6/7 trường có thư viện đạt chuẩn."])
def test_shares_after_a_colon_or_a_dash_are_not_days(extract, sentence):
    assert extract(sentence, published="2023-09-06")["dates"] == []


def test_days_of_one_month_in_a_list(extract):
    r = extract("Hội thi diễn ra các ngày 8, 9 và 10/11 tại nhà văn hóa huyện.", published="2023-11-12")
    assert dates(r) == [("date", "2023-11-08"), ("date", "2023-11-09"), ("date", "2023-11-10")]
    assert spans(r) == ["ngày 8", "9", "10/11"]


@pytest.mark.parametrize("written,span", [("Mùng 2/9", "Mùng 2/9"), ("vào 2/9", "2/9"), ("trước 2/9", "2/9"),
                                          ("Hôm 2/9", "2/9"), ("đến hết 2/9", "2/9")])
def test_cue_words_before_a_bare_day(extract, written, span):
    r = extract(f"Theo kế hoạch, {written} các trường hoàn thành việc tựu trường.", published="2023-09-10")
    assert dates(r) == [("date", "2023-09-02")]
    assert spans(r) == [span]


def test_a_cue_word_before_a_share_of_counted_things(extract):
    assert extract("Dự án đưa vào sử dụng, đưa vào 3/4 trường học, vào 2/3 số lớp.", published="2023-09-10")["dates"] == []
    assert dates(extract("Lễ diễn ra vào 2/9 trên cả nước.", published="2023-09-10")) == [("date", "2023-09-02")]


# -- holidays ----------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Nhân Ngày Khuyến học Việt Nam 2/10, hội trao 50 suất học bổng.",
    "Chào mừng Ngày Khuyến học Việt Nam (2/10), hội trao 50 suất học bổng.",
    "Nhân dịp 2/10, hội trao 50 suất học bổng.",
    "Chào mừng 80 năm Cách mạng Tháng Tám và Quốc khánh 2/10, hội trao 50 suất học bổng."])
def test_holiday_day_month_is_a_date_span_the_day_month(extract, sentence):
    r = extract(sentence, published="2022-10-01")
    assert dates(r) == [("date", "2022-10-02")]
    assert spans(r) == ["2/10"]


def test_holiday_with_a_long_name_and_dashes(extract):
    r = extract("Hưởng ứng Ngày truyền thống học sinh - sinh viên Việt Nam 9-1, đoàn trường ra quân.", published="2024-01-10")
    assert dates(r) == [("date", "2024-01-09")]


def test_holiday_without_a_day_gives_none(extract):
    assert extract("Kỷ niệm 30 năm Ngày Khuyến học Việt Nam, hội trao quà.")["dates"] == []


@pytest.mark.parametrize("sentence", ["Toàn tỉnh đạt 100% (12/12) huyện.", "Ngày 5/9, 12/12 huyện tổ chức khai giảng.",
                                      "Có 3/4 trường đạt chuẩn."])
def test_shares_are_not_days(extract, sentence):
    assert all(d["text"] != "12/12" and d["text"] != "3/4" for d in extract(sentence, published="2023-09-06")["dates"])


# -- the year of a day or month without one ----------------------------------------------------

def test_31_day_rule_is_literal(extract):
    assert dates(extract("Sáng mai 4/10 khai mạc.", published="2022-10-03")) == [("date", "2022-10-04")]
    assert dates(extract("Dự kiến ngày 25/5 thi.", published="2020-04-10")) == [("date", "2019-05-25")]


def test_month_only_published_counts_as_its_last_day(extract):
    r = extract("Chiều nay (15/10), Sở tổ chức hội nghị; ngày 30/11 tổng kết; tháng 12 sơ kết.", published="2024-10")
    # 2024-10 counts as 2024-10-31: 30/11 and December 2024 are within 31 days of it
    assert dates(r) == [("date", "2024-10-15"), ("date", "2024-11-30"), ("month", "2024-12")]
    assert dates(extract("Tháng 12 sơ kết.", published="2024-10-01")) == [("month", "2023-12")]


def test_chain_latest_school_year_in_the_sentence(extract):
    r = extract("Chiều 20/10, Phòng GD&ĐT sơ kết năm học 2023 - 2024 và bàn nhiệm vụ năm học 2024 - 2025.")
    assert dates(r)[0] == ("date", "2024-10-20")


def test_chain_nearest_school_year_before_months_split_at_august(extract):
    r = extract("Năm học 2021-2022 có nhiều khó khăn. Ngày 3/2, học sinh trở lại trường. Ngày 9/9 khai giảng.")
    assert dates(r)[1:] == [("date", "2022-02-03"), ("date", "2021-09-09")]


def test_chain_year_of_a_document_number_before(extract):
    r = extract("Thực hiện Nghị quyết số 15/2023/NQ-HĐND của HĐND tỉnh.\nSáng 9/8, Sở họp bàn, hướng tới năm 2025.")
    assert dates(r) == [("date", "2023-08-09"), ("year", "2025")]


def test_chain_first_year_after_within_the_sentence(extract):
    r = extract("Chiều 2/4, Sở sơ kết quý I/2022 và triển khai nhiệm vụ năm 2023.")
    assert dates(r)[0] == ("date", "2022-04-02")


def test_chain_never_reads_the_title_or_later_sentences(extract):
    r = extract("Tối 6.8, lễ tuyên dương diễn ra tại quảng trường. Năm 2019, tỉnh có 120 học sinh giỏi.",
                title="Tuyên dương học sinh giỏi năm học 2018 - 2019")
    assert dates(r)[0] == ("date", "XXXX-08-06")


def test_chain_skips_numbers_that_are_not_years(extract):
    r = extract("Trường có 2000 học sinh theo Quyết định số 2019/QĐ-UBND, ảnh anh-2018-05.jpg. Chiều 7/5 họp.")
    assert dates(r) == [("date", "XXXX-05-07")]


def test_month_and_half_year_without_year_follow_the_chain(extract):
    r = extract("Năm học 2022 - 2023, tháng 11 thi giáo viên giỏi, 6 tháng đầu năm kiểm tra.")
    assert dates(r) == [("school_year", "2022-2023"), ("month", "2022-11"), ("half_year", "2023-H1")]


# -- semesters, school years, years, document references, repeats ------------------------------

def test_semester_takes_the_school_year_its_sentence_pairs_it_with(extract):
    r = extract("Hội nghị sơ kết học kỳ I và triển khai nhiệm vụ học kỳ II năm học 2023 - 2024.")
    assert dates(r) == [("semester", "2023-2024-S1"), ("semester", "2023-2024-S2")]


def test_semester_takes_the_title_school_year_first(extract):
    r = extract("Bước vào học kỳ 2, trường đặt chỉ tiêu mới cho năm học 2024 - 2025.",
                title="Sơ kết học kỳ 1 năm học 2023 - 2024")
    assert dates(r)[0] == ("semester", "2023-2024-S2")


def test_school_years_in_lists_brackets_and_with_modifiers(extract):
    r = extract("Kết quả các năm học 2020-2021, 2021-2022 và 2022-23; năm học tới 2025 – 2026; năm học mới (2024 - 2025).")
    assert dates(r) == [("school_year", "2020-2021"), ("school_year", "2021-2022"), ("school_year", "2022-2023"),
                        ("school_year", "2025-2026"), ("school_year", "2024-2025")]
    assert spans(r)[-1] == "2024 - 2025"


def test_two_consecutive_years_alone_are_a_school_year(extract):
    r = extract("Hội nghị triển khai nhiệm vụ 2023-2024 theo Công văn số 12/2023-SGDĐT.")
    assert dates(r) == [("school_year", "2023-2024")]


def test_school_year_written_with_a_slash_or_nien_hoc(extract):
    r = extract("Tổng kết năm học 2022/2023 và niên học 2023-2024; Công văn số 2023/2024 không phải năm học.")
    assert dates(r) == [("school_year", "2022-2023"), ("school_year", "2023-2024")]


def test_two_years_further_apart_alone_are_a_range(extract):
    r = extract("Đề án phát triển giáo dục 2021 - 2030 được triển khai.")
    assert dates(r) == [("range", "2021/2030")]


def test_years_months_quarters_with_any_separator(extract):
    r = extract("Tháng 3-2024, tháng 11/2022, quý IV/2023, quý 2 năm 2024 và 6 tháng cuối năm 2024; tầm nhìn đến năm 2045.")
    assert dates(r) == [("month", "2024-03"), ("month", "2022-11"), ("quarter", "2023-Q4"), ("quarter", "2024-Q2"),
                        ("half_year", "2024-H2"), ("year", "2045")]


def test_years_in_a_list_after_nam(extract):
    r = extract("Trong các năm 2021, 2022 và 2023, tỉnh xây mới 40 trường; năm 2024 và 2000 học sinh.")
    assert dates(r) == [("year", "2021"), ("year", "2022"), ("year", "2023"), ("year", "2024")]


def test_years_without_nam_are_not_dates(extract):
    r = extract("So với 2022, Hội thi Tin học trẻ 2024 lần thứ XII/2023 có nhiều đội; lần thứ XIII, năm 2024.")
    assert dates(r) == [("year", "2024")]


def test_document_reference_date_and_not_its_number(extract):
    r = extract("Theo Công văn số 1203/SGDĐT-VP ngày 22/6/2023 và Thông tư số 32/2020/TT-BGDĐT.")
    assert dates(r) == [("date", "2023-06-22")]


def test_days_that_do_not_exist_are_not_dates(extract):
    r = extract("Ngày 31/2, ngày 30/2/2023 và các ngày 30 và 31/4; ngày 29/2/2024 thì có.", published="2024-03-10")
    assert dates(r) == [("date", "2023-04-30"), ("date", "2024-02-29")]


def test_durations_are_not_months(extract):
    assert dates(extract("Sau 5 tháng 9 ngày thi công, trẻ 24 tháng tuổi được nhận vào lớp.")) == []


def test_every_mention_is_a_record(extract):
    r = extract("Năm học 2023-2024 khép lại. Trong năm học 2023-2024, ngành đạt nhiều thành tích. Năm học 2023-2024 thành công.")
    assert dates(r) == [("school_year", "2023-2024")] * 3


# -- evaluation of dates -----------------------------------------------------------------------

def test_evaluate_classes_a_year_error_by_the_rule_that_gave_it():
    from nlp.evaluate import evaluate

    text = "Tối 3.8, lễ diễn ra. Ngày 3.8 có mưa."
    gold = {"id": "a", "published": None, "text": text, "figures": [], "officials": [], "dates": [
        {"text": "Tối 3.8", "start": 0, "end": 7, "type": "date", "value": "XXXX-08-03"},
        {"text": "Ngày 3.8", "start": 21, "end": 29, "type": "date", "value": "2019-08-03"}]}
    pred = {"dates": [{"text": "Tối 3.8", "start": 0, "end": 7, "type": "date", "value": "2019-08-03"},
                      {"text": "Ngày 3.8", "start": 21, "end": 29, "type": "date", "value": "2019-08-03"}]}
    sc = evaluate([gold], {"a": pred})["dates"]
    assert (sc.tp, sc.fp, sc.fn) == (1, 1, 1)
    # the second mention is matched at its own place, so the first is the one reported
    (_, missed, label, _, near), = sc.misses
    assert (missed["text"], label, near["start"]) == ("Tối 3.8", "wrong year (published null)", 0)


def test_evaluate_dates_by_type_shows_each_types_errors():
    from nlp.evaluate import evaluate, report

    text = "Ngày 3/4 họp (20/11/1982 - 20/11/2022)."
    gold = {"id": "a", "published": "2023-04-05", "text": text, "figures": [], "officials": [], "dates": [
        {"text": "Ngày 3/4", "start": 0, "end": 8, "type": "date", "value": "2023-04-03"},
        {"text": "20/11/1982 - 20/11/2022", "start": 14, "end": 37, "type": "range", "value": "1982-11-20/2022-11-20"}]}
    pred = {"dates": [{"text": "Ngày 3/4", "start": 0, "end": 8, "type": "date", "value": "2022-04-03"},
                      {"text": "20/11/1982", "start": 14, "end": 24, "type": "date", "value": "1982-11-20"}]}
    table = report(evaluate([gold], {"a": pred}), show_errors=False)
    assert "  date          0.000  0.000  0.000    0   2   1  wrong year (31-day rule) 1" in table
    assert "  range         1.000  0.000  0.000    0   0   1  wrong type 1" in table


def test_a_bare_day_month_after_tu_nay_den_is_the_deadline_day(extract):
    r = extract("Các trường hoàn thành hồ sơ từ nay đến 15-9, chậm nhất 18/9 phải nộp về Sở.", published="2024-08-20")
    assert dates(r) == [("date", "2024-09-15"), ("date", "2024-09-18")]


def test_nam_hoc_with_one_year_is_that_year(extract):
    r = extract("Hội nghị tổng kết năm học 2022 và triển khai nhiệm vụ năm học 2023-2024.", published="2023-01-15")
    assert dates(r) == [("year", "2022"), ("school_year", "2023-2024")]


def test_a_compact_range_after_tu_and_holidays_named_without_ngay(extract):
    r = extract("Tuần ôn tập từ 18 đến 22-5-2026. Học sinh nghỉ Tết Dương lịch 1-1 và Lễ 30-4.", published="2025-12-20")
    assert dates(r) == [("range", "2026-05-18/2026-05-22"), ("date", "2026-01-01"), ("date", "2025-04-30")]
    assert spans(r)[0] == "18 đến 22-5-2026"


def test_two_years_after_thoi_gian_are_a_span_of_years(extract):
    assert dates(extract("Công trình thực hiện trong thời gian 2026-2027.")) == [("range", "2026/2027")]


def test_years_alone_in_brackets_are_no_date_unless_headed(extract):
    r = extract("Trường kỷ niệm 40 năm thành lập (1985 - 2025). Trong 4 năm (2021-2024), huyện xây 20 phòng học. "
                "Đại hội Hội Khuyến học nhiệm kỳ (2022-2027) và khai giảng năm học mới (2024 - 2025).")
    assert dates(r) == [("range", "2022/2027"), ("school_year", "2024-2025")]


def test_the_first_or_last_months_of_a_year_are_a_range_of_months(extract):
    r = extract("Trong 9 tháng đầu năm 2019 huyện mở 5 lớp; 3 tháng cuối năm 2019 mở thêm 2 lớp; "
                "6 tháng đầu năm 2020 mở 4 lớp.")
    assert dates(r) == [("range", "2019-01/2019-09"), ("range", "2019-10/2019-12"), ("half_year", "2020-H1")]


def test_a_range_of_school_years_and_a_range_with_hours(extract):
    r = extract("Chế độ áp dụng từ năm học 2022-2023 đến 2026-2027. Tính từ 18h ngày 14/2 đến 18h ngày 15/2, "
                "có thêm ca mắc.", published="2022-02-16")
    assert dates(r) == [("range", "2022-2023/2026-2027"), ("range", "2022-02-14/2022-02-15")]


def test_the_end_of_a_day_range_follows_its_start(extract):
    r = extract("Học sinh nghỉ từ ngày 5/9 đến 10/9. Đợt hai từ 28/12 đến 3/1.", published="2025-08-09")
    assert dates(r) == [("range", "2025-09-05/2025-09-10"), ("range", "2024-12-28/2025-01-03")]


def test_a_range_of_two_day_months_joined_by_a_dash(extract):
    r = extract("Sở nhận hồ sơ từ ngày 10/11-9/12, xét tuyển từ ngày 10/12.", published="2025-11-12")
    assert dates(r) == [("range", "2025-11-10/2025-12-09"), ("date", "2025-12-10")]


def test_a_semester_written_ky_with_its_school_year(extract):
    r = extract("Học phí kỳ I năm học 2022 - 2023 tăng. Kỳ thi học sinh giỏi năm học 2022 - 2023 đợt 2 diễn ra.")
    assert dates(r) == [("semester", "2022-2023-S1"), ("school_year", "2022-2023")]


def test_a_birth_day_of_the_nineteenth_century_opens_an_anniversary_range(extract):
    r = extract("Kỷ niệm 135 năm Ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025). Mã hồ sơ 12.5.1850.",
                published="2025-05-10")
    assert dates(r) == [("range", "1890-05-19/2025-05-19")]


def test_a_day_range_up_to_the_end_of_a_day(extract):
    r = extract("Học sinh nộp hồ sơ nhập học từ ngày 11 đến hết 23-7 tại các trường.", published="2025-07-01")
    assert dates(r) == [("range", "2025-07-11/2025-07-23")]


def test_a_range_whose_second_day_has_its_month_in_words_and_days_joined_by_an_ampersand(extract):
    r = extract("Trận lũ lịch sử từ ngày 18/10 đến hết ngày 22 tháng 10/2020. Chung kết diễn ra vào các ngày 6&7/4.",
                published="2021-03-20")
    assert dates(r) == [("range", "2020-10-18/2020-10-22"), ("date", "2021-04-06"), ("date", "2021-04-07")]


def test_from_a_year_to_a_month(extract):
    r = extract("Theo thống kê, từ năm 2020 đến tháng 10.2022, toàn tỉnh có 314 giáo viên nghỉ việc.", published="2022-12-07")
    assert dates(r) == [("range", "2020/2022-10")]


def test_a_day_range_before_a_month_in_words(extract):
    r = extract("Ngày 16- 17 tháng 3 năm 2017, trường đã đón đoàn kiểm tra.", published="2017-03-20")
    assert dates(r) == [("range", "2017-03-16/2017-03-17")]
