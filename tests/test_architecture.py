"""The stages depend one way: crawler -> articles -> nlp -> warehouse. The crawler (and its article
stage) never imports the warehouse, the warehouse never imports the crawler."""
import subprocess
import sys

import pytest

from conftest import ROOT


def _imported_after(module: str) -> set[str]:
    code = f"import sys, {module}; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("module, forbidden", [
    ("crawler", "warehouse"), ("crawler.spiders.portal", "warehouse"), ("crawler.run", "warehouse"),
    ("crawler.articles", "warehouse"), ("crawler.articles", "nlp"),
    ("warehouse.load", "crawler"), ("warehouse.queries", "crawler"), ("warehouse.page_store", "crawler"),
    ("nlp.pipeline", "crawler"), ("nlp.pipeline", "warehouse"),
])
def test_stage_does_not_import(module, forbidden):
    assert forbidden not in _imported_after(module)
