"""The development gold, scored as the contract says, through the real CLI."""
from conftest import GOLD, ROOT


def test_evaluate_meets_minimums_with_zero_span_errors(cli):
    proc = cli("evaluate", GOLD, "--min-f1", "figures=0.95", "--min-f1", "officials=0.90", "--min-f1", "dates=0.95")
    assert proc.exit_code == 0, proc.stdout + proc.stderr
    for line in proc.stdout.splitlines()[1:4]:
        assert line.split()[-1] == "0", f"span errors: {line}"


def test_evaluate_fails_below_minimum(cli, tmp_path, gold):
    import json
    article = dict(gold[0])
    missed = {"text": "9.999 trường", "value": 9999.0, "unit": "count", "qualifier": "exact", "change": None,
              "object": "trường", "metric": "institutions"}
    article["figures"] = article["figures"] + [missed]  # in the gold, not in the text: recall < 1
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    proc = cli("evaluate", path, "-q", "--min-f1", "figures=0.99")
    assert proc.exit_code == 1 and "BELOW MINIMUM: figures F1" in proc.stderr


def test_extract_writes_contract_records(cli, tmp_path, gold):
    out = tmp_path / "out.jsonl"
    cli("extract", GOLD, "-o", out, check=True)
    import json
    rows = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [g["id"] for g in gold]
    for r in rows:
        for kind in ("figures", "officials", "dates"):
            for rec in r[kind]:
                assert r["text"][rec["start"]:rec["end"]] == rec["text"]


def test_real_headlines_gold(cli):
    """Second gold file: real portal headlines from the seeds' chrome, annotated to the contract."""
    proc = cli("evaluate", ROOT / "tests" / "data" / "headlines.gold.jsonl", "--min-f1", "figures=0.95",
               "--min-f1", "officials=0.90", "--min-f1", "dates=0.95")
    assert proc.exit_code == 0, proc.stdout + proc.stderr


def test_real_articles_gold(cli):
    """The real articles the extractor was developed on (dev and the later fresh set): their scores
    may not fall below what they were when the fresh set's classes were fixed."""
    # (fresh: 0.928 / 0.988 with 625 articles; the contested readings are listed in its README)
    for name, figures, dates in (("dev", 0.985, 0.99), ("fresh", 0.925, 0.985)):
        proc = cli("evaluate", ROOT / "tests" / "data" / "real" / f"{name}.gold.jsonl", "-q", "--min-f1",
                   f"figures={figures}", "--min-f1", "officials=0.97", "--min-f1", f"dates={dates}")
        assert proc.exit_code == 0, name + proc.stdout + proc.stderr
