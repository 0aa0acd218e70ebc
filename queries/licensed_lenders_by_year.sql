-- title: What replaced P2P: licensed lenders by year-end
-- title_zh: P2P之后:各类持牌放贷机构的年末数量
-- group: What replaced P2P
-- group_zh: P2P之后
-- description: Microloan companies (PBoC), online microloan companies and consumer-finance companies,
-- description: with P2P platforms for comparison, at each year-end from a chosen year.
-- param: from_year integer 2010  First year
SELECT year(o.period_end) AS year, o.series_id, o.publisher_id, o.value, o.unit, o.reliability
FROM observations o
WHERE o.region = 'CN' AND month(o.period_end) = 12 AND day(o.period_end) = 31
  AND o.series_id IN ('microloan_companies', 'online_microloan_companies', 'consumer_finance_companies',
                      'p2p_platforms_operating', 'p2p_institutions_operating_official')
  AND year(o.period_end) >= $from_year
ORDER BY year, o.series_id, o.publisher_id
