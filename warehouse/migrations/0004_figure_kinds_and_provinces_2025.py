"""Migration 4: what sort of number each figure is, and its province across the merger of
1 July 2025 (docs/DATA_DICTIONARY.md, contract section 1):

- ``figures.kind`` (level, change, intake, need, target, result, rate, amount), so that a series
  never mixes sorts; ``figures.province_2025``, the province the reported one belongs to from
  2025-07-01; ``figures.province_basis``, where the province came from (sentence, title, source,
  dateline, or the source's province inferred from its articles);
- ``sources.province_basis``: ``registry`` where the registry gives the province, ``articles``
  where it was inferred from what the source's articles say;
- ``series_periods`` keyed by kind (and unit) instead of a changes flag, with a ``disagree`` flag
  and signed changes; rebuilt from the figures at the next load.

Figures stored by an earlier version get their kind and 2025 province here, from the article
text and offsets the warehouse keeps (the NLP stage's own rules, ``nlp.kinds``), so that an
existing warehouse's level series lose their intakes, shortages and targets at once; their
province is written as ``provinces.tsv`` names it (``Thành phố Hồ Chí Minh`` -> ``Hồ Chí Minh``);
their ``province_basis`` stays unknown (NULL) until the pages are processed again.
"""
from __future__ import annotations


def up(con) -> None:
    con.execute("ALTER TABLE figures ADD COLUMN IF NOT EXISTS kind VARCHAR")
    con.execute("ALTER TABLE figures ADD COLUMN IF NOT EXISTS province_2025 VARCHAR")
    con.execute("ALTER TABLE figures ADD COLUMN IF NOT EXISTS province_basis VARCHAR")
    con.execute("ALTER TABLE sources ADD COLUMN IF NOT EXISTS province_basis VARCHAR")
    con.execute("UPDATE sources SET province_basis = 'registry' WHERE province IS NOT NULL AND province_basis IS NULL")
    _backfill(con)
    con.execute("DROP TABLE IF EXISTS series_periods")
    con.execute("""
        CREATE TABLE series_periods (
            province_key VARCHAR NOT NULL,   -- the province as reported, without diacritics, lower case
            metric       VARCHAR NOT NULL,
            kind         VARCHAR NOT NULL,   -- figures.kind
            unit         VARCHAR NOT NULL,
            period       VARCHAR,
            value        DOUBLE,             -- the value every report of the period gives (changes signed)
            disagree     BOOLEAN NOT NULL,   -- the period's reports give different values
            reported     VARCHAR,            -- every report, ' | ' between them
            reports      BIGINT NOT NULL,
            sources      VARCHAR,
            url          VARCHAR
        )""")
    con.execute("""INSERT INTO series_dirty SELECT DISTINCT province, metric FROM figures
                   WHERE metric IS NOT NULL""")


def _backfill(con, chunk: int = 2000) -> None:
    """Kind and 2025 province of the figures an earlier version stored."""
    from nlp.context import Sentences, province_2025_of, resolve_province
    from nlp.kinds import figure_kinds

    ids = [aid for (aid,) in con.execute("SELECT DISTINCT article_id FROM figures WHERE kind IS NULL "
                                         "ORDER BY article_id").fetchall()]
    for i in range(0, len(ids), chunk):
        part = ids[i:i + chunk]
        rows = con.execute("""
            SELECT f.article_id, f.seq, f.start_char, f.end_char, f.value, f.unit, f.change, f.metric, f.province,
                   a.body
            FROM figures f JOIN articles a USING (article_id)
            WHERE f.article_id = ANY(?) ORDER BY f.article_id, f.seq""", [part]).fetchall()
        by_article: dict[str, tuple[str, list[dict]]] = {}
        for aid, seq, start, end, value, unit, change, metric, province, body in rows:
            by_article.setdefault(aid, (body or "", []))[1].append(
                {"seq": seq, "start": start, "end": end, "value": value, "unit": unit, "change": change,
                 "metric": metric, "province": province})
        keys, seqs, kinds, names, provinces = [], [], [], [], []
        for aid, (body, figures) in by_article.items():
            figure_kinds(body, figures, Sentences(body))
            for f in figures:
                # the old gazetteer's long form (Thành phố Hồ Chí Minh) becomes the name of provinces.tsv
                name = resolve_province(f["province"]) or f["province"]
                keys.append(aid)
                seqs.append(f["seq"])
                kinds.append(f["kind"])
                names.append(name)
                provinces.append(province_2025_of(name))
        if keys:
            con.execute("""UPDATE figures SET kind = m.kind, province = m.province, province_2025 = m.province_2025
                           FROM (SELECT unnest(?::VARCHAR[]) AS article_id, unnest(?::INTEGER[]) AS seq,
                                        unnest(?::VARCHAR[]) AS kind, unnest(?::VARCHAR[]) AS province,
                                        unnest(?::VARCHAR[]) AS province_2025) m
                           WHERE figures.article_id = m.article_id AND figures.seq = m.seq""",
                        [keys, seqs, kinds, names, provinces])
    # a figure of an article that is gone (never expected) still gets a kind from its own fields
    con.execute("""UPDATE figures SET kind = CASE WHEN change IS NOT NULL THEN 'change'
                                                  WHEN unit = 'percent' OR unit LIKE '%/%' THEN 'rate'
                                                  WHEN unit <> 'count' THEN 'amount' ELSE 'level' END
                   WHERE kind IS NULL""")
