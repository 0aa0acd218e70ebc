-- title: Headline: when the regulators' count of operating P2P platforms reached zero
-- title_zh: 要点:监管部门统计的在运营P2P平台何时归零
-- group: Overview headlines
-- group_zh: 概览要点
-- description: Rule: the earliest period at which a regulator (series p2p_institutions_operating_official,
-- description: medium or high reliability) put the number of P2P institutions in actual operation at zero;
-- description: every regulator that said so for that period is listed. `mid_month` is true when the
-- description: excerpt dates it "mid-<month>" / "中旬" (the period is then the 15th; the page gives no day).
WITH zero AS (
    SELECT o.period_label, o.period_end, o.period_type, o.publisher_id, o.excerpt, s.url AS source_url,
           regexp_matches(o.excerpt, '(?i)\bmid-[a-z]|中旬') AS mid_month
    FROM observations o JOIN sources s USING (source_id)
    WHERE o.series_id = 'p2p_institutions_operating_official' AND o.region = 'CN' AND o.value = 0
      AND o.reliability <> 'low'
)
SELECT period_label, period_end, period_type, mid_month, publisher_id, excerpt, source_url
FROM zero WHERE period_end = (SELECT min(period_end) FROM zero)
ORDER BY publisher_id
