"""Bad input ends with one clear error line and exit code 2, never a traceback."""
import socket

import pytest

from conftest import run_cli


def _one_error_line(result):
    assert result.exit_code == 2 if hasattr(result, "exit_code") else result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_bad_db_path(cli, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    line = _one_error_line(cli("run", "--db", blocker / "sub" / "news.duckdb"))
    assert "--db" in line


def test_corrupt_database(cli, tmp_path):
    db = tmp_path / "corrupt.duckdb"
    db.write_bytes(b"this is not a database" * 500)
    line = _one_error_line(cli("run", "--db", db))
    assert "not a valid DuckDB database" in line and str(db) in line


@pytest.mark.slow
def test_unreachable_start_url(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    line = _one_error_line(run_cli("run", "--db", tmp_path / "n.duckdb", "--start-url", f"http://127.0.0.1:{port}/tin-tuc/"))
    assert f"127.0.0.1:{port}" in line and "connection refused" in line
    assert list(tmp_path.iterdir()) == []  # no empty database, page store or crawl state left behind


def test_malformed_sources_file_names_entry_and_field(cli, tmp_path):
    src = tmp_path / "sources.toml"
    src.write_text('[[source]]\nid = "a"\nname = "A"\nkind = "so_gddt"\nplatform = "nukeviet4"\nstart_urls = ["https://a.vn/"]\n\n'
                   '[[source]]\nid = "b"\nname = "B"\nkind = "school"\nplatform = "nukeviet4"\nstart_urls = ["https://b.vn/"]\n',
                   encoding="utf-8")
    line = _one_error_line(cli("run", "--db", tmp_path / "n.duckdb", "--sources", src))
    assert "entry 2 ('b')" in line and "'kind'" in line


def test_help_lists_every_command_with_its_summary(cli):
    out = cli("--help", check=True).stdout
    listed = {line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.startswith("  ")}
    assert listed == {"run", "process", "extract", "evaluate", "search", "reindex", "series", "people", "export", "import",
                      "sql", "serve"}


def test_output_piped_into_a_reader_that_stops_early_is_a_success(warehouse_db):
    """`pipeline.py search … | head -1`: the reader closes the pipe before the results are written;
    a script must see exit 0 and no traceback (here the reader closes it before anything is read)."""
    import subprocess
    import sys

    from conftest import ROOT

    proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "search", "dien bien", "--db", str(warehouse_db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and stderr == "", stderr
