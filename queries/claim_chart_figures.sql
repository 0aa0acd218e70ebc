-- title: Claim check: the figures a claim's chart draws
-- title_zh: 原文说法核查:某条说法的图表所画的数字
-- group: Claim checks
-- group_zh: 原文说法核查
-- description: For a claim whose evidence compares two figures of each series and publisher (end-2014 and
-- description: the latest near 2023; or the peak and the latest), the two observations themselves, with
-- description: publisher, source page and excerpt. `role` is 'from' (2014 or peak) or 'to' (2023 or latest).
-- param: claim text platform_counts_2014_2023  Claim id (claims table)
WITH evidence AS (
    SELECT row_number, evidence::JSON AS e FROM claim_evidence WHERE claim_id = $claim
),
wanted AS (
    -- The peak's own publisher where the evidence names one (it may differ from the latest's); a
    -- figure several publishers tied on is written 'cbirc/pboc', each a match.
    SELECT row_number, e->>'series_id' AS series_id, coalesce(e->>'peak_publisher', e->>'publisher_id') AS publishers,
           'from' AS role,
           CASE WHEN e->>'value_2014' IS NOT NULL THEN '2014' ELSE e->>'peak_period' END AS period_label,
           coalesce(TRY_CAST(e->>'value_2014' AS DOUBLE), TRY_CAST(e->>'peak' AS DOUBLE)) AS value
    FROM evidence
    UNION ALL
    SELECT row_number, e->>'series_id', e->>'publisher_id', 'to',
           coalesce(e->>'period_2023', e->>'latest_period'),
           coalesce(TRY_CAST(e->>'value_2023' AS DOUBLE), TRY_CAST(e->>'latest' AS DOUBLE))
    FROM evidence
)
SELECT DISTINCT ON (w.row_number, w.role) w.row_number, w.role, o.series_id, o.period_end, o.period_label,
       o.period_type, o.region, o.value, o.unit, o.qualifier, o.publisher_id, p.name_zh AS publisher_zh,
       p.name_en AS publisher_en, o.publisher_inferred, o.derived, o.derivation, o.vintage, o.reliability, o.note,
       o.excerpt, s.title AS source_title, s.url AS source_url, s.publisher AS source_site, s.accessed
FROM wanted w
JOIN observations o ON o.series_id = w.series_id AND list_contains(string_split(w.publishers, '/'), o.publisher_id)
     AND o.period_label = w.period_label AND o.region = 'CN' AND o.value = w.value
JOIN publishers p ON p.publisher_id = o.publisher_id
JOIN sources s ON s.source_id = o.source_id
ORDER BY w.row_number, w.role DESC, o.vintage DESC NULLS LAST, o.publisher_id
