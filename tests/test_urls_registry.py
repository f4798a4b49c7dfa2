from crawler.registry import RegistryError, load_registry
from crawler.urls import canonical_url

import pytest


@pytest.mark.parametrize("variant", [
    "http://dienbien.edu.vn/news/print/tin-tuc/Bai-Viet-7415.html",
    "https://dienbien.edu.vn/news/savefile/tin-tuc/Bai-Viet-7415.html",
    "https://DienBien.edu.vn/news/sendmail/tin-tuc/Bai-Viet-7415.html?utm_source=zalo&utm_medium=x",
    "https://dienbien.edu.vn/news/tin-tuc/Bai-Viet-7415.html#comments",
])
def test_canonical_url_variants(variant):
    assert canonical_url(variant) == "https://dienbien.edu.vn/news/tin-tuc/Bai-Viet-7415.html"


def test_canonical_keeps_meaningful_query():
    assert canonical_url("https://a.vn/x.aspx?ItemID=5&utm_campaign=y") == "https://a.vn/x.aspx?ItemID=5"


def test_bundled_registries_load():
    sources = load_registry()
    assert any(s.source_id == "dienbien.edu.vn" and s.province == "Điện Biên" for s in sources)
    assert len({s.province for s in sources if s.kind == "so_gddt"}) >= 50


@pytest.mark.parametrize("body,needle", [
    ("[[source]]\nid = 'a'\n", "entry 1 ('a'), field 'name'"),
    ("[[source]]\nid='a'\nname='A'\nkind='so_gddt'\nplatform='typo3'\nstart_urls=['https://a.vn']\n", "field 'platform'"),
    ("[[source]]\nid='a'\nname='A'\nkind='so_gddt'\nplatform='generic'\nstart_urls=['ftp://a.vn']\n", "field 'start_urls'"),
    ("this is = not toml [", "not valid TOML"),
])
def test_malformed_registry(tmp_path, body, needle):
    path = tmp_path / "s.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    assert needle in str(err.value) and str(path) in str(err.value)
