-- Migration 1: the warehouse tables as of the first versioned release.
-- Documented column by column in docs/DATA_DICTIONARY.md.
CREATE TABLE IF NOT EXISTS runs (
    run_id            VARCHAR PRIMARY KEY,
    command           VARCHAR NOT NULL,
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    status            VARCHAR NOT NULL,          -- running | ok | failed
    extractor_version VARCHAR,
    details           JSON
);

CREATE TABLE IF NOT EXISTS sources (
    source_id       VARCHAR PRIMARY KEY,
    name            VARCHAR NOT NULL,
    province        VARCHAR,
    kind            VARCHAR NOT NULL,            -- so_gddt | phong_gddt | ubnd_tinh | newspaper | other
    platform        VARCHAR NOT NULL,
    start_urls      VARCHAR[],
    allowed_domains VARCHAR[],
    verified        BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE IF NOT EXISTS pages (
    url          VARCHAR PRIMARY KEY,            -- canonical URL
    source_id    VARCHAR NOT NULL,
    fetched_url  VARCHAR,                        -- the URL as requested
    status       INTEGER,                        -- HTTP status, NULL when no response
    outcome      VARCHAR NOT NULL,               -- article | attachment | failed
    error        VARCHAR,
    content_type VARCHAR,
    http_charset VARCHAR,
    fetched_at   TIMESTAMP NOT NULL,
    body_sha1    VARCHAR,
    body_zlib    BLOB,                           -- the body as received, zlib-compressed
    parent_url   VARCHAR,                        -- for attachments: the page linking to it
    run_id       VARCHAR
);

CREATE TABLE IF NOT EXISTS articles (
    article_id      VARCHAR PRIMARY KEY,         -- first 16 hex of sha1(canonical URL)
    url             VARCHAR NOT NULL UNIQUE,
    source_id       VARCHAR NOT NULL,
    platform        VARCHAR,
    title           VARCHAR,
    published       DATE,
    published_at    TIMESTAMP,
    event_date      DATE,                        -- published, else the first dated event in the text
    author          VARCHAR,
    body            VARCHAR NOT NULL,
    credited_source VARCHAR,
    duplicate_of    VARCHAR,
    body_sha1       VARCHAR,
    warnings        VARCHAR[],
    extracted_at    TIMESTAMP NOT NULL,
    run_id          VARCHAR
);

CREATE TABLE IF NOT EXISTS figures (
    article_id        VARCHAR NOT NULL,
    seq               INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    value             DOUBLE NOT NULL,
    unit              VARCHAR NOT NULL,
    qualifier         VARCHAR NOT NULL,
    change            VARCHAR,
    object            VARCHAR,
    metric            VARCHAR,
    total             DOUBLE,
    province          VARCHAR,
    period            VARCHAR,
    sentence          VARCHAR,
    extractor_version VARCHAR NOT NULL,
    run_id            VARCHAR,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE IF NOT EXISTS officials (
    article_id              VARCHAR NOT NULL,
    seq                     INTEGER NOT NULL,
    person_key              VARCHAR NOT NULL,
    name                    VARCHAR NOT NULL,
    honorific               VARCHAR,
    position                VARCHAR NOT NULL,
    organization            VARCHAR,
    organization_normalized VARCHAR,
    other_roles             VARCHAR[],
    former                  BOOLEAN NOT NULL,
    start_char              INTEGER NOT NULL,
    end_char                INTEGER NOT NULL,
    sentence                VARCHAR,
    extractor_version       VARCHAR NOT NULL,
    run_id                  VARCHAR,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE IF NOT EXISTS dates (
    article_id        VARCHAR NOT NULL,
    seq               INTEGER NOT NULL,
    text              VARCHAR NOT NULL,
    start_char        INTEGER NOT NULL,
    end_char          INTEGER NOT NULL,
    type              VARCHAR NOT NULL,
    value             VARCHAR,
    part_of_day       VARCHAR,
    sentence          VARCHAR,
    extractor_version VARCHAR NOT NULL,
    run_id            VARCHAR,
    PRIMARY KEY (article_id, seq)
);

-- The search index (warehouse/search_index.py): derived from articles, rebuilt at will.
CREATE TABLE IF NOT EXISTS search_docs (
    doc_no     INTEGER NOT NULL,                 -- the article's number in the index
    article_id VARCHAR NOT NULL,
    segment    INTEGER NOT NULL,                 -- the load that indexed it
    length     INTEGER NOT NULL,                 -- words in title + body
    live       BOOLEAN NOT NULL,                 -- false once re-extracted or deleted
    duplicate  BOOLEAN NOT NULL DEFAULT FALSE,   -- a syndicated copy (articles.duplicate_of set)
    source_id  VARCHAR NOT NULL,                 -- the article's, copied: search filters read
    day        DATE                              -- one table, not a million-row join; a changed
                                                 -- article is indexed again
);
CREATE INDEX IF NOT EXISTS search_docs_doc_no ON search_docs (doc_no);

-- search_docs that search never returns (NOT live OR duplicate), kept apart: reading them from
-- search_docs was a scan of two million-row columns per query
CREATE TABLE IF NOT EXISTS search_hidden (
    doc_no INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS search_terms (
    term_id INTEGER NOT NULL,
    raw     VARCHAR NOT NULL,                    -- the word as written (lower case)
    term    VARCHAR NOT NULL,                    -- one tone-mark placement: hoà = hòa
    folded  VARCHAR NOT NULL,                    -- without diacritics: what users type
    df      INTEGER NOT NULL,                    -- indexed articles containing it
    max_weight FLOAT NOT NULL,                   -- its highest BM25 term weight (a bound: never lowered)
    term_key   BIGINT,                           -- hashes of term and folded (search_index.word_key):
    folded_key BIGINT                            -- a query finds its words through their indexes
);
CREATE INDEX IF NOT EXISTS search_terms_term_key ON search_terms (term_key);
CREATE INDEX IF NOT EXISTS search_terms_folded_key ON search_terms (folded_key);

CREATE TABLE IF NOT EXISTS search_postings (
    term_id INTEGER NOT NULL,
    segment INTEGER NOT NULL,
    doc_no  INTEGER NOT NULL,
    weight  FLOAT NOT NULL                       -- BM25 term weight, before idf
);  -- each segment sorted by term_id, doc_no

-- Statistic series kept ready (warehouse/series_table.py): derived from figures and articles.
CREATE TABLE IF NOT EXISTS series_periods (
    province_key VARCHAR NOT NULL,               -- the province without diacritics, lower case
    metric       VARCHAR NOT NULL,
    changes      BOOLEAN NOT NULL,               -- reported changes (tăng 5.450 học sinh), not levels
    period       VARCHAR,
    value        DOUBLE,                         -- the value when the period has one report
    reported     VARCHAR,                        -- every report, ' | ' between them
    reports      BIGINT NOT NULL,
    sources      VARCHAR,
    url          VARCHAR
);

CREATE TABLE IF NOT EXISTS series_dirty (      -- series to recompute after the load in progress
    province VARCHAR,
    metric   VARCHAR
);
