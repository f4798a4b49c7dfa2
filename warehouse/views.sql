-- Views over the warehouse tables, re-created at every read-write open (they hold no data).
-- Documented in docs/DATA_DICTIONARY.md.
CREATE OR REPLACE VIEW people AS
SELECT person_key,
       arg_max(name, cnt) AS name,
       list(DISTINCT name ORDER BY name) AS spellings,
       sum(cnt) AS mentions
FROM (SELECT person_key, name, count(*) AS cnt FROM officials GROUP BY ALL)
GROUP BY person_key;

CREATE OR REPLACE VIEW official_roles AS
SELECT o.person_key,
       any_value(p.name) AS person,
       o.position,
       coalesce(o.organization_normalized, o.organization) AS organization,
       bool_or(o.former) AS former,
       min(coalesce(a.published, a.event_date)) AS first_seen,
       max(coalesce(a.published, a.event_date)) AS last_seen,
       count(DISTINCT coalesce(a.duplicate_of, a.article_id)) AS articles
FROM officials o
JOIN articles a USING (article_id)
JOIN people p USING (person_key)
GROUP BY o.person_key, o.position, coalesce(o.organization_normalized, o.organization);

CREATE OR REPLACE VIEW statistic_series AS
SELECT f.province,
       f.metric,
       f.period,
       f.value,
       f.unit,
       f.qualifier,
       f.change,
       f.object,
       f.text AS figure_text,
       f.sentence,
       a.article_id,
       a.url,
       a.title,
       a.published,
       a.source_id
FROM figures f
JOIN articles a USING (article_id)
WHERE a.duplicate_of IS NULL;
