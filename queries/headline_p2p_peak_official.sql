-- title: Headline: the regulators' peak count of P2P platforms
-- title_zh: 要点:监管部门统计的P2P平台数峰值
-- group: Overview headlines
-- group_zh: 概览要点
-- description: Rule: the regulators (CBIRC, PBoC) described the peak in speeches, never with a date or a
-- description: counting rule (series p2p_platforms_peak_official). The headline is the value they stated
-- description: most often (ties: the most recent statement), written "about" because the statements mix
-- description: "around" and "over"; the other statements are listed, never averaged. One row per statement,
-- description: each with the headline columns. Low-reliability rows are left out.
WITH statements AS (
    SELECT o.value, o.qualifier, o.period_label, o.period_end, o.publisher_id, o.excerpt, s.url AS source_url
    FROM observations o JOIN sources s USING (source_id)
    WHERE o.series_id = 'p2p_platforms_peak_official' AND o.region = 'CN' AND o.reliability <> 'low'
),
votes AS (
    SELECT value, count(*) AS statements, max(period_end) AS latest,
           count(DISTINCT coalesce(qualifier, '')) AS qualifiers, any_value(qualifier) AS one_qualifier
    FROM statements GROUP BY value
),
headline AS (
    SELECT value AS headline_value, statements AS headline_statements,
           CASE WHEN qualifiers > 1 THEN 'about' ELSE one_qualifier END AS headline_qualifier
    FROM votes ORDER BY statements DESC, latest DESC LIMIT 1
)
SELECT h.headline_value, h.headline_qualifier, h.headline_statements,
       (SELECT count(*) FROM statements) AS all_statements,
       s.value = h.headline_value AS agrees, s.value, s.qualifier, s.period_label, s.publisher_id,
       s.excerpt, s.source_url
FROM statements s CROSS JOIN headline h
ORDER BY s.period_end, s.publisher_id
