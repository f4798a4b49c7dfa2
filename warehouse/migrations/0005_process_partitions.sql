-- Migration 5: the partitions of a cluster run (`pipeline.py process --cluster`). The stored pages
-- to process are split by source and fetch batch (the crawl run that fetched them); each partition
-- is processed on a worker and loaded in one transaction that also marks its row here done. A run
-- stopped half-way (a worker lost, the client killed) is resumed by the next run of the same
-- command: the partitions done are skipped, the others planned again. Nothing is lost, nothing is
-- loaded twice (a load replaces an article's rows in any case).
CREATE TABLE IF NOT EXISTS process_partitions (
    plan_id      VARCHAR NOT NULL,    -- the run that planned it (a run that resumes a plan keeps its id)
    partition_id VARCHAR NOT NULL,    -- <source_id>/<fetch_run>/<sha1 of first_url, 10 hex>
    source_id    VARCHAR NOT NULL,
    fetch_run    VARCHAR,             -- pages.run_id of its pages: the crawl that fetched them
    first_url    VARCHAR NOT NULL,    -- its pages: this source and fetch run, url from first_url
    last_url     VARCHAR NOT NULL,    -- to last_url (inclusive)
    pages        INTEGER NOT NULL,
    status       VARCHAR NOT NULL,    -- planned | done
    done_at      TIMESTAMP,           -- UTC
    done_by      VARCHAR,             -- the run that loaded it
    worker       VARCHAR,             -- the Dask worker that processed it
    articles     INTEGER,             -- articles it gave
    seconds      DOUBLE,              -- processing time on the worker
    PRIMARY KEY (plan_id, partition_id)
);
