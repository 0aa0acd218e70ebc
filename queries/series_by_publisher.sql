-- title: One series, every publisher side by side
-- title_zh: 某一序列,各发布机构并列
-- group: Any series
-- group_zh: 任一序列
-- description: Every observation of a series in one region, with its publisher, source page and excerpt.
-- description: The rows the dashboard's series charts draw (one line per publisher) and export.
-- param: series text p2p_platforms_operating  Series id (see the series table)
-- param: region text CN  CN for national, or an ISO 3166-2:CN code such as CN-GD
SELECT o.series_id, o.period_end, o.period_label, o.period_type, o.region, o.value, o.unit, o.qualifier,
       o.publisher_id, p.name_zh AS publisher_zh, p.name_en AS publisher_en, o.publisher_inferred,
       o.derived, o.derivation, o.vintage, o.reliability, o.note, o.excerpt,
       s.title AS source_title, s.url AS source_url, s.publisher AS source_site, s.accessed
FROM observations o
JOIN publishers p USING (publisher_id)
JOIN sources s USING (source_id)
WHERE o.series_id = $series AND o.region = $region
ORDER BY o.publisher_id, o.period_end, o.vintage NULLS FIRST
