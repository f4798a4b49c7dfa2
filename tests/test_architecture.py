"""The stages depend one way: crawler -> articles -> nlp -> warehouse. The crawler (and its article
stage) never imports the warehouse, the warehouse never imports the crawler."""
import subprocess
import sys

import pytest

from conftest import ROOT

CRAWLER = ["crawler", "crawler.spiders.portal", "crawler.run", "crawler.articles", "crawler.registry", "crawler.page_store"]
WAREHOUSE = ["warehouse.db", "warehouse.load", "warehouse.queries", "warehouse.fulltext", "warehouse.query_language",
             "warehouse.partitions", "warehouse.datasets"]


def _top_level_modules_after_importing(modules: list[str]) -> set[str]:
    code = f"import sys, {', '.join(modules)}; print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("modules, forbidden", [
    (CRAWLER, {"warehouse", "orchestration", "pipeline", "webapp"}),
    (WAREHOUSE, {"crawler", "orchestration", "pipeline", "webapp"}),
    (["crawler.articles"], {"warehouse", "nlp", "webapp"}),
    (["nlp.pipeline"], {"crawler", "warehouse", "webapp"}),
    (["webapp.app", "webapp.data", "webapp.searching"], {"pipeline"}),  # the app reads; the CLI starts it
])
def test_stage_does_not_import(modules, forbidden):
    assert not (forbidden & _top_level_modules_after_importing(modules))
