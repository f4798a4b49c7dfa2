"""Warehouse at scale: generated corpora (Vietnamese text from templates, figures and names
planted) loaded through the real schema; load time, FTS build, search and series latency
(median, p95), database size and peak memory.

    python benchmarks/warehouse_scale.py --sizes 10000 100000 [--out benchmarks/out]

The NLP stage is not run here (benchmarks/nlp_speed.py measures it): rows are planted as the
NLP stage would write them, so this isolates what DuckDB does with them.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

PROVINCES = ["Điện Biên", "Lai Châu", "Sơn La", "Lào Cai", "Hà Giang", "Yên Bái", "Cao Bằng", "Bắc Kạn", "Nghệ An", "Thanh Hóa"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Lò", "Vừ", "Giàng", "Quàng", "Hoàng", "Đặng"]
MIDDLE = ["Văn", "Thị", "A", "Đình", "Hữu", "Thanh"]
GIVEN = ["Kiên", "Bằng", "Chu", "Hoa", "Trung", "Nam", "Lan", "Hùng", "Minh", "Dua"]
SENTENCES = [
    "Năm học {sy}, ngành giáo dục tỉnh {prov} quản lý {n1} trường, trung tâm với hơn {n2} lớp, trên {n3} học sinh.",
    "Đồng chí {name}, Giám đốc Sở Giáo dục và Đào tạo tỉnh {prov} phát biểu chỉ đạo hội nghị.",
    "Toàn ngành tập trung thực hiện các mục tiêu, nhiệm vụ phát triển giáo dục, nâng cao chất lượng đội ngũ.",
    "Công tác phổ cập giáo dục, xóa mù chữ tiếp tục được duy trì vững chắc ở các xã, phường, thị trấn.",
    "Cơ sở vật chất, thiết bị dạy học được đầu tư theo hướng kiên cố hóa, chuẩn hóa, hiện đại hóa.",
    "Tỷ lệ học sinh tốt nghiệp đạt {pct}%, tăng so với năm học trước.",
    "Hội nghị đã thống nhất {k} nhiệm vụ trọng tâm và {k2} nhóm giải pháp chủ yếu cho năm học mới.",
]


def generate(n: int, seed: int = 7):
    rnd = random.Random(seed)
    arts, figs, offs = [], [], []
    start = dt.date(2015, 1, 1)
    for i in range(n):
        prov = rnd.choice(PROVINCES)
        y = rnd.randint(2015, 2024)
        sy = f"{y} - {y + 1}"
        name = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
        n1, n2, n3 = rnd.randint(300, 700), rnd.randint(5000, 9000), rnd.randint(100000, 250000)
        paras = []
        for _ in range(rnd.randint(6, 12)):  # seed-sized: ~4-7k characters
            paras.append(" ".join(t.format(sy=sy, prov=prov, n1=n1, n2=f"{n2:,}".replace(",", "."),
                                           n3=f"{n3:,}".replace(",", "."), name=name, pct=f"{rnd.uniform(90, 99.9):.2f}".replace(".", ","),
                                           k=rnd.randint(5, 10), k2=rnd.randint(3, 6))
                                  for t in rnd.sample(SENTENCES, 4)))
        body = "\n".join(paras)
        url = f"https://so{PROVINCES.index(prov)}.edu.vn/news/tin-tuc/bai-{i}.html"
        aid = hashlib.sha1(url.encode()).hexdigest()[:16]
        pub = start + dt.timedelta(days=rnd.randint(0, 3600))
        arts.append((aid, url, f"so{PROVINCES.index(prov)}", "nukeviet", f"Tổng kết năm học {sy} tại {prov}", pub, None, pub,
                     None, body, None, None, aid, [], dt.datetime.now(), "bench"))
        sentence = f"Năm học {sy}, ngành giáo dục tỉnh {prov} quản lý {n1} trường, trung tâm"
        figs.append((aid, 0, f"{n1} trường, trung tâm", 0, 10, float(n1), "count", "exact", None, "trường, trung tâm",
                     "institutions", None, prov, f"{y}-{y + 1}", sentence, "bench", "bench"))
        figs.append((aid, 1, f"trên {n3} học sinh", 20, 40, float(n3), "count", "over", None, "học sinh", "students", None,
                     prov, f"{y}-{y + 1}", sentence, "bench", "bench"))
        offs.append((aid, 0, name.lower(), name, "đồng chí", "Giám đốc", "Sở Giáo dục và Đào tạo",
                     f"Sở Giáo dục và Đào tạo tỉnh {prov}", [], False, 0, len(name), sentence, "bench", "bench"))
    return arts, figs, offs


def timed(fn, repeat: int = 20) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def run(n: int, out_dir: Path) -> dict:
    from warehouse.db import connect  # noqa: F811
    from warehouse.load import _bulk_insert, link_duplicates, rebuild_search_index, search_text, toned_text
    from warehouse.queries import search, series

    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / f"scale-{n}.duckdb"
    for p in (db, Path(str(db) + ".wal")):
        p.unlink(missing_ok=True)
    t0 = time.perf_counter()
    con = connect(db)
    batch = 20000
    for lo in range(0, n, batch):
        arts, figs, offs = generate(min(batch, n - lo), seed=lo)
        arts = [(a[0] + f"{lo}",) + a[1:] for a in arts]  # unique ids per batch
        con.execute("BEGIN")
        _bulk_insert(con, "articles", [a[:1] + (a[1] + f"?b={lo}",) + a[2:] for a in arts])
        _bulk_insert(con, "figures", [(f[0] + f"{lo}",) + f[1:] for f in figs])
        _bulk_insert(con, "officials", [(o[0] + f"{lo}",) + o[1:] for o in offs])
        frame = pd.DataFrame({"article_id": [a[0] for a in arts], "toned": [toned_text(a[4], a[9]) for a in arts],
                              "folded": [search_text(a[4], a[9]) for a in arts]})
        con.register("sf", frame)
        con.execute("INSERT INTO search_docs SELECT * FROM sf")
        con.unregister("sf")
        con.execute("COMMIT")
    link_duplicates(con)
    load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    rebuild_search_index(con)
    fts_s = time.perf_counter() - t0
    con.execute("CHECKPOINT")
    con.close()
    queries = ["dien bien giam doc so", "tốt nghiệp", "kien co hoa co so vat chat", "Lò Văn"]
    search_med, search_p95 = timed(lambda: [search(db, q) for q in queries], repeat=5)
    series_med, series_p95 = timed(lambda: series(db, "Điện Biên", "institutions"), repeat=10)
    # the same with one open connection (a notebook, a service): no per-query open + extension load
    con = connect(db, read_only=True, create=False)
    search(con, queries[0])
    warm_search_med, warm_search_p95 = timed(lambda: [search(con, q) for q in queries], repeat=5)
    warm_series_med, _ = timed(lambda: series(con, "Điện Biên", "institutions"), repeat=10)
    con.close()
    return {"articles": n, "load_s": load_s, "fts_build_s": fts_s,
            "warm_search_median_ms": 1000 * warm_search_med / len(queries),
            "warm_search_p95_ms": 1000 * warm_search_p95 / len(queries), "warm_series_median_ms": 1000 * warm_series_med,
            "search_median_ms": 1000 * search_med / len(queries), "search_p95_ms": 1000 * search_p95 / len(queries),
            "series_median_ms": 1000 * series_med, "series_p95_ms": 1000 * series_p95,
            "db_mb": db.stat().st_size / 2**20, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10000])
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "out"))
    args = ap.parse_args()
    print("per query: CLI-style (open db + load FTS each time) / with an open connection")
    print("articles  load_s  fts_s  search_med_ms  search_p95_ms  series_med_ms  series_p95_ms  db_mb  peak_rss_mb")
    for n in args.sizes:
        r = run(n, Path(args.out))
        print(f"{r['articles']:>8} {r['load_s']:7.1f} {r['fts_build_s']:6.1f} "
              f"{r['search_median_ms']:6.1f}/{r['warm_search_median_ms']:6.1f} {r['search_p95_ms']:6.1f}/{r['warm_search_p95_ms']:6.1f} "
              f"{r['series_median_ms']:6.1f}/{r['warm_series_median_ms']:6.1f} {r['series_p95_ms']:14.1f} "
              f"{r['db_mb']:6.0f} {r['peak_rss_mb']:12.0f}", flush=True)


if __name__ == "__main__":
    main()
