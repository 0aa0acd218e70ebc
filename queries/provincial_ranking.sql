-- title: Provinces ranked for one measure and period
-- title_zh: 某一指标、某一时期的各省排名
-- group: Provinces
-- group_zh: 各省
-- description: A provincial table (for example PBoC microloan companies by province) ranked from the
-- description: largest, with each province's share of the provincial total, publisher, source page and excerpt.
-- param: series text microloan_loan_balance  Series id
-- param: period text 2016  Period label, e.g. 2016 or 2018-Q1
SELECT rank() OVER (ORDER BY o.value DESC) AS rank, o.region, r.name_zh, r.name_en, o.value, o.unit,
       round(100 * o.value / sum(o.value) OVER (), 2) AS share_pct,
       o.series_id, o.period_end, o.period_label, o.period_type, o.qualifier,
       o.publisher_id, p.name_zh AS publisher_zh, p.name_en AS publisher_en, o.publisher_inferred,
       o.derived, o.derivation, o.vintage, o.reliability, o.note, o.excerpt,
       s.title AS source_title, s.url AS source_url, s.publisher AS source_site, s.accessed
FROM observations o
JOIN regions r ON r.code = o.region
JOIN publishers p USING (publisher_id)
JOIN sources s USING (source_id)
WHERE o.series_id = $series AND o.period_label = $period AND o.region LIKE 'CN-%'
ORDER BY rank, o.region
