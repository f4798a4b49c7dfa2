"""Article extraction on the layout fixtures (platform templates with real articles): per layout,
how many titles and dates are exact and the body's token precision/recall, for the article stage
(``crawler.articles.page_to_article``) and for trafilatura + htmldate alone on the same pages, and
pages per second of each (measured in the same run).

    python -m benchmarks.layout_extraction [--folder layouts] [--generic] [--show]

``--generic`` reads every page with the generic layout (no platform adapter), as for a portal
nobody described; ``--show`` prints each wrong field.
"""
from __future__ import annotations

import argparse
import time

from tests import layout_sites as ls


def _trafilatura(html: bytes, url: str):
    import trafilatura
    from htmldate import find_date

    from crawler.articles.decode import decode_html

    text = decode_html(html).text
    doc = trafilatura.bare_extraction(text, url=url, with_metadata=True)
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (dict(doc) if doc else {})
    try:
        date = find_date(text, url=url, original_date=True)
    except Exception:  # noqa: BLE001
        date = None
    return data.get("title"), date, data.get("text")


def _ours(html: bytes, url: str, charset: str | None, generic: bool):
    from crawler.articles import ArticleError, page_to_article

    try:
        a = page_to_article(url, html, charset, "generic" if generic else None)
    except ArticleError:
        return None, None, None
    return a.title, a.published, a.body


def measure(folder: str = "layouts", generic: bool = False, show: bool = False) -> list[dict]:
    rows = []
    for layout_dir in ls.layouts(folder):
        spec = ls.load(layout_dir)
        charset = spec.get("encoding")
        row = {"layout": spec["name"], "articles": len(spec["articles"])}
        for label, reader in (("ours", lambda h, u: _ours(h, u, charset, generic)), ("trafilatura", _trafilatura)):
            titles = dates = clean = 0
            precision = recall = 0.0
            seconds = 0.0
            for art in spec["articles"]:
                html = ls.page_bytes(spec, art["url"])
                url = f"https://{spec['host']}{art['url']}"
                t = time.perf_counter()
                title, published, body = reader(html, url)
                seconds += time.perf_counter() - t
                p, r = ls.body_scores(art["body"], body)
                titles += ls.same_text(art["title"], title)
                dates += ls.same_date(art["published"], published)
                clean += p >= 0.98 and r >= 0.98
                precision += p
                recall += r
                if show and label == "ours":
                    if not ls.same_text(art["title"], title):
                        print(f"  [{spec['name']}] title {title!r} != {art['title']!r}")
                    if not ls.same_date(art["published"], published):
                        print(f"  [{spec['name']}] date {published!r} != {art['published']!r}  {art['url']}")
                    if p < 0.98 or r < 0.98:
                        print(f"  [{spec['name']}] body P={p:.3f} R={r:.3f}  {art['url']}")
            n = len(spec["articles"])
            row[label] = {"titles": titles, "dates": dates, "clean": clean, "precision": precision / n,
                          "recall": recall / n, "pages_per_s": n / seconds if seconds else 0.0}
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| layout | articles | reader | titles exact | dates exact | bodies >= 0.98 P and R | body P | body R | pages/s |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    totals = {}
    for r in rows:
        for label in ("ours", "trafilatura"):
            m = r[label]
            lines.append(f"| {r['layout']} | {r['articles']} | {label} | {m['titles']} | {m['dates']} | {m['clean']} | "
                         f"{m['precision']:.3f} | {m['recall']:.3f} | {m['pages_per_s']:.0f} |")
            t = totals.setdefault(label, {"n": 0, "titles": 0, "dates": 0, "clean": 0, "s": 0.0})
            t["n"] += r["articles"]
            for k in ("titles", "dates", "clean"):
                t[k] += m[k]
            t["s"] += r["articles"] / m["pages_per_s"] if m["pages_per_s"] else 0.0
    for label, t in totals.items():
        lines.append(f"| **all** | {t['n']} | {label} | {t['titles']} | {t['dates']} | {t['clean']} | | | "
                     f"{t['n'] / t['s']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", default="layouts")
    ap.add_argument("--generic", action="store_true")
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    print(table(measure(args.folder, args.generic, args.show)))


if __name__ == "__main__":
    main()
