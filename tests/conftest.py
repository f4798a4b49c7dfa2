import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"


def run_cli(*args, check=False, timeout=300):
    proc = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"pipeline.py {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def gold():
    return [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """The bundled sample crawled once, end to end, into a fresh database."""
    db = tmp_path_factory.mktemp("sample") / "news.duckdb"
    first = run_cli("run", "--db", db, check=True)
    return {"db": db, "first_run": first}


@pytest.fixture(scope="session")
def nlp():
    from nlp.pipeline import build_nlp
    return build_nlp()


@pytest.fixture
def extract(nlp):
    from nlp.pipeline import extract_articles

    def _extract(text, published=None, title="", province=None):
        art = {"id": "t", "title": title, "text": text, "published": published, "province": province}
        return next(iter(extract_articles(nlp, [art])))[1]
    return _extract
