-- Migration 6: indexes for what the web app reads per request (an article's figures, officials and
-- dates; a person's mentions; an article's syndicated copies). DuckDB uses an index for a filter on
-- its one column, not on the first column of a composite primary key: without these, reading one
-- article's figures scans the whole table (30 ms at 3M figures, measured), and a connection opened
-- per request starts every scan cold.
-- DuckDB cannot drop or rename a column of a table that has an index: a later step that does must
-- drop the table's index first and create it again after.
CREATE INDEX IF NOT EXISTS figures_article_id ON figures (article_id);
CREATE INDEX IF NOT EXISTS officials_article_id ON officials (article_id);
CREATE INDEX IF NOT EXISTS officials_person_key ON officials (person_key);
CREATE INDEX IF NOT EXISTS dates_article_id ON dates (article_id);
CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles (duplicate_of);
