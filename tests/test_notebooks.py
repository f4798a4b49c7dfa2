"""Each notebook runs top to bottom against the sample database, and is committed without outputs."""
import os
from pathlib import Path

import pytest
import nbformat
from nbclient import NotebookClient

pytestmark = pytest.mark.slow  # crawls, kills or kernels: `make test-all`

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs(path, sample_db, monkeypatch):
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "commit notebooks without outputs"
    monkeypatch.setenv("NEWS_DB", str(sample_db["db"]))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    # a chart cell (tagged "chart") shows its chart in the executed notebook, not an empty output
    charts = [c for c in nb.cells if "chart" in c.metadata.get("tags", [])]
    for cell in charts:
        images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
        assert images, f"chart cell without an image: {cell.source}"
        assert len(images[0]["data"]["image/png"]) > 5000  # a drawn chart, not a blank
    if path.name.startswith("02_"):
        assert len(charts) >= 2


def test_notebook_01_counts_rows_and_queries_levels(sample_db, monkeypatch):
    """The table sizes are counted (DuckDB's estimated_size said 10 articles where there were 5), and
    the README's query on statistic_series returns levels only."""
    path = NOTEBOOKS[0]
    nb = nbformat.read(path, as_version=4)
    monkeypatch.setenv("NEWS_DB", str(sample_db["db"]))
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    tables = next(c for c in nb.cells if c.cell_type == "code" and "count(*) FROM" in c.source)
    html = tables.outputs[0]["data"]["text/plain"]
    assert any(line.split()[1:] == ["articles", "5"] for line in html.splitlines()[1:])
    readme = next(c for c in nb.cells if c.cell_type == "code" and "FROM statistic_series WHERE metric = 'institutions'" in c.source)
    text = readme.outputs[0]["data"]["text/plain"]
    assert "522.0" in text and "497.0" in text and "21.0" not in text


def test_three_notebooks_exist():
    assert len(NOTEBOOKS) == 3
