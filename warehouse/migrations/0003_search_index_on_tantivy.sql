-- Migration 3: the search index moves to tantivy, in a directory beside the database file
-- (<db stem>.search/, warehouse/search.py); the hand-written index's tables go. The next load (or
-- search, or `pipeline.py reindex`) builds the new index from `articles`.
DROP INDEX IF EXISTS search_docs_doc_no;
DROP INDEX IF EXISTS search_terms_term_key;
DROP INDEX IF EXISTS search_terms_folded_key;
DROP TABLE IF EXISTS search_postings;
DROP TABLE IF EXISTS search_terms;
DROP TABLE IF EXISTS search_hidden;
DROP TABLE IF EXISTS search_docs;

-- Bumped by every transaction that changes articles (a load, linking syndicated copies): the
-- search index records the generation it is in step with, so a reader sees at once when it is
-- behind (a crash between a load and the index's commit) and brings it in step.
CREATE TABLE IF NOT EXISTS articles_generation (
    generation BIGINT NOT NULL
);
INSERT INTO articles_generation SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM articles_generation);
