"""Provinces across the merger of 1 July 2025 as data (nlp/data/provinces.tsv, districts.tsv), and how
the NLP stage finds the province a figure applies to. Sentences of our own."""
import pytest

from nlp import context as ctx


# -- the data files ---------------------------------------------------------------------------------
def test_provinces_before_and_after_the_merger():
    table = ctx.provinces_table()
    before = [p for p in table.values() if p.existed_until is None or p.existed_until >= "2025-06-30"]
    before = [p for p in before if p.name != "Huế"]  # Huế: a city of its own since 2025-01-01
    units = {p.province_2025 for p in table.values()}
    assert len(table) == 64 and len(units) == 34
    assert sum(p.kept_borders for p in table.values()) == 11
    assert all(unit in table and table[unit].province_2025 == unit for unit in units)
    assert ctx.constituents("Tây Ninh") == ["Tây Ninh", "Long An"]
    assert ctx.constituents("Phú Thọ") == ["Phú Thọ", "Hòa Bình", "Vĩnh Phúc"]
    assert ctx.constituents("Hồ Chí Minh") == ["Hồ Chí Minh", "Bà Rịa - Vũng Tàu", "Bình Dương"]
    assert ctx.province_2025_of("Quảng Nam") == "Đà Nẵng" and ctx.province_2025_of("Bắc Giang") == "Bắc Ninh"
    assert ctx.province_2025_of("Điện Biên") == "Điện Biên" and not ctx.reformed("Điện Biên")
    assert ctx.reformed("Tây Ninh") and ctx.same_territory("Thừa Thiên Huế") == ["Huế", "Thừa Thiên Huế"]
    # the old list (provinces.txt) is the 63 names before the merger
    from nlp.lexicon import provinces

    assert {n.replace("Thành phố ", "") for n in provinces()} == {p.name for p in table.values()} - {"Huế"}
    assert len(before) == 63 - 1  # Thừa Thiên Huế ended on 2024-12-31


def test_districts_belong_to_provinces_of_the_table():
    table = ctx.provinces_table()
    districts = ctx.districts_table()
    assert len(districts) == 696
    assert all(d.province in table and table[d.province].province_2025 == d.province_2025 for d in districts)


def test_registry_provinces_are_names_of_the_table():
    from crawler.registry import DEFAULT_REGISTRY, SAMPLE_REGISTRY, load_registry

    names = set(ctx.provinces_table())
    for source in load_registry(DEFAULT_REGISTRY) + load_registry(SAMPLE_REGISTRY):
        assert source.province is None or source.province in names, source


# -- names in a text -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, province", [
    ("Năm học này tỉnh Quảng Nam có 1.100 trường.", "Quảng Nam"),
    ("TP.HCM khai giảng năm học mới", "Hồ Chí Minh"),
    ("Sở GD&ĐT Thanh Hoá tổng kết năm học", "Thanh Hóa"),              # old tone placement
    ("ĐẮK LẮK: KHAI GIẢNG NĂM HỌC MỚI", "Đắk Lắk"),                    # a title in capitals
    ("Giáo viên huyện Mường Nhé vượt khó", "Điện Biên"),                # a district after its prefix
    ("Trường THCS thị xã Mường Lay", "Điện Biên"),
    ("học sinh Quận 3 nhập học", "Hồ Chí Minh"),
    ("Học sinh huyện Quảng Ninh đến trường", "Quảng Bình"),             # the district, not the province
    ("thầy giáo ở Mường Nhé", None),                                   # a district's name alone
    ("Học tập theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", None),  # a person's name
    ("Trường Đại học Sư phạm Hà Nội tuyển sinh", None),                # part of a school's name
    ("Nhà số 5 đường Điện Biên Phủ", None),                            # a street
    ("các trường ở huyện Châu Thành", None),                           # a district name of ten provinces
    ("Thừa Thiên Huế và Huế", "Thừa Thiên Huế"),
    ("Olympic Tin học châu Á - Thái Bình Dương", None),                # an ocean
])
def test_province_in(text, province):
    assert ctx.province_in(text) == province


def test_a_province_with_its_prefix_wins_over_a_bare_name():
    assert ctx.province_in("Đoàn công tác của Hà Nội làm việc với tỉnh Lai Châu") == "Lai Châu"


@pytest.mark.parametrize("typed, name", [
    ("Tay Ninh", "Tây Ninh"), ("tỉnh Long An", "Long An"), ("TP.HCM", "Hồ Chí Minh"), ("tp ho chi minh", "Hồ Chí Minh"),
    ("Ba Ria - Vung Tau", "Bà Rịa - Vũng Tàu"), ("Đắc Lắc", "Đắk Lắk"), ("hue", "Huế"), ("Atlantis", None),
])
def test_resolve_province(typed, name):
    assert ctx.resolve_province(typed) == name


@pytest.mark.parametrize("text, province", [
    ("ĐIỆN BIÊN - Sáng 24/2, Sở GD&ĐT tổ chức hội nghị.", "Điện Biên"),
    ("(GD&TĐ) - Long An: năm học mới bắt đầu.", "Long An"),
    ("Tây Ninh – Ngày 5/9, các trường khai giảng.", "Tây Ninh"),
    ("(GD&TĐ) - Sáng 24/2, hội nghị diễn ra.", None),
])
def test_dateline_province(text, province):
    assert ctx.dateline_province(text) == province


@pytest.mark.parametrize("period, era", [
    ("2024-2025", "before"), ("2025-2026", "after"), ("2024-2025-S2", "before"), ("2025", None), ("2026", "after"),
    ("2025-H1", "before"), ("2025-Q3", "after"), ("2025-06", "before"), ("2025-07-15", "after"),
    ("2016/2025", None), ("2020/2024", "before"), (None, None),
])
def test_era_of_a_period(period, era):
    assert ctx.era(period) == era


# -- a figure's province ------------------------------------------------------------------------------
def test_figure_province_nearest_name_before_it(extract):
    recs = extract("Năm học 2022-2023, Tây Ninh có 398 trường; Long An có 518 trường.", published="2023-01-10")
    assert [(f["value"], f["province"], f["province_2025"], f["province_basis"]) for f in recs["figures"]] == [
        (398.0, "Tây Ninh", "Tây Ninh", "sentence"), (518.0, "Long An", "Tây Ninh", "sentence")]


def test_figure_province_from_title_then_source_then_dateline(extract):
    text = "Năm học 2023-2024, toàn tỉnh có 400 trường."
    assert extract(text, title="Long An: tổng kết năm học", province="Tây Ninh")["figures"][0]["province_basis"] == "title"
    recs = extract(text, published="2024-02-01", province="Tây Ninh")["figures"][0]
    assert (recs["province"], recs["province_basis"]) == ("Tây Ninh", "source")
    recs = extract("LONG AN - Sáng 5/9, các trường khai giảng.\n" + text, published="2024-02-01")["figures"][0]
    assert (recs["province"], recs["province_basis"]) == ("Long An", "dateline")
    assert extract(text, published="2024-02-01")["figures"][0]["province"] is None


def test_a_source_province_after_the_merger_is_the_province_it_joined(extract):
    """A Long An portal writing of 2025-2026 writes of Tây Ninh; of 2024-2025 still of Long An."""
    after = extract("Năm học 2025-2026, toàn tỉnh có 915 trường.", published="2025-10-01", province="Long An")
    before = extract("Năm học 2024-2025, toàn tỉnh có 520 trường.", published="2025-08-20", province="Long An")
    assert after["figures"][0]["province"] == "Tây Ninh" and before["figures"][0]["province"] == "Long An"
