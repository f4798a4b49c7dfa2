"""What editors, researchers and analysts run against the sample's warehouse (in-process CLI)."""
import pytest


def _rows(out: str) -> list[str]:
    return [line for line in out.splitlines() if line[:4].isdigit()]


def test_series_institutions_dien_bien(cli, warehouse_db):
    """The sample's levels: 522 schools and centres in 2019-2020, 497 in 2020-2021, each with its
    source, and the reported decrease of 21 nowhere among them."""
    out = cli("series", "--province", "Điện Biên", "--metric", "institutions", "--db", warehouse_db, check=True).stdout
    rows = _rows(out)
    assert [r.split()[:3] for r in rows] == [["2019-2020", "level", "522"], ["2020-2021", "level", "497"]]
    assert "giaoducthoidai.vn" in rows[0] and "dienbien.gov.vn" in rows[1]
    assert "21" not in " ".join(r.split()[2] for r in rows)
    assert "change 1 (--changes)" in out  # what is left out is said


def test_series_changes_show_a_decrease_as_negative(cli, warehouse_db):
    out = cli("series", "--province", "Dien Bien", "--metric", "institutions", "--changes", "--db", warehouse_db,
              check=True).stdout
    (row,) = _rows(out)
    period, kind, value, change = row.split()[:4]
    assert (period, kind, value, change) == ("2020-2021", "change", "−21", "decrease")
    assert "changes" in out.splitlines()[0]  # labelled


def test_series_sources_give_each_value_its_sentence_and_url(cli, warehouse_db):
    out = cli("series", "--province", "Điện Biên", "--metric", "institutions", "--sources", "--db", warehouse_db,
              check=True).stdout
    reports = out.split("Reports behind each value:")[1]
    assert "522" in reports and "Năm học vừa qua, tỉnh Điện Biên có 522 trường, trung tâm" in reports
    assert "497" in reports and "https://dienbien.gov.vn/portal/Pages/2021-02-25/" in reports
    assert "giảm 21" not in reports


def test_series_csv_has_a_sentence_and_url_per_report(cli, warehouse_db, tmp_path):
    import csv

    path = tmp_path / "series.csv"
    cli("series", "--province", "Điện Biên", "--metric", "institutions", "--csv", path, "--db", warehouse_db, check=True)
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert [(r["period"], float(r["value"]), r["kind"]) for r in rows] == [("2019-2020", 522.0, "level"),
                                                                          ("2020-2021", 497.0, "level")]
    assert all(r["sentence"] and r["url"].startswith("https://") for r in rows)


def test_series_plot(cli, warehouse_db, tmp_path):
    png = tmp_path / "s.png"
    cli("series", "--province", "Dien Bien", "--metric", "institutions", "--plot", png, "--db", warehouse_db, check=True)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_series_plot_with_nothing_to_plot_is_an_error_not_an_empty_chart(cli, warehouse_db, tmp_path):
    png = tmp_path / "awards.png"
    result = cli("series", "--province", "Điện Biên", "--metric", "awards", "--plot", png, "--db", warehouse_db)
    assert result.exit_code == 2 and result.stderr.startswith("error: --plot") and "nothing to plot" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not png.exists()
    missing = cli("series", "--province", "Điện Biên", "--metric", "institutions", "--plot", tmp_path / "no" / "x.png",
                  "--db", warehouse_db)
    assert missing.exit_code == 2 and missing.stderr.startswith("error:") and "does not exist" in missing.stderr


def _urls(out: str) -> list[str]:
    return [line.strip() for line in out.splitlines() if line.strip().startswith("https://")]


VPUB = "https://dienbien.gov.vn/portal/Pages/2021-02-25/VPUB--Dong-chi-Vu-A-Bang-Pho-Chu-tich-UBND-tinh-tham-va-lam-viec-tai-So-GDDT.aspx"
SO_KET = ("https://dienbien.gov.vn/portal/Pages/2018-01-29/Hoi-nghi-So-ket-hoc-ky-I-va-trien-khai-nhiem-vu-hoc-ky-II-nam-hoc-"
          "2017-2018.aspx")
GIAO_BAN = "https://sgddt-portal.invalid/tin-tuc/hoi-nghi-truc-tuyen-giao-ban-nganh-quy-2-2021.html"
TONG_KET = ("https://dienbien.edu.vn/news/tin-tuc/uy-ban-nhan-dan-thanh-pho-dien-bien-phu-to-chuc-hoi-nghi-tong-ket-nam-hoc-"
            "2020-2021-7415.html")
GDTD = ("https://giaoducthoidai.vn/dien-bien-tiep-tuc-chu-trong-doi-moi-chuong-trinh-giao-duc-va-nang-cao-chat-luong-doi-"
        "ngu-post513370.html")


def test_search_without_diacritics_finds_the_directors_articles(cli, warehouse_db):
    out = cli("search", "dien bien giam doc so", "--db", warehouse_db, check=True).stdout
    # every word in each: the four articles naming Điện Biên and a Giám đốc Sở (the VPUB one only
    # has "Dienbien.gov.vn")
    assert sorted(_urls(out)) == sorted([GDTD, TONG_KET, GIAO_BAN, SO_KET])
    assert _urls(out)[0] == GDTD  # "Giám đốc Sở GD&ĐT Điện Biên" as written
    assert "[Giám]" in out  # matched words are marked in the snippet


@pytest.mark.parametrize("query, first, matches", [
    # names, with and without diacritics: the article naming the person comes first
    ("Vừ A Bằng", VPUB, 1),
    ("vu a bang", VPUB, 1),
    ("Phạm Thị Trung", GIAO_BAN, 1),
    ("pham thi trung", GIAO_BAN, 3),  # without diacritics: thì, thị, trung (tâm)... anywhere in two more
    # places
    ("Điện Biên Phủ", TONG_KET, 1),
    ('"dien bien phu"', TONG_KET, 1),
    ("Điện Biên", GDTD, 2),
    # topics
    ("giao ban quý 2", GIAO_BAN, 1),
    ("sơ kết học kỳ I", SO_KET, 1),
    ("tổng kết năm học 2019 - 2020", GDTD, 1),
    ("kiên cố hóa", GDTD, 1),
    # numbers as written, and punctuation that is not syntax
    ("7.300 lớp", VPUB, 1),
    ("Sở GD&ĐT Điện Biên", GDTD, 1),
    ('"Điện Biên', GDTD, 2),
    # operators
    ('"Vừ A Bằng" OR "Phạm Thị Trung"', VPUB, 2),
    ('"Điện Biên" -"Điện Biên Phủ"', GDTD, 1),
])
def test_which_article_comes_first(cli, warehouse_db, query, first, matches):
    urls = _urls(cli("search", query, "--db", warehouse_db, check=True).stdout)
    assert urls[:1] == [first] and len(urls) == matches, urls


def test_each_result_says_which_date_it_shows(cli, warehouse_db):
    out = cli("search", '"Vừ A Bằng" OR "Phạm Thị Trung"', "--db", warehouse_db, check=True).stdout
    lines = [line for line in out.splitlines() if "[" in line and "]  " in line]
    assert any("2021-02-25 published  [dienbien.gov.vn]" in line for line in lines)  # the page's own date
    assert any("2021-07-23 from text  [sgddt-portal.invalid]" in line for line in lines)  # "Chiều 23/7" in the text


def test_search_filters_by_person_and_source(cli, warehouse_db):
    by_person = cli("search", "hoi nghi", "--person", "Phạm Thị Trung", "--db", warehouse_db, check=True).stdout
    assert _urls(by_person) == [GIAO_BAN]
    # without diacritics and part of a name, as `people` matches names
    for name in ("pham thi trung", "thị trung", "PHẠM THỊ"):
        out = cli("search", "hoi nghi", "--person", name, "--db", warehouse_db, check=True).stdout
        assert _urls(out) == [GIAO_BAN], name
    # one syllable of a name: Phạm Thị Trung and Hà Quang Trung
    trung = cli("search", "hoi nghi", "--person", "Trung", "--db", warehouse_db, check=True).stdout
    assert sorted(_urls(trung)) == sorted([GIAO_BAN, TONG_KET])
    kien = cli("search", "hoi nghi", "--person", "nguyen van kien", "--db", warehouse_db, check=True).stdout
    assert sorted(_urls(kien)) == sorted([SO_KET, VPUB, GDTD])
    by_source = cli("search", "hoi nghi", "--source", "dienbien.gov.vn", "--db", warehouse_db, check=True).stdout
    assert sorted(_urls(by_source)) == sorted([VPUB, SO_KET])
    assert "[dienbien.gov.vn]" in by_source and "[dienbien.edu.vn]" not in by_source


def test_province_means_the_province_an_article_is_about(cli, warehouse_db):
    # the national paper's "Điện Biên: …" is about Điện Biên; the unnamed portal's report is not
    out = cli("search", "hoi nghi", "--province", "Dien Bien", "--db", warehouse_db, check=True).stdout
    assert sorted(_urls(out)) == sorted([GDTD, TONG_KET, SO_KET, VPUB])
    assert cli("search", "hoi nghi", "--province", "Tỉnh Điện Biên", "--db", warehouse_db, check=True).stdout == out
    none = cli("search", "hoi nghi", "--province", "Lai Châu", "--db", warehouse_db, check=True).stdout
    assert "No articles match." in none


def test_dates_filter_on_the_date_shown(cli, warehouse_db):
    out = cli("search", "hoi nghi", "--since", "2021-01-01", "--until", "2021-07-31", "--db", warehouse_db, check=True).stdout
    assert sorted(_urls(out)) == sorted([VPUB, GIAO_BAN])  # 2021-02-25 published, 2021-07-23 from the text


@pytest.mark.parametrize("args, says", [
    (["--province", "Dien Bein"], "--province 'Dien Bein': not a province"),
    (["--source", "nowhere.vn"], "--source 'nowhere.vn': no such source"),
    (["--since", "2021-02-30"], "'2021-02-30' does not match the format"),
    (["--since", "2022-01-01", "--until", "2021-01-01"], "2022-01-01 is after --until 2021-01-01"),
    (["--limit", "0"], "0 is not in the range 1<=x<=1000"),
    (["--person", "--"], "--person '--': no name in it"),
])
def test_filters_that_cannot_mean_anything_are_one_error_line(cli, warehouse_db, args, says):
    result = cli("search", "hoi nghi", *args, "--db", warehouse_db)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], result.stderr


@pytest.mark.parametrize("query", ["'; DROP TABLE articles; --", "100% \"quoted\" OR SELECT", "", "   ", "x" * 10000,
                                   "giáo " * 2000, '"', "-", "OR", "- -- \"\" OR", "(a AND b) NOT c*", "-hội -nghị",
                                   "\\ ' ` ~ ! @ # $ ^ & * ( ) [ ] { } | ; : , . < > / ?"])
def test_search_odd_queries_never_trace(cli, warehouse_db, query):
    result = cli("search", query, "--db", warehouse_db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


def test_tone_placement_and_diacritics(cli, warehouse_db):
    # "hoá" (old placement) and "hóa" are one word; typed with diacritics, "hòa" is not "hóa"
    old = cli("search", "chuẩn hoá", "--db", warehouse_db, check=True).stdout
    new = cli("search", "chuẩn hóa", "--db", warehouse_db, check=True).stdout
    assert old == new and "https://" in new
    assert "No articles match." in cli("search", "chuẩn hòa", "--db", warehouse_db, check=True).stdout
    assert _urls(cli("search", "chuan hoa", "--db", warehouse_db, check=True).stdout) == _urls(new)


def test_people_shows_both_roles_with_dates(cli, warehouse_db):
    out = cli("people", "Nguyễn Văn Kiên", "--db", warehouse_db, check=True).stdout
    lines = out.splitlines()
    pgd = next(l for l in lines if "Phó Giám đốc phụ trách" in l)
    gd = next(l for l in lines if "Giám đốc" in l and "Phó" not in l)
    assert "2018-01-26" in pgd
    assert "2020-10-02" in gd and "2021-02-25" in gd


def test_export_parquet_and_sql(cli, warehouse_db, tmp_path):
    out = cli("export", "--format", "parquet", tmp_path / "x", "--db", warehouse_db, check=True).stdout
    assert "figures" in out and (tmp_path / "x" / "figures.parquet").exists()
    sql = cli("sql", "SELECT count(*) AS n FROM articles", "--db", warehouse_db, check=True).stdout
    assert [line.strip() for line in sql.splitlines()] == ["n", "5"]
    bad = cli("sql", "SELEC nonsense", "--db", warehouse_db)
    assert bad.exit_code == 2 and bad.stderr.startswith("error: SQL error")


@pytest.mark.parametrize("body, query, expected", [
    # punctuation-only words and punctuation stuck to words keep every word in place
    ("Sáng 24/2 – tại Hội trường, ông Nguyễn Văn Kiên, Giám đốc Sở GD&ĐT, phát biểu.", "kien giam doc",
     "… Hội trường, ông Nguyễn Văn [Kiên,] [Giám] [đốc] Sở GD&ĐT, phát biểu."),
    # typed with diacritics: hòa matches hoà (one tone placement), not hóa
    ("Xã Hoà Bình hoàn thành kiên cố hóa trường lớp; hòa nhập.", "hòa",
     "Xã [Hoà] Bình hoàn thành kiên cố hóa trường lớp; [hòa] nhập."),
    # per syllable: Nguyễn with its diacritics, van and kien without
    ("Ông Nguyên Văn Kiến và ông Nguyễn Văn Kiên", "Nguyễn van kien",
     "Ông Nguyên [Văn] [Kiến] và ông [Nguyễn] [Văn] [Kiên]"),
    # a word the index cuts in two (GD&ĐT) is marked when a piece matches
    ("Sở GD&ĐT Điện Biên", "GD&ĐT", "Sở [GD&ĐT] Điện Biên"),
    # a zero-width character inside a word, a word that is only a mark
    ("Ông Vừ\u200bA Bằng — ” Giám\u00a0đốc", "bang giam", "Ông Vừ\u200bA [Bằng] — ” [Giám] đốc"),
    ("", "so", ""),
])
def test_snippet_marks_the_matched_words_in_place(body, query, expected):
    from warehouse.query_language import terms_of
    from warehouse.queries import snippet

    assert snippet(body, terms_of(query)) == expected


def test_snippet_centres_on_the_densest_run_of_matches():
    from warehouse.query_language import terms_of
    from warehouse.queries import snippet

    body = " ".join(["giáo"] + ["khác"] * 100 + ["Điện", "Biên", "giáo", "dục", "Điện", "Biên"] + ["khác"] * 100)
    shown = snippet(body, terms_of("dien bien giao"), width=12)
    assert shown.startswith("… ") and shown.endswith(" …")
    assert shown.count("[") == 5 and "[Điện] [Biên] [giáo] dục [Điện] [Biên]" in shown


def test_levels_and_changes_are_never_on_one_chart_without_a_legend(warehouse_db):
    from warehouse.queries import series
    from warehouse.series_chart import series_figure

    fig = series_figure(series(warehouse_db, "Điện Biên", "institutions", kinds=["level", "change"]))
    levels, changes = fig.axes
    assert levels.get_legend() is not None and changes.get_legend() is not None
    assert [t.get_text() for t in changes.get_legend().get_texts()] == ["reported changes (green +, red −)"]
    assert levels.get_ylim()[0] == 0 and changes.get_ylim()[0] < 0 < changes.get_ylim()[1]
    assert changes.get_ylabel() == "change in number of schools and centres"
    assert [p.get_height() for p in changes.patches] == [-21.0]


def test_series_input_errors_are_one_line(cli, warehouse_db):
    for args, needle in ((["--province", "Atlantis"], "not a province name"),
                         (["--province", "Điện Biên", "--as-of", "1999"], "--as-of"),
                         (["--province", "Điện Biên", "--kind", "average"], "--kind")):
        result = cli("series", *args, "--metric", "institutions", "--db", warehouse_db)
        assert result.exit_code == 2 and result.stderr.startswith("error:") and needle in result.stderr, result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    # a known province with no figures of that metric is no error
    out = cli("series", "--province", "Cà Mau", "--metric", "institutions", "--db", warehouse_db, check=True).stdout
    assert out.startswith("No levels of institutions for Cà Mau")
