"""What editors, researchers and analysts run against the sample database."""
import pytest

from conftest import run_cli


def test_series_institutions_dien_bien(sample_db):
    out = run_cli("series", "--province", "Điện Biên", "--metric", "institutions", "--db", sample_db["db"], check=True).stdout
    lines = [l for l in out.splitlines() if l.strip()]
    row_1920 = next(l for l in lines if l.startswith("2019-2020"))
    row_2021 = next(l for l in lines if l.startswith("2020-2021"))
    assert "522" in row_1920 and "giaoducthoidai.vn" in row_1920
    assert "497" in row_2021 and "dienbien.gov.vn" in row_2021


def test_series_plot(sample_db, tmp_path):
    png = tmp_path / "s.png"
    run_cli("series", "--province", "Dien Bien", "--metric", "institutions", "--plot", png, "--db", sample_db["db"], check=True)
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_search_without_diacritics_finds_the_director(sample_db):
    out = run_cli("search", "dien bien giam doc so", "--db", sample_db["db"], check=True).stdout
    assert "Vừ A Bằng" in out or "Giám đốc Sở" in out
    assert out.count("https://") >= 3
    assert "[Giám]" in out or "[giám]" in out  # matched words are marked


def test_search_filters_by_person_and_source(sample_db):
    out = run_cli("search", "hoi nghi", "--person", "Phạm Thị Trung", "--db", sample_db["db"], check=True).stdout
    assert "sgddt-portal.invalid" in out and "dienbien" not in out


@pytest.mark.parametrize("query", ["'; DROP TABLE articles; --", "100% \"quoted\" OR SELECT", "", "   ", "x" * 10000,
                                   "giáo " * 2000])
def test_search_odd_queries_never_trace(sample_db, query):
    proc = run_cli("search", query, "--db", sample_db["db"])
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout.strip()


def test_tone_placement_and_diacritics(sample_db):
    # "hoá" (old placement) and "hóa" are one word; typed with diacritics, "hòa" is not "hóa"
    old = run_cli("search", "chuẩn hoá", "--db", sample_db["db"], check=True).stdout
    new = run_cli("search", "chuẩn hóa", "--db", sample_db["db"], check=True).stdout
    assert old == new and "https://" in new


def test_people_shows_both_roles_with_dates(sample_db):
    out = run_cli("people", "Nguyễn Văn Kiên", "--db", sample_db["db"], check=True).stdout
    lines = out.splitlines()
    pgd = next(l for l in lines if "Phó Giám đốc phụ trách" in l)
    gd = next(l for l in lines if "Giám đốc" in l and "Phó" not in l)
    assert "2018-01-26" in pgd
    assert "2020-10-02" in gd and "2021-02-25" in gd


def test_export_parquet_and_sql(sample_db, tmp_path):
    out = run_cli("export", "--format", "parquet", tmp_path / "x", "--db", sample_db["db"], check=True).stdout
    assert "figures" in out and (tmp_path / "x" / "figures.parquet").exists()
    sql = run_cli("sql", "SELECT count(*) AS n FROM articles", "--db", sample_db["db"], check=True).stdout
    assert "5" in sql
    bad = run_cli("sql", "SELEC nonsense", "--db", sample_db["db"])
    assert bad.returncode != 0 and bad.stderr.startswith("error: SQL error")



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
