"""The NLP stage is a spaCy pipeline a notebook can use as one: configured from nlp/pipeline.cfg,
results in doc.spans with span attributes, records made from the spans."""
import shutil

import pytest

from nlp.pipeline import build_nlp, extract_articles, records_of

TEXT = ("Năm học 2020 – 2021, ngành giáo dục quản lý 497 trường, trung tâm với hơn 7.300 lớp. "
        "Chiều 24/2, đồng chí Vừ A Bằng, Phó Chủ tịch UBND tỉnh thăm Sở.")


def test_pipeline_is_configured_and_writes_span_groups(nlp):
    assert nlp.pipe_names == ["vi_dates", "vi_figures", "vi_officials"]
    doc = nlp(TEXT)
    assert doc.text == TEXT
    figures = {span.text: span for span in doc.spans["figures"]}
    assert set(figures) == {"497 trường, trung tâm", "hơn 7.300 lớp"}
    assert (figures["hơn 7.300 lớp"]._.value, figures["hơn 7.300 lớp"]._.qualifier,
            figures["hơn 7.300 lớp"]._.metric) == (7300.0, "over", "classes")
    assert [(s.text, s.label_) for s in doc.spans["dates"]] == [("Năm học 2020 – 2021", "school_year"), ("Chiều 24/2", "date")]
    (official,) = doc.spans["officials"]
    assert (official.text, official._.position, official._.organization, official._.honorific) == (
        "Vừ A Bằng", "Phó Chủ tịch", "UBND tỉnh", "đồng chí")


def test_records_resolve_what_needs_the_articles_metadata(nlp):
    records = records_of(nlp(TEXT), title="", published="2021-02-25", province="Điện Biên")
    assert [d["value"] for d in records["dates"]] == ["2020-2021", "2021-02-24"]
    assert records["officials"][0]["organization_normalized"] == "Ủy ban nhân dân tỉnh Điện Biên"
    assert {(f["value"], f["period"], f["province"]) for f in records["figures"]} == {
        (497.0, "2020-2021", "Điện Biên"), (7300.0, "2020-2021", "Điện Biên")}
    for kind in ("figures", "officials", "dates"):
        for rec in records[kind]:
            assert TEXT[rec["start"]:rec["end"]] == rec["text"]


def test_two_processes_give_the_records_of_one(nlp, gold):
    articles = [{"id": g["id"], "title": g["title"], "text": g["text"], "published": g["published"]} for g in gold] * 2
    one = [rec for _, rec in extract_articles(nlp, articles, n_process=1)]
    two = [rec for _, rec in extract_articles(nlp, articles, n_process=2)]
    assert one == two and sum(len(r["figures"]) for r in one) > 40


def test_vocabularies_come_from_the_configured_folder(tmp_path):
    from conftest import ROOT

    data = tmp_path / "data"
    shutil.copytree(ROOT / "nlp" / "data", data)
    with (data / "metrics.tsv").open("a", encoding="utf-8") as fh:
        fh.write("libraries\tthư viện\n")
    try:
        custom = build_nlp({f"components.{c}.data_dir": str(data) for c in ("vi_dates", "vi_figures", "vi_officials")})
        doc = custom("Toàn tỉnh có 120 thư viện.")
        assert [span._.metric for span in doc.spans["figures"]] == ["libraries"]
    finally:
        default = build_nlp()  # back to the package's own vocabularies for the other tests
    doc = default("Toàn tỉnh có 120 thư viện.")
    assert [span._.metric for span in doc.spans["figures"]] == [None]


def test_tokens_stay_aligned_where_underthesea_normalises_a_spelling(nlp):
    """underthesea writes "qui mô" as "quy mô"; the Doc must keep the text and word boundaries,
    not swallow what follows into one token (a figure and a date then shared one span)."""
    text = ("Kinh phí đầu tư Trường Bình Chuẩn 2 là 102 tỷ đồng, có qui mô 30 lớp học bán trú. "
            "Cả 3 trường đều được đầu tư trong năm học 2018-2019.")
    doc = nlp(text)
    assert doc.text == text
    assert max(len(token.text.split()) for token in doc) <= 3
    records = records_of(doc, "", "2018-05-01", None)
    assert [d["value"] for d in records["dates"]] == ["2018-2019"]
    assert {(f["value"], f["unit"]) for f in records["figures"]} == {(102e9, "vnd"), (30.0, "count"), (3.0, "count")}
