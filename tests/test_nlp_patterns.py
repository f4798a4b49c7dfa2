"""One test per pattern, on sentences written for the purpose (what the seeds do not show)."""
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def figs(rec):
    return [(f["value"], f["unit"], f["qualifier"], f["change"], f["object"], f["metric"]) for f in rec["figures"]]


def test_magnitude_words(extract):
    r = extract("Toàn tỉnh có 1,2 triệu học sinh và khoảng 45 nghìn giáo viên.")
    assert figs(r) == [(1.2e6, "count", "exact", None, "học sinh", "students"),
                       (45000.0, "count", "about", None, "giáo viên", "teachers")]


def test_percentage_takes_object_from_left_and_change_reuses_it(extract):
    r = extract("Tỷ lệ tốt nghiệp THPT đạt 99,82%, tăng 0,5% so với năm trước.")
    assert figs(r) == [(99.82, "percent", "exact", None, "Tỷ lệ tốt nghiệp THPT", None),
                       (0.5, "percent", "exact", "increase", "Tỷ lệ tốt nghiệp THPT", None)]


def test_money(extract):
    r = extract("Tổng kinh phí hỗ trợ là 1,5 tỷ đồng; mỗi em được 200.000đ.")
    assert [(v, u, o, m) for v, u, _, _, o, m in figs(r)] == [
        (1.5e9, "vnd", "Tổng kinh phí hỗ trợ", "budget"), (200000.0, "vnd", "mỗi em", "budget")]


def test_ratio_keeps_unit_as_written(extract):
    (f,) = extract("Sĩ số bình quân 37,8 học sinh/lớp.")["figures"]
    assert (f["value"], f["unit"], f["metric"], f["text"]) == (37.8, "học sinh/lớp", None, "37,8 học sinh/lớp")


@pytest.mark.parametrize("text,qualifier", [("gần 300 trường", "nearly"), ("khoảng 300 trường", "about"),
                                            ("dưới 300 trường", "under"), ("chưa đến 300 trường", "under"),
                                            ("xấp xỉ 300 trường", "about"), ("ngoài 300 trường", "over")])
def test_qualifiers(extract, text, qualifier):
    (f,) = extract(f"Huyện có {text} học.")["figures"]
    assert (f["value"], f["qualifier"], f["metric"]) == (300.0, qualifier, "institutions")


def test_change_words_and_list(extract):
    r = extract("Tăng thêm 12 lớp học, giảm bớt 3 điểm trường lẻ; giảm 5 giáo viên, 2 nhân viên.")
    assert [(v, c, m) for v, _, _, c, _, m in figs(r)] == [
        (12.0, "increase", "classes"), (3.0, "decrease", "school_sites"), (5.0, "decrease", "teachers"),
        (2.0, "decrease", "staff")]


def test_not_figures(extract):
    r = extract("Hội nghị ngày 12/1 có trẻ 5 tuổi, học sinh lớp 1, mức độ 3, kỷ niệm 40 năm, Covid-19, "
                "theo Quyết định số 1527/QĐ-UBND, chương trình 2018 đối với lớp 6, đạt điểm 10.", published="2022-12-28")
    assert r["figures"] == []


def test_text_without_diacritics(extract):
    r = extract("Nam hoc nay co 120 hoc sinh va 15 giao vien.")
    assert [(v, m) for v, _, _, _, _, m in figs(r)] == [(120.0, "students"), (15.0, "teachers")]


def test_ethnic_minority_names_and_chain_after_name(extract):
    (o,) = extract("Đồng chí Lò Văn Muôn, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh phát biểu.", province="Điện Biên")["officials"]
    assert (o["name"], o["honorific"], o["position"], o["organization"], o["other_roles"]) == (
        "Lò Văn Muôn", "đồng chí", "Chủ tịch", "UBND tỉnh", ["Phó Bí thư Tỉnh ủy"])
    assert o["organization_normalized"] == "Ủy ban nhân dân tỉnh Điện Biên"


def test_role_after_name_with_dash_and_school(extract):
    (o,) = extract("Bà Giàng Thị Dua – Hiệu trưởng Trường PTDTBT Tiểu học Mường Nhé cho biết.")["officials"]
    assert (o["name"], o["honorific"], o["position"], o["organization"]) == (
        "Giàng Thị Dua", "bà", "Hiệu trưởng", "Trường PTDTBT Tiểu học Mường Nhé")


def test_role_before_name_and_abbreviated_titles(extract):
    r = extract("Phó Giám đốc Sở GD&ĐT Lê Văn Hùng chủ trì; PGS.TS Nguyễn Văn Minh, Thứ trưởng Bộ GD&ĐT dự họp.")
    got = {(o["name"], o["honorific"], o["position"], o["organization"]) for o in r["officials"]}
    assert got == {("Lê Văn Hùng", None, "Phó Giám đốc", "Sở GD&ĐT"), ("Nguyễn Văn Minh", "PGS.TS.", "Thứ trưởng", "Bộ GD&ĐT")}


def test_former_role_and_school_named_after_a_person(extract):
    (o,) = extract("Ông Nguyễn Văn An, nguyên Hiệu trưởng Trường THPT Lê Quý Đôn, phát biểu.")["officials"]
    assert (o["name"], o["position"], o["organization"], o["former"]) == (
        "Nguyễn Văn An", "Hiệu trưởng", "Trường THPT Lê Quý Đôn", True)


def test_not_officials(extract):
    r = extract("Đồng chí Giám đốc Sở chỉ đạo. Ông Trần Văn Bình được bổ nhiệm làm Giám đốc. Tác giả: Nguyễn Dịu.")
    assert r["officials"] == []


def dates(rec):
    return [(d["type"], d["value"]) for d in rec["dates"]]


def test_quarters_half_years_semesters(extract):
    r = extract("Quý I/2022, quý 4 năm 2021, học kỳ 2 năm học 2022-2023 và 6 tháng cuối năm 2022.")
    assert dates(r) == [("quarter", "2022-Q1"), ("quarter", "2021-Q4"), ("semester", "2022-2023-S2"), ("half_year", "2022-H2")]


def test_ranges_and_document_dates(extract):
    r = extract("Từ ngày 29/9 đến ngày 02/10, theo Quyết định số 123/QĐ-SGDĐT ngày 15/9/2022; giai đoạn 2021 – 2025.",
                published="2022-10-05")
    assert dates(r) == [("range", "2022-09-29/2022-10-02"), ("date", "2022-09-15"), ("range", "2021/2025")]


def test_missing_year_from_published_within_31_days(extract):
    assert dates(extract("Sáng 5/9, khai giảng.", published="2022-09-06")) == [("date", "2022-09-05")]
    assert dates(extract("Hội nghị ngày 12/1.", published="2022-12-28")) == [("date", "2023-01-12")]


def test_missing_year_without_published(extract):
    r = extract("Ngày 15/10, tổng kết năm học 2022 - 2023. Ngày 3/3 sơ kết.")
    assert dates(r)[0] == ("date", "2022-10-15")
    assert ("date", "2023-03-03") in dates(r)
    assert dates(extract("Chiều 2/10 họp.")) == [("date", "XXXX-10-02")]


def test_semester_without_school_year_takes_the_article_year(extract):
    r = extract("Học kỳ II, toàn ngành tiếp tục.", title="Sơ kết học kỳ I năm học 2017 - 2018")
    assert dates(r) == [("semester", "2017-2018-S2")]


def test_robust_inputs(extract):
    assert extract("") == {"figures": [], "officials": [], "dates": []}
    nfd = unicodedata.normalize("NFD", "Năm học 2020 – 2021, tỉnh có 497 trường, trung tâm. Ông Nguyễn Văn Kiên - Giám đốc Sở GD&ĐT.")
    r = extract(nfd)
    assert [f["value"] for f in r["figures"]] == [497.0]
    assert [o["name"] for o in r["officials"]] == [unicodedata.normalize("NFD", "Nguyễn Văn Kiên")]
    for rec in r["figures"] + r["officials"] + r["dates"]:
        assert nfd[rec["start"]:rec["end"]] == rec["text"]
    ent = extract("Sở GD&amp;ĐT có 12&nbsp;trường học&#x2E;")
    assert [(f["value"], f["metric"]) for f in ent["figures"]] == [(12.0, "institutions")]
    legacy = extract("Phòng Giáo dục và Ðào tạo có 35 trường; Ông Trần Văn Hoà – Trưởng phòng Ðào tạo.")
    assert legacy["officials"][0]["name"] == "Trần Văn Hoà"


@pytest.mark.slow
def test_one_megabyte_text(extract):
    para = "Năm học 2020 – 2021, toàn tỉnh có 497 trường với hơn 7.300 lớp. "
    text = (para * (1_000_000 // len(para)))
    r = extract(text)
    assert len(r["figures"]) == 2 * (1_000_000 // len(para))


def test_list_of_officials_after_cac_dong_chi(extract):
    r = extract("Dự có các đồng chí: Lò Văn Mừng, Phó Bí thư Tỉnh ủy; Mùa A Sơn, Chủ tịch UBND tỉnh; "
                "Giàng A Chu, Phó Giám đốc Sở GDĐT.")
    assert [(o["name"], o["honorific"], o["position"], o["organization"]) for o in r["officials"]] == [
        ("Lò Văn Mừng", "đồng chí", "Phó Bí thư", "Tỉnh ủy"), ("Mùa A Sơn", "đồng chí", "Chủ tịch", "UBND tỉnh"),
        ("Giàng A Chu", "đồng chí", "Phó Giám đốc", "Sở GDĐT")]


def test_teacher_honorific_and_school_as_organization(extract):
    (o,) = extract("Theo thầy Nguyễn Văn Hải, Hiệu trưởng nhà trường, năm nay trường có 35 lớp.")["officials"]
    assert (o["honorific"], o["position"], o["organization"]) == ("thầy", "Hiệu trưởng", "nhà trường")


def test_day_range_within_one_month_and_new_school_year(extract):
    r = extract("Kiểm tra từ ngày 15 đến 20/11/2023; khai giảng năm học mới 2023 - 2024.")
    assert dates(r) == [("range", "2023-11-15/2023-11-20"), ("school_year", "2023-2024")]


def test_legal_references_and_durations_are_not_figures(extract):
    r = extract("Thực hiện Thông tư 32/2020/TT-BGDĐT và Nghị định 105/2020/NĐ-CP, Điều 5 khoản 2, "
                "nhân Ngày Nhà giáo Việt Nam 20/11, lúc 8 giờ 30 phút, bài thi 120 phút.", published="2023-11-25")
    assert r["figures"] == []


def test_classifier_with_counted_noun_and_level_after_giam_con(extract):
    r = extract("Trường tặng quà cho 150 em học sinh nghèo; tỷ lệ học sinh bỏ học giảm còn 0,3%.")
    assert [(f["value"], f["object"], f["metric"], f["change"]) for f in r["figures"]] == [
        (150.0, "em học sinh", "students", None), (0.3, "tỷ lệ học sinh bỏ học", None, None)]


def test_training_courses_are_not_classes(extract):
    (f,) = extract("Đã tổ chức 12 lớp bồi dưỡng.")["figures"]
    assert (f["object"], f["metric"]) == ("lớp bồi dưỡng", None)


def test_scores_are_measured_in_points(extract):
    r = extract("Điểm trung bình môn Toán đạt 6,12 điểm, tăng 0,35 điểm; tỷ lệ tốt nghiệp tăng 1,2 điểm phần trăm.")
    assert [(f["value"], f["unit"], f["change"], f["object"]) for f in r["figures"]] == [
        (6.12, "điểm", None, "Điểm trung bình môn Toán"), (0.35, "điểm", "increase", "Điểm trung bình môn Toán"),
        (1.2, "điểm phần trăm", "increase", "tỷ lệ tốt nghiệp")]


def test_abbreviated_titles(extract):
    r = extract("Đ/c Lò Văn Tiến – TUV, Bí thư Huyện ủy Tuần Giáo và đ/c Quàng Văn Nhung – PCT UBND huyện dự lễ; "
                "PGĐ Sở GDĐT Trần Văn Minh phát biểu.")
    assert [(o["name"], o["honorific"], o["position"], o["organization"], o["other_roles"]) for o in r["officials"]] == [
        ("Lò Văn Tiến", "đồng chí", "Bí thư", "Huyện ủy Tuần Giáo", ["Tỉnh ủy viên"]),
        ("Quàng Văn Nhung", "đồng chí", "Phó Chủ tịch", "UBND huyện", []),
        ("Trần Văn Minh", None, "Phó Giám đốc", "Sở GDĐT", [])]


def test_month_ranges_and_day_pairs(extract):
    r = extract("Từ tháng 9/2022 đến tháng 5/2023 tổ chức dạy học; hội thi diễn ra ngày 15 và 16/11/2022.")
    assert dates(r) == [("range", "2022-09/2023-05"), ("date", "2022-11-15"), ("date", "2022-11-16")]


FULL_ARTICLE = """Sáng 15/8, Sở GD&ĐT tỉnh Lai Châu tổ chức Hội nghị tổng kết năm học 2022 - 2023, triển khai nhiệm vụ năm học 2023 - 2024. Đồng chí Tống Thanh Hải - Phó Bí thư Tỉnh ủy, Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị.
Báo cáo tại hội nghị cho biết, năm học 2022 - 2023, toàn tỉnh có 360 trường học với 5.872 lớp, 132.562 học sinh; tăng 2 trường, giảm 45 lớp so với năm học trước. Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 99,9%; học sinh hoàn thành chương trình tiểu học đạt 99,85%.
Kỳ thi tốt nghiệp THPT năm 2023, tỉnh có 3.456 thí sinh dự thi tại 16 điểm thi, tỷ lệ đỗ tốt nghiệp đạt 96,21%. Tỉnh có 12 học sinh đạt giải trong kỳ thi chọn học sinh giỏi quốc gia, trong đó có 1 giải Nhì, 4 giải Ba và 7 giải Khuyến khích.
Toàn ngành hiện có 10.562 cán bộ quản lý, giáo viên, nhân viên; còn thiếu 987 giáo viên so với định mức. Tổng kinh phí đầu tư cơ sở vật chất năm 2023 là hơn 250 tỷ đồng.
Phát biểu chỉ đạo, đồng chí Phó Chủ tịch UBND tỉnh đề nghị ngành tiếp tục thực hiện Nghị quyết số 29-NQ/TW ngày 4/11/2013 của Ban Chấp hành Trung ương khóa XI. Dịp này, 25 tập thể, 68 cá nhân được UBND tỉnh tặng Bằng khen.
Bà Nguyễn Thị Hương, Giám đốc Sở GD&ĐT tiếp thu ý kiến chỉ đạo và cam kết hoàn thành 12 nhiệm vụ trọng tâm trong năm học mới.
Minh Anh"""


def test_full_news_article(extract):
    """A whole news-style report: every statistic, no false positives from laws, ages or courses."""
    r = extract(FULL_ARTICLE, published="2023-08-16", title="Lai Châu: Tổng kết năm học 2022 - 2023", province="Lai Châu")
    assert [(f["value"], f["metric"]) for f in r["figures"]] == [
        (360, "institutions"), (5872, "classes"), (132562, "students"), (2, "institutions"), (45, "classes"),
        (99.9, None), (99.85, "students"), (3456, "candidates"), (16, None), (96.21, None), (12, "students"),
        (1, "awards"), (4, "awards"), (7, "awards"), (10562, "staff"), (987, "teachers"), (250e9, "budget"),
        (25, "awards"), (68, "awards"), (12, None)]
    assert {(f["value"], f["period"]) for f in r["figures"] if f["metric"] == "institutions"} == {(360, "2022-2023"), (2, "2022-2023")}
    assert [(o["name"], o["position"], o["organization_normalized"]) for o in r["officials"]] == [
        ("Tống Thanh Hải", "Phó Chủ tịch", "Ủy ban nhân dân tỉnh Lai Châu"),
        ("Nguyễn Thị Hương", "Giám đốc", "Sở Giáo dục và Đào tạo tỉnh Lai Châu")]
    assert dates(r) == [("date", "2023-08-15"), ("school_year", "2022-2023"), ("school_year", "2023-2024"),
                        ("school_year", "2022-2023"), ("year", "2023"), ("year", "2023"), ("date", "2013-11-04")]


VIEW_CASES = [
    "Hoà Bình, khoẻ mạnh, thuỷ lợi, quý 2, HOÀ, Thuỷ, hoàng",
    "A&amp;B &nbsp;Sở GD&ĐT &#7889; &#x1EA1; &notanentity; & plain",
    unicodedata.normalize("NFD", "Nguyễn Văn Kiên, Điện Biên, hòa nhập"),
    "zero\u200bwidth\u00adsoft\ufeffbom, non\u00a0breaking\u202fthin\ttab",
    "\u00d0iện Biên, \u00f0ường, Ð",
    "",
]


@pytest.mark.parametrize("text", VIEW_CASES + [p.read_text(encoding="utf-8") for p in
                                               sorted((ROOT / "crawler" / "sample_site" / "seeds").glob("*.txt"))])
def test_view_text_is_the_view_of_normalize(text):
    """The fast view (no offsets) that search and folding use must be the extractors' view."""
    from nlp.normalize import normalize, view_text

    assert view_text(text) == normalize(text).text


def test_view_text_is_the_view_of_normalize_on_random_strings():
    """Its short cuts (no special-character pass when there is nothing to replace, one character
    class for old tone placements) never change the view: random strings of the characters
    either pass looks at."""
    import random

    from nlp.normalize import normalize, view_text

    rnd = random.Random(7)
    alphabet = list("oOuUqQaAeEyYàáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴăâđêôơưĐ &;#x12bcnbsp.,\n\t"
                    "\u00a0\u200b\u0301\u0300\u00d0\u00f0")
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        assert view_text(text) == normalize(text).text, repr(text)


def test_provinces_in_lists_every_province_once_in_order():
    from nlp.context import province_in, provinces_in
    from nlp.normalize import view_text

    text = view_text("Đoàn Lai Châu thăm Điện\u00a0Biên và Lai Châu; Thành phố Hồ Chí Minh, Hoà Bình")
    assert provinces_in(text) == ["Lai Châu", "Điện Biên", "Thành phố Hồ Chí Minh", "Hòa Bình"]
    assert province_in("Đoàn Lai Châu thăm Điện Biên") == "Lai Châu"
    assert provinces_in("nhà trường biên giới") == []


@pytest.mark.parametrize("text", VIEW_CASES + ["a\u2060b\u3000c\ufeffd\u20d0e\u1dc0f\u0301g\u00a0h\u0110\u00d0"] +
                         [p.read_text(encoding="utf-8") for p in sorted((ROOT / "crawler" / "sample_site" / "seeds").glob("*.txt"))])
def test_strip_diacritics_is_the_view_without_marks(text):
    """What the index stores for each word and what search matches unaccented queries against:
    the view, decomposed, without its combining marks, in lower case (here computed the slow way)."""
    from nlp.normalize import normalize, strip_diacritics

    view = normalize(text).text.replace("Đ", "D").replace("đ", "d")
    expected = "".join(c for c in unicodedata.normalize("NFD", view) if not unicodedata.combining(c)).lower()
    assert strip_diacritics(text) == expected


def test_strip_diacritics_and_fold():
    from nlp.normalize import fold, strip_diacritics

    assert strip_diacritics("Điện Biên PHỦ, hoà nhập") == "dien bien phu, hoa nhap"
    assert strip_diacritics(unicodedata.normalize("NFD", "Nguyễn Văn Kiên")) == "nguyen van kien"
    assert strip_diacritics("\u00d0iện\u00a0Biên\u200b") == "dien bien"
    assert fold("  Thuỷ   LỢI\u00a0Hoà ") == "thủy lợi hòa"
