-- title: Microloan companies, national, every quarter-end published
-- title_zh: 小额贷款公司(全国),已公布的每个季末
-- group: What replaced P2P
-- group_zh: P2P之后
-- description: PBoC microloan-company statistics: companies, staff, paid-in capital and loan balance at
-- description: each quarter-end (year-ends included), one row per date.
SELECT period_end,
       max(value) FILTER (WHERE series_id = 'microloan_companies') AS companies,
       max(value) FILTER (WHERE series_id = 'microloan_staff') AS staff,
       max(value) FILTER (WHERE series_id = 'microloan_paid_in_capital') AS paid_in_capital_100m_yuan,
       max(value) FILTER (WHERE series_id = 'microloan_loan_balance') AS loan_balance_100m_yuan
FROM observations
WHERE region = 'CN' AND publisher_id = 'pboc' AND period_type IN ('year', 'quarter')
  AND series_id IN ('microloan_companies', 'microloan_staff', 'microloan_paid_in_capital', 'microloan_loan_balance')
GROUP BY period_end
ORDER BY period_end
