"""What editors, researchers and analysts run against the sample's warehouse (in-process CLI)."""
import pytest


def test_series_institutions_dien_bien(cli, warehouse_db):
    out = cli("series", "--province", "Điện Biên", "--metric", "institutions", "--db", warehouse_db, check=True).stdout
    lines = [l for l in out.splitlines() if l.strip()]
    row_1920 = next(l for l in lines if l.startswith("2019-2020"))
    row_2021 = next(l for l in lines if l.startswith("2020-2021"))
    assert "522" in row_1920 and "giaoducthoidai.vn" in row_1920
    assert "497" in row_2021 and "dienbien.gov.vn" in row_2021


def test_series_plot(cli, warehouse_db, tmp_path):
    png = tmp_path / "s.png"
    cli("series", "--province", "Dien Bien", "--metric", "institutions", "--plot", png, "--db", warehouse_db, check=True)
    assert png.read_bytes()[:4] == b"\x89PNG"


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
