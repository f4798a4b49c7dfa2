-- Migration 7: every series period keeps the distinct sources of its reports (`source_ids`) and how
-- many articles give them (`articles`). Both were read out of the period's whole list of reports
-- each time a series was shown: tens of thousands of reports a period for a province reported by
-- hundreds of portals, about 25 ms of the web app's series page at a million articles. The rows
-- already kept get them from those lists now; every later refresh computes them
-- (warehouse/series_table.py).
ALTER TABLE series_periods ADD COLUMN IF NOT EXISTS source_ids VARCHAR[];
ALTER TABLE series_periods ADD COLUMN IF NOT EXISTS articles BIGINT;
UPDATE series_periods
SET source_ids = list_sort(list_distinct(list_transform(string_split(sources, ' | '),
                                                        x -> regexp_replace(x, ' \((\d{4}-\d{2}-\d{2}|undated)\)$', '')))),
    articles = len(list_distinct(string_split(url, ' | ')));
