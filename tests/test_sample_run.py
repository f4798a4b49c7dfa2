"""`pipeline.py run` on the bundled sample: what a user checks after the first command. The
article and warehouse checks run on the sample's pages processed in-process (fast tier); the
crawl's own summary, re-runs and progress bars on a real crawl (slow tier)."""
import duckdb
import pytest

from conftest import run_cli

CHROME = ["Tin mới nhất", "Thống kê truy cập", "Đánh giá của bạn", "Lượt xem", "Đọc bài viết",
          "Tổng lượt truy cập", "người đã bình chọn", "Xếp hạng", "Những tin cũ hơn", "Theo dienbien.edu.vn"]


def _con(db):
    return duckdb.connect(str(db["db"] if isinstance(db, dict) else db), read_only=True)


def test_five_articles_with_titles_dates_and_clean_bodies(warehouse_db, gold):
    con = _con(warehouse_db)
    rows = {r[0]: r for r in con.execute("SELECT title, published, author, body, url FROM articles").fetchall()}
    assert len(rows) == 5
    expected_dates = {"000": "2021-02-25", "001": "2021-09-05"}
    for g in gold:
        assert g["title"] in rows, f"missing article {g['title']!r}"
        title, published, author, body, url = rows[g["title"]]
        assert body == g["text"]
        assert author == g.get("author")
        if g["id"][:3] in expected_dates:
            assert str(published) == expected_dates[g["id"][:3]]
        else:
            assert published is None  # the page shows no date: none is invented
        for word in CHROME:
            assert word not in body
        assert url.startswith("https://") and "127.0.0.1" not in url


def test_figure_497_institutions_with_sentence_and_url(warehouse_db):
    con = _con(warehouse_db)
    row = con.execute("""SELECT f.text, f.value, f.metric, f.sentence, a.url, f.province, f.period
                         FROM figures f JOIN articles a USING (article_id) WHERE f.value = 497""").fetchone()
    text, value, metric, sentence, url, province, period = row
    assert (text, value, metric) == ("497 trường, trung tâm", 497.0, "institutions")
    assert "quản lý 497 trường, trung tâm với hơn 7.300 lớp" in sentence
    assert url.startswith("https://dienbien.gov.vn/")
    assert (province, period) == ("Điện Biên", "2020-2021")


@pytest.mark.slow
def test_raw_pages_are_kept_as_web_archive_files(sample_db):
    """The pages as received, in WARC files any web-archive tool reads (here warcio's own reader),
    and each page row points at its record."""
    from warcio.archiveiterator import ArchiveIterator

    import orchestration

    store = orchestration.page_store_dir(sample_db["db"])
    responses = {}
    for path in sorted(store.glob("*.warc.gz")):
        with open(path, "rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    responses[rec.rec_headers.get_header("X-Page-URL")] = rec.content_stream().read()
    con = _con(sample_db)
    rows = con.execute("SELECT url, warc_file, warc_offset FROM pages WHERE outcome = 'article'").fetchall()
    assert len(rows) == 5 and set(responses) == {url for url, _, _ in rows}
    for url, warc_file, offset in rows:
        assert b"<html" in responses[url].lower()
        with open(store / warc_file, "rb") as fh:
            fh.seek(offset)
            assert next(ArchiveIterator(fh)).rec_headers.get_header("X-Page-URL") == url


@pytest.mark.slow
def test_summary_names_sources_counts_and_database(sample_db):
    out = sample_db["first_run"].stdout
    for source in ("dienbien.gov.vn", "dienbien.edu.vn", "giaoducthoidai.vn", "sgddt-portal.invalid"):
        assert source in out
    assert "41 figures, 15 officials, 45 dates" in out
    assert str(sample_db["db"].resolve()) in out


@pytest.mark.slow
def test_second_run_adds_nothing(sample_db, tmp_path):
    from conftest import index_entries

    con = _con(sample_db)
    tables = ("pages", "articles", "figures", "officials", "dates")
    before = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    con.close()
    before["search index"] = index_entries(sample_db["db"])
    again = run_cli("run", "--db", sample_db["db"], check=True)
    assert "Nothing new was found" in again.stdout
    con = _con(sample_db)
    after = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    con.close()
    after["search index"] = index_entries(sample_db["db"])
    assert after == before == {**before, "search index": 5}


def test_process_all_replaces_rows_without_duplicating(cli, warehouse_db, tmp_path):
    from conftest import copy_database

    db = tmp_path / "copy.duckdb"
    copy_database(warehouse_db, db)
    con = _con(db)
    before = con.execute("SELECT count(*), sum(value) FROM figures").fetchone()
    con.close()
    cli("process", "--all", "--db", db, check=True)
    con = _con(db)
    assert con.execute("SELECT count(*), sum(value) FROM figures").fetchone() == before


@pytest.mark.slow
def test_progress_bars_on_a_terminal_and_silence_in_a_pipe(sample_db, tmp_path):
    """Long stages show progress to a person at a terminal; logs and pipes get none of it."""
    import fcntl
    import os
    import pty
    import struct
    import subprocess
    import sys
    import termios

    from conftest import ROOT

    assert sample_db["first_run"].stderr == ""  # run through pipes: no bar, no noise
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal has a width
    proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "run", "--db", str(tmp_path / "tty.duckdb")],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=300) == 0
    os.close(leader)
    text = seen.decode("utf-8", "replace")
    assert "crawl" in text and "page" in text  # the crawl's bar counts pages
