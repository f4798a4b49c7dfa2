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


def test_three_notebooks_exist():
    assert len(NOTEBOOKS) == 3
