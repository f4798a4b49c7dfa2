"""Generated corpora for the warehouse benchmark: realistic Vietnamese education news at any size.

Bodies are real sentences (the seed articles' own, split at sentence ends) drawn at random until
the length of a seed-sized article is reached, with numbers re-drawn and a province, a school year
and an official planted; the figures and the official the NLP stage would find in the planted
sentences are returned as warehouse rows. Deterministic for a given seed.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROVINCES = ["Điện Biên", "Lai Châu", "Sơn La", "Lào Cai", "Hà Giang", "Yên Bái", "Cao Bằng", "Bắc Kạn",
             "Nghệ An", "Thanh Hóa", "Hòa Bình", "Tuyên Quang", "Quảng Nam", "Gia Lai", "Kon Tum", "Đắk Lắk"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Lò", "Vừ", "Giàng", "Quàng", "Hoàng", "Đặng", "Bùi", "Đỗ", "Vũ", "Mùa"]
MIDDLE = ["Văn", "Thị", "A", "Đình", "Hữu", "Thanh", "Minh", "Quốc", "Ngọc", "Xuân"]
GIVEN = ["Kiên", "Bằng", "Chu", "Hoa", "Trung", "Nam", "Lan", "Hùng", "Minh", "Dua", "Sơn", "Thắng", "Hương",
         "Tuấn", "Phong", "Dung", "Huyền", "Chính", "Sử", "Pó"]
POSITIONS = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Chủ tịch UBND tỉnh"]
PLANTED = ("Năm học {sy}, ngành giáo dục tỉnh {prov} quản lý {n1} trường, trung tâm với hơn {n2} lớp, "
           "trên {n3} học sinh.")
OFFICIAL = "Đồng chí {name}, {position} Sở Giáo dục và Đào tạo tỉnh {prov} phát biểu chỉ đạo hội nghị."


def _dotted(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def seed_sentences() -> list[str]:
    gold = [json.loads(line) for line in (ROOT / "tests" / "data" / "seeds.gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [s for g in gold for s in re.split(r"(?<=[.;!?])\s+", g["text"].replace("\n", " ")) if len(s) > 20]


def _figure(aid, seq, text, at, value, qualifier, obj, metric, province, period, sentence) -> dict:
    from nlp.context import province_2025_of

    return {"article_id": aid, "seq": seq, "text": text, "start_char": at, "end_char": at + len(text), "value": value,
            "unit": "count", "qualifier": qualifier, "object": obj, "metric": metric, "province": province,
            "province_2025": province_2025_of(province), "province_basis": "sentence", "kind": "level",
            "period": period, "sentence": sentence, "extractor_version": "bench", "run_id": "bench"}


def batches(n: int, batch: int = 20000, seed: int = 7, first: int = 0):
    """(articles, figures, officials) row lists (dicts by column name) of at most ``batch`` articles each, ``n`` in all,
    numbered from ``first``."""
    sentences = seed_sentences()
    number = re.compile(r"\d+")
    rnd = random.Random(seed + first)
    start = dt.date(2015, 1, 1)
    extracted = dt.datetime(2026, 1, 1)
    for lo in range(first, first + n, batch):
        arts, figs, offs = [], [], []
        for i in range(lo, min(first + n, lo + batch)):
            p = rnd.randrange(len(PROVINCES))
            prov = PROVINCES[p]
            y = rnd.randint(2015, 2024)
            sy = f"{y} - {y + 1}"
            name = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)}"
            n1, n2, n3 = rnd.randint(300, 700), rnd.randint(5000, 9000), rnd.randint(100000, 250000)
            planted = PLANTED.format(sy=sy, prov=prov, n1=n1, n2=_dotted(n2), n3=_dotted(n3))
            official = OFFICIAL.format(name=name, position=rnd.choice(POSITIONS), prov=prov)
            target = rnd.randint(2800, 5200)  # the seeds' range of lengths
            paras, size = [planted, official], len(planted) + len(official)
            while size < target:
                s = rnd.choice(sentences)
                s = number.sub(lambda m: str(rnd.randint(1, 10 ** len(m.group())) if len(m.group()) < 4 else m.group()), s)
                s = s.replace("Điện Biên", prov)
                paras.append(s)
                size += len(s) + 1
            body = "\n".join(" ".join(paras[k:k + 4]) for k in range(0, len(paras), 4))
            url = f"https://so{p}.edu.vn/news/tin-tuc/bai-{i}.html"
            aid = hashlib.sha1(url.encode()).hexdigest()[:16]
            pub = start + dt.timedelta(days=rnd.randint(0, 3600))
            arts.append({"article_id": aid, "url": url, "source_id": f"so{p}", "platform": "nukeviet",
                         "title": f"Tổng kết năm học {sy} tại {prov} ({i})", "published": pub, "event_date": pub,
                         "body": body, "body_sha1": hashlib.sha1(body.encode()).hexdigest(), "warnings": [],
                         "extracted_at": extracted, "run_id": "bench"})
            sentence = planted
            period = f"{y}-{y + 1}"
            at = planted.index(f"{n1} trường")
            figs.append(_figure(aid, 0, f"{n1} trường, trung tâm", at, float(n1), "exact", "trường, trung tâm",
                                "institutions", prov, period, sentence))
            text = f"trên {_dotted(n3)} học sinh"
            at = planted.index(text)
            figs.append(_figure(aid, 1, text, at, float(n3), "over", "học sinh", "students", prov, period, sentence))
            at = len(planted) + 1 + official.index(name)
            offs.append({"article_id": aid, "seq": 0, "person_key": name.lower(), "name": name, "honorific": "đồng chí",
                         "position": official.split(", ")[1].split(" Sở")[0], "organization": "Sở Giáo dục và Đào tạo",
                         "organization_normalized": f"Sở Giáo dục và Đào tạo tỉnh {prov}", "other_roles": [],
                         "former": False, "start_char": at, "end_char": at + len(name), "sentence": official,
                         "extractor_version": "bench", "run_id": "bench"})
        yield arts, figs, offs
