"""What an editor's query means, before any index is read: words, "phrases", OR, -excluded, the
unquoted runs whose neighbouring syllables are boosted, diacritics per syllable, and punctuation
that is never a syntax error."""
import pytest

from warehouse.query_language import MAX_TERMS, FOLDED, TONED, parse, terms_of
from nlp.normalize import strip_diacritics, view_text


def shape(query):
    parsed = parse(query)
    text = lambda phrase: " ".join(t.toned for t in phrase.terms)  # noqa: E731
    return ([" OR ".join(text(p) for p in clause) for clause in parsed.required],
            [text(p) for p in parsed.excluded],
            [" ".join(t.toned for t in run) for run in parsed.runs])


@pytest.mark.parametrize("query, required, excluded, runs", [
    ("Nguyễn Văn Kiên", ["nguyễn", "văn", "kiên"], [], ["nguyễn văn kiên"]),
    ('"Điện Biên" OR "Lai Châu" tuyển sinh', ["điện biên OR lai châu", "tuyển", "sinh"], [], ["tuyển sinh"]),
    ('hoc sinh -"dien bien phu" -abc', ["hoc", "sinh"], ["dien bien phu", "abc"], ["hoc sinh"]),
    # OR joins the word or phrase on either side, as in Google
    ("kiên cố OR kien co hoa", ["kiên", "cố OR kien", "co", "hoa"], [], ["co hoa"]),
    # punctuation: a chunk the tokenizer cuts is the phrase of its pieces; numbers as written
    ("Sở GD&ĐT 7.300 học sinh 97,5%", ["sở", "gd đt", "7 300", "học", "sinh", "97 5"], [],
     ["sở gd đt 7 300 học sinh 97 5"]),
    ("2020-2021 Hoà Bình", ["2020 2021", "hòa", "bình"], [], ["2020 2021 hòa bình"]),  # one tone placement
    # a stray quote opens a phrase to the end; operators with nothing to act on are ignored
    ('"Điện Biên', ["điện biên"], [], []),
    ("a OR", ["a"], [], []),
    ("OR a b", ["a", "b"], [], ["a b"]),
    ("x OR -y z", ["x", "z"], ["y"], []),
    ("- -- \"\" OR", [], [], []),
    # Media Cloud's AND and NOT; parentheses and wildcards are punctuation
    ("(a AND b) NOT c*", ["a", "b"], ["c"], ["a b"]),
    ('tuyển sinh NOT "Hà Nội" OR x', ["tuyển", "sinh", "x"], ["hà nội"], ["tuyển sinh"]),
    # a word typed twice is required once
    ("giáo giáo dục", ["giáo", "dục"], [], ["giáo giáo dục"]),
    ("-hội -nghị", [], ["hội", "nghị"], []),
    ("2020 - 2021", ["2020", "2021"], [], ["2020 2021"]),  # a dash between spaces is punctuation
])
def test_query_shapes(query, required, excluded, runs):
    assert shape(query) == (required, excluded, runs)


def test_diacritics_are_routed_per_syllable():
    (nguyen, van, kien), = [clause[0].terms for clause in parse('"Nguyễn van Kiên"').required]
    assert (nguyen.has_diacritics, van.has_diacritics, kien.has_diacritics) == (True, False, True)
    assert (nguyen.toned, nguyen.folded, van.folded) == ("nguyễn", "nguyen", "van")
    assert parse('"Nguyễn van Kiên"').required[0][0].routing == "mixed"
    assert parse('"nguyen van kien"').required[0][0].routing == "folded"
    assert parse('"Nguyễn Văn Kiên"').required[0][0].routing == "toned"
    assert parse("ĐT").required[0][0].terms[0].folded == "dt"


def test_the_analyzers_fold_as_strip_diacritics_does():
    words = set()
    for text in ("Điện Biên Phủ, Hoà Bình, Thuỷ lợi, Ưu tiên Đắk Lắk; ĐỒNG CHÍ VỪ A BẰNG", "Ðiện (eth) Quảng Trị",
                 "Thừa Thiên Huế, Bà Rịa - Vũng Tàu, Khánh Hoà, Kon Tum, Gia Lai, Cà Mau, Bạc Liêu"):
        words.update(TONED.analyze(view_text(text).lower()))
    for word in words:
        assert FOLDED.analyze(word) == [strip_diacritics(word)], word


def test_a_query_reads_at_most_max_terms_syllables():
    parsed = parse(" ".join(f"w{i}" for i in range(MAX_TERMS * 3)))
    assert len(parsed.required) == MAX_TERMS
    assert terms_of("x" * 10_000) == ()  # a run of letters longer than any word is not a word
