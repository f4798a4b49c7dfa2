-- Migration 2: raw pages are kept in WARC files beside the database (crawler/page_store.py); a
-- page row points at its record. Bodies stored in body_zlib by earlier versions stay there.
-- A page's processing is recorded on the page: the body it was processed from, or why it failed.
ALTER TABLE pages ADD COLUMN IF NOT EXISTS warc_file VARCHAR;        -- file name in the <db>.pages folder
ALTER TABLE pages ADD COLUMN IF NOT EXISTS warc_offset BIGINT;       -- byte offset of the page's record
ALTER TABLE pages ADD COLUMN IF NOT EXISTS warc_length BIGINT;       -- the record's length in bytes
ALTER TABLE pages ADD COLUMN IF NOT EXISTS processed_sha1 VARCHAR;   -- body_sha1 of the body last processed
ALTER TABLE pages ADD COLUMN IF NOT EXISTS processed_at TIMESTAMP;
ALTER TABLE pages ADD COLUMN IF NOT EXISTS process_error VARCHAR;    -- why the page gave no article, or failed

-- pages processed by earlier versions: those with an article are done
UPDATE pages SET processed_sha1 = pages.body_sha1, processed_at = a.extracted_at
FROM articles a WHERE a.url = pages.url AND a.extracted_at >= pages.fetched_at;

CREATE TABLE IF NOT EXISTS warc_files (              -- how far each WARC file has been read
    name           VARCHAR PRIMARY KEY,
    ingested_bytes BIGINT NOT NULL
);
