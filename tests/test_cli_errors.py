"""Bad input ends with one clear error line and a non-zero exit, never a traceback."""
import socket

from conftest import run_cli


def _one_error_line(proc):
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    return lines[0]


def test_bad_db_path(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = _one_error_line(run_cli("run", "--db", blocker / "sub" / "news.duckdb"))
    assert "--db" in line


def test_corrupt_database(tmp_path):
    db = tmp_path / "corrupt.duckdb"
    db.write_bytes(b"this is not a database" * 500)
    line = _one_error_line(run_cli("run", "--db", db))
    assert "not a valid DuckDB database" in line and str(db) in line


def test_unreachable_start_url(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = _one_error_line(run_cli("run", "--db", tmp_path / "n.duckdb", "--start-url", f"http://127.0.0.1:{port}/tin-tuc/"))
    assert f"127.0.0.1:{port}" in line and "connection refused" in line


def test_malformed_sources_file_names_entry_and_field(tmp_path):
    src = tmp_path / "sources.toml"
    src.write_text('[[source]]\nid = "a"\nname = "A"\nkind = "so_gddt"\nplatform = "nukeviet4"\nstart_urls = ["https://a.vn/"]\n\n'
                   '[[source]]\nid = "b"\nname = "B"\nkind = "school"\nplatform = "nukeviet4"\nstart_urls = ["https://b.vn/"]\n',
                   encoding="utf-8")
    line = _one_error_line(run_cli("run", "--db", tmp_path / "n.duckdb", "--sources", src))
    assert "entry 2 ('b')" in line and "'kind'" in line


def test_help_lists_commands():
    out = run_cli("--help").stdout
    for cmd in ("run", "process", "extract", "evaluate", "search", "series", "people", "export", "sql"):
        assert cmd in out
