-- title: Headline: money P2P platforms still owed their investors
-- title_zh: 要点:P2P平台仍欠出借人的资金
-- group: Overview headlines
-- group_zh: 概览要点
-- description: Rule: the latest regulators' figure of unrecovered investor funds (series
-- description: p2p_unrecovered_funds_official, medium or high reliability), as of its own period and with its
-- description: qualifier ("more than"). One row per publisher of that latest period.
WITH owed AS (
    SELECT o.value, o.unit, o.qualifier, o.period_label, o.period_end, o.publisher_id, o.excerpt, s.url AS source_url
    FROM observations o JOIN sources s USING (source_id)
    WHERE o.series_id = 'p2p_unrecovered_funds_official' AND o.region = 'CN' AND o.reliability <> 'low'
)
SELECT value, unit, qualifier, period_label, period_end, publisher_id, excerpt, source_url
FROM owed WHERE period_end = (SELECT max(period_end) FROM owed)
ORDER BY publisher_id
