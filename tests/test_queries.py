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


def test_search_without_diacritics_finds_the_directors_articles(cli, warehouse_db):
    out = cli("search", "dien bien giam doc so", "--db", warehouse_db, check=True).stdout
    urls = [line.strip() for line in out.splitlines() if line.strip().startswith("https://")]
    assert len(urls) == 5  # every sample article names Điện Biên or a director
    assert "[Giám]" in out  # matched words are marked in the snippet


def test_search_filters_by_person_and_source(cli, warehouse_db):
    by_person = cli("search", "hoi nghi", "--person", "Phạm Thị Trung", "--db", warehouse_db, check=True).stdout
    urls = [line.strip() for line in by_person.splitlines() if line.strip().startswith("https://")]
    assert urls == ["https://sgddt-portal.invalid/tin-tuc/hoi-nghi-truc-tuyen-giao-ban-nganh-quy-2-2021.html"]
    by_source = cli("search", "hoi nghi", "--source", "dienbien.gov.vn", "--db", warehouse_db, check=True).stdout
    urls = [line.strip() for line in by_source.splitlines() if line.strip().startswith("https://")]
    assert urls and all(u.startswith("https://dienbien.gov.vn/") for u in urls)
    assert "[dienbien.gov.vn]" in by_source and "[dienbien.edu.vn]" not in by_source


@pytest.mark.parametrize("query", ["'; DROP TABLE articles; --", "100% \"quoted\" OR SELECT", "", "   ", "x" * 10000,
                                   "giáo " * 2000])
def test_search_odd_queries_never_trace(cli, warehouse_db, query):
    result = cli("search", query, "--db", warehouse_db)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()


def test_tone_placement_and_diacritics(cli, warehouse_db):
    # "hoá" (old placement) and "hóa" are one word; typed with diacritics, "hòa" is not "hóa"
    old = cli("search", "chuẩn hoá", "--db", warehouse_db, check=True).stdout
    new = cli("search", "chuẩn hóa", "--db", warehouse_db, check=True).stdout
    assert old == new and "https://" in new


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


@pytest.mark.parametrize("body, terms, toned, expected", [
    # punctuation-only words and punctuation stuck to words keep every word in place
    ("Sáng 24/2 – tại Hội trường, ông Nguyễn Văn Kiên, Giám đốc Sở GD&ĐT, phát biểu.",
     ["kien", "giam", "doc"], False,
     "… Hội trường, ông Nguyễn Văn [Kiên,] [Giám] [đốc] Sở GD&ĐT, phát biểu."),
    # typed with diacritics: hòa matches hoà (one tone placement), not hóa
    ("Xã Hoà Bình hoàn thành kiên cố hóa trường lớp; hòa nhập.", ["hòa"], True,
     "Xã [Hoà] Bình hoàn thành kiên cố hóa trường lớp; [hòa] nhập."),
    # a zero-width character inside a word, a word that is only a mark
    ("Ông Vừ\u200bA Bằng — ” Giám\u00a0đốc", ["bang", "giam"], False,
     "Ông Vừ\u200bA [Bằng] — ” [Giám] đốc"),
    ("", ["so"], False, ""),
])
def test_snippet_marks_the_matched_words_in_place(body, terms, toned, expected):
    from warehouse.queries import snippet

    assert snippet(body, terms, toned=toned) == expected


def test_snippet_centres_on_the_densest_run_of_matches():
    from warehouse.queries import snippet

    body = " ".join(["giáo"] + ["khác"] * 100 + ["Điện", "Biên", "giáo", "dục", "Điện", "Biên"] + ["khác"] * 100)
    shown = snippet(body, ["dien", "bien", "giao"], width=12)
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
