"""A tiny run of every benchmark through benchmarks/run_all.py, so that none of them can rot: the
report it writes must hold each section with figures measured in this run."""
import re
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # crawls, kills or kernels: `make test-all`


def test_run_all_writes_every_section_with_measured_figures(tmp_path):
    out = tmp_path / "RESULTS.md"
    proc = subprocess.run([sys.executable, "-m", "benchmarks.run_all", "--out", str(out),
                           "--nlp-repeat", "1", "--pages", "12", "--cluster-pages", "12", "--cluster-rounds", "1",
                           "--sizes", "300", "--scratch", str(tmp_path / "db")],
                          capture_output=True, text=True, timeout=900, cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = out.read_text(encoding="utf-8")
    assert "Machine: 2 cores" in report or re.search(r"Machine: \d+ cores", report)
    # NLP: both kinds of text, one and two processes, each as a ratio to word_tokenize
    for kind in ("seed-sized", "long"):
        assert re.search(rf"\| {kind} .*\| pipeline, `n_process=2` \| [\d.]+ \| [\d,]+ \| [\d.]+x word_tokenize, "
                         r"[\d.]+x one process \|", report), kind
        # and the machine's own ceiling for two processes, measured beside them
        assert re.search(rf"\| {kind} .*\| `word_tokenize` in 2 processes \| [\d.]+ \| [\d,]+ \| [\d.]+x word_tokenize \|",
                         report), kind
    assert re.search(r"\| seed-sized \(\d+ articles\) \| [\d.]+ \| [\d.]+ \| [\d.]+x \|", report)  # NLP CPU vs the floor
    # article extraction: both sets of layouts, ours and trafilatura, with totals
    for folder in ("layouts", "layouts_unseen", "layouts_unseen2", "layouts_unseen3", "layouts_unseen4", "layouts_unseen5",
                   "layouts_unseen6"):
        assert f"`tests/fixtures/{folder}/`" in report
    assert len(re.findall(r"^\| \*\*all\*\* \| \d+ \| ours \| \d+ \| \d+ \| \d+ \| \| \| \d+ \|$", report, re.M)) == 7
    # end to end: all 12 generated pages crawled, processed and loaded
    assert "12 generated NukeViet pages, 12 articles loaded" in report
    assert re.search(r"\| crawl to loaded warehouse \| [\d.]+ \| [\d.]+ \|", report)
    # cluster: one and two workers against the local path, with the ceiling and the overhead split
    assert re.search(r"\| cluster, `--cluster local:2` \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+x one worker",
                     report), report
    assert re.search(r"Two workers against one: \*\*[\d.]+x\*\* on 12 pages, \*\*(-?[\d.]+|nan)x\*\* per page .* ceiling .*: "
                     r"[\d.]+x\)", report)
    assert re.search(r"overhead vs the local path: [+-][\d.]+% time", report)
    # warehouse: the 300-article corpus with every column filled
    row = re.search(r"^\| 300 \|(.*)\|$", report, re.M)
    assert row, report
    cells = [c.strip() for c in row.group(1).split("|")]
    assert len(cells) == 11 and all(re.fullmatch(r"[\d.,]+( / [\d.,]+)?", c) for c in cells), cells
    # web app: server time of each page on the same corpus, with the part spent getting a connection,
    # and the same pages served with --per-request
    for page in ("search", "article", "series"):
        assert re.search(rf"^\| 300 \| {page} \| \d+ \| [\d.]+ / [\d.]+ \| [\d.]+ \| [\d.]+ \| [\d.]+ / [\d.]+ \([\d.]+\) \|$", report,
                         re.M), page
