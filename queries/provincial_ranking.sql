-- title: Provinces ranked for one measure and period
-- group: Provinces
-- description: A provincial table (for example PBoC microloan companies by province) ranked from the
-- description: largest, with each province's share of the provincial total.
-- param: series text microloan_loan_balance  Series id
-- param: period text 2016  Period label, e.g. 2016 or 2018-Q1
SELECT rank() OVER (ORDER BY o.value DESC) AS rank, o.region, r.name_zh, r.name_en, o.value, o.unit,
       round(100 * o.value / sum(o.value) OVER (), 2) AS share_pct, o.note
FROM observations o JOIN regions r ON r.code = o.region
WHERE o.series_id = $series AND o.period_label = $period AND o.region LIKE 'CN-%'
ORDER BY rank, o.region
