-- title: What replaced P2P: outstanding loans by kind of lender, by year-end
-- title_zh: P2P之后:各类放贷机构的年末贷款余额
-- group: What replaced P2P
-- group_zh: P2P之后
-- description: P2P loan balances (every publisher), microloan companies (PBoC, and the NFRA's count
-- description: kept apart), online microloan companies and consumer-finance companies, at each
-- description: year-end from a chosen year, in 亿元. One row per series and publisher: never add them up.
-- param: from_year integer 2013  First year
SELECT year(o.period_end) AS year, o.series_id, o.publisher_id, o.value, o.unit, o.qualifier, o.reliability,
       s.url AS source_url
FROM observations o JOIN sources s USING (source_id)
WHERE o.region = 'CN' AND month(o.period_end) = 12 AND day(o.period_end) = 31
  AND o.period_type NOT IN ('range', 'cumulative')
  AND o.series_id IN ('p2p_loan_balance', 'microloan_loan_balance', 'microloan_loan_balance_nfra',
                      'online_microloan_loan_balance', 'consumer_finance_loan_balance')
  AND year(o.period_end) >= $from_year
ORDER BY year, o.series_id, o.publisher_id
