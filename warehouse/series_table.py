"""Statistic series kept ready: ``series_periods`` holds, for every province and metric, the rows
``queries.series`` answers with (one per period, the period's reports side by side), so that
asking for a series reads a few rows instead of aggregating figures at query time.

Why by hand: a province reported by hundreds of portals has tens of thousands of reports of one
metric in a big warehouse, and aggregating them per question (scan the figures, join their
articles, format and concatenate every report) took 0.4 s at 1M articles (benchmarks/RESULTS.md).
DuckDB has no materialised views, so this module is one, refreshed by group:

Rows are per province as reported (``Long An``, ``Tây Ninh``), metric, kind and period; a series of
a province of 2025 (``--as-of 2025``) is put together from its constituents' rows at query time
(``queries.series``).

- whatever changes the figures of an article (a load replacing its rows) or whether the article
  counts (a syndicated copy linked to its original) writes the article's (province, metric)
  pairs to ``series_dirty``, in the same transaction as the change;
- ``refresh`` recomputes the dirty groups after a load;
- until it has, ``queries.series`` aggregates a dirty group from the figures themselves, so an
  answer is never stale, only slower.
"""
from __future__ import annotations

# a province compared the way users type it: "Dien Bien" = "Điện Biên"
FOLDED_PROVINCE = "replace(strip_accents(lower(coalesce(province, ''))), 'đ', 'd')"


def mark_changed(con, pairs) -> None:
    """The series of these (province, metric) pairs need recomputing."""
    pairs = {(province, metric) for province, metric in pairs if metric is not None}
    if pairs:
        con.execute("INSERT INTO series_dirty SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[])",
                    [[p for p, _ in pairs], [m for _, m in pairs]])


def mark_articles(con, article_ids: list[str]) -> None:
    """The series with figures of these articles need recomputing."""
    if article_ids:
        mark_changed(con, con.execute("SELECT DISTINCT province, metric FROM figures WHERE article_id = ANY(?)",
                                      [article_ids]).fetchall())


def mark_all(con) -> None:
    """Every series needs recomputing (a database from before this table existed)."""
    mark_changed(con, con.execute("SELECT DISTINCT province, metric FROM figures").fetchall())


def refresh(con) -> int:
    """Recompute the series marked changed; returns how many (province, metric) groups. Run
    inside the caller's transaction, after a load."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE series_refresh AS
                    SELECT DISTINCT {FOLDED_PROVINCE} AS province_key, metric FROM series_dirty""")
    groups = con.execute("SELECT count(*) FROM series_refresh").fetchone()[0]
    if groups:
        con.execute("""DELETE FROM series_periods WHERE EXISTS (
                           SELECT 1 FROM series_refresh r
                           WHERE r.province_key = series_periods.province_key AND r.metric = series_periods.metric)""")
        con.execute("INSERT INTO series_periods BY NAME " + periods_sql("series_refresh"))
        con.execute("DELETE FROM series_dirty")
    con.execute("DROP TABLE series_refresh")
    return groups


def is_dirty(con, province_key: str, metric: str) -> bool:
    return con.execute(f"SELECT count(*) FROM series_dirty WHERE metric = ? AND {FOLDED_PROVINCE} = ?",
                       [metric, province_key]).fetchone()[0] > 0


def periods_sql(groups: str) -> str:
    """The ``series_periods`` rows of the (province_key, metric) pairs in the relation ``groups``:
    for each kind of figure (levels, changes, intakes …) and unit, one row per period, reports of
    non-duplicate articles in the order they were published, an article repeating a figure
    counted once, ``source_ids`` (each source once) and ``articles`` (how many give the reports).
    A decrease counts as a negative value. ``value`` is set where every report of
    the period gives the same number; ``disagree`` marks the periods whose reports differ.
    Plain aggregates: a window function costs ~10 ms even over a few rows."""
    return f"""
        WITH f AS (
            SELECT article_id, {FOLDED_PROVINCE} AS province_key, metric, kind, unit, period,
                   CASE WHEN change = 'decrease' THEN -value ELSE value END AS value, qualifier, change
            FROM figures
            WHERE metric IS NOT NULL AND kind IS NOT NULL
        ),
        g AS (SELECT f.* FROM f JOIN {groups} r ON r.province_key = f.province_key AND r.metric = f.metric),
        reports AS (
            SELECT g.province_key, g.metric, g.kind, g.unit, g.period, g.value, a.url,
                   any_value(a.source_id) AS source_id, any_value(a.published) AS published,
                   min(CASE g.change WHEN 'increase' THEN '+' WHEN 'decrease' THEN '-' ELSE '' END
                       || CASE g.qualifier WHEN 'over' THEN '>' WHEN 'under' THEN '<' WHEN 'about' THEN '~'
                                           WHEN 'nearly' THEN '≈' ELSE '' END
                       || CASE WHEN abs(g.value) = round(abs(g.value))
                               THEN replace(format('{{:,}}', abs(g.value)::HUGEINT), ',', '.')
                               ELSE replace(abs(g.value)::VARCHAR, '.', ',') END
                       || CASE WHEN g.unit = 'percent' THEN '%' ELSE '' END) AS shown
            FROM g JOIN (SELECT article_id, url, source_id, published FROM articles
                         WHERE article_id IN (SELECT article_id FROM g) AND duplicate_of IS NULL) a USING (article_id)
            GROUP BY g.province_key, g.metric, g.kind, g.unit, g.period, g.value, a.url
        )
        SELECT province_key, metric, kind, unit, period,
               CASE WHEN count(DISTINCT value) = 1 THEN any_value(value) END AS value,
               count(DISTINCT value) > 1 AS disagree,
               string_agg(shown, ' | ' ORDER BY published NULLS LAST, url, value) AS reported,
               count(*) AS reports,
               string_agg(source_id || ' (' || coalesce(strftime(published, '%Y-%m-%d'), 'undated') || ')', ' | '
                          ORDER BY published NULLS LAST, url, value) AS sources,
               string_agg(url, ' | ' ORDER BY published NULLS LAST, url, value) AS url,
               list_sort(list(DISTINCT source_id) FILTER (WHERE source_id IS NOT NULL)) AS source_ids,
               count(DISTINCT url) AS articles
        FROM reports GROUP BY province_key, metric, kind, unit, period"""
