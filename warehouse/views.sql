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

-- Every reported figure of a non-duplicate article, with where and when it applies and what sort of
-- number it is (kind); a decrease is a negative signed_value.
CREATE OR REPLACE VIEW statistic_reports AS
SELECT f.province,
       f.province_2025,
       f.province_basis,
       f.metric,
       f.kind,
       f.period,
       f.value,
       CASE WHEN f.change = 'decrease' THEN -f.value ELSE f.value END AS signed_value,
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

-- What a series is made of unless asked for more: levels (the totals reported for a period) and,
-- for money, amounts. Changes, intakes, shortages, targets, results and rates are in
-- statistic_reports, by kind.
CREATE OR REPLACE VIEW statistic_series AS
SELECT province, province_2025, metric, kind, period, value, unit, qualifier, object, figure_text, sentence,
       article_id, url, title, published, source_id, province_basis
FROM statistic_reports
WHERE kind IN ('level', 'amount');
